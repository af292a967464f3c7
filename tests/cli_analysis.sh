#!/bin/sh
# cli_analysis.sh — the analyses through the whole program: run
# --sensitivity, sweep, compare, breakeven (docs/notes-analysis.md).
#
# Exact numbers come from tests/analysis/fixed2.yaml (every input fixed,
# 2 years; the model is worked out by hand in its comments:
#   npv(P, o) = (83.22 (P - o) - 43) / 11,
#   payback 2030 when 4.38 (P - o) >= 3, else 2031 when npv >= 0, else none)
# and tests/analysis/one_input.yaml (the same with the price "1.5 to 2.5"
# and kw_per_h100e_base "1 to 2" uncertain). Charts are checked only when
# gnuplot is installed. Argument errors must exit 2 with the message and
# write nothing.
#
# Usage: CS_BIN=path/to/computesim CS_ROOT=repo sh tests/cli_analysis.sh

: "${CS_BIN:?set CS_BIN to the computesim binary}"
CS_ROOT=${CS_ROOT:-.}
A="$CS_ROOT/tests/analysis"
META="$CS_ROOT/scenarios/meta-base.yaml"

tmp=$(mktemp -d "${TMPDIR:-/tmp}/cli_analysis.XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT
trap 'exit 1' INT TERM

pass=0
fail=0
have_gnuplot=0
command -v gnuplot >/dev/null 2>&1 && have_gnuplot=1

ok() { pass=$((pass + 1)); }
bad() {
	echo "FAIL: $1"
	fail=$((fail + 1))
}
# check NAME CONDITION-STATUS: count a pass or a failure
check() {
	if [ "$2" -eq 0 ]; then ok; else bad "$1"; fi
}
# run_cs NAME ARGS...: run the binary, stdout/stderr in $tmp/NAME.out/.err,
# status in $st
run_cs() {
	name=$1
	shift
	"$CS_BIN" "$@" >"$tmp/$name.out" 2>"$tmp/$name.err"
	st=$?
}
show() {
	sed 's/^/  | /' "$tmp/$1.err" | head -n 20
}
# png NAME FILE: a non-empty chart, when gnuplot is there
png() {
	[ "$have_gnuplot" -eq 1 ] || return 0
	if [ -s "$2" ]; then ok; else bad "$1: no chart $2"; fi
}

# awk helper: near(got, want, tol) relative (absolute when want == 0)
NEAR='function abs(x) { return x < 0 ? -x : x }
function near(g, w, t) { return w == 0 ? abs(g) <= t : abs(g - w) <= t * abs(w) }'

# ---- sensitivity: only the price matters -------------------------------
run_cs sens1 run "$A/one_input.yaml" --trials 200 --sensitivity --no-plots \
	--quiet --out "$tmp/sens1"
if [ "$st" -ne 0 ]; then
	bad "sensitivity one_input: exit $st"
	show sens1
else
	f="$tmp/sens1/sensitivity.csv"
	awk -F, "$NEAR"'
	function npv(p) { return (83.22 * (p - 0.5) - 43) / 11 }
	BEGIN { z95 = 1.6448536269514722; z10 = -1.2815515655446004
		mu = (log(1.5) + log(2.5)) / 2
		sg = (log(2.5) - log(1.5)) / (2 * z95)
		q10 = exp(mu + z10 * sg); q90 = exp(mu - z10 * sg) }
	NR == 1 { for (i = 1; i <= NF; i++) c[$i] = i; next }
	{ n++ }
	n == 1 {
		if ($c["input"] != "market.price_per_h100e_hour_usd") e = e " top=" $c["input"]
		if (!near($c["value_low"], q10, 1e-9)) e = e " value_low=" $c["value_low"] "/" q10
		if (!near($c["value_high"], q90, 1e-9)) e = e " value_high=" $c["value_high"] "/" q90
		if (!near($c["npv_low"], npv(q10), 1e-9)) e = e " npv_low=" $c["npv_low"] "/" npv(q10)
		if (!near($c["npv_high"], npv(q90), 1e-9)) e = e " npv_high=" $c["npv_high"] "/" npv(q90)
		if (!near($c["swing"], npv(q90) - npv(q10), 1e-9)) e = e " swing=" $c["swing"]
	}
	n == 2 {
		if ($c["input"] != "supply.kw_per_h100e_base") e = e " second=" $c["input"]
		if ($c["swing"] != "0") e = e " kw swing=" $c["swing"]
		if ($c["npv_low"] != $c["npv_base"] || $c["npv_high"] != $c["npv_base"]) e = e " kw npv moved"
	}
	# every trial of a held run has the same NPV (only the price moves
	# it): the paired differences do not vary, their error is 0
	{ if (!("swing_se" in c) || $c["swing_se"] == "" ||
	      $c["swing_se"] + 0 > 1e-12) e = e " swing_se=" $c["swing_se"] }
	{ if ($c["p_surplus_swing"] != "0") e = e " p_surplus_swing=" $c["p_surplus_swing"]
	  if ($c["surplus_year"] != "2030") e = e " surplus_year=" $c["surplus_year"]
	  if ($c["p_surplus_base"] != "1") e = e " p_surplus_base=" $c["p_surplus_base"] }
	END { if (n != 2) e = e " rows=" n
	      if (e != "") { print e; exit 1 } }' "$f" >"$tmp/sens1.chk" 2>&1
	check "sensitivity one_input: $(cat "$tmp/sens1.chk")" $?
	[ -f "$tmp/sens1/yearly.csv" ]
	check "sensitivity one_input: the run's own files are there too" $?
fi

# ---- sensitivity: the swing's paired standard error ---------------------
# tests/data/sobol-product.yaml: NPV = 4.38 billed price - fixed, billed
# uniform [0.05, 0.95], price uniform [0.1, 3.9], fixed normal (1, 0.3),
# 20,000 trials. Held at its P10 and P90, the price's two runs differ
# trial by trial by 4.38 billed (3.52 - 0.48), whose sd is 4.38 * 3.04 *
# 0.9 / sqrt(12): the swing's standard error is that over sqrt(20000),
# 0.0244661; billed's, 4.38 * 0.72 * 3.8 / sqrt(12) / sqrt(20000), the
# same number. A tolerance of 2%: the sd of 20,000 uniform draws is off by
# 0.32% (one sd) at most times. fixed_cost's runs differ by a constant:
# an error of 0 (rounding: under 1e-12).
SP="$CS_ROOT/tests/data/sobol-product.yaml"
run_cs sensp run "$SP" --sensitivity --no-plots --quiet --out "$tmp/sensp"
if [ "$st" -ne 0 ]; then
	bad "sensitivity sobol-product: exit $st"
	show sensp
else
	awk -F, "$NEAR"'
	BEGIN { want = 4.38 * 3.04 * 0.9 / sqrt(12) / sqrt(20000) }
	NR == 1 { for (i = 1; i <= NF; i++) c[$i] = i
		  if (!("swing_se" in c)) { print "no swing_se"; exit 1 }
		  next }
	$c["input"] == "market.price_per_h100e_hour_usd" ||
	$c["input"] == "cloud.billed_share" {
		n++
		if (!near($c["swing_se"], want, 0.02)) e = e " " $c["input"] "=" $c["swing_se"] "/" want
	}
	$c["input"] == "cloud.fixed_cost_busd" {
		n++
		if ($c["swing_se"] + 0 > 1e-12) e = e " fixed=" $c["swing_se"]
	}
	END { if (n != 3) e = e " rows=" n
	      if (e != "") { print e; exit 1 } }' \
		"$tmp/sensp/sensitivity.csv" >"$tmp/sensp.chk" 2>&1
	check "sensitivity: paired swing errors $(cat "$tmp/sensp.chk")" $?
fi

FE="$CS_ROOT/tests/data/format-example.yaml"
# ---- the P(surplus) swing's paired error, for inputs that only lower
# the surplus: in format-example.yaml (no capex response) a higher start
# ratio or reserve margin raises demand, or the line a surplus must pass,
# in every trial, so a trial's surplus flag can only go from 1 at P10 to
# 0 at P90. The differences are then 0 or -1, a share q of them -1 with q
# the swing, and their standard error is sqrt(q (1 - q) / (n - 1)).
# 2,000 trials; to 1e-9 relative.
run_cs sensf run "$FE" --trials 2000 --sensitivity --no-plots --quiet \
	--out "$tmp/sensf"
awk -F, "$NEAR"'
NR == 1 { for (i = 1; i <= NF; i++) c[$i] = i; next }
$1 == "demand.start_ratio" || $1 == "demand.reserve_margin" {
	m++; q = $c["p_surplus_swing"]; w = sqrt(q * (1 - q) / 1999)
	if (!(q > 0.01) || !near($c["p_surplus_swing_se"], w, 1e-9))
		e = e " " $1 ": " $c["p_surplus_swing_se"] " want " w }
END { if (m != 2) e = e " rows " m; if (e != "") print e; exit e != "" }' \
	"$tmp/sensf/sensitivity.csv" >"$tmp/sensf.chk" 2>&1
check "sensitivity: P(surplus) swings' paired error (exit $st)$(cat "$tmp/sensf.chk")" $?
# the launch year is fixed (2027), so the fixed cost moves every trial's
# NPV by the same discounted sum: its swing has no Monte Carlo error (0,
# not a rounding residue of 1e-17); the launch cost's likewise
awk -F, 'NR == 1 { for (i = 1; i <= NF; i++) c[$i] = i; next }
$1 == "cloud.fixed_cost_busd" || $1 == "cloud.launch_cost_busd" {
	m++; if ($c["swing_se"] != "0" || !($c["swing"] > 0)) e = e " " $1 "=" $c["swing_se"] }
END { if (m != 2) e = e " rows " m; if (e != "") print e; exit e != "" }' \
	"$tmp/sensf/sensitivity.csv" >"$tmp/sensf.fc" 2>&1
check "sensitivity: a fixed cost's swing has no error$(cat "$tmp/sensf.fc")" $?

# ---- the surplus tornado ranks by what the bars span, base included ------
# The hindcast (one year, 2025): demand is above capacity at
# demand.start_ratio's P10 and P90 alike (1.02 and 1.18), so P(surplus)
# is 0 at both ends against about 5% in the base run: a swing of 0, yet
# the only input that moves it (every other input's bars end at the
# base). Ranked by |P90 - P10| it came 6th of 8; by the span of its bars
# with the base it comes first.
run_cs hcsens run "$CS_ROOT/scenarios/hindcast-2025.yaml" --sensitivity \
	--trials 2000 --no-plots --quiet --out "$tmp/hcsens"
awk -F, 'NR == 1 { next }
	 NR == 2 { if ($1 != "demand.start_ratio" || $4 != 0 || $5 != 0 || !($6 > 0)) e = e " first " $1 " " $4 " " $5 " " $6; next }
	 $4 != $6 || $5 != $6 { e = e " " $1 " moves" }
	 END { if (NR != 9) e = e " rows " NR; if (e != "") print e; exit e != "" }' \
	"$tmp/hcsens/chart_tornado_surplus.csv" >"$tmp/hcsens.chk" 2>&1
check "surplus tornado: a driver whose ends fall on one side of the base ranks first (exit $st)$(cat "$tmp/hcsens.chk")" $?

# ---- sensitivity: a correlated input is marked ---------------------------
# tests/analysis/corr_pair.yaml: the price and kw_per_h100e_base form one
# correlation pair, both uncertain; the opex is in none. Holding one of
# the pair leaves the other's draws as they are, so each is marked:
# sensitivity.csv's last column, correlated_with, names the other, and
# both tornados' labels end in " *"; the opex's cell is empty and its
# label unmarked. With the pair's other input fixed by --set the loader
# drops the pair: no cell names anything, no label is marked.
CP="$A/corr_pair.yaml"
run_cs senscp run "$CP" --trials 50 --sensitivity --no-plots --quiet \
	--out "$tmp/senscp"
run_cs senscf run "$CP" --trials 50 --sensitivity --no-plots --quiet \
	--set supply.kw_per_h100e_base=1.5 --out "$tmp/senscf"
PRICE=market.price_per_h100e_hour_usd
KW=supply.kw_per_h100e_base
OPEX=cloud.opex_per_h100e_hour_usd
# cw FILE: each row's input and correlated_with, "input=cell" a line
cw() {
	awk -F, 'NR == 1 { for (i = 1; i <= NF; i++) c[$i] = i
		   if ($NF != "correlated_with") print "last column " $NF; next }
		 { print $1 "=" (("correlated_with" in c) ? $c["correlated_with"] : "(no column)") }' "$1" | sort
}
# marks FILE...: each tornado label, "label" a line (" *" kept)
marks() {
	awk -F, 'FNR > 1 { print $1 }' "$@" | sort
}
printf '%s\n' "$OPEX=" "$PRICE=$KW" "$KW=$PRICE" | sort >"$tmp/senscp.want"
cw "$tmp/senscp/sensitivity.csv" >"$tmp/senscp.got" 2>&1
cmp -s "$tmp/senscp.want" "$tmp/senscp.got"
check "sensitivity corr_pair: correlated_with names the partner, empty for the uncorrelated input (exit $st): $(tr '\n' ' ' <"$tmp/senscp.got")" $?
printf '%s\n' "$OPEX" "$OPEX" "$PRICE *" "$PRICE *" "$KW *" "$KW *" |
	sort >"$tmp/senscp.mw"
marks "$tmp/senscp/chart_tornado.csv" "$tmp/senscp/chart_tornado_surplus.csv" \
	>"$tmp/senscp.mg" 2>&1
