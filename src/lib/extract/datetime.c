/*
 * datetime.c: the date grammar (see datetime.h).
 * Date atoms in digits are read by hand at each number, those in Chinese
 * numerals by patterns; the characters after an atom are read for a time
 * of day and for a range connector followed by a second atom.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "extract/datetime.h"
#include "re.h"
#include "utf8.h"
#include "banned.h"

/*
 * Dates in digits, the grammar of this pattern, tried in this order at each
 * digit (the first one that reads a date wins):
 *   1. ((?:19|20)\d{2})\s*年\s*年?\s*(\d{1,2})\s*月\s*(\d{1,2})\s*(?:[日号]|(?=RANGE))
 *   2. (?<![\d.])((?:19|20)\d{2})\s*[-./]\s*(\d{1,2})\s*[-./]\s*(\d{1,2})(?!\.\d)
 *   3. (?<![\d年.])(\d{1,2})\s*月\s*(\d{1,2})\s*(?:[日号]|(?=RANGE))
 *   4. (?<![\d.])(\d{1,2})\.(\d{1,2})\.((?:19|20)\d{2})(?!\d)
 * where RANGE is \s*(?:-|—|至|到|～|~)\s*\d{1,2}\s*[日号]. It is read by
 * hand: a pattern called at every number of a notice spent most of its
 * time in the call. Each \s* and \d{1,2} is read greedily, as the pattern
 * does first; giving a digit or a space back would only leave a digit or
 * a space where the pattern wants something else, so backtracking finds
 * nothing more — except before (?!\.\d), where "2019-8-12.5" gives back
 * the 2 and reads 2019-8-1.
 */
struct atom {
	int year; /* 0 when left out */
	int month, day;
	size_t start, end; /* byte span in the text */
};

static bool is_digit(char c)
{
	return c >= '0' && c <= '9';
}

/* \s*: the first byte at or after i that is not white space. */
static size_t skip_spaces(const char *s, size_t len, size_t i)
{
	while (i < len && zc_is_re_space(s[i]))
		i++;
	return i;
}

/* Does the text at i (i <= len) hold the character or word w? */
static bool word_at(const char *s, size_t len, size_t i, const char *w)
{
	size_t n = strlen(w);
	return len - i >= n && !memcmp(s + i, w, n);
}

/* \d{1,2}, greedy: where the number at i ends (i itself when there is
 * none), its value in *v. */
static size_t read_number(const char *s, size_t len, size_t i, int *v)
{
	size_t j = i;
	*v = 0;
	while (j < len && j < i + 2 && is_digit(s[j]))
		*v = *v * 10 + (s[j++] - '0');
	return j;
}

/* (?:19|20)\d{2} at i. */
static bool year_at(const char *s, size_t len, size_t i, int *y)
{
	if (len - i < 4 || !((s[i] == '1' && s[i + 1] == '9') || (s[i] == '2' && s[i + 1] == '0')) ||
	    !is_digit(s[i + 2]) || !is_digit(s[i + 3]))
		return false;
	*y = (s[i] - '0') * 1000 + (s[i + 1] - '0') * 100 + (s[i + 2] - '0') * 10 + (s[i + 3] - '0');
	return true;
}

static bool day_mark_at(const char *s, size_t len, size_t i)
{
	return word_at(s, len, i, "日") || word_at(s, len, i, "号");
}

/* RANGE at i: a connector and a day (the 30日 of 8月1日—30日). */
static bool range_day_at(const char *s, size_t len, size_t i)
{
	static const char *const connectors[] = {"-", "—", "至", "到", "～", "~"};
	i = skip_spaces(s, len, i);
	size_t k = 0, n = sizeof(connectors) / sizeof(connectors[0]);
	while (k < n && !word_at(s, len, i, connectors[k]))
		k++;
	if (k == n)
		return false;
	int day;
	size_t j = skip_spaces(s, len, i + strlen(connectors[k]));
	size_t e = read_number(s, len, j, &day);
	return e > j && day_mark_at(s, len, skip_spaces(s, len, e));
}

/*
 * m月d日 at i, the end of forms 1 and 3: \s*月\s*(\d{1,2})\s*(?:[日号]|(?=RANGE))
 * after the month's number. Returns where the date ends, 0 when it is none.
 */
