#!/usr/bin/python3
"""The company-profile matching quality suite (tests/match-suite/README.md).

    run.py ZHENGCE [--cases FILE] [--shared DIR] [--min-agreement 0.85] [-v]

Ingests the notices the cases name into a temporary database, finds each
case's notice by title, runs `zhengce match PROFILE --today DATE -f json`
and compares zhengce's verdict (and, where the case gives them, the quoted
reason and the status of named conditions) with the verdict written by hand
from the notice's own text. Prints every disagreement, then the agreement
overall, by expected verdict and by condition type. Exits 1 when the
verdict agreement is below --min-agreement (or a case cannot be run at
all), 2 on a usage error, else 0. Standard library only.
"""
import argparse
import json
import os
import re
import subprocess
import sys
import tempfile
import unicodedata
from collections import OrderedDict, defaultdict

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(HERE))
VERDICTS = ("eligible", "needs-check", "ineligible")
STATUSES = ("met", "unmet", "unknown")


def norm(s):
    """Comparison form: NFKC (full-width digits and brackets to ASCII) without
    whitespace, so that a quote from the notice matches zhengce's cleaned
    sentence whatever the line wrapping or spacing of the source."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", s or ""))


def die(msg, code=2):
    print("match-suite: " + msg, file=sys.stderr)
    sys.exit(code)


def notice_file(spec, shared):
    """'tests/data/extract/x.txt' or 'shared:fixtures/digest.txt#11' -> path."""
    path = spec.split("#", 1)[0]
    if path.startswith("shared:"):
        return os.path.join(shared, path[len("shared:"):])
    return os.path.join(REPO, path)


def check_case(c, i):
    where = "case %d (%s)" % (i + 1, c.get("id", "?"))
    for k in ("notice", "title_contains", "today", "profile", "expected", "why"):
        if k not in c:
            die("%s: no %r" % (where, k))
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", c["today"]):
        die("%s: today %r is not YYYY-MM-DD" % (where, c["today"]))
    e = c["expected"]
    if e.get("verdict") not in VERDICTS:
        die("%s: expected.verdict must be one of %s" % (where, ", ".join(VERDICTS)))
    for cond in e.get("conditions", []):
        if "text_contains" not in cond or cond.get("status") not in STATUSES:
            die("%s: each expected condition needs text_contains and a status (%s)"
                % (where, ", ".join(STATUSES)))


def run(argv, **kw):
    return subprocess.run(argv, stdout=subprocess.PIPE, stderr=subprocess.PIPE, **kw)


def find_notice(notices, title_contains):
    """The stored notice whose title contains title_contains; a notice the
    extractor found no title for is looked up in its first lines instead."""
    key = norm(title_contains)
    hits = [n for n in notices if key in norm(n.get("title"))]
    if not hits:
        hits = [n for n in notices if not n.get("title") and key in norm((n.get("text") or "")[:400])]
    if len(hits) == 1:
        return hits[0], None
    if not hits:
        return None, "no stored notice has %r in its title" % title_contains
    return None, "%d stored notices have %r in their titles: %s" % (
        len(hits), title_contains, "; ".join("#%d %s" % (n["id"], n.get("title")) for n in hits[:4]))


def judge_conditions(expected, got_conditions):
    """Each expected condition against zhengce's: the candidates are the
    conditions whose sentence contains text_contains (and of the type, when
    the case names one); the check passes when one of them has the status."""
    results = []
    for want in expected:
        key = norm(want["text_contains"])
        cands = [g for g in got_conditions if key in norm(g.get("text"))]
        if want.get("type"):
            typed = [g for g in cands if g.get("type") == want["type"]]
            cands = typed
        ok = any(g.get("status") == want["status"] for g in cands)
        if not cands:
            got = "not extracted"
        else:
            got = ", ".join("%s %s" % (g.get("type"), g.get("status")) for g in cands)
        results.append((want, ok, got))
    return results


def reason_quoted(reason, got):
    """The ineligible reason quotes `reason`: one of the unmet conditions'
    sentence or reason contains it."""
    key = norm(reason)
    for g in got.get("conditions", []):
        if g.get("status") == "unmet" and (key in norm(g.get("text")) or key in norm(g.get("reason"))):
            return True
    return False


def short(s, n=60):
    s = (s or "").replace("\n", " ")
    return s if len(s) <= n else s[: n - 1] + "…"


def main():
    ap = argparse.ArgumentParser(description="Company-profile matching quality suite.")
    ap.add_argument("zhengce", help="the zhengce binary")
    ap.add_argument("--cases", default=os.path.join(HERE, "cases.json"))
    ap.add_argument("--shared", default=os.environ.get("ZHENGCE_SHARED", os.path.join(REPO, "..", "shared")),
                    help="the shared directory (shared: notices); default ../shared beside the repository")
    ap.add_argument("--min-agreement", type=float, default=0.85,
                    help="least verdict agreement (0..1) for exit 0 (default 0.85)")
    ap.add_argument("-v", "--verbose", action="store_true", help="print every case, not only disagreements")
    args = ap.parse_args()
    if not os.access(args.zhengce, os.X_OK):
        die("%s: not an executable" % args.zhengce)
    if not 0 <= args.min_agreement <= 1:
        die("--min-agreement must be between 0 and 1")
    try:
        with open(args.cases, encoding="utf-8") as f:
            cases = json.load(f)
    except (OSError, ValueError) as e:
        die("%s: %s" % (args.cases, e))
    if not isinstance(cases, list) or not cases:
        die("%s: not a non-empty list of cases" % args.cases)
    for i, c in enumerate(cases):
        check_case(c, i)

    # The notice files, once each; cases on shared notices are skipped (and
    # said so) when the shared directory is not there.
    skipped = []
    files = OrderedDict()
    runnable = []
    for c in cases:
        path = notice_file(c["notice"], args.shared)
        if not os.path.isfile(path):
            if c["notice"].startswith("shared:"):
                skipped.append(c)
                continue
            die("%s: notice file %s not found" % (c.get("id"), path), 1)
        files[path] = True
        runnable.append(c)
    if skipped:
        print("match-suite: %s not found: %d cases on shared notices skipped"
              % (args.shared, len(skipped)), file=sys.stderr)
    if not runnable:
        die("no case can run", 1)

    tmp = tempfile.TemporaryDirectory(prefix="match-suite-")
    db = os.path.join(tmp.name, "suite.db")
    env = dict(os.environ)
    env.pop("ZHENGCE_DB", None)
    p = run([args.zhengce, "ingest", "-q", "--db", db, "-f", "json"] + list(files), env=env)
    if p.returncode != 0:
        die("zhengce ingest exited %d: %s" % (p.returncode, p.stderr.decode(errors="replace")[:400]), 1)
    p = run([args.zhengce, "export", "--db", db, "-f", "jsonl"], env=env)
    if p.returncode != 0:
        die("zhengce export exited %d: %s" % (p.returncode, p.stderr.decode(errors="replace")[:400]), 1)
    notices = [json.loads(line) for line in p.stdout.decode().splitlines() if line.strip()]

    agree = 0
    broken = 0
    by_verdict = defaultdict(lambda: [0, 0])          # expected verdict -> [agreed, cases]
    cond_checks = defaultdict(lambda: [0, 0])          # type -> [agreed, checks]
    cond_verdicts = defaultdict(lambda: [0, 0])        # type -> [verdict agreed, cases checking it]
    reason_stats = [0, 0]
    confusion = defaultdict(int)                       # (expected, got) -> count
    covered = set()

    for c in runnable:
        exp = c["expected"]
        notice, err = find_notice(notices, c["title_contains"])
        got = None
        if notice is not None:
            covered.add(notice["id"])
            pf = os.path.join(tmp.name, "profile.json")
            with open(pf, "w", encoding="utf-8") as f:
                json.dump(c["profile"], f, ensure_ascii=False)
            p = run([args.zhengce, "match", "--db", db, pf, "-f", "json", "--today", c["today"]], env=env)
            if p.returncode != 0:
                err = "zhengce match exited %d: %s" % (p.returncode, p.stderr.decode(errors="replace").strip()[:400])
            else:
                try:
                    results = json.loads(p.stdout.decode())
                except ValueError as e:
                    results, err = None, "zhengce match printed no JSON: %s" % e
                if results is not None:
                    got = next((r for r in results if r.get("notice_id") == notice["id"]), None)
                    if got is None:
                        got = {"verdict": "absent", "conditions": []}
        if err:
            broken += 1
            got = {"verdict": "error", "conditions": []}
        verdict = got["verdict"]
        v_ok = verdict == exp["verdict"]
        confusion[(exp["verdict"], verdict)] += 1
        by_verdict[exp["verdict"]][1] += 1
        if v_ok:
            agree += 1
            by_verdict[exp["verdict"]][0] += 1

        problems = []
        if not v_ok:
            problems.append("verdict")
        r_ok = True
        if exp.get("reason_contains"):
            reason_stats[1] += 1
            r_ok = reason_quoted(exp["reason_contains"], got)
            if r_ok:
                reason_stats[0] += 1
            else:
                problems.append("reason")
        checks = judge_conditions(exp.get("conditions", []), got.get("conditions", []))
        types = set()
        for want, ok, _ in checks:
            t = want.get("type") or "(untyped)"
            types.add(t)
            cond_checks[t][1] += 1
            if ok:
                cond_checks[t][0] += 1
            else:
                problems.append("condition")
        for t in types:
            cond_verdicts[t][1] += 1
            if v_ok:
                cond_verdicts[t][0] += 1

        if problems or args.verbose:
            # DISAGREE: the verdict differs; CHECK: the verdict agrees but a
            # quoted reason or a named condition does not.
            tag = "DISAGREE" if not v_ok else "CHECK" if problems else "ok"
            print("%s %s [%s, today %s]" % (tag, c.get("id", "?"), c["notice"], c["today"]))
            if notice is not None:
                print("  notice:   #%d %s" % (notice["id"], short(notice.get("title") or "(no title)", 70)))
            want = exp["verdict"]
            if exp.get("reason_contains"):
                want += " (reason quoting %s)" % exp["reason_contains"]
            print("  expected: %s" % want)
            print("  got:      %s%s" % (verdict, "" if r_ok else "  (reason does not quote %s)" % exp["reason_contains"]))
            if err:
                print("  error:    %s" % err)
            for want_c, ok, g in checks:
                if not ok:
                    print("  condition %s %s %r: got %s" % (want_c.get("type") or "", want_c["status"],
                                                          want_c["text_contains"], g))
            for g in got.get("conditions", []):
                if g.get("status") in ("unmet", "unknown") and (problems or args.verbose):
                    print("    %s %-24s %s | %s" % ("✗" if g["status"] == "unmet" else "?", g.get("type"),
                                                   short(g.get("reason"), 40), short(g.get("text"), 50)))
            print("  why:      %s" % c["why"])
            print()

    n = len(runnable)
    share = agree / n
    print("match-suite: %d cases over %d notices (%d stored)%s" % (
        n, len({c["notice"] for c in runnable}), len(covered),
        "; %d skipped (no shared directory)" % len(skipped) if skipped else ""))
    print("verdict agreement: %d/%d (%.1f%%)" % (agree, n, 100 * share))
    for v in VERDICTS:
        a, m = by_verdict[v]
        if m:
            print("  expected %-12s %3d/%-3d (%.0f%%)" % (v, a, m, 100 * a / m))
    print("  confusion (expected -> got): " + ", ".join(
        "%s->%s %d" % (e, g, k) for (e, g), k in sorted(confusion.items()) if e != g) or "none")
    if reason_stats[1]:
        print("reason quoted: %d/%d" % tuple(reason_stats))
    n_checks = sum(m for _, m in cond_checks.values())
    if n_checks:
        print("condition checks agreed: %d/%d" % (sum(a for a, _ in cond_checks.values()), n_checks))
    print("per condition type: condition checks agreed; verdicts agreed in the cases that check it")
    for t in sorted(cond_checks):
        a, m = cond_checks[t]
        va, vm = cond_verdicts[t]
        print("  %-26s checks %3d/%-3d (%3.0f%%)   verdicts %3d/%-3d (%3.0f%%)"
              % (t, a, m, 100 * a / m, va, vm, 100 * va / vm))
    if broken:
        print("match-suite: %d cases could not be run (see 'error' above)" % broken)
    if share < args.min_agreement:
        print("FAIL: verdict agreement %.1f%% is below --min-agreement %.1f%%" % (100 * share, 100 * args.min_agreement))
        return 1
    print("PASS: verdict agreement %.1f%% ≥ %.1f%%" % (100 * share, 100 * args.min_agreement))
    return 0


if __name__ == "__main__":
    sys.exit(main())