cmp -s "$tmp/senscp.mw" "$tmp/senscp.mg"
check "sensitivity corr_pair: the pair's labels end in ' *', the opex's not: $(tr '\n' '|' <"$tmp/senscp.mg")" $?
printf '%s\n' "$OPEX=" "$PRICE=" | sort >"$tmp/senscf.want"
cw "$tmp/senscf/sensitivity.csv" >"$tmp/senscf.got" 2>&1
cmp -s "$tmp/senscf.want" "$tmp/senscf.got"
check "sensitivity corr_pair, partner fixed by --set: no partner named: $(tr '\n' ' ' <"$tmp/senscf.got")" $?
! grep -q ' \*$' "$tmp/senscf/chart_tornado.csv" \
	"$tmp/senscf/chart_tornado_surplus.csv"
check "sensitivity corr_pair, partner fixed by --set: no label marked" $?

# ---- sensitivity on the Meta base case: >= 5 rows and the tornado -------
if [ -f "$META" ]; then
	run_cs sens2 run "$META" --trials 300 --sensitivity --quiet \
		--out "$tmp/sens2"
	if [ "$st" -ne 0 ]; then
		bad "sensitivity meta-base: exit $st"
		show sens2
	else
		rows=$(($(wc -l <"$tmp/sens2/sensitivity.csv") - 1))
		[ "$rows" -ge 5 ]
		check "sensitivity meta-base: $rows rows (want >= 5)" $?
		# sorted by swing, descending
		awk -F, 'NR > 1 { if (NR > 2 && $6 > prev + 0) bad = 1; prev = $6 }
			 END { exit bad }' "$tmp/sens2/sensitivity.csv"
		check "sensitivity meta-base: rows sorted by swing" $?
		png "sensitivity meta-base" "$tmp/sens2/tornado.png"
		png "sensitivity meta-base" "$tmp/sens2/tornado_surplus.png"
		# each tornado's data ends with each row's swing_se, the one
		# sensitivity.csv gives for that input (the same digits):
		# swing_se for NPV's, p_surplus_swing_se for P(surplus)'s
		awk -F, 'FNR == 1 { for (i = 1; i <= NF; i++) c[FILENAME, $i] = i
			    if (FILENAME ~ /chart_tornado/ && $NF != "swing_se") e = e " header " $NF
			    next }
			 FILENAME ~ /sensitivity.csv$/ { se[$1] = $c[FILENAME, "swing_se"]
			    pse[$1] = $c[FILENAME, "p_surplus_swing_se"]; next }
			 FILENAME ~ /chart_tornado/ { n[FILENAME]++; k = $1
			    sub(/ \*$/, "", k)	# the mark of a correlated input
			    sub(/ \([0-9]+\)$/, "", k)	# the year of a series point
			    w = FILENAME ~ /surplus/ ? pse[k] : se[k]
			    if (w == "" || $NF != w) e = e " " k "=" $NF }
			 END { for (f in n) if (n[f] < 5) e = e " rows " n[f]
			       if (length(n) != 2) e = e " files " length(n)
			       if (e != "") print e; exit e != "" }' \
			"$tmp/sens2/sensitivity.csv" "$tmp/sens2/chart_tornado.csv" \
			"$tmp/sens2/chart_tornado_surplus.csv" >"$tmp/sens2.se" 2>&1
		check "sensitivity meta-base: the tornado's swing_se $(cat "$tmp/sens2.se")" $?
		# a series point's label carries its year (value_year), the
		# first year too; any other input's none
		awk -F, 'FNR == 1 { for (i = 1; i <= NF; i++) c[FILENAME, $i] = i; next }
			 FILENAME ~ /sensitivity.csv$/ { y[$1] = $c[FILENAME, "value_year"]; next }
			 { k = $1; t = ""
			   sub(/ \*$/, "", k)
			   if (match(k, / \([0-9]+\)$/)) { t = substr(k, RSTART + 2, 4)
				k = substr(k, 1, RSTART - 1) }
			   if (!(k in y) || t != y[k]) e = e " " $1 " (value_year " y[k] ")"
			   if (t == 2026) first++ }
			 END { if (!first) e = e " no first-year point"
			       if (e != "") print e; exit e != "" }' \
			"$tmp/sens2/sensitivity.csv" "$tmp/sens2/chart_tornado.csv" \
			"$tmp/sens2/chart_tornado_surplus.csv" >"$tmp/sens2.yr" 2>&1
		check "sensitivity meta-base: tornado labels' years $(cat "$tmp/sens2.yr")" $?
		# a growth series is labelled by the first year its value acts
		# (year 1 on) and the point in force then: meta-base's
		# industry.growth lists 2026 and 2027 (2026's rate is never
		# applied): 2027 and the 2027 point, "100% to 250%" (its P10
		# and P90 inside); ads_ranking.growth lists 2026 and 2028:
		# 2027 and the 2026 point, "40% to 90%"
		awk -F, 'NR == 1 { for (i = 1; i <= NF; i++) c[$i] = i; next }
			 function want(lo, hi) {
				m++
				if ($c["value_year"] != 2027 || !($c["value_low"] > lo) ||
				    !($c["value_low"] < $c["value_high"]) || !($c["value_high"] < hi))
					e = e " " $1 " " $c["value_year"] " " $c["value_low"] " " $c["value_high"] }
			 $1 == "industry.growth" { want(1, 2.5) }
			 $1 == "demand.workloads.ads_ranking.growth" { want(0.4, 0.9) }
			 END { if (m != 2) e = e " rows " m; if (e != "") print e; exit e != "" }' \
			"$tmp/sens2/sensitivity.csv" >"$tmp/sens2.g" 2>&1
		check "sensitivity meta-base: growth series at their first applied year $(cat "$tmp/sens2.g")" $?
		# correlated_with: industry.growth's four partners in the
		# order the file lists its pairs, and its label marked in the
		# NPV tornado; an uncorrelated input's cell empty, label not
		awk -F, 'FNR == 1 { for (i = 1; i <= NF; i++) c[FILENAME, $i] = i; next }
			 FILENAME ~ /sensitivity.csv$/ { k = c[FILENAME, "correlated_with"]
				w[$1] = k ? $k : "(no column)"; next }
			 { lab[$1] = 1 }
			 END { g = "demand.workloads.genai_inference.growth;industry.efficiency_gain;" \
				"demand.workloads.genai_inference.efficiency_gain;" \
				"supply.contracts.nebius-backstop.total_busd"
			       if (w["industry.growth"] != g) e = e " industry.growth=" w["industry.growth"]
			       if (!("industry.growth" in w) || w["demand.workloads.training.growth"] != "")
				e = e " training.growth=" w["demand.workloads.training.growth"]
			       if (!("industry.growth (2027) *" in lab)) e = e " industry.growth unmarked"
			       if (!("demand.workloads.training.growth (2027)" in lab)) e = e " training.growth marked"
			       if (e != "") print e; exit e != "" }' \
			"$tmp/sens2/sensitivity.csv" "$tmp/sens2/chart_tornado.csv" >"$tmp/sens2.cw" 2>&1
		check "sensitivity meta-base: correlated_with and the mark $(cat "$tmp/sens2.cw")" $?
		# an output directory written before that column still redraws
		if [ "$have_gnuplot" -eq 1 ]; then
			cut -d, -f1-7 "$tmp/sens2/chart_tornado.csv" >"$tmp/sens2.c7" &&
				mv "$tmp/sens2.c7" "$tmp/sens2/chart_tornado.csv" &&
				rm -f "$tmp/sens2/tornado.png"
			run_cs sens2p plot "$tmp/sens2"
			[ "$st" -eq 0 ]
			check "plot: a tornado without swing_se: exit $st" $?
			png "plot: a tornado without swing_se" "$tmp/sens2/tornado.png"
		fi
	fi
else
	bad "no $META"
fi

# ---- a swept series is held at its listed years: its axis says so --------
if [ -f "$META" ]; then
	run_cs swser sweep "$META" --trials 50 --no-plots --quiet --out "$tmp/swser" \
		--grid demand.workloads.genai_inference.growth=1:2:2
	check "sweep of a series: its axis names its listed years (exit $st)" \
		"$(tail -n 1 "$tmp/swser/chart_sweep_line.csv" 2>/dev/null |
		   grep -q ',demand.workloads.genai_inference.growth (fraction per year; listed years)$'; echo $?)"
fi

# ---- sweep over the fixed scenario, 4 x 3, against the hand values -----
run_cs sw1 sweep "$A/fixed2.yaml" --trials 3 \
	--grid market.price_per_h100e_hour_usd=1:2.5:4 \
	--grid cloud.opex_per_h100e_hour_usd=0.25:0.75:3 --out "$tmp/sw1"
if [ "$st" -ne 0 ]; then
	bad "sweep fixed2: exit $st"
	show sw1
else
	awk -F, "$NEAR"'
	BEGIN { split("1 1.5 2 2.5", P, " "); split("0.25 0.5 0.75", O, " ") }
	NR == 1 { for (i = 1; i <= NF; i++) c[$i] = i
		  if ($1 != "market.price_per_h100e_hour_usd" || $2 != "cloud.opex_per_h100e_hour_usd")
			e = e " header " $1 "," $2
		  next }
	{ n++; p = P[int((n - 1) / 3) + 1]; o = O[(n - 1) % 3 + 1]
	  if (!near($1, p, 1e-12) || !near($2, o, 1e-12)) e = e " point" n "=" $1 "," $2
	  want = (83.22 * (p - o) - 43) / 11
	  split("npv_mean npv_p5 npv_p50 npv_p95", k, " ")
	  for (j = 1; j <= 4; j++)
		if (!near($c[k[j]], want, 1e-9)) e = e " " k[j] "@" p "," o "=" $c[k[j]] "/" want
	  if ($c["p_npv_positive"] != (want > 0 ? 1 : 0)) e = e " p_pos@" p "," o
	  pb = 4.38 * (p - o) >= 3 ? "2030" : want >= 0 ? "2031" : ""
	  if ($c["median_payback_year"] != pb) e = e " payback@" p "," o "=" $c["median_payback_year"] "/" pb
	  if ($c["p_surplus_2030"] != 1 || $c["p_surplus_2031"] != 1) e = e " p_surplus@" p "," o }
	END { if (n != 12) e = e " rows=" n
	      if (e != "") { print e; exit 1 } }' "$tmp/sw1/sweep.csv" >"$tmp/sw1.chk" 2>&1
	check "sweep fixed2 hand values: $(cat "$tmp/sw1.chk")" $?
	grep -q "NPV mean" "$tmp/sw1.out"
	check "sweep fixed2: stdout table" $?
fi

# ---- a grid's inside points are the decimals they stand for -------------
# -10%:20%:4 computed as -0.1 + 0.3 * 1 / 3 is 1.4e-17, not 0 (printed,
# written and run so); each inside point is now the double of its decimal
run_cs swdec sweep "$A/fixed2.yaml" --trials 3 --no-plots --out "$tmp/swdec" \
	--grid market.price_change=-10%:20%:4
[ "$st" -eq 0 ] &&
	[ "$(cut -d, -f1 "$tmp/swdec/sweep.csv" | tr '\n' ' ')" = "market.price_change -0.1 0 0.1 0.2 " ] &&
	awk 'NR > 2 && NR < 7 { v = v " " $1 } END { exit v == " -0.1 0 0.1 0.2" ? 0 : 1 }' "$tmp/swdec.out"
check "sweep -10%:20%:4: the points -0.1 0 0.1 0.2, in sweep.csv and the table (exit $st)" $?
# a share that rounds to 0 without being it: "<0.001" in the table, as
# compare prints it (it printed 0.000 for 2 trials of 5,000)
run_cs swsh sweep "$CS_ROOT/tests/data/model-v2.yaml" --trials 5000 --no-plots \
	--out "$tmp/swsh" --grid supply.power_gw=6:6.4:5
[ "$st" -eq 0 ] &&
	[ "$(awk -F, 'NR > 1 && $6 > 0 && $6 < 0.0005' "$tmp/swsh/sweep.csv" | wc -l)" -ge 1 ] &&
	[ "$(awk -F, 'NR > 1 && $6 > 0 && $6 < 0.0005' "$tmp/swsh/sweep.csv" | wc -l)" -eq "$(grep -c ' <0.001 ' "$tmp/swsh.out")" ]
check "sweep table: a share above 0 below 0.0005 prints <0.001 (exit $st)" $?

# ---- sweep of the Meta base case: 4 x 3 heat maps, a line chart --------
if [ -f "$META" ]; then
	run_cs sw2 sweep "$META" --trials 200 --quiet --out "$tmp/sw2" \
		--grid market.price_per_h100e_hour_usd=1.5:3:4 \
		--grid cloud.sellable_share=0.3:0.9:3
	if [ "$st" -ne 0 ]; then
		bad "sweep meta-base 4x3: exit $st"
		show sw2
	else
		rows=$(($(wc -l <"$tmp/sw2/sweep.csv") - 1))
		[ "$rows" -eq 12 ]
		check "sweep meta-base 4x3: $rows rows (want 12)" $?
		png "sweep meta-base 4x3" "$tmp/sw2/sweep_p_npv_positive.png"
		png "sweep meta-base 4x3" "$tmp/sw2/sweep_npv_mean.png"
		if [ "$have_gnuplot" -eq 1 ]; then
			rm -f "$tmp/sw2/"*.png
			run_cs sw2plot plot "$tmp/sw2"
			[ "$st" -eq 0 ] && [ -s "$tmp/sw2/sweep_npv_mean.png" ]
			check "plot redraws a sweep directory (exit $st)" $?
		fi
		# mean NPV rises with the price at every sellable share
		awk -F, 'NR > 1 { v[NR - 2] = $3 }
			 END { for (i = 3; i < 12; i++) if (v[i] + 0 < v[i - 3] + 0) exit 1 }' \
			"$tmp/sw2/sweep.csv"
		check "sweep meta-base: mean NPV rises with the price" $?
	fi
	# an input the NPV does not read: common random numbers make every
	# point the same, to the last digit. The installed base's book value
	# only enters depreciation, hence the idle cost (MODEL.md "Supply",
	# "The cloud option"): not the capex response, the surplus or the
	# cloud's cash. (kw_per_h100e_base served here until meta-base had a
	# power limit: power that binds strands GPUs, which moves the surplus.)
	run_cs sw3 sweep "$META" --trials 200 --quiet --out "$tmp/sw3" \
		--grid supply.installed_base_book_value_busd=20:100:5
	if [ "$st" -ne 0 ]; then
		bad "sweep meta-base book value: exit $st"
		show sw3
	else
		n=$(awk -F, 'NR > 1 { $1 = ""; print }' "$tmp/sw3/sweep.csv" | sort -u | wc -l)
		[ "$n" -eq 1 ]
		check "sweep installed_base_book_value_busd: every point identical (got $n kinds)" $?
		png "sweep meta-base 1 grid" "$tmp/sw3/sweep.png"
	fi
