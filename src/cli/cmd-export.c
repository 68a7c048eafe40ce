/*
 * cmd-export.c: `zhengce export` — every stored notice, as JSON Lines (the
 * extract contract plus "id"), one JSON array, or CSV for Excel.
 */
#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "cli/cli.h"
#include "zhengce/render.h"
#include "zhengce/store.h"
#include "banned.h"

static const char usage_text[] =
	"usage: zhengce export [options]\n"
	"\n"
	"Write every stored notice to standard output, in id order.\n"
	"\n"
	"options:\n"
	"      --db PATH        database (default: $ZHENGCE_DB, else ./zhengce.db)\n"
	"  -f, --format FMT     jsonl (default), json or csv (UTF-8 with a BOM, for Excel)\n"
	"  -h, --help           show this help\n"
	"\n"
	"exit codes: 0 success, 2 usage error, 3 database or output error\n";

struct export {
	enum zc_format format;
	size_t count;
};

static int on_notice(json_t *n, void *arg)
{
	struct export *ex = arg;
	if (ex->format == ZC_FORMAT_CSV)
		return zc_csv_notice(stdout, n, true) < 0 ? -1 : 0;
	if (ex->format == ZC_FORMAT_JSON && fputs(ex->count ? ",\n" : "", stdout) == EOF)
		return -1;
	ex->count++;
	if (json_dumpf(n, stdout, ex->format == ZC_FORMAT_JSON ? JSON_INDENT(2) : JSON_COMPACT) < 0)
		return -1;
	return ex->format == ZC_FORMAT_JSONL && fputc('\n', stdout) == EOF ? -1 : 0;
}

int cmd_export(int argc, char **argv)
{
	static const struct option longopts[] = {{"db", required_argument, NULL, 'd'},
						 {"format", required_argument, NULL, 'f'},
						 {"help", no_argument, NULL, 'h'},
						 {NULL, 0, NULL, 0}};
	struct export ex = {ZC_FORMAT_JSONL, 0};
	const char *db = NULL;
	int c;
	optind = 1;
	while ((c = getopt_long(argc, argv, "f:h", longopts, NULL)) != -1) {
		switch (c) {
		case 'd':
			db = optarg;
			break;
		case 'f':
			if (!cli_format_arg(optarg, CLI_FMT(ZC_FORMAT_JSONL) | CLI_FMT(ZC_FORMAT_JSON) | CLI_FMT(ZC_FORMAT_CSV),
					    &ex.format))
				return EXIT_USAGE;
			break;
		case 'h':
			fputs(usage_text, stdout);
			return EXIT_OK;
		default:
			fputs(usage_text, stderr);
			return EXIT_USAGE;
		}
	}
	if (optind < argc) {
		cli_error("export takes no arguments");
		return EXIT_USAGE;
	}
	struct zc_store *store = cli_open_store(db, ZC_STORE_READONLY);
	if (!store)
		return EXIT_OUTPUT;
	cli_bulk_stdout();
	int r = 0;
	if (ex.format == ZC_FORMAT_CSV)
		r = zc_csv_begin(stdout, true);
	else if (ex.format == ZC_FORMAT_JSON)
		r = fputs("[\n", stdout) == EOF ? -1 : 0;
	if (r == 0)
		r = zc_store_export(store, on_notice, &ex);
	if (r == 0 && ex.format == ZC_FORMAT_JSON)
		r = fputs("\n]\n", stdout) == EOF ? -1 : 0;
	if (r == 0 && fflush(stdout) == EOF)
		r = -1;
	if (r < 0)
		cli_error("%s", r == -1 ? "cannot write output" : zc_store_error(store));
	zc_store_close(store);
	return r < 0 ? EXIT_OUTPUT : EXIT_OK;
}
