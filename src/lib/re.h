/*
 * re.h: PCRE2 patterns compiled once, on first use, and matched without copying.
 *
 * A pattern is declared where it is used:
 *     static struct zc_re phone_re = ZC_RE("0\\d{2,3}-\\d{7,8}");
 * and compiled (UTF mode, JIT when available) the first time it is matched.
 * Compilation is guarded by a lock, so patterns may be shared by threads.
 * Subjects must be valid UTF-8: the pipeline validates text once on entry
 * and matches use PCRE2_NO_UTF_CHECK, which keeps repeated matching linear.
 */
#ifndef ZC_RE_H
#define ZC_RE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>

#define ZC_RE_NEED_MAX 16 /* words a prefilter may have */

struct zc_re {
	const char *pattern;
	uint32_t options;
	pcre2_code *code; /* set once, atomically, by the first user */
	const char *const *need; /* NULL, or words (NULL-terminated) one of which every match holds */
	bool jit; /* code was JIT-compiled (set before code) */
	/* Built with code, for the prefilter (see re.c): a bit for the hash of
	 * each need word's first character, and the words' lengths. */
	uint8_t need_first[32];
	uint8_t need_len[ZC_RE_NEED_MAX];
};

#define ZC_RE(pat) {.pattern = (pat)}
#define ZC_RE_OPT(pat, opt) {.pattern = (pat), .options = (opt)}
/*
 * A pattern with a literal prefilter: every match of it holds one of the
 * words (in the text it matches, not in a lookaround). When none of them
 * occurs in the text searched, zc_re_find answers "no match" without
 * running the pattern, after one fast scan of the text. Worth it for
 * patterns tried on many texts that seldom match and that PCRE2 cannot
 * skip through quickly (an alternation of Chinese words, or a pattern
 * starting with a run of any characters):
 *     static struct zc_re r = ZC_RE_NEED("(?:免责)?声明|以上.{0,10}来源", "声明", "来源");
 */
#define ZC_RE_NEED(pat, ...) {.pattern = (pat), .need = (const char *const[]){__VA_ARGS__, NULL}}

#define ZC_RE_MAX_GROUPS 24

struct zc_match {
	size_t start[ZC_RE_MAX_GROUPS]; /* byte offsets; SIZE_MAX when a group did not match */
	size_t end[ZC_RE_MAX_GROUPS];
	int groups; /* number of pairs set */
};

/*
 * Find the first match of re in s[0..len) at or after byte offset `from`.
 * Returns true and fills *m on a match; false when there is none. A pattern
 * that fails to compile is a programming error: it aborts with a message.
 */
bool zc_re_find(struct zc_re *re, const char *s, size_t len, size_t from, struct zc_match *m);

/*
 * zc_re_find for a pattern whose every match ends with the character
 * `last` (UTF-8) and holds before it only characters for which inside()
 * is true, `last` not among them; no lookahead or assertion may follow
 * `last` in the pattern. Such a match ends at the first `last` after its
 * start, and starts within the run of inside() characters before that
 * `last`: the pattern is run only there, on the text cut after `last`.
 * Same result as zc_re_find, without running the pattern over the text
 * between occurrences of `last` (a 文号 ends in 号, a sum in 元).
 */
bool zc_re_find_ending(struct zc_re *re, const char *last, bool (*inside)(uint32_t c), const char *s,
		       size_t len, size_t from, struct zc_match *m);

/* True when group g matched. */
static inline bool zc_match_has(const struct zc_match *m, int g)
{
	return g < m->groups && m->start[g] != SIZE_MAX;
}
static inline size_t zc_match_len(const struct zc_match *m, int g)
{
	return zc_match_has(m, g) ? m->end[g] - m->start[g] : 0;
}

/* Free this thread's match scratch space (call before a thread exits). */
void zc_re_thread_release(void);

#endif
