# utilization.gp — (b) utilization of capacity by internal demand: median
# with 25-75% and 5-95% bands, and the surplus line 1/(1+reserve margin)
# (median margin; grey band, with its own key entry: the line at the
# margin's 5-95%): below the line the fleet has a surplus (capacity >
# demand x (1 + margin)); above 100%, the median of demand / capacity
# shows how short the fleet is. From chart_utilization.csv.
cs_in = ARG1; cs_out = ARG2; cs_scenario = ARG3
_i = strlen(ARG0); while (_i > 0 && ARG0[_i:_i] ne '/') { _i = _i - 1 }
load ARG0[1:_i].'style.gp'
cs_file = cs_data('chart_utilization.csv')
load cs_dir.'bands.gp'
load cs_dir.'years.gp'

set title cs_title('Utilization of capacity by internal demand') noenhanced
set ylabel 'utilization (% of capacity)'
set format y '%.0f%%'
stats cs_file using 'p5' nooutput name 'U'
# Utilization stops at 100%; how far demand runs past capacity shows in
# the median demand ratio (demand / capacity), drawn where it is above
# 100% (below, it equals the median utilization). Up to 150% it shares
# the utilization axis, which then stops at most there so that the fan
# keeps most of the height; a ratio that goes higher gets an axis of its
# own on the right (orange, as a multiple from 1x; logarithmic past 4x),
# so that the line is never cut off however short the fleet is.
stats cs_file using 'demand_ratio_p50' nooutput name 'R'
r_own = R_max > 1.5
ytop = R_max > 1.0 && !r_own ? R_max * 105 : 105
set yrange [(U_min < 0.5 ? 0 : 40) : ytop]
if (r_own) {
    set y2range [1 : R_max * 1.05]
    set y2tics nomirror out tc rgb cs_orange format '%g×'
    # a log axis labels its powers of ten; below 100x that is too few
    if (R_max > 4) { set logscale y2; if (R_max < 100) { set y2tics 1, 2 } }
    set y2label 'demand ÷ capacity (median, where above 1)' tc rgb cs_orange noenhanced
    set ytics nomirror
    set border 11 lw 1.5
}
# the axes of the ratio's line (a name of this script's, not user text)
r_axes = r_own ? 'x1y2' : 'x1y1'
set key maxcols 3 width -3

P(c) = 100 * column(c)
# the ratio in its axis's unit: % on the left, a multiple on the right
R(c) = r_own ? column(c) : 100 * column(c)
plot cs_file using 'year':(100*column('full_use_lo')):(100*column('full_use_hi')) with filledcurves \
        lc rgb cs_grey fs transparent solid 0.12 noborder notitle, \
     '' using 'year':(P('p5')):(P('p95')) with filledcurves \
        lc rgb cs_teal fs transparent solid cs_outer noborder title cs_band_o noenhanced, \
     '' using 'year':(P('p25')):(P('p75')) with filledcurves \
        lc rgb cs_teal fs transparent solid cs_inner noborder title cs_band_i noenhanced, \
     '' using 'year':(P('p50')) with linespoints ls 7 pt 7 ps 1.2 title 'median', \
     '' using 'year':(P('full_use')) with lines ls 9 \
        title 'surplus below 1/(1 + reserve)', \
     keyentry with filledcurves lc rgb cs_grey fs transparent solid 0.12 noborder \
        title 'surplus line, reserve margin 5–95%', \
     100 with lines ls 6 dt 3 lw 2 title 'full use', \
     '' using 'year':(column('demand_ratio_p50') > 1 ? R('demand_ratio_p50') : NaN) \
        axes @r_axes with linespoints ls 2 dt 4 pt 6 ps 1.2 lw 2 \
        title (r_own ? 'short: demand ÷ capacity (median, right)' : \
               'short: demand ÷ capacity (median)')
