/*
 * charset.c: the encoding of a fetched document (see acquire.h): BOM,
 * then the HTTP header, then the page's own <meta>, else sniffing.
 */
#include <string.h>
#include <strings.h>

#include "zhengce/acquire.h"
#include "banned.h"

/* The value of charset=… in s[0..len), as a label. */
static enum zc_encoding charset_param(const char *s, size_t len)
{
	for (size_t i = 0; i + 8 <= len; i++) {
		if (strncasecmp(s + i, "charset=", 8))
			continue;
		const char *v = s + i + 8, *end = s + len;
		while (v < end && (*v == '"' || *v == '\'' || *v == ' '))
			v++;
		const char *e = v;
		while (e < end && (*e == '-' || *e == '_' || (*e >= '0' && *e <= '9') || (*e >= 'a' && *e <= 'z') ||
				   (*e >= 'A' && *e <= 'Z')))
			e++;
		return zc_encoding_from_label(v, (size_t)(e - v));
	}
	return ZC_ENC_AUTO;
}

/* <meta charset="…"> or <meta http-equiv="Content-Type" content="…; charset=…"> in the head. */
static enum zc_encoding meta_charset(const char *data, size_t len)
{
	const char *end_all = data + (len < 4096 ? len : 4096);
	for (const char *p = data; (p = memchr(p, '<', (size_t)(end_all - p)));) {
		if ((size_t)(end_all - p) < 5 || strncasecmp(p, "<meta", 5)) {
			p++;
			continue;
		}
		const char *end = memchr(p, '>', (size_t)(end_all - p));
		if (!end)
			break;
		enum zc_encoding e = charset_param(p, (size_t)(end - p));
		if (e != ZC_ENC_AUTO)
			return e;
		p = end;
	}
	return ZC_ENC_AUTO;
}

enum zc_encoding zc_web_charset(const char *content_type, const char *data, size_t len)
{
	const unsigned char *u = (const unsigned char *)data;
	if (len >= 3 && u[0] == 0xEF && u[1] == 0xBB && u[2] == 0xBF)
		return ZC_ENC_UTF8;
	if (len >= 2 && u[0] == 0xFF && u[1] == 0xFE)
		return ZC_ENC_UTF16LE;
	if (len >= 2 && u[0] == 0xFE && u[1] == 0xFF)
		return ZC_ENC_UTF16BE;
	enum zc_encoding e = content_type ? charset_param(content_type, strlen(content_type)) : ZC_ENC_AUTO;
	if (e == ZC_ENC_AUTO)
		e = meta_charset(data, len);
	return e;
}
