/*
 * conditions.c: eligibility conditions (申报条件), each typed.
 *
 * Sentences are read from sections whose heading names conditions
 * (申报条件, 基本条件, 入库企业条件, 资格要求, 申报范围 …), and from anywhere
 * when they hold an unmistakable condition (注册成立满一年, 不低于5%).
 * Each sentence is typed by what it says; values go into fields where they
 * are explicit, and the sentence is kept as the source:
 *   registration_region   在云南省内注册; 注册地在滨海新区以外 (negated)
 *   years_since_registration  注册成立满一年以上 → value 1, unit 年
 *   legal_form            独立法人; 股份有限公司
 *   threshold             科技人员占比不低于5% → metric, op ">=", value 5, unit %
 *   qualification_held / _not_held  认定为高新技术企业 / 未被认定为…
 *   clean_record          近三年无不良记录 → years 3
 *   industry              属于《国家重点支持的高新技术领域》; 从事…行业
 *   date                  2018年8月30日后新建成
 */
#include <errno.h>
#include <math.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include "extract/internal.h"
#include "zhengce/region.h"
#include "utf8.h"
#include "words.h"
#include "banned.h"

/*
 * A sentence with the characters it holds, noted in one pass: a bit for
 * each character's hash (a Bloom filter of one hash). A word one of whose
 * first characters has its bit unset does not occur in the sentence, so
 * most of the many literal tests made on a sentence are answered without
 * a scan, and a pattern none of whose prefilter words can occur is not run.
 */
struct sentence {
	const char *s;
	size_t len;
	uint64_t chars[4]; /* of s[0..len), or of a text holding it */
};

/* The bit of a character's key (its bytes, up to three). */
static inline unsigned key_bit(uint32_t key)
{
	return (key * 0x9E3779B1u) >> 24;
}

/* The bit of the character at *p (before e), which is moved past it: a
 * Chinese character (three bytes) hashed whole, any other byte alone. A
 * word and the text it occurs in give its characters the same bits (in
 * UTF-8 an occurrence starts on a character). */
static inline unsigned char_bit(const unsigned char **p, const unsigned char *e)
{
	const unsigned char *q = *p;
	uint32_t key = q[0];
	if ((key & 0xF0) == 0xE0 && e - q >= 3) {
		key = key << 16 | (uint32_t)q[1] << 8 | q[2];
		*p = q + 3;
	} else {
		*p = q + 1;
	}
	return key_bit(key);
}

static void sentence_init(struct sentence *st, const char *s, size_t len)
{
	*st = (struct sentence){.s = s, .len = len};
	const unsigned char *p = (const unsigned char *)s, *e = p + len;
	while (p < e) {
		unsigned b = char_bit(&p, e);
		st->chars[b >> 6] |= (uint64_t)1 << (b & 63);
	}
}

/* Is the character at w in a word (NUL-terminated) a Chinese one, of three
 * bytes? (Any other is read a byte at a time, as char_bit does.) */
static inline bool word_han_at(const unsigned char *w)
{
	return (w[0] & 0xF0) == 0xE0 && w[1] && w[2];
}

/* The key char_bit hashes for the character at w in a word. */
static inline uint32_t word_key_at(const unsigned char *w)
{
	return word_han_at(w) ? (uint32_t)w[0] << 16 | (uint32_t)w[1] << 8 | w[2] : w[0];
}

/* What may_hold tests of a word: the bits of its first two characters (the
 * same bit twice for a word of one character). */
struct word_bits {
	uint8_t first, second;
};

/* Loop-free and always inline: for a literal word the compiler works the
 * bits out. */
static inline __attribute__((always_inline)) struct word_bits bits_of(const char *word)
{
	const unsigned char *w = (const unsigned char *)word, *next = w + (word_han_at(w) ? 3 : 1);
	unsigned first = key_bit(word_key_at(w));
	return (struct word_bits){(uint8_t)first, (uint8_t)(*next ? key_bit(word_key_at(next)) : first)};
}

static inline bool has_bit(const struct sentence *st, unsigned b)
{
	return st->chars[b >> 6] >> (b & 63) & 1;
}

/* False when a word with these bits does not occur in the sentence; true
 * when it may. */
static inline bool may_hold_bits(const struct sentence *st, struct word_bits wb)
{
	return has_bit(st, wb.first) && has_bit(st, wb.second);
}

/* False when word does not occur in the sentence; true when it may (by
 * its first two characters, or all of a shorter word's). Always inline,
 * as holds. */
static inline __attribute__((always_inline)) bool may_hold(const struct sentence *st, const char *word)
{
	return may_hold_bits(st, bits_of(word));
}

/* Does word occur in the sentence? (Always inline: the compiler then works
 * out the bits of a literal word.) */
static inline __attribute__((always_inline)) bool holds(const struct sentence *st, const char *word)
{
	return may_hold(st, word) && zc_memstr(st->s, st->len, word);
}

/*
 * A pattern run on sentences (with find), with may_hold's bits of its
 * prefilter words, worked out once on its first use rather than on every
 * call. Declared SENTENCE_RE(pattern, "word1", "word2"), as ZC_RE_NEED.
 */
struct sentence_re {
	struct zc_re re;
	struct word_bits need[ZC_RE_NEED_MAX];
	size_t nneed;
	bool ready; /* need and nneed are set (read and written atomically) */
};

#define SENTENCE_RE(pat, ...) {.re = ZC_RE_NEED(pat, __VA_ARGS__)}

static pthread_mutex_t need_lock = PTHREAD_MUTEX_INITIALIZER;

/* The first use of sr: its words' bits, under the lock. */
static __attribute__((noinline)) void need_bits_build(struct sentence_re *sr)
{
	pthread_mutex_lock(&need_lock);
	if (!__atomic_load_n(&sr->ready, __ATOMIC_ACQUIRE)) {
		size_t k = 0;
		for (; k < ZC_RE_NEED_MAX && sr->re.need[k]; k++)
			sr->need[k] = bits_of(sr->re.need[k]);
		sr->nneed = k;
		__atomic_store_n(&sr->ready, true, __ATOMIC_RELEASE);
	}
	pthread_mutex_unlock(&need_lock);
}

/* zc_re_find in the sentence, not run when none of the pattern's prefilter
 * words can occur in it (zc_re_find would answer no after a scan). */
static bool find(const struct sentence *st, struct sentence_re *sr, size_t from, struct zc_match *m)
{
	if (!__atomic_load_n(&sr->ready, __ATOMIC_ACQUIRE))
		need_bits_build(sr);
	bool may = false;
	for (size_t k = 0; !may && k < sr->nneed; k++)
		may = may_hold_bits(st, sr->need[k]);
	return may && zc_re_find(&sr->re, st->s, st->len, from, m);
}

/* 在云南省内注册 (region_re), 注册在山西省内 / 注册地在滨海新区以外 (registered_in_re,
 * tried first: the other would take the words before 注册 for a place). */
static struct zc_re region_re = ZC_RE(
	"(?:在|于)?\\s*([\\x{3400}-\\x{4DBF}\\x{4E00}-\\x{9FFF}\\x{F900}-\\x{FAFF}]{2,16}?)(?:行政区域|区域|境内|辖区|范围)?内?(?:依法)?(?:注册|登记)(?:成立|设立)?");
static struct sentence_re registered_in_re = SENTENCE_RE(
	"注册(?:地|地址)?(?:在|于|为)\\s*([\\x{3400}-\\x{4DBF}\\x{4E00}-\\x{9FFF}\\x{F900}-\\x{FAFF}]{2,16}?)(以外|之外|以内|内|的|，|、|$)",
	"注册地", "注册在", "注册于", "注册为");
/* Outside a conditions section, a sentence states a region condition only with one of these. */
static const char *const must_list[] = {"应为", "应当是", "应是", "须为", "须是", "必须", "需为", "限于", "要求", NULL};
static struct zc_words must_words = ZC_WORDS(must_list);
/* 注册成立满一年, 登记满3年, 经营超过两年; or 注册登记一年以上 (the span then says 以上). */
static struct sentence_re years_re = SENTENCE_RE(
	"(?:注册|成立|设立|登记|经营)[^，。；]{0,10}?(?:(?:(?<!不)满|(?<!不)超过|达到)\\s*([一二两三四五六七八九十\\d]{1,3})\\s*(个)?\\s*(年|月)"
	"|(?<![\\d一二两三四五六七八九十])([一二两三四五六七八九十\\d]{1,3})\\s*(个)?\\s*(年|月)(?:以上|及以上))",
	"年", "月");
