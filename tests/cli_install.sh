#!/bin/sh
# cli_install.sh — installing like a Debian tool (issue 11, item 5).
#
# The man page: every command and option that `computesim --help` prints
# appears in computesim.1 as `man -l` renders it (groff, else mandoc, when
# man is missing), and it renders without a warning. The hidden `paths`
# command. The bash completion, sourced in bash and called with COMP_WORDS
# and COMP_CWORD set: commands, each command's options (together exactly
# the options of --help), scenario files, directories, and the scenario's
# input paths after --set, --grid and --vary. Then `make install
# DESTDIR=$tmp PREFIX=/usr`: every file in its place; the installed
# binary, run from another working directory, draws the charts with the
# installed scripts (a gnuplot wrapper logs the script paths: none is in
# the source tree); `make uninstall` leaves no file behind and nothing
# that is not computesim's is removed.
#
# Usage: CS_BIN=build/x/computesim CS_ROOT=. sh tests/cli_install.sh
# Prints "cli_install: N passed, M failed"; exits 1 on any failure. Parts
# whose tool is missing (a man renderer, bash, gnuplot, make) say SKIP.

: "${CS_BIN:?set CS_BIN to the computesim binary}"
: "${CS_ROOT:?set CS_ROOT to the repository root}"
case $CS_BIN in /*) ;; *) CS_BIN=$PWD/$CS_BIN ;; esac
case $CS_ROOT in /*) ;; *) CS_ROOT=$PWD/$CS_ROOT ;; esac
NAME=cli_install
pass=0
fail=0
unset COMPUTESIM_PLOTS COMPUTESIM_GNUPLOT

tmp=$(mktemp -d "${TMPDIR:-/tmp}/cli_install.XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT INT TERM
MAN=$CS_ROOT/computesim.1
COMP=$CS_ROOT/completions/computesim.bash
SCEN=$CS_ROOT/scenarios/meta-base.yaml

ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "$NAME: FAIL: $*" >&2; }
check() { # check DESCRIPTION COMMAND...
	d=$1
	shift
	if "$@"; then ok; else bad "$d"; fi
}
skip() { echo "$NAME: SKIP: $*"; }

# ---- what --help lists ---------------------------------------------------
"$CS_BIN" --help >"$tmp/help" 2>&1
check "--help exits 0" [ $? -eq 0 ]
grep -o -e '--[a-z][a-z-]*' "$tmp/help" | sort -u >"$tmp/help_opts"
awk '/^Commands:/ { c = 1; next } /^$/ { c = 0 }
     c && $1 == "computesim" && $2 ~ /^[a-z]+$/ { print $2 }' \
	"$tmp/help" | sort -u >"$tmp/help_cmds"
check "--help lists at least 15 options" [ "$(wc -l <"$tmp/help_opts")" -ge 15 ]
check "--help lists at least 8 commands" [ "$(wc -l <"$tmp/help_cmds")" -ge 8 ]
check "--help does not list the hidden 'paths'" \
	sh -c '! grep -q "computesim paths" "$1"' sh "$tmp/help"

# ---- the man page --------------------------------------------------------
# Rendered as a reader sees it, in plain ASCII and wide lines (no break
# inside a tag); warnings on stderr.
render() { # render OUT ERR
	if command -v man >/dev/null 2>&1; then
		LC_ALL=C MANWIDTH=200 man --warnings -l "$MAN" >"$1" 2>"$2"
	elif command -v groff >/dev/null 2>&1; then
		LC_ALL=C groff -man -Tascii -P-cbou -rLL=200n -ww "$MAN" \
			>"$1" 2>"$2"
	elif command -v mandoc >/dev/null 2>&1; then
		mandoc -Tascii -Owidth=200 -Wwarning "$MAN" 2>"$2" |
			sed 's/.\x08//g' >"$1"
	else
		return 127
	fi
}
render "$tmp/man.txt" "$tmp/man.err"
rc=$?
if [ "$rc" -eq 127 ]; then
	skip "no man, groff or mandoc: the man page is not rendered"
else
	check "man page renders (exit $rc)" [ "$rc" -eq 0 ]
	check "man page renders without warnings: $(head -3 "$tmp/man.err")" \
		[ ! -s "$tmp/man.err" ]
	if command -v groff >/dev/null 2>&1; then
		LC_ALL=C groff -man -Tutf8 -ww -z "$MAN" >"$tmp/groff.err" 2>&1
		check "groff -man -ww: no warnings: $(head -3 "$tmp/groff.err")" \
			[ ! -s "$tmp/groff.err" ]
	fi
	# each option an entry of OPTIONS, each command one of COMMANDS: a
	# tag line that starts with it
	section() { # section NAME: the rendered section NAME
		awk -v s="$1" '/^[A-Z]/ { on = ($0 == s); next } on' "$tmp/man.txt"
	}
	section OPTIONS >"$tmp/man.opts"
	section COMMANDS >"$tmp/man.cmds"
	while read -r o; do
		check "man page OPTIONS has an entry for $o" \
			grep -Eq -e "^ +$o([ ,=]|\$)" "$tmp/man.opts"
	done <"$tmp/help_opts"
	while read -r c; do
		check "man page COMMANDS has an entry for $c" \
			grep -Eq -e "^ +$c( |\$)" "$tmp/man.cmds"
	done <"$tmp/help_cmds"
	for s in NAME SYNOPSIS DESCRIPTION COMMANDS OPTIONS ENVIRONMENT FILES \
		"EXIT STATUS" EXAMPLES "SEE ALSO"; do
		check "man page has section $s" grep -q "^$s\$" "$tmp/man.txt"
	done
	# the environment variables the code reads
	for v in $(grep -ho 'getenv("COMPUTESIM_[A-Z_]*")' "$CS_ROOT"/sim/*.c \
		"$CS_ROOT"/sim/*/*.c 2>/dev/null | sed 's/.*("//; s/")//' |
		sort -u); do
		check "man page has $v" grep -q "$v" "$tmp/man.txt"
	done
	check "man page names the hidden paths command" \
		grep -Eq '^ +paths SCENARIO' "$tmp/man.txt"
