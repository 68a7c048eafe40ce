/*
 * cmd-match.c: `zhengce match PROFILE` — which stored notices a company can
 * apply for, with the reason for every condition: eligible first, then
 * needs-check, then ineligible; within each, the best score and the
 * soonest deadline first.
 */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "cli/cli.h"
#include "zhengce/match.h"
#include "zhengce/render.h"
#include "zhengce/store.h"
#include "banned.h"

static const char usage_text[] =
	"usage: zhengce match [options] PROFILE\n"
	"       zhengce match [options] --profiles FILE.jsonl --notice ID|文号\n"
	"       zhengce match [options] --profiles FILE.jsonl\n"
	"\n"
	"Match a company profile (docs/profile.md) against the stored notices that\n"
	"have eligibility conditions. Each condition is met, unmet or unknown (the\n"
	"profile lacks the data, or the sentence needs a person), with the value\n"
	"used and the reason; a notice is eligible, ineligible or needs-check.\n"
	"With --profiles, one notice against many companies (one profile per line),\n"
	"streamed: one JSON line (or CSV row) per company, in input order.\n"
	"With --profiles alone, many companies against every notice (--open: every\n"
	"open one): per company the eligible notices' ids and the number of the\n"
	"others; the verdicts are the same, the reasons left out.\n"
	"\n"
	"options:\n"
	"      --db PATH        database (default: $ZHENGCE_DB, else ./zhengce.db)\n"
	"      --open           only notices open today (deadline or window)\n"
	"      --today DATE     the date 'today' means (default: the system date)\n"
	"  -f, --format FMT     table, json, jsonl or csv (default: table on a terminal,\n"
	"                       else json; with --profiles: jsonl)\n"
	"  -n, --limit N        at most N notices (default: all)\n"
	"      --profiles FILE  profiles, one JSON object per line ('-': stdin)\n"
	"      --notice KEY     with --profiles: the notice, by id or 文号\n"
	"      --threads N      with --profiles alone: threads judging (default: one per CPU)\n"
	"      --needs-check-ids  with --profiles alone: list the needs-check notices' ids\n"
	"  -h, --help           show this help\n"
	"\n"
	"exit codes: 0 success, 1 a profile has errors (see zhengce profile check) or\n"
	"the notice is not found, 2 usage error, 3 database or output error\n";

static int print_table(const json_t *results, bool color)
{
	size_t i;
	json_t *m;
	json_array_foreach(results, i, m)
	{
		const char *verdict = json_string_value(json_object_get(m, "verdict"));
		const char *label = !strcmp(verdict, "eligible") ? "可申报" : !strcmp(verdict, "needs-check") ? "待核对" : "不符合";
		const char *deadline = json_string_value(json_object_get(m, "deadline"));
		printf("%s%zu. [%s] %s%s\n", color ? "\033[1m" : "", i + 1, label,
		       json_string_value(json_object_get(m, "title")), color ? "\033[0m" : "");
		printf("   id %lld · 得分 %.2f%s%s\n", (long long)json_integer_value(json_object_get(m, "notice_id")),
		       json_real_value(json_object_get(m, "score")), deadline ? " · 截止 " : "", deadline ? deadline : "");
		size_t k;
		json_t *c;
		json_array_foreach(json_object_get(m, "conditions"), k, c)
		{
			const char *st = json_string_value(json_object_get(c, "status"));
			const char *mark = !strcmp(st, "met") ? "✓" : !strcmp(st, "unmet") ? "✗" : "?";
			printf("   %s %s\n", mark, json_string_value(json_object_get(c, "reason")));
		}
		fputc('\n', stdout);
	}
	return ferror(stdout) ? -EIO : 0;
}

static int print_jsonl(const json_t *results)
{
	size_t i;
	json_t *m;
	json_array_foreach(results, i, m)
		if (json_dumpf(m, stdout, JSON_COMPACT) < 0 || fputc('\n', stdout) == EOF)
			return -EIO;
	return 0;
}

/* The reasons of a match's conditions of one status, joined with "；". */
static void join_reasons(const json_t *m, const char *status, char *out, size_t cap)
{
	size_t k, used = 0;
	json_t *c;
	out[0] = '\0';
	json_array_foreach(json_object_get(m, "conditions"), k, c)
	{
		if (strcmp(json_string_value(json_object_get(c, "status")), status))
			continue;
		int w = snprintf(out + used, cap - used, "%s%s", used ? "；" : "",
				 json_string_value(json_object_get(c, "reason")));
		if (w > 0 && (size_t)w < cap - used)
			used += (size_t)w;
	}
}