static struct sentence_re legal_re = SENTENCE_RE(
	"(独立(?:企业)?法人(?:资格)?|法人资格|股份有限公司|有限责任公司|企业法人|事业单位法人|民办非企业|社会组织|"
	"独立承担民事责任的能力)",
	"法人", "有限", "民办", "社会组织", "民事责任");
/* Found from the comparison word; the metric is read backwards from it (metric_before).
 * The words are comparison_list's (threshold_from). */
static struct sentence_re threshold_re = SENTENCE_RE(
	"(不低于|不少于|不超过|不高于|不大于|不小于|高于|低于|达到|超过|大于|小于)\\s*"
	"(\\d{1,3}(?:,\\d{3})+(?:\\.\\d+)?|\\d+(?:\\.\\d+)?)\\s*(%|％|万美元|亿美元|美元|万元|亿元|元|人|名|年|项|个|家|平方米|件|倍)(以上|及以上|以下|及以下)?",
	"高于", "低于", "少于", "超过", "大于", "小于", "达到");
static struct zc_re amount_above_re = ZC_RE(
	"([^，。；,;]{2,40}?)\\s*(\\d{1,3}(?:,\\d{3})+(?:\\.\\d+)?|\\d+(?:\\.\\d+)?)\\s*(%|万美元|亿美元|万元|亿元|人|项|件)\\s*(以上|及以上|以下|及以下)");
static struct sentence_re not_held_re = SENTENCE_RE(
	"(?:未被|未曾被|没有被|尚未被|未|尚未|不得为|不属于)(?:认定|评为|列入|纳入|获得|获批|取得)(?:为)?([^，。；,;]{2,30})",
	"认定", "评为", "列入", "纳入", "获得", "获批", "取得");
static struct zc_re held_re = ZC_RE(
	"(高新技术企业|科技型中小企业|专精特新|小巨人|单项冠军|技术先进型服务企业|瞪羚|独角兽|雏鹰|"
	"绿色工厂|企业技术中心|工程技术研究中心|重点实验室|孵化器|众创空间|科技型企业|规模以上|规上)");
/* 具备医疗器械经营许可证, 具有食品检验机构资质认定证书（CMA）, 已取得安全生产标准化二级证书 */
static struct sentence_re certificate_re = SENTENCE_RE(
	"(?<![未不没无])(?:具有|具备|持有|取得|获得|拥有)(?:有效的?|合法有效的?|相应的?|相关的?)?"
	"([^，。；,;、：:“”\"]{2,30}(?:许可证|证书|资质|执照|认证)(?:（[A-Za-z0-9]{2,10}）|\\([A-Za-z0-9]{2,10}\\))?)",
	"许可证", "证书", "资质", "执照", "认证");
/* 已入库国家科技型中小企业信息库, 已纳入省级专精特新企业名单 */
static struct sentence_re listed_re = SENTENCE_RE(
	"(?<![未不没])(?:已入库|已纳入|已列入|已进入)([^，。；,;]{2,30}?(?:信息库|培育库|库|名单|名录))",
	"已入库", "已纳入", "已列入", "已进入");
/* 拥有4项以上与主营业务相关的发明专利, 5件以上Ⅱ类知识产权; without a number, at least one (获得…知识产权的所有权) */
static struct zc_re ip_count_re = ZC_RE(
	"(\\d+)\\s*(?:项|件)\\s*(?:以上|及以上)?([^，。；\\d]{0,24}?(?:知识产权|发明专利|专利|软件著作权|著作权))");
static struct zc_re ip_owned_re = ZC_RE("(?:拥有|获得|取得|具有)[^。；]{0,60}?(知识产权|发明专利|专利|软件著作权)");
/* A list marker at the start of a metric: （一）, 1., 2、 */
static struct zc_re list_marker_re = ZC_RE(
	"^(?:[一二三四五六七八九十]{1,3}\\s*[、.．]|[（(]\\s*[一二三四五六七八九十\\d]{1,3}\\s*[）)]|\\d{1,2}\\s*[、.．）)])\\s*");
/* 上年度营业收入在5000万元至5亿元之间: two thresholds, at least the one and at most the other */
static struct zc_re range_re = ZC_RE(
	"([^，。；,;]{2,30}?)在\\s*(\\d{1,3}(?:,\\d{3})+(?:\\.\\d+)?|\\d+(?:\\.\\d+)?)\\s*(万元|亿元|元|%|％|人)?\\s*(?:至|到|—|-|～|~)\\s*"
	"(\\d{1,3}(?:,\\d{3})+(?:\\.\\d+)?|\\d+(?:\\.\\d+)?)\\s*(万元|亿元|元|%|％|人)\\s*(?:之间|以内|范围内)");
/* …以上的工业企业, 在杭州市注册的规模以上工业企业: the applicant is an industrial one */
static struct sentence_re industrial_re = SENTENCE_RE("的((?:规模以上|规上)?工业企业)\\s*(?:[；;。，,]|$)", "工业企业");
/* …证书满1年 */
static struct zc_re held_for_re = ZC_RE("\\G\\s*(?:已)?满\\s*([一二两三四五六七八九十\\d]{1,2})\\s*年");
/* 在厦门市注册成立满三年的高新技术企业: the applicant is one */
static struct sentence_re being_re = SENTENCE_RE(
	"的(高新技术企业|科技型中小企业|专精特新(?:中小)?企业|专精特新“?小巨人”?企业|技术先进型服务企业|瞪羚企业)\\s*(?:[；;。，,]|$)",
	"的高新技术企业", "的科技型中小企业", "的专精特新", "的技术先进型服务企业", "的瞪羚企业");
static struct sentence_re clean_re = SENTENCE_RE(
	"无(?:不良|失信|违法|重大违法|严重失信|严重违法)|无[^，。；]{0,16}?(?:处罚|违法|违规|失信)记录|未发生(?:重大|严重)|"
	"未发生[^，。；]{0,12}?事故|信用(?:记录|状况)?良好|"
	"诚信状况|黑名单|失信被执行人|没有重大违法|良好记录",
	"不良", "失信", "违法", "违规", "处罚", "未发生", "良好", "诚信", "黑名单");
static struct zc_re years_back_re = ZC_RE("(?:近|最近|前|过去)\\s*([一二两三四五六七八九十\\d]{1,2})\\s*(?:个)?(?:会计)?年");
static struct zc_re industry_re = ZC_RE(
	"(?:从事|属于|聚焦|围绕|面向)([^，。；]{2,40}?(?:行业|领域|产业))|([^，。；]{2,20}(?:行业|领域|产业))(?:的|内)?(?:企业|单位)");
static struct sentence_re date_cond_re = SENTENCE_RE(
	"(\\d{4}\\s*年\\s*\\d{1,2}\\s*月\\s*\\d{1,2}\\s*日|\\d{4}-\\d{1,2}-\\d{1,2})\\s*(?:后|以后|之后|以来|前|以前|之前)",
	"后", "前", "以来");

/* Words without which a sentence outside a conditions section states no condition. */
static const char *const condition_list[] = {
	"不低于", "不少于", "不超过", "不高于", "不大于", "不小于", "以上", "以下", "满一年", "满二年",
	"满两年", "满三年", "满五年", "满1年", "满2年", "满3年", "满5年", "未被", "未曾", "尚未", "注册地", "注册在",
	"以后新", "后新建", "年以后", "日以后", "日后", "日前注册", NULL};
static struct zc_words condition_words = ZC_WORDS(condition_list);

/* Where a region condition may point without naming a region: the issuer's
 * own place (我省, 本市 …) or the whole country (中华人民共和国). Without a
 * region or one of these, "完成注册" is no region condition. */
