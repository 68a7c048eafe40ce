#!/usr/bin/python3
"""gen-profiles.py: write a reproducible file of company profiles (JSON
Lines, docs/profile.md) for zhengce's matching benchmark.

    gen-profiles.py [--count N] [--seed S] [--out PATH]

Every value is drawn from random.Random(seed): the same seed, count and
Python minor version give the same bytes. The companies are made up:

- registered region: a county or prefecture of data/regions/regions.tsv,
  provinces weighted by a rough count of their companies (the coast more);
  one in twenty gives only its province;
- registration date 1995-2025, legal form, independent legal person;
- people: employees (log-uniform 3-5000), R&D and science staff below them;
- two to five years of figures (revenue log-uniform 50-500,000 万元, R&D
  expense 0-12% of it, tax, exports), some fields left out;
- qualifications (高新技术企业, 科技型中小企业, 专精特新…), credit events in
  one profile of eight, industries, IP counts, a project for one in three;
- one profile in five leaves out a whole section (unknown, never guessed).

Standard library only.
"""
import argparse
import json
import math
import os
import random
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
REGIONS = os.path.join(HERE, "..", "data", "regions", "regions.tsv")

# rough weights: where companies are registered
PROVINCE_WEIGHT = {"44": 14, "32": 12, "33": 11, "37": 8, "35": 5, "11": 5, "31": 5, "42": 4, "51": 4, "41": 4,
                   "43": 3, "34": 3, "13": 3, "50": 2, "61": 2, "21": 2, "36": 2, "45": 2, "53": 2, "12": 2}
QUALIFICATIONS = ["高新技术企业", "科技型中小企业", "专精特新中小企业", "专精特新“小巨人”企业", "绿色工厂",
                  "企业技术中心", "创新型中小企业", "瞪羚企业"]
EVENTS = ["行政处罚", "失信被执行人", "重大安全事故", "环境违法", "经营异常名录", "严重违法失信"]
INDUSTRIES = ["软件和信息技术服务业", "计算机、通信和其他电子设备制造业", "专用设备制造业", "通用设备制造业",
              "医药制造业", "化学原料和化学制品制造业", "汽车制造业", "电气机械和器材制造业", "科技推广和应用服务业",
              "研究和试验发展", "批发业", "农副食品加工业", "金属制品业", "橡胶和塑料制品业"]
FORMS = ["有限责任公司"] * 8 + ["股份有限公司"] * 2 + ["个人独资企业", "合伙企业"]
SYLLABLES = "华中科创新智云海达信恒泰康瑞博通远宏盛鑫源丰嘉联合天成金利安德普睿启明星辰"
SUFFIXES = ["科技", "智能", "电子", "生物", "材料", "装备", "信息", "新能源", "精密", "医药"]


def load_regions():
    by_province = {}
    with open(REGIONS, encoding="utf-8") as f:
        for line in f:
            if line.startswith("#") or line.startswith("code\t"):
                continue
            code, name, parent, level = line.rstrip("\n").split("\t")[:4]
            if level in ("2", "3"):
                by_province.setdefault(code[:2], []).append(code)
            elif level == "1":
                by_province.setdefault(code[:2], [])
    return by_province


def log_uniform(r, lo, hi):
    return math.exp(r.uniform(math.log(lo), math.log(hi)))


def profile(r, i, regions, provinces, weights):
    p = {"name": "%s%s%s有限公司" % ("".join(r.choice(SYLLABLES) for _ in range(2)), r.choice(SUFFIXES), i)}
    prov = r.choices(provinces, weights)[0]
    region = prov + "0000" if r.random() < 0.05 or not regions[prov] else r.choice(regions[prov])
    y = r.randint(1995, 2025)
    p["registration"] = {"region": region, "date": "%04d-%02d-%02d" % (y, r.randint(1, 12), r.randint(1, 28)),
                         "legal_form": r.choice(FORMS), "independent_legal_person": r.random() < 0.93}
    employees = int(log_uniform(r, 3, 5000))
    rd = int(employees * r.uniform(0, 0.4))
    p["people"] = {"employees": employees, "rd_staff": rd, "science_staff": min(employees, int(rd * r.uniform(0.5, 1.6)))}
    years = {}
    revenue = log_uniform(r, 50, 500000)
    first = max(y, r.randint(2016, 2023))
    for year in range(first, min(2026, first + r.randint(2, 5))):  # none before registration
        revenue *= r.uniform(0.8, 1.4)
        fig = {"revenue_wan": round(revenue, 1), "rd_expense_wan": round(revenue * r.uniform(0, 0.12), 1)}
        if r.random() < 0.8:
            fig["tax_paid_wan"] = round(revenue * r.uniform(0.01, 0.08), 1)
        if r.random() < 0.3:
            fig["exports_wan"] = round(revenue * r.uniform(0, 0.5), 1)
        years[str(year)] = fig
    p["years"] = years
    p["qualifications"] = [{"name": q, "date": "%04d-%02d-01" % (r.randint(2015, 2025), r.randint(1, 12))}
                           for q in r.sample(QUALIFICATIONS, r.choice([0, 0, 0, 1, 1, 2, 3]))]
    p["credit_events"] = ([{"date": "%04d-%02d-%02d" % (r.randint(2012, 2025), r.randint(1, 12), r.randint(1, 28)),
                            "kind": r.choice(EVENTS)}] if r.random() < 0.125 else [])
    p["industries"] = r.sample(INDUSTRIES, r.choice([1, 1, 2]))
    p["ip"] = {"invention_patents": int(log_uniform(r, 1, 200)) - 1, "utility_models": int(log_uniform(r, 1, 300)) - 1,
               "software_copyrights": int(log_uniform(r, 1, 100)) - 1}
    if r.random() < 0.33:
        p["projects"] = [{"kind": r.choice(["技术改造", "新建", "扩建"]),
                          "investment_wan": round(log_uniform(r, 100, 200000), 1),
                          "start_date": "%04d-%02d-01" % (r.randint(2016, 2025), r.randint(1, 12)),
                          "status": r.choice(["拟建", "在建", "建成"])}]
    if r.random() < 0.2:  # a section left out: unknown, never guessed
        del p[r.choice(["people", "years", "qualifications", "credit_events", "industries"])]
    return p


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--count", type=int, default=1000000)
    ap.add_argument("--seed", type=int, default=20241127)
    ap.add_argument("--out", default="-")
    a = ap.parse_args()
    r = random.Random(a.seed)
    regions = load_regions()
    provinces = sorted(regions)
    weights = [PROVINCE_WEIGHT.get(p, 1) for p in provinces]
    out = sys.stdout if a.out == "-" else open(a.out, "w", encoding="utf-8")
    dumps = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode
    for i in range(a.count):
        out.write(dumps(profile(r, i, regions, provinces, weights)))
        out.write("\n")
    if out is not sys.stdout:
        out.close()


if __name__ == "__main__":
    main()