static size_t read_month_day(const char *s, size_t len, size_t i, struct atom *a)
{
	size_t j = read_number(s, len, i, &a->month);
	if (j == i)
		return 0;
	i = skip_spaces(s, len, j);
	if (!word_at(s, len, i, "月"))
		return 0;
	i = skip_spaces(s, len, i + 3);
	j = read_number(s, len, i, &a->day);
	if (j == i)
		return 0;
	j = skip_spaces(s, len, j);
	if (day_mark_at(s, len, j))
		return j + 3;
	return range_day_at(s, len, j) ? j : 0;
}

/* Form 1: 2019年8月23日 (and 2019 年 年 8 月, a doubled 年). */
static size_t read_ymd_words(const char *s, size_t len, size_t p, struct atom *a)
{
	if (!year_at(s, len, p, &a->year))
		return 0;
	size_t i = skip_spaces(s, len, p + 4);
	if (!word_at(s, len, i, "年"))
		return 0;
	i = skip_spaces(s, len, i + 3);
	if (word_at(s, len, i, "年"))
		i = skip_spaces(s, len, i + 3);
	return read_month_day(s, len, i, a);
}

static bool is_date_sep(char c)
{
	return c == '-' || c == '.' || c == '/';
}

/* Form 2: 2019-8-1, 2019.8.1, 2019/8/1. */
static size_t read_ymd_seps(const char *s, size_t len, size_t p, struct atom *a)
{
	if (!year_at(s, len, p, &a->year))
		return 0;
	size_t i = skip_spaces(s, len, p + 4);
	if (i == len || !is_date_sep(s[i]))
		return 0;
	i = skip_spaces(s, len, i + 1);
	size_t j = read_number(s, len, i, &a->month);
	if (j == i)
		return 0;
	i = skip_spaces(s, len, j);
	if (i == len || !is_date_sep(s[i]))
		return 0;
	i = skip_spaces(s, len, i + 1);
	j = read_number(s, len, i, &a->day);
	if (j == i)
		return 0;
	/* (?!\.\d): a day of two digits gives its second back. */
	if (len - j >= 2 && s[j] == '.' && is_digit(s[j + 1])) {
		if (j - i == 1)
			return 0;
		j--;
		a->day /= 10;
	}
	return j;
}

/* Form 4: 20.07.2016. */
static size_t read_dmy_dots(const char *s, size_t len, size_t p, struct atom *a)
{
	size_t i = read_number(s, len, p, &a->day);
	if (i == len || s[i] != '.')
		return 0;
	size_t j = read_number(s, len, i + 1, &a->month);
	if (j == i + 1 || j == len || s[j] != '.' || !year_at(s, len, j + 1, &a->year))
		return 0;
	j += 5;
	return j < len && is_digit(s[j]) ? 0 : j;
}

/* Form 3: 8月20日, the year left out. */
static size_t read_md_words(const char *s, size_t len, size_t p, struct atom *a)
{
	a->year = 0;
	return read_month_day(s, len, p, a);
}

/* The lookbehind (?<![\d.]) of forms 2 and 4. */
static bool after_digit_or_dot(const char *s, size_t p)
{
	return p > 0 && (is_digit(s[p - 1]) || s[p - 1] == '.');
}

static bool after_year_word(const char *s, size_t p)
{
	return p >= 3 && !memcmp(s + p - 3, "年", 3);
}

/*
 * Every form, and a month's end below, reads a number of one, two or four
 * digits at p, then 年, 月 or a separator [-./], perhaps after white space;
 * and what follows decides which forms may read a date: after 年, only
 * form 1, whose number is a year; after 月, only form 3, of one or two
 * digits; after a separator, forms 2 (a year) and 4 (one or two digits,
 * the dot right after them). What follows the number at p, or NEXT_NONE
 * when no form can read a date there.
 */
enum date_next { NEXT_NONE, NEXT_YEAR, NEXT_MONTH, NEXT_SEP };

static enum date_next date_next(const char *s, size_t len, size_t p)
{
	size_t q = p;
	while (q < len && q - p < 5 && is_digit(s[q]))
		q++;
	size_t digits = q - p, next = skip_spaces(s, len, q);
	if (next == len || digits == 3 || digits == 5)
		return NEXT_NONE;
	if (is_date_sep(s[next]))
		return NEXT_SEP;
	if (word_at(s, len, next, "年"))
		return digits == 4 ? NEXT_YEAR : NEXT_NONE;
	if (word_at(s, len, next, "月"))
		return digits < 4 ? NEXT_MONTH : NEXT_NONE;
	return NEXT_NONE;
}

