/*
 * docno.c: the notice's own 发文字号 and the documents it cites.
 *
 * A 文号 is an issuer code, the year in brackets and a serial number:
 * 工信厅联装〔2019〕44号. Pages write the brackets as 〔〕 [] ［］ () （） or
 * 【】 and put spaces anywhere; regulations use 令第N号 instead. All are
 * normalised to 〔〕 without spaces. A 令 may number itself in Chinese
 * numerals (国家知识产权局令第七十八号, as ministries print them); the number
 * is kept as written, since that is how the 令 is cited. The issuer code is the run of Chinese
 * characters before the bracket, less words that only introduce it
 * (根据, 依据, 印发 …).
 *
 * The notice's own 文号 is the one in a metadata field (发文字号), or one
 * that stands alone on a line of the head (under the title, GB/T 9704) or
 * right by the signature. Every other 文号, and every 《title》 of a
 * document, is a citation; a 《title》 directly followed by （文号） is one.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "extract/internal.h"
#include "extract/title.h"
#include "utf8.h"
#include "words.h"
#include "banned.h"

/*
 * The part of a 文号 after its issuer code; the code is read backwards from
 * it (find_docno), which is much faster than a pattern that starts with a
 * run of Chinese characters and is tried at every character.
 */
static struct zc_re docno_core_re = ZC_RE(
	"[〔\\[［(（【]\\s*((?:19|20)\\d{2})\\s*[〕\\]］)）】]\\s*第?\\s*(\\d{1,5}|第\\s*[〇零一二两三四五六七八九十百千]{1,8})\\s*号"
	"|(?:令|[公通]告)\\s*[（(]?\\s*第\\s*(\\d{1,5}|[〇零一二两三四五六七八九十百千]{1,8})\\s*号"
	"|([公通]告|令)\\s*[（(]?\\s*((?:19|20)\\d{2})\\s*年\\s*第\\s*(\\d{1,5}|[〇零一二两三四五六七八九十百千]{1,8})\\s*号");
/* A metadata field of the 文号: 发文字号：…, 文号：…, or a label naming the kind
 * of document first (行政处罚决定书文号：…). */
static struct zc_re meta_docno_re = ZC_RE_NEED(
	"(?:^|[\\s|•·-])[\\x{4E00}-\\x{9FFF}]{0,8}?(?:发文字号|文\\s*号)\\s*[:：]\\s*(.+)$", ":", "：");
/*
 * Where 号 stands in the notice's text, found in one pass: the metadata
 * check, the head's lines, the citations and the scan for 文号 all look for
 * 号 in that text, and read these positions in place of searching it again.
 * Past HAO_MAX of them (a rare notice), the text is searched as before.
 */
#define HAO_MAX 256
struct hao_index {
	const char *text;
	size_t n;      /* positions recorded, ascending */
	bool complete; /* they are every 号 of the text */
	size_t at[HAO_MAX];
};

static void index_hao(struct hao_index *idx, const char *text, size_t len)
{
	idx->text = text;
	idx->n = 0;
	const char *end = text + len;
	for (const char *h = text; (h = zc_memstr(h, (size_t)(end - h), "号")); h += 3) {
		if (idx->n == HAO_MAX) {
			idx->complete = false;
			return;
		}
		idx->at[idx->n++] = (size_t)(h - text);
	}
	idx->complete = true;
}

/*
 * zc_memstr(s + from, len - from, "号"), for s[0..len) inside the indexed
 * text (idx NULL for any other s). 号 cannot overlap itself, so the first
 * recorded one at or after from is the first there; one that does not end
 * by len means none does.
 */
