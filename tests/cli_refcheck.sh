#!/bin/sh
# cli_refcheck.sh — computesim against the independent reference model.
#
# tools/refcheck.py generates 30 random scenarios with every input fixed
# (seed 2026: the same scenarios every time), runs `computesim run` on each
# with 2 trials and compares every yearly.csv cell (mean, sd, every
# percentile, the p_* probabilities) and summary.json's npv, payback, first
# surplus year, story, idle_pv_busd, hedge_ratio, npv_by_story and
# stories_by_industry with tools/refmodel.py, a second implementation of
# MODEL.md (version 2: capex response, power, kW decline, the industry
# section, the shut-down rule), at 1e-9 relative (1e-9 absolute near 0).
# Any disagreement
# fails, and is printed with the scenario file (kept), metric, year and
# both values. Then tests/data/ref-outside-range.yaml, which the program
# refuses because its rent is not a number: the reference must say NaN.
#
# Usage: CS_BIN=path/to/computesim CS_ROOT=repo sh tests/cli_refcheck.sh
# Needs python3 (standard library only).

: "${CS_BIN:?set CS_BIN to the computesim binary}"
CS_ROOT=${CS_ROOT:-.}

if ! command -v python3 >/dev/null 2>&1; then
	echo "cli_refcheck: 0 passed, 1 failed (python3 not found)"
	exit 1
fi

keep=$(mktemp -d "${TMPDIR:-/tmp}/cli_refcheck.XXXXXX") || exit 1
trap 'exit 1' INT TERM

out=$(python3 "$CS_ROOT/tools/refcheck.py" --bin "$CS_BIN" -n 30 --seed 2026 \
	-j 4 --keep "$keep" 2>&1)
status=$?
summary=$(printf '%s\n' "$out" | tail -n 1)
agree=$(printf '%s\n' "$summary" | sed -n 's/^refcheck: [0-9]* scenarios, \([0-9]*\) agree, \([0-9]*\) disagree.*/\1/p')
disagree=$(printf '%s\n' "$summary" | sed -n 's/^refcheck: [0-9]* scenarios, \([0-9]*\) agree, \([0-9]*\) disagree.*/\2/p')

# a scenario the program refuses because its rent is not a number (an
# input carried out of its range): the reference's rent must be NaN there
# too, which refcheck counts as agreement (tests/data/ref-outside-range.yaml);
# and its first two years, before the rent turns NaN, agree cell by cell
sed 's/^  years: 5$/  years: 2/' "$CS_ROOT/tests/data/ref-outside-range.yaml" \
	>"$keep/ref-outside-range-2y.yaml"
out2=$(python3 "$CS_ROOT/tools/refcheck.py" --bin "$CS_BIN" -j 1 --keep "$keep" \
	"$CS_ROOT/tests/data/ref-outside-range.yaml" \
	"$keep/ref-outside-range-2y.yaml" 2>&1)
status2=$?
case $(printf '%s\n' "$out2" | tail -n 1) in
"refcheck: 2 scenarios, 2 agree, 0 disagree, 0 skipped") ;;
*) status2=1 ;;
esac

if [ "$status" -eq 0 ] && [ "$disagree" = 0 ] && [ "$agree" = 30 ] &&
	[ "$status2" -eq 0 ]; then
	rm -rf "$keep"
	echo "cli_refcheck: $((agree + 2)) passed, 0 failed"
	exit 0
fi
[ "$status2" -eq 0 ] || printf '%s\n' "$out2" | sed 's/^/  /'
printf '%s\n' "$out" | sed 's/^/  /'
echo "cli_refcheck: ${agree:-0} passed, ${disagree:-30} failed (scenarios in $keep)"
exit 1