/* The date in digits that starts at the digit s[p], if any, followed by
 * `next`: the forms in their order, but those that cannot read it there. */
static bool atom_at_digit(const char *s, size_t len, size_t p, enum date_next next, struct atom *a)
{
	bool digit_or_dot_before = after_digit_or_dot(s, p);
	size_t end = 0;
	if (next == NEXT_YEAR)
		end = read_ymd_words(s, len, p, a);
	else if (next == NEXT_SEP && !digit_or_dot_before)
		end = read_ymd_seps(s, len, p, a);
	else if (next == NEXT_MONTH && !digit_or_dot_before && !after_year_word(s, p))
		end = read_md_words(s, len, p, a);
	if (!end && next == NEXT_SEP && !digit_or_dot_before)
		end = read_dmy_dots(s, len, p, a);
	a->start = p;
	a->end = end;
	return end != 0;
}

/*
 * The end of a month, 6月底 or 2023年6月末, at the digit s[p]: the grammar
 *   ((?:19|20)\d{2})\s*年\s*(\d{1,2})\s*月\s*[底末]|(?<![\d年.])(\d{1,2})\s*月\s*[底末]
 * read as the dates above are. A year there leaves no room for the second
 * form, whose number has at most two digits. The day is left to the caller.
 */
static bool month_end_at(const char *s, size_t len, size_t p, struct atom *a)
{
	struct atom e = {.start = p};
	size_t i = p;
	if (year_at(s, len, p, &e.year)) {
		i = skip_spaces(s, len, p + 4);
		if (!word_at(s, len, i, "年"))
			return false;
		i = skip_spaces(s, len, i + 3);
	} else if (after_digit_or_dot(s, p) || after_year_word(s, p)) {
		return false;
	}
	size_t j = read_number(s, len, i, &e.month);
	if (j == i)
		return false;
	j = skip_spaces(s, len, j);
	if (!word_at(s, len, j, "月"))
		return false;
	j = skip_spaces(s, len, j + 3);
	if (!word_at(s, len, j, "底") && !word_at(s, len, j, "末"))
		return false;
	e.end = j + 3;
	*a = e;
	return true;
}

/*
 * The first date in digits that starts in [from, stop) (stop <= len),
 * reading the text up to len; and in *month_end the first end of a month
 * before it (its start SIZE_MAX when there is none). Only two digits of a
 * run of them can start either: its first, and the fourth from its end,
 * where a year may follow other digits (nothing else may: forms 2 to 4 and
 * a month's end without its year look behind for a digit, and a year is
 * four digits).
 */
static bool find_atom(const char *s, size_t len, size_t from, size_t stop, struct atom *a,
		      struct atom *month_end)
{
	month_end->start = SIZE_MAX;
	size_t p = from;
	while (p < stop) {
		if (!is_digit(s[p])) {
			const char *digit = zc_find_digit(s + p, stop - p);
			if (!digit)
				return false;
			p = (size_t)(digit - s);
		}
		size_t run_end = p + 1;
		while (run_end < len && is_digit(s[run_end]))
			run_end++;
		size_t starts[2] = {p, run_end - 4};
		int n = run_end - p > 4 && run_end - 4 < stop ? 2 : 1;
		for (int k = 0; k < n; k++) {
			enum date_next next = date_next(s, len, starts[k]);
			if (next == NEXT_NONE)
				continue;
			if (atom_at_digit(s, len, starts[k], next, a))
				return true;
			/* A month's end reads a year and 年, or a number and 月. */
			if (month_end->start == SIZE_MAX && next != NEXT_SEP)
				month_end_at(s, len, starts[k], month_end);
		}
		p = run_end;
	}
	return false;
}

/* Dates in Chinese numerals (二〇一九年七月二十二日), tried where a 年 follows four characters. */
static struct zc_re atom_cn_re = ZC_RE(
	"\\G([〇零一二三四五六七八九○Ｏ]{4})\\s*年\\s*([一二三四五六七八九十]{1,3})\\s*月\\s*([一二三四五六七八九十]{1,3})\\s*日");
/* The same without the year: 九月二十日 (groups 2 and 3; group 1 unset). */
static struct zc_re atom_cn_md_re = ZC_RE(
	"\\G(\\x{FFFF})?([一二三四五六七八九十]{1,3})\\s*月\\s*([一二三四五六七八九十]{1,3})\\s*[日号]");
