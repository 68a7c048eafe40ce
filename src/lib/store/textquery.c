/*
 * textquery.c: running a parsed query over the full-text index (see
 * textquery.h).
 *
 * Segment by segment, each leaf of the query becomes the sorted list of
 * ordinals that hold it, with its weighted frequency in each: a
 * one-character string reads its posting list alone; a longer one
 * intersects its characters' lists (leapfrogging with their skip tables)
 * and, in the notices they share, counts the positions where they follow
 * each other; a prefix sums the lists of the words it starts. AND, OR and
 * NOT are then intersection, union and difference of those lists, and the
 * live ordinals of the result become hits.
 *
 * A heavy query on a large segment runs in slices: ordinal ranges, a few
 * per core, taken in turn by as many threads as cores (so that a thread
 * that starts late, or a costlier range, does not hold the others up),
 * their hits joined in order. Its lists are read first (the threads then
 * only look the segment's cache up), and only one query at a time is
 * sliced, so that a busy server's threads do not multiply.
 */
#include <errno.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>

#include "parallel.h"
#include "store/textquery.h"
#include "store/tokens.h"
#include "utf8.h"
#include "zhengce/clean.h"
#include "banned.h"

/* Sorted ordinals, with a frequency each for a leaf's list. */
struct olist {
	uint32_t *ord, *tf;
	size_t n, cap;
};

static void olist_free(struct olist *l)
{
	free(l->ord);
	free(l->tf);
	memset(l, 0, sizeof(*l));
}

static int olist_push(struct olist *l, uint32_t ord, uint32_t tf, bool with_tf)
{
	if (l->n == l->cap) {
		size_t cap = l->cap ? l->cap * 2 : 256;
		uint32_t *o = realloc(l->ord, cap * sizeof(*o));
		if (!o)
			return -ENOMEM;
		l->ord = o;
		if (with_tf) {
			uint32_t *t = realloc(l->tf, cap * sizeof(*t));
			if (!t)
				return -ENOMEM;
			l->tf = t;
		}
		l->cap = cap;
	}
	l->ord[l->n] = ord;
	if (with_tf)
		l->tf[l->n] = tf;
	l->n++;
	return 0;
}

struct qctx {
	struct zc_ix_reader *r;
	struct zc_ix_segment *seg;
	const struct zc_qnode *leaves[ZC_QUERY_MAX_TERMS];
	int nleaves;
	struct olist leaf[ZC_QUERY_MAX_TERMS]; /* this segment's */
	bool narrow;                           /* leaves may run only where they can still count */
	uint32_t lo, hi;                       /* the ordinals looked at: [lo, hi) */
};

/* ---- strings ---- */

/* A growable array of positions. */
struct posv {
	uint32_t *v;
	uint32_t cap;
};

static int posv_fit(struct posv *p, uint32_t n)
{
	if (n <= p->cap)
		return 0;
	uint32_t cap = p->cap ? p->cap : 16;
	while (cap < n)
		cap *= 2;
	uint32_t *v = realloc(p->v, cap * sizeof(*v));
	if (!v)
		return -ENOMEM;
	p->v = v;
	p->cap = cap;
	return 0;
}

struct phrase {
	size_t m;
	struct zc_pcursor *cur;
	size_t *order; /* of the seeks: the rarest character first */
	size_t *rank;  /* of the decoding, in a notice: its rarest character first */
	struct posv cand[2]; /* starts still possible, in the title and the body */
};

static void phrase_free(struct phrase *ph)
{
	free(ph->cur);
	free(ph->order);
	free(ph->rank);
	free(ph->cand[0].v);
	free(ph->cand[1].v);
}

static int phrase_alloc(struct phrase *ph, size_t m)
{
	memset(ph, 0, sizeof(*ph));
	ph->m = m;
	ph->cur = calloc(m, sizeof(*ph->cur));
	ph->order = calloc(m, sizeof(*ph->order));
	ph->rank = calloc(m, sizeof(*ph->rank));
	return ph->cur && ph->order && ph->rank ? 0 : -ENOMEM;
}

/*
 * The notice every cursor is on: count the string's occurrences. The
 * character the notice holds least often is decoded first and gives the
 * possible starts; each other character, from the rarest, keeps those it
 * follows at its offset (decoding only as far as they go), and once none
 * is left the rest are not decoded.
 */
