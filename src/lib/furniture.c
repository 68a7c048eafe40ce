/*
 * furniture.c: find what on a page is not part of any notice.
 *
 * Page furniture is recognised by its shape, not by a list of sites:
 *   - page numbers ("第 16 页 共 23 页", "- 3 -", "3/7");
 *   - site chrome: copyright and ICP lines, "阅读原文", print/close/share
 *     bars, breadcrumbs, font-size pickers, disclaimers;
 *   - running headers and footers: short lines repeated three times or
 *     more that carry a URL, a phone number or an advert, or that sit next
 *     to a page number;
 *   - then, by contagion, lines naming a host or phone number that furniture
 *     names (an advert's "联系电话：010-…" at the end of a digest), and bare
 *     URL lines glued to furniture whose URL the document already has
 *     elsewhere (a link annotation a PDF tool dropped at a page break).
 * Digest section tags ([政策文件]) are marked here too.
 */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include "doc.h"
#include "extract/datetime.h"
#include "re.h"
#include "utf8.h"
#include "words.h"
#include "banned.h"

static struct zc_re page_number_re = ZC_RE(
	"^(?:第\\s*\\d+\\s*页\\s*[,，/]?\\s*(?:共\\s*\\d+\\s*页)?|[-—]\\s*\\d+\\s*[-—]|\\d+\\s*/\\s*\\d+|"
	"(?i:page)\\s*\\d+(?:\\s*of\\s*\\d+)?|共\\s*\\d+\\s*页\\s*第\\s*\\d+\\s*页)$");
/* Site chrome: words that only page furniture uses. */
static const char *const chrome_list[] = {
	"版权所有", "版权声明", "免责声明", "特别声明", "Copyright", "copyright", "COPYRIGHT",
	"ICP备", "ICP证", "公网安备", "网站标识码", "阅读原文", "打印本页", "关闭窗口", "【打印】",
	"【关闭】", "【 打印 】", "【 关闭 】", "[打印]", "[关闭]", "[ 打印 ]", "[ 关闭 ]", "字号：大",
	"字号:大", "字号 大", "字号：【大", "字号:【大", "字号：[大", "【大 中 小】", "【大中小】",
	"分享到", "扫一扫", "返回顶部", "网站地图", "设为首页", "加入收藏", "当前位置：", "当前位置:",
	"您的位置：", "您的位置:", "您现在的位置", "上一篇：", "上一篇:", "下一篇：", "下一篇:",
	"上一条：", "上一条:", "下一条：", "下一条:",
	"责任编辑：", "责任编辑:",
	"[编辑：", "[编辑:", "主办：", "主办:", "主办单位：", "主办单位:", "承办单位：", "承办单位:", "Produced By",
	"Produced by", "produced by", "人工智能朗读", "留言与评论", "验证码：", "验证码:", "相关文章",
	"相关阅读", "推荐阅读", "热门文章", "友情链接", "本平台仅提供", "本站仅提供", "仅供用户参考",
	"如有侵权", "侵权行为", "All Rights Reserved", "All rights reserved", "Notice: The content above",
	"商务合作", "合作电话", "微信同号", "一对一服务", "申报辅导", "包过", "编印：", "编印:",
	"仅供参考", "本网转载", "转载内容", "点个“在看”", "点个在看", "分享给更多人", "长按识别",
	"识别二维码", "关注我们", "点击上方", "合作联系", "会员中心", "客服热线", "登录 | 注册", "登录|注册",
	"会员专享", "开通VIP", "VIP会员", "开通会员",
	NULL};
static struct zc_words chrome_words = ZC_WORDS(chrome_list);

/*
 * Every line is searched for chrome words, and zc_words_find looks closely
 * at each character that starts one (本, 上, 一, 相, 公 … are common). Two
 * or three characters that start one are rare in a notice: a table of how
 * far a scan may skip (find_chrome) and tables of the hashes of the words'
 * first six bytes (two Chinese characters) and, for longer words, first nine
 * (申报 is common, 申报辅 is not) find the first place where a word can
 * start, cheaply; zc_words_find takes over there.
 */
struct head_tables {
	uint8_t shift[65536];      /* by two bytes: how far the scan may move on (see find_chrome) */
	uint8_t head6[65536 / 8];  /* every word's first six bytes */
	uint8_t short6[65536 / 8]; /* the first six bytes of words shorter than nine */
	uint8_t head9[65536 / 8];  /* the first nine bytes of the others */
};
static struct head_tables chrome_heads;
static pthread_once_t chrome_heads_once = PTHREAD_ONCE_INIT;

