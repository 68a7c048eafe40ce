/*
 * tokenizer.h: the FTS5 tokenizer for exact Chinese substring search
 * (internal to the SQLite store; see tokenizer.c for how it works).
 */
#ifndef ZC_STORE_TOKENIZER_H
#define ZC_STORE_TOKENIZER_H

#include <sqlite3.h>

#define ZC_FTS_TOKENIZER "zhengce"

/* Register the tokenizer on this connection. Returns 0, or -ENOSYS when
 * SQLite was built without FTS5. */
int zc_fts_register(sqlite3 *db);

#endif