static const char *next_hao(const struct hao_index *idx, const char *s, size_t len, size_t from)
{
	if (from >= len)
		return NULL;
	if (idx) {
		size_t base = (size_t)(s - idx->text), lo = 0, hi = idx->n;
		while (lo < hi) { /* the first recorded position at or after base + from */
			size_t mid = lo + (hi - lo) / 2;
			if (idx->at[mid] < base + from)
				lo = mid + 1;
			else
				hi = mid;
		}
		if (lo < idx->n)
			return idx->at[lo] + 3 <= base + len ? idx->text + idx->at[lo] : NULL;
		if (idx->complete)
			return NULL;
	}
	return zc_memstr(s + from, len - from, "号");
}

/* Does s[0..len) hold a 号 followed by a colon (past white space as \s
 * reads it), as every match of meta_docno_re does? */
static bool colon_after_hao(const struct hao_index *idx, const char *s, size_t len)
{
	for (const char *h = s, *end = s + len; (h = next_hao(idx, s, len, (size_t)(h - s))); ) {
		h += 3;
		while (h < end && zc_is_re_space((unsigned char)*h))
			h++;
		if (zc_starts_with(h, (size_t)(end - h), ":") || zc_starts_with(h, (size_t)(end - h), "："))
			return true;
	}
	return false;
}

/* A 公告's (通告's) heading that names its issuer (GB/T 9704 发文机关 + 文种): a title
 * such as 不动产首次登记公告 or 经济普查公告 over a serial is no issuer code. */
static struct zc_re issuer_gonggao_re = ZC_RE(
	"(?:部|厅|局|委|会|院|办|室|中心|政府|行|署|司|处|站|所|馆|府)\\s*[公通]告$");
/* A 《title》: 2 to 120 characters, none of them 《, 》 or a line break. */
#define QUOTED_MIN 2
#define QUOTED_MAX 120

/*
 * Does the 《 at s[open] start a 《title》? The title ends at the first 》,
 * 《 or line break after it: it is one only when that is a 》 with QUOTED_MIN
 * to QUOTED_MAX characters before it (as "《([^《》\n]{2,120})》" reads it).
 * On success *close is the offset of that 》.
 */
static bool quoted_at(const char *s, size_t len, size_t open, size_t *close)
{
	size_t chars = 0;
	for (size_t i = open + 3; i < len; chars++) {
		if (zc_starts_with(s + i, len - i, "》")) {
			*close = i;
			return chars >= QUOTED_MIN && chars <= QUOTED_MAX;
		}
		if (chars == QUOTED_MAX || s[i] == '\n' || zc_starts_with(s + i, len - i, "《"))
			return false;
		do /* to the next character */
			i++;
		while (i < len && ((unsigned char)s[i] & 0xC0) == 0x80);
	}
	return false;
}

/*
 * The next 《title》 at or after from: m's group 0 the whole, group 1 the
 * title. Every one starts with a 《, so only those are tried, each found
 * sixteen bytes at a time.
 */
static bool next_quoted(const char *s, size_t len, size_t from, struct zc_match *m)
{
	for (const char *open; from < len && (open = zc_memstr(s + from, len - from, "《")); from = (size_t)(open - s) + 3) {
		size_t o = (size_t)(open - s), close;
		if (quoted_at(s, len, o, &close)) {
			for (int g = 0; g < ZC_RE_MAX_GROUPS; g++)
				m->start[g] = m->end[g] = SIZE_MAX;
			m->groups = 2;
			m->start[0] = o, m->end[0] = close + 3;
			m->start[1] = o + 3, m->end[1] = close;
			return true;
		}
	}
	return false;
}

/* Where an opening bracket (（ or () right after s[at], past white space as
 * \s reads it, ends (what "\G\s*[（(]" would match to); 0 when there is none. */
static size_t bracket_after(const char *s, size_t len, size_t at)
{
	size_t p = at;
	while (p < len && zc_is_re_space((unsigned char)s[p]))
		p++;
	if (zc_starts_with(s + p, len - p, "（"))
		return p + 3;
	return zc_starts_with(s + p, len - p, "(") ? p + 1 : 0;
}

