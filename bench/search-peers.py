#!/usr/bin/env python3
"""
search-peers.py: run the full-text search engines that users would reach for
instead of zhengce on the same notices and queries, so that zhengce's search
benchmark can put their figures beside its own.

    python3 bench/search-peers.py --notices NOTICES.jsonl --queries QUERIES.txt \\
        --work DIR --out RESULTS.json [--peers trigram,groonga,xapian] \\
        [--limit 20] [--repeat 3]
    python3 bench/search-peers.py --self-test [--work DIR]

None of the peers' code enters the project: they are only run.

  trigram  SQLite FTS5 with its built-in trigram tokenizer (Python's sqlite3)
  groonga  Groonga with TokenBigram + NormalizerAuto, through one `groonga`
           process fed commands on standard input (Debian: groonga-bin)
  xapian   Xapian with TermGenerator/QueryParser FLAG_CJK_NGRAM
           (Debian: python3-xapian; if the running interpreter cannot import
           it, the script re-runs itself under /usr/bin/python3)

Inputs
------
NOTICES.jsonl  one JSON object per line with at least "id" (integer),
               "title" (string or null) and "text" (string), as written by
               `zhengce export`. It is streamed, once per peer.
QUERIES.txt    one query per line: one or more double-quoted strings
               separated by one space, e.g. "高新技术" or "高新" "认定", meaning
               the AND of plain substrings. Other non-blank lines are skipped
               and counted.
DIR            scratch directory; each peer's index is rebuilt there
               (DIR/trigram.sqlite, DIR/groonga/, DIR/xapian/).

What is measured
----------------
For each peer: build_s (wall seconds from an empty index to a queryable,
flushed one, with the peer's own "finish" step: FTS5 'optimize', Groonga's
static index construction, xapian-compact), build_detail (its phases),
index_bytes (see "note" in the results: for trigram and xapian the bytes
of the index structures alone; for groonga all files of its database, stored
text included, with lexicon_index_bytes for the lexicon and index column
alone), db_bytes (everything the peer wrote to disk), peak_rss_kib (the
peer's process, measured by running it in a forked child), and per query:
latency_ms (median of --repeat runs of the top --limit ranked query, after
one untimed warm-up run), total (the number of hits the engine reports for
that query) and ids (the exact sorted id set, from a separate untimed run
asking for all hits). A query that fails records "error" and an empty set.
Groonga's latency is the elapsed time in its own response header; the wall
time seen from this script (pipe round trip included) is in wall_ms.

RESULTS.json: {"peers": {NAME: {"build_s", "index_bytes", "note", "queries":
[{"query", "latency_ms", "total", "ids", "error"?}], ...}}, "corpus": {...},
"queries_skipped": N, ...}.

--self-test writes ~50 made-up notices and ~20 queries of 1-4 characters to
DIR (default /tmp/search-peers-selftest), runs all three peers, and compares
each id set with a brute-force substring check over title + "\\n" + text.
It exits non-zero if a peer fails to build or run, or if the trigram peer
disagrees with brute force on a query whose terms all have 3 or more
characters and no ASCII letters (where its semantics are exact substring).

Standard library only, plus python3-xapian and groonga-bin
(`apt-get install -y python3-xapian groonga-bin`).
"""

import argparse
import json
import os
import random
import re
import shutil
import sqlite3
import statistics
import subprocess
import sys
import time

PEERS = ("trigram", "groonga", "xapian")
QUERY_LINE_RE = re.compile(r'"[^"\n]+"(?: "[^"\n]+")*')
QUERY_TERM_RE = re.compile(r'"([^"\n]+)"')
REEXEC_ENV = "SEARCH_PEERS_REEXEC"
SYSTEM_PYTHON = "/usr/bin/python3"
LOAD_CHUNK_BYTES = 8 << 20      # Groonga `load` payload per command
XAPIAN_COMMIT_EVERY = 10000     # documents between Xapian commits (its own default)
TITLE_WEIGHT = 10               # title counts ten times the text, everywhere


class PeerError(Exception):
    """A peer could not be built or queried; the message says why."""


# ---------------------------------------------------------------- inputs


