/*
 * pipeline.c: drive the stages over one input (see pipeline.h).
 *
 * Bytes are decoded block by block and normalised into `pending`. When
 * pending holds a window's worth of text, the window (cut at a line end) is
 * split into notices; all but the last are extracted and delivered, and the
 * last is carried over, since its end may be in the next window.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "zhengce/clean.h"
#include "zhengce/extract.h"
#include "zhengce/html.h"
#include "zhengce/pipeline.h"
#include "zhengce/split.h"
#include "doc.h"
#include "extract/internal.h"
#include "utf8.h"
#include "banned.h"

struct run {
	const char *name;
	const struct zc_options *opts;
	zc_notice_fn fn;
	void *arg;
	struct zc_doc doc;
	struct zc_buf analysis, display;
	size_t base_offset; /* offset of pending[0] in the normalised input */
	size_t base_line;
	/* Line counting inside the current window: the text, and how many line
	 * ends lie before count_pos (notices come in order, so this only moves on). */
	const char *window;
	size_t count_pos;
	size_t count_lines;
	bool traditional; /* the text of the window may hold traditional characters */
};

static void warn(struct run *run, size_t offset, const char *msg)
{
	if (run->opts && run->opts->warn)
		run->opts->warn(run->name, offset, msg, run->opts->warn_arg);
}

static int deliver(struct run *run, const struct zc_part *part)
{
	struct zc_doc *doc = &run->doc;
	zc_buf_reset(&run->analysis);
	zc_buf_reset(&run->display);
	size_t last = zc_split_trim_tail(doc, part);
	/* Without folded characters both copies are one text: build it once. */
	bool same = true;
	for (size_t i = part->first; i < last && same; i++)
		same = !(ZC_LINE(doc, i)->flags & ZC_LINE_FOLDED);
	int r = zc_reflow(doc, part->first, last, &run->analysis, same ? NULL : &run->display);
	if (r < 0)
		return r;
	if (!run->analysis.len)
		return 0;
	struct zc_notice n;
	zc_notice_init(&n);
	const struct zc_line *first = ZC_LINE(doc, part->first);
	n.source_offset = run->base_offset + first->offset;
	/* Count line ends in the window text itself: the doc may have broken flat
	 * lines into several, which the input does not have. */
	if (run->count_pos < first->offset) {
		run->count_lines += zc_count_byte(run->window + run->count_pos, first->offset - run->count_pos, '\n');
		run->count_pos = first->offset;
	}
	n.source_line = run->base_line + run->count_lines + 1;
	if ((run->name && !(n.source_file = zc_strndup(run->name, strlen(run->name)))) ||
	    (part->category && !(n.category = zc_strndup(part->category, strlen(part->category))))) {
		zc_notice_free(&n);
		return -ENOMEM;
	}
	struct zc_extract_opts xo = {run->opts ? run->opts->today : NULL};
	r = zc_extract_valid(run->analysis.data, same ? run->analysis.data : run->display.data, &xo, &n);
	if (r == 0)
		r = run->fn(&n, run->arg);
	zc_notice_free(&n);
	return r;
}

/*
 * Process text[0..len). When final is false the last notice is kept back:
 * *consumed is set to where it starts (the caller carries the rest over).
 */
static int process_window(struct run *run, const char *text, size_t len, bool final, size_t *consumed)
{
	struct zc_doc *doc = &run->doc;
	doc->simplified = !run->traditional;
	int r = zc_doc_load(doc, text, len);
	if (r < 0)
		return r;
	run->window = text;
	run->count_pos = 0;
	run->count_lines = 0;
	zc_furniture_mark(doc);
	zc_reflow_measure(doc);
	struct zc_vec parts = ZC_VEC_INIT(struct zc_part);
	r = zc_split(doc, &parts);
	size_t keep = parts.n;
	if (!final && parts.n > 1)
		keep = parts.n - 1;
	else if (!final && parts.n == 1)
		warn(run, run->base_offset, "a notice is longer than the processing window: it is split");
	for (size_t i = 0; i < keep && r == 0; i++)
		r = deliver(run, &ZC_VEC_AT(&parts, struct zc_part, i));
	*consumed = len;
	if (r == 0 && keep < parts.n) {
		const struct zc_part *tail = &ZC_VEC_AT(&parts, struct zc_part, keep);
		*consumed = ZC_LINE(doc, tail->first)->offset;
		/* The doc's display copy may have had flat lines broken; map back by line count. */
		if (*consumed > len)
			*consumed = len;
		run->base_line += zc_count_byte(text, *consumed, '\n');
	} else {
		run->base_line += zc_count_byte(text, len, '\n');
	}
	run->base_offset += *consumed;
	for (size_t i = 0; i < parts.n; i++)
		free(ZC_VEC_AT(&parts, struct zc_part, i).category);
	zc_vec_free(&parts);
	return r;
}

struct feeder {
	struct run run;
	struct zc_decoder *dec;
	struct zc_buf raw;     /* decoded, not yet normalised */
	struct zc_buf pending; /* normalised, not yet processed */
	bool html;
	bool started;
	bool traditional; /* pending holds (or may hold) a traditional character */
	size_t window;
};

