/*
 * render.c: notices as JSON (the contract in docs/notice-format.md), JSON
 * Lines, or a human table. Keys are written in the contract's order and
 * absent values are null or [], never missing.
 */
#include <errno.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "zhengce/render.h"
#if defined(__SSE2__)
#include <emmintrin.h>
#endif
#include "utf8.h"
#include "banned.h"

bool zc_format_parse(const char *s, enum zc_format *ret)
{
	if (!strcmp(s, "json"))
		*ret = ZC_FORMAT_JSON;
	else if (!strcmp(s, "jsonl"))
		*ret = ZC_FORMAT_JSONL;
	else if (!strcmp(s, "table"))
		*ret = ZC_FORMAT_TABLE;
	else if (!strcmp(s, "csv"))
		*ret = ZC_FORMAT_CSV;
	else if (!strcmp(s, "ics"))
		*ret = ZC_FORMAT_ICS;
	else
		return false;
	return true;
}

/*
 * The JSON of a notice is written by hand into a buffer: it is the hot end of
 * the pipeline, and building a jansson tree first cost more than all of the
 * extraction of some notices. zc_notice_to_json() parses this text back, so
 * the contract has exactly one definition.
 */
struct out {
	struct zc_buf *b;
	int r;
	bool pretty;
};

/* Inline everywhere: most writes are literals, whose copies then need no call. */
static inline __attribute__((always_inline)) void put(struct out *o, const char *s, size_t len)
{
	if (o->r == 0)
		o->r = zc_buf_add(o->b, s, len);
}

static inline __attribute__((always_inline)) void puts_(struct out *o, const char *s)
{
	put(o, s, strlen(s));
}

static inline bool needs_escape(unsigned char c)
{
	return c < 0x20 || c == '"' || c == '\\';
}

/*
 * Copying strings into JSON: copy_plain() copies the run of bytes that need
 * no escaping (control bytes, '"' and '\\' do) at the start of s[0..len) to
 * dst and returns its length. dst has room for len bytes: blocks are stored
 * whole, and what is stored past the run is overwritten next.
 */
#if defined(__SSE2__)
static unsigned special_mask(__m128i v)
{
	const __m128i ctl = _mm_set1_epi8(0x1F), quote = _mm_set1_epi8('"'), bslash = _mm_set1_epi8('\\');
	__m128i special = _mm_or_si128(_mm_cmpeq_epi8(_mm_max_epu8(v, ctl), ctl), /* v <= 0x1F */
				       _mm_or_si128(_mm_cmpeq_epi8(v, quote), _mm_cmpeq_epi8(v, bslash)));
	return (unsigned)_mm_movemask_epi8(special);
}

/*
 * copy_plain() of a string of w to 2w bytes (w is 4 or 8), read and stored
 * as two overlapping words: the first w bytes and the last w. A special byte
 * among the first w is the first; otherwise the first of the last w is.
 */
static inline __attribute__((always_inline)) size_t copy_short(char *dst, const char *s, size_t len, size_t w)
{
	uint64_t a = 0, b = 0;
	memcpy(&a, s, w);
	memcpy(&b, s + len - w, w);
	memcpy(dst, &a, w);
	memcpy(dst + len - w, &b, w);
	unsigned mask = (unsigned)special_mask(_mm_set_epi64x((long long)b, (long long)a));
	unsigned head = mask & ((1u << w) - 1), tail = mask >> 8 & ((1u << w) - 1);
	if (head)
		return (unsigned)__builtin_ctz(head);
	return tail ? len - w + (unsigned)__builtin_ctz(tail) : len;
}
#endif

static size_t copy_plain(char *dst, const char *s, size_t len)
{
	size_t i = 0;
#if defined(__SSE2__)
	if (len < 16) { /* most strings: names, dates, numbers */
		if (len >= 8)
			return copy_short(dst, s, len, 8);
		if (len >= 4)
			return copy_short(dst, s, len, 4);
	} else {
		for (; i + 16 <= len; i += 16) {
			__m128i v = _mm_loadu_si128((const __m128i *)(const void *)(s + i));
			_mm_storeu_si128((__m128i *)(void *)(dst + i), v);
			unsigned mask = special_mask(v);
			if (mask)
				return i + (unsigned)__builtin_ctz(mask);
		}
		if (i == len)
			return i;
		/* The last bytes: the sixteen that end the string, of which the
		 * first were found plain and copied already. */
		__m128i v = _mm_loadu_si128((const __m128i *)(const void *)(s + len - 16));
		_mm_storeu_si128((__m128i *)(void *)(dst + len - 16), v);
		unsigned mask = special_mask(v) >> (16 - (len - i));
		return mask ? i + (unsigned)__builtin_ctz(mask) : len;
	}
#endif
	for (; i < len && !needs_escape((unsigned char)s[i]); i++)
		dst[i] = s[i];
	return i;
}

