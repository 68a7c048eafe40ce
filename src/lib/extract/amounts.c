/*
 * amounts.c: sums of money, normalised to yuan (元).
 * "5000万元" → 50,000,000; "1.2亿元" → 120,000,000; "10万元/家" → 100,000.
 */
#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "extract/internal.h"
#include "banned.h"

static struct zc_re amount_re = ZC_RE("(?<![\\d.])(\\d{1,3}(?:,\\d{3})+|\\d+)(\\.\\d+)?\\s*(亿元|万元|千元|元)");

/* What a sum holds before its 元: digits, separators, white space (\s), 亿 万 千. */
static bool amount_char(uint32_t c)
{
	return (c >= '0' && c <= '9') || c == ',' || c == '.' || c == ' ' || (c >= '\t' && c <= '\r') ||
	       c == 0x4EBF || c == 0x4E07 || c == 0x5343;
}

int zc_x_amounts(struct zc_ctx *ctx)
{
	struct zc_match m;
	size_t at = 0, to = ctx->end < ctx->npara ? zc_para_offset(ctx, ctx->end) : ctx->len;
	while (zc_re_find_ending(&amount_re, "元", amount_char, ctx->text, to, at, &m)) {
		at = m.end[0];
		char num[48];
		size_t k = 0;
		for (size_t i = m.start[1]; i < m.end[1] && k + 1 < sizeof(num); i++)
			if (ctx->text[i] != ',')
				num[k++] = ctx->text[i];
		if (zc_match_has(&m, 2))
			for (size_t i = m.start[2]; i < m.end[2] && k + 1 < sizeof(num); i++)
				num[k++] = ctx->text[i];
		num[k] = '\0';
		if (k + 1 >= sizeof(num)) /* too many digits to be a sum of money */
			continue;
		double v = strtod(num, NULL);
		if (!isfinite(v))
			continue;
		const char *unit = ctx->text + m.start[3];
		if (!strncmp(unit, "亿元", 6))
			v *= 1e8;
		else if (!strncmp(unit, "万元", 6))
			v *= 1e4;
		else if (!strncmp(unit, "千元", 6))
			v *= 1e3;
		bool dup = false;
		for (size_t i = 0; i < ctx->n->amounts.n && !dup; i++) {
			const struct zc_amount *a = &ZC_VEC_AT(&ctx->n->amounts, struct zc_amount, i);
			dup = a->yuan == v;
		}
		if (dup)
			continue;
		struct zc_amount a = {v, zc_strndup(ctx->text + m.start[0], zc_match_len(&m, 0))};
		if (!a.text || !zc_vec_push(&ctx->n->amounts, &a)) {
			free(a.text);
			return -ENOMEM;
		}
	}
	return 0;
}
