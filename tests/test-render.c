/* test-render.c: notices as JSON, JSON Lines and a table (include/zhengce/
 * render.h): format names; every key of the contract present, in order, with
 * null or [] when a value is absent; the values of a filled notice; the JSON
 * writer (an array, also when empty), the JSONL writer (one line per notice),
 * the table writer (labels, colours), and write errors. */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <jansson.h>

#include "zhengce/render.h"

static const char *const keys[] = {
	"title",    "category", "doc_number", "issuers", "issued_on",   "addressees", "cited",	 "dates",
	"windows",  "deadline", "contacts",   "phones",	 "emails",	"urls",	      "addresses", "postcodes",
	"attachments", "conditions", "amounts", "regions", "text",	"source",
};
#define NKEYS (sizeof(keys) / sizeof(keys[0]))

static char *dup(const char *s)
{
	char *p = strdup(s);
	assert_non_null(p);
	return p;
}

/* A notice with every kind of element set. */
static void fill(struct zc_notice *n)
{
	zc_notice_init(n);
	n->title = dup("关于开展申报工作的通知");
	n->category = dup("申报通知");
	n->doc_number = dup("某科发〔2024〕15号");
	assert_int_equal(zc_strv_add(&n->issuers, "某某市科学技术局"), 0);
	memcpy(n->issued_on, "2024-02-01", 11);
	assert_int_equal(zc_strv_add(&n->addressees, "各有关单位"), 0);
	struct zc_cited c = {dup("某某办法"), NULL};
	assert_non_null(zc_vec_push(&n->cited, &c));
	struct zc_cited c2 = {NULL, dup("某政发〔2020〕3号")};
	assert_non_null(zc_vec_push(&n->cited, &c2));
	struct zc_date_ref d = {"2024-03-01", "17:00", ZC_DATE_DEADLINE, dup("2024年3月1日17:00")};
	assert_non_null(zc_vec_push(&n->dates, &d));
	struct zc_date_ref d2 = {"2024-02-01", "", ZC_DATE_ISSUED, dup("2024年2月1日")};
	assert_non_null(zc_vec_push(&n->dates, &d2));
	struct zc_window w = {"2024-02-10", "2024-03-01", dup("网上申报")};
	assert_non_null(zc_vec_push(&n->windows, &w));
	struct zc_window w2 = {"2024-03-05", "2024-03-09", NULL};
	assert_non_null(zc_vec_push(&n->windows, &w2));
	memcpy(n->deadline, "2024-03-01", 11);
	struct zc_contact ct = {dup("王明"), NULL, {0}, {0}};
	assert_int_equal(zc_strv_add(&ct.phones, "010-68205368"), 0);
	assert_non_null(zc_vec_push(&n->contacts, &ct));
	assert_int_equal(zc_strv_add(&n->phones, "010-68205368"), 0);
	assert_int_equal(zc_strv_add(&n->phones, "13279104635"), 0);
	assert_int_equal(zc_strv_add(&n->emails, "kjc@example.gov.cn"), 0);
	assert_int_equal(zc_strv_add(&n->urls, "http://www.example.gov.cn/a?b=1&c=\"2\""), 0);
	assert_int_equal(zc_strv_add(&n->addresses, "某某路1号"), 0);
	assert_int_equal(zc_strv_add(&n->postcodes, "650032"), 0);
	assert_int_equal(zc_strv_add(&n->attachments, "申报书"), 0);
	struct zc_condition cond = {.type = ZC_COND_THRESHOLD,
				    .text = dup("研发费用占比不低于3%"),
				    .metric = dup("研发费用占比"),
				    .op = dup(">="),
				    .value = 3,
				    .has_value = 1,
				    .unit = dup("%")};
	assert_non_null(zc_vec_push(&n->conditions, &cond));
	struct zc_condition cond2 = {.type = ZC_COND_REGISTRATION_REGION, .text = dup("在本市以外注册"),
				     .object = dup("本市"), .negated = 1};
	assert_non_null(zc_vec_push(&n->conditions, &cond2));
	struct zc_condition cond3 = {.type = ZC_COND_CLEAN_RECORD, .text = dup("近三年无失信记录"), .years = 3};
	assert_non_null(zc_vec_push(&n->conditions, &cond3));
	struct zc_amount a = {500000, dup("50万元")};
	assert_non_null(zc_vec_push(&n->amounts, &a));
	struct zc_region_ref r = {"530100", dup("昆明市")};
	assert_non_null(zc_vec_push(&n->regions, &r));
	n->text = dup("第一行\n第二行\t\"引号\"\n");
	n->source_file = dup("a.txt");
	n->source_offset = 1234;
	n->source_line = 56;
}

