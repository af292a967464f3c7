#!/bin/sh
# cli_run.sh — `computesim run` end to end: bit-identical results for any
# --threads and a given seed, the atomic output directory (a killed or
# interrupted run leaves an earlier result byte for byte), hostile output
# paths, --json, --quiet, --trials-csv, exit codes.
#
# Usage: CS_BIN=path/to/computesim CS_ROOT=repo sh tests/cli_run.sh
# Trial counts stay small: the suite also runs under ASan.

BIN=${CS_BIN:?set CS_BIN to the computesim binary}
ROOT=${CS_ROOT:?set CS_ROOT to the repository root}
Y="$ROOT/tests/data/format-example.yaml"
T=$(mktemp -d "${TMPDIR:-/tmp}/cli_run.XXXXXX") || exit 1
trap 'chmod -R u+w "$T" 2>/dev/null; rm -rf "$T"' EXIT INT TERM
cd "$T" || exit 1

pass=0
fail=0
ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "cli_run: FAIL: $*" >&2; }
check() { # check "what" command...
	what=$1
	shift
	if "$@"; then ok; else bad "$what"; fi
}

run() { "$BIN" run "$Y" --no-plots --quiet "$@"; }

# --- determinism: threads and seeds ------------------------------------
N=5000	# five blocks of 1024 trials: threads really split the work
run --trials $N --threads 1 --out t1 || bad "run --threads 1"
run --trials $N --threads 2 --out t2 || bad "run --threads 2"
run --trials $N --threads 8 --out t8 || bad "run --threads 8"
check "yearly.csv exists" test -s t1/yearly.csv
check "yearly.csv --threads 1 = 2" cmp -s t1/yearly.csv t2/yearly.csv
check "yearly.csv --threads 1 = 8" cmp -s t1/yearly.csv t8/yearly.csv
check "summary.json --threads 1 = 8" cmp -s t1/summary.json t8/summary.json
run --trials $N --threads 2 --out again || bad "second run"
check "same seed, same yearly.csv" cmp -s t1/yearly.csv again/yearly.csv
run --trials $N --threads 2 --seed 99 --out seed99 || bad "run --seed 99"
check "another seed differs" test -s seed99/yearly.csv
if cmp -s t1/yearly.csv seed99/yearly.csv; then bad "seed 99 = seed 2026"; else ok; fi
check "header" test "$(head -n 1 t1/yearly.csv)" = \
	"year,metric,mean,sd,p5,p10,p25,p50,p75,p90,p95"
# 10 years x (29 metrics + 4 probabilities) rows + header
check "yearly.csv rows" test "$(wc -l < t1/yearly.csv)" -eq 331
check "probability row" grep -q '^2026,p_surplus,[0-9.e-]*,0,,,,,,,$' t1/yearly.csv
check "no temporary left" test -z "$(ls -d ./*.tmp-* 2>/dev/null)"

# --- a fixed scenario reads back exactly: sd 0, every percentile = mean -
F="$ROOT/tests/fixed/supply_mix.yaml"
if [ -r "$F" ]; then
	"$BIN" run "$F" --no-plots --quiet --trials 3000 --threads 2 --out fixed ||
		bad "fixed scenario run"
	check "fixed: exact percentiles and sd 0" awk -F, '
		NR > 1 && $5 != "" { for (i = 5; i <= NF; i++) if ($i != $3) bad = 1
				     if ($4 != "0") bad = 1 }
		END { exit bad }' fixed/yearly.csv
else
	echo "cli_run: no $F: fixed-scenario check skipped" >&2
fi

# --- the stdout table, --json, --quiet, --trials-csv ---------------------
"$BIN" run "$Y" --no-plots --trials 2000 --out table > table.txt 2> table.err
check "table: exit 0" test $? -eq 0
check "table: payback line" grep -q '^Paid back in half the trials by: ' table.txt
check "table: stories line" grep -q '^Stories: overbuild [0-9<>]*%, mismatch [0-9<>]*%, shortage [0-9<>]*%$' table.txt
check "table: a row per year" test "$(grep -c '^  20[23][0-9] ' table.txt)" -eq 10
"$BIN" run "$Y" --no-plots --trials 2000 --out js --json > js.out 2> js.err
check "--json: exit 0" test $? -eq 0
check "--json = summary.json" cmp -s js.out js/summary.json
if command -v python3 > /dev/null 2>&1; then
	check "--json is valid JSON" python3 -m json.tool js.out > /dev/null
	check "summary keys" python3 -c '
import json, sys
s = json.load(open(sys.argv[1]))
for k in ("scenario", "file", "seed", "trials", "start_year", "years",
          "npv_busd", "p_npv_positive", "payback_year", "median_payback_year",
          "first_surplus_year", "stories", "rank_correlations"):
    assert k in s, k
assert s["trials"] == 2000 and s["seed"] == 2026 and s["years"] == 10
assert set(s["npv_busd"]) >= {"mean", "sd", "se", "p5", "p50", "p95"}
assert abs(sum(s["stories"].values()) - 1) < 1e-12
assert abs(sum(s["payback_year"].values()) - 1) < 1e-9
assert abs(sum(s["first_surplus_year"].values()) - 1) < 1e-9
assert len(s["rank_correlations"]) > 20
' js.out
else
	echo "cli_run: python3 missing, JSON validity not checked" >&2
fi
"$BIN" run "$Y" --no-plots --trials 500 --out q --quiet > q.out 2> q.err
check "--quiet: exit 0" test $? -eq 0
check "--quiet: no stdout" test ! -s q.out
check "--quiet: no stderr" test ! -s q.err
run --trials 3000 --threads 2 --out tc --trials-csv || bad "--trials-csv"
check "trials.csv rows" test "$(wc -l < tc/trials.csv)" -eq 3001
check "trials.csv header" grep -q '^index,.*,npv_busd,payback_year,launch_year,story$' tc/trials.csv
check "trials.csv first row" grep -q '^0,' tc/trials.csv

# summary.json against an independent computation from trials.csv
if command -v python3 > /dev/null 2>&1; then
	check "summary.json = trials.csv recomputed" python3 - tc/trials.csv tc/summary.json << 'PYEOF'
import csv, json, math, sys
rows = list(csv.DictReader(open(sys.argv[1])))
s = json.load(open(sys.argv[2]))
n = len(rows)
npv = [float(r["npv_busd"]) for r in rows]
def close(a, b, tol=1e-9):
    if a is None or b is None:
        return a is b
    return abs(a - b) <= tol * max(1.0, abs(a), abs(b))
