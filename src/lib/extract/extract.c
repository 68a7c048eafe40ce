/*
 * extract.c: run the extractors over one notice (see extract.h).
 *
 * Order matters: the title and 文号 fix where the head ends; the signature
 * fixes the notice's date, which the date extractor needs to infer years
 * left out ("8月20日前"); contacts, attachments, conditions and amounts are
 * independent of each other.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "zhengce/extract.h"
#include "extract/datetime.h"
#include "extract/internal.h"
#include "re.h"
#include "utf8.h"
#include "banned.h"

size_t zc_para_at(const struct zc_ctx *ctx, size_t off)
{
	size_t lo = 0, hi = ctx->npara;
	while (hi - lo > 1) {
		size_t mid = (lo + hi) / 2;
		if (zc_para_offset(ctx, mid) <= off)
			lo = mid;
		else
			hi = mid;
	}
	return lo;
}

/* zc_is_space(c), answered without a call for what most text is made of:
 * ASCII letters and signs, and the characters above U+3000 (Chinese), of
 * which only U+FEFF is a space. */
static inline bool is_space(uint32_t c)
{
	if ((c > ' ' && c < 0x80) || (c > 0x3000 && c != 0xFEFF))
		return false;
	return zc_is_space(c);
}

char *zc_squash(const char *s, size_t len)
{
	char *out = malloc(len + 1);
	if (!out)
		return NULL;
	size_t k = 0;
	const char *p = s, *end = s + len;
	while (p < end) {
		const char *q = p;
		if (is_space(zc_utf8_next(&q, end))) {
			p = q;
			continue;
		}
		while (p < q) /* one character: a few bytes */
			out[k++] = *p++;
	}
	out[k] = '\0';
	return out;
}

int zc_add_clean(struct zc_strv *sv, const char *s, size_t len)
{
	s = zc_trim(s, &len);
	static const char *const trail[] = {"。", "，", "；", "、", "：", ".", ",", ";", ":"};
	bool again = true;
	while (again && len) {
		again = false;
		for (size_t k = 0; k < sizeof(trail) / sizeof(trail[0]); k++)
			if (zc_ends_with(s, len, trail[k])) {
				len -= strlen(trail[k]);
				s = zc_trim(s, &len);
				again = true;
			}
	}
	if (!len)
		return 0;
	char *t = zc_strndup(s, len);
	if (!t)
		return -ENOMEM;
	int r = zc_strv_add_unique(sv, t);
	free(t);
	return r;
}

char *zc_display_of(const struct zc_ctx *ctx, size_t off, size_t len)
{
	size_t p = zc_para_at(ctx, off);
	const struct zc_span *a = &ctx->paras[p], *d = &ctx->dparas[p];
	size_t rel = off - zc_para_offset(ctx, p);
	if (a->len == d->len && rel + len <= d->len)
		return zc_strndup(d->s + rel, len);
	return zc_strndup(ctx->text + off, len);
}

/* A reposting site's trailer after the notice: "——以上内容来源于政府官网，由…整理——",
 * "免责声明：…". What follows it is the site's, not the notice's. */
static struct zc_re trailer_re = ZC_RE(
	"^[—\\-－=*～~\\s]*(?:以上(?:内容|信息|文章|政策|全文)?\\s*(?:均|系)?\\s*(?:来源|来自|转自|摘自|整理自|转载自)|"
	"(?:免责)?声明\\s*[:：]\\s*本(?:站|网|平台|号|文))");

/* Can a trailer (trailer_re) start with c: a rule's dash, white space, 以, 免 or 声? */
static bool trailer_start(uint32_t c)
{
	return c == 0x2014 || c == '-' || c == 0xFF0D || c == '=' || c == '*' || c == 0xFF5E || c == '~' ||
	       c == ' ' || (c >= '\t' && c <= '\r') || c == 0x4EE5 || c == 0x514D || c == 0x58F0;
}

static int find_trailer(struct zc_ctx *ctx)
{
	struct zc_match m;
	for (size_t i = ctx->head_end + 1; i < ctx->npara; i++) {
		const struct zc_span *p = &ctx->paras[i];
		const char *q = p->s;
		if (p->len < 400 && p->len && trailer_start(zc_utf8_next(&q, p->s + p->len)) &&
		    zc_re_find(&trailer_re, p->s, p->len, 0, &m)) {
			ctx->end = i;
			break;
		}
	}
	return 0;
}

static size_t split_paras(const char *text, size_t len, struct zc_span **ret)
{
	size_t n = 0, cap = 16;
	struct zc_span *v = malloc(cap * sizeof(*v));
	if (!v)
		return SIZE_MAX;
	const char *p = text, *end = text + len;
	while (p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		const char *e = nl ? nl : end;
		if (n == cap) {
			struct zc_span *w = realloc(v, (cap *= 2) * sizeof(*v));
			if (!w) {
				free(v);
				return SIZE_MAX;
			}
			v = w;
		}
		v[n++] = (struct zc_span){p, (size_t)(e - p)};
		p = nl ? nl + 1 : end;
	}
	*ret = v;
	return n;
}

int zc_extract(const char *analysis, const char *display, const struct zc_extract_opts *opts,
	       struct zc_notice *n)
{
	/* The patterns run without PCRE2's own UTF-8 check: check once here. */
	if (!zc_utf8_valid(analysis, strlen(analysis)) || !zc_utf8_valid(display, strlen(display)))
		return -EILSEQ;
	return zc_extract_valid(analysis, display, opts, n);
}

int zc_extract_valid(const char *analysis, const char *display, const struct zc_extract_opts *opts,
		     struct zc_notice *n)
{
	struct zc_ctx ctx = {0};
	int r = 0;
	ctx.text = analysis;
	ctx.len = strlen(analysis);
	ctx.dtext = display;
	ctx.dlen = display == analysis ? ctx.len : strlen(display);
	ctx.n = n;
	ctx.sig_date = SIZE_MAX;
	ctx.appended = SIZE_MAX;
	ctx.title_from_attachment = SIZE_MAX;
	if (opts && opts->today && strlen(opts->today) == 10)
		memcpy(ctx.today, opts->today, 11);
	ctx.npara = split_paras(ctx.text, ctx.len, &ctx.paras);
	if (ctx.npara == SIZE_MAX) {
		r = -ENOMEM;
		goto out;
	}
	if (display == analysis) { /* one text (no character folded): one split */
		ctx.dparas = ctx.paras;
	} else {
		size_t nd = split_paras(ctx.dtext, ctx.dlen, &ctx.dparas);
		if (nd == SIZE_MAX) {
			r = -ENOMEM;
			goto out;
		}
		if (nd != ctx.npara) { /* copies out of step: display falls back to analysis */
			free(ctx.dparas);
			ctx.dparas = ctx.paras;
		}
	}
	ctx.end = ctx.npara;
	zc_dt_forget(); /* a new text may sit where the last one was */
	static int (*const steps[])(struct zc_ctx *) = {
		zc_x_title,	  find_trailer,	    zc_x_signature,	zc_x_docno,
		zc_x_addressees, zc_x_dates,	    zc_x_contacts,	zc_x_attachments,
		zc_x_conditions, zc_x_amounts,	    zc_x_regions,	zc_x_category,
	};
	for (size_t k = 0; k < sizeof(steps) / sizeof(steps[0]) && r == 0; k++)
		r = steps[k](&ctx);
	if (r == 0 && !n->text && !(n->text = zc_strndup(display, ctx.dlen)))
		r = -ENOMEM;
out:
	if (ctx.dparas != ctx.paras)
		free(ctx.dparas);
	free(ctx.paras);
	return r;
}