/* Can c stand in the core of a 文号 before its 号 (brackets, digits, a
 * 令's Chinese numerals, white space as \s reads it, 第 令 公 通 告 年)? The core pattern is searched
 * from each 号 back over these (zc_re_find_ending): it holds nothing else. */
static bool core_char(uint32_t c)
{
	switch (c) {
	case 0x3014: case '[': case 0xFF3B: case '(': case 0xFF08: case 0x3010: /* 〔 [ ［ ( （ 【 */
	case 0x3015: case ']': case 0xFF3D: case ')': case 0xFF09: case 0x3011: /* 〕 ] ］ ) ） 】 */
	case ' ': case '\t': case '\n': case '\v': case '\f': case '\r':
	case 0x7B2C: case 0x4EE4: case 0x516C: case 0x544A: case 0x5E74:     /* 第 令 公 告 年 */
	case 0x901A:                                                         /* 通 */
	case 0x3007: case 0x96F6: case 0x4E00: case 0x4E8C: case 0x4E24:     /* 〇 零 一 二 两 */
	case 0x4E09: case 0x56DB: case 0x4E94: case 0x516D: case 0x4E03:     /* 三 四 五 六 七 */
	case 0x516B: case 0x4E5D: case 0x5341: case 0x767E: case 0x5343:     /* 八 九 十 百 千 */
		return true;
	default:
		return c >= '0' && c <= '9';
	}
}

/* Can a match of docno_core_re start with c: an opening bracket, 令, 公 or 通? */
static bool core_start(uint32_t c)
{
	return c == 0x3014 || c == '[' || c == 0xFF3B || c == '(' || c == 0xFF08 || c == 0x3010 || /* 〔 [ ［ ( （ 【 */
	       c == 0x4EE4 || c == 0x516C || c == 0x901A;                                       /* 令 公 通 */
}

/*
 * zc_re_find_ending(&docno_core_re, "号", core_char, s, len, from, m), with a
 * test more: the pattern runs from the first character of the run of core
 * characters before a 号 that can start a match (core_start), and not at all
 * when the run has none. Most 号 are no 文号's (编号, 号召, 1号楼): their runs
 * are empty or bare digits. Same result: a match starts with such a
 * character, inside the run.
 */
static bool find_core(const struct hao_index *idx, const char *s, size_t len, size_t from, struct zc_match *m)
{
	while (from < len) {
		const char *hit = next_hao(idx, s, len, from);
		if (!hit)
			return false;
		size_t h = (size_t)(hit - s), b = h, start = SIZE_MAX;
		while (b > from) {
			const char *q = s + b;
			uint32_t c = zc_utf8_prev(&q, s + from);
			if (!core_char(c))
				break;
			b = (size_t)(q - s);
			if (core_start(c))
				start = b;
		}
		if (start != SIZE_MAX && zc_re_find(&docno_core_re, s, h + 3, start, m))
			return true;
		from = h + 3;
	}
	return false;
}

/*
 * Find the next 文号 at or after from (idx: of 号 in the text s lies in,
 * or NULL). On success m holds: group 0 the
 * whole 文号; bracket form: 1 issuer code, 2 year, 3 serial; 令 form:
 * 4 "XX令", 5 serial; year forms (国家税务总局公告2023年第3号, 交通运输部令2022年第42号):
 * 4 "XX公告" or "XX令", 6 year, 7 serial.
 */
