/*
 * split.c: find where each notice of a text starts (see split.h).
 * One pass over the lines, tracking whether the current notice has ended.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "zhengce/split.h"
#include "doc.h"
#include "extract/datetime.h"
#include "extract/title.h"
#include "re.h"
#include "utf8.h"
#include "banned.h"

/* Lines after which a notice can end: its date alone (see zc_dt_is_date_line), or these. */
static struct zc_re end_marker_re = ZC_RE("^(?:特此(?:通知|公告|公示|通告|函告)|(?:相关|原文)链接|原文地址)");
static struct zc_re signoff_re = ZC_RE("^特此(?:通知|公告|公示|通告|函告)");
static struct zc_re quoted_re = ZC_RE("《([^《》]{4,200})》");

#define TITLE_PARTS 6

/* Collect up to max non-blank, non-furniture lines from i on, as spans; their line indexes in idx. */
static size_t gather(const struct zc_doc *doc, size_t i, size_t last, struct zc_span *parts,
		     size_t *idx, size_t max)
{
	size_t k = 0;
	for (; i < last && k < max; i++) {
		const struct zc_line *l = ZC_LINE(doc, i);
		if (l->flags & (ZC_LINE_BLANK | ZC_LINE_FURNITURE))
			continue;
		if (l->flags & ZC_LINE_SECTION)
			break;
		parts[k] = (struct zc_span){l->s, l->len};
		idx[k++] = i;
	}
	return k;
}

/* Is s[at] inside 《》 of s: an open 《 before it not yet closed? */
static bool inside_quotes(const char *s, size_t at)
{
	int depth = 0;
	for (size_t i = 0; i + 3 <= at; i++) {
		if (!memcmp(s + i, "《", 3))
			depth++;
		else if (!memcmp(s + i, "》", 3) && depth > 0)
			depth--;
	}
	return depth > 0;
}

/*
 * Is the title in t already named inside 《》 of the current notice's title
 * (转发/印发)? Not when t names it only inside 《》 of its own: another
 * body's 印发 of a document of its own that has the same words
 * ("…印发《高新技术企业培育实施细则》" then "…印发《天津高新技术企业培育实施细则》").
 */
/* A copy of t with 《》 written 〈〉, or NULL when out of memory. */
static char *single_angled(const struct zc_buf *t)
{
	char *c = malloc(t->len + 1);
	if (!c)
		return NULL;
	memcpy(c, t->data, t->len);
	c[t->len] = '\0';
	for (size_t i = 0; i + 3 <= t->len; i++)
		if (!memcmp(c + i, "《", 3) || !memcmp(c + i, "》", 3))
			c[i + 2] = (char)(c[i + 2] == (char)0x8A ? 0x88 : 0x89);
	return c;
}

static bool forwarded(const struct zc_buf *current, const struct zc_buf *t)
{
	if (!current->len || !t->len)
		return false;
	struct zc_match m;
	size_t at = 0;
	/* A title quoted inside a quoted title has its 《》 written 〈〉: so has
	 * t, compared with such a quotation (the brackets are equally long). */
	char *angled = NULL;
	bool found = false;
	while (!found && zc_re_find(&quoted_re, current->data, current->len, at, &m)) {
		size_t ql = zc_match_len(&m, 1);
		const char *q = current->data + m.start[1];
		const char *in_t = ql <= t->len ? memmem(t->data, t->len, q, ql) : NULL;
		found = (in_t && !inside_quotes(t->data, (size_t)(in_t - t->data))) ||
			(t->len <= ql && memmem(q, ql, t->data, t->len));
		if (!found && zc_memstr(q, ql, "〈") && (angled || (angled = single_angled(t)))) {
			in_t = ql <= t->len ? memmem(angled, t->len, q, ql) : NULL;
			found = in_t != NULL;
		}
		at = m.end[0];
	}
	free(angled);
	if (found)
		return true;
	/* Forwarded without 《》: "…转发省卫生厅关于开展…的通知" over "浙江省卫生厅关于开展…的通知". */
	const char *fw = NULL;
	for (const char *h = current->data; (h = zc_memstr(h, current->len - (size_t)(h - current->data), "转发"));
	     h += 6)
		fw = h + 6;
	if (fw) {
		size_t fl = current->len - (size_t)(fw - current->data);
		const char *about = zc_memstr(t->data, t->len, "关于");
		const char *core = about ? about : t->data;
		size_t cl = t->len - (size_t)(core - t->data);
		if (cl >= 12 && ((cl <= fl && memmem(fw, fl, core, cl)) || (fl <= cl && fl >= 12 && memmem(core, cl, fw, fl))))
			return true;
	}
	return false;
}

