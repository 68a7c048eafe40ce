/*
 * cmd-crawl.c: `zhengce crawl [SOURCES]` — keep up with the notice lists
 * of the sites in a sources file (docs/crawl.md), and `zhengce sources
 * status` — each site's health.
 */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli/cli.h"
#include "zhengce/crawl.h"
#include "zhengce/render.h"
#include "zhengce/store.h"
#include "banned.h"

#define DEFAULT_SOURCES "data/sources.json"

static const char crawl_usage[] =
	"usage: zhengce crawl [options] [SOURCES]\n"
	"\n"
	"Crawl the sites of a sources file (default " DEFAULT_SOURCES ", see\n"
	"docs/crawl.md): robots.txt first, the list pages (conditionally), then\n"
	"every notice not yet stored, with its attachments. One host at a time\n"
	"keeps its delay; several sites are crawled at once. Failed requests are\n"
	"retried with backoff. Killed at any point, a crawl resumes where it\n"
	"stopped. Prints one JSON line per page, then a summary per site.\n"
	"\n"
	"options:\n"
	"      --db PATH          database (default: $ZHENGCE_DB, else ./zhengce.db)\n"
	"  -j, --jobs N           sites crawled at once (default 4)\n"
	"      --site ID          only this site (repeatable)\n"
	"      --max-notices N    at most N new notices per site and run\n"
	"      --no-attachments   do not fetch attached files\n"
	"      --retries N        further tries of a failed request (default 2)\n"
	"      --timeout S        seconds for one whole transfer (default 60)\n"
	"  -q, --quiet            no line per page\n"
	"  -h, --help             show this help\n"
	"\n"
	"exit codes: 0 every site walked without error, 1 some pages failed (see\n"
	"zhengce sources status), 2 usage error or bad sources file, 3 database error\n";

static const char sources_usage[] =
	"usage: zhengce sources status [--db PATH] [-f table|json]\n"
	"       zhengce sources check [SOURCES]\n"
	"\n"
	"status: each crawled site's health: last run and success, errors and the\n"
	"last one, notices found on its lists and stored, list pages that stopped\n"
	"matching the site's link pattern.\n"
	"check: read a sources file and report its first problem.\n";

static void print_page(const json_t *rec, void *arg)
{
	(void)arg;
	json_dumpf(rec, stdout, JSON_COMPACT);
	fputc('\n', stdout);
	fflush(stdout);
}

int cmd_crawl(int argc, char **argv)
{
	enum { OPT_DB = 256, OPT_SITE, OPT_MAX_NOTICES, OPT_NO_ATTACHMENTS, OPT_RETRIES, OPT_TIMEOUT };
	static const struct option longopts[] = {
		{"db", required_argument, NULL, OPT_DB},	{"jobs", required_argument, NULL, 'j'},
		{"site", required_argument, NULL, OPT_SITE},    {"max-notices", required_argument, NULL, OPT_MAX_NOTICES},
		{"no-attachments", no_argument, NULL, OPT_NO_ATTACHMENTS}, {"retries", required_argument, NULL, OPT_RETRIES},
		{"timeout", required_argument, NULL, OPT_TIMEOUT}, {"quiet", no_argument, NULL, 'q'},
		{"help", no_argument, NULL, 'h'},		{NULL, 0, NULL, 0}};
	struct zc_crawl_options o = {.fetch = {.attachments = true}};
	struct zc_strv only = {0};
	const char *db = NULL;
	bool quiet = false;
	int c, status = EXIT_USAGE;
	/* tests slow everything down or speed it up: ZHENGCE_CRAWL_DELAY_SCALE */
	const char *scale = getenv("ZHENGCE_CRAWL_DELAY_SCALE");
	if (scale)
		o.delay_scale = atof(scale);
	optind = 1;
	while ((c = getopt_long(argc, argv, "j:qh", longopts, NULL)) != -1) {
		char *end;
		long n;
		switch (c) {
		case OPT_DB:
			db = optarg;
			break;
		case 'j':
			n = strtol(optarg, &end, 10);
			if (*end || n < 1 || n > 64) {
				cli_error("--jobs wants a number from 1 to 64, not '%s'", optarg);
				goto out;
			}
			o.concurrency = (unsigned)n;
			break;
		case OPT_SITE:
			if (zc_strv_add(&only, optarg) < 0)
				goto out;
			break;
		case OPT_MAX_NOTICES:
			n = strtol(optarg, &end, 10);
			if (*end || n < 1) {
				cli_error("--max-notices wants a number of at least 1, not '%s'", optarg);
				goto out;
			}
			o.max_notices = (size_t)n;
			break;
		case OPT_NO_ATTACHMENTS:
			o.fetch.attachments = false;
			break;
		case OPT_RETRIES:
			n = strtol(optarg, &end, 10);
			if (*end || n < 0 || n > 10) {
				cli_error("--retries wants a number from 0 to 10, not '%s'", optarg);
				goto out;
			}
			o.retries = n ? (int)n : -1;
			break;
		case OPT_TIMEOUT:
			n = strtol(optarg, &end, 10);
			if (*end || n < 1 || n > 3600) {
				cli_error("--timeout wants seconds from 1 to 3600, not '%s'", optarg);
				goto out;
			}
			o.fetch.http.timeout_ms = n * 1000;
			break;
		case 'q':
			quiet = true;
			break;
		case 'h':
			fputs(crawl_usage, stdout);
			status = EXIT_OK;
			goto out;
		default:
			fputs(crawl_usage, stderr);
			goto out;
		}
	}
	if (argc - optind > 1) {
		cli_error("crawl takes one sources file");
		goto out;
	}
	const char *path = optind < argc ? argv[optind] : DEFAULT_SOURCES;
	struct zc_sources sources;
	char err[600];
	int r = zc_sources_load(path, &sources, err, sizeof(err));
	if (r < 0) {
		cli_error("%s", r == -ENOMEM ? "out of memory" : err);
		goto out;
	}
	if (only.n && zc_sources_keep(&sources, &only) == 0) {
		cli_error("no site with that id in %s", path);
		zc_sources_free(&sources);
		goto out;
	}
	struct zc_crawl_callbacks cb = {quiet ? NULL : print_page, NULL};
	json_t *summary = NULL;
	r = zc_crawl(zc_store_default_location(db), &sources, &o, &cb, &summary);
	status = r < 0 ? EXIT_OUTPUT : EXIT_OK;
	if (r < 0)
		cli_error("the crawl stopped: %s", strerror(-r));
	size_t i;
	json_t *site;
	json_array_foreach(json_object_get(summary, "sites"), i, site)
	{
		json_t *line = json_pack("{s:O}", "summary", site);
		json_dumpf(line, stdout, JSON_COMPACT);
		fputc('\n', stdout);
		json_decref(line);
		if (status == EXIT_OK && (json_integer_value(json_object_get(site, "failed")) ||
					  json_is_string(json_object_get(site, "error"))))
			status = EXIT_INPUT;
	}
	json_decref(summary);
	zc_sources_free(&sources);
	if (fflush(stdout) == EOF)
		status = EXIT_OUTPUT;
out:
	zc_strv_free(&only);
	return status;
}

