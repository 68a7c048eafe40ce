/*
 * render-results.c: stored notices, search results and store statistics
 * for people (tables that fit 80 columns) and machines (JSON, JSON Lines,
 * CSV with a BOM). The JSON shapes come from the store (docs/store.md);
 * this file only lays them out.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "utf8.h"
#include "zhengce/buf.h"
#include "zhengce/render.h"
#include "banned.h"

#define WIDTH 80

#define BOLD "\033[1m"
#define DIM "\033[2m"
#define RED "\033[31m"
#define HIGHLIGHT "\033[1;33m"
#define RESET "\033[0m"

static const char *str_of(const json_t *o, const char *key)
{
	const char *s = json_string_value(json_object_get(o, key));
	return s ? s : "";
}

static int done(FILE *out)
{
	return fflush(out) == EOF || ferror(out) ? -EIO : 0;
}

static int dump(FILE *out, const json_t *v, size_t flags)
{
	if (json_dumpf(v, out, flags | JSON_ENSURE_ASCII * 0) < 0 || fputc('\n', out) == EOF)
		return -EIO;
	return done(out);
}

/* Write s cut to at most `cols` display columns ("…" when cut). */
static void put_cut(FILE *out, const char *s, size_t cols)
{
	const char *p = s, *end = s + strlen(s);
	size_t w = 0;
	while (p < end) {
		const char *q = p;
		uint32_t c = zc_utf8_next(&q, end);
		size_t cw = zc_utf8_width(p, (size_t)(q - p));
		if (w + cw > cols - 1 && zc_utf8_width(p, (size_t)(end - p)) > cols - w) {
			fputs("…", out);
			return;
		}
		if (c == '\n')
			fputc(' ', out);
		else
			fwrite(p, 1, (size_t)(q - p), out);
		w += cw;
		p = q;
	}
}

/* Join a JSON array of strings with "、". */
static void join(struct zc_buf *b, const json_t *arr, const char *sep)
{
	size_t i;
	json_t *v;
	int r = 0;
	json_array_foreach(arr, i, v)
	{
		const char *s = json_string_value(v);
		if (!s && json_is_object(v))
			s = json_string_value(json_object_get(v, "name"));
		if (!s)
			continue;
		if (b->len)
			r |= zc_buf_adds(b, sep);
		r |= zc_buf_adds(b, s);
	}
	(void)r;
}

/* The snippet with its highlights: ANSI colour, or 【】 without colour. */
static void put_snippet(FILE *out, const json_t *res, bool color, size_t cols)
{
	const char *s = str_of(res, "snippet"), *p = s, *end = s + strlen(s);
	const json_t *hl = json_object_get(res, "highlights");
	size_t ci = 0, h = 0, w = 0, nh = json_array_size(hl);
	bool in = false;
	size_t hend = 0;
	while (p < end) {
		if (!in && h < nh && (size_t)json_integer_value(json_array_get(json_array_get(hl, h), 0)) == ci) {
			hend = ci + (size_t)json_integer_value(json_array_get(json_array_get(hl, h), 1));
			fputs(color ? HIGHLIGHT : "【", out);
			w += color ? 0 : 2;
			in = true;
			h++;
		}
		const char *q = p;
		zc_utf8_next(&q, end);
		size_t cw = zc_utf8_width(p, (size_t)(q - p));
		if (w + cw + (in && !color ? 3 : 1) > cols) {
			fputs(in ? (color ? RESET "…" : "】…") : "…", out);
			return;
		}
		fwrite(p, 1, (size_t)(q - p), out);
		w += cw;
		p = q;
		ci++;
		if (in && ci == hend) {
			fputs(color ? RESET : "】", out);
			w += color ? 0 : 2;
			in = false;
		}
	}
	if (in)
		fputs(color ? RESET : "】", out);
}

