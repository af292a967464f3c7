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

	# ... and in a run, a sweep: the figures are complete and kept, in
	# place without charts (a long run is not lost to gnuplot), exit 1
	COMPUTESIM_GNUPLOT="$T/failing-gnuplot" "$BIN" run "$Y" --trials 300 \
		--out p7 > p7.out 2> p7.err
	st=$?
	check "one chart fails in a run: exit 1 (got $st)" test $st -eq 1
	check "one chart fails in a run: gnuplot's message shown" grep -q 'payback.gp line 9: boom' p7.err
	check "one chart fails in a run: says where the results are" grep -qx \
		"computesim: no charts were drawn (the errors above); every other output is in 'p7', and \`computesim plot p7\` draws them again" p7.err
	check "one chart fails in a run: the table printed" grep -q '^Output: p7$' p7.out
	check "one chart fails in a run: summary.json, yearly.csv, report.md kept" \
		sh -c 'test -s p7/summary.json && test -s p7/yearly.csv && test -s p7/report.md'
	check "one chart fails in a run: no PNG (all or none)" \
		test -z "$(find p7 -name '*.png')"
	check "one chart fails in a run: no temporary left" \
		test -z "$(ls -d p7.tmp-* 2>/dev/null)"
	"$BIN" plot p7 > /dev/null 2>&1
	check "one chart fails in a run: plot draws them later" test -s p7/payback.png
	# the note comes last, after the table, as in sweep, compare, drivers
	COMPUTESIM_GNUPLOT="$T/failing-gnuplot" "$BIN" run "$Y" --trials 300 \
		--out p7b > p7b.all 2>&1
	check "one chart fails in a run: the note is the last line" sh -c \
		"tail -n 1 p7b.all | grep -q '^computesim: no charts were drawn'"
	printf '#!/bin/sh\necho "sweep_line.gp: boom" >&2\nexit 1\n' > failing-all
	chmod +x failing-all
	COMPUTESIM_GNUPLOT="$T/failing-all" "$BIN" sweep "$Y" --trials 50 \
		--grid cloud.sellable_share=0.3:0.9:3 --out p8 > p8.out 2> p8.err
	st=$?
	check "charts fail in a sweep: exit 1 (got $st)" test $st -eq 1
	check "charts fail in a sweep: sweep.csv kept, said so" sh -c \
		"test -s p8/sweep.csv && grep -q \"every other output is in 'p8'\" p8.err"
	# the command the note gives works for any name: quoted for a shell
	COMPUTESIM_GNUPLOT="$T/failing-gnuplot" "$BIN" run "$Y" --trials 50 \
		--out "p7 it's" > /dev/null 2> p7q.err
	check "one chart fails in a run: the command quoted for a shell" grep -q \
		"\`computesim plot 'p7 it'\\\\''s'\` draws them again\$" p7q.err
	COMPUTESIM_GNUPLOT="$T/failing-gnuplot" "$BIN" run "$Y" --trials 50 \
		--out -p7 > /dev/null 2> p7d.err
	check "one chart fails in a run: a leading '-' made ./-p7" grep -q \
		'`computesim plot ./-p7` draws them again$' p7d.err
else
	skip "plot: gnuplot not installed"
fi

# ---- 2. SIGINT/SIGTERM in every phase ---------------------------------------
# waitfor PID PATTERN...: 0 once a file matching a pattern exists while
# PID still runs (at most 60 s)
waitfor() {
	wpid=$1
	shift
	i=0
	while [ $i -lt 1200 ]; do
		for pat in "$@"; do
			for f in $pat; do
				if [ -e "$f" ]; then
					kill -0 "$wpid" 2>/dev/null && return 0
					return 1
				fi
			done
		done
		kill -0 "$wpid" 2>/dev/null || return 1
		sleep 0.05
		i=$((i + 1))
	done
	return 1
}
# interrupted WHAT SIG DIR PID: send SIG to PID, then exit 130, exactly
# one stderr line (in $WHAT.err) saying "interrupted", DIR as it was
# (DIR.before) and no temporary left beside it
interrupted() {
	kill -"$2" "$4"
	wait "$4"
	st=$?
	check "$1: exit 130 (got $st)" test $st -eq 130
	check "$1: one 'interrupted' line" test "$(grep -c 'interrupted' "$1.err")" -eq 1
	check "$1: nothing else on stderr" test "$(wc -l < "$1.err")" -eq 1 ||
		show "$1.err"
	if [ -e "$3.before" ]; then
		snapshot "$3" > "$3.after"
		check "$1: the earlier result intact" cmp -s "$3.before" "$3.after"
	else
		check "$1: nothing written" test ! -e "$3"
	fi
	check "$1: no temporary left" test -z "$(ls -d "$3".tmp-* 2>/dev/null)"
}
# the handler is set before any work: give a process this long to start
settle() { sleep 0.5; }