mean = sum(npv) / n
sd = math.sqrt(sum((x - mean) ** 2 for x in npv) / (n - 1))
assert close(s["npv_busd"]["mean"], mean), (s["npv_busd"]["mean"], mean)
assert close(s["npv_busd"]["sd"], sd)
assert close(s["npv_busd"]["se"], sd / math.sqrt(n))
srt = sorted(npv)
for p in s["percentiles"]:            # GSL: index (n-1) p/100, linear
    idx = (n - 1) * p / 100
    lo = int(idx)
    d = idx - lo
    want = srt[lo] if lo + 1 >= n else (1 - d) * srt[lo] + d * srt[lo + 1]
    assert close(s["npv_busd"]["p%g" % p], want), p
assert s["p_npv_positive"] == sum(x > 0 for x in npv) / n
stories = {k: sum(r["story"] == k for r in rows) / n
           for k in ("overbuild", "mismatch", "shortage")}
assert s["stories"] == stories, (s["stories"], stories)
pb = {}
for r in rows:
    pb[r["payback_year"]] = pb.get(r["payback_year"], 0) + 1
pb = {k: v / n for k, v in pb.items()}
pb.setdefault("never", 0.0)
pb.setdefault("not_launched", 0.0)
assert s["payback_year"] == pb, (s["payback_year"], pb)
cum, med = 0, None
for y in range(s["start_year"], s["start_year"] + s["years"]):
    cum += sum(1 for r in rows if r["payback_year"] == str(y))
    if med is None and 2 * cum >= n:
        med = y
assert s["median_payback_year"] == med
def ranks(v):                         # average ranks for ties
    order = sorted(range(len(v)), key=lambda i: v[i])
    rk = [0.0] * len(v)
    i = 0
    while i < len(v):
        j = i
        while j + 1 < len(v) and v[order[j + 1]] == v[order[i]]:
            j += 1
        for k in range(i, j + 1):
            rk[order[k]] = (i + j) / 2 + 1
        i = j + 1
    return rk
def pearson(a, b):
    ma, mb = sum(a) / len(a), sum(b) / len(b)
    sab = sum((x - ma) * (y - mb) for x, y in zip(a, b))
    saa = sum((x - ma) ** 2 for x in a)
    sbb = sum((y - mb) ** 2 for y in b)
    return None if saa == 0 or sbb == 0 else sab / math.sqrt(saa * sbb)
rn = ranks(npv)
for path, rho in s["rank_correlations"].items():
    want = pearson(ranks([float(r[path]) for r in rows]), rn)
    assert close(rho, want, 1e-7), (path, rho, want)
# each story's mean NPV and its standard error (report.md's precision
# table: every number there is in summary.json)
for k in ("overbuild", "mismatch", "shortage"):
    v = [x for x, r in zip(npv, rows) if r["story"] == k]
    e = s["npv_by_story"][k]
    if len(v) < 2:
        assert e["se"] is None, (k, e)
        continue
    m = sum(v) / len(v)
    assert close(e["mean"], m), (k, e["mean"], m)
    assert close(e["se"], math.sqrt(sum((x - m) ** 2 for x in v) / (len(v) - 1) / len(v))), k
assert "hedge_ratio_se" in s and (s["hedge_ratio_se"] is None) == (s["hedge_ratio"] is None)
PYEOF
	check "report.md's precision table = summary.json's se" python3 - tc/report.md tc/summary.json << 'PYEOF'
import json, re, sys
rep = open(sys.argv[1]).read()
s = json.load(open(sys.argv[2]))
def row(label):
    m = re.search(r"^\| " + re.escape(label) + r"[^|]* \| ([^|]+) \| ([^|]+) \|$", rep, re.M)
    assert m, label
    return m.group(2).strip()
def same(shown, v):
    return (shown == "-") if v is None else abs(float(shown) - v) <= 5e-4 * abs(v) + 1e-15
assert same(row("mean NPV ($B)"), s["npv_busd"]["se"])
assert same(row("hedge ratio"), s["hedge_ratio_se"])
for k in ("overbuild", "mismatch", "shortage"):
    assert same(row("mean NPV, " + k + " ($B;"), s["npv_by_story"][k]["se"]), k
# the shares' standard errors: the plus-four estimate's from the share
# and the trial count, as the page's second line says (in percent)
n = s["trials"]
assert "plus-four estimate" in rep
def plus4(p):	# as the table prints it: 2 significant digits here
    q = (round(p * n) + 2) / (n + 4)
    v = 100 * (q * (1 - q) / (n + 4)) ** 0.5
    assert 0.001 <= v < 9.95, v
    return "%#.2g%%" % v
for k in ("overbuild", "mismatch", "shortage"):
    assert row("share " + k) == plus4(s["stories"][k]), (k, row("share " + k))
assert row("P(NPV > 0)") == plus4(s["p_npv_positive"])
PYEOF
fi

# --- hostile output paths -------------------------------------------------
weird="$T/sp ace/quo'te\"s/\$(touch pwned)/<lt"
run --trials 200 --out "$weird" || bad "weird --out"
check "weird path written" test -s "$weird/yearly.csv"
run --trials 200 --out "$weird" || bad "weird --out, replaced"
check "weird path replaced" test -s "$weird/summary.json"
run --trials 200 --out -dash || bad "--out -dash"
check "leading dash" test -s ./-dash/yearly.csv
run --trials 200 --out '<lt' || bad "--out <lt"
check "leading <" test -s './<lt/yearly.csv'
check "no pwned file" test ! -e pwned -a ! -e "$T/pwned" -a ! -e "$ROOT/pwned"