/* Write the escape of the byte c (needs_escape()) at w; returns the end. */
static char *escape(char *w, unsigned char c)
{
	static const char hex[] = "0123456789abcdef";
	*w++ = '\\';
	switch (c) {
	case '"': *w++ = '"'; break;
	case '\\': *w++ = '\\'; break;
	case '\n': *w++ = 'n'; break;
	case '\t': *w++ = 't'; break;
	case '\r': *w++ = 'r'; break;
	default: /* \u00XX, as "\\u%04x" writes it */
		memcpy(w, "u00", 3);
		w[3] = hex[c >> 4];
		w[4] = hex[c & 0x0F];
		w += 5;
	}
	return w;
}

/* Make room for n more bytes (and the NUL after them) in o->b. False on failure, o->r then set. */
static bool reserve(struct out *o, size_t n)
{
	struct zc_buf *b = o->b;
	if (o->r)
		return false;
	if (b->data && n < b->cap - b->len && b->len + n <= (b->max ? b->max : ZC_BUF_DEFAULT_MAX))
		return true;
	o->r = zc_buf_grow(b, n);
	return o->r == 0;
}

/*
 * The string s quoted and escaped, written straight into the buffer: room
 * is made for the string as it is, and at each escape for the escape and the
 * rest, so that the plain runs need no check.
 */
static void str(struct out *o, const char *s)
{
	if (!s) {
		puts_(o, "null");
		return;
	}
	size_t len = strlen(s);
	if (!reserve(o, len + 2)) /* and the quotes */
		return;
	char *w = o->b->data + o->b->len;
	*w++ = '"';
	for (size_t i = 0;;) {
		size_t n = copy_plain(w, s + i, len - i);
		w += n;
		i += n;
		if (i == len)
			break;
		o->b->len = (size_t)(w - o->b->data);
		if (!reserve(o, 6 + (len - i) + 1)) /* \u00XX, the rest, the closing quote */
			return;
		w = escape(o->b->data + o->b->len, (unsigned char)s[i++]);
	}
	*w++ = '"';
	*w = '\0';
	o->b->len = (size_t)(w - o->b->data);
}

static void date(struct out *o, const char *d)
{
	str(o, d && d[0] ? d : NULL);
}

/*
 * A key: plain ASCII, written in quotes as it is (str() would change
 * nothing), with the comma before it unless first and the colon after. A
 * macro over a literal k, so that all of it is one literal to copy.
 */
#define key(o, k, first)                                                                       \
	((o)->pretty ? ((first) ? put_lit(o, "\n  \"" k "\": ") : put_lit(o, ",\n  \"" k "\": ")) \
		     : ((first) ? put_lit(o, "\"" k "\":") : put_lit(o, ",\"" k "\":")))
#define put_lit(o, lit) put(o, lit, sizeof(lit) - 1)

static void strv(struct out *o, const struct zc_strv *sv)
{
	put(o, "[", 1);
	for (size_t i = 0; i < sv->n; i++) {
		if (i)
			put(o, ",", 1);
		str(o, sv->v[i]);
	}
	put(o, "]", 1);
}

/* Write v in decimal at the end of out (room for 20 digits); returns the digit count. */
static size_t decimal(char *out, uint64_t v)
{
	char tmp[20];
	size_t n = 0;
	do {
		tmp[n++] = (char)('0' + v % 10);
		v /= 10;
	} while (v);
	for (size_t i = 0; i < n; i++)
		out[i] = tmp[n - 1 - i];
	return n;
}

static void unsigned_(struct out *o, size_t v)
{
	char buf[20];
	put(o, buf, decimal(buf, v));
}

/*
 * A whole number below 10^15 in magnitude (not -0), as "%.15g" would
 * write it, then ".0": its digits, exactly. The common case (a count, a
 * sum in yuan), without printf's general conversion. False for others.
 */
