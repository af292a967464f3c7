#!/bin/sh
# cli_drivers.sh — `computesim drivers` end to end: on two scenarios
# whose Sobol' indices are known in closed form (tests/data/sobol-*.yaml:
# NPV linear in three inputs; a product of two inputs plus a third) the
# estimates match the exact values; the same files for any --threads;
# story_inputs.csv equals the story_inputs of `run --trials 2N` (the A
# and B matrices are that run's trials); the chart; a scenario without
# uncertain inputs; usage errors.
#
# Tolerance: the intervals are 95% bootstrap intervals, so each misses
# its exact value with probability about 5%; the check allows twice the
# half-width (about 4 standard errors: a correct estimator fails it with
# probability about 1e-4 per index). N = 20,000 base trials.
#
# Usage: CS_BIN=path/to/computesim CS_ROOT=repo sh tests/cli_drivers.sh

BIN=${CS_BIN:?set CS_BIN to the computesim binary}
ROOT=${CS_ROOT:?set CS_ROOT to the repository root}
T=$(mktemp -d "${TMPDIR:-/tmp}/cli_drivers.XXXXXX") || exit 1
trap 'rm -rf "$T"' EXIT INT TERM
cd "$T" || exit 1

pass=0
fail=0
ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "cli_drivers: FAIL: $*" >&2; }
check() { # check "what" command...
	what=$1
	shift
	if "$@"; then ok; else bad "$what"; fi
}
USAGE=$("$BIN" 2>&1)
L="$ROOT/tests/data/sobol-linear.yaml"
P="$ROOT/tests/data/sobol-product.yaml"

"$BIN" drivers "$L" --no-plots --threads 1 --out lin1 > lin1.txt ||
	bad "drivers linear --threads 1"
"$BIN" drivers "$L" --no-plots --threads 2 --out lin2 > lin2.txt ||
	bad "drivers linear --threads 2"
"$BIN" drivers "$P" --no-plots --threads 2 --out prod > prod.txt ||
	bad "drivers product"
check "drivers.csv --threads 1 = 2" cmp -s lin1/drivers.csv lin2/drivers.csv
check "story_inputs.csv --threads 1 = 2" cmp -s lin1/story_inputs.csv lin2/story_inputs.csv
check "header" test "$(head -n 1 lin1/drivers.csv)" = \
	"output,input,first_order,first_lo,first_hi,total,total_lo,total_hi,variance"
# 5 outputs x 3 inputs + header
check "rows" test "$(wc -l < lin1/drivers.csv)" -eq 16
check "table: the runs" grep -q "^sobol linear: Sobol' indices, 20000 base trials x (3 inputs + 2) = 100000 model runs, seed 7; 95% bootstrap intervals (200 resamples)\$" lin1.txt
# the note on correlated pairs: none in sobol-linear; one added, one said
check "no correlations: no note" sh -c '! grep -q "correlated pair" lin1.txt'
{ cat "$L"; printf 'correlations:\n  - [cloud.billed_share, cloud.fixed_cost_busd, 0.5]\n'; } >lcor.yaml
"$BIN" drivers lcor.yaml --no-plots --trials 200 --out lcor > lcor.txt ||
	bad "drivers linear with a correlation"
check "a correlation: the note says which input carries the pair" \
	grep -qF '(*: rank-correlated with another input; 1 correlated pair: of a pair, the input drawn first (per-trial inputs, then ar1, then per-year ones, each in file order) also carries what it moves through its partner' lcor.txt
# the pair's two inputs are marked `*` (as the tornado marks them), the
# third is not, in the NPV table and on the largest-totals line
check "a correlation: the pair's inputs marked *, the other not" \
	sh -c "grep -q '^  cloud.billed_share\*  ' lcor.txt && grep -q '^  cloud.fixed_cost_busd\*  ' lcor.txt &&
		grep -q '^  cloud.launch_cost_busd  ' lcor.txt &&
		grep -q '^P(NPV > 0), largest totals: cloud.billed_share\* ' lcor.txt"
