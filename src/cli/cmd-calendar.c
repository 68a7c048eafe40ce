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

struct run {
	const char *today;
	long days;             /* -1: no horizon */
	int64_t *ids;          /* allowed ids, sorted; NULL: all */
	size_t nids;
	struct zc_profile *profile; /* NULL: none */
	json_t *events;
};

static int cmp_id(const void *a, const void *b)
{
	int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
	return (x > y) - (x < y);
}

static long days_until(const char *today, const char *date)
{
	struct tm a = {0}, b = {0};
	a.tm_year = atoi(today) - 1900, a.tm_mon = atoi(today + 5) - 1, a.tm_mday = atoi(today + 8), a.tm_hour = 12;
	b.tm_year = atoi(date) - 1900, b.tm_mon = atoi(date + 5) - 1, b.tm_mday = atoi(date + 8), b.tm_hour = 12;
	return (long)((timegm(&b) - timegm(&a)) / 86400);
}

static int on_notice(json_t *n, void *arg)
{
	struct run *run = arg;
	int64_t id = json_integer_value(json_object_get(n, "id"));
	if (run->ids && !bsearch(&id, run->ids, run->nids, sizeof(*run->ids), cmp_id))
		return 0;
	json_t *events = zc_calendar_events(n, run->today);
	if (!events)
		return -ENOMEM;
	if (!json_array_size(events)) {
		json_decref(events);
		return 0;
	}
	const char *verdict = NULL;
	json_t *m = NULL;
	if (run->profile) {
		m = zc_match_notice(n, run->profile, run->today);
		verdict = m ? json_string_value(json_object_get(m, "verdict")) : NULL;
		if (!verdict || !strcmp(verdict, "ineligible")) {
			json_decref(m);
			json_decref(events);
			return 0;
		}
	}
	size_t i;
	json_t *e;
	json_array_foreach(events, i, e)
	{
		if (run->days >= 0 && days_until(run->today, json_string_value(json_object_get(e, "from"))) > run->days)
			continue;
		if (verdict)
			json_object_set_new(e, "verdict", json_string(verdict));
		json_array_append(run->events, e);
	}
	json_decref(m);
	json_decref(events);
	return 0;
}

static int cmp_event(const void *a, const void *b)
{
	const json_t *x = *(json_t *const *)a, *y = *(json_t *const *)b;
	int c = strcmp(json_string_value(json_object_get(x, "to")), json_string_value(json_object_get(y, "to")));
	return c ? c : strcmp(json_string_value(json_object_get(x, "uid")), json_string_value(json_object_get(y, "uid")));
}

static bool filtered(const struct zc_search *q)
{
	return q->regions.n || q->categories.n || q->issuers.n || q->issued_from[0] || q->issued_to[0] ||
	       q->deadline_from[0] || q->deadline_to[0] || q->open_now || q->has_conditions >= 0 || q->doc_number ||
	       q->cites;
}

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
	struct run run = {today, days, NULL, 0, have_profile ? &profile : NULL, json_array()};
	int r = 0;
	if (filtered(&q)) {
		json_t *res = NULL;
		q.ids_only = true;
		q.limit = 100000000;
		r = zc_store_search(store, &q, &res);
		size_t n = json_array_size(json_object_get(res, "results"));
		run.ids = malloc((n ? n : 1) * sizeof(*run.ids));
		for (size_t i = 0; run.ids && i < n; i++)
			run.ids[i] = json_integer_value(json_object_get(json_array_get(json_object_get(res, "results"), i), "id"));
		run.nids = n;
		if (run.ids)
			qsort(run.ids, n, sizeof(*run.ids), cmp_id);
		json_decref(res);
		if (r == 0 && !run.ids)
			r = -ENOMEM;
	}
	if (r == 0)
		r = zc_store_export(store, on_notice, &run);
	if (r < 0) {
		cli_error("%s", r == -ENOMEM ? "out of memory" : zc_store_error(store));
		status = r == -EINVAL ? EXIT_USAGE : EXIT_OUTPUT;
	} else {
		size_t n = json_array_size(run.events);
		json_t **v = malloc((n ? n : 1) * sizeof(*v)), *sorted = json_array();
		for (size_t i = 0; v && i < n; i++)
			v[i] = json_array_get(run.events, i);
		if (v)
			qsort(v, n, sizeof(*v), cmp_event);
		for (size_t i = 0; v && i < n; i++)
			json_array_append(sorted, v[i]);
		int w = !v ? -ENOMEM
			: format == ZC_FORMAT_ICS ? zc_calendar_ics(stdout, sorted, have_profile && profile.name ? profile.name : NULL)
			: format == ZC_FORMAT_JSON ? (json_dumpf(sorted, stdout, JSON_INDENT(2)) < 0 || fputc('\n', stdout) == EOF ? -EIO : 0)
						   : zc_render_calendar(stdout, sorted, cli_color(1));
		status = w < 0 || fflush(stdout) == EOF ? EXIT_OUTPUT : EXIT_OK;
		if (status != EXIT_OK)
			cli_error("cannot write output");
		free(v);
		json_decref(sorted);
	}
	free(run.ids);
	json_decref(run.events);
	zc_store_close(store);
done:
	if (have_profile)
		zc_profile_free(&profile);
out:
	zc_search_free(&q);
	return status;
}