static int phrase_count(struct phrase *ph, uint32_t *tf)
{
	size_t m = ph->m;
	for (size_t k = 0; k < m; k++) {
		size_t j = k;
		uint64_t f = (uint64_t)ph->cur[k].ntitle + ph->cur[k].nbody;
		for (; j > 0 && (uint64_t)ph->cur[ph->rank[j - 1]].ntitle + ph->cur[ph->rank[j - 1]].nbody > f; j--)
			ph->rank[j] = ph->rank[j - 1];
		ph->rank[j] = k;
	}
	struct zc_pcursor *c0 = &ph->cur[ph->rank[0]];
	if ((uint64_t)c0->ntitle + c0->nbody > c0->l->pos_len) /* a list without positions, damaged */
		return -EBADMSG;
	uint32_t n[2] = {0, 0};
	int r = posv_fit(&ph->cand[0], c0->ntitle);
	if (r == 0)
		r = posv_fit(&ph->cand[1], c0->nbody);
	if (r == 0)
		r = zc_pcursor_starts(c0, (uint32_t)ph->rank[0], ph->cand[0].v, &n[0], ph->cand[1].v, &n[1]);
	for (size_t i = 1; i < m && r == 0 && (n[0] || n[1]); i++) {
		size_t k = ph->rank[i];
		r = zc_pcursor_follow(&ph->cur[k], (uint32_t)k, ph->cand[0].v, &n[0], ph->cand[1].v, &n[1]);
	}
	*tf = ZC_TITLE_WEIGHT * n[0] + n[1];
	return r;
}

/* The notices where the lists' characters follow each other. */
/* The next ordinal of within (sorted; NULL: every one) at or after target: *target; false when none. */
static bool next_within(const struct olist *within, size_t *at, uint32_t *target)
{
	if (!within)
		return true;
	while (*at < within->n && within->ord[*at] < *target)
		(*at)++;
	if (*at == within->n)
		return false;
	*target = within->ord[*at];
	return true;
}

static int intersect_phrase(struct phrase *ph, const struct olist *within, uint32_t lo, uint32_t hi,
			    struct olist *out)
{
	uint32_t target = lo;
	size_t at = 0;
	for (;;) {
		if (!next_within(within, &at, &target) || target >= hi)
			return 0;
		bool agree = true;
		for (size_t i = 0; i < ph->m; i++) {
			struct zc_pcursor *c = &ph->cur[ph->order[i]];
			int r = zc_pcursor_seek(c, target);
			if (r <= 0)
				return r;
			if (c->ord > target) {
				target = c->ord;
				agree = false;
				break;
			}
		}
		if (!agree)
			continue;
		uint32_t tf;
		int r = phrase_count(ph, &tf);
		if (r == 0 && tf > 0)
			r = olist_push(out, target, tf, true);
		if (r < 0)
			return r;
		if (target == UINT32_MAX)
			return 0;
		target++;
	}
}

/* The list of the character at *p (a query string, folded again as the
 * index folds), and move *p past it: *l, NULL when the segment lacks it. */
static int char_list(struct qctx *q, const char **p, const char *end, bool positions, const struct zc_plist **l)
{
	char key[4];
	size_t n = zc_utf8_put(key, zc_fold_char(zc_utf8_next(p, end)));
	return zc_ix_term(q->r, q->seg, key, n, positions, l);
}

