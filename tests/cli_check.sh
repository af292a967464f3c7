#!/bin/sh
# cli_check.sh — `computesim check` as a user runs it.
#
# The bad-input suite is data: every tests/bad/NN-name.yaml holds one
# defect (66-three-defects.yaml holds three) and tests/bad/NN-name.err the
# exact stderr expected. Each runs in an empty temporary directory and must
# exit 2, print nothing on stdout, write nothing, and finish in under a
# second. Then: the FORMAT.md example passes, each tests/data/warn-*.yaml
# warns (exact stderr) without failing, --set (good and bad),
# several files at once, a missing file, and docs/keys.md is current.
#
# Usage: CS_BIN=build/x/computesim CS_ROOT=. sh tests/cli_check.sh
# Prints "cli_check: N passed, M failed"; exits 1 on any failure.

: "${CS_BIN:?set CS_BIN to the computesim binary}"
: "${CS_ROOT:?set CS_ROOT to the repository root}"
case $CS_BIN in /*) ;; *) CS_BIN=$PWD/$CS_BIN ;; esac
case $CS_ROOT in /*) ;; *) CS_ROOT=$PWD/$CS_ROOT ;; esac

pass=0
fail=0
tmp=$(mktemp -d "${TMPDIR:-/tmp}/cli_check.XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT INT TERM

ok() { pass=$((pass + 1)); }
no() {
	fail=$((fail + 1))
	echo "FAIL: $*" >&2
}

# Milliseconds since the epoch (GNU date), or seconds * 1000.
now_ms() {
	t=$(date +%s%N 2>/dev/null)
	case $t in
	*N | "") echo $(($(date +%s) * 1000)) ;;
	*) echo $((t / 1000000)) ;;
	esac
}

# run_in DIR ARGS...: run the binary in DIR; sets rc and ms; stdout and
# stderr go to $tmp/out and $tmp/err (outside DIR).
run_in() {
	dir=$1
	shift
	t0=$(now_ms)
	(cd "$dir" && exec "$CS_BIN" "$@") >"$tmp/out" 2>"$tmp/err"
	rc=$?
	t1=$(now_ms)
	ms=$((t1 - t0))
}

# A fresh empty working directory.
fresh() {
	rm -rf "$tmp/w"
	mkdir "$tmp/w"
}

# Nothing in $tmp/w but the named file(s)?
only_files() {
	got=$(cd "$tmp/w" && ls -A | tr '\n' ' ')
	[ "$got" = "$*" ]
}

# ---- the bad-input suite ----------------------------------------------
nbad=0
for y in "$CS_ROOT"/tests/bad/*.yaml; do
	[ -e "$y" ] || continue
	name=$(basename "$y")
	err=${y%.yaml}.err
	nbad=$((nbad + 1))
	if [ ! -f "$err" ]; then
		no "$name: no expected stderr ${err##*/}"
		continue
	fi
	fresh
	cp "$y" "$tmp/w/$name"
	run_in "$tmp/w" check "$name"
	if [ "$rc" -ne 2 ]; then
		no "$name: exit $rc, expected 2"
	elif ! cmp -s "$tmp/err" "$err"; then
		no "$name: stderr differs from ${err##*/}:"
		diff "$err" "$tmp/err" >&2
	elif [ -s "$tmp/out" ]; then
		no "$name: printed on stdout"
	elif ! only_files "$name "; then
		no "$name: wrote files: $(ls -A "$tmp/w" | tr '\n' ' ')"
	elif [ "$ms" -ge 1000 ]; then
		no "$name: took $ms ms"
	else
		ok
	fi
done
[ "$nbad" -ge 40 ] && ok || no "only $nbad bad-input files"

# ---- good input -------------------------------------------------------
ex=$CS_ROOT/tests/data/format-example.yaml
fresh
run_in "$tmp/w" check "$ex"
if [ "$rc" -eq 0 ] && [ "$(cat "$tmp/out")" = "$ex: ok" ] &&
	[ ! -s "$tmp/err" ] && only_files ""; then
	ok