cat > slow-gnuplot <<'EOS'
#!/bin/sh
# a gnuplot slow to start: says it started, sleeps, then runs gnuplot
[ -n "$CS_STARTED" ] && : > "$CS_STARTED"
sleep 3
exec gnuplot "$@"
EOS
chmod +x slow-gnuplot

"$BIN" run "$Y" --trials 200 --no-plots --quiet --out s || bad "earlier run"
snapshot s > s.before

# sampling (SIGINT; cli_run.sh sends SIGTERM there)
"$BIN" run "$Y" --no-plots --quiet --trials 1000000 --threads 1 --out s \
	2> sample.err &
pid=$!
if waitfor $pid 's.tmp-*'; then
	settle
	interrupted sample INT s $pid
else
	wait $pid; bad "sampling: the run ended before it could be interrupted"
fi

# writing: trials.csv of 500,000 trials takes a while
"$BIN" run "$Y" --no-plots --quiet --trials 500000 --threads 2 --trials-csv \
	--out s 2> write.err &
pid=$!
if waitfor $pid 's.tmp-*/trials.csv'; then
	interrupted write INT s $pid
else
	wait $pid; bad "writing: the run ended before it could be interrupted"
fi

# sensitivity: its runs start once the base run's files are written
"$BIN" run "$Y" --no-plots --quiet --trials 200000 --threads 1 --sensitivity \
	--out s 2> sensitivity.err &
pid=$!
if waitfor $pid 's.tmp-*/chart_title.txt'; then
	settle
	interrupted sensitivity TERM s $pid
else
	wait $pid; bad "sensitivity: the run ended before it could be interrupted"
fi

# drawing: run, sweep, compare and plot, with a gnuplot slow to start
for sig in INT TERM; do
	rm -f started
	CS_STARTED="$T/started" COMPUTESIM_GNUPLOT="$T/slow-gnuplot" \
		"$BIN" run "$Y" --trials 200 --quiet --out s 2> "draw-run-$sig.err" &
	pid=$!
	if waitfor $pid started; then
		interrupted "draw-run-$sig" $sig s $pid
	else
		wait $pid; bad "drawing ($sig): run ended before it could be interrupted"
	fi
done
"$BIN" sweep "$Y" --trials 200 --grid cloud.price_impact=0:1:3 --quiet \
	--out sw || bad "earlier sweep"
snapshot sw > sw.before
rm -f started
CS_STARTED="$T/started" COMPUTESIM_GNUPLOT="$T/slow-gnuplot" \
	"$BIN" sweep "$Y" --trials 200 --grid cloud.price_impact=0:1:3 \
	--quiet --out sw 2> draw-sweep.err &
pid=$!
if waitfor $pid started; then
	interrupted draw-sweep INT sw $pid
else
	wait $pid; bad "drawing: sweep ended before it could be interrupted"
fi
"$BIN" compare "$Y" "$Y" --trials 200 --no-plots --quiet --out cmp ||
	bad "earlier compare"
snapshot cmp > cmp.before
rm -f started
CS_STARTED="$T/started" COMPUTESIM_GNUPLOT="$T/slow-gnuplot" \
	"$BIN" compare "$Y" "$Y" --trials 200 --quiet --out cmp \
	2> draw-compare.err &
pid=$!
if waitfor $pid started; then
	interrupted draw-compare INT cmp $pid
else
	wait $pid; bad "drawing: compare ended before it could be interrupted"
fi
if [ $have_gnuplot -eq 1 ]; then
	snapshot p > p.before
	rm -f started
	CS_STARTED="$T/started" COMPUTESIM_GNUPLOT="$T/slow-gnuplot" \
		"$BIN" plot p 2> draw-plot.err &
	pid=$!
	if waitfor $pid started; then
		kill -INT $pid
		wait $pid
		st=$?
		check "draw-plot: exit 130 (got $st)" test $st -eq 130
		check "draw-plot: says so, once" test "$(cat draw-plot.err)" = \
			"computesim: interrupted; no chart redrawn in 'p' (the earlier charts are as they were)" ||
			show draw-plot.err
		snapshot p > p.after
		check "draw-plot: every earlier chart intact" cmp -s p.before p.after
		check "draw-plot: no temporary left" no_tmp p
	else
		wait $pid; bad "drawing: plot ended before it could be interrupted"
	fi
