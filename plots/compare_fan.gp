# compare_fan.gp — scenarios side by side: utilization (top) and
# cumulative cloud NPV (bottom), the median of each scenario with its
# 5-95% band, in the scenario's own colour, the band's edges dashed so
# that overlapping bands can be told apart. Same seed and trials for all.
# From chart_compare_fan.csv: column 1 the year, then 10 columns per
# scenario (utilization p5/p50/p95, surplus p5/p50/p95, cloud NPV
# p5/p50/p95, P(surplus)); the p50 headers are the scenarios' names.
cs_in = ARG1; cs_out = ARG2; cs_scenario = ARG3
_i = strlen(ARG0); while (_i > 0 && ARG0[_i:_i] ne '/') { _i = _i - 1 }
load ARG0[1:_i].'style.gp'
stats cs_data('chart_compare_stories.csv') using 2 nooutput name 'CS'
N = CS_records
cs_file = cs_data('chart_compare_fan.csv')
load cs_dir.'years.gp'
C(s, j) = 1 + (s - 1) * 10 + j
LS(s) = (s - 1) % 8 + 1
# the key: the scenarios' names, the headers of the p50 columns, with
# their commas (unesc.gp)
array cf_key[N]
do for [s=1:N] {
    stats cs_file every ::0::0 using (cs_s = columnhead(C(s, 8)), 0) nooutput
    load cs_dir.'unesc.gp'
    cf_key[s] = cs_u
}
COL(s) = word(cs_blue.' '.cs_orange.' '.cs_green.' '.cs_red.' '.cs_purple.' '.cs_grey.' '.cs_teal.' '.cs_gold, LS(s))

# two panels sharing the year axis, placed by hand so that the legend
# under the lower one does not squeeze it
set multiplot title cs_title('Scenarios compared: utilization and cloud NPV (median; dashed: 5th and 95th percentiles)') noenhanced
set lmargin at screen 0.09
set rmargin at screen 0.97
set key off
# a second line of the scenarios' names moves the panels down a little
cf_top = 0.84 - (cs_name_lines - 1) * 0.035
set tmargin at screen cf_top
set bmargin at screen 0.55
set title 'utilization of capacity by internal demand' noenhanced font ',20'
set ylabel 'utilization'
set format y '%.0f%%'
set ytics 20
set yrange [0:105]
set format x ''
unset xlabel
plot for [s=1:N] cs_file using 1:(100*column(C(s,1))):(100*column(C(s,3))) with filledcurves \
        lc rgb COL(s) fs transparent solid cs_outer noborder notitle, \
     for [s=1:N] '' using 1:(100*column(C(s,1))) with lines lc rgb COL(s) lw 1.2 dt 2 notitle, \
     for [s=1:N] '' using 1:(100*column(C(s,3))) with lines lc rgb COL(s) lw 1.2 dt 2 notitle, \
     for [s=1:N] '' using 1:(100*column(C(s,2))) with linespoints ls LS(s) pt 7 ps 1.0 notitle

set tmargin at screen 0.47
# the key below: one line per scenario when the names are long, in a
# smaller font from five scenarios on (a line: 0.035 of the height at 20
# points, 0.029 at 16)
cf_row = N > 4 ? 0.029 : 0.035
set bmargin at screen (N > 2 ? 0.14 + cf_row * N : 0.2)
set title 'cumulative cloud NPV, $B' noenhanced font ',20'
set ylabel '$B'
set format y '%g'
# the panel is short: at most 5 intervals between tics, on round values
# (stats skips values outside the current yrange: clear it first)
set yrange [*:*]
cf_lo = 0
cf_hi = 0
do for [s=1:N] {
    stats cs_file using (column(C(s,7))) nooutput name 'F5'
    stats cs_file using (column(C(s,9))) nooutput name 'F95'
    cf_lo = F5_min < cf_lo ? F5_min : cf_lo
    cf_hi = F95_max > cf_hi ? F95_max : cf_hi
}
cf_step = cs_step(cf_hi - cf_lo, 5)
set ytics cf_step
cf_pad = (cf_hi - cf_lo) > 0 ? 0.04 * (cf_hi - cf_lo) : 1
set yrange [cf_lo - cf_pad : cf_hi + cf_pad]
set format x '%.0f'
set xlabel 'year'
set key maxcols 2
if (N > 4) { set key font ',16' }
plot for [s=1:N] cs_file using 1:(column(C(s,7))):(column(C(s,9))) with filledcurves \
        lc rgb COL(s) fs transparent solid cs_outer noborder notitle, \
     for [s=1:N] '' using 1:(column(C(s,7))) with lines lc rgb COL(s) lw 1.2 dt 2 notitle, \
     for [s=1:N] '' using 1:(column(C(s,9))) with lines lc rgb COL(s) lw 1.2 dt 2 notitle, \
     0 with lines ls 9 notitle, \
     for [s=1:N] '' using 1:(column(C(s,8))) with linespoints ls LS(s) pt 7 ps 1.0 title cf_key[s]
unset multiplot