# too big for the memory allowed: refused before the first model run,
# exit 1, nothing written, with the base trials that fit. sobol-linear has
# k = 3 uncertain inputs: a base trial keeps 8 * 5 * (3 + 2) + 16 * 3 + 2
# + 24 (one thread) = 274 bytes beside 12 MiB, so 100 MiB holds
# (100 - 12) * 1048576 / 274 = 336768.9 of them
COMPUTESIM_MEMORY_LIMIT=100M "$BIN" drivers "$L" --trials 1000000 --threads 1 \
	--no-plots --out big > big.txt 2> big.err
st=$?
check "memory: exit 1 (got $st)" test $st -eq 1
check "memory: refused with the trials that fit" grep -q \
	'more than the 100 MiB this process may use (COMPUTESIM_MEMORY_LIMIT): at most 336768 trials fit (--trials 336768)$' big.err
check "memory: nothing written" test ! -e big
check "table: NPV line" grep -q '^NPV: variance [0-9.]* \$B^2; sum of first-order indices [0-9.]* \[[0-9.-]*, [0-9.]*\]$' lin1.txt

# exact: linear: 8.76 billed (sd 0.1), fixed (0.3), launch (0.5);
# S = ST = the term's variance over their sum
awk '
	function within(e, lo, hi, x) { return (e - x <= hi - lo) && (x - e <= hi - lo) }
	BEGIN { FS = ","; a = (8.76 * 0.1) ^ 2; f = 0.3 ^ 2; l = 0.5 ^ 2; V = a + f + l
		x["cloud.billed_share"] = a / V
		x["cloud.fixed_cost_busd"] = f / V
		x["cloud.launch_cost_busd"] = l / V }
	NR > 1 && $1 == "npv_busd" {
		if (!within($3, $4, $5, x[$2]) || !within($6, $7, $8, x[$2])) {
			printf "linear %s: S %s [%s, %s] ST %s [%s, %s], exact %.5f\n",
			       $2, $3, $4, $5, $6, $7, $8, x[$2] > "/dev/stderr"; bad = 1 }
		if (sqrt(($9 - V) ^ 2) > 0.05 * V) { print "variance " $9 > "/dev/stderr"; bad = 1 }
		n++ }
	END { exit bad || n != 3 }' lin1/drivers.csv && ok ||
	bad "linear: indices = exact"
# product: 4.38 billed price - fixed, billed U(0.05, 0.95), price
# U(0.1, 3.9), fixed N(1, 0.3)
awk '
	function within(e, lo, hi, x) { return (e - x <= hi - lo) && (x - e <= hi - lo) }
	BEGIN { FS = ","; K = 4.38; vb = 0.9 ^ 2 / 12; vp = 3.8 ^ 2 / 12; mb = 0.5; mp = 2
		Vb = K * K * mp * mp * vb; Vp = K * K * mb * mb * vp
		Vi = K * K * vb * vp; Vf = 0.3 ^ 2; V = Vb + Vp + Vi + Vf
		s["cloud.billed_share"] = Vb / V; t["cloud.billed_share"] = (Vb + Vi) / V
		s["market.price_per_h100e_hour_usd"] = Vp / V
		t["market.price_per_h100e_hour_usd"] = (Vp + Vi) / V
		s["cloud.fixed_cost_busd"] = t["cloud.fixed_cost_busd"] = Vf / V }
	NR > 1 && $1 == "npv_busd" {
		if (!within($3, $4, $5, s[$2]) || !within($6, $7, $8, t[$2])) {
			printf "product %s: S %s [%s, %s] ST %s [%s, %s], exact %.5f %.5f\n",
			       $2, $3, $4, $5, $6, $7, $8, s[$2], t[$2] > "/dev/stderr"; bad = 1 }
		if (sqrt(($9 - V) ^ 2) > 0.05 * V) { print "variance " $9 > "/dev/stderr"; bad = 1 }
		# the interaction: total - first order, exact Vi / V = 0.12
		if ($2 != "cloud.fixed_cost_busd" && !($6 - $3 > 0.06)) {
			printf "product %s: no interaction (%s - %s)\n", $2, $6, $3 > "/dev/stderr"; bad = 1 }
		n++ }
	END { exit bad || n != 3 }' prod/drivers.csv && ok || bad "product: indices = exact"