static const char *const place_list[] = {
	"我省", "本省", "省内", "全省", "我市", "本市", "市内", "全市", "我区", "本区", "区内", "全区", "我县", "本县",
	"县内", "本地", "辖区", "中华人民共和国", "中国", "我国", "国内", "境内", NULL};
static struct zc_words place_words = ZC_WORDS(place_list);

static int cn_small(const char *s, size_t len)
{
	if (len && s[0] >= '0' && s[0] <= '9')
		return atoi(s);
	static const char *const digits[] = {"零", "一", "二", "三", "四", "五", "六", "七", "八", "九"};
	int v = 0, cur = 0;
	for (size_t i = 0; i + 3 <= len; i += 3) {
		if (!memcmp(s + i, "十", 3)) {
			v += (cur ? cur : 1) * 10;
			cur = 0;
			continue;
		}
		if (!memcmp(s + i, "两", 3)) {
			cur = 2;
			continue;
		}
		for (int d = 0; d < 10; d++)
			if (!memcmp(s + i, digits[d], 3))
				cur = d;
	}
	return v + cur;
}

/* Does s[0..len) start with one of 一二三四五六七八九十? */
static bool starts_with_cn_numeral(const char *s, size_t len)
{
	static const char numerals[] = "一二三四五六七八九十";
	if (len < 3)
		return false;
	for (const char *n = numerals; *n; n += 3)
		if (!memcmp(s, n, 3))
			return true;
	return false;
}

static const char *op_of(const char *w, size_t len, const char *after, size_t alen)
{
	if (alen) {
		if (zc_memstr(after, alen, "以上"))
			return ">=";
		if (zc_memstr(after, alen, "以下"))
			return "<=";
	}
	static const struct {
		const char *word, *op;
	} ops[] = {{"不低于", ">="}, {"不少于", ">="}, {"不小于", ">="}, {"达到", ">="},
		   {"不超过", "<="}, {"不高于", "<="}, {"不大于", "<="}, {"高于", ">"},
		   {"超过", ">"},    {"大于", ">"},    {"低于", "<"},    {"小于", "<"}};
	for (size_t k = 0; k < sizeof(ops) / sizeof(ops[0]); k++)
		if (strlen(ops[k].word) == len && !memcmp(w, ops[k].word, len))
			return ops[k].op;
	return NULL;
}

struct cond_builder {
	struct zc_condition c;
	const char *s;
	size_t len;
};

/* A number as the patterns match it: digits with an optional fraction, or
 * grouped by thousands (5,000). */
static double number_of(const char *s)
{
	char buf[64];
	size_t n = 0;
	for (; n + 1 < sizeof(buf) && ((*s >= '0' && *s <= '9') || *s == '.' || (*s == ',' && s[1] >= '0' && s[1] <= '9'));
	     s++)
		if (*s != ',')
			buf[n++] = *s;
	buf[n] = '\0';
	return strtod(buf, NULL);
}

static int push(struct zc_ctx *ctx, struct zc_condition *c, const char *s, size_t len)
{
	if (c->has_value && !isfinite(c->value)) { /* a digit run too long to be a number */
		c->has_value = 0;
		c->value = 0;
	}
	if (!(c->text = zc_strndup(s, len)) || !zc_vec_push(&ctx->n->conditions, c)) {
		free(c->text);
		free(c->metric);
		free(c->op);
		free(c->unit);
		free(c->object);
		return -ENOMEM;
	}
	return 0;
}

/* Metric words: the text before the comparison, trimmed, after the last 且
 * and 并, less a leading list marker and number. */
static char *metric_of(const char *s, size_t len)
{
	size_t l = len;
	s = zc_trim(s, &l);
	/* After the last 且, then the last 并, when more than a character follows
	 * (not after a ， or a 的: 科技人员占职工总数的比例 is one metric). */
	static const char *const cuts[] = {"且", "并"};
	for (size_t k = 0; k < sizeof(cuts) / sizeof(cuts[0]); k++) {
		const char *hit = NULL, *q = s;
		while ((q = zc_memstr(q, (size_t)(s + l - q), cuts[k])))
			hit = q, q += strlen(cuts[k]);
		if (hit && (size_t)(s + l - hit) > strlen(cuts[k]) + 3) {
			l -= (size_t)(hit - s) + strlen(cuts[k]);
			s = hit + strlen(cuts[k]);
		}
	}
	/* Strip a leading list marker (which starts with a numeral, a bracket
	 * or a digit: tested before the pattern). */
	struct zc_match m;
	bool may_be_marker = starts_with_cn_numeral(s, l) || zc_starts_with(s, l, "（") ||
			     (l && (*s == '(' || (*s >= '0' && *s <= '9')));
	if (may_be_marker && zc_re_find(&list_marker_re, s, l, 0, &m))
		s += m.end[0], l -= m.end[0];
	while (l && (*s == ' ' || (*s >= '0' && *s <= '9') || *s == '.'))
		s++, l--;
	return l ? zc_strndup(s, l) : NULL;
}

/*
 * "…的，视同/将/予以/纳入…" states what follows for a case, not a condition
 * to apply: 获得高新技术企业认定的，视同为成功出库企业. ("…的，不得申报" is a
 * condition and is kept.)
 */
static struct zc_re consequence_re = ZC_RE(
	"的，(?:视同|视为|将|予以|给予|取消|纳入|不再|优先|择优|按照?|一律|由)");

/*
 * Sentences of a conditions section that ask nothing of the applicant: a
 * preference (…优先), the support it may get (最高不超过300万元), a quota on
 * those who recommend (每个市推荐不超过3个). They are no conditions: kept as
 * such they would leave every company "needs-check". One pattern for each
 * kind, each with its own prefilter: most sentences run none of them.
 */
static struct sentence_re not_requirement_res[] = {
	SENTENCE_RE("优先(?:考虑|支持|推荐|安排|申报)?\\s*[。；;，,]?\\s*$", "优先"),
	SENTENCE_RE("最高不超过", "最高不超过"),
	SENTENCE_RE("(?:支持|补助|资助|奖励|补贴|扶持)[^。；]{0,16}(?:不超过|最高|上限)[^。；]{0,12}元", "不超过", "最高",
		   "上限"),
	SENTENCE_RE("给予[^。；]{0,12}(?:不超过|最高)[^。；]{0,12}(?:补助|补贴|奖励|支持|资助)", "给予"),
	SENTENCE_RE("每个?[^。；]{0,12}(?:推荐|申报|报送)[^。；]{0,10}不超过", "不超过"),
	SENTENCE_RE("限报|推荐名额|推荐数量", "限报", "推荐名额", "推荐数量"),
};

static bool states_no_requirement(const struct sentence *st)
{
	struct zc_match m;
	for (size_t k = 0; k < sizeof(not_requirement_res) / sizeof(not_requirement_res[0]); k++)
		if (find(st, &not_requirement_res[k], 0, &m))
			return true;
	return false;
}

/*
 * The registered region a sentence requires: 在云南省内注册, 注册在山西省内,
 * 注册地在滨海新区以外 (negated), 在我省注册, 在中华人民共和国境内注册, 在川注册.
 * The place must be a region, a one-character province name, or a word
 * for the issuer's own place or the country; unless must (see
 * type_sentence), only 注册在/注册地… states one. Returns 1 when a condition
 * was added, 0 when none, or a negative errno.
 */
