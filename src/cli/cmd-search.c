/*
 * cmd-search.c: `zhengce search` — full-text search with filters, facets
 * and paging; also the engine of `zhengce list` (cmd-list.c), which is a
 * search without a query, soonest deadline first.
 *
 * `--queries FILE` runs one query per line in one process and prints one
 * JSON line per query (total, top results, elapsed time): batch lookups
 * and the benchmark in bench/.
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
#include "zhengce/buf.h"
#include "zhengce/render.h"
#include "zhengce/store.h"
#include "banned.h"

static const char search_usage[] =
	"usage: zhengce search [options] QUERY...\n"
	"       zhengce search [options] --queries FILE\n"
	"\n"
	"Search the stored notices. A term finds the notices whose title or text\n"
	"contains it exactly (traditional and simplified characters alike):\n"
	"  高新技术             the string\n"
	"  \"申报 通知\"          a phrase, spaces included\n"
	"  高新 认定            both (space is AND)\n"
	"  高新 OR 专精特新     either\n"
	"  高新 -公示           the first without the second\n"
	"  smart*              an ASCII word prefix\n"
	"  cites:文号 doc:文号   notices citing a 文号, the notice with a 文号\n"
	"\n"
	"options:\n"
	"      --db PATH        database (default: $ZHENGCE_DB, else ./zhengce.db)\n"
	"  -f, --format FMT     table, json, jsonl or csv (default: table on a terminal, else json)\n"
	"  -n, --limit N        results per page (default 20)\n"
	"      --offset N       skip the first N results\n"
	"  -s, --sort KEY       relevance, date or deadline (default: relevance with a\n"
	"                       query, else date)\n"
	"      --facets         count results by category, province, issuer and month\n"
	"                       (default in json output)\n"
	"      --no-facets      do not count them\n"
	"      --snippet N      snippet length in characters (default 60)\n"
	"      --queries FILE   one query per line ('-': stdin); one JSON line each. A line\n"
	"                       may be a JSON object with its own filters: {\"query\": …,\n"
	"                       \"region\", \"category\", \"issuer\", \"open\", \"today\", \"sort\",\n"
	"                       \"limit\", \"has_conditions\", \"cites\", \"class\" (echoed)}\n"
	"      --ids-only       results hold only id and score (no snippet): the whole\n"
	"                       result set of a query, cheaply, with a large --limit\n"
	"  -h, --help           show this help\n"
	"\n";

static const char list_usage[] =
	"usage: zhengce list [options]\n"
	"\n"
	"List stored notices, soonest deadline first: e.g. the calls still open and\n"
	"closing within a month: zhengce list --open --deadline-within 30d\n"
	"\n"
	"options:\n"
	"      --db PATH        database (default: $ZHENGCE_DB, else ./zhengce.db)\n"
	"  -f, --format FMT     table, json, jsonl or csv (default: table on a terminal, else json)\n"
	"  -n, --limit N        notices per page (default 50)\n"
	"      --offset N       skip the first N\n"
	"  -s, --sort KEY       deadline (default), date\n"
	"  -h, --help           show this help\n"
	"\n";

static const char exit_help[] = "\nexit codes: 0 success (even with no result), 2 usage error or bad query,\n"
				"3 database or output error\n";

enum { OPT_DB = OPT_FILTER_END, OPT_OFFSET, OPT_FACETS, OPT_NO_FACETS, OPT_SNIPPET, OPT_QUERIES, OPT_IDS_ONLY };

static bool size_arg(const char *opt, const char *arg, size_t max, size_t *out)
{
	char *end;
	long long v = strtoll(arg, &end, 10);
	if (end == arg || *end || v < 0 || (unsigned long long)v > max) {
		cli_error("%s wants a number up to %zu, not '%s'", opt, max, arg);
		return false;
	}
	*out = (size_t)v;
	return true;
}

static double now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

/* Add a string or an array of strings to v. */
static int add_strings(struct zc_strv *v, const json_t *x)
{
	if (json_is_string(x))
		return zc_strv_add(v, json_string_value(x));
	size_t i;
	json_t *e;
	json_array_foreach(x, i, e)
		if (json_is_string(e) && zc_strv_add(v, json_string_value(e)) < 0)
			return -ENOMEM;
	return 0;
}