static void table_result(FILE *out, const json_t *r, size_t rank, bool color)
{
	char head[32];
	snprintf(head, sizeof(head), "%zu. [%lld] ", rank, (long long)json_integer_value(json_object_get(r, "id")));
	fprintf(out, "%s%s", color ? BOLD : "", head);
	put_cut(out, str_of(r, "title")[0] ? str_of(r, "title") : "（无标题）", WIDTH - strlen(head));
	fputs(color ? RESET "\n" : "\n", out);
	struct zc_buf b;
	zc_buf_init(&b, 0);
	int e = 0;
	const char *parts[] = {str_of(r, "issued_on"), str_of(r, "doc_number"), str_of(r, "category")};
	for (size_t i = 0; i < 3; i++)
		if (parts[i][0])
			e |= zc_buf_adds(&b, b.len ? " · " : ""), e |= zc_buf_adds(&b, parts[i]);
	struct zc_buf iss;
	zc_buf_init(&iss, 0);
	join(&iss, json_object_get(r, "issuers"), "、");
	if (iss.len)
		e |= zc_buf_adds(&b, b.len ? " · " : ""), e |= zc_buf_add(&b, iss.data, iss.len);
	zc_buf_free(&iss);
	fputs("   ", out);
	if (color)
		fputs(DIM, out);
	put_cut(out, e == 0 && b.data ? b.data : "", WIDTH - 3 - (str_of(r, "deadline")[0] ? 17 : 0));
	if (color)
		fputs(RESET, out);
	if (str_of(r, "deadline")[0])
		fprintf(out, "  %s截止 %s%s", color ? RED : "", str_of(r, "deadline"), color ? RESET : "");
	fputc('\n', out);
	zc_buf_free(&b);
	if (str_of(r, "snippet")[0]) {
		fputs("   ", out);
		put_snippet(out, r, color, WIDTH - 3);
		fputc('\n', out);
	}
}

static void table_facets(FILE *out, const json_t *facets, bool color)
{
	static const char *const names[][2] = {
		{"category", "类别"}, {"province", "省份"}, {"issuer", "发文"}, {"month", "月份"}};
	for (size_t i = 0; i < 4; i++) {
		const json_t *f = json_object_get(facets, names[i][0]);
		if (!json_object_size(f))
			continue;
		struct zc_buf b;
		zc_buf_init(&b, 0);
		const char *k;
		json_t *v;
		size_t n = 0;
		int e = 0;
		json_object_foreach((json_t *)f, k, v)
		{
			if (n++ == 8)
				break;
			e |= zc_buf_addf(&b, "%s%s %lld", b.len ? "  " : "", k, (long long)json_integer_value(v));
		}
		fprintf(out, "%s%s%s  ", color ? DIM : "", names[i][1], color ? RESET : "");
		put_cut(out, e == 0 && b.data ? b.data : "", WIDTH - 6);
		fputc('\n', out);
		zc_buf_free(&b);
	}
}

/* ---- CSV ---- */

static void csv_field(FILE *out, const char *s)
{
	fputc('"', out);
	for (; *s; s++) {
		if (*s == '"')
			fputc('"', out);
		fputc(*s, out);
	}
	fputc('"', out);
}

static const char *const csv_columns[] = {
	"title", "category", "doc_number", "issuers", "issued_on", "deadline", "addressees",
	"windows", "regions", "contacts", "phones", "emails", "urls", "attachments", "cited",
};

int zc_csv_begin(FILE *out, bool with_id)
{
	fputs("\xEF\xBB\xBF", out);
	if (with_id)
		fputs("id,", out);
	for (size_t i = 0; i < sizeof(csv_columns) / sizeof(csv_columns[0]); i++)
		fprintf(out, "%s%s", i ? "," : "", csv_columns[i]);
	fputs("\r\n", out);
	return ferror(out) ? -EIO : 0;
}

/* One list-valued element as text. */
static void csv_list(struct zc_buf *b, const char *col, const json_t *v)
{
	size_t i;
	json_t *x;
	int e = 0;
	json_array_foreach(v, i, x)
	{
		const char *sep = b->len ? "；" : "";
		if (json_is_string(x)) {
			e |= zc_buf_addf(b, "%s%s", sep, json_string_value(x));
		} else if (!strcmp(col, "windows")) {
			e |= zc_buf_addf(b, "%s%s至%s%s%s", sep, str_of(x, "from"), str_of(x, "to"),
					 str_of(x, "label")[0] ? " " : "", str_of(x, "label"));
		} else if (!strcmp(col, "regions")) {
			e |= zc_buf_addf(b, "%s%s", sep, str_of(x, "name"));
		} else if (!strcmp(col, "cited")) {
			e |= zc_buf_addf(b, "%s%s%s", sep, str_of(x, "title"), str_of(x, "doc_number"));
		} else if (!strcmp(col, "contacts")) {
			struct zc_buf ph;
			zc_buf_init(&ph, 0);
			join(&ph, json_object_get(x, "phones"), " ");
			e |= zc_buf_addf(b, "%s%s %s %s", sep, str_of(x, "org"), str_of(x, "name"),
					 ph.data ? ph.data : "");
			zc_buf_free(&ph);
		}
	}
	(void)e;
}