else
	skip "SIGINT while plot draws: gnuplot not installed"
fi

# a sweep's points, breakeven's steps, compare's scenarios: long enough
# that the signal comes in the middle
snapshot sw > sw.before
"$BIN" sweep "$Y" --trials 20000 --threads 1 --grid cloud.price_impact=0:1:1000 \
	--no-plots --quiet --out sw 2> points.err &
pid=$!
settle
if kill -0 $pid 2>/dev/null; then
	interrupted points INT sw $pid
else
	wait $pid; bad "sweep ended before it could be interrupted"
fi
"$BIN" breakeven "$Y" --trials 200000 --threads 1 --vary cloud.price_impact \
	--target npv_mean=0 --range 0:1000 --quiet --out be 2> steps.err &
pid=$!
settle
if kill -0 $pid 2>/dev/null; then
	interrupted steps TERM be $pid
else
	wait $pid; bad "breakeven ended before it could be interrupted"
fi
snapshot cmp > cmp.before
set --
i=0
while [ $i -lt 40 ]; do set -- "$@" "$Y"; i=$((i + 1)); done
"$BIN" compare "$@" --trials 100000 --threads 1 --no-plots --quiet \
	--out cmp 2> scenarios.err &
pid=$!
settle
if kill -0 $pid 2>/dev/null; then
	interrupted scenarios INT cmp $pid
else
	wait $pid; bad "compare ended before it could be interrupted"
fi
set --

# ---- 3. options take their values whole ---------------------------------
for v in --help -h --version; do
	"$BIN" run "$Y" --trials 50 --no-plots --quiet --out "$v" > opt.out 2> opt.err
	st=$?
	check "--out $v: a run (exit $st)" test $st -eq 0
	check "--out $v: writes the directory '$v'" test -s "./$v/summary.json"
	check "--out $v: no help, no version printed" test ! -s opt.out
	"$BIN" run "$Y" --trials 50 --no-plots --quiet --out="$v-eq" > opt.out 2> opt.err
	check "--out=$v-eq: writes the directory '$v-eq'" test -s "./$v-eq/summary.json"
done
"$BIN" run "$Y" --set --version > opt.out 2> opt.err
st=$?
check "--set --version: exit 2 (got $st)" test $st -eq 2
check "--set --version: refused as a --set" grep -q \
	"^error: --set '--version': expected PATH=VALUE$" opt.err
"$BIN" run "$Y" --trials --help > opt.out 2> opt.err
check "--trials --help: refused as a --trials value" grep -q \
	"^error: --trials '--help': expected a whole number >= 1$" opt.err
"$BIN" run "$Y" --trials 50 --no-plots --out x --help > opt.out 2> opt.err
st=$?
check "--help as an option of its own still prints help (exit $st)" \
	test $st -eq 0 && grep -q '^Options:' opt.out
check "... and runs nothing" test ! -e x
"$BIN" run "$Y" --out > opt.out 2> opt.err
check "--out with nothing after it: exit 2" test $? -eq 2
check "--out with nothing after it: says so" grep -q \
	"^error: option '--out' needs a value$" opt.err
"$BIN" run "$Y" --trials 50 --no-plots --quiet --out y -- > opt.out 2> opt.err
check "-- at the end: a run" test -s y/summary.json

# ---- 4. messages that name the cause ----------------------------------------
# invalid environment variables: exit 2, variable and value named, once,
# nothing written
envbad() { # envbad "what" "expected stderr" VAR=VALUE... -- args...
	what=$1
	want=$2
	shift 2
	env "$@" > env.out 2> env.err
	st=$?
	check "$what: exit 2 (got $st)" test $st -eq 2
	check "$what: one line naming it" test "$(cat env.err)" = "$want" ||
		show env.err
	check "$what: nothing written" test ! -e envout
}
for v in abc 0 -5 inf nan 1e999 0x10 '' ' 5' 5s 100000; do
	[ -z "$v" ] && continue
	envbad "COMPUTESIM_PLOT_TIMEOUT='$v'" \
		"error: COMPUTESIM_PLOT_TIMEOUT='$v': expected the seconds one chart may take, a number > 0 and at most 86400 (unset: 60)" \
		COMPUTESIM_PLOT_TIMEOUT="$v" "$BIN" run "$Y" --trials 50 --out envout