static bool whole_real(struct out *o, double v)
{
	if (!(v > -1e15 && v < 1e15) || v != (double)(int64_t)v || (v == 0 && signbit(v)))
		return false;
	char buf[24];
	size_t n = 0;
	if (v < 0)
		buf[n++] = '-';
	n += decimal(buf + n, (uint64_t)(v < 0 ? -v : v));
	buf[n++] = '.';
	buf[n++] = '0';
	put(o, buf, n);
	return true;
}

/* A real number, always with a fraction or exponent so that it reads back as a real. */
static void real(struct out *o, double v)
{
	char buf[48];
	if (!isfinite(v)) { /* JSON has no infinity */
		puts_(o, "null");
		return;
	}
	if (whole_real(o, v))
		return;
	snprintf(buf, sizeof(buf), "%.15g", v);
	if (!strpbrk(buf, ".eEn")) /* integral: "3" → "3.0" (n: nan/inf never occur) */
		strncat(buf, ".0", sizeof(buf) - strlen(buf) - 1);
	puts_(o, buf);
}

static int emit_notice_ex(struct zc_buf *b, const struct zc_notice *n, bool pretty, bool whole)
{
	struct out o = {b, 0, pretty};
	put(&o, "{", 1);
	key(&o, "title", true), str(&o, n->title);
	key(&o, "category", false), str(&o, n->category);
	key(&o, "doc_number", false), str(&o, n->doc_number);
	key(&o, "issuers", false), strv(&o, &n->issuers);
	key(&o, "issued_on", false), date(&o, n->issued_on);
	key(&o, "addressees", false), strv(&o, &n->addressees);
	key(&o, "cited", false), put(&o, "[", 1);
	for (size_t i = 0; i < n->cited.n; i++) {
		const struct zc_cited *c = &ZC_VEC_AT(&n->cited, struct zc_cited, i);
		puts_(&o, i ? ",{\"title\":" : "{\"title\":");
		str(&o, c->title);
		puts_(&o, ",\"doc_number\":");
		str(&o, c->doc_number);
		put(&o, "}", 1);
	}
	put(&o, "]", 1);
	key(&o, "dates", false), put(&o, "[", 1);
	for (size_t i = 0; i < n->dates.n; i++) {
		const struct zc_date_ref *d = &ZC_VEC_AT(&n->dates, struct zc_date_ref, i);
		puts_(&o, i ? ",{\"date\":" : "{\"date\":");
		date(&o, d->date);
		puts_(&o, ",\"time\":");
		date(&o, d->time);
		puts_(&o, ",\"role\":");
		str(&o, zc_date_role_name(d->role));
		puts_(&o, ",\"text\":");
		str(&o, d->text ? d->text : "");
		put(&o, "}", 1);
	}
	put(&o, "]", 1);
	key(&o, "windows", false), put(&o, "[", 1);
	for (size_t i = 0; i < n->windows.n; i++) {
		const struct zc_window *w = &ZC_VEC_AT(&n->windows, struct zc_window, i);
		puts_(&o, i ? ",{\"from\":" : "{\"from\":");
		date(&o, w->from);
		puts_(&o, ",\"to\":");
		date(&o, w->to);
		puts_(&o, ",\"label\":");
		str(&o, w->label);
		put(&o, "}", 1);
	}
	put(&o, "]", 1);
	key(&o, "deadline", false), date(&o, n->deadline);
	key(&o, "contacts", false), put(&o, "[", 1);
	for (size_t i = 0; i < n->contacts.n; i++) {
		const struct zc_contact *c = &ZC_VEC_AT(&n->contacts, struct zc_contact, i);
		puts_(&o, i ? ",{\"name\":" : "{\"name\":");
		str(&o, c->name);
		puts_(&o, ",\"org\":");
		str(&o, c->org);
		puts_(&o, ",\"phones\":");
		strv(&o, &c->phones);
		puts_(&o, ",\"emails\":");
		strv(&o, &c->emails);
		put(&o, "}", 1);
	}
	put(&o, "]", 1);
	key(&o, "phones", false), strv(&o, &n->phones);
	key(&o, "emails", false), strv(&o, &n->emails);
	key(&o, "urls", false), strv(&o, &n->urls);
	key(&o, "addresses", false), strv(&o, &n->addresses);
	key(&o, "postcodes", false), strv(&o, &n->postcodes);
	key(&o, "attachments", false), strv(&o, &n->attachments);
	key(&o, "conditions", false), put(&o, "[", 1);
	for (size_t i = 0; i < n->conditions.n; i++) {
		const struct zc_condition *c = &ZC_VEC_AT(&n->conditions, struct zc_condition, i);
		puts_(&o, i ? ",{\"type\":" : "{\"type\":");
		str(&o, zc_condition_type_name(c->type));
		puts_(&o, ",\"text\":");
		str(&o, c->text ? c->text : "");
		if (c->metric)
			puts_(&o, ",\"metric\":"), str(&o, c->metric);
		if (c->op)
			puts_(&o, ",\"op\":"), str(&o, c->op);
		if (c->has_value)
			puts_(&o, ",\"value\":"), real(&o, c->value);
		if (c->unit)
			puts_(&o, ",\"unit\":"), str(&o, c->unit);
		if (c->object)
			puts_(&o, ",\"object\":"), str(&o, c->object);
		if (c->negated)
			puts_(&o, ",\"negated\":true");
		if (c->years) {
			char y[24];
			snprintf(y, sizeof(y), ",\"years\":%d", c->years);
			puts_(&o, y);
		}
		for (int t = 0; t < c->n_tiers; t++) {
			const struct zc_tier *tier = &c->tiers[t];
			puts_(&o, t ? ",{\"revenue_from_wan\":" : ",\"tiers\":[{\"revenue_from_wan\":");
			if (isnan(tier->from_wan))
				puts_(&o, "null");
			else
				real(&o, tier->from_wan);
			puts_(&o, ",\"revenue_to_wan\":");
			if (isnan(tier->to_wan))
				puts_(&o, "null");
			else
				real(&o, tier->to_wan);
			puts_(&o, ",\"value\":");
			real(&o, tier->value);
			puts_(&o, t + 1 == c->n_tiers ? "}]" : "}");
		}
		put(&o, "}", 1);
	}
	put(&o, "]", 1);
	key(&o, "amounts", false), put(&o, "[", 1);
	for (size_t i = 0; i < n->amounts.n; i++) {
		const struct zc_amount *a = &ZC_VEC_AT(&n->amounts, struct zc_amount, i);
		puts_(&o, i ? ",{\"yuan\":" : "{\"yuan\":");
		real(&o, a->yuan);
		puts_(&o, ",\"text\":");
		str(&o, a->text ? a->text : "");
		put(&o, "}", 1);
	}
	put(&o, "]", 1);
	key(&o, "regions", false), put(&o, "[", 1);
	for (size_t i = 0; i < n->regions.n; i++) {
		const struct zc_region_ref *r = &ZC_VEC_AT(&n->regions, struct zc_region_ref, i);
		puts_(&o, i ? ",{\"code\":" : "{\"code\":");
		str(&o, r->code);
		puts_(&o, ",\"name\":");
		str(&o, r->name ? r->name : "");
		put(&o, "}", 1);
	}
	put(&o, "]", 1);
	if (whole) {
		key(&o, "text", false), str(&o, n->text ? n->text : "");
		key(&o, "source", false), puts_(&o, "{\"file\":");
		str(&o, n->source_file);
		puts_(&o, ",\"offset\":"), unsigned_(&o, n->source_offset);
		puts_(&o, ",\"line\":"), unsigned_(&o, n->source_line);
		put(&o, "}", 1);
	}
	if (pretty)
		put(&o, "\n", 1);
	put(&o, "}", 1);
	return o.r;
}

