/* options.c: messages, colour and argument checks shared by the subcommands. */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "cli/cli.h"
#include "zhengce/buf.h"
#include "zhengce/profile.h"
#include "zhengce/render.h"
#include "zhengce/store.h"
#include "banned.h"

bool cli_color(int fd)
{
	const char *nc = getenv("NO_COLOR");
	if (nc && nc[0])
		return false;
	const char *term = getenv("TERM");
	return isatty(fd) && !(term && !strcmp(term, "dumb"));
}

void cli_bulk_stdout(void)
{
	/* glibc ignores the size when it is to allocate the buffer itself. */
	static char buffer[(size_t)256 << 10];
	if (!isatty(1))
		setvbuf(stdout, buffer, _IOFBF, sizeof(buffer));
}

static void message(const char *kind, const char *color, const char *fmt, va_list ap)
{
	bool c = cli_color(2);
	fprintf(stderr, "zhengce: %s%s%s", c ? color : "", kind, c ? "\033[0m" : "");
	vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
}

void cli_error(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	message("error: ", "\033[1;31m", fmt, ap);
	va_end(ap);
}

void cli_warning(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	message("warning: ", "\033[1;33m", fmt, ap);
	va_end(ap);
}

bool cli_valid_date(const char *s)
{
	if (!s || strlen(s) != 10 || s[4] != '-' || s[7] != '-')
		return false;
	for (int i = 0; i < 10; i++)
		if (i != 4 && i != 7 && (s[i] < '0' || s[i] > '9'))
			return false;
	int y = atoi(s), m = atoi(s + 5), d = atoi(s + 8);
	static const int mdays[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	if (m < 1 || m > 12 || d < 1 || d > mdays[m - 1])
		return false;
	return m != 2 || d != 29 || (y % 4 == 0 && (y % 100 != 0 || y % 400 == 0));
}

struct zc_store *cli_open_store(const char *db, unsigned flags)
{
	char err[600];
	struct zc_store *s = NULL;
	const char *where = zc_store_default_location(db);
	if (zc_store_open(where, flags, &s, err, sizeof(err)) < 0) {
		cli_error("%s", err);
		return NULL;
	}
	return s;
}

bool cli_format_arg(const char *arg, unsigned allowed, enum zc_format *out)
{
	static const char *const names[] = {[ZC_FORMAT_JSON] = "json", [ZC_FORMAT_JSONL] = "jsonl",
					    [ZC_FORMAT_TABLE] = "table", [ZC_FORMAT_CSV] = "csv", [ZC_FORMAT_ICS] = "ics"};
	enum zc_format f;
	if (zc_format_parse(arg, &f) && (allowed & (1u << f))) {
		*out = f;
		return true;
	}
	struct zc_buf list;
	zc_buf_init(&list, 0);
	int e = 0;
	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if (allowed & (1u << i))
			e |= zc_buf_addf(&list, "%s%s", list.len ? ", " : "", names[i]);
	cli_error("unknown format '%s' (%s)", arg, e == 0 && list.data ? list.data : "");
	zc_buf_free(&list);
	return false;
}

void cli_today(const char *arg, char out[11])
{
	if (arg && arg[0]) {
		memcpy(out, arg, 10);
		out[10] = '\0';
		return;
	}
	time_t now = time(NULL);
	struct tm tm;
	localtime_r(&now, &tm);
	strftime(out, 11, "%Y-%m-%d", &tm);
}

int cli_load_profile(const char *path, struct zc_profile *p)
{
	zc_profile_init(p);
	FILE *f = strcmp(path, "-") ? fopen(path, "r") : stdin;
	if (!f) {
		cli_error("%s: %s", path, strerror(errno));
		return EXIT_INPUT;
	}
	json_error_t je;
	json_t *o = json_loadf(f, 0, &je);
	if (f != stdin)
		fclose(f);
	if (!o) {
		cli_error("%s:%d:%d: not JSON: %s", path, je.line, je.column, je.text);
		return EXIT_INPUT;
	}
	struct zc_vec problems = ZC_VEC_INIT(struct zc_profile_problem);
	int r = zc_profile_from_json(o, p, &problems);
	json_decref(o);
	for (size_t i = 0; i < problems.n; i++) {
		const struct zc_profile_problem *pr = &ZC_VEC_AT(&problems, struct zc_profile_problem, i);
		if (!pr->warning)
			cli_error("%s: %s: %s", path, pr->path[0] ? pr->path : "(profile)", pr->message);
	}
	zc_vec_free(&problems);
	if (r < 0) {
		zc_profile_free(p);
		return r == -EINVAL ? EXIT_INPUT : EXIT_OUTPUT;
	}
	return EXIT_OK;
}
