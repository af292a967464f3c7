#!/bin/sh
# mpi_bench.sh — the measured runs of docs/cluster.md: wall time of the
# whole job, peak resident memory and CPU time (user + system) of every
# rank (GNU time's %M, %U, %S, each rank under its own /usr/bin/time),
# for computesim and for computesim-mpi on 1, 2 and 4 ranks
# (oversubscribed on a small machine). On a shared machine the CPU times
# show how the work is divided when the wall times are blurred by the
# neighbours' load.
#
# Usage: sh tools/mpi_bench.sh [computesim] [computesim-mpi]
# Prints one table row a configuration (markdown). JOBS picks the jobs
# (default "run sweep compare drivers"), REPEAT the runs of each.
set -e
BIN=$(realpath "${1:-./computesim}")
MBIN=$(realpath "${2:-./computesim-mpi}")
ROOT=$(cd "$(dirname "$0")/.." && pwd)
T=$(mktemp -d "${TMPDIR:-/tmp}/mpi_bench.XXXXXX")
trap 'rm -rf "$T"' EXIT
export OMPI_ALLOW_RUN_AS_ROOT=1 OMPI_ALLOW_RUN_AS_ROOT_CONFIRM=1
export OMPI_MCA_rmaps_base_oversubscribe=1
export OMPI_MCA_btl_vader_single_copy_mechanism=none
# more ranks than cores: a waiting rank yields its core instead of spinning
export OMPI_MCA_mpi_yield_when_idle=1

# each rank under GNU time, its peak memory into mem.RANK
cat > "$T/wrap.sh" <<'W'
#!/bin/sh
exec /usr/bin/time -f '%M %U %S' -o "$MEMDIR/mem.${OMPI_COMM_WORLD_RANK:-0}" "$@"
W
export MEMDIR="$T"

now() { date +%s.%N; }
# REPEAT runs of each (default 3): the shortest wall time (this kind of
# machine shares its cores: the others wait for a neighbour), the
# memory and CPU times of the last run (they vary little)
row() { # row LABEL RANKS THREADS CMD...
	label=$1 r=$2 th=$3
	shift 3
	best=""
	k=0
	while [ $k -lt "${REPEAT:-3}" ]; do
		rm -f "$T"/mem.* && rm -rf "$T/o"
		t0=$(now)
		if [ "$r" = 0 ]; then
			sh "$T/wrap.sh" "$BIN" "$@" --threads "$th" \
				--out "$T/o" --quiet --no-plots
		else
			mpirun -q -n "$r" sh "$T/wrap.sh" "$MBIN" "$@" \
				--threads "$th" --out "$T/o" --quiet --no-plots
		fi
		t1=$(now)
		w=$(echo "$t1 - $t0" | bc)
		if [ -z "$best" ] || [ "$(echo "$w < $best" | bc)" = 1 ]; then
			best=$w
		fi
		k=$((k + 1))
	done
	mem=$(for f in "$T"/mem.*; do
		echo $(( $(cut -d' ' -f1 "$f") / 1024 )); done |
	      sort -n | tr '\n' ' ')
	cpu=$(for f in "$T"/mem.*; do
		awk '{ printf "%.1f\n", $2 + $3 }' "$f"; done |
	      sort -n | tr '\n' ' ')
	printf '| %s | %s | %s | %.1f | %s| %s|\n' "$label" \
		"$([ "$r" = 0 ] && echo "computesim" || echo "$r ranks")" "$th" \
		"$best" "$mem" "$cpu"
}

echo "| job | processes | threads each | wall s | peak MiB per rank | CPU s per rank |"
echo "|---|---|---|---|---|---|"
Y="$ROOT/tests/data/format-example.yaml"
M="$ROOT/scenarios/meta-base.yaml"
S="$ROOT/scenarios"
for job in ${JOBS:-run sweep compare drivers}; do
	for cfg in "0 2" "0 1" "1 1" "2 1" "4 1"; do
		set -- $cfg
		case $job in
		run) row "run, 2,000,000 trials" "$1" "$2" run "$Y" \
			--trials 2000000 ;;
		sweep) row "sweep 10x10, 20,000 trials a point" "$1" "$2" \
			sweep "$M" \
			--grid market.price_per_h100e_hour_usd=1.4:2.6:10 \
			--grid cloud.sellable_share=0.5:0.8:10 ;;
		compare) row "compare of 4 scenarios, 200,000 trials each" \
			"$1" "$2" compare "$S/overbuild.yaml" \
			"$S/mismatch.yaml" "$S/glut.yaml" "$M" \
			--trials 200000 ;;
		drivers) row "drivers, 50,000 base trials (33 matrices)" \
			"$1" "$2" drivers "$Y" --trials 50000 ;;
		esac
	done
done