static int emit_notice(struct zc_buf *b, const struct zc_notice *n, bool pretty)
{
	return emit_notice_ex(b, n, pretty, true);
}

int zc_notice_elements_json(const struct zc_notice *n, struct zc_buf *out)
{
	return emit_notice_ex(out, n, false, false);
}

json_t *zc_notice_to_json(const struct zc_notice *n)
{
	struct zc_buf b;
	zc_buf_init(&b, 0);
	json_t *o = NULL;
	if (emit_notice(&b, n, false) == 0)
		o = json_loadb(b.data, b.len, 0, NULL);
	zc_buf_free(&b);
	return o;
}

int zc_writer_begin(struct zc_writer *w, FILE *out, enum zc_format format, bool color)
{
	w->out = out;
	w->format = format;
	w->color = color;
	w->count = 0;
	if (format == ZC_FORMAT_JSON && fputs("[\n", out) == EOF)
		return -EIO;
	if (format == ZC_FORMAT_CSV)
		return zc_csv_begin(out, false);
	return 0;
}

static void row(struct zc_writer *w, const char *label, const char *value)
{
	if (!value || !value[0])
		return;
	fprintf(w->out, "  %s%s%s  %s\n", w->color ? "\033[2m" : "", label, w->color ? "\033[0m" : "",
		value);
}