int zc_csv_notice(FILE *out, const json_t *n, bool with_id)
{
	if (with_id)
		fprintf(out, "%lld,", (long long)json_integer_value(json_object_get(n, "id")));
	for (size_t i = 0; i < sizeof(csv_columns) / sizeof(csv_columns[0]); i++) {
		const json_t *v = json_object_get(n, csv_columns[i]);
		if (i)
			fputc(',', out);
		if (json_is_array(v)) {
			struct zc_buf b;
			zc_buf_init(&b, 0);
			csv_list(&b, csv_columns[i], v);
			csv_field(out, b.data ? b.data : "");
			zc_buf_free(&b);
		} else {
			csv_field(out, json_string_value(v) ? json_string_value(v) : "");
		}
	}
	fputs("\r\n", out);
	return ferror(out) ? -EIO : 0;
}

/* ---- documents ---- */

int zc_render_search(FILE *out, const json_t *res, enum zc_format format, bool color)
{
	const json_t *results = json_object_get(res, "results");
	size_t i;
	json_t *r;
	switch (format) {
	case ZC_FORMAT_JSON:
		return dump(out, res, JSON_INDENT(2));
	case ZC_FORMAT_JSONL:
		json_array_foreach(results, i, r)
		{
			if (json_dumpf(r, out, JSON_COMPACT) < 0 || fputc('\n', out) == EOF)
				return -EIO;
		}
		return done(out);
	case ZC_FORMAT_CSV:
		fputs("\xEF\xBB\xBF" "id,title,doc_number,category,issued_on,deadline,issuers,score,snippet\r\n", out);
		json_array_foreach(results, i, r)
		{
			struct zc_buf b;
			zc_buf_init(&b, 0);
			join(&b, json_object_get(r, "issuers"), "；");
			fprintf(out, "%lld,", (long long)json_integer_value(json_object_get(r, "id")));
			const char *cols[] = {str_of(r, "title"), str_of(r, "doc_number"), str_of(r, "category"),
					      str_of(r, "issued_on"), str_of(r, "deadline"), b.data ? b.data : ""};
			for (size_t k = 0; k < 6; k++)
				csv_field(out, cols[k]), fputc(',', out);
			fprintf(out, "%.3f,", json_real_value(json_object_get(r, "score")));
			csv_field(out, str_of(r, "snippet"));
			fputs("\r\n", out);
			zc_buf_free(&b);
		}
		return done(out);
	case ZC_FORMAT_TABLE:
	default:
		break;
	}
	long long total = (long long)json_integer_value(json_object_get(res, "total"));
	long long offset = (long long)json_integer_value(json_object_get(res, "offset"));
	size_t n = json_array_size(results);
	if (n)
		fprintf(out, "%s共 %lld 条，第 %lld–%lld 条%s\n", color ? DIM : "", total, offset + 1,
			offset + (long long)n, color ? RESET : "");
	else
		fprintf(out, "共 %lld 条%s\n", total, total ? "（已超出末页）" : "");
	json_array_foreach(results, i, r)
	{
		fputc('\n', out);
		table_result(out, r, (size_t)offset + i + 1, color);
	}
	if (json_object_get(res, "facets")) {
		fputc('\n', out);
		table_facets(out, json_object_get(res, "facets"), color);
	}
	return done(out);
}

static void row(FILE *out, const char *label, const char *value, bool color)
{
	if (!value || !value[0])
		return;
	fprintf(out, "  %s%s%s  %s\n", color ? DIM : "", label, color ? RESET : "", value);
}

static void row_list(FILE *out, const char *label, const json_t *arr, const char *key, bool color)
{
	size_t i;
	json_t *v;
	json_array_foreach(arr, i, v)
	{
		const char *s = key ? str_of(v, key) : json_string_value(v);
		row(out, i == 0 ? label : "    ", s, color);
	}
}