fi

# ---- compare: overbuild against mismatch --------------------------------
OB="$CS_ROOT/scenarios/overbuild.yaml"
MM="$CS_ROOT/scenarios/mismatch.yaml"
if [ -f "$OB" ] && [ -f "$MM" ]; then
	run_cs cmp compare "$OB" "$MM" --trials 400 --out "$tmp/cmp"
	if [ "$st" -ne 0 ]; then
		bad "compare: exit $st"
		show cmp
	else
		[ -s "$tmp/cmp/compare.csv" ]
		check "compare: compare.csv" $?
		grep -q '^.*,2.*,p_surplus,' "$tmp/cmp/compare.csv" &&
			grep -q ',,overbuild,' "$tmp/cmp/compare.csv"
		check "compare: yearly and run-level rows" $?
		png "compare" "$tmp/cmp/compare_fans.png"
		png "compare" "$tmp/cmp/compare_stories.png"
		png "compare" "$tmp/cmp/compare_readings.png"
		# `plot` redraws an analysis directory from its CSVs too
		if [ "$have_gnuplot" -eq 1 ]; then
			rm -f "$tmp/cmp/"*.png
			run_cs cmpplot plot "$tmp/cmp"
			[ "$st" -eq 0 ] && [ -s "$tmp/cmp/compare_fans.png" ] &&
				[ -s "$tmp/cmp/compare_stories.png" ]
			check "plot redraws a compare directory (exit $st)" $?
		fi
		awk '$1 == "overbuild" || $1 == "mismatch" { if ($2 != $3) d++ }
		     END { exit d >= 1 ? 0 : 1 }' "$tmp/cmp.out"
		check "compare: the stories differ on stdout" $?
		awk '$1 == "overbuild" { ob = $2 - $3 } $1 == "mismatch" { mm = $3 - $2 }
		     END { exit (ob > 0 && mm > 0) ? 0 : 1 }' "$tmp/cmp.out"
		check "compare: overbuild leads in A, mismatch in B" $?
		# the story rows add up to 1.000, each story's two industry
		# rows to its own, and overbuild is the last year's
		# P(surplus) as that row prints it
		awk 'function v(x) { return x == "<0.001" ? 0 : x == ">0.999" ? 1000 : int(x * 1000 + 0.5) }
		     /^20[0-9][0-9] / { p1 = $2; p2 = $3 }
		     $1 == "overbuild" || $1 == "mismatch" || $1 == "shortage" {
			if (NF == 3) { t[$1, 1] = v($2); t[$1, 2] = v($3); n++
				if ($1 == "overbuild" && ($2 != p1 || $3 != p2)) e = e " overbuild " $2 " " $3 " vs " p1 " " p2 } }
		     $2 == "short" || $2 == "glut" { k = $1; sub(/,$/, "", k)
			s[k, 1] += v($3); s[k, 2] += v($4) }
		     END { if (n != 3) e = e " rows " n
			for (c = 1; c <= 2; c++) {
				if (t["overbuild", c] + t["mismatch", c] + t["shortage", c] != 1000) e = e " sum " c
				split("overbuild mismatch shortage", st, " ")
				for (i = 1; i <= 3; i++) if (s[st[i], c] != t[st[i], c]) e = e " " st[i] " split " c }
			if (e != "") print e; exit e != "" }' "$tmp/cmp.out" >"$tmp/cmp.sum" 2>&1
		check "compare: story shares add up, overbuild = last P(surplus)$(cat "$tmp/cmp.sum")" $?
		# standard errors and the share not launched: the same as a
		# run of each scenario, same trials and seed, prints them
		# ("Cloud NPV: mean ... (se S), ..., not launched in N%")
		run_cs cmpa run "$OB" --trials 400 --no-plots --out "$tmp/cmpa"
		run_cs cmpb run "$MM" --trials 400 --no-plots --out "$tmp/cmpb"
		sea=$(sed -n 's/^Cloud NPV: .*(se \([^)]*\)).*/\1/p' "$tmp/cmpa.out")
		seb=$(sed -n 's/^Cloud NPV: .*(se \([^)]*\)).*/\1/p' "$tmp/cmpb.out")
		grep -q "^  its se  *$sea  *$seb\$" "$tmp/cmp.out"
		check "compare: NPV's se as run prints it ($sea, $seb)" $?
		# and the mean (it printed 5.939 where run says 5.94)
		ma=$(sed -n 's/^Cloud NPV: mean \([^ ]*\) .*/\1/p' "$tmp/cmpa.out")
		mb=$(sed -n 's/^Cloud NPV: mean \([^ ]*\) .*/\1/p' "$tmp/cmpb.out")
		grep -q "^NPV mean (\$B)  *$ma  *$mb\$" "$tmp/cmp.out"
		check "compare: NPV's mean as run prints it ($ma, $mb)" $?
		nla=$(sed -n 's/^Cloud NPV: .*not launched in \([0-9]*\)%$/\1/p' "$tmp/cmpa.out")
		nlb=$(sed -n 's/^Cloud NPV: .*not launched in \([0-9]*\)%$/\1/p' "$tmp/cmpb.out")
		awk -v a="$nla" -v b="$nlb" '$1 == "not" && $2 == "launched" {
			f = ($3 * 100 - a) ^ 2 <= 0.25 && ($4 * 100 - b) ^ 2 <= 0.25 }
			END { exit f ? 0 : 1 }' "$tmp/cmp.out"
		check "compare: not launched as run rounds it ($nla%, $nlb%)" $?
		grep -q '^se: the Monte Carlo standard error; a share.s is at most 0.5 / sqrt(400) = 0.025$' "$tmp/cmp.out"
		check "compare: the se note, 0.5 / sqrt(400) = 0.025" $?
		hra=$(sed -n 's/^Hedge ratio: \([^ ]*\) .*/\1/p' "$tmp/cmpa.out")
		hrb=$(sed -n 's/^Hedge ratio: \([^ ]*\) .*/\1/p' "$tmp/cmpb.out")
		grep -q "^hedge ratio  *$hra  *$hrb\$" "$tmp/cmp.out"
		check "compare: the hedge ratio as run prints it ($hra, $hrb)" $?
		# and compare.csv has them to 12 digits: the run's summary.json
		python3 - "$tmp/cmp/compare.csv" "$tmp/cmpa/summary.json" "$tmp/cmpb/summary.json" <<'PYEOF'
import csv, json, sys
rows = {(r["label"], r["metric"]): r["mean"] for r in csv.DictReader(open(sys.argv[1])) if r["year"] == ""}
for lab, path in (("A", sys.argv[2]), ("B", sys.argv[3])):
    s = json.load(open(path))
    for metric, want in (("npv_se", s["npv_busd"]["se"]), ("hedge_se", s["hedge_ratio_se"] if "hedge_ratio_se" in s else None),
                         ("not_launched", s["payback_year"]["not_launched"])):
        if want is None:
            continue
        got = float(rows[(lab, metric)])
        assert abs(got - want) <= 1e-11 * max(1, abs(want)), (lab, metric, got, want)
PYEOF
		check "compare.csv: npv_se, not_launched as run's summary.json" $?
	fi
else
	bad "no $OB or $MM"
fi
# one trial: no standard error ("-", not 0): the mean NPV's, each story's
# and the hedge ratio's
run_cs cmp1 compare "$OB" "$MM" --trials 1 --no-plots --out "$tmp/cmp1"
[ "$st" -eq 0 ] && [ "$(grep -c '^  its se  *-  *-$' "$tmp/cmp1.out")" -eq 5 ] &&
	grep -q '^se: the Monte Carlo standard error, unknown with 1 trial$' "$tmp/cmp1.out"
check "compare, 1 trial: every se row and the note unknown (exit $st)" $?

# ---- compare, sweep, breakeven: the sampling ---------------------------
# compare runs every scenario with the first's sampling, as with its trials
# and seed, and warns the one that asked for another; its first line, and
# sweep's and breakeven's, say Latin hypercube when that is the sampling
if [ -f "$META" ]; then
	sed 's/^  seed: 2026$/  seed: 2026\n  sampling: lhs/' "$META" >"$tmp/mb-lhs.yaml"
	run_cs cmplhs compare "$META" "$tmp/mb-lhs.yaml" --trials 300 --no-plots \
		--out "$tmp/cmplhs"
	check "compare mc then lhs: exit 0 (got $st)" $st
	# at its sampling: line (after seed), column 13 (`  sampling: lhs`)
	ln=$(grep -n '^  sampling: lhs$' "$tmp/mb-lhs.yaml" | cut -d: -f1)
	grep -q "mb-lhs.yaml:$ln:13: warning: compare: B runs with mc sampling, as A does, not its own lhs" \
		"$tmp/cmplhs.err"
	check "compare mc then lhs: B is told, at its line $ln" $?
	awk '/^NPV mean/ { exit !($4 != "" && $4 == $5) }' "$tmp/cmplhs.out"
	check "compare mc then lhs: A and B the same run (same NPV mean)" $?
	run_cs cmplhs2 compare "$tmp/mb-lhs.yaml" "$META" --trials 300 --no-plots \
		--out "$tmp/cmplhs2"
	head -n 1 "$tmp/cmplhs2.out" | grep -q '^compare: 300 trials each, seed 2026 (Latin hypercube)$'
	check "compare lhs first: the first line says so" $?
	run_cs swlhs sweep "$META" --grid cloud.ramp_years=1:2:2 --trials 200 \
		--sampling lhs --no-plots --out "$tmp/swlhs"
	head -n 1 "$tmp/swlhs.out" | grep -q 'seed 2026 (Latin hypercube)$'
	check "sweep --sampling lhs: the first line says so" $?
	run_cs belhs breakeven "$META" --vary market.price_per_h100e_hour_usd \
		--range 0.5:6 --target npv_mean=0 --trials 200 --sampling lhs \
		--out "$tmp/belhs"
	grep -q 'runs of 200 trials, seed 2026 (Latin hypercube); bisection' "$tmp/belhs.out"
	check "breakeven --sampling lhs: says so (exit $st)" $?
fi

# ---- compare: one file twice ---------------------------------------------
# Each file is loaded on its own, so the same file twice would say its
# warnings twice; a warning repeated at the same place prints once.
sed 's/^  discount_rate: .*$/  discount_rate: 9/' "$A/fixed2.yaml" >"$tmp/dr9.yaml"
if grep -q '^  discount_rate: 9$' "$tmp/dr9.yaml"; then
	run_cs twice compare "$tmp/dr9.yaml" "$tmp/dr9.yaml" --trials 10 \
		--no-plots --out "$tmp/twice"
	n=$(grep -c 'warning: cloud.discount_rate: 9 is 900% a year' "$tmp/twice.err")
	[ "$st" -eq 0 ] && [ "$n" -eq 1 ]
	check "compare f f: the file's warning once (exit $st, $n times)" $?
else
	bad "compare f f: fixed2.yaml has no discount_rate line to change"
fi
# the same file under another name, and one with 150 errors: stderr is
# check's, the dropped count included (not the errors counted twice)
run_cs twice2 compare "$tmp/dr9.yaml" "$tmp/../$(basename "$tmp")/dr9.yaml" \
	--trials 10 --no-plots --out "$tmp/twice2"
n=$(grep -c 'warning: cloud.discount_rate: 9 is 900% a year' "$tmp/twice2.err")
[ "$st" -eq 0 ] && [ "$n" -eq 1 ]
check "compare f ../d/f: the file's warning once (exit $st, $n times)" $?
# A with an option of its own that replaces the value that warns: B is the
# file as it is, and says its warning (it was taken for A's, said already)
run_cs twiceA compare "$tmp/dr9.yaml" "$tmp/dr9.yaml" --trials 10 \
	--set 'A:cloud.discount_rate=9%' --no-plots --out "$tmp/twiceA"
n=$(grep -c 'warning: cloud.discount_rate: 9 is 900% a year' "$tmp/twiceA.err")
[ "$st" -eq 0 ] && [ "$n" -eq 1 ]
check "compare f f --set A:...: B's warning, once (exit $st, $n times)" $?
awk '{ print } /^  plots: false$/ { for (i = 0; i < 150; i++) print "  bogus" i ": 1" }' \
	"$A/fixed2.yaml" >"$tmp/many.yaml"
(cd "$tmp" && "$CS_BIN" check many.yaml >/dev/null 2>many_c.err;
	"$CS_BIN" compare many.yaml ./many.yaml --trials 3 --no-plots \
	--out many_o >/dev/null 2>many_o.err; echo $? >many_o.st)