/* Run the writer over count copies of n (NULL: count empty notices). Returns the output (free it). */
static char *write_all(enum zc_format format, bool color, const struct zc_notice *n, size_t count)
{
	/* The stream's buffer pointer lives on the heap: the stream keeps its
	 * address, which GCC would otherwise see escape this frame. */
	struct {
		char *data;
		size_t size;
	} *mem = calloc(1, sizeof(*mem));
	assert_non_null(mem);
	FILE *f = open_memstream(&mem->data, &mem->size);
	assert_non_null(f);
	struct zc_writer w;
	assert_int_equal(zc_writer_begin(&w, f, format, color), 0);
	struct zc_notice empty;
	zc_notice_init(&empty);
	for (size_t i = 0; i < count; i++)
		assert_int_equal(zc_writer_notice(&w, n ? n : &empty), 0);
	assert_int_equal(w.count, count);
	assert_int_equal(zc_writer_end(&w), 0);
	assert_int_equal(fclose(f), 0);
	char *out = mem->data;
	free(mem);
	assert_non_null(out);
	return out;
}

static void test_format_parse(void **state)
{
	(void)state;
	enum zc_format f = (enum zc_format)99;
	assert_true(zc_format_parse("json", &f));
	assert_int_equal(f, ZC_FORMAT_JSON);
	assert_true(zc_format_parse("jsonl", &f));
	assert_int_equal(f, ZC_FORMAT_JSONL);
	assert_true(zc_format_parse("table", &f));
	assert_int_equal(f, ZC_FORMAT_TABLE);
	assert_true(zc_format_parse("csv", &f));
	assert_int_equal(f, ZC_FORMAT_CSV);
	f = (enum zc_format)99;
	assert_false(zc_format_parse("JSON", &f));
	assert_false(zc_format_parse("xml", &f));
	assert_false(zc_format_parse("", &f));
	assert_int_equal(f, 99); /* untouched */
}

/* CSV for Excel: a BOM, CRLF rows, every field quoted, quotes doubled, lists joined. */
static void test_csv(void **state)
{
	(void)state;
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);
	assert_non_null(f);
	json_t *n = json_pack("{s:I,s:s,s:[s,s],s:[{s:s,s:s,s:s}]}", "id", (json_int_t)7, "title",
			      "关于\"专精特新\"的通知", "issuers", "甲厅", "乙局", "windows", "from",
			      "2024-06-01", "to", "2024-06-30", "label", "网上申报");
	assert_int_equal(zc_csv_begin(f, true), 0);
	assert_int_equal(zc_csv_notice(f, n, true), 0);
	fclose(f);
	assert_memory_equal(buf, "\xEF\xBB\xBFid,title,", 12);
	assert_non_null(strstr(buf, "\r\n7,\"关于\"\"专精特新\"\"的通知\",\"\",\"\",\"甲厅；乙局\""));
	assert_non_null(strstr(buf, "\"2024-06-01至2024-06-30 网上申报\""));
	assert_true(len > 2 && buf[len - 2] == '\r' && buf[len - 1] == '\n');
	json_decref(n);
	free(buf);
}

static void test_empty_notice(void **state)
{
	(void)state;
	struct zc_notice n;
	zc_notice_init(&n);
	json_t *o = zc_notice_to_json(&n);
	assert_non_null(o);
	assert_int_equal(json_object_size(o), NKEYS);
	/* Keys in the contract's order. */
	size_t i = 0;
	const char *key;
	json_t *value;
	json_object_foreach(o, key, value)
	{
		assert_true(i < NKEYS);
		assert_string_equal(key, keys[i]);
		i++;
	}
	assert_int_equal(i, NKEYS);
	static const char *const nulls[] = {"title", "category", "doc_number", "issued_on", "deadline"};
	for (size_t k = 0; k < sizeof(nulls) / sizeof(nulls[0]); k++)
		if (!json_is_null(json_object_get(o, nulls[k])))
			fail_msg("%s is not null", nulls[k]);
	static const char *const arrays[] = {"issuers", "addressees", "cited",	   "dates",	 "windows",
					     "contacts", "phones",     "emails",    "urls",	 "addresses",
					     "postcodes", "attachments", "conditions", "amounts", "regions"};
	for (size_t k = 0; k < sizeof(arrays) / sizeof(arrays[0]); k++) {
		json_t *a = json_object_get(o, arrays[k]);
		if (!json_is_array(a) || json_array_size(a) != 0)
			fail_msg("%s is not []", arrays[k]);
	}
	assert_string_equal(json_string_value(json_object_get(o, "text")), "");
	json_t *src = json_object_get(o, "source");
	assert_true(json_is_object(src));
	assert_true(json_is_null(json_object_get(src, "file")));
	assert_int_equal(json_integer_value(json_object_get(src, "offset")), 0);
	assert_int_equal(json_integer_value(json_object_get(src, "line")), 0);
	json_decref(o);
}

