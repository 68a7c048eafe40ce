/* doc.c: a text as aligned display/analysis lines (see doc.h). */
#include <errno.h>
#include <string.h>

#include "zhengce/clean.h"
#include "doc.h"
#include "utf8.h"
#include "banned.h"

void zc_doc_init(struct zc_doc *doc)
{
	memset(doc, 0, sizeof(*doc));
	zc_buf_init(&doc->display, 0);
	zc_buf_init(&doc->analysis, 0);
	doc->lines.size = sizeof(struct zc_line);
}

void zc_doc_free(struct zc_doc *doc)
{
	if (!doc)
		return;
	zc_buf_free(&doc->display);
	zc_buf_free(&doc->analysis);
	zc_vec_free(&doc->lines);
}

/*
 * A page flattened to one long line keeps its sections apart with runs of
 * spaces: make each run of two or more a line break. The first space
 * becomes the newline, so byte offsets do not move.
 */
static void break_flat_lines(char *s, size_t len)
{
	char *p = s, *end = s + len;
	while (p < end) {
		char *nl = memchr(p, '\n', (size_t)(end - p));
		char *e = nl ? nl : end;
		if (e - p > 600) {
			for (char *q = p; q + 1 < e; q++)
				if (q[0] == ' ' && q[1] == ' ') {
					*q = '\n';
					while (q + 1 < e && q[1] == ' ')
						q++;
				}
		}
		p = nl ? nl + 1 : end;
	}
}

/*
 * The analysis line at a[0..len), a copy of display line d[0..len): fold
 * it (unless the text is known to be simplified) and trim it.
 */
static void analysis_line(struct zc_line *line, const char *d, char *a, size_t len, bool simplified)
{
	if (!simplified && zc_clean_fold_line(a, len)) {
		line->len = len;
		line->s = zc_trim(a, &line->len);
		line->flags |= ZC_LINE_FOLDED;
	} else { /* the copies are equal: trim once */
		line->len = line->dlen;
		line->s = a + (line->d - d);
	}
}

int zc_doc_load(struct zc_doc *doc, const char *text, size_t len)
{
	int r;
	zc_buf_reset(&doc->display);
	zc_buf_reset(&doc->analysis);
	doc->lines.n = 0;
	if ((r = zc_buf_add(&doc->display, text, len)) < 0)
		return r;
	break_flat_lines(doc->display.data, doc->display.len);
	/* The analysis copy: the display text, its lines folded one by one
	 * below, in place (folding keeps every byte offset). */
	if ((r = zc_buf_add(&doc->analysis, doc->display.data, doc->display.len)) < 0)
		return r;
	if ((r = zc_buf_add(&doc->analysis, "", 0)) < 0) /* allocated even when empty */
		return r;
	const char *d = doc->display.data, *dend = d + doc->display.len;
	char *a = doc->analysis.data;
	while (d < dend) {
		const char *nl = memchr(d, '\n', (size_t)(dend - d));
		const char *de = nl ? nl : dend;
		struct zc_line line = {0};
		unsigned indent = 0;
		for (const char *q = d; q < de && (*q == ' '); q++)
			indent++;
		line.indent = indent;
		line.dlen = (size_t)(de - d);
		line.d = zc_trim(d, &line.dlen);
		analysis_line(&line, d, a, (size_t)(de - d), doc->simplified);
		line.offset = (size_t)(d - doc->display.data);
		line.width = zc_utf8_width(line.s, line.len);
		if (line.len == 0)
			line.flags |= ZC_LINE_BLANK;
		if (!zc_vec_push(&doc->lines, &line))
			return -ENOMEM;
		size_t step = (size_t)(de - d) + (nl ? 1 : 0);
		d += step;
		a += step;
	}
	return 0;
}