static int eval_string(struct qctx *q, const char *s, const struct olist *within, struct olist *out)
{
	size_t len = strlen(s), m = zc_utf8_count(s, len);
	if (m == 0)
		return 0;
	const struct zc_plist **lists = calloc(m, sizeof(*lists));
	if (!lists)
		return -ENOMEM;
	int r = 0;
	const char *p = s, *end = s + len;
	for (size_t k = 0; k < m && r == 0; k++) {
		r = char_list(q, &p, end, m > 1, &lists[k]);
		if (r == 0 && !lists[k]) {
			free(lists);
			return 0; /* a character this segment never saw */
		}
	}
	if (r == 0 && m == 1) {
		struct zc_pcursor c;
		uint32_t target = q->lo;
		size_t at = 0;
		bool started = false;
		zc_pcursor_init(&c, lists[0]);
		while (next_within(within, &at, &target) && target < q->hi &&
		       (r = within || !started ? zc_pcursor_seek(&c, target) : zc_pcursor_next(&c)) == 1 && c.ord < q->hi) {
			started = true;
			bool hit = !within || c.ord == target;
			if (hit && (r = olist_push(out, c.ord, ZC_TITLE_WEIGHT * c.ntitle + c.nbody, true)) < 0)
				break;
			target = hit ? c.ord + 1 : c.ord; /* past a hit; else the next candidate from here */
		}
	} else if (r == 0) {
		struct phrase ph;
		if ((r = phrase_alloc(&ph, m)) == 0) {
			for (size_t k = 0; k < m; k++) {
				zc_pcursor_init(&ph.cur[k], lists[k]);
				ph.order[k] = k;
			}
			for (size_t k = 1; k < m; k++) /* insertion sort by df */
				for (size_t j = k; j > 0 && lists[ph.order[j]]->df < lists[ph.order[j - 1]]->df; j--) {
					size_t t = ph.order[j];
					ph.order[j] = ph.order[j - 1];
					ph.order[j - 1] = t;
				}
			r = intersect_phrase(&ph, within, q->lo, q->hi, out);
		}
		phrase_free(&ph);
	}
	free(lists);
	return r < 0 ? r : 0;
}

/* ---- prefixes ---- */

static int add_word_list(void *arg, const struct zc_plist *l)
{
	struct olist *out = arg;
	struct zc_pcursor c;
	int r;
	zc_pcursor_init(&c, l);
	while ((r = zc_pcursor_next(&c)) == 1)
		if ((r = olist_push(out, c.ord, ZC_TITLE_WEIGHT * c.ntitle + c.nbody, true)) < 0)
			break;
	return r < 0 ? r : 0;
}

static int cmp_u64(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
	return (x > y) - (x < y);
}

/* Sort (ord, tf) pairs by ordinal and sum the tf of equal ones. */
static int sort_sum(struct olist *l)
{
	uint64_t *k = malloc((l->n ? l->n : 1) * sizeof(*k));
	if (!k)
		return -ENOMEM;
	for (size_t i = 0; i < l->n; i++)
		k[i] = (uint64_t)l->ord[i] << 32 | l->tf[i];
	qsort(k, l->n, sizeof(*k), cmp_u64);
	size_t n = 0;
	for (size_t i = 0; i < l->n; i++) {
		uint32_t ord = (uint32_t)(k[i] >> 32), tf = (uint32_t)k[i];
		if (n && l->ord[n - 1] == ord) {
			l->tf[n - 1] += tf;
		} else {
			l->ord[n] = ord;
			l->tf[n] = tf;
			n++;
		}
	}
	l->n = n;
	free(k);
	return 0;
}

static int eval_prefix(struct qctx *q, const char *prefix, const struct olist *within, struct olist *out)
{
	int r = zc_ix_words(q->r, q->seg, prefix, strlen(prefix), add_word_list, out);
	if (r < 0 || (r = sort_sum(out)) < 0 || !within)
		return r;
	size_t n = 0, at = 0;
	for (size_t i = 0; i < out->n; i++) {
		uint32_t target = out->ord[i];
		if (next_within(within, &at, &target) && target == out->ord[i]) {
			out->ord[n] = out->ord[i];
			out->tf[n++] = out->tf[i];
		}
	}
	out->n = n;
	return 0;
}

/* ---- the tree ---- */

static int combine(enum zc_qkind kind, const struct olist *a, const struct olist *b, struct olist *out)
{
	size_t i = 0, j = 0;
	int r = 0;
	while (r == 0 && (i < a->n || j < b->n)) {
		bool in_a = i < a->n && (j >= b->n || a->ord[i] <= b->ord[j]);
		bool in_b = j < b->n && (i >= a->n || b->ord[j] <= a->ord[i]);
		uint32_t ord = in_a ? a->ord[i] : b->ord[j];
		bool keep = kind == ZC_Q_AND ? in_a && in_b : kind == ZC_Q_OR ? true : in_a && !in_b;
		if (keep)
			r = olist_push(out, ord, 0, false);
		i += in_a;
		j += in_b;
		if (kind != ZC_Q_OR && (i >= a->n || (kind == ZC_Q_AND && j >= b->n)))
			break;
	}
	return r;
}

