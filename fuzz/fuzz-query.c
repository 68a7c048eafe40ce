/*
 * fuzz-query.c: any bytes as a search query, and as a notice text, through
 * an in-memory store: the query parser, its evaluation over the full-text
 * index (segments written, merged and read back), ranking and snippets. A
 * query is either answered or refused as bad syntax (-EINVAL); any other
 * failure is a bug, and aborts.
 */
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "utf8.h"
#include "zhengce/store.h"

static struct zc_store *store;

static const char seed_a[] = "关于开展2024年度高新技术企业认定工作的通知\n请于2024年5月20日前报送。ISO9001认证企业优先。\n";
static const char seed_b[] = "廣東省科學技術廳關於專精特新的通知\n網上申報時間為6月1日至6月30日。\n";

static void put(const char *text, const char *uri, int64_t *id)
{
	struct zc_notice n;
	struct zc_put_result res;
	struct zc_source src = {.uri = uri};
	zc_notice_init(&n);
	n.title = (char *)"通知";
	n.text = (char *)text;
	if (zc_store_put(store, &n, &src, &res) != 0)
		abort();
	if (id)
		*id = res.id;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (!store) {
		if (zc_store_open(":memory:", ZC_STORE_CREATE, &store, NULL, 0) != 0)
			abort();
		put(seed_a, "a", NULL);
		put(seed_b, "b", NULL);
	}
	char *s = malloc(size + 1);
	if (!s)
		return 0;
	memcpy(s, data, size);
	s[size] = '\0';
	struct zc_search q;
	zc_search_init(&q);
	q.query = s;
	q.facets = size % 2;
	json_t *res = NULL;
	int r = zc_store_search(store, &q, &res);
	if (r != 0 && r != -EINVAL)
		abort();
	json_decref(res);
	/* The same bytes as a notice text (valid UTF-8 only: the pipeline
	 * guarantees it), indexed and removed again. */
	if (size && strlen(s) == size && zc_utf8_valid(s, size)) {
		int64_t id;
		put(s, "fuzz", &id);
		if (zc_store_remove(store, id) != 0)
			abort();
	}
	zc_search_free(&q);
	free(s);
	return 0;
}