else
	no "format example: exit $rc, stdout '$(cat "$tmp/out")'," \
		"stderr '$(cat "$tmp/err")'"
fi

# run options are refused by check (it runs no trials)
run_in "$tmp/w" check --trials 5 "$ex"
[ "$rc" -eq 2 ] && grep -q "runs no trials" "$tmp/err" && ok ||
	no "check --trials: exit $rc"

# --quiet: nothing on success
run_in "$tmp/w" check --quiet "$ex"
[ "$rc" -eq 0 ] && [ ! -s "$tmp/out" ] && [ ! -s "$tmp/err" ] && ok ||
	no "check --quiet: exit $rc, stdout '$(cat "$tmp/out")'"

# The FORMAT.md example, byte for byte.
if awk '/^## A scenario/ { s = 1 } s && /^```$/ && p { exit }
	p { print } s && /^```yaml$/ { p = 1 }' /work/shared/FORMAT.md \
	>"$tmp/fmt" 2>/dev/null && [ -s "$tmp/fmt" ]; then
	cmp -s "$tmp/fmt" "$ex" && ok ||
		no "tests/data/format-example.yaml differs from FORMAT.md"
fi

# Warnings only: every tests/data/warn-*.yaml passes (exit 0, "FILE: ok")
# with exactly the stderr in its .err: a distribution with mass outside
# its key's range (warn-mass), a then_growth that carries a year series
# out of its range at the medians (warn-series-growth), an uncertain
# start_year value of a rate that the next year's replaces (warn-idle-point),
# a cap drawn below 0 and below its floor, both said at once (warn-cap-floor).
nwarn=0
for w in "$CS_ROOT"/tests/data/warn-*.yaml; do
	[ -e "$w" ] || continue
	name=$(basename "$w")
	nwarn=$((nwarn + 1))
	fresh
	cp "$w" "$tmp/w/$name"
	run_in "$tmp/w" check "$name"
	if [ "$rc" -eq 0 ] && [ "$(cat "$tmp/out")" = "$name: ok" ] &&
		cmp -s "$tmp/err" "${w%.yaml}.err" && only_files "$name "; then
		ok
	else
		no "$name: exit $rc"
		diff "${w%.yaml}.err" "$tmp/err" >&2
	fi
done
[ "$nwarn" -ge 2 ] && ok || no "only $nwarn warning files"

# ---- a FIFO that nothing writes: read as empty at once (open() waited
# for a writer: check and run hung), exit 2, nothing written ------------
if command -v mkfifo >/dev/null 2>&1 && mkfifo "$tmp/fifo.yaml" 2>/dev/null; then
	for cmd in check run; do
		fresh
		(cd "$tmp/w" && exec timeout 30 "$CS_BIN" $cmd "$tmp/fifo.yaml") \
			>"$tmp/out" 2>"$tmp/err"
		rc=$?
		if [ "$rc" -eq 2 ] && grep -qx "$tmp/fifo.yaml:1:1: error: file is empty" "$tmp/err" &&
			only_files ""; then
			ok
		else
			no "$cmd of a FIFO without a writer: exit $rc (124: it hung), stderr: $(cat "$tmp/err")"
		fi
	done
	rm -f "$tmp/fifo.yaml"
fi

# ---- --set ------------------------------------------------------------
fresh
cp "$ex" "$tmp/w/s.yaml"
run_in "$tmp/w" check s.yaml --set simulation.trials=100 \
	--set 'cloud.launch={year: 2028}' \
	--set 'market.market_growth=40% to 90%' --set cloud.term_years=3 \
	--set supply.procurement.amd.share=0 \
	--set 'supply.capex_busd.then_growth={dist: normal, mean: 5%, sd: 5%, resample: year}' \
	--set 'demand.workloads.ads_ranking.growth.then_growth=-10% to 5%'
[ "$rc" -eq 0 ] && [ "$(cat "$tmp/out")" = "s.yaml: ok" ] &&
	[ ! -s "$tmp/err" ] && ok || no "--set good: exit $rc: $(cat "$tmp/err")"

# a --set creates a missing section when the schema knows the key
sed '/^cloud:/,/^  term_years/d' "$ex" >"$tmp/w/nocloud.yaml"
run_in "$tmp/w" check nocloud.yaml --set cloud.term_years=3 \
	--set 'cloud.launch={trigger_surplus_share: "10%"}'
[ "$rc" -eq 0 ] && [ ! -s "$tmp/err" ] && ok ||
	no "--set into an absent section: exit $rc: $(cat "$tmp/err")"

# expect_set EXPECTED-STDERR ARGS...: exit 2 and exactly that stderr
expect_set() {
	want=$1
	shift
	fresh
	cp "$ex" "$tmp/w/s.yaml"
	run_in "$tmp/w" check s.yaml "$@"
	printf '%s\n' "$want" >"$tmp/want"
	if [ "$rc" -eq 2 ] && cmp -s "$tmp/err" "$tmp/want" &&
		[ ! -s "$tmp/out" ] && only_files "s.yaml "; then
		ok
	else
		no "--set $*: exit $rc"
		diff "$tmp/want" "$tmp/err" >&2
	fi
}
expect_set "s.yaml: error: --set 'market.foo=3': unknown key \`foo\` in \`market\`" \
	--set market.foo=3
expect_set "s.yaml: error: --set 'supply.pue=0.5': supply.pue must be >= 1 (got 0.5)" \
	--set supply.pue=0.5
expect_set "s.yaml: error: --set 'supply.procurement.intel.share=1': no item named \`intel\` in \`supply.procurement\`" \
	--set supply.procurement.intel.share=1
expect_set "s.yaml: error: --set 'cloud.term_years=2.5': cloud.term_years must be a whole number (got 2.5)" \
	--set cloud.term_years=2.5
expect_set "s.yaml: error: --set 'cloud.launch={year: 2040}': cloud.launch: year 2040 is outside the horizon 2026-2035" \
	--set 'cloud.launch={year: 2040}'
expect_set "s.yaml: error: --set 'supply.capex_bsud=3': unknown key \`capex_bsud\` in \`supply\` (did you mean \`capex_busd\`?)" \
	--set supply.capex_bsud=3
expect_set "s.yaml: error: --set 'supply.pue=': no value after \`=\`" --set supply.pue=
# the short paths of the table's story-input lines (a list item's name
# first) point to the path --set takes; a name no item has does not
expect_set "s.yaml: error: --set 'training.growth=0.5': unknown section \`training\` (did you mean \`demand.workloads.training.growth\`?)" \
	--set training.growth=0.5
expect_set "s.yaml: error: --set 'training.growth.then_growth=0.1': unknown section \`training\` (did you mean \`demand.workloads.training.growth.then_growth\`?)" \
	--set training.growth.then_growth=0.1
expect_set "s.yaml: error: --set 'supply.nvidia.cost_decline=0.2': unknown key \`nvidia\` in \`supply\` (did you mean \`supply.procurement.nvidia.cost_decline\`?)" \
	--set supply.nvidia.cost_decline=0.2
expect_set "s.yaml: error: --set 'demand.nvidia.cost_decline=0.2': unknown key \`nvidia\` in \`demand\`" \
	--set demand.nvidia.cost_decline=0.2
expect_set "s.yaml: error: --set 'trainig.growth=0.5': unknown section \`trainig\`" \
	--set trainig.growth=0.5
# a slip in a per-year key's then_growth is suggested, as --grid does
expect_set "s.yaml: error: --set 'supply.power_gw.then_grwth=0.2': no input \`supply.power_gw.then_grwth\` (did you mean \`supply.power_gw.then_growth\`?)" \
	--set supply.power_gw.then_grwth=0.2
expect_set "s.yaml: error: --set 'supply.procurement.nvidia.kw_decline.then_growht=0.2': no input \`supply.procurement.nvidia.kw_decline.then_growht\` (did you mean \`supply.procurement.nvidia.kw_decline.then_growth\`?)" \
	--set supply.procurement.nvidia.kw_decline.then_growht=0.2
# a mapping given whole by --set: its missing keys name the --set (they
# were reported at the file's line of the section, which has them)
expect_set "s.yaml: error: --set 'supply.capex_response={floor: 0.5}': missing required key \`sensitivity\` in \`supply.capex_response\`" \
	--set 'supply.capex_response={floor: 0.5}'
expect_set "$(printf '%s\n' "s.yaml: error: --set 'demand={}': missing required key \`start_ratio\` in \`demand\`" "s.yaml: error: --set 'demand={}': missing required key \`workloads\` in \`demand\`")" \
	--set 'demand={}'
# a key of a section the file lacks, whose other required keys no --set
# gives: one message, not one per missing key and what the half-made
# section then contradicts (market_h100e beside an industry, ...)
expect_set "s.yaml: error: --set 'industry.elasticity=0.2': the file has no \`industry\` section, and the --set options do not give its required keys \`stock_h100e\`, \`capex_busd\`, \`compute_share\`, \`cost_per_h100e_usd\`, \`life_years\`, \`start_ratio\`, \`rented_share\`; add the section to the file, or give it whole (--set 'industry={...}')" \
	--set industry.elasticity=0.2
# two keys into the absent section, beside a market given without
# market_h100e (as a section made by --set needs): still one message, at
# the first; the market's key is not asked for (the section is meant)
expect_set "s.yaml: error: --set 'industry.elasticity=0.2': the file has no \`industry\` section, and the --set options do not give its required keys \`stock_h100e\`, \`capex_busd\`, \`compute_share\`, \`cost_per_h100e_usd\`, \`life_years\`, \`start_ratio\`, \`rented_share\`; add the section to the file, or give it whole (--set 'industry={...}')" \
	--set 'market={price_per_h100e_hour_usd: 2}' --set 'correlations=[]' \
	--set industry.elasticity=0.2 --set industry.growth=0.5
# an industry section --set gives: the file's market keys refused beside
# it name that --set, as a horizon a --set moved is named
ind='industry={stock_h100e: 1e7, capex_busd: 600, compute_share: 0.5, cost_per_h100e_usd: 20000, life_years: 5, start_ratio: 1.2, rented_share: 0.3}'
expect_set "$(printf '%s\n' "s.yaml:42:3: error: \`market.market_h100e\` is not used beside an \`industry\` section that --set '$ind' gives: the rented market is then industry.rented_share of the industry's demand; remove it" "s.yaml:43:3: error: \`market.market_growth\` is not used beside an \`industry\` section that --set '$ind' gives: the rented market is then industry.rented_share of the industry's demand; remove it" "s.yaml:57:47: error: correlations: \`market.market_growth\` is not used beside an \`industry\` section that --set '$ind' gives (the market is then the industry's); name an industry input instead")" \
	--set "$ind"

# ---- several files, a missing file --------------------------------------
fresh
cp "$ex" "$tmp/w/a.yaml"
cp "$CS_ROOT/tests/bad/16-negative-life.yaml" "$tmp/w/b.yaml"
run_in "$tmp/w" check a.yaml b.yaml
if [ "$rc" -eq 2 ] && [ "$(cat "$tmp/out")" = "a.yaml: ok" ] &&
	grep -q '^b.yaml:11:22: error: supply.useful_life_years must be > 0 (got -2)$' \
		"$tmp/err"; then
	ok
else
	no "two files: exit $rc"
fi
run_in "$tmp/w" check no-such-file.yaml
[ "$rc" -eq 2 ] && grep -q 'no-such-file.yaml' "$tmp/err" && ok ||
	no "missing file: exit $rc"

# ---- the key reference --------------------------------------------------
"$CS_BIN" keys >"$tmp/keys.md" 2>/dev/null
cmp -s "$tmp/keys.md" "$CS_ROOT/docs/keys.md" && ok ||
	no "docs/keys.md differs from 'computesim keys' (run make docs)"

# ---- Ctrl-C stops a long check between files ----------------------------
# 20,000 copies of the example (several seconds to check, more under
# ASan); SIGINT once the first "ok" is out (the handler is set by then):
# exit 130 within 5 s, every printed line an "ok", and the one stderr line
# counts the files left, which with the lines printed make 20,000.
fresh
cp "$ex" "$tmp/w/s.yaml"
n=20000
(cd "$tmp/w" && exec "$CS_BIN" check $(yes s.yaml | head -n $n)) \
	>"$tmp/out" 2>"$tmp/err" &
pid=$!
i=0
while [ ! -s "$tmp/out" ] && [ $i -lt 200 ] && kill -0 $pid 2>/dev/null; do
	sleep 0.05
	i=$((i + 1))
done
sleep 0.1
t0=$(now_ms)
kill -INT $pid 2>/dev/null
wait $pid
rc=$?
ms=$(($(now_ms) - t0))
done_n=$(grep -c '^s.yaml: ok$' "$tmp/out")
left=$((n - done_n))
if [ "$rc" -eq 130 ] && [ "$ms" -lt 5000 ] && [ "$left" -gt 0 ] &&
	[ "$(wc -l <"$tmp/out")" -eq "$done_n" ] &&
	[ "$(cat "$tmp/err")" = "computesim: interrupted; $left of $n files not checked" ]; then
	ok
else
	no "interrupted check: exit $rc after $ms ms, $done_n ok lines," \
		"stderr '$(cat "$tmp/err")'"
fi

# ---- files that are not scenarios at all ---------------------------------
# expect_file NAME EXPECTED-STDERR: check NAME in $tmp/w exits 2 with
# exactly that stderr, within a second
expect_file() {
	run_in "$tmp/w" check "$1"
	if [ "$rc" -eq 2 ] && [ "$(cat "$tmp/err")" = "$2" ] &&
		[ "$ms" -lt 1000 ] && [ ! -s "$tmp/out" ]; then
		ok
	else
		no "check $1: exit $rc after $ms ms, stderr '$(cat "$tmp/err")'"
	fi
}
fresh
# one byte over the 4 MiB the reader takes: refused before parsing
head -c 4194305 /dev/zero | tr '\0' '#' >"$tmp/w/big.yaml"
expect_file big.yaml "big.yaml:1:1: error: file is larger than 4194304 bytes, the most computesim reads"
printf '\377\376s\000:\000 \0001\000\n\000' >"$tmp/w/u16.yaml"
expect_file u16.yaml "u16.yaml:1:1: error: file is UTF-16 text; computesim reads UTF-8 (save it as UTF-8)"
expect_file nope.yaml "nope.yaml: error: cannot open: No such file or directory"
: >"$tmp/w/empty.yaml"
expect_file empty.yaml "empty.yaml:1:1: error: file is empty"

# ---- large correlation lists ---------------------------------------------
# corr_file N: a scenario with N procurement lines (2 uncertain inputs
# each) and N workloads (3 each); the correlations named on stdin close it
corr_file() {
	printf 'scenario: {name: corr, start_year: 2026, years: 5}\n'
	printf 'supply:\n  installed_base_h100e: 1e6\n'
	printf '  installed_base_life_years: 4\n  capex_busd: "100 to 140"\n'
	printf '  compute_share: 50%%\n  useful_life_years: 5\n  procurement:\n'
	ci=0
	while [ $ci -lt "$1" ]; do
		printf '    - {name: p%d, share: 1, cost_per_h100e_usd: "15000 to 25000", cost_decline: "15%% to 35%%"}\n' $ci
		ci=$((ci + 1))
	done
	printf 'demand:\n  start_ratio: "100%% to 120%%"\n  workloads:\n'
	ci=0
	while [ $ci -lt "$1" ]; do
		printf '    - {name: w%d, share: 1, growth: "20%% to 60%%", efficiency_gain: "10%% to 30%%", elasticity: "5%% to 50%%"}\n' $ci
		ci=$((ci + 1))
	done
	printf 'market:\n  price_per_h100e_hour_usd: 2\n  market_h100e: 4e6\n'
	printf '  market_growth: "30%% to 80%%"\ncorrelations:\n'
	cat
}
# An impossible triangle at the end of a chain through all 1,280 inputs
# of 256 lines and 256 workloads (rho_s 0.3 from each to the next): the
# first failing block holds the whole chain. That took a minute (one
# factorisation per leading block) and named 1,282 inputs in 47 KB; it
# must take under a second and name the three that conflict.
fresh
prev=
i=0
while [ $i -lt 256 ]; do
	for k in cost_per_h100e_usd cost_decline; do
		cur=supply.procurement.p$i.$k
		[ -n "$prev" ] && printf '  - [%s, %s, 0.3]\n' "$prev" "$cur"
		prev=$cur
	done
	i=$((i + 1))
done >"$tmp/chain"
i=0
while [ $i -lt 256 ]; do
	for k in growth efficiency_gain elasticity; do
		cur=demand.workloads.w$i.$k
		printf '  - [%s, %s, 0.3]\n' "$prev" "$cur"
		prev=$cur
	done
	i=$((i + 1))
done >>"$tmp/chain"
cat >"$tmp/tri" <<'YAML'
  - [supply.capex_busd, demand.workloads.w255.elasticity, 0.9]
  - [supply.capex_busd, market.market_growth, 0.9]
  - [demand.workloads.w255.elasticity, market.market_growth, -0.9]
YAML
cat "$tmp/chain" "$tmp/tri" | corr_file 256 >"$tmp/w/chain.yaml"
line=$(grep -n '^correlations:' "$tmp/w/chain.yaml" | cut -d: -f1)
expect_file chain.yaml "chain.yaml:$line:1: error: correlation matrix is not positive definite: the correlations among supply.capex_busd, demand.workloads.w255.elasticity and market.market_growth cannot all hold at once; weaken some of them"

# Eight growths pairwise at rho_s -0.15: any seven can hold, not all
# eight; a conflict of more than six inputs names six and counts the rest.
fresh
i=0
while [ $i -lt 8 ]; do
	j=0
	while [ $j -lt $i ]; do
		printf '  - [demand.workloads.w%d.growth, demand.workloads.w%d.growth, -0.15]\n' $j $i
		j=$((j + 1))
	done
	i=$((i + 1))
done | corr_file 8 >"$tmp/w/eight.yaml"
line=$(grep -n '^correlations:' "$tmp/w/eight.yaml" | cut -d: -f1)
expect_file eight.yaml "eight.yaml:$line:1: error: correlation matrix is not positive definite: the correlations among demand.workloads.w0.growth, demand.workloads.w1.growth, demand.workloads.w2.growth, demand.workloads.w3.growth, demand.workloads.w4.growth, demand.workloads.w5.growth and 2 more cannot all hold at once; weaken some of them"

# The chain alone is fine, and so is one correlation among those 1,283
# uncertain inputs (only correlated ones are factored): each checks
# within a second.
fresh
corr_file 256 <"$tmp/chain" >"$tmp/w/chain-ok.yaml"
echo '  - [supply.capex_busd, market.market_growth, 0.5]' |
	corr_file 256 >"$tmp/w/one.yaml"
for f in chain-ok.yaml one.yaml; do
	run_in "$tmp/w" check "$f"
	if [ "$rc" -eq 0 ] && [ "$(cat "$tmp/out")" = "$f: ok" ] &&
		[ ! -s "$tmp/err" ] && [ "$ms" -lt 1000 ]; then
		ok
	else
		no "check $f: exit $rc after $ms ms, stderr '$(cat "$tmp/err")'"
	fi
done

# --- a correlation naming a fixed input: ignored; a warning at the pair
# when the file fixes it (a slip), none when a --set does (on purpose)
V2="$CS_ROOT/tests/data/model-v2.yaml"
sed 's/^  efficiency_gain: {dist: pert, min: 0.3, mode: 0.5, max: 0.75}$/  efficiency_gain: 0.5/' \
	"$V2" >"$tmp/corrfix.yaml"
"$CS_BIN" check "$tmp/corrfix.yaml" >/dev/null 2>"$tmp/corrfix.err"
st=$?
line=$(grep -n '^  - \[demand.workloads.genai_inference.efficiency_gain, industry.efficiency_gain' \
	"$tmp/corrfix.yaml" | cut -d: -f1)
if [ $st -eq 0 ] && [ -n "$line" ] && grep -qx "$tmp/corrfix.yaml:$line:5: warning: correlations: \`industry.efficiency_gain\` is fixed, so its pair with \`demand.workloads.genai_inference.efficiency_gain\` is ignored (a correlation ties two uncertain inputs)" "$tmp/corrfix.err"; then
	ok
else
	no "a fixed correlated input in the file: exit $st, line '$line', stderr: $(cat "$tmp/corrfix.err")"
fi
"$CS_BIN" check "$V2" --set industry.efficiency_gain=0.5 >/dev/null 2>"$tmp/corrset.err"
st=$?
if [ $st -eq 0 ] && [ ! -s "$tmp/corrset.err" ]; then
	ok
else
	no "a correlated input fixed by --set: exit $st, stderr: $(cat "$tmp/corrset.err")"
fi

# a --set floor above the file's cap: the --set named (the message was at
# the file's cap, whose line says nothing of the floor given)
for fs in industry.capex_response.floor=2 supply.capex_response.floor=1.3; do
	"$CS_BIN" check "$V2" --set "$fs" >/dev/null 2>"$tmp/fcset.err"
	st=$?
	if [ $st -eq 2 ] && [ "$(wc -l <"$tmp/fcset.err")" -eq 1 ] &&
		grep -q "^$V2: error: --set '$fs': [a-z]*\.capex_response\.cap [0-9.]* is below its floor [0-9.]*; the cap must be >= the floor\$" "$tmp/fcset.err"; then
		ok
	else
		no "--set $fs: exit $st, stderr: $(cat "$tmp/fcset.err")"
	fi
done

# the file's fixed input still warned when a --set gives the other one
"$CS_BIN" check "$tmp/corrfix.yaml" \
	--set 'demand.workloads.genai_inference.efficiency_gain=30% to 60%' \
	>/dev/null 2>"$tmp/corrfix2.err"
st=$?
if [ $st -eq 0 ] && grep -q "warning: correlations: \`industry.efficiency_gain\` is fixed" "$tmp/corrfix2.err"; then
	ok
else
	no "a file-fixed correlated input beside a --set one: exit $st, stderr: $(cat "$tmp/corrfix2.err")"
fi

# after an error, no such warning: a value refused is left at its fixed
# default, and the pair's input is not fixed in the file
sed 's/^  efficiency_gain: {dist: pert, min: 0.3, mode: 0.5, max: 0.75}$/  efficiency_gain: {dist: pert, min: 0.3, mode: 0.5, max: 1.75}/' \
	"$V2" >"$tmp/corrbad.yaml"
"$CS_BIN" check "$tmp/corrbad.yaml" >/dev/null 2>"$tmp/corrbad.err"
st=$?
if [ $st -eq 2 ] && grep -q "error: industry.efficiency_gain" "$tmp/corrbad.err" &&
	! grep -q "warning" "$tmp/corrbad.err"; then
	ok
else
	no "a correlated input refused: exit $st, stderr: $(cat "$tmp/corrbad.err")"
fi

# --- a discount rate above 1 (9 for 9%): a warning that says what it is
"$CS_BIN" check "$V2" --set cloud.discount_rate=9 >/dev/null 2>"$tmp/disc.err"
st=$?
if [ $st -eq 0 ] && grep -qxF "$V2: warning: --set 'cloud.discount_rate=9': cloud.discount_rate: 9 is 900% a year; for 9% write \`9%\` or 0.09" "$tmp/disc.err"; then
	ok
else
	no "discount_rate 9: exit $st, stderr: $(cat "$tmp/disc.err")"
fi
# written in percent, 150% is meant: no warning
"$CS_BIN" check "$V2" --set cloud.discount_rate=150% >/dev/null 2>"$tmp/disc1.err"
st=$?
if [ $st -eq 0 ] && [ ! -s "$tmp/disc1.err" ]; then ok; else
	no "discount_rate 150%: exit $st, stderr: $(cat "$tmp/disc1.err")"
fi
# one end in percent: the other is still a rate of 1200%
"$CS_BIN" check "$V2" --set 'cloud.discount_rate=5% to 12' >/dev/null 2>"$tmp/disc3.err"
st=$?
if [ $st -eq 0 ] && grep -qF "cloud.discount_rate: 12 is 1200% a year; for 12% write \`12%\` or 0.12" "$tmp/disc3.err"; then
	ok
else
	no "discount_rate 5% to 12: exit $st, stderr: $(cat "$tmp/disc3.err")"
fi
"$CS_BIN" check "$V2" --set 'cloud.discount_rate=5 to 12' >/dev/null 2>"$tmp/disc2.err"
st=$?
if [ $st -eq 0 ] && grep -qF "cloud.discount_rate: 5 to 12 is 500% to 1200% a year; for percents write \`5% to 12%\`" "$tmp/disc2.err"; then
	ok
else
	no "discount_rate 5 to 12: exit $st, stderr: $(cat "$tmp/disc2.err")"
fi

# --- a growth above 10 (1000% a year) without `%`: percent points meant;
# a warning, as for the discount rate; in a year series too, and for a
# then_growth; 150% (1.5), or a p95 of 5, says nothing
gw() { # gw EXPECTED-STDERR-LINE-OR-EMPTY --set VALUE
	want=$1
	shift
	"$CS_BIN" check "$V2" "$@" >/dev/null 2>"$tmp/gw.err"
	st=$?
	if [ $st -eq 0 ] && { [ -z "$want" ] && [ ! -s "$tmp/gw.err" ] ||
		grep -qxF "$want" "$tmp/gw.err"; }; then ok; else
		no "growth $*: exit $st, stderr: $(cat "$tmp/gw.err")"
	fi
}
gw "$V2: warning: --set 'industry.growth=150': industry.growth: 150 is 15000% a year; for 150% write \`150%\` or 1.5" \
	--set industry.growth=150
gw "$V2: warning: --set 'industry.growth={2026: \"150 to 300\", 2029: 40%}': industry.growth: 150 to 300 is 15000% to 30000% a year; for percents write \`150% to 300%\`" \
	--set 'industry.growth={2026: "150 to 300", 2029: 40%}'
gw "$V2: warning: --set 'industry.growth={2026: 150%, then_growth: 30}': industry.growth.then_growth: 30 is 3000% a year; for 30% write \`30%\` or 0.3" \
	--set 'industry.growth={2026: 150%, then_growth: 30}'
gw "" --set 'industry.growth={2026: 150%, 2029: "40% to 120%"}'
gw "" --set 'demand.workloads.genai_inference.growth={dist: lognormal, p5: 0.8, p95: 5}'
# a `dist:` mapping whose end above 10 is written in percent says nothing
# either (it was told to write `20%` for the 2000% it had written); one
# whose end is not, does
gw "" --set 'industry.growth={dist: uniform, min: 500%, max: 2000%}'
# the price's yearly change is a growth too (it said nothing)
gw "$V2: warning: --set 'market.price_change=150': market.price_change: 150 is 15000% a year; for 150% write \`150%\` or 1.5" \
	--set market.price_change=150
gw "" --set 'industry.growth={2026: 150%, 2029: {dist: normal, mean: 1500%, sd: 100%}}'
gw "$V2: warning: --set 'industry.growth={dist: uniform, min: 500%, max: 20}': industry.growth: 20 is 2000% a year; for 20% write \`20%\` or 0.2" \
	--set 'industry.growth={dist: uniform, min: 500%, max: 20}'

echo "cli_check: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
