/*
 * content.c: the main content of a notice page and its metadata (see
 * acquire.h).
 *
 * Content by density, not by site: every element gets a score from the
 * text beneath it, computed bottom-up in one iterative pass (hostile pages
 * nest deeply):
 *
 *   score = plain text chars − 2 × link text chars + 20 × sentence punctuation
 *
 * so that a block of sentences gains and a list of links loses; elements
 * that are never content (navigation, footers, share bars, scripts, forms:
 * html.c's rules) count nothing. The best element wins; then, while one of
 * its children holds nearly all of its score, or all its sentences (what
 * is left is the title and a line of fields, read as metadata), that child
 * wins instead: the narrowest box around the text. Its text is made by
 * html.c's converter.
 *
 * Metadata: the <meta> names of the national government-site standard
 * (ArticleTitle, PubDate, ContentSource), then labelled lines of the page
 * (发布时间：, 来源：, 文号：), then <h1> and <title> for the title.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <libxml/HTMLparser.h>
#include <libxml/HTMLtree.h>
#include <libxml/tree.h>
#include <libxml/uri.h>

#include "html-internal.h"
#include "utf8.h"
#include "zhengce/acquire.h"
#include "zhengce/html.h"
#include "banned.h"

struct score {
	long text;  /* characters not in links */
	long link;  /* characters in links */
	long punct; /* sentence punctuation */
};

void zc_web_page_free(struct zc_web_page *p)
{
	free(p->title);
	free(p->published);
	free(p->source);
	free(p->doc_number);
	zc_buf_free(&p->text);
	zc_strv_free(&p->attachments);
	zc_strv_free(&p->attachment_names);
	memset(p, 0, sizeof(*p));
}

static bool named(const xmlNode *n, const char *name)
{
	return n->type == XML_ELEMENT_NODE && !strcasecmp((const char *)n->name, name);
}

static bool in_link(const xmlNode *n)
{
	for (; n; n = n->parent)
		if (named(n, "a"))
			return true;
	return false;
}

/* Count a text node's characters and punctuation. */
static void count_text(const char *s, struct score *sc, bool link)
{
	const char *end = s + strlen(s);
	while (s < end) {
		uint32_t c = zc_utf8_next(&s, end);
		if (c <= ' ' || c == 0x3000 || c == 0xA0)
			continue;
		if (link)
			sc->link++;
		else
			sc->text++;
		/* ，。；、 (not ：, which labels fields as often as it ends a clause) */
		if (c == 0xFF0C || c == 0x3002 || c == 0xFF1B || c == 0x3001)
			sc->punct++;
	}
}

static long value(const struct score *s)
{
	return s->text - 2 * s->link + 20 * s->punct;
}

/*
 * Score every element bottom-up (post-order, without recursion); scores
 * live in an array indexed through node->_private. Returns the number of
 * elements scored, or -ENOMEM.
 */
static long score_tree(xmlNode *root, struct score **out)
{
	size_t cap = 1024, n = 0;
	struct score *s = calloc(cap, sizeof(*s));
	if (!s)
		return -ENOMEM;
	xmlNode *node = root;
	while (node) {
		bool descend = false;
		if (node->type == XML_ELEMENT_NODE) {
			if (n == cap) {
				struct score *t = realloc(s, 2 * cap * sizeof(*s));
				if (!t) {
					free(s);
					return -ENOMEM;
				}
				memset(t + cap, 0, cap * sizeof(*s));
				s = t, cap *= 2;
			}
			node->_private = (void *)(uintptr_t)(n + 1);
			n++;
			descend = node->children && !zc_html_skip_element(node);
		} else if ((node->type == XML_TEXT_NODE || node->type == XML_CDATA_SECTION_NODE) && node->content &&
			   node->parent && node->parent->_private) {
			count_text((const char *)node->content, &s[(uintptr_t)node->parent->_private - 1],
				   in_link(node));
		}
		if (descend) {
			node = node->children;
			continue;
		}
		/* Done with node: climb, adding each finished element to its parent. */
		while (node && node != root && !node->next) {
			xmlNode *parent = node->parent;
			if (node->type == XML_ELEMENT_NODE && parent && parent->_private && node->_private) {
				struct score *c = &s[(uintptr_t)node->_private - 1], *p = &s[(uintptr_t)parent->_private - 1];
				if (!zc_html_skip_element(node))
					p->text += c->text, p->link += c->link, p->punct += c->punct;
			}
			node = parent;
		}
		if (!node || node == root)
			break;
		if (node->type == XML_ELEMENT_NODE && node->parent && node->parent->_private && node->_private &&
		    !zc_html_skip_element(node)) {
			struct score *c = &s[(uintptr_t)node->_private - 1], *p = &s[(uintptr_t)node->parent->_private - 1];
			p->text += c->text, p->link += c->link, p->punct += c->punct;
		}
		node = node->next;
	}
	*out = s;
	return (long)n;
}