static int region_condition(struct zc_ctx *ctx, const struct sentence *st, bool must)
{
	const char *s = st->s;
	size_t len = st->len;
	struct zc_match m;
	size_t ws, we;
	bool registered_in = find(st, &registered_in_re, 0, &m);
	if (!registered_in && !zc_re_find(&region_re, s, len, 0, &m))
		return 0;
	if (!must && !registered_in)
		return 0;
	const char *o = s + m.start[1];
	size_t ol = zc_match_len(&m, 1);
	static const char *const lead[] = {"在", "于", "须", "应", "为", "是", "企业", "单位", "具有", "申报单位"};
	for (size_t k = 0; k < sizeof(lead) / sizeof(lead[0]); k++)
		if (zc_starts_with(o, ol, lead[k]) && ol > strlen(lead[k]) + 3)
			o += strlen(lead[k]), ol -= strlen(lead[k]);
	/* 揭榜单位须为在长沙市: the place is what follows the last 在 */
	const struct zc_region *named[1];
	for (const char *at; (at = zc_memstr(o, ol, "在")) && at + 3 < o + ol;) {
		size_t rest = (size_t)(o + ol - at) - 3;
		if (rest == 3) {
			/* 在川注册: a province by its one-character name; 在省内注册: kept whole */
			char one[4];
			memcpy(one, at + 3, 3);
			one[3] = '\0';
			named[0] = zc_region_by_name(one);
			if (named[0] && named[0]->level == ZC_REGION_PROVINCE)
				o = named[0]->name, ol = strlen(o);
			break;
		}
		ol = rest, o = at + 3;
	}
	/* the words around the place count too: 在省内注册 */
	const char *whole = s + m.start[0];
	size_t whole_len = zc_match_len(&m, 0);
	if (ol < 6 || zc_memstr(o, ol, "工商") || zc_memstr(o, ol, "依法") ||
	    (zc_region_scan(o, ol, named, 1) == 0 && !zc_words_find(&place_words, whole, whole_len, 0, &ws, &we)))
		return 0;
	struct zc_condition c = {.type = ZC_COND_REGISTRATION_REGION};
	c.object = zc_strndup(o, ol);
	c.negated = registered_in && zc_match_has(&m, 2) &&
		    (zc_starts_with(s + m.start[2], zc_match_len(&m, 2), "以外") ||
		     zc_starts_with(s + m.start[2], zc_match_len(&m, 2), "之外"));
	int r = push(ctx, &c, s, len);
	return r < 0 ? r : 1;
}

/* The offset n characters before at (a character's start) in s, or 0. */
static size_t chars_before(const char *s, size_t at, size_t n)
{
	while (at > 0 && n > 0)
		if (((unsigned char)s[--at] & 0xC0) != 0x80)
			n--;
	return at;
}

/* Is the character at c one of an amount's units (万元, 亿美元, 人 …) or 及? */
static bool is_amount_char(const char *c)
{
	static const char *const chars[] = {"万", "美", "元", "亿", "人", "项", "件", "及"};
	for (size_t k = 0; k < sizeof(chars) / sizeof(chars[0]); k++)
		if (!memcmp(c, chars[k], 3))
			return true;
	return false;
}

/* Where the amount before at starts: the run of digits, spaces, unit
 * characters and 及 (5,000 万元及) that ends there. */
static size_t amount_start(const char *s, size_t at)
{
	for (;;) {
		char c = at ? s[at - 1] : '\0';
		if ((c >= '0' && c <= '9') || c == '.' || c == ',' || c == '%' || zc_is_re_space(c))
			at--;
		else if (at >= 3 && is_amount_char(s + at - 3))
			at -= 3;
		else
			return at;
	}
}

/*
 * Where amount_above_re can first match in s[0..len), or len when it
 * cannot. A match ends with 以上 or 以下 right after an amount (with a
 * digit), behind a metric of at most 40 characters. At the first such
 * 以上/以下, no match starts more than 40 characters before the amount; a
 * match ending later has its metric after it. The pattern (no lookbehind)
 * is then only run from there.
 */
static size_t amount_above_from(const char *s, size_t len)
{
	for (const char *q = s; (q = zc_memstr(q, (size_t)(s + len - q), "以")); q += 3) {
		size_t rest = (size_t)(s + len - q);
		if (!zc_starts_with(q, rest, "以上") && !zc_starts_with(q, rest, "以下"))
			continue;
		size_t at = amount_start(s, (size_t)(q - s));
		if (zc_find_digit(s + at, (size_t)(q - s) - at))
			return chars_before(s, at, 40);
	}
	return len;
}

/*
 * Where range_re can first match in s[0..len), or len when it cannot. A
 * match has its metric (at most 30 characters) right before a 在 followed
 * by spaces and a digit: none starts more than 30 characters before the
 * first such 在. The pattern (no lookbehind) is then only run from there.
 */
static size_t range_from(const char *s, size_t len)
{
	for (const char *q = s; (q = zc_memstr(q, (size_t)(s + len - q), "在")); q += 3) {
		const char *d = q + 3;
		while (d < s + len && zc_is_re_space(*d))
			d++;
		if (d < s + len && *d >= '0' && *d <= '9')
			return chars_before(s, (size_t)(q - s), 30);
	}
	return len;
}

/* The words threshold_re's matches start with; each ends with 于, 过 or 到. */
static const char *const comparison_list[] = {"不低于", "不少于", "不超过", "不高于", "不大于", "不小于",
					      "高于",   "低于",   "达到",   "超过",   "大于",   "小于",   NULL};

/* The start of the earliest comparison word that ends at w and starts at
 * or after lo, or NULL. */
static const char *comparison_before(const char *lo, const char *w)
{
	/* the last bytes of 于 过 到: most characters end otherwise */
	unsigned char last = w > lo ? (unsigned char)w[-1] : 0;
	if (last != 0x8E && last != 0x87 && last != 0xB0)
		return NULL;
	const char *first = NULL;
	for (size_t k = 0; comparison_list[k]; k++) {
		size_t n = strlen(comparison_list[k]);
		if ((size_t)(w - lo) >= n && !memcmp(w - n, comparison_list[k], n) && (!first || w - n < first))
			first = w - n;
	}
	return first;
}

/*
 * Where threshold_re can first match in s[from..len), or len when it
 * cannot. A match is a comparison word, white space (\s) and a number:
 * its first digit starts a run of digits, with the word right before it
 * across the spaces. No match starts before the earliest word found so
 * at the first run that has one (a match starting earlier would have
 * its digit earlier, or would hold that run's digit in its word or
 * spaces), and the pattern (no lookbehind) is run from there.
 */
static size_t threshold_from(const char *s, size_t len, size_t from)
{
	const char *lo = s + from, *end = s + len;
	for (const char *d = lo; (d = zc_find_digit(d, (size_t)(end - d)));) {
		const char *w = d;
		while (w > lo && zc_is_re_space((unsigned char)w[-1]))
			w--;
		const char *word = comparison_before(lo, w);
		if (word)
			return (size_t)(word - s);
		while (d < end && *d >= '0' && *d <= '9')
			d++;
	}
	return len;
}

/*
 * The start of the character that ends at p, not before lo: where
 * zc_utf8_prev moves in valid UTF-8 (which the text is), found without
 * decoding the character.
 */
static const char *char_before(const char *p, const char *lo)
{
	const char *q = p - 1;
	while (q > lo && ((unsigned char)*q & 0xC0) == 0x80 && p - q < 4)
		q--;
	return q;
}

/* Is the character c[0..p) one that ends a metric read backwards: ， 。 ；
 * , or ;? */
static bool ends_metric(const char *c, const char *p)
{
	if (p - c == 1)
		return *c == ',' || *c == ';';
	return p - c == 3 && (!memcmp(c, "，", 3) || !memcmp(c, "。", 3) || !memcmp(c, "；", 3));
}

/* A unit as written, full-width ％ as %. */
static char *unit_dup(const char *u, size_t len)
{
	bool fullwidth = len == 3 && !memcmp(u, "％", 3);
	return zc_strndup(fullwidth ? "%" : u, fullwidth ? 1 : len);
}

/*
 * A range (营业收入在5000万元至5亿元之间) as two thresholds on the same metric:
 * >= the low end and <= the high end, each in its own unit (the low end
 * takes the high end's when it has none). Returns the conditions added (0
 * or 2) or a negative errno.
 */
static int range_conditions(struct zc_ctx *ctx, const char *s, size_t len)
{
	struct zc_match m;
	size_t from = range_from(s, len);
	if (from == len || !zc_re_find(&range_re, s, len, from, &m))
		return 0;
	int unit_lo = zc_match_has(&m, 3) ? 3 : 5;
	for (int end = 0; end < 2; end++) {
		int g = end ? 4 : 2, u = end ? 5 : unit_lo;
		struct zc_condition c = {.type = ZC_COND_THRESHOLD, .has_value = 1};
		c.metric = metric_of(s + m.start[1], zc_match_len(&m, 1));
		c.op = zc_strndup(end ? "<=" : ">=", 2);
		c.value = number_of(s + m.start[g]);
		c.unit = unit_dup(s + m.start[u], zc_match_len(&m, u));
		int r = push(ctx, &c, s, len);
		if (r < 0)
			return r;
	}
	return 2;
}

