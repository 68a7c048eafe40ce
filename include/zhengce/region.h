/*
 * region.h: China's administrative divisions (GB/T 2260 codes) and the
 * lookup of regions named in notice text.
 *
 * The table (data/regions/regions.tsv, built into the library) holds the
 * province level (level 1: 省, 自治区, 直辖市, 特别行政区), the prefecture level
 * (level 2: 地级市, 地区, 自治州, 盟) and the county level (level 3: 市辖区, 县,
 * 县级市, 自治县, 旗 …).  Its source and the rules that derived it are in
 * data/regions/README.md.
 *
 * Ownership: every `const struct zc_region *` handed out points into a
 * static, read-only table: it lives as long as the program, is shared by all
 * callers and must not be freed or modified.  Likewise all its strings.
 * Functions taking a region accept such a pointer (compare them with ==), or
 * any struct whose code names a region (it is then looked up by code).
 *
 * Thread safety: every function is reentrant and may be called from any
 * number of threads at once; the tables are built at compile time, so there
 * is no initialisation step and no mutable global state.
 *
 * Placeholder units: the code table has prefecture-level code containers
 * that are not places: "市辖区" (110100, 120100, 310100, 500100), "县"
 * (500200) and "省直辖县级行政区划"/"自治区直辖县级行政区划" (419000,
 * 429000, 469000, 659000).  zc_region_by_code() returns them, nothing else
 * does: the counties they contain have the province as parent.
 *
 * Strings are UTF-8; names are in simplified Chinese as in the code table.
 */
#ifndef ZHENGCE_REGION_H
#define ZHENGCE_REGION_H

#include <stddef.h>

enum zc_region_level {
	ZC_REGION_PROVINCE = 1,   /* 省级 */
	ZC_REGION_PREFECTURE = 2, /* 地级 */
	ZC_REGION_COUNTY = 3,     /* 县级 */
};

struct zc_region {
	const char *code;       /* 6 ASCII digits, e.g. "130200" */
	const char *name;       /* full name, e.g. "唐山市", "内蒙古自治区" */
	const char *short_name; /* e.g. "唐山", "内蒙古", "延边" (from 延边朝鲜族自治州);
	                         * equal to name when there is none. For counties it
	                         * is informational only: county short names are
	                         * not looked up nor scanned for (too ambiguous). */
	const char *parent_code; /* code of the parent, NULL for provinces */
	int level;               /* enum zc_region_level */
};

/*
 * Number of regions in the table, and the i-th one (0 <= i < count) in
 * ascending code order; zc_region_at() returns NULL when i is out of range.
 */
size_t zc_region_count(void);
const struct zc_region *zc_region_at(size_t i);

/*
 * The region with the given code: exactly six ASCII digits, NUL-terminated
 * ("130200").  Returns NULL for NULL, malformed or unknown codes.
 */
const struct zc_region *zc_region_by_code(const char *code);

/*
 * The region called `name` (NUL-terminated UTF-8, exact match, no
 * surrounding spaces).  Accepted: full names (河北省, 唐山市, 朝阳区), short
 * names of provinces and prefectures (河北, 内蒙古, 新疆, 唐山, 延边), the "…州"
 * form of autonomous prefectures (延边州, 恩施州) and the one-character
 * province abbreviations (京 津 冀 沪 粤 川/蜀 黔/贵 …).
 * When a string names several regions, full names beat short names, and
 * among equals the higher level wins (吉林 -> 吉林省, not 吉林市; 海南 ->
 * 海南省, not 海南藏族自治州); if that still leaves more than one region
 * (朝阳区: Beijing and Changchun) the name is ambiguous.
 * Returns NULL for NULL, unknown or ambiguous names.
 */
const struct zc_region *zc_region_by_name(const char *name);

/*
 * Like zc_region_by_name(), but only regions contained in `within`
 * (see zc_region_contains(), `within` itself included) are considered, so
 * zc_region_by_name_within("朝阳区", 北京市) gives 110105.  With `within`
 * NULL it is zc_region_by_name().  Returns NULL when no region or more than
 * one qualifies.
 */
const struct zc_region *zc_region_by_name_within(const char *name, const struct zc_region *within);