static const struct score *score_of(const xmlNode *n, const struct score *s)
{
	return n->_private ? &s[(uintptr_t)n->_private - 1] : NULL;
}

enum walk { WALK_INTO, WALK_OVER, WALK_STOP };

/*
 * Visit the elements under root (root included) in document order,
 * without recursion: fn says whether to go into an element's children,
 * past them, or to stop.
 */
static void each_element(xmlNode *root, enum walk (*fn)(xmlNode *node, void *arg), void *arg)
{
	for (xmlNode *node = root; node;) {
		enum walk w = node->type == XML_ELEMENT_NODE ? fn(node, arg) : WALK_OVER;
		if (w == WALK_STOP)
			return;
		if (w == WALK_INTO && node->children) {
			node = node->children;
			continue;
		}
		while (node && node != root && !node->next)
			node = node->parent;
		if (!node || node == root)
			break;
		node = node->next;
	}
}

struct best {
	const struct score *scores;
	xmlNode *node;
	long value;
};

static enum walk find_best(xmlNode *node, void *arg)
{
	struct best *b = arg;
	if (zc_html_skip_element(node))
		return WALK_OVER;
	const struct score *sc = score_of(node, b->scores);
	if (sc && value(sc) > b->value && !named(node, "html")) {
		b->node = node;
		b->value = value(sc);
	}
	return WALK_INTO;
}

/* The content element: the best score, then narrowed to a child holding nearly all of it. */
static xmlNode *content_node(xmlNode *root, const struct score *s)
{
	struct best b = {s, NULL, 0};
	each_element(root, find_best, &b);
	xmlNode *best = b.node;
	long best_value = b.value;
	for (bool narrowed = true; best && narrowed;) {
		narrowed = false;
		long best_punct = score_of(best, s)->punct;
		for (xmlNode *c = best->children; c; c = c->next) {
			const struct score *sc = c->type == XML_ELEMENT_NODE ? score_of(c, s) : NULL;
			/* a child with nearly all the score, or with all the sentences
			 * (what it leaves out is a title and a line of fields) */
			if (sc && !zc_html_skip_element(c) && value(sc) > 0 &&
			    (value(sc) >= best_value * 9 / 10 ||
			     (value(sc) >= best_value * 6 / 10 && best_punct - sc->punct <= 1))) {
				best = c;
				best_value = value(sc);
				narrowed = true;
				break;
			}
		}
	}
	return best;
}