/*
 * Intellectual property the applicant must own: 拥有4项以上…发明专利, 5件以上
 * Ⅱ类知识产权 (a threshold in 项 whose metric names the kind), or, without a
 * number, 获得…知识产权的所有权 (at least one). Returns 1 when a condition was
 * added, 0 when none, or a negative errno.
 */
static int ip_condition(struct zc_ctx *ctx, const struct sentence *st, bool has_digit, bool in_section)
{
	const char *s = st->s;
	size_t len = st->len;
	if (!holds(st, "知识产权") && !holds(st, "专利") && !holds(st, "著作权"))
		return 0;
	struct zc_match m;
	struct zc_condition c = {.type = ZC_COND_THRESHOLD, .has_value = 1, .value = 1};
	if (has_digit && zc_re_find(&ip_count_re, s, len, 0, &m)) {
		c.value = strtod(s + m.start[1], NULL);
		c.metric = metric_of(s + m.start[2], zc_match_len(&m, 2));
	} else if (in_section && !has_digit && zc_re_find(&ip_owned_re, s, len, 0, &m)) {
		/* no number at all (不少于5项 is a threshold of its own) */
		c.metric = zc_strndup(s + m.start[1], zc_match_len(&m, 1));
	} else {
		return 0;
	}
	c.op = zc_strndup(">=", 2);
	c.unit = zc_strndup("项", strlen("项"));
	int r = push(ctx, &c, s, len);
	return r < 0 ? r : 1;
}

/*
 * A qualification the applicant must hold: a certificate or licence
 * (具备…许可证, 具有…证书（CMA）), an entry in a register (已入库…信息库),
 * being one (…的高新技术企业), or a title named with 认定/取得/入库 in a
 * conditions section; the first two only when must (see type_sentence).
 * Returns 1 when a condition was added, 0 when none, or a negative errno.
 */
static int held_condition(struct zc_ctx *ctx, const struct sentence *st, bool in_section, bool must, bool not_held)
{
	const char *s = st->s;
	size_t len = st->len;
	struct zc_match m;
	bool found = must && (find(st, &listed_re, 0, &m) || find(st, &certificate_re, 0, &m));
	/* a title named with 认定: unless the sentence says it must not be held (未被认定为…) */
	if (!found && in_section && !not_held)
		found = find(st, &being_re, 0, &m) ||
			((holds(st, "认定") || holds(st, "取得") || holds(st, "入库") || holds(st, "评为") ||
			  holds(st, "有效期") || holds(st, "获得")) &&
			 zc_re_find(&held_re, s, len, 0, &m));
	if (!found)
		return 0;
	struct zc_condition c = {.type = ZC_COND_QUALIFICATION_HELD};
	/* 天津市科技型企业或…国家科技型中小企业: either will do */
	struct zc_match alt;
	const char *or = zc_memstr(s + m.end[0], len - m.end[0], "或");
	if (or && zc_re_find(&held_re, s, len, (size_t)(or - s), &alt) && alt.start[0] <= (size_t)(or - s) + 60) {
		struct zc_buf b;
		zc_buf_init(&b, 0);
		if (zc_buf_add(&b, s + m.start[1], zc_match_len(&m, 1)) == 0 && zc_buf_adds(&b, "或") == 0 &&
		    zc_buf_add(&b, s + alt.start[1], zc_match_len(&alt, 1)) == 0)
			c.object = zc_buf_detach(&b);
		zc_buf_free(&b);
	}
	if (!c.object)
		c.object = zc_strndup(s + m.start[1], zc_match_len(&m, 1));
	/* 已取得…证书满1年: held for at least that long (not at the sentence's
	 * end, where nothing follows) */
	struct zc_match y;
	if (m.end[0] < len && zc_re_find(&held_for_re, s, len, m.end[0], &y))
		c.years = cn_small(s + y.start[1], zc_match_len(&y, 1));
	int r = push(ctx, &c, s, len);
	return r < 0 ? r : 1;
}

/* Move *at to where word first occurs in the sentence from from, if that
 * is before *at. */
static inline __attribute__((always_inline)) void first_of(const struct sentence *st, size_t from, const char *word,
							  size_t *at)
{
	const char *hit = may_hold(st, word) ? zc_memstr(st->s + from, st->len - from, word) : NULL;
	if (hit && (size_t)(hit - st->s) < *at)
		*at = (size_t)(hit - st->s);
}

/*
 * clean_re in the sentence from from. Each of its alternatives starts with
 * a word of its own (无, 未发生, 信用, 诚信状况, 黑名单, 失信被执行人, 没有重大
 * 违法, 良好记录): no match starts before the first of them, and the
 * pattern (no lookbehind) is only run from there, or not at all.
 */
static bool find_clean(const struct sentence *st, size_t from, struct zc_match *m)
{
	size_t at = st->len;
	first_of(st, from, "无", &at);
	first_of(st, from, "未发生", &at);
	first_of(st, from, "信用", &at);
	first_of(st, from, "诚信状况", &at);
	first_of(st, from, "黑名单", &at);
	first_of(st, from, "失信被执行人", &at);
	first_of(st, from, "没有重大违法", &at);
	first_of(st, from, "良好记录", &at);
	return at < st->len && find(st, &clean_re, at, m);
}

