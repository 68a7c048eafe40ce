/*
 * sources.c: the sources file of the crawler (docs/crawl.md), checked
 * field by field.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>

#include "zhengce/crawl.h"
#include "banned.h"

/* Does the pattern compile (PCRE2, UTF)? why gets PCRE2's message when not. */
static bool pattern_ok(const char *pattern, char *why, size_t why_len)
{
	int code;
	PCRE2_SIZE offset;
	pcre2_code *re = pcre2_compile((PCRE2_SPTR)pattern, PCRE2_ZERO_TERMINATED, PCRE2_UTF, &code, &offset, NULL);
	if (re) {
		pcre2_code_free(re);
		return true;
	}
	PCRE2_UCHAR msg[120];
	pcre2_get_error_message(code, msg, sizeof(msg));
	snprintf(why, why_len, "%s at character %zu", (const char *)msg, (size_t)offset + 1);
	return false;
}

static void site_free(struct zc_site *s)
{
	free(s->id);
	free(s->name);
	free(s->list);
	free(s->pages);
	free(s->link);
	free(s->category);
}

void zc_sources_free(struct zc_sources *s)
{
	for (size_t i = 0; i < s->n; i++)
		site_free(&s->sites[i]);
	free(s->sites);
	memset(s, 0, sizeof(*s));
}

size_t zc_sources_keep(struct zc_sources *s, const struct zc_strv *ids)
{
	size_t kept = 0;
	for (size_t i = 0; i < s->n; i++) {
		bool want = false;
		for (size_t k = 0; k < ids->n && !want; k++)
			want = !strcmp(s->sites[i].id, ids->v[k]);
		if (want)
			s->sites[kept++] = s->sites[i];
		else
			site_free(&s->sites[i]);
	}
	s->n = kept;
	return kept;
}

static bool http_url(const char *u)
{
	return u && (!strncmp(u, "http://", 7) || !strncmp(u, "https://", 8));
}

/* A string field: required or optional; false (with err) when it has the wrong type. */
static bool string_field(const json_t *o, const char *key, bool required, char **out, const char *site, char *err,
			 size_t errlen)
{
	const json_t *v = json_object_get(o, key);
	if (!v || json_is_null(v)) {
		if (required)
			snprintf(err, errlen, "site %s: \"%s\" is missing", site, key);
		return !required;
	}
	if (!json_is_string(v)) {
		snprintf(err, errlen, "site %s: \"%s\" must be a string", site, key);
		return false;
	}
	*out = strdup(json_string_value(v));
	if (!*out)
		snprintf(err, errlen, "out of memory");
	return *out != NULL;
}

