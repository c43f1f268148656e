"""Puts a benchmark's section into bench/RESULTS.md: replaces the section with the same level-2 heading (up to the
next level-2 heading), or appends it when there is none.   Usage: replace_section.py RESULTS SECTION_FILE"""
import re
import sys

results, section = sys.argv[1], sys.argv[2]
new = open(section).read()
heading = new.splitlines()[0]
try:
    text = open(results).read()
except FileNotFoundError:
    text = "# Benchmark results\n"
pattern = re.compile("^" + re.escape(heading) + r"\n.*?(?=^## |\Z)", re.S | re.M)
text = pattern.sub(lambda m: new, text) if pattern.search(text) else text.rstrip("\n") + "\n\n" + new
open(results, "w").write(text)