/*
 * The parent of r: a prefecture's province, a county's prefecture (or its
 * province, for counties directly under a province or in a municipality).
 * Returns NULL for provinces and for NULL.
 */
const struct zc_region *zc_region_parent(const struct zc_region *r);

/* The province-level region r belongs to (r itself for a province); NULL for NULL. */
const struct zc_region *zc_region_province(const struct zc_region *r);

/*
 * 1 when `inner` lies within `outer` or is `outer` (河北省 contains 唐山市 and
 * 迁安市; 唐山市 contains 迁安市; a placeholder unit such as 110100 contains the
 * counties whose codes start with its first four digits), else 0.
 * 0 when either is NULL.
 */
int zc_region_contains(const struct zc_region *outer, const struct zc_region *inner);

/*
 * Find the regions mentioned in utf8[0..len) (need not be NUL-terminated;
 * invalid UTF-8 is skipped, never read past len).
 * Stores up to `max` regions into out[], deduplicated, in order of first
 * mention, and returns the number of distinct regions found, which may be
 * larger than max (then only the first max are stored; call again with a
 * bigger array to get all).  out may be NULL when max is 0.
 *
 * Matching, leftmost-longest over names of two or more characters:
 *   - full names of all levels (北京市, 唐山市, 滨海新区, 迁安市), the "…州"
 *     form of autonomous prefectures, and short names of provinces and
 *     prefectures (河北, 唐山, 内蒙古). Short names of counties and the
 *     one-character abbreviations are never matched. County names that
 *     are everyday words (城区, 郊区, 矿区, 东区, 西区, 新城区) are skipped.
 *   - Two-character names must stand at a word boundary, to keep 长治 out
 *     of 长治久安 and 安康 out of 幸福安康: a province short name (河北)
 *     needs one on at least one side, any other two-character name (唐山,
 *     忠县) on both sides. A side is a boundary when it is the start/end of
 *     the text, a character that is not a CJK ideograph (punctuation,
 *     ASCII, space, invalid UTF-8), another region name (河北唐山), or a
 *     common function character: before the name one of
 *     在对与和及同跟至赴到从向由于以将把被为是或并暨含括如除自往去来了持助援,
 *     after it one of 等和与及同或并暨的地籍方两各省市区县州盟人企要将已也都共分
 *     率为是作开试实推建打段境内外片域周全北南东西站港自高经.
 *     A two-character name followed by 路 街 巷 大道 or 东/西/南/北/中 + 路/街
 *     is a street (广州市北京路, 中山东路) and is not reported.
 *   - Blocked phrases are consumed without a result: 新疆生产建设兵团 (in the
 *     addressee list of most central notices) does not report 新疆.
 *   - A name shared by several counties (朝阳区) is resolved by the other,
 *     unambiguous, regions of the same text: the candidate whose prefecture
 *     is mentioned (a prefecture itself or a county in it), else whose
 *     province is mentioned, if exactly one qualifies; otherwise it is
 *     skipped.
 * Example: "北京市、天津市、河北省石家庄、唐山" gives 110000, 120000, 130000,
 * 130100, 130200.
 * Cost: linear in len, no allocation, about 9 KiB of stack.
 */
size_t zc_region_scan(const char *utf8, size_t len, const struct zc_region **out, size_t max);

/*
 * Members of a regional grouping named in notices, at the level the policy
 * documents define it:
 *   京津冀 (京津冀地区)             北京市, 天津市, 河北省
 *   长三角 (长三角地区, 长江三角洲) 上海市, 江苏省, 浙江省, 安徽省
 *   珠三角 (珠三角地区, 珠江三角洲) 广州 深圳 珠海 佛山 江门 东莞 中山 惠州 肇庆市
 *   汾渭平原                        晋中 运城 临汾 吕梁 洛阳 三门峡 西安 铜川
 *                                   宝鸡 咸阳 渭南市 (杨凌示范区 has no code)
 *   成渝 (成渝地区, 成渝地区双城经济圈) 重庆市, 四川省 (the enclosing
 *                                   provinces: the circle covers parts of both)
 * Stores up to max members into out[] (in the order above) and returns the
 * number of members, 0 when the grouping is unknown (or name is NULL).
 * out may be NULL when max is 0.
 */
size_t zc_region_group(const char *name, const struct zc_region **out, size_t max);

#endif
