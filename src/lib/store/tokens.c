/*
 * tokens.c: cutting a text into index terms (see tokens.h).
 */
#include <ctype.h>

#include "store/tokens.h"
#include "utf8.h"
#include "zhengce/clean.h"
#include "banned.h"

int zc_tokenize(const char *text, size_t len, const struct zc_token_sink *sink)
{
	const char *p = text, *end = text + len;
	char word[ZC_TOKEN_MAX_WORD];
	size_t nword = 0;
	uint32_t pos = 0, word_pos = 0;
	int r = 0;
	while (p < end && r == 0) {
		uint32_t c = zc_fold_char(zc_utf8_next(&p, end));
		if (zc_token_word_char(c)) {
			if (nword == 0)
				word_pos = pos;
			if (nword < sizeof(word))
				word[nword] = (char)tolower((int)c);
			nword++;
		} else if (nword) {
			r = sink->word ? sink->word(sink->ctx, word, nword < sizeof(word) ? nword : sizeof(word), word_pos) : 0;
			nword = 0;
		}
		if (r == 0)
			r = sink->character(sink->ctx, c, pos++);
	}
	if (r == 0 && nword && sink->word)
		r = sink->word(sink->ctx, word, nword < sizeof(word) ? nword : sizeof(word), word_pos);
	return r;
}
