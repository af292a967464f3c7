#!/bin/sh
# cli_fixed.sh — every tests/fixed/NAME.yaml (all inputs fixed) through the
# whole program: `computesim run` with 3 trials, then yearly.csv against
# the hand-worked tests/fixed/NAME.expected (MODEL.md; the working is in
# the comments of NAME.yaml). Every trial is the same, so for each metric
# and year: mean and every percentile equal the expected value to 1e-9
# relative (1e-9 absolute where it is 0) and sd is 0 (to the same
# tolerance, relative to the value); for the probabilities p_*: mean is
# the expected 0/1, sd 0 and the percentile cells empty. Every expected
# line must have its row and every row its expected line.
#
# Usage: CS_BIN=path/to/computesim CS_ROOT=repo sh tests/cli_fixed.sh

: "${CS_BIN:?set CS_BIN to the computesim binary}"
CS_ROOT=${CS_ROOT:-.}

tmp=$(mktemp -d "${TMPDIR:-/tmp}/cli_fixed.XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT
trap 'exit 1' INT TERM

pass=0
fail=0

for yaml in "$CS_ROOT"/tests/fixed/*.yaml; do
	[ -e "$yaml" ] || continue
	name=$(basename "$yaml" .yaml)
	expected="$CS_ROOT/tests/fixed/$name.expected"
	out="$tmp/$name"
	"$CS_BIN" run "$yaml" --trials 3 --seed 1 --no-plots --quiet \
		--out "$out" >"$tmp/$name.stdout" 2>"$tmp/$name.stderr"
	status=$?
	if [ "$status" -ne 0 ]; then
		echo "FAIL: $name: computesim run exited $status:"
		sed 's/^/  /' "$tmp/$name.stderr"
		fail=$((fail + 1))
		continue
	fi
	if [ ! -f "$out/yearly.csv" ]; then
		echo "FAIL: $name: no $out/yearly.csv"
		fail=$((fail + 1))
		continue
	fi
	if awk -v tol=1e-9 -v name="$name" '
		function abs(x) { return x < 0 ? -x : x }
		function near(got, want) {
			if (want == 0)
				return abs(got) <= tol
			return abs(got - want) <= tol * abs(want)
		}
		function complain(msg) {
			print "FAIL: " name ": " msg
			bad++
		}
		FNR == NR {
			if ($0 ~ /^#/ || NF == 0)
				next
			if (NF != 3) {
				complain("expected file line " FNR ": " $0)
				next
			}
			key = $1 "," $2
			if (key in want)
				complain("expected file lists " key " twice")
			want[key] = $3 + 0
			next
		}
		FNR == 1 {
			ncol = split($0, h, ",")
			if (h[1] != "year" || h[2] != "metric" ||
			    h[3] != "mean" || h[4] != "sd" || ncol < 5)
				complain("unexpected header: " $0)
			next
		}
		{
			n = split($0, c, ",")
			key = c[1] "," c[2]
			if (n != ncol) {
				complain(key ": " n " cells, header has " ncol)
				next
			}
			if (!(key in want)) {
				complain("row without an expected value: " key)
				next
			}
			if (key in seen)
				complain("row twice: " key)
			seen[key] = 1
			w = want[key]
			sdtol = tol * (abs(w) > 1 ? abs(w) : 1)
			if (c[3] == "" || !near(c[3] + 0, w))
				complain(key ": mean " c[3] ", expected " w)
			if (c[4] == "" || abs(c[4] + 0) > sdtol)
				complain(key ": sd " c[4] ", expected 0")
			isprob = c[2] ~ /^p_/
			for (j = 5; j <= ncol; j++) {
				if (isprob) {
					if (c[j] != "")
						complain(key ": " h[j] " is \"" \
							 c[j] "\", expected empty")
				} else if (c[j] == "" || !near(c[j] + 0, w))
					complain(key ": " h[j] " " c[j] \
						 ", expected " w)
			}
		}
		END {
			for (k in want)
				if (!(k in seen))
					complain("no row for " k)
			exit (bad > 0)
		}' "$expected" "$out/yearly.csv"; then
		pass=$((pass + 1))
	else
		fail=$((fail + 1))
	fi
done

# a glob that matched nothing (tests/fixed moved or emptied) must not pass
if [ $((pass + fail)) -lt 6 ]; then
	echo "FAIL: only $((pass + fail)) fixed scenarios (6 expected)"
	fail=$((fail + 1))
fi
echo "cli_fixed: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
