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

/* Print "zhengce: <message>" to stderr (with colour on a TTY unless NO_COLOR). */
void cli_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void cli_warning(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* True when colour may be used on this stream (a TTY, NO_COLOR unset). */
bool cli_color(int fd);
/* Check a date argument "YYYY-MM-DD". */
bool cli_valid_date(const char *s);

#endif
