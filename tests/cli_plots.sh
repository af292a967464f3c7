#!/bin/sh
# cli_plots.sh — charts drawn by a run and by `computesim plot`, through
# the real gnuplot: PNG signature and size, no gnuplot warnings, hostile
# output paths and scenario names, gnuplot missing.
# Run: CS_BIN=.../computesim CS_ROOT=repo sh tests/cli_plots.sh
# Skips (one SKIP line, exit 0) only when gnuplot is not installed.

: "${CS_BIN:?set CS_BIN to the computesim binary}"
: "${CS_ROOT:?set CS_ROOT to the repository root}"
NAME=cli_plots
pass=0
fail=0

if ! command -v gnuplot >/dev/null 2>&1; then
	echo "$NAME: SKIP (gnuplot not installed)"
	exit 0
fi
unset COMPUTESIM_GNUPLOT COMPUTESIM_PLOTS

tmp=$(mktemp -d "${TMPDIR:-/tmp}/cli_plots.XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT INT TERM
SCEN="$CS_ROOT/scenarios/meta-base.yaml"
TRIALS=400

ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "$NAME: FAIL: $*" >&2; }
check() { # check DESCRIPTION COMMAND...
	d=$1
	shift
	if "$@"; then ok; else bad "$d"; fi
}

# Number of PNGs in directory $1.
npng() {
	n=0
	for f in "$1"/*.png; do
		[ -e "$f" ] && n=$((n + 1))
	done
	echo "$n"
}

# 0 when $1 is a PNG (signature, IHDR first) of at least 1200x750.
png_ok() {
	set -- $(od -An -tu1 -N24 "$1" 2>/dev/null)
	[ $# -eq 24 ] || return 1
	[ "$1 $2 $3 $4 $5 $6 $7 $8" = "137 80 78 71 13 10 26 10" ] || return 1
	[ "${13} ${14} ${15} ${16}" = "73 72 68 82" ] || return 1	# IHDR
	w=$(( ${17} * 16777216 + ${18} * 65536 + ${19} * 256 + ${20} ))
	h=$(( ${21} * 16777216 + ${22} * 65536 + ${23} * 256 + ${24} ))
	[ "$w" -ge 1200 ] && [ "$h" -ge 750 ]
}

# 0 when every PNG in $1 passes png_ok.
all_png_ok() {
	for f in "$1"/*.png; do
		png_ok "$f" || { echo "$NAME: bad PNG $f" >&2; return 1; }
	done
}

# 0 when file $1 mentions neither gnuplot nor a warning.
quiet_stderr() {
	if grep -i -e gnuplot -e warning "$1" >/dev/null; then
		sed 's/^/    stderr: /' "$1" >&2
		return 1
	fi
}

# --- a run draws the charts -------------------------------------------
out="$tmp/base"
"$CS_BIN" run "$SCEN" --trials $TRIALS --out "$out" >"$tmp/stdout" 2>"$tmp/stderr"
check "run exits 0" [ $? -eq 0 ]
n=$(npng "$out")
check "run writes at least six PNGs (got $n)" [ "$n" -ge 6 ]
check "PNG signature and size >= 1200x750" all_png_ok "$out"
check "no gnuplot warning on stderr of run" quiet_stderr "$tmp/stderr"
for f in capacity_demand utilization surplus cloud_npv payback npv_distribution; do
	check "$f.png drawn" [ -s "$out/$f.png" ]
done

# --- a run of one year: a band of one point draws nothing, so years.gp
# draws the year's row twice, 0.35 of a year either side; every chart
# drawn without a gnuplot warning, and the table years.gp builds holds the
# header and the row at 2025.65 and 2026.35 with all its fields
cat >"$tmp/y1.yaml" <<'EOF2'
scenario: {name: one year, start_year: 2026, years: 1}
simulation: {trials: 100, seed: 3}
supply:
  installed_base_h100e: "1.8e6 to 2.9e6"
  installed_base_life_years: 4
  capex_busd: "125 to 145"
  compute_share: 0.5
  useful_life_years: 5
  procurement: [{name: gpu, share: 1, cost_per_h100e_usd: 20000}]
demand: {start_ratio: "80% to 125%", workloads: [{name: w, share: 1}]}
market: {price_per_h100e_hour_usd: "1.8 to 2.6", market_h100e: 1e6}
cloud: {launch: {year: 2026}, discount_rate: 0.09}
EOF2
"$CS_BIN" run "$tmp/y1.yaml" --out "$tmp/y1" >"$tmp/stdout" 2>"$tmp/stderr"
check "one year: run exits 0" [ $? -eq 0 ]
check "one year: no gnuplot warning" quiet_stderr "$tmp/stderr"
check "one year: PNG signature and size" all_png_ok "$tmp/y1"
cat >"$tmp/y1.gp" <<EOF2
cs_in = '$tmp/y1'; cs_out = '$tmp/y1-test.png'; cs_scenario = 'x'
load '$CS_ROOT/plots/style.gp'
cs_file = cs_data('chart_utilization.csv')
load '$CS_ROOT/plots/years.gp'
set print '$tmp/y1-table.txt'
print \$cs_one
EOF2
# (in the locale the program gives gnuplot: sim/report/plot.c)
LC_ALL=C.UTF-8 gnuplot "$tmp/y1.gp" 2>"$tmp/stderr"
check "one year: years.gp builds its table" [ $? -eq 0 ]
check "one year: years.gp says nothing on stderr" [ ! -s "$tmp/stderr" ]
head -n 1 "$tmp/y1/chart_utilization.csv" >"$tmp/y1-head.txt"
check "one year: the table's header is the file's" \
	sh -c "head -n 1 '$tmp/y1-table.txt' | cmp -s - '$tmp/y1-head.txt'"
check "one year: two rows, at 2025.65 and 2026.35, every field" awk -F, '
	NF == 0 { next }	# print ends a datablock with an empty line
	{ r++ } r == 1 { n = NF } r == 2 { a = $1; na = NF } r == 3 { b = $1; nb = NF }
	END { exit !(r == 3 && a == "2025.65" && b == "2026.35" &&
		     na == n && nb == n) }' "$tmp/y1-table.txt"

# --- bands.gp: the fans' legend labels from band_outer and band_inner;
# '5–95%' and '25–75%' for a table without them, and for a cell emptied
# by hand (gnuplot's strcol of an empty last cell is the column's name:
# the legend said 'band_inner')
bands_of() { # bands_of TABLE: "outer|inner" as bands.gp reads them
	cat >"$tmp/bands.gp" <<EOF2
cs_in = '$tmp'; cs_out = '$tmp/bands-test.png'; cs_scenario = 'x'
load '$CS_ROOT/plots/style.gp'
cs_file = '$1'
load '$CS_ROOT/plots/bands.gp'
set print '$tmp/bands.txt'
print cs_band_o.'|'.cs_band_i
EOF2
	LC_ALL=C.UTF-8 gnuplot "$tmp/bands.gp" 2>"$tmp/bands.err" &&
		[ ! -s "$tmp/bands.err" ] && cat "$tmp/bands.txt"
}
printf 'year,p5,band_outer,band_inner\n2026,1,10\342\200\22390%%,25\342\200\22375%% (interpolated)\n2027,2,x,y\n' \
	>"$tmp/bands-new.csv"
printf 'year,p5\n2026,1\n2027,2\n' >"$tmp/bands-old.csv"
printf 'year,p5,band_outer,band_inner\n2026,1,,\n2027,2,,\n' >"$tmp/bands-empty.csv"
check "bands.gp: the labels of the table's first row" \
	test "$(bands_of "$tmp/bands-new.csv")" = "10–90%|25–75% (interpolated)"
check "bands.gp: a table without the columns: 5–95% and 25–75%" \
	test "$(bands_of "$tmp/bands-old.csv")" = "5–95%|25–75%"
check "bands.gp: cells emptied by hand: 5–95% and 25–75%" \
	test "$(bands_of "$tmp/bands-empty.csv")" = "5–95%|25–75%"

# --- one year, every input fixed, the cloud launched: the cumulative NPV
# fan is one flat point away from 0, so cloud_npv.gp widens the y range;
# its stats on the sums and on not_launched run before that, or stats
# finds every point out of range and gnuplot stops (the run failed with
# exit 1 and wrote nothing)
sed -e 's/"1.8e6 to 2.9e6"/2e6/' -e 's/"125 to 145"/135/' \
    -e 's/"80% to 125%"/0.8/' -e 's/"1.8 to 2.6"/2.2/' \
    "$tmp/y1.yaml" >"$tmp/y1f.yaml"
"$CS_BIN" run "$tmp/y1f.yaml" --out "$tmp/y1f" >"$tmp/stdout" 2>"$tmp/stderr"
check "one fixed year: run exits 0" [ $? -eq 0 ]
check "one fixed year: no gnuplot warning" quiet_stderr "$tmp/stderr"
check "one fixed year: cloud_npv.png drawn" [ -s "$tmp/y1f/cloud_npv.png" ]
check "one fixed year: the fan is flat and not 0" awk -F, '
	NR == 2 { exit !($2 == $6 && $2 + 0 != 0) }' "$tmp/y1f/chart_cloud_npv.csv"

# --- cloud_npv.png says how many trials have not launched by the last
# year (not_launched 0.8 then 0.4: 40% by 2027, whose NPV is 0 in every
# year and can hold the median at 0); none when all launch, and none,
# without a warning, from a table written before the column was added
mkdir -p "$tmp/cn"
cat >"$tmp/cn.gp" <<EOF2
call '$CS_ROOT/plots/cloud_npv.gp' '$tmp/cn' '$tmp/cn/t.png' 'x'
show xlabel
EOF2
printf '%s\n' year,p5,p25,p50,p75,p95,mean,not_launched 2026,0,0,0,0,0,0,0.8 2027,-1,0,0,2,5,1.2,0.4 >"$tmp/cn/chart_cloud_npv.csv"
LC_ALL=C.UTF-8 gnuplot -d "$tmp/cn.gp" 2>"$tmp/cn.err"
check "cloud_npv.gp: not launched by 2027: 40% of trials" \
	grep -qF "year   (not launched by 2027: 40% of trials, whose NPV is 0 in every year)" "$tmp/cn.err"
printf '%s\n' year,p5,p25,p50,p75,p95,mean,not_launched 2026,0,0,0,0,0,0,0 2027,-1,0,0,2,5,1.2,0 >"$tmp/cn/chart_cloud_npv.csv"
LC_ALL=C.UTF-8 gnuplot -d "$tmp/cn.gp" 2>"$tmp/cn.err"
check "cloud_npv.gp: every trial launched, no note" \
	sh -c "grep -q 'xlabel is \"year\"' '$tmp/cn.err' && ! grep -q 'not launched' '$tmp/cn.err'"
printf '%s\n' year,p5,p25,p50,p75,p95,mean 2026,0,0,0,0,0,0 2027,-1,0,0,2,5,1.2 >"$tmp/cn/chart_cloud_npv.csv"
LC_ALL=C.UTF-8 gnuplot -d "$tmp/cn.gp" 2>"$tmp/cn.err"
check "cloud_npv.gp: a table without not_launched draws, no note, nothing said" \
	sh -c "grep -q 'xlabel is \"year\"' '$tmp/cn.err' && ! grep -v 'xlabel is' '$tmp/cn.err' | grep -q ."

# --- compare: scenario names that wrap under the bars (every one of two,
# and four of them) are sized and drawn, with no gnuplot warning
S=$CS_ROOT/scenarios
"$CS_BIN" compare "$S/mismatch.yaml" "$S/glut.yaml" --trials 200 \
	--out "$tmp/cmpw" >"$tmp/stdout" 2>"$tmp/stderr"
check "compare of two long names exits 0" [ $? -eq 0 ]
check "compare of two long names: no gnuplot warning" quiet_stderr "$tmp/stderr"
"$CS_BIN" compare "$S/meta-base.yaml" "$S/overbuild.yaml" "$S/glut.yaml" \
	"$S/mismatch.yaml" --trials 200 --out "$tmp/cmp4" >"$tmp/stdout" 2>"$tmp/stderr"
check "compare of four exits 0" [ $? -eq 0 ]
check "compare of four: no gnuplot warning" quiet_stderr "$tmp/stderr"
# a 200-character name: cut in the key, no gnuplot warning
sed "s/^  name: .*/  name: \"$(printf 'word%02d ' $(seq 0 39))\"/" "$S/glut.yaml" \
	> "$tmp/longname.yaml"
"$CS_BIN" compare "$S/meta-base.yaml" "$tmp/longname.yaml" --trials 200 \
	--out "$tmp/cmpl" >"$tmp/stdout" 2>"$tmp/stderr"
check "compare with a 200-character name exits 0" [ $? -eq 0 ]
check "compare with a 200-character name: no gnuplot warning" quiet_stderr "$tmp/stderr"
check "... its key entry cut with an ellipsis" grep -q 'word09 …' "$tmp/cmpl/chart_compare_fan.csv"
for cd_ in cmpw cmp4; do	# (check sets $d)
	for f in compare_stories compare_readings; do
		check "$cd_: $f.png drawn" [ -s "$tmp/$cd_/$f.png" ]
	done
done

# --- compare: a Japanese name and a name with commas, in the C locale.
# The names under the bars (column `label`) are wrapped by display width,
# a wide character two columns (worked by hand: 2 scenarios, stories 31
# columns: 15 characters are 30, a 16th would make 32; readings 17:
# メタ基本ケース is 14, 日 would make 18 and "（" may not end a line; no
# line starts with "）"); the
# commas stay commas, written %2C (gnuplot splits a CSV line at every
# comma, quoted or not), which plots/unesc.gp turns back into commas.
sed 's/^  name: .*/  name: "Meta, base case, with commas"/' "$SCEN" > "$tmp/comma.yaml"
sed 's/^  name: .*/  name: メタ基本ケース（日本語の長いシナリオ名）/' "$SCEN" > "$tmp/ja.yaml"
(unset LANG LC_ALL LC_CTYPE LC_MESSAGES; "$CS_BIN" compare "$tmp/ja.yaml" \
	"$tmp/comma.yaml" --trials 200 --out "$tmp/cmpj" >"$tmp/stdout" 2>"$tmp/stderr")
check "compare of a Japanese name and commas, C locale, exits 0" [ $? -eq 0 ]
check "... no gnuplot warning" quiet_stderr "$tmp/stderr"
check "... stories: the Japanese name wrapped at 31 columns" \
	grep -qx 'メタ基本ケース（日本語の長いシナリオ名）,.*,メタ基本ケース（日本語の長いシ%0Aナリオ名）' \
	"$tmp/cmpj/chart_compare_stories.csv"
check "... stories: the commas kept" \
	grep -qx 'Meta%2C base case%2C with commas,.*,Meta%2C base case%2C with commas' \
	"$tmp/cmpj/chart_compare_stories.csv"
# (the readings' `label` cells by name: with an industry section the
# pairs' columns come after it)
awk -F, 'NR == 1 { for (i = 1; i <= NF; i++) if ($i == "label") c = i; next } { print $c }' \
	"$tmp/cmpj/chart_compare_readings.csv" >"$tmp/cmpj/labels.txt"
check "... readings: both wrapped at 17 columns" \
	sh -c 'grep -qx "メタ基本ケース%0A（日本語の長いシ%0Aナリオ名）" "$1" &&
		grep -qx "Meta%2C base case%2C%0Awith commas" "$1"' sh \
	"$tmp/cmpj/labels.txt"
check "... fans: the key's names keep their commas" \
	grep -q ',Meta%2C base case%2C with commas,' "$tmp/cmpj/chart_compare_fan.csv"
for f in compare_stories compare_readings compare_fans; do
	check "cmpj: $f.png drawn" png_ok "$tmp/cmpj/$f.png"
done
# what the charts draw from those cells: unesc.gp's commas, and a hedge
# ratio (style.gp's cs_ratio) never in e-notation
# gp_cell CELL [ARG...]: gnuplot with style.gp loaded prints CELL as
# unesc.gp decodes it, then runs ARG... (its -e options); into gp.out
gp_cell() {
	cell=$1
	shift
	LC_ALL=C.UTF-8 gnuplot -d -e "cs_in = '$tmp'; cs_out = '$tmp/t.png'; cs_scenario = 't'" \
		-e "load '$CS_ROOT/plots/style.gp'" \
		-e "cs_s = '$cell'; load cs_dir.'unesc.gp'; print cs_u" \
		"$@" >"$tmp/gp.out" 2>&1
}
gp_cell "$(sed -n 3p "$tmp/cmpj/chart_compare_stories.csv" | cut -d, -f1)" \
	-e "print cs_ratio(6.34e-06).' '.cs_ratio(-2e-7).' '.cs_ratio(0.0643).' '.cs_ratio(1234).' '.cs_ratio(0.1).' '.cs_ratio(100).' '.cs_ratio(0)"
printf '%s\n' 'Meta, base case, with commas' '<0.0001 >-0.0001 0.0643 1.23k 0.100 100 0' > "$tmp/gp.want"
check "unesc.gp gives the name with its commas; cs_ratio no e-notation" \
	cmp -s "$tmp/gp.out" "$tmp/gp.want"
# the story chart's and the NPV histogram's labels read as stdout's
# table: $B to 3 digits with their zeros (12.0 for 12.04, not 12), and a
# share 0% or 100% only when it is so (overbuild.yaml with no launch or
# fixed cost: overbuild's P(NPV > 0) 0.9991, stdout '>99%')
gp_cell x -e "print cs_busd(12.0358).' '.cs_busd(56.0).' '.cs_busd(0).' '.cs_busd(-0.28416).' '.cs_busd(126.147).' '.cs_busd(1234.5).' '.cs_busd(9.996)" \
	-e "print cs_prob(0).' '.cs_prob(0.004).' '.cs_prob(0.37175).' '.cs_prob(0.9991).' '.cs_prob(0.995).' '.cs_prob(1)"
printf '%s\n' x '12.0 56.0 0 -0.284 126 1234 10.0' '0% <1% 37% >99% >99% 100%' > "$tmp/gp.want"
check "cs_busd keeps 3 digits' zeros, cs_prob '<1%' and '>99%' as stdout" \
	cmp -s "$tmp/gp.out" "$tmp/gp.want"
for g_ in npv_by_story npv_dist; do
	check "$g_.gp labels through cs_busd and cs_prob, not cs_num or cs_pct" \
		sh -c "! grep -q -e 'cs_num(v)' -e 'cs_pct(p)' -e 'cs_pct(PPOS_max)' -e 'cs_pct(ZERO_max)' -e '%.1f \\\$B' '$CS_ROOT/plots/$g_.gp'"
done

# --- compare: names with a backslash, a DEL, a line break of their
# own and a bidi override (U+202E: it would turn the label's rest
# around), and a name of 1,500 bytes: gnuplot reads a backslash in a CSV cell
# as an escape (C:\new would draw as "C:", a line break, "ew") and cuts a
# cell of over 1,024 bytes; the chart tables refuse a DEL
printf '  name: "C:\\\\new\\\\101 50%%, \\x7F\\nnext \\u202Eltr"\n' > "$tmp/bsname"
awk -v f="$tmp/bsname" 'BEGIN { getline n < f } /^  name: / && !done { print n; done = 1; next } { print }' \
	"$SCEN" > "$tmp/bs.yaml"
long=$(awk 'BEGIN { for (i = 0; i < 60; i++) printf "日本語, 名前 %%d; ", i }')
sed "s/^  name: .*/  name: \"$long\"/" "$SCEN" > "$tmp/long.yaml"
(unset LANG LC_ALL LC_CTYPE LC_MESSAGES; "$CS_BIN" compare "$tmp/bs.yaml" \
	"$tmp/long.yaml" --trials 200 --out "$tmp/cmpb" >"$tmp/stdout" 2>"$tmp/stderr")
check "compare of a backslash, DEL, line break and 1,500-byte name exits 0" [ $? -eq 0 ]
check "... no gnuplot warning" quiet_stderr "$tmp/stderr"
check "... the backslashes escaped %5C, the DEL, line break and U+202E '?'" \
	grep -q ',C:%5Cnew%5C101 50%25%2C ??next ?ltr' "$tmp/cmpb/chart_compare_stories.csv"
check "... no cell over 1,024 bytes" \
	env LC_ALL=C awk -F, '{ for (i = 1; i <= NF; i++) if (length($i) > 1024) exit 1 }' \
	"$tmp/cmpb/chart_compare_stories.csv" "$tmp/cmpb/chart_compare_readings.csv"
for f in compare_stories compare_readings compare_fans; do
	check "cmpb: $f.png drawn" png_ok "$tmp/cmpb/$f.png"
done
gp_cell "$(sed -n 2p "$tmp/cmpb/chart_compare_stories.csv" | awk -F, '{ print $NF }')"
check "unesc.gp gives the backslashes back" grep -q 'C:\\new\\101' "$tmp/gp.out"

# --- compare draws unless every file says output.plots: false: the
# hindcast's false, first or not, leaves the charts; two falses, none
for order in "hindcast-2025 meta-base" "meta-base hindcast-2025"; do
	set -- $order
	"$CS_BIN" compare "$S/$1.yaml" "$S/$2.yaml" --trials 200 --quiet \
		--out "$tmp/cmpp" >/dev/null 2>"$tmp/stderr"
	check "compare $1 $2 exits 0" [ $? -eq 0 ]
	check "compare $1 $2: compare_stories.png drawn" \
		[ -s "$tmp/cmpp/compare_stories.png" ]
done
"$CS_BIN" compare "$S/hindcast-2025.yaml" "$S/hindcast-2025.yaml" \
	--trials 200 --quiet --out "$tmp/cmpn" >/dev/null 2>"$tmp/stderr"
check "compare of two plots: false exits 0" [ $? -eq 0 ]
check "compare of two plots: false: no chart" \
	[ ! -e "$tmp/cmpn/compare_stories.png" ]

# --- no locale at all (a minimal container): the same charts, no warning
# gnuplot itself warns "iconv failed to convert degree sign" without a
# UTF-8 locale; computesim hands it LC_ALL=C.UTF-8.
env -i PATH="$PATH" "$CS_BIN" run "$SCEN" --trials $TRIALS --out "$tmp/noloc" \
	>"$tmp/stdout" 2>"$tmp/stderr"
check "run without any locale exits 0" [ $? -eq 0 ]
check "no gnuplot warning without a locale" quiet_stderr "$tmp/stderr"
check "the same charts without a locale" [ "$(npng "$tmp/noloc")" -eq "$n" ]
env -i PATH="$PATH" LC_ALL=POSIX "$CS_BIN" plot "$tmp/noloc" \
	>"$tmp/stdout" 2>"$tmp/stderr"
check "plot with LC_ALL=POSIX: no gnuplot warning" quiet_stderr "$tmp/stderr"

# --- computesim plot redraws them from the CSVs alone ----------------
rm -f "$out"/*.png
"$CS_BIN" plot "$out" >"$tmp/stdout" 2>"$tmp/stderr"
check "plot exits 0" [ $? -eq 0 ]
check "plot redraws the same number of PNGs" [ "$(npng "$out")" -eq "$n" ]
check "redrawn PNGs are valid" all_png_ok "$out"
check "no gnuplot warning on stderr of plot" quiet_stderr "$tmp/stderr"

# --- npv_by_story.png: with an industry section, two bars a story, the
# mean NPV of its trials with the industry short and in glut at the
# horizon, from chart_stories.csv's last columns: npv_short, npv_glut,
# p_positive_short, p_positive_glut (summary.json's npv_by_industry,
# written from the same figures; empty where that is null) and
# idle_fleet, the fleet the title names as stdout does. Without an
# industry section or supply.power_gw, the table as before them and the
# chart as before. Each drawn by plot without a warning, and by gnuplot
# itself into a table (set table): the bars' labels are stdout's figures
# (meta-base: all six pairs; industry_glut with a start ratio of 1.2 or
# 4: mismatch only, the other pairs without trials and without a bar).
nbs_draw() { # nbs_draw DIR: npv_by_story.gp's title, labels, messages
	printf '%s\n' "call '$CS_ROOT/plots/npv_by_story.gp' '$1' '$1/nbs.png' 't'" \
		"save '$1/nbs.saved'" "set table '$1/nbs.tab'" replot "unset table" \
		>"$1/nbs.gp"
	LC_ALL=C.UTF-8 gnuplot -d "$1/nbs.gp" >"$1/nbs.err" 2>&1 && [ ! -s "$1/nbs.err" ]
}
nbs_pairs_ok() { # nbs_pairs_ok DIR STDOUT: the pair columns and labels
	python3 - "$1" "$2" <<'PY'
import csv, json, os, re, sys
d, out = sys.argv[1], open(sys.argv[2]).read()
s = json.load(open(os.path.join(d, 'summary.json')))
rows = list(csv.DictReader(open(os.path.join(d, 'chart_stories.csv'))))
stories = ('overbuild', 'mismatch', 'shortage')
bad = []
fleet = re.search(r"^Hedge ratio: .* the (.*?)'s discounted cost", out, re.M)
tab = open(os.path.join(d, 'nbs.tab')).read()
labels = {}
for m in re.finditer(r'^ *(-?[0-9.]+) +\S+ "(-?[0-9.]+ \$B\\nP\(NPV>0\) [^\\]*)\\n', tab, re.M):
    x = float(m.group(1))
    labels[(round(x), 'short' if x < round(x) else 'glut')] = m.group(2)
for k, st in enumerate(stories):
    r = rows[k]
    if r['story'] != st: bad.append('row %d is %s' % (k, r['story']))
    if not fleet or r.get('idle_fleet') != fleet.group(1):
        bad.append('%s: idle_fleet %r, stdout %r' % (st, r.get('idle_fleet'), fleet and fleet.group(1)))
    for state in ('short', 'glut'):
        j = s['npv_by_industry'][state][st]
        for col, key in (('npv_' + state, 'mean'), ('p_positive_' + state, 'p_positive')):
            c = r.get(col)
            if c is None or (j[key] is None) != (c == '') or \
               (c != '' and abs(float(c) - j[key]) > 1e-10 * max(1, abs(j[key]))):
                bad.append('%s %s: %r, summary.json %r' % (st, col, c, j[key]))
        line = re.search(r'^  industry %s( +at the horizon)?:(.*)$' % state,
                         out[out.find('NPV by story'):], re.M)
        f = re.search(r' %s (no trials|(\S+) \((\S+)\))' % st, line.group(2) if line else '')
        want = None if not f or f.group(1) == 'no trials' else \
            '%s $B\\nP(NPV>0) %s' % (f.group(2), f.group(3))
        if labels.get((k, state)) != want:
            bad.append('%s %s: label %r, stdout %r' % (st, state, labels.get((k, state)), want))
for b in bad:
    print('    ' + b, file=sys.stderr)
sys.exit(1 if bad else 0)
PY
}
"$CS_BIN" run "$SCEN" --trials $TRIALS --out "$tmp/nbs_mb" >"$tmp/nbs_mb.out" 2>"$tmp/stderr"
check "npv_by_story meta-base: run exits 0" [ $? -eq 0 ]
check "npv_by_story meta-base: no gnuplot warning" quiet_stderr "$tmp/stderr"
check "npv_by_story meta-base: gnuplot draws it without a message" nbs_draw "$tmp/nbs_mb"
check "npv_by_story meta-base: the pair columns are summary.json's, the labels stdout's" \
	nbs_pairs_ok "$tmp/nbs_mb" "$tmp/nbs_mb.out"
check "npv_by_story meta-base: the title names the industry's state and stdout's fleet" \
	grep -qF "set title \"Cloud NPV by story and the industry's state at the horizon\\nhedge ratio $(sed -n "s/^Hedge ratio: \([^ ]*\) .*/\1/p" "$tmp/nbs_mb.out") (of the idle and unpowered fleet's discounted cost, " \
	"$tmp/nbs_mb/nbs.saved"
"$CS_BIN" run "$CS_ROOT/tests/fixed/industry_glut.yaml" --trials 401 \
	--set 'industry.start_ratio={dist: choice, values: [1.2, 4], weights: [1, 1]}' \
	--out "$tmp/nbs_ig" >"$tmp/nbs_ig.out" 2>&1 &&
	"$CS_BIN" plot "$tmp/nbs_ig" >"$tmp/stdout" 2>"$tmp/stderr"
check "npv_by_story industry_glut, start ratio 1.2 or 4: run and plot exit 0" [ $? -eq 0 ]
check "npv_by_story industry_glut: no gnuplot warning" quiet_stderr "$tmp/stderr"
check "npv_by_story industry_glut: gnuplot draws it without a message" nbs_draw "$tmp/nbs_ig"
check "npv_by_story industry_glut: mismatch's pairs only, as summary.json and stdout" \
	nbs_pairs_ok "$tmp/nbs_ig" "$tmp/nbs_ig.out"
check "npv_by_story industry_glut: the title's fleet is the idle fleet" \
	grep -qF "\\nhedge ratio 0.102 (of the idle fleet's discounted cost, 27.1 \$B)" "$tmp/nbs_ig/nbs.saved"
"$CS_BIN" run "$CS_ROOT/tests/data/format-example.yaml" --out "$tmp/nbs_fe" \
	>"$tmp/stdout" 2>"$tmp/stderr"
check "npv_by_story format-example (no industry, no power): run exits 0" [ $? -eq 0 ]
check "npv_by_story format-example: no gnuplot warning" quiet_stderr "$tmp/stderr"
check "npv_by_story format-example: chart_stories.csv's header as before the pair columns" \
	test "$(head -n 1 "$tmp/nbs_fe/chart_stories.csv")" = \
	"story,share,short,glut,npv_mean,p_npv_positive,hedge_ratio,has_hedge,idle_pv_busd,has_industry,share_shown,short_shown,glut_shown"
check "npv_by_story format-example: gnuplot draws it without a message" nbs_draw "$tmp/nbs_fe"
check "npv_by_story format-example: the title as before" \
	grep -qF 'set title "Cloud NPV by story: hedge ratio 0.350 (of a discounted idle-fleet cost of 118 $B)\nt"' \
	"$tmp/nbs_fe/nbs.saved"
"$CS_BIN" run "$CS_ROOT/tests/fixed/power_stranded.yaml" --out "$tmp/nbs_ps" \
	>"$tmp/nbs_ps.out" 2>&1
check "npv_by_story power_stranded (power, no industry): run exits 0" [ $? -eq 0 ]
check "npv_by_story power_stranded: gnuplot draws it without a message" nbs_draw "$tmp/nbs_ps"
check "npv_by_story power_stranded: stdout names the idle and unpowered fleet" \
	grep -qF "over the idle and unpowered fleet's discounted cost, 62.2 \$B)" "$tmp/nbs_ps.out"
check "npv_by_story power_stranded: ... and so does the title, over one bar a story" \
	grep -qF "set title \"Cloud NPV by story\\nhedge ratio 0 (of the idle and unpowered fleet's discounted cost, 62.2 \$B)\\nt\"" \
	"$tmp/nbs_ps/nbs.saved"

# --- utilization.png: a demand ratio that never passes 1, one within
# 150% (the left axis), one up to 2.5x (an axis of its own on the right)
# and one up to 500x (that axis logarithmic) all draw, without a warning
# (an earlier draft failed on the first: every point of the right axis's
# line undefined)
# (and 1.45, still on the left; 8, a log axis labelled 1x, 2x, 4x, 8x)
nrow=$(($(wc -l <"$out/chart_utilization.csv") - 1))
for u in 0.9 1.4 1.45 2.5 8 500; do
	ud="$tmp/util$u"
	mkdir -p "$ud" && cp "$out"/chart_*.csv "$out"/chart_title.txt "$out"/.computesim "$ud"/
	awk -F, -v OFS=, -v u="$u" -v n="$nrow" 'NR == 1 { for (i = 1; i <= NF; i++) if ($i == "demand_ratio_p50") k = i; print; next }
		{ $k = 1 + (u - 1) * (NR - 2) / (n - 1); print }' "$out/chart_utilization.csv" \
		>"$ud/chart_utilization.csv"
	"$CS_BIN" plot "$ud" >"$tmp/stdout" 2>"$tmp/stderr"
	st=$?
	check "utilization.png with a demand ratio up to $u: exit $st" [ "$st" -eq 0 ]
	check "utilization.png with a demand ratio up to $u: drawn" [ -s "$ud/utilization.png" ]
	check "utilization.png with a demand ratio up to $u: no gnuplot warning" quiet_stderr "$tmp/stderr"
done

# --- report.md: every image it names exists, its numbers are summary.json's
# tests/data/model-v2.yaml (an industry section: industry.png and the
# stories split by state). Every PNG of the directory is in the report,
# every image the report names is there; the readings table's shares
# (0.1%), mean NPV by story and hedge ratio (4 significant digits) equal
# summary.json's, the shares' standard errors are the plus-four ones (two
# significant digits); `plot` rewrites report.md; without charts it says so.
rep="$tmp/report"
"$CS_BIN" run "$CS_ROOT/tests/data/model-v2.yaml" --trials $TRIALS \
	--out "$rep" >"$tmp/stdout" 2>"$tmp/stderr"
check "model-v2 run exits 0" [ $? -eq 0 ]
check "model-v2 draws stories, npv_by_story, industry" \
	test -s "$rep/stories.png" -a -s "$rep/npv_by_story.png" -a -s "$rep/industry.png"
check "no gnuplot warning on the model-v2 run" quiet_stderr "$tmp/stderr"
report_ok() { # report_ok DIR: python3 checks of DIR/report.md
	python3 - "$1" <<'PY'
import json, os, re, sys
d = sys.argv[1]
rep = open(os.path.join(d, 'report.md')).read()
s = json.load(open(os.path.join(d, 'summary.json')))
bad = []
imgs = re.findall(r'!\[[^\]]*\]\(([^)]+)\)', rep)
for i in imgs:
    if not os.path.isfile(os.path.join(d, i)):
        bad.append('missing image ' + i)
pngs = sorted(f for f in os.listdir(d) if f.endswith('.png'))
if sorted(imgs) != pngs:
    bad.append('images %s, PNGs %s' % (imgs, pngs))
def near(text, want, digits):
    if want is None:
        return text == '-'
    return abs(float(text) - want) <= 0.5 * 10 ** (digits) + 1e-12
for st in ('overbuild', 'mismatch', 'shortage'):
    m = re.search(r'^\| %s \| ([0-9.]+)%% \|(.*)$' % st, rep, re.M)
    if not m:
        bad.append('no row ' + st); continue
    if abs(float(m.group(1)) - 100 * s['stories'][st]) > 0.05 + 1e-9:
        bad.append('share ' + st)
    cells = [c.strip() for c in m.group(2).split('|') if c.strip()]
    if 'stories_by_industry' in s:
        for k, state in enumerate(('short', 'glut')):
            if abs(float(cells[k].rstrip('%')) - 100 * s['stories_by_industry'][state][st]) > 0.05 + 1e-9:
                bad.append('share %s %s' % (st, state))
        cells = cells[2:]
    mean = s['npv_by_story'][st]['mean']
    if mean is None:
        if cells[0] != '-': bad.append('mean ' + st)
    elif float(cells[0]) != float('%.4g' % mean):
        bad.append('mean %s %s %s' % (st, cells[0], mean))
h = re.search(r'\*\*Hedge ratio: ([^*]+)\*\*', rep)
hr = s['hedge_ratio']
if not h or (hr is None and h.group(1) != '-') or (hr is not None and float(h.group(1)) != float('%.4g' % hr)):
    bad.append('hedge ratio')
# a share's standard error: the plus-four one, q = (x + 2) / (n + 4),
# sqrt(q (1 - q) / (n + 4)), in points to two significant digits
import math
n = s['trials']
for label, p in [('P(NPV > 0)', s['p_npv_positive'])] + \
        [('share ' + st, s['stories'][st]) for st in ('overbuild', 'mismatch', 'shortage')]:
    q = (round(p * n) + 2) / (n + 4)
    e = 100 * math.sqrt(q * (1 - q) / (n + 4))
    want = ('%.0f%%' % e) if e >= 9.95 else ('%#.2g%%' % e)
    m = re.search(r'^\| %s \| [0-9.]+%% \| ([^ ]+) \|$' % re.escape(label), rep, re.M)
    if not m or m.group(1) != want:
        bad.append('se of %s: %s, want %s' % (label, m and m.group(1), want))
m = re.search(r'^\| mean NPV \(\$B\) \| ([^ ]+) \| ([^ ]+) \|$', rep, re.M)
if not m or float(m.group(1)) != float('%.4g' % s['npv_busd']['mean']) or float(m.group(2)) != float('%.4g' % s['npv_busd']['se']):
    bad.append('mean NPV and its se')
for b in bad:
    print(b)
sys.exit(1 if bad else 0)
PY
}
if command -v python3 >/dev/null 2>&1; then
	check "report.md: images exist, numbers are summary.json's" report_ok "$rep"
	rm -f "$rep/report.md" "$rep/industry.png"
	"$CS_BIN" plot "$rep" >"$tmp/stdout" 2>"$tmp/stderr"
	check "plot rewrites report.md" report_ok "$rep"
	"$CS_BIN" run "$SCEN" --trials 50 --no-plots --out "$tmp/rep2" \
		>/dev/null 2>&1
	check "report.md without charts says so" \
		grep -q "No charts were drawn" "$tmp/rep2/report.md"
else
	bad "python3 not found (report.md checks)"
fi

# --- a degenerate run: never launched, no surplus in any trial ----------
# (flat fans and empty histograms must not make gnuplot warn)
out="$tmp/degenerate"
"$CS_BIN" run "$SCEN" --trials 300 --set 'demand.start_ratio=50' \
	--set 'cloud.launch=never' --out "$out" >"$tmp/stdout" 2>"$tmp/stderr"
check "degenerate run exits 0" [ $? -eq 0 ]
check "degenerate run draws six PNGs" [ "$(npng "$out")" -ge 6 ]
check "no gnuplot warning on a degenerate run" quiet_stderr "$tmp/stderr"

# --- hostile output path and scenario name -----------------------------
# The path starts with '<' (gnuplot would hand such a file name to a
# shell), holds spaces, both quotes and command substitutions; the
# scenario's name holds quotes, a backslash, gnuplot's @ macro sign and
# enhanced-text markup.
mkdir "$tmp/cwd"
sed "s/^  name: Meta base case\$/  name: 'Evil \"q\" ''s'' \\\\ \$(touch pwned) \`touch pwned2\` @ARG1 {x}^2_y'/" \
	"$SCEN" >"$tmp/cwd/evil.yaml"
check "hostile name was put in the scenario" grep -q "touch pwned2" "$tmp/cwd/evil.yaml"
evil="<o \"dq\" 'sq' \$(touch pwned) \`touch pwned2\` ;x"
(cd "$tmp/cwd" && "$CS_BIN" run evil.yaml --trials 200 --out "$evil" \
	>"$tmp/stdout" 2>"$tmp/stderr")
check "run with a hostile --out exits 0" [ $? -eq 0 ]
check "hostile --out holds at least six PNGs" [ "$(npng "$tmp/cwd/$evil")" -ge 6 ]
check "hostile PNGs are valid" all_png_ok "$tmp/cwd/$evil"
check "no gnuplot warning with a hostile name" quiet_stderr "$tmp/stderr"
(cd "$tmp/cwd" && "$CS_BIN" plot "$evil" >"$tmp/stdout" 2>"$tmp/stderr")
check "plot of a hostile relative path exits 0" [ $? -eq 0 ]
check "no pwned file anywhere under the test dir" \
	[ -z "$(find "$tmp" -name 'pwned*' -print)" ]
for d in "$CS_ROOT" "$CS_ROOT/plots" "$(dirname "$CS_BIN")" "${HOME:-/nonexistent}" /; do
	check "no pwned file in $d" [ ! -e "$d/pwned" ] && [ ! -e "$d/pwned2" ]
done

# --- gnuplot missing ----------------------------------------------------
out="$tmp/nognu"
COMPUTESIM_GNUPLOT=/nonexistent/gnuplot-for-test "$CS_BIN" run "$SCEN" \
	--trials $TRIALS --out "$out" >"$tmp/stdout" 2>"$tmp/stderr"
check "run without gnuplot exits 0" [ $? -eq 0 ]
check "run without gnuplot writes yearly.csv" [ -s "$out/yearly.csv" ]
check "run without gnuplot writes summary.json" [ -s "$out/summary.json" ]
check "run without gnuplot writes no PNG" [ "$(npng "$out")" -eq 0 ]
check "run without gnuplot warns once" \
	[ "$(grep -c 'charts skipped: gnuplot not found (install gnuplot-nox' "$tmp/stderr")" -eq 1 ]
COMPUTESIM_GNUPLOT=/nonexistent/gnuplot-for-test "$CS_BIN" plot "$out" \
	>"$tmp/stdout" 2>"$tmp/stderr"
check "plot without gnuplot exits 1" [ $? -eq 1 ]
check "plot without gnuplot says so" grep -q 'charts skipped: gnuplot not found' "$tmp/stderr"
check "plot without gnuplot: an error, not a warning (it fails)" \
	grep -q '^error: charts skipped: gnuplot not found' "$tmp/stderr"
check "plot without gnuplot: no warning line" \
	[ "$(grep -c '^warning:' "$tmp/stderr")" -eq 0 ]

# --- a gnuplot that hangs is stopped, never waited on forever -----------
cat >"$tmp/hang-gnuplot" <<'EOS'
#!/bin/sh
exec sleep 300
EOS
chmod +x "$tmp/hang-gnuplot"
t0=$(date +%s)
COMPUTESIM_GNUPLOT="$tmp/hang-gnuplot" COMPUTESIM_PLOT_TIMEOUT=1 \
	"$CS_BIN" plot "$out" >"$tmp/stdout" 2>"$tmp/stderr"
rc=$?
t1=$(date +%s)
check "plot with a hanging gnuplot exits 1 (got $rc)" [ "$rc" -eq 1 ]
check "plot with a hanging gnuplot says it was stopped" \
	grep -q 'gnuplot took more than 1 s on .* and was stopped' "$tmp/stderr"
check "plot with a hanging gnuplot gives up within 20 s ($((t1 - t0)) s)" \
	[ $((t1 - t0)) -le 20 ]

# --- plot on something that is not an output directory ------------------
"$CS_BIN" plot "$tmp/does-not-exist" >"$tmp/stdout" 2>"$tmp/stderr"
check "plot of a missing directory exits 2, an argument error" [ $? -eq 2 ]
check "plot of a missing directory names it" grep -qx ".*does-not-exist: error: cannot open: No such file or directory" "$tmp/stderr"
mkdir "$tmp/empty"
"$CS_BIN" plot "$tmp/empty" >"$tmp/stdout" 2>"$tmp/stderr"
check "plot of a directory without chart data exits 1" [ $? -eq 1 ]
check "plot without chart data explains" grep -q "no chart data" "$tmp/stderr"

# a breakeven directory (ours, no chart tables) is told apart from a
# directory that is no output at all
"$CS_BIN" breakeven "$CS_ROOT/scenarios/meta-base.yaml" --vary cloud.max_market_share \
	--target npv_mean=0 --trials 100 --out "$tmp/be" >/dev/null 2>&1
"$CS_BIN" plot "$tmp/be" >"$tmp/stdout" 2>"$tmp/stderr"
check "plot of a breakeven directory exits 1" [ $? -eq 1 ]
check "plot of a breakeven directory says it draws no charts" \
	grep -q "no chart data (chart_\*.csv) here: nothing to redraw (breakeven" "$tmp/stderr"

# --- every column a chart script reads by name is checked first --------
# Each column of each chart table of a run (with --sensitivity), a sweep
# over one grid and over two, a compare and drivers is renamed in turn in
# a copy that holds that table alone (and what its charts read with it):
# plot must then draw without it (the scripts do not read it), or refuse
# the table naming the column (or, for a text column, the cell it now
# reads as a number); never leave it to gnuplot to fail or warn.
if true; then
	M="$CS_ROOT/scenarios/meta-base.yaml"
	"$CS_BIN" run "$M" --trials 60 --sensitivity --out "$tmp/c_run" >/dev/null 2>&1 &&
	"$CS_BIN" sweep "$M" --grid cloud.max_market_share=0.02:0.1:3 --trials 40 \
		--out "$tmp/c_sw1" >/dev/null 2>&1 &&
	"$CS_BIN" sweep "$M" --grid cloud.max_market_share=0.02:0.1:2 \
		--grid market.price_per_h100e_hour_usd=1.5:2.5:2 --trials 40 \
		--out "$tmp/c_sw2" >/dev/null 2>&1 &&
	"$CS_BIN" compare "$M" "$CS_ROOT/scenarios/glut.yaml" --trials 40 \
		--out "$tmp/c_cmp" >/dev/null 2>&1 &&
	"$CS_BIN" drivers "$M" --trials 32 --out "$tmp/c_drv" >/dev/null 2>&1
	check "the outputs for the column check" [ $? -eq 0 ]
	ncol=0
	for d_ in c_run c_sw1 c_sw2 c_cmp c_drv; do
		for t in "$tmp/$d_"/chart_*.csv; do
			tb=$(basename "$t")
			case $tb in
			chart_npv_*) with="chart_npv_*.csv" ;;
			chart_compare_fan.csv) with="$tb chart_compare_stories.csv" ;;
			*) with=$tb ;;
			esac
			nc=$(head -n 1 "$t" | awk -F, '{ print NF }')
			i=1
			while [ "$i" -le "$nc" ]; do
				col=$(head -n 1 "$t" | cut -d, -f"$i")
				cd_="$tmp/col"
				rm -rf "$cd_" && mkdir "$cd_" &&
					(cd "$tmp/$d_" && cp $with .computesim chart_title.txt "$cd_"/)
				awk -F, -v OFS=, -v i="$i" 'NR == 1 { $i = "zz_renamed" } { print }' \
					"$t" >"$cd_/$tb"
				"$CS_BIN" plot "$cd_" >"$tmp/stdout" 2>"$tmp/stderr"
				st=$?
				if [ "$st" -eq 0 ] && ! grep -qi -e gnuplot -e warning "$tmp/stderr"; then
					ok
				elif grep -q -e "^$cd_/$tb:1:1: error: no column '$col', which its chart reads" \
					-e "^$cd_/$tb:2:[0-9]*: error: column 'zz_renamed'" "$tmp/stderr"; then
					ok
				else
					bad "$d_/$tb without '$col': exit $st: $(head -c 300 "$tmp/stderr")"
				fi
				ncol=$((ncol + 1))
				i=$((i + 1))
			done
		done
	done
	check "columns renamed: $ncol (want >= 150)" [ "$ncol" -ge 150 ]
	# a chart whose table is gone keeps its earlier PNG, and says so
	cp -r "$tmp/c_run" "$tmp/c_gone" && rm "$tmp/c_gone/chart_stories.csv"
	"$CS_BIN" plot "$tmp/c_gone" >"$tmp/stdout" 2>"$tmp/stderr"
	check "plot without chart_stories.csv exits 0" [ $? -eq 0 ]
	check "... and says stories.png is the earlier one" grep -q \
		"^$tmp/c_gone/stories.png: warning: not redrawn: its table chart_stories.csv is missing" \
		"$tmp/stderr"
	# a chart name taken by a directory: found before any chart is
	# replaced, so every earlier chart is kept, and no temporary left
	cp -r "$tmp/c_run" "$tmp/c_isdir"
	echo "Another title" >"$tmp/c_isdir/chart_title.txt"
	rm "$tmp/c_isdir/surplus.png" && mkdir "$tmp/c_isdir/surplus.png"
	"$CS_BIN" plot "$tmp/c_isdir" >"$tmp/stdout" 2>"$tmp/stderr"
	check "a directory named surplus.png: plot exits 1" [ $? -eq 1 ]
	check "... says which" grep -q "cannot replace '$tmp/c_isdir/surplus.png': it is not a file" "$tmp/stderr"
	same_=0
	for p_ in "$tmp/c_run/"*.png; do
		b_=$(basename "$p_")
		[ "$b_" = surplus.png ] && continue
		cmp -s "$p_" "$tmp/c_isdir/$b_" || same_=1
	done
	check "... every other chart as it was" [ "$same_" -eq 0 ]
	check "... no temporary left" [ -z "$(ls -a "$tmp/c_isdir" | grep tmp)" ]
	# report.md that cannot be rewritten after the charts are: said so,
	# not "no chart redrawn"
	cp -r "$tmp/c_run" "$tmp/c_rep"
	rm "$tmp/c_rep/report.md" && mkdir "$tmp/c_rep/report.md"
	"$CS_BIN" plot "$tmp/c_rep" >"$tmp/stdout" 2>"$tmp/stderr"
	check "report.md a directory: plot exits 1" [ $? -eq 1 ]
	check "... says the charts are new and report.md is not" grep -q \
		"^computesim: charts redrawn in '$tmp/c_rep', but its report.md is the earlier one" "$tmp/stderr"
	# a chart that cannot be replaced for a reason no check sees (an
	# immutable file, where chattr works: root on ext4 or tmpfs): the
	# message says which charts are new
	cp -r "$tmp/c_run" "$tmp/c_imm"
	echo "Another title" >"$tmp/c_imm/chart_title.txt"
	if chattr +i "$tmp/c_imm/surplus.png" 2>/dev/null; then
		"$CS_BIN" plot "$tmp/c_imm" >"$tmp/stdout" 2>"$tmp/stderr"
		st_=$?
		chattr -i "$tmp/c_imm/surplus.png"
		check "immutable surplus.png: plot exits 1" [ "$st_" -eq 1 ]
		check "... says the charts were redrawn in part" grep -q \
			"^computesim: charts redrawn in '$tmp/c_imm' only in part" "$tmp/stderr"
	fi
	# a directory written before the *_shown label columns still
	# redraws its story charts, labels rounded one by one
	cp -r "$tmp/c_run" "$tmp/c_old" && cp -r "$tmp/c_cmp" "$tmp/c_oldc"
	for t_ in c_old/chart_stories.csv c_oldc/chart_compare_stories.csv \
		c_oldc/chart_compare_readings.csv; do
		awk -F, 'NR == 1 { for (i = 1; i <= NF; i++) keep[i] = $i !~ /_shown$/ }
			 { o = ""; for (i = 1; i <= NF; i++) if (keep[i]) o = o (o == "" ? "" : ",") $i; print o }' \
			"$tmp/$t_" >"$tmp/cut.csv" && mv "$tmp/cut.csv" "$tmp/$t_"
	done
	rm -f "$tmp/c_old/"*.png "$tmp/c_oldc/"*.png
	for d_ in c_old c_oldc; do
		"$CS_BIN" plot "$tmp/$d_" >"$tmp/stdout" 2>"$tmp/stderr"
		check "$d_: plot without the *_shown columns exits 0" [ $? -eq 0 ]
		check "$d_: ... no warning" quiet_stderr "$tmp/stderr"
	done
	check "c_old: stories.png redrawn" [ -s "$tmp/c_old/stories.png" ]
	# and with the columns, the labels are theirs: set to 42 they draw
	# another picture than the one rounded alone
	cp -r "$tmp/c_run" "$tmp/c_s42"
	awk -F, 'BEGIN { OFS = "," } NR == 1 { for (i = 1; i <= NF; i++) sh[i] = $i ~ /_shown$/; print; next }
		 { for (i = 1; i <= NF; i++) if (sh[i]) $i = 42; print }' \
		"$tmp/c_run/chart_stories.csv" >"$tmp/c_s42/chart_stories.csv"
	rm -f "$tmp/c_s42/"*.png
	"$CS_BIN" plot "$tmp/c_s42" >/dev/null 2>"$tmp/stderr"
	check "c_s42: plot exits 0" [ $? -eq 0 ]
	[ -s "$tmp/c_s42/stories.png" ] &&
		! cmp -s "$tmp/c_s42/stories.png" "$tmp/c_old/stories.png"
	check "c_s42: the *_shown columns make the labels" [ $? -eq 0 ]
	[ -s "$tmp/c_s42/npv_by_story.png" ] &&
		! cmp -s "$tmp/c_s42/npv_by_story.png" "$tmp/c_old/npv_by_story.png"
	check "c_s42: ... npv_by_story.png's too" [ $? -eq 0 ]
	# the hedge ratio in npv_by_story.png's title to 3 significant
	# digits, as on stdout: 0.00608 and 0.00612 draw two titles (both
	# "0.01" in 2 decimals)
	for h_ in 0.00608 0.00612; do
		cp -r "$tmp/c_run" "$tmp/c_h$h_"
		awk -F, -v h="$h_" 'BEGIN { OFS = "," } NR == 1 { for (i = 1; i <= NF; i++) if ($i == "hedge_ratio") c = i; print; next }
			 { $c = h; print }' \
			"$tmp/c_run/chart_stories.csv" >"$tmp/c_h$h_/chart_stories.csv"
		rm -f "$tmp/c_h$h_/"*.png
		"$CS_BIN" plot "$tmp/c_h$h_" >/dev/null 2>&1
	done
	[ -s "$tmp/c_h0.00608/npv_by_story.png" ] &&
		! cmp -s "$tmp/c_h0.00608/npv_by_story.png" "$tmp/c_h0.00612/npv_by_story.png"
	check "npv_by_story.png: the hedge ratio to 3 digits" [ $? -eq 0 ]
	
	check "c_oldc: compare_stories.png redrawn" [ -s "$tmp/c_oldc/compare_stories.png" ]
	check "c_oldc: compare_readings.png redrawn" [ -s "$tmp/c_oldc/compare_readings.png" ]
	# a correlated input's label ends in ' *' (meta-base's
	# industry.growth): each tornado then adds one footnote, in ASCII,
	# on the bottom line, the other two footnotes a line up; with the
	# marks taken out of the tables (a directory written before them)
	# there is none, and the footnotes stay where they were. Read from
	# the settings gnuplot saves after drawing.
	grep -q '^industry.growth (2027) \*,' "$tmp/c_run/chart_tornado.csv"
	check "c_run: industry.growth's tornado label marked" [ $? -eq 0 ]
	cp -r "$tmp/c_run" "$tmp/c_nomark"
	for t_ in chart_tornado.csv chart_tornado_surplus.csv; do
		sed 's/ \*,/,/' "$tmp/c_run/$t_" >"$tmp/c_nomark/$t_"
	done
	for d_ in c_run c_nomark; do
		for g_ in tornado tornado_surplus; do
			printf '%s\n' "call '$CS_ROOT/plots/$g_.gp' '$tmp/$d_' '$tmp/$d_/m.png' 't'" \
				"save '$tmp/$d_/$g_.saved'" >"$tmp/$d_/m.gp"
			LC_ALL=C.UTF-8 gnuplot -d "$tmp/$d_/m.gp" >"$tmp/$d_/m.err" 2>&1
			check "$d_ $g_.gp: no gnuplot message" quiet_stderr "$tmp/$d_/m.err"
		done
	done
	for g_ in tornado tornado_surplus; do
		f_="$tmp/c_run/$g_.saved"
		grep '^set label 94 ' "$f_" >"$tmp/l94" &&
			grep -q '"\* correlated with another input: its partners keep their own draws' "$tmp/l94" &&
			grep -q 'at screen 0.01, 0.015, 0 left' "$tmp/l94" &&
			! LC_ALL=C grep -q '[^ -~]' "$tmp/l94" &&
			grep '^set label 98 ' "$f_" | grep -q 'screen 0.01, 0.043, 0 left'
		check "c_run $g_: the footnote of the mark, ASCII, on the bottom line" [ $? -eq 0 ]
		f_="$tmp/c_nomark/$g_.saved"
		! grep -q '^set label 94 ' "$f_" &&
			grep '^set label 98 ' "$f_" | grep -q 'screen 0.01, 0.015, 0 left'
		check "c_nomark $g_: no mark, no footnote" [ $? -eq 0 ]
	done
