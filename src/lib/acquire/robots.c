/*
 * robots.c: robots.txt rules (RFC 9309), see zc_robots_allowed() in crawl.h.
 */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "zhengce/crawl.h"
#include "banned.h"

/* Does pattern (with * and a final $) match the start of path? Returns the pattern's length when it does. */
static long rule_match(const char *pat, size_t plen, const char *path)
{
	/* iterative wildcard matching with backtracking on the last '*' */
	const char *p = pat, *pend = pat + plen, *s = path, *star = NULL, *star_s = NULL;
	while (p < pend) {
		if (*p == '$' && p + 1 == pend)
			return *s ? -1 : (long)plen;
		if (*p == '*') {
			star = ++p;
			star_s = s;
			continue;
		}
		if (*s && *s == *p) {
			p++, s++;
			continue;
		}
		if (star && *star_s) {
			p = star;
			s = ++star_s;
			continue;
		}
		return -1;
	}
	return (long)plen;
}

/* The next line of robots.txt without its comment and surrounding blanks. */
static const char *next_line(const char *s, const char **start, size_t *len)
{
	const char *end = s + strcspn(s, "\r\n");
	const char *hash = memchr(s, '#', (size_t)(end - s));
	const char *stop = hash ? hash : end;
	while (s < stop && (*s == ' ' || *s == '\t'))
		s++;
	while (stop > s && (stop[-1] == ' ' || stop[-1] == '\t'))
		stop--;
	*start = s;
	*len = (size_t)(stop - s);
	while (*end == '\r' || *end == '\n')
		end++;
	return end;
}

/* Split "Key: value" (case-insensitive key). */
static bool field(const char *line, size_t len, const char *key, const char **value, size_t *vlen)
{
	size_t k = strlen(key);
	if (len <= k || strncasecmp(line, key, k))
		return false;
	const char *v = line + k;
	while (v < line + len && (*v == ' ' || *v == '\t'))
		v++;
	if (v >= line + len || *v != ':')
		return false;
	v++;
	while (v < line + len && (*v == ' ' || *v == '\t'))
		v++;
	*value = v;
	*vlen = (size_t)(line + len - v);
	return true;
}

/* The verdict of the group(s) for `agent` (exact product token) or, when want_star, for "*":
 * 1 allowed, 0 disallowed, -1 no such group. */
static int verdict(const char *robots, const char *agent, bool want_star, const char *path)
{
	bool in_group = false, group_open = false, found = false;
	long best = -1;
	bool best_allow = true;
	const char *s = robots;
	while (*s) {
		const char *line, *v;
		size_t len, vlen;
		s = next_line(s, &line, &len);
		if (!len)
			continue;
		if (field(line, len, "user-agent", &v, &vlen)) {
			if (!group_open) /* a new group starts: its agents follow */
				in_group = false;
			group_open = true;
			bool star = vlen == 1 && *v == '*';
			bool mine = !star && vlen == strlen(agent) && !strncasecmp(v, agent, vlen);
			if ((want_star && star) || (!want_star && mine))
				in_group = found = true;
			continue;
		}
		group_open = false;
		if (!in_group)
			continue;
		bool allow = field(line, len, "allow", &v, &vlen);
		if (!allow && !field(line, len, "disallow", &v, &vlen))
			continue;
		if (!vlen) /* "Disallow:" alone allows everything */
			continue;
		long m = rule_match(v, vlen, path);
		if (m > best || (m == best && m >= 0 && allow)) {
			best = m;
			best_allow = allow;
		}
	}
	if (!found)
		return -1;
	return best < 0 ? 1 : best_allow ? 1 : 0;
}

bool zc_robots_allowed(const char *robots, const char *agent, const char *path)
{
	if (!robots || !*robots)
		return true;
	if (!path || !*path)
		path = "/";
	int v = verdict(robots, agent, false, path);
	if (v < 0)
		v = verdict(robots, agent, true, path);
	return v != 0;
}