# longest bar first: totals decrease down each output's rows
check "largest total first" awk -F, 'NR > 2 && $1 == o && $6 > t + 1e-15 { bad = 1 }
	{ o = $1; t = $6 } END { exit bad }' prod/drivers.csv

# story inputs: A and B are trials 0 .. 2N-1 of the plain run
F="$ROOT/tests/data/format-example.yaml"
"$BIN" drivers "$F" --no-plots --trials 1000 --threads 2 --out fe > fe.txt ||
	bad "drivers format-example"
"$BIN" run "$F" --no-plots --quiet --trials 2000 --threads 2 --out fr ||
	bad "run --trials 2000"
if command -v python3 > /dev/null 2>&1; then
	check "story_inputs.csv = run --trials 2N" python3 - fe/story_inputs.csv fr/summary.json << 'PYEOF'
import csv, json, sys
rows = list(csv.DictReader(open(sys.argv[1])))
si = json.load(open(sys.argv[2]))["story_inputs"]
assert [r["input"] for r in rows] == list(si), "inputs, in order"
def same(cell, v):
    if v is None:
        return cell == ""
    return abs(float(cell) - v) <= 1e-11 * max(1.0, abs(v))
for r in rows:
    v = si[r["input"]]
    assert same(r["median"], v["median"]) and same(r["sd"], v["sd"]), r["input"]
    for st in ("overbuild", "mismatch", "shortage"):
        assert same(r[st + "_median"], v[st]["median"]), (r["input"], st)
        assert same(r[st + "_gap"], v[st]["gap"]), (r["input"], st)
PYEOF
fi
check "format-example: 5 outputs x 31 inputs" test "$(wc -l < fe/drivers.csv)" -eq 156

# With an industry section a sixth output, the industry short at the
# horizon. tests/fixed/industry_glut.yaml with two inputs uncertain: the
# industry's start ratio, which alone decides its state (the industry
# does not see Meta's cloud), and the cloud's fixed cost, which cannot
# touch it. The fixed cost's indices are exactly 0 (f(AB_i) = f(A) in
# every row); the start ratio's total is 1 in expectation (f(AB_i) =
# f(B)), its Jansen estimate from 2000 rows of a 0/1 output with p near
# 1/2 within about 0.022 (one se): 0.9 to 1.1 is over 4 se
"$BIN" drivers "$ROOT/tests/fixed/industry_glut.yaml" --set 'industry.start_ratio=1 to 6' \
	--set 'cloud.fixed_cost_busd=0.5 to 1.5' --trials 2000 --no-plots --out ig > ig.txt ||
	bad "drivers industry_glut"
check "industry: drivers.csv has industry_short rows for both inputs" \
	test "$(grep -c '^industry_short,' ig/drivers.csv)" -eq 2
check "industry: the fixed cost's indices on the industry's state are 0" \
	grep -q '^industry_short,cloud.fixed_cost_busd,0,0,0,0,0,0,' ig/drivers.csv
check "industry: the start ratio's total index on it is 1 within 0.1" \
	awk -F, '$1 == "industry_short" && $2 == "industry.start_ratio" { f = 1; ok = $6 > 0.9 && $6 < 1.1 }
		END { exit !(f && ok) }' ig/drivers.csv
check "industry: the table's line" \
	grep -q '^industry short at the horizon, largest totals: industry.start_ratio 1.0[0-9], cloud.fixed_cost_busd 0.00$' ig.txt