fi

# ---- the hidden paths command -------------------------------------------
"$CS_BIN" paths "$SCEN" >"$tmp/paths" 2>"$tmp/err"
check "paths exits 0" [ $? -eq 0 ]
check "paths: stderr empty" [ ! -s "$tmp/err" ]
check "paths prints supply.capex_busd" grep -qx supply.capex_busd "$tmp/paths"
check "paths prints a series' then_growth" \
	grep -qx supply.capex_busd.then_growth "$tmp/paths"
check "paths prints a list item by name" \
	grep -qx demand.workloads.genai_inference.efficiency_gain "$tmp/paths"
check "paths: one path a line, no blanks" \
	sh -c '! grep -qv "^[A-Za-z0-9_.-]*[A-Za-z0-9_]\$" "$1"' sh "$tmp/paths"
check "paths: no path twice" [ "$(sort "$tmp/paths" | uniq -d | wc -l)" -eq 0 ]
# every path is one --vary takes (breakeven would refuse an unknown one)
p=$(sed -n 3p "$tmp/paths")
"$CS_BIN" check "$SCEN" --set "$p=1" >/dev/null 2>"$tmp/err"
check "a printed path is a --set path ($p)" \
	sh -c '! grep -q "unknown" "$1"' sh "$tmp/err"
# --set applies: a new procurement line adds its inputs
"$CS_BIN" paths "$CS_ROOT/scenarios/hindcast-2025.yaml" --set \
	'supply.procurement=[{name: x, share: 1, cost_per_h100e_usd: 25000, cost_decline: 0.1, kw_per_h100e: 1, kw_decline: 0.05}]' \
	>"$tmp/paths2" 2>"$tmp/err"
check "paths with --set exits 0 ($(head -1 "$tmp/err"))" [ $? -eq 0 ]
check "paths after --set names the new line" \
	grep -qx supply.procurement.x.share "$tmp/paths2"
"$CS_BIN" paths >/dev/null 2>&1
check "paths without a file exits 2" [ $? -eq 2 ]
"$CS_BIN" paths "$tmp/missing.yaml" >/dev/null 2>"$tmp/err"
check "paths of a missing file exits 2" [ $? -eq 2 ]
check "paths of a missing file names it" grep -q "missing.yaml" "$tmp/err"
"$CS_BIN" paths "$SCEN" --trials 5 >/dev/null 2>&1
check "paths refuses run options (exit 2)" [ $? -eq 2 ]