/* Type the sentence st, which holds an ASCII digit when has_digit. */
static int type_sentence(struct zc_ctx *ctx, const struct sentence *st, bool in_section, bool has_digit)
{
	const char *s = st->s;
	size_t len = st->len;
	struct zc_match m;
	int r = 0, found = 0;
	if (holds(st, "的，") && zc_re_find(&consequence_re, s, len, 0, &m))
		return 0;
	if (states_no_requirement(st))
		return 0;
	/* In a conditions section, or with a word that makes it one (须为, 应当是
	 * …), a region, a qualification or an industry named is required. */
	size_t ws, we;
	bool must = in_section || zc_words_find(&must_words, s, len, 0, &ws, &we);
	/* years since registration */
	if ((holds(st, "满") || holds(st, "超过") || holds(st, "达到") || holds(st, "以上")) &&
	    find(st, &years_re, 0, &m)) {
		int g = zc_match_has(&m, 1) ? 1 : 4; /* 满N年, or N年以上 */
		struct zc_condition c = {.type = ZC_COND_YEARS_SINCE_REGISTRATION, .has_value = 1};
		c.value = cn_small(s + m.start[g], zc_match_len(&m, g));
		c.unit = zc_strndup(!memcmp(s + m.start[g + 2], "年", 3) ? "年" : "月", 3);
		c.op = zc_strndup(">=", 2);
		if ((r = push(ctx, &c, s, len)) < 0)
			return r;
		found++;
	}
	if ((holds(st, "注册") || holds(st, "登记")) && (r = region_condition(ctx, st, must)) != 0) {
		if (r < 0)
			return r;
		found++;
	}
	if (in_section && find(st, &legal_re, 0, &m)) {
		struct zc_condition c = {.type = ZC_COND_LEGAL_FORM};
		c.object = zc_strndup(s + m.start[1], zc_match_len(&m, 1));
		if ((r = push(ctx, &c, s, len)) < 0)
			return r;
		found++;
	}
	size_t at = 0, from;
	/* Cheap tests first: the patterns below start with a lazy run of any
	 * characters, which is slow to try at every position of every sentence. */
	while (has_digit && (from = threshold_from(s, len, at)) < len && find(st, &threshold_re, from, &m)) {
		size_t prev_end = at;
		at = m.end[0];
		const char *after = zc_match_has(&m, 4) ? s + m.start[4] : "";
		const char *op = op_of(s + m.start[1], zc_match_len(&m, 1), after, zc_match_len(&m, 4));
		if (!op)
			continue;
		/* The metric: back from the comparison word to a comma or the previous match. */
		size_t ms = m.start[0];
		int chars = 0;
		while (ms > prev_end && chars < 40) {
			const char *c = char_before(s + ms, s + prev_end);
			if (ends_metric(c, s + ms))
				break;
			ms = (size_t)(c - s);
			chars++;
		}
		if (chars < 2)
			continue;
		struct zc_condition c = {.type = ZC_COND_THRESHOLD, .has_value = 1};
		c.metric = metric_of(s + ms, m.start[0] - ms);
		c.op = zc_strndup(op, strlen(op));
		c.value = number_of(s + m.start[2]);
		const char *u = s + m.start[3];
		bool fullwidth = zc_match_len(&m, 3) == 3 && !memcmp(u, "％", 3);
		c.unit = zc_strndup(fullwidth ? "%" : u, fullwidth ? 1 : zc_match_len(&m, 3));
		if ((r = push(ctx, &c, s, len)) < 0)
			return r;
		found++;
	}
	if (has_digit && holds(st, "在") && (r = range_conditions(ctx, s, len)) != 0) {
		if (r < 0)
			return r;
		found += r;
	}
	bool ip = false;
	if ((r = ip_condition(ctx, st, has_digit, in_section)) != 0) {
		if (r < 0)
			return r;
		found++;
		ip = true;
	}
	if (!at && !ip && has_digit && (holds(st, "以上") || holds(st, "以下")) &&
	    (from = amount_above_from(s, len)) < len && zc_re_find(&amount_above_re, s, len, from, &m)) {
		struct zc_condition c = {.type = ZC_COND_THRESHOLD, .has_value = 1};
		c.metric = metric_of(s + m.start[1], zc_match_len(&m, 1));
		const char *op = op_of("", 0, s + m.start[4], zc_match_len(&m, 4));
		c.op = zc_strndup(op, strlen(op));
		c.value = number_of(s + m.start[2]);
		c.unit = zc_strndup(s + m.start[3], zc_match_len(&m, 3));
		if ((r = push(ctx, &c, s, len)) < 0)
			return r;
		found++;
	}
	bool not_held = (holds(st, "未") || holds(st, "不得") || holds(st, "不属于")) &&
			find(st, &not_held_re, 0, &m);
	if (not_held) {
		struct zc_condition c = {.type = ZC_COND_QUALIFICATION_NOT_HELD, .negated = 1};
		c.object = zc_strndup(s + m.start[1], zc_match_len(&m, 1));
		if ((r = push(ctx, &c, s, len)) < 0)
			return r;
		found++;
	}
	/* both may hold: 须为已入库…的企业，且未被列入…名单 */
	if ((r = held_condition(ctx, st, in_section, must, not_held)) != 0) {
		if (r < 0)
			return r;
		found++;
	}
	/* 未列入失信被执行人名单 alone is a list (qualification_not_held above),
	 * not the whole record: such matches are passed over */
	bool clean = (in_section || not_held) && find_clean(st, 0, &m);
	while (clean && not_held &&
	       (zc_starts_with(s + m.start[0], zc_match_len(&m, 0), "失信被执行人") ||
		zc_starts_with(s + m.start[0], zc_match_len(&m, 0), "黑名单")))
		clean = find_clean(st, m.end[0], &m);
	if (in_section && clean) {
		struct zc_condition c = {.type = ZC_COND_CLEAN_RECORD};
		struct zc_match y;
		if (zc_re_find(&years_back_re, s, len, 0, &y))
			c.years = cn_small(s + y.start[1], zc_match_len(&y, 1));
		if ((r = push(ctx, &c, s, len)) < 0)
			return r;
		found++;
	}
	if (must && find(st, &industrial_re, 0, &m)) {
		struct zc_condition c = {.type = ZC_COND_INDUSTRY};
		c.object = zc_strndup(s + m.start[1], zc_match_len(&m, 1));
		if ((r = push(ctx, &c, s, len)) < 0)
			return r;
		found++;
	}
	if (in_section && (holds(st, "行业") || holds(st, "领域") || holds(st, "产业")) &&
	    zc_re_find(&industry_re, s, len, 0, &m)) {
		int g = zc_match_has(&m, 1) ? 1 : 2;
		struct zc_condition c = {.type = ZC_COND_INDUSTRY};
		c.object = zc_strndup(s + m.start[g], zc_match_len(&m, g));
		if ((r = push(ctx, &c, s, len)) < 0)
			return r;
		found++;
	}
	if (has_digit &&
	    (holds(st, "建成") || holds(st, "注册") || holds(st, "成立") || holds(st, "投产") || holds(st, "认定")) &&
	    find(st, &date_cond_re, 0, &m)) {
		struct zc_condition c = {.type = ZC_COND_DATE};
		c.object = zc_strndup(s + m.start[0], zc_match_len(&m, 0));
		if ((r = push(ctx, &c, s, len)) < 0)
			return r;
		found++;
	}
	if (!found && in_section && len >= 12) {
		struct zc_condition c = {.type = ZC_COND_OTHER};
		return push(ctx, &c, s, len);
	}
	return 0;
}

/* Does the text at c (six bytes readable) start with 条件, 资格, 范围 or 对象? */
static bool heading_word_at(const char *c)
{
	return !memcmp(c, "条件", 6) || !memcmp(c, "资格", 6) || !memcmp(c, "范围", 6) || !memcmp(c, "对象", 6);
}

#if defined(__SSE2__)
static inline __m128i bytes_eq(__m128i v, unsigned char c)
{
	return _mm_cmpeq_epi8(v, _mm_set1_epi8((char)c));
}

/*
 * The bytes of the sixteen at p (eighteen readable) whose first and third
 * bytes are those of 条 (E6 . A1), 资 范 (E8 . 84, 83) or 对 (E5 . B9), as
 * a mask: where one of heading_word_at's words may start.
 */
static unsigned may_start_heading_word(const char *p)
{
	__m128i b0 = _mm_loadu_si128((const __m128i *)(const void *)p);
	__m128i b2 = _mm_loadu_si128((const __m128i *)(const void *)(p + 2));
	__m128i tiao = _mm_and_si128(bytes_eq(b0, 0xE6), bytes_eq(b2, 0xA1));
	__m128i zi_fan = _mm_and_si128(bytes_eq(b0, 0xE8), _mm_or_si128(bytes_eq(b2, 0x84), bytes_eq(b2, 0x83)));
	__m128i dui = _mm_and_si128(bytes_eq(b0, 0xE5), bytes_eq(b2, 0xB9));
	return (unsigned)_mm_movemask_epi8(_mm_or_si128(tiao, _mm_or_si128(zi_fan, dui)));
}

/* Does one of heading_word_at's words start at p + k, for a bit k of mask,
 * and end by end? */
static bool heading_word_in(const char *p, unsigned mask, const char *end)
{
	for (; mask; mask &= mask - 1) {
		const char *c = p + __builtin_ctz(mask);
		if (end - c >= 6 && heading_word_at(c))
			return true;
	}
	return false;
}
#endif

/*
 * Does s[0..len) hold 条件, 资格, 对象 or 范围? A conditions heading names
 * one of them, whatever comes before (申报条件, 入库企业条件, 资格要求,
 * 支持对象, 申报范围). Read once: where SSE2 allows, sixteen bytes at a
 * time (the last bytes as the block that ends at the end, less those read
 * already), looking closely only where a word's first character may be;
 * else character by character. Either is cheaper on a short paragraph
 * than a search for each word. The text is valid UTF-8: a byte
 * 0xE5, 0xE6 or 0xE8 only starts a character.
 */
static bool names_conditions(const char *s, size_t len)
{
#if defined(__SSE2__)
	if (len >= 18) {
		const char *p = s, *end = s + len;
		for (; end - p >= 18; p += 16)
			if (heading_word_in(p, may_start_heading_word(p), end))
				return true;
		if (p == end)
			return false;
		const char *q = end - 18;
		unsigned unread = ~((1u << (p - q)) - 1); /* p - q is 1..17 */
		return heading_word_in(q, may_start_heading_word(q) & unread, end);
	}
#endif
	const unsigned char *u = (const unsigned char *)s;
	for (size_t i = 0; i + 6 <= len; i += (u[i] & 0xF0) == 0xE0 ? 3 : 1)
		if ((u[i] == 0xE5 || u[i] == 0xE6 || u[i] == 0xE8) && heading_word_at(s + i))
			return true;
	return false;
}