# --- exit codes -------------------------------------------------------------
printf 'scenario: [\n' > bad.yaml
"$BIN" run bad.yaml --out badout --no-plots > bad.out 2> bad.err
check "bad scenario: exit 2" test $? -eq 2
check "bad scenario: message" grep -q '^bad.yaml:[0-9]*:[0-9]*: error: ' bad.err
check "bad scenario: nothing written" test ! -e badout -a -z "$(ls -d badout* 2>/dev/null)"
"$BIN" run "$Y" --trials 10 --no-plots --out /sys/computesim-test/out > un.out 2> un.err
check "unwritable: exit 1" test $? -eq 1
check "unwritable: message" grep -q "^error: cannot create output directory '/sys/computesim-test/out'" un.err
printf 'x\n' > afile
"$BIN" run "$Y" --trials 10 --no-plots --out afile/out > un2.out 2> un2.err
check "under a file: exit 2 (an argument error)" test $? -eq 2
check "under a file: message" grep -q "cannot create output directory 'afile/out'" un2.err
mkdir mine && printf 'precious\n' > mine/thesis.tex
"$BIN" run "$Y" --trials 10 --no-plots --out mine > fo.out 2> fo.err
check "foreign dir: exit 2 (an argument error)" test $? -eq 2
check "foreign dir: untouched" test "$(cat mine/thesis.tex)" = precious
# a symbolic link as --out: refused (the run would replace the link by a
# directory and leave its target stale), exit 2, the link as it was
mkdir lktgt && ln -s lktgt lkout
"$BIN" run "$Y" --trials 10 --no-plots --out lkout > lk.out 2> lk.err
check "symlink --out: exit 2" test $? -eq 2
check "symlink --out: message" grep -q "^error: cannot use output directory 'lkout': it is a symbolic link" lk.err
check "symlink --out: the link kept, its target empty" test -L lkout -a -z "$(ls lktgt)"
"$BIN" run "$Y" --trials 10 --no-plots --out . > dot.out 2> dot.err
check "--out .: exit 2" test $? -eq 2
# the analyses refuse such an --out before any work: a drivers run of
# 2,000,000 base trials (minutes) ends at once (timeout: a bound, not a
# measure); sweep, breakeven and compare the same
for a_ in "drivers --trials 2000000 --no-plots" \
	  "sweep --grid cloud.price_impact=0:1:2 --trials 2000000 --no-plots" \
	  "breakeven --vary cloud.price_impact --range 0:1 --target npv_mean=0 --trials 2000000"; do
	set -- $a_
	c_=$1
	shift
	timeout 60 "$BIN" "$c_" "$Y" "$@" --out lkout > lka.out 2> lka.err
	st=$?
	check "symlink --out: $a_: exit 2 before any work (got $st)" test $st -eq 2
	check "symlink --out: $a_: says why" grep -q "it is a symbolic link" lka.err
done
timeout 60 "$BIN" compare "$Y" "$Y" --trials 2000000 --no-plots --out lkout > lka.out 2> lka.err
check "symlink --out: compare: exit 2 before any work" test $? -eq 2
set --
if [ "$(id -u)" -ne 0 ]; then
	mkdir ro && chmod 555 ro
	"$BIN" run "$Y" --trials 10 --no-plots --out ro/out > ro.out 2> ro.err
	check "read-only: exit 1" test $? -eq 1
	check "read-only: message" grep -q "^error: cannot create output directory 'ro/out': Permission denied" ro.err
	chmod 755 ro
fi

# --- a killed run leaves the earlier result byte for byte ---------------
snapshot() { (cd "$1" && for f in $(ls -A | sort); do cksum "$f"; done); }
run --trials 1000 --out keep || bad "earlier run"
snapshot keep > keep.before
# wait for the run's temporary directory, then stop it the hard way
waittmp() { # waittmp PREFIX PID: 0 when PREFIX.tmp-* appeared while PID runs
	i=0
	while [ $i -lt 300 ]; do
		if ls -d "$1".tmp-* > /dev/null 2>&1; then
			sleep 0.2
			kill -0 "$2" 2> /dev/null && return 0
			return 1
		fi
		kill -0 "$2" 2> /dev/null || return 1
		sleep 0.05
		i=$((i + 1))
	done
	return 1
}
# killed while it writes its files: trials.csv of 500,000 trials takes
# seconds to write, and the kill comes once its first bytes are there
waitfile() { # waitfile PID: 0 when keep.tmp-*/trials.csv has data while PID runs
	i=0
	while [ $i -lt 1200 ]; do
		for f in keep.tmp-*/trials.csv; do
			if [ -s "$f" ]; then
				kill -0 "$1" 2> /dev/null && return 0
				return 1
			fi
		done
		kill -0 "$1" 2> /dev/null || return 1
		sleep 0.05
		i=$((i + 1))
	done
	return 1
}
"$BIN" run "$Y" --no-plots --quiet --trials 500000 --threads 2 --trials-csv \
	--out keep &
pid=$!
if waitfile $pid; then
	kill -KILL $pid
	wait $pid 2> /dev/null
	ok
else
	wait $pid 2> /dev/null
	bad "big run ended before it could be killed while writing"
fi
snapshot keep > keep.after
check "killed: earlier result intact" cmp -s keep.before keep.after
check "killed: its temporary is left behind" test -n "$(ls -d keep.tmp-* 2>/dev/null)"
# the next run with the same --out removes a dead run's temporary, and
# leaves alone one that is not ours (no marker) or whose process lives
mkdir keep.tmp-NOTOUR
mkdir keep.tmp-ALIVE1 && printf 'x\npid %s\n' $$ > keep.tmp-ALIVE1/.computesim
run --trials 50 --out keep || bad "run after a kill"
check "killed: the next run removes the dead temporary" \
	test "$(ls -d keep.tmp-* 2>/dev/null | sort | tr '\n' ' ')" = "keep.tmp-ALIVE1 keep.tmp-NOTOUR "
rm -rf keep.tmp-*
snapshot keep > keep.before

# --- an interrupted run (SIGTERM/SIGINT) cleans up and exits 130 ---------
"$BIN" run "$Y" --no-plots --quiet --trials 1000000 --threads 1 --out keep 2> int.err &
pid=$!
if waittmp keep $pid; then
	kill -TERM $pid
	wait $pid
	st=$?
	check "interrupted: exit 130" test $st -eq 130
	check "interrupted: one line" test "$(wc -l < int.err)" -eq 1
	check "interrupted: temporary removed" test -z "$(ls -d keep.tmp-* 2>/dev/null)"
else
	wait $pid 2> /dev/null
	bad "big run ended before it could be interrupted"
fi
snapshot keep > keep.after
check "interrupted: earlier result intact" cmp -s keep.before keep.after

# --- stdout that cannot be written (a full disk): exit 1, with a message -
full() { # full "what" args...: stdout to /dev/full
	what=$1
	shift
	"$BIN" "$@" > /dev/full 2> full.err
	st=$?
	check "stdout full: $what exits 1 (got $st)" test $st -eq 1
	check "stdout full: $what says so" \
		grep -q '^error: cannot write to standard output' full.err
}
# --- an output directory that holds the scenario is refused ------------
run --trials 50 --out inp || bad "run --out inp"
cp "$Y" inp/scenario.yaml
"$BIN" run inp/scenario.yaml --no-plots --quiet --trials 50 --out inp \
	2>inp.err
check "run: --out holding the scenario exits 2" test $? -eq 2
check "run: the scenario is still there" test -s inp/scenario.yaml
check "run: the message says why" grep -q "holds the input" inp.err
# check refuses it too (check passing means run starts), exit 2
"$BIN" check inp/scenario.yaml --set output.dir=inp >inpc.out 2>inpc.err
check "check: output.dir holding the scenario exits 2 (got $?)" \
	test $? -eq 2
check "check: says so" test "$(cat inpc.err)" = \
	"error: the output directory 'inp' holds the input 'inp/scenario.yaml', and a run replaces its output directory whole: choose another --out or output.dir"
