/*
 * cmd-fetch.c: `zhengce fetch URL...` — fetch notices from the web and
 * store them: the page's main content and metadata, its attachments (PDF,
 * DOCX), with the URL, the fetch time and the HTTP validators, so that a
 * second fetch of an unchanged page is a cheap 304.
 */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli/cli.h"
#include "zhengce/acquire.h"
#include "zhengce/store.h"
#include "banned.h"

static const char usage_text[] =
	"usage: zhengce fetch [options] URL...\n"
	"\n"
	"Fetch each URL (http or https) and store the notices it holds: from a\n"
	"notice page its main content (found by text density) with its title,\n"
	"发布时间, 来源 and 文号; from a PDF or DOCX file its text. An unchanged page\n"
	"(ETag, Last-Modified) is not fetched again. One JSON line per URL says what\n"
	"happened (outcome: stored, not-modified or failed, with the reason).\n"
	"\n"
	"options:\n"
	"      --db PATH          database (default: $ZHENGCE_DB, else ./zhengce.db)\n"
	"  -a, --attachments      also fetch and store the attached PDF and DOCX files\n"
	"      --max-bytes N      largest answer, in bytes (default 67108864)\n"
	"      --timeout S        seconds for one whole transfer (default 60)\n"
	"      --force            fetch even when the page is known unchanged\n"
	"      --official         the URLs are a government site's: when the same notice\n"
	"                         is stored from elsewhere, this text is the one shown\n"
	"      --today DATE       the date that completes dates without a year\n"
	"  -h, --help             show this help\n"
	"\n"
	"exit codes: 0 every URL stored or not modified, 1 some URL failed (the\n"
	"others are stored), 2 usage error, 3 database error\n";

int cmd_fetch(int argc, char **argv)
{
	enum { OPT_DB = 256, OPT_MAX_BYTES, OPT_TIMEOUT, OPT_FORCE, OPT_TODAY, OPT_OFFICIAL };
	static const struct option longopts[] = {
		{"db", required_argument, NULL, OPT_DB},       {"attachments", no_argument, NULL, 'a'},
		{"max-bytes", required_argument, NULL, OPT_MAX_BYTES}, {"timeout", required_argument, NULL, OPT_TIMEOUT},
		{"force", no_argument, NULL, OPT_FORCE},       {"today", required_argument, NULL, OPT_TODAY},
		{"official", no_argument, NULL, OPT_OFFICIAL},
		{"help", no_argument, NULL, 'h'},              {NULL, 0, NULL, 0}};
	struct zc_fetch_options o = {0};
	const char *db = NULL;
	int c;
	optind = 1;
	while ((c = getopt_long(argc, argv, "ah", longopts, NULL)) != -1) {
		char *end;
		switch (c) {
		case OPT_DB:
			db = optarg;
			break;
		case 'a':
			o.attachments = true;
			break;
		case OPT_MAX_BYTES:
			o.http.max_bytes = strtoull(optarg, &end, 10);
			if (*end || !o.http.max_bytes) {
				cli_error("--max-bytes wants a number of bytes, not '%s'", optarg);
				return EXIT_USAGE;
			}
			break;
		case OPT_TIMEOUT: {
			long s = strtol(optarg, &end, 10);
			if (*end || s < 1 || s > 3600) {
				cli_error("--timeout wants seconds from 1 to 3600, not '%s'", optarg);
				return EXIT_USAGE;
			}
			o.http.timeout_ms = s * 1000;
			break;
		}
		case OPT_FORCE:
			o.force = true;
			break;
		case OPT_OFFICIAL:
			o.official = true;
			break;
		case OPT_TODAY:
			if (!cli_valid_date(optarg)) {
				cli_error("--today wants a date as YYYY-MM-DD, not '%s'", optarg);
				return EXIT_USAGE;
			}
			o.today = optarg;
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
		cli_error("fetch wants at least one URL");
		return EXIT_USAGE;
	}
	struct zc_store *store = cli_open_store(db, ZC_STORE_CREATE);
	if (!store)
		return EXIT_OUTPUT;
	int status = EXIT_OK;
	for (int i = optind; i < argc && status != EXIT_OUTPUT; i++) {
		json_t *res = NULL;
		int r = zc_fetch(store, argv[i], &o, &res);
		if (r < 0) {
			cli_error("%s: %s", argv[i], r == -ENOMEM ? "out of memory" : zc_store_error(store));
			status = EXIT_OUTPUT;
		} else if (strcmp(json_string_value(json_object_get(res, "outcome")), "failed") == 0) {
			cli_warning("%s: %s", argv[i], json_string_value(json_object_get(res, "error")));
			status = EXIT_INPUT;
		}
		if (res && (json_dumpf(res, stdout, JSON_COMPACT) < 0 || fputc('\n', stdout) == EOF))
			status = EXIT_OUTPUT;
		json_decref(res);
	}
	zc_store_close(store);
	if (fflush(stdout) == EOF)
		status = EXIT_OUTPUT;
	return status;
}