def iter_notices(path):
    """Yield (id, title, text) from a JSONL file, one notice at a time."""
    with open(path, encoding="utf-8") as f:
        for lineno, line in enumerate(f, 1):
            if not line.strip():
                continue
            try:
                obj = json.loads(line)
            except ValueError as e:
                raise PeerError(f"{path}:{lineno}: not JSON: {e}") from None
            nid, title, text = obj.get("id"), obj.get("title"), obj.get("text")
            if not isinstance(nid, int) or isinstance(nid, bool):
                raise PeerError(f"{path}:{lineno}: \"id\" is not an integer")
            if title is not None and not isinstance(title, str):
                raise PeerError(f"{path}:{lineno}: \"title\" is not a string or null")
            if not isinstance(text, str):
                raise PeerError(f"{path}:{lineno}: \"text\" is not a string")
            yield nid, title or "", text


def parse_query_line(line):
    """Return the list of terms of a query line, or None if it is not one."""
    line = line.strip()
    if not QUERY_LINE_RE.fullmatch(line):
        return None
    return QUERY_TERM_RE.findall(line)


def read_queries(path):
    """Return ([(line, terms)], number of skipped non-blank lines)."""
    queries, skipped = [], 0
    with open(path, encoding="utf-8") as f:
        for raw in f:
            if not raw.strip():
                continue
            terms = parse_query_line(raw)
            if terms is None:
                skipped += 1
            else:
                queries.append((raw.strip(), terms))
    return queries, skipped


def corpus_stats(path):
    """Count notices and bytes of title + text (one streaming pass)."""
    n = nbytes = 0
    for _, title, text in iter_notices(path):
        n += 1
        nbytes += len(title.encode("utf-8")) + len(text.encode("utf-8"))
    return {"path": os.path.abspath(path), "notices": n, "text_bytes": nbytes,
            "file_bytes": os.path.getsize(path)}


# ---------------------------------------------------------------- helpers


def file_sizes(paths):
    """Return (apparent bytes, allocated bytes) summed over files."""
    apparent = allocated = 0
    for p in paths:
        st = os.stat(p)
        apparent += st.st_size
        allocated += st.st_blocks * 512
    return apparent, allocated


def files_under(directory):
    return [os.path.join(d, f) for d, _, fs in os.walk(directory) for f in fs]


def median_ms(seconds):
    return round(statistics.median(seconds) * 1000.0, 3)


def timed_runs(fn, repeat):
    """One untimed warm-up call, then `repeat` timed calls; return (last result, [s])."""
    result = fn()
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - t0)
    return result, times


def query_record(line, latency_ms, total, ids, error=None, **extra):
    rec = {"query": line, "latency_ms": latency_ms, "total": total,
           "ids": sorted(ids)}
    rec.update(extra)
    if error is not None:
        rec["error"] = error
    return rec


def error_record(line, error):
    return query_record(line, None, 0, [], error=str(error))


def fresh_path(path):
    """Remove a previous index at path (file or directory)."""
    if os.path.isdir(path):
        shutil.rmtree(path)
    elif os.path.exists(path):
        os.remove(path)


# ---------------------------------------------------------------- trigram


def fts5_match(terms):
    """FTS5 query: each term an FTS5 string, ANDed."""
    return " AND ".join('"' + t.replace('"', '""') + '"' for t in terms)


def trigram_sizes(con, path):
    """Bytes per FTS5 shadow table (dbstat), and the file size."""
    rows = con.execute("SELECT name, sum(pgsize) FROM dbstat GROUP BY name").fetchall()
    tables = {name: size for name, size in rows if name.startswith("t_")}
    index = sum(s for n, s in tables.items() if n != "t_content")
    return index, os.path.getsize(path), tables