check "check: no ok line" test ! -s inpc.out
# written in the file as output.dir: at its line and column, for check
# and run alike (it had no position)
sed 's|^  dir: .*|  dir: inp|' inp/scenario.yaml > inp/od.yaml
odl=$(grep -n '^  dir: inp$' inp/od.yaml | cut -d: -f1)
for cmd in check run; do
	"$BIN" $cmd inp/od.yaml >inpd.out 2>inpd.err
	st=$?
	check "$cmd: output.dir in the file holding it exits 2 (got $st)" \
		test $st -eq 2
	check "$cmd: output.dir in the file: at its position" test "$(cat inpd.err)" = \
		"inp/od.yaml:$odl:8: error: output.dir gives the output directory 'inp', which holds the input 'inp/od.yaml', and a run replaces its output directory whole: choose another output.dir (or --out)"
done
# and warns, without failing, about a run too large for this machine
# (which run refuses: tests/cli_reliability.sh)
"$BIN" check "$Y" --set simulation.trials=1e12 >big.out 2>big.err
check "check: 1e12 trials pass (got $?)" test $? -eq 0
check "check: 1e12 trials warn" grep -q \
	"format-example.yaml: warning: 1000000000000 trials of 10 years need about .* GiB at their peak, more than the .* this process may use (.*): at most [0-9]* trials fit (simulation.trials: [0-9]*); run refuses them" big.err

# --- a surplus of a thousand G H100e or more prints as 2.00e+13 ----------
# Capex 1e9 $B a year, half of it on compute at 25,000 $ an H100e, buys
# b = 2e13 H100e a year (no lag, life 5 years: none retires by 2028).
# 2026: the fleet is 1e6 + b and demand equals it (start_ratio 1, no
# growth, no reserve), so no surplus. 2027: the fleet is 0.75e6 + 2b
# (the installed base loses a quarter a year), demand still 1e6 + b: the
# surplus is b - 2.5e5 = 1.99999975e13, printed 2.00e+13, and
# utilization 50.0%. Before, "19999.99G" pushed the column out of line.
cat >huge.yaml <<'EOF2'
scenario: {name: fixed, start_year: 2026, years: 3}
supply:
  installed_base_h100e: 1e6
  installed_base_life_years: 4
  capex_busd: 1e9
  compute_share: 0.5
  useful_life_years: 5
  procurement: [{name: a, share: 1, cost_per_h100e_usd: 25000}]
demand: {start_ratio: 1, workloads: [{name: w, share: 1}]}
market: {price_per_h100e_hour_usd: 2, market_h100e: 1e6}
cloud: {launch: {year: 2026}}
output: {plots: false}
EOF2
"$BIN" run huge.yaml --trials 2 --out huge >huge.out 2>&1
check "a huge surplus: exit 0 (got $?)" test $? -eq 0
check "a huge surplus: 2.00e+13 in 2027, in its column" grep -q \
	'^  2027         50.0%        100%          2.00e+13          100%$' huge.out

# --- report.md's precision table: a share the scenario rules out ---------
# A one-year run cannot tell a mismatch (a surplus before the last year),
# and without a cloud section the NPV is 0 in every trial: their standard
# errors are 0 and say why, not the plus-four estimate's (0.0071% of
# 20000 trials, 0.10% of 400) for an event that cannot happen.
"$BIN" run "$ROOT/scenarios/hindcast-2025.yaml" --trials 400 --no-plots --quiet \
	--out hc1 >/dev/null 2>&1
check "one year: the mismatch share's se is 0, and why" grep -qx \
	'| share mismatch | 0.0% | 0 (impossible in one year: a mismatch needs a surplus before the last) |' hc1/report.md
check "no cloud section: P(NPV > 0)'s se is 0, and why" grep -qx \
	'| P(NPV > 0) | 0.0% | 0 (the cloud option is never launched) |' hc1/report.md
check "one year: the other shares keep the plus-four se" \
	grep -q '^| share shortage | [0-9.]*% | [0-9.]*[1-9][0-9.]*% |$' hc1/report.md

# --- one trial: its standard error is unknown, not 0 ---------------------
run --trials 1 --out one --json > one.json || bad "run --trials 1"
check "one trial: se is null" grep -q '"se": null' one.json
"$BIN" run "$Y" --no-plots --trials 1 --out one > one.txt
check "one trial: the table says the se is unknown" grep -q 'se unknown with 1 trial' one.txt
check "one trial: the table's first line says 1 trial" grep -q ': 1 trial, seed ' one.txt
check "one trial: report.md says 1 trial" grep -q '^1 trial, seed ' one/report.md
check "one trial: report.md's precision section says 1 trial" \
	grep -q 'headline figures, from 1 trial (' one/report.md
check "one trial: report.md's story rows count 1 trial and 0 trials" \
	grep -q '(\$B; 1 trial) .*' one/report.md
check "one trial: no '1 trials' anywhere" sh -c '! grep -q "[^0-9]1 trials" one.txt one/report.md'
"$BIN" sweep "$Y" --trials 1 --grid cloud.sellable_share=0.3:0.9:2 --no-plots \
	--out one-sweep > one-sweep.txt
check "one trial: sweep says 1 trial each" grep -q ', 1 trial each, seed ' one-sweep.txt
"$BIN" compare "$Y" "$Y" --trials 1 --no-plots --out one-compare > one-compare.txt 2>/dev/null
check "one trial: compare says 1 trial each" grep -q '^compare: 1 trial each, seed ' one-compare.txt

# --- absurd inputs that overflow: a clear error, nothing written -------
run --trials 50 --out ovf || bad "run --out ovf"
cp ovf/yearly.csv ovf.before
run --trials 200 --out ovf --set market.market_growth=1e300 2>ovf.err
st=$?
check "overflow: exit 2 (got $st)" test $st -eq 2
check "overflow: names the metric and year" \
	grep -q 'error: market_h100e is not finite in 2027 in some trials' ovf.err
check "overflow: the earlier result is untouched" cmp -s ovf/yearly.csv ovf.before
check "overflow: the absurd input named, as a --set" grep -q \
	': warning: --set market.market_growth: 1e+300 is far beyond any plausible value' ovf.err
# not a number rather than too large: everyone else's demand growth carried
# below -100% by a fixed then_growth (a warning) makes the industry's
# tightness negative, and the rent's factor (tau_t / tau_t-1)^0.5 NaN
"$BIN" run "$ROOT/tests/data/ref-outside-range.yaml" --no-plots --out nan \
	>/dev/null 2>nan.err
st=$?
check "not a number: exit 2 (got $st)" test $st -eq 2
check "not a number: says so, with the metric and year" grep -q \
	'ref-outside-range.yaml: error: price_usd_per_h100e_hour is not a number in 2082 in some trials: the model met an undefined step' \
	nan.err
