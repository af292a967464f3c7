# style.gp — the computesim house style, loaded by every chart script.
#
# Calling convention (plot.c runs every script this way, from an argument
# vector, never through a shell):
#     gnuplot -d -c /abs/plots/SCRIPT.gp DATADIR OUT.png TITLE
#   ARG1  absolute path of the output directory holding the chart_*.csv
#   ARG2  absolute path of the PNG to write
#   ARG3  the scenario's name (any text; used only as a string)
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
#   cs_name     cs_scenario, cut to 70 characters
#   cs_title(s) two-line title: s, then the scenario's name
#               (set title cs_title('x') noenhanced: never enhanced text)
#   colours     cs_blue, cs_orange, cs_green, cs_red, cs_purple, cs_grey,
#               cs_teal, cs_gold: strings for lc rgb / fc rgb
#   bands       cs_outer, cs_inner: fill densities of the 5-95% and 25-75%
#               bands (fs transparent solid cs_outer noborder)
#   line styles ls 1..8 in the colours above (lw 3); ls 9: the zero or
#               reference line (black, dashed); ls 10: thin grey
#   grid, border, tics out, key outside below the plot (never over data)
#   cs_year_step(n) tic step for an axis of n years (1, 2, 5 or 10)
#   cs_pct(x)   sprintf of a share as a percentage ("73%")
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
cs_name = strlen(cs_scenario) > 70 ? cs_scenario[1:67].'...' : cs_scenario
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