grep -qx 2 "$tmp/many_o.st" && cmp -s "$tmp/many_c.err" "$tmp/many_o.err" &&
	grep -q 'too many errors; 50 more not shown' "$tmp/many_o.err"
check "compare f ./f with 150 errors: exit 2, stderr as check's" $?

# ---- report.md: the hedge ratio above 1, and none ------------------------
# fixed2 with a book value of 10 $B over 10 years: depreciation 1 $B a
# year; demand 0.5 of year 0's capacity, the base down to 0.9 of it in
# year 1, so the idle cost is 1 - 0.5 = 0.5 then 1 - 0.5 / 0.9 = 0.4444,
# discounted: 0.5 + 0.4444 / 1.1 = 0.90404 $B; the NPV at P = 2, o = 0.5
# is (83.22 * 1.5 - 43) / 11 = 7.4391 $B: ratio 8.2287, "8.229" in
# report.md's 4 digits, which then says what above 1 means. Without a
# book value the idle fleet costs nothing: no ratio. fixed2 has no
# power_gw, so nothing is unpowered and the fleet is the "idle fleet".
run_cs hr1 run "$A/fixed2.yaml" --set supply.installed_base_book_value_busd=10 \
	--trials 2 --no-plots --quiet --out "$tmp/hr1"
grep -qF '**Hedge ratio: 8.229**. The cloud option'"'"'s mean NPV (7.439 $B) over the mean discounted cost of the idle fleet (0.904 $B): the share of that cost the option wins back (above 1: on average the option earns more than the idle fleet costs).' \
	"$tmp/hr1/report.md"
check "report.md: hedge ratio 8.229 and what above 1 means (exit $st)" $?
run_cs hr0 run "$A/fixed2.yaml" --trials 2 --no-plots --quiet --out "$tmp/hr0"
grep -qF '**Hedge ratio: none**. The idle fleet costs nothing (0 $B), so there is no cost for the cloud option to win back; its mean NPV is 7.439 $B.' \
	"$tmp/hr0/report.md"
check "report.md: no hedge ratio without an idle cost (exit $st)" $?
# ---- report.md's Power section: tests/fixed/power_stranded.yaml, worked
# there: 2074 (the last year) strands 0.8 (1 - 0.813521403663) 2.55e6 =
# 380416 H100e ("380k") beside no surplus; 2070 is the first year with
# any (400000). Power that never binds (1e6 GW): no section; no power_gw
# (fixed2): none either.
PS="$CS_ROOT/tests/fixed/power_stranded.yaml"
run_cs pw1 run "$PS" --trials 2 --no-plots --quiet --out "$tmp/pw1"
grep -qF 'H100e bought but waiting for power (`stranded_h100e`) in 2074: median 380k, mean 380k, beside a median surplus of 0 H100e; the median is first above 0 in 2070 (each median taken over the trials on its own: not a split of one fleet). An H100e waiting' "$tmp/pw1/report.md"
check "report.md: Power, 380k stranded in 2074, first in 2070 (exit $st)" $?
run_cs pw2 run "$PS" --set supply.power_gw=1e6 --trials 2 --no-plots --quiet --out "$tmp/pw2"
[ "$st" -eq 0 ] && ! grep -q '^## Power' "$tmp/pw2/report.md" &&
	! grep -q '^## Power' "$tmp/hr0/report.md" && grep -q '^## What moves' "$tmp/pw2/report.md"
check "report.md: no Power section where nothing waits for power (exit $st)" $?
# Power that binds in 2070 only (2.0 GW there, as worked above: 400000
# stranded; 1000 GW from 2071): the section still, with none in 2074
run_cs pw3 run "$PS" --set 'supply.power_gw={2070: 2.0, 2071: 1000}' --trials 2 --no-plots --quiet --out "$tmp/pw3"
[ "$st" -eq 0 ] && grep -q '^## Power' "$tmp/pw3/report.md" &&
	grep -qF 'in 2074: median 0, mean 0, beside' "$tmp/pw3/report.md" &&
	grep -qF 'the median is above 0 in 2070 only; no trial has any waiting after 2070 (each median' "$tmp/pw3/report.md"
check "report.md: a Power section where power binds in early years only (exit $st)" $?
# Power that binds in 2070 and 2071 only (2.0 GW there: 2071's fleet
# needs more than 2070's, so it strands too; 1000 GW from 2072): the
# median above 0 first in 2070 and last in 2071, not read as lasting
run_cs pw4 run "$PS" --set 'supply.power_gw={2070: 2.0, 2072: 1000}' --trials 2 --no-plots --quiet --out "$tmp/pw4"
[ "$st" -eq 0 ] && grep -qF 'in 2074: median 0, mean 0, beside' "$tmp/pw4/report.md" &&
	grep -qF 'the median is above 0 first in 2070 and last in 2071; no trial has any waiting after 2071 (each median' "$tmp/pw4/report.md"
check "report.md: the years the median waits for power, first and last (exit $st)" $?

# ---- an analysis's default directory beside output.dir, not inside it ----
# output.dir "res/x/" (or "res/y//"): the sweep goes to res/x-sweep, not
# res/x/-sweep inside the run's directory, which the next run replaces
mkdir -p "$tmp/od"
sed 's#^  plots: false$#  plots: false\n  dir: "res/x/"#' "$A/fixed2.yaml" >"$tmp/od/od.yaml"
sed 's#^  plots: false$#  plots: false\n  dir: "res/y//"#' "$A/fixed2.yaml" >"$tmp/od/od2.yaml"
(cd "$tmp/od" && "$CS_BIN" run od.yaml --quiet &&
	"$CS_BIN" sweep od.yaml --grid cloud.fixed_cost_busd=0:1:2 --quiet &&
	"$CS_BIN" run od.yaml --quiet &&
	"$CS_BIN" breakeven od2.yaml --vary market.price_per_h100e_hour_usd \
		--target npv_mean=0 --range 0.5:3 --quiet) >/dev/null 2>&1
st=$?
[ "$st" -eq 0 ] && [ -s "$tmp/od/res/x-sweep/sweep.csv" ] &&
	[ ! -e "$tmp/od/res/x/-sweep" ] && [ -s "$tmp/od/res/y-breakeven/breakeven.csv" ]
check "output.dir res/x/: sweep in res/x-sweep, breakeven of res/y// in res/y-breakeven (exit $st)" $?

# ---- compare: two scenarios with the same name ---------------------------
# A copy with one assumption changed and its name kept: the charts tell
# the two apart by their letter and file; a name no other shares is as
# written. No run's charts are needed: the chart tables say it.
if [ -f "$OB" ]; then
	cp "$OB" "$tmp/ob-copy.yml"
	run_cs cmpsame compare "$OB" "$tmp/ob-copy.yml" "$MM" --trials 200 \
		--no-plots --out "$tmp/cmpsame"
	n=$(sed -n "s/^  name: *//p" "$OB" | head -1)
	[ "$st" -eq 0 ] &&
		grep -q "^$n (A: overbuild),0" \
			"$tmp/cmpsame/chart_compare_readings.csv" &&
		grep -q "^$n (B: ob-copy)," \
			"$tmp/cmpsame/chart_compare_stories.csv" &&
		grep -q "^Temporary mismatch[^(]*,[0-9]" \
			"$tmp/cmpsame/chart_compare_stories.csv" &&
		grep -qx "$n (A: overbuild) vs $n (B: ob-copy) vs [^(]*" \
			"$tmp/cmpsame/chart_title.txt" &&
		head -1 "$tmp/cmpsame/chart_compare_fan.csv" |
		grep -q ",$n (A: overbuild),.*,$n (B: ob-copy),"
	check "compare: the same name twice is told apart on the charts" $?
fi

# ---- compare against separate runs (model v2) ----------------------------
# compare runs every scenario with the same seed and trials: each of its
# run-level rows must be the number that a separate `run` with that seed
# and those trials puts in summary.json (a swap of two story rows, or of
# the scenarios, fails). A: tests/data/model-v2.yaml (an industry section),
# B: the FORMAT.md example (none: no _short / _glut rows for it).
V2="$CS_ROOT/tests/data/model-v2.yaml"
run_cs cmp2 compare "$V2" "$FE" --trials 700 --seed 11 --out "$tmp/cmp2"
st_c=$st
run_cs cmp2a run "$V2" --trials 700 --seed 11 --no-plots --out "$tmp/cmp2a"
st_a=$st
run_cs cmp2b run "$FE" --trials 700 --seed 11 --no-plots --out "$tmp/cmp2b"
if [ "$st_c" -ne 0 ] || [ "$st_a" -ne 0 ] || [ "$st" -ne 0 ]; then
	bad "compare v2 / runs: exit $st_c, $st_a, $st"
elif ! command -v python3 >/dev/null 2>&1; then
	bad "compare v2: python3 not found"
else
	python3 - "$tmp/cmp2/compare.csv" "$tmp/cmp2a/summary.json" \
		"$tmp/cmp2b/summary.json" >"$tmp/cmp2.check" 2>&1 <<'PY'
import csv, json, sys
rows = list(csv.DictReader(open(sys.argv[1])))
bad = 0
for k, path in enumerate(sys.argv[2:]):
    s = json.load(open(path))
    got = {r['metric']: r['mean'] for r in rows
           if r['file'] == s['file'] and r['year'] == ''}
    labs = {r['label'] for r in rows if r['file'] == s['file']}
    if labs != {'AB'[k]}:  # the command line's letter, on every row
        print('labels', s['file'], labs); bad += 1
    want = {'npv_busd': s['npv_busd']['mean'],
            'p_npv_positive': s['p_npv_positive'],
            'idle_pv_busd': s['idle_pv_busd']['mean'],
            'hedge_ratio': s['hedge_ratio']}
    if 'unpowered_mean' in s['idle_pv_busd']:  # with a power limit
        want['idle_pv_unpowered_busd'] = s['idle_pv_busd']['unpowered_mean']
        want['powered_hedge_ratio'] = s['powered_hedge_ratio']
    elif 'powered_hedge_ratio' in s or any(m in got for m in ('idle_pv_unpowered_busd', 'powered_hedge_ratio')):
        print('powered figures without a power limit', s['file']); bad += 1
    for st, v in s['stories'].items():
        want[st] = v
    for st, v in s['npv_by_story'].items():
        want['npv_mean_' + st] = v['mean']
        want['npv_se_' + st] = v['se']
        want['p_npv_positive_' + st] = v['p_positive']
    for state, d in s.get('stories_by_industry', {}).items():
        for st, v in d.items():
            want[st + '_' + state] = v
    for state, d in s.get('npv_by_industry', {}).items():
        for st, v in d.items():
            want['npv_mean_%s_%s' % (st, state)] = v['mean']
            want['npv_se_%s_%s' % (st, state)] = v['se']
            want['p_npv_positive_%s_%s' % (st, state)] = v['p_positive']
    for m, v in want.items():
        g = got.get(m)
        if g is None:
            print('missing row', s['file'], m); bad += 1
        elif (g == '') != (v is None) or (v is not None and abs(float(g) - v) > 1e-9 * max(1, abs(v))):
            print('differs', s['file'], m, g, v); bad += 1
    extra = [m for m in got if m.endswith('_short') or m.endswith('_glut')]
    if 'stories_by_industry' not in s and extra:
        print('industry rows without an industry', s['file'], extra); bad += 1
    # 4 + 2 powered + 3 stories + 9 by story + 6 by state + 18 by
    # (story, state)
    if k == 0 and len(want) != 42:
        print('too few figures', len(want)); bad += 1
sys.exit(1 if bad else 0)
PY
	check "compare.csv's run-level rows = separate runs' summary.json" $?
	[ -s "$tmp/cmp2.check" ] && sed 's/^/  /' "$tmp/cmp2.check" >&2
	# chart_compare_readings.csv (compare_readings.png): its columns as
	# before, then, as A has an industry section, each (story, industry
	# state) pair's mean NPV and P(NPV > 0): A's cells those of its
	# compare.csv rows npv_mean_<story>_<state> and
	# p_npv_positive_<story>_<state> (the same figures, printed alike),
	# B's empty (no industry section, no such rows). Without an industry
	# section anywhere (the example twice) the table is as before them.
	run_cs cmpfe compare "$FE" "$FE" --trials 200 --no-plots --out "$tmp/cmpfe"
	python3 - "$tmp/cmp2/compare.csv" "$tmp/cmp2/chart_compare_readings.csv" \
		"$tmp/cmpfe/chart_compare_readings.csv" >"$tmp/cmpr.check" 2>&1 <<'PY'
import csv, sys
ST = ('overbuild', 'mismatch', 'shortage')
old = ['scenario']
old += ['%s_%s' % (k, s) for k in ST for s in ('short', 'glut', 'all')]
old += ['%s_%s' % (m, k) for k in ST for m in ('npv', 'p_positive')]
old += ['hedge_ratio', 'npv_mean']
old += ['%s_%s_shown' % (k, s) for k in ST for s in ('short', 'glut', 'all')]
old += ['label']
new = ['%s_%s_%s' % (m, k, s) for k in ST for s in ('short', 'glut')
       for m in ('npv', 'p_positive')]
rows = list(csv.reader(open(sys.argv[1])))
cmp = {(r[0], r[4]): r[5] for r in rows[1:] if r[3] == ''}
bad = 0
def lines(path):
    return [l.split(',') for l in open(path).read().split('\n') if l]
t = lines(sys.argv[2])
if t[0] != old + new:
    print('header', t[0]); bad += 1
