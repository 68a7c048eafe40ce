/*
 * batch.c: many company profiles against a compiled notice set (match.h,
 * zc_match_batch): profiles streamed from JSON Lines, one output line per
 * profile, in input order.
 *
 * The input is read in chunks of lines; the chunks of one round are parsed
 * and judged by one thread each while the main thread reads the next
 * round, then their output is written in order. Memory is bounded by two
 * rounds of chunks, whatever the number of profiles.
 */
#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "match/internal.h"
#include "zhengce/buf.h"
#include "banned.h"

enum { CHUNK_LINES = 2048, MAX_THREADS = 64 };

struct chunk {
	struct zc_buf text;           /* the lines, each NUL-terminated */
	size_t start[CHUNK_LINES];    /* where each line starts in text */
	size_t len[CHUNK_LINES];
	size_t lineno[CHUNK_LINES];
	size_t n;
	struct zc_buf out;
	struct zc_match_batch_stats st;
	int error;
	/* the thread's working memory */
	unsigned char *memo, *verdicts;
	const struct batch *batch;
	pthread_t thread;
	bool running;
};

struct batch {
	const struct zc_match_plan *plan;
	const struct zc_match_batch_options *opts;
	char (*ids)[24]; /* each notice's id, as written */
	FILE *in;
	size_t lineno;
	char block[1 << 16]; /* input read in blocks, lines split here: a line's memory is bounded */
	size_t pos, end;
	bool eof;
};

/* Append s as a JSON string (the name came from JSON, so it is UTF-8). */
static int add_json_string(struct zc_buf *b, const char *s)
{
	int r = zc_buf_addc(b, '"');
	for (; *s && r == 0; s++) {
		unsigned char c = (unsigned char)*s;
		if (c < 0x20)
			r = zc_buf_addf(b, "\\u%04x", c);
		else if (c == '"' || c == '\\')
			r = zc_buf_addf(b, "\\%c", c);
		else
			r = zc_buf_addc(b, (char)c);
	}
	return r < 0 ? r : zc_buf_addc(b, '"');
}

static int add_csv_field(struct zc_buf *b, const char *s)
{
	int r = zc_buf_addc(b, '"');
	for (; s && *s && r == 0; s++)
		r = *s == '"' ? zc_buf_add(b, "\"\"", 2) : zc_buf_addc(b, *s);
	return r < 0 ? r : zc_buf_addc(b, '"');
}

/* The notices with verdict v, as ids separated by sep. */
static int add_ids(struct zc_buf *b, const struct batch *bt, const unsigned char *verdicts, unsigned char v, char sep)
{
	int r = 0;
	bool first = true;
	for (size_t i = 0; i < zc_match_plan_size(bt->plan) && r == 0; i++)
		if (verdicts[i] == v) {
			if (!first)
				r = zc_buf_addc(b, sep);
			first = false;
			if (r == 0)
				r = zc_buf_adds(b, bt->ids[i]);
		}
	return r;
}

/* Each step runs only while r is 0: a failed append ends the line. */
#define STEP(r, call) ((r) = (r) < 0 ? (r) : (call))

static int write_error(struct chunk *c, size_t lineno, const char *err)
{
	bool csv = c->batch->opts->format == ZC_BATCH_CSV;
	int r = zc_buf_addf(&c->out, csv ? "%zu,,,,,," : "{\"line\":%zu,\"error\":", lineno);
	STEP(r, csv ? add_csv_field(&c->out, err) : add_json_string(&c->out, err));
	return STEP(r, zc_buf_adds(&c->out, csv ? "\r\n" : "}\n"));
}

