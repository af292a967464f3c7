#!/bin/sh
# cli_docs.sh — the docs hold together (issue 11, item 4): README.md stays
# under 10 KB; every relative link in README.md and docs/*.md names a file
# that exists and, with a #fragment, a heading of that file
# (tools/mdlinks.py); a planted broken link and a planted missing anchor
# are caught; and no comment in sim/ or include/ cites the specifications
# outside the tree (MODEL.md, FORMAT.md) instead of docs/model.md and
# docs/format.md; and every command the docs quote with its output
# (tools/docquotes.py) prints that output today, so that no quote goes
# stale: planted quotes, one right, one wrong and one needing a setup
# line, show the checker tells them apart. The quotes run once, in the
# plain build: their output does not depend on the build, and under
# ASan they would take minutes.
# Usage: CS_BIN=build/x/computesim CS_ROOT=. sh tests/cli_docs.sh
: "${CS_ROOT:?set CS_ROOT to the repository root}"
pass=0
fail=0
ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "cli_docs: FAIL: $*" >&2; }
tmp=$(mktemp -d "${TMPDIR:-/tmp}/cli_docs.XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT INT TERM

size=$(wc -c <"$CS_ROOT/README.md")
[ "$size" -lt 10240 ] && ok || bad "README.md is $size bytes (at most 10239)"

if (cd "$CS_ROOT" && python3 tools/mdlinks.py) >"$tmp/out" 2>&1; then
	ok
else
	bad "broken links: $(cat "$tmp/out")"
fi

mkdir -p "$tmp/docs"
printf '# Top\n\n## A section\n\nSee [x](missing.md) and [y](#no-such-heading) and [z](#a-section).\n' \
	>"$tmp/docs/a.md"
(cd "$tmp" && python3 "$CS_ROOT/tools/mdlinks.py" docs/a.md) >"$tmp/out" 2>&1
st=$?
[ "$st" -eq 1 ] && ok || bad "planted broken links: exit $st"
grep -q '^docs/a.md:5: no such file: missing.md$' "$tmp/out" && ok ||
	bad "missing file not named: $(cat "$tmp/out")"
grep -q '^docs/a.md:5: no such anchor: #no-such-heading$' "$tmp/out" && ok ||
	bad "missing anchor not named: $(cat "$tmp/out")"
grep -q 'a-section' "$tmp/out" && bad "a valid anchor refused: $(cat "$tmp/out")" || ok

# Comments, and the text of the generated docs/keys.md and schema.json,
# cite the project's own copies.
grep -rn 'MODEL\.md\|FORMAT\.md' "$CS_ROOT/sim" "$CS_ROOT/include" \
	>"$tmp/cites"
[ -s "$tmp/cites" ] && bad "comments cite the outside specs: $(cat "$tmp/cites")" || ok

# The checker, on planted quotes (the shipped scenarios, `check`).
cat >"$tmp/docs/q.md" <<'EOF2'
# Quotes

```
$ ./computesim check scenarios/glut.yaml
scenarios/glut.yaml: ok
```

<!-- docquotes-setup: cp scenarios/glut.yaml g2.yaml -->
```
$ ./computesim check g2.yaml
g2.yaml: ok
$ ./computesim check scenarios/overbuild.yaml
scenarios/overbuild.yaml: not ok
```
EOF2
python3 "$CS_ROOT/tools/docquotes.py" --bin "$CS_BIN" --root "$CS_ROOT" \
	"$tmp/docs/q.md" >"$tmp/out" 2>&1
st=$?
[ "$st" -eq 1 ] && ok || bad "planted stale quote: exit $st: $(cat "$tmp/out")"
grep -q 'q.md:12: the quoted output differs' "$tmp/out" && ok ||
	bad "stale quote not named: $(cat "$tmp/out")"
grep -q '^+scenarios/overbuild.yaml: ok$' "$tmp/out" && ok ||
	bad "stale quote's diff not shown: $(cat "$tmp/out")"
grep -q 'docquotes: 3 quoted command(s), 1 differ' "$tmp/out" && ok ||
	bad "planted quotes miscounted: $(cat "$tmp/out")"

if ldd "$CS_BIN" 2>/dev/null | grep -q -e libasan -e libubsan; then
	echo "cli_docs: quoted outputs not rerun under the sanitizers (see above)"
elif (cd "$CS_ROOT" && python3 tools/docquotes.py --bin "$CS_BIN") \
	>"$tmp/out" 2>&1; then
	ok
else
	bad "stale quotes in the docs: $(cat "$tmp/out")"
fi

echo "cli_docs: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
