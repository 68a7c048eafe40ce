/*
 * render.c: notices as JSON (the contract in docs/notice-format.md), JSON
 * Lines, or a human table. JSON is built with jansson; keys are written in
 * the contract's order and absent values are null or [], never missing.
 */
#include <errno.h>
#include <string.h>

#include "zhengce/render.h"
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
	else
		return false;
	return true;
}

static json_t *str_or_null(const char *s)
{
	return s ? json_string(s) : json_null();
}

static json_t *date_or_null(const char *d)
{
	return d && d[0] ? json_string(d) : json_null();
}

static json_t *strv(const struct zc_strv *sv)
{
	json_t *a = json_array();
	for (size_t i = 0; a && i < sv->n; i++)
		json_array_append_new(a, json_string(sv->v[i]));
	return a;
}

json_t *zc_notice_to_json(const struct zc_notice *n)
{
	json_t *o = json_object();
	if (!o)
		return NULL;
	json_object_set_new(o, "title", str_or_null(n->title));
	json_object_set_new(o, "category", str_or_null(n->category));
	json_object_set_new(o, "doc_number", str_or_null(n->doc_number));
	json_object_set_new(o, "issuers", strv(&n->issuers));
	json_object_set_new(o, "issued_on", date_or_null(n->issued_on));
	json_object_set_new(o, "addressees", strv(&n->addressees));

	json_t *cited = json_array();
	for (size_t i = 0; i < n->cited.n; i++) {
		const struct zc_cited *c = &ZC_VEC_AT(&n->cited, struct zc_cited, i);
		json_array_append_new(cited, json_pack("{s:o,s:o}", "title", str_or_null(c->title),
						       "doc_number", str_or_null(c->doc_number)));
	}
	json_object_set_new(o, "cited", cited);

	json_t *dates = json_array();
	for (size_t i = 0; i < n->dates.n; i++) {
		const struct zc_date_ref *d = &ZC_VEC_AT(&n->dates, struct zc_date_ref, i);
		json_array_append_new(dates, json_pack("{s:s,s:o,s:s,s:s}", "date", d->date, "time",
						       d->time[0] ? json_string(d->time) : json_null(),
						       "role", zc_date_role_name(d->role), "text",
						       d->text ? d->text : ""));
	}
	json_object_set_new(o, "dates", dates);

	json_t *windows = json_array();
	for (size_t i = 0; i < n->windows.n; i++) {
		const struct zc_window *w = &ZC_VEC_AT(&n->windows, struct zc_window, i);
		json_array_append_new(windows, json_pack("{s:s,s:s,s:o}", "from", w->from, "to", w->to,
							 "label", str_or_null(w->label)));
	}
	json_object_set_new(o, "windows", windows);
	json_object_set_new(o, "deadline", date_or_null(n->deadline));

	json_t *contacts = json_array();
	for (size_t i = 0; i < n->contacts.n; i++) {
		const struct zc_contact *c = &ZC_VEC_AT(&n->contacts, struct zc_contact, i);
		json_array_append_new(contacts, json_pack("{s:o,s:o,s:o,s:o}", "name", str_or_null(c->name),
							  "org", str_or_null(c->org), "phones",
							  strv(&c->phones), "emails", strv(&c->emails)));
	}
	json_object_set_new(o, "contacts", contacts);
	json_object_set_new(o, "phones", strv(&n->phones));
	json_object_set_new(o, "emails", strv(&n->emails));
	json_object_set_new(o, "urls", strv(&n->urls));
	json_object_set_new(o, "addresses", strv(&n->addresses));
	json_object_set_new(o, "postcodes", strv(&n->postcodes));
	json_object_set_new(o, "attachments", strv(&n->attachments));

	json_t *conds = json_array();
	for (size_t i = 0; i < n->conditions.n; i++) {
		const struct zc_condition *c = &ZC_VEC_AT(&n->conditions, struct zc_condition, i);
		json_t *co = json_object();
		json_object_set_new(co, "type", json_string(zc_condition_type_name(c->type)));
		json_object_set_new(co, "text", json_string(c->text ? c->text : ""));
		if (c->metric)
			json_object_set_new(co, "metric", json_string(c->metric));
		if (c->op)
			json_object_set_new(co, "op", json_string(c->op));
		if (c->has_value)
			json_object_set_new(co, "value", json_real(c->value));
		if (c->unit)
			json_object_set_new(co, "unit", json_string(c->unit));
		if (c->object)
			json_object_set_new(co, "object", json_string(c->object));
		if (c->negated)
			json_object_set_new(co, "negated", json_true());
		if (c->years)
			json_object_set_new(co, "years", json_integer(c->years));
		json_array_append_new(conds, co);
	}
	json_object_set_new(o, "conditions", conds);

	json_t *amounts = json_array();
	for (size_t i = 0; i < n->amounts.n; i++) {
		const struct zc_amount *a = &ZC_VEC_AT(&n->amounts, struct zc_amount, i);
		json_array_append_new(amounts, json_pack("{s:f,s:s}", "yuan", a->yuan, "text", a->text));
	}
	json_object_set_new(o, "amounts", amounts);

	json_t *regions = json_array();
	for (size_t i = 0; i < n->regions.n; i++) {
		const struct zc_region_ref *r = &ZC_VEC_AT(&n->regions, struct zc_region_ref, i);
		json_array_append_new(regions, json_pack("{s:s,s:s}", "code", r->code, "name", r->name));
	}
	json_object_set_new(o, "regions", regions);
	json_object_set_new(o, "text", json_string(n->text ? n->text : ""));
	json_object_set_new(o, "source", json_pack("{s:o,s:I,s:I}", "file", str_or_null(n->source_file),
						   "offset", (json_int_t)n->source_offset, "line",
						   (json_int_t)n->source_line));
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
	} else {
		json_t *o = zc_notice_to_json(n);
		if (!o)
			return -ENOMEM;
		size_t flags = JSON_PRESERVE_ORDER | JSON_REAL_PRECISION(15);
		if (w->format == ZC_FORMAT_JSON) {
			if (w->count && fputs(",\n", w->out) == EOF)
				r = -EIO;
			if (r == 0 && json_dumpf(o, w->out, flags | JSON_INDENT(2)) < 0)
				r = -EIO;
		} else {
			if (json_dumpf(o, w->out, flags | JSON_COMPACT) < 0 || fputc('\n', w->out) == EOF)
				r = -EIO;
		}
		json_decref(o);
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