def trigram_build(notices, work):
    path = os.path.join(work, "trigram.sqlite")
    fresh_path(path)
    con = sqlite3.connect(path)
    t0 = time.perf_counter()
    con.execute("CREATE VIRTUAL TABLE t USING fts5(title, text, tokenize='trigram')")
    with con:
        con.executemany("INSERT INTO t(rowid, title, text) VALUES (?, ?, ?)",
                        iter_notices(notices))
    t1 = time.perf_counter()
    with con:
        con.execute("INSERT INTO t(t) VALUES ('optimize')")
    t2 = time.perf_counter()
    index, db_bytes, tables = trigram_sizes(con, path)
    return con, {
        "build_s": round(t2 - t0, 3),
        "build_detail": {"insert_s": round(t1 - t0, 3), "optimize_s": round(t2 - t1, 3)},
        "index_bytes": index,
        "db_bytes": db_bytes,
        "tables_bytes": tables,
        "note": ("SQLite %s FTS5 trigram (case-insensitive), one transaction, then "
                 "'optimize'. index_bytes: dbstat pages of the FTS5 shadow tables "
                 "t_data, t_idx, t_docsize, t_config; t_content (the stored copy of "
                 "the text) is left out, and is in tables_bytes and db_bytes. Terms "
                 "under 3 characters cannot match a trigram index: they are run "
                 "as written (no LIKE fallback)." % sqlite3.sqlite_version),
    }


def trigram_query(con, line, terms, limit, repeat):
    match = fts5_match(terms)
    top = "SELECT rowid FROM t WHERE t MATCH ? ORDER BY rank LIMIT ?"
    try:
        _, times = timed_runs(lambda: con.execute(top, (match, limit)).fetchall(), repeat)
        ids = [r[0] for r in con.execute("SELECT rowid FROM t WHERE t MATCH ?", (match,))]
    except sqlite3.Error as e:
        return error_record(line, f"sqlite: {e}")
    return query_record(line, median_ms(times), len(ids), ids)


def run_trigram(notices, queries, work, limit, repeat):
    con, result = trigram_build(notices, work)
    result["queries"] = [trigram_query(con, line, terms, limit, repeat)
                         for line, terms in queries]
    con.close()
    return result


# ---------------------------------------------------------------- groonga


def groonga_arg(s):
    """Quote a value for a Groonga command line."""
    return "'" + s.replace("\\", "\\\\").replace("'", "\\'") + "'"


def groonga_query(terms):
    """Groonga query syntax: each term a phrase, ANDed with '+'."""
    return " + ".join('"' + t.replace("\\", "\\\\").replace('"', '\\"') + '"'
                      for t in terms)


class Groonga:
    """One `groonga` process: commands on stdin, one JSON response per line."""

    def __init__(self, db, work, create=False):
        exe = shutil.which("groonga")
        if exe is None:
            raise PeerError("groonga not found (apt-get install -y groonga-bin)")
        self.errlog = open(os.path.join(work, "groonga.stderr"), "ab")
        argv = [exe, "--log-path", os.path.join(work, "groonga.log"),
                "--query-log-path", os.devnull]
        argv += ["-n", db] if create else [db]
        self.proc = subprocess.Popen(argv, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                     stderr=self.errlog)
        self.maxrss_kib = None

    def call(self, command):
        """Send one command; return (header, body). Raises PeerError on rc != 0."""
        self.proc.stdin.write(command.encode("utf-8"))
        if not command.endswith("\n"):
            self.proc.stdin.write(b"\n")
        self.proc.stdin.flush()
        line = self.proc.stdout.readline()
        if not line:
            raise PeerError("groonga exited (see groonga.stderr / groonga.log in --work)")
        resp = json.loads(line)
        header, body = resp[0], resp[1] if len(resp) > 1 else None
        if header[0] != 0:
            msg = header[3] if len(header) > 3 else "rc %d" % header[0]
            raise PeerError(f"groonga: {msg}")
        return header, body

    def close(self):
        """Quit, wait, and keep the process's peak RSS."""
        if self.proc.poll() is None:
            try:
                self.proc.stdin.write(b"quit\n")
                self.proc.stdin.flush()
                self.proc.stdin.close()
            except BrokenPipeError:
                pass
            self.proc.stdout.read()
            _, status, usage = os.wait4(self.proc.pid, 0)
            self.proc.returncode = os.waitstatus_to_exitcode(status)
            self.maxrss_kib = usage.ru_maxrss
        self.errlog.close()
        return self.proc.returncode


