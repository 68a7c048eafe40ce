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

/* Count the lines of s and return the start of line k in *ret (k < count). */
static const char *next_line(const char *p, const char *end, const char **ret_end)
{
	const char *nl = memchr(p, '\n', (size_t)(end - p));
	*ret_end = nl ? nl : end;
	return nl ? nl + 1 : end;
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

int zc_doc_load(struct zc_doc *doc, const char *text, size_t len)
{
	int r;
	zc_buf_reset(&doc->display);
	zc_buf_reset(&doc->analysis);
	doc->lines.n = 0;
	if ((r = zc_buf_add(&doc->display, text, len)) < 0)
		return r;
	break_flat_lines(doc->display.data, doc->display.len);
	bool changed = false;
	if (doc->simplified)
		r = zc_buf_add(&doc->analysis, doc->display.data, doc->display.len);
	else
		r = zc_clean_simplify(doc->display.data, doc->display.len, &doc->analysis, &changed);
	if (r < 0)
		return r;
	if ((r = zc_buf_add(&doc->analysis, "", 0)) < 0) /* allocated even when empty */
		return r;
	const char *d = doc->display.data, *dend = d + doc->display.len;
	const char *a = doc->analysis.data, *aend = a + doc->analysis.len;
	while (d < dend || a < aend) {
		const char *de, *ae;
		const char *dn = next_line(d, dend, &de);
		const char *an = next_line(a, aend, &ae);
		struct zc_line line = {0};
		unsigned indent = 0;
		for (const char *q = d; q < de && (*q == ' '); q++)
			indent++;
		line.indent = indent;
		line.dlen = (size_t)(de - d);
		line.d = zc_trim(d, &line.dlen);
		if (doc->simplified || (de - d == ae - a && !memcmp(d, a, (size_t)(de - d)))) {
			/* the copies are equal: trim once */
			line.len = line.dlen;
			line.s = a + (line.d - d);
		} else {
			line.len = (size_t)(ae - a);
			line.s = zc_trim(a, &line.len);
			line.flags |= ZC_LINE_FOLDED;
		}
		line.offset = (size_t)(d - doc->display.data);
		line.width = zc_utf8_width(line.s, line.len);
		if (line.len == 0)
			line.flags |= ZC_LINE_BLANK;
		if (!zc_vec_push(&doc->lines, &line))
			return -ENOMEM;
		if (dn == dend && an == aend && (de == dend || ae == aend))
			break;
		d = dn;
		a = an;
	}
	return 0;
}
