/*
 * cmd-extract.c: `zhengce extract` — read notices from files, directories
 * or stdin and print their key elements.
 */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli/cli.h"
#include "zhengce/pipeline.h"
#include "zhengce/render.h"
#include "zhengce/vec.h"
#include "banned.h"

static const char usage_text[] =
	"usage: zhengce extract [options] [FILE|DIR|-]...\n"
	"\n"
	"Read policy notices (text or HTML; UTF-8, GB18030/GBK or UTF-16) and print\n"
	"the key elements of each. Directories are read recursively (their .txt,\n"
	".html, .htm files and files without an extension); no file or '-' reads\n"
	"standard input.\n"
	"\n"
	"options:\n"
	"  -f, --format FMT     json, jsonl, csv or table (default: table on a terminal, else json)\n"
	"      --today DATE     reference date (YYYY-MM-DD) for notices that give none\n"
	"      --encoding ENC   force the input encoding (utf-8, gb18030, gbk, utf-16le …)\n"
	"      --lenient        replace invalid bytes with U+FFFD and warn, instead of failing\n"
	"  -q, --quiet          no warnings and no progress line\n"
	"  -h, --help           show this help\n"
	"\n"
	"exit codes: 0 success, 1 some input unreadable or undecodable (the rest is\n"
	"printed), 2 usage error, 3 output error or out of memory\n";

struct state {
	struct zc_writer writer;
	bool quiet;
	int write_error;
};

static int on_notice(struct zc_notice *n, void *arg)
{
	struct state *st = arg;
	int r = zc_writer_notice(&st->writer, n);
	if (r < 0) {
		st->write_error = r;
		return 1;
	}
	return 0;
}

static void on_warning(const char *source, size_t offset, const char *msg, void *arg)
{
	struct state *st = arg;
	if (!st->quiet)
		cli_warning("%s: %s (near byte %zu)", source ? source : "<stdin>", msg, offset);
}

int cmd_extract(int argc, char **argv)
{
	static const struct option longopts[] = {
		{"format", required_argument, NULL, 'f'}, {"today", required_argument, NULL, 't'},
		{"encoding", required_argument, NULL, 'e'}, {"lenient", no_argument, NULL, 'l'},
		{"quiet", no_argument, NULL, 'q'},	   {"help", no_argument, NULL, 'h'},
		{NULL, 0, NULL, 0}};
	enum zc_format format = isatty(1) ? ZC_FORMAT_TABLE : ZC_FORMAT_JSON;
	struct zc_options opts = {0};
	struct state st = {0};
	int c;
	optind = 1;
	while ((c = getopt_long(argc, argv, "f:qh", longopts, NULL)) != -1) {
		switch (c) {
		case 'f':
			if (!cli_format_arg(optarg, ~CLI_FMT(ZC_FORMAT_ICS), &format))
				return EXIT_USAGE;
			break;
		case 't':
		case 'e':
		case 'l':
			if (cli_pipeline_option(c, optarg, &opts) < 0)
				return EXIT_USAGE;
			break;
		case 'q':
			st.quiet = true;
			break;
		case 'h':
			fputs(usage_text, stdout);
			return EXIT_OK;
		default:
			fputs(usage_text, stderr);
			return EXIT_USAGE;
		}
	}
	opts.warn = on_warning;
	opts.warn_arg = &st;

	struct zc_strv files = {0};
	int status = EXIT_OK;
	int cr = cli_collect_args(argc, argv, optind, &files);
	if (cr < 0) {
		zc_strv_free(&files);
		return EXIT_OUTPUT;
	}
	if (cr > 0)
		status = EXIT_INPUT;
	bool progress = !st.quiet && files.n > 1 && isatty(2);
	cli_bulk_stdout();
	if (zc_writer_begin(&st.writer, stdout, format, format == ZC_FORMAT_TABLE && cli_color(1)) < 0)
		status = EXIT_OUTPUT;
	for (size_t i = 0; i < files.n && status != EXIT_OUTPUT; i++) {
		const char *path = files.v[i];
		bool is_stdin = !strcmp(path, "-");
		if (progress)
			fprintf(stderr, "\r\033[K[%zu/%zu] %s", i + 1, files.n, path);
		FILE *f = is_stdin ? stdin : fopen(path, "rb");
		if (!f) {
			cli_error("%s: %s", path, strerror(errno));
			status = EXIT_INPUT;
			continue;
		}
		struct zc_diag diag = {0};
		int r = zc_process_file(f, is_stdin ? NULL : path, &opts, on_notice, &st, &diag);
		if (!is_stdin)
			fclose(f);
		if (st.write_error) {
			cli_error("cannot write output: %s", strerror(-st.write_error));
			status = EXIT_OUTPUT;
		} else if (r == -ENOMEM) {
			cli_error("%s: out of memory", path);
			status = EXIT_OUTPUT;
		} else if (r < 0) {
			if (progress)
				fputs("\r\033[K", stderr);
			cli_error("%s: %s%s%s", is_stdin ? "<stdin>" : path, cli_errname(r),
				  diag.message[0] ? ": " : "", diag.message);
			status = EXIT_INPUT;
		}
	}
	if (progress)
		fputs("\r\033[K", stderr);
	if (status != EXIT_OUTPUT && zc_writer_end(&st.writer) < 0) {
		cli_error("cannot write output: %s", strerror(errno));
		status = EXIT_OUTPUT;
	}
	zc_strv_free(&files);
	return status;
}
