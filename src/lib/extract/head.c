/*
 * head.c: the addressees (主送机关), the regions and the category.
 *
 * The addressee line follows the title and 文号 and ends with a colon:
 * "各市工业和信息化局、各有关单位：". It is split into bodies at 、，；
 * outside brackets, so "各州（市）科技局" stays whole.
 *
 * Regions are the GB/T 2260 divisions named in the title, the signature,
 * the addressees, the conditions and the opening of the body (its first
 * 1200 bytes: long lists of places further down name where a programme
 * reaches, not whom the notice is for), most telling first.
 *
 * The category is the digest section the notice was under, else a coarse
 * kind read from the title (招标采购, 公示公告, 申报通知, 名单公布, 政策文件).
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "zhengce/region.h"
#include "extract/internal.h"
#include "utf8.h"
#include "banned.h"

static struct zc_re not_addressee_re = ZC_RE("如下|通知|为了|为进一步|根据|按照|经研究|现将|现就|\\d{4}年|：.");

int zc_x_addressees(struct zc_ctx *ctx)
{
	struct zc_match m;
	ctx->body_start = ctx->head_end;
	size_t limit = ctx->head_end + 4 < ctx->npara ? ctx->head_end + 4 : ctx->npara;
	for (size_t i = ctx->head_end; i < limit; i++) {
		const struct zc_span *p = &ctx->paras[i];
		bool colon = zc_ends_with(p->s, p->len, "：") || zc_ends_with(p->s, p->len, ":");
		if (!colon)
			continue;
		if (p->len > 450 || zc_memstr(p->s, p->len, "。") || zc_starts_with_marker(p->s, p->len) ||
		    zc_re_find(&not_addressee_re, p->s, p->len, 0, &m))
			break;
		size_t len = p->len - (zc_ends_with(p->s, p->len, ":") ? 1 : 3);
		const char *s = p->s, *end = p->s + len, *piece = s;
		int depth = 0, r = 0;
		while (s <= end && r == 0) {
			bool cut = s == end;
			size_t sep = 0;
			if (!cut) {
				const char *q = s;
				uint32_t c = zc_utf8_next(&q, end);
				if (c == 0xFF08 || c == '(')
					depth++;
				else if ((c == 0xFF09 || c == ')') && depth > 0)
					depth--;
				else if (depth == 0 && (c == 0x3001 || c == 0xFF0C || c == 0xFF1B || c == ',' || c == ';'))
					cut = true, sep = (size_t)(q - s);
				if (!cut) {
					s = q;
					continue;
				}
			}
			r = zc_add_clean(&ctx->n->addressees, piece, (size_t)(s - piece));
			if (s == end)
				break;
			s += sep;
			piece = s;
		}
		if (r < 0)
			return r;
		ctx->body_start = i + 1;
		break;
	}
	return 0;
}

static int add_region(struct zc_ctx *ctx, const struct zc_region *rg)
{
	for (size_t i = 0; i < ctx->n->regions.n; i++)
		if (!strcmp(ZC_VEC_AT(&ctx->n->regions, struct zc_region_ref, i).code, rg->code))
			return 0;
	struct zc_region_ref ref = {0};
	size_t cl = strnlen(rg->code, sizeof(ref.code) - 1); /* as snprintf would cut it */
	memcpy(ref.code, rg->code, cl);
	ref.code[cl] = '\0';
	ref.name = zc_strndup(rg->name, strlen(rg->name));
	if (!ref.name || !zc_vec_push(&ctx->n->regions, &ref)) {
		free(ref.name);
		return -ENOMEM;
	}
	return 0;
}

static int scan_regions(struct zc_ctx *ctx, const char *s, size_t len)
{
	const struct zc_region *found[32];
	size_t n = zc_region_scan(s, len, found, 32);
	int r = 0;
	for (size_t i = 0; i < n && r == 0 && ctx->n->regions.n < 32; i++)
		r = add_region(ctx, found[i]);
	return r;
}

int zc_x_regions(struct zc_ctx *ctx)
{
	struct zc_notice *n = ctx->n;
	int r = 0;
	if (n->title)
		r = scan_regions(ctx, n->title, strlen(n->title));
	for (size_t i = 0; i < n->issuers.n && r == 0; i++)
		r = scan_regions(ctx, n->issuers.v[i], strlen(n->issuers.v[i]));
	for (size_t i = 0; i < n->addressees.n && r == 0; i++)
		r = scan_regions(ctx, n->addressees.v[i], strlen(n->addressees.v[i]));
	for (size_t i = 0; i < n->conditions.n && r == 0; i++) {
		const struct zc_condition *c = &ZC_VEC_AT(&n->conditions, struct zc_condition, i);
		if (c->type == ZC_COND_REGISTRATION_REGION && c->object)
			r = scan_regions(ctx, c->object, strlen(c->object));
	}
	size_t to = ctx->end < ctx->npara ? zc_para_offset(ctx, ctx->end) : ctx->len;
	if (to > 1200) {
		to = 1200;
		while (to > 0 && ((unsigned char)ctx->text[to] & 0xC0) == 0x80)
			to--;
	}
	if (r == 0)
		r = scan_regions(ctx, ctx->text, to);
	return r;
}

int zc_x_category(struct zc_ctx *ctx)
{
	struct zc_notice *n = ctx->n;
	if (n->category || !n->title)
		return 0;
	static const struct {
		const char *words[6];
		const char *category;
	} rules[] = {
		{{"招标", "采购", "中标", "成交", "比选", "询价"}, "招标采购"},
		{{"公示", "公告", "通告", NULL}, "公示公告"},
		{{"申报", "征集", "推荐", "遴选", "评选", "报名"}, "申报通知"},
		{{"名单", "公布", "命名", "认定结果", NULL}, "名单公布"},
		{{"印发", "办法", "意见", "规定", "方案", "细则"}, "政策文件"},
		{{"通知", NULL}, "通知"},
	};
	size_t tl = strlen(n->title);
	for (size_t k = 0; k < sizeof(rules) / sizeof(rules[0]); k++)
		for (size_t w = 0; w < 6 && rules[k].words[w]; w++)
			if (zc_memstr(n->title, tl, rules[k].words[w])) {
				n->category = zc_strndup(rules[k].category, strlen(rules[k].category));
				return n->category ? 0 : -ENOMEM;
			}
	return 0;
}
