/*
 * docx.c: the text of a Word (DOCX) file in memory (see acquire.h): the
 * zip is opened with libzip, word/document.xml is inflated up to a bound
 * (a zip bomb fails with -E2BIG instead of filling memory) and read with
 * libxml2 without network or entity expansion. Each w:p is a line; w:tab
 * a tab, w:br a line break; table cells are separated by two spaces.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include <libxml/parser.h>
#include <libxml/tree.h>
#include <zip.h>

#include "zhengce/acquire.h"
#include "banned.h"

#define MAX_PART ((zip_uint64_t)64 << 20)

static int fail(char *why, size_t why_len, int r, const char *msg)
{
	if (why)
		snprintf(why, why_len, "%s", msg);
	return r;
}

/* Read the part `name` of the archive, at most MAX_PART bytes. */
static int read_part(zip_t *z, const char *name, struct zc_buf *xml, char *why, size_t why_len)
{
	zip_stat_t st;
	if (zip_stat(z, name, 0, &st) < 0)
		return fail(why, why_len, -EMEDIUMTYPE, "not a Word document: no word/document.xml");
	if ((st.valid & ZIP_STAT_SIZE) && st.size > MAX_PART)
		return fail(why, why_len, -E2BIG, "word/document.xml inflates beyond 64 MiB");
	zip_file_t *f = zip_fopen(z, name, 0);
	if (!f)
		return fail(why, why_len, -EMEDIUMTYPE, "damaged Word document");
	char chunk[65536];
	zip_int64_t n;
	int r = 0;
	/* the declared size may lie: count what really comes out */
	while (r == 0 && (n = zip_fread(f, chunk, sizeof(chunk))) > 0) {
		if (xml->len + (size_t)n > MAX_PART)
			r = fail(why, why_len, -E2BIG, "word/document.xml inflates beyond 64 MiB");
		else if (zc_buf_add(xml, chunk, (size_t)n) < 0)
			r = -ENOMEM;
	}
	if (r == 0 && n < 0)
		r = fail(why, why_len, -EMEDIUMTYPE, "damaged Word document");
	zip_fclose(f);
	return r;
}

static bool is(const xmlNode *n, const char *name)
{
	return n->type == XML_ELEMENT_NODE && !strcmp((const char *)n->name, name);
}

/* Walk the document without recursion, writing its text. */
static int walk(xmlNode *root, struct zc_buf *out)
{
	int r = 0;
	xmlNode *node = root;
	while (node && r == 0) {
		bool descend = node->type == XML_ELEMENT_NODE && node->children;
		if (is(node, "t") && node->children && node->children->content) {
			r = zc_buf_adds(out, (const char *)node->children->content);
			descend = false;
		} else if (is(node, "tab")) {
			r = zc_buf_addc(out, '\t');
		} else if (is(node, "br") || is(node, "cr")) {
			r = zc_buf_addc(out, '\n');
		} else if (is(node, "instrText") || is(node, "delText")) {
			descend = false; /* field codes and deleted text are not content */
		}
		if (descend) {
			node = node->children;
			continue;
		}
		while (node && node != root && !node->next) {
			node = node->parent;
			if (node && is(node, "p"))
				r |= zc_buf_addc(out, '\n');
			else if (node && is(node, "tc"))
				r |= zc_buf_adds(out, "  ");
		}
		if (!node || node == root)
			break;
		if (is(node, "p"))
			r |= zc_buf_addc(out, '\n');
		else if (is(node, "tc"))
			r |= zc_buf_adds(out, "  ");
		node = node->next;
	}
	return r < 0 ? -ENOMEM : 0;
}

int zc_docx_text(const void *data, size_t len, struct zc_buf *out, char *why, size_t why_len)
{
	if (len < 4 || memcmp(data, "PK\x03\x04", 4))
		return fail(why, why_len, -EMEDIUMTYPE, "not a Word (DOCX) file");
	zip_error_t zerr;
	zip_error_init(&zerr);
	zip_source_t *src = zip_source_buffer_create(data, len, 0, &zerr);
	zip_t *z = src ? zip_open_from_source(src, ZIP_RDONLY, &zerr) : NULL;
	if (!z) {
		if (src)
			zip_source_free(src);
		zip_error_fini(&zerr);
		return fail(why, why_len, -EMEDIUMTYPE, "damaged Word (DOCX) file");
	}
	struct zc_buf xml;
	zc_buf_init(&xml, 0);
	int r = read_part(z, "word/document.xml", &xml, why, why_len);
	zip_discard(z); /* frees the source too */
	zip_error_fini(&zerr);
	if (r == 0) {
		xmlDocPtr doc = xml.len <= 0x7fffffff
					? xmlReadMemory(xml.data, (int)xml.len, "document.xml", NULL,
							XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING)
					: NULL;
		if (!doc)
			r = fail(why, why_len, -EMEDIUMTYPE, "damaged Word document: word/document.xml is not XML");
		else {
			r = walk(xmlDocGetRootElement(doc), out);
			xmlFreeDoc(doc);
		}
	}
	zc_buf_free(&xml);
	return r;
}
