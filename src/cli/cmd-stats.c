/*
 * cmd-stats.c: `zhengce stats` — what the database holds: notices,
 * versions, sources, sizes of the text and of the index, categories.
 * Opening for writing also upgrades an old database in place.
 */
#include <getopt.h>
#include <stdio.h>
#include <unistd.h>

#include "cli/cli.h"
#include "zhengce/render.h"
#include "zhengce/store.h"
#include "banned.h"

static const char usage_text[] =
	"usage: zhengce stats [options]\n"
	"\n"
	"Counts and sizes of the database (and upgrade it when it is older than\n"
	"this zhengce).\n"
	"\n"
	"options:\n"
	"      --db PATH        database (default: $ZHENGCE_DB, else ./zhengce.db)\n"
	"  -f, --format FMT     table or json (default: table on a terminal, else json)\n"
	"      --check          also check the database and its index (exit 3 when damaged)\n"
	"  -h, --help           show this help\n"
	"\n"
	"exit codes: 0 success, 2 usage error, 3 database or output error\n";

int cmd_stats(int argc, char **argv)
{
	static const struct option longopts[] = {{"db", required_argument, NULL, 'd'},
						 {"format", required_argument, NULL, 'f'},
						 {"check", no_argument, NULL, 'c'},
						 {"help", no_argument, NULL, 'h'},
						 {NULL, 0, NULL, 0}};
	enum zc_format format = isatty(1) ? ZC_FORMAT_TABLE : ZC_FORMAT_JSON;
	const char *db = NULL;
	bool check = false;
	int c;
	optind = 1;
	while ((c = getopt_long(argc, argv, "f:h", longopts, NULL)) != -1) {
		switch (c) {
		case 'd':
			db = optarg;
			break;
		case 'f':
			if (!cli_format_arg(optarg, CLI_FMT(ZC_FORMAT_TABLE) | CLI_FMT(ZC_FORMAT_JSON), &format))
				return EXIT_USAGE;
			break;
		case 'c':
			check = true;
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
		cli_error("stats takes no arguments");
		return EXIT_USAGE;
	}
	/* Read-write when possible (to upgrade), read-only when the file is. */
	const char *where = zc_store_default_location(db);
	struct zc_store *store = cli_open_store(db, access(where, W_OK) == 0 ? 0 : ZC_STORE_READONLY);
	if (!store)
		return EXIT_OUTPUT;
	int status = EXIT_OK;
	if (check && zc_store_check(store) < 0) {
		cli_error("%s", zc_store_error(store));
		zc_store_close(store);
		return EXIT_OUTPUT;
	}
	json_t *st = zc_store_stats(store);
	if (!st) {
		cli_error("%s", zc_store_error(store));
		status = EXIT_OUTPUT;
	} else if (zc_render_stats(stdout, st, format) < 0) {
		cli_error("cannot write output");
		status = EXIT_OUTPUT;
	}
	json_decref(st);
	zc_store_close(store);
	return status;
}
