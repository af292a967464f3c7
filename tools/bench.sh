#!/bin/sh
# bench.sh — trials per second and peak memory of `computesim run` on
# docs/format.md's example scenario (tests/data/format-example.yaml: 10 years,
# 29 metrics, 31 uncertain inputs), and trials per second on one that uses
# every part of model v2 (tests/data/model-v2.yaml), on the same with
# the new inputs fixed (tests/data/model-v2-fixed.yaml), and on the
# example with as many uncertain inputs as model-v2.yaml and no part of
# model v2 (tests/data/format-example-47-inputs.yaml).
#
#   sh tools/bench.sh [./computesim]       (make bench)
#
# Times the whole process (load, trials, percentiles, writing; no charts),
# best of 3, for 200,000 trials at --threads 1 and 2; model-v2.yaml at 2
# threads, best of 3 runs that alternate with 3 more of the example, and
# its share of the example's trials/s from those; then the peak
# resident memory of a 1,000,000-trial run on every core. Environment:
# BENCH_TRIALS, BENCH_BIG_TRIALS, BENCH_REPEAT override the sizes.
BIN=${1:-./computesim}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
Y="$ROOT/tests/data/format-example.yaml"
TRIALS=${BENCH_TRIALS:-200000}
BIG=${BENCH_BIG_TRIALS:-1000000}
REPEAT=${BENCH_REPEAT:-3}
T=$(mktemp -d "${TMPDIR:-/tmp}/bench.XXXXXX") || exit 1
trap 'rm -rf "$T"' EXIT INT TERM

[ -x "$BIN" ] || { echo "bench: no executable '$BIN' (run make)" >&2; exit 1; }
[ -r "$Y" ] || { echo "bench: missing $Y" >&2; exit 1; }

now() { date +%s.%N; }

# once FILE THREADS: wall time of one run, in seconds
once() {
	t0=$(now)
	"$BIN" run "$1" --trials "$TRIALS" --threads "$2" --no-plots \
		--quiet --out "$T/out" || { echo "bench: run failed" >&2; exit 1; }
	t1=$(now)
	awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.3f", b - a }'
}

# least A B: the smaller of two times ("" counts as none)
least() {
	awk -v a="$1" -v b="$2" 'BEGIN {
		if (a == "" || (b != "" && b + 0 < a + 0)) a = b; print a }'
}

# seconds THREADS: best wall time of REPEAT runs, in seconds
seconds() {
	best=""
	i=0
	while [ $i -lt "$REPEAT" ]; do
		d=$(once "$Y" "$1") || exit 1
		best=$(least "$best" "$d")
		i=$((i + 1))
	done
	echo "$best"
}

cpus=$(getconf _NPROCESSORS_ONLN 2>/dev/null || echo "?")
echo "computesim bench: $(basename "$Y"), $cpus CPUs online"
printf '%-8s %10s %14s %12s\n' threads trials "best of $REPEAT" "trials/s"
for th in 1 2; do
	s=$(seconds $th) || exit 1
	printf '%-8s %10s %13ss %12s\n' "$th" "$TRIALS" "$s" \
		"$(awk -v n="$TRIALS" -v s="$s" 'BEGIN { printf "%.0f", n / s }')"
done

# The same on a scenario that uses every part of model v2 (industry,
# power, capex response, kw_decline): tests/data/model-v2.yaml, 2 threads;
# then on tests/data/model-v2-fixed.yaml, the same parts with the new
# inputs fixed at mid values, which splits the cost of the new machinery
# from that of 18 more uncertain inputs (docs/manual.md, Performance);
# then on tests/data/format-example-47-inputs.yaml, the example with 47
# uncertain inputs and no part of model v2: what those inputs cost alone.
# Each one's runs alternate with as many new runs of the example, and the
# share compares the best of each of these: on a machine whose speed
# drifts from minute to minute (a shared VM), runs of one scenario made
# minutes before the other's would measure the drift as well.
share() {
	[ -r "$1" ] || return 0
	s=""
	s2=""
	i=0
	while [ $i -lt "$REPEAT" ]; do
		d=$(once "$Y" 2) || exit 1
		s2=$(least "$s2" "$d")
		d=$(once "$1" 2) || exit 1
		s=$(least "$s" "$d")
		i=$((i + 1))
	done
	printf '%-8s %10s %13ss %12s  (%s: %s of the example'"'"'s trials/s, runs alternating)\n' \
		2 "$TRIALS" "$s" \
		"$(awk -v n="$TRIALS" -v s="$s" 'BEGIN { printf "%.0f", n / s }')" \
		"$(basename "$1")" \
		"$(awk -v a="$s2" -v b="$s" 'BEGIN { printf "%.0f%%", 100 * a / b }')"
}
share "$ROOT/tests/data/model-v2.yaml"	# exits the script on a failed run
share "$ROOT/tests/data/model-v2-fixed.yaml"
share "$ROOT/tests/data/format-example-47-inputs.yaml"

# Peak RSS of a big run: GNU time's %M (KiB), else the kernel's VmHWM
# polled while the run lives.
if [ -x /usr/bin/time ]; then
	t0=$(now)
	/usr/bin/time -f %M -o "$T/rss" "$BIN" run "$Y" --trials "$BIG" \
		--no-plots --quiet --out "$T/big" || { echo "bench: big run failed" >&2; exit 1; }
	t1=$(now)
	kib=$(cat "$T/rss")
else
	t0=$(now)
	"$BIN" run "$Y" --trials "$BIG" --no-plots --quiet --out "$T/big" &
	pid=$!
	kib=0
	while kill -0 $pid 2>/dev/null; do
		k=$(awk '/^VmHWM:/ { print $2 }' /proc/$pid/status 2>/dev/null)
		[ -n "$k" ] && kib=$k
		sleep 0.05
	done
	wait $pid || { echo "bench: big run failed" >&2; exit 1; }
	t1=$(now)
fi
awk -v k="$kib" -v n="$BIG" -v a="$t0" -v b="$t1" 'BEGIN {
	printf "peak RSS, %d trials, all cores: %.0f MiB (%.2f s, %.0f trials/s)\n",
	       n, k / 1024, b - a, n / (b - a) }'

# ---------------------------------------------------------------------------
# Analyses (section kept by the analysis module, sim/sweep.c): wall time of
# a 10 x 10 sweep of scenarios/meta-base.yaml at 2,000 trials a point, all
# cores: 100 light runs on the one parsed scenario and sample plan, with
# common random numbers. BENCH_SWEEP_TRIALS overrides the trials a point.
SWEEP_TRIALS=${BENCH_SWEEP_TRIALS:-2000}
M="$ROOT/scenarios/meta-base.yaml"
if [ -r "$M" ]; then
	t0=$(now)
	"$BIN" sweep "$M" --trials "$SWEEP_TRIALS" --no-plots --quiet \
		--out "$T/sweep" \
		--grid market.price_per_h100e_hour_usd=1.5:3:10 \
		--grid cloud.sellable_share=0.3:0.9:10 ||
		{ echo "bench: sweep failed" >&2; exit 1; }
	t1=$(now)
	awk -v n="$SWEEP_TRIALS" -v a="$t0" -v b="$t1" 'BEGIN {
		printf "sweep 10x10 of meta-base, %d trials a point, all cores: %.2f s (%.0f trials/s)\n",
		       n, b - a, 100 * n / (b - a) }'
else
	echo "bench: no $M: sweep skipped"
fi