/* Is paragraph p a heading of a conditions section? (the words first: they
 * reject most short paragraphs, before the list marker is looked for) */
static bool condition_heading(const struct zc_span *p)
{
	return p->len <= 60 && names_conditions(p->s, p->len) && zc_starts_with_marker(p->s, p->len) &&
	       !zc_memstr(p->s, p->len, "。");
}

/* A top-level heading (一、…) ends the section; list items inside it do not. */
static struct zc_re top_heading_re = ZC_RE("^[一二三四五六七八九十]{1,3}\\s*[、.．]");

/* Does s[0..len) start with a top-level heading's marker? (its first
 * character, tested before the pattern, must be a numeral) */
static bool top_heading_at(const char *s, size_t len)
{
	struct zc_match m;
	return starts_with_cn_numeral(s, len) && zc_re_find(&top_heading_re, s, len, 0, &m);
}

static bool heading(const struct zc_span *p)
{
	return p->len <= 90 && top_heading_at(p->s, p->len) && !zc_memstr(p->s, p->len, "。");
}

/*
 * One band of a threshold tiered by revenue: 最近一年销售收入小于5000万元（含）的企业，
 * 比例不低于5%; 5000万元至2亿元（含）的，不低于4%; 2亿元以上的，不低于3%.
 * Groups: 1 the bound word, 2–3 the first amount, 4–5 the second (a range),
 * 6 以上/以下, 7 the percentage.
 */
static struct zc_re tier_re = ZC_RE(
	"(小于|低于|不超过|不足|在)?\\s*(\\d{1,3}(?:,\\d{3})+(?:\\.\\d+)?|\\d+(?:\\.\\d+)?)\\s*(万元|亿元)\\s*(?:[（(]含[）)])?\\s*"
	"(?:(?:至|到|-|—|～)\\s*(\\d{1,3}(?:,\\d{3})+(?:\\.\\d+)?|\\d+(?:\\.\\d+)?)\\s*(万元|亿元)\\s*(?:[（(]含[）)])?)?\\s*(以上|以下)?\\s*"
	"(?:的企业|的)\\s*[，,]\\s*(?:[^，,；;。]{0,12}?)不低于\\s*(\\d{1,3}(?:,\\d{3})+(?:\\.\\d+)?|\\d+(?:\\.\\d+)?)\\s*[%％]");

static double wan_of(const char *num, const char *unit)
{
	return number_of(num) * (!strncmp(unit, "亿元", strlen("亿元")) ? 10000.0 : 1.0);
}

/*
 * A paragraph holding a threshold tiered by revenue (two bands or more)
 * becomes one condition with its tiers; *lo and *hi are set to the span
 * the bands cover, whose sentences then state nothing more. Returns 1 when
 * added, 0 when the paragraph has no tiers, or a negative errno.
 */
static int tiered_condition(struct zc_ctx *ctx, const struct zc_span *p, const char **lo, const char **hi)
{
	struct zc_match m;
	/* words a paragraph of bands holds: its ratio's, and the units of a band's amounts */
	if (!zc_memstr(p->s, p->len, "比例") || !zc_memstr(p->s, p->len, "不低于") ||
	    (!zc_memstr(p->s, p->len, "万元") && !zc_memstr(p->s, p->len, "亿元")))
		return 0;
	struct zc_condition c = {.type = ZC_COND_THRESHOLD, .has_value = 1};
	size_t at = 0, first = SIZE_MAX, last = 0;
	while (c.n_tiers < ZC_MAX_TIERS && zc_re_find(&tier_re, p->s, p->len, at, &m)) {
		at = m.end[0];
		struct zc_tier t = {NAN, NAN, number_of(p->s + m.start[7])};
		const char *word = zc_match_has(&m, 1) ? p->s + m.start[1] : "";
		const char *dir = zc_match_has(&m, 6) ? p->s + m.start[6] : "";
		double a = wan_of(p->s + m.start[2], p->s + m.start[3]);
		if (zc_match_has(&m, 4))
			t.from_wan = a, t.to_wan = wan_of(p->s + m.start[4], p->s + m.start[5]);
		else if ((word[0] && strncmp(word, "在", strlen("在"))) || !strncmp(dir, "以下", strlen("以下")))
			t.to_wan = a;
		else if (!strncmp(dir, "以上", strlen("以上")))
			t.from_wan = a;
		else
			return 0; /* a band not understood: the tiers would be wrong */
		c.tiers[c.n_tiers++] = t;
		first = first < m.start[0] ? first : m.start[0];
		last = m.end[0];
	}
	if (c.n_tiers < 2)
		return 0;
	/* the ratio named before the bands: 近三个会计年度研究开发费用总额占同期销售收入总额的比例 */
	const char *ratio = NULL;
	for (const char *q = p->s; (q = zc_memstr(q, (size_t)(p->s + first - q), "比例")); q += strlen("比例"))
		ratio = q;
	c.metric = ratio ? metric_of(p->s, (size_t)(ratio - p->s) + strlen("比例")) : zc_strndup("比例", strlen("比例"));
	c.op = zc_strndup(">=", 2);
	c.unit = zc_strndup("%", 1);
	c.value = c.tiers[0].value;
	*lo = p->s + first;
	*hi = p->s + last;
	int r = push(ctx, &c, p->s, p->len);
	return r < 0 ? r : 1;
}

/* 三、供应商资格：1.具有… — a conditions heading inside a paragraph, as flat pages have them. */
static struct zc_re inline_heading_re = ZC_RE_NEED(
	"[一二三四五六七八九十]{1,3}\\s*[、.．]\\s*(?:申报|申请|入库|认定|参评|推荐|基本|准入|投标人|供应商)?"
	"(?:条件|资格|要求)\\s*[：:]",
	"条件", "资格", "要求");

/* Does the text s[..at) end with 条件, 资格 or 要求, spaces aside? */
static bool heading_word_before(const char *s, const char *at)
{
	while (at > s && zc_is_re_space(at[-1]))
		at--;
	static const char *const words[] = {"条件", "资格", "要求"};
	for (size_t k = 0; k < sizeof(words) / sizeof(words[0]); k++)
		if (at - s >= 6 && !memcmp(at - 6, words[k], 6))
			return true;
	return false;
}

/*
 * Can inline_heading_re match in s[0..len), whose first ： is at colon?
 * Every match ends with 条件, 资格 or 要求 and a colon (： or :): looking
 * behind each colon is cheaper than the pattern's search for the words.
 */
static bool may_open_inline_heading(const char *s, size_t len, const char *colon)
{
	const char *end = s + len;
	for (const char *q = colon; q; q = zc_memstr(q + 3, (size_t)(end - q - 3), "："))
		if (heading_word_before(s, q))
			return true;
	for (const char *q = s; (q = memchr(q, ':', (size_t)(end - q))); q++)
		if (heading_word_before(s, q))
			return true;
	return false;
}

/*
 * A sentence of a paragraph as the tests before typing it see it: where
 * it ends and which of the characters they look for it holds.
 */
struct sentence_marks {
	const char *end;   /* its 。 or ；, or the paragraph's end */
	const char *colon; /* its first ：, or NULL */
	bool man, wei;     /* 满, 未 */
	bool zhuce;        /* 注册 */
	bool digit;        /* an ASCII digit */
};

/* Note the character at c, before e; true when it ends the sentence. Only
 * characters whose first byte is 0xE3, 0xE6 or 0xEF (those of the
 * characters looked for) can be noted. */