static unsigned hash_head(const char *p, size_t n)
{
	uint64_t v = 0;
	memcpy(&v, p, n < 8 ? n : 8);
	if (n > 8)
		v ^= (uint64_t)(unsigned char)p[8] << 56 | (unsigned char)p[8];
	return (unsigned)((v * 0x9E3779B97F4A7C15ull) >> 48);
}

static void set_bit(uint8_t *t, unsigned h)
{
	t[h >> 3] |= (uint8_t)(1u << (h & 7));
}

static bool has_bit(const uint8_t *t, unsigned h)
{
	return t[h >> 3] & (1u << (h & 7));
}

/* The two bytes at p, as an index into shift. */
static unsigned pair_at(const char *p)
{
	uint16_t v;
	memcpy(&v, p, 2);
	return v;
}

static void build_chrome_heads(void)
{
	memset(chrome_heads.shift, 5, sizeof(chrome_heads.shift));
	for (const char *const *w = chrome_list; *w; w++) {
		size_t n = strlen(*w);
		if (n < 6)
			continue; /* zc_words ignores them too */
		for (unsigned q = 0; q + 2 <= 6; q++) {
			uint8_t *sh = &chrome_heads.shift[pair_at(*w + q)];
			if (*sh > 4 - q)
				*sh = (uint8_t)(4 - q);
		}
		set_bit(chrome_heads.head6, hash_head(*w, 6));
		if (n < 9)
			set_bit(chrome_heads.short6, hash_head(*w, 6));
		else
			set_bit(chrome_heads.head9, hash_head(*w, 9));
	}
}

/*
 * zc_words_find(&chrome_words, s, len, 0, ret_start, ...): the start of the
 * first chrome word in s[0..len).
 *
 * A Wu–Manber scan over bytes: a window of six bytes (every word's first six)
 * moves along the text, and the last two bytes of the window say how far it
 * may move: as far as puts those two bytes at their last place in some
 * word's first six, or five bytes when they are in none. So no place where a
 * word starts is passed over, and most steps skip more than a character.
 * Where the window may hold a word's first six bytes, the head tables decide
 * whether zc_words_find must look (words start on a character, and a
 * character's continuation byte never starts one, so the bytes scanned are
 * the places the character-by-character search looks at, and more).
 */
static bool find_chrome(const char *s, size_t len, size_t *ret_start)
{
	/* (zc_furniture_mark, the only caller, has built the tables.) */
	const struct head_tables *t = &chrome_heads;
	for (size_t i = 0; i + 6 <= len;) {
		unsigned shift = t->shift[pair_at(s + i + 4)];
		if (shift) {
			i += shift;
			continue;
		}
		unsigned h = hash_head(s + i, 6);
		if (has_bit(t->head6, h) &&
		    (has_bit(t->short6, h) || (i + 9 <= len && has_bit(t->head9, hash_head(s + i, 9))))) {
			/* No word starts before i. */
			size_t end;
			return zc_words_find(&chrome_words, s, len, i, ret_start, &end);
		}
		i++;
	}
	return false;
}

/* A breadcrumb: "首页 > 政务公开 > 通知公告", "首页 / 工作动态", "网站首页»…". */
static struct zc_re breadcrumb_re = ZC_RE("^(?:网站首页|门户首页|首页|主页)\\s*(?:>|＞|»|›|/|／|→)");
/* "技术支持：某网络公司" is chrome; "技术支持：0931-…" is a contact. */
static struct zc_re tech_support_re = ZC_RE("技术支持[:：][^\\d]{2,30}$");
static struct zc_re url_only_re = ZC_RE("^(?:https?://|www\\.)[\\x21-\\x7e]+$");
static struct zc_re host_re = ZC_RE("(?:https?://)?((?:www\\.)?[A-Za-z0-9-]+(?:\\.[A-Za-z0-9-]+)+)");
/*
 * Does s[0..len) look like an advert, as the pattern
 *     https?://|www\.|\.(?:com|cn|net|org)\b|\d{7,}|\d{3,4}-\d{7,8}|电话|网址|欢迎|咨询|热线
 * finds? (\d{3,4}-\d{7,8} holds seven digits in a row: \d{7,} covers it.)
 * Tested by hand: only whether it matches is wanted.
 */
static bool has_digit_run(const char *s, size_t len, size_t n)
{
	const char *p = s, *end = s + len;
	while ((p = zc_find_digit(p, (size_t)(end - p)))) {
		const char *q = p;
		while (q < end && *q >= '0' && *q <= '9')
			q++;
		if ((size_t)(q - p) >= n)
			return true;
		p = q;
	}
	return false;
}

