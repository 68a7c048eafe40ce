#!/usr/bin/python3
"""match-sql.py: the matching benchmark's peer, a straightforward SQL join.

    match-sql.py NOTICES.jsonl PROFILES.jsonl --today DATE [--limit N]
                 [--zhengce OUT.jsonl] [--json]

What someone would write without zhengce's compiled matcher: the notices'
conditions in one table (one row per condition, its kind, operator, value,
region prefix, reference date), the companies in others (their registration,
people, yearly figures, qualifications, credit events), and one SQL query
(SQLite, in memory) that joins every company with every condition, judges
each pair with CASE expressions and correlated subqueries, and groups by
company and notice: ineligible when a condition is unmet, eligible when all
are met, else needs-check.

Conditions are read from the stored notices (zhengce export) the way
zhengce reads them, with the same rules in simpler form: regions by name
(data/regions/regions.tsv, full names and the short names of provinces and
prefectures), 我省/本市 as the issuer's place, thresholds by the words of
their metric. The first N profiles are judged; the time of the query (the
tables loaded) gives verdicts per second. With --zhengce, the verdicts are
compared with zhengce's batch output for the same profiles (match --profiles
--needs-check-ids) and the agreement is reported.

Standard library only (sqlite3).
"""
import argparse
import json
import os
import re
import sqlite3
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
REGIONS = os.path.join(HERE, "..", "data", "regions", "regions.tsv")
SUFFIX = re.compile(r"(省|市|自治区|壮族自治区|回族自治区|维吾尔自治区|特别行政区|地区|盟|自治州)$")


def load_regions():
    names = {}  # name -> code
    with open(REGIONS, encoding="utf-8") as f:
        for line in f:
            if line.startswith("#") or line.startswith("code\t"):
                continue
            code, name, parent, level = line.rstrip("\n").split("\t")[:4]
            names.setdefault(name, code)
            if level in ("1", "2"):
                short = SUFFIX.sub("", name)
                if len(short) >= 2:
                    names.setdefault(short, code)
    # longest names first, so 南京市 wins over 南京
    return sorted(names.items(), key=lambda kv: -len(kv[0]))


def prefix(code):
    """530100 -> '5301', 530000 -> '53': the codes of everything inside start with it."""
    while code.endswith("00") and len(code) > 2:
        code = code[:-2]
    return code


def find_region(text, regions):
    for name, code in regions:
        if name in text:
            return code
    return None


def home_of(notice, regions):
    for issuer in notice.get("issuers") or []:
        code = find_region(issuer, regions)
        if code:
            return code
    rs = notice.get("regions") or []
    return rs[0]["code"] if rs else None


def has(s, *words):
    return any(w in (s or "") for w in words)


def ip_kinds(metric):
    """Which intellectual property a threshold in 项 counts (bits: invention 1, utility 2, design 4, software 8)."""
    if has(metric, "Ⅱ类", "II类", "二类"):
        return 14
    if has(metric, "Ⅰ类", "I类", "一类") or ("发明专利" in metric and "等" not in metric):
        return 1
    if "软件著作权" in metric:
        return 8
    return 15


def quantity_of(metric, unit):
    """(quantity, scale) for a threshold, the way zhengce reads its metric."""
    rd = has(metric, "研发", "研究开发", "研究与试验发展", "R&D")
    if unit in ("项", "件", "个") and has(metric, "知识产权", "专利", "著作权"):
        return "ip", 1
    if unit == "%":
        if has(metric, "增长"):
            return None, 1
        if has(metric, "占"):
            if rd and has(metric, "费", "投入", "支出") and has(metric, "收入", "占比"):
                return "rd_ratio", 1
            if has(metric, "科技人员", "科研人员"):
                return "science_ratio", 1
            if rd and has(metric, "人员"):
                return "rd_staff_ratio", 1
        return None, 1
    if "元" in (unit or ""):
        scale = 10000.0 if "亿" in unit else 1.0 if "万" in unit else 1 / 10000
        if has(metric, "投资"):
            return None, scale
        if has(metric, "研发", "研究开发"):
            return "rd_expense", scale
        if has(metric, "纳税", "税收", "缴税"):
            return "tax", scale
        if has(metric, "出口"):
            return "exports", scale
        if has(metric, "营业收入", "销售收入", "主营业务收入", "营收", "销售额") and not has(metric, "产品收入", "技术", "服务收入"):
            return "revenue", scale
        return None, scale
    if unit == "人":
        if rd or has(metric, "固定研究人员"):
            return "rd_staff", 1
        if has(metric, "科技", "科研", "研究人员"):
            return "science_staff", 1
        if has(metric, "职工", "员工", "从业人员", "人数"):
            return "employees", 1
    return None, 1


