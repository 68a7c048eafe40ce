/*
 * attachments.c: the 附件说明 — names of the documents attached.
 *
 * GB/T 9704 puts "附件：1. 名称" under the body, one name per line, and
 * each attachment then starts on a page of its own headed "附件1". Pages
 * also write "附件1：名称" lines, or all names on one line. Names are kept
 * without the 附件 label, numbering, 《》, file extension, size ("（356KB）") or
 * "(点击下载)".
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "extract/internal.h"
#include "extract/title.h"
#include "utf8.h"
#include "banned.h"

static struct zc_re attach_head_re = ZC_RE(
	"^附\\s*件\\s*(?:\\d{1,2}|[一二三四五六七八九十]{1,2})?\\s*(?:[-—]\\s*\\d{1,2}\\s*)?(?!下载|链接|地址)[:：]?\\s*");
static struct zc_re item_re = ZC_RE(
	"^(?:附\\s*件\\s*)?(?:\\d{1,2}|[一二三四五六七八九十]{1,2})\\s*(?:[.．、:：]|[）)])\\s*(?!\\d{1,2}(?:[^\\d年]|$))");
static struct zc_re inline_item_re = ZC_RE("\\s*(?<![\\d.])(\\d{1,2})\\s*[.．、]\\s*(?!\\d{1,2}(?:[^\\d年]|$))");
static struct zc_re tail_noise_re = ZC_RE(
	"(?:\\s*[（(【\\[]?\\s*(?:点击下载|点此下载|下载|附件下载)\\s*[）)】\\]]?\\s*"
	"|\\.(?i:docx?|xlsx?|pdf|wps|et|zip|rar|7z|ofd|txt|ceb)\\s*|[。；;，,、.\\s]"
	"|\\s*[（(\\[]\\s*\\d+(?:\\.\\d+)?\\s*(?i:[KMG]i?B|bytes?|字节)\\s*[）)\\]]"
	"|\\s*[〇零一二三四五六七八九○]{4}年[一二三四五六七八九十]{1,3}月[一二三四五六七八九十]{1,3}日"
	"|\\s+\\d{4}年\\d{1,2}月\\d{1,2}日)+$");
/* A note in brackets on how the attachment is sent, not part of its name:
 * "（电子版另发）", "（另行报送）", "（略）". Names' own notes ((试行), (征求意见稿)) stay. */
static struct zc_re handling_note_re = ZC_RE_NEED(
	"\\s*[（(][^（）()]{0,10}(?:另发|另行[^（）()]{0,4}|另附|另报|附后|略)[）)]$", "另", "附后", "略");
static struct zc_re download_head_re = ZC_RE("^附\\s*件\\s*下\\s*载\\s*[:：]\\s*$");
static struct zc_re section_head_re = ZC_RE(
	"^(?:[一二三四五六七八九十]{1,3}\\s*[、.．]|[（(][一二三四五六七八九十]{1,3}[）)])\\s*(?:相关)?附\\s*件(?:下载|目录)?\\s*[:：]?$");
static struct zc_re date_re = ZC_RE("^(?:\\d{4}\\s*年\\s*\\d{1,2}\\s*月\\s*\\d{1,2}\\s*日|\\d{4}-\\d{1,2}-\\d{1,2})$");

/*
 * Can tail_noise_re match at the end of a text ending in c? Its pieces end in
 * 载, a bracket, a file extension's letter, punctuation, white space or 日:
 * a name ending in anything else (…申报书, …汇总表) has no noise to cut,
 * and the pattern, tried from every position, need not run.
 */
static bool may_end_in_noise(uint32_t c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == 0x8F7D /* 载 */ ||
	       c == 0x65E5 /* 日 */ || c == 0xFF09 || c == ')' || c == 0x3011 || c == ']' || c == 0x3002 ||
	       c == 0xFF1B || c == ';' || c == 0xFF0C || c == ',' || c == 0x3001 || c == '.' || zc_is_space(c);
}

/*
 * The characters that can stand in a match of tail_noise_re, besides ASCII:
 * the Chinese of its words, sizes and dates, its full-width brackets and
 * punctuation, white space, and the letters that match ASCII ones when case
 * is ignored (K Kelvin sign, ſ long s, İ, ı). More would do no harm.
 * (\xC2\x85 is U+0085, which C does not let \u name.)
 */
static const char noise_chars[] = "点击此下载附件字节〇零一二三四五六七八九十○年月日（【）】。；，、"
				  "\u3000\u00A0\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200A"
				  "\u200B\u202F\u205F\uFEFF\xC2\x85\u1680\u180E\u2028\u2029\u212A\u017F\u0130\u0131";