/* ".com", ".cn", ".net" or ".org" followed by no ASCII word character (\b). */
static bool has_tld(const char *s, size_t len)
{
	static const char *const tlds[] = {"com", "cn", "net", "org"};
	const char *end = s + len;
	for (const char *p = s; (p = memchr(p, '.', (size_t)(end - p))); p++) {
		for (size_t k = 0; k < sizeof(tlds) / sizeof(tlds[0]); k++) {
			size_t n = strlen(tlds[k]);
			if ((size_t)(end - p - 1) < n || memcmp(p + 1, tlds[k], n))
				continue;
			unsigned char after = p + 1 + n < end ? (unsigned char)p[1 + n] : 0;
			if (!(after == '_' || (after >= '0' && after <= '9') || ((after | 0x20) >= 'a' && (after | 0x20) <= 'z')))
				return true;
		}
	}
	return false;
}

static const char *const advert_list[] = {"http://", "https://", "电话", "网址", "欢迎", "咨询", "热线", NULL};
static struct zc_words advert_words = ZC_WORDS(advert_list);

static bool advertises(const char *s, size_t len)
{
	size_t hit, hit_end;
	return has_digit_run(s, len, 7) || has_tld(s, len) || zc_memstr(s, len, "www.") ||
	       zc_words_find(&advert_words, s, len, 0, &hit, &hit_end);
}
static struct zc_re phone_digits_re = ZC_RE("(?<!\\d)(\\d{7,8})(?!\\d)");
/* A page toolbar often shares its line with the notice's date: such a line
 * still carries an element and is not chrome. */
static struct zc_re date_label_re = ZC_RE("(?:发布|成文|印发)(?:时间|日期)\\s*[:：]");
static struct zc_re section_re = ZC_RE("^[\\[［【]\\s*([^\\]］】\\s:：]{2,12})\\s*[\\]］】]$");
bool zc_section_tag(const char *s, size_t len, const char **name, size_t *name_len)
{
	struct zc_match m;
	if (!zc_re_find(&section_re, s, len, 0, &m))
		return false;
	*name = s + m.start[1];
	*name_len = zc_match_len(&m, 1);
	return true;
}

/* What a page put in place of an image or a widget: "[二维码]", "【图片】". Not a section. */
static struct zc_re placeholder_re = ZC_RE("二维码|图片|图像|表格|视频|音频|附图|image|img|扫码|小程序|公众号|链接");

/* Does s[0..len) start with one of the characters of list (each of three bytes)? */
static bool starts_with_one_of(const char *s, size_t len, const char *const *list)
{
	for (; len >= 3 && *list; list++)
		if (!memcmp(s, *list, 3))
			return true;
	return false;
}

/* Can a page number (page_number_re, anchored) start s[0..len), with 第, 共, a dash, a digit or "page"? It holds a digit too. */
static bool page_number_start(const char *s, size_t len)
{
	static const char *const wide_starts[] = {"第", "共", "—", NULL};
	unsigned char c = (unsigned char)s[0];
	return c == '-' || (c >= '0' && c <= '9') || c == 'p' || c == 'P' || starts_with_one_of(s, len, wide_starts);
}

/*
 * A trail of sections without 首页: three parts or more, each short and
 * none a sentence, joined by arrows ("某某省政府采购网 > 采购公告 > 公开招标公告").
 * A title holds no such chain.
 */
static struct zc_re trail_re = ZC_RE_NEED(
	"^[^>＞»›。，；]{2,20}?(?:\\s*(?:>|＞|»|›)\\s*[^>＞»›。，；]{2,20}?){2,}$", ">", "＞", "»", "›");

/* Does an arrow of trail_re (> ＞ » ›) end at u[i]? */
static bool arrow_ends_at(const unsigned char *u, size_t i)
{
	switch (u[i]) {
	case '>':
		return true;
	case 0xBB: /* » C2 BB */
		return i >= 1 && u[i - 1] == 0xC2;
	case 0xBA: /* › E2 80 BA */
		return i >= 2 && u[i - 2] == 0xE2 && u[i - 1] == 0x80;
	case 0x9E: /* ＞ EF BC 9E */
		return i >= 2 && u[i - 2] == 0xEF && u[i - 1] == 0xBC;
	default:
		return false;
	}
}

#if defined(__SSE2__)
/* The positions among the sixteen bytes at p that may end an arrow: '>', BB, BA or 9E. */
static unsigned arrow_last_bytes(const unsigned char *p)
{
	const __m128i gt = _mm_set1_epi8('>'), bb = _mm_set1_epi8((char)0xBB), ba = _mm_set1_epi8((char)0xBA),
		      x9e = _mm_set1_epi8((char)0x9E);
	__m128i v = _mm_loadu_si128((const __m128i *)(const void *)p);
	__m128i hit = _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(v, gt), _mm_cmpeq_epi8(v, bb)),
				   _mm_or_si128(_mm_cmpeq_epi8(v, ba), _mm_cmpeq_epi8(v, x9e)));
	return (unsigned)_mm_movemask_epi8(hit);
}
#endif