def condition_rows(notice, today, regions):
    deadline = notice.get("deadline")
    ref = deadline if deadline and len(deadline) == 10 else today
    home = home_of(notice, regions)
    for c in notice.get("conditions") or []:
        t = c.get("type")
        row = {"notice": notice["id"], "kind": "other", "op": c.get("op") or ">=", "want": c.get("value"),
               "region": None, "negated": 1 if c.get("negated") else 0, "months": None, "ref_date": ref,
               "max_year": int(ref[:4]), "last_year": 0, "quantity": None, "object": c.get("object"),
               "years": c.get("years") or 0, "word": None, "ip_kinds": 0, "ip_or": 0}
        obj, text = c.get("object") or "", c.get("text") or ""
        if t == "registration_region":
            code = find_region(obj, regions)
            if not code and home and has(obj + text, "我省", "本省", "省内", "全省"):
                code = home[:2] + "0000"
            elif not code and home and has(obj + text, "我市", "本市", "市内", "全市", "我区", "本区", "区内", "本地"):
                code = home
            if code:
                row.update(kind="region", region=prefix(code))
            elif has(obj, "中华人民共和国", "中国", "我国", "国内", "境内") and not c.get("negated"):
                row.update(kind="region", region="")
        elif t == "years_since_registration" or (t == "threshold" and c.get("unit") in ("年", "月", "个月")
                                                  and has(c.get("metric"), "成立", "注册", "设立")):
            v = c.get("value")
            if isinstance(v, (int, float)) and 0 <= v <= 200:
                row.update(kind="years", months=int(v * (1 if c.get("unit") == "月" else 12) + 0.5))
        elif t == "threshold" and isinstance(c.get("value"), (int, float)) and c.get("op"):
            q, scale = quantity_of(c.get("metric") or "", c.get("unit") or "")
            if q and not has(c.get("unit"), "美元", "港元", "欧元"):
                last = has(text, "上年度", "上一年度", "上年末")
                row.update(kind="threshold", quantity=q, want=c["value"] * scale, last_year=1 if last else 0,
                           max_year=int(ref[:4]) - (1 if last else 0))
                if q == "ip":
                    kinds = ip_kinds(c.get("metric") or "")
                    row.update(ip_kinds=kinds, ip_or=1 if kinds == 14 and has(text, "Ⅰ类知识产权或", "I类知识产权或", "一类知识产权或") else 0)
        elif t in ("qualification_held", "qualification_not_held") and obj:
            if t == "qualification_not_held" and has(obj, "失信", "黑名单", "异常名录", "信用中国", "严重违法", "名单"):
                word = "异常" if "异常名录" in obj else "严重违法" if "严重违法" in obj else "黑名单" if "黑名单" in obj else "失信"
                row.update(kind="blacklist", word=word)
            else:
                row.update(kind="held" if t == "qualification_held" else "not_held")
        elif t == "clean_record":
            row.update(kind="record")
        elif t == "legal_form":
            if "法人" in obj:
                row.update(kind="legal_person")
            elif has(obj, "公司", "合伙", "独资"):
                row.update(kind="legal_form")
        yield row