fi

# the heat map's tics are the grid values as sweep.csv holds them:
# -10%:20%:4 holds 0, which -0.1 + 1 * (0.3 / 3) in gnuplot is not
mkdir -p "$tmp/heat0"
: >"$tmp/heat0/.computesim"
printf '%s\n' 'x,y,npv_mean,npv_p5,npv_p95,p_npv_positive,xaxis,yaxis' >"$tmp/heat0/chart_sweep_heat.csv"
for x_ in -0.1 0 0.1 0.2; do
	for y_ in 0.5 1; do
		echo "$x_,$y_,1,0,2,0.5,a (fraction per year),b" >>"$tmp/heat0/chart_sweep_heat.csv"
	done
done
printf '%s\n' "call '$CS_ROOT/plots/sweep_heat_p.gp' '$tmp/heat0' '$tmp/heat0/h.png' 't'" \
	"save '$tmp/heat0/saved.gp'" >"$tmp/heat0/w.gp"
LC_ALL=C.UTF-8 gnuplot -d "$tmp/heat0/w.gp" >"$tmp/heat0/err" 2>&1
check "sweep heat map: a grid value of 0 is labelled 0, not 1.38778e-17" \
	grep -q '^set xtics *("-0.1" -0.100000, "0" 0.00000, "0.1" 0.100000, "0.2" 0.200000)' "$tmp/heat0/saved.gp"