static void test_filled_notice(void **state)
{
	(void)state;
	struct zc_notice n;
	fill(&n);
	json_t *o = zc_notice_to_json(&n);
	assert_non_null(o);
	assert_int_equal(json_object_size(o), NKEYS);
	char *s = json_dumps(o, JSON_PRESERVE_ORDER | JSON_COMPACT);
	assert_non_null(s);
	assert_string_equal(
		s,
		"{\"title\":\"关于开展申报工作的通知\",\"category\":\"申报通知\",\"doc_number\":\"某科发〔2024〕15号\","
		"\"issuers\":[\"某某市科学技术局\"],\"issued_on\":\"2024-02-01\",\"addressees\":[\"各有关单位\"],"
		"\"cited\":[{\"title\":\"某某办法\",\"doc_number\":null},{\"title\":null,\"doc_number\":\"某政发〔2020〕3号\"}],"
		"\"dates\":[{\"date\":\"2024-03-01\",\"time\":\"17:00\",\"role\":\"deadline\",\"text\":\"2024年3月1日17:00\"},"
		"{\"date\":\"2024-02-01\",\"time\":null,\"role\":\"issued\",\"text\":\"2024年2月1日\"}],"
		"\"windows\":[{\"from\":\"2024-02-10\",\"to\":\"2024-03-01\",\"label\":\"网上申报\"},"
		"{\"from\":\"2024-03-05\",\"to\":\"2024-03-09\",\"label\":null}],"
		"\"deadline\":\"2024-03-01\","
		"\"contacts\":[{\"name\":\"王明\",\"org\":null,\"phones\":[\"010-68205368\"],\"emails\":[]}],"
		"\"phones\":[\"010-68205368\",\"13279104635\"],\"emails\":[\"kjc@example.gov.cn\"],"
		"\"urls\":[\"http://www.example.gov.cn/a?b=1&c=\\\"2\\\"\"],\"addresses\":[\"某某路1号\"],"
		"\"postcodes\":[\"650032\"],\"attachments\":[\"申报书\"],"
		"\"conditions\":[{\"type\":\"threshold\",\"text\":\"研发费用占比不低于3%\",\"metric\":\"研发费用占比\","
		"\"op\":\">=\",\"value\":3.0,\"unit\":\"%\"},"
		"{\"type\":\"registration_region\",\"text\":\"在本市以外注册\",\"object\":\"本市\",\"negated\":true},"
		"{\"type\":\"clean_record\",\"text\":\"近三年无失信记录\",\"years\":3}],"
		"\"amounts\":[{\"yuan\":500000.0,\"text\":\"50万元\"}],"
		"\"regions\":[{\"code\":\"530100\",\"name\":\"昆明市\"}],"
		"\"text\":\"第一行\\n第二行\\t\\\"引号\\\"\\n\","
		"\"source\":{\"file\":\"a.txt\",\"offset\":1234,\"line\":56}}");
	free(s);
	json_decref(o);
	zc_notice_free(&n);
}

static void test_enum_names(void **state)
{
	(void)state;
	assert_string_equal(zc_date_role_name(ZC_DATE_MENTION), "mention");
	assert_string_equal(zc_date_role_name(ZC_DATE_WINDOW_START), "window_start");
	assert_string_equal(zc_date_role_name(ZC_DATE_WINDOW_END), "window_end");
	assert_string_equal(zc_date_role_name(ZC_DATE_EVENT), "event");
	assert_string_equal(zc_date_role_name(ZC_DATE_CONDITION), "condition");
	assert_string_equal(zc_date_role_name((enum zc_date_role)42), "mention");
	assert_string_equal(zc_condition_type_name(ZC_COND_OTHER), "other");
	assert_string_equal(zc_condition_type_name(ZC_COND_YEARS_SINCE_REGISTRATION), "years_since_registration");
	assert_string_equal(zc_condition_type_name(ZC_COND_LEGAL_FORM), "legal_form");
	assert_string_equal(zc_condition_type_name(ZC_COND_QUALIFICATION_HELD), "qualification_held");
	assert_string_equal(zc_condition_type_name(ZC_COND_QUALIFICATION_NOT_HELD), "qualification_not_held");
	assert_string_equal(zc_condition_type_name(ZC_COND_INDUSTRY), "industry");
	assert_string_equal(zc_condition_type_name(ZC_COND_DATE), "date");
	assert_string_equal(zc_condition_type_name((enum zc_condition_type)42), "other");
}

