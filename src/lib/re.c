/*
 * re.c: lazily compiled PCRE2 patterns (see re.h), with their prefilters.
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
/* initial-exec: the library is linked into programs (not dlopen()ed), so each
 * match reaches its block without a call to look the variable up. */
static _Thread_local pcre2_match_data *scratch __attribute__((tls_model("initial-exec")));
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

/*
 * The prefilter's bit for the character at p (avail bytes there, at least
 * one): a hash of its first byte, or of its first two or three bytes when
 * it is longer. A word and the text where it occurs give the same bit.
 */
static unsigned lead_bit(const unsigned char *p, size_t avail)
{
	uint32_t key = p[0];
	if (p[0] >= 0xC0 && avail >= 2) {
		key = key << 8 | p[1];
		if (p[0] >= 0xE0 && avail >= 3)
			key = key << 8 | p[2];
	}
	return (unsigned)(((uint64_t)key * 0x9E3779B1u) >> 16) & 0xFF;
}

static bool has_lead(const struct zc_re *re, unsigned bit)
{
	return re->need_first[bit >> 3] & (1u << (bit & 7));
}

/* Fill re's prefilter tables from its need words (before code is published). */
static void need_build(struct zc_re *re)
{
	size_t k = 0;
	for (; re->need && re->need[k]; k++) {
		const unsigned char *w = (const unsigned char *)re->need[k];
		size_t len = strlen(re->need[k]);
		if (k >= ZC_RE_NEED_MAX || len == 0 || len > UINT8_MAX) {
			fprintf(stderr, "zhengce: bad prefilter word %zu\n  %s\n", k, re->pattern);
			abort();
		}
		re->need_len[k] = (uint8_t)len;
		unsigned bit = lead_bit(w, len);
		re->need_first[bit >> 3] |= (uint8_t)(1u << (bit & 7));
	}
}

/*
 * Does s[0..len) hold one of re's need words? Texts of a few words (too
 * short for zc_memstr's sixteen-byte blocks) are read once: each
 * character's bit is looked at, and the words compared only where one may
 * start (a word's first byte starts a character, so the bytes inside one
 * are skipped). Longer texts are searched word by word, sixteen bytes at
 * a time.
 */
static bool holds_any(const struct zc_re *re, const char *s, size_t len)
{
	const char *const *words = re->need;
	if (len >= 20) {
		for (size_t k = 0; words[k]; k++)
			if (zc_memstr_n(s, len, words[k], re->need_len[k]))
				return true;
		return false;
	}
	const unsigned char *u = (const unsigned char *)s;
	for (size_t i = 0; i < len; i++) {
		if ((u[i] & 0xC0) == 0x80 || !has_lead(re, lead_bit(u + i, len - i)))
			continue;
		for (size_t k = 0; words[k]; k++)
			if (re->need_len[k] <= len - i && !memcmp(s + i, words[k], re->need_len[k]))
				return true;
	}
	return false;
}

/* The first use of re: compile it under the lock. */
static __attribute__((noinline)) pcre2_code *compile_first(struct zc_re *re)
{
	pcre2_code *code;
	pthread_mutex_lock(&compile_lock);
	code = re->code;
	if (!code) {
		int err;
		PCRE2_SIZE off;
		/* $ and . see a line end as "\n" alone, whatever newline PCRE2 was
		 * built with: the texts' line ends are "\n", and the hand-written
		 * tests in front of patterns read them so. Compiled under the lock. */
		static pcre2_compile_context *cc;
		if (!cc && (cc = pcre2_compile_context_create(NULL)))
			pcre2_set_newline(cc, PCRE2_NEWLINE_LF);
		code = pcre2_compile((PCRE2_SPTR)re->pattern, PCRE2_ZERO_TERMINATED,
				     PCRE2_UTF | PCRE2_NO_UTF_CHECK | re->options, &err, &off, cc);
		if (!code) {
			PCRE2_UCHAR msg[256];
			pcre2_get_error_message(err, msg, sizeof(msg));
			fprintf(stderr, "zhengce: internal pattern error at %zu: %s\n  %s\n",
				(size_t)off, (char *)msg, re->pattern);
			abort();
		}
		re->jit = pcre2_jit_compile(code, PCRE2_JIT_COMPLETE) == 0;
		need_build(re);
		__atomic_store_n(&re->code, code, __ATOMIC_RELEASE);
	}
	pthread_mutex_unlock(&compile_lock);
	return code;
}

static inline pcre2_code *compile(struct zc_re *re)
{
	pcre2_code *code = __atomic_load_n(&re->code, __ATOMIC_ACQUIRE);
	return code ? code : compile_first(re);
}

bool zc_re_find(struct zc_re *re, const char *s, size_t len, size_t from, struct zc_match *m)
{
	pcre2_code *code = compile(re);
	if (re->need && (from > len || !holds_any(re, s + from, len - from)))
		return false;
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