/*
 * A line of a queries file that is a JSON object: the query and its own
 * filters, on top of those of the command line. Returns NULL (and *why)
 * when the line is not an object of known keys.
 */
static json_t *line_search(const char *line, const struct zc_search *base, struct zc_search *q,
			   const char **why)
{
	static const char *const keys[] = {"query", "region", "category", "issuer", "open", "today",
					   "sort", "limit", "has_conditions", "cites", "class"};
	json_error_t jerr;
	json_t *o = json_loads(line, 0, &jerr);
	*why = "not a JSON object";
	if (!json_is_object(o)) {
		json_decref(o);
		return NULL;
	}
	const char *k;
	json_t *v;
	json_object_foreach(o, k, v)
	{
		bool known = false;
		for (size_t i = 0; i < sizeof(keys) / sizeof(keys[0]); i++)
			known |= !strcmp(k, keys[i]);
		if (!known) {
			*why = "unknown key (query, region, category, issuer, open, today, sort, limit, has_conditions, cites, class)";
			json_decref(o);
			return NULL;
		}
	}
	*q = *base; /* scalars; the lists are copied below */
	memset(&q->regions, 0, sizeof(q->regions));
	memset(&q->categories, 0, sizeof(q->categories));
	memset(&q->issuers, 0, sizeof(q->issuers));
	int e = 0;
	for (size_t i = 0; i < base->regions.n && !e; i++)
		e = zc_strv_add(&q->regions, base->regions.v[i]);
	for (size_t i = 0; i < base->categories.n && !e; i++)
		e = zc_strv_add(&q->categories, base->categories.v[i]);
	for (size_t i = 0; i < base->issuers.n && !e; i++)
		e = zc_strv_add(&q->issuers, base->issuers.v[i]);
	q->query = json_string_value(json_object_get(o, "query"));
	q->cites = json_string_value(json_object_get(o, "cites")) ? json_string_value(json_object_get(o, "cites")) : base->cites;
	if (e < 0 || add_strings(&q->regions, json_object_get(o, "region")) < 0 ||
	    add_strings(&q->categories, json_object_get(o, "category")) < 0 ||
	    add_strings(&q->issuers, json_object_get(o, "issuer")) < 0) {
		*why = "out of memory";
		zc_search_free(q);
		json_decref(o);
		return NULL;
	}
	if (json_is_true(json_object_get(o, "open")))
		q->open_now = true;
	if (json_is_true(json_object_get(o, "has_conditions")))
		q->has_conditions = 1;
	const char *today = json_string_value(json_object_get(o, "today"));
	if (today && strlen(today) == 10)
		memcpy(q->today, today, 11);
	const char *sort = json_string_value(json_object_get(o, "sort"));
	if (sort)
		q->sort = !strcmp(sort, "date") ? ZC_SORT_DATE : !strcmp(sort, "deadline") ? ZC_SORT_DEADLINE : ZC_SORT_RELEVANCE;
	if (json_is_integer(json_object_get(o, "limit")) && json_integer_value(json_object_get(o, "limit")) > 0)
		q->limit = (size_t)json_integer_value(json_object_get(o, "limit"));
	return o;
}