def groonga_load(g, notices):
    """Load all notices with `load` commands of about LOAD_CHUNK_BYTES each."""
    chunk, size, loaded = [], 0, 0

    def flush():
        nonlocal chunk, size, loaded
        if not chunk:
            return
        _, n = g.call("load --table Notices\n[\n" + ",\n".join(chunk) + "\n]\n")
        if n != len(chunk):
            raise PeerError(f"groonga load took {n} of {len(chunk)} records")
        loaded += n
        chunk, size = [], 0

    for nid, title, text in iter_notices(notices):
        rec = json.dumps({"_key": str(nid), "title": title, "text": text},
                         ensure_ascii=False)
        chunk.append(rec)
        size += len(rec)
        if size >= LOAD_CHUNK_BYTES:
            flush()
    flush()
    return loaded


def groonga_index_bytes(g, dbdir):
    """Bytes of the lexicon Terms and its index column, from their paths."""
    _, tables = g.call("table_list")
    _, columns = g.call("column_list Terms")
    names = {row[1]: row[2] for row in tables[1:]}
    paths = [names["Terms"]] + [row[2] for row in columns[1:] if row[1] == "idx"]
    files = [os.path.join(dbdir, f) for f in os.listdir(dbdir)
             if any(f == os.path.basename(p) or f.startswith(os.path.basename(p) + ".")
                    for p in paths)]
    return file_sizes(files)


def groonga_build(notices, work):
    dbdir = os.path.join(work, "groonga")
    fresh_path(dbdir)
    os.makedirs(dbdir)
    db = os.path.join(dbdir, "db")
    fresh_path(os.path.join(work, "groonga.log"))
    t0 = time.perf_counter()
    g = Groonga(db, work, create=True)
    try:
        g.call("table_create Notices TABLE_HASH_KEY ShortText")
        g.call("column_create Notices title COLUMN_SCALAR LongText")
        g.call("column_create Notices text COLUMN_SCALAR LongText")
        n = groonga_load(g, notices)
        t1 = time.perf_counter()
        g.call("table_create Terms TABLE_PAT_KEY ShortText "
               "--default_tokenizer TokenBigram --normalizer NormalizerAuto")
        g.call("column_create Terms idx COLUMN_INDEX|WITH_POSITION|WITH_SECTION "
               "Notices title,text")
        index, index_alloc = groonga_index_bytes(g, dbdir)
    finally:
        rc = g.close()
    t2 = time.perf_counter()
    if rc != 0:
        raise PeerError(f"groonga exited with status {rc} after loading")
    db_bytes, db_alloc = file_sizes(files_under(dbdir))
    return db, {
        "build_s": round(t2 - t0, 3),
        "build_detail": {"load_s": round(t1 - t0, 3), "index_s": round(t2 - t1, 3),
                         "notices": n, "build_maxrss_kib": g.maxrss_kib},
        "index_bytes": db_bytes,
        "index_allocated_bytes": db_alloc,
        "lexicon_index_bytes": index,
        "lexicon_index_allocated_bytes": index_alloc,
        "db_bytes": db_bytes,
        "note": ("Groonga %s, TABLE_HASH_KEY Notices (title, text LongText), lexicon "
                 "TokenBigram + NormalizerAuto, index WITH_POSITION|WITH_SECTION "
                 "built after loading (static index construction). index_bytes: "
                 "apparent size of all files of the database, stored text "
                 "included (Groonga pre-allocates: index_allocated_bytes is what "
                 "the files take on disk); lexicon_index_bytes: the lexicon and "
                 "index column alone. Queries: select with --match_columns "
                 "'title * %d || text', each term a phrase, ANDed with '+', default "
                 "match escalation (a query with no exact hit is retried as a looser "
                 "match). latency_ms: elapsed time from Groonga's response header "
                 "(select --cache no); wall_ms: the pipe round trip seen by this "
                 "script." % (groonga_version(), TITLE_WEIGHT)),
    }


def groonga_version():
    try:
        out = subprocess.run(["groonga", "--version"], capture_output=True, text=True).stdout
        return out.split()[1]
    except (OSError, IndexError):
        return "?"


def groonga_select(g, query, limit, columns, sort=True):
    return g.call("select Notices --match_columns "
                  + groonga_arg("title * %d || text" % TITLE_WEIGHT)
                  + " --query " + groonga_arg(query)
                  + " --output_columns " + columns
                  + (" --sortby -_score" if sort else "")
                  + " --limit %d --cache no" % limit)


