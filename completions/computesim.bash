# bash completion for computesim                            -*- shell-script -*-
#
# Completes the commands, each command's options (those it accepts, as
# sim/main.c's check_options says), scenario files (*.yaml, *.yml) and
# directories, directories for --out and `plot`, the words of --sampling,
# the metrics of --target and --precision, and the input paths of --set,
# --grid and --vary: those come from the scenario on the command line,
# through the hidden command `computesim paths SCENARIO.yaml` (one path a
# line). Needs nothing of the bash-completion package.
#
# make install puts it in PREFIX/share/bash-completion/completions/computesim;
# to try it from the source tree: source completions/computesim.bash

# A word as the shell will pass it when it is written with backslashes
# (my\ file.yaml): each backslash dropped, the character after it kept.
_computesim_unescape()
{
	local s=$1 out=""
	while [[ -n $s ]]; do
		if [[ ${s:0:1} == \\ && ${#s} -gt 1 ]]; then
			out+=${s:1:1}
			s=${s:2}
		else
			out+=${s:0:1}
			s=${s:1}
		fi
	done
	printf '%s' "$out"
}

# The scenario of the command line being completed: the first word, not
# the value of an option, that names a *.yaml or *.yml file; "" if none.
_computesim_scenario()
{
	local i w skip=0
	for ((i = 1; i < ${#COMP_WORDS[@]}; i++)); do
		((i == COMP_CWORD)) && continue
		w=${COMP_WORDS[i]}
		if ((skip)); then
			skip=0
			continue
		fi
		case $w in
		--trials | --seed | --threads | --set | --out | --grid | \
			--vary | --target | --range | --sampling | --precision)
			# the value follows, perhaps after a separate "="
			skip=1
			[[ ${COMP_WORDS[i + 1]} == = ]] && ((i++))
			continue
			;;
		esac
		if [[ $w == [\"\']* ]]; then
			w=${w#[\"\']}
			w=${w%[\"\']}
		else
			w=$(_computesim_unescape "$w")	# my\ file.yaml
		fi
		[[ $w == \~/* ]] && w=$HOME/${w#\~/}
		case $w in
		*.yaml | *.yml)
			if [[ -f $w ]]; then
				printf '%s\n' "$w"
				return 0
			fi
			;;
		esac
	done
	return 1
}

_computesim()
{
	local cur prev opt cmd="" scen prog after_eq=0 i
	local commands="run check sweep compare breakeven drivers plot keys schema"
	local metrics="npv_mean p_npv_positive overbuild mismatch shortage"
	local run_opts="--trials --seed --threads --set --out --sampling --quiet"
	local opts

	COMPREPLY=()
	cur=${COMP_WORDS[COMP_CWORD]}
	prev=""
	((COMP_CWORD > 0)) && prev=${COMP_WORDS[COMP_CWORD - 1]}
	# --opt=value: bash splits it as "--opt" "=" "value"
	if [[ $cur == = ]]; then
		opt=$prev
		cur=""
		after_eq=1
	elif [[ $prev == = ]] && ((COMP_CWORD > 1)); then
		opt=${COMP_WORDS[COMP_CWORD - 2]}
	else
		opt=$prev
	fi

	case $opt in
	--out)
		compopt -o filenames 2>/dev/null
		mapfile -t COMPREPLY < <(compgen -d -- "$cur")
		return 0
		;;
	--sampling)
		mapfile -t COMPREPLY < <(compgen -W "mc lhs" -- "$cur")
		return 0
		;;
	--target | --precision)
		[[ $opt == --target ]] && metrics="npv_mean npv_p50 ${metrics#npv_mean }"
		compopt -o nospace 2>/dev/null
		mapfile -t COMPREPLY < <(compgen -W "$metrics" -S = -- "$cur")
		return 0
		;;
	--set | --grid | --vary)
		scen=$(_computesim_scenario) || return 0
		prog=${COMP_WORDS[0]}
		[[ $prog == \~/* ]] && prog=$HOME/${prog#\~/}
		local IFS=$'\n'	# compgen -W: one path a line
		if [[ $opt == --vary ]]; then
			mapfile -t COMPREPLY < <(compgen -W "$("$prog" paths "$scen" 2>/dev/null)" -- "$cur")
		else
			compopt -o nospace 2>/dev/null
			mapfile -t COMPREPLY < <(compgen -W "$("$prog" paths "$scen" 2>/dev/null)" -S = -- "$cur")
		fi
		return 0
		;;
	--trials | --seed | --threads | --range)
		return 0
		;;
	esac
	# the value of --set, --grid, --target, ... after its "=" (also
	# right after the "=", where the word is "=" itself)
	if [[ $prev == = || $cur == *=* ]] || ((after_eq)); then
		return 0
	fi

	if ((COMP_CWORD > 1)); then
		case " $commands " in
		*" ${COMP_WORDS[1]} "*) cmd=${COMP_WORDS[1]} ;;
		*) cmd=run ;;
		esac
	fi

	# after "--" every word is a file: no options
	local dashdash=0
	for ((i = 1; i < COMP_CWORD; i++)); do
		[[ ${COMP_WORDS[i]} == -- ]] && dashdash=1
	done
	if [[ $cur == -* ]] && ((!dashdash)); then
		case $cmd in
		"" | run) opts="$run_opts --no-plots --sensitivity --trials-csv --precision --json" ;;
		check) opts="--set --quiet" ;;
		sweep) opts="$run_opts --no-plots --grid" ;;
		compare) opts="$run_opts --no-plots" ;;
		breakeven) opts="$run_opts --vary --target --range" ;;
		drivers) opts="${run_opts/ --sampling/} --no-plots" ;;
		plot) opts="--quiet" ;;
		keys | schema) opts="" ;;
		esac
		mapfile -t COMPREPLY < <(compgen -W "$opts --help --version" -- "$cur")
		return 0
	fi

	case $cmd in
	keys | schema)
		return 0
		;;
	plot)
		compopt -o filenames 2>/dev/null
		mapfile -t COMPREPLY < <(compgen -d -- "$cur")
		return 0
		;;
	esac
	# scenario files and the directories that may hold them; before the
	# command, the commands too (a scenario alone means run)
	if ((COMP_CWORD == 1)); then
		mapfile -t COMPREPLY < <(compgen -W "$commands" -- "$cur")
	fi
	compopt -o filenames 2>/dev/null
	local f
	while IFS= read -r f; do
		if [[ -d $f || $f == *.yaml || $f == *.yml ]]; then
			COMPREPLY+=("$f")
		fi
	done < <(compgen -f -- "$cur")
	return 0
}
complete -F _computesim computesim
