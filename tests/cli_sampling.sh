#!/bin/sh
# cli_sampling.sh — --sampling, simulation.sampling, --precision and what
# each story assumed, end to end: Latin hypercube runs bit-identical for
# any --threads and reproducible from (seed, trials); a precision run
# stops at the same trial for 1 and 2 threads with every standard error
# at or below its target, says so in the table and summary.json, and one
# that cannot be met stops at the cap with a warning; story_inputs in
# summary.json agree with trials.csv; bad arguments are usage errors.
#
# Usage: CS_BIN=path/to/computesim CS_ROOT=repo sh tests/cli_sampling.sh
# Trial counts stay small: the suite also runs under ASan.

BIN=${CS_BIN:?set CS_BIN to the computesim binary}
ROOT=${CS_ROOT:?set CS_ROOT to the repository root}
Y="$ROOT/tests/data/format-example.yaml"
T=$(mktemp -d "${TMPDIR:-/tmp}/cli_sampling.XXXXXX") || exit 1
trap 'rm -rf "$T"' EXIT INT TERM
cd "$T" || exit 1

pass=0
fail=0
ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "cli_sampling: FAIL: $*" >&2; }
check() { # check "what" command...
	what=$1
	shift
	if "$@"; then ok; else bad "$what"; fi
}
run() { "$BIN" run "$Y" --no-plots --quiet "$@"; }
USAGE=$("$BIN" 2>&1)

# --- LHS: threads, reproducibility, the scenario key ---------------------
N=5000	# five blocks: threads really split the work
run --trials $N --sampling lhs --threads 1 --out l1 || bad "lhs --threads 1"
run --trials $N --sampling lhs --threads 2 --out l2 || bad "lhs --threads 2"
run --trials $N --sampling lhs --threads 2 --out l2b || bad "lhs again"
run --trials $N --threads 2 --out m2 || bad "mc run"
check "lhs: yearly.csv --threads 1 = 2" cmp -s l1/yearly.csv l2/yearly.csv
check "lhs: summary.json --threads 1 = 2" cmp -s l1/summary.json l2/summary.json
check "lhs: same seed and trials, same run" cmp -s l1/yearly.csv l2b/yearly.csv
if cmp -s l1/yearly.csv m2/yearly.csv; then bad "lhs = mc"; else ok; fi
check "summary says lhs" grep -q '^  "sampling": "lhs",$' l1/summary.json
check "summary says mc" grep -q '^  "sampling": "mc",$' m2/summary.json
sed 's/^  seed: 2026$/  seed: 2026\n  sampling: lhs/' "$Y" > lhs.yaml
check "lhs.yaml has the key" grep -q '^  sampling: lhs$' lhs.yaml
"$BIN" run lhs.yaml --no-plots --quiet --trials $N --threads 2 --out key ||
	bad "simulation.sampling: lhs"
check "simulation.sampling: lhs = --sampling lhs" cmp -s key/yearly.csv l2/yearly.csv
"$BIN" run lhs.yaml --no-plots --quiet --trials $N --threads 2 \
	--sampling mc --out keymc || bad "--sampling mc over the key"
check "--sampling mc overrides the key" cmp -s keymc/yearly.csv m2/yearly.csv
"$BIN" run "$Y" --no-plots --trials 2000 --sampling lhs --out tl > tl.txt ||
	bad "lhs table"
check "table names the sampling" grep -q '^.*: 2000 trials (Latin hypercube), seed ' tl.txt

# --- --precision: the stop point, the table, summary.json ----------------
# npv_mean's se at 4096 and 8192 trials (plain runs; mc trial i does not
# depend on --trials) and a target between them: the run must stop at
# 8192 whatever the threads, and be the plain run of 8192 trials
run --trials 4096 --threads 2 --out r4 --json > r4.json || bad "4096 trials"
run --trials 8192 --threads 2 --out r8 --json > r8.json || bad "8192 trials"
se() { sed -n 's/^  "npv_busd": {"mean": [^,]*, "sd": [^,]*, "se": \([^,]*\),.*/\1/p' "$1"; }
S4=$(se r4.json)
S8=$(se r8.json)
TGT=$(awk -v a="$S4" -v b="$S8" 'BEGIN { printf "%.6g", (a + b) / 2 }')
check "se falls with trials ($S4 > $TGT > $S8)" \
	awk -v a="$S4" -v t="$TGT" -v b="$S8" 'BEGIN { exit !(a > t && t > b) }'
for th in 1 2; do
	"$BIN" run "$Y" --no-plots --trials 100000 --threads $th \
		--precision npv_mean="$TGT" --precision mismatch=0.5 \
		--out p$th > p$th.txt 2> p$th.err || bad "--precision --threads $th"