static void test_json_writer(void **state)
{
	(void)state;
	/* No notice: an empty array. */
	char *out = write_all(ZC_FORMAT_JSON, false, NULL, 0);
	assert_string_equal(out, "[\n]\n");
	json_error_t err;
	json_t *a = json_loads(out, 0, &err);
	assert_true(json_is_array(a));
	assert_int_equal(json_array_size(a), 0);
	json_decref(a);
	free(out);

	/* Three notices: one valid JSON array of three objects. */
	struct zc_notice n;
	fill(&n);
	out = write_all(ZC_FORMAT_JSON, false, &n, 3);
	static const char head[] = "[\n{\n  \"title\": \"关于开展申报工作的通知\",\n";
	assert_memory_equal(out, head, strlen(head));
	assert_true(strlen(out) > 4);
	assert_string_equal(out + strlen(out) - 4, "}\n]\n");
	a = json_loads(out, 0, &err);
	assert_non_null(a);
	assert_int_equal(json_array_size(a), 3);
	json_t *first = json_array_get(a, 0);
	assert_string_equal(json_string_value(json_object_get(first, "deadline")), "2024-03-01");
	assert_int_equal(json_object_size(first), NKEYS);
	json_decref(a);
	free(out);
	zc_notice_free(&n);
}

static void test_jsonl_writer(void **state)
{
	(void)state;
	struct zc_notice n;
	fill(&n);
	char *out = write_all(ZC_FORMAT_JSONL, false, &n, 2);
	/* Exactly one line per notice, each a complete JSON object; the text's
	 * newlines are escaped. */
	size_t lines = 0;
	for (char *p = out; *p; p++)
		lines += *p == '\n';
	assert_int_equal(lines, 2);
	char *nl = strchr(out, '\n');
	assert_non_null(nl);
	*nl = '\0';
	json_error_t err;
	json_t *o = json_loads(out, 0, &err);
	assert_non_null(o);
	assert_string_equal(json_string_value(json_object_get(o, "text")), "第一行\n第二行\t\"引号\"\n");
	assert_int_equal(json_object_size(o), NKEYS);
	json_decref(o);
	o = json_loads(nl + 1, 0, &err);
	assert_non_null(o);
	assert_string_equal(json_string_value(json_object_get(o, "title")), "关于开展申报工作的通知");
	json_decref(o);
	free(out);

	/* No notice: no output at all. */
	out = write_all(ZC_FORMAT_JSONL, false, NULL, 0);
	assert_string_equal(out, "");
	free(out);

	/* An empty notice: one line with nulls and []. */
	out = write_all(ZC_FORMAT_JSONL, false, NULL, 1);
	assert_non_null(strstr(out, "\"title\":null,\"category\":null,\"doc_number\":null,\"issuers\":[],"));
	assert_ptr_equal(strchr(out, '\n') + 1, out + strlen(out)); /* one line */
	free(out);
	zc_notice_free(&n);
}