static char *trimmed(const char *s)
{
	if (!s)
		return NULL;
	const char *end = s + strlen(s);
	while (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r')
		s++;
	while (end > s && (end[-1] == ' ' || end[-1] == '\t' || end[-1] == '\n' || end[-1] == '\r'))
		end--;
	/* U+3000 at either end */
	while (end - s >= 3 && !memcmp(s, "\xE3\x80\x80", 3))
		s += 3;
	while (end - s >= 3 && !memcmp(end - 3, "\xE3\x80\x80", 3))
		end -= 3;
	return end > s ? strndup(s, (size_t)(end - s)) : NULL;
}

struct lookup {
	const char *name; /* the element (first_text) or meta name (meta) */
	char *value;
};

static enum walk find_meta(xmlNode *node, void *arg)
{
	struct lookup *l = arg;
	if (named(node, "body"))
		return WALK_OVER;
	if (!named(node, "meta"))
		return WALK_INTO;
	xmlChar *n = xmlGetProp(node, (const xmlChar *)"name");
	bool hit = n && !strcasecmp((const char *)n, l->name);
	xmlFree(n);
	if (!hit)
		return WALK_OVER;
	xmlChar *c = xmlGetProp(node, (const xmlChar *)"content");
	l->value = trimmed((const char *)c);
	xmlFree(c);
	return WALK_STOP;
}

/* <meta name="NAME" content="…"> of the document's head. */
static char *meta(xmlNode *root, const char *name)
{
	struct lookup l = {name, NULL};
	each_element(root, find_meta, &l);
	return l.value;
}

static enum walk find_text(xmlNode *node, void *arg)
{
	struct lookup *l = arg;
	if (named(node, l->name)) {
		xmlChar *t = xmlNodeGetContent(node);
		l->value = trimmed((const char *)t);
		xmlFree(t);
		if (l->value)
			return WALK_STOP;
	}
	return zc_html_skip_element(node) ? WALK_OVER : WALK_INTO;
}

/* The text of the first element called name (e.g. "title", "h1"). */
static char *first_text(xmlNode *root, const char *name)
{
	struct lookup l = {name, NULL};
	each_element(root, find_text, &l);
	return l.value;
}

/* A <title> of the form "标题_栏目_站点" or "标题 - 站点": the part before the first separator. */
static void cut_site_name(char *title)
{
	static const char *const seps[] = {"_", " - ", " | ", "|", "--", "——", "－"};
	char *cut = NULL;
	for (size_t i = 0; i < sizeof(seps) / sizeof(seps[0]); i++) {
		char *p = strstr(title, seps[i]);
		if (p && p > title && (!cut || p < cut))
			cut = p;
	}
	if (cut)
		*cut = '\0';
}

/* The value after a label ("发布时间", "来源" …) on a line of text, up to the next label or the line's end. */
static char *labelled(const char *text, const char *const *labels)
{
	for (const char *const *l = labels; *l; l++) {
		for (const char *p = strstr(text, *l); p; p = strstr(p + 1, *l)) {
			const char *v = p + strlen(*l);
			while (*v == ' ' || !strncmp(v, "\xE3\x80\x80", 3))
				v += *v == ' ' ? 1 : 3;
			if (strncmp(v, "\xEF\xBC\x9A", 3) && *v != ':') /* ：or : */
				continue;
			v += *v == ':' ? 1 : 3;
			while (*v == ' ' || !strncmp(v, "\xE3\x80\x80", 3))
				v += *v == ' ' ? 1 : 3;
			const char *end = v;
			/* up to the line's end, two spaces (the next field) or a full-width space */
			while (*end && *end != '\n' && strncmp(end, "  ", 2) && strncmp(end, "\xE3\x80\x80", 3))
				end++;
			if (end > v)
				return strndup(v, (size_t)(end - v));
		}
	}
	return NULL;
}

static bool attachment_href(const char *href)
{
	static const char *const exts[] = {".pdf", ".doc", ".docx", ".xls", ".xlsx", ".wps", ".et", ".ofd", ".zip", ".rar"};
	const char *q = href + strcspn(href, "?#");
	for (size_t i = 0; i < sizeof(exts) / sizeof(exts[0]); i++) {
		size_t n = strlen(exts[i]);
		if ((size_t)(q - href) > n && !strncasecmp(q - n, exts[i], n))
			return true;
	}
	return false;
}

/* Collecting the links of a page: every link, or the attachments only (with their names). */
struct links {
	const char *base;
	bool attachments; /* only links to attached files, with names */
	struct zc_strv *urls, *names;
	int err;
};

static bool listed(const struct zc_strv *v, const char *s)
{
	for (size_t i = 0; i < v->n; i++)
		if (!strcmp(v->v[i], s))
			return true;
	return false;
}

static enum walk collect_link(xmlNode *node, void *arg)
{
	struct links *l = arg;
	if (named(node, "script") || named(node, "style"))
		return WALK_OVER;
	if (!named(node, "a"))
		return WALK_INTO;
	xmlChar *href = xmlGetProp(node, (const xmlChar *)"href");
	xmlChar *abs = href && (!l->attachments || attachment_href((const char *)href))
			       ? xmlBuildURI(href, (const xmlChar *)(l->base ? l->base : ""))
			       : NULL;
	char *url = (char *)abs;
	if (url && !l->attachments && strchr(url, '#'))
		*strchr(url, '#') = '\0'; /* the same page */
	if (url && *url && !listed(l->urls, url)) {
		l->err = zc_strv_add(l->urls, url);
		if (l->err == 0 && l->names) {
			xmlChar *t = xmlNodeGetContent(node);
			char *name = trimmed((const char *)t);
			const char *file = strrchr(url, '/');
			l->err = zc_strv_add(l->names, name ? name : file ? file + 1 : url);
			free(name);
			xmlFree(t);
		}
	}
	xmlFree(abs);
	xmlFree(href);
	return l->err < 0 ? WALK_STOP : WALK_OVER;
}

/* Links to attached files anywhere in the page (they often sit below the content box). */
static int attachments(xmlNode *root, const char *base, struct zc_web_page *p)
{
	struct links l = {base, true, &p->attachments, &p->attachment_names, 0};
	each_element(root, collect_link, &l);
	return l.err;
}

/* The text of node, by html.c's converter (serialised, then read again). */
static int node_text(htmlDocPtr doc, xmlNode *node, struct zc_buf *out)
{
	xmlBufferPtr b = xmlBufferCreate();
	if (!b)
		return -ENOMEM;
	int r = htmlNodeDump(b, doc, node) < 0 ? -ENOMEM : 0;
	if (r == 0)
		r = zc_html_to_text((const char *)xmlBufferContent(b), (size_t)xmlBufferLength(b), out);
	xmlBufferFree(b);
	return r;
}

int zc_web_content(const char *html, size_t len, const char *base, struct zc_web_page *p)
{
	memset(p, 0, sizeof(*p));
	zc_buf_init(&p->text, 0);
	if (len > INT32_MAX)
		return -E2BIG;
	htmlDocPtr doc = htmlReadMemory(html, (int)len, base, "UTF-8",
					HTML_PARSE_RECOVER | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING |
						HTML_PARSE_NONET | HTML_PARSE_COMPACT);
	if (!doc)
		return -EINVAL;
	xmlNode *root = xmlDocGetRootElement(doc);
	struct score *scores = NULL;
	long n = root ? score_tree(root, &scores) : 0;
	int r = n < 0 ? (int)n : 0;
	xmlNode *content = r == 0 && root ? content_node(root, scores) : NULL;
	if (r == 0 && root) {
		r = node_text(doc, content ? content : root, &p->text);
		if (r == -EINVAL) /* nothing readable: an empty text */
			r = 0;
	}
	if (r == 0 && root) {
		struct zc_buf page;
		zc_buf_init(&page, 0);
		if (zc_html_to_text(html, len, &page) == 0 && page.data) {
			static const char *const when[] = {"发布时间", "发布日期", "成文日期", "日期", NULL};
			static const char *const from[] = {"来源", "发布机构", "发文机关", NULL};
			static const char *const docno[] = {"发文字号", "文号", NULL};
			p->published = labelled(page.data, when);
			p->source = labelled(page.data, from);
			p->doc_number = labelled(page.data, docno);
		}
		zc_buf_free(&page);
		char *v;
		if ((v = meta(root, "PubDate"))) {
			free(p->published);
			p->published = v;
		}
		if ((v = meta(root, "ContentSource"))) {
			free(p->source);
			p->source = v;
		}
		p->title = meta(root, "ArticleTitle");
		if (!p->title && (p->title = first_text(root, "h1")) && strlen(p->title) < 12) {
			free(p->title); /* a site's name in an h1, not a notice's title */
			p->title = NULL;
		}
		if (!p->title && (p->title = first_text(root, "title")))
			cut_site_name(p->title);
		r = attachments(root, base, p);
	}
	/* _private held indexes into scores */
	free(scores);
	xmlFreeDoc(doc);
	if (r < 0)
		zc_web_page_free(p);
	return r;
}

int zc_web_links(const char *html, size_t len, const char *base, struct zc_strv *out)
{
	if (len > INT32_MAX)
		return -E2BIG;
	htmlDocPtr doc = htmlReadMemory(html, (int)len, base, "UTF-8",
					HTML_PARSE_RECOVER | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING |
						HTML_PARSE_NONET | HTML_PARSE_COMPACT);
	if (!doc)
		return -EINVAL;
	struct links l = {base, false, out, NULL, 0};
	each_element(xmlDocGetRootElement(doc), collect_link, &l);
	xmlFreeDoc(doc);
	return l.err;
}
