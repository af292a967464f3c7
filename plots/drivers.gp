# drivers.gp — what decides cloud NPV: each uncertain input's Sobol'
# indices, first order (blue: the share of NPV's variance it explains
# alone) and total effect (orange: alone and in every interaction), with
# their bootstrap intervals; largest total on top, at most 20 inputs.
# From chart_drivers.csv (written by `computesim drivers`): label, first,
# first_lo, first_hi, total, total_lo, total_hi, correlated_pairs (the
# scenario's, in every row; a table written by an earlier build has no
# such column: no note).
cs_in = ARG1; cs_out = ARG2; cs_scenario = ARG3
_i = strlen(ARG0); while (_i > 0 && ARG0[_i:_i] ne '/') { _i = _i - 1 }
load ARG0[1:_i].'style.gp'
cs_file = cs_data('chart_drivers.csv')

dv_min(a, b) = a < b ? a : b
dv_max(a, b) = a > b ? a : b
dv_len = 0
# The axis spans the bars and the whiskers. A run of few trials has no
# intervals (NaN, written as empty cells): a whisker column then falls
# back to its estimate, and the key says there are no whiskers. Columns
# by number, as valid() takes them: 2 first, 3 first_lo, 4 first_hi,
# 5 total, 7 total_hi.
stats cs_file using (dv_len = dv_max(dv_len, strlen(strcol('label'))), \
    valid(7) ? column(7) : column(5)) nooutput name 'DH'
stats cs_file using (valid(3) ? column(3) : column(2)) nooutput name 'DL'
stats cs_file using (valid(4) ? column(4) : column(2)) nooutput name 'FH'
stats cs_file using (valid(3) + valid(4) + valid(7)) nooutput name 'DV'
stats cs_file using 'total' nooutput name 'DT'
N = DH_records
# correlated inputs: a note that an input's indices carry its partner's
stats cs_file using 0 nooutput name 'DC'
dv_corr = 0
stats cs_file every ::0::0 using (dv_corr = sum [i = 1:DC_columns] \
    (columnhead(i) eq 'correlated_pairs' ? column(i) : 0), 0) nooutput
dv_hi = dv_max(dv_max(DH_max, FH_max), 0.05)
dv_lo = dv_min(dv_min(DL_min, DT_min), 0)

unset title
set label 99 cs_title("What decides cloud NPV: Sobol' indices") at screen 0.5, screen 0.965 center front noenhanced font ',24'
set tmargin at screen 0.87 - (cs_name_lines - 1) * 0.035
# room on the left for the longest path (16 pt: about 11.5 px a character)
set lmargin at screen dv_min(0.45, (dv_len * 11.5 + 50) / 1600.0)
set rmargin at screen 0.97
set xlabel 'share of the variance of NPV'
set xrange [dv_lo - 0.02 * (dv_hi - dv_lo) : dv_hi * 1.08]
set yrange [N - 0.5 : -0.5]
set ytics scale 0 noenhanced font ',16'
set grid noytics xtics
set key maxrows 1 width -3 font ',18' samplen 2
set label 98 (DV_sum > 0 ? 'bars: the estimate; whiskers: its 95% bootstrap interval' : 'bars: the estimate; too few trials for intervals') at screen 0.01, screen 0.04 left front noenhanced font ',16'
if (dv_corr > 0) {
    set label 97 sprintf("%d correlated pair%s: of a pair, the input drawn first also carries what it moves through its partner (stdout; docs/notes-analysis.md)", dv_corr, dv_corr == 1 ? '' : 's') at screen 0.01, screen 0.012 left front noenhanced font ',14'
}
set arrow 1 from 0, graph 0 to 0, graph 1 nohead ls 9 front

# the whiskers only where there are intervals (gnuplot warns of a plot
# with no valid point): the same two sets of bars either way
if (DV_sum > 0) {
    plot cs_file using (0):0:(dv_min(0, column('first'))):(dv_max(0, column('first'))):($0 - 0.36):($0 - 0.02):ytic(strcol('label')) \
            with boxxyerror lc rgb cs_blue fs solid 0.75 noborder title 'first order', \
         '' using (0):0:(dv_min(0, column('total'))):(dv_max(0, column('total'))):($0 + 0.02):($0 + 0.36) \
            with boxxyerror lc rgb cs_orange fs solid 0.75 noborder title 'total effect', \
         '' using 'first':($0 - 0.19):'first_lo':'first_hi' with xerrorbars lc rgb 'black' pt -1 lw 1.5 notitle, \
         '' using 'total':($0 + 0.19):'total_lo':'total_hi' with xerrorbars lc rgb 'black' pt -1 lw 1.5 notitle
} else {
    plot cs_file using (0):0:(dv_min(0, column('first'))):(dv_max(0, column('first'))):($0 - 0.36):($0 - 0.02):ytic(strcol('label')) \
            with boxxyerror lc rgb cs_blue fs solid 0.75 noborder title 'first order', \
         '' using (0):0:(dv_min(0, column('total'))):(dv_max(0, column('total'))):($0 + 0.02):($0 + 0.36) \
            with boxxyerror lc rgb cs_orange fs solid 0.75 noborder title 'total effect'
}