check "not a number: nothing written" test ! -e nan
# the idle PV overflows where no yearly metric does: discount factors of
# (1 - 0.9)^-t times an idle cost near 1e298 (12 years, rate -90%)
cat >ovfi.yaml <<'EOF2'
scenario: {name: big, start_year: 2030, years: 12}
simulation: {trials: 2}
supply:
  installed_base_h100e: 0
  installed_base_life_years: 1
  capex_busd: 0
  compute_share: 1
  useful_life_years: 1
  procurement: [{name: gpu, share: 1, cost_per_h100e_usd: 20000}]
  contracts:
    - {name: c, start: 2030, end: 2030, total_busd: 1e298, price_per_h100e_hour_usd: 1}
    - {name: d, start: 2041, end: 2041, total_busd: 1e298, price_per_h100e_hour_usd: 1}
demand: {start_ratio: 0.01, workloads: [{name: w, share: 1}]}
market: {price_per_h100e_hour_usd: 2, market_h100e: 1e6}
cloud: {launch: never, discount_rate: -0.9}
output: {plots: false}
EOF2
"$BIN" run ovfi.yaml --out ovfi >/dev/null 2>ovfi.err
st=$?
check "overflow of the idle PV: exit 2 (got $st)" test $st -eq 2
check "overflow of the idle PV: says so" \
	grep -q '^ovfi.yaml: error: idle_pv_busd is not finite in some trials' ovfi.err
check "overflow of the idle PV: nothing written" test ! -e ovfi
check "overflow of the idle PV: each absurd input at its position" grep -qx \
	'ovfi.yaml:11:53: warning: supply.contracts.c.total_busd: 1e+298 is far beyond any plausible value, and arithmetic on it leaves what a double holds' \
	ovfi.err
"$BIN" compare "$Y" "$Y" --no-plots --quiet --trials 100 --out ovfc \
	--set market.market_growth=1e300 2>ovfc.err
st=$?
check "overflow: compare exits 2 (got $st)" test $st -eq 2
check "overflow: compare writes nothing" test ! -e ovfc
# ... and so do sweep, breakeven and drivers, whose light runs and model
# runs are checked as run's are, naming the grid point or the value.
# refused WHAT OUT MESSAGE ARGS...: exit 2, MESSAGE on stderr, no OUT
refused() {
	what=$1 o=$2 msg=$3
	shift 3
	"$BIN" "$@" --out "$o" >/dev/null 2>"$o.err"
	st=$?
	check "$what: exit 2 (got $st)" test $st -eq 2
	check "$what: says so" grep -q "$msg" "$o.err"
	check "$what: nothing written" test ! -e "$o"
}
refused "overflow: sweep" ovfs \
	"format-example.yaml: error: at market.market_growth = 5e+299, market_h100e is too large in 2027 in some trials to have a standard deviation" \
	sweep "$Y" --grid market.market_growth=0:1e300:3 --trials 100
refused "overflow: breakeven" ovfb \
	"format-example.yaml: error: at market.market_growth = 1e+300, market_h100e is not finite" \
	breakeven "$Y" --vary market.market_growth --range 0:1e300 \
	--target npv_mean=0 --trials 100
refused "overflow: drivers" ovfd \
	"format-example.yaml: error: market_h100e is not finite in 2028 in some trials of the A and B matrices" \
	drivers "$Y" --trials 64 --set market.market_growth=1e300
check "overflow: drivers names the absurd input" grep -q \
	': warning: --set market.market_growth: 1e+300 is far beyond any plausible value' ovfd.err
# a metric past about 1.3e154 has no sd a double holds (its square
# overflows): refused as well, not written as an empty cell and null
run --trials 100 --out ovsd --no-plots \
	--set 'market.price_per_h100e_hour_usd={dist: choice, values: [1, 1e160]}' 2>ovsd.err
st=$?
check "an sd that overflows: exit 2 (got $st)" test $st -eq 2
check "an sd that overflows: says so" grep -q \
	"error: price_usd_per_h100e_hour is too large in 2026 in some trials to have a standard deviation" ovsd.err
check "an sd that overflows: nothing written" test ! -e ovsd

if [ -w /dev/full ]; then
	full keys keys
	full schema schema
	full check check "$Y"
	full --help --help
	full --version --version
	full run run "$Y" --no-plots --trials 100 --out full
	full --json run "$Y" --no-plots --trials 100 --out full --json
fi

# --- --help and -h: the same text, listing both and exit status 130
"$BIN" --help >help1.txt 2>&1
"$BIN" -h >help2.txt 2>&1
check "-h prints --help's text" cmp -s help1.txt help2.txt
check "--help lists -h" grep -q '^  --help, -h ' help1.txt
check "--help gives exit status 130" grep -q '^130 interrupted' help1.txt

# --- usage errors: exact stderr, exit 2 -----------------------------------
USAGE='usage: computesim [run] SCENARIO.yaml [options] | check | sweep | compare | breakeven | drivers | plot | keys | schema (see --help)'
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
# a misspelt command, near one (edit distance or case): the suggestion
usage_err "error: unknown command 'chek' (did you mean 'check'?)" chek "$Y"
usage_err "error: unknown command 'chek' (did you mean 'check'?)" chek
usage_err "error: unknown command 'CHECK' (did you mean 'check'?)" CHECK "$Y"
usage_err "error: unknown command 'brekeven' (did you mean 'breakeven'?)" \
	brekeven "$Y" --vary cloud.term_years --target npv_mean=0
usage_err "error: unknown command 'rn' (did you mean 'run'?)" rn "$Y"
# the options a newcomer types as commands
usage_err "error: unknown command 'version' (did you mean '--version'?)" version
usage_err "error: unknown command 'help' (did you mean '--help'?)" help
usage_err "error: unknown command 'frobnicate'" frobnicate "$Y"
# `-` is a file name (none here): the message says how to read a pipe,
# and /dev/stdin does
"$BIN" run - --trials 50 < "$Y" > dash.out 2> dash.err
st=$?
check "run -: exit 2 (got $st), pointing to /dev/stdin" sh -c "[ $st -eq 2 ] &&
	grep -qx -- '-: error: cannot open: No such file or directory (\`-\` names a file here; for standard input, name /dev/stdin)' dash.err"
"$BIN" run /dev/stdin --trials 50 --no-plots --quiet --out fromstdin < "$Y"
check "run /dev/stdin: exit 0 (got $?)" test -s fromstdin/yearly.csv
# a misspelt option, near one: the suggestion; a flag given a value
usage_err "error: unknown option '--trails' (did you mean '--trials'?)" \
	run "$Y" --trails 10