def groonga_query_one(g, line, terms, limit, repeat):
    query = groonga_query(terms)
    try:
        groonga_select(g, query, limit, "_key,_score")       # warm-up
        elapsed, walls = [], []
        for _ in range(repeat):
            t0 = time.perf_counter()
            header, body = groonga_select(g, query, limit, "_key,_score")
            walls.append(time.perf_counter() - t0)
            elapsed.append(header[2])
        total = body[0][0][0]
        _, body = groonga_select(g, query, -1, "_key", sort=False)
        ids = [int(row[0]) for row in body[0][2:]]
    except PeerError as e:
        return error_record(line, e)
    return query_record(line, median_ms(elapsed), total, ids, wall_ms=median_ms(walls))


def run_groonga(notices, queries, work, limit, repeat):
    db, result = groonga_build(notices, work)
    g = Groonga(db, work)
    try:
        result["queries"] = [groonga_query_one(g, line, terms, limit, repeat)
                             for line, terms in queries]
    finally:
        g.close()
    result["query_maxrss_kib"] = g.maxrss_kib
    return result


# ---------------------------------------------------------------- xapian


def import_xapian():
    try:
        import xapian
    except ImportError:
        raise PeerError("cannot import xapian (apt-get install -y python3-xapian; "
                        "run with /usr/bin/python3)") from None
    return xapian


def xapian_document(xapian, tg, nid, title, text):
    doc = xapian.Document()
    tg.set_document(doc)
    if title:
        tg.index_text(title, TITLE_WEIGHT, "S")
        tg.increase_termpos()
        tg.index_text(title, TITLE_WEIGHT)
        tg.increase_termpos()
    tg.index_text(text)
    doc.set_data(str(nid))
    return doc


def xapian_build(notices, work):
    xapian = import_xapian()
    raw = os.path.join(work, "xapian-build")
    path = os.path.join(work, "xapian")
    fresh_path(raw)
    fresh_path(path)
    t0 = time.perf_counter()
    db = xapian.WritableDatabase(raw, xapian.DB_CREATE_OR_OVERWRITE)
    tg = xapian.TermGenerator()
    tg.set_flags(xapian.TermGenerator.FLAG_CJK_NGRAM)
    for n, (nid, title, text) in enumerate(iter_notices(notices), 1):
        if nid < 1:
            raise PeerError(f"notice id {nid}: Xapian document ids start at 1")
        db.replace_document(nid, xapian_document(xapian, tg, nid, title, text))
        if n % XAPIAN_COMMIT_EVERY == 0:
            db.commit()
    db.commit()
    db.close()
    t1 = time.perf_counter()
    xapian.Database(raw).compact(path)
    t2 = time.perf_counter()
    raw_bytes, _ = file_sizes(files_under(raw))
    shutil.rmtree(raw)
    files = {os.path.basename(p): os.path.getsize(p) for p in files_under(path)}
    index = sum(s for f, s in files.items() if not f.startswith("docdata."))
    return path, {
        "build_s": round(t2 - t0, 3),
        "build_detail": {"index_s": round(t1 - t0, 3), "compact_s": round(t2 - t1, 3),
                         "uncompacted_bytes": raw_bytes},
        "index_bytes": index,
        "db_bytes": sum(files.values()),
        "files_bytes": files,
        "note": ("Xapian %s glass, TermGenerator FLAG_CJK_NGRAM (CJK unigrams and "
                 "bigrams, other text as lower-cased words, no stemming), title "
                 "indexed with prefix S and without, both with wdf %d; committed "
                 "every %d documents, then compacted (xapian-compact). No text is "
                 "stored, only the id as document data; index_bytes: the database "
                 "directory less docdata.glass. Queries: QueryParser "
                 "FLAG_CJK_NGRAM|FLAG_PHRASE|FLAG_DEFAULT, OP_AND, each term a "
                 "phrase; latency times get_mset(0, limit); total is "
                 "get_matches_estimated()." % (xapian.version_string(), TITLE_WEIGHT,
                                               XAPIAN_COMMIT_EVERY)),
    }


def xapian_query_string(terms):
    return " ".join('"' + t + '"' for t in terms)


