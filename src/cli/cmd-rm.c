/*
 * cmd-rm.c: `zhengce rm` — delete stored notices (with their versions and
 * sources), by id or 文号. All or nothing: one transaction.
 */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>

#include "cli/cli.h"
#include "zhengce/store.h"
#include "banned.h"

static const char usage_text[] =
	"usage: zhengce rm [options] ID|文号...\n"
	"\n"
	"Delete notices from the database, with their versions and sources. When\n"
	"one is not found nothing is deleted.\n"
	"\n"
	"options:\n"
	"      --db PATH        database (default: $ZHENGCE_DB, else ./zhengce.db)\n"
	"  -q, --quiet          do not list what was deleted\n"
	"  -h, --help           show this help\n"
	"\n"
	"exit codes: 0 success, 1 a notice was not found (nothing deleted),\n"
	"2 usage error, 3 database error\n";

int cmd_rm(int argc, char **argv)
{
	static const struct option longopts[] = {{"db", required_argument, NULL, 'd'},
						 {"quiet", no_argument, NULL, 'q'},
						 {"help", no_argument, NULL, 'h'},
						 {NULL, 0, NULL, 0}};
	const char *db = NULL;
	bool quiet = false;
	int c;
	optind = 1;
	while ((c = getopt_long(argc, argv, "qh", longopts, NULL)) != -1) {
		switch (c) {
		case 'd':
			db = optarg;
			break;
		case 'q':
			quiet = true;
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
	struct zc_store *store = cli_open_store(db, 0);
	if (!store)
		return EXIT_OUTPUT;
	int r = zc_store_begin(store);
	for (int i = optind; i < argc && r == 0; i++) {
		int64_t id;
		if ((r = zc_store_resolve(store, argv[i], &id)) == 0 && (r = zc_store_remove(store, id)) == 0 && !quiet)
			printf("deleted %lld (%s)\n", (long long)id, argv[i]);
	}
	int status = EXIT_OK;
	if (r < 0) {
		cli_error("%s%s", zc_store_error(store), r == -ENOENT ? "; nothing deleted" : "");
		zc_store_rollback(store);
		status = r == -ENOENT ? EXIT_INPUT : EXIT_OUTPUT;
	} else if (zc_store_commit(store) < 0) {
		cli_error("%s", zc_store_error(store));
		status = EXIT_OUTPUT;
	}
	zc_store_close(store);
	return status;
}
