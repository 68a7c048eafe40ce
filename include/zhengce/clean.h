/*
 * clean.h: stage 2a of the pipeline, character-level normalisation.
 *
 * Normalise what carries no meaning and keep what does:
 *   - line ends → \n; tabs, NBSP, U+3000 and other spaces → ' ';
 *     zero-width characters removed;
 *   - full-width digits, letters and ASCII symbols → ASCII, while Chinese
 *     punctuation (，。：；！？（）《》〔〕【】～ …) is kept;
 *   - the single spaces PDF-to-text tools put between Chinese and digits
 *     ("2019 年 8 月", "44 号") are removed; runs of spaces, which separate
 *     fields, are kept;
 *   - pinyin glosses that some mirrors add after characters (業(yè)) and
 *     runs of '?' left where a mirror lost characters become a field
 *     separator (two spaces);
 *   - lines where bad OCR put a space between every character
 *     ("关 于 开 展") are closed up.
 * zc_clean_simplify() then folds traditional characters to simplified, with a
 * character table generated from OpenCC's t2s mapping, in place, so that the
 * analysis copy keeps the length and line structure of the display copy.
 */
#ifndef ZHENGCE_CLEAN_H
#define ZHENGCE_CLEAN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "zhengce/buf.h"

/* Append the normalised form of UTF-8 text in[0..len) to out; a byte that is not
 * UTF-8 becomes U+FFFD. Returns 0 or -ENOMEM/-E2BIG. */
int zc_clean_normalize(const char *in, size_t len, struct zc_buf *out);
/* The same for text known to be valid UTF-8 (as zc_decoder_feed and the HTML reader
 * give it; other text may keep bad bytes, but is read within its bounds), and sets
 * *saw_traditional (never clears it) when the text holds a traditional-only character.
 * It is read first: when already true, no character is looked up (faster). */
int zc_clean_normalize_ex(const char *in, size_t len, struct zc_buf *out, bool *saw_traditional);

/* True when s[0..len) holds a character that only traditional Chinese uses. */
bool zc_clean_has_traditional(const char *s, size_t len);

/*
 * Append the simplified-Chinese form of in[0..len) to out: lines without
 * traditional characters are copied unchanged, others are folded character
 * by character (same byte length). Sets *changed when any character was
 * folded. Returns 0 or -ENOMEM/-E2BIG. Thread-safe.
 */
int zc_clean_simplify(const char *in, size_t len, struct zc_buf *out, bool *changed);

/*
 * Fold one line s[0..len) in place as zc_clean_simplify() folds a line:
 * when it holds a traditional-only character, every character that has a
 * simplified form is replaced by it (same byte length). Returns true when
 * a byte changed. Thread-safe.
 */
bool zc_clean_fold_line(char *s, size_t len);

/*
 * The search form of one code point: full-width ASCII → ASCII, white space
 * variants → ' ', control characters → ' ', and every character OpenCC's
 * t2s changes into one other character → that character (關 → 关, and
 * 於 → 于, which simplified text also uses, as in names). Text
 * and queries go through the same fold, so a query in either script finds
 * text in either script. Pure function, thread-safe.
 */
uint32_t zc_fold_char(uint32_t c);

#endif