def xapian_query_one(xapian, db, qp, line, terms, limit, repeat):
    flags = (xapian.QueryParser.FLAG_CJK_NGRAM | xapian.QueryParser.FLAG_PHRASE
             | xapian.QueryParser.FLAG_DEFAULT)
    try:
        query = qp.parse_query(xapian_query_string(terms), flags)
        enquire = xapian.Enquire(db)
        enquire.set_query(query)
        mset, times = timed_runs(lambda: enquire.get_mset(0, limit), repeat)
        total = mset.get_matches_estimated()
        ids = [m.docid for m in enquire.get_mset(0, max(db.get_doccount(), 1))]
    except xapian.Error as e:
        return error_record(line, f"xapian: {e.get_msg()}")
    return query_record(line, median_ms(times), total, ids, parsed=str(query))


def run_xapian(notices, queries, work, limit, repeat):
    xapian = import_xapian()
    path, result = xapian_build(notices, work)
    db = xapian.Database(path)
    qp = xapian.QueryParser()
    qp.set_database(db)
    qp.set_default_op(xapian.Query.OP_AND)
    result["queries"] = [xapian_query_one(xapian, db, qp, line, terms, limit, repeat)
                         for line, terms in queries]
    db.close()
    return result


# ---------------------------------------------------------------- running


RUNNERS = {"trigram": run_trigram, "groonga": run_groonga, "xapian": run_xapian}


def run_in_child(fn, *args):
    """Run fn(*args) in a forked child; return (its JSON result, peak RSS KiB).

    The child gets a clean peak-RSS counter, so each peer's memory is its own.
    """
    rfd, wfd = os.pipe()
    sys.stdout.flush()
    sys.stderr.flush()
    pid = os.fork()
    if pid == 0:
        os.close(rfd)
        code = 0
        try:
            payload = {"ok": fn(*args)}
        except (PeerError, OSError) as e:
            payload, code = {"error": str(e)}, 1
        except BaseException as e:  # report anything, never return into the parent's code
            payload, code = {"error": f"{type(e).__name__}: {e}"}, 1
        with os.fdopen(wfd, "wb") as w:
            w.write(json.dumps(payload, ensure_ascii=False).encode("utf-8"))
        os._exit(code)
    os.close(wfd)
    with os.fdopen(rfd, "rb") as r:
        data = r.read()
    _, _, usage = os.wait4(pid, 0)
    payload = json.loads(data) if data else {"error": "peer process died"}
    if "error" in payload:
        raise PeerError(payload["error"])
    return payload["ok"], usage.ru_maxrss


def run_peers(peers, notices, queries, work, limit, repeat):
    """Run each peer; a failing peer is recorded with its error, not fatal."""
    results = {}
    for name in peers:
        log(f"{name}: building and querying ...")
        try:
            result, rss = run_in_child(RUNNERS[name], notices, queries, work, limit, repeat)
            result["peak_rss_kib"] = rss
            errors = sum(1 for q in result["queries"] if "error" in q)
            log(f"{name}: build {result['build_s']} s, index {result['index_bytes']} bytes, "
                f"{len(queries) - errors}/{len(queries)} queries answered, "
                f"peak RSS {rss // 1024} MiB")
        except PeerError as e:
            log(f"{name}: FAILED: {e}")
            result = {"error": str(e)}
        results[name] = result
    return results


def log(msg):
    print(msg, file=sys.stderr, flush=True)


def ensure_xapian_importable(peers):
    """Re-run under Debian's python3 if xapian is wanted but not importable here."""
    if "xapian" not in peers:
        return
    try:
        import xapian  # noqa: F401
        return
    except ImportError:
        pass
    if os.environ.get(REEXEC_ENV) or not os.path.exists(SYSTEM_PYTHON) \
            or os.path.realpath(sys.executable) == os.path.realpath(SYSTEM_PYTHON):
        return  # the xapian peer will report the error
    os.environ[REEXEC_ENV] = "1"
    log(f"xapian is not importable by {sys.executable}; re-running under {SYSTEM_PYTHON}")
    os.execv(SYSTEM_PYTHON, [SYSTEM_PYTHON, os.path.abspath(__file__)] + sys.argv[1:])