usage_err "error: unknown option '--no-plot' (did you mean '--no-plots'?)" \
	run "$Y" --no-plot
usage_err "error: unknown option '--zzzzzz'" run "$Y" --zzzzzz
usage_err "error: option '--no-plots' takes no value" run "$Y" --no-plots=1
usage_err "error: option '--help' takes no value" run "$Y" --help=1
# arguments after -- are files: the message names what it took as such
usage_err "error: 'run' takes one scenario file (got 3: '$Y', '--trials', '10')" \
	run "$Y" -- --trials 10
# --sampling and --precision take the next argument whole, as every
# option with a value does: a --version or --help there is their value
usage_err "error: --sampling '--version': expected mc or lhs" \
	run "$Y" --sampling --version
"$BIN" run "$Y" --precision --help > ph.out 2> ph.err
st=$?
check "--precision --help: exit 2 (got $st), the value refused, no help" \
	sh -c "[ $st -eq 2 ] && [ ! -s ph.out ] && grep -qx \"error: --precision '--help': expected METRIC=SE, e.g. npv_mean=0.5\" ph.err"
# a bare word that names a file is the scenario of the implicit run
cp "$Y" chek
"$BIN" chek --no-plots --quiet --trials 50 --out chekout ||
	bad "a scenario file named 'chek'"
check "a file named like a command runs" test -s chekout/yearly.csv
# --trials takes the whole-number forms of simulation.trials
run --trials 1e3 --out e3 --json > e3.json || bad "--trials 1e3"
check "--trials 1e3: 1000 trials" grep -q '"trials": 1000,' e3.json
run --trials 2.5e3 --threads 2e0 --out e25 --json > e25.json ||
	bad "--trials 2.5e3 --threads 2e0"
check "--trials 2.5e3: 2500 trials" grep -q '"trials": 2500,' e25.json
for t in 1.5 0 -3 1e-3 abc 1e3x 100% 0x10 nan; do
	usage_err "error: --trials '$t': expected a whole number >= 1" \
		run "$Y" --trials "$t"
done
usage_err "error: --trials '1e30': too large (at most 9223372036854775807)" \
	run "$Y" --trials 1e30
usage_err "error: --trials '99999999999999999999': too large (at most 9223372036854775807)" \
	run "$Y" --trials 99999999999999999999
usage_err "error: --threads '1.5e3': expected a whole number from 1 to 1024" \
	run "$Y" --threads 1.5e3
check "refused --trials wrote nothing" test ! -e out
# --seed: digits exactly up to 2^64 - 1; exponent forms below 2^53
run --trials 50 --seed 1e3 --out s1 --json > s1.json || bad "--seed 1e3"
run --trials 50 --seed 1000 --out s2 --json > s2.json || bad "--seed 1000"
check "--seed 1e3 is seed 1000" grep -q '"seed": 1000,' s1.json
check "--seed 1e3 and 1000 give the same run" cmp -s s1/yearly.csv s2/yearly.csv
run --trials 50 --seed 18446744073709551615 --out s3 --json > s3.json ||
	bad "--seed 2^64-1"
check "--seed 2^64-1 kept exactly" \
	grep -q '"seed": 18446744073709551615,' s3.json
for t in 1.5 -1 abc 5%; do
	usage_err "error: --seed '$t': expected a whole number >= 0" \
		run "$Y" --seed "$t"
done
# whole numbers >= 0 that are too large are told so, with the limit
for t in 18446744073709551616 99999999999999999999999; do
	usage_err "error: --seed '$t': too large (at most 18446744073709551615)" \
		run "$Y" --seed "$t"
done
# an option that takes one value, given twice, is refused (either form)
for o in --out --vary --target; do
	usage_err "error: option '$o' given twice: it takes one value, and the first would be lost unseen" \
		run "$Y" "$o" x "$o" y
done
usage_err "error: option '--trials' given twice: it takes one value, and the first would be lost unseen" \
	run "$Y" --trials=5 --trials 6
usage_err "error: --seed '1e20': too large for an exponent form (at most 9007199254740991; write the digits, up to 18446744073709551615)" \
	run "$Y" --seed 1e20

# --- stories by the industry's state (model v2) -------------------------
# tests/fixed/industry_glut.yaml (worked by hand: its one trial tells
# mismatch, the industry in glut at the horizon) with everyone else's
# start ratio drawn from a choice of 1.2 (the file's value) and 4: the
# industry's demand scales with it, and at 4 it stays short. The company's
# surplus does not depend on the industry, so every trial is mismatch;
# stories_by_industry must split them by state exactly as trials.csv's
# industry_state column does (counts), with trials in both states.
IG="$CS_ROOT/tests/fixed/industry_glut.yaml"
"$BIN" run "$IG" --no-plots --quiet --trials 401 --trials-csv --out ig \
	--set 'industry.start_ratio={dist: choice, values: [1.2, 4], weights: [1, 1]}' ||
	bad "industry_glut with a start-ratio choice"
check "trials.csv has industry_state" \
	test "$(head -n 1 ig/trials.csv)" = "index,industry.start_ratio,npv_busd,payback_year,launch_year,story,industry_state"
nglut=$(awk -F, 'NR > 1 && $2 == 1.2 && $6 == "mismatch" && $7 == "glut"' ig/trials.csv | wc -l)
nshort=$(awk -F, 'NR > 1 && $2 == 4 && $6 == "mismatch" && $7 == "short"' ig/trials.csv | wc -l)
check "every trial: start ratio 1.2 -> glut, 4 -> short (mismatch both)" \
	test $((nglut + nshort)) -eq 401
check "trials in both states" test "$nglut" -gt 0 -a "$nshort" -gt 0
want=$(awk -v g="$nglut" -v s="$nshort" 'BEGIN {
	printf "\"stories_by_industry\": {\n    \"short\": {\"overbuild\": 0, \"mismatch\": %.17g, \"shortage\": 0},\n    \"glut\": {\"overbuild\": 0, \"mismatch\": %.17g, \"shortage\": 0}\n  }", s / 401, g / 401 }')
got=$(awk '/"stories_by_industry"/ { on = 1 } on { print } on && /^  }/ { exit }' ig/summary.json)
check "stories_by_industry = trials.csv's counts / 401" \
	awk -v w="$want" -v g="$got" 'BEGIN {
		# compare numbers, not their digits
		n = split(w, a, /[^0-9.e-]+/); m = split(g, b, /[^0-9.e-]+/)
		if (n != m) exit 1
		for (i = 1; i <= n; i++) if (a[i] != "" && (a[i] - b[i] > 1e-15 || b[i] - a[i] > 1e-15)) exit 1
	}'
check "no stories_by_industry without an industry section" \
	sh -c '! grep -q stories_by_industry t1/summary.json'
