#!/usr/bin/env python3
"""search-report.py: the report of bench/search-bench.sh: ingest speed, index
size, query latency by class, and every engine's agreement with grep -F.

The reference set of a query is computed with grep -F (LC_ALL=C, byte
matching) over one line per notice: its title and text, folded as zhengce
folds for search (full-width ASCII to ASCII, white-space variants and control
characters to a space, and every character OpenCC's t2s maps to one other CJK
character to that character, the derivation of scripts/gen-trad-table.py), so
"contains the string" means the same thing on both sides. Line breaks become
U+001F, which no query holds. A multi-term query's reference is the
intersection of its terms' sets; a filtered query's is further intersected
with the set zhengce returns for its filters alone.

usage: search-report.py --out DIR --corpus-bytes N [--peers PEERS.json]
"""
import argparse
import concurrent.futures
import json
import os
import re
import subprocess
import sys

KEPT_FULLWIDTH = {0xFF01, 0xFF08, 0xFF09, 0xFF0C, 0xFF1A, 0xFF1B, 0xFF1F, 0xFF5E}
SPACES = {0x09, 0xA0, 0x3000, 0x202F, 0x205F} | set(range(0x2000, 0x200B))
CLASSES = ["1char", "2char", "3char", "4plus", "multi", "filter"]


def fold_table():
    """Code point -> folded code point, for the characters that change."""
    lo, hi = 0x4E00, 0x9FFF
    chars = "".join(chr(c) + "\n" for c in range(lo, hi + 1))
    out = subprocess.run(["opencc", "-c", "t2s"], input=chars, capture_output=True, text=True,
                         check=True).stdout.split("\n")
    table = {}
    for i, c in enumerate(range(lo, hi + 1)):
        s = out[i]
        if s != chr(c) and len(s) == 1 and lo <= ord(s) <= hi:
            table[c] = ord(s)
    for c in range(0xFF01, 0xFF5F):
        if c not in KEPT_FULLWIDTH:
            table[c] = c - 0xFEE0
    for c in SPACES:
        table[c] = 0x20
    for c in range(0x20):
        if c != 0x0A:
            table[c] = 0x20
    return table


