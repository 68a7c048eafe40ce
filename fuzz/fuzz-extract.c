/*
 * fuzz-extract.c: any bytes through the whole pipeline (decode → … → extract
 * → JSON), with a small window so that notices are carried across windows.
 */
#include <stddef.h>
#include <stdint.h>

#include "zhengce/pipeline.h"
#include "zhengce/render.h"

static int on_notice(struct zc_notice *n, void *arg)
{
	(void)arg;
	json_t *o = zc_notice_to_json(n);
	json_decref(o);
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct zc_options opts = {.decode_flags = ZC_DECODE_LENIENT, .window = 4096, .today = "2024-06-01"};
	(void)zc_process_buffer(data, size, "fuzz", &opts, on_notice, NULL, NULL);
	return 0;
}
