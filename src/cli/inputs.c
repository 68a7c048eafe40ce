/*
 * inputs.c: what the commands that read notices share: collecting the
 * files under the arguments, and naming read errors.
 */
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#include "cli/cli.h"
#include "zhengce/pipeline.h"
#include "banned.h"

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/*
 * In a directory, read the files that can hold notices: text and HTML
 * (.txt .text .htm .html .shtml .xhtml) and files without an extension.
 * Files named on the command line are always read.
 */
static bool notice_file(const char *name)
{
	static const char *const exts[] = {".txt", ".text", ".htm", ".html", ".shtml", ".xhtml"};
	const char *dot = strrchr(name, '.');
	if (!dot || dot == name)
		return true;
	for (size_t i = 0; i < sizeof(exts) / sizeof(exts[0]); i++)
		if (!strcasecmp(dot, exts[i]))
			return true;
	return false;
}

/* Append the regular files under path (sorted, recursive) to files. */
int cli_collect(const char *path, struct zc_strv *files, int depth)
{
	struct stat st;
	if (stat(path, &st) < 0) {
		cli_error("%s: %s", path, strerror(errno));
		return -1;
	}
	if (!S_ISDIR(st.st_mode)) {
		const char *base = strrchr(path, '/');
		if (depth > 0 && !notice_file(base ? base + 1 : path))
			return 0;
		return zc_strv_add(files, path) < 0 ? -1 : 0;
	}
	if (depth > 32) {
		cli_error("%s: directories nested too deep", path);
		return -1;
	}
	DIR *d = opendir(path);
	if (!d) {
		cli_error("%s: %s", path, strerror(errno));
		return -1;
	}
	struct zc_strv names = {0};
	struct dirent *e;
	int r = 0;
	while ((e = readdir(d)))
		if (e->d_name[0] != '.' && zc_strv_add(&names, e->d_name) < 0)
			r = -1;
	closedir(d);
	qsort(names.v, names.n, sizeof(char *), cmp_str);
	for (size_t i = 0; i < names.n && r == 0; i++) {
		size_t len = strlen(path) + strlen(names.v[i]) + 2;
		char *child = malloc(len);
		if (!child) {
			r = -1;
			break;
		}
		snprintf(child, len, "%s/%s", path, names.v[i]);
		if (cli_collect(child, files, depth + 1) < 0)
			r = r ? r : 1; /* keep going: report, skip */
		free(child);
	}
	zc_strv_free(&names);
	return r < 0 ? -1 : r; /* 1: something under path could not be read */
}

const char *cli_errname(int r)
{
	switch (r) {
	case -EILSEQ:
		return "invalid text encoding";
	case -EMEDIUMTYPE:
		return "binary data, not text";
	case -E2BIG:
		return "input too large";
	case -EIO:
		return "read error";
	case -ENOMEM:
		return "out of memory";
	default:
		return strerror(-r);
	}
}


int cli_pipeline_option(int c, const char *arg, struct zc_options *opts)
{
	switch (c) {
	case 't':
		if (!cli_valid_date(arg)) {
			cli_error("--today wants a date as YYYY-MM-DD, not '%s'", arg);
			return -1;
		}
		opts->today = arg;
		return 1;
	case 'e':
		opts->encoding = zc_encoding_from_label(arg, strlen(arg));
		if (opts->encoding == ZC_ENC_AUTO) {
			cli_error("unknown encoding '%s'", arg);
			return -1;
		}
		return 1;
	case 'l':
		opts->decode_flags |= ZC_DECODE_LENIENT;
		return 1;
	default:
		return 0;
	}
}

int cli_collect_args(int argc, char **argv, int first, struct zc_strv *files)
{
	int status = 0;
	if (first == argc && zc_strv_add(files, "-") < 0)
		return -1;
	for (int i = first; i < argc; i++) {
		if (!strcmp(argv[i], "-")) {
			if (zc_strv_add(files, "-") < 0)
				return -1;
		} else if (cli_collect(argv[i], files, 0) != 0) {
			status = 1;
		}
	}
	return status;
}
