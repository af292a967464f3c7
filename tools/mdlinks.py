#!/usr/bin/env python3
"""mdlinks.py — check every relative link in the repository's Markdown files:
the file it names must exist and the anchor, if any, must be a heading of
that file (GitHub's slugs). Usage: python3 tools/mdlinks.py [FILE.md ...]
(default: README.md and docs/*.md). Exit 1 when a link is broken."""
import glob, os, re, sys

def slug(h):
    h = re.sub(r"[^\w\- ]", "", h.strip().lower())
    return h.replace(" ", "-")

def anchors(path):
    out, seen, fence = set(), {}, False
    for line in open(path, encoding="utf-8"):
        if line.startswith("```"):
            fence = not fence
        if fence:
            continue
        m = re.match(r"#{1,6}\s+(.*?)\s*#*\s*$", line)
        if m:
            s = slug(m.group(1))
            n = seen.get(s, 0)
            seen[s] = n + 1
            out.add(s if n == 0 else "%s-%d" % (s, n))
    return out

files = sys.argv[1:] or ["README.md"] + sorted(glob.glob("docs/*.md"))
bad = 0
for f in files:
    fence = False
    for no, line in enumerate(open(f, encoding="utf-8"), 1):
        if line.startswith("```"):
            fence = not fence
        if fence:
            continue
        for target in re.findall(r"\]\(([^)\s]+)\)", line):
            if re.match(r"[a-z]+:", target):
                continue
            path, _, frag = target.partition("#")
            dest = os.path.normpath(os.path.join(os.path.dirname(f), path)) if path else f
            if not os.path.exists(dest):
                print("%s:%d: no such file: %s" % (f, no, target)); bad += 1
            elif frag and dest.endswith(".md") and frag not in anchors(dest):
                print("%s:%d: no such anchor: %s" % (f, no, target)); bad += 1
sys.exit(1 if bad else 0)