done
check "precision: --threads 1 = 2" cmp -s p1/summary.json p2/summary.json
check "precision: stopped at 8192" grep -q '^  "trials": 8192,$' p1/summary.json
check "precision: the cap" grep -q '^  "trials_cap": 100000,$' p1/summary.json
check "precision: = the plain run of 8192" cmp -s p1/yearly.csv r8/yearly.csv
check "precision: no warning" test ! -s p1.err
check "precision: table line" grep -q "^Precision: 8192 trials of at most 100000 (2 rounds): npv_mean se [0-9.e-]* <= $TGT, mismatch se [0-9.e-]* <= 0.5\$" p1.txt
check "table: the trials run" grep -q '^.*: 8192 trials, seed 2026' p1.txt
if command -v python3 > /dev/null 2>&1; then
	check "precision in summary.json" python3 - p1/summary.json "$TGT" << 'PYEOF'
import json, math, sys
s = json.load(open(sys.argv[1]))
tgt = float(sys.argv[2])
p = s["precision"]
assert list(p) == ["npv_mean", "mismatch"], p
n = s["trials"]
assert p["npv_mean"] == {"target": tgt, "se": s["npv_busd"]["se"], "met": True}, p
assert p["npv_mean"]["se"] <= tgt
m = s["stories"]["mismatch"]
q = (round(m * n) + 2) / (n + 4)	# the plus-four estimate
assert abs(p["mismatch"]["se"] - math.sqrt(q * (1 - q) / (n + 4))) <= 1e-12
assert p["mismatch"]["met"] is True and p["mismatch"]["target"] == 0.5
PYEOF
fi
# --sensitivity with --precision: the held runs stop where the base run
# did (8192 trials), so the tornado is the plain run of 8192 trials'
run --trials 100000 --threads 2 --precision npv_mean="$TGT" --sensitivity \
	--out ps || bad "--precision --sensitivity"
run --trials 8192 --threads 2 --sensitivity --out ps8 || bad "--sensitivity 8192"
check "precision: sensitivity.csv = the plain run's" cmp -s ps/sensitivity.csv ps8/sensitivity.csv
# a target no run of the cap can meet: the cap, a warning, met false
"$BIN" run "$Y" --no-plots --trials 6000 --threads 2 \
	--precision p_npv_positive=0.0001 --out cap > cap.txt 2> cap.err
check "unmet: exit 0" test $? -eq 0
check "unmet: stopped at the cap" grep -q '^  "trials": 6000,$' cap/summary.json
check "unmet: met false" grep -q '"p_npv_positive": {"target": 0.0001, "se": [0-9.e-]*, "met": false}' cap/summary.json
check "unmet: warning" grep -q '^warning: --precision: p_npv_positive: standard error [0-9.e-]* after 6000 trials (the cap) is above the target 0.0001; about [0-9]* trials would meet it (raise --trials)$' cap.err
check "unmet: table" grep -q '^Precision: 6000 trials of at most 6000 (2 rounds): p_npv_positive se [0-9.e-]* > 0.0001 (NOT MET)$' cap.txt
# a share that is 0 in every trial (the launch is fixed in 2027) is not
# known to 1e-4 at once: its standard error is the plus-four one, for 0
# of n sqrt(q (1 - q) / (n + 4)) with q = 2 / (n + 4): 1.150e-4 at 12288
# trials, 8.63e-5 at 16384, so the run stops at the fourth round (the
# usual sqrt(p (1 - p) / n) said 0 and stopped at the first, 4096)
"$BIN" run "$Y" --no-plots --trials 100000 --precision \
	p_launched@2026=0.0001 --out zero > zero.txt 2> zero.err
check "share at 0: exit 0" test $? -eq 0
check "share at 0: stopped at 16384" grep -q '^Precision: 16384 trials of at most 100000 (4 rounds): p_launched@2026 se 8.63e-05 <= 0.0001$' zero.txt
# one trial: no standard error at all
"$BIN" run "$Y" --no-plots --trials 1 --precision npv_mean=1 --out one \
	> one.txt 2> one.err
check "one trial: exit 0" test $? -eq 0
check "one trial: warning" grep -q '^warning: --precision: npv_mean: no standard error from 1 trial (the cap; it takes at least 2)$' one.err
check "one trial: table" grep -q '^Precision: 1 trial of at most 1 (1 round): npv_mean se unknown, target 1 (NOT MET)$' one.txt
check "one trial: se null" grep -q '"npv_mean": {"target": 1, "se": null, "met": false}' one/summary.json
# ... nor for a yearly mean, whose sd is 0 from one trial (it said se 0,
# met, where summary.json's by_year se is null)
"$BIN" run "$Y" --no-plots --trials 1 --precision capacity_h100e@2030=1 \
	--out one1 > one1.txt 2> one1.err