static int write_verdicts(struct chunk *c, size_t lineno, const struct zc_profile *p, const size_t counts[3])
{
	const struct batch *bt = c->batch;
	struct zc_buf *b = &c->out;
	bool ids = bt->opts->needs_check_ids;
	int r;
	if (bt->opts->format == ZC_BATCH_CSV) {
		r = zc_buf_addf(b, "%zu,", lineno);
		STEP(r, add_csv_field(b, p->name));
		STEP(r, zc_buf_addf(b, ",%s,", p->credit_code));
		STEP(r, add_ids(b, bt, c->verdicts, ZC_VERDICT_ELIGIBLE, ' '));
		STEP(r, zc_buf_addc(b, ','));
		STEP(r, ids ? add_ids(b, bt, c->verdicts, ZC_VERDICT_NEEDS_CHECK, ' ') : zc_buf_addf(b, "%zu", counts[1]));
		return STEP(r, zc_buf_addf(b, ",%zu,\r\n", counts[2]));
	}
	r = zc_buf_addf(b, "{\"line\":%zu,\"name\":", lineno);
	STEP(r, p->name ? add_json_string(b, p->name) : zc_buf_adds(b, "null"));
	STEP(r, p->credit_code[0] ? zc_buf_addf(b, ",\"credit_code\":\"%s\"", p->credit_code)
				  : zc_buf_adds(b, ",\"credit_code\":null"));
	STEP(r, zc_buf_adds(b, ",\"eligible\":["));
	STEP(r, add_ids(b, bt, c->verdicts, ZC_VERDICT_ELIGIBLE, ','));
	if (ids) {
		STEP(r, zc_buf_adds(b, "],\"needs_check\":["));
		STEP(r, add_ids(b, bt, c->verdicts, ZC_VERDICT_NEEDS_CHECK, ','));
		STEP(r, zc_buf_addc(b, ']'));
	} else {
		STEP(r, zc_buf_addf(b, "],\"needs_check\":%zu", counts[1]));
	}
	return STEP(r, zc_buf_addf(b, ",\"ineligible\":%zu}\n", counts[2]));
}

static void *work(void *arg)
{
	struct chunk *c = arg;
	const struct zc_match_plan *plan = c->batch->plan;
	size_t n = zc_match_plan_size(plan);
	for (size_t l = 0; l < c->n && c->error == 0; l++) {
		struct zc_profile p;
		char err[400];
		int r;
		if (c->len[l] > ZC_MATCH_BATCH_MAX_LINE) {
			zc_profile_init(&p);
			snprintf(err, sizeof(err), "the line is longer than %d bytes", ZC_MATCH_BATCH_MAX_LINE);
			r = -EINVAL;
		} else {
			r = zc_profile_from_line(c->text.data + c->start[l], c->len[l], &p, err, sizeof(err));
		}
		if (r == -EINVAL) {
			c->st.bad_profiles++;
			c->error = write_error(c, c->lineno[l], err);
		} else if (r < 0) {
			c->error = r;
		} else {
			zc_match_plan_run(plan, &p, c->memo, c->verdicts);
			size_t counts[3] = {0, 0, 0};
			for (size_t i = 0; i < n; i++)
				counts[c->verdicts[i] == ZC_VERDICT_ELIGIBLE ? 0 : c->verdicts[i] == ZC_VERDICT_NEEDS_CHECK ? 1 : 2]++;
			c->st.profiles++;
			c->st.eligible += counts[0], c->st.needs_check += counts[1], c->st.ineligible += counts[2];
			c->error = write_verdicts(c, c->lineno[l], &p, counts);
		}
		zc_profile_free(&p);
	}
	return NULL;
}

/* Fill c with up to CHUNK_LINES non-blank lines; 0, or -EIO/-ENOMEM. */
/*
 * Append the next line (without its end) to text, or only count it past
 * ZC_MATCH_BATCH_MAX_LINE bytes; its full length in *len. Returns 1 for a
 * line, 0 at the end of the input, or a negative errno.
 */
static int read_line(struct batch *bt, struct zc_buf *text, size_t *len)
{
	*len = 0;
	for (;;) {
		if (bt->pos == bt->end) {
			if (bt->eof)
				return *len ? 1 : 0;
			bt->end = fread(bt->block, 1, sizeof(bt->block), bt->in);
			bt->pos = 0;
			bt->eof = bt->end < sizeof(bt->block);
			if (bt->eof && ferror(bt->in))
				return -EIO;
			continue;
		}
		const char *at = bt->block + bt->pos;
		const char *nl = memchr(at, '\n', bt->end - bt->pos);
		size_t n = nl ? (size_t)(nl - at) : bt->end - bt->pos;
		size_t room = *len < ZC_MATCH_BATCH_MAX_LINE + 1 ? ZC_MATCH_BATCH_MAX_LINE + 1 - *len : 0;
		int r = zc_buf_add(text, at, n < room ? n : room);
		if (r < 0)
			return r;
		*len += n;
		bt->pos += n + (nl != NULL);
		if (nl)
			return 1;
	}
}

