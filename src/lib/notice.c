/* notice.c: life cycle of struct zc_notice and the names of its enums. */
#include <stdlib.h>
#include <string.h>

#include "zhengce/notice.h"
#include "banned.h"

void zc_notice_init(struct zc_notice *n)
{
	memset(n, 0, sizeof(*n));
	n->cited.size = sizeof(struct zc_cited);
	n->dates.size = sizeof(struct zc_date_ref);
	n->windows.size = sizeof(struct zc_window);
	n->contacts.size = sizeof(struct zc_contact);
	n->conditions.size = sizeof(struct zc_condition);
	n->amounts.size = sizeof(struct zc_amount);
	n->regions.size = sizeof(struct zc_region_ref);
}

void zc_notice_free(struct zc_notice *n)
{
	if (!n)
		return;
	free(n->title);
	free(n->category);
	free(n->doc_number);
	zc_strv_free(&n->issuers);
	zc_strv_free(&n->addressees);
	for (size_t i = 0; i < n->cited.n; i++) {
		struct zc_cited *c = &ZC_VEC_AT(&n->cited, struct zc_cited, i);
		free(c->title);
		free(c->doc_number);
	}
	for (size_t i = 0; i < n->dates.n; i++)
		free(ZC_VEC_AT(&n->dates, struct zc_date_ref, i).text);
	for (size_t i = 0; i < n->windows.n; i++)
		free(ZC_VEC_AT(&n->windows, struct zc_window, i).label);
	for (size_t i = 0; i < n->contacts.n; i++) {
		struct zc_contact *c = &ZC_VEC_AT(&n->contacts, struct zc_contact, i);
		free(c->name);
		free(c->org);
		zc_strv_free(&c->phones);
		zc_strv_free(&c->emails);
	}
	for (size_t i = 0; i < n->conditions.n; i++) {
		struct zc_condition *c = &ZC_VEC_AT(&n->conditions, struct zc_condition, i);
		free(c->text);
		free(c->metric);
		free(c->op);
		free(c->unit);
		free(c->object);
	}
	for (size_t i = 0; i < n->amounts.n; i++)
		free(ZC_VEC_AT(&n->amounts, struct zc_amount, i).text);
	for (size_t i = 0; i < n->regions.n; i++)
		free(ZC_VEC_AT(&n->regions, struct zc_region_ref, i).name);
	zc_vec_free(&n->cited);
	zc_vec_free(&n->dates);
	zc_vec_free(&n->windows);
	zc_vec_free(&n->contacts);
	zc_vec_free(&n->conditions);
	zc_vec_free(&n->amounts);
	zc_vec_free(&n->regions);
	zc_strv_free(&n->phones);
	zc_strv_free(&n->emails);
	zc_strv_free(&n->urls);
	zc_strv_free(&n->addresses);
	zc_strv_free(&n->postcodes);
	zc_strv_free(&n->attachments);
	free(n->text);
	free(n->source_file);
	zc_notice_init(n);
}

const char *zc_date_role_name(enum zc_date_role role)
{
	static const char *const names[] = {
		[ZC_DATE_MENTION] = "mention",           [ZC_DATE_DEADLINE] = "deadline",
		[ZC_DATE_WINDOW_START] = "window_start", [ZC_DATE_WINDOW_END] = "window_end",
		[ZC_DATE_EVENT] = "event",               [ZC_DATE_CONDITION] = "condition",
		[ZC_DATE_ISSUED] = "issued",
	};
	return (unsigned)role < sizeof(names) / sizeof(names[0]) ? names[role] : "mention";
}

const char *zc_condition_type_name(enum zc_condition_type type)
{
	static const char *const names[] = {
		[ZC_COND_OTHER] = "other",
		[ZC_COND_REGISTRATION_REGION] = "registration_region",
		[ZC_COND_YEARS_SINCE_REGISTRATION] = "years_since_registration",
		[ZC_COND_LEGAL_FORM] = "legal_form",
		[ZC_COND_THRESHOLD] = "threshold",
		[ZC_COND_QUALIFICATION_HELD] = "qualification_held",
		[ZC_COND_QUALIFICATION_NOT_HELD] = "qualification_not_held",
		[ZC_COND_CLEAN_RECORD] = "clean_record",
		[ZC_COND_INDUSTRY] = "industry",
		[ZC_COND_DATE] = "date",
	};
	return (unsigned)type < sizeof(names) / sizeof(names[0]) ? names[type] : "other";
}