for s, cells in enumerate(t[1:]):
    c = dict(zip(t[0], cells))
    if len(cells) != len(t[0]):
        print('cells', s, len(cells)); bad += 1
    for k in ST:
        for st in ('short', 'glut'):
            for col, row in (('npv_%s_%s', 'npv_mean_%s_%s'),
                             ('p_positive_%s_%s', 'p_npv_positive_%s_%s')):
                want = cmp.get(('AB'[s], row % (k, st)), '')
                if s == 0 and ('A', row % (k, st)) not in cmp:
                    print('no compare.csv row', row % (k, st)); bad += 1
                if c.get(col % (k, st)) != want:
                    print('AB'[s], col % (k, st), c.get(col % (k, st)), want); bad += 1
    if s == 0 and c.get('npv_overbuild_short') == c['npv_overbuild']:
        print('the pair is the story'); bad += 1
t = lines(sys.argv[3])
if t[0] != old or any(len(cells) != len(old) for cells in t[1:]) or len(t) != 3:
    print('NOIND', t[0], len(t))
sys.exit(1 if bad else 0)
PY
	check "chart_compare_readings.csv: the pairs' columns after label = compare.csv's rows" $?
	[ -s "$tmp/cmpr.check" ] && sed 's/^/  /' "$tmp/cmpr.check" >&2
	[ "$st" -eq 0 ] && ! grep -q '^NOIND' "$tmp/cmpr.check"
	check "chart_compare_readings.csv without an industry section: as before (exit $st)" $?
	grep -q '^hedge ratio ' "$tmp/cmp2.out" &&
		grep -q '^overbuild, glut ' "$tmp/cmp2.out"
	check "compare: hedge ratio and stories by industry state on stdout" $?
	# each story's mean NPV with its standard error on the next line
	awk '/^NPV \| / { n++; getline; if ($1 == "its" && $2 == "se") s++ }
		END { exit !(n == 3 && s == 3) }' "$tmp/cmp2.out"
	check "compare: each story's mean NPV has its standard error" $?
	# and under it, by the industry's state: A's mean and se as its
	# summary.json's npv_by_industry (to 3 and 2 significant digits),
	# B (no industry section) "-"
	python3 - "$tmp/cmp2.out" "$tmp/cmp2a/summary.json" <<'PY'
import json, sys
lines = open(sys.argv[1]).read().split('\n')
s = json.load(open(sys.argv[2]))['npv_by_industry']
bad = 0
for st in ('overbuild', 'mismatch', 'shortage'):
    i = next(k for k, l in enumerate(lines) if l.startswith('NPV | ' + st))
    for j, state in enumerate(('short', 'glut')):
        row, se = lines[i + 2 + 2 * j].split(), lines[i + 3 + 2 * j].split()
        v = s[state][st]
        if row[:2] != ['industry', state] or row[3] != '-' or se[:2] != ['its', 'se'] or se[3] != '-':
            print('rows', row, se); bad += 1
        elif v['mean'] is not None and abs(float(row[2]) - v['mean']) > 0.006 * max(abs(v['mean']), 1e-300):
            print('mean', st, state, row[2], v['mean']); bad += 1
        elif v['se'] is not None and abs(float(se[2]) - v['se']) > 0.06 * v['se']:
            print('se', st, state, se[2], v['se']); bad += 1
sys.exit(1 if bad else 0)
PY
	check "compare: NPV by story in each industry state, with its se" $?
fi

# ---- compare --set B:PATH=VALUE: one scenario's own options -----------
# The example twice, B with a discount rate of its own, both with one
# reserve margin: each scenario must be what a separate run with its
# options gives (compare.csv's NPV = summary.json's), B named with its
# option in the table and on the charts; a letter outside compare, or
# one that names no scenario, is refused (exit 2)
run_cs cmpown compare "$FE" "$FE" --set 'B:cloud.discount_rate=12%' \
	--set demand.reserve_margin=10% --trials 700 --seed 11 --out "$tmp/cmpown"
st_c=$st
run_cs cmpowna run "$FE" --set demand.reserve_margin=10% --trials 700 \
	--seed 11 --no-plots --out "$tmp/cmpowna"
st_a=$st
run_cs cmpownb run "$FE" --set demand.reserve_margin=10% \
	--set cloud.discount_rate=12% --trials 700 --seed 11 --no-plots \
	--out "$tmp/cmpownb"
if [ "$st_c" -ne 0 ] || [ "$st_a" -ne 0 ] || [ "$st" -ne 0 ]; then
	bad "compare --set B:: exit $st_c, $st_a, $st"
	show cmpown
else
	for lb in A B; do
		sj=$tmp/cmpown$(echo $lb | tr AB ab)/summary.json
		want=$(sed -n 's/^  "npv_busd": {"mean": \([^,]*\),.*/\1/p' "$sj")
		got=$(awk -F, -v l=$lb '$1 == l && $4 == "" && $5 == "npv_busd" { print $6 }' \
			"$tmp/cmpown/compare.csv")
		awk -v a="$want" -v b="$got" 'BEGIN { d = a - b; if (d < 0) d = -d
			exit !(a != "" && b != "" && d <= 1e-9 * (a < 0 ? -a : a) + 1e-12) }'
		check "compare --set B:: $lb's mean NPV is its own run's ($got, $want)" $?
	done
	# the two differ: B's discount rate was applied to B alone
	a=$(awk -F, '$1 == "A" && $4 == "" && $5 == "npv_busd" { print $6 }' "$tmp/cmpown/compare.csv")
	b=$(awk -F, '$1 == "B" && $4 == "" && $5 == "npv_busd" { print $6 }' "$tmp/cmpown/compare.csv")
	[ "$a" != "$b" ]
	check "compare --set B:: A and B differ" $?
	grep -qF "  B   Meta base case ($FE, --set cloud.discount_rate=12%)" "$tmp/cmpown.out" &&
		grep -qF "  A   Meta base case ($FE)" "$tmp/cmpown.out"
	check "compare --set B:: the table names B's own option" $?
	grep -qF "(B: cloud.discount_rate=12%)" "$tmp/cmpown/chart_title.txt"
	check "compare --set B:: the charts name B by its option" $?
fi
# B's own --set on the charts when no other scenario shares B's name
# (they called it by its name alone, as if unchanged); one file against
# itself: an input fixed in B that A draws redraws B's other inputs,
# which the table says; a range for it keeps A's draws (gap 0, no note)
run_cs cmpowng compare "$CS_ROOT/tests/fixed/industry_glut.yaml" "$FE" --set 'B:cloud.discount_rate=12%' \
	--trials 200 --no-plots --out "$tmp/cmpowng"
[ "$st" -eq 0 ] && grep -qF "Meta base case (B: cloud.discount_rate=12%)" "$tmp/cmpowng/chart_title.txt" &&
	grep -q '^B,Meta base case (--set cloud.discount_rate=12%),' "$tmp/cmpowng/compare.csv"
check "compare --set B:: the charts and compare.csv name B's option, B's name its own (exit $st)" $?
run_cs cmpredraw compare "$FE" "$FE" --set 'B:market.price_per_h100e_hour_usd=2.2' \
	--trials 200 --no-plots --out "$tmp/cmpredraw"
[ "$st" -eq 0 ] && grep -qF "B: market.price_per_h100e_hour_usd is drawn in A, fixed in B;" "$tmp/cmpredraw.out" &&
	grep -qF "so its inputs are drawn anew, not as A's" "$tmp/cmpredraw.out"
check "compare --set B:: an input fixed in B alone: the table says B's draws differ (exit $st)" $?
run_cs cmpsame compare "$FE" "$FE" --set 'B:market.price_per_h100e_hour_usd=1.8 to 2.6' \
	--trials 200 --no-plots --out "$tmp/cmpsame"
gap=$(awk -F, '$1 == "B" && $4 == "" && $5 == "npv_gap_to_a" { print $6 }' "$tmp/cmpsame/compare.csv")
[ "$st" -eq 0 ] && ! grep -q "drawn anew" "$tmp/cmpsame.out" && [ "$gap" = "0" ]
check "compare --set B:: the same distribution: A's draws, gap $gap, no note (exit $st)" $?
run_cs ownrun run "$FE" --set 'B:cloud.discount_rate=12%' --out "$tmp/ownrun"
[ "$st" -eq 2 ] && grep -qF "error: --set 'B:cloud.discount_rate=12%': a scenario's letter before \`:\` (B:PATH=VALUE) is for compare, which has several" "$tmp/ownrun.err" &&
	[ ! -e "$tmp/ownrun" ]
check "run --set B:...: refused (exit $st)" $?
run_cs owncmp compare "$FE" "$FE" --set 'C:cloud.discount_rate=12%' --out "$tmp/owncmp"
[ "$st" -eq 2 ] && grep -qF "error: --set 'C:cloud.discount_rate=12%': the letter before \`:\` names none of the scenarios (A, B, ... in the order given)" "$tmp/owncmp.err" &&
	[ ! -e "$tmp/owncmp" ]
check "compare --set C:... with two scenarios: refused (exit $st)" $?
run_cs owncmp2 compare "$FE" "$FE" --set 'B:supply.pue=0.5' --out "$tmp/owncmp2"
[ "$st" -eq 2 ] && grep -qF "$FE: error: --set 'B:supply.pue=0.5': supply.pue must be >= 1 (got 0.5)" "$tmp/owncmp2.err" &&
	[ "$(wc -l < "$tmp/owncmp2.err")" -eq 1 ] && [ ! -e "$tmp/owncmp2" ]
check "compare --set B:... out of range: B's error, once (exit $st)" $?
# blanks after the letter, as around the path (`supply.pue = 1.2` runs):
# B's option, not an unknown section `  cloud`
run_cs ownblank compare "$FE" "$FE" --set 'B: cloud.discount_rate = 12%' \
	--trials 50 --no-plots --out "$tmp/ownblank"
[ "$st" -eq 0 ] && [ ! -s "$tmp/ownblank.err" ] &&
	grep -q '^B,Meta base case (--set cloud.discount_rate = 12%),' "$tmp/ownblank/compare.csv"
check "compare --set 'B: PATH = VALUE': blanks after the letter (exit $st)" $?

# ---- breakeven on the industry's state: industry_short ------------------
# tests/fixed/industry_glut.yaml (every input fixed) gluts at its start
# ratio of 1.2 and is short at 4 (cli_run.sh): industry_short steps from
# 0 to 1 where the tightness at the horizon crosses 1. tools/refmodel.py,
# the model written a second time, must find the bracket's ends on the
# two sides (glut at its lower end, short at its upper); a scenario with
# no industry section is refused the metric
run_cs beshort breakeven "$CS_ROOT/tests/fixed/industry_glut.yaml" \
	--vary industry.start_ratio --range 1.2:4 --target industry_short=0.5 \
	--trials 50 --out "$tmp/beshort"
br=$(sed -n 's/^  bracket \[\([0-9.]*\), \([0-9.]*\)\]: industry_short = 0 at .*, 1 at .*/\1 \2/p' "$tmp/beshort.out")
if [ "$st" -ne 0 ] || [ -z "$br" ]; then
	bad "breakeven industry_short: exit $st, bracket '$br'"
	show beshort
elif ! command -v python3 >/dev/null 2>&1; then
	bad "breakeven industry_short: python3 not found"
else
	python3 - "$CS_ROOT" $br <<'PY'
import sys
sys.path.insert(0, sys.argv[1] + '/tools')
import refmodel
states = []
for r in (float(sys.argv[2]), float(sys.argv[3])):
    scn = refmodel.load_yaml_file(sys.argv[1] + '/tests/fixed/industry_glut.yaml')
    scn['industry']['start_ratio'] = r
    states.append(refmodel.run(scn).summary['industry_state'])
sys.exit(0 if states == ['glut', 'short'] else 1)
PY
	check "breakeven industry_short: the reference model puts the bracket ($br) across the step" $?
fi
run_cs benoind breakeven "$FE" --vary cloud.sellable_share --target overbuild_glut=0.5 \
	--out "$tmp/benoind"
[ "$st" -eq 2 ] && grep -qF "error: --target 'overbuild_glut=0.5': 'overbuild_glut' counts the industry's state at the horizon, and $FE has no \`industry\` section" "$tmp/benoind.err"
check "breakeven: a pair's share without an industry section refused (exit $st)" $?

# ---- compare: a scenario whose rent goes out of range warns ------------
# tests/fixed/industry_glut.yaml with everyone else's capex 0, life 2,
# growth 0, efficiency gain 0 and price_response 1: tightness alone
# raises the rent 2^t-fold, 16-fold in 2084, in every trial (cli_run.sh
# works it by hand). Against a copy under another name each warns as run
# does; a file named twice runs the same and warns once; compare exits 0
IG="$CS_ROOT/tests/fixed/industry_glut.yaml"
cp "$IG" "$tmp/ig-copy.yaml"
IGSET="--set industry.capex_busd=0 --set industry.life_years=2 --set industry.growth=0 --set industry.efficiency_gain=0 --set industry.price_response=1"
# shellcheck disable=SC2086
run_cs cmptight compare "$IG" "$tmp/ig-copy.yaml" --trials 50 --no-plots \
	$IGSET --out "$tmp/cmptight"
W="warning: --set industry.price_response: in 100.0% of the trials in 2084, the industry's tightness alone raises the rent more than 10-fold from 2080"
[ "$st" -eq 0 ] && grep -qF "$IG: $W" "$tmp/cmptight.err" &&
	grep -qF "$tmp/ig-copy.yaml: $W" "$tmp/cmptight.err" &&
	[ "$(grep -c "10-fold" "$tmp/cmptight.err")" -eq 2 ]
check "compare: each file whose rent rises 16-fold warns, by its name (exit $st)" $?
# shellcheck disable=SC2086
run_cs cmptight1 compare "$IG" "$IG" --trials 50 --no-plots $IGSET \
	--out "$tmp/cmptight1"
