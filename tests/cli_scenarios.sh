#!/bin/sh
# cli_scenarios.sh — the shipped scenarios (docs/answer.md "The shipped
# scenarios"): every one passes `check` without warnings, and each reading
# comes out as its file says (MODEL.md "The two readings, counted": the
# share of trials in each (story, industry state) pair,
# summary.json's stories_by_industry):
#   overbuild.yaml  (overbuild, short) > 0.5   the first source article: the insurance pays
#   glut.yaml       (overbuild, glut)  > 0.5   the first article's bears
#   mismatch.yaml   (mismatch, short)  > 0.5   the second article
#   meta-base.yaml  every pair <= 0.6          the question left open
# and the hindcast runs and writes its end-2025 fleet.
# Run: CS_BIN=.../computesim CS_ROOT=repo sh tests/cli_scenarios.sh
#
# The shares are tested at the scenarios' own 20,000 trials and seed, as
# docs/answer.md quotes them (each run takes well under a second). A share's
# Monte Carlo standard error is at most sqrt(0.25 / 20000) = 0.0035; the
# shipped scenarios sit at least 0.1 (28 standard errors) from each bound.

: "${CS_BIN:?set CS_BIN to the computesim binary}"
: "${CS_ROOT:?set CS_ROOT to the repository root}"
NAME=cli_scenarios
pass=0
fail=0
TRIALS=20000

tmp=$(mktemp -d "${TMPDIR:-/tmp}/cli_scenarios.XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT INT TERM

ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "$NAME: FAIL: $*" >&2; }
check() {
	d=$1
	shift
	if "$@"; then ok; else bad "$d"; fi
}

# pair FILE STATE STORY: stories_by_industry.STATE.STORY of summary.json
# FILE (a plain number), by sed so that python3 is not needed: the section
# is two flat objects, one per state, each on its own line.
pair() {
	tr -d '\n' <"$1" |
		sed 's/.*"stories_by_industry"[ ]*:[ ]*{\(.*\)/\1/' |
		sed "s/.*\"$2\"[ ]*:[ ]*{\([^}]*\)}.*/\1/" |
		tr ',' '\n' |
		sed -n "s/^[ ]*\"$3\"[ ]*:[ ]*\([-0-9.eE+]*\).*/\1/p"
}

# awk comparisons: gt A B -> 0 when A > B; le A B -> 0 when A <= B.
gt() { awk -v a="$1" -v b="$2" 'BEGIN { exit !(a != "" && a + 0 > b + 0) }'; }
le() { awk -v a="$1" -v b="$2" 'BEGIN { exit !(a != "" && a + 0 <= b + 0) }'; }

# run NAME: run scenarios/NAME.yaml at $TRIALS trials into $tmp/NAME
run() {
	"$CS_BIN" run "$CS_ROOT/scenarios/$1.yaml" --trials $TRIALS \
		--no-plots --quiet --out "$tmp/$1" 2>"$tmp/$1.stderr"
	st=$?
	check "$1 runs (exit $st)" [ $st -eq 0 ]
	[ $st -eq 0 ] || sed 's/^/    /' "$tmp/$1.stderr" >&2
}

# --- every shipped file checks clean ----------------------------------------
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
check "five or more shipped scenarios (got $n)" [ "$n" -ge 5 ]

# --- each reading tells its pair in most of its trials ----------------------
for spec in overbuild:short:overbuild glut:glut:overbuild \
	mismatch:short:mismatch; do
	f=${spec%%:*}
	rest=${spec#*:}
	state=${rest%%:*}
	story=${rest#*:}
	run "$f"
	s=$(pair "$tmp/$f/summary.json" "$state" "$story")
	check "$f: ($story, industry $state) = '$s' > 0.5" gt "$s" 0.5
done

# --- the base case leaves the question open ---------------------------------
run meta-base
sum=0
for state in short glut; do
	for story in overbuild mismatch shortage; do
		s=$(pair "$tmp/meta-base/summary.json" $state $story)
		check "meta-base: ($story, industry $state) = '$s' <= 0.6" \
			le "$s" 0.6
		sum=$(awk -v a="$sum" -v b="$s" 'BEGIN { print a + b }')
	done
done
check "meta-base: the six pairs sum to 1 (got $sum)" \
	awk -v s="$sum" 'BEGIN { exit !(s > 0.9999 && s < 1.0001) }'

# --- the hindcast runs and writes its end-2025 fleet ------------------------
# owned_h100e in 2025 is the end-2024 fleet (0.77M, in service all year)
# plus what 2025's capex put in service: above 0.77M in every trial.
run hindcast-2025
p5=$(awk -F, '$1 == 2025 && $2 == "owned_h100e" { print $5 }' \
	"$tmp/hindcast-2025/yearly.csv")
check "hindcast: end-2025 owned fleet P5 = '$p5' > 0.77M" gt "$p5" 770000

echo "$NAME: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