/*
 * Does s[0..len) hold two arrows or more, as every match of trail_re does?
 * Most lines hold none. The arrows' last bytes are looked for sixteen at a
 * time; only where one is found are the bytes before it read. The last
 * bytes are those of the text's last sixteen, less the ones already seen
 * (a text shorter than that is copied, padded with zero bytes: they end no
 * arrow).
 */
static bool two_arrows(const char *s, size_t len)
{
	const unsigned char *u = (const unsigned char *)s;
	unsigned seen = 0;
	size_t i = 0;
#if defined(__SSE2__)
	for (; i + 16 <= len; i += 16)
		for (unsigned mask = arrow_last_bytes(u + i); mask; mask &= mask - 1)
			if (arrow_ends_at(u, i + (unsigned)__builtin_ctz(mask)) && ++seen == 2)
				return true;
	if (i < len) {
		unsigned mask;
		if (len < 16) {
			unsigned char padded[16] = {0};
			memcpy(padded, s, len);
			mask = arrow_last_bytes(padded);
		} else {
			mask = arrow_last_bytes(u + len - 16) >> (i - (len - 16));
		}
		for (; mask; mask &= mask - 1)
			if (arrow_ends_at(u, i + (unsigned)__builtin_ctz(mask)) && ++seen == 2)
				return true;
	}
#else
	for (; i < len; i++)
		if (arrow_ends_at(u, i) && ++seen == 2)
			return true;
#endif
	return false;
}

/* Is s[0..len) a breadcrumb (breadcrumb_re, trail_re)? The first starts with
 * 首, 网, 门 or 主; the second holds two arrows. */
static bool is_breadcrumb(const char *s, size_t len)
{
	static const char *const crumb_starts[] = {"首", "网", "门", "主", NULL};
	struct zc_match m;
	return (starts_with_one_of(s, len, crumb_starts) && zc_re_find(&breadcrumb_re, s, len, 0, &m)) ||
	       (two_arrows(s, len) && zc_re_find(&trail_re, s, len, 0, &m));
}

/* Does a toolbar line carry the notice's date label? */
static bool carries_date_label(const char *s, size_t len)
{
	struct zc_match m;
	return zc_re_find(&date_label_re, s, len, 0, &m);
}

/*
 * Words an advert uses that a notice may use too: a notice's own contact
 * may have a mobile "（微信同号）", and a notice may hold a 申报辅导 session.
 * They make a short line chrome only with a sign of an advert beside them
 * (热线, 欢迎, a 400 number…), or as a button alone in brackets ("[申报辅导]").
 */
static const char *const advert_sign_list[] = {"热线", "欢迎", "服务", "商务", "关注", "客服", "会员",
					       "项目经理", "400-", "400 ", NULL};
static struct zc_words advert_sign_words = ZC_WORDS(advert_sign_list);

/* Is the chrome word at s[ws..) one of those (both are twelve bytes)? */
static bool advert_only_at(const char *s, size_t len, size_t ws)
{
	return ws + 12 <= len && (!memcmp(s + ws, "微信同号", 12) || !memcmp(s + ws, "申报辅导", 12));
}

/* Does the advert-only word at s[ws..ws + 12) make the line chrome? */
static bool advert_at(const char *s, size_t len, size_t ws)
{
	size_t we = ws + 12, a, b;
	bool button = ws >= 1 && we < len && (s[ws - 1] == '[' || (ws >= 3 && !memcmp(s + ws - 3, "【", 3))) &&
		      (s[we] == ']' || (we + 3 <= len && !memcmp(s + we, "】", 3)));
	return button || zc_words_find(&advert_sign_words, s, len, 0, &a, &b);
}

/* find_chrome, passing over the advert-only words that do not make the
 * line chrome (the search goes on after them). */
static bool find_chrome_word(const char *s, size_t len, size_t span, size_t *ret_start)
{
	size_t from = 0, hit;
	while (from < span && find_chrome(s + from, span - from, &hit)) {
		hit += from;
		if (!advert_only_at(s, len, hit) || advert_at(s, len, hit)) {
			*ret_start = hit;
			return true;
		}
		from = hit + 12;
	}
	return false;
}

/*
 * Is the line site chrome: a chrome word on a short line, or near the start
 * of a long one (searched only there: 40 bytes and a word), or a
 * breadcrumb; and no toolbar that carries the notice's date?
 */
