#!/bin/sh
# fuzz.sh — libFuzzer over the YAML reader and the scenario loader.
#
#   sh tools/fuzz.sh                     # 60 seconds
#   FUZZ_SECONDS=2100 sh tools/fuzz.sh   # longer
#
# Installs clang and its fuzzer runtime with apt-get when they are missing
# (nothing else; `make fuzz` runs tools/deps.sh first for the libraries),
# builds every sim/*/*.c but cli/main.c and the MPI layer (sim/mpi/,
# computesim-mpi's own) together with tests/fuzz/fuzz_scenario.c
# with -fsanitize=fuzzer,address,undefined into build/fuzz/, seeds
# build/fuzz/corpus from the example scenarios, the bad-input and fixed
# test files, tests/fuzz/seeds, the inputs that once failed
# (tests/fuzz/crashes) and the example in /work/shared/FORMAT.md,
# and runs one fuzzing job for FUZZ_SECONDS. The corpus is kept between
# runs. A crash, leak or timeout (> FUZZ_TIMEOUT s, default 2: raise it
# when the machine is busy with other work) stops the run, leaves the input in
# build/fuzz/artifacts/ and makes the exit status non-zero; reproduce with
#   build/fuzz/fuzz_scenario build/fuzz/artifacts/crash-...
# Environment: FUZZ_SECONDS (60), FUZZ_MAX_LEN (65536), FUZZ_TIMEOUT (2),
# FUZZ_CC (clang).
set -e
cd "$(dirname "$0")/.."

seconds=${FUZZ_SECONDS:-60}
max_len=${FUZZ_MAX_LEN:-65536}
timeout=${FUZZ_TIMEOUT:-2}
cc=${FUZZ_CC:-clang}
out=build/fuzz

# --- tools -------------------------------------------------------------
missing=""
for p in clang libclang-rt-14-dev; do
	if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null |
	    grep -q "ok installed"; then
		missing="$missing $p"
	fi
done
if [ -n "$missing" ]; then
	echo "fuzz.sh: installing:$missing"
	sudo=""
	[ "$(id -u)" -ne 0 ] && sudo=sudo
	$sudo apt-get update -qq
	DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq $missing
fi

# --- build -------------------------------------------------------------
san="-fsanitize=fuzzer,address,undefined -fno-sanitize-recover=all"
cflags="-std=c11 -g -O1 -fno-omit-frame-pointer -D_GNU_SOURCE -Iinclude"
for l in sim/*/; do cflags="$cflags -I$l"; done
cflags="$cflags -DCOMPUTESIM_PLOTS_DIR=\"$(pwd)/plots\""
cflags="$cflags $(pkg-config --cflags gsl yaml-0.1)"
libs="$(pkg-config --libs gsl yaml-0.1) -lpthread -lm"

mkdir -p "$out/obj" "$out/corpus" "$out/artifacts"
objs=""
for src in sim/*/*.c; do
	case $src in sim/cli/main.c | sim/mpi/*) continue ;; esac
	obj="$out/obj/$(basename "$src" .c).o"
	# rebuild when the source or any header is newer than the object
	newer=""
	[ -e "$obj" ] && newer=$(find "$src" include sim -name '*.h' -newer "$obj" -o -path "$src" -newer "$obj" | head -n 1)
	if [ ! -e "$obj" ] || [ -n "$newer" ]; then
		echo "fuzz.sh: cc $src"
		$cc $cflags $san -c "$src" -o "$obj"
	fi
	objs="$objs $obj"
done
echo "fuzz.sh: linking $out/fuzz_scenario"
$cc $cflags $san tests/fuzz/fuzz_scenario.c $objs $libs \
	-o "$out/fuzz_scenario"

# --- corpus ------------------------------------------------------------
nseed=0
for f in scenarios/*.yaml tests/bad/*.yaml tests/fixed/*.yaml \
	tests/data/*.yaml tests/fuzz/seeds/* tests/fuzz/crashes/*.yaml; do
	[ -f "$f" ] || continue		# an empty glob stays as it is
	cp "$f" "$out/corpus/seed-$(echo "$f" | tr '/' '_')"
	nseed=$((nseed + 1))
done
if [ -f /work/shared/FORMAT.md ]; then
	awk '/^```yaml/ { n++; f = (n == 1); next } /^```/ { f = 0 } f' \
		/work/shared/FORMAT.md > "$out/corpus/seed-format-md.yaml"
	[ -s "$out/corpus/seed-format-md.yaml" ] && nseed=$((nseed + 1))
fi
echo "fuzz.sh: $nseed seed files; corpus $out/corpus" \
	"($(ls "$out/corpus" | wc -l) inputs)"

# --- run ---------------------------------------------------------------
echo "fuzz.sh: fuzzing for $seconds s (max_len $max_len)"
status=0
"$out/fuzz_scenario" -dict=tests/fuzz/yaml.dict \
	-max_total_time="$seconds" -rss_limit_mb=2048 -timeout="$timeout" \
	-max_len="$max_len" -print_final_stats=1 \
	-artifact_prefix="$out/artifacts/" "$out/corpus" || status=$?
if [ "$status" -ne 0 ]; then
	echo "fuzz.sh: FAILED (status $status); inputs in $out/artifacts:"
	ls -l "$out/artifacts"
	exit "$status"
fi
echo "fuzz.sh: ok, no crash in $seconds s; corpus" \
	"$(ls "$out/corpus" | wc -l) inputs"