static void csv_field(const char *s)
{
	fputc('"', stdout);
	for (; s && *s; s++) {
		if (*s == '"')
			fputc('"', stdout);
		fputc(*s, stdout);
	}
	fputc('"', stdout);
}

static int print_csv(const json_t *results)
{
	fputs("\xEF\xBB\xBFnotice_id,title,verdict,score,deadline,unmet,unknown\r\n", stdout);
	size_t i;
	json_t *m;
	json_array_foreach(results, i, m)
	{
		printf("%lld,", (long long)json_integer_value(json_object_get(m, "notice_id")));
		csv_field(json_string_value(json_object_get(m, "title")));
		printf(",%s,%.3f,%s,", json_string_value(json_object_get(m, "verdict")),
		       json_real_value(json_object_get(m, "score")),
		       json_string_value(json_object_get(m, "deadline")) ? json_string_value(json_object_get(m, "deadline")) : "");
		for (int want = 0; want < 2; want++) {
			char joined[4096];
			join_reasons(m, want ? "unknown" : "unmet", joined, sizeof(joined));
			csv_field(joined);
			fputs(want ? "\r\n" : ",", stdout);
		}
	}
	return ferror(stdout) ? -EIO : 0;
}

/* One notice against every profile of a JSON Lines file, streamed. */
static int match_many(struct zc_store *store, const char *key, const char *path, const char *today,
		      enum zc_format format)
{
	int64_t id;
	int r = zc_store_resolve(store, key, &id);
	json_t *notice = r == 0 ? zc_store_get(store, id, &r) : NULL;
	if (!notice) {
		cli_error("%s", zc_store_error(store));
		return r == -ENOENT ? EXIT_INPUT : EXIT_OUTPUT;
	}
	FILE *f = strcmp(path, "-") ? fopen(path, "r") : stdin;
	if (!f) {
		cli_error("%s: %s", path, strerror(errno));
		json_decref(notice);
		return EXIT_INPUT;
	}
	if (format == ZC_FORMAT_CSV)
		fputs("\xEF\xBB\xBFline,name,credit_code,verdict,score,unmet,unknown\r\n", stdout);
	else if (format == ZC_FORMAT_JSON)
		fputs("[\n", stdout);
	size_t written = 0;
	char *line = NULL;
	size_t cap = 0, lineno = 0, counts[4] = {0, 0, 0, 0}; /* eligible, needs-check, ineligible, bad */
	ssize_t got;
	int status = EXIT_OK;
	while ((got = getline(&line, &cap, f)) >= 0 && status != EXIT_OUTPUT) {
		lineno++;
		if (got <= 1)
			continue;
		struct zc_profile p;
		char msg[400];
		int pr = zc_profile_from_line(line, (size_t)got, &p, msg, sizeof(msg));
		json_t *out;
		if (pr < 0) {
			out = json_pack("{s:I,s:s}", "line", (json_int_t)lineno, "error", msg);
			counts[3]++;
			status = EXIT_INPUT;
		} else {
			out = zc_match_notice(notice, &p, today);
			if (!out) {
				zc_profile_free(&p);
				cli_error("out of memory");
				status = EXIT_OUTPUT;
				break;
			}
			json_object_set_new(out, "line", json_integer((json_int_t)lineno));
			json_object_set_new(out, "name", p.name ? json_string(p.name) : json_null());
			json_object_set_new(out, "credit_code", p.credit_code[0] ? json_string(p.credit_code) : json_null());
			json_object_del(out, "title");
			const char *v = json_string_value(json_object_get(out, "verdict"));
			counts[!strcmp(v, "eligible") ? 0 : !strcmp(v, "needs-check") ? 1 : 2]++;
		}
		zc_profile_free(&p);
		int w;
		if (format == ZC_FORMAT_CSV) {
			printf("%zu,", lineno);
			csv_field(json_string_value(json_object_get(out, "name")));
			fputc(',', stdout);
			csv_field(json_string_value(json_object_get(out, "credit_code")));
			printf(",%s,%.3f,", json_string_value(json_object_get(out, "verdict")) ? json_string_value(json_object_get(out, "verdict")) : "error",
			       json_real_value(json_object_get(out, "score")));
			for (int want = 0; want < 2; want++) {
				char joined[4096];
				join_reasons(out, want ? "unknown" : "unmet", joined, sizeof(joined));
				if (!want && json_object_get(out, "error"))
					snprintf(joined, sizeof(joined), "%s", json_string_value(json_object_get(out, "error")));
				csv_field(joined);
				fputs(want ? "\r\n" : ",", stdout);
			}
			w = ferror(stdout) ? -1 : 0;
		} else {
			if (format == ZC_FORMAT_JSON && written)
				fputs(",\n", stdout);
			w = json_dumpf(out, stdout, JSON_COMPACT) < 0 ? -1 : 0;
			if (format != ZC_FORMAT_JSON && fputc('\n', stdout) == EOF)
				w = -1;
		}
		written++;
		json_decref(out);
		if (w < 0) {
			cli_error("cannot write output");
			status = EXIT_OUTPUT;
		}
	}
	free(line);
	if (format == ZC_FORMAT_JSON)
		fputs(written ? "\n]\n" : "]\n", stdout);
	if (f != stdin)
		fclose(f);
	json_decref(notice);
	fprintf(stderr, "zhengce: %zu eligible, %zu needs-check, %zu ineligible, %zu bad profiles\n", counts[0],
		counts[1], counts[2], counts[3]);
	if (fflush(stdout) == EOF)
		status = EXIT_OUTPUT;
	return status;
}

