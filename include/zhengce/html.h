/*
 * html.h: HTML pages → plain text with their block structure.
 *
 * Parsing is libxml2's forgiving HTML parser (no network, no external
 * entities). Block elements (p, div, li, tr, h1–h6, br …) become line
 * breaks, table cells are separated by two spaces, entities are decoded,
 * and what is not content is dropped: script, style, forms, iframes, and
 * navigation (nav elements and elements whose class or id names a nav,
 * menu, breadcrumb, share bar or footer).
 */
#ifndef ZHENGCE_HTML_H
#define ZHENGCE_HTML_H

#include <stdbool.h>
#include <stddef.h>

#include "zhengce/buf.h"

/* True when UTF-8 text s[0..len) looks like an HTML document or fragment. */
bool zc_html_detect(const char *s, size_t len);

/*
 * Convert UTF-8 HTML to text, appended to out. Returns 0, -ENOMEM/-E2BIG,
 * or -EINVAL when libxml2 cannot build a document at all.
 */
int zc_html_to_text(const char *html, size_t len, struct zc_buf *out);

#endif