SCHEMA = """
CREATE TABLE company(id INTEGER PRIMARY KEY, region TEXT, reg_date TEXT, legal_person INT, legal_form TEXT,
                     employees INT, rd_staff INT, science_staff INT, has_quals INT, has_events INT,
                     inventions INT, utility_models INT, designs INT, software INT);
CREATE TABLE company_year(company INT, year INT, revenue REAL, rd_expense REAL, tax REAL, exports REAL);
CREATE INDEX company_year_by_company ON company_year(company, year);
CREATE TABLE qualification(company INT, name TEXT);
CREATE INDEX qualification_by_company ON qualification(company);
CREATE TABLE credit_event(company INT, date TEXT, kind TEXT);
CREATE INDEX credit_event_by_company ON credit_event(company);
CREATE TABLE cond(notice INT, kind TEXT, op TEXT, want REAL, region TEXT, negated INT, months INT, ref_date TEXT,
                  max_year INT, last_year INT, quantity TEXT, object TEXT, years INT, word TEXT, ip_kinds INT, ip_or INT);
"""

# 0 unmet, 1 unknown, 2 met
QUERY = """
WITH measured AS (
  SELECT c.*, k.notice, k.kind, k.op, k.want, k.region AS k_region, k.negated, k.months, k.ref_date, k.object,
         k.years, k.word, k.quantity, k.ip_or,
    (k.ip_kinds & 1 AND c.inventions IS NULL) OR (k.ip_kinds & 2 AND c.utility_models IS NULL)
      OR (k.ip_kinds & 4 AND c.designs IS NULL) OR (k.ip_kinds & 8 AND c.software IS NULL) AS ip_missing,
    CASE k.quantity
      WHEN 'ip' THEN (CASE WHEN k.ip_kinds & 1 THEN coalesce(c.inventions, 0) ELSE 0 END)
                   + (CASE WHEN k.ip_kinds & 2 THEN coalesce(c.utility_models, 0) ELSE 0 END)
                   + (CASE WHEN k.ip_kinds & 4 THEN coalesce(c.designs, 0) ELSE 0 END)
                   + (CASE WHEN k.ip_kinds & 8 THEN coalesce(c.software, 0) ELSE 0 END)
      WHEN 'employees' THEN c.employees
      WHEN 'rd_staff' THEN c.rd_staff
      WHEN 'science_staff' THEN c.science_staff
      WHEN 'science_ratio' THEN CASE WHEN c.employees > 0 THEN 100.0 * c.science_staff / c.employees END
      WHEN 'rd_staff_ratio' THEN CASE WHEN c.employees > 0 THEN 100.0 * c.rd_staff / c.employees END
      WHEN 'rd_ratio' THEN (SELECT 100.0 * y.rd_expense / y.revenue FROM company_year y
                            WHERE y.company = c.id AND y.year <= k.max_year AND y.rd_expense IS NOT NULL
                              AND y.revenue > 0 AND (k.last_year = 0 OR y.year = k.max_year)
                            ORDER BY y.year DESC LIMIT 1)
      WHEN 'revenue' THEN (SELECT y.revenue FROM company_year y WHERE y.company = c.id AND y.year <= k.max_year
                           AND y.revenue IS NOT NULL AND (k.last_year = 0 OR y.year = k.max_year)
                           ORDER BY y.year DESC LIMIT 1)
      WHEN 'rd_expense' THEN (SELECT y.rd_expense FROM company_year y WHERE y.company = c.id AND y.year <= k.max_year
                              AND y.rd_expense IS NOT NULL AND (k.last_year = 0 OR y.year = k.max_year)
                              ORDER BY y.year DESC LIMIT 1)
      WHEN 'tax' THEN (SELECT y.tax FROM company_year y WHERE y.company = c.id AND y.year <= k.max_year
                       AND y.tax IS NOT NULL AND (k.last_year = 0 OR y.year = k.max_year) ORDER BY y.year DESC LIMIT 1)
      WHEN 'exports' THEN (SELECT y.exports FROM company_year y WHERE y.company = c.id AND y.year <= k.max_year
                           AND y.exports IS NOT NULL AND (k.last_year = 0 OR y.year = k.max_year)
                           ORDER BY y.year DESC LIMIT 1)
    END AS have
  FROM company c CROSS JOIN cond k
),
judged AS (
  SELECT id, notice,
    CASE kind
      WHEN 'region' THEN CASE
        WHEN region IS NULL THEN 1
        WHEN k_region = '' THEN 2
        WHEN region LIKE k_region || '%' THEN CASE negated WHEN 1 THEN 0 ELSE 2 END
        WHEN k_region LIKE region || '%' THEN 1
        ELSE CASE negated WHEN 1 THEN 2 ELSE 0 END END
      WHEN 'years' THEN CASE
        WHEN reg_date IS NULL THEN 1
        WHEN op IN ('>=', '') AND date(reg_date, '+' || months || ' months') <= ref_date THEN 2
        WHEN op = '>' AND date(reg_date, '+' || months || ' months') < ref_date THEN 2
        WHEN op = '<=' AND date(reg_date, '+' || months || ' months') >= ref_date THEN 2
        WHEN op = '<' AND date(reg_date, '+' || months || ' months') > ref_date THEN 2
        WHEN op IN ('>=', '>', '<=', '<', '') THEN 0 ELSE 1 END
      WHEN 'threshold' THEN CASE
        WHEN have IS NULL THEN 1
        WHEN quantity = 'ip' AND ip_or = 1 AND inventions >= 1 THEN 2
        WHEN quantity = 'ip' AND ip_missing AND (have = 0 OR NOT (
               (op IN ('>=', '>') AND have >= want - 1e-9 AND (op = '>=' OR have > want + 1e-9))
            OR (op IN ('<=', '<') AND NOT (have <= want + 1e-9 AND (op = '<=' OR have < want - 1e-9))))) THEN 1
        WHEN op = '>=' THEN CASE WHEN have >= want - 1e-9 THEN 2 ELSE 0 END
        WHEN op = '>' THEN CASE WHEN have > want + 1e-9 THEN 2 ELSE 0 END
        WHEN op = '<=' THEN CASE WHEN have <= want + 1e-9 THEN 2 ELSE 0 END
        WHEN op = '<' THEN CASE WHEN have < want - 1e-9 THEN 2 ELSE 0 END
        ELSE CASE WHEN abs(have - want) < 1e-9 THEN 2 ELSE 0 END END
      WHEN 'held' THEN CASE
        WHEN has_quals = 0 THEN 1
        WHEN EXISTS (SELECT 1 FROM qualification q WHERE q.company = id
                     AND (instr(object, q.name) > 0 OR instr(q.name, object) > 0)) THEN 2 ELSE 0 END
      WHEN 'not_held' THEN CASE
        WHEN has_quals = 0 THEN 1
        WHEN EXISTS (SELECT 1 FROM qualification q WHERE q.company = id
                     AND (instr(object, q.name) > 0 OR instr(q.name, object) > 0)) THEN 0 ELSE 2 END
      WHEN 'blacklist' THEN CASE
        WHEN has_events = 0 THEN 1
        WHEN EXISTS (SELECT 1 FROM credit_event e WHERE e.company = id AND instr(e.kind, word) > 0) THEN 0 ELSE 2 END
      WHEN 'record' THEN CASE
        WHEN has_events = 0 THEN 1
        WHEN EXISTS (SELECT 1 FROM credit_event e WHERE e.company = id
                     AND (years = 0 OR julianday(ref_date) - julianday(e.date) <= years * 365.2425)) THEN 0
        ELSE 2 END
      WHEN 'legal_person' THEN CASE WHEN legal_person IS NULL THEN 1 WHEN legal_person THEN 2 ELSE 0 END
      WHEN 'legal_form' THEN CASE
        WHEN legal_form IS NULL THEN 1
        WHEN instr(object, legal_form) > 0 OR instr(legal_form, object) > 0 THEN 2 ELSE 0 END
      ELSE 1 END AS s
  FROM measured
)
SELECT id, notice, MIN(s), MAX(s) FROM judged GROUP BY id, notice
"""