/*
 * After a title ending at part k, does the text go on like a notice? One of
 * the next three lines is a 文号, an addressee line or body text, with no
 * other title before it (a list of related titles is no notice). Short
 * headings ("项目概况") may come first.
 */
static bool followed_like_notice(const struct zc_span *parts, size_t n, size_t k)
{
	struct zc_buf t;
	zc_buf_init(&t, 4096);
	bool yes = false;
	for (size_t j = k; j < n && j < k + 3 && !yes; j++) {
		const struct zc_span *p = &parts[j];
		if (zc_is_docno_line(p->s, p->len)) {
			yes = true;
			break;
		}
		if (zc_ends_with(p->s, p->len, "：") || zc_ends_with(p->s, p->len, ":")) {
			yes = p->len < 600;
			break;
		}
		if (zc_title_assemble(p, n - j, &t) > 0 &&
		    (zc_title_kind(t.data, t.len) == ZC_TITLE_NOTICE || !zc_memstr(p->s, p->len, "，")))
			break;
		yes = zc_utf8_width(p->s, p->len) >= 40;
	}
	zc_buf_free(&t);
	return yes;
}

static struct zc_re page_meta_re = ZC_RE("^[\\[【]?(?:发布日期|发布时间|信息来源|来源|发文日期)\\s*[:：]");

/* Is s[0..len) a page's metadata line (page_meta_re)? Its first character
 * is looked at first, by its bytes: [, 【, 发, 信 or 来. */
static bool is_page_meta(const char *s, size_t len)
{
	struct zc_match m;
	return len && (s[0] == '[' || zc_starts_with(s, len, "【") || zc_starts_with(s, len, "发") ||
		       zc_starts_with(s, len, "信") || zc_starts_with(s, len, "来")) &&
	       zc_re_find(&page_meta_re, s, len, 0, &m);
}

/*
 * What page_meta_follows has learnt of the lines ahead, so as to test each
 * line once however many windows it falls in: the lines before `to` have
 * been tested, and `last` is the last of them that is a metadata line
 * (SIZE_MAX: none). It holds while the line asked about does not go back
 * (`asked`): the windows then end further and further on.
 */
struct meta_ahead {
	size_t asked, to, last;
};

/* Is line i followed, within its next few non-blank lines, by a web page's
 * metadata line ("发布日期：… 来源：…"), as a page's title is? A line of the
 * window tested before is one if it is `last`: a later one would be `last`
 * instead, and lies in this window too (the window ends where an earlier
 * one did, or further on), so the answer is the same. */
static bool page_meta_follows(const struct zc_doc *doc, size_t i, size_t n, struct meta_ahead *ahead)
{
	if (i < ahead->asked)
		*ahead = (struct meta_ahead){0, 0, SIZE_MAX};
	ahead->asked = i;
	for (size_t j = i + 1, seen = 0; j < n && seen < 3; j++) {
		const struct zc_line *l = ZC_LINE(doc, j);
		if (l->flags & ZC_LINE_BLANK)
			continue;
		seen++;
		if (j >= ahead->to) {
			if (is_page_meta(l->s, l->len))
				ahead->last = j;
			ahead->to = j + 1;
		}
		if (ahead->last == j)
			return true;
	}
	return false;
}

/*
 * Add lines [first, last) as a part. Before a digest's first section tag, a
 * stretch of three lines or fewer without a sentence is its masthead, no notice.
 * The lines are read until that is known: a line of text settles it unless
 * the part may be a masthead, and then a sentence or a fourth line does.
 */
