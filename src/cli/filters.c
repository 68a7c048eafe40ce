/*
 * filters.c: the filter options shared by `search`, `list` (and later the
 * calendar): they fill a struct zc_search.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cli/cli.h"
#include "cli/filters.h"
#include "banned.h"

const char cli_filter_help[] =
	"filters (repeat --region, --category, --issuer for any of several):\n"
	"  -r, --region R          a region and all inside it: 河北省, 唐山, 冀, 130200,\n"
	"                          or a grouping: 京津冀, 长三角, 珠三角, 成渝, 汾渭平原\n"
	"  -c, --category C        a category (政策文件, 申报通知 …)\n"
	"  -i, --issuer TEXT       an issuer whose name contains TEXT\n"
	"      --issued-from D     issued on or after D (YYYY-MM-DD)\n"
	"      --issued-to D       issued on or before D\n"
	"      --deadline-from D   deadline on or after D\n"
	"      --deadline-to D     deadline on or before D\n"
	"      --deadline-within N deadline from today to N days on (30 or 30d)\n"
	"      --open              open now: a deadline today or later, or a window holding today\n"
	"      --today D           the date 'today' means (default: the system date)\n"
	"      --has-conditions    only notices with eligibility conditions\n"
	"      --doc-number 文号    the notice with this 文号\n"
	"      --cites 文号         notices citing this 文号\n";

static bool date_arg(const char *opt, const char *arg, char out[11])
{
	if (!cli_valid_date(arg)) {
		cli_error("%s wants a date as YYYY-MM-DD, not '%s'", opt, arg);
		return false;
	}
	memcpy(out, arg, 11);
	return true;
}

static int push(struct zc_strv *v, const char *s)
{
	if (zc_strv_add(v, s) < 0) {
		cli_error("out of memory");
		return -1;
	}
	return 1;
}

int cli_filter_option(int c, const char *arg, struct zc_search *q, struct cli_filter_state *st)
{
	switch (c) {
	case 'r':
		return push(&q->regions, arg);
	case 'c':
		return push(&q->categories, arg);
	case 'i':
		return push(&q->issuers, arg);
	case OPT_ISSUED_FROM:
		return date_arg("--issued-from", arg, q->issued_from) ? 1 : -1;
	case OPT_ISSUED_TO:
		return date_arg("--issued-to", arg, q->issued_to) ? 1 : -1;
	case OPT_DEADLINE_FROM:
		return date_arg("--deadline-from", arg, q->deadline_from) ? 1 : -1;
	case OPT_DEADLINE_TO:
		return date_arg("--deadline-to", arg, q->deadline_to) ? 1 : -1;
	case OPT_DEADLINE_WITHIN: {
		char *end;
		long days = strtol(arg, &end, 10);
		if (end == arg || (*end && strcmp(end, "d")) || days < 0 || days > 36500) {
			cli_error("--deadline-within wants a number of days (30 or 30d), not '%s'", arg);
			return -1;
		}
		st->within_days = (int)days;
		return 1;
	}
	case OPT_OPEN:
		q->open_now = true;
		return 1;
	case OPT_TODAY:
		return date_arg("--today", arg, q->today) ? 1 : -1;
	case OPT_HAS_CONDITIONS:
		q->has_conditions = 1;
		return 1;
	case OPT_DOC_NUMBER:
		q->doc_number = arg;
		return 1;
	case OPT_CITES:
		q->cites = arg;
		return 1;
	default:
		return 0;
	}
}

bool cli_filter_finish(struct zc_search *q, const struct cli_filter_state *st)
{
	if (st->within_days < 0)
		return true;
	if (q->deadline_from[0] || q->deadline_to[0]) {
		cli_error("--deadline-within and --deadline-from/--deadline-to: give one or the other");
		return false;
	}
	struct tm tm = {0};
	if (q->today[0]) {
		tm.tm_year = atoi(q->today) - 1900;
		tm.tm_mon = atoi(q->today + 5) - 1;
		tm.tm_mday = atoi(q->today + 8);
	} else {
		time_t now = time(NULL);
		localtime_r(&now, &tm);
		tm.tm_hour = tm.tm_min = tm.tm_sec = 0;
	}
	tm.tm_hour = 12; /* clear of DST edges */
	tm.tm_isdst = -1;
	mktime(&tm);
	strftime(q->deadline_from, sizeof(q->deadline_from), "%Y-%m-%d", &tm);
	tm.tm_mday += st->within_days;
	tm.tm_isdst = -1;
	mktime(&tm);
	strftime(q->deadline_to, sizeof(q->deadline_to), "%Y-%m-%d", &tm);
	return true;
}