/* How many notices a node may match, from the lists' lengths: which side of an AND to run first. */
static uint64_t estimate(struct qctx *q, const struct zc_qnode *n)
{
	switch (n->kind) {
	case ZC_Q_TERM: {
		uint64_t best = UINT64_MAX;
		const char *p = n->text, *end = p + strlen(p);
		while (p < end) {
			const struct zc_plist *l;
			if (char_list(q, &p, end, false, &l) < 0)
				return UINT64_MAX;
			if (!l)
				return 0;
			best = l->df < best ? l->df : best;
		}
		return best;
	}
	case ZC_Q_PREFIX:
		return UINT64_MAX / 4; /* unknown: run last */
	case ZC_Q_AND: {
		uint64_t a = estimate(q, n->left), b = estimate(q, n->right);
		return a < b ? a : b;
	}
	case ZC_Q_OR:
		return estimate(q, n->left) + estimate(q, n->right);
	case ZC_Q_NOT:
	default:
		return estimate(q, n->left);
	}
}

/*
 * The ordinals matching node n among within (NULL: all); leaf lists are
 * filled on the way. With q->narrow, an AND runs its cheaper side first
 * and the other only on its matches, and NOT looks for the excluded term
 * only where the first side matched. Without it (a query with OR, which
 * ranks by each term's document frequency), every leaf runs everywhere.
 */
static int eval(struct qctx *q, const struct zc_qnode *n, const struct olist *within, struct olist *out)
{
	if (n->kind == ZC_Q_TERM || n->kind == ZC_Q_PREFIX) {
		int i = 0;
		while (i < q->nleaves && q->leaves[i] != n)
			i++;
		if (i == q->nleaves)
			return -EINVAL;
		struct olist *l = &q->leaf[i];
		int r = n->kind == ZC_Q_TERM ? eval_string(q, n->text, within, l) : eval_prefix(q, n->text, within, l);
		for (size_t k = 0; k < l->n && r == 0; k++)
			r = olist_push(out, l->ord[k], 0, false);
		return r;
	}
	struct olist a = {0}, b = {0};
	int r;
	if (q->narrow && n->kind == ZC_Q_AND) {
		bool right_first = estimate(q, n->right) < estimate(q, n->left);
		const struct zc_qnode *first = right_first ? n->right : n->left, *second = right_first ? n->left : n->right;
		r = eval(q, first, within, &a);
		if (r == 0 && a.n)
			r = eval(q, second, &a, out);
	} else if (q->narrow && n->kind == ZC_Q_NOT) {
		r = eval(q, n->left, within, &a);
		if (r == 0 && a.n)
			r = eval(q, n->right, &a, &b);
		if (r == 0)
			r = combine(n->kind, &a, &b, out);
	} else {
		/* Both sides everywhere: every leaf's list counts for its document frequency. */
		r = eval(q, n->left, within, &a);
		if (r == 0)
			r = eval(q, n->right, within, &b);
		if (r == 0)
			r = combine(n->kind, &a, &b, out);
	}
	olist_free(&a);
	olist_free(&b);
	return r;
}

bool zc_query_has_or(const struct zc_qnode *n)
{
	return n && (n->kind == ZC_Q_OR || zc_query_has_or(n->left) || zc_query_has_or(n->right));
}

static void collect_leaves(struct qctx *q, const struct zc_qnode *n)
{
	if (!n)
		return;
	if ((n->kind == ZC_Q_TERM || n->kind == ZC_Q_PREFIX) && q->nleaves < ZC_QUERY_MAX_TERMS)
		q->leaves[q->nleaves++] = n;
	collect_leaves(q, n->left);
	collect_leaves(q, n->right);
}

/* Room for n more hits. 0 or -ENOMEM. */
static int reserve_hits(struct zc_text_hits *h, size_t n)
{
	size_t want = h->n + n, width = (size_t)(h->nleaves ? h->nleaves : 1);
	if (want > h->cap) {
		size_t cap = h->cap ? h->cap : 1024;
		while (cap < want)
			cap *= 2;
		int64_t *ids = realloc(h->ids, cap * sizeof(*ids));
		if (!ids)
			return -ENOMEM;
		h->ids = ids;
		h->cap = cap;
	}
	if (want * width > h->tf_cap) {
		size_t cap = h->cap * width;
		uint32_t *t = realloc(h->tf, cap * sizeof(*t));
		if (!t)
			return -ENOMEM;
		h->tf = t;
		h->tf_cap = cap;
	}
	return 0;
}