check "sweep heat map: mean NPV cells through cs_busd (2.10, not 2.1)" \
	grep -q '^    sh_fmt(v) = cs_busd(v)' "$CS_ROOT/plots/sweep_heat_body.gp"

# a two-input sweep over round thousands (cost per H100e 10000:30000:3)
# and over tiny values (1e-05): %.3g prints them "1e+04", "1e-05", which
# gnuplot cannot read back as a number, and the heat maps were not drawn
# (sweep exited 1 and wrote nothing)
cat >"$tmp/heatk.yaml" <<'EOF2'
scenario: {name: heat k, start_year: 2026, years: 2}
simulation: {trials: 50, seed: 3}
supply:
  installed_base_h100e: 2e6
  installed_base_life_years: 4
  capex_busd: 135
  compute_share: 0.5
  useful_life_years: 5
  procurement: [{name: gpu, share: 1, cost_per_h100e_usd: 20000}]
demand: {start_ratio: "80% to 125%", workloads: [{name: w, share: 1}]}
market: {price_per_h100e_hour_usd: 2.2, market_h100e: 1e6}
cloud: {launch: {year: 2026}, discount_rate: 0.09}
EOF2
"$CS_BIN" sweep "$tmp/heatk.yaml" --grid supply.procurement.gpu.cost_per_h100e_usd=10000:30000:3 \
	--grid cloud.opex_per_h100e_hour_usd=0:1e-5:2 --out "$tmp/heatk" >"$tmp/stdout" 2>"$tmp/stderr"
