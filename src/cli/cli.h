/*
 * cli.h: what the subcommands of the zhengce tool share.
 *
 * Exit codes (documented in docs/cli.md and `zhengce --help`):
 *   0  success
 *   1  some input could not be read or decoded (the rest was processed)
 *   2  usage error (bad option or argument)
 *   3  output could not be written, or out of memory
 */
#ifndef ZC_CLI_H
#define ZC_CLI_H

#include <stdbool.h>

#include "zhengce/vec.h"

enum {
	EXIT_OK = 0,
	EXIT_INPUT = 1,
	EXIT_USAGE = 2,
	EXIT_OUTPUT = 3,
};

struct cmd {
	const char *name;
	int (*run)(int argc, char **argv);
	const char *summary;
};

int cmd_extract(int argc, char **argv);
int cmd_ingest(int argc, char **argv);
int cmd_search(int argc, char **argv);
int cmd_list(int argc, char **argv);
int cmd_show(int argc, char **argv);
int cmd_export(int argc, char **argv);
int cmd_rm(int argc, char **argv);
int cmd_stats(int argc, char **argv);
int cmd_profile(int argc, char **argv);
int cmd_match(int argc, char **argv);
int cmd_calendar(int argc, char **argv);
int cmd_digest(int argc, char **argv);
int cmd_fetch(int argc, char **argv);
int cmd_crawl(int argc, char **argv);
int cmd_sources(int argc, char **argv);
int cmd_serve(int argc, char **argv);
/* search and list share one engine (cmd-search.c). */
int cli_search_main(int argc, char **argv, bool list);

/* Append the regular files under path (sorted, recursive) to files.
 * Returns 0, 1 when something under path could not be read (reported), -1 on failure. */
int cli_collect(const char *path, struct zc_strv *files, int depth);
enum zc_format;
#define CLI_FMT(f) (1u << (f))
/* Parse a --format value among the allowed ones (CLI_FMT(ZC_FORMAT_JSON) | …);
 * reports the choices and returns false for any other. */
bool cli_format_arg(const char *arg, unsigned allowed, enum zc_format *out);

/* The date 'today' means: arg (YYYY-MM-DD, checked by the caller) or the local date. */
void cli_today(const char *arg, char out[11]);

struct zc_profile;
/* Read and check the profile in a JSON file ('-': stdin), reporting its
 * errors by field. EXIT_OK, or EXIT_INPUT / EXIT_OUTPUT (p is then empty). */
int cli_load_profile(const char *path, struct zc_profile *p);

struct zc_store;
/* Open the store at --db / $ZHENGCE_DB / ./zhengce.db; reports and returns NULL on failure. */
struct zc_store *cli_open_store(const char *db, unsigned flags);

struct zc_options;
/* Handle the pipeline options --today (t), --encoding (e), --lenient (l):
 * 1 handled, 0 not one of them, -1 bad value (reported). */
int cli_pipeline_option(int c, const char *arg, struct zc_options *opts);
/* The inputs named by argv[first..argc): files, directories (their notice
 * files), '-'; none means standard input. 0, 1 when some could not be read
 * (reported), -1 when out of memory. */
int cli_collect_args(int argc, char **argv, int first, struct zc_strv *files);

/* A pipeline error code, for people. */
const char *cli_errname(int r);

/* Print "zhengce: <message>" to stderr (with colour on a TTY unless NO_COLOR). */
void cli_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void cli_warning(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* True when colour may be used on this stream (a TTY, NO_COLOR unset). */
bool cli_color(int fd);
/* Give stdout a large buffer when it is not a TTY (a file or a pipe): bulk
 * output then costs one system call per 256 KiB, not per 4 KiB. Call before
 * the first output. */
void cli_bulk_stdout(void);
/* Check a date argument "YYYY-MM-DD". */
bool cli_valid_date(const char *s);

#endif