/* One JSON line per query of the file. */
static int run_queries(struct zc_store *store, struct zc_search *q, const char *path)
{
	FILE *f = strcmp(path, "-") ? fopen(path, "r") : stdin;
	if (!f) {
		cli_error("%s: %s", path, strerror(errno));
		return EXIT_USAGE;
	}
	char *line = NULL;
	size_t cap = 0;
	ssize_t len;
	int status = EXIT_OK;
	size_t lineno = 0;
	while ((len = getline(&line, &cap, f)) >= 0) {
		lineno++;
		while (len > 0 && (line[len - 1] == '\n' || line[len - 1] == '\r'))
			line[--len] = '\0';
		if (len == 0)
			continue;
		struct zc_search lq;
		json_t *spec = NULL;
		const char *why = NULL;
		json_t *probe = json_string(line); /* NULL when not UTF-8 */
		json_decref(probe);
		if (!probe) {
			if (printf("{\"query\": null, \"error\": \"line %zu is not valid UTF-8\"}\n", lineno) < 0)
				status = EXIT_OUTPUT;
			continue;
		}
		if (line[0] == '{' && !(spec = line_search(line, q, &lq, &why))) {
			json_t *o = json_pack("{s:s,s:s}", "query", line, "error", why);
			if (!o || json_dumpf(o, stdout, JSON_COMPACT) < 0 || fputc('\n', stdout) == EOF)
				status = EXIT_OUTPUT;
			json_decref(o);
			continue;
		}
		struct zc_search *cur = spec ? &lq : q;
		char label[64] = "";
		if (spec && json_is_string(json_object_get(spec, "class")))
			snprintf(label, sizeof(label), "%s", json_string_value(json_object_get(spec, "class")));
		if (!spec)
			q->query = line;
		json_t *res = NULL;
		double t0 = now_ms();
		int r = zc_store_search(store, cur, &res);
		double ms = now_ms() - t0;
		if (spec) {
			zc_search_free(&lq);
			json_decref(spec);
		}
		json_t *o;
		if (r < 0) {
			o = json_pack("{s:s,s:s}", "query", line, "error", zc_store_error(store));
			if (r != -EINVAL)
				status = EXIT_OUTPUT;
		} else {
			o = json_pack("{s:s,s:O,s:O,s:f}", "query", line, "total", json_object_get(res, "total"),
				      "results", json_object_get(res, "results"), "elapsed_ms", ms);
			if (json_object_get(res, "facets"))
				json_object_set(o, "facets", json_object_get(res, "facets"));
			if (label[0])
				json_object_set_new(o, "class", json_string(label));
		}
		json_decref(res);
		if (!o || json_dumpf(o, stdout, JSON_COMPACT) < 0 || fputc('\n', stdout) == EOF) {
			json_decref(o);
			status = EXIT_OUTPUT;
			break;
		}
		json_decref(o);
	}
	free(line);
	if (f != stdin)
		fclose(f);
	q->query = NULL;
	if (fflush(stdout) == EOF)
		status = EXIT_OUTPUT;
	return status;
}