check "no industry section: no industry_short rows" \
	sh -c '! grep -q "^industry_short," fe/drivers.csv'

# the chart
if command -v gnuplot > /dev/null 2>&1; then
	"$BIN" drivers "$P" --trials 2000 --quiet --out chart || bad "drivers with the chart"
	check "drivers.png" test -s chart/drivers.png
	check "chart data" test "$(wc -l < chart/chart_drivers.csv)" -eq 4
	# too few base trials for intervals (NaN, empty cells): the chart
	# is drawn without whiskers and says so (gnuplot stopped on the
	# empty columns: exit 1, nothing written)
	# (meta-base: 2 base trials give every interval NaN there)
	# (not --quiet, which would hide gnuplot's warnings)
	"$BIN" drivers "$ROOT/scenarios/meta-base.yaml" --trials 2 \
		--out chart2 > chart2.out 2> chart2.err
	st=$?
	check "2 base trials: exit 0 with the chart (got $st)" test "$st" -eq 0
	check "2 base trials: drivers.png" test -s chart2/drivers.png
	check "2 base trials: no interval in the chart data" \
		test "$(cut -d, -f3,4,6,7 chart2/chart_drivers.csv | grep -c '^,,,$')" -eq 20
	check "2 base trials: gnuplot said nothing" \
		sh -c '! grep -q gnuplot chart2.err'
	# the chart's note on correlated inputs: meta-base lists 10 pairs
	# under correlations:, $P none (its column 0 in every row: no note)
	check "chart data: meta-base's 10 correlated pairs in every row" \
		test "$(cut -d, -f8 chart2/chart_drivers.csv | sort -u | tr '\n' ' ')" = "10 correlated_pairs "
	check "chart data: no correlated pair in $P" \
		test "$(cut -d, -f8 chart/chart_drivers.csv | sort -u | tr '\n' ' ')" = "0 correlated_pairs "
else
	echo "cli_drivers: gnuplot missing, chart not checked" >&2
fi

# nothing uncertain: a warning, a header
"$BIN" drivers "$ROOT/tests/fixed/supply_mix.yaml" --trials 100 --no-plots \
	--out fixed > fixed.txt 2> fixed.err
check "fixed: exit 0" test $? -eq 0
check "fixed: warning" grep -q 'warning: drivers: .* has no uncertain inputs; drivers.csv has no rows' fixed.err
check "fixed: header only" test "$(wc -l < fixed/drivers.csv)" -eq 1

# a scenario's own simulation.sampling: lhs is not used: said, and the
# indices those of the same file without it
sed 's/^simulation: {\(.*\)}$/simulation: {\1, sampling: lhs}/' "$L" > lhs.yaml
"$BIN" drivers lhs.yaml --trials 64 --no-plots --out dlhs > dlhs.txt 2> dlhs.err
check "scenario lhs: exit 0" test $? -eq 0
# at the word lhs: its line, and its column counted in that line
ln=$(grep -n 'sampling: lhs' lhs.yaml | cut -d: -f1)
col=$(awk -v n="$ln" 'NR == n { print index($0, "sampling: lhs") + 10 }' lhs.yaml)
check "scenario lhs: said not used, at $ln:$col" grep -q \
	"lhs.yaml:$ln:$col: warning: drivers: simulation.sampling: lhs is not used: the A and B matrices are plain Monte Carlo trials" dlhs.err
"$BIN" drivers "$L" --trials 64 --no-plots --out dmc > /dev/null 2>&1
check "scenario lhs: the same indices as plain" cmp -s dlhs/drivers.csv dmc/drivers.csv

# too few base trials: a warning (with N = 1 every index printed 0.000
# [0.000, 0.000]; with 8 the intervals were nan); from 100 none
"$BIN" drivers "$L" --trials 8 --no-plots --out few > few.txt 2> few.err
check "8 base trials: exit 0" test $? -eq 0
check "8 base trials: warned" grep -q \
	'^warning: drivers: 8 base trials are too few for the indices to mean much' few.err