int zc_render_record(FILE *out, const json_t *rec, enum zc_format format, bool color)
{
	if (format == ZC_FORMAT_JSON)
		return dump(out, rec, JSON_INDENT(2));
	if (format == ZC_FORMAT_JSONL)
		return dump(out, rec, JSON_COMPACT);
	if (format == ZC_FORMAT_CSV) {
		int r = zc_csv_begin(out, true);
		return r ? r : zc_csv_notice(out, rec, true) ? -EIO : done(out);
	}
	fprintf(out, "%s[%lld] %s%s\n", color ? BOLD : "", (long long)json_integer_value(json_object_get(rec, "id")),
		str_of(rec, "title")[0] ? str_of(rec, "title") : "（无标题）", color ? RESET : "");
	row(out, "类别", str_of(rec, "category"), color);
	row(out, "文号", str_of(rec, "doc_number"), color);
	row_list(out, "发文", json_object_get(rec, "issuers"), NULL, color);
	row(out, "日期", str_of(rec, "issued_on"), color);
	if (str_of(rec, "deadline")[0]) {
		char buf[64];
		snprintf(buf, sizeof(buf), "%s%s%s", color ? RED : "", str_of(rec, "deadline"), color ? RESET : "");
		row(out, "截止", buf, color);
	}
	size_t i;
	json_t *v;
	json_array_foreach(json_object_get(rec, "windows"), i, v)
	{
		char buf[256];
		snprintf(buf, sizeof(buf), "%s 至 %s  %s", str_of(v, "from"), str_of(v, "to"), str_of(v, "label"));
		row(out, i == 0 ? "时段" : "    ", buf, color);
	}
	row_list(out, "主送", json_object_get(rec, "addressees"), NULL, color);
	json_array_foreach(json_object_get(rec, "contacts"), i, v)
	{
		struct zc_buf b;
		zc_buf_init(&b, 0);
		int e = zc_buf_addf(&b, "%s %s ", str_of(v, "org"), str_of(v, "name"));
		join(&b, json_object_get(v, "phones"), " ");
		row(out, i == 0 ? "联系" : "    ", e == 0 && b.data ? b.data : "", color);
		zc_buf_free(&b);
	}
	row_list(out, "电话", json_object_get(rec, "phones"), NULL, color);
	row_list(out, "邮箱", json_object_get(rec, "emails"), NULL, color);
	row_list(out, "网址", json_object_get(rec, "urls"), NULL, color);
	row_list(out, "附件", json_object_get(rec, "attachments"), NULL, color);
	row_list(out, "地区", json_object_get(rec, "regions"), "name", color);
	json_array_foreach(json_object_get(rec, "cites"), i, v)
	{
		char buf[600];
		json_t *id = json_object_get(v, "id");
		snprintf(buf, sizeof(buf), "%s%s%s%s", str_of(v, "title"), str_of(v, "doc_number"),
			 json_is_integer(id) ? "  → " : "", "");
		if (json_is_integer(id))
			snprintf(buf + strlen(buf), sizeof(buf) - strlen(buf), "[%lld]", (long long)json_integer_value(id));
		row(out, i == 0 ? "引用" : "    ", buf, color);
	}
	json_array_foreach(json_object_get(rec, "cited_by"), i, v)
	{
		char buf[600];
		snprintf(buf, sizeof(buf), "[%lld] %s", (long long)json_integer_value(json_object_get(v, "id")),
			 str_of(v, "title")[0] ? str_of(v, "title") : "（无标题）");
		row(out, i == 0 ? "被引" : "    ", buf, color);
	}
	json_array_foreach(json_object_get(rec, "conditions"), i, v)
		row(out, i == 0 ? "条件" : "    ", str_of(v, "text"), color);
	json_array_foreach(json_object_get(rec, "sources"), i, v)
	{
		char buf[1024];
		snprintf(buf, sizeof(buf), "%s #%lld  %s", str_of(v, "uri"),
			 (long long)json_integer_value(json_object_get(v, "ordinal")), str_of(v, "last_seen"));
		row(out, i == 0 ? "来源" : "    ", buf, color);
	}
	json_array_foreach(json_object_get(rec, "versions"), i, v)
	{
		char buf[256];
		snprintf(buf, sizeof(buf), "v%lld  replaced %s", (long long)json_integer_value(json_object_get(v, "version")),
			 str_of(v, "replaced_at"));
		row(out, i == 0 ? "旧版" : "    ", buf, color);
	}
	const char *text = str_of(rec, "text");
	const json_t *marks = json_object_get(rec, "marks");
	fputc('\n', out);
	if (!json_array_size(marks)) {
		fputs(text, out);
	} else {
		/* Marked elements: [start, length, kind] in characters, sorted, not overlapping. */
		const char *p = text, *end = text + strlen(text);
		size_t ci = 0, m = 0, nm = json_array_size(marks), mend = 0;
		bool in = false;
		while (p < end) {
			const json_t *mk = json_array_get(marks, m);
			if (!in && m < nm && (size_t)json_integer_value(json_array_get(mk, 0)) == ci) {
				mend = ci + (size_t)json_integer_value(json_array_get(mk, 1));
				fputs(color ? HIGHLIGHT : "〖", out);
				in = true;
				m++;
			}
			const char *q = p;
			zc_utf8_next(&q, end);
			fwrite(p, 1, (size_t)(q - p), out);
			p = q;
			ci++;
			if (in && ci == mend) {
				fputs(color ? RESET : "〗", out);
				in = false;
			}
			while (!in && m < nm && (size_t)json_integer_value(json_array_get(json_array_get(marks, m), 0)) < ci)
				m++; /* overlapping: skip */
		}
	}
	fputc('\n', out);
	return done(out);
}

