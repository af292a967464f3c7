# style.gp — the computesim house style, loaded by every chart script.
#
# Calling convention (plot.c runs every script this way, from an argument
# vector, never through a shell):
#     gnuplot -d -c /abs/plots/SCRIPT.gp DATADIR OUT.png TITLE
#   ARG1  absolute path of the output directory holding the chart_*.csv
#   ARG2  absolute path of the PNG to write
#   ARG3  the scenario's name (any text; used only as a string), on two
#         lines when plot.c wrapped it (see cs_name)
# ARG1..ARG3 are strings: use them (and cs_in, cs_out, cs_scenario below)
# in expressions only (cs_in.'/x.csv', set title cs_title('x')), never as
# @ARG macros or in eval/system, which would paste their text into a
# command. File names are always absolute, so none starts with '<'
# (gnuplot hands those to a shell).
#
# A new chart script starts with these three lines: `load` clears ARG1..
# ARG9, so they are kept in cs_in, cs_out, cs_scenario first; then this
# file is found next to the script whatever the working directory:
#     cs_in = ARG1; cs_out = ARG2; cs_scenario = ARG3
#     _i = strlen(ARG0); while (_i > 0 && ARG0[_i:_i] ne '/') { _i = _i - 1 }
#     load ARG0[1:_i].'style.gp'
# and then sets cs_file and loads years.gp when its x axis is years:
#     cs_file = cs_data('chart_foo.csv')
#     load cs_dir.'years.gp'
#
# What this file provides:
#   terminal    pngcairo 1600x1000, sans 20 pt (readable at half size),
#               output cs_out, UTF-8 text
#   data        CSV with a header row: refer to columns by name,
#               using 'year':'p50' or (column('p50')/1e6)
#   cs_dir      directory of the scripts (ends in '/')
#   cs_data(f)  cs_in.'/'.f
#   cs_name     cs_scenario on one or two lines of at most 80 columns
#               (broken at a space; a longer name ends in an ellipsis);
#               cs_name_lines: 1 or 2
#   cs_title(s) two-line title: s, then the scenario's name
#               (set title cs_title('x') noenhanced: never enhanced text)
#   colours     cs_blue, cs_orange, cs_green, cs_red, cs_purple, cs_grey,
#               cs_teal, cs_gold: strings for lc rgb / fc rgb
#   bands       cs_outer, cs_inner: fill densities of the outer (5-95%)
#               and inner (25-75%) bands (fs transparent solid cs_outer
#               noborder); their legend labels: bands.gp
#   line styles ls 1..8 in the colours above (lw 3); ls 9: the zero or
#               reference line (black, dashed); ls 10: thin grey
#   grid, border, tics out, key outside below the plot (never over data)
#   cs_year_step(n) tic step for an axis of n years (1, 2, 5 or 10)
#   cs_pct(x)   sprintf of a share as a percentage ("73%")
#   cs_num(x)   a number in 3 significant digits with k/M/bn ("22.8k")
#   cs_ratio(x) a ratio: 3 digits, trailing zeros kept (0.100), '<0.0001'
#               below 0.0001: no e-notation
#   cs_step(span, n)  round tic step for at most n intervals over span
#   cs_wrap(s, w)  s word-wrapped to lines of at most w characters (a word
#               up to a fifth longer stays whole on its own line; a longer
#               one is cut after w - 1 with a hyphen, or after its own
#               hyphen when that is the w-th character); cs_lines(s): how
#               many lines s has;
#               cs_head(s, k): its first k lines, the last ending in an
#               ellipsis when lines were left out
#   years.gp    integer year axis from column 'year' of cs_file
# (ARG0 inside this file is this file's own path.)
# Scripts may override anything after loading (e.g. set key inside).

_i = strlen(ARG0)
while (_i > 0 && ARG0[_i:_i] ne '/') { _i = _i - 1 }
cs_dir = ARG0[1:_i]

