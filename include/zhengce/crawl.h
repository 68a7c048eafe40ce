/*
 * crawl.h: keeping up with the notice lists of government sites.
 *
 * A sources file (docs/crawl.md) names each site's list page, how its
 * further pages are numbered, the pattern of the links to notices and the
 * pace to keep. zc_crawl() walks every site: robots.txt first, then the
 * list pages (conditionally: an unchanged first page ends the site's
 * walk), then each notice not yet stored (zc_fetch()), one host at a time
 * with a delay between requests, several hosts at once. Failures are
 * retried with backoff. Every page's outcome is recorded in the store, so
 * a crawl killed at any point resumes where it stopped, and a second
 * crawl fetches only what is new.
 */
#ifndef ZHENGCE_CRAWL_H
#define ZHENGCE_CRAWL_H

#include <stdbool.h>
#include <stddef.h>

#include <jansson.h>

#include "zhengce/acquire.h"
#include "zhengce/vec.h"

struct zc_site {
	char *id;           /* short, stable: "miit-tz" */
	char *name;         /* for people */
	char *list;         /* the first list page */
	char *pages;        /* further list pages, "{n}" standing for the page number, or NULL */
	int first_page;     /* the number of the second list page in `pages` (default 1) */
	int max_pages;      /* list pages read at most (default 3) */
	char *link;         /* PCRE2 pattern an absolute notice URL must match */
	double delay;       /* seconds between two requests to the site (default 1) */
	bool official;      /* a government site (the best source of a notice) */
	char *category;     /* for its notices that state none, or NULL */
};

struct zc_sources {
	struct zc_site *sites;
	size_t n;
};

/*
 * Read a sources file (JSON, docs/crawl.md). Returns 0, or -EINVAL with a
 * message naming the site and field in err, -ENOENT, -ENOMEM.
 */
int zc_sources_load(const char *path, struct zc_sources *out, char *err, size_t errlen);
void zc_sources_free(struct zc_sources *s);
/* Keep only the sites whose id is in ids (in file order); returns how many are left. */
size_t zc_sources_keep(struct zc_sources *s, const struct zc_strv *ids);

struct zc_crawl_options {
	struct zc_fetch_options fetch; /* for notices (attachments, limits) */
	unsigned concurrency;          /* sites crawled at once; 0: 4 */
	int retries;                   /* further tries of a failed request; 0: 2 (-1: none) */
	double backoff;                /* seconds before the first retry, doubled each time; 0: 1 */
	size_t max_notices;            /* per site and run; 0: no limit */
	double delay_scale;            /* multiplies every site's delay (tests); 0: 1 */
};

struct zc_crawl_callbacks {
	/* After each page (list or notice): its crawl record (store.h). May be NULL. */
	void (*page)(const json_t *record, void *arg);
	void *arg;
};

/*
 * Crawl the sites into the store at location (each worker opens its own
 * connection). *summary: {"sites": [{"site", "list_pages", "items_found",
 * "new", "stored", "failed", "disallowed", "pages_unmatched", "error"}]}.
 * Returns 0 when every site was walked (pages may have failed: see the
 * summary), a negative errno when the store cannot be used.
 */
int zc_crawl(const char *location, const struct zc_sources *sources, const struct zc_crawl_options *o,
	     const struct zc_crawl_callbacks *cb, json_t **summary);

/*
 * robots.txt (RFC 9309): may a crawler called agent fetch path? The
 * group for the agent (by product token) applies, else the one for "*";
 * the longest matching Allow or Disallow wins, Allow on a tie; * and $
 * as in the RFC. An empty or missing file allows everything.
 */
bool zc_robots_allowed(const char *robots, const char *agent, const char *path);

#endif
