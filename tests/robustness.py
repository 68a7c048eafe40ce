#!/usr/bin/env python3
"""robustness.py: the own fixtures, reshaped as notices reach us in the wild,
must keep their key elements.

Each UTF-8 text fixture in tests/data/extract is rewritten by every transform
below, which changes its form and not its elements; `zhengce extract` reads the
result and the shared scorer compares it with the fixture's expected JSON.
Each transform has its own floor (micro F1), set a little under what the
extractor scores today: a change that makes one shape fragile fails here.

  s2t       traditional characters (opencc s2t), as reposts in Hong Kong and
            Taiwan and some mirrors have them
  chrome    a site's breadcrumb and toolbar above, its footer below
  crlf      Windows line ends
  noblank   no blank lines between paragraphs
  dblank    a blank line after every line
  indent    paragraphs indented with two ideographic spaces
  gb18030   the GB18030 encoding
  html      a web page: <title>, menu, one <p> per line, &nbsp; runs, footer
  flat      the whole page on one line, its lines apart by three spaces
  wrap      hard-wrapped at a width of 76 (a Chinese character is two), as a
            PDF-to-text tool leaves a page

usage: robustness.py ZHENGCE SCORER [--verbose] [--only NAME]
Exit status: 0 all floors met, 1 a floor missed, 2 bad usage, 77 skipped.
"""
import html
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import unicodedata

FLOORS = {
    "s2t": 0.99, "chrome": 0.99, "crlf": 0.99, "noblank": 0.99, "dblank": 0.99,
    "indent": 0.99, "gb18030": 0.99, "html": 0.99, "flat": 0.97, "wrap": 0.97,
}


def width(c):
    return 2 if unicodedata.east_asian_width(c) in "WF" else 1


def wrap(text, limit=76):
    out = []
    for line in text.split("\n"):
        # A right-aligned signature line is laid out within the page: no wrap.
        stripped = line.lstrip(" \u3000")
        if len(line) - len(stripped) > 8:
            line = stripped
        cur, w = "", 0
        for c in line:
            if w + width(c) > limit:
                out.append(cur)
                cur, w = "", 0
            cur += c
            w += width(c)
        out.append(cur)
    return "\n".join(out)


def to_html(text):
    lines = text.split("\n")
    title = next((l.strip() for l in lines if l.strip()), "")
    body = []
    for l in lines:
        if l.strip():
            e = re.sub(r"  +", lambda m: "&nbsp;" * len(m.group(0)), html.escape(l))
            body.append("<p>" + e + "</p>")
    return ("<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>" + html.escape(title) +
            "_某某市人民政府门户网站</title><script>var a=1;</script><style>.a{color:red}</style></head><body>\n"
            "<div class=\"header\"><a href=\"/\">首页</a> <a href=\"/zwgk/\">政务公开</a> "
            "<a href=\"/hdjl/\">互动交流</a></div>\n<div class=\"content\">\n" + "\n".join(body) +
            "\n</div><div class=\"footer\"><p>主办单位：某某市人民政府办公室</p>"
            "<p>网站标识码：3301000001 备案号：浙ICP备05012345号-1</p></div></body></html>\n")


def s2t(text):
    r = subprocess.run(["opencc", "-c", "s2t.json"], input=text.encode(), capture_output=True, check=True)
    return r.stdout.decode()


CHROME_HEAD = "首页 > 政务公开 > 通知公告\n字号：大 中 小　　打印本页　　关闭窗口\n\n"
CHROME_FOOT = ("\n\n主办单位：某某市人民政府办公室　　网站标识码：3301000001\n"
               "备案号：浙ICP备05012345号-1　　浙公网安备 33010302000123号\n")