# npv_by_industry: the glut trials are the file's own (start ratio 1.2),
# whose NPV tests/fixed/industry_glut.expected works out by hand
# (cloud_npv_busd in 2084, 0.83202923073): their pair's mean, se 0, all
# > 0; the short trials (start ratio 4) all have one NPV, trials.csv's;
# the four pairs without trials: share 0, the rest null.
# pair STATE STORY: "share mean p_positive se" of that pair
pair() { awk -v s="\"$1\": {" -v k="\"$2\": {" '/"npv_by_industry"/ { on = 1 }
	on && index($0, s) { st = 1 } st && index($0, k) { print; exit }' ig/summary.json |
	sed 's/.*"share": \([^,]*\), "mean": \([^,]*\), "p_positive": \([^,]*\), "se": \([^}]*\)}.*/\1 \2 \3 \4/'; }
npv_short=$(awk -F, 'NR > 1 && $7 == "short" { print $3; exit }' ig/trials.csv)
check "npv_by_industry glut/mismatch: industry_glut.expected's NPV, se 0" \
	awk -v l="$(pair glut mismatch)" -v s="$nglut" 'BEGIN { split(l, a, " ")
		exit !(a[1] == s / 401 && (a[2] - 0.83202923073) ^ 2 < 1e-18 &&
		       a[3] == 1 && a[4] == 0) }'
check "npv_by_industry short/mismatch: the short trials' NPV (trials.csv)" \
	awk -v l="$(pair short mismatch)" -v s="$nshort" -v v="$npv_short" 'BEGIN {
		split(l, a, " ")
		exit !(a[1] == s / 401 && (a[2] - v) ^ 2 < 1e-18 * v * v &&
		       a[3] == 1 && a[4] == 0 && v > 1) }'
check "npv_by_industry: pairs without trials are null" \
	test "$(for p in "short overbuild" "short shortage" "glut overbuild" "glut shortage"; do pair $p; done | tr '\n' ';')" = "0 null null null;0 null null null;0 null null null;0 null null null;"
check "report.md: the pair table's (mismatch, glut) row" \
	grep -q "^| mismatch, glut | $(awk -v g="$nglut" 'BEGIN { printf "%.1f", 100 * g / 401 }')% | 0.832 | 0 | 100.0% |\$" ig/report.md
"$BIN" run "$IG" --no-plots --trials 401 --out ig2 \
	--set 'industry.start_ratio={dist: choice, values: [1.2, 4], weights: [1, 1]}' >ig2.out ||
	bad "industry_glut with a start-ratio choice, the table"
check "the table: NPV by story in each industry state (glut: 0.832)" \
	grep -q "^  industry glut:  overbuild no trials, mismatch 0.832 (100%), shortage no trials\$" ig2.out
# The idle fleet's cost split: tests/fixed/power_stranded.yaml works out
# by hand the unpowered part of its idle PV, 23.1755409118 $B of
# 62.1743989033; its NPV is 0 (never launched), so over the idle
# powered fleet alone the ratio is 0 too
PS="$CS_ROOT/tests/fixed/power_stranded.yaml"
"$BIN" run "$PS" --no-plots --trials 3 --out ps >ps.out || bad "power_stranded"
check "summary.json: the unpowered part of the idle PV (by hand: 23.1755409118)" \
	awk -F'"unpowered_mean": ' 'NF > 1 { v = $2 + 0; f = 1 } END {
		exit !(f && (v - 23.1755409118) ^ 2 < (1e-9 * 23.2) ^ 2) }' ps/summary.json
check "summary.json: powered_hedge_ratio 0 (NPV 0)" \
	grep -q '^  "powered_hedge_ratio": 0,$' ps/summary.json
check "the table: the idle powered fleet's ratio and what waits for power" \
	grep -q "^  over the idle powered fleet's cost alone: 0 (23.2 of the 62.2 \$B wait for power)\$" ps.out
check "report.md: what of the idle cost waits for power" \
	grep -q "Of that cost, 23.18 \$B is the fleet waiting for power, which no one can rent; over the idle powered fleet's cost alone (39 \$B) the ratio is 0\. That is not the ratio with more power" ps/report.md
check "no unpowered figures without a power limit" \
	sh -c '! grep -q "unpowered\|powered_hedge" t1/summary.json t1/report.md'
check "no npv_by_industry without an industry section" \
	sh -c '! grep -q npv_by_industry t1/summary.json'

# --- the rent out of range: tightness alone raises it over 10-fold -----
# tests/fixed/industry_glut.yaml (price_response 0.5, start ratio 1.2)
# with everyone else's capex 0 (b_t = 0) and their growth 0. Worked by
# hand (docs/model.md): O_0 = stock = 8e6, O_t = O_t-1 (1 - 1/life);
# Q_0 = start_ratio O_0, Q_t = Q_t-1 (1 + 0) (1 + el eff) (1 - eff).
# With life 2 and efficiency_gain 0: tau_t = 1.2 x 2^t, and tightness
# alone has moved the rent by (tau_t / tau_0)^kappa = 2^(t kappa):
# kappa 1: 2, 4, 8, 16 in 2081-2084, past 10 in 2084 only, every trial;
# the file's kappa 0.5: at most 4, nothing said.
igs() { "$BIN" run "$IG" --no-plots --set industry.capex_busd=0 \
	--set industry.life_years=2 --set industry.growth=0 "$@"; }
igs --set industry.efficiency_gain=0 --set industry.price_response=1 \
	--trials 200 --out io1 >/dev/null 2>io1.err ||
	bad "rent out of range: run"
check "a rise of 16 in 2084: the warning, at --set industry.price_response" \
	grep -q "^$IG: warning: --set industry.price_response: in 100.0% of the trials in 2084, the industry's tightness alone raises the rent more than 10-fold from 2080 (industry_tightness over its 2080 value, to the power price_response); the rent follows tightness without bound" io1.err
check "... and report.md's paragraph" \
	grep -q '^\*\*The rent out of range.\*\* In 100.0% of the trials in 2084, the industry' io1/report.md
igs --set industry.efficiency_gain=0 --trials 200 --out io2 >/dev/null 2>io2.err ||
	bad "rent at most 4-fold: run"
check "kappa 0.5, a rise of at most 4: no warning" test ! -s io2.err
check "... and no paragraph" sh -c '! grep -q "out of range" io2/report.md'
# price_response 0 (the key's default): tightness does not move the rent
igs --set industry.efficiency_gain=0 --set industry.price_response=0 \
	--trials 200 --out io5 >/dev/null 2>io5.err ||
	bad "rent out of range, price_response 0: run"