/* Many profiles against every (open) notice: the compiled plan, streamed. */
static int match_batch(struct zc_store *store, const char *path, const char *today, bool open_only,
		       const struct zc_match_batch_options *opts)
{
	struct zc_match_plan *plan = NULL;
	int r = zc_match_plan_from_store(store, today, open_only, &plan);
	if (r < 0) {
		cli_error("%s", r == -ENOMEM ? "out of memory" : zc_store_error(store));
		return EXIT_OUTPUT;
	}
	FILE *f = strcmp(path, "-") ? fopen(path, "r") : stdin;
	if (!f) {
		cli_error("%s: %s", path, strerror(errno));
		zc_match_plan_free(plan);
		return EXIT_INPUT;
	}
	struct zc_match_batch_stats st;
	r = zc_match_batch(plan, f, stdout, opts, &st);
	bool read_error = ferror(f);
	if (f != stdin)
		fclose(f);
	fprintf(stderr, "zhengce: %zu notices (%zu distinct conditions) × %zu profiles: %zu eligible, %zu needs-check, "
		"%zu ineligible; %zu bad profiles\n", zc_match_plan_size(plan), zc_match_plan_predicates(plan), st.profiles,
		st.eligible, st.needs_check, st.ineligible, st.bad_profiles);
	zc_match_plan_free(plan);
	if (r < 0) {
		cli_error(r == -ENOMEM ? "out of memory" : read_error ? "%s: cannot read" : "cannot write output", path);
		return read_error ? EXIT_INPUT : EXIT_OUTPUT;
	}
	return st.bad_profiles ? EXIT_INPUT : EXIT_OK;
}