static bool find_docno(const struct hao_index *idx, const char *s, size_t len, size_t from, struct zc_match *m)
{
	struct zc_match c;
	size_t at = from;
	while (find_core(idx, s, len, at, &c)) {
		bool gonggao = zc_match_has(&c, 4);
		bool ling = zc_match_has(&c, 3) || gonggao;
		/* 令 and 公告 belong to the code */
		size_t code_end = gonggao ? c.end[4]
				  : ling ? c.start[0] + (!memcmp(s + c.start[0], "公告", 6) || !memcmp(s + c.start[0], "通告", 6) ? 6 : 3)
					 : c.start[0];
		size_t p = ling ? c.start[0] : c.start[0];
		while (!ling && p > from && s[p - 1] == ' ' && c.start[0] - p < 2)
			p--;
		size_t text_end = p;
		int chars = 0, max = ling ? 15 : 14;
		while (p > from && chars < max) {
			const char *q = s + p;
			uint32_t ch = zc_utf8_prev(&q, s + from);
			/* Joint issuers of a 公告 are written apart: "财政部 税务总局公告2023年第1号". */
			if (gonggao && (ch == ' ' || ch == 0x3000) && chars > 0 && q > s + from) {
				const char *r = q;
				if (zc_is_han(zc_utf8_prev(&r, s + from))) {
					p = (size_t)(q - s);
					continue;
				}
			}
			if (!zc_is_han(ch))
				break;
			p = (size_t)(q - s);
			chars++;
		}
		if (chars == 0 || (ling && chars < 1)) {
			at = c.start[0] + 1;
			while (at < len && ((unsigned char)s[at] & 0xC0) == 0x80)
				at++;
			continue;
		}
		for (int g = 0; g < ZC_RE_MAX_GROUPS; g++)
			m->start[g] = m->end[g] = SIZE_MAX;
		m->groups = 8;
		m->start[0] = p;
		m->end[0] = c.end[0];
		if (gonggao) {
			m->start[4] = p, m->end[4] = code_end;
			m->start[6] = c.start[5], m->end[6] = c.end[5];
			m->start[7] = c.start[6], m->end[7] = c.end[6];
		} else if (ling) {
			m->start[4] = p, m->end[4] = code_end;
			m->start[5] = c.start[3], m->end[5] = c.end[3];
		} else {
			m->start[1] = p, m->end[1] = text_end;
			m->start[2] = c.start[1], m->end[2] = c.end[1];
			m->start[3] = c.start[2], m->end[3] = c.end[2];
		}
		return true;
	}
	return false;
}

/* Words that introduce a 文号 rather than belong to its issuer code: two
 * characters or more anywhere in the code (the code follows the last one),
 * single characters only at its start. */
static const char *const lead_words[] = {
	"根据", "依据", "按照", "参照", "结合", "落实", "贯彻", "执行", "印发", "转发", "关于", "通过",
	"依照", "遵照", "对照", "简称", "详见", "文件", "号文", "以及", "要求", "规定", "精神", "有关",
	"仍按", "均按", "比照", "参考", "事项", "已于", "请于", "均于", "并于", "将于", "须于", "应于",
	"曾于", "分别于", NULL};
static struct zc_words lead_index = ZC_WORDS(lead_words);
/* Not 于 alone: it starts place names (于都, 于洪, 于田); "已于", "请于" above. */
static const char lead_chars[] = "和及与或见即是为以在的等据了";

/* Do the three bytes at s spell one of lead_chars (all three bytes long)? */
static bool starts_with_lead_char(const char *s)
{
	for (size_t k = 0; k + 3 < sizeof(lead_chars); k += 3)
		if (!memcmp(s, lead_chars + k, 3))
			return true;
	return false;
}

/* Do the three bytes at s spell 以, 的, 和, 及, 与, 按, 依, 由 or 对? (All are
 * three bytes long: a switch on them, in place of a comparison with each.) */
static bool inner_function_word(const char *s)
{
	const unsigned char *u = (const unsigned char *)s;
	switch ((uint32_t)u[0] << 16 | (uint32_t)u[1] << 8 | u[2]) {
	case 0xE4BBA5: /* 以 */
	case 0xE79A84: /* 的 */
	case 0xE5928C: /* 和 */
	case 0xE58F8A: /* 及 */
	case 0xE4B88E: /* 与 */
	case 0xE68C89: /* 按 */
	case 0xE4BE9D: /* 依 */
	case 0xE794B1: /* 由 */
	case 0xE5AFB9: /* 对 */
		return true;
	default:
		return false;
	}
}

