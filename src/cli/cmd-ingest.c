/*
 * cmd-ingest.c: `zhengce ingest` — read notices, extract their key
 * elements and store them.
 *
 * Transactions: notices are committed in batches (--batch, default 1000),
 * at file boundaries: a file that fails to read rolls back whole. Only a
 * file holding more than a batch (a large digest) is committed in batches
 * as it is read, so memory and the write-ahead log stay bounded; if it
 * fails, the batches already committed from it stay (complete notices)
 * and the message says how many. An ingest killed at any point leaves
 * every committed batch intact, and re-running it is harmless: the same
 * text is the same notice.
 */
#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli/cli.h"
#include "zhengce/pipeline.h"
#include "zhengce/store.h"
#include "banned.h"

static const char usage_text[] =
	"usage: zhengce ingest [options] [FILE|DIR|-]...\n"
	"\n"
	"Read policy notices, extract their key elements and store them in the\n"
	"database. Directories are read recursively (their .txt, .html, .htm files\n"
	"and files without an extension); '-' (or no file) reads standard input.\n"
	"The same text twice is stored once; a changed notice (same file, same\n"
	"place in it) becomes a new version of it.\n"
	"\n"
	"options:\n"
	"      --db PATH        database (default: $ZHENGCE_DB, else ./zhengce.db)\n"
	"      --batch N        notices per transaction (default 1000)\n"
	"      --source NAME    source name for standard input (default: none)\n"
	"      --today DATE     reference date (YYYY-MM-DD) for notices that give none\n"
	"      --encoding ENC   force the input encoding (utf-8, gb18030, gbk …)\n"
	"      --lenient        replace invalid bytes with U+FFFD instead of failing\n"
	"  -f, --format FMT     summary as table (default, on stderr) or json (on stdout)\n"
	"  -q, --quiet          no warnings and no progress line\n"
	"  -h, --help           show this help\n"
	"\n"
	"exit codes: 0 success, 1 some input unreadable (the rest is stored),\n"
	"2 usage error, 3 database or output error\n";

struct ingest {
	struct zc_store *store;
	const char *uri;
	long ordinal;
	size_t pending;   /* notices in the open transaction */
	size_t batch;     /* notices per transaction */
	size_t file_kept; /* notices of the current file in committed batches */
	size_t kept_counts[3]; /* counts as of the last commit inside the current file */
	bool txn_open;    /* a batch transaction is open */
	bool owns_txn;    /* the current file began it (else it runs in a savepoint) */
	size_t counts[3]; /* by enum zc_put_status */
	size_t files, failed;
	int store_error;
	bool quiet;
};

static int on_notice(struct zc_notice *n, void *arg)
{
	struct ingest *in = arg;
	struct zc_source src = {in->uri, in->ordinal++, NULL};
	struct zc_put_result res;
	int r = zc_store_put(in->store, n, &src, &res);
	if (r < 0) {
		in->store_error = r;
		return 1;
	}
	in->counts[res.status]++;
	in->pending++;
	if (in->pending >= 2 * in->batch) {
		/* A file larger than a batch: commit what it gave so far. */
		if (!in->owns_txn && (r = zc_store_commit(in->store)) < 0) { /* the savepoint */
			in->store_error = r;
			return 1;
		}
		if ((r = zc_store_commit(in->store)) == 0)
			r = zc_store_begin(in->store);
		in->owns_txn = true;
		if (r < 0) {
			in->txn_open = false;
			in->store_error = r;
			return 1;
		}
		in->file_kept += in->pending;
		in->pending = 0;
		memcpy(in->kept_counts, in->counts, sizeof(in->counts));
	}
	return 0;
}

static void on_warning(const char *source, size_t offset, const char *msg, void *arg)
{
	struct ingest *in = arg;
	if (!in->quiet)
		cli_warning("%s: %s (near byte %zu)", source ? source : "<stdin>", msg, offset);
}