[ "$st" -eq 0 ] && [ "$(grep -c "10-fold" "$tmp/cmptight1.err")" -eq 1 ]
check "compare: a file named twice warns once (exit $st)" $?
run_cs cmptight2 compare "$IG" "$IG" --trials 50 --no-plots --out "$tmp/cmptight2"
[ "$st" -eq 0 ] && ! grep -q "10-fold" "$tmp/cmptight2.err"
check "compare: no warning while the rent stays in range (exit $st)" $?
# the same file with the sets in B alone: B runs otherwise than A, so
# its warning is said (the file named twice does not hide it), naming B
IGSETB=$(echo "$IGSET" | sed 's/--set /--set B:/g')
# shellcheck disable=SC2086
run_cs cmptightb compare "$IG" "$IG" --trials 50 --no-plots $IGSETB \
	--out "$tmp/cmptightb"
[ "$st" -eq 0 ] && [ "$(grep -c "10-fold" "$tmp/cmptightb.err")" -eq 1 ] &&
	grep -qF "$IG: warning: --set industry.price_response: in scenario B, in 100.0% of the trials in 2084" "$tmp/cmptightb.err"
check "compare: B's own sets take its rent out of range: B warns, named (exit $st)" $?

# ---- sweep and breakeven: a point whose rent goes out of range warns ----
# The same file and inputs without the price_response: tightness doubles
# each year, so the rent rises 16^kappa-fold by 2084: past 10 from kappa
# 0.83. A sweep over kappa 0, 0.5, 1 warns once, at 1; a breakeven warns
# when its crossing is there (the rent 3 * 0.84^4 * 16^kappa: 20 $ at
# kappa 0.936), not when it is at 0.436 (5 $), as run would at those values
IGSET4="--set industry.capex_busd=0 --set industry.life_years=2 --set industry.growth=0 --set industry.efficiency_gain=0"
# shellcheck disable=SC2086
run_cs swtight sweep "$IG" $IGSET4 --grid industry.price_response=0:1:3 \
	--trials 50 --no-plots --out "$tmp/swtight"
[ "$st" -eq 0 ] && grep -qF "warning: industry.price_response: at industry.price_response = 1 (1 of the 3 grid points), in 100.0% of the trials in 2084, the industry's tightness alone raises the rent more than 10-fold from 2080" "$tmp/swtight.err" &&
	[ "$(grep -c "10-fold" "$tmp/swtight.err")" -eq 1 ]
check "sweep: a grid point whose rent rises 16-fold warns, once (exit $st)" $?
[ "$st" -eq 0 ] || show swtight
# shellcheck disable=SC2086
run_cs swtight2 sweep "$IG" $IGSET4 --grid industry.price_response=0:0.5:2 \
	--trials 50 --no-plots --out "$tmp/swtight2"
[ "$st" -eq 0 ] && ! grep -q "10-fold" "$tmp/swtight2.err"
check "sweep: no warning while the rent stays in range (exit $st)" $?
# shellcheck disable=SC2086
run_cs betight breakeven "$IG" $IGSET4 --vary industry.price_response \
	--range 0:1 --target price_usd_per_h100e_hour@2084=20 --trials 50 \
	--out "$tmp/betight"
[ "$st" -eq 0 ] && grep -q "warning: industry.price_response: at industry.price_response = 0.9357.* (the crossing), in 100.0% of the trials in 2084, the industry's tightness alone raises the rent more than 10-fold" "$tmp/betight.err" &&
	[ "$(grep -c "10-fold" "$tmp/betight.err")" -eq 1 ]
check "breakeven: a crossing where the rent rises past 10-fold warns (exit $st)" $?
[ "$st" -eq 0 ] || show betight
# shellcheck disable=SC2086
run_cs betight2 breakeven "$IG" $IGSET4 --vary industry.price_response \
	--range 0:1 --target price_usd_per_h100e_hour@2084=5 --trials 50 \
	--out "$tmp/betight2"
[ "$st" -eq 0 ] && ! grep -q "10-fold" "$tmp/betight2.err"
check "breakeven: no warning at a crossing whose rent stays in range (exit $st)" $?

# ---- compare of one file with itself: its rows told apart by label ------
run_cs cmpself compare "$A/fixed2.yaml" "$A/fixed2.yaml" --trials 3 --no-plots \
	--quiet --out "$tmp/cmpself"
awk -F, 'NR == 1 { if ($1 != "label") e = e " header " $1; next }
	 { n[$1]++ } END { if (n["A"] == 0 || n["A"] != n["B"] || length(n) != 2) e = e " rows A " n["A"] " B " n["B"]
			   if (e != "") print e; exit e != "" }' \
	"$tmp/cmpself/compare.csv" >"$tmp/cmpself.chk" 2>&1
check "compare of a file with itself: rows labelled A and B, as many of each (exit $st)$(cat "$tmp/cmpself.chk")" $?

# ---- compare: the mean NPV's gap to A, paired ----------------------------
# fixed2 at P = 3 against P = 2 (its header): every trial's NPV moves by
# 7.565454545454545 (P - o) per dollar, so the gap is 7.565454545454545
# and, every trial's difference the same, its paired se is exactly 0.
sed 's/^  price_per_h100e_hour_usd: 2$/  price_per_h100e_hour_usd: 3/' \
	"$A/fixed2.yaml" >"$tmp/fixed2p3.yaml"
# gap_zero_se NAME WANT: in $tmp/NAME/compare.csv, B's npv_gap_to_a
# within 1e-9 of WANT, its npv_gap_to_a_se exactly 0, A's cells empty
gap_zero_se() {
	awk -F, -v want="$2" "$NEAR"'
	$1 == "B" && $5 == "npv_gap_to_a" { g = $6 }
	$1 == "B" && $5 == "npv_gap_to_a_se" { e = $6 }
	$1 == "A" && $5 ~ /^npv_gap/ && $6 != "" { a = 1 }
	END { if (!near(g, want, 1e-9) || e != "0" || a) {
		print " gap " g " se " e " A rows " a; exit 1 } }' \
	"$tmp/$1/compare.csv" >"$tmp/$1.chk" 2>&1
}
run_cs gap compare "$A/fixed2.yaml" "$tmp/fixed2p3.yaml" --trials 3 \
	--no-plots --out "$tmp/gap"
gap_zero_se gap 7.565454545454545
check "compare: gap to A 7.5654545 exactly, paired se 0 (exit $st)$(cat "$tmp/gap.chk")" $?
grep -q '^  gap to A  *-  *7\.57$' "$tmp/gap.out" &&
	grep -q '^  its se, paired  *-  *0$' "$tmp/gap.out"
check "compare: the gap rows on stdout" $?
# one_input with the launch cost 2 -> 3.3 $B, paid in 2030 (t = 0, DF 1):
# every trial's NPV moves by exactly -1.3 $B but for rounding, so the
# paired se is 0, as --sensitivity's swing_se (it printed 1.9e-17).
sed 's/^  launch_cost_busd: 2$/  launch_cost_busd: 3.3/' \
	"$A/one_input.yaml" >"$tmp/one_lc.yaml"
run_cs gaplc compare "$A/one_input.yaml" "$tmp/one_lc.yaml" --trials 200 \
	--no-plots --out "$tmp/gaplc"
gap_zero_se gaplc -1.3
check "compare: a launch cost's gap -1.3, paired se 0, not a rounding residue (exit $st)$(cat "$tmp/gaplc.chk")" $?
# Statistical: meta-base against itself with the rent's range 1.5-2.8
# instead of 1.4-2.6, 2,000 trials, seeds 1-20. The gap's paired se must
# describe its seed-to-seed sd: their ratio within [0.5, 1.6] (an sd from
# 20 seeds is known to about 16%, less for the NPV's heavy tail; measured
# 0.79 over 30 seeds), and it must be far below the two errors combined
# (the same seed pairs the trials: below a fifth; measured a seventeenth).
MB="$CS_ROOT/scenarios/meta-base.yaml"
sed 's/^  price_per_h100e_hour_usd: "1.4 to 2.6"$/  price_per_h100e_hour_usd: "1.5 to 2.8"/' \
	"$MB" >"$tmp/mb-rent.yaml"
cmp -s "$MB" "$tmp/mb-rent.yaml" && bad "compare gaps: the rent line not found"
: >"$tmp/gaps.txt"
for sd in $(seq 1 20); do
	"$CS_BIN" compare "$MB" "$tmp/mb-rent.yaml" --trials 2000 --seed "$sd" \
		--no-plots --quiet --out "$tmp/gaps" >/dev/null 2>&1 || bad "compare gaps: seed $sd"
	awk -F, '$1 == "B" && $5 == "npv_gap_to_a" { g = $6 }
		 $1 == "B" && $5 == "npv_gap_to_a_se" { e = $6 }
		 $5 == "npv_se" { c += $6 * $6 }
		 END { print g, e, sqrt(c) }' "$tmp/gaps/compare.csv" >>"$tmp/gaps.txt"
done
awk '{ g += $1; gg += $1 * $1; e += $2 * $2; c += $3 }
     END { n = NR; m = g / n; sd = sqrt((gg - n * m * m) / (n - 1))
	   r = sd / sqrt(e / n); f = sqrt(e / n) / (c / n)
	   printf " (sd %.4f, rms se %.4f, ratio %.2f; combined %.3f, %.3f of it)", sd, sqrt(e / n), r, c / n, f
	   exit !(n == 20 && r >= 0.5 && r <= 1.6 && f < 0.2) }' \
	"$tmp/gaps.txt" >"$tmp/gaps.chk"
check "compare: the paired se describes the gap's spread over 20 seeds$(cat "$tmp/gaps.chk")" $?