done
envbad "COMPUTESIM_PLOT_TIMEOUT with an escape" \
	"error: COMPUTESIM_PLOT_TIMEOUT='1\\x1b[31m': expected the seconds one chart may take, a number > 0 and at most 86400 (unset: 60)" \
	COMPUTESIM_PLOT_TIMEOUT="$(printf '1\033[31m')" "$BIN" run "$Y" --trials 50 --out envout
printf '#!/bin/sh\nexit 0\n' > noexec-gnuplot
chmod 644 noexec-gnuplot
envbad "COMPUTESIM_GNUPLOT not executable (run)" \
	"error: COMPUTESIM_GNUPLOT='$T/noexec-gnuplot': not executable (no permission to run it)" \
	COMPUTESIM_GNUPLOT="$T/noexec-gnuplot" "$BIN" run "$Y" --trials 50 --out envout
envbad "COMPUTESIM_GNUPLOT a directory (sweep)" \
	"error: COMPUTESIM_GNUPLOT='$T': a directory, not a program" \
	COMPUTESIM_GNUPLOT="$T" "$BIN" sweep "$Y" --trials 50 \
	--grid cloud.price_impact=0:1:2 --out envout
envbad "COMPUTESIM_GNUPLOT not executable (compare)" \
	"error: COMPUTESIM_GNUPLOT='$T/noexec-gnuplot': not executable (no permission to run it)" \
	COMPUTESIM_GNUPLOT="$T/noexec-gnuplot" "$BIN" compare "$Y" "$Y" --trials 50 --out envout
envbad "both invalid (plot): one line each" \
	"$(printf '%s\n%s' "error: COMPUTESIM_PLOT_TIMEOUT='x': expected the seconds one chart may take, a number > 0 and at most 86400 (unset: 60)" \
	"error: COMPUTESIM_GNUPLOT='$T/noexec-gnuplot': not executable (no permission to run it)")" \
	COMPUTESIM_PLOT_TIMEOUT=x COMPUTESIM_GNUPLOT="$T/noexec-gnuplot" "$BIN" plot s
envbad "COMPUTESIM_PLOT_TIMEOUT (drivers)" \
	"error: COMPUTESIM_PLOT_TIMEOUT='abc': expected the seconds one chart may take, a number > 0 and at most 86400 (unset: 60)" \
	COMPUTESIM_PLOT_TIMEOUT=abc "$BIN" drivers "$Y" --trials 50 --out envout
envbad "COMPUTESIM_PLOTS without scripts (run)" \
	"error: COMPUTESIM_PLOTS='$T/nowhere': no chart scripts there (no style.gp); name the plots/ directory, or unset it" \
	COMPUTESIM_PLOTS="$T/nowhere" "$BIN" run "$Y" --trials 50 --out envout
COMPUTESIM_PLOT_TIMEOUT=abc "$BIN" run "$Y" --trials 50 --no-plots --quiet \
	--out envok 2> env.err
check "--no-plots: the chart variables are not read" test $? -eq 0
COMPUTESIM_PLOT_TIMEOUT=0.5 "$BIN" run "$Y" --trials 50 --no-plots --quiet \
	--out envok 2> env.err
check "COMPUTESIM_PLOT_TIMEOUT=0.5 is valid" test $? -eq 0

# gnuplot's output, escape sequences and all, is shown escaped
cat > loud-gnuplot <<'EOS'
#!/bin/sh
printf 'line 1: \033[2J\033]0;title\007bad\r\n' >&2
exit 1
EOS
chmod +x loud-gnuplot
COMPUTESIM_GNUPLOT="$T/loud-gnuplot" "$BIN" run "$Y" --trials 50 --out loud \
	> loud.out 2> loud.err
check "a failing gnuplot: exit 1" test $? -eq 1
check "gnuplot's output escaped" grep -q \
	'^line 1: \\x1b\[2J\\x1b\]0;title\\x07bad$' loud.err || show loud.err
check "no control character reaches the terminal" \
	test -z "$(tr -d '\n' < loud.err | tr -d '[:print:]')"

# a scenario name with YAML escapes (ESC, a right-to-left override U+202E,
# a newline) reaches no terminal and no report raw: the heading of run,
# compare's list and report.md's title show them escaped
sed 's/^  name: .*/  name: "N \\x1b[31m red\\u202e a\\nb"/' "$CS_ROOT/scenarios/glut.yaml" >esc.yaml
"$BIN" run esc.yaml --trials 50 --out esc > esc.out 2> esc.err
check "an escaped name: run exits 0" test $? -eq 0
check "an escaped name: the heading shows it escaped" grep -q \
	'^N \\x1b\[31m red\\u202e a\\x0ab: 50 trials' esc.out