check "sweep over 10000:30000:3 and 0:1e-5:2: exits 0" [ $? -eq 0 ]
check "sweep over 10000:30000:3 and 0:1e-5:2: no gnuplot warning" quiet_stderr "$tmp/stderr"
check "sweep over 10000:30000:3 and 0:1e-5:2: both heat maps drawn" \
	sh -c "[ -s '$tmp/heatk/sweep_p_npv_positive.png' ] && [ -s '$tmp/heatk/sweep_npv_mean.png' ]"

# --- compare_readings.png's right panel holds 0 whatever the signs: two
# one-year scenarios where no trial has a surplus (no overbuild, no
# mismatch: those columns empty in every row) and every mean NPV is
# below 0 (the launch cost). Autoscaled, the panel ran from -3 to -2.75,
# A's bar of -3 hung from the top at full height and B's of -2.75 had
# none, and gnuplot warned of the two empty columns
# (heatk.yaml above, over one year, its demand always above capacity:
# start ratio 110-125%; and a launch cost)
sed -e 's/name: heat k, start_year: 2026, years: 2/name: all negative, start_year: 2026, years: 1/' \
	-e 's/"80% to 125%"/"110% to 125%"/' \
	-e 's/cloud: {launch: {year: 2026}, discount_rate/cloud: {launch: {year: 2026}, launch_cost_busd: 3, discount_rate/' \
	"$tmp/heatk.yaml" >"$tmp/neg.yaml"