int cli_search_main(int argc, char **argv, bool list)
{
	static const struct option longopts[] = {
		CLI_FILTER_LONGOPTS,
		{"db", required_argument, NULL, OPT_DB},
		{"format", required_argument, NULL, 'f'},
		{"limit", required_argument, NULL, 'n'},
		{"offset", required_argument, NULL, OPT_OFFSET},
		{"sort", required_argument, NULL, 's'},
		{"facets", no_argument, NULL, OPT_FACETS},
		{"no-facets", no_argument, NULL, OPT_NO_FACETS},
		{"snippet", required_argument, NULL, OPT_SNIPPET},
		{"queries", required_argument, NULL, OPT_QUERIES},
		{"ids-only", no_argument, NULL, OPT_IDS_ONLY},
		{"help", no_argument, NULL, 'h'},
		{NULL, 0, NULL, 0}};
	struct zc_search q;
	struct cli_filter_state fst = {-1};
	enum zc_format format = isatty(1) ? ZC_FORMAT_TABLE : ZC_FORMAT_JSON;
	const char *db = NULL, *queries = NULL;
	int facets = -1, c, status = EXIT_USAGE;
	zc_search_init(&q);
	if (list) {
		q.sort = ZC_SORT_DEADLINE;
		q.limit = 50;
	}
	optind = 1;
	while ((c = getopt_long(argc, argv, CLI_FILTER_SHORTOPTS "f:n:s:h", longopts, NULL)) != -1) {
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
			if (!cli_format_arg(optarg, ~CLI_FMT(ZC_FORMAT_ICS), &format))
				goto out;
			break;
		case 'n':
			if (!size_arg("--limit", optarg, 10000000, &q.limit))
				goto out;
			if (q.limit == 0) {
				cli_error("--limit must be at least 1");
				goto out;
			}
			break;
		case OPT_OFFSET:
			if (!size_arg("--offset", optarg, 100000000, &q.offset))
				goto out;
			break;
		case 's':
			if (!strcmp(optarg, "relevance") && !list)
				q.sort = ZC_SORT_RELEVANCE;
			else if (!strcmp(optarg, "date"))
				q.sort = ZC_SORT_DATE;
			else if (!strcmp(optarg, "deadline"))
				q.sort = ZC_SORT_DEADLINE;
			else {
				cli_error("unknown sort '%s' (%s)", optarg, list ? "deadline or date" : "relevance, date or deadline");
				goto out;
			}
			break;
		case OPT_FACETS:
			facets = 1;
			break;
		case OPT_NO_FACETS:
			facets = 0;
			break;
		case OPT_SNIPPET:
			if (!size_arg("--snippet", optarg, 1000, &q.snippet_chars))
				goto out;
			break;
		case OPT_QUERIES:
			queries = optarg;
			break;
		case OPT_IDS_ONLY:
			q.ids_only = true;
			break;
		case 'h':
			printf("%s%s%s", list ? list_usage : search_usage, cli_filter_help, exit_help);
			status = EXIT_OK;
			goto out;
		default:
			fprintf(stderr, "%s", list ? list_usage : search_usage);
			goto out;
		}
	}
	if (!cli_filter_finish(&q, &fst))
		goto out;
	struct zc_buf query;
	zc_buf_init(&query, 0);
	int e = 0;
	for (int i = optind; i < argc; i++) {
		if (list) {
			cli_error("list takes no query (use zhengce search)");
			zc_buf_free(&query);
			goto out;
		}
		e |= zc_buf_adds(&query, i > optind ? " " : "");
		e |= zc_buf_adds(&query, argv[i]);
	}
	if (e) {
		status = EXIT_OUTPUT;
		goto out;
	}
	if (queries && query.len) {
		cli_error("give a query or --queries FILE, not both");
		zc_buf_free(&query);
		goto out;
	}
	q.facets = facets == 1 || (facets == -1 && format == ZC_FORMAT_JSON && !list && !queries);
	struct zc_store *store = cli_open_store(db, ZC_STORE_READONLY);
	if (!store) {
		zc_buf_free(&query);
		status = EXIT_OUTPUT;
		goto out;
	}
	if (queries) {
		status = run_queries(store, &q, queries);
	} else {
		json_t *res = NULL;
		q.query = query.data;
		int r = zc_store_search(store, &q, &res);
		if (r == -EINVAL) {
			cli_error("%s", zc_store_error(store));
			status = EXIT_USAGE;
		} else if (r < 0) {
			cli_error("%s", zc_store_error(store));
			status = EXIT_OUTPUT;
		} else if (zc_render_search(stdout, res, format, format == ZC_FORMAT_TABLE && cli_color(1)) < 0) {
			cli_error("cannot write output");
			status = EXIT_OUTPUT;
		} else {
			status = EXIT_OK;
		}
		json_decref(res);
		q.query = NULL;
	}
	zc_store_close(store);
	zc_buf_free(&query);
out:
	zc_search_free(&q);
	return status;
}

int cmd_search(int argc, char **argv)
{
	return cli_search_main(argc, argv, false);
}
