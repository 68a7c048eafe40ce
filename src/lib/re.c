/*
 * re.c: lazily compiled PCRE2 patterns (see re.h).
 * Each thread keeps one match-data block, large enough for every pattern;
 * a thread-specific key frees it when the thread exits.
 */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "re.h"
#include "utf8.h"
#include "banned.h"

static pthread_mutex_t compile_lock = PTHREAD_MUTEX_INITIALIZER;
static _Thread_local pcre2_match_data *scratch;
static pthread_key_t scratch_key;
static pthread_once_t scratch_once = PTHREAD_ONCE_INIT;

static void scratch_free(void *p)
{
	pcre2_match_data_free(p);
}

static void scratch_key_create(void)
{
	(void)pthread_key_create(&scratch_key, scratch_free);
}

static pcre2_code *compile(struct zc_re *re)
{
	pcre2_code *code = __atomic_load_n(&re->code, __ATOMIC_ACQUIRE);
	if (code)
		return code;
	pthread_mutex_lock(&compile_lock);
	code = re->code;
	if (!code) {
		int err;
		PCRE2_SIZE off;
		code = pcre2_compile((PCRE2_SPTR)re->pattern, PCRE2_ZERO_TERMINATED,
				     PCRE2_UTF | PCRE2_NO_UTF_CHECK | re->options, &err, &off, NULL);
		if (!code) {
			PCRE2_UCHAR msg[256];
			pcre2_get_error_message(err, msg, sizeof(msg));
			fprintf(stderr, "zhengce: internal pattern error at %zu: %s\n  %s\n",
				(size_t)off, (char *)msg, re->pattern);
			abort();
		}
		re->jit = pcre2_jit_compile(code, PCRE2_JIT_COMPLETE) == 0;
		__atomic_store_n(&re->code, code, __ATOMIC_RELEASE);
	}
	pthread_mutex_unlock(&compile_lock);
	return code;
}

/* Does s[0..len) hold one of the words? */
static bool holds_any(const char *s, size_t len, const char *const *words)
{
	for (; *words; words++)
		if (zc_memstr(s, len, *words))
			return true;
	return false;
}

bool zc_re_find(struct zc_re *re, const char *s, size_t len, size_t from, struct zc_match *m)
{
	if (re->need && (from > len || !holds_any(s + from, len - from, re->need)))
		return false;
	pcre2_code *code = compile(re);
	if (!scratch) {
		scratch = pcre2_match_data_create(ZC_RE_MAX_GROUPS, NULL);
		if (!scratch)
			return false;
		pthread_once(&scratch_once, scratch_key_create);
		(void)pthread_setspecific(scratch_key, scratch);
	}
	if (from > len)
		return false;
	/* The JIT entry skips pcre2_match's checks of its arguments, which hold
	 * here (valid UTF-8, from <= len): same result, less work per call. */
	int rc = re->jit ? pcre2_jit_match(code, (PCRE2_SPTR)s, len, from, 0, scratch, NULL)
			 : pcre2_match(code, (PCRE2_SPTR)s, len, from, PCRE2_NO_UTF_CHECK, scratch, NULL);
	if (rc <= 0)
		return false;
	PCRE2_SIZE *ov = pcre2_get_ovector_pointer(scratch);
	m->groups = rc;
	for (int g = 0; g < rc; g++) {
		bool set = ov[2 * g] != PCRE2_UNSET;
		m->start[g] = set ? ov[2 * g] : SIZE_MAX;
		m->end[g] = set ? ov[2 * g + 1] : SIZE_MAX;
	}
	/* Groups the match did not reach: SIZE_MAX, all bits set. */
	memset(m->start + rc, 0xFF, (size_t)(ZC_RE_MAX_GROUPS - rc) * sizeof(m->start[0]));
	memset(m->end + rc, 0xFF, (size_t)(ZC_RE_MAX_GROUPS - rc) * sizeof(m->end[0]));
	return true;
}

bool zc_re_find_ending(struct zc_re *re, const char *last, bool (*inside)(uint32_t c), const char *s,
		       size_t len, size_t from, struct zc_match *m)
{
	size_t n = strlen(last);
	while (from < len) {
		const char *hit = zc_memstr(s + from, len - from, last);
		if (!hit)
			return false;
		size_t h = (size_t)(hit - s), b = h;
		while (b > from) {
			const char *q = s + b;
			if (!inside(zc_utf8_prev(&q, s + from)))
				break;
			b = (size_t)(q - s);
		}
		/* A match starting at b or later ends at h + n; none starts before b. */
		if (zc_re_find(re, s, h + n, b, m))
			return true;
		from = h + n;
	}
	return false;
}

void zc_re_thread_release(void)
{
	pcre2_match_data_free(scratch);
	scratch = NULL;
	pthread_once(&scratch_once, scratch_key_create);
	(void)pthread_setspecific(scratch_key, NULL);
}