static bool is_chrome(const struct zc_line *l)
{
	size_t hit, span = l->width <= 120 ? l->len : (l->len < 40 + 30 ? l->len : 40 + 30);
	return ((find_chrome_word(l->s, l->len, span, &hit) && (l->width <= 120 || hit < 40)) ||
		(l->width <= 120 && is_breadcrumb(l->s, l->len))) &&
	       !carries_date_label(l->s, l->len);
}

/* Is a page number within three non-blank lines of line i? */
static bool near_page_number(const struct zc_doc *doc, size_t i)
{
	for (int dir = -1; dir <= 1; dir += 2) {
		size_t k = i;
		for (int seen = 0; seen < 3;) {
			if (dir < 0 && k == 0)
				break;
			k = dir < 0 ? k - 1 : k + 1;
			if (k >= doc->lines.n)
				break;
			const struct zc_line *l = ZC_LINE(doc, k);
			if (l->flags & ZC_LINE_PAGE_BREAK)
				return true;
			if (!(l->flags & ZC_LINE_BLANK))
				seen++;
		}
	}
	return false;
}

/*
 * Does a date line come next after line i (blank lines aside)? Then line i
 * is a 落款 over its 成文日期, even when the page repeats the same body's
 * name as its running header.
 */
static bool signs_over_date(const struct zc_doc *doc, size_t i)
{
	for (size_t k = i + 1; k < doc->lines.n; k++) {
		const struct zc_line *l = ZC_LINE(doc, k);
		if (!(l->flags & ZC_LINE_BLANK))
			return !(l->flags & ZC_LINE_PAGE_BREAK) && zc_dt_is_date_line(l->s, l->len);
	}
	return false;
}

static uint64_t load64(const char *p)
{
	uint64_t v;
	memcpy(&v, p, 8);
	return v;
}

static uint64_t mix(uint64_t h, uint64_t v)
{
	h = (h ^ v) * 0xff51afd7ed558ccdull;
	return h << 29 | h >> 35;
}

/*
 * A hash of a line: sixteen bytes at a time, in two lanes. The last
 * sixteen bytes (or fewer, for a short line) are read from the line's
 * end, some again: the hash is still a function of the bytes and their
 * number, which is all that equal lines need.
 */
static uint64_t hash_bytes(const char *s, size_t len)
{
	uint64_t a = 0x9E3779B97F4A7C15ull ^ len, b = 0xc4ceb9fe1a85ec53ull;
	if (len >= 16) {
		for (size_t i = 0; i + 16 < len; i += 16) {
			a = mix(a, load64(s + i));
			b = mix(b, load64(s + i + 8));
		}
		a = mix(a, load64(s + len - 16));
		b = mix(b, load64(s + len - 8));
	} else if (len >= 8) {
		a = mix(a, load64(s));
		b = mix(b, load64(s + len - 8));
	} else {
		uint64_t v = 0;
		memcpy(&v, s, len);
		a = mix(a, v);
	}
	uint64_t h = (a ^ (b << 32 | b >> 32)) * 0xc4ceb9fe1a85ec53ull;
	return h ^ (h >> 32);
}

/*
 * The distinct texts of the lines. Whether a line is chrome, and whether
 * it advertises, depend on its text alone (its width too is the text's),
 * and running headers, footers and chrome repeat: each text is looked at
 * once. Texts are kept in an open-addressing hash table (slot → first line
 * with that text); lines that are empty or longer than TEXT_MAX have none.
 */
enum { TEXT_MAX = 240 }; /* no running header is longer */

struct slot {
	size_t line;    /* the first line with the text; SIZE_MAX: empty */
	uint32_t tag;   /* high bits of the text's hash: most other texts differ there */
	uint8_t count;  /* lines with the text that are no furniture, up to UINT8_MAX: only 2 and 3 matter */
	int8_t adverts; /* advertises() of the text; -1: not asked yet */
	int8_t chrome;  /* is_chrome() of the text; -1: not asked yet */
};

struct texts {
	struct slot *slots; /* NULL when out of memory: every line is looked at */
	size_t *slot_of;    /* by line: the slot of its text, or SIZE_MAX */
};

/* The table is large (a window has tens of thousands of lines) and read at
 * random: every line's slot is found first, so that the slots of the lines a
 * few ahead can be fetched into the cache while one is probed. */
enum { AHEAD = 8 };