/*
 * Where a match of tail_noise_re can start at the earliest: a match runs
 * to the end of s (before a final line end, itself white space), so it lies
 * in the run of noise_chars and ASCII that ends s. Searched from there, the
 * pattern finds the same first match without being tried at every
 * character of the name before.
 */
static size_t noise_run_start(const char *s, size_t len)
{
	const char *p = s + len;
	while (p > s) {
		const char *q = p;
		zc_utf8_prev(&q, s);
		if (p - q > 1 && !zc_memstr_n(noise_chars, sizeof(noise_chars) - 1, q, (size_t)(p - q)))
			break;
		p = q;
	}
	return (size_t)(p - s);
}

/* Does s[0..len) end with a closing bracket, ） or ), before a final line end?
 * handling_note_re's matches all do. */
static bool ends_in_bracket(const char *s, size_t len)
{
	if (len && s[len - 1] == '\n')
		len--;
	return zc_ends_with(s, len, "）") || zc_ends_with(s, len, ")");
}

/* Does s[0..len) start with an ASCII digit, as date_re's matches do? */
static bool starts_with_digit(const char *s, size_t len)
{
	return len && s[0] >= '0' && s[0] <= '9';
}

/* Can section_head_re match s[0..len)? Its matches start with a Chinese
 * numeral from 一 to 十, （ or (. */
static bool may_start_section_head(const char *s, size_t len)
{
	if (!len)
		return false;
	const char *q = s;
	switch (zc_utf8_next(&q, s + len)) {
	case 0xFF08: case '(':                                            /* （ ( */
	case 0x4E00: case 0x4E8C: case 0x4E09: case 0x56DB: case 0x4E94: /* 一 二 三 四 五 */
	case 0x516D: case 0x4E03: case 0x516B: case 0x4E5D: case 0x5341: /* 六 七 八 九 十 */
		return true;
	default:
		return false;
	}
}

/* Can item_re match s[0..len)? Its matches start with 附, a digit or a
 * Chinese numeral from 一 to 十. */
static bool may_start_item(const char *s, size_t len)
{
	if (starts_with_digit(s, len))
		return true;
	if (!len)
		return false;
	const char *q = s;
	switch (zc_utf8_next(&q, s + len)) {
	case 0x9644:                                                      /* 附 */
	case 0x4E00: case 0x4E8C: case 0x4E09: case 0x56DB: case 0x4E94: /* 一 二 三 四 五 */
	case 0x516D: case 0x4E03: case 0x516B: case 0x4E5D: case 0x5341: /* 六 七 八 九 十 */
		return true;
	default:
		return false;
	}
}

/* Can a match of inline_item_re start at s[0]? It opens with white space
 * (as \s reads it), then a digit. */
static bool item_number_first(const char *s, size_t len)
{
	size_t i = 0;
	while (i < len && zc_is_re_space((unsigned char)s[i]))
		i++;
	return starts_with_digit(s + i, len - i);
}

static int add_name(struct zc_ctx *ctx, const char *s, size_t len)
{
	struct zc_match m;
	s = zc_trim(s, &len);
	const char *end = s + len;
	if (len && may_end_in_noise(zc_utf8_prev(&end, s)) && zc_re_find(&tail_noise_re, s, len, noise_run_start(s, len), &m))
		len = m.start[0];
	if (ends_in_bracket(s, len) && zc_re_find(&handling_note_re, s, len, 0, &m))
		len = m.start[0];
	s = zc_trim(s, &len);
	if (zc_starts_with(s, len, "《") && zc_ends_with(s, len, "》")) {
		s += 3;
		len -= 6;
	}
	if (len < 6 || len > 300 || zc_memstr(s, len, "。"))
		return 0;
	if (starts_with_digit(s, len) && zc_re_find(&date_re, s, len, 0, &m))
		return 0;
	char *t = zc_strndup(s, len);
	if (!t)
		return -ENOMEM;
	int r = zc_strv_add_unique(&ctx->n->attachments, t);
	free(t);
	return r;
}