static void test_table_writer(void **state)
{
	(void)state;
	struct zc_notice n;
	fill(&n);
	char *out = write_all(ZC_FORMAT_TABLE, false, &n, 1);
	static const char head[] = "1. 关于开展申报工作的通知\n  类别  申报通知\n  文号  某科发〔2024〕15号\n";
	assert_memory_equal(out, head, strlen(head));
	assert_non_null(strstr(out, "  文号  某科发〔2024〕15号\n"));
	assert_non_null(strstr(out, "  截止  2024-03-01\n"));
	assert_non_null(strstr(out, "  时段  2024-02-10 至 2024-03-01  网上申报\n"));
	assert_non_null(strstr(out, "        2024-03-05 至 2024-03-09\n"));
	assert_non_null(strstr(out, "  电话  010-68205368\n        13279104635\n"));
	assert_non_null(strstr(out, "  引用  某某办法\n        某政发〔2020〕3号\n"));
	assert_non_null(strstr(out, "  条件  [threshold] 研发费用占比不低于3%\n"));
	assert_null(strstr(out, "\033["));
	free(out);

	/* Two empty notices: numbered, a blank line between them, no empty rows. */
	out = write_all(ZC_FORMAT_TABLE, false, NULL, 2);
	assert_string_equal(out, "1. （无标题）\n\n2. （无标题）\n");
	free(out);

	/* Colours. */
	out = write_all(ZC_FORMAT_TABLE, true, &n, 1);
	assert_non_null(strstr(out, "\033[1m1. 关于开展申报工作的通知\033[0m\n"));
	assert_non_null(strstr(out, "\033[31m2024-03-01\033[0m"));
	free(out);
	zc_notice_free(&n);
}

static void test_write_error(void **state)
{
	(void)state;
	/* A stream that cannot be written. */
	FILE *f = fopen("/dev/null", "r");
	assert_non_null(f);
	struct zc_writer w;
	assert_int_equal(zc_writer_begin(&w, f, ZC_FORMAT_JSON, false), -EIO);
	struct zc_notice n;
	zc_notice_init(&n);
	w.format = ZC_FORMAT_JSONL;
	assert_int_equal(zc_writer_notice(&w, &n), -EIO);
	assert_int_equal(zc_writer_end(&w), -EIO);
	fclose(f);
}

/* JSON escaping as the contract defines it, one byte at a time: the reference for test_escaping. */
static void escape_ref(const char *s, size_t len, struct zc_buf *out)
{
	assert_int_equal(zc_buf_adds(out, "{\"title\":\""), 0);
	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];
		char esc[8];
		if (c == '"' || c == '\\')
			snprintf(esc, sizeof(esc), "\\%c", c);
		else if (c == '\n')
			snprintf(esc, sizeof(esc), "\\n");
		else if (c == '\t')
			snprintf(esc, sizeof(esc), "\\t");
		else if (c == '\r')
			snprintf(esc, sizeof(esc), "\\r");
		else if (c < 0x20)
			snprintf(esc, sizeof(esc), "\\u%04x", c);
		else
			snprintf(esc, sizeof(esc), "%c", c);
		assert_int_equal(zc_buf_adds(out, esc), 0);
	}
	assert_int_equal(zc_buf_adds(out, "\","), 0);
}

/* Strings of every length up to three blocks, with a byte to escape (or two)
 * at every place, written into buffers with little room and much. */
static void test_escaping(void **state)
{
	(void)state;
	static const char specials[] = "\"\\\n\t\r\x01\x1f";
	for (size_t len = 0; len <= 48; len++)
		for (size_t at = 0; at <= len; at++)
			for (size_t k = 0; k < sizeof(specials) - 1; k++) {
				char s[64];
				for (size_t i = 0; i < len; i++)
					s[i] = (char)(i % 3 == 0 ? 0xE4 : i % 3 == 1 ? 0xB8 : 0xAD); /* 中 */
				if (at < len)
					s[at] = specials[k];
				if (len > 2 && at + 2 < len)
					s[len - 1] = specials[(k + 1) % (sizeof(specials) - 1)];
				s[len] = '\0';
				struct zc_notice n;
				zc_notice_init(&n);
				n.title = s;
				struct zc_buf want, got;
				zc_buf_init(&want, 0);
				escape_ref(s, len, &want);
				for (size_t room = 0; room < 2; room++) {
					zc_buf_init(&got, 0);
					if (room)
						assert_int_equal(zc_buf_grow(&got, 4096), 0);
					assert_int_equal(zc_notice_elements_json(&n, &got), 0);
					assert_true(got.len >= want.len);
					assert_memory_equal(got.data, want.data, want.len);
					assert_int_equal(got.data[got.len], '\0');
					zc_buf_free(&got);
				}
				zc_buf_free(&want);
			}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_format_parse), cmocka_unit_test(test_csv), cmocka_unit_test(test_empty_notice),
		cmocka_unit_test(test_filled_notice), cmocka_unit_test(test_enum_names),
		cmocka_unit_test(test_json_writer),  cmocka_unit_test(test_jsonl_writer),
		cmocka_unit_test(test_table_writer), cmocka_unit_test(test_write_error),
		cmocka_unit_test(test_escaping),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