static const char *strip_lead(const char *s, size_t *len)
{
	/* A code that names the state starts there (its 和 is no lead word). */
	const char *prc = zc_memstr(s, *len, "中华人民共和国");
	if (prc) {
		*len -= (size_t)(prc - s);
		return prc;
	}
	size_t at = 0, hs, he, cut = 0;
	while (zc_words_find(&lead_index, s, *len, at, &hs, &he)) {
		if (he + 3 <= *len)
			cut = he;
		at = he;
	}
	s += cut;
	*len -= cut;
	/* Function words inside ("…委员会以并发改审批", "评审费按浙价费"): the
	 * code follows the last one. */
	size_t inner_cut = 0;
	for (size_t k = 0; k + 3 + 6 <= *len; k += 3)
		if (inner_function_word(s + k))
			inner_cut = k + 3;
	s += inner_cut;
	*len -= inner_cut;
	/* Leading one-character words, keeping at least one character of code. */
	while (*len > 3 && starts_with_lead_char(s)) {
		s += 3;
		*len -= 3;
	}
	return s;
}

/* The offset at or before `at` (capped at len) that starts a character. */
static size_t char_boundary(const char *s, size_t len, size_t at)
{
	if (at >= len)
		return len;
	while (at > 0 && ((unsigned char)s[at] & 0xC0) == 0x80)
		at--;
	return at;
}

/*
 * Normalise the 文号 matched by m (groups of docno_re) into out.
 * Returns 0 when it is not worth keeping.
 */
static size_t normalize(const char *text, const struct zc_match *m, char *out, size_t cap)
{
	size_t n = 0;
	if (zc_match_has(m, 1)) {
		size_t pl = zc_match_len(m, 1);
		const char *prefix = strip_lead(text + m->start[1], &pl);
		zc_append(out, cap, &n, prefix, pl);
		zc_append(out, cap, &n, "〔", strlen("〔"));
		zc_append(out, cap, &n, text + m->start[2], strnlen(text + m->start[2], 4));
		zc_append(out, cap, &n, "〕", strlen("〕"));
		zc_append(out, cap, &n, text + m->start[3], zc_match_len(m, 3));
		zc_append(out, cap, &n, "号", strlen("号"));
		if (n == 0 || n >= cap)
			return 0;
		out[n] = '\0';
		return n;
	}
	size_t pl = zc_match_len(m, 4);
	const char *prefix = strip_lead(text + m->start[4], &pl);
	if (pl < 4 || (zc_match_has(m, 6) && pl < 12)) /* "令" alone, or one character and 令 */
		return 0;
	zc_append(out, cap, &n, prefix, pl);
	if (zc_match_has(m, 6)) {
		zc_append(out, cap, &n, text + m->start[6], strnlen(text + m->start[6], 4));
		zc_append(out, cap, &n, "年", strlen("年"));
	}
	zc_append(out, cap, &n, "第", strlen("第"));
	int g = zc_match_has(m, 6) ? 7 : 5;
	zc_append(out, cap, &n, text + m->start[g], zc_match_len(m, g));
	zc_append(out, cap, &n, "号", strlen("号"));
	if (n == 0 || n >= cap)
		return 0;
	/* Without the spaces between joint issuers (ASCII or ideographic). */
	size_t k = 0;
	for (size_t i = 0; i < n; i++) {
		if (i + 3 <= n && !memcmp(out + i, "\u3000", 3)) {
			i += 2;
			continue;
		}
		if (out[i] != ' ')
			out[k++] = out[i];
	}
	out[k] = '\0';
	return k;
}

static bool near_signature(const struct zc_ctx *ctx, size_t para)
{
	return ctx->sig_date != SIZE_MAX && para + 2 >= ctx->sig_date && para <= ctx->sig_date + 1;
}