static int close_part(struct zc_vec *parts, const struct zc_doc *doc, size_t first, size_t last,
		      const char *category, bool masthead_possible)
{
	size_t lines = 0;
	bool sentence = false;
	for (size_t i = first; i < last && !(lines && (!masthead_possible || sentence || lines > 3)); i++) {
		const struct zc_line *l = ZC_LINE(doc, i);
		if (l->flags & (ZC_LINE_BLANK | ZC_LINE_FURNITURE | ZC_LINE_SECTION))
			continue;
		/* A digest's table of contents under its masthead ("本期导读：…") is no notice text. */
		if (masthead_possible && (zc_starts_with(l->s, l->len, "本期导读") || zc_starts_with(l->s, l->len, "本期要目") ||
					  zc_starts_with(l->s, l->len, "导读") || zc_starts_with(l->s, l->len, "本期目录")))
			continue;
		lines++;
		sentence = sentence || zc_memstr(l->s, l->len, "。") || zc_ends_with(l->s, l->len, "：") ||
			   l->width >= 60;
	}
	if (lines == 0 || (masthead_possible && lines <= 3 && !sentence))
		return 0;
	struct zc_part part = {first, last, NULL};
	if (category && !(part.category = zc_strndup(category, strlen(category))))
		return -ENOMEM;
	if (!zc_vec_push(parts, &part)) {
		free(part.category);
		return -ENOMEM;
	}
	return 0;
}

/*
 * A title found at line `at` (ending at line `last`) may have begun on a
 * line above, which the scan took for the end of what came before: a PDF
 * or a page wraps a long title anywhere ("…2023年度第" / "二批…的通知").
 * Returns the first line of the longest title above `at` (down to the
 * line after `floor`) that ends at `last` as well, with *title set to it;
 * or `at` when none does; SIZE_MAX when out of memory. A line that stands
 * alone (a date, a signature, a site's name over a whole title) assembles
 * no such title.
 */
static size_t title_start_above(const struct zc_doc *doc, size_t floor, size_t at, size_t last, bool meta,
				struct zc_buf *title, struct zc_buf *scratch)
{
	struct zc_span span[TITLE_PARTS + 2];
	size_t idx[TITLE_PARTS + 2], n = doc->lines.n, best = at;
	for (size_t p = at, steps = 0; p > floor + 1 && steps < 3; steps++) {
		do
			p--;
		while (p > floor + 1 && (ZC_LINE(doc, p)->flags & (ZC_LINE_BLANK | ZC_LINE_FURNITURE)));
		const struct zc_line *l = ZC_LINE(doc, p);
		if (l->flags & (ZC_LINE_BLANK | ZC_LINE_FURNITURE | ZC_LINE_SECTION))
			break;
		size_t k = gather(doc, p, n, span, idx, TITLE_PARTS + 1);
		size_t used = zc_title_assemble(span, k, scratch);
		if (!used || idx[used - 1] != last || zc_title_kind(scratch->data, scratch->len) != ZC_TITLE_NOTICE ||
		    (meta && !(used < k && is_page_meta(span[used].s, span[used].len))) ||
		    !followed_like_notice(span, k, used))
			break;
		zc_buf_reset(title);
		if (zc_buf_add(title, scratch->data, scratch->len) < 0)
			return SIZE_MAX;
		best = p;
	}
	return best;
}