"$BIN" compare esc.yaml esc.yaml --trials 20 --no-plots --out escc > escc.out 2>&1
check "an escaped name: compare's list shows it escaped" grep -q \
	'^  A   N \\x1b\[31m red\\u202e a\\x0ab (esc.yaml)$' escc.out
# the zero-width joiner (emoji, Indic scripts) is text and stays; a line
# separator U+2028 is escaped
sed 's/^  name: .*/  name: "J\\u200dK\\u2028L"/' "$CS_ROOT/scenarios/glut.yaml" >zwj.yaml
"$BIN" run zwj.yaml --trials 20 --no-plots --out zwj > zwj.out 2>&1
check "a joiner stays, a line separator is escaped" grep -q \
	"^J$(printf '\342\200\215')K\\\\u2028L: 20 trials" zwj.out
rtl=$(printf '\342\200\256')
for f in esc.out escc.out esc/report.md; do
	check "an escaped name: no ESC nor U+202E in $f" \
		test -z "$(grep -l -e "$(printf '\033')" -e "$rtl" "$f")"
done

# a full disk while charts are drawn: "No space left on device", once
mkdir mnt
if [ "$(id -u)" -eq 0 ] && mount -t tmpfs -o size=256k computesim-test "$T/mnt" 2>/dev/null; then
	MNT="$T/mnt"
	# the data files (about 100 KiB) fit, the charts (about 700 KiB) do not
	"$BIN" run "$Y" --trials 300 --quiet --out mnt/full > full.out 2> full.err
	st=$?
	check "tmpfs, run: exit 1 (got $st)" test $st -eq 1
	check "tmpfs, run: 'No space left on device', once" \
		test "$(grep -c 'No space left on device' full.err)" -eq 1
	check "tmpfs, run: two lines in all" test "$(wc -l < full.err)" -eq 2 ||
		show full.err
	check "tmpfs, run: the message names the chart" grep -q \
		"^error: cannot write 'mnt/full.tmp-[0-9]*-[A-Za-z0-9]*/[a-z_]*.png': No space left on device$" full.err
	check "tmpfs, run: no 'gnuplot wrote no' message" \
		test "$(grep -c 'gnuplot wrote no' full.err)" -eq 0
	# the figures fitted: they are kept, without charts, and said so
	check "tmpfs, run: the results kept, and where" grep -qx \
		"computesim: no charts were drawn (the errors above); every other output is in 'mnt/full', and \`computesim plot mnt/full\` draws them again" full.err
	check "tmpfs, run: summary.json and report.md in place, no PNG" sh -c \
		'test -s mnt/full/summary.json && test -s mnt/full/report.md && ! ls mnt/full/*.png >/dev/null 2>&1'
	check "tmpfs, run: report.md says no chart was drawn" \
		grep -q "^No charts were drawn" mnt/full/report.md
	check "tmpfs, run: no temporary left" test "$(ls mnt)" = full
	# a disk too full for the data files: the earlier result stays,
	# and the last line says nothing was written
	dd if=/dev/zero of=mnt/filler bs=4096 2>/dev/null
	snapshot mnt/full > mf.before
	for cmd in run sweep; do
		if [ $cmd = run ]; then
			"$BIN" run "$Y" --trials 300 --quiet --out mnt/full \
				> full.out 2> full.err
		else
			"$BIN" sweep "$Y" --grid supply.pue=1.1:1.3:3 \
				--trials 50 --quiet --out mnt/full \
				> full.out 2> full.err
		fi
		st=$?
		check "tmpfs full, $cmd: exit 1 (got $st)" test $st -eq 1
		check "tmpfs full, $cmd: two lines in all" \
			test "$(wc -l < full.err)" -eq 2 || show full.err
		check "tmpfs full, $cmd: the error names the file" grep -q \
			"^error: cannot write 'mnt/full.tmp-[0-9]*-[A-Za-z0-9]*/[a-z_]*.[a-z]*': No space left on device$" full.err
		check "tmpfs full, $cmd: says nothing was written" grep -qx \
			"computesim: nothing written to 'mnt/full' (the errors above; an earlier result there is untouched)" full.err
		snapshot mnt/full > mf.after
		check "tmpfs full, $cmd: the earlier result untouched" \
			cmp -s mf.before mf.after
		check "tmpfs full, $cmd: no temporary left" no_tmp mnt
	done
	umount "$MNT"
	# room for the temporary, not for the files: the same
	if mount -t tmpfs -o size=16k computesim-test "$T/mnt" 2>/dev/null; then
		"$BIN" run "$Y" --trials 300 --quiet --out mnt/full \
			> full.out 2> full.err
		st=$?
		check "tmpfs 16k, run: exit 1 (got $st)" test $st -eq 1
		check "tmpfs 16k, run: yearly.csv did not fit, and nothing kept" \
			sh -c 'grep -q "^error: cannot write .mnt/full.tmp-.*/yearly.csv.: No space left on device$" full.err &&
			       grep -qx "computesim: nothing written to .mnt/full. (the errors above; an earlier result there is untouched)" full.err' ||
			show full.err
		check "tmpfs 16k, run: nothing left" test -z "$(ls -A mnt)"
		umount "$MNT"
	fi
	# plot: a directory whose charts fit, then a full disk
	if [ $have_gnuplot -eq 1 ] &&
	   mount -t tmpfs -o size=2m computesim-test "$T/mnt" 2>/dev/null; then
		"$BIN" run "$Y" --trials 300 --quiet --out mnt/p || bad "tmpfs: run with charts"
		dd if=/dev/zero of=mnt/filler bs=4096 2>/dev/null
		snapshot mnt/p > mp.before
		"$BIN" plot mnt/p > full.out 2> full.err
		st=$?
		check "tmpfs, plot: exit 1 (got $st)" test $st -eq 1
		check "tmpfs, plot: 'No space left on device', once" \
			test "$(grep -c 'No space left on device' full.err)" -eq 1 ||
			show full.err
		snapshot mnt/p > mp.after
		check "tmpfs, plot: every earlier chart intact" cmp -s mp.before mp.after
		check "tmpfs, plot: no temporary left" no_tmp mnt/p
		umount "$MNT"
	fi
	MNT=""
