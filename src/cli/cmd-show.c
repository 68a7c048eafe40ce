/*
 * cmd-show.c: `zhengce show` — everything stored about one notice: its
 * key elements, its text with the elements marked, its sources and
 * versions, what it cites and which stored notices cite it.
 */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "cli/cli.h"
#include "zhengce/render.h"
#include "zhengce/snippet.h"
#include "zhengce/store.h"
#include "banned.h"

static const char usage_text[] =
	"usage: zhengce show [options] ID|文号...\n"
	"\n"
	"Show stored notices, by id or by 文号 (any bracket style).\n"
	"\n"
	"options:\n"
	"      --db PATH        database (default: $ZHENGCE_DB, else ./zhengce.db)\n"
	"  -f, --format FMT     table or json (default: table on a terminal, else json)\n"
	"  -h, --help           show this help\n"
	"\n"
	"exit codes: 0 success, 1 a notice was not found, 2 usage error,\n"
	"3 database or output error\n";

int cmd_show(int argc, char **argv)
{
	static const struct option longopts[] = {{"db", required_argument, NULL, 'd'},
						 {"format", required_argument, NULL, 'f'},
						 {"help", no_argument, NULL, 'h'},
						 {NULL, 0, NULL, 0}};
	enum zc_format format = isatty(1) ? ZC_FORMAT_TABLE : ZC_FORMAT_JSON;
	const char *db = NULL;
	int c;
	optind = 1;
	while ((c = getopt_long(argc, argv, "f:h", longopts, NULL)) != -1) {
		switch (c) {
		case 'd':
			db = optarg;
			break;
		case 'f':
			if (!cli_format_arg(optarg, CLI_FMT(ZC_FORMAT_TABLE) | CLI_FMT(ZC_FORMAT_JSON) | CLI_FMT(ZC_FORMAT_JSONL),
					    &format))
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
	if (optind == argc) {
		cli_error("which notice? (an id or a 文号)");
		return EXIT_USAGE;
	}
	struct zc_store *store = cli_open_store(db, ZC_STORE_READONLY);
	if (!store)
		return EXIT_OUTPUT;
	int status = EXIT_OK;
	for (int i = optind; i < argc && status != EXIT_OUTPUT; i++) {
		int64_t id;
		int r = zc_store_resolve(store, argv[i], &id);
		json_t *rec = r == 0 ? zc_store_get(store, id, &r) : NULL;
		if (!rec) {
			cli_error("%s", zc_store_error(store));
			status = r == -ENOENT ? EXIT_INPUT : EXIT_OUTPUT;
			continue;
		}
		zc_mark_elements(rec);
		if (format == ZC_FORMAT_TABLE && i > optind)
			fputc('\n', stdout);
		if (zc_render_record(stdout, rec, format, format == ZC_FORMAT_TABLE && cli_color(1)) < 0) {
			cli_error("cannot write output");
			status = EXIT_OUTPUT;
		}
		json_decref(rec);
	}
	zc_store_close(store);
	return status;
}