def load_profiles(path, limit, regions_by_code):
    rows, years, quals, events = [], [], [], []
    with open(path, encoding="utf-8") as f:
        for i, line in enumerate(f):
            if i >= limit:
                break
            p = json.loads(line)
            reg = p.get("registration") or {}
            code = reg.get("region")
            ppl = p.get("people")
            ip = p.get("ip") or {}
            rows.append((i + 1, prefix(code) if code else None, reg.get("date"),
                         None if "independent_legal_person" not in reg else int(bool(reg["independent_legal_person"])),
                         reg.get("legal_form"), (ppl or {}).get("employees"), (ppl or {}).get("rd_staff"),
                         (ppl or {}).get("science_staff"), int("qualifications" in p), int("credit_events" in p),
                         ip.get("invention_patents"), ip.get("utility_models"), ip.get("designs"),
                         ip.get("software_copyrights")))
            for y, fig in (p.get("years") or {}).items():
                years.append((i + 1, int(y), fig.get("revenue_wan"), fig.get("rd_expense_wan"), fig.get("tax_paid_wan"),
                              fig.get("exports_wan")))
            quals += [(i + 1, q["name"]) for q in p.get("qualifications") or []]
            events += [(i + 1, e.get("date"), e.get("kind")) for e in p.get("credit_events") or []]
    return rows, years, quals, events


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("notices")
    ap.add_argument("profiles")
    ap.add_argument("--today", required=True)
    ap.add_argument("--limit", type=int, default=2000)
    ap.add_argument("--zhengce", help="zhengce's batch output for the same profiles, to compare")
    ap.add_argument("--json", action="store_true")
    a = ap.parse_args()
    regions = load_regions()
    db = sqlite3.connect(":memory:")
    db.executescript(SCHEMA)
    notices = [json.loads(l) for l in open(a.notices, encoding="utf-8")]
    notice_ids = [n["id"] for n in notices if n.get("conditions")]
    conds = [r for n in notices for r in condition_rows(n, a.today, regions)]
    db.executemany("INSERT INTO cond VALUES (:notice, :kind, :op, :want, :region, :negated, :months, :ref_date, "
                   ":max_year, :last_year, :quantity, :object, :years, :word, :ip_kinds, :ip_or)", conds)
    rows, years, quals, events = load_profiles(a.profiles, a.limit, None)
    db.executemany("INSERT INTO company VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)", rows)
    db.executemany("INSERT INTO company_year VALUES (?,?,?,?,?,?)", years)
    db.executemany("INSERT INTO qualification VALUES (?,?)", quals)
    db.executemany("INSERT INTO credit_event VALUES (?,?,?)", events)
    db.commit()
    t0 = time.perf_counter()
    verdicts = {}
    for cid, notice, lo, hi in db.execute(QUERY):
        verdicts[(cid, notice)] = "ineligible" if lo == 0 else "eligible" if lo == 2 else "needs-check"
    seconds = time.perf_counter() - t0
    result = {"profiles": len(rows), "notices": len(notice_ids), "condition_rows": len(conds),
              "verdicts": len(verdicts), "seconds": round(seconds, 3),
              "verdicts_per_second": round(len(verdicts) / seconds) if seconds else None}
    if a.zhengce:
        agree = total = 0
        with open(a.zhengce, encoding="utf-8") as f:
            for line in f:
                d = json.loads(line)
                if d["line"] > len(rows) or "error" in d:
                    continue
                mine = {}
                for nid in notice_ids:
                    mine[nid] = "ineligible"
                for nid in d["eligible"]:
                    mine[nid] = "eligible"
                for nid in d["needs_check"]:
                    mine[nid] = "needs-check"
                for nid in notice_ids:
                    total += 1
                    agree += verdicts.get((d["line"], nid)) == mine[nid]
        result["agreement"] = round(agree / total, 4) if total else None
        result["compared"] = total
    if a.json:
        print(json.dumps(result))
    else:
        for k, v in result.items():
            print("%s: %s" % (k, v))


if __name__ == "__main__":
    main()