def parse_peers(spec):
    peers = [p.strip() for p in spec.split(",") if p.strip()]
    bad = [p for p in peers if p not in PEERS]
    if bad or not peers:
        raise SystemExit(f"--peers: unknown peer(s) {', '.join(bad) or '(none)'}; "
                         f"choose from {','.join(PEERS)}")
    return peers


def benchmark(args, peers):
    try:
        queries, skipped = read_queries(args.queries)
    except (OSError, UnicodeDecodeError) as e:
        raise SystemExit(f"search-peers: {args.queries}: {e}")
    if skipped:
        log(f"{args.queries}: skipped {skipped} line(s) that are not quoted queries")
    if not queries:
        raise SystemExit(f"{args.queries}: no queries")
    os.makedirs(args.work, exist_ok=True)
    try:
        corpus = corpus_stats(args.notices)
    except (PeerError, OSError) as e:
        raise SystemExit(f"search-peers: {e}")
    log(f"{corpus['notices']} notices, {corpus['text_bytes']} bytes of text, "
        f"{len(queries)} queries")
    results = run_peers(peers, args.notices, queries, args.work, args.limit, args.repeat)
    out = {"peers": results, "corpus": corpus,
           "queries_file": os.path.abspath(args.queries), "queries": len(queries),
           "queries_skipped": skipped, "limit": args.limit, "repeat": args.repeat,
           "python": sys.version.split()[0], "host_cpus": os.cpu_count()}
    with open(args.out, "w", encoding="utf-8") as f:
        json.dump(out, f, ensure_ascii=False)
        f.write("\n")
    log(f"wrote {args.out}")
    return 1 if any("error" in r for r in results.values()) else 0


# ---------------------------------------------------------------- self-test


SELFTEST_PLACES = ["江苏省", "浙江省", "广东省", "苏州市", "杭州市", "深圳市南山区"]
SELFTEST_AGENCIES = ["科学技术厅", "工业和信息化局", "财政局", "科技局"]
SELFTEST_TOPICS = ["高新技术企业认定", "专精特新中小企业", "科技型中小企业评价",
                   "研发费用加计扣除", "首台套装备奖励", "企业技术中心认定"]
SELFTEST_LINES = [
    "各有关单位：现将有关事项通知如下。",
    "申报企业须在{place}注册满一年，具有独立法人资格。",
    "对通过{topic}的企业给予{money}万元奖励。",
    "申报材料请于{year}年{month}月{day}日前报送至{place}{agency}。",
    "联系电话：0512-6878{n:04d}，邮箱 kjc{n}@example.cn。",
    "附件：1.申报书（PDF 格式）2.汇总表（Excel 格式）",
    "企业应提高自主创新能力，提高。新技术转化水平。",
    "本通知自印发之日起施行，由{agency}负责解释。",
    "高 新 区 内 企 业 可 优 先 推 荐 。",
    "项目编号：ZC{year}-{n:03d}，预算金额{money}.5万元。",
]
SELFTEST_QUERIES = [
    '"高"', '"新"', '"通知"', '"高新"', '"认定"', '"高新技术"', '"专精特新"',
    '"2024"', '"24"', '"年度"', '"PDF"', '"pdf"', '"研发"', '"科技型"',
    '"高新" "认定"', '"申报" "2025"', '"提高"', '"高新区"', '"ZC"', '"奖励" "苏州"',
]


def selftest_notices(rng, n=50):
    """Made-up notices written for this test."""
    notices = []
    for nid in range(1, n + 1):
        year = rng.choice([2023, 2024, 2025])
        place, agency, topic = (rng.choice(SELFTEST_PLACES), rng.choice(SELFTEST_AGENCIES),
                                rng.choice(SELFTEST_TOPICS))
        title = rng.choice([
            f"关于开展{year}年度{topic}工作的通知",
            f"{place}{agency}关于组织申报{year}年{topic}项目的通知",
            f"关于{year}年{topic}拟认定名单的公示",
            None,
        ])
        fill = {"place": place, "agency": agency, "topic": topic, "year": year,
                "month": rng.randint(1, 12), "day": rng.randint(1, 28),
                "money": rng.choice([5, 10, 20, 50, 100]), "n": nid}
        lines = [ln.format(**fill) for ln in rng.sample(SELFTEST_LINES, rng.randint(3, 7))]
        lines.append(f"{place}{agency}\n{year}年{fill['month']}月{fill['day']}日")
        notices.append({"id": nid, "title": title, "text": "\n".join(lines)})
    return notices