/* A time after a date: 9:00, 上午9时30分, 下午3点半, or the four digits of 0800时. */
static struct zc_re time_re = ZC_RE(
	"\\G\\s*[（(]?\\s*(?:星期|周)?[一二三四五六日天]?\\s*[）)]?\\s*(上午|下午|晚上|中午|早上)?\\s*"
	"(?|([01]\\d|2[0-4])([0-5]\\d)\\s*时|(\\d{1,2})\\s*(?:[:：]\\s*(\\d{2})|[时点]\\s*(?:(\\d{1,2})\\s*分|半|整)?))");
static struct zc_re connector_re = ZC_RE("\\G\\s*(?:[（(]\\s*(?:星期|周)[一二三四五六日天]\\s*[）)])?\\s*(?:起\\s*)?(?:至|到|—+|-+|–|～|~|－|─)\\s*");
static struct zc_re day_only_re = ZC_RE("\\G(\\d{1,2})\\s*[日号]");
/* A range end written month.day after a dotted or slashed start: 2023.5.15—6.15. */
static struct zc_re month_day_re = ZC_RE("\\G(\\d{1,2})[./](\\d{1,2})(?![\\d./])");

static int cn_digit(uint32_t c)
{
	switch (c) {
	case 0x3007: case 0x96F6: case 0x25CB: case 0xFF2F: return 0; /* 〇 零 ○ Ｏ */
	case 0x4E00: return 1;
	case 0x4E8C: return 2;
	case 0x4E09: return 3;
	case 0x56DB: return 4;
	case 0x4E94: return 5;
	case 0x516D: return 6;
	case 0x4E03: return 7;
	case 0x516B: return 8;
	case 0x4E5D: return 9;
	case 0x5341: return 10; /* 十 */
	default: return -1;
	}
}

/* 二〇一九 → 2019 (digit by digit). */
static int cn_year(const char *s, size_t len)
{
	const char *p = s, *end = s + len;
	int y = 0;
	while (p < end) {
		int d = cn_digit(zc_utf8_next(&p, end));
		if (d < 0 || d > 9)
			return 0;
		y = y * 10 + d;
	}
	return y;
}

/* 七 → 7, 十二 → 12, 二十二 → 22, 三十一 → 31. */
static int cn_number(const char *s, size_t len)
{
	const char *p = s, *end = s + len;
	int v = 0, cur = 0;
	while (p < end) {
		int d = cn_digit(zc_utf8_next(&p, end));
		if (d < 0)
			return 0;
		if (d == 10) {
			v += (cur ? cur : 1) * 10;
			cur = 0;
		} else {
			cur = d;
		}
	}
	return v + cur;
}

/* The number group g holds (its digits only: "0800时" holds 08 and 00). */
static int num(const char *s, const struct zc_match *m, int g)
{
	int v = 0;
	for (size_t i = m->start[g]; i < m->end[g] && s[i] >= '0' && s[i] <= '9' && v < 100000; i++)
		v = v * 10 + (s[i] - '0');
	return v;
}