def load_jsonl(path):
    with open(path, encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def terms_of(query):
    return re.findall(r'"([^"]*)"', query)


def pct(values, p):
    if not values:
        return float("nan")
    v = sorted(values)
    return v[min(len(v) - 1, int(round(p / 100.0 * (len(v) - 1))))]


def grep_sets(lines_path, terms, ids):
    """term -> frozenset of notice ids whose folded line contains it."""
    env = dict(os.environ, LC_ALL="C")

    def one(term):
        r = subprocess.run(["grep", "-nF", "--", term, lines_path], capture_output=True, env=env)
        if r.returncode not in (0, 1):
            raise RuntimeError("grep failed on %r" % term)
        return term, frozenset(ids[int(l.split(b":", 1)[0]) - 1] for l in r.stdout.splitlines())

    with concurrent.futures.ThreadPoolExecutor(max_workers=os.cpu_count() or 2) as ex:
        return dict(ex.map(one, sorted(terms)))


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--out", required=True)
    ap.add_argument("--corpus-bytes", type=int, required=True)
    ap.add_argument("--peers")
    a = ap.parse_args()
    d = a.out
    table = fold_table()
    queries = load_jsonl(os.path.join(d, "queries.jsonl"))
    for q in queries:
        q["terms"] = [t.translate(table) for t in terms_of(q["query"])]

    # One folded line per notice.
    lines_path = os.path.join(d, "ref-lines.txt")
    ids = []
    with open(os.path.join(d, "notices.jsonl"), encoding="utf-8") as f, \
            open(lines_path, "w", encoding="utf-8") as out:
        for line in f:
            n = json.loads(line)
            ids.append(n["id"])
            text = ((n.get("title") or "") + "\n" + (n.get("text") or "")).translate(table)
            out.write(text.replace("\n", "\x1f") + "\n")
    sets = grep_sets(lines_path, {t for q in queries for t in q["terms"]}, ids)
    filters = iter(load_jsonl(os.path.join(d, "filter-sets.jsonl")))
    for q in queries:
        ref = None
        for t in q["terms"]:
            ref = sets[t] if ref is None else ref & sets[t]
        if q["class"] == "filter":
            ref &= frozenset(r["id"] for r in next(filters)["results"])
        q["ref"] = ref

    # zhengce: latency (top 20 with snippets) and full sets.
    timed = load_jsonl(os.path.join(d, "zhengce.jsonl"))
    full = load_jsonl(os.path.join(d, "zhengce-sets.jsonl"))
    agree, lat = 0, {c: [] for c in CLASSES}
    misses = []
    for q, t, s in zip(queries, timed, full):
        lat[q["class"]].append(t["elapsed_ms"])
        got = frozenset(r["id"] for r in s.get("results", []))
        if got == q["ref"] and s.get("total") == len(q["ref"]):
            agree += 1
        elif len(misses) < 5:
            misses.append("%s: zhengce %d, grep %d" % (q["query"], len(got), len(q["ref"])))
    all_lat = [x for v in lat.values() for x in v]

    stats = json.load(open(os.path.join(d, "stats.json"), encoding="utf-8"))
    ingest_s, ingest_kb = open(os.path.join(d, "ingest.time")).read().split()[:2]
    ingest_s = float(ingest_s)
    text_b, index_b, file_b = stats["text_bytes"], stats["index_bytes"], stats["file_bytes"]
    mib = 1 << 20
    p = print
    p("### Search (bench/search-bench.sh)\n")
    p("Corpus: %d notices, %.0f MiB of input, %.0f MiB of clean text; %d queries (bench/gen-queries.py)."
      % (stats["notices"], a.corpus_bytes / mib, text_b / mib, len(queries)))
    p("Machine: %s, %d cores.\n" % (os.uname().machine, os.cpu_count() or 0))
    p("| measure | zhengce | target |")
    p("|---|---|---|")
    p("| ingest, extraction included | %.1f s, **%.1f MB/s**, peak RSS %.0f MiB | >= 5 MB/s |"
      % (ingest_s, a.corpus_bytes / 1e6 / ingest_s, int(ingest_kb) / 1024))
    p("| index (stored text excluded) | %.0f MiB, **%.2fx** the text | <= 2x, smaller than Groonga |"
      % (index_b / mib, index_b / text_b))
    p("| database file | %.0f MiB, %.2fx the text (text, elements, side tables, index) | |"
      % (file_b / mib, file_b / text_b))
    p("| result sets equal to grep -F | **%d / %d** | all |" % (agree, len(queries)))
    p("| latency, top 20 + snippets, all queries | p50 **%.1f ms**, p99 **%.1f ms** | p50 < 5 ms, p99 < 50 ms |"
      % (pct(all_lat, 50), pct(all_lat, 99)))
    p("")
    p("Latency by class (ms, inside one `zhengce search --queries` process, warm cache):\n")
    p("| class | queries | p50 | p90 | p99 | max |")
    p("|---|---|---|---|---|---|")
    for c in CLASSES:
        v = lat[c]
        if v:
            p("| %s | %d | %.1f | %.1f | %.1f | %.1f |" % (c, len(v), pct(v, 50), pct(v, 90), pct(v, 99), max(v)))
    if misses:
        p("\nDisagreements (first 5): " + "; ".join(misses))

    if a.peers:
        peers = json.load(open(a.peers, encoding="utf-8"))["peers"]
        plain = [q for q in queries if q["class"] != "filter"]
        zl = [t["elapsed_ms"] for q, t in zip(queries, timed) if q["class"] != "filter"]
        zs = [s for q, s in zip(queries, full) if q["class"] != "filter"]
        zagree = sum(frozenset(r["id"] for r in s.get("results", [])) == q["ref"] for q, s in zip(plain, zs))
        p("\nSide by side, on the %d unfiltered queries (peers from Debian packages, run by bench/search-peers.py):\n"
          % len(plain))
        p("| engine | build | index | sets equal to grep -F | p50 ms | p99 ms | 1-char p50 | 2-char p50 |")
        p("|---|---|---|---|---|---|---|---|")

        def by(cls, lats):
            return pct([l for q, l in zip(plain, lats) if q["class"] == cls], 50)
        p("| zhengce (own index, a term per character) | %.0f s (with extraction) | %.0f MiB (%.2fx) | %d / %d | %.1f | %.1f | %.1f | %.1f |"
          % (ingest_s, index_b / mib, index_b / text_b, zagree, len(plain), pct(zl, 50), pct(zl, 99),
             by("1char", zl), by("2char", zl)))
        notes = []
        for name, r in peers.items():
            qs = r.get("queries", [])
            lats = [x.get("latency_ms", float("nan")) for x in qs]
            eq = sum(frozenset(x.get("ids", [])) == q["ref"] and "error" not in x for q, x in zip(plain, qs))
            # The index proper: Groonga's files also hold the text; its lexicon and index column alone.
            ib = r.get("lexicon_index_bytes", r.get("index_bytes", 0))
            p("| %s | %.0f s | %.0f MiB (%.2fx) | %d / %d | %.1f | %.1f | %.1f | %.1f |"
              % (name, r.get("build_s", float("nan")), ib / mib, ib / text_b, eq, len(plain), pct(lats, 50),
                 pct(lats, 99), by("1char", lats), by("2char", lats)))
            if r.get("note"):
                notes.append("- **%s**: %s" % (name, r["note"]))
        p("\nIndex sizes exclude stored text (Groonga: its lexicon and index column; the whole database is %.0f MiB)."
          % (peers.get("groonga", {}).get("index_bytes", 0) / mib))
        if notes:
            p("\nHow each peer was run:\n")
            p("\n".join(notes))
    p("\nCommand: `bench/search-bench.sh` (`make bench-search`).")


if __name__ == "__main__":
    main()
