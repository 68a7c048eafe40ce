#!/usr/bin/env python3
"""gen-queries.py: a reproducible mix of search queries drawn from stored notices,
for bench/search-bench.sh.

Every term is a random substring of a random notice (title or text), so the
mix follows the text's own frequencies: one-character terms are mostly common
characters, longer terms mostly common phrases. Classes (of 1000 by default):

  1char   25%  one character
  2char   25%  two characters (most Chinese words)
  3char   15%  three characters
  4plus   15%  four to eight characters
  multi   10%  two or three terms, ANDed
  filter  10%  one term (2-4 characters) with a region, category or open-now filter

Terms never hold a line break or a double quote and are written as quoted
phrases, so each query means "contains this exact string".

usage: gen-queries.py NOTICES.jsonl OUT_PREFIX [--n 1000] [--seed 20240601]

Writes OUT_PREFIX.jsonl (one JSON object per query, for `zhengce search
--queries`: {"query", "class", and filters}) and OUT_PREFIX.plain.txt (the
unfiltered queries, one per line, for the peers: bench/search-peers.py).
"""
import argparse
import json
import random
import sys

CLASSES = [("1char", 0.25), ("2char", 0.25), ("3char", 0.15), ("4plus", 0.15), ("multi", 0.10), ("filter", 0.10)]
REGIONS = ["广东省", "江苏省", "浙江省", "北京市", "河北省", "长三角", "京津冀", "四川省", "山东省"]


def load(path, keep=20000, seed=1):
    """A reservoir sample of notice texts (title + text), to draw terms from."""
    rng = random.Random(seed)
    texts, categories = [], set()
    with open(path, encoding="utf-8") as f:
        for i, line in enumerate(f):
            n = json.loads(line)
            t = (n.get("title") or "") + "\n" + (n.get("text") or "")
            if n.get("category"):
                categories.add(n["category"])
            if len(texts) < keep:
                texts.append(t)
            else:
                j = rng.randrange(i + 1)
                if j < keep:
                    texts[j] = t
    return texts, sorted(categories)


def term(rng, texts, length):
    while True:
        t = rng.choice(texts)
        if len(t) <= length:
            continue
        i = rng.randrange(len(t) - length)
        s = t[i:i + length]
        if "\n" not in s and '"' not in s and s.strip() == s and s.strip():
            return s


def phrase(s):
    return '"' + s + '"'


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("notices")
    ap.add_argument("out_prefix")
    ap.add_argument("--n", type=int, default=1000)
    ap.add_argument("--seed", type=int, default=20240601)
    a = ap.parse_args()
    rng = random.Random(a.seed)
    texts, categories = load(a.notices)
    if not texts:
        sys.exit("gen-queries.py: no notices in " + a.notices)
    queries = []
    for cls, share in CLASSES:
        for _ in range(round(a.n * share)):
            q = {"class": cls}
            if cls == "1char":
                q["query"] = phrase(term(rng, texts, 1))
            elif cls == "2char":
                q["query"] = phrase(term(rng, texts, 2))
            elif cls == "3char":
                q["query"] = phrase(term(rng, texts, 3))
            elif cls == "4plus":
                q["query"] = phrase(term(rng, texts, rng.randint(4, 8)))
            elif cls == "multi":
                q["query"] = " ".join(phrase(term(rng, texts, rng.randint(2, 4))) for _ in range(rng.randint(2, 3)))
            else:
                q["query"] = phrase(term(rng, texts, rng.randint(2, 4)))
                kind = rng.choice(["region", "category", "open"])
                if kind == "region":
                    q["region"] = rng.choice(REGIONS)
                elif kind == "category" and categories:
                    q["category"] = rng.choice(categories)
                else:
                    q["open"] = True
                    q["today"] = "2024-06-01"
            queries.append(q)
    rng.shuffle(queries)
    with open(a.out_prefix + ".jsonl", "w", encoding="utf-8") as f:
        for q in queries:
            f.write(json.dumps(q, ensure_ascii=False) + "\n")
    with open(a.out_prefix + ".plain.txt", "w", encoding="utf-8") as f:
        for q in queries:
            if q["class"] != "filter":
                f.write(q["query"] + "\n")
    print("wrote %d queries to %s.jsonl (%d unfiltered in .plain.txt)"
          % (len(queries), a.out_prefix, sum(q["class"] != "filter" for q in queries)), file=sys.stderr)


if __name__ == "__main__":
    main()
