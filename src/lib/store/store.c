/*
 * store.c: the store interface (zhengce/store.h): pick a backend from the
 * location and forward each call to it.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/backend.h"
#include "banned.h"

#define SCHEMA_LATEST 5 /* keep in step with the migrations in sqlite.c */

const char *zc_store_default_location(const char *option)
{
	if (option && option[0])
		return option;
	const char *env = getenv("ZHENGCE_DB");
	return env && env[0] ? env : "zhengce.db";
}

int zc_store_open(const char *location, unsigned flags, struct zc_store **ret, char *errbuf,
		  size_t errlen)
{
	*ret = NULL;
	if (!strncmp(location, "postgres://", 11) || !strncmp(location, "postgresql://", 13)) {
		if (errbuf && errlen)
			snprintf(errbuf, errlen, "%s: this build has no PostgreSQL backend", location);
		return -ENOTSUP;
	}
	return zc_sqlite_open(location, flags, ret, errbuf, errlen);
}

int zc_store_fail(struct zc_store *s, int r, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(s->error, sizeof(s->error), fmt, ap);
	va_end(ap);
	return r;
}

void zc_store_close(struct zc_store *s)
{
	if (s)
		s->ops->close(s);
}

const char *zc_store_error(const struct zc_store *s)
{
	return s->error;
}

int zc_store_schema_version(const struct zc_store *s)
{
	return s->ops->schema_version(s);
}

int zc_store_schema_latest(void)
{
	return SCHEMA_LATEST;
}

int zc_store_begin(struct zc_store *s)
{
	return s->ops->begin(s);
}

int zc_store_commit(struct zc_store *s)
{
	return s->ops->commit(s);
}

int zc_store_rollback(struct zc_store *s)
{
	return s->ops->rollback(s);
}

int zc_store_put(struct zc_store *s, const struct zc_notice *n, const struct zc_source *src,
		 struct zc_put_result *res)
{
	return s->ops->put(s, n, src, res);
}

int zc_store_remove(struct zc_store *s, int64_t id)
{
	return s->ops->remove(s, id);
}

int zc_store_resolve(struct zc_store *s, const char *key, int64_t *id)
{
	return s->ops->resolve(s, key, id);
}

json_t *zc_store_get(struct zc_store *s, int64_t id, int *err)
{
	return s->ops->get(s, id, err);
}

void zc_search_init(struct zc_search *q)
{
	memset(q, 0, sizeof(*q));
	q->has_conditions = -1;
}

void zc_search_free(struct zc_search *q)
{
	zc_strv_free(&q->regions);
	zc_strv_free(&q->categories);
	zc_strv_free(&q->issuers);
}

int zc_store_search(struct zc_store *s, const struct zc_search *q, json_t **result)
{
	*result = NULL;
	return s->ops->search(s, q, result);
}

int zc_store_search_records(struct zc_store *s, const struct zc_search *q, json_t **records)
{
	json_t *res = NULL, *out = json_array();
	*records = NULL;
	if (!out)
		return -ENOMEM;
	struct zc_search ids = *q;
	ids.ids_only = true;
	ids.facets = false;
	int r = zc_store_search(s, &ids, &res);
	size_t i;
	json_t *hit;
	json_array_foreach(json_object_get(res, "results"), i, hit)
	{
		if (r < 0)
			break;
		json_t *rec = zc_store_get(s, json_integer_value(json_object_get(hit, "id")), &r);
		if (!rec) {
			if (r == -ENOENT) /* removed since the search: skip it */
				r = 0;
			continue;
		}
		json_object_set(rec, "score", json_object_get(hit, "score"));
		if (json_array_append_new(out, rec) < 0)
			r = -ENOMEM;
	}
	json_decref(res);
	if (r < 0) {
		json_decref(out);
		return r;
	}
	*records = out;
	return 0;
}

int zc_store_maintain(struct zc_store *s, size_t changed)
{
	return s->ops->maintain(s, changed);
}

json_t *zc_store_source(struct zc_store *s, const char *uri, int *err)
{
	return s->ops->source(s, uri, err);
}

int zc_store_touch_source(struct zc_store *s, const char *uri, const char *when)
{
	return s->ops->touch_source(s, uri, when);
}

json_t *zc_store_crawl_page(struct zc_store *s, const char *url, int *err)
{
	return s->ops->crawl_page_get(s, url, err);
}

int zc_store_crawl_record(struct zc_store *s, const json_t *page)
{
	return s->ops->crawl_page_put(s, page);
}

int zc_store_crawl_site(struct zc_store *s, const json_t *site)
{
	return s->ops->crawl_site_put(s, site);
}

json_t *zc_store_crawl_sites(struct zc_store *s)
{
	return s->ops->crawl_sites(s);
}

int64_t zc_store_changes(struct zc_store *s)
{
	return s->ops->changes(s);
}

int zc_store_check(struct zc_store *s)
{
	return s->ops->check(s);
}

json_t *zc_store_stats(struct zc_store *s)
{
	return s->ops->stats(s);
}

int zc_store_export(struct zc_store *s, int (*fn)(json_t *, void *), void *arg)
{
	return s->ops->export(s, fn, arg);
}