/*
 * Ingest one file, all of it or none of it: in the batch transaction when
 * the file begins it (rolling that back is rolling back the file), else in
 * a savepoint. A savepoint copies every page it changes to a sub-journal,
 * which a large file would make costly; files that begin a batch need none.
 */
static int ingest_file(struct ingest *in, const char *path, const char *stdin_source,
		       const struct zc_options *opts)
{
	bool is_stdin = !strcmp(path, "-");
	char *real = NULL;
	FILE *f = is_stdin ? stdin : fopen(path, "rb");
	if (!f) {
		cli_error("%s: %s", path, strerror(errno));
		return EXIT_INPUT;
	}
	if (!is_stdin)
		real = realpath(path, NULL);
	in->uri = is_stdin ? stdin_source : real ? real : path;
	in->ordinal = 0;
	in->file_kept = 0;
	size_t before[3] = {in->counts[0], in->counts[1], in->counts[2]}, pending = in->pending;
	int status = EXIT_OK;
	in->owns_txn = !in->txn_open;
	int r = zc_store_begin(in->store);
	if (r == 0) {
		in->txn_open = true;
		struct zc_diag diag = {0};
		r = zc_process_file(f, is_stdin ? NULL : path, opts, on_notice, in, &diag);
		if (r == 0) {
			if (!in->owns_txn && (r = zc_store_commit(in->store)) < 0) /* the savepoint */
				in->store_error = r;
		} else if (in->txn_open) {
			zc_store_rollback(in->store);
			if (in->owns_txn)
				in->txn_open = false;
			if (in->file_kept == 0) {
				memcpy(in->counts, before, sizeof(before));
				in->pending = pending;
			} else {
				memcpy(in->counts, in->kept_counts, sizeof(in->counts));
				in->pending = 0;
			}
			if (in->store_error) {
				/* reported by the caller */
			} else if (r == -ENOMEM) {
				cli_error("%s: out of memory", path);
				status = EXIT_OUTPUT;
			} else {
				char kept[64] = "nothing stored from it";
				if (in->file_kept)
					snprintf(kept, sizeof(kept), "its first %zu notices stored", in->file_kept);
				cli_error("%s: %s%s%s (%s)", is_stdin ? "<stdin>" : path, cli_errname(r),
					  diag.message[0] ? ": " : "", diag.message, kept);
				status = EXIT_INPUT;
			}
		}
	} else {
		in->store_error = r;
	}
	if (!is_stdin)
		fclose(f);
	free(real);
	return in->store_error ? EXIT_OUTPUT : status;
}