static int drain(struct feeder *fd, bool final)
{
	int r = 0;
	if (fd->html) {
		if (!final)
			return fd->raw.len > ZC_HTML_MAX ? -E2BIG : 0;
		struct zc_buf text;
		zc_buf_init(&text, 0);
		r = zc_html_to_text(fd->raw.data ? fd->raw.data : "", fd->raw.len, &text);
		if (r == 0)
			r = zc_clean_normalize_ex(text.data ? text.data : "", text.len, &fd->pending, &fd->traditional);
		zc_buf_free(&text);
		zc_buf_reset(&fd->raw);
	} else if (fd->raw.len) {
		/* A CR at the block's end may be half a CRLF: keep it for the next block. */
		size_t n = fd->raw.len;
		if (!final && fd->raw.data[n - 1] == '\r')
			n--;
		r = zc_clean_normalize_ex(fd->raw.data, n, &fd->pending, &fd->traditional);
		if (n < fd->raw.len) {
			fd->raw.data[0] = '\r';
			zc_buf_truncate(&fd->raw, 1);
		} else {
			zc_buf_reset(&fd->raw);
		}
	}
	while (r == 0 && fd->pending.len >= fd->window && !final) {
		/* Cut at the last line end inside the window. */
		size_t cut = fd->window;
		while (cut > 0 && fd->pending.data[cut - 1] != '\n')
			cut--;
		if (cut == 0) {
			cut = fd->window;
			while (cut > 0 && ((unsigned char)fd->pending.data[cut] & 0xC0) == 0x80)
				cut--;
			warn(&fd->run, fd->run.base_offset + cut,
			     "line longer than the processing window: it is broken");
		}
		size_t consumed;
		fd->run.traditional = fd->traditional;
		r = process_window(&fd->run, fd->pending.data, cut, false, &consumed);
		if (r == 0) {
			if (consumed == 0) /* one notice fills the window: hand it over as it is */
				r = process_window(&fd->run, fd->pending.data, cut, true, &consumed);
			memmove(fd->pending.data, fd->pending.data + consumed, fd->pending.len - consumed);
			zc_buf_truncate(&fd->pending, fd->pending.len - consumed);
		}
	}
	if (r == 0 && final && fd->pending.len) {
		size_t consumed;
		fd->run.traditional = fd->traditional;
		r = process_window(&fd->run, fd->pending.data, fd->pending.len, true, &consumed);
		zc_buf_reset(&fd->pending);
		fd->traditional = false;
	}
	return r;
}

static int feed(struct feeder *fd, const void *data, size_t len, bool last, struct zc_diag *diag)
{
	size_t before = fd->raw.len;
	int r = zc_decoder_feed(fd->dec, data, len, last, &fd->raw, diag);
	if (r < 0 && r != -EILSEQ && r != -EMEDIUMTYPE)
		return r;
	if (!fd->started && fd->raw.len > before) {
		fd->started = true;
		fd->html = zc_html_detect(fd->raw.data, fd->raw.len);
	}
	if (r < 0) {
		/* Deliver what decoded cleanly before the problem, then report it. */
		int r2 = drain(fd, true);
		return r2 ? r2 : r;
	}
	return drain(fd, last);
}

static int start(struct feeder *fd, const char *name, const struct zc_options *opts, zc_notice_fn fn,
		 void *arg)
{
	memset(fd, 0, sizeof(*fd));
	fd->run.name = name;
	fd->run.opts = opts;
	fd->run.fn = fn;
	fd->run.arg = arg;
	zc_doc_init(&fd->run.doc);
	zc_buf_init(&fd->run.analysis, 0);
	zc_buf_init(&fd->run.display, 0);
	zc_buf_init(&fd->raw, 0);
	zc_buf_init(&fd->pending, 0);
	fd->window = opts && opts->window ? opts->window : ZC_WINDOW_DEFAULT;
	if (fd->window < 64) /* a window must hold a few characters to make progress */
		fd->window = 64;
	fd->dec = zc_decoder_new(opts ? opts->encoding : ZC_ENC_AUTO, opts ? opts->decode_flags : 0);
	return fd->dec ? 0 : -ENOMEM;
}

static void finish(struct feeder *fd, struct zc_diag *diag)
{
	if (diag && diag->count && fd->dec && (fd->run.opts && (fd->run.opts->decode_flags & ZC_DECODE_LENIENT)))
		warn(&fd->run, diag->offset, diag->message);
	zc_decoder_free(fd->dec);
	zc_doc_free(&fd->run.doc);
	zc_buf_free(&fd->run.analysis);
	zc_buf_free(&fd->run.display);
	zc_buf_free(&fd->raw);
	zc_buf_free(&fd->pending);
}

int zc_process_file(FILE *f, const char *name, const struct zc_options *opts, zc_notice_fn fn,
		    void *arg, struct zc_diag *diag)
{
	struct feeder fd;
	struct zc_diag local = {0};
	if (!diag)
		diag = &local;
	int r = start(&fd, name, opts, fn, arg);
	static const size_t block = (size_t)1 << 20;
	char *buf = malloc(block);
	if (!buf)
		r = -ENOMEM;
	while (r == 0) {
		size_t n = fread(buf, 1, block, f);
		if (n < block && ferror(f)) {
			r = -EIO;
			break;
		}
		bool last = n < block && feof(f);
		r = feed(&fd, buf, n, last, diag);
		if (last)
			break;
	}
	free(buf);
	finish(&fd, diag);
	return r;
}

int zc_process_buffer(const void *data, size_t len, const char *name, const struct zc_options *opts,
		      zc_notice_fn fn, void *arg, struct zc_diag *diag)
{
	struct feeder fd;
	struct zc_diag local = {0};
	if (!diag)
		diag = &local;
	int r = start(&fd, name, opts, fn, arg);
	/* In blocks, as from a file, so that windows bound the memory used. */
	static const size_t block = (size_t)1 << 20;
	const char *p = data;
	size_t left = len;
	do {
		size_t n = left < block ? left : block;
		if (r == 0)
			r = feed(&fd, p, n, n == left, diag);
		p += n;
		left -= n;
	} while (r == 0 && left > 0);
	finish(&fd, diag);
	return r;
}