static bool mark_char(const char *c, const char *e, struct sentence_marks *sm)
{
	switch ((unsigned char)c[0]) {
	case 0xE3: /* 。 */
	case 0xEF: /* ； ： */
		if (!memcmp(c, "。", 3) || !memcmp(c, "；", 3)) {
			sm->end = c;
			return true;
		}
		if (!memcmp(c, "：", 3) && !sm->colon)
			sm->colon = c;
		break;
	default: /* 满 未 注 */
		sm->man |= !memcmp(c, "满", 3);
		sm->wei |= !memcmp(c, "未", 3);
		sm->zhuce |= e - c >= 6 && !memcmp(c, "注册", 6);
		break;
	}
	return false;
}

static bool marked_lead(unsigned char b)
{
	return b == 0xE3 || b == 0xE6 || b == 0xEF;
}

#if defined(__SSE2__)
/*
 * The bytes of the sixteen at p (eighteen readable) that may start a
 * character mark_char notes, as a mask: a first byte and a third byte
 * that are those of one of 。(E3 . 82), ；：(EF . 9B, 9A) or 满未注
 * (E6 . A1, AA, A8). Few other characters have them, so few positions are
 * looked at closely.
 */
static unsigned may_mark(const char *p)
{
	__m128i b0 = _mm_loadu_si128((const __m128i *)(const void *)p);
	__m128i b2 = _mm_loadu_si128((const __m128i *)(const void *)(p + 2));
	__m128i stop = _mm_and_si128(bytes_eq(b0, 0xE3), bytes_eq(b2, 0x82));
	__m128i colon = _mm_and_si128(bytes_eq(b0, 0xEF), bytes_eq(_mm_or_si128(b2, _mm_set1_epi8(1)), 0x9B));
	__m128i han = _mm_and_si128(bytes_eq(b0, 0xE6),
				    _mm_or_si128(bytes_eq(b2, 0xA1), _mm_or_si128(bytes_eq(b2, 0xAA), bytes_eq(b2, 0xA8))));
	return (unsigned)_mm_movemask_epi8(_mm_or_si128(stop, _mm_or_si128(colon, han)));
}

/* The ASCII digits among the sixteen bytes at p, as a mask. */
static unsigned digits_at(const char *p)
{
	__m128i t = _mm_sub_epi8(_mm_loadu_si128((const __m128i *)(const void *)p), _mm_set1_epi8('0'));
	/* t <= 9, unsigned, exactly for the bytes '0'..'9' */
	return (unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(_mm_min_epu8(t, _mm_set1_epi8(9)), t));
}

/*
 * Note the characters of a block at p whose starts are in marks and the
 * digits in it (digits, a bit a byte) up to the first that ends the
 * sentence; true when one does.
 */
static bool mark_block(const char *p, unsigned marks, unsigned digits, const char *end, struct sentence_marks *sm)
{
	for (; marks; marks &= marks - 1) {
		unsigned k = (unsigned)__builtin_ctz(marks);
		if (mark_char(p + k, end, sm)) {
			sm->digit |= (digits & ((1u << k) - 1)) != 0;
			return true;
		}
	}
	sm->digit |= digits != 0;
	return false;
}
#endif

/*
 * Read the sentence from s to the first 。 or ； before end, noting the
 * characters tested before it is typed and whether it holds a digit: one
 * pass in place of a search for each, most of which would read the whole
 * sentence for a character it does not hold. Where SSE2 allows, sixteen
 * bytes are read at a time, and the characters that may be noted found
 * among them (may_mark); the last bytes are read as the block that ends
 * at end, less those already read. The text is valid UTF-8: a byte
 * 0xE0..0xEF only starts a character, of three bytes ending within the
 * paragraph.
 */
static void mark_sentence(const char *s, const char *end, struct sentence_marks *sm)
{
	*sm = (struct sentence_marks){.end = end};
	const char *p = s;
#if defined(__SSE2__)
	if (end - s >= 18) {
		for (; end - p >= 18; p += 16)
			if (mark_block(p, may_mark(p), digits_at(p), end, sm))
				return;
		if (p < end) {
			const char *q = end - 18;
			unsigned unread = ~((1u << (p - q)) - 1); /* p - q is 1..17 */
			/* starts at q + 16 and q + 17 would end past end */
			(void)mark_block(q, may_mark(q) & unread, (digits_at(q) | digits_at(q + 2) << 2) & unread, end, sm);
		}
		return;
	}
#endif
	for (; p < end; p++) {
		if (marked_lead((unsigned char)*p) && mark_char(p, end, sm))
			return;
		sm->digit |= *p >= '0' && *p <= '9';
	}
}

/*
 * Does the sentence s[0..len), marked sm (digit: it holds an ASCII digit),
 * state a condition outside a conditions section? With a digit, 满 or 未,
 * when it holds one of condition_words; with 注册, one of must_words.
 */
static bool states_condition(const char *s, size_t len, bool digit, const struct sentence_marks *sm)
{
	size_t ws, we;
	return ((digit || sm->man || sm->wei) && zc_words_find(&condition_words, s, len, 0, &ws, &we)) ||
	       (sm->zhuce && zc_words_find(&must_words, s, len, 0, &ws, &we));
}

int zc_x_conditions(struct zc_ctx *ctx)
{
	bool in_section = false;
	int r = 0;
	for (size_t i = ctx->body_start; i < ctx->end && r == 0; i++) {
		const struct zc_span *p = &ctx->paras[i];
		if (condition_heading(p)) {
			in_section = true;
			continue;
		}
		else if (in_section && heading(p))
			in_section = false;
		if (ctx->sig_date != SIZE_MAX && i >= ctx->sig_first)
			break;
		/* Sentences: split at 。 and ；. */
		const char *s = p->s, *end = p->s + p->len;
		bool inline_section = false; /* after an inline heading in this paragraph */
		/* The bands of a tiered threshold, looked for in a conditions
		 * section, or in a paragraph that says 符合要求: there when the
		 * first sentence is read. (Sentences passed over before it had no
		 * effect, band or not, and no condition came before the tiers'.) */
		const char *tier_lo = NULL, *tier_hi = NULL;
		bool tiers_known = false;
		while (s < end && r == 0) {
			struct sentence_marks sm;
			mark_sentence(s, end, &sm);
			const char *e = sm.end, *next = e < end ? e + 3 : end;
			size_t len = (size_t)(e - s);
			/* Outside a conditions section only sentences with a word that
			 * states a condition are read, or those that may open an inline
			 * heading (a heading word before a colon). Both are told before
			 * trimming: the words hold no space, so the sentence holds one
			 * trimmed or not (and its length then passes 6), and the spaces
			 * trimmed hold no colon and no heading word. */
			bool states = false;
			if (!in_section && !inline_section) {
				states = states_condition(s, len, sm.digit, &sm);
				if (!states && !(sm.colon && may_open_inline_heading(s, len, sm.colon))) {
					s = next;
					continue;
				}
			}
			if (!tiers_known) {
				tiers_known = true;
				if ((in_section || zc_memstr(p->s, p->len, "符合要求")) &&
				    (r = tiered_condition(ctx, p, &tier_lo, &tier_hi)) < 0)
					return r;
				r = 0;
			}
			if (tier_lo && s < tier_hi && e > tier_lo) {
				s = next; /* a band, read with the tiers */
				continue;
			}
			const char *t = zc_trim(s, &len);
			struct zc_match hm;
			bool digit = sm.digit; /* trimming takes spaces only */
			const char *colon = in_section ? NULL : sm.colon; /* trimming keeps it */
			if (colon && may_open_inline_heading(t, len, colon) &&
			    zc_re_find(&inline_heading_re, t, len, 0, &hm)) {
				inline_section = true;
				t += hm.end[0], len -= hm.end[0];
				digit = zc_find_digit(t, len) != NULL;
			} else if (inline_section && top_heading_at(t, len)) {
				inline_section = false; /* 四、磋商文件获取：… */
			}
			/* The marks, of the untrimmed sentence, are those of t: trimming
			 * takes spaces only, and t moves past an inline heading only when
			 * inline_section makes them unneeded. */
			if (len >= 6 && (in_section || inline_section || states || states_condition(t, len, digit, &sm))) {
				struct sentence st;
				sentence_init(&st, t, len);
				r = type_sentence(ctx, &st, in_section || inline_section, digit);
			}
			s = next;
		}
	}
	return r;
}
