/*
 * html.c: HTML → text (see html.h). A depth-first walk over libxml2's tree,
 * written iteratively so that deeply nested hostile pages cannot exhaust the
 * C stack. Line breaks are collapsed to at most one blank line.
 */
#include <errno.h>
#include <string.h>
#include <strings.h>

#include <libxml/HTMLparser.h>
#include <libxml/tree.h>

#include "html-internal.h"
#include "zhengce/html.h"
#include "utf8.h"
#include "banned.h"

bool zc_html_detect(const char *s, size_t len)
{
	size_t n = len < 4096 ? len : 4096;
	size_t i = 0;
	while (i < n && (s[i] == ' ' || s[i] == '\n' || s[i] == '\r' || s[i] == '\t'))
		i++;
	if (i >= n || s[i] != '<')
		return false;
	static const char *const marks[] = {"<html", "<HTML", "<body", "<BODY", "<!DOCTYPE", "<!doctype",
					    "<div",  "<DIV",  "<p>",   "<P>",   "<head",     "<meta"};
	for (size_t k = 0; k < sizeof(marks) / sizeof(marks[0]); k++)
		if (zc_memstr(s + i, n - i, marks[k]))
			return true;
	return false;
}

static bool is_block(const char *name)
{
	static const char *const blocks[] = {
		"p",	  "div",     "br",	   "li",	 "ul",	   "ol",     "tr",	"table",
		"h1",	  "h2",	     "h3",	   "h4",	 "h5",	   "h6",     "section", "article",
		"header", "footer",  "blockquote", "pre",	 "dl",	   "dt",     "dd",	"hr",
		"center", "address", "main",	   "figure",	 "caption", "tbody", "thead",	"title"};
	for (size_t k = 0; k < sizeof(blocks) / sizeof(blocks[0]); k++)
		if (!strcasecmp(name, blocks[k]))
			return true;
	return false;
}

static bool attr_says_chrome(xmlNode *node, const char *attr)
{
	xmlChar *v = xmlGetProp(node, (const xmlChar *)attr);
	if (!v)
		return false;
	static const char *const words[] = {"nav",     "menu",	  "breadcrumb", "share",
					    "footer",  "crumb",	  "toolbar",	"sidebar",
					    "topbar",  "copyright", "related",	"recommend"};
	bool hit = false;
	for (size_t k = 0; k < sizeof(words) / sizeof(words[0]) && !hit; k++)
		hit = strcasestr((const char *)v, words[k]) != NULL;
	/* "side" only as a whole token: "rightside" may hold the content. */
	for (const char *t = (const char *)v; *t && !hit;) {
		size_t n = strcspn(t, " \t");
		hit = n == 4 && !strncasecmp(t, "side", 4);
		t += n + (t[n] != '\0');
	}
	xmlFree(v);
	return hit;
}

bool zc_html_skip_element(xmlNode *node)
{
	const char *name = (const char *)node->name;
	static const char *const dropped[] = {"script", "style",  "noscript", "iframe", "nav",
					      "form",   "select", "option",   "button", "svg",
					      "object", "embed",  "template", "link",   "meta",
					      "aside"};
	for (size_t k = 0; k < sizeof(dropped) / sizeof(dropped[0]); k++)
		if (!strcasecmp(name, dropped[k]))
			return true;
	return attr_says_chrome(node, "class") || attr_says_chrome(node, "id");
}

static int newline(struct zc_buf *out)
{
	/* At most one blank line in a row. */
	if (out->len == 0)
		return 0;
	if (out->len >= 2 && out->data[out->len - 1] == '\n' && out->data[out->len - 2] == '\n')
		return 0;
	return zc_buf_addc(out, '\n');
}

static int add_text(struct zc_buf *out, const char *s)
{
	/* Collapse source-formatting white space (newlines inside a <p>) to a space. */
	for (const char *p = s; *p; p++) {
		char c = *p;
		if (c == '\n' || c == '\r' || c == '\t')
			c = ' ';
		if (c == ' ' && (out->len == 0 || out->data[out->len - 1] == ' ' ||
				 out->data[out->len - 1] == '\n'))
			continue;
		int r = zc_buf_addc(out, c);
		if (r < 0)
			return r;
	}
	return 0;
}

int zc_html_to_text(const char *html, size_t len, struct zc_buf *out)
{
	if (len > INT32_MAX)
		return -E2BIG;
	htmlDocPtr doc = htmlReadMemory(html, (int)len, NULL, "UTF-8",
					HTML_PARSE_RECOVER | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING |
						HTML_PARSE_NONET | HTML_PARSE_COMPACT);
	if (!doc)
		return -EINVAL;
	int r = 0;
	xmlNode *root = xmlDocGetRootElement(doc);
	xmlNode *node = root;
	while (node && r == 0) {
		bool descend = false;
		if (node->type == XML_TEXT_NODE || node->type == XML_CDATA_SECTION_NODE) {
			if (node->content)
				r = add_text(out, (const char *)node->content);
		} else if (node->type == XML_ELEMENT_NODE && !zc_html_skip_element(node)) {
			const char *name = (const char *)node->name;
			if (is_block(name))
				r = newline(out);
			else if (!strcasecmp(name, "td") || !strcasecmp(name, "th"))
				r = zc_buf_adds(out, "  ");
			descend = node->children != NULL;
		}
		if (r < 0)
			break;
		if (descend) {
			node = node->children;
			continue;
		}
		/* Climb until a next sibling exists, closing blocks on the way up. */
		while (node && node != root && !node->next) {
			node = node->parent;
			if (node && node->type == XML_ELEMENT_NODE && is_block((const char *)node->name))
				r = newline(out);
		}
		if (!node || node == root)
			break;
		if (node->type == XML_ELEMENT_NODE && is_block((const char *)node->name))
			r = newline(out);
		node = node->next;
	}
	xmlFreeDoc(doc);
	if (r == 0 && out->len && out->data[out->len - 1] != '\n')
		r = zc_buf_addc(out, '\n');
	return r;
}
