#!/bin/sh
# cli_reliability.sh — nothing lost, signals honoured, causes named, limits
# known before the run (issue 15), by running the binary:
#   - `plot DIR` redraws only a directory computesim wrote, all or nothing
#     (a refused table, a failing gnuplot or a signal leaves every earlier
#     chart byte for byte), reads only regular files, names the file, line
#     and value of a chart table it refuses;
#   - SIGINT/SIGTERM in every phase (sampling, writing, drawing, a sweep's
#     points, breakeven's steps, compare's scenarios, sensitivity): exit
#     130, one "interrupted" line, the earlier result intact;
#   - options take their values whole (`--out --help`);
#   - a full disk while charts are drawn is named once; gnuplot's output is
#     escaped; invalid environment variables are refused (exit 2);
#   - a run too big for the memory this process may use is refused before
#     its first trial (COMPUTESIM_MEMORY_LIMIT, and a real memory cgroup
#     where one can be made).
# Parts that need gnuplot, root (tmpfs) or a memory cgroup say SKIP and
# why, and the rest still runs.
#
# Usage: CS_BIN=path/to/computesim CS_ROOT=repo sh tests/cli_reliability.sh

BIN=${CS_BIN:?set CS_BIN to the computesim binary}
ROOT=${CS_ROOT:?set CS_ROOT to the repository root}
NAME=cli_reliability
Y="$ROOT/tests/data/format-example.yaml"
T=$(mktemp -d "${TMPDIR:-/tmp}/cli_reliability.XXXXXX") || exit 1
MNT=""
CG=""
cleanup() {
	[ -n "$MNT" ] && umount "$MNT" 2>/dev/null
	[ -n "$CG" ] && rmdir "$CG" 2>/dev/null
	rm -rf "$T"
}
trap cleanup EXIT
trap 'exit 1' INT TERM
cd "$T" || exit 1
unset COMPUTESIM_GNUPLOT COMPUTESIM_PLOT_TIMEOUT COMPUTESIM_MEMORY_LIMIT

pass=0
fail=0
ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "$NAME: FAIL: $*" >&2; }
check() { # check "what" command...
	what=$1
	shift
	if "$@"; then ok; else bad "$what"; fi
}
skip() { echo "$NAME: SKIP: $*" >&2; }

# cksum of every file in directory $1 (names and contents), sorted; a
# FIFO or other special file by its name only (cksum would block on it)
snapshot() {
	(cd "$1" && for f in $(ls -A | sort); do
		if [ -f "$f" ]; then cksum "$f"; else echo "special $f"; fi
	done)
}
# 0 when no temporary of a run or a chart is left under $1
no_tmp() { [ -z "$(find "$1" -name '*.tmp-*' 2>/dev/null)" ]; }
# show a file on stderr (for a failing check)
show() { sed 's/^/    | /' "$1" >&2; }

have_gnuplot=0
command -v gnuplot >/dev/null 2>&1 && have_gnuplot=1

