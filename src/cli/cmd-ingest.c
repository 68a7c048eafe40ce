/*
 * cmd-ingest.c: `zhengce ingest` — read notices, extract their key
 * elements and store them (zc_ingest() in include/zhengce/ingest.h does
 * the work, with its transaction rules; this file handles options and
 * messages).
 */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli/cli.h"
#include "zhengce/ingest.h"
#include "banned.h"

static const char usage_text[] =
	"usage: zhengce ingest [options] [FILE|DIR|-]...\n"
	"\n"
	"Read policy notices, extract their key elements and store them in the\n"
	"database. Directories are read recursively (their .txt, .html, .htm files\n"
	"and files without an extension); '-' (or no file) reads standard input.\n"
	"The same text twice is stored once; a changed notice (same file, same\n"
	"place in it) becomes a new version of it.\n"
	"\n"
	"options:\n"
	"      --db PATH        database (default: $ZHENGCE_DB, else ./zhengce.db)\n"
	"      --batch N        notices per transaction (default 1000)\n"
	"      --source NAME    source name for standard input (default: none)\n"
	"      --today DATE     reference date (YYYY-MM-DD) for notices that give none\n"
	"      --encoding ENC   force the input encoding (utf-8, gb18030, gbk …)\n"
	"      --lenient        replace invalid bytes with U+FFFD instead of failing\n"
	"  -f, --format FMT     summary as table (default, on stderr) or json (on stdout)\n"
	"  -q, --quiet          no warnings and no progress line\n"
	"  -h, --help           show this help\n"
	"\n"
	"exit codes: 0 success, 1 some input unreadable (the rest is stored),\n"
	"2 usage error, 3 database or output error\n";

struct ui {
	bool quiet, progress;
	int status;
};

static void on_warning(const char *source, size_t offset, const char *msg, void *arg)
{
	struct ui *ui = arg;
	if (!ui->quiet)
		cli_warning("%s: %s (near byte %zu)", source ? source : "<stdin>", msg, offset);
}

static void on_file_error(const char *path, int err, const struct zc_diag *diag, size_t kept, void *arg)
{
	struct ui *ui = arg;
	char what[64] = "nothing stored from it";
	if (kept)
		snprintf(what, sizeof(what), "its first %zu notices stored", kept);
	if (ui->progress)
		fputs("\r\033[K", stderr);
	cli_error("%s: %s%s%s (%s)", strcmp(path, "-") ? path : "<stdin>", cli_errname(err),
		  diag && diag->message[0] ? ": " : "", diag ? diag->message : "", what);
	ui->status = EXIT_INPUT;
}

static void on_progress(size_t index, size_t count, const char *path, const struct zc_ingest_stats *st,
			void *arg)
{
	struct ui *ui = arg;
	if (ui->progress)
		fprintf(stderr, "\r\033[K[%zu/%zu] %zu notices  %s", index + 1, count,
			st->added + st->updated + st->unchanged, path);
}

int cmd_ingest(int argc, char **argv)
{
	static const struct option longopts[] = {
		{"db", required_argument, NULL, 'd'},	    {"batch", required_argument, NULL, 'b'},
		{"source", required_argument, NULL, 's'},   {"today", required_argument, NULL, 't'},
		{"encoding", required_argument, NULL, 'e'}, {"lenient", no_argument, NULL, 'l'},
		{"format", required_argument, NULL, 'f'},   {"quiet", no_argument, NULL, 'q'},
		{"help", no_argument, NULL, 'h'},	    {NULL, 0, NULL, 0}};
	struct zc_options opts = {0};
	struct ui ui = {0};
	const char *db = NULL, *stdin_source = NULL;
	long batch = 1000;
	bool json = false;
	int c;
	optind = 1;
	while ((c = getopt_long(argc, argv, "f:qh", longopts, NULL)) != -1) {
		switch (c) {
		case 'd':
			db = optarg;
			break;
		case 'b': {
			char *end;
			batch = strtol(optarg, &end, 10);
			if (*end || batch < 1 || batch > 10000000) {
				cli_error("--batch wants a number of notices, not '%s'", optarg);
				return EXIT_USAGE;
			}
			break;
		}
		case 's':
			stdin_source = optarg;
			break;
		case 't':
		case 'e':
		case 'l':
			if (cli_pipeline_option(c, optarg, &opts) < 0)
				return EXIT_USAGE;
			break;
		case 'f':
			if (strcmp(optarg, "json") && strcmp(optarg, "table")) {
				cli_error("unknown format '%s' (table or json)", optarg);
				return EXIT_USAGE;
			}
			json = !strcmp(optarg, "json");
			break;
		case 'q':
			ui.quiet = true;
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
	opts.warn_arg = &ui;

	struct zc_strv files = {0};
	int cr = cli_collect_args(argc, argv, optind, &files);
	if (cr < 0) {
		zc_strv_free(&files);
		return EXIT_OUTPUT;
	}
	if (cr > 0)
		ui.status = EXIT_INPUT;
	struct zc_store *store = cli_open_store(db, ZC_STORE_CREATE);
	if (!store) {
		zc_strv_free(&files);
		return EXIT_OUTPUT;
	}
	ui.progress = !ui.quiet && files.n > 1 && isatty(2);
	struct zc_ingest_options io = {&opts, (size_t)batch, stdin_source};
	struct zc_ingest_callbacks cb = {on_file_error, on_progress, &ui};
	struct zc_ingest_stats st;
	int r = zc_ingest(store, (const char *const *)files.v, files.n, &io, &cb, &st);
	if (ui.progress)
		fputs("\r\033[K", stderr);
	int status = ui.status;
	if (r < 0) {
		cli_error("%s", r == -ENOMEM ? "out of memory" : zc_store_error(store));
		status = EXIT_OUTPUT;
	}
	if (json)
		printf("{\"files\": %zu, \"failed\": %zu, \"added\": %zu, \"updated\": %zu, \"unchanged\": %zu}\n",
		       st.files, st.failed, st.added, st.updated, st.unchanged);
	else if (!ui.quiet)
		fprintf(stderr, "zhengce: %zu file%s: %zu added, %zu updated, %zu unchanged%s\n", st.files,
			st.files == 1 ? "" : "s", st.added, st.updated, st.unchanged,
			r < 0 ? " (the last batch was rolled back)" : "");
	zc_store_close(store);
	zc_strv_free(&files);
	return status;
}
