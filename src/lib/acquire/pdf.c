/*
 * pdf.c: the text of a PDF in memory, with poppler (see acquire.h). Pages
 * are separated by form feeds, as pdftotext does, so that the pipeline
 * finds page furniture and reflows wrapped lines as for any PDF text.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include <poppler.h>

#include "zhengce/acquire.h"
#include "banned.h"

#define MAX_PAGES 2000

int zc_pdf_text(const void *data, size_t len, struct zc_buf *out, char *why, size_t why_len)
{
	if (len < 5 || memcmp(data, "%PDF-", 5)) {
		if (why)
			snprintf(why, why_len, "not a PDF file");
		return -EMEDIUMTYPE;
	}
	GError *err = NULL;
	GBytes *bytes = g_bytes_new(data, len);
	PopplerDocument *doc = poppler_document_new_from_bytes(bytes, NULL, &err);
	g_bytes_unref(bytes);
	if (!doc) {
		if (why)
			snprintf(why, why_len, "damaged PDF: %s", err ? err->message : "unreadable");
		if (err)
			g_error_free(err);
		return -EMEDIUMTYPE;
	}
	int pages = poppler_document_get_n_pages(doc), r = 0;
	for (int i = 0; i < pages && i < MAX_PAGES && r == 0; i++) {
		PopplerPage *page = poppler_document_get_page(doc, i);
		if (!page)
			continue;
		char *text = poppler_page_get_text(page);
		if (i > 0)
			r = zc_buf_addc(out, '\f');
		if (r == 0 && text)
			r = zc_buf_adds(out, text);
		if (r == 0 && text && text[0] && text[strlen(text) - 1] != '\n')
			r = zc_buf_addc(out, '\n');
		g_free(text);
		g_object_unref(page);
	}
	g_object_unref(doc);
	return r < 0 ? -ENOMEM : 0;
}