static int push_hit(struct zc_text_hits *h, int64_t id, const uint32_t *tf)
{
	int r = reserve_hits(h, 1);
	if (r < 0)
		return r;
	h->ids[h->n] = id;
	memcpy(h->tf + h->n * (size_t)h->nleaves, tf, (size_t)h->nleaves * sizeof(*tf));
	h->n++;
	return 0;
}

static int run_segment(struct qctx *q, const struct zc_qnode *root, struct zc_text_hits *h)
{
	const struct zc_ix_segment *s = q->seg;
	struct olist res = {0};
	/* A query of one term: its own list is the result (no copy). */
	bool one = q->nleaves == 1 && q->leaves[0] == root;
	int r = one ? (root->kind == ZC_Q_TERM ? eval_string(q, root->text, NULL, &q->leaf[0])
					       : eval_prefix(q, root->text, NULL, &q->leaf[0]))
		    : eval(q, root, NULL, &res);
	const struct olist *result = one ? &q->leaf[0] : &res;
	/* Live hits, with each leaf's frequency. */
	size_t at[ZC_QUERY_MAX_TERMS] = {0};
	uint32_t tf[ZC_QUERY_MAX_TERMS];
	if (r == 0)
		r = reserve_hits(h, result->n);
	for (size_t i = 0; i < result->n && r == 0; i++) {
		uint32_t ord = result->ord[i];
		if (ord >= s->ndocs) {
			r = -EBADMSG;
			break;
		}
		if (!s->live[ord])
			continue;
		for (int k = 0; k < q->nleaves; k++) {
			const struct olist *l = &q->leaf[k];
			while (at[k] < l->n && l->ord[at[k]] < ord)
				at[k]++;
			tf[k] = at[k] < l->n && l->ord[at[k]] == ord ? l->tf[at[k]] : 0;
		}
		r = push_hit(h, s->ids[ord], tf);
	}
	for (int k = 0; k < q->nleaves && r == 0; k++)
		for (size_t i = 0; i < q->leaf[k].n; i++) {
			if (q->leaf[k].ord[i] >= s->ndocs) {
				r = -EBADMSG;
				break;
			}
			h->df[k] += s->live[q->leaf[k].ord[i]];
		}
	olist_free(&res);
	return r;
}

/* ---- slices of a segment on several threads ---- */

#define PARALLEL_MIN_WORK 40000 /* postings to walk before threads pay */
#define MAX_SLICES 4        /* threads at most */
#define SLICES_PER_THREAD 4 /* ordinal ranges per thread, taken in turn */

static atomic_int slicing; /* queries running in slices now: one at a time */

/* Read every list the query's strings need (so that slices only look the
 * cache up), and weigh the work. false when the query cannot be sliced. */
static bool prefetch(struct qctx *q, uint64_t *work, int *err)
{
	*work = 0;
	for (int i = 0; i < q->nleaves; i++) {
		const struct zc_qnode *n = q->leaves[i];
		if (n->kind != ZC_Q_TERM)
			return false; /* prefixes read SQLite as they go */
		const char *p = n->text, *end = p + strlen(p);
		size_t m = zc_utf8_count(p, strlen(p));
		while (p < end) {
			const struct zc_plist *l;
			if ((*err = char_list(q, &p, end, m > 1, &l)) < 0)
				return false;
			*work += l ? l->df : 0;
		}
	}
	return true;
}

struct slice {
	struct qctx q;
	struct zc_text_hits hits;
	int r;
};

/* The slices of one query. */
struct slicing_job {
	const struct zc_qnode *root;
	struct slice *slices;
};

static void run_slice(void *arg, size_t i)
{
	struct slicing_job *job = arg;
	job->slices[i].r = run_segment(&job->slices[i].q, job->root, &job->slices[i].hits);
}