int zc_split(const struct zc_doc *doc, struct zc_vec *parts)
{
	size_t n = doc->lines.n, start = 0, content = 0;
	char category[64] = "";
	bool ended = false;
	int r = 0;
	struct zc_buf current, cand, above;
	zc_buf_init(&current, 4096);
	zc_buf_init(&cand, 4096);
	zc_buf_init(&above, 0);
	struct zc_span span[TITLE_PARTS + 2];
	size_t idx[TITLE_PARTS + 2];
	struct zc_match m;
	struct meta_ahead ahead = {0, 0, SIZE_MAX};

	/* The first notice's title: within its first lines, below a site's name
	 * or a breadcrumb. */
	size_t k = 0;
	size_t title_at = 0; /* the current notice's title starts on this line (or below) */
	for (size_t from = 0, tries = 0; tries < 12; tries++) {
		k = gather(doc, from, n, span, idx, TITLE_PARTS);
		if (k == 0)
			break;
		if (zc_title_assemble(span, k, &current) > 0) {
			title_at = idx[0];
			break;
		}
		zc_buf_reset(&current);
		from = idx[0] + 1;
	}

	for (size_t i = 0; i < n && r == 0; i++) {
		const struct zc_line *l = ZC_LINE(doc, i);
		if (l->flags & (ZC_LINE_BLANK | ZC_LINE_FURNITURE))
			continue;
		if (l->flags & ZC_LINE_SECTION) {
			r = close_part(parts, doc, start, i, category[0] ? category : NULL, parts->n == 0 && !category[0]);
			const char *name;
			size_t name_len;
			if (zc_section_tag(l->s, l->len, &name, &name_len) && name_len < sizeof(category)) {
				memcpy(category, name, name_len);
				category[name_len] = '\0';
			}
			start = i + 1;
			title_at = start;
			content = 0;
			ended = false;
			k = gather(doc, start, n, span, idx, TITLE_PARTS);
			if (zc_title_assemble(span, k, &current) == 0)
				zc_buf_reset(&current);
			continue;
		}
		/* A title line is short and ends no sentence: test that before assembling one. */
		/* List bullets mark related links, not a notice. */
		bool bullet = zc_starts_with(l->s, l->len, "·") || zc_starts_with(l->s, l->len, "•") ||
			      zc_starts_with(l->s, l->len, "▪") || zc_starts_with(l->s, l->len, "►") ||
			      zc_starts_with(l->s, l->len, "▶") || zc_starts_with(l->s, l->len, "▷") ||
			      zc_starts_with(l->s, l->len, "- ");
		bool may_title = !bullet && l->len <= 400 && !zc_ends_with(l->s, l->len, "。") &&
				 !zc_ends_with(l->s, l->len, "；") && !zc_ends_with(l->s, l->len, "，") &&
				 !zc_ends_with(l->s, l->len, "：") && !zc_ends_with(l->s, l->len, ":");
		/* A notice ends with its date or 特此…; a page pasted after another may
		 * not, but its title then sits over the page's 发布日期/来源 line. */
		bool meta = !ended && content >= 3 && may_title && page_meta_follows(doc, i, n, &ahead);
		if ((ended || meta) && content >= 3 && may_title) {
			k = gather(doc, i, n, span, idx, TITLE_PARTS + 1);
			size_t used = zc_title_assemble(span, k, &cand), last = used ? idx[used - 1] : i, first = i;
			/* A notice's title (over the page's metadata line, when that is
			 * what was seen) that the text goes on from like a notice. It may
			 * begin above: title_start_above takes only a notice's title that
			 * ends on the same line, so the test holds for that one too. */
			bool title = used && zc_title_kind(cand.data, cand.len) == ZC_TITLE_NOTICE &&
				     (!meta || (used < k && is_page_meta(span[used].s, span[used].len))) &&
				     followed_like_notice(span, k, used);
			if (title && (first = title_start_above(doc, start, i, last, meta, &cand, &above)) == SIZE_MAX) {
				r = -ENOMEM;
				break;
			}
			if (title && !forwarded(&current, &cand) &&
			    !(current.len == cand.len && !memcmp(current.data, cand.data, cand.len))) {
				i = first;
				r = close_part(parts, doc, start, i, category[0] ? category : NULL, false);
				start = i;
				title_at = i;
				content = 0;
				ended = false;
				zc_buf_reset(&current);
				if (zc_buf_add(&current, cand.data, cand.len) < 0)
					r = -ENOMEM;
				i = last;
				continue;
			}
		}
		content++;
		/* A notice ends with its date or a closing line, after its title: a
		 * repost's "原文链接" above the title ends nothing. (Once ended, it
		 * stays so until the next title: no need to look again.) */
		if (!ended && content >= 3 && i > title_at &&
		    (zc_dt_is_date_line(l->s, l->len) ||
		     ((zc_starts_with(l->s, l->len, "特此") || zc_starts_with(l->s, l->len, "相关") ||
		       zc_starts_with(l->s, l->len, "原文")) &&
		      zc_re_find(&end_marker_re, l->s, l->len, 0, &m))))
			ended = true;
	}
	if (r == 0)
		r = close_part(parts, doc, start, n, category[0] ? category : NULL, false);
	zc_buf_free(&current);
	zc_buf_free(&cand);
	zc_buf_free(&above);
	return r;
}

size_t zc_split_trim_tail(const struct zc_doc *doc, const struct zc_part *part)
{
	struct zc_match m;
	bool signed_off = false;
	for (size_t i = part->first; i < part->last; i++) {
		const struct zc_line *l = ZC_LINE(doc, i);
		if (signed_off && (l->flags & ZC_LINE_CHROME))
			return i;
		if (!signed_off && !(l->flags & (ZC_LINE_BLANK | ZC_LINE_FURNITURE)) &&
		    (zc_dt_is_date_line(l->s, l->len) ||
		     (zc_starts_with(l->s, l->len, "特此") && zc_re_find(&signoff_re, l->s, l->len, 0, &m))))
			signed_off = true;
	}
	return part->last;
}