"$BIN" drivers "$L" --trials 100 --no-plots --out few100 > few.txt 2> few.err
check "100 base trials: not warned" sh -c '! grep -q "too few" few.err'

usage_err() { # usage_err "first line of stderr" args...
	want=$1
	shift
	"$BIN" "$@" > ue.out 2> ue.err
	st=$?
	printf '%s\n%s\n' "$want" "$USAGE" > ue.want
	if [ $st -eq 2 ] && cmp -s ue.err ue.want && [ ! -s ue.out ]; then
		ok
	else
		bad "usage error for '$*': exit $st, stderr: $(cat ue.err)"
	fi
}
usage_err "error: --sampling is not for 'drivers': its A and B matrices are plain Monte Carlo trials" \
	drivers "$L" --sampling lhs
usage_err "error: 'drivers' needs a scenario file" drivers
usage_err "error: --json is for 'run', not 'drivers'" drivers "$L" --json

# The note under the table is there exactly when an index it prints lies
# outside [0, 1] (Monte Carlo noise about a value near an end): on the
# two closed-form scenarios and on a five-year one whose story totals
# pass 1 at 500 trials (seed 1)
cat >small.yaml <<'EOF2'
scenario: {name: small, start_year: 2026, years: 5}
supply:
  installed_base_h100e: "1e6 to 2e6"
  installed_base_life_years: 4
  capex_busd: "40 to 60"
  compute_share: 0.5
  useful_life_years: 5
  procurement: [{name: a, share: 1, cost_per_h100e_usd: 25000}]
demand: {start_ratio: 1, workloads: [{name: ads, share: 1, growth: "10% to 50%"}]}
market: {price_per_h100e_hour_usd: 2, market_h100e: 1e6}
EOF2
"$BIN" drivers small.yaml --trials 500 --no-plots --out small > small.txt ||
	bad "drivers small"
for f in lin1.txt prod.txt small.txt; do
	awk 'function v(x) { if (x + 0 < 0 || x + 0 > 1) out = 1 }
	     /^  [a-z]/ && $2 ~ /^-?[0-9.]+$/ { v($2); for (i = 3; i <= NF; i++) if ($i ~ /^-?[0-9.]+$/) v($i) }
	     /largest totals: [a-z]/ { n = split($0, p, ","); for (i = 1; i <= n; i++) { k = split(p[i], w, " "); v(w[k]) } }
	     /^\(an index below 0 or above 1 is Monte Carlo noise/ { note = 1 }
	     END { exit out != note }' "$f"
	check "$f: the note on indices outside [0, 1] exactly when one is printed" test $? -eq 0
done
check "small.txt has the note (a total of 1.01)" grep -q '^(an index below 0' small.txt

# an index or bound in (-0.0005, 0) prints 0.000, not -0.000 (meta-base
# at 4000 base trials, seed 5: nvidia.cost_decline's first_lo -0.00016)
"$BIN" drivers "$ROOT/scenarios/meta-base.yaml" --trials 4000 --seed 5 \
	--no-plots --out neg0 > neg0.txt 2>&1 || bad "drivers meta-base 4000"
check "drivers.csv has the bound in (-0.0005, 0)" \
	grep -q '^npv_busd,supply.procurement.nvidia.cost_decline,[^,]*,-0.000[0-4]' neg0/drivers.csv
check "stdout never prints -0.000" sh -c '! grep -q -- "-0\.000\b" neg0.txt'
check "stdout prints that bound as 0.000" \
	grep -q 'supply.procurement.nvidia.cost_decline\*  *0.010 \[0.000, 0.020\]' neg0.txt

echo "cli_drivers: $pass passed, $fail failed"
[ $fail -eq 0 ]