# ---- 1. plot is as safe as run ------------------------------------------
if [ $have_gnuplot -eq 1 ]; then
	"$BIN" run "$Y" --trials 300 --quiet --out p || bad "run with charts"
	check "run drew capacity_demand.png" test -s p/capacity_demand.png
	snapshot p > p.before

	# a chart table cut to its header: refused, every earlier chart kept
	cp -r p p1
	head -n 1 p/chart_capacity_demand.csv > p1/chart_capacity_demand.csv
	snapshot p1 > p1.before
	"$BIN" plot p1 > p1.out 2> p1.err
	st=$?
	check "header-only table: plot exits 1 (got $st)" test $st -eq 1
	check "header-only table: the old capacity_demand.png, byte for byte" \
		cmp -s p/capacity_demand.png p1/capacity_demand.png
	snapshot p1 > p1.after
	check "header-only table: every file as it was" cmp -s p1.before p1.after
	check "header-only table: named" grep -q \
		'^p1/chart_capacity_demand.csv: error: no data, only a header line$' p1.err ||
		show p1.err
	check "header-only table: no temporary left" no_tmp p1

	# Infinity in a cell: file, line, column and value named
	cp -r p p2
	awk -F, -v OFS=, 'NR == 3 { $2 = "Infinity" } 1' \
		p/chart_capacity_demand.csv > p2/chart_capacity_demand.csv
	"$BIN" plot p2 > p2.out 2> p2.err
	st=$?
	check "Infinity: plot exits 1 (got $st)" test $st -eq 1
	check "Infinity: file, line, column and value named" grep -q \
		"^p2/chart_capacity_demand.csv:3:6: error: column 'capacity_p5': \`Infinity\` is not a finite number$" \
		p2.err || show p2.err
	check "Infinity: every chart kept" cmp -s p/surplus.png p2/surplus.png
	# other values gnuplot must not see
	for v in nan inf 1e999 0x10 '1 ' 12abc; do
		awk -F, -v OFS=, -v v="$v" 'NR == 2 { $3 = v } 1' \
			p/chart_surplus.csv > p2/chart_surplus.csv
		"$BIN" plot p2 > /dev/null 2> p2.err
		st=$?
		check "\`$v\` in a table refused (got $st)" test $st -eq 1
		check "\`$v\` named" grep -q "chart_surplus.csv:2:[0-9]*: error: column '[a-z_0-9]*': \`$v\` is not a finite number" p2.err
	done
	cp p/chart_surplus.csv p2/chart_surplus.csv
	cp p/chart_capacity_demand.csv p2/chart_capacity_demand.csv
	# a row with a cell too many
	sed '4s/$/,7/' p/chart_utilization.csv > p2/chart_utilization.csv
	"$BIN" plot p2 > /dev/null 2> p2.err
	check "a row with an extra cell: refused" grep -q \
		'^p2/chart_utilization.csv:4:1: error: [0-9]* cells where the header has [0-9]*$' p2.err
	cp p/chart_utilization.csv p2/chart_utilization.csv
	"$BIN" plot --quiet p2 > /dev/null 2>&1
	check "the mended tables draw again" test $? -eq 0

	# a directory without the marker: refused, untouched
	cp -r p p3
	rm p3/.computesim
	rm p3/surplus.png
	snapshot p3 > p3.before
	"$BIN" plot p3 > p3.out 2> p3.err
	st=$?
	check "no marker: plot exits 1 (got $st)" test $st -eq 1
	check "no marker: says why" grep -q \
		'^p3: error: not a computesim output directory (no .computesim file in it)' p3.err
	snapshot p3 > p3.after
	check "no marker: untouched" cmp -s p3.before p3.after

	# a FIFO as chart_title.txt or as a table never blocks
	cp -r p p4
	rm p4/chart_title.txt
	mkfifo p4/chart_title.txt
	timeout 60 "$BIN" plot p4 > p4.out 2> p4.err
	st=$?
	check "FIFO chart_title.txt: plot exits 0 (got $st)" test $st -eq 0
	check "FIFO chart_title.txt: a warning" grep -q \
		'^warning: .*chart_title.txt is not a regular file' p4.err
	rm p4/chart_surplus.csv
	mkfifo p4/chart_surplus.csv
	snapshot p4 > p4.before
	timeout 60 "$BIN" plot p4 > p4.out 2> p4.err
	st=$?
	check "FIFO table: plot exits 1, not blocked (got $st)" test $st -eq 1
	check "FIFO table: named" grep -q \
		'^p4/chart_surplus.csv: error: not a regular file' p4.err
	snapshot p4 > p4.after
	check "FIFO table: untouched" cmp -s p4.before p4.after

	# a chart temporary left by a killed plot is removed once its owner
	# is gone; one whose process lives is left alone
	cp -r p p5
	dead=$(sh -c 'echo $$')
	printf 'x' > "p5/utilization.png.tmp-$dead"
	printf 'x' > "p5/utilization.png.tmp-$$"
	"$BIN" plot --quiet p5
	check "stale chart temporary removed" test ! -e "p5/utilization.png.tmp-$dead"
	check "a live process's temporary kept" test -e "p5/utilization.png.tmp-$$"
	rm -f "p5/utilization.png.tmp-$$"

	# a gnuplot that fails on one chart: no chart is replaced
	cat > failing-gnuplot <<'EOS'
#!/bin/sh
case "$3" in
*/payback.gp) echo 'payback.gp line 9: boom' >&2; exit 1 ;;
esac
exec gnuplot "$@"
EOS
	chmod +x failing-gnuplot
	cp -r p p6
	touch -d '2001-01-01' p6/*.png
	snapshot p6 > p6.before
	COMPUTESIM_GNUPLOT="$T/failing-gnuplot" "$BIN" plot p6 > p6.out 2> p6.err
	st=$?
	check "one chart fails: plot exits 1 (got $st)" test $st -eq 1
	check "one chart fails: gnuplot's message shown" grep -q 'payback.gp line 9: boom' p6.err
	snapshot p6 > p6.after
	check "one chart fails: every earlier chart kept" cmp -s p6.before p6.after
	check "one chart fails: not even the charts drawn before it replaced" \
		test -z "$(find p6 -name '*.png' -newer p6.before)"
	check "one chart fails: says so" grep -q \
		"^computesim: no chart redrawn in 'p6' (the earlier charts are as they were)" p6.err
	check "one chart fails: no temporary left" no_tmp p6
else
	skip "plot: gnuplot not installed"
fi

echo "$NAME: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
