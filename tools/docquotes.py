#!/usr/bin/env python3
"""docquotes.py — run the commands the docs quote and compare their output
with what the docs show, so that every quoted output stays real and current.

    python3 tools/docquotes.py --bin ./computesim [--list] [--update]
                               [FILE.md ...]

A quote is either
  * a plain fenced block (```) whose first line starts with "$ ": each
    "$ " line is a command (continued on the next lines while a quote is
    open), and the lines up to the next command are its output; or
  * a ```sh block followed at once by a plain block: the first is the
    command, the second its output.
Other blocks (```sh alone, YAML, JSON) are examples, not quotes. A quote
that needs a file the tree does not hold has it made by a setup line, an
HTML comment (not rendered) before the block:
    <!-- docquotes-setup: sed -e '67s/5.5/6.5/' scenarios/meta-base.yaml >my-meta.yaml -->
It runs like a quote, in order; its output is ignored, it must exit 0.

Each file's quotes run in document order in one scratch directory that
holds ./computesim (a link to --bin) and a copy of scenarios/, with
LC_ALL=C, so a quote may read what an earlier one wrote (out/...). A
command's stdout and stderr are compared together, in order, with the
block; trailing blank lines are ignored. Exit 0 when every quote matches,
1 when one differs (a unified diff on stderr), 2 on bad usage. With
--update, a quote that differs is rewritten in its file with the
command's output (and counted as differing): read the diff, then
`git diff` the docs, before committing.

Default files: README.md and docs/*.md under --root (default: the
repository this script sits in)."""
import argparse
import difflib
import glob
import os
import shlex
import shutil
import subprocess
import sys
import tempfile

FENCE = "```"


def complete(cmd):
    """True when cmd has no open quote (shlex can split it)."""
    try:
        shlex.split(cmd)
        return True
    except ValueError:
        return False


def dollar_quotes(lines, first):
    """(line number, command, expected lines, their first line number)
    of a block of $ lines."""
    out = []
    i = 0
    while i < len(lines):
        if not lines[i].startswith("$ "):
            i += 1
            continue
        start = first + i
        cmd = lines[i][2:]
        i += 1
        while not complete(cmd) and i < len(lines):
            cmd += "\n" + lines[i]
            i += 1
        exp = []
        exp_at = first + i
        while i < len(lines) and not lines[i].startswith("$ "):
            exp.append(lines[i])
            i += 1
        out.append((start, cmd, exp, exp_at))
    return out


def blocks(text):
    """(info string, opening fence's line number, content lines, closing
    fence's line number) of every fenced block; lines count from 1."""
    lines = text.split("\n")
    res = []
    i = 0
    while i < len(lines):
        if lines[i].startswith(FENCE):
            info = lines[i][len(FENCE):].strip()
            j = i + 1
            while j < len(lines) and not lines[j].startswith(FENCE):
                j += 1
            res.append((info, i + 1, lines[i + 1:j], j + 1))
            i = j + 1
        else:
            i += 1
    return res


SETUP = "<!-- docquotes-setup: "


def quotes(text):
    """Every quote and setup line of a Markdown text, in document order:
    (line, command, expected lines or None for a setup line, the
    expected lines' first line number)."""
    bs = blocks(text)
    out = [(n + 1, l[len(SETUP):-len(" -->")], None, None)
           for n, l in enumerate(text.split("\n"))
           if l.startswith(SETUP) and l.endswith(" -->")]
    k = 0
    while k < len(bs):
        info, opens, body, closes = bs[k]
        nxt = bs[k + 1] if k + 1 < len(bs) else None
        if info == "" and body and body[0].startswith("$ "):
            out += dollar_quotes(body, opens + 1)
        elif (info == "sh" and nxt is not None and nxt[0] == "" and
              nxt[1] == closes + 1):
            out.append((opens + 1, "\n".join(body), nxt[2], nxt[1] + 1))
            k += 1
        k += 1
    return sorted(out, key=lambda q: q[0])


def strip_tail(lines):
    while lines and lines[-1] == "":
        lines = lines[:-1]
    return lines


def run_file(qs, rel, binp, root, list_only, fixes=None):
    """Run (or list) the quotes qs of file rel; how many differ. With
    fixes (a list), (first line, line count, new lines) of each quoted
    output that differs are added to it."""
    if list_only:
        for line, cmd, exp, _ in qs:
            print("%s:%d: %s%s" % (rel, line, "" if exp is not None
                                   else "(setup) ", cmd.split("\n")[0]))
        return 0
    bad = 0
    with tempfile.TemporaryDirectory(prefix="docquotes.") as d:
        os.symlink(os.path.abspath(binp), os.path.join(d, "computesim"))
        shutil.copytree(os.path.join(root, "scenarios"),
                        os.path.join(d, "scenarios"))
        env = dict(os.environ, LC_ALL="C")
        env.pop("COMPUTESIM_PROFILE", None)
        for line, cmd, exp, exp_at in qs:
            p = subprocess.run(["sh", "-c", cmd], cwd=d, env=env,
                               stdout=subprocess.PIPE,
                               stderr=subprocess.STDOUT)
            got = strip_tail(p.stdout.decode("utf-8", "replace")
                             .split("\n"))
            if exp is None:
                if p.returncode != 0:
                    bad += 1
                    sys.stderr.write("%s:%d: setup failed (exit %d):\n%s\n"
                                     % (rel, line, p.returncode,
                                        "\n".join(got)))
                continue
            want = strip_tail(exp)
            if got != want:
                bad += 1
                if fixes is not None:
                    fixes.append((exp_at, len(want), got))
                sys.stderr.write("%s:%d: the quoted output differs from "
                                 "the command's:\n" % (rel, line))
                sys.stderr.writelines(
                    l + "\n" for l in difflib.unified_diff(
                        want, got, "quoted", "now", lineterm=""))
    return bad


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--bin", required=True)
    ap.add_argument("--root",
                    default=os.path.dirname(os.path.dirname(
                        os.path.abspath(__file__))))
    ap.add_argument("--list", action="store_true")
    ap.add_argument("--update", action="store_true")
    ap.add_argument("files", nargs="*")
    a = ap.parse_args()
    files = a.files or (["README.md"] + sorted(
        os.path.relpath(p, a.root)
        for p in glob.glob(os.path.join(a.root, "docs", "*.md"))))
    bad = n = 0
    for rel in files:
        path = rel if os.path.isabs(rel) else os.path.join(a.root, rel)
        if not os.path.exists(path):
            sys.stderr.write("docquotes: no such file: %s\n" % rel)
            return 2
        with open(path, encoding="utf-8") as f:
            qs = quotes(f.read())
        n += sum(q[2] is not None for q in qs)
        fixes = [] if a.update else None
        bad += run_file(qs, rel, a.bin, a.root, a.list, fixes)
        if fixes:
            with open(path, encoding="utf-8") as f:
                lines = f.read().split("\n")
            for at, count, got in sorted(fixes, reverse=True):
                lines[at - 1:at - 1 + count] = got
            with open(path, "w", encoding="utf-8") as f:
                f.write("\n".join(lines))
            sys.stderr.write("docquotes: updated %d quote(s) in %s\n"
                             % (len(fixes), rel))
    if not a.list:
        print("docquotes: %d quoted command(s), %d differ" % (n, bad))
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