sed 's/launch_cost_busd: 3/launch_cost_busd: 2.75/' "$tmp/neg.yaml" >"$tmp/neg2.yaml"
"$CS_BIN" compare "$tmp/neg.yaml" "$tmp/neg2.yaml" --out "$tmp/cmpneg" >"$tmp/stdout" 2>"$tmp/stderr"
check "compare, every story's NPV below 0 or none: exits 0" [ $? -eq 0 ]
check "compare, every story's NPV below 0 or none: no gnuplot warning" quiet_stderr "$tmp/stderr"
check "... compare_readings.png drawn" png_ok "$tmp/cmpneg/compare_readings.png"
LC_ALL=C.UTF-8 gnuplot -d -e "call '$CS_ROOT/plots/compare_readings.gp' '$tmp/cmpneg' '$tmp/cmpneg-test.png' 't'" \
	-e "set print '$tmp/cmpneg-y.txt'" -e "print GPVAL_Y_MIN, GPVAL_Y_MAX" >/dev/null 2>"$tmp/stderr"
check "... the NPV panel's y range holds 0 and -3 (a bar from 0 to each mean)" \
	awk 'NR == 1 { exit !($1 < -3 && $2 > 0) }' "$tmp/cmpneg-y.txt"

# --- compare_readings.png's right panel: with an industry section in any
# scenario, the mean NPV of each (story, industry state) pair (the
# table's npv_<story>_<state> columns, after `label`), a scenario without
# one its story bars; with none anywhere, or from a table written before
# those columns, each story's over both states, as before. meta-base
# against itself with B's industry growing no more after 2029; the
# example (no industry section) against meta-base; the example twice.
# The panel's title says which it draws, its y range holds every pair's
# mean (meta-base's overbuild: 12.7 $B over both states, 25 short).
# rp_draw DIR: compare_readings.gp on DIR; the title into DIR/rp.title,
# the right panel's y range DIR/rp.y, gnuplot's messages DIR/rp.err
rp_draw() {
	LC_ALL=C.UTF-8 gnuplot -d -e "call '$CS_ROOT/plots/compare_readings.gp' '$1' '$1/rp.png' 't'" \
		-e "save '$1/rp.saved'" -e "set print '$1/rp.y'" -e "print GPVAL_Y_MIN, GPVAL_Y_MAX" \
		>/dev/null 2>"$1/rp.err"
	sed -n 's/^set title "\(.*\)" *$/\1/p' "$1/rp.saved" >"$1/rp.title"
}
# rp_range DIR: 0 when the y range holds each of the six pairs' means
# (the npv_<story>_<state> columns, all six there)
rp_range() {
	awk -F, 'NR == FNR { split($0, y, " "); lo = y[1] + 0; hi = y[2] + 0; next }
		 FNR == 1 { for (i = 1; i <= NF; i++) if ($i ~ /^npv_(overbuild|mismatch|shortage)_(short|glut)$/) c[i] = ++n; next }
		 { for (i in c) if ($i != "" && ($i + 0 < lo || $i + 0 > hi)) out++ }
		 END { exit !(n == 6 && !out) }' "$1/rp.y" "$1/chart_compare_readings.csv"
}
RP_PAIRS='NPV by story and industry state (no bar: 0 or no trial)'
RP_STORIES='Cloud NPV by story (no bar: mean 0, or no trial)'
FE="$CS_ROOT/tests/data/format-example.yaml"
# rp_case WHAT DIR TITLE FILE...: compare FILE... (and any --set) at 200
# trials into DIR: exit 0, no gnuplot warning, the chart drawn, drawn
# alone without a message, the panel titled TITLE; with the pairs' title
# its y range holds every pair's mean
rp_case() {
	what=$1 dir=$2 title=$3
	shift 3
	"$CS_BIN" compare "$@" --trials 200 --out "$dir" >"$tmp/stdout" 2>"$tmp/stderr"
	check "readings, $what: exits 0" [ $? -eq 0 ]
	check "... no gnuplot warning" quiet_stderr "$tmp/stderr"
	check "... compare_readings.png drawn" png_ok "$dir/compare_readings.png"
	rp_draw "$dir"
	check "... drawn alone: no gnuplot message" quiet_stderr "$dir/rp.err"
	check "... the panel: $title" [ "$(cat "$dir/rp.title")" = "$title" ]
	if [ "$title" = "$RP_PAIRS" ]; then
		check "... its y range holds every pair's mean" rp_range "$dir"
	fi
}
rp_case "meta-base twice" "$tmp/rpself" "$RP_PAIRS" "$SCEN" "$SCEN" \
	--set B:industry.growth.then_growth=0