check "one trial, yearly mean: exit 0" test $? -eq 0
check "one trial, yearly mean: table" grep -q '^Precision: 1 trial of at most 1 (1 round): capacity_h100e@2030 se unknown, target 1 (NOT MET)$' one1.txt
check "one trial, yearly mean: se null" grep -q '"capacity_h100e@2030": {"target": 1, "se": null, "met": false}' one1/summary.json
# the industry's state (industry_short, a story's share in a state):
# meta-base's industry is short in about half the trials, so the
# plus-four se is about 0.0078 at 4096 trials and 0.0055 at 8192 (that of
# overbuild_short, about 0.33 of them, 0.0074 and 0.0052): a target of
# 0.0065 stops at the second round. The rounds read those shares as 0
# (their figures were made after the last round only): met at once, the
# run stopped at 4096 trials with the se above the target
M="$ROOT/scenarios/meta-base.yaml"
"$BIN" run "$M" --no-plots --trials 20000 --precision industry_short=0.0065 \
	--precision overbuild_short=0.0065 --out ind > ind.txt 2> ind.err
check "industry_short: exit 0" test $? -eq 0
check "industry_short: stopped at the second round" grep -q '^Precision: 8192 trials of at most 20000 (2 rounds): industry_short se [0-9.e-]* <= 0.0065, overbuild_short se [0-9.e-]* <= 0.0065$' ind.txt
check "industry_short: no warning" test ! -s ind.err
# under LHS: the same stop for 1 and 2 threads, every target met
for th in 1 2; do
	run --trials 100000 --threads $th --sampling lhs --precision \
		npv_mean="$TGT" --precision p_surplus@2030=1% --out pl$th ||
		bad "lhs --precision --threads $th"
done
check "lhs precision: --threads 1 = 2" cmp -s pl1/summary.json pl2/summary.json
check "lhs precision: met" test "$(grep -c '"met": true' pl1/summary.json)" -eq 2

# --- story_inputs: summary.json against trials.csv ---------------------
run --trials 3000 --threads 2 --trials-csv --out si || bad "story inputs run"
"$BIN" run "$Y" --no-plots --trials 3000 --out si2 > si.txt || bad "table"
check "table: at most 3 story-input lines" test "$(grep -c '^Story inputs, ' si.txt)" -le 3
check "table: a story-input line" grep -q '^Story inputs, [a-z]*: [a-z_.]* [+-][0-9.]* sd' si.txt
if command -v python3 > /dev/null 2>&1; then
	check "story_inputs = trials.csv recomputed" python3 - si/trials.csv si/summary.json << 'PYEOF'
import csv, json, math, statistics, sys
rows = list(csv.DictReader(open(sys.argv[1])))
s = json.load(open(sys.argv[2]))
si = s["story_inputs"]
assert list(si) == list(s["rank_correlations"]), "same inputs, same order"
def close(a, b, tol=1e-9):
    return abs(a - b) <= tol * max(1.0, abs(a), abs(b))
for path, v in si.items():
    x = [float(r[path]) for r in rows]
    med, sd = statistics.median(x), statistics.stdev(x)
    assert close(v["median"], med) and close(v["sd"], sd), path
    for st in ("overbuild", "mismatch", "shortage"):
        xs = [float(r[path]) for r in rows if r["story"] == st]
        if not xs:
            assert v[st] == {"median": None, "gap": None}, (path, st)
            continue
        m = statistics.median(xs)
        assert close(v[st]["median"], m), (path, st)
        assert abs(v[st]["gap"] - (m - med) / sd) <= 1e-9, (path, st)
PYEOF
fi

# --- usage errors ------------------------------------------------------
usage_err() { # usage_err "first line of stderr" args...: exit 2, that line, usage
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
usage_err "error: --sampling 'latin': expected mc or lhs" run "$Y" --sampling latin
usage_err "error: --precision is for 'run', not 'sweep'" \
	sweep "$Y" --grid cloud.sellable_share=0.3:0.9:2 --precision npv_mean=1
usage_err "error: 'check' runs no trials: --trials, --seed, --threads, --sampling and --out are for the commands that do" \
	check "$Y" --sampling lhs
# a bad target is a scenario-level error: every one reported, exit 2
"$BIN" run "$Y" --no-plots --out bad --precision npv_mena=1 \
	--precision p_npv_positive=0 --precision npv_p50=1 \
	--precision mismatch --precision npv_mean=1 --precision npv_mean=2 \
	> bad.out 2> bad.err
check "bad --precision: exit 2" test $? -eq 2
cat > bad.want << 'EOF'
error: --precision 'npv_mena=1': unknown metric 'npv_mena'; did you mean 'npv_mean'?
error: --precision 'p_npv_positive=0': SE must be a number > 0, a standard error in the metric's units (e.g. 0.5 for npv_mean in $B, 1% for a share of trials); got '0'
error: --precision 'npv_p50=1': npv_p50 is not a precision metric (its standard error needs the trials' NPVs sorted at every round); use npv_mean
error: --precision 'mismatch': expected METRIC=SE, e.g. npv_mean=0.5
error: --precision 'npv_mean=2': npv_mean has a target already ('npv_mean=1')
EOF
check "bad --precision: every error" cmp -s bad.err bad.want
check "bad --precision: nothing written" test ! -e bad

echo "cli_sampling: $pass passed, $fail failed"
[ $fail -eq 0 ]