static int parse_site(const json_t *o, size_t index, struct zc_site *s, char *err, size_t errlen)
{
	char label[64];
	snprintf(label, sizeof(label), "#%zu", index + 1);
	memset(s, 0, sizeof(*s));
	if (!json_is_object(o)) {
		snprintf(err, errlen, "site %s: not an object", label);
		return -EINVAL;
	}
	if (!string_field(o, "id", true, &s->id, label, err, errlen))
		return -EINVAL;
	const char *id = s->id;
	if (!string_field(o, "name", false, &s->name, id, err, errlen) ||
	    !string_field(o, "list", true, &s->list, id, err, errlen) ||
	    !string_field(o, "pages", false, &s->pages, id, err, errlen) ||
	    !string_field(o, "link", true, &s->link, id, err, errlen) ||
	    !string_field(o, "category", false, &s->category, id, err, errlen))
		return -EINVAL;
	if (!http_url(s->list)) {
		snprintf(err, errlen, "site %s: \"list\" must be an http(s) URL", id);
		return -EINVAL;
	}
	if (s->pages && (!http_url(s->pages) || !strstr(s->pages, "{n}"))) {
		snprintf(err, errlen, "site %s: \"pages\" must be an http(s) URL with {n} for the page number", id);
		return -EINVAL;
	}
	char why[160];
	if (!pattern_ok(s->link, why, sizeof(why))) {
		snprintf(err, errlen, "site %s: \"link\" is not a valid pattern: %s", id, why);
		return -EINVAL;
	}
	const json_t *v;
	s->first_page = 1;
	s->max_pages = 3;
	s->delay = 1.0;
	if ((v = json_object_get(o, "first_page")) &&
	    (!json_is_integer(v) || json_integer_value(v) < 0 || json_integer_value(v) > 100000)) {
		snprintf(err, errlen, "site %s: \"first_page\" must be a number from 0 to 100000", id);
		return -EINVAL;
	} else if (v) {
		s->first_page = (int)json_integer_value(v);
	}
	if ((v = json_object_get(o, "max_pages")) &&
	    (!json_is_integer(v) || json_integer_value(v) < 1 || json_integer_value(v) > 1000)) {
		snprintf(err, errlen, "site %s: \"max_pages\" must be a number from 1 to 1000", id);
		return -EINVAL;
	} else if (v) {
		s->max_pages = (int)json_integer_value(v);
	}
	if ((v = json_object_get(o, "delay")) && (!json_is_number(v) || json_number_value(v) < 0 || json_number_value(v) > 600)) {
		snprintf(err, errlen, "site %s: \"delay\" must be seconds from 0 to 600", id);
		return -EINVAL;
	} else if (v) {
		s->delay = json_number_value(v);
	}
	if ((v = json_object_get(o, "official")) && !json_is_boolean(v)) {
		snprintf(err, errlen, "site %s: \"official\" must be true or false", id);
		return -EINVAL;
	}
	s->official = json_is_true(v);
	static const char *const known[] = {"id", "name", "list", "pages", "first_page", "max_pages", "link",
					    "delay", "official", "category", "note", "region"};
	const char *k;
	json_t *x;
	json_object_foreach((json_t *)o, k, x)
	{
		bool ok = false;
		for (size_t i = 0; i < sizeof(known) / sizeof(known[0]); i++)
			ok |= !strcmp(k, known[i]);
		if (!ok) {
			snprintf(err, errlen, "site %s: unknown field \"%s\"", id, k);
			return -EINVAL;
		}
	}
	return 0;
}

int zc_sources_load(const char *path, struct zc_sources *out, char *err, size_t errlen)
{
	memset(out, 0, sizeof(*out));
	json_error_t jerr;
	json_t *root = json_load_file(path, 0, &jerr);
	if (!root) {
		snprintf(err, errlen, "%s: %s (line %d, column %d)", path, jerr.text, jerr.line, jerr.column);
		return jerr.line <= 0 && strstr(jerr.text, "unable to open") ? -ENOENT : -EINVAL;
	}
	const json_t *sites = json_object_get(root, "sources");
	if (!json_is_array(sites)) {
		snprintf(err, errlen, "%s: wants {\"sources\": [ … ]}", path);
		json_decref(root);
		return -EINVAL;
	}
	out->sites = calloc(json_array_size(sites) ? json_array_size(sites) : 1, sizeof(*out->sites));
	if (!out->sites) {
		json_decref(root);
		return -ENOMEM;
	}
	int r = 0;
	for (size_t i = 0; i < json_array_size(sites) && r == 0; i++) {
		r = parse_site(json_array_get(sites, i), i, &out->sites[i], err, errlen);
		out->n++;
		for (size_t k = 0; r == 0 && k + 1 < out->n; k++)
			if (!strcmp(out->sites[k].id, out->sites[i].id)) {
				snprintf(err, errlen, "site %s: the id is used twice", out->sites[i].id);
				r = -EINVAL;
			}
	}
	json_decref(root);
	if (r < 0) {
		char msg[512];
		snprintf(msg, sizeof(msg), "%s: %s", path, err);
		snprintf(err, errlen, "%s", msg);
		zc_sources_free(out);
	}
	return r;
}