else
	skip "full disk while drawing: cannot mount a tmpfs here (needs root)"
fi

# ---- 5. memory known before the run -----------------------------------------
# ms since the epoch
now_ms() { echo $(( $(date +%s%N) / 1000000 )); }
# the number of trials a refusal says fit ("at most N trials fit")
fits() { sed -n 's/.*: at most \([0-9]*\) trials fit.*/\1/p' "$1"; }

t0=$(now_ms)
COMPUTESIM_MEMORY_LIMIT=1G "$BIN" run "$Y" --trials 4000000 --out big \
	> big.out 2> big.err
st=$?
t1=$(now_ms)
check "too big for COMPUTESIM_MEMORY_LIMIT: exit 1 (got $st)" test $st -eq 1
check "too big: refused in under a second ($((t1 - t0)) ms)" \
	test $((t1 - t0)) -lt 1000
check "too big: says how many trials fit" grep -q \
	"^error: 4000000 trials of 10 years need about [0-9.]* GiB at their peak, more than the 1.0 GiB this process may use (COMPUTESIM_MEMORY_LIMIT): at most [0-9]* trials fit (--trials [0-9]*)$" \
	big.err || show big.err
check "too big: one line" test "$(wc -l < big.err)" -eq 1
COMPUTESIM_MEMORY_LIMIT=1M "$BIN" run "$Y" --trials 1 --out big1 > big1.out 2> big1.err
check "one trial too big: 'needs about ... at its peak'" grep -q \
	"^error: 1 trial of 10 years needs about [0-9]* MiB at its peak, more than the 1 MiB this process may use (COMPUTESIM_MEMORY_LIMIT): not even 1 trial fits$" \
	big1.err || show big1.err
# a need just past the limit: both said in the decimals that tell them
# apart, not "about 1.0 GiB ..., more than the 1.0 GiB"
n=$(sed -n 's/.*at most \([0-9]*\) trials fit.*/\1/p' big.err)
if [ -n "$n" ]; then
	COMPUTESIM_MEMORY_LIMIT=1G "$BIN" run "$Y" --trials $((n + n / 100)) \
		--out big > big.out 2> big1.err
	check "just too big: need and limit told apart" grep -q \
		"need about 1\.0[1-9] GiB at their peak, more than the 1\.00 GiB" \
		big1.err || show big1.err
fi
check "too big: nothing written, no temporary" \
	test -z "$(ls -d big big.tmp-* 2>/dev/null)"