static void texts_build(const struct zc_doc *doc, struct texts *t)
{
	size_t n = doc->lines.n, cap = 16;
	while (cap < 2 * n + 1)
		cap *= 2;
	struct slot *slots = malloc(cap * sizeof(*slots));
	size_t *slot_of = malloc((n + 1) * sizeof(*slot_of));
	uint32_t *tag_of = malloc((n + 1) * sizeof(*tag_of));
	t->slots = NULL;
	t->slot_of = NULL;
	if (!slots || !slot_of || !tag_of) {
		free(slots);
		free(slot_of);
		free(tag_of);
		return;
	}
	for (size_t k = 0; k < cap; k++)
		slots[k].line = SIZE_MAX;
	for (size_t i = 0; i < n; i++) {
		const struct zc_line *l = ZC_LINE(doc, i);
		bool kept = l->len && l->len <= TEXT_MAX;
		uint64_t h = kept ? hash_bytes(l->s, l->len) : 0;
		slot_of[i] = kept ? h & (cap - 1) : SIZE_MAX;
		tag_of[i] = (uint32_t)(h >> 32);
	}
	for (size_t i = 0; i < n; i++) {
		const struct zc_line *l = ZC_LINE(doc, i);
		if (i + AHEAD < n && slot_of[i + AHEAD] != SIZE_MAX)
			__builtin_prefetch(&slots[slot_of[i + AHEAD]], 1);
		if (slot_of[i] == SIZE_MAX)
			continue;
		size_t k = slot_of[i];
		for (;;) {
			struct slot *sl = &slots[k];
			if (sl->line == SIZE_MAX) {
				*sl = (struct slot){.line = i, .tag = tag_of[i], .count = 0, .adverts = -1, .chrome = -1};
				break;
			}
			/* Equal lines have equal tags: the other line is read only then. */
			const struct zc_line *o = ZC_LINE(doc, sl->line);
			if (sl->tag == tag_of[i] && o->len == l->len && !memcmp(o->s, l->s, l->len))
				break;
			k = (k + 1) & (cap - 1);
		}
		slot_of[i] = k;
	}
	free(tag_of);
	t->slots = slots;
	t->slot_of = slot_of;
}

static void texts_free(struct texts *t)
{
	free(t->slots);
	free(t->slot_of);
}

/* The slot of line i's text, or NULL. */
static struct slot *text_of(const struct texts *t, size_t i)
{
	return t->slots && t->slot_of[i] != SIZE_MAX ? &t->slots[t->slot_of[i]] : NULL;
}

/* advertises(l), for a line whose text is the slot's. */
static bool slot_adverts(struct slot *sl, const struct zc_line *l)
{
	if (sl->adverts < 0)
		sl->adverts = advertises(l->s, l->len);
	return sl->adverts;
}

/*
 * Mark short lines that repeat and look like furniture: lines of a text
 * that two or three lines hold, not counting furniture.
 */
static void mark_repeated(struct zc_doc *doc, const struct texts *t)
{
	size_t n = doc->lines.n;
	if (!t->slots)
		return;
	for (size_t i = 0; i < n; i++) {
		if (i + AHEAD < n && t->slot_of[i + AHEAD] != SIZE_MAX)
			__builtin_prefetch(&t->slots[t->slot_of[i + AHEAD]], 1);
		struct slot *sl = text_of(t, i);
		if (sl && !(ZC_LINE(doc, i)->flags & ZC_LINE_FURNITURE))
			sl->count += sl->count < UINT8_MAX;
	}
	for (size_t i = 0; i < n; i++) {
		if (i + AHEAD < n && t->slot_of[i + AHEAD] != SIZE_MAX)
			__builtin_prefetch(&t->slots[t->slot_of[i + AHEAD]], 0);
		struct slot *sl = text_of(t, i);
		struct zc_line *l = ZC_LINE(doc, i);
		/* (A line marked here is marked last: the furniture counted are
		 * those from before.) */
		if (!sl || (l->flags & ZC_LINE_FURNITURE) || sl->count < 2)
			continue;
		/* A header or footer: repeated by page numbers and carrying a URL, phone or
		 * advert; or three times or more, by page numbers or with an advert. (The
		 * advert test is made only when the answer depends on it.) */
		bool near = near_page_number(doc, i), thrice = sl->count >= 3;
		/* A date alone on its line is a notice's 成文日期: in a digest, notices
		 * of one day repeat it, near page numbers too. It ends a notice (split.c)
		 * and is never a running header; nor is the 落款 over it. */
		/* (Or twice by page numbers, laid out as a running header is: two
		 * fields pushed to the page's two sides, "某某局　　　　某〔2024〕42号".) */
		if (((near && thrice) || (near && (zc_memstr(l->s, l->len, "        ") || zc_memstr(l->s, l->len, "　　　　"))) ||
		     ((near || thrice) && slot_adverts(sl, l))) &&
		    !zc_dt_is_date_line(l->s, l->len) && !signs_over_date(doc, i))
			l->flags |= ZC_LINE_FURNITURE;
	}
}

