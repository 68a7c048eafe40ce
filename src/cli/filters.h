/*
 * filters.h: filter options shared by the commands that search the store.
 */
#ifndef ZC_CLI_FILTERS_H
#define ZC_CLI_FILTERS_H

#include <getopt.h>

#include "zhengce/store.h"

enum {
	OPT_ISSUED_FROM = 256,
	OPT_ISSUED_TO,
	OPT_DEADLINE_FROM,
	OPT_DEADLINE_TO,
	OPT_DEADLINE_WITHIN,
	OPT_OPEN,
	OPT_TODAY,
	OPT_HAS_CONDITIONS,
	OPT_DOC_NUMBER,
	OPT_CITES,
	OPT_FILTER_END, /* commands number their own long-only options from here */
};

#define CLI_FILTER_LONGOPTS                                                                        \
	{"region", required_argument, NULL, 'r'}, {"category", required_argument, NULL, 'c'},       \
	{"issuer", required_argument, NULL, 'i'},                                                   \
	{"issued-from", required_argument, NULL, OPT_ISSUED_FROM},                                  \
	{"issued-to", required_argument, NULL, OPT_ISSUED_TO},                                      \
	{"deadline-from", required_argument, NULL, OPT_DEADLINE_FROM},                              \
	{"deadline-to", required_argument, NULL, OPT_DEADLINE_TO},                                  \
	{"deadline-within", required_argument, NULL, OPT_DEADLINE_WITHIN},                          \
	{"open", no_argument, NULL, OPT_OPEN}, {"today", required_argument, NULL, OPT_TODAY},       \
	{"has-conditions", no_argument, NULL, OPT_HAS_CONDITIONS},                                  \
	{"doc-number", required_argument, NULL, OPT_DOC_NUMBER},                                    \
	{"cites", required_argument, NULL, OPT_CITES}

#define CLI_FILTER_SHORTOPTS "r:c:i:"

extern const char cli_filter_help[];

struct cli_filter_state {
	int within_days; /* -1: not given */
};

/* Handle option c if it is a filter: 1 handled, 0 not a filter, -1 bad value (reported). */
int cli_filter_option(int c, const char *arg, struct zc_search *q, struct cli_filter_state *st);
/* After all options: turn --deadline-within into a deadline range (false,
 * reported, when it clashes with an explicit range). */
bool cli_filter_finish(struct zc_search *q, const struct cli_filter_state *st);

#endif