# the count it gives fits, one more does not (a small limit: quick)
COMPUTESIM_MEMORY_LIMIT=64M "$BIN" run "$Y" --trials 1000000 --no-plots \
	--out small > small.out 2> small.err
n=$(fits small.err)
check "64M: a count that fits ($n)" test -n "$n"
if [ -n "$n" ]; then
	COMPUTESIM_MEMORY_LIMIT=64M "$BIN" run "$Y" --trials "$n" --no-plots \
		--out small > small.out 2> small.err
	check "64M: --trials $n runs" test $? -eq 0
	check "64M: --trials $n warns, above half" grep -q \
		"^warning: $n trials of 10 years keep about [0-9]* MiB at their peak, more than half of the 64 MiB this process may use (COMPUTESIM_MEMORY_LIMIT); use fewer --trials if it swaps or is killed$" \
		small.err || show small.err
	COMPUTESIM_MEMORY_LIMIT=64M "$BIN" run "$Y" --trials $((n + 1)) \
		--no-plots --quiet --out small2 2> small.err
	check "64M: --trials $((n + 1)) refused (exit 1)" test $? -eq 1
fi
COMPUTESIM_MEMORY_LIMIT=64M "$BIN" run "$Y" --trials 1000 --no-plots \
	--quiet --out small3 2> small.err
check "64M: 1000 trials, well under half: no warning" test ! -s small.err
# a limit below a KiB is said in bytes (it read "0 KiB")
COMPUTESIM_MEMORY_LIMIT=1 "$BIN" run "$Y" --trials 100 --no-plots \
	--quiet --out tiny 2> tiny.err
check "a 1-byte limit: said as 1 byte" grep -q \
	"more than the 1 byte this process may use (COMPUTESIM_MEMORY_LIMIT): not even 1 trial fits" tiny.err
# the other commands count their own runs
COMPUTESIM_MEMORY_LIMIT=64M "$BIN" run "$Y" --trials "${n:-1}" --no-plots \
	--sensitivity --trials-csv --quiet --out small4 2> small.err
check "64M: --sensitivity --trials-csv need more: refused" test $? -eq 1
for cmd in "sweep $Y --grid cloud.price_impact=0:1:3 --no-plots" \
	   "breakeven $Y --vary cloud.price_impact --range 0:1 --target npv_mean=0" \
	   "compare $Y $Y --no-plots"; do
	set -- $cmd
	t0=$(now_ms)
	COMPUTESIM_MEMORY_LIMIT=40M "$BIN" "$@" --trials 1000000 \
		--out cmdbig > cmd.out 2> cmd.err
	st=$?
	t1=$(now_ms)
	check "$1 too big: exit 1 in under a second (got $st, $((t1 - t0)) ms)" \
		test $st -eq 1 -a $((t1 - t0)) -lt 1000
	check "$1 too big: says how many fit" grep -q \
		"^error: 1000000 trials of 10 years need about [0-9.]* [GM]iB at their peak, more than the 40 MiB this process may use (COMPUTESIM_MEMORY_LIMIT): at most [0-9]* trials fit (--trials [0-9]*)$" \
		cmd.err || show cmd.err
done
set --
# check says it too, as a warning (check passes: it checks the file),
# naming the file's key: check takes no --trials
COMPUTESIM_MEMORY_LIMIT=1G "$BIN" check "$Y" --set simulation.trials=4e6 \
	> chk.out 2> chk.err
check "check: exit 0" test $? -eq 0
check "check: says run refuses them" grep -q \
	"format-example.yaml: warning: 4000000 trials of 10 years need about .* at most [0-9]* trials fit (simulation.trials: [0-9]*); run refuses them$" \
	chk.err || show chk.err
envbad "COMPUTESIM_MEMORY_LIMIT='lots'" \
	"error: COMPUTESIM_MEMORY_LIMIT='lots': expected a size in bytes > 0, optionally with K, M, G or T (powers of 1024), e.g. 3G" \
	COMPUTESIM_MEMORY_LIMIT=lots "$BIN" run "$Y" --trials 50 --out envout

# a temporary left by a killed run: removed once its process is gone,
# also one killed before it wrote its marker (empty); kept while the
# process lives, or when it is not ours
dead=$(sh -c 'echo $$')
mkdir "s.tmp-$dead-AAAAAA" "s.tmp-$dead-BBBBBB" "s.tmp-$$-CCCCCC" \
	"s.tmp-$dead-DDDDDD"