bool zc_dt_valid(int y, int m, int d)
{
	static const int mdays[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	if (y < 1949 || y > 2100 || m < 1 || m > 12 || d < 1 || d > mdays[m - 1])
		return false;
	if (m == 2 && d == 29)
		return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
	return true;
}

void zc_dt_format(int y, int m, int d, char out[11])
{
	unsigned uy = (unsigned)y % 10000, um = (unsigned)m % 100, ud = (unsigned)d % 100;
	out[0] = (char)('0' + uy / 1000);
	out[1] = (char)('0' + uy / 100 % 10);
	out[2] = (char)('0' + uy / 10 % 10);
	out[3] = (char)('0' + uy % 10);
	out[4] = '-';
	out[5] = (char)('0' + um / 10);
	out[6] = (char)('0' + um % 10);
	out[7] = '-';
	out[8] = (char)('0' + ud / 10);
	out[9] = (char)('0' + ud % 10);
	out[10] = '\0';
}

bool zc_dt_parse_iso(const char *s, int *y, int *m, int *d)
{
	if (!s || strlen(s) != 10 || s[4] != '-' || s[7] != '-')
		return false;
	*y = atoi(s);
	*m = atoi(s + 5);
	*d = atoi(s + 8);
	return zc_dt_valid(*y, *m, *d);
}

long zc_dt_days(int y, int m, int d)
{
	/* Days from civil (H. Hinnant's algorithm). */
	y -= m <= 2;
	long era = (y >= 0 ? y : y - 399) / 400;
	long yoe = y - era * 400;
	long doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

/* Can c stand before the hour in a match of time_re? White space, a
 * bracket, a weekday (星期, 周, 一 … 日 天), 上午 下午 晚上 中午 早上. */
static bool before_hour(uint32_t c)
{
	switch (c) {
	case ' ': case '\t': case '\n': case '\v': case '\f': case '\r': case '(': case ')':
	case 0xFF08: case 0xFF09: case 0x661F: case 0x671F: case 0x5468:	/* （ ） 星 期 周 */
	case 0x4E00: case 0x4E8C: case 0x4E09: case 0x56DB: case 0x4E94:	/* 一 二 三 四 五 */
	case 0x516D: case 0x65E5: case 0x5929:					/* 六 日 天 */
	case 0x4E0A: case 0x4E0B: case 0x665A: case 0x4E2D: case 0x65E9:	/* 上 下 晚 中 早 */
	case 0x5348:								/* 午 */
		return true;
	default:
		return false;
	}
}

/* Is there a digit at or after s[i] with only characters that may stand
 * before the hour between? Every match of time_re at i needs one. */
static bool may_read_time(const char *s, size_t len, size_t i)
{
	const char *p = s + i, *end = s + len;
	while (p < end) {
		uint32_t c = zc_utf8_next(&p, end);
		if (c >= '0' && c <= '9')
			return true;
		if (!before_hour(c))
			return false;
	}
	return false;
}

static void read_time(const char *s, size_t len, struct zc_dt *dt)
{
	struct zc_match m;
	dt->hour = -1;
	dt->minute = 0;
	if (!may_read_time(s, len, dt->end) || !zc_re_find(&time_re, s, len, dt->end, &m))
		return;
	int h = num(s, &m, 2), min = 0;
	if (zc_match_has(&m, 3))
		min = num(s, &m, 3);
	else if (zc_match_has(&m, 4))
		min = num(s, &m, 4);
	else if (zc_memstr(s + m.start[0], zc_match_len(&m, 0), "半"))
		min = 30;
	if (zc_match_has(&m, 1)) {
		const char *ampm = s + m.start[1];
		if ((!strncmp(ampm, "下午", 6) || !strncmp(ampm, "晚上", 6)) && h < 12)
			h += 12;
	}
	if (h > 24 || min > 59)
		return;
	dt->hour = h;
	dt->minute = min;
	dt->end = m.end[0];
}

/*
 * The next Chinese-numeral date starting at or after from (anchored: at from
 * only). Dates are searched in order through a text, and most texts have no
 * such date: the answer for a text is remembered, so that each search does
 * not scan to the end again.
 */
static _Thread_local struct {
	const char *s;
	size_t len;
	size_t from; /* searched from here */
	bool found;
	struct atom a;
} cn_cache;

static bool find_cn_scan(const char *s, size_t len, size_t from, struct zc_match *m);

void zc_dt_forget(void)
{
	cn_cache.s = NULL;
}

/* The date a match of atom_cn_re or atom_cn_md_re reads. */
static void cn_atom(const char *s, const struct zc_match *m, struct atom *a)
{
	a->year = zc_match_has(m, 1) ? cn_year(s + m->start[1], zc_match_len(m, 1)) : 0;
	a->month = cn_number(s + m->start[2], zc_match_len(m, 2));
	a->day = cn_number(s + m->start[3], zc_match_len(m, 3));
	a->start = m->start[0];
	a->end = m->end[0];
}

/* Can a match of atom_cn_re or atom_cn_md_re start with c? A numeral
 * (〇 … 九, 十), or the U+FFFF that atom_cn_md_re allows first. */
static bool cn_atom_start(uint32_t c)
{
	return cn_digit(c) >= 0 || c == 0xFFFF;
}

static bool find_cn_at(const char *s, size_t len, size_t from, struct atom *a)
{
	struct zc_match m;
	const char *p = s + from;
	if (from >= len || !cn_atom_start(zc_utf8_next(&p, s + len)))
		return false;
	if (!zc_re_find(&atom_cn_re, s, len, from, &m) && !zc_re_find(&atom_cn_md_re, s, len, from, &m))
		return false;
	cn_atom(s, &m, a);
	return true;
}

static bool find_cn(const char *s, size_t len, size_t from, bool anchored, struct atom *a)
{
	if (anchored)
		return find_cn_at(s, len, from, a);
	if (cn_cache.s == s && cn_cache.len == len && from >= cn_cache.from &&
	    (!cn_cache.found || cn_cache.a.start >= from)) {
		if (cn_cache.found)
			*a = cn_cache.a;
		return cn_cache.found;
	}
	struct zc_match m;
	bool found = find_cn_scan(s, len, from, &m);
	if (found)
		cn_atom(s, &m, a);
	cn_cache.s = s;
	cn_cache.len = len;
	cn_cache.from = from;
	cn_cache.found = found;
	if (found)
		cn_cache.a = *a;
	return found;
}

static bool is_cn_month_digit(uint32_t c)
{
	int d = cn_digit(c);
	return d >= 1 && d <= 10;
}

/* Is the character at p one of atom_cn_re's year numerals [〇零一二三四五六七八九○Ｏ]? (All are three bytes.) */
static bool is_cn_year_digit(const char *p)
{
	const char *q = p;
	uint32_t c = zc_utf8_next(&q, p + 3);
	int d = cn_digit(c);
	return q == p + 3 && d >= 0 && d <= 9;
}

/* The first yearless 九月二十日 in [from, limit): found from its 月. */
static bool find_cn_month_day(const char *s, size_t len, size_t from, size_t limit, struct zc_match *m)
{
	size_t at = from + 3;
	while (at < limit) {
		const char *hit = zc_memstr(s + at, limit - at, "月");
		if (!hit)
			return false;
		size_t h = (size_t)(hit - s), start = h;
		for (int k = 0; k < 3 && start >= from + 3; k++) {
			const char *q = s + start;
			if (!is_cn_month_digit(zc_utf8_prev(&q, s + from)))
				break;
			start = (size_t)(q - s);
		}
		/* The day's numeral must follow the 月, after white space maybe. */
		size_t day = h + 3;
		while (day < len && zc_is_re_space(s[day]))
			day++;
		const char *q = s + day;
		if (start < h && day < len && is_cn_month_digit(zc_utf8_next(&q, s + len)) &&
		    zc_re_find(&atom_cn_md_re, s, len, start, m))
			return true;
		at = h + 3;
	}
	return false;
}

/* The first full 二〇一九年七月二十二日 at or after from: found from its 年. */
static bool find_cn_full(const char *s, size_t len, size_t from, struct zc_match *m)
{
	size_t at = from + 12;
	while (at < len) {
		const char *hit = zc_memstr(s + at, len - at, "年");
		if (!hit)
			return false;
		size_t h = (size_t)(hit - s);
		/* Four three-byte numerals, maybe a space, then 年: the pattern is
		 * tried only where four numerals (and the space) stand before the 年. */
		for (size_t back = 12; back <= 13 && back <= h - from; back++) {
			size_t d = h - back; /* the first numeral */
			if ((back == 13 && !zc_is_re_space(s[h - 1])) || !is_cn_year_digit(s + d) ||
			    !is_cn_year_digit(s + d + 3) || !is_cn_year_digit(s + d + 6) || !is_cn_year_digit(s + d + 9))
				continue;
			if (zc_re_find(&atom_cn_re, s, len, h - back, m))
				return true;
		}
		at = h + 3;
	}
	return false;
}

/*
 * Is there a 月 at or after from with a numeral after it, white space
 * maybe between? Every date of both forms holds one (七月二十二日), and few
 * texts do: one pass over their 月 spares them the searches from 年 and 月.
 */
static bool holds_cn_month(const char *s, size_t len, size_t from)
{
	const char *hit;
	while ((hit = zc_memstr(s + from, len - from, "月"))) {
		size_t after = skip_spaces(s, len, (size_t)(hit - s) + 3);
		const char *q = s + after;
		if (after < len && is_cn_month_digit(zc_utf8_next(&q, s + len)))
			return true;
		from = (size_t)(hit - s) + 3;
	}
	return false;
}

static bool find_cn_scan(const char *s, size_t len, size_t from, struct zc_match *m)
{
	if (!holds_cn_month(s, len, from))
		return false;
	struct zc_match full;
	bool have_full = find_cn_full(s, len, from, &full);
	if (find_cn_month_day(s, len, from, have_full ? full.start[0] : len, m))
		return true;
	if (have_full)
		*m = full;
	return have_full;
}


static int month_days(int y, int m)
{
	static const int d[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	if (m == 2 && y && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
		return 29;
	return m >= 1 && m <= 12 ? d[m - 1] : 31;
}

/* How far an anchored search looks for the plain date that bounds a 6月底 at its start. */
#define ANCHORED_REACH 24

static bool atom_at(const char *s, size_t len, size_t from, bool anchored, struct zc_dt *out)
{
	struct atom a, c, n1, e;
	size_t at = from;
	bool have_cn = find_cn(s, len, from, anchored, &c);
	/* "6月底前": the last day of the month, when it comes before any plain date
	 * (looked for only up to the next plain date, so the scan stays linear;
	 * anchored, only up to ANCHORED_REACH bytes on, so a plain date past
	 * that is not looked for). */
	size_t stop = anchored && len - from > ANCHORED_REACH ? from + ANCHORED_REACH : len;
	bool found_n1 = find_atom(s, len, from, stop, &n1, &e);
	size_t limit = found_n1 ? n1.start : len;
	if (have_cn && c.start < limit)
		limit = c.start;
	if (anchored && limit > from + ANCHORED_REACH)
		limit = from + ANCHORED_REACH;
	if (e.start < limit && (!anchored || e.start == from) &&
	    (zc_memstr(s + from, limit - from, "月底") || zc_memstr(s + from, limit - from, "月末")) &&
	    e.month >= 1 && e.month <= 12) {
		*out = (struct zc_dt){.year = e.year,
				      .month = e.month,
				      .day = month_days(e.year, e.month),
				      .hour = -1,
				      .start = e.start,
				      .end = e.end};
		return true;
	}
	bool first = true;
	for (;;) {
		bool have_num;
		if (first) { /* the search above already found it */
			have_num = found_n1;
			a = n1;
			first = false;
		} else {
			have_num = find_atom(s, len, at, len, &a, &e);
		}
		if (have_num && anchored && a.start != from)
			have_num = false;
		if (have_cn && c.start < at) /* passed it: look for the next one */
			have_cn = !anchored && find_cn(s, len, at, false, &c);
		if (!have_num && !have_cn)
			return false;
		if (have_cn && (!have_num || c.start < a.start))
			a = c;
		struct zc_dt dt = {
			.year = a.year, .month = a.month, .day = a.day, .start = a.start, .end = a.end};
		bool ok = dt.month >= 1 && dt.month <= 12 && dt.day >= 1 && dt.day <= 31 &&
			  (dt.year == 0 || (dt.year >= 1949 && dt.year <= 2100));
		if (ok) {
			read_time(s, len, &dt);
			*out = dt;
			return true;
		}
		if (anchored)
			return false;
		at = a.start + 1;
		while (at < len && ((unsigned char)s[at] & 0xC0) == 0x80)
			at++;
	}
	return false;
}

bool zc_dt_find(const char *s, size_t len, size_t from, struct zc_dt *out)
{
	return atom_at(s, len, from, false, out);
}

/* Can a match of connector_re at i start, white space aside, with the
 * character there? A bracket, 起, or a connector (至 到 — - – ～ ~ － ─). */
static bool may_connect(const char *s, size_t len, size_t i)
{
	i = skip_spaces(s, len, i);
	const char *p = s + i;
	if (i == len)
		return false;
	switch (zc_utf8_next(&p, s + len)) {
	case '(': case '-': case '~':
	case 0xFF08: case 0x8D77: case 0x81F3: case 0x5230:	/* （ 起 至 到 */
	case 0x2014: case 0x2013: case 0xFF5E: case 0xFF0D: case 0x2500: /* — – ～ － ─ */
		return true;
	default:
		return false;
	}
}

bool zc_dt_range_end(const char *s, size_t len, const struct zc_dt *a, struct zc_dt *b)
{
	struct zc_match m;
	if (!may_connect(s, len, a->end) || !zc_re_find(&connector_re, s, len, a->end, &m))
		return false;
	size_t at = m.end[0];
	if (atom_at(s, len, at, true, b))
		return true;
	struct zc_match d;
	if (zc_re_find(&month_day_re, s, len, at, &d)) {
		*b = (struct zc_dt){0};
		b->month = num(s, &d, 1);
		b->day = num(s, &d, 2);
		b->start = d.start[0];
		b->end = d.end[0];
		read_time(s, len, b);
		return b->month >= 1 && b->month <= 12 && b->day >= 1 && b->day <= 31;
	}
	if (zc_re_find(&day_only_re, s, len, at, &d)) {
		*b = (struct zc_dt){0};
		b->day = num(s, &d, 1);
		b->start = d.start[0];
		b->end = d.end[0];
		read_time(s, len, b);
		return b->day >= 1 && b->day <= 31;
	}
	return false;
}

static size_t skip_blank_and_brackets(const char *s, size_t len, size_t i)
{
	for (;;) {
		if (i < len && (s[i] == ' ' || s[i] == '(' || s[i] == ')'))
			i++;
		else if (i + 3 <= len && (!memcmp(s + i, "（", 3) || !memcmp(s + i, "）", 3)))
			i += 3;
		else
			return i;
	}
}

/* A date that opens a line and stands apart from what follows it. */
static struct zc_re date_opens_re = ZC_RE(
	"^[（(]?\\s*(?:\\d{4}\\s*年\\s*\\d{1,2}\\s*月\\s*\\d{1,2}\\s*日|\\d{4}[-./]\\d{1,2}[-./]\\d{1,2}|"
	"[〇零一二三四五六七八九○Ｏ]{4}\\s*年\\s*[一二三四五六七八九十]{1,3}\\s*月\\s*[一二三四五六七八九十〇]{1,3}\\s*日)"
	"(?=\\s*[）)]?\\s*(?:$|\\s|\\d{1,2}\\s*[:：时]|[至到—\\-~～]|发布|来源|查看|浏览|阅读|点击|作者|[（(]))");

bool zc_dt_opens_line(const char *s, size_t len)
{
	struct zc_match m;
	/* The pattern's date opens, after a bracket and white space maybe, with
	 * four digits or a numeral of a year: look at that before trying it. */
	size_t i = 0;
	if (len && s[0] == '(')
		i = 1;
	else if (word_at(s, len, 0, "（"))
		i = 3;
	i = skip_spaces(s, len, i);
	bool four_digits = len - i >= 4 && is_digit(s[i]) && is_digit(s[i + 1]) && is_digit(s[i + 2]) &&
			   is_digit(s[i + 3]);
	bool may_open = four_digits || (len - i >= 3 && is_cn_year_digit(s + i));
	return may_open && zc_re_find(&date_opens_re, s, len, 0, &m);
}

/* zc_dt_is_date_line past its quick test: apart from the caller's, which
 * rejects most lines, so that those pay for no more than the test. */
static __attribute__((noinline)) bool reads_date_line(const char *s, size_t len)
{
	size_t i = skip_blank_and_brackets(s, len, 0);
	struct zc_dt dt;
	for (int k = 0; k < 2; k++) {
		/* A time of day makes it a page's timestamp, not a signature date. */
		if (!atom_at(s, len, i, true, &dt) || !dt.year || dt.hour >= 0)
			return false;
		i = skip_blank_and_brackets(s, len, dt.end);
		if (i == len)
			return true;
	}
	return false;
}

/*
 * Could s[0..len) be a date alone on its line? Short, starting with a
 * year (a digit, 一 or 二 of 一九… 二〇…, 〇) or a bracket, and ending with
 * 日, a digit or a closing bracket. The test zc_may_be_date_line makes
 * (utf8.c), here where the compiler sees it: most of the lines asked about
 * fail it on their length or first byte, for less than the call costs.
 */
static bool may_be_date_line(const char *s, size_t len)
{
	if (len < 8 || len > 80)
		return false;
	unsigned char c0 = (unsigned char)s[0];
	if (!(is_digit((char)c0) || c0 == '(' || word_at(s, len, 0, "（") || word_at(s, len, 0, "二") ||
	      word_at(s, len, 0, "一") || word_at(s, len, 0, "〇")))
		return false;
	char last = s[len - 1];
	return is_digit(last) || last == ')' || zc_ends_with(s, len, "日") || zc_ends_with(s, len, "）");
}

bool zc_dt_is_date_line(const char *s, size_t len)
{
	return may_be_date_line(s, len) && reads_date_line(s, len);
}