static int append_hits(struct zc_text_hits *to, const struct zc_text_hits *from)
{
	int r = reserve_hits(to, from->n);
	if (r < 0)
		return r;
	size_t w = (size_t)to->nleaves;
	if (from->n) { /* an empty slice has no arrays at all */
		memcpy(to->ids + to->n, from->ids, from->n * sizeof(*to->ids));
		if (w)
			memcpy(to->tf + to->n * w, from->tf, from->n * w * sizeof(*to->tf));
	}
	to->n += from->n;
	for (int k = 0; k < from->nleaves; k++)
		to->df[k] += from->df[k];
	return 0;
}

/* Run the segment in SLICES_PER_THREAD × nthreads ordinal ranges, on
 * nthreads threads (this one among them), and join their hits in order. */
static int run_sliced(struct qctx *q, const struct zc_qnode *root, struct zc_text_hits *h, int nthreads)
{
	struct slice sl[MAX_SLICES * SLICES_PER_THREAD];
	struct slicing_job job = {.root = root, .slices = sl};
	unsigned nslices = (unsigned)nthreads * SLICES_PER_THREAD;
	uint32_t n = q->seg->ndocs;
	for (unsigned i = 0; i < nslices; i++) {
		sl[i].q = *q;
		memset(sl[i].q.leaf, 0, sizeof(sl[i].q.leaf));
		sl[i].q.lo = (uint32_t)((uint64_t)n * i / nslices);
		sl[i].q.hi = (uint32_t)((uint64_t)n * (i + 1) / nslices);
		memset(&sl[i].hits, 0, sizeof(sl[i].hits));
		sl[i].hits.nleaves = h->nleaves;
		sl[i].r = 0;
	}
	zc_parallel(run_slice, &job, nslices, nthreads);
	int r = 0;
	for (unsigned i = 0; i < nslices; i++) {
		if (r == 0)
			r = sl[i].r;
		if (r == 0)
			r = append_hits(h, &sl[i].hits);
		zc_text_hits_free(&sl[i].hits);
		for (int k = 0; k < sl[i].q.nleaves; k++)
			olist_free(&sl[i].q.leaf[k]);
	}
	return r;
}

/* Postings to walk, and notices in a segment, before slicing: PARALLEL_MIN_WORK
 * and 2 blocks per slice, or both ZC_INDEX_SLICE_WORK (tests). */
static uint64_t slice_threshold(uint64_t normal)
{
	const char *env = getenv("ZC_INDEX_SLICE_WORK");
	return env && *env ? strtoull(env, NULL, 10) : normal;
}


int zc_text_query(struct zc_ix_reader *r, const struct zc_qnode *root, uint64_t stamp, zc_ix_live_fn live,
		  void *arg, struct zc_text_hits *hits)
{
	struct qctx q;
	memset(&q, 0, sizeof(q));
	q.r = r;
	q.narrow = !zc_query_has_or(root);
	q.hi = UINT32_MAX;
	collect_leaves(&q, root);
	hits->n = 0;
	hits->nleaves = q.nleaves;
	memset(hits->df, 0, sizeof(hits->df));
	int e = 0, cpus = zc_cpus(MAX_SLICES);
	for (size_t i = 0; i < r->n && e == 0; i++) {
		q.seg = r->segs[i];
		if ((e = zc_ix_segment_liveness(q.seg, stamp, live, arg)) < 0)
			break;
		/* A large segment and a heavy query, while no other query is sliced:
		 * threads over ordinal ranges (one query at a time, so a busy
		 * server's threads do not multiply). */
		uint64_t work = 0;
		bool sliced = false;
		if (cpus > 1 && q.seg->ndocs >= slice_threshold(2 * ZC_PLIST_BLOCK * (uint64_t)cpus) &&
		    prefetch(&q, &work, &e) && work >= slice_threshold(PARALLEL_MIN_WORK)) {
			if (atomic_fetch_add(&slicing, 1) == 0) {
				e = run_sliced(&q, root, hits, cpus);
				sliced = true;
			}
			atomic_fetch_sub(&slicing, 1);
		}
		if (e == 0 && !sliced)
			e = run_segment(&q, root, hits);
		for (int k = 0; k < q.nleaves; k++)
			olist_free(&q.leaf[k]);
	}
	return e;
}

void zc_text_hits_free(struct zc_text_hits *h)
{
	free(h->ids);
	free(h->tf);
	h->ids = NULL;
	h->tf = NULL;
	h->n = h->cap = h->tf_cap = 0;
}
