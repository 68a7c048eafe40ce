/*
 * cmd-list.c: `zhengce list` — stored notices filtered and sorted by
 * deadline, without a query (the engine is in cmd-search.c).
 */
#include "cli/cli.h"
#include "banned.h"

int cmd_list(int argc, char **argv)
{
	return cli_search_main(argc, argv, true);
}