static int sources_status(int argc, char **argv)
{
	enum { OPT_DB = 256 };
	static const struct option longopts[] = {{"db", required_argument, NULL, OPT_DB},
						 {"format", required_argument, NULL, 'f'},
						 {"help", no_argument, NULL, 'h'},
						 {NULL, 0, NULL, 0}};
	const char *db = NULL;
	enum zc_format format = isatty(1) ? ZC_FORMAT_TABLE : ZC_FORMAT_JSON;
	int c;
	optind = 1;
	while ((c = getopt_long(argc, argv, "f:h", longopts, NULL)) != -1) {
		if (c == OPT_DB)
			db = optarg;
		else if (c == 'f') {
			if (!cli_format_arg(optarg, CLI_FMT(ZC_FORMAT_TABLE) | CLI_FMT(ZC_FORMAT_JSON), &format))
				return EXIT_USAGE;
		} else if (c == 'h') {
			fputs(sources_usage, stdout);
			return EXIT_OK;
		} else {
			fputs(sources_usage, stderr);
			return EXIT_USAGE;
		}
	}
	struct zc_store *s = cli_open_store(db, ZC_STORE_READONLY);
	if (!s)
		return EXIT_OUTPUT;
	json_t *sites = zc_store_crawl_sites(s);
	int status = sites ? EXIT_OK : EXIT_OUTPUT;
	if (!sites) {
		cli_error("%s", zc_store_error(s));
	} else if (format == ZC_FORMAT_JSON) {
		json_dumpf(sites, stdout, JSON_INDENT(2));
		fputc('\n', stdout);
	} else {
		printf("%-16s %-20s %-20s %6s %6s %6s %6s  %s\n", "site", "last run", "last success", "found", "stored",
		       "errors", "nomatch", "last error");
		size_t i;
		json_t *x;
		json_array_foreach(sites, i, x)
		{
#define S(k) (json_string_value(json_object_get(x, k)) ? json_string_value(json_object_get(x, k)) : "-")
#define N(k) ((long long)json_integer_value(json_object_get(x, k)))
			printf("%-16s %-20s %-20s %6lld %6lld %6lld %6lld  %s\n", S("site"), S("last_run"), S("last_success"),
			       N("items_found"), N("notices_stored"), N("errors"), N("pages_unmatched"), S("last_error"));
#undef S
#undef N
		}
	}
	json_decref(sites);
	zc_store_close(s);
	return fflush(stdout) == EOF ? EXIT_OUTPUT : status;
}

int cmd_sources(int argc, char **argv)
{
	if (argc < 2 || !strcmp(argv[1], "-h") || !strcmp(argv[1], "--help")) {
		fputs(sources_usage, argc < 2 ? stderr : stdout);
		return argc < 2 ? EXIT_USAGE : EXIT_OK;
	}
	if (!strcmp(argv[1], "status"))
		return sources_status(argc - 1, argv + 1);
	if (!strcmp(argv[1], "check")) {
		struct zc_sources s;
		char err[600];
		const char *path = argc > 2 ? argv[2] : DEFAULT_SOURCES;
		int r = zc_sources_load(path, &s, err, sizeof(err));
		if (r < 0) {
			cli_error("%s", err);
			return EXIT_USAGE;
		}
		printf("%s: %zu sites\n", path, s.n);
		zc_sources_free(&s);
		return EXIT_OK;
	}
	cli_error("unknown sources command '%s' (status, check)", argv[1]);
	return EXIT_USAGE;
}