# ---- the bash completion -------------------------------------------------
# comp.bash COMP COMPUTESIM WORD...: completes the last WORD of
# "computesim WORD..." and prints COMPREPLY, one a line.
cat >"$tmp/comp.bash" <<'EOF'
source "$1" || exit 1
prog=$2
shift 2
COMP_WORDS=("$prog" "$@")
COMP_CWORD=$#
COMP_LINE="${COMP_WORDS[*]}"
COMP_POINT=${#COMP_LINE}
COMPREPLY=()
_computesim || exit 1
[ ${#COMPREPLY[@]} -eq 0 ] || printf '%s\n' "${COMPREPLY[@]}"
EOF
comp() { # comp WORD...: from $tmp/work, into $tmp/c (sorted)
	(cd "$tmp/work" && bash "$tmp/comp.bash" "$COMP" "$CS_BIN" "$@") \
		2>"$tmp/c.err" | sort >"$tmp/c"
}
has() { grep -qxF -e "$1" "$tmp/c"; }
hasnt() { ! grep -qxF -e "$1" "$tmp/c"; }
mkdir -p "$tmp/work/dir1" "$tmp/work/dir2" || exit 1
cp "$SCEN" "$tmp/work/meta-base.yaml" || exit 1
: >"$tmp/work/notes.txt"
: >"$tmp/work/other.yml"
if ! command -v bash >/dev/null 2>&1; then
	skip "bash not installed: the completion is not tested"
else
	comp ""
	check "completion: stderr empty ($(head -1 "$tmp/c.err"))" [ ! -s "$tmp/c.err" ]
	while read -r c; do
		check "completion offers command $c" has "$c"
	done <"$tmp/help_cmds"
	check "completion hides paths" hasnt paths
	check "completion offers scenarios first (implicit run)" has meta-base.yaml
	comp ch
	check "completion: 'ch' -> check" [ "$(cat "$tmp/c")" = check ]

	# options: each command's own, together exactly those of --help
	: >"$tmp/allopts"
	for c in run check sweep compare breakeven drivers plot keys schema; do
		comp "$c" meta-base.yaml --
		cat "$tmp/c" >>"$tmp/allopts"
	done
	sort -u "$tmp/allopts" >"$tmp/allopts.s"
	check "completion: the options of all commands are --help's: $(
		diff "$tmp/help_opts" "$tmp/allopts.s" | grep '^[<>]' | tr '\n' ' ')" \
		cmp -s "$tmp/help_opts" "$tmp/allopts.s"
	comp check a.yaml --
	check "completion: check's options are --set, --quiet, --help, --version" \
		[ "$(tr '\n' ' ' <"$tmp/c")" = "--help --quiet --set --version " ]
	comp run meta-base.yaml --tr
	check "completion: --tr -> --trials --trials-csv" \
		[ "$(tr '\n' ' ' <"$tmp/c")" = "--trials --trials-csv " ]

	# files: scenarios and directories; --out and plot: directories
	comp run ""
	check "completion after run: meta-base.yaml" has meta-base.yaml
	check "completion after run: other.yml" has other.yml
	check "completion after run: directories" has dir1
	check "completion after run: no .txt" hasnt notes.txt
	check "completion after run: no command" hasnt check
	comp compare meta-base.yaml ""
	check "completion: compare takes more scenarios" has other.yml
	comp run meta-base.yaml --out ""
	check "completion: --out offers directories only" \
		[ "$(tr '\n' ' ' <"$tmp/c")" = "dir1 dir2 " ]
	comp plot d
	check "completion: plot offers directories only" \
		[ "$(tr '\n' ' ' <"$tmp/c")" = "dir1 dir2 " ]
	mkdir "$tmp/work/sp ace"
	comp plot sp
	check "completion: a directory with a space is one word" \
		[ "$(cat "$tmp/c")" = "sp ace" ]
	rmdir "$tmp/work/sp ace"
	comp keys ""
	check "completion: keys takes nothing" [ ! -s "$tmp/c" ]
	comp run meta-base.yaml --sampling ""
	check "completion: --sampling mc lhs" \
		[ "$(tr '\n' ' ' <"$tmp/c")" = "lhs mc " ]
	comp breakeven meta-base.yaml --target ""
	check "completion: --target metrics" has npv_p50=
	comp run meta-base.yaml --precision p
	check "completion: --precision p -> p_npv_positive=" \
		[ "$(cat "$tmp/c")" = p_npv_positive= ]
	comp run meta-base.yaml --trials ""
	check "completion: nothing for --trials' number" [ ! -s "$tmp/c" ]

	# input paths, from `computesim paths`
	sed 's/$/=/' "$tmp/paths" | sort >"$tmp/paths_eq"
	comp run meta-base.yaml --set ""
	check "completion: --set offers every path of the scenario, PATH=" \
		cmp -s "$tmp/c" "$tmp/paths_eq"
	comp run meta-base.yaml --set = supply.p
	check "completion: --set=supply.p offers supply.pue=" has supply.pue=
	check "completion: --set=supply.p only supply.p*" \
		sh -c '! grep -qv "^supply\.p" "$1"' sh "$tmp/c"
	comp --set supply.pue=1.2 meta-base.yaml --vary demand.workloads.genai_inference.eff
	check "completion: --vary offers the path without =" \
		[ "$(cat "$tmp/c")" = demand.workloads.genai_inference.efficiency_gain ]
	comp sweep meta-base.yaml --grid supply.capex_busd
	check "completion: --grid offers PATH=" \
		[ "$(tr '\n' ' ' <"$tmp/c")" = "supply.capex_busd.then_growth= supply.capex_busd= " ]
	comp sweep meta-base.yaml --grid supply.pue = 1:
	check "completion: nothing inside a --grid value" [ ! -s "$tmp/c" ]
	# right after the "=" of PATH= (the word is "=" itself): no file
	# names as the value (it offered the directory's)
	comp run meta-base.yaml --set supply.pue =
	check "completion: nothing right after --set PATH=" [ ! -s "$tmp/c" ]
	comp sweep meta-base.yaml --grid supply.pue =
	check "completion: nothing right after --grid PATH=" [ ! -s "$tmp/c" ]
	# a scenario written with backslashes, as file completion writes it
	cp "$tmp/work/meta-base.yaml" "$tmp/work/my dir.yaml"
	comp run 'my\ dir.yaml' --set supply.pu
	check "completion: paths of a scenario written my\\ dir.yaml" has supply.pue=
	rm -f "$tmp/work/my dir.yaml"
	# after --, words are files: no options
	comp run -- --
	check "completion: no options after --" hasnt --trials
	comp run --set ""
	check "completion: --set without a scenario offers nothing" [ ! -s "$tmp/c" ]
	comp run missing.yaml --set ""
	check "completion: --set with a missing scenario offers nothing" \
		[ ! -s "$tmp/c" ]
fi

# ---- make install / uninstall ---------------------------------------------
# The binary under test is installed: BUILD is its directory when that is
# a build directory (objects in BUILD/obj), so that make finds it up to date.
if ! command -v make >/dev/null 2>&1; then
	skip "make not installed: install is not tested"
	echo "$NAME: $pass passed, $fail failed"
	[ "$fail" -eq 0 ]
	exit
fi
bdir=$(dirname "$CS_BIN")
set --
[ -d "$bdir/obj" ] && set -- "BUILD=$bdir"
dest=$tmp/dest
make -s --no-print-directory -C "$CS_ROOT" install DESTDIR="$dest" PREFIX=/usr \
	"$@" >"$tmp/out" 2>&1
check "make install DESTDIR PREFIX=/usr exits 0: $(head -3 "$tmp/out")" \
	[ $? -eq 0 ]
check "installed binary is executable" [ -x "$dest/usr/bin/computesim" ]
check "installed binary is the one under test" cmp -s "$CS_BIN" "$dest/usr/bin/computesim"
n_src=$(ls "$CS_ROOT"/plots/*.gp | wc -l)
n_dst=$(ls "$dest"/usr/share/computesim/plots/*.gp 2>/dev/null | wc -l)
check "every gnuplot script installed ($n_dst of $n_src)" [ "$n_src" -eq "$n_dst" ]
check "schema installed" cmp -s "$CS_ROOT/scenarios/schema.json" \
	"$dest/usr/share/computesim/schema.json"
check "man page installed" cmp -s "$MAN" "$dest/usr/share/man/man1/computesim.1"
check "completion installed" cmp -s "$COMP" \
	"$dest/usr/share/bash-completion/completions/computesim"
find "$dest" -type f | sed "s|^$dest||" | sort >"$tmp/files"
check "install writes $((n_src + 4)) files ($(wc -l <"$tmp/files"))" \
	[ "$(wc -l <"$tmp/files")" -eq $((n_src + 4)) ]
make -s --no-print-directory -n -C "$CS_ROOT" install DESTDIR="$tmp/d2" "$@" \
	>"$tmp/out" 2>&1
check "PREFIX defaults to /usr/local" \
	grep -q "$tmp/d2/usr/local/bin/computesim" "$tmp/out"

# the installed binary, from another working directory, with charts
inst=$dest/usr/bin/computesim
work=$tmp/elsewhere
mkdir "$work" && cp "$SCEN" "$work/meta-base.yaml" || exit 1
"$inst" --version >"$tmp/out" 2>&1
check "installed --version" grep -q "^computesim " "$tmp/out"
if command -v gnuplot >/dev/null 2>&1; then
	# a gnuplot that logs its arguments, then runs the real one
	real=$(command -v gnuplot)
	printf '#!/bin/sh\nprintf "%%s\\n" "$@" >>"%s"\nexec "%s" "$@"\n' \
		"$tmp/gp.log" "$real" >"$tmp/gnuplot"
	chmod +x "$tmp/gnuplot"
	(cd "$work" && COMPUTESIM_GNUPLOT=$tmp/gnuplot "$inst" run meta-base.yaml \
		--trials 4000 >"$tmp/out" 2>"$tmp/err")
	check "installed run from elsewhere exits 0: $(head -3 "$tmp/err")" [ $? -eq 0 ]
	check "installed run: stderr empty" [ ! -s "$tmp/err" ]
	n=0
	for f in "$work"/out/meta-base/*.png; do
		[ -s "$f" ] || continue
		sig=$(od -An -tu1 -N8 "$f" | tr -s ' ')
		[ "$sig" = " 137 80 78 71 13 10 26 10" ] && n=$((n + 1))
	done
	check "installed run draws at least six PNGs ($n)" [ "$n" -ge 6 ]
	share=$(cd "$dest/usr/share/computesim/plots" && pwd -P)
	grep '\.gp$' "$tmp/gp.log" 2>/dev/null | sort -u >"$tmp/scripts"
	check "gnuplot ran the installed scripts" [ -s "$tmp/scripts" ]
	check "every script from $share" \
		sh -c '! grep -v "^$1/[a-z_]*\.gp\$" "$2"' sh "$share" "$tmp/scripts"
	check "no script from the source tree" \
		sh -c '! grep -q "^$1/plots/" "$2"' sh "$CS_ROOT" "$tmp/gp.log"
	(cd "$work" && "$inst" plot out/meta-base >/dev/null 2>"$tmp/err")
	check "installed plot redraws: $(head -1 "$tmp/err")" [ $? -eq 0 ]
else
	skip "gnuplot not installed: installed run without charts"
	(cd "$work" && "$inst" run meta-base.yaml --trials 4000 --no-plots \
		>/dev/null 2>"$tmp/err")
	check "installed run from elsewhere exits 0: $(head -3 "$tmp/err")" [ $? -eq 0 ]
fi
# $COMPUTESIM_PLOTS stays first
(cd "$work" && COMPUTESIM_PLOTS=$tmp/nowhere "$inst" plot out/meta-base \
	>/dev/null 2>"$tmp/err")
check "COMPUTESIM_PLOTS comes first (a missing one is named)" \
	grep -q "$tmp/nowhere" "$tmp/err"
if command -v bash >/dev/null 2>&1; then
	(cd "$work" && bash "$tmp/comp.bash" \
		"$dest/usr/share/bash-completion/completions/computesim" "$inst" \
		meta-base.yaml --vary cloud.disc) >"$tmp/c" 2>&1
	check "installed completion offers the installed binary's paths" \
		[ "$(cat "$tmp/c")" = cloud.discount_rate ]
fi

# uninstall: no file left, others' files kept
: >"$dest/usr/bin/not-ours"
make -s --no-print-directory -C "$CS_ROOT" uninstall DESTDIR="$dest" PREFIX=/usr \
	"$@" >"$tmp/out" 2>&1
check "make uninstall exits 0: $(head -3 "$tmp/out")" [ $? -eq 0 ]
find "$dest" -type f | sed "s|^$dest||" >"$tmp/left"
check "uninstall leaves only the file not ours: $(tr '\n' ' ' <"$tmp/left")" \
	[ "$(cat "$tmp/left")" = /usr/bin/not-ours ]
check "uninstall removes share/computesim" [ ! -e "$dest/usr/share/computesim" ]
make -s --no-print-directory -C "$CS_ROOT" uninstall DESTDIR="$dest" PREFIX=/usr \
	"$@" >"$tmp/out" 2>&1
check "uninstall twice exits 0" [ $? -eq 0 ]

echo "$NAME: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