#define MAX_MARKS 8

struct marks {
	struct zc_span hosts[MAX_MARKS];
	size_t nhosts;
	struct zc_span phones[MAX_MARKS];
	size_t nphones;
};

static void add_mark(struct zc_span *v, size_t *n, const char *s, size_t len)
{
	for (size_t i = 0; i < *n; i++)
		if (v[i].len == len && !memcmp(v[i].s, s, len))
			return;
	if (*n < MAX_MARKS)
		v[(*n)++] = (struct zc_span){s, len};
}

static void collect_marks(const struct zc_doc *doc, struct marks *mk)
{
	for (size_t i = 0; i < doc->lines.n; i++) {
		const struct zc_line *l = ZC_LINE(doc, i);
		if (!(l->flags & ZC_LINE_FURNITURE) || (l->flags & ZC_LINE_PAGE_BREAK))
			continue;
		struct zc_match m;
		size_t at = 0;
		/* A host name holds a dot, a phone number seven digits in a row:
		 * most lines have neither, and the patterns are not run on them. */
		bool dotted = memchr(l->s, '.', l->len), phone = has_digit_run(l->s, l->len, 7);
		while (dotted && zc_re_find(&host_re, l->s, l->len, at, &m)) {
			const char *h = l->s + m.start[1];
			size_t hl = zc_match_len(&m, 1);
			if (zc_starts_with(h, hl, "www."))
				h += 4, hl -= 4;
			/* Only whole host names with a dot-separated TLD; skip .gov.cn:
			 * a notice's own ministry can be named by a repeated header. */
			if (!zc_memstr(h, hl, ".gov.cn"))
				add_mark(mk->hosts, &mk->nhosts, h, hl);
			at = m.end[0];
		}
		at = 0;
		while (phone && zc_re_find(&phone_digits_re, l->s, l->len, at, &m)) {
			add_mark(mk->phones, &mk->nphones, l->s + m.start[1], zc_match_len(&m, 1));
			at = m.end[0];
		}
	}
}

/* The line holding byte offset off of the analysis text. */
static size_t line_at(const struct zc_doc *doc, size_t off)
{
	size_t lo = 0, hi = doc->lines.n;
	while (hi - lo > 1) {
		size_t mid = (lo + hi) / 2;
		if ((size_t)(ZC_LINE(doc, mid)->s - doc->analysis.data) <= off)
			lo = mid;
		else
			hi = mid;
	}
	return lo;
}

/* Mark short lines that name a furniture host or phone: one pass over the text for all marks. */
static void mark_naming(struct zc_doc *doc, const struct zc_span *marks, size_t n)
{
	char *copies[2 * MAX_MARKS + 1];
	size_t k = 0;
	for (size_t i = 0; i < n && k < 2 * MAX_MARKS; i++)
		if (marks[i].len >= 6 && (copies[k] = zc_strndup(marks[i].s, marks[i].len)))
			k++;
	copies[k] = NULL;
	if (k) {
		/* The marks are rare: the whole text is searched in one call after
		 * another, each from the line after the last one found. A mark holds
		 * no white space, so one found is inside a line's trimmed text. Only
		 * short lines are furniture. */
		struct zc_words words = ZC_WORDS((const char *const *)copies);
		const char *text = doc->analysis.data;
		size_t hs, he, from = 0;
		while (zc_words_find(&words, text, doc->analysis.len, from, &hs, &he)) {
			size_t i = line_at(doc, hs);
			struct zc_line *l = ZC_LINE(doc, i);
			if (l->len >= 6 && l->width <= 120 && !(l->flags & ZC_LINE_FURNITURE))
				l->flags |= ZC_LINE_FURNITURE;
			if (i + 1 >= doc->lines.n)
				break;
			from = (size_t)(ZC_LINE(doc, i + 1)->s - text);
		}
		zc_words_release(&words);
	}
	for (size_t i = 0; i < k; i++)
		free(copies[i]);
}

/* True when the URL on line i also appears on another line of the document. */
static bool url_elsewhere(const struct zc_doc *doc, size_t i)
{
	const struct zc_line *l = ZC_LINE(doc, i);
	size_t lo = i > 2000 ? i - 2000 : 0, hi = i + 2000 < doc->lines.n ? i + 2000 : doc->lines.n;
	for (size_t k = lo; k < hi; k++) {
		if (k == i)
			continue;
		const struct zc_line *o = ZC_LINE(doc, k);
		if (o->len >= l->len && !(o->flags & ZC_LINE_FURNITURE) && zc_memstr_n(o->s, o->len, l->s, l->len))
			return true;
	}
	return false;
}

