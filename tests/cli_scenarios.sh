#!/bin/sh
# cli_scenarios.sh — the shipped scenarios: every one passes `check`
# without warnings, and the two readings come out as their stories say
# (MODEL.md "The two readings, counted"):
#   overbuild.yaml  stories.overbuild > 0.5
#   mismatch.yaml   stories.mismatch > 0.5, P(surplus) peaking in the first
#                   half of the horizon and below half its peak at the end
# Run: CS_BIN=.../computesim CS_ROOT=repo sh tests/cli_scenarios.sh
# The shares are tested at 5000 trials: their Monte Carlo standard error is
# under 0.007, and the scenarios sit well clear of 0.5 (see
# docs/notes-charts.md for the shares at the default 20,000 trials).

: "${CS_BIN:?set CS_BIN to the computesim binary}"
: "${CS_ROOT:?set CS_ROOT to the repository root}"
NAME=cli_scenarios
pass=0
fail=0
TRIALS=5000

tmp=$(mktemp -d "${TMPDIR:-/tmp}/cli_scenarios.XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT INT TERM

ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "$NAME: FAIL: $*" >&2; }
check() {
	d=$1
	shift
	if "$@"; then ok; else bad "$d"; fi
}

# Value of stories.<name> in summary.json $1 (a plain number), by awk so
# that python3 is not needed: the "stories" object is one flat object.
story() {
	tr -d '\n' <"$1" | sed 's/.*"stories"[ ]*:[ ]*{\([^}]*\)}.*/\1/' |
		tr ',' '\n' | sed -n "s/^[ ]*\"$2\"[ ]*:[ ]*\([-0-9.eE+]*\).*/\1/p"
}

# awk comparison: gt A B -> 0 when A > B.
gt() { awk -v a="$1" -v b="$2" 'BEGIN { exit !(a + 0 > b + 0) }'; }

n=0
for f in "$CS_ROOT"/scenarios/*.yaml; do
	n=$((n + 1))
	"$CS_BIN" check "$f" >"$tmp/stdout" 2>"$tmp/stderr"
	rc=$?
	check "check $(basename "$f") exits 0" [ $rc -eq 0 ]
	check "check $(basename "$f") prints no warning" \
		[ ! -s "$tmp/stderr" ]
	[ -s "$tmp/stderr" ] && sed 's/^/    /' "$tmp/stderr" >&2
done
check "three or more shipped scenarios (got $n)" [ "$n" -ge 3 ]

# --- overbuild ------------------------------------------------------------
out="$tmp/overbuild"
"$CS_BIN" run "$CS_ROOT/scenarios/overbuild.yaml" --trials $TRIALS \
	--no-plots --quiet --out "$out" 2>"$tmp/stderr"
check "overbuild runs" [ $? -eq 0 ]
s=$(story "$out/summary.json" overbuild)
check "overbuild: stories.overbuild = '$s' > 0.5" gt "$s" 0.5

# --- mismatch ---------------------------------------------------------------
out="$tmp/mismatch"
"$CS_BIN" run "$CS_ROOT/scenarios/mismatch.yaml" --trials $TRIALS \
	--no-plots --quiet --out "$out" 2>"$tmp/stderr"
check "mismatch runs" [ $? -eq 0 ]
s=$(story "$out/summary.json" mismatch)
check "mismatch: stories.mismatch = '$s' > 0.5" gt "$s" 0.5
# P(surplus) by year from yearly.csv (year,metric,mean,...): the peak is in
# the first half of the horizon, the last year below half the peak.
awk -F, '$2 == "p_surplus" { y[n] = $1; p[n] = $3; n++ }
	END {
		if (n < 2) exit 1
		k = 0
		for (i = 1; i < n; i++) if (p[i] > p[k]) k = i
		printf "peak %s at %.3f, last %.3f\n", y[k], p[k], p[n-1] > "/dev/stderr"
		exit !(k < n / 2 && p[n-1] < p[k] / 2 && p[k] > 0.5)
	}' "$out/yearly.csv" 2>"$tmp/peak"
rc=$?
check "mismatch: P(surplus) peaks early ($(cat "$tmp/peak"))" [ $rc -eq 0 ]

# --- the base case tells neither story outright -----------------------------
out="$tmp/base"
"$CS_BIN" run "$CS_ROOT/scenarios/meta-base.yaml" --trials $TRIALS \
	--no-plots --quiet --out "$out" 2>"$tmp/stderr"
check "meta-base runs" [ $? -eq 0 ]
sum=$(awk -v a="$(story "$out/summary.json" overbuild)" \
	-v b="$(story "$out/summary.json" mismatch)" \
	-v c="$(story "$out/summary.json" shortage)" 'BEGIN { print a + b + c }')
check "meta-base: story shares sum to 1 (got $sum)" \
	awk -v s="$sum" 'BEGIN { exit !(s > 0.9999 && s < 1.0001) }'

echo "$NAME: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