static int add_cited(struct zc_notice *n, const char *title, size_t tlen, const char *docno)
{
	for (size_t i = 0; i < n->cited.n; i++) {
		struct zc_cited *c = &ZC_VEC_AT(&n->cited, struct zc_cited, i);
		if (docno && c->doc_number && !strcmp(c->doc_number, docno))
			return 0;
		bool same_title = title && c->title && strlen(c->title) == tlen && !memcmp(c->title, title, tlen);
		if (!docno && same_title)
			return 0;
		/* A title named before without its 文号 gets it now. */
		if (docno && same_title && !c->doc_number)
			return (c->doc_number = zc_strndup(docno, strlen(docno))) ? 0 : -ENOMEM;
	}
	struct zc_cited c = {NULL, NULL};
	if (title && !(c.title = zc_strndup(title, tlen)))
		return -ENOMEM;
	if (docno && !(c.doc_number = zc_strndup(docno, strlen(docno)))) {
		free(c.title);
		return -ENOMEM;
	}
	if (!zc_vec_push(&n->cited, &c)) {
		free(c.title);
		free(c.doc_number);
		return -ENOMEM;
	}
	return 0;
}

/* Is the 《title》 a document (not an attachment table or a short alias)? */
static bool document_title(const char *s, size_t len)
{
	if (zc_utf8_count(s, len) < 4)
		return false;
	if (zc_title_kind(s, len) != ZC_TITLE_NONE)
		return true;
	static const char *const words[] = {"法", "条例", "规定", "办法", "通知", "意见", "决定", "规划",
					    "方案", "纲要", "计划", "指南", "细则", "标准", "通则", "目录"};
	for (size_t k = 0; k < sizeof(words) / sizeof(words[0]); k++)
		if (zc_memstr(s, len, words[k]))
			return true;
	return false;
}

