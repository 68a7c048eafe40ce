/*
 * fuzz-request.c: any bytes as an HTTP request to the server's handlers
 * (server_handle(), past the HTTP library's own parsing), over a small
 * store: routing, query parameters, filters, profiles, uploads with and
 * without the token, deletes, digests, feeds and calendars.
 *
 * Input: METHOD \n PATH \n key=value&key=value \n AUTHORIZATION \n BODY.
 * Every response must be a status from 200 to 599, and a JSON one must
 * parse: anything else aborts.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "server/server.h"
#include "zhengce/store.h"

#define MAX_PARAMS 32

static struct server srv;

static void setup(void)
{
	char path[] = "/tmp/zc-fuzz-request-XXXXXX";
	int fd = mkstemp(path);
	if (fd < 0)
		abort();
	close(fd);
	unlink(path);
	struct zc_store *s;
	if (zc_store_open(path, ZC_STORE_CREATE, &s, NULL, 0) != 0)
		abort();
	static const char *const texts[] = {
		"关于开展2024年度高新技术企业认定工作的通知\n请于2024年5月20日前报送。联系电话：010-12345678\n",
		"关于<script>x</script>专精特新的通知\n申报时间为2024年6月1日至6月30日。注册地在北京市。\n"};
	for (int i = 0; i < 2; i++) {
		struct zc_notice n;
		struct zc_put_result res;
		struct zc_source src = {.uri = i ? "https://example.gov.cn/b" : "a"};
		zc_notice_init(&n);
		n.title = (char *)"通知";
		n.text = (char *)texts[i];
		if (zc_store_put(s, &n, &src, &res) != 0)
			abort();
	}
	zc_store_close(s);
	srv.db = strdup(path);
	srv.token = strdup("fuzz-token-0123456789");
	srv.token_len = strlen(srv.token);
}

/* The next line of [*p, end) as a new string; *p moves past it. */
static char *line(const char **p, const char *end)
{
	const char *nl = memchr(*p, '\n', (size_t)(end - *p));
	const char *stop = nl ? nl : end;
	char *s = strndup(*p, (size_t)(stop - *p));
	*p = nl ? nl + 1 : end;
	return s;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (!srv.db)
		setup();
	const char *p = (const char *)data, *end = p + size;
	char *method = line(&p, end), *path = line(&p, end), *query = line(&p, end), *auth = line(&p, end);
	char *body = strndup(p, (size_t)(end - p));
	const char *keys[MAX_PARAMS], *values[MAX_PARAMS];
	size_t n = 0;
	for (char *save = NULL, *kv = strtok_r(query, "&", &save); kv && n < MAX_PARAMS; kv = strtok_r(NULL, "&", &save)) {
		char *eq = strchr(kv, '=');
		if (eq)
			*eq = '\0';
		keys[n] = kv;
		values[n++] = eq ? eq + 1 : "";
	}
	struct request req = {
		.method = method,
		.path = path,
		.nparams = n,
		.keys = keys,
		.values = values,
		.authorization = *auth ? auth : NULL,
		.host = "fuzz.example",
		.body = *body ? body : NULL,
		.body_len = strlen(body),
		.srv = &srv,
	};
	struct response res;
	server_response_init(&res);
	server_handle(&req, &res);
	if (res.status < 200 || res.status > 599)
		abort();
	if (!strncmp(res.content_type, "application/json", 16)) {
		json_error_t e;
		json_t *j = json_loadb(res.body.data ? res.body.data : "", res.body.len, 0, &e);
		if (!j)
			abort();
		json_decref(j);
	}
	server_response_free(&res);
	free(method);
	free(path);
	free(query);
	free(auth);
	free(body);
	return 0;
}
