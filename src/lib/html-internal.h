/*
 * html-internal.h: what html.c shares with the other readers of pages
 * (acquire/content.c), inside the library.
 */
#ifndef ZC_HTML_INTERNAL_H
#define ZC_HTML_INTERNAL_H

#include <stdbool.h>

#include <libxml/tree.h>

/* Is the element never content: script, style, forms, navigation, an
 * element whose class or id names a nav, menu, breadcrumb, share bar,
 * footer, related articles…? */
bool zc_html_skip_element(xmlNode *node);

#endif
