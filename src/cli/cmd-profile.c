/*
 * cmd-profile.c: `zhengce profile check` — validate company profiles
 * (docs/profile.md) and say, field by field, what is wrong.
 */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli/cli.h"
#include "zhengce/profile.h"
#include "zhengce/render.h"
#include "banned.h"

static const char usage_text[] =
	"usage: zhengce profile check [options] PROFILE...\n"
	"\n"
	"Check company profiles: a JSON file holding one profile or an array of\n"
	"them, or a JSON Lines file (.jsonl, one profile per line); '-' reads\n"
	"standard input. docs/profile.md describes the fields.\n"
	"\n"
	"options:\n"
	"  -f, --format FMT     table (default) or json\n"
	"  -q, --quiet          print errors only, no warnings\n"
	"  -h, --help           show this help\n"
	"\n"
	"exit codes: 0 every profile is valid (warnings allowed), 1 some profile\n"
	"has errors or a file cannot be read, 2 usage error, 3 output error\n";

struct check {
	bool json, quiet;
	size_t profiles, invalid;
	json_t *report; /* json: [{file, index, name, valid, problems}] */
};

static void report(struct check *c, const char *file, size_t index, const json_t *o)
{
	struct zc_profile p;
	struct zc_vec problems = ZC_VEC_INIT(struct zc_profile_problem);
	int r = zc_profile_from_json(o, &p, &problems);
	c->profiles++;
	if (r == -ENOMEM) {
		cli_error("out of memory");
		exit(EXIT_OUTPUT);
	}
	if (r < 0)
		c->invalid++;
	json_t *list = c->json ? json_array() : NULL;
	for (size_t i = 0; i < problems.n; i++) {
		const struct zc_profile_problem *pr = &ZC_VEC_AT(&problems, struct zc_profile_problem, i);
		if (c->json) {
			json_array_append_new(list, json_pack("{s:s,s:s,s:s}", "path", pr->path, "severity",
							      pr->warning ? "warning" : "error", "message", pr->message));
		} else if (!pr->warning || !c->quiet) {
			printf("%s #%zu%s%s: %s%s%s: %s\n", file, index + 1, p.name ? " " : "", p.name ? p.name : "",
			       pr->warning ? "warning: " : "error: ", pr->path[0] ? pr->path : "(profile)",
			       "", pr->message);
		}
	}
	if (c->json)
		json_array_append_new(c->report, json_pack("{s:s,s:I,s:s?,s:b,s:o}", "file", file, "index",
							   (json_int_t)index, "name", p.name, "valid", r == 0,
							   "problems", list));
	zc_profile_free(&p);
	zc_vec_free(&problems);
}

static int check_file(struct check *c, const char *path)
{
	FILE *f = strcmp(path, "-") ? fopen(path, "r") : stdin;
	if (!f) {
		cli_error("%s: %s", path, strerror(errno));
		return EXIT_INPUT;
	}
	size_t len = strlen(path);
	bool lines = len > 6 && !strcmp(path + len - 6, ".jsonl");
	int status = EXIT_OK;
	json_error_t e;
	if (lines) {
		char *line = NULL;
		size_t cap = 0, n = 0;
		ssize_t got;
		while ((got = getline(&line, &cap, f)) >= 0) {
			n++;
			if (got <= 1)
				continue;
			json_t *o = json_loads(line, 0, &e);
			if (!o) {
				cli_error("%s:%zu:%d: not JSON: %s", path, n, e.column, e.text);
				status = EXIT_INPUT;
				c->invalid++;
				continue;
			}
			report(c, path, n - 1, o);
			json_decref(o);
		}
		free(line);
	} else {
		json_t *o = json_loadf(f, 0, &e);
		if (!o) {
			cli_error("%s:%d:%d: not JSON: %s", path, e.line, e.column, e.text);
			status = EXIT_INPUT;
			c->invalid++;
		} else if (json_is_array(o)) {
			size_t i;
			json_t *v;
			json_array_foreach(o, i, v)
				report(c, path, i, v);
		} else {
			report(c, path, 0, o);
		}
		json_decref(o);
	}
	if (f != stdin)
		fclose(f);
	return status;
}

int cmd_profile(int argc, char **argv)
{
	static const struct option longopts[] = {{"format", required_argument, NULL, 'f'},
						 {"quiet", no_argument, NULL, 'q'},
						 {"help", no_argument, NULL, 'h'},
						 {NULL, 0, NULL, 0}};
	struct check c = {0};
	enum zc_format format = ZC_FORMAT_TABLE;
	int opt;
	optind = 1;
	if (argc < 2 || strcmp(argv[1], "check")) {
		if (argc >= 2 && (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h"))) {
			fputs(usage_text, stdout);
			return EXIT_OK;
		}
		cli_error("profile wants a subcommand: zhengce profile check PROFILE...");
		return EXIT_USAGE;
	}
	argc--, argv++;
	while ((opt = getopt_long(argc, argv, "f:qh", longopts, NULL)) != -1) {
		switch (opt) {
		case 'f':
			if (!cli_format_arg(optarg, CLI_FMT(ZC_FORMAT_TABLE) | CLI_FMT(ZC_FORMAT_JSON), &format))
				return EXIT_USAGE;
			break;
		case 'q':
			c.quiet = true;
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
		cli_error("which profile? (a JSON or JSON Lines file, or '-')");
		return EXIT_USAGE;
	}
	c.json = format == ZC_FORMAT_JSON;
	c.report = c.json ? json_array() : NULL;
	int status = EXIT_OK;
	for (int i = optind; i < argc; i++)
		if (check_file(&c, argv[i]) != EXIT_OK)
			status = EXIT_INPUT;
	if (c.invalid)
		status = EXIT_INPUT;
	if (c.json) {
		if (json_dumpf(c.report, stdout, JSON_INDENT(2)) < 0 || fputc('\n', stdout) == EOF)
			status = EXIT_OUTPUT;
		json_decref(c.report);
	} else if (!c.quiet) {
		fprintf(stderr, "zhengce: %zu profile%s checked, %zu with errors\n", c.profiles,
			c.profiles == 1 ? "" : "s", c.invalid);
	}
	if (fflush(stdout) == EOF)
		status = EXIT_OUTPUT;
	return status;
}
