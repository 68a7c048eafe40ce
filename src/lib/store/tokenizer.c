/*
 * tokenizer.c: the FTS5 tokenizer "zhengce" of store schemas 1 to 4,
 * which indexed the texts with FTS5. It stays registered so that such a
 * database can still be written (by the upgrade tests) and upgraded: the
 * upgrade to schema 5 drops the FTS5 table, which needs its tokenizer,
 * and indexes the texts anew (segment.h).
 *
 * Every character of a text, after zc_fold_char(), is one token at its own
 * position; an ASCII word also gets, colocated with its first character, a
 * word token: "\x01" and the word in lower case (tokens.h cuts the same
 * terms for the new index).
 */
#include <ctype.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include <sqlite3.h>

#include "store/tokenizer.h"
#include "utf8.h"
#include "zhengce/clean.h"
#include "banned.h"

#define WORD_MARK '\x01'
#define MAX_WORD 64 /* longer ASCII words are indexed by their first 64 bytes */

struct folded {
	size_t start, end; /* byte range of the character in the input */
	char utf8[4];
	int len;
};

static void fold_at(const char *text, size_t len, size_t at, struct folded *f)
{
	const char *p = text + at;
	uint32_t c = zc_utf8_next(&p, text + len);
	f->start = at;
	f->end = (size_t)(p - text);
	f->len = (int)zc_utf8_put(f->utf8, zc_fold_char(c));
}

static bool is_word_byte(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

/* Emit the word token of the ASCII word starting at cur (folded text). */
static int emit_word(const char *text, size_t len, const struct folded *cur, void *ctx,
		     int (*token)(void *, int, const char *, int, int, int))
{
	char word[1 + MAX_WORD];
	int n = 0;
	size_t at = cur->start, end = at;
	word[n++] = WORD_MARK;
	while (at < len) {
		struct folded f;
		fold_at(text, len, at, &f);
		if (f.len != 1 || !is_word_byte(f.utf8[0]))
			break;
		if (n < (int)sizeof(word))
			word[n++] = (char)tolower((unsigned char)f.utf8[0]);
		end = f.end;
		at = f.end;
	}
	return token(ctx, FTS5_TOKEN_COLOCATED, word, n, (int)cur->start, (int)end);
}

static int tokenize_document(void *ctx, const char *text, size_t len,
			     int (*token)(void *, int, const char *, int, int, int))
{
	bool prev_word = false;
	for (size_t at = 0; at < len;) {
		struct folded cur;
		fold_at(text, len, at, &cur);
		int r = token(ctx, 0, cur.utf8, cur.len, (int)cur.start, (int)cur.end);
		if (r != SQLITE_OK)
			return r;
		bool word = cur.len == 1 && is_word_byte(cur.utf8[0]);
		if (word && !prev_word && (r = emit_word(text, len, &cur, ctx, token)) != SQLITE_OK)
			return r;
		prev_word = word;
		at = cur.end;
	}
	return SQLITE_OK;
}

static int tokenize_query(void *ctx, int flags, const char *text, size_t len,
			  int (*token)(void *, int, const char *, int, int, int))
{
	struct folded cur;
	if (len == 0)
		return SQLITE_OK;
	fold_at(text, len, 0, &cur);
	if (flags & FTS5_TOKENIZE_PREFIX) {
		/* "abc" *: the word-token prefix. The query parser only sends ASCII words. */
		return emit_word(text, len, &cur, ctx, token) == SQLITE_OK ? SQLITE_OK : SQLITE_ERROR;
	}
	for (;;) {
		int r = token(ctx, 0, cur.utf8, cur.len, (int)cur.start, (int)cur.end);
		if (r != SQLITE_OK || cur.end >= len)
			return r;
		fold_at(text, len, cur.end, &cur);
	}
}

/* FTS5 glue. The tokenizer has no state and no arguments. */

static int tok_create(void *ctx, const char **argv, int argc, Fts5Tokenizer **ret)
{
	(void)ctx, (void)argv;
	if (argc != 0)
		return SQLITE_ERROR;
	static char instance; /* any non-NULL pointer */
	*ret = (Fts5Tokenizer *)&instance;
	return SQLITE_OK;
}

static void tok_delete(Fts5Tokenizer *t)
{
	(void)t;
}

static int tok_tokenize(Fts5Tokenizer *t, void *ctx, int flags, const char *text, int len,
			int (*token)(void *, int, const char *, int, int, int))
{
	(void)t;
	if (len < 0)
		return SQLITE_ERROR;
	if ((flags & FTS5_TOKENIZE_QUERY) || (flags & FTS5_TOKENIZE_PREFIX))
		return tokenize_query(ctx, flags, text, (size_t)len, token);
	return tokenize_document(ctx, text, (size_t)len, token);
}

static fts5_api *fts5_api_of(sqlite3 *db)
{
	fts5_api *api = NULL;
	sqlite3_stmt *st = NULL;
	if (sqlite3_prepare_v2(db, "SELECT fts5(?1)", -1, &st, NULL) != SQLITE_OK)
		return NULL;
	sqlite3_bind_pointer(st, 1, (void *)&api, "fts5_api_ptr", NULL);
	sqlite3_step(st);
	sqlite3_finalize(st);
	return api;
}

int zc_fts_register(sqlite3 *db)
{
	fts5_api *api = fts5_api_of(db);
	if (!api || api->iVersion < 2)
		return -ENOSYS;
	fts5_tokenizer tok = {tok_create, tok_delete, tok_tokenize};
	return api->xCreateTokenizer(api, ZC_FTS_TOKENIZER, NULL, &tok, NULL) == SQLITE_OK ? 0 : -EIO;
}