check "price_response 0: no warning" test ! -s io5.err
check "... and no paragraph" sh -c '! grep -q "out of range" io5/report.md'
# Year 0's rent is the file's price whatever the tightness: start_ratio
# 20 over one year says nothing, at any kappa.
igs --set industry.efficiency_gain=0 --set industry.start_ratio=20 \
	--set industry.price_response=3 --set scenario.years=1 \
	--set cloud.launch=never --trials 200 --out io6 >/dev/null 2>io6.err ||
	bad "rent out of range, one year: run"
check "one year at tightness 20: no warning" test ! -s io6.err
check "... and no paragraph" sh -c '! grep -q "out of range" io6/report.md'
# Statistical, each trial's own kappa: kappa uniform on [0.5, 1.5] over 5
# years, the rise 2^(t kappa) past 10 when kappa > log2(10) / t: in 2083
# (t 3) when kappa > 1.10731, probability 0.39269; in 2084 when kappa >
# 0.83048, probability 0.66952; never in 2082 (kappa > 1.66). 20,000
# trials: standard errors 0.35 and 0.33 points; each share must lie
# within 1.5 points (over 4 se).
igs --set industry.efficiency_gain=0 --trials 20000 --quiet --out io3 \
	--set 'industry.price_response={dist: uniform, min: 0.5, max: 1.5}' ||
	bad "rent out of range, uncertain kappa: run"
check "shares 0.393 in 2083 and 0.670 in 2084, within 1.5 points" awk '
	/^\*\*The rent out of range/ {
		if (match($0, /In [0-9.]+% of the trials in 2083 \(the first year with 5% or more\) and [0-9.]+% in 2084 \(the most\)/) == 0) exit 1
		s = substr($0, RSTART, RLENGTH)
		split(s, w, /[ %]+/)
		a = w[2]; b = w[16]
		found = 1
		exit !(a > 37.77 && a < 40.77 && b > 65.45 && b < 68.45)
	}
	END { if (!found) exit 1 }' io3/report.md
# The warning and report.md print a share alike, and never as every
# trial when some are in range: kappa uniform on [0.8302, 1.9582], past
# 10 in 2084 when kappa > log2(10) / 4 = 0.830482, all but 0.025% of the
# trials (about 5 of 20,000: the fixed seed gives 6, read from
# trials.csv); 2082 first (kappa > 1.66096: 26%).
igs --set industry.efficiency_gain=0 --trials 20000 --out io7 \
	--set 'industry.price_response={dist: uniform, min: 0.8302, max: 1.9582}' \
	>/dev/null 2>io7.err || bad "rent out of range, >99.9%: run"
w7=$(sed -n 's/.*warning: --set industry.price_response: in .* and \([^ ]*\) in 2084 (the most),.*/\1/p' io7.err)
r7=$(sed -n 's/^\*\*The rent out of range.\*\* In .* and \([^ ]*\) in 2084 (the most),.*/\1/p' io7/report.md)
check "a share just under 1: the warning's ($w7) is report.md's ($r7): >99.9%" \
	sh -c '[ "$0" = ">99.9%" ] && [ "$1" = ">99.9%" ]' "$w7" "$r7"
check "no warning without an industry section (the example, 30 years)" sh -c \
	'"$0" run "$1" --no-plots --trials 200 --set scenario.years=30 --out io4 2>&1 >/dev/null | grep -q "out of range\|price_response" && exit 1; exit 0' "$BIN" "$Y"

# --- summary.json: every number the shortest that reads back ------------
# For each number in t1/summary.json (5,000 trials of the FORMAT.md
# example): it reads back to a double whose shortest round-trip digits
# (Python's repr) are exactly the token's significant digits, so no
# number carries digits it does not need and none loses one.
if command -v python3 >/dev/null 2>&1; then
	python3 - t1/summary.json >shortest.out 2>&1 <<'PY'
import json, re, sys
text = open(sys.argv[1]).read()
bad = n = 0
def digits(tok):
    m = tok.lower().lstrip('-').split('e')[0].replace('.', '').lstrip('0')
    return m.rstrip('0') or '0'
for tok in re.findall(r'(?<=[:\[ ,])-?\d[\d.]*(?:[eE][-+]?\d+)?(?=[,\]} \n])', text):
    v = float(tok)
    n += 1
    if digits(tok) != digits(repr(v)):
        print('not shortest:', tok, 'repr', repr(v)); bad += 1
json.loads(text)
if n < 100:
    print('only', n, 'numbers'); bad += 1
sys.exit(1 if bad else 0)
PY
	check "summary.json: every number the shortest that reads back" \
		test $? -eq 0
	[ -s shortest.out ] && head -5 shortest.out >&2
else
	bad "python3 not found (summary.json numbers)"
fi

# --- story inputs from few trials: the gaps listed are at least three
# rough standard errors, 3 sqrt(pi/2 (1/m - 1/n)) (and 0.05 sd), and a
# story of fewer than 100 trials says how many (m from summary.json's
# shares). meta-base at 10 and 300 trials: stories of 4 to 93 trials.
for n in 10 300; do
	"$BIN" run "$ROOT/scenarios/meta-base.yaml" --trials $n --no-plots \
		--out "sg$n" >"sg$n.out" 2>/dev/null || bad "meta-base --trials $n"
	sed -n 's/.*"stories": {"overbuild": \([^,]*\), "mismatch": \([^,]*\), "shortage": \([^}]*\)}.*/\1 \2 \3/p' \
		"sg$n/summary.json" >"sg$n.sh"
	awk -v n=$n 'NR == FNR { s["overbuild"] = $1; s["mismatch"] = $2; s["shortage"] = $3; next }
	/^Story inputs, / {
		st = $3; sub(/:$/, "", st); m = int(s[st] * n + 0.5); lines++
		few = m < 100; tag = "(" m " trial" (m == 1 ? "" : "s") "):"
		if (few != (index($0, tag) > 0)) e = e " [" $0 "]"
		g = 3 * sqrt(3.141592653589793 / 2 * (1 / m - 1 / n)); if (g < 0.05) g = 0.05
		rest = $0; sub(/^[^:]*: /, "", rest)
		if (rest ~ /^no input/) next
		k = split(rest, it, ", ")
		for (i = 1; i <= k; i++) {
			v = it[i]; sub(/ sd$/, "", v); sub(/.* /, "", v); v += 0
			if (v < 0) v = -v
			if (v + 0.005 < g) e = e " [" it[i] " < " g "]"
		}
	}
	END { if (!lines) e = e " no story lines"; if (e != "") print e; exit e != "" }' \
		"sg$n.sh" "sg$n.out" >"sg$n.chk" 2>&1
	check "story inputs at $n trials: gaps past 3 se, few trials said$(cat "sg$n.chk")" [ $? -eq 0 ]
done

echo "cli_run: $pass passed, $fail failed"
[ $fail -eq 0 ]
