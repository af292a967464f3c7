# cloud_npv.gp — (d) cumulative discounted cash of the cloud option
# (cloud_npv_busd): median, 25-75% and 5-95% bands, mean, zero line,
# and the share of trials not launched by the last year. From
# chart_cloud_npv.csv.
cs_in = ARG1; cs_out = ARG2; cs_scenario = ARG3
_i = strlen(ARG0); while (_i > 0 && ARG0[_i:_i] ne '/') { _i = _i - 1 }
load ARG0[1:_i].'style.gp'
cs_file = cs_data('chart_cloud_npv.csv')
load cs_dir.'bands.gp'
load cs_dir.'years.gp'

set title cs_title('Cumulative cloud NPV') noenhanced
set ylabel 'cumulative discounted cash, $B'
set key maxcols 5
# a cloud that never launches has NPV 0 in every trial: give the flat fan
# a range instead of letting gnuplot warn about an empty one (set after
# the last stats below: stats skips values outside the current yrange,
# and a flat fan away from 0 puts the sums and not_launched outside it)
stats cs_file using 'p5' nooutput name 'N5'
stats cs_file using 'p95' nooutput name 'N95'
# ... and says why, when that is so: 0 in every year and trial
stats cs_file using (abs(column('p5')) + abs(column('p95')) + abs(column('mean'))) nooutput name 'NA'
if (NA_max == 0) { \
	set label 90 'the cloud is launched in no trial within the horizon: no cash, NPV 0' \
		at graph 0.5, graph 0.7 center front noenhanced font ',18' \
}
# ... and, when some trials never launch, how many: their NPV is 0 in
# every year, which can hold the median at 0 (the share not launched
# falls year by year: its least is the last year's; a table written
# before the column was added draws without the note)
stats cs_file using 0 nooutput name 'CN'
cn_nl = 0
stats cs_file using (cn_nl = sum [i = 1:CN_columns] \
    (columnhead(i) eq 'not_launched' ? i : 0), 0) nooutput
if (cn_nl > 0) { stats cs_file using 'not_launched' nooutput name 'NL' }
if (cn_nl > 0 && NA_max > 0 && NL_min > 0) { \
	set xlabel sprintf('year   (not launched by %.0f: %s of trials, whose NPV is 0 in every year)', \
		YR_max, cs_prob(NL_min)) noenhanced \
}
if (N95_max - N5_min < 1e-9) { set yrange [N5_min - 1 : N95_max + 1] }

plot cs_file using 'year':'p5':'p95' with filledcurves \
        lc rgb cs_green fs transparent solid cs_outer noborder title cs_band_o noenhanced, \
     '' using 'year':'p25':'p75' with filledcurves \
        lc rgb cs_green fs transparent solid cs_inner noborder title cs_band_i noenhanced, \
     0 with lines ls 9 title 'break-even (0)', \
     '' using 'year':'p50' with linespoints ls 3 pt 7 ps 1.2 title 'median', \
     '' using 'year':'mean' with lines ls 3 dt 2 lw 2 title 'mean'
