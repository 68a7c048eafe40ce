/*
 * main.c: the zhengce command: dispatch to one subcommand (cmd-*.c).
 * Every subcommand only calls libzhengce; this file knows none of them
 * beyond the table below.
 */
#include <stdio.h>
#include <string.h>

#include "cli/cli.h"
#include "zc-config.h"
#include "banned.h"

static const struct cmd commands[] = {
	{"extract", cmd_extract, "read notices and print their key elements"},
	{"ingest", cmd_ingest, "read notices and store them in the database"},
	{"fetch", cmd_fetch, "fetch notices (pages, PDF, DOCX) from the web and store them"},
	{"crawl", cmd_crawl, "keep up with the notice lists of the sites in a sources file"},
	{"sources", cmd_sources, "the crawled sites' health (sources status)"},
	{"search", cmd_search, "full-text search with filters and facets"},
	{"list", cmd_list, "stored notices by deadline (--open, --deadline-within 30d)"},
	{"show", cmd_show, "everything stored about one notice"},
	{"export", cmd_export, "every stored notice as JSON Lines or CSV"},
	{"rm", cmd_rm, "delete stored notices"},
	{"stats", cmd_stats, "what the database holds"},
	{"match", cmd_match, "which stored notices a company can apply for, and why"},
	{"calendar", cmd_calendar, "upcoming deadlines and windows (table, json, ics)"},
	{"digest", cmd_digest, "a bulletin of the notices of a period (md, html)"},
	{"serve", cmd_serve, "the HTTP API, web UI, feeds and calendars"},
	{"profile", cmd_profile, "check company profiles (profile check FILE)"},
};

static void usage(FILE *f)
{
	fprintf(f, "usage: zhengce <command> [options] [args]\n\n"
		   "zhengce turns Chinese government policy notices into structured data.\n\n"
		   "commands:\n");
	for (size_t i = 0; i < sizeof(commands) / sizeof(commands[0]); i++)
		fprintf(f, "  %-10s %s\n", commands[i].name, commands[i].summary);
	fprintf(f, "\nRun 'zhengce <command> --help' for a command's options.\n"
		   "\nexit codes: 0 success, 1 some input unreadable or undecodable (or a\n"
		   "            notice not found, or a profile with errors), 2 usage error\n"
		   "            or bad query, 3 output or database error, or out of memory\n");
}

int main(int argc, char **argv)
{
	if (argc < 2) {
		usage(stderr);
		return EXIT_USAGE;
	}
	if (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h") || !strcmp(argv[1], "help")) {
		usage(stdout);
		return EXIT_OK;
	}
	if (!strcmp(argv[1], "--version") || !strcmp(argv[1], "-V")) {
		printf("zhengce %s\n", ZC_VERSION);
		return EXIT_OK;
	}
	for (size_t i = 0; i < sizeof(commands) / sizeof(commands[0]); i++)
		if (!strcmp(argv[1], commands[i].name))
			return commands[i].run(argc - 1, argv + 1);
	cli_error("unknown command '%s' (see 'zhengce --help')", argv[1]);
	return EXIT_USAGE;
}
