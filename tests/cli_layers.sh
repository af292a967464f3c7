#!/bin/sh
# cli_layers.sh — tools/layers.sh, the build's layer check, on this
# build's objects: it passes on them as they are, and fails, naming the
# symbol, when an object of a low layer (util) uses a command of the
# highest (cli): a planted crossing.
# Usage: CS_BIN=build/x/computesim CS_ROOT=. sh tests/cli_layers.sh
: "${CS_BIN:?set CS_BIN to the computesim binary}"
: "${CS_ROOT:?set CS_ROOT to the repository root}"
OBJ=$(dirname "$CS_BIN")/obj
LAYERS="util yaml stats load engine report cli"
pass=0
fail=0
ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "cli_layers: FAIL: $*" >&2; }
tmp=$(mktemp -d "${TMPDIR:-/tmp}/cli_layers.XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT INT TERM

# shellcheck disable=SC2086
if sh "$CS_ROOT/tools/layers.sh" "$OBJ" $LAYERS >"$tmp/out" 2>&1; then
	ok
else
	bad "the build's own objects: $(cat "$tmp/out")"
fi
cp -R "$OBJ" "$tmp/obj"
printf 'struct cli;\nint cmd_run(const struct cli *c);\nint planted(void) { return cmd_run(0); }\n' \
	>"$tmp/planted.c"
if ${CC:-cc} -c "$tmp/planted.c" -o "$tmp/obj/util/planted.o" 2>"$tmp/cc"; then
	# shellcheck disable=SC2086
	sh "$CS_ROOT/tools/layers.sh" "$tmp/obj" $LAYERS >"$tmp/out" 2>&1
	st=$?
	[ "$st" -eq 1 ] && ok || bad "planted crossing: exit $st"
	grep -q '^layers: util/planted.o uses cmd_run from cli/cmd_run.o (cli > util)$' \
		"$tmp/out" && ok || bad "planted crossing not named: $(cat "$tmp/out")"
else
	bad "cannot compile the planted object: $(cat "$tmp/cc")"
fi
echo "cli_layers: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
