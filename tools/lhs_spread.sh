#!/bin/sh
# lhs_spread.sh — how much Latin hypercube sampling narrows the run-to-run
# spread of a scenario's headline figures (docs/notes-sampling.md).
#
#   sh tools/lhs_spread.sh [./computesim] [SCENARIO.yaml]
#
# Runs the scenario (default scenarios/meta-base.yaml) with seeds 1..SEEDS
# at TRIALS trials, once with --sampling mc and once with --sampling lhs,
# and prints for the NPV mean, P(NPV > 0) and each story share the sd
# across seeds under each, and the variance ratio (mc / lhs: how many
# times more plain Monte Carlo trials the same spread would take).
# Environment: SEEDS (default 100), TRIALS (default 10000), THREADS.
BIN=${1:-./computesim}
Y=${2:-$(cd "$(dirname "$0")/.." && pwd)/scenarios/meta-base.yaml}
SEEDS=${SEEDS:-100}
TRIALS=${TRIALS:-10000}
TH=${THREADS:+--threads $THREADS}
T=$(mktemp -d "${TMPDIR:-/tmp}/lhs_spread.XXXXXX") || exit 1
trap 'rm -rf "$T"' EXIT INT TERM

[ -x "$BIN" ] || { echo "lhs_spread: no executable '$BIN'" >&2; exit 1; }
for mode in mc lhs; do
	s=1
	while [ $s -le "$SEEDS" ]; do
		# shellcheck disable=SC2086
		"$BIN" run "$Y" --trials "$TRIALS" --seed $s --sampling $mode \
			--no-plots --json $TH --out "$T/out" > "$T/s.json" ||
			{ echo "lhs_spread: run failed" >&2; exit 1; }
		awk -v m=$mode '
			/^  "npv_busd": / { sub(/.*"mean": /, ""); sub(/,.*/, "");
					    npv = $0 }
			/^  "p_npv_positive": / { sub(/.*: /, ""); sub(/,.*/, "");
						  p = $0 }
			/^  "stories": / { line = $0
				split(line, a, /[{},:] */)
				for (i = 1; i in a; i++) {
					if (a[i] ~ /overbuild/) ob = a[i + 1]
					if (a[i] ~ /mismatch/) mm = a[i + 1]
					if (a[i] ~ /shortage/) sh = a[i + 1]
				} }
			END { print m, npv, p, ob, mm, sh }' "$T/s.json" >> "$T/all"
		s=$((s + 1))
	done
done
awk -v seeds="$SEEDS" -v trials="$TRIALS" '
	{ for (k = 2; k <= 6; k++) { s[$1, k] += $k; q[$1, k] += $k * $k }
	  n[$1]++ }
	END {
		split("npv_mean p_npv_positive overbuild mismatch shortage", name)
		printf "%d seeds, %d trials each\n", seeds, trials
		printf "%-16s %12s %12s %10s\n", "figure", "sd mc", "sd lhs",
		       "var ratio"
		for (k = 2; k <= 6; k++) {
			for (mi = 0; mi < 2; mi++) {
				m = mi ? "lhs" : "mc"
				mu = s[m, k] / n[m]
				v = (q[m, k] - n[m] * mu * mu) / (n[m] - 1)
				sd[mi] = sqrt(v > 0 ? v : 0)
			}
			ratio = sd[1] > 0 ? (sd[0] / sd[1]) ^ 2 : 0
			printf "%-16s %12.4g %12.4g %10.2f\n", name[k - 1], sd[0],
			       sd[1], ratio
		}
	}' "$T/all"