printf 'x\npid %s\n' "$dead" > "s.tmp-$dead-BBBBBB/.computesim"
printf 'x\npid %s\n' "$$" > "s.tmp-$$-CCCCCC/.computesim"
printf 'mine\n' > "s.tmp-$dead-DDDDDD/notes.txt"
"$BIN" run "$Y" --trials 50 --no-plots --quiet --out s || bad "run beside stale temporaries"
# (both lists sorted the same way: which pid sorts first depends on
# their digits, not on which process came first)
check "stale temporaries: the dead run's removed, the rest kept" \
	test "$(ls -d s.tmp-* | sort | tr '\n' ' ')" = \
	"$(printf 's.tmp-%s-CCCCCC\ns.tmp-%s-DDDDDD\n' "$$" "$dead" | sort | tr '\n' ' ')"
rm -rf s.tmp-*

# a real memory cgroup of 3 GiB (v1 here; v2 where that is what there
# is), made under this process's own cgroup: a run above the limit is
# refused in under a second with the number of trials that fit, and a
# run of that many completes
cgroup_make() { # cgroup_make: sets CG and CGFILE, or returns 1
	line=$(grep -E '^[0-9]+:([^:]*,)?memory(,[^:]*)?:' /proc/self/cgroup | head -n 1)
	if [ -n "$line" ] && [ -d /sys/fs/cgroup/memory ]; then
		CG="/sys/fs/cgroup/memory${line##*:}/computesim-test-$$"
		CGFILE=memory.limit_in_bytes
	elif [ -f /sys/fs/cgroup/cgroup.controllers ]; then
		line=$(grep '^0::' /proc/self/cgroup)
		CG="/sys/fs/cgroup${line#0::}/computesim-test-$$"
		CGFILE=memory.max
	else
		return 1
	fi
	CG=$(echo "$CG" | sed 's#//*#/#g')
	mkdir "$CG" 2>/dev/null || { CG=""; return 1; }
	echo 3221225472 > "$CG/$CGFILE" 2>/dev/null &&
		[ "$(cat "$CG/$CGFILE")" = 3221225472 ] || return 1
}
# in_cgroup COMMAND...: run COMMAND as a member of $CG
in_cgroup() {
	sh -c 'echo $$ > "$0/cgroup.procs" && exec "$@"' "$CG" "$@"
}
if ldd "$BIN" 2>/dev/null | grep -q -e libasan -e libtsan; then
	skip "memory cgroup: a sanitizer build keeps far more than the estimate"
elif [ "$(id -u)" -ne 0 ] || ! cgroup_make; then
	skip "memory cgroup: cannot make one here (needs root and a writable cgroup hierarchy)"
	[ -n "$CG" ] && rmdir "$CG" 2>/dev/null
	CG=""
elif ! in_cgroup true; then
	skip "memory cgroup: cannot move a process into $CG"
else
	t0=$(now_ms)
	in_cgroup "$BIN" run "$Y" --trials 4000000 --no-plots --out cg \
		> cg.out 2> cg.err
	st=$?
	t1=$(now_ms)
	check "3 GiB cgroup, 4M trials: exit 1 (got $st)" test $st -eq 1
	check "3 GiB cgroup: refused in under a second ($((t1 - t0)) ms)" \
		test $((t1 - t0)) -lt 1000
	check "3 GiB cgroup: the cgroup's limit, and how many fit" grep -q \
		"^error: 4000000 trials of 10 years need about [0-9.]* GiB at their peak, more than the 3.0 GiB this process may use (the memory cgroup's limit): at most [0-9]* trials fit" \
		cg.err || show cg.err
	check "3 GiB cgroup: nothing written" test -z "$(ls -d cg cg.tmp-* 2>/dev/null)"
	n=$(fits cg.err)
	if [ -n "$n" ]; then
		in_cgroup "$BIN" run "$Y" --trials "$n" --no-plots \
			--out cg > cg.out 2> cg.err
		st=$?
		check "3 GiB cgroup: $n trials, just under the limit, complete (exit $st)" \
			test $st -eq 0
		check "3 GiB cgroup: $n trials written" grep -q "\"trials\": $n," cg/summary.json
		check "3 GiB cgroup: $n trials: the warning above half" grep -q \
			"^warning: $n trials of 10 years keep about .* more than half of the 3.0 GiB this process may use (the memory cgroup's limit)" cg.err
		rm -rf cg
	fi
	rmdir "$CG" 2>/dev/null
	CG=""
fi

echo "$NAME: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