static int read_chunk(struct batch *bt, struct chunk *c)
{
	zc_buf_reset(&c->text);
	zc_buf_reset(&c->out);
	c->n = 0;
	c->error = 0;
	c->st = (struct zc_match_batch_stats){0};
	/* at most CHUNK_LINES lines, and about 64 MiB of them */
	while (c->n < CHUNK_LINES && c->text.len < ((size_t)64 << 20)) {
		size_t start = c->text.len, len;
		int r = read_line(bt, &c->text, &len);
		if (r <= 0)
			return r;
		bt->lineno++;
		size_t kept = c->text.len - start;
		while (kept && (c->text.data[start + kept - 1] == '\r'))
			kept--, len--;
		if (len == 0) {
			zc_buf_truncate(&c->text, start);
			continue;
		}
		/* an over-long line is kept as a one-byte stand-in: its error needs no text */
		zc_buf_truncate(&c->text, start + (len > ZC_MATCH_BATCH_MAX_LINE ? 1 : kept));
		c->start[c->n] = start;
		c->len[c->n] = len;
		c->lineno[c->n] = bt->lineno;
		if ((r = zc_buf_addc(&c->text, '\0')) < 0)
			return r;
		c->n++;
	}
	return 0;
}

static void add_stats(struct zc_match_batch_stats *to, const struct zc_match_batch_stats *from)
{
	to->profiles += from->profiles;
	to->bad_profiles += from->bad_profiles;
	to->eligible += from->eligible;
	to->needs_check += from->needs_check;
	to->ineligible += from->ineligible;
}

static void free_chunks(struct chunk *chunks, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		zc_buf_free(&chunks[i].text);
		zc_buf_free(&chunks[i].out);
		free(chunks[i].memo);
		free(chunks[i].verdicts);
	}
	free(chunks);
}

int zc_match_batch(const struct zc_match_plan *plan, FILE *in, FILE *out, const struct zc_match_batch_options *opts,
		   struct zc_match_batch_stats *stats)
{
	long cpus = sysconf(_SC_NPROCESSORS_ONLN);
	size_t threads = opts->threads ? opts->threads : cpus > 0 ? (size_t)cpus : 1;
	if (threads > MAX_THREADS)
		threads = MAX_THREADS;
	*stats = (struct zc_match_batch_stats){0};
	struct batch *bt = calloc(1, sizeof(*bt)); /* holds the input block: not on the stack */
	if (!bt)
		return -ENOMEM;
	bt->plan = plan, bt->opts = opts, bt->in = in;
	size_t n_notices = zc_match_plan_size(plan);
	/* two rounds of chunks: one judged while the other is read */
	struct chunk *chunks = calloc(2 * threads, sizeof(*chunks));
	bt->ids = calloc(n_notices ? n_notices : 1, sizeof(*bt->ids));
	int r = chunks && bt->ids ? 0 : -ENOMEM;
	for (size_t i = 0; i < 2 * threads && r == 0; i++) {
		struct chunk *c = &chunks[i];
		zc_buf_init(&c->text, 0);
		zc_buf_init(&c->out, 0);
		c->batch = bt;
		c->memo = malloc(zc_match_plan_predicates(plan) + 1);
		c->verdicts = malloc(n_notices + 1);
		if (!c->memo || !c->verdicts)
			r = -ENOMEM;
	}
	for (size_t i = 0; i < n_notices && r == 0; i++)
		snprintf(bt->ids[i], sizeof(bt->ids[i]), "%lld",
			 (long long)json_integer_value(json_object_get(zc_match_plan_notice(plan, i), "id")));
	if (r == 0 && opts->format == ZC_BATCH_CSV &&
	    fputs("\xEF\xBB\xBFline,name,credit_code,eligible,needs_check,ineligible,error\r\n", out) == EOF)
		r = -EIO;
	struct chunk *round = chunks, *next = chunks + threads;
	for (size_t i = 0; i < threads && r == 0; i++)
		r = read_chunk(bt, &round[i]);
	while (r == 0 && round[0].n > 0) {
		for (size_t i = 0; i < threads; i++)
			if (round[i].n)
				round[i].running = pthread_create(&round[i].thread, NULL, work, &round[i]) == 0;
		for (size_t i = 0; i < threads; i++)
			if (round[i].n && !round[i].running)
				work(&round[i]); /* no thread to be had: judge it here */
		int rr = 0;
		for (size_t i = 0; i < threads && rr == 0; i++)
			rr = read_chunk(bt, &next[i]);
		for (size_t i = 0; i < threads; i++) {
			struct chunk *c = &round[i];
			if (c->running)
				pthread_join(c->thread, NULL);
			c->running = false;
			if (r == 0 && c->error)
				r = c->error;
			if (r == 0 && c->out.len && fwrite(c->out.data, 1, c->out.len, out) != c->out.len)
				r = -EIO;
			add_stats(stats, &c->st);
		}
		STEP(r, rr);
		struct chunk *t = round;
		round = next;
		next = t;
	}
	free(bt->ids);
	free(bt);
	if (chunks)
		free_chunks(chunks, 2 * threads);
	if (r == 0 && fflush(out) == EOF)
		r = -EIO;
	return r;
}