TRANSFORMS = {
    "s2t": (s2t, ".txt", "utf-8"),
    "chrome": (lambda t: CHROME_HEAD + t + CHROME_FOOT, ".txt", "utf-8"),
    "crlf": (lambda t: t.replace("\n", "\r\n"), ".txt", "utf-8"),
    "noblank": (lambda t: "\n".join(l for l in t.split("\n") if l.strip()) + "\n", ".txt", "utf-8"),
    "dblank": (lambda t: t.replace("\n", "\n\n"), ".txt", "utf-8"),
    "indent": (lambda t: "\n".join("\u3000\u3000" + l if l and l[0] not in " \u3000" else l
                                   for l in t.split("\n")), ".txt", "utf-8"),
    "gb18030": (lambda t: t, ".txt", "gb18030"),
    "html": (to_html, ".html", "utf-8"),
    "flat": (lambda t: "   ".join(l.strip() for l in t.split("\n") if l.strip()) + "\n", ".txt", "utf-8"),
    "wrap": (wrap, ".txt", "utf-8"),
}


def fixtures(data):
    for name in sorted(os.listdir(data)):
        if not name.endswith(".expected.json"):
            continue
        base = name[: -len(".expected.json")]
        path = os.path.join(data, base + ".txt")
        if not os.path.exists(path):
            continue  # HTML fixtures have their own shape already
        try:
            text = open(path, encoding="utf-8").read()
        except UnicodeDecodeError:
            continue  # GBK and Big5 fixtures
        yield base, text, os.path.join(data, name)


def main(argv):
    args = [a for a in argv[1:] if not a.startswith("--")]
    verbose = "--verbose" in argv
    only = None
    if "--only" in argv:
        only = argv[argv.index("--only") + 1]
        args.remove(only)
    if len(args) != 2:
        print(__doc__, file=sys.stderr)
        return 2
    zhengce, scorer = args
    if not os.access(scorer, os.X_OK):
        print("no scorer at " + scorer + ": skipped")
        return 77
    if not shutil.which("opencc"):
        print("opencc (the command) is needed for the s2t transform: apt-get install opencc", file=sys.stderr)
        return 2
    data = os.path.join(os.path.dirname(os.path.abspath(__file__)), "data", "extract")
    cases = list(fixtures(data))
    failed = []
    with tempfile.TemporaryDirectory() as tmp:
        for tname, (fn, ext, enc) in TRANSFORMS.items():
            if only and tname != only:
                continue
            pairs, inputs = [], []
            for base, text, expected in cases:
                inp = os.path.join(tmp, tname + "-" + base + ext)
                with open(inp, "wb") as f:
                    f.write(fn(text).encode(enc))
                inputs.append(inp)
                pairs += [expected, inp + ".json"]
            # One run for all the files; its notices are handed to each file's
            # expected elements by their source file.
            r = subprocess.run([zhengce, "extract", "--quiet", "--format", "jsonl"] + inputs,
                               capture_output=True, timeout=600)
            if r.returncode != 0:
                print("%s: extract failed: %s" % (tname, r.stderr.decode()[:300]), file=sys.stderr)
            notices = {inp: [] for inp in inputs}
            for line in r.stdout.decode().splitlines():
                n = json.loads(line)
                notices.setdefault(n["source"]["file"], []).append(n)
            for inp in inputs:
                with open(inp + ".json", "w", encoding="utf-8") as f:
                    json.dump(notices[inp], f, ensure_ascii=False)
            r = subprocess.run([scorer] + pairs + ([] if verbose else ["--quiet"]), capture_output=True, text=True)
            m = re.search(r"overall micro F1 ([0-9.]+)", r.stdout)
            f1 = float(m.group(1)) if m else 0.0
            ok = f1 >= FLOORS[tname]
            print("%-8s F1 %.3f (floor %.2f) %s" % (tname, f1, FLOORS[tname], "ok" if ok else "BELOW THE FLOOR"))
            if verbose or not ok:
                print("\n".join("    " + l for l in r.stdout.splitlines() if l.startswith("  ")))
            if not ok:
                failed.append(tname)
    print("%d passed, %d failed" % (len(FLOORS if not only else [only]) - len(failed), len(failed)))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
