/*
 * ingest.h: read notices from files and store them (the work of
 * `zhengce ingest`, and later of the server and the crawler).
 *
 * Two threads share the work: a reader runs the pipeline (decode … extract)
 * over the files, one after the other, and hands the notices over a small
 * bounded queue to the calling thread, which stores them. Extraction and
 * storage thus overlap on two cores, and memory stays bounded by the queue.
 *
 * Transactions: notices are committed in batches, at file boundaries. A
 * file that cannot be read is rolled back whole (in a savepoint, unless it
 * began the batch, when the batch is it). Only a file holding more than two
 * batches (a large digest) is committed in batches as it is read, to keep
 * memory and the write-ahead log bounded; if it then fails, the batches
 * already committed stay (complete notices), and file_error says how many.
 * A process killed at any point leaves every committed batch intact, and
 * ingesting again is harmless: the same text is the same notice. At the
 * end, zc_store_maintain() tidies the index.
 */
#ifndef ZHENGCE_INGEST_H
#define ZHENGCE_INGEST_H

#include <stdbool.h>
#include <stddef.h>

#include "zhengce/pipeline.h"
#include "zhengce/store.h"

struct zc_ingest_stats {
	size_t files;  /* files read (or tried) */
	size_t failed; /* files that could not be read */
	size_t added, updated, unchanged;
};

struct zc_ingest_callbacks {
	/*
	 * A file could not be opened or read: err is a negative errno (-EILSEQ,
	 * -EMEDIUMTYPE, -E2BIG, -ENOENT …), diag says where when it can, kept is
	 * the number of its notices that stay stored (0 but for large files).
	 * Called on the calling thread. May be NULL.
	 */
	void (*file_error)(const char *path, int err, const struct zc_diag *diag, size_t kept, void *arg);
	/* Before each file is stored, with the counts so far. May be NULL. */
	void (*progress)(size_t index, size_t count, const char *path, const struct zc_ingest_stats *st,
			 void *arg);
	void *arg;
};

struct zc_ingest_options {
	const struct zc_options *pipeline; /* may be NULL; its warn callback runs on the reader thread */
	size_t batch;                      /* notices per transaction; 0: 1000 */
	const char *stdin_source;          /* source name for "-" (standard input); NULL: none */
};

/*
 * Ingest the files paths[0..n) ("-" is standard input) into s. Returns 0
 * when every notice read was stored (files that could not be read are
 * reported and counted, not errors); a negative errno when the store failed
 * (message in zc_store_error(s); the open batch is rolled back) or memory
 * ran out. *st, when not NULL, gets the counts either way.
 */
int zc_ingest(struct zc_store *s, const char *const *paths, size_t n, const struct zc_ingest_options *o,
	      const struct zc_ingest_callbacks *cb, struct zc_ingest_stats *st);

#endif