int cmd_ingest(int argc, char **argv)
{
	static const struct option longopts[] = {
		{"db", required_argument, NULL, 'd'},	    {"batch", required_argument, NULL, 'b'},
		{"source", required_argument, NULL, 's'},   {"today", required_argument, NULL, 't'},
		{"encoding", required_argument, NULL, 'e'}, {"lenient", no_argument, NULL, 'l'},
		{"format", required_argument, NULL, 'f'},   {"quiet", no_argument, NULL, 'q'},
		{"help", no_argument, NULL, 'h'},	    {NULL, 0, NULL, 0}};
	struct zc_options opts = {0};
	struct ingest in = {0};
	const char *db = NULL, *stdin_source = NULL;
	long batch = 1000;
	bool json = false;
	int c;
	optind = 1;
	while ((c = getopt_long(argc, argv, "f:qh", longopts, NULL)) != -1) {
		switch (c) {
		case 'd':
			db = optarg;
			break;
		case 'b': {
			char *end;
			batch = strtol(optarg, &end, 10);
			if (*end || batch < 1 || batch > 10000000) {
				cli_error("--batch wants a number of notices, not '%s'", optarg);
				return EXIT_USAGE;
			}
			break;
		}
		case 's':
			stdin_source = optarg;
			break;
		case 't':
			if (!cli_valid_date(optarg)) {
				cli_error("--today wants a date as YYYY-MM-DD, not '%s'", optarg);
				return EXIT_USAGE;
			}
			opts.today = optarg;
			break;
		case 'e':
			opts.encoding = zc_encoding_from_label(optarg, strlen(optarg));
			if (opts.encoding == ZC_ENC_AUTO) {
				cli_error("unknown encoding '%s'", optarg);
				return EXIT_USAGE;
			}
			break;
		case 'l':
			opts.decode_flags |= ZC_DECODE_LENIENT;
			break;
		case 'f':
			if (strcmp(optarg, "json") && strcmp(optarg, "table")) {
				cli_error("unknown format '%s' (table or json)", optarg);
				return EXIT_USAGE;
			}
			json = !strcmp(optarg, "json");
			break;
		case 'q':
			in.quiet = true;
			break;
		case 'h':
			fputs(usage_text, stdout);
			return EXIT_OK;
		default:
			fputs(usage_text, stderr);
			return EXIT_USAGE;
		}
	}
	opts.warn = on_warning;
	opts.warn_arg = &in;

	struct zc_strv files = {0};
	int status = EXIT_OK;
	if (optind == argc && zc_strv_add(&files, "-") < 0)
		return EXIT_OUTPUT;
	for (int i = optind; i < argc; i++) {
		if (!strcmp(argv[i], "-")) {
			if (zc_strv_add(&files, "-") < 0)
				return EXIT_OUTPUT;
		} else if (cli_collect(argv[i], &files, 0) != 0) {
			status = EXIT_INPUT;
		}
	}
	in.store = cli_open_store(db, ZC_STORE_CREATE);
	if (!in.store) {
		zc_strv_free(&files);
		return EXIT_OUTPUT;
	}
	in.batch = (size_t)batch;
	bool progress = !in.quiet && files.n > 1 && isatty(2);
	int r = 0;
	for (size_t i = 0; i < files.n && r == 0; i++) {
		if (progress)
			fprintf(stderr, "\r\033[K[%zu/%zu] %zu notices  %s", i + 1, files.n,
				in.counts[0] + in.counts[1] + in.counts[2], files.v[i]);
		int st = ingest_file(&in, files.v[i], stdin_source, &opts);
		in.files++;
		if (st == EXIT_INPUT) {
			in.failed++;
			status = status == EXIT_OK ? EXIT_INPUT : status;
		} else if (st == EXIT_OUTPUT) {
			r = in.store_error ? in.store_error : -EIO;
			break;
		}
		if (in.pending >= (size_t)batch && in.txn_open) {
			/* Batch boundary: commit what the files so far gave. */
			r = zc_store_commit(in.store);
			in.txn_open = false;
			in.pending = 0;
		}
	}
	if (progress)
		fputs("\r\033[K", stderr);
	if (in.txn_open) {
		if (r == 0)
			r = zc_store_commit(in.store);
		else
			zc_store_rollback(in.store);
	}
	if (r < 0) {
		cli_error("%s", zc_store_error(in.store));
		status = EXIT_OUTPUT;
	}
	if (json)
		printf("{\"files\": %zu, \"failed\": %zu, \"added\": %zu, \"updated\": %zu, \"unchanged\": %zu}\n",
		       in.files, in.failed, in.counts[ZC_PUT_ADDED], in.counts[ZC_PUT_UPDATED],
		       in.counts[ZC_PUT_UNCHANGED]);
	else if (!in.quiet)
		fprintf(stderr, "zhengce: %zu file%s: %zu added, %zu updated, %zu unchanged%s\n", in.files,
			in.files == 1 ? "" : "s", in.counts[ZC_PUT_ADDED], in.counts[ZC_PUT_UPDATED],
			in.counts[ZC_PUT_UNCHANGED], r < 0 ? " (last batch rolled back)" : "");
	zc_store_close(in.store);
	zc_strv_free(&files);
	return status;
}