int cmd_match(int argc, char **argv)
{
	enum { OPT_DB = 256, OPT_OPEN, OPT_TODAY, OPT_PROFILES, OPT_NOTICE, OPT_THREADS, OPT_NEEDS_CHECK_IDS };
	static const struct option longopts[] = {
		{"db", required_argument, NULL, OPT_DB},     {"open", no_argument, NULL, OPT_OPEN},
		{"today", required_argument, NULL, OPT_TODAY}, {"format", required_argument, NULL, 'f'},
		{"limit", required_argument, NULL, 'n'},     {"help", no_argument, NULL, 'h'},
		{"profiles", required_argument, NULL, OPT_PROFILES}, {"notice", required_argument, NULL, OPT_NOTICE},
		{"threads", required_argument, NULL, OPT_THREADS}, {"needs-check-ids", no_argument, NULL, OPT_NEEDS_CHECK_IDS},
		{NULL, 0, NULL, 0}};
	enum zc_format format = isatty(1) ? ZC_FORMAT_TABLE : ZC_FORMAT_JSON;
	const char *db = NULL, *today_arg = NULL, *profiles = NULL, *notice_key = NULL;
	long limit = -1;
	bool open_only = false, format_given = false;
	struct zc_match_batch_options batch = {0, false, ZC_BATCH_JSONL};
	bool batch_only = false; /* an option that only the many-notices batch takes */
	int c;
	optind = 1;
	while ((c = getopt_long(argc, argv, "f:n:h", longopts, NULL)) != -1) {
		switch (c) {
		case OPT_DB:
			db = optarg;
			break;
		case OPT_OPEN:
			open_only = true;
			break;
		case OPT_PROFILES:
			profiles = optarg;
			break;
		case OPT_NOTICE:
			notice_key = optarg;
			break;
		case OPT_THREADS: {
			char *end;
			long t = strtol(optarg, &end, 10);
			if (*end || t < 1 || t > 64) {
				cli_error("--threads wants a number from 1 to 64, not '%s'", optarg);
				return EXIT_USAGE;
			}
			batch.threads = (unsigned)t;
			batch_only = true;
			break;
		}
		case OPT_NEEDS_CHECK_IDS:
			batch.needs_check_ids = batch_only = true;
			break;
		case OPT_TODAY:
			if (!cli_valid_date(optarg)) {
				cli_error("--today wants a date as YYYY-MM-DD, not '%s'", optarg);
				return EXIT_USAGE;
			}
			today_arg = optarg;
			break;
		case 'f':
			format_given = true;
			if (!cli_format_arg(optarg, CLI_FMT(ZC_FORMAT_TABLE) | CLI_FMT(ZC_FORMAT_JSON) | CLI_FMT(ZC_FORMAT_JSONL) |
							    CLI_FMT(ZC_FORMAT_CSV),
					    &format))
				return EXIT_USAGE;
			break;
		case 'n': {
			char *end;
			limit = strtol(optarg, &end, 10);
			if (*end || limit < 1) {
				cli_error("--limit wants a number of at least 1, not '%s'", optarg);
				return EXIT_USAGE;
			}
			break;
		}
		case 'h':
			fputs(usage_text, stdout);
			return EXIT_OK;
		default:
			fputs(usage_text, stderr);
			return EXIT_USAGE;
		}
	}
	if (profiles && !notice_key) {
		if (optind != argc) {
			cli_error("batch matching wants --profiles FILE and no other profile");
			return EXIT_USAGE;
		}
		if (format_given && format != ZC_FORMAT_JSONL && format != ZC_FORMAT_CSV) {
			cli_error("matching many profiles against every notice writes jsonl or csv");
			return EXIT_USAGE;
		}
		batch.format = format_given && format == ZC_FORMAT_CSV ? ZC_BATCH_CSV : ZC_BATCH_JSONL;
		char today[11];
		cli_today(today_arg, today);
		struct zc_store *store = cli_open_store(db, ZC_STORE_READONLY);
		if (!store)
			return EXIT_OUTPUT;
		int st = match_batch(store, profiles, today, open_only, &batch);
		zc_store_close(store);
		return st;
	}
	if (batch_only) {
		cli_error("--threads and --needs-check-ids go with --profiles alone");
		return EXIT_USAGE;
	}
	if (profiles || notice_key) {
		if (!profiles || !notice_key || optind != argc) {
			cli_error("batch matching wants --profiles FILE and --notice ID|文号, and no other profile");
			return EXIT_USAGE;
		}
		if (!format_given || format == ZC_FORMAT_TABLE)
			format = ZC_FORMAT_JSONL; /* streamed, one line per company */
		char today[11];
		cli_today(today_arg, today);
		struct zc_store *store = cli_open_store(db, ZC_STORE_READONLY);
		if (!store)
			return EXIT_OUTPUT;
		int st = match_many(store, notice_key, profiles, today, format);
		zc_store_close(store);
		return st;
	}
	if (optind + 1 != argc) {
		cli_error("match wants one profile (a JSON file, or '-')");
		return EXIT_USAGE;
	}
	struct zc_profile profile;
	int lr = cli_load_profile(argv[optind], &profile);
	if (lr != EXIT_OK)
		return lr;
	char today[11];
	cli_today(today_arg, today);
	struct zc_store *store = cli_open_store(db, ZC_STORE_READONLY);
	if (!store) {
		zc_profile_free(&profile);
		return EXIT_OUTPUT;
	}
	json_t *sorted = NULL;
	int status = EXIT_OK;
	int r = zc_match_store(store, &profile, today, open_only, limit > 0 ? (size_t)limit : 0, &sorted);
	if (r < 0) {
		cli_error("%s", r == -ENOMEM ? "out of memory" : zc_store_error(store));
		status = EXIT_OUTPUT;
	} else {
		int w = format == ZC_FORMAT_JSON    ? (json_dumpf(sorted, stdout, JSON_INDENT(2)) < 0 || fputc('\n', stdout) == EOF ? -EIO : 0)
			: format == ZC_FORMAT_JSONL ? print_jsonl(sorted)
			: format == ZC_FORMAT_CSV   ? print_csv(sorted)
						    : print_table(sorted, cli_color(1));
		if (w < 0 || fflush(stdout) == EOF) {
			cli_error("cannot write output");
			status = EXIT_OUTPUT;
		}
	}
	json_decref(sorted);
	zc_store_close(store);
	zc_profile_free(&profile);
	return status;
}