static void row_list(struct zc_writer *w, const char *label, const struct zc_strv *sv)
{
	for (size_t i = 0; i < sv->n; i++)
		row(w, i == 0 ? label : "    ", sv->v[i]);
}

static int table_notice(struct zc_writer *w, const struct zc_notice *n)
{
	FILE *f = w->out;
	if (w->count)
		fputc('\n', f);
	fprintf(f, "%s%zu. %s%s\n", w->color ? "\033[1m" : "", w->count + 1,
		n->title ? n->title : "（无标题）", w->color ? "\033[0m" : "");
	row(w, "类别", n->category);
	row(w, "文号", n->doc_number);
	row_list(w, "发文", &n->issuers);
	row(w, "日期", n->issued_on);
	if (n->deadline[0]) {
		char buf[64];
		snprintf(buf, sizeof(buf), "%s%s%s", w->color ? "\033[31m" : "", n->deadline,
			 w->color ? "\033[0m" : "");
		row(w, "截止", buf);
	}
	for (size_t i = 0; i < n->windows.n; i++) {
		const struct zc_window *win = &ZC_VEC_AT(&n->windows, struct zc_window, i);
		char buf[160];
		snprintf(buf, sizeof(buf), "%s 至 %s%s%s", win->from, win->to, win->label ? "  " : "",
			 win->label ? win->label : "");
		row(w, i == 0 ? "时段" : "    ", buf);
	}
	row_list(w, "主送", &n->addressees);
	row_list(w, "电话", &n->phones);
	row_list(w, "邮箱", &n->emails);
	row_list(w, "网址", &n->urls);
	row_list(w, "地址", &n->addresses);
	row_list(w, "附件", &n->attachments);
	for (size_t i = 0; i < n->cited.n; i++) {
		const struct zc_cited *c = &ZC_VEC_AT(&n->cited, struct zc_cited, i);
		char buf[512];
		snprintf(buf, sizeof(buf), "%s%s%s", c->title ? c->title : "",
			 c->title && c->doc_number ? " " : "", c->doc_number ? c->doc_number : "");
		row(w, i == 0 ? "引用" : "    ", buf);
	}
	for (size_t i = 0; i < n->conditions.n; i++) {
		const struct zc_condition *c = &ZC_VEC_AT(&n->conditions, struct zc_condition, i);
		char buf[640];
		snprintf(buf, sizeof(buf), "[%s] %s", zc_condition_type_name(c->type), c->text);
		row(w, i == 0 ? "条件" : "    ", buf);
	}
	return ferror(f) ? -EIO : 0;
}

int zc_writer_notice(struct zc_writer *w, const struct zc_notice *n)
{
	int r = 0;
	if (w->format == ZC_FORMAT_TABLE) {
		r = table_notice(w, n);
	} else if (w->format == ZC_FORMAT_CSV) {
		json_t *o = zc_notice_to_json(n);
		r = o ? zc_csv_notice(w->out, o, false) : -ENOMEM;
		json_decref(o);
	} else {
		struct zc_buf b;
		zc_buf_init(&b, 0);
		/* Room for the text, escaped, and the elements: one allocation, not a
		 * doubling series (best effort: without it the buffer grows as it goes). */
		if (zc_buf_grow(&b, (n->text ? 2 * strlen(n->text) : 0) + 4096) < 0)
			zc_buf_init(&b, 0);
		if (w->format == ZC_FORMAT_JSON && w->count)
			r = zc_buf_adds(&b, ",\n");
		if (r == 0)
			r = emit_notice(&b, n, w->format == ZC_FORMAT_JSON);
		if (r == 0 && w->format == ZC_FORMAT_JSONL)
			r = zc_buf_addc(&b, '\n');
		if (r == 0 && fwrite(b.data, 1, b.len, w->out) != b.len)
			r = -EIO;
		zc_buf_free(&b);
	}
	w->count++;
	return r;
}

int zc_writer_end(struct zc_writer *w)
{
	if (w->format == ZC_FORMAT_JSON && fputs(w->count ? "\n]\n" : "]\n", w->out) == EOF)
		return -EIO;
	return fflush(w->out) == EOF || ferror(w->out) ? -EIO : 0;
}