def brute_force(notices, terms):
    ids = []
    for n in notices:
        hay = (n["title"] or "") + "\n" + n["text"]
        if all(t in hay for t in terms):
            ids.append(n["id"])
    return ids


def trigram_should_be_exact(terms):
    return all(len(t) >= 3 and not re.search(r"[A-Za-z]", t) for t in terms)


def self_test(args):
    work = args.work or "/tmp/search-peers-selftest"
    os.makedirs(work, exist_ok=True)
    notices = selftest_notices(random.Random(20240601))
    npath, qpath = os.path.join(work, "selftest-notices.jsonl"), os.path.join(work, "selftest-queries.txt")
    with open(npath, "w", encoding="utf-8") as f:
        for n in notices:
            f.write(json.dumps(n, ensure_ascii=False) + "\n")
    with open(qpath, "w", encoding="utf-8") as f:
        f.write("\n".join(SELFTEST_QUERIES) + "\nnot a query\n")
    args.notices, args.queries = npath, qpath
    args.out, args.work = os.path.join(work, "selftest-results.json"), work
    status = benchmark(args, list(PEERS))
    with open(args.out, encoding="utf-8") as f:
        results = json.load(f)
    expected = {line: brute_force(notices, parse_query_line(line)) for line in SELFTEST_QUERIES}
    return max(status, print_selftest_summary(results, expected))


def print_selftest_summary(results, expected):
    failed = 0
    print(f"self-test: {len(expected)} queries, skipped lines: {results['queries_skipped']}")
    for name, r in results["peers"].items():
        if "error" in r:
            print(f"{name:8s} FAILED: {r['error']}")
            failed = 1
            continue
        qs = r["queries"]
        answered = sum(1 for q in qs if "error" not in q)
        equal = [q for q in qs if q["ids"] == expected[q["query"]]]
        print(f"{name:8s} build_s {r['build_s']:.3f}  index_bytes {r['index_bytes']:>10d}  "
              f"answered {answered}/{len(qs)}  equal to substring {len(equal)}/{len(qs)}")
        for q in qs:
            want = expected[q["query"]]
            if q["ids"] != want:
                extra = len(set(q["ids"]) - set(want))
                missing = len(set(want) - set(q["ids"]))
                why = q.get("error", "")
                print(f"         {q['query']}: {len(q['ids'])} ids, substring {len(want)} "
                      f"(+{extra} -{missing}){' error: ' + why if why else ''}")
                if name == "trigram" and trigram_should_be_exact(parse_query_line(q["query"])):
                    print("         ^ trigram must be exact here: harness bug")
                    failed = 1
    print("self-test:", "FAILED" if failed else "ok")
    return failed


# ---------------------------------------------------------------- main


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--notices", help="NOTICES.jsonl (zhengce export)")
    ap.add_argument("--queries", help="QUERIES.txt, one quoted query per line")
    ap.add_argument("--work", help="scratch directory for the peers' indexes")
    ap.add_argument("--out", help="RESULTS.json to write")
    ap.add_argument("--peers", default=",".join(PEERS),
                    help="comma-separated subset of %(default)s")
    ap.add_argument("--limit", type=int, default=20, help="top-k for timed queries (default 20)")
    ap.add_argument("--repeat", type=int, default=3,
                    help="timed runs per query after one warm-up; median reported (default 3)")
    ap.add_argument("--self-test", action="store_true",
                    help="build a tiny made-up corpus in --work and check all peers")
    args = ap.parse_args()
    if args.limit < 1 or args.repeat < 1:
        ap.error("--limit and --repeat must be at least 1")
    if args.self_test:
        ensure_xapian_importable(PEERS)
        return self_test(args)
    missing = [o for o in ("notices", "queries", "work", "out") if not getattr(args, o)]
    if missing:
        ap.error("needs " + ", ".join("--" + o for o in missing) + " (or --self-test)")
    peers = parse_peers(args.peers)
    ensure_xapian_importable(peers)
    return benchmark(args, peers)


if __name__ == "__main__":
    sys.exit(main())
