#!/bin/sh
# layers.sh — the build's layering, checked on the object files.
#
#   sh tools/layers.sh OBJDIR LAYER...        (make check runs it)
#
# The sources sit in sim/LAYER/ and their objects in OBJDIR/LAYER/; the
# layers are given lowest first (util yaml stats load engine report cli,
# see docs/design.md). Every symbol an object uses (nm: undefined) that
# another object of the project defines must be defined in the same layer
# or a lower one. A use of a higher layer's symbol is printed as
#   layers: engine/run.o uses cli_stop from cli/main.o (cli > engine)
# and the exit status is 1. Symbols from outside the project (libc, GSL,
# libyaml) are not checked.
OBJ=${1:?usage: layers.sh OBJDIR LAYER...}
shift
[ $# -ge 1 ] || { echo "layers: no layers given" >&2; exit 2; }
command -v nm >/dev/null 2>&1 || { echo "layers: nm not found" >&2; exit 2; }

T=$(mktemp -d "${TMPDIR:-/tmp}/layers.XXXXXX") || exit 2
trap 'rm -rf "$T"' EXIT INT TERM

# rank of each layer, lowest 0
rank=0
for l in "$@"; do
	echo "$l $rank" >>"$T/ranks"
	rank=$((rank + 1))
done

# defined symbols: SYMBOL LAYER OBJECT; used ones: SYMBOL LAYER OBJECT
nobj=0
for l in "$@"; do
	for o in "$OBJ/$l"/*.o; do
		[ -e "$o" ] || continue
		nobj=$((nobj + 1))
		b="$l/$(basename "$o")"
		nm -g --defined-only "$o" | awk -v l="$l" -v b="$b" \
			'NF >= 3 { print $3, l, b }' >>"$T/defs"
		nm -u "$o" | awk -v l="$l" -v b="$b" '{ print $NF, l, b }' \
			>>"$T/uses"
	done
done
[ "$nobj" -gt 0 ] || { echo "layers: no objects under $OBJ" >&2; exit 2; }
touch "$T/defs" "$T/uses"

awk '
	FILENAME == ARGV[1] { rank[$1] = $2; next }
	FILENAME == ARGV[2] { def[$1] = $2; obj[$1] = $3; next }
	($1 in def) && rank[def[$1]] > rank[$2] {
		printf "layers: %s uses %s from %s (%s > %s)\n", $3, $1,
		       obj[$1], def[$1], $2
		bad++
	}
	END {
		if (bad) {
			printf "layers: %d use(s) of a higher layer\n", bad
			exit 1
		}
	}' "$T/ranks" "$T/defs" "$T/uses" || exit 1
echo "layers: $nobj objects, no use of a higher layer ($*)"
