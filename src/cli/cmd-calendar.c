/*
 * cmd-calendar.c: `zhengce calendar` — the upcoming deadlines and
 * application windows of the stored notices, filtered like a search and
 * optionally for one company, as a table, JSON or an iCalendar file.
 */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "cli/cli.h"
#include "cli/filters.h"
#include "zhengce/calendar.h"
#include "zhengce/match.h"
#include "zhengce/render.h"
#include "zhengce/store.h"
#include "banned.h"

static const char usage_text[] =
	"usage: zhengce calendar [options] [filters]\n"
	"\n"
	"The deadlines and application windows still to come, soonest first: one\n"
	"event per deadline and per window, with alarms 7 days and 1 day before in\n"
	"iCalendar output (import it into any calendar; UIDs are stable, so a new\n"
	"export updates the events).\n"
	"\n"
	"options:\n"
	"      --db PATH        database (default: $ZHENGCE_DB, else ./zhengce.db)\n"
	"  -f, --format FMT     table, json or ics (default: table on a terminal, else json)\n"
	"  -p, --profile FILE   only notices this company is eligible for or may be\n"
	"                       (needs-check); the verdict goes into each event\n"
	"      --days N         only events starting within N days\n"
	"  -h, --help           show this help\n"
	"\n";

enum { OPT_DB = OPT_FILTER_END, OPT_DAYS };

int cmd_calendar(int argc, char **argv)
{
	static const struct option longopts[] = {
		CLI_FILTER_LONGOPTS,
		{"db", required_argument, NULL, OPT_DB},
		{"format", required_argument, NULL, 'f'},
		{"profile", required_argument, NULL, 'p'},
		{"days", required_argument, NULL, OPT_DAYS},
		{"help", no_argument, NULL, 'h'},
		{NULL, 0, NULL, 0}};
	struct zc_search q;
	struct cli_filter_state fst = {-1};
	enum zc_format format = isatty(1) ? ZC_FORMAT_TABLE : ZC_FORMAT_JSON;
	const char *db = NULL, *profile_path = NULL;
	long days = -1;
	int c, status = EXIT_USAGE;
	zc_search_init(&q);
	optind = 1;
	while ((c = getopt_long(argc, argv, CLI_FILTER_SHORTOPTS "f:p:h", longopts, NULL)) != -1) {
		int fr = cli_filter_option(c, optarg, &q, &fst);
		if (fr < 0)
			goto out;
		if (fr > 0)
			continue;
		switch (c) {
		case OPT_DB:
			db = optarg;
			break;
		case 'f':
			if (!cli_format_arg(optarg, CLI_FMT(ZC_FORMAT_TABLE) | CLI_FMT(ZC_FORMAT_JSON) | CLI_FMT(ZC_FORMAT_ICS),
					    &format))
				goto out;
			break;
		case 'p':
			profile_path = optarg;
			break;
		case OPT_DAYS: {
			char *end;
			days = strtol(optarg, &end, 10);
			if (*end || days < 0) {
				cli_error("--days wants a number of days, not '%s'", optarg);
				goto out;
			}
			break;
		}
		case 'h':
			printf("%s%s\nexit codes: 0 success, 1 the profile has errors, 2 usage error,\n"
			       "3 database or output error\n",
			       usage_text, cli_filter_help);
			status = EXIT_OK;
			goto out;
		default:
			fputs(usage_text, stderr);
			goto out;
		}
	}
	if (optind < argc) {
		cli_error("calendar takes filters, not words (use zhengce search for text)");
		goto out;
	}
	if (!cli_filter_finish(&q, &fst))
		goto out;
	char today[11];
	cli_today(q.today, today);
	memcpy(q.today, today, sizeof(today));
	struct zc_profile profile;
	bool have_profile = false;
	if (profile_path) {
		if ((status = cli_load_profile(profile_path, &profile)) != EXIT_OK)
			goto out;
		have_profile = true;
	}
	struct zc_store *store = cli_open_store(db, ZC_STORE_READONLY);
	if (!store) {
		status = EXIT_OUTPUT;
		goto done;
	}
	json_t *sorted = NULL;
	int r = zc_calendar_collect(store, &q, have_profile ? &profile : NULL, today, days, &sorted);
	if (r < 0) {
		cli_error("%s", r == -ENOMEM ? "out of memory" : zc_store_error(store));
		status = r == -EINVAL ? EXIT_USAGE : EXIT_OUTPUT;
	} else {
		int w = format == ZC_FORMAT_ICS ? zc_calendar_ics(stdout, sorted, have_profile && profile.name ? profile.name : NULL)
			: format == ZC_FORMAT_JSON ? (json_dumpf(sorted, stdout, JSON_INDENT(2)) < 0 || fputc('\n', stdout) == EOF ? -EIO : 0)
						   : zc_render_calendar(stdout, sorted, cli_color(1));
		status = w < 0 || fflush(stdout) == EOF ? EXIT_OUTPUT : EXIT_OK;
		if (status != EXIT_OK)
			cli_error("cannot write output");
	}
	json_decref(sorted);
	zc_store_close(store);
done:
	if (have_profile)
		zc_profile_free(&profile);
out:
	zc_search_free(&q);
	return status;
}