set encoding utf8
set terminal pngcairo size 1600,1000 enhanced font "sans,20" linewidth 1.5 rounded
set output cs_out

set datafile separator comma
set datafile columnheaders
set datafile missing ""

cs_data(f) = cs_in.'/'.f
# The scenario's name on at most two title lines of cs_titlew characters
# (24 pt: a line of 80 fits the 1600 px width), broken at a space; a
# longer name is cut at a space and ends in an ellipsis. cs_name_lines:
# 1 or 2, for scripts that place their panels by hand.
cs_titlew = 80
cs_lastsp(s, i) = i < 1 ? 0 : (s[i:i] eq ' ' ? i : cs_lastsp(s, i - 1))
cs_cut(s, w) = cs_lastsp(s, w + 1) > w / 2 ? cs_lastsp(s, w + 1) : w + 1
cs_thead(s, w) = strlen(s) <= w ? s : s[1:cs_cut(s, w) - 1]
cs_tail(s, w) = strlen(s) <= w ? '' : s[cs_cut(s, w) + (s[cs_cut(s, w):cs_cut(s, w)] eq ' ' ? 1 : 0):]
cs_ell(s, w) = strlen(s) <= w ? s : cs_thead(s, w - 1).'…'
# plot.c passes the name already wrapped so (counting a wide CJK
# character as two columns, which gnuplot cannot tell): a name with a line
# break is used as it is.
cs_name1 = cs_thead(cs_scenario, cs_titlew)
cs_name2 = cs_ell(cs_tail(cs_scenario, cs_titlew), cs_titlew)
cs_name = strstrt(cs_scenario, "\n") > 0 ? cs_scenario : \
    cs_name1.(cs_name2 eq '' ? '' : "\n".cs_name2)
cs_name_lines = strstrt(cs_name, "\n") > 0 ? 2 : 1
cs_title(s) = s."\n".cs_name

cs_blue   = '#1f5fa8'
cs_orange = '#d9640f'
cs_green  = '#2e8b3e'
cs_red    = '#c0392b'
cs_purple = '#7b4ea3'
cs_grey   = '#6b6b6b'
cs_teal   = '#138d8d'
cs_gold   = '#b8860b'
cs_outer = 0.16
cs_inner = 0.36

set style line 1 lc rgb cs_blue   lw 3
set style line 2 lc rgb cs_orange lw 3
set style line 3 lc rgb cs_green  lw 3
set style line 4 lc rgb cs_red    lw 3
set style line 5 lc rgb cs_purple lw 3
set style line 6 lc rgb cs_grey   lw 3
set style line 7 lc rgb cs_teal   lw 3
set style line 8 lc rgb cs_gold   lw 3
set style line 9 lc rgb 'black' lw 2 dt 2
set style line 10 lc rgb '#b0b0b0' lw 1

set border 3 lw 1.5
set tics nomirror out scale 0.6
set grid back ls 10 dt 3
set key outside bottom center horizontal reverse Left noenhanced samplen 2.5 spacing 1.1 width 2 height 0.6
set title noenhanced font ",24"
set xlabel noenhanced
set ylabel noenhanced
set style textbox opaque noborder

cs_year_step(n) = n <= 15 ? 1 : n <= 30 ? 2 : n <= 75 ? 5 : 10
cs_pct(x) = sprintf('%.0f%%', 100 * x)
# A number for a label, 3 significant digits, never e-notation in the
# usual ranges: 0.0218, 1.3, 127, 3.29k, 22.8k, 2.06M, 1.5bn.
# cs_numd(v, d): the same with d significant digits.
cs_g(d) = sprintf('%%.%dg', d)
cs_numd(v, d) = abs(v) >= 999.5e6 ? sprintf(cs_g(d).'bn', v / 1e9) : \
    abs(v) >= 999.5e3 ? sprintf(cs_g(d).'M', v / 1e6) : \
    abs(v) >= 999.5 ? sprintf(cs_g(d).'k', v / 1e3) : \
    abs(v) < 1e-4 && v != 0 ? sprintf(sprintf('%%.%de', d - 1), v) : sprintf(cs_g(d), v)