/* "1.名称A 2.名称B" on one line. */
static int add_items(struct zc_ctx *ctx, const char *s, size_t len)
{
	struct zc_match m;
	size_t at = 0, start = 0;
	int r = 0;
	bool numbered = item_number_first(s, len) && zc_re_find(&inline_item_re, s, len, 0, &m) && m.start[0] == 0;
	if (!numbered)
		return add_name(ctx, s, len);
	start = m.end[0];
	at = m.end[0];
	while (r == 0 && zc_re_find(&inline_item_re, s, len, at, &m)) {
		/* A new item needs white space or punctuation (、，；) before its number. */
		bool sep = m.start[0] != m.start[1] ||
			   (m.start[0] >= 3 && (zc_starts_with(s + m.start[0] - 3, 3, "、") ||
						zc_starts_with(s + m.start[0] - 3, 3, "，") ||
						zc_starts_with(s + m.start[0] - 3, 3, "；")));
		if (!sep) {
			at = m.end[0];
			continue;
		}
		size_t stop = m.start[0];
		if (stop == m.start[1] && stop >= 3)
			stop -= 3; /* the 、 before the number */
		r = add_name(ctx, s + start, stop - start);
		start = at = m.end[0];
	}
	if (r == 0)
		r = add_name(ctx, s + start, len - start);
	return r;
}

/* Add the numbered items on the lines after paragraph i (*r: 0 or a
 * negative errno); returns the paragraph after the last one. */
static size_t add_items_below(struct zc_ctx *ctx, size_t i, int *r)
{
	struct zc_match m;
	size_t k = i + 1;
	for (; k < ctx->end && *r == 0; k++) {
		/* The signature can sit inside the list (附件1, 落款, 附件2 …). */
		if (k == ctx->sig_first && ctx->sig_date != SIZE_MAX && ctx->sig_date + 1 < ctx->end &&
		    zc_re_find(&item_re, ctx->paras[ctx->sig_date + 1].s, ctx->paras[ctx->sig_date + 1].len, 0, &m))
			k = ctx->sig_date + 1;
		const struct zc_span *q = &ctx->paras[k];
		if (!may_start_item(q->s, q->len) || !zc_re_find(&item_re, q->s, q->len, 0, &m) || q->len > 300)
			break;
		*r = add_items(ctx, q->s + m.end[0], q->len - m.end[0]);
	}
	return k;
}

int zc_x_attachments(struct zc_ctx *ctx)
{
	struct zc_match m;
	int r = 0;
	/* The attached documents' own pages have begun (after the signature, an
	 * "附件1" heading alone): the lists there are theirs. (A forwarded notice
	 * printed after the signature without such a heading keeps its lists: they
	 * are the forms an applicant fills in.) */
	bool attached_pages = false, listed = false; /* listed: by the 附件说明, before those pages */
	for (size_t i = ctx->head_end; i < ctx->end && r == 0; i++) {
		const struct zc_span *p = &ctx->paras[i];
		bool after_signature = ctx->sig_date != SIZE_MAX && i > ctx->sig_date;
		/* A section of the body headed "十、附件", its items under it. */
		if (p->len <= 24 && !attached_pages && may_start_section_head(p->s, p->len) &&
		    zc_memstr(p->s, p->len, "附") && zc_re_find(&section_head_re, p->s, p->len, 0, &m)) {
			i = add_items_below(ctx, i, &r) - 1;
			continue;
		}
		if (i == ctx->title_from_attachment || !zc_starts_with(p->s, p->len, "附"))
			continue;
		/* "附件下载：" alone heads a list of the files, one per line. */
		if (!zc_re_find(&attach_head_re, p->s, p->len, 0, &m) &&
		    !zc_re_find(&download_head_re, p->s, p->len, 0, &m))
			continue;
		/* "附件" heading an attachment's own page after the signature: its
		 * title follows (under the attached notice's issuer, if any), named
		 * already when the 附件说明 listed the attachments. */
		size_t head = m.end[0], rest = p->len - head;
		bool labelled_colon = zc_memstr(p->s, head, "：") || zc_memstr(p->s, head, ":");
		if (rest == 0) {
			if (after_signature && !labelled_colon) {
				if (!attached_pages) {
					attached_pages = true;
					listed = ctx->n->attachments.n > 0;
				}
				if (!listed) {
					size_t t = i + 1;
					if (t + 1 < ctx->end && zc_is_issuer_line(ctx->paras[t].s, ctx->paras[t].len))
						t++;
					if (t < ctx->end && ctx->paras[t].len < 150)
						r = add_name(ctx, ctx->paras[t].s, ctx->paras[t].len);
				}
				continue;
			}
		} else {
			if (attached_pages)
				continue;
			/* A sentence that starts with 附件 is not a list. */
			if (!labelled_colon &&
			    !(may_start_item(p->s, p->len) && zc_re_find(&item_re, p->s, p->len, 0, &m)) &&
			    (zc_memstr(p->s, p->len, "，") || p->len > 150))
				continue;
			r = add_items(ctx, p->s + head, rest);
		}
		i = add_items_below(ctx, i, &r) - 1;
	}
	return r;
}