int zc_x_docno(struct zc_ctx *ctx)
{
	struct zc_notice *n = ctx->n;
	struct zc_match m;
	char buf[160];
	size_t head_limit = ctx->head_end + 8 < ctx->npara ? ctx->head_end + 8 : ctx->npara;
	if (head_limit < 10)
		head_limit = ctx->npara < 10 ? ctx->npara : 10;
	struct hao_index hao;
	index_hao(&hao, ctx->text, ctx->len);
	/* 1. A metadata field. */
	for (size_t i = 0; i < ctx->npara && i < 24 && !n->doc_number; i++) {
		const struct zc_span *p = &ctx->paras[i];
		if (colon_after_hao(&hao, p->s, p->len) && zc_re_find(&meta_docno_re, p->s, p->len, 0, &m)) {
			struct zc_match d;
			if (find_docno(&hao, ctx->text, zc_para_offset(ctx, i) + p->len,
				       zc_para_offset(ctx, i) + m.start[1], &d) &&
			    normalize(ctx->text, &d, buf, sizeof(buf)) && !(n->doc_number = zc_strndup(buf, strlen(buf))))
				return -ENOMEM;
		}
	}
	/* 2. A line of its own in the head. */
	for (size_t i = 0; i < head_limit && !n->doc_number; i++) {
		const struct zc_span *p = &ctx->paras[i];
		/* The body has begun: no 文号 of its own from here. */
		if (zc_ends_with(p->s, p->len, "。") && p->len > 90)
			break;
		bool line = zc_is_docno_line(p->s, p->len);
		if (!line && !(p->len <= 90 && zc_memstr(p->s, p->len, "令")))
			continue;
		if (!find_docno(&hao, p->s, p->len, 0, &m))
			continue;
		/* A 令's heading with its number on one line: "某某令（第九号）". */
		if (!line && !(zc_match_has(&m, 5) && m.start[0] == 0 && m.end[0] + 3 >= p->len))
			continue;
		if (normalize(p->s, &m, buf, sizeof(buf))) {
			if (!(n->doc_number = zc_strndup(buf, strlen(buf))))
				return -ENOMEM;
			if (i + 1 > ctx->head_end)
				ctx->head_end = i + 1;
		}
	}
	/* 3. An order's or a 公告's number on two lines of the head:
	 * "浙江省人民政府令" / "第312号", "XX局公告" / "2023年第21号", "XX银行公告" / "〔2023〕第3号". */
	for (size_t i = 0; i + 1 < head_limit && !n->doc_number; i++) {
		const struct zc_span *p = &ctx->paras[i], *q = &ctx->paras[i + 1];
		size_t ql = q->len; /* "（2023年第一号）": the number may be in brackets */
		if (zc_ends_with(q->s, ql, "）"))
			ql -= 3;
		else if (ql && q->s[ql - 1] == ')')
			ql--;
		if (p->len > 60 || ql > 24 || !zc_ends_with(q->s, ql, "号") ||
		    !(zc_ends_with(p->s, p->len, "令") ||
		      zc_re_find(&issuer_gonggao_re, p->s, p->len, 0, &(struct zc_match){0})))
			continue;
		/* Read as one line: a number in brackets (〔2023〕第3号) takes its
		 * code from the heading above it only so. */
		char line[128];
		if (p->len + q->len >= sizeof(line))
			continue;
		memcpy(line, p->s, p->len);
		memcpy(line + p->len, q->s, q->len);
		line[p->len + q->len] = '\0';
		if (find_docno(NULL, line, p->len + q->len, 0, &m) && m.start[0] == 0 &&
		    normalize(line, &m, buf, sizeof(buf)) && !(n->doc_number = zc_strndup(buf, strlen(buf))))
			return -ENOMEM;
	}
	/* Citations: 《title》（文号） pairs, then 文号 on their own. */
	size_t at = 0;
	while (next_quoted(ctx->text, ctx->len, at, &m)) {
		size_t ts = m.start[1], tl = zc_match_len(&m, 1);
		at = m.end[0];
		struct zc_match d;
		const char *docno = NULL;
		/* Its 文号 follows within a few characters: look no further than that. */
		size_t near = 0, open = bracket_after(ctx->text, ctx->len, m.end[0]);
		if (open && (near = char_boundary(ctx->text, ctx->len, open + 120)) > 0 &&
		    find_docno(&hao, ctx->text, near, open, &d) && d.start[0] <= open + 30 &&
		    !memchr(ctx->text + open, '\n', d.start[0] - open) &&
		    normalize(ctx->text, &d, buf, sizeof(buf)))
			docno = buf;
		if (!docno && !document_title(ctx->text + ts, tl))
			continue;
		if (docno && n->doc_number && !strcmp(docno, n->doc_number))
			continue;
		int r = add_cited(n, ctx->text + ts, tl, docno);
		if (r < 0)
			return r;
	}
	at = 0;
	while (find_docno(&hao, ctx->text, ctx->len, at, &m)) {
		at = m.end[0];
		if (!normalize(ctx->text, &m, buf, sizeof(buf)))
			continue;
		size_t para = zc_para_at(ctx, m.start[0]);
		if (n->doc_number && !strcmp(buf, n->doc_number))
			continue;
		/* The page's headline above the title is chrome; a heading that is all
		 * a number ("某某普查公告（第2号）", no issuer code) is the notice's own serial. */
		size_t ps = zc_para_offset(ctx, para);
		if (para < ctx->title_para ||
		    (para <= ctx->title_para + 1 && m.start[0] == ps && m.end[0] >= ps + ctx->paras[para].len))
			continue;
		/* A 文号 alone by the signature is the notice's own (mirrors put it there). */
		if (!n->doc_number && near_signature(ctx, para) &&
		    zc_is_docno_line(ctx->paras[para].s, ctx->paras[para].len)) {
			if (!(n->doc_number = zc_strndup(buf, strlen(buf))))
				return -ENOMEM;
			continue;
		}
		int r = add_cited(n, NULL, 0, buf);
		if (r < 0)
			return r;
	}
	return 0;
}
