/*
 * split.h: stage 3 of the pipeline, a text → its notices.
 *
 * A digest or a page can hold several notices. A new notice starts
 *   - after a digest section tag ([政策文件], [申报通知] …), which also gives
 *     the category of the notices that follow it; or
 *   - at a notice title (…的通知, …公告, …公示) once the current notice has
 *     ended (its signature date, 特此通知, or a 相关链接/原文链接 line), when
 *     the title is followed by a 文号, an addressee line or body text, and
 *     is not the title of a document the current notice forwards or issues
 *     (转发/印发《…》).
 * So a single notice stays one notice even when it holds an inner heading
 * (招标公告) or the forwarded notice's own title.
 */
#ifndef ZHENGCE_SPLIT_H
#define ZHENGCE_SPLIT_H

#include <stddef.h>

struct zc_doc;

struct zc_part {
	size_t first; /* first line (index into doc->lines) */
	size_t last;  /* one past the last line */
	char *category; /* from the section tag before it, or NULL; owned */
};

/*
 * Split doc (with furniture marked) into parts, appended to *parts
 * (struct zc_part). Parts without any text are not produced.
 * Returns 0 or -ENOMEM. Free each part's category.
 */
struct zc_vec;
int zc_split(const struct zc_doc *doc, struct zc_vec *parts);

/*
 * Where the notice of `part` really ends: after its signature date, the
 * first line of site chrome (copyright, share bar, disclaimer) ends the
 * page's notice, and nothing after it belongs to the notice. Returns the
 * new end line (<= part->last).
 */
size_t zc_split_trim_tail(const struct zc_doc *doc, const struct zc_part *part);

#endif