# ---- breakeven on the fixed scenario -------------------------------------
# value line: "NAME: METRIC = V where PATH = X", X to the Monte Carlo
# error's second significant digit (all 10 digits where it is 0); the
# bracket line "[lo, hi]" keeps every digit: the crossing, its midpoint,
# must be WANT within TOL, and X WANT rounded there
be_check() { # NAME WANT TOL
	awk -v want="$2" -v tol="$3" '
	/ where / && h == "" { h = $NF }
	/^  bracket \[/ { s = $0; sub(/^  bracket \[/, "", s); sub(/\].*/, "", s)
		    split(s, b, ", "); lo = b[1]; hi = b[2] }
	/^  Monte Carlo: / && $4 ~ /^[0-9]/ { se = $4 }
	END { x = (lo + hi) / 2; d = x - want; if (d < 0) d = -d
	      # half a unit of the digit after the first of the error
	      r = tol
	      if (se > 0) r += 10 ^ (int(log(se) / log(10) + 100) - 101) / 2
	      dh = h - want; if (dh < 0) dh = -dh
	      if (lo == "" || h == "" || d > tol || lo > want + tol ||
		  hi < want - tol || dh > r) {
		print "x=" x " [" lo ", " hi "] shown " h " (se " se ") want " want; exit 1 } }' "$tmp/$1.out" \
		>"$tmp/$1.chk" 2>&1
}
run_cs be1 breakeven "$A/fixed2.yaml" --trials 3 --out "$tmp/be1" \
	--vary market.price_per_h100e_hour_usd --target npv_mean=0 --range 0.5:3
if [ "$st" -ne 0 ]; then
	bad "breakeven npv_mean: exit $st"
	show be1
else
	# 0.5 + 43/83.22; tolerance 1e-6 of the range (2.5)
	be_check be1 1.016702715693343 2.5e-6
	check "breakeven npv_mean=0: $(cat "$tmp/be1.chk")" $?
	n=$(($(wc -l <"$tmp/be1/breakeven.csv") - 1))
	[ "$n" -ge 3 ] && [ "$n" -le 64 ]
	check "breakeven: $n evaluated points in breakeven.csv" $?
fi
run_cs be2 breakeven "$A/fixed2.yaml" --trials 3 --out "$tmp/be2" \
	--vary market.price_per_h100e_hour_usd --target cloud_npv_busd@2030=0 \
	--range 0.5:3
if [ "$st" -ne 0 ]; then
	bad "breakeven cloud_npv_busd@2030: exit $st"
	show be2
else
	be_check be2 1.184931506849315 2.5e-6	# 0.5 + 3/4.38
	check "breakeven cloud_npv_busd@2030=0: $(cat "$tmp/be2.chk")" $?
fi
run_cs be3 breakeven "$A/fixed2.yaml" --trials 3 --out "$tmp/be3" \
	--vary cloud.opex_per_h100e_hour_usd --target p_npv_positive=0.5 \
	--range 0:1.5
if [ "$st" -ne 0 ]; then
	bad "breakeven p_npv_positive: exit $st"
	show be3
else
	be_check be3 1.483297284306657 1.5e-6	# 2 - 43/83.22
	check "breakeven p_npv_positive=0.5: $(cat "$tmp/be3.chk")" $?
	grep -q "steps of 1/3" "$tmp/be3.out"
	check "breakeven p_npv_positive: says it is a step function" $?
fi
# A median held at 0 by the trials whose NPV is 0 (meta-base, 2,000
# trials: never launched, about 40%) over a stretch of fixed costs: the
# crossing is where npv_p50 leaves 0, and breakeven says so, when every
# run from the range's end to the bracket gave exactly 0 (breakeven.csv
# checks that); a crossing through the target (be1) says nothing of it
run_cs bepl breakeven "$CS_ROOT/scenarios/meta-base.yaml" --trials 2000 \
	--out "$tmp/bepl" --vary cloud.fixed_cost_busd --target npv_p50=0 --range 0:20
a_=$(sed -n 's/^  bracket \[\([^,]*\),.*/\1/p' "$tmp/bepl.out")
[ "$st" -eq 0 ] && grep -q "^  npv_p50 is exactly 0 in every run from 0 to $a_: it sits on the target over that stretch, and this is where it leaves it, not where it passes through it$" "$tmp/bepl.out" &&
	awk -F, -v a="$a_" 'NR > 1 && $2 <= a + 0 && $3 != 0 { bad = 1 } NR > 1 && $2 <= a + 0 { n++ }
		END { exit bad || n < 2 }' "$tmp/bepl/breakeven.csv" &&
	! grep -q "sits on the target" "$tmp/be1.out"
check "breakeven npv_p50=0 on meta-base: the crossing is where the median leaves 0 (exit $st, a=$a_)" $?
# ---- breakeven's Monte Carlo error: "Monte Carlo: ± SE" ----------------
# pm NAME: the printed standard error of the crossing
pm() { sed -n 's/^  Monte Carlo: ± \([^ ]*\) .*/\1/p' "$tmp/$1.out"; }
# every trial the same in fixed2.yaml: no Monte Carlo error
[ "$(pm be1)" = "0" ]
check "breakeven fixed scenario: Monte Carlo ± 0 (got '$(pm be1)')" $?
# one_input.yaml at 2000 trials, the opex varied: npv = 83.22/11 (P - o)
# - 43/11 with the price P lognormal, 5th/95th percentiles 1.5 and 2.5
# (sigma = ln(5/3)/(2 z95), median m = sqrt(3.75)). npv_mean crosses 0 at
# o = mean(P) - 43/83.22, standard error sd(P)/sqrt(n) = 0.006847;
# p_npv_positive = 0.5 and npv_p50 = 0 at o = median(P) - 43/83.22, the
# standard error of a sample median sqrt(0.25/n)/f(m) with the lognormal
# density f(m) = 1/(m sigma sqrt(2 pi)): 0.008427. Tolerances: 10% for
# the mean (the sd of 2000 draws), 25% for the shares (a secant over 1/64
# of the range through a step function).
se_case() { # NAME TARGET WANT TOL
	run_cs "$1" breakeven "$A/one_input.yaml" --trials 2000 --out "$tmp/$1" \
		--vary cloud.opex_per_h100e_hour_usd --target "$2" --range 0:2
	got=$(pm "$1")
	[ "$st" -eq 0 ] && awk -v g="$got" -v w="$3" -v t="$4" \
		'BEGIN { d = g - w; if (d < 0) d = -d; exit g != "" && d <= t * w ? 0 : 1 }'
	check "breakeven $2: Monte Carlo ± $got, want $3 within $4 (exit $st)" $?
}
se_case se1 npv_mean=0 0.006847 0.10
se_case se2 p_npv_positive=0.5 0.008427 0.25
se_case se3 npv_p50=0 0.008427 0.25
grep -q "standard error of p_npv_positive 0.0112;" "$tmp/se2.out"
check "breakeven share: standard error sqrt(0.5 * 0.5 / 2000) = 0.0112" $?
# a default range (P1..P99) past an end the key excludes (price_change
# > -1, an efficiency gain < 1) is clipped to just inside it: it was
# clipped onto the end, which the check then refused ("P1 = -1 is
# outside the range of market.price_change (> -1)"), exit 2; that end,
# excluded, is printed as one: "(-1, ...]", "just below 1" (it read as
# "[-1, ...]" and "to 1", a value the key refuses)
if [ -f "$META" ]; then
	run_cs opb breakeven "$META" --trials 300 --out "$tmp/opb" \
		--set 'market.price_change=-90% to 50%' \
		--vary market.price_change --target npv_mean=5
	[ "$st" -eq 0 ] && grep -q 'bisection to 1e-06 of the range (-1, [0-9.]*\]$' "$tmp/opb.out"
	check "breakeven, P1 below an excluded end: searched from just inside it (exit $st)" $?
	run_cs opb2 breakeven "$META" --trials 300 --out "$tmp/opb2" \
		--set 'demand.workloads.training.efficiency_gain=50% to 98%' \
		--vary demand.workloads.training.efficiency_gain --target npv_mean=5
	grep -q 'no crossing: npv_mean stays at or above 5 over demand.workloads.training.efficiency_gain from [0-9.]* to just below 1$' "$tmp/opb2.err" &&
		grep -q '^  at demand.workloads.training.efficiency_gain just below 1: npv_mean = ' "$tmp/opb2.err" &&
		grep -q '^  at demand.workloads.training.efficiency_gain = [0-9.]*: npv_mean = ' "$tmp/opb2.err"
	check "breakeven, P99 above an excluded end: searched up to just inside it (exit $st)" $?
fi
# one trial says nothing of a yearly mean's error (it printed "± 0", which
# the docs keep for a scenario whose trials are all alike)
if [ -f "$META" ]; then
	run_cs se1t breakeven "$META" --trials 1 --seed 2 --out "$tmp/se1t" \
		--vary market.price_per_h100e_hour_usd \
		--target cloud_npv_busd@2033=0.5 --range 0.2:4
	[ "$st" -eq 0 ] && grep -q '^  Monte Carlo: standard error not estimated (too few trials)$' "$tmp/se1t.out"
	check "breakeven on 1 trial, a yearly mean: not estimated (exit $st)" $?
fi
if [ -f "$META" ]; then
	# the question of the product at 2000 trials, five seeds: the spread
	# of the answers must match the printed standard error within 3x
	: >"$tmp/seeds"
	for s in 1 2 3 4 5; do
		run_cs "sd$s" breakeven "$META" --trials 2000 --seed "$s" \
			--out "$tmp/sd$s" --vary supply.capex_busd.then_growth \
			--target overbuild=0.5
		[ "$st" -eq 0 ] || break
		echo "$(awk '/ where / { print $NF }' "$tmp/sd$s.out") $(pm "sd$s")" \
			>>"$tmp/seeds"
	done
	awk '{ x[NR] = $1; s += $1; e += $2 }
	END { if (NR != 5) { print "only " NR " seeds found a crossing"; exit 1 }
	      m = s / NR; for (i = 1; i <= NR; i++) v += (x[i] - m)^2
	      sd = sqrt(v / (NR - 1)); e /= NR
	      printf "seed-to-seed sd %.3g, printed se %.3g", sd, e
	      exit sd > 0 && e > 0 && sd / e < 3 && e / sd < 3 ? 0 : 1 }' \
		"$tmp/seeds" >"$tmp/seeds.chk" 2>&1
	check "breakeven meta-base overbuild=0.5, 5 seeds: $(cat "$tmp/seeds.chk")" $?
fi
run_cs be4 breakeven "$A/fixed2.yaml" --trials 3 --out "$tmp/be4" \
	--vary market.price_per_h100e_hour_usd --target npv_mean=0 --range 2:3
[ "$st" -eq 1 ] && grep -q "no crossing" "$tmp/be4.err" &&
	grep -q "npv_mean = 7.43909" "$tmp/be4.err"
check "breakeven without a crossing: exit 1 ($st) and both ends explained" $?
[ "$(wc -l <"$tmp/be4/breakeven.csv")" -eq 3 ]
check "breakeven without a crossing: both ends in breakeven.csv" $?
# default range of a year series with several listed points: the union
# of their P1..P99 (lognormals with 5th/95th percentiles a, b:
# exp(mu + z sigma), mu = ln(ab)/2, sigma = ln(b/a)/(2 z95)), not the
# first point's alone (which would end at its P99, 23.09); but of a
# rate's points only those some year uses: a growth's 2030 point, which
# 2031's replaces at once, is left out (its P1 would be 0.0866)
run_cs ser1 breakeven "$A/one_input.yaml" --trials 3 --quiet --out "$tmp/ser1" \
	--set 'supply.capex_busd={2030: "10 to 20", 2031: "50 to 90"}' \
	--vary supply.capex_busd --target p_surplus@2031=0.5
run_cs ser2 breakeven "$A/one_input.yaml" --trials 3 --quiet --out "$tmp/ser2" \
	--set 'demand.workloads.chat.growth={2030: "10% to 20%", 2031: "50% to 90%"}' \
	--vary demand.workloads.chat.growth --target p_surplus@2031=0.5
span_chk() {	# FILE A1 B1 A2 B2: ends of breakeven.csv against q(A1, B1,
		# P1) and q(A2, B2, P99)
	awk -F, -v a1="$2" -v b1="$3" -v a2="$4" -v b2="$5" "$NEAR"'
function q(a, b, z) { return exp(log(a * b) / 2 + z * log(b / a) / (2 * 1.6448536269514722)) }
NR == 2 { lo = $2 } NR == 3 { hi = $2 }
END { wlo = q(a1, b1, -2.3263478740408408); whi = q(a2, b2, 2.3263478740408408)
      if (!near(lo, wlo, 1e-6) || !near(hi, whi, 1e-6)) {
	print "range [" lo ", " hi "], want [" wlo ", " whi "]"; exit 1 } }' "$1"
}
span_chk "$tmp/ser1/breakeven.csv" 10 20 50 90 >"$tmp/ser1.chk" 2>&1
check "breakeven series default range = union of the points' P1..P99: $(cat "$tmp/ser1.chk")" $?
# a year series varied: stdout says the value replaces each listed year.
# fixed2 has a surplus in 2031 while 0.5 (1 + g) < 0.9 (demand half of
# year 0's capacity, the base down to 0.9 of it): the crossing is g = 0.8
run_cs ser3 breakeven "$A/fixed2.yaml" --trials 3 --out "$tmp/ser3" \
	--set 'demand.workloads.chat.growth={2030: 0, 2031: 0.5}' \
	--vary demand.workloads.chat.growth --target p_surplus@2031=0.5 --range 0:2
[ "$st" -eq 0 ] &&
	grep -qx 'fixed two years: p_surplus@2031 = 0.5 where demand.workloads.chat.growth = 0.8000' "$tmp/ser3.out" &&
	grep -qxF '  demand.workloads.chat.growth is a year series: the value replaces each year it lists (2030, 2031)' "$tmp/ser3.out"
check "breakeven on a year series: crossing at 0.8, and the listed years said (exit $st)" $?
# a series uncertain only at a point no year uses is fixed in effect: no
# tornado row, and breakeven asks for a range (of 0.5, its 2031 value)
run_cs ser5 run "$A/one_input.yaml" --trials 20 --sensitivity --no-plots --quiet \
	--out "$tmp/ser5" --set 'demand.workloads.chat.growth={2030: "1% to 5%", 2031: 0.5}'
[ "$st" -eq 0 ] && [ -s "$tmp/ser5/sensitivity.csv" ] &&
	! grep -q '^demand.workloads.chat.growth,' "$tmp/ser5/sensitivity.csv"
check "a series uncertain only where unused: no tornado row (exit $st)" $?
run_cs ser6 breakeven "$A/one_input.yaml" --trials 3 --out "$tmp/ser6" \
	--set 'demand.workloads.chat.growth={2030: "1% to 5%", 2031: 0.5}' \
	--vary demand.workloads.chat.growth --target p_surplus@2031=0.5
[ "$st" -eq 2 ] && grep -qF "the input is fixed (0.5) by --set for" "$tmp/ser6.err"
check "a series uncertain only where unused: breakeven wants a range (exit $st)" $?
span_chk "$tmp/ser2/breakeven.csv" 0.5 0.9 0.5 0.9 >"$tmp/ser2.chk" 2>&1
check "breakeven rate series default range: the points some year uses: $(cat "$tmp/ser2.chk")" $?

# --grid and --range take percentages, as the scenario does
run_cs pct1 sweep "$A/fixed2.yaml" --grid "market.price_per_h100e_hour_usd=100%:200%:3" \
	--trials 3 --no-plots --quiet --out "$tmp/pct1"
[ "$st" -eq 0 ] && [ "$(cut -d, -f1 "$tmp/pct1/sweep.csv" | tr '\n' ' ')" = \
	"market.price_per_h100e_hour_usd 1 1.5 2 " ]
check "sweep --grid FROM:TO as percentages (exit $st)" $?
run_cs pct2 breakeven "$A/fixed2.yaml" --trials 3 --out "$tmp/pct2" \
	--vary market.price_per_h100e_hour_usd --target npv_mean=0 --range 50%:300%
if [ "$st" -eq 0 ]; then
	be_check pct2 1.016702715693343 2.5e-6
	check "breakeven --range as percentages: $(cat "$tmp/pct2.chk")" $?
else
	bad "breakeven --range 50%:300%: exit $st"
	show pct2
fi
if [ -f "$META" ]; then
	run_cs pct3 sweep "$META" --grid supply.capex_busd.then_growth=-10%:20%:3 \
		--trials 20 --no-plots --quiet --out "$tmp/pct3"
	[ "$st" -eq 0 ] && [ "$(cut -d, -f1 "$tmp/pct3/sweep.csv" | tr '\n' ' ')" = \
		"supply.capex_busd.then_growth -0.1 0.05 0.2 " ]
	check "sweep meta-base then_growth=-10%:20%:3 (exit $st)" $?
	run_cs be5 breakeven "$META" --trials 200 --quiet --out "$tmp/be5" \
		--vary market.price_per_h100e_hour_usd --target p_surplus@2029=0.5
	[ "$st" -eq 0 ] || [ "$st" -eq 1 ]
	check "breakeven meta-base default range (P1..P99): exit $st" $?
	awk -F, 'NR == 2 || NR == 3 { n++ } END { exit n == 2 ? 0 : 1 }' \
		"$tmp/be5/breakeven.csv" 2>/dev/null
	check "breakeven meta-base default range: the two ends evaluated" $?
fi

# ---- argument errors: exit 2, the message, nothing written -------------
# argerr NAME 'expected text' ARGS...
argerr() {
	name=$1
	want=$2
	shift 2
	run_cs "$name" "$@" --out "$tmp/never-$name"
	if [ "$st" -ne 2 ]; then
		bad "$name: exit $st, want 2"
		show "$name"
	elif ! grep -qF -- "$want" "$tmp/$name.err"; then
		bad "$name: stderr lacks \"$want\""
		show "$name"
	elif [ -e "$tmp/never-$name" ] || ls "$tmp" | grep -q "never-$name.tmp"; then
		bad "$name: wrote $tmp/never-$name"
	else
		ok
	fi
}
F="$A/fixed2.yaml"
P=market.price_per_h100e_hour_usd
argerr e_path "error: --grid 'market.prise_per_h100e_hour_usd=1:2:3': no input 'market.prise_per_h100e_hour_usd'" \
	sweep "$F" --grid market.prise_per_h100e_hour_usd=1:2:3
argerr e_suggest "did you mean 'market.price_per_h100e_hour_usd'?" \
	sweep "$F" --grid market.prise_per_h100e_hour_usd=1:2:3
argerr e_short "did you mean 'market.price_per_h100e_hour_usd'?" \
	sweep "$F" --grid price_per_h100e_hour_usd=1:2:3
argerr e_malformed "error: --grid '$P=1:2': expected PATH=FROM:TO:STEPS" \
	sweep "$F" --grid "$P=1:2"
argerr e_steps "error: --grid '$P=1:2:1': STEPS = 1: a grid needs at least 2 points" \
	sweep "$F" --grid "$P=1:2:1"
argerr e_huge "error: --grid '$P=1:2:99999999999999999999': STEPS = 99999999999999999999: at most 10000 points per grid" \
	sweep "$F" --grid "$P=1:2:99999999999999999999"
argerr e_hugeneg "error: --grid '$P=1:2:-99999999999999999999': STEPS = -99999999999999999999: a grid needs at least 2 points" \
	sweep "$F" --grid "$P=1:2:-99999999999999999999"
argerr e_order "error: --grid '$P=2:1:3': FROM (2) must be below TO (1)" \
	sweep "$F" --grid "$P=2:1:3"
argerr e_launch "error: --grid 'cloud.launch=2030:2031:2': 'cloud.launch' is not a numeric input" \
	sweep "$F" --grid cloud.launch=2030:2031:2
argerr e_trig "try each with --set 'cloud.launch={trigger_surplus_share: X}')" \
	sweep "$F" --grid cloud.launch.trigger_surplus_share=0:0.2:3
argerr e_term "error: --grid 'cloud.term_years=1:3:3': 'cloud.term_years' is not a numeric input" \
	sweep "$F" --grid cloud.term_years=1:3:3
argerr e_start "'scenario.start_year' is not a numeric input" \
	sweep "$F" --grid scenario.start_year=2020:2030:2
argerr e_range "error: --grid 'cloud.sellable_share=0:1.5:3': TO = 1.5 is outside the range of cloud.sellable_share" \
	sweep "$F" --grid cloud.sellable_share=0:1.5:3
argerr e_open "FROM = 0 is outside the range of supply.useful_life_years (> 0)" \
	sweep "$F" --grid supply.useful_life_years=0:5:3
# a capex_response's cap at or above its floor, as --set and check say
CR="$CS_ROOT/tests/fixed/capex_shutdown.yaml"
argerr e_cap "error: --grid 'supply.capex_response.cap=0:0.4:2': supply.capex_response.cap = 0 lies below its floor supply.capex_response.floor = 0.5; a cap must be >= its floor" \
	sweep "$CR" --grid supply.capex_response.cap=0:0.4:2
argerr e_floor "error: --grid 'industry.capex_response.floor=1:3:2': industry.capex_response.floor = 3 lies above its cap industry.capex_response.cap = 1.25; a floor must be <= its cap" \
	sweep "$CS_ROOT/tests/fixed/industry_glut.yaml" --grid industry.capex_response.floor=1:3:2
argerr e_capfloor "error: --grid 'supply.capex_response.cap=0.5:2:2': supply.capex_response.cap = 0.5 lies below its floor supply.capex_response.floor = 0.6 (--grid 'supply.capex_response.floor=0:0.6:2'); a cap must be >= its floor at every point" \
	sweep "$CR" --grid supply.capex_response.cap=0.5:2:2 --grid supply.capex_response.floor=0:0.6:2
# against a distribution, its location parameters, as --set is checked
argerr e_capdist "error: --grid 'supply.capex_response.cap=0.5:0.6:2': supply.capex_response.cap = 0.5 lies below its floor supply.capex_response.floor = 0.9, the greatest of its location parameters; a cap must be >= its floor" \
	sweep "$CR" --set 'supply.capex_response.floor=0.3 to 0.9' --grid supply.capex_response.cap=0.5:0.6:2
argerr e_befloor "error: --range '0:3': supply.capex_response.floor = 3 lies above its cap supply.capex_response.cap = 1.3; a floor must be <= its cap" \
	breakeven "$CR" --vary supply.capex_response.floor --target npv_mean=2 --range 0:3
# without --range, a floor's P1..P99 search stops at its fixed cap (1.2)
run_cs be_fc breakeven "$CS_ROOT/tests/data/model-v2.yaml" --trials 200 \
	--set 'supply.capex_response.floor=0.2 to 1.1' \
	--vary supply.capex_response.floor --target npv_mean=-1000 --out "$tmp/be_fc"
check "breakeven: a floor's search ends at its cap (exit $st)" \
	"$(grep -c '^1,1.2,' "$tmp/be_fc/breakeven.csv" 2>/dev/null | grep -qx 1; echo $?)"
# a list's shares never all 0 at a point, as --set and check refuse them:
# fixed2's one procurement line (gpu) and one workload (chat); two grids
# taking both of model-v2's lines to 0, said once, by the first; one of
# them alone leaves the other's 25% (runs)
argerr e_share "error: --grid 'supply.procurement.gpu.share=0:1:2': at supply.procurement.gpu.share = 0 the shares in \`supply.procurement\` are all 0; at least one must be > 0" \
	sweep "$F" --grid supply.procurement.gpu.share=0:1:2
argerr e_share_wl "at demand.workloads.chat.share = 0 the shares in \`demand.workloads\` are all 0" \
	sweep "$F" --grid demand.workloads.chat.share=0:2:3
V2="$CS_ROOT/tests/data/model-v2.yaml"
argerr e_share2 "error: --grid 'supply.procurement.nvidia.share=0:1:2': at supply.procurement.nvidia.share = 0 the shares in \`supply.procurement\` are all 0" \
	sweep "$V2" --grid supply.procurement.nvidia.share=0:1:2 --grid supply.procurement.amd.share=0:1:2
check "sweep: two grids' all-0 shares said once" \
	"$(grep -c 'are all 0' "$tmp/e_share2.err" | grep -qx 1; echo $?)"
run_cs sh1 sweep "$V2" --trials 20 --grid supply.procurement.nvidia.share=0:1:2 \
	--no-plots --quiet --out "$tmp/sh1"
check "sweep: one line's share at 0 beside another's 25% runs (exit $st)" \
	"$([ "$st" -eq 0 ]; echo $?)"
# a share the file holds at 0 but another grid keeps at 10..20: runs;
# two lists all 0: both said
run_cs sh2 sweep "$V2" --trials 20 --set supply.procurement.amd.share=0 \
	--grid supply.procurement.nvidia.share=0:80:2 \
	--grid supply.procurement.amd.share=10:20:2 --no-plots --quiet --out "$tmp/sh2"
check "sweep: a share 0 in the file but swept above 0 counts as not 0 (exit $st)" \
	"$([ "$st" -eq 0 ]; echo $?)"
argerr e_share_two "at demand.workloads.chat.share = 0 the shares in \`demand.workloads\` are all 0" \
	sweep "$F" --grid supply.procurement.gpu.share=0:1:2 --grid demand.workloads.chat.share=0:1:2
check "sweep: two lists all 0, both said" \
	"$(grep -c 'are all 0' "$tmp/e_share_two.err" | grep -qx 2; echo $?)"
argerr e_beshare "error: --range '0:1': at supply.procurement.gpu.share = 0 the shares in \`supply.procurement\` are all 0" \
	breakeven "$F" --vary supply.procurement.gpu.share --target npv_mean=0 --range 0:1
argerr e_dup "is already swept by --grid '$P=1:2:2'" \
	sweep "$F" --grid "$P=1:2:2" --grid "$P=1:3:2"
argerr e_all "STEPS = 0" \
	sweep "$F" --grid "$P=1:2:0" --grid cloud.launch=1:2:2
argerr e_all2 "'cloud.launch' is not a numeric input" \
	sweep "$F" --grid "$P=1:2:0" --grid cloud.launch=1:2:2
argerr e_metric "error: --target 'npv_maen=0': unknown metric 'npv_maen'; did you mean 'npv_mean'?" \
	breakeven "$F" --vary "$P" --target npv_maen=0 --range 1:2
# an industry metric of a scenario without an industry section: not
# "unknown", which sent the reader to the manual that lists it
argerr e_indmetric "error: --target 'industry_tightness@2030=1': 'industry_tightness' is an industry metric, and $F has no \`industry\` section" \
	breakeven "$F" --vary "$P" --target industry_tightness@2030=1 --range 1:2
argerr e_year "error: --target 'p_surplus@2050=0.5': year 2050 is outside the horizon 2030-2031" \
	breakeven "$F" --vary "$P" --target p_surplus@2050=0.5 --range 1:2
argerr e_noyear "'utilization' is a yearly metric: name the year" \
	breakeven "$F" --vary "$P" --target utilization=0.5 --range 1:2
argerr e_runyear "'npv_mean' is a run-level metric" \
	breakeven "$F" --vary "$P" --target npv_mean@2030=0 --range 1:2
argerr e_target "error: --target 'npv_mean': expected METRIC=VALUE" \
	breakeven "$F" --vary "$P" --target npv_mean --range 1:2
argerr e_value "VALUE 'abc' is not a number" \
	breakeven "$F" --vary "$P" --target npv_mean=abc --range 1:2
argerr e_share_hi "error: --target 'overbuild=1.5': overbuild is a share of trials, from 0 to 1" \
	breakeven "$F" --vary "$P" --target overbuild=1.5 --range 1:2
argerr e_share_lo "error: --target 'p_npv_positive=-0.1': p_npv_positive is a share of trials" \
	breakeven "$F" --vary "$P" --target p_npv_positive=-0.1 --range 1:2
argerr e_prob_hi "error: --target 'p_surplus@2030=101%': p_surplus@2030 is a share of trials" \
	breakeven "$F" --vary "$P" --target p_surplus@2030=101% --range 1:2
argerr e_fixed "error: --vary '$P': the input is fixed (2) in" \
	breakeven "$F" --vary "$P" --target npv_mean=0
argerr e_fixed2 "give the range with --range FROM:TO" \
	breakeven "$F" --vary "$P" --target npv_mean=0
argerr e_rorder "error: --range '3:1': FROM must be below TO" \
	breakeven "$F" --vary "$P" --target npv_mean=0 --range 3:1
argerr e_vpath "error: --vary 'cloud.opex': no input 'cloud.opex'" \
	breakeven "$F" --vary cloud.opex --target npv_mean=0 --range 0:1
argerr e_vterm "'cloud.term_years' is not a numeric input" \
	breakeven "$F" --vary cloud.term_years --target npv_mean=0 --range 1:3
# the parts of --grid / --range: the scenario's number syntax, and an
# error naming the bad part
argerr e_steps_frac "error: --grid '$P=1:2:3.5': STEPS must be a whole number >= 2 (got \`3.5\`)" \
	sweep "$F" --grid "$P=1:2:3.5"
argerr e_steps_word "STEPS must be a whole number >= 2 (got \`a\`)" \
	sweep "$F" --grid "$P=1:2:a"
argerr e_steps_nan "STEPS must be a whole number >= 2 (got \`nan\`)" \
	sweep "$F" --grid "$P=1:2:nan"
argerr e_steps_inf "STEPS must be a whole number >= 2 (got \`inf\`)" \
	sweep "$F" --grid "$P=1:2:inf"
argerr e_from_nan "error: --grid '$P=nan:2:3': FROM must be a finite number (got \`nan\`)" \
	sweep "$F" --grid "$P=nan:2:3"
argerr e_to_inf "error: --grid '$P=1:inf:3': TO must be a finite number (got \`inf\`)" \
	sweep "$F" --grid "$P=1:inf:3"
argerr e_from_word "error: --grid '$P=abc:2:3': FROM is not a number (got \`abc\`" \
	sweep "$F" --grid "$P=abc:2:3"
argerr e_range_nan "error: --range 'nan:2': FROM must be a finite number (got \`nan\`)" \
	breakeven "$F" --vary "$P" --target npv_mean=0 --range nan:2
argerr e_range_word "error: --range '1:x': TO is not a number (got \`x\`" \
	breakeven "$F" --vary "$P" --target npv_mean=0 --range 1:x
argerr e_cmpfile "error" compare "$F" "$tmp/missing.yaml"
argerr e_json "--json is for 'run'" sweep "$F" --grid "$P=1:2:2" --json


# an output directory that holds the scenario is an argument error: 2
mkdir -p "$tmp/holds" && cp "$F" "$tmp/holds/s.yaml"
(cd "$tmp" && "$CS_BIN" sweep holds/s.yaml --grid "$P=1:2:2" --trials 50 \
	--no-plots --quiet --out holds) 2>"$tmp/holds.err"
st=$?
[ "$st" -eq 2 ]
check "sweep --out holding the scenario exits 2 (got $st)" $?
grep -q "holds the input 'holds/s.yaml'" "$tmp/holds.err"
check "sweep says why: $(cat "$tmp/holds.err")" $?

echo "cli_analysis: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