static bool is_furniture(const struct zc_doc *doc, size_t i)
{
	return i < doc->lines.n && (ZC_LINE(doc, i)->flags & ZC_LINE_FURNITURE);
}

/* The nearest non-blank line before/after i. */
static size_t step(const struct zc_doc *doc, size_t i, int dir)
{
	size_t n = doc->lines.n;
	for (;;) {
		if (dir < 0 && i == 0)
			return SIZE_MAX;
		i = dir < 0 ? i - 1 : i + 1;
		if (i >= n)
			return SIZE_MAX;
		if (!(ZC_LINE(doc, i)->flags & ZC_LINE_BLANK))
			return i;
	}
}

void zc_furniture_mark(struct zc_doc *doc)
{
	size_t n = doc->lines.n;
	struct zc_match m;
	pthread_once(&chrome_heads_once, build_chrome_heads); /* for find_chrome */
	for (size_t i = 0; i < n; i++) {
		struct zc_line *l = ZC_LINE(doc, i);
		if (!l->len)
			continue;
		unsigned char c0 = (unsigned char)l->s[0];
		/* Cheap tests on the first byte and length before the anchored patterns. */
		size_t hit, name_len;
		const char *name;
		if (l->len <= 40 && (c0 == '[' || c0 == 0xEF || c0 == 0xE3) &&
		    zc_section_tag(l->s, l->len, &name, &name_len)) {
			/* A page's button alone on its line ("【关闭】", "[打印]") is chrome, no section. */
			if (!zc_re_find(&placeholder_re, l->s, l->len, 0, &m) &&
			    !find_chrome(l->s, l->len, &hit))
				l->flags |= ZC_LINE_SECTION;
		} else if (l->len <= 48 && page_number_start(l->s, l->len) && zc_find_digit(l->s, l->len) &&
			   zc_re_find(&page_number_re, l->s, l->len, 0, &m)) {
			l->flags |= ZC_LINE_FURNITURE | ZC_LINE_PAGE_BREAK;
		}
	}
	/* Chrome, each text once. */
	struct texts texts;
	texts_build(doc, &texts);
	for (size_t i = 0; i < n; i++) {
		struct zc_line *l = ZC_LINE(doc, i);
		if (l->len < 6 || (l->flags & ZC_LINE_SECTION))
			continue;
		struct slot *sl = text_of(&texts, i);
		if (sl && sl->chrome < 0)
			sl->chrome = is_chrome(l);
		if (sl ? sl->chrome : is_chrome(l))
			l->flags |= ZC_LINE_FURNITURE | ZC_LINE_CHROME;
	}
	/* Not multi-line: $ is the end of the text, and a match starts no
	 * further before it than the pattern is long. */
	size_t longest = 4 * 3 + 3 + 30 * 4 + 1, at = doc->analysis.len > longest ? doc->analysis.len - longest : 0;
	while (at < doc->analysis.len && ((unsigned char)doc->analysis.data[at] & 0xC0) == 0x80)
		at++; /* a character's start */
	while (zc_re_find(&tech_support_re, doc->analysis.data, doc->analysis.len, at, &m)) {
		struct zc_line *l = ZC_LINE(doc, line_at(doc, m.start[0]));
		l->flags |= ZC_LINE_FURNITURE | ZC_LINE_CHROME;
		at = m.end[0];
	}
	mark_repeated(doc, &texts);
	texts_free(&texts);
	struct marks mk = {0};
	collect_marks(doc, &mk);
	/* The marks point into lines: copy them before lines change under them. */
	struct zc_span all[2 * MAX_MARKS];
	size_t nall = 0;
	for (size_t i = 0; i < mk.nhosts; i++)
		all[nall++] = mk.hosts[i];
	for (size_t i = 0; i < mk.nphones; i++)
		all[nall++] = mk.phones[i];
	mark_naming(doc, all, nall);
	/* Bare URL lines glued to furniture, when the document has that URL elsewhere. */
	bool again = true;
	for (int pass = 0; again && pass < 3; pass++) {
		again = false;
		for (size_t i = 0; i < n; i++) {
			struct zc_line *l = ZC_LINE(doc, i);
			if (!l->len || (l->flags & ZC_LINE_FURNITURE))
				continue;
			if ((l->s[0] != 'h' && l->s[0] != 'w') || !zc_re_find(&url_only_re, l->s, l->len, 0, &m))
				continue;
			if ((is_furniture(doc, step(doc, i, -1)) || is_furniture(doc, step(doc, i, +1))) &&
			    url_elsewhere(doc, i)) {
				l->flags |= ZC_LINE_FURNITURE;
				again = true;
			}
		}
	}
}
