/*
 * cmd-digest.c: `zhengce digest` — a bulletin of the notices issued in a
 * period, grouped by category, each with its key elements (文号, issuer,
 * deadline, whom to call, link), in Markdown or HTML.
 */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "cli/filters.h"
#include "zhengce/publish.h"
#include "zhengce/store.h"
#include "banned.h"

static const char usage_text[] =
	"usage: zhengce digest --since DATE [--until DATE] [options] [filters]\n"
	"\n"
	"A bulletin of the stored notices issued from DATE (to --until), grouped by\n"
	"category, newest first within each: a key-elements box per notice (文号,\n"
	"issuer, dates, deadline with the days left, whom to call, link) and the\n"
	"opening of its text. Every piece of notice text is escaped.\n"
	"\n"
	"options:\n"
	"      --db PATH        database (default: $ZHENGCE_DB, else ./zhengce.db)\n"
	"      --since DATE     issued on or after DATE (YYYY-MM-DD), required\n"
	"      --until DATE     issued on or before DATE\n"
	"  -f, --format FMT     md (default) or html (one self-contained page)\n"
	"      --title TEXT     the bulletin's title (default 政策简报)\n"
	"      --base-url URL   link each notice to URL/notice/ID (a zhengce serve site)\n"
	"  -n, --limit N        at most N notices (default 500)\n"
	"  -h, --help           show this help\n"
	"\n";

enum { OPT_DB = OPT_FILTER_END, OPT_SINCE, OPT_UNTIL, OPT_TITLE, OPT_BASE_URL };

int cmd_digest(int argc, char **argv)
{
	static const struct option longopts[] = {
		CLI_FILTER_LONGOPTS,
		{"db", required_argument, NULL, OPT_DB},
		{"since", required_argument, NULL, OPT_SINCE},
		{"until", required_argument, NULL, OPT_UNTIL},
		{"format", required_argument, NULL, 'f'},
		{"title", required_argument, NULL, OPT_TITLE},
		{"base-url", required_argument, NULL, OPT_BASE_URL},
		{"limit", required_argument, NULL, 'n'},
		{"help", no_argument, NULL, 'h'},
		{NULL, 0, NULL, 0}};
	struct zc_search q;
	struct cli_filter_state fst = {-1};
	struct zc_digest_info info = {0};
	enum zc_digest_format format = ZC_DIGEST_MARKDOWN;
	const char *db = NULL;
	int c, status = EXIT_USAGE;
	zc_search_init(&q);
	q.sort = ZC_SORT_DATE;
	q.limit = 500;
	optind = 1;
	while ((c = getopt_long(argc, argv, CLI_FILTER_SHORTOPTS "f:n:h", longopts, NULL)) != -1) {
		int fr = cli_filter_option(c, optarg, &q, &fst);
		if (fr < 0)
			goto out;
		if (fr > 0)
			continue;
		switch (c) {
		case OPT_DB:
			db = optarg;
			break;
		case OPT_SINCE:
		case OPT_UNTIL:
			if (!cli_valid_date(optarg)) {
				cli_error("--%s wants a date as YYYY-MM-DD, not '%s'", c == OPT_SINCE ? "since" : "until", optarg);
				goto out;
			}
			memcpy(c == OPT_SINCE ? q.issued_from : q.issued_to, optarg, 11);
			break;
		case 'f':
			if (!strcmp(optarg, "md") || !strcmp(optarg, "markdown"))
				format = ZC_DIGEST_MARKDOWN;
			else if (!strcmp(optarg, "html"))
				format = ZC_DIGEST_HTML;
			else {
				cli_error("unknown format '%s' (md or html)", optarg);
				goto out;
			}
			break;
		case OPT_TITLE:
			info.title = optarg;
			break;
		case OPT_BASE_URL:
			info.base_url = optarg;
			break;
		case 'n': {
			char *end;
			long n = strtol(optarg, &end, 10);
			if (*end || n < 1 || n > 100000) {
				cli_error("--limit wants a number from 1 to 100000, not '%s'", optarg);
				goto out;
			}
			q.limit = (size_t)n;
			break;
		}
		case 'h':
			printf("%s%s\nexit codes: 0 success, 2 usage error, 3 database or output error\n", usage_text,
			       cli_filter_help);
			status = EXIT_OK;
			goto out;
		default:
			fputs(usage_text, stderr);
			goto out;
		}
	}
	if (optind < argc) {
		cli_error("digest takes filters, not words");
		goto out;
	}
	if (!q.issued_from[0]) {
		cli_error("digest wants --since DATE");
		goto out;
	}
	if (!cli_filter_finish(&q, &fst))
		goto out;
	char today[11];
	cli_today(q.today, today);
	info.since = q.issued_from;
	info.until = q.issued_to[0] ? q.issued_to : NULL;
	info.today = today;
	struct zc_store *store = cli_open_store(db, ZC_STORE_READONLY);
	if (!store) {
		status = EXIT_OUTPUT;
		goto out;
	}
	json_t *records = NULL;
	int r = zc_store_search_records(store, &q, &records);
	if (r < 0) {
		cli_error("%s", r == -ENOMEM ? "out of memory" : zc_store_error(store));
		status = r == -EINVAL ? EXIT_USAGE : EXIT_OUTPUT;
	} else if (zc_render_digest(stdout, records, format, &info) < 0) {
		cli_error("cannot write output");
		status = EXIT_OUTPUT;
	} else {
		status = EXIT_OK;
	}
	json_decref(records);
	zc_store_close(store);
out:
	zc_search_free(&q);
	return status;
}