int zc_render_stats(FILE *out, const json_t *st, enum zc_format format)
{
	if (format != ZC_FORMAT_TABLE)
		return dump(out, st, format == ZC_FORMAT_JSON ? JSON_INDENT(2) : JSON_COMPACT);
	static const char *const keys[][2] = {
		{"database", "数据库"}, {"schema", "结构版本"}, {"notices", "通知"},
		{"open_notices", "未截止"}, {"versions", "旧版本"}, {"sources", "来源"},
		{"text_bytes", "正文字节"}, {"index_bytes", "索引字节"}, {"file_bytes", "文件字节"},
		{"last_ingest", "最近入库"},
	};
	for (size_t i = 0; i < sizeof(keys) / sizeof(keys[0]); i++) {
		const json_t *v = json_object_get(st, keys[i][0]);
		if (json_is_string(v))
			fprintf(out, "%-16s%s\n", keys[i][1], json_string_value(v));
		else if (json_is_integer(v))
			fprintf(out, "%-16s%lld\n", keys[i][1], (long long)json_integer_value(v));
	}
	const char *k;
	json_t *v;
	json_object_foreach(json_object_get(st, "categories"), k, v)
		fprintf(out, "  %-14s%lld\n", k[0] ? k : "（未分类）", (long long)json_integer_value(v));
	return done(out);
}

int zc_render_calendar(FILE *out, const json_t *events, bool color)
{
	size_t i;
	json_t *e;
	if (!json_array_size(events))
		fputs("没有即将到来的截止日期\n", out);
	json_array_foreach(events, i, e)
	{
		const char *kind = str_of(e, "kind");
		long left = (long)json_integer_value(json_object_get(e, "days_left"));
		char head[96];
		if (!strcmp(kind, "deadline"))
			snprintf(head, sizeof(head), "%-11s %4ld天  截止  ", str_of(e, "to"), left);
		else
			snprintf(head, sizeof(head), "%.5s–%-5s %4ld天  时段  ", str_of(e, "from") + 5, str_of(e, "to") + 5,
				 left);
		fprintf(out, "%s%s%s", color && left <= 7 ? RED : "", head, color && left <= 7 ? RESET : "");
		char tail[32];
		snprintf(tail, sizeof(tail), " [%lld]", (long long)json_integer_value(json_object_get(e, "notice_id")));
		size_t used = zc_utf8_width(head, strlen(head));
		put_cut(out, str_of(e, "title"), used + strlen(tail) < WIDTH ? WIDTH - used - strlen(tail) : 10);
		fprintf(out, "%s\n", tail);
	}
	return done(out);
}
