/*
 * backend.h: what a store backend provides (internal). store.c parses the
 * location, picks the backend and forwards every call of zhengce/store.h
 * to these functions; a backend embeds struct zc_store as its first member.
 */
#ifndef ZC_STORE_BACKEND_H
#define ZC_STORE_BACKEND_H

#include <stdarg.h>

#include "zhengce/store.h"

struct zc_store_ops {
	void (*close)(struct zc_store *s);
	int (*schema_version)(const struct zc_store *s);
	int (*begin)(struct zc_store *s);
	int (*commit)(struct zc_store *s);
	int (*rollback)(struct zc_store *s);
	int (*put)(struct zc_store *s, const struct zc_notice *n, const struct zc_source *src,
		   struct zc_put_result *res);
	int (*remove)(struct zc_store *s, int64_t id);
	int (*resolve)(struct zc_store *s, const char *key, int64_t *id);
	json_t *(*get)(struct zc_store *s, int64_t id, int *err);
	int (*search)(struct zc_store *s, const struct zc_search *q, json_t **result);
	json_t *(*stats)(struct zc_store *s);
	int (*check)(struct zc_store *s);
	int (*maintain)(struct zc_store *s, size_t changed);
	int (*export)(struct zc_store *s, int (*fn)(json_t *, void *), void *arg);
	int64_t (*changes)(struct zc_store *s);
	json_t *(*source)(struct zc_store *s, const char *uri, int *err);
	int (*touch_source)(struct zc_store *s, const char *uri, const char *when);
	json_t *(*crawl_page_get)(struct zc_store *s, const char *url, int *err);
	int (*crawl_page_put)(struct zc_store *s, const json_t *page);
	int (*crawl_site_put)(struct zc_store *s, const json_t *site);
	json_t *(*crawl_sites)(struct zc_store *s);
};

struct zc_store {
	const struct zc_store_ops *ops;
	char error[512];
};

/* Set the store's error message; returns r (a negative errno) for chaining. */
int zc_store_fail(struct zc_store *s, int r, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

/* The SQLite backend (sqlite.c). */
int zc_sqlite_open(const char *path, unsigned flags, struct zc_store **ret, char *errbuf,
		   size_t errlen);

#endif