cs_num(v) = cs_numd(v, 3)
# A ratio for a label (a hedge ratio), never in e-notation: 3 significant
# digits with their trailing zeros, as the stdout tables print it (0.0643,
# 0.100, 1.30, 100; 0 itself as 0), k/M/bn from 999.5 (22.8k), '<0.0001'
# (or '>-0.0001') below 0.0001.
cs_nodot(s) = s[strlen(s):strlen(s)] eq '.' ? s[1:strlen(s) - 1] : s
cs_ratio(v) = v == 0 ? '0' : abs(v) < 1e-4 ? (v > 0 ? '<0.0001' : '>-0.0001') : \
    (abs(v) < 999.5 ? cs_nodot(sprintf('%#.3g', v)) : cs_num(v))
# An amount of $B for a label as the stdout table prints it
# (output_busd_text): 3 significant digits with their trailing zeros
# (12.0, not 12), whole from 100 (127, 1089), 0 itself as 0.
cs_busd(v) = v == 0 ? '0' : (abs(v) >= 100 && abs(v) < 1e9 ? \
    sprintf('%.0f', v) : cs_nodot(sprintf('%#.3g', v)))
# A probability for a label as stdout prints it: whole percents, '<1%'
# for one above 0 that rounds to 0, '>99%' for one below 1 that rounds
# to 100 (so a label reads 0% or 100% only when it is so).
cs_prob(x) = x > 0 && cs_pct(x) eq '0%' ? '<1%' : \
    (x < 1 && cs_pct(x) eq '100%' ? '>99%' : cs_pct(x))
# A round tic step (1, 2 or 5 times a power of ten) giving at most n
# intervals over a span.
cs_step_m(r) = 10 ** floor(log10(r))
cs_step_r(r) = r / cs_step_m(r) <= 1 ? 1 : r / cs_step_m(r) <= 2 ? 2 : \
    r / cs_step_m(r) <= 5 ? 5 : 10
cs_step(span, n) = span > 0 ? cs_step_r(span / n) * cs_step_m(span / n) : 1
# Word wrap for tic labels (scenario names under bars); cs_lines counts
# the lines of the result, to size the bottom margin (cs_lastsp: above).
cs_wlen(s) = strstrt(s, ' ') > 0 ? strstrt(s, ' ') - 1 : strlen(s)
cs_wrap(s, w) = strlen(s) <= w ? s : (cs_lastsp(s, w + 1) > 1 ? \
    s[1:cs_lastsp(s, w + 1) - 1]."\n".cs_wrap(s[cs_lastsp(s, w + 1) + 1:], w) : \
    (cs_wlen(s) <= w + w / 5 ? (cs_wlen(s) == strlen(s) ? s : \
    s[1:cs_wlen(s)]."\n".cs_wrap(s[cs_wlen(s) + 2:], w)) : \
    (s[w:w] eq '-' ? s[1:w]."\n".cs_wrap(s[w + 1:], w) : \
    s[1:w - 1].(s[w - 1:w - 1] eq '-' ? '' : '-')."\n".cs_wrap(s[w:], w))))
cs_nlpos(s) = strstrt(s, "\n")
# (line by line, not character by character: gnuplot's recursion is shallow)
cs_lines(s) = cs_nlpos(s) == 0 ? 1 : 1 + cs_lines(s[cs_nlpos(s) + 1:])
cs_head(s, k) = cs_nlpos(s) == 0 ? s : (k <= 1 ? s[1:cs_nlpos(s) - 1].'…' : \
    s[1:cs_nlpos(s)].cs_head(s[cs_nlpos(s) + 1:], k - 1))
