#!/usr/bin/env python3
"""
split-check.py: compare where zhengce split a generated corpus into notices
with where bench/gen-corpus.py put them.

    python3 bench/gen-corpus.py --mb 5 --index --out /tmp/c.txt
    build/zhengce extract --format jsonl /tmp/c.txt > /tmp/c.jsonl
    python3 bench/split-check.py /tmp/c.txt.index.tsv /tmp/c.jsonl [--examples N] [--json]

(JSONL may be '-' for standard input.)

A generated notice counts as found when an output notice starts on a line
from the notice's first line (its digest tag, if any) to its title line.
A start 1-2 lines after the title line counts as found but is reported as
late. Prints counts of missed starts (notices merged into the one before) and of
extra starts (a notice cut in two), by kind and shape, with examples.
Python 3 standard library only.
"""
import argparse
import bisect
import collections
import json
import sys

# An output notice that starts 1..LATE lines after the title line still counts
# as found, but is reported as late: either zhengce's source line is off, or
# the first line of a wrapped title went to the notice before.
LATE = 2


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("index")
    ap.add_argument("jsonl")
    ap.add_argument("--examples", type=int, default=5)
    ap.add_argument("--json", action="store_true", help="print the summary as one JSON object")
    a = ap.parse_args()

    gen = []
    with open(a.index, encoding="utf-8") as f:
        for ln in f:
            first, tline, off, kind, shape, title = ln.rstrip("\n").split("\t", 5)
            gen.append((int(first), int(tline), int(off), kind, shape, title))
    starts = []
    titles = {}
    f = sys.stdin if a.jsonl == "-" else open(a.jsonl, encoding="utf-8")
    with f:
        for ln in f:
            d = json.loads(ln)
            line = d["source"]["line"]
            starts.append(line)
            titles[line] = d.get("title")
    starts.sort()

    missed = []
    late = []
    matched = set()
    for g in gen:
        i = bisect.bisect_left(starts, g[0])
        if i < len(starts) and starts[i] <= g[1]:
            matched.add(starts[i])
        elif i < len(starts) and starts[i] <= g[1] + LATE:
            matched.add(starts[i])
            late.append((starts[i], g))
        else:
            missed.append(g)
    firsts = [g[0] for g in gen]
    extra = []
    for s in starts:
        if s in matched:
            continue
        i = bisect.bisect_right(firsts, s) - 1
        extra.append((s, gen[i] if i >= 0 else None))

    by = collections.Counter((g[3], g[4]) for g in missed)
    tot = collections.Counter((g[3], g[4]) for g in gen)
    ext = collections.Counter((e[1][3], e[1][4]) for e in extra if e[1])
    summary = dict(generated=len(gen), output=len(starts), found=len(gen) - len(missed), late=len(late),
                   missed=len(missed), extra=len(extra),
                   missed_by_kind_shape={"%s/%s" % k: "%d/%d" % (v, tot[k]) for k, v in sorted(by.items())},
                   extra_by_kind_shape={"%s/%s" % k: v for k, v in sorted(ext.items())})
    if a.json:
        print(json.dumps(summary, ensure_ascii=False))
        return
    print("generated %d notices, zhengce printed %d; found %d (%d of them starting 1-%d lines after the title line), "
          "missed %d (merged into the one before), extra %d" % (
              len(gen), len(starts), summary["found"], len(late), LATE, len(missed), len(extra)))
    if late:
        print("examples of late starts (line zhengce gave, generated title line, title zhengce gave):")
        for s, g in late[: a.examples]:
            print("  %d %d %s" % (s, g[1], titles.get(s)))
    if missed:
        print("missed by kind/shape (missed/total):")
        for k, v in sorted(by.items(), key=lambda kv: -kv[1]):
            print("  %-10s %-4s %d/%d" % (k[0], k[1], v, tot[k]))
        print("examples of missed notice starts (line, title line, kind, shape, title):")
        for g in missed[: a.examples]:
            print("  %d %d %s %s %s" % (g[0], g[1], g[3], g[4], g[5]))
    if extra:
        print("extra starts by the kind/shape of the notice cut:")
        for k, v in sorted(ext.items(), key=lambda kv: -kv[1]):
            print("  %-10s %-4s %d" % (k[0], k[1], v))
        print("examples of extra starts (line, title zhengce gave, inside notice):")
        for s, g in extra[: a.examples]:
            print("  %d %s <- inside %s" % (s, titles.get(s), g[5] if g else "?"))


if __name__ == "__main__":
    sys.exit(main())