rp_case "the example and meta-base" "$tmp/rpmix" "$RP_PAIRS" "$FE" "$SCEN"
rp_case "the example twice" "$tmp/rpnone" "$RP_STORIES" "$FE" "$FE"
# a directory written before the pairs' columns: the stories, as before
cp -r "$tmp/rpself" "$tmp/rpold"
awk -F, 'NR == 1 { for (i = 1; i <= NF; i++) keep[i] = $i !~ /^(npv|p_positive)_[a-z]*_(short|glut)$/ }
	 { o = ""; for (i = 1; i <= NF; i++) if (keep[i]) o = o (o == "" ? "" : ",") $i; print o }' \
	"$tmp/rpself/chart_compare_readings.csv" >"$tmp/rpold/chart_compare_readings.csv"
rm -f "$tmp/rpold/"*.png
"$CS_BIN" plot "$tmp/rpold" >"$tmp/stdout" 2>"$tmp/stderr"
check "readings without the pairs' columns: plot exits 0" [ $? -eq 0 ]
check "... no warning" quiet_stderr "$tmp/stderr"
check "... another picture than with them" \
	sh -c '[ -s "$1" ] && ! cmp -s "$1" "$2"' sh "$tmp/rpold/compare_readings.png" "$tmp/rpself/compare_readings.png"
rp_draw "$tmp/rpold"
check "... drawn alone: no gnuplot message" quiet_stderr "$tmp/rpold/rp.err"
check "... the panel draws the stories" [ "$(cat "$tmp/rpold/rp.title")" = "$RP_STORIES" ]

# --no-plots: CSVs for a later `plot`, no PNG now
out="$tmp/noplots"
"$CS_BIN" run "$SCEN" --trials $TRIALS --no-plots --out "$out" >/dev/null 2>&1
check "--no-plots exits 0" [ $? -eq 0 ]
check "--no-plots draws nothing" [ "$(npng "$out")" -eq 0 ]

echo "$NAME: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
