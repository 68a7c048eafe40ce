#!/usr/bin/env python3
"""put-results.py: write a benchmark's report into bench/RESULTS.md, between
its markers (<!-- NAME:begin --> … <!-- NAME:end -->), replacing what an
earlier run wrote there; a first run appends it under HEADING.

usage: put-results.py RESULTS.md NAME REPORT.md [HEADING]
"""
import os
import sys

path, name, report_path = sys.argv[1:4]
heading = sys.argv[4] if len(sys.argv) > 4 else None
begin, end = f"<!-- {name}:begin -->", f"<!-- {name}:end -->"
report = open(report_path, encoding="utf-8").read().strip("\n")
if report.startswith(begin) and report.endswith(end):  # a report that carries its markers
    report = report[len(begin):-len(end)].strip("\n")
block = f"{begin}\n{report}\n{end}"
text = open(path, encoding="utf-8").read() if os.path.exists(path) else "# Benchmark results\n"
if begin in text and end in text:
    text = text[:text.index(begin)] + block + text[text.index(end) + len(end):]
else:
    text = text.rstrip("\n") + "\n\n" + (f"## {heading}\n\n" if heading else "") + block + "\n"
open(path, "w", encoding="utf-8").write(text)
