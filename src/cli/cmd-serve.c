/*
 * cmd-serve.c: `zhengce serve` — the HTTP JSON API, the web UI, digests,
 * feeds and calendars over the store (src/server/, docs/api.md).
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "server/server.h"
#include "zhengce/store.h"
#include "banned.h"

static const char usage_text[] =
	"usage: zhengce serve [options]\n"
	"\n"
	"Serve the store over HTTP: the JSON API (/api/…, described at\n"
	"/api/openapi.json), the web UI (/), the digest (/digest), Atom feeds\n"
	"(/feed.atom?q=…) and calendars (/calendar.ics). See docs/api.md.\n"
	"Stops on SIGINT or SIGTERM.\n"
	"\n"
	"options:\n"
	"      --listen ADDR    HOST:PORT, [IPV6]:PORT or :PORT (default 127.0.0.1:8080;\n"
	"                       port 0 takes a free one, shown on stderr)\n"
	"      --db PATH        database (default: $ZHENGCE_DB, else ./zhengce.db);\n"
	"                       created when missing\n"
	"      --token-file F   a file holding the bearer token that POST and DELETE\n"
	"                       need (one line, 16 characters or more); without it,\n"
	"                       writing is disabled\n"
	"      --base-url URL   the public URL of the site, for links in feeds and\n"
	"                       digests (default: http:// and the Host header)\n"
	"      --threads N      worker threads (default: one per CPU, at least 2)\n"
	"      --timeout S      close connections idle for S seconds (default 15)\n"
	"      --max-body BYTES largest request body (default 8388608)\n"
	"      --cache-mb N     keep up to N MiB of answers (searches, notices, feeds)\n"
	"                       in memory (default 64; 0: none)\n"
	"      --cache-fresh S  while another process writes to the database, cached\n"
	"                       answers stay valid for S seconds (default 1; 0: only\n"
	"                       while the database is unchanged)\n"
	"      --cache-stale S  past that, an answer is still served for up to S more\n"
	"                       seconds while it is recomputed in the background\n"
	"                       (default 60; 0: recomputed before answering)\n"
	"  -q, --quiet          no access log on stderr\n"
	"  -h, --help           show this help\n"
	"\n"
	"exit codes: 0 stopped by a signal, 2 usage error or bad token file,\n"
	"3 the database or the address cannot be used\n";

static bool count_arg(const char *opt, const char *arg, unsigned long max, unsigned long *out)
{
	char *end;
	unsigned long v = strtoul(arg, &end, 10);
	if (!*arg || *end || v < 1 || v > max) {
		cli_error("%s wants a number from 1 to %lu, not '%s'", opt, max, arg);
		return false;
	}
	*out = v;
	return true;
}

int cmd_serve(int argc, char **argv)
{
	enum { OPT_LISTEN = 256, OPT_DB, OPT_TOKEN, OPT_BASE, OPT_THREADS, OPT_TIMEOUT, OPT_MAX_BODY, OPT_CACHE_MB,
	       OPT_CACHE_FRESH, OPT_CACHE_STALE };
	static const struct option longopts[] = {
		{"listen", required_argument, NULL, OPT_LISTEN}, {"db", required_argument, NULL, OPT_DB},
		{"token-file", required_argument, NULL, OPT_TOKEN}, {"base-url", required_argument, NULL, OPT_BASE},
		{"threads", required_argument, NULL, OPT_THREADS}, {"timeout", required_argument, NULL, OPT_TIMEOUT},
		{"max-body", required_argument, NULL, OPT_MAX_BODY}, {"quiet", no_argument, NULL, 'q'},
		{"cache-mb", required_argument, NULL, OPT_CACHE_MB}, {"cache-fresh", required_argument, NULL, OPT_CACHE_FRESH},
		{"cache-stale", required_argument, NULL, OPT_CACHE_STALE}, {"help", no_argument, NULL, 'h'}, {NULL, 0, NULL, 0}};
	struct server_config cfg = {.listen = "127.0.0.1:8080", .cache_bytes = (size_t)64 << 20, .cache_fresh = 1.0,
				   .cache_stale = 60.0};
	const char *db = NULL;
	unsigned long n;
	int c;
	optind = 1;
	while ((c = getopt_long(argc, argv, "qh", longopts, NULL)) != -1) {
		switch (c) {
		case OPT_LISTEN:
			cfg.listen = optarg;
			break;
		case OPT_DB:
			db = optarg;
			break;
		case OPT_TOKEN:
			cfg.token_file = optarg;
			break;
		case OPT_BASE:
			if (strncmp(optarg, "http://", 7) && strncmp(optarg, "https://", 8)) {
				cli_error("--base-url wants an http:// or https:// URL, not '%s'", optarg);
				return EXIT_USAGE;
			}
			cfg.base_url = optarg;
			break;
		case OPT_THREADS:
			if (!count_arg("--threads", optarg, 256, &n))
				return EXIT_USAGE;
			cfg.threads = (unsigned)n;
			break;
		case OPT_TIMEOUT:
			if (!count_arg("--timeout", optarg, 3600, &n))
				return EXIT_USAGE;
			cfg.timeout = (unsigned)n;
			break;
		case OPT_MAX_BODY:
			if (!count_arg("--max-body", optarg, 1ul << 30, &n))
				return EXIT_USAGE;
			cfg.max_body = n;
			break;
		case OPT_CACHE_MB: {
			char *end;
			unsigned long mb = strtoul(optarg, &end, 10);
			if (!*optarg || *end || mb > 65536) {
				cli_error("--cache-mb wants a number of MiB from 0 to 65536, not '%s'", optarg);
				return EXIT_USAGE;
			}
			cfg.cache_bytes = (size_t)mb << 20;
			break;
		}
		case OPT_CACHE_FRESH:
		case OPT_CACHE_STALE: {
			char *end;
			double s = strtod(optarg, &end);
			const char *name = c == OPT_CACHE_FRESH ? "--cache-fresh" : "--cache-stale";
			if (!*optarg || *end || !(s >= 0 && s <= 3600)) {
				cli_error("%s wants seconds from 0 to 3600, not '%s'", name, optarg);
				return EXIT_USAGE;
			}
			*(c == OPT_CACHE_FRESH ? &cfg.cache_fresh : &cfg.cache_stale) = s;
			break;
		}
		case 'q':
			cfg.quiet = true;
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
		cli_error("serve takes no arguments");
		return EXIT_USAGE;
	}
	cfg.db = zc_store_default_location(db);
	/* create (or upgrade) the database once, so that readers find it */
	struct zc_store *s = cli_open_store(db, ZC_STORE_CREATE);
	if (!s)
		return EXIT_OUTPUT;
	zc_store_close(s);
	return server_run(&cfg);
}
