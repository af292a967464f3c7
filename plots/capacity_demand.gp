# capacity_demand.gp — (a) capacity against internal demand: median lines
# with 25-75% and 5-95% bands, million H100e (log axis when the values
# span more than 20x), from chart_capacity_demand.csv. When power binds in
# any trial (stranded_p95 > 0), the owned H100e waiting for power
# (stranded_h100e: not capacity, not surplus) are drawn too, in grey.
cs_in = ARG1; cs_out = ARG2; cs_scenario = ARG3
_i = strlen(ARG0); while (_i > 0 && ARG0[_i:_i] ne '/') { _i = _i - 1 }
load ARG0[1:_i].'style.gp'
cs_file = cs_data('chart_capacity_demand.csv')
load cs_dir.'bands.gp'
load cs_dir.'years.gp'

set title cs_title('Capacity vs internal demand') noenhanced
# Both grow about exponentially and demand's tails are wide: when the
# values span more than a factor of 20, a log axis keeps the early years
# and the medians readable (and shows ratios as distances).
stats cs_file using 'capacity_p5' nooutput name 'C5'
stats cs_file using 'demand_p5' nooutput name 'D5'
stats cs_file using 'capacity_p95' nooutput name 'C95'
stats cs_file using 'demand_p95' nooutput name 'D95'
stats cs_file using 'stranded_p95' nooutput name 'S95'
has_stranded = exists('S95_max') ? S95_max > 0 : 0
# the smallest nonzero stranded median, if any (0 where none is stranded)
stats cs_file using (column('stranded_p50') > 0 ? column('stranded_p50') : 1e300) \
    nooutput name 'S50'
s50lo = exists('S50_min') && S50_min < 1e300 ? S50_min : 0
lo = C5_min < D5_min ? C5_min : D5_min
lo = lo > 0 ? lo : (C5_min > 0 ? C5_min : D5_min)
hi = C95_max > D95_max ? C95_max : D95_max
# capacity and demand choose the axis; the stranded fan is then taken in:
# its top always, and on a log axis its median down to three decades
# below the top (never raising the floor; lower medians sit under it)
is_log = lo > 0 && hi / lo > 20
if (has_stranded && S95_max > hi) { hi = S95_max }
s50f = s50lo > hi / 1e3 ? s50lo : hi / 1e3
if (is_log && has_stranded && s50lo > 0 && s50f < lo) { lo = s50f }
if (is_log) {
    ylo = lo / 1e6 / 1.3
    set logscale y 10
    set yrange [ylo : hi / 1e6 * 1.3]
    set ylabel 'million H100-equivalents (log scale)'
    if (hi / lo < 1e6) { set format y '%g' } else { set format y '10^{%T}' }
} else {
    ylo = 0
    set ylabel 'million H100-equivalents'
    set yrange [0:*]
}
set key maxcols 3 width 1

M(c) = column(c) / 1e6
# The stranded fan: on a log axis a count of 0 (or one below the floor)
# has no place, so the band starts at the axis floor there and the median
# leaves a gap; on a linear axis 0 is drawn as 0.
SB(c) = column(c) / 1e6 > ylo ? column(c) / 1e6 : ylo
MS(c) = column(c) / 1e6 > ylo ? column(c) / 1e6 : (is_log ? NaN : 0)
# Two fans on one axis, told apart by how they are drawn, not only by
# colour: demand as filled orange bands (5-95% light, 25-75% darker, thin
# edges); capacity on top of them as a blue hatched 25-75% band with blue
# edges and its 5-95% as dashed blue lines, so that the capacity fan shows
# in its own colour over demand and both inner bands stay readable.
# Medians last, over every band.
plot cs_file using 'year':(M('demand_p5')):(M('demand_p95')) with filledcurves \
        lc rgb cs_orange fs transparent solid cs_outer noborder \
        title 'demand '.cs_band_o noenhanced, \
     '' using 'year':(M('demand_p25')):(M('demand_p75')) with filledcurves \
        lc rgb cs_orange fs transparent solid cs_inner noborder title 'demand '.cs_band_i noenhanced, \
     '' using 'year':(M('demand_p5')) with lines lc rgb cs_orange lw 1 notitle, \
     '' using 'year':(M('demand_p95')) with lines lc rgb cs_orange lw 1 notitle, \
     '' using 'year':(M('capacity_p25')):(M('capacity_p75')) with filledcurves \
        lw 1.5 fc rgb cs_blue fs transparent pattern 4 border lc rgb cs_blue \
        title 'capacity '.cs_band_i noenhanced, \
     '' using 'year':(M('capacity_p5')) with lines lc rgb cs_blue lw 2 dt 2 \
        title 'capacity '.cs_band_o noenhanced, \
     '' using 'year':(M('capacity_p95')) with lines lc rgb cs_blue lw 2 dt 2 notitle, \
     '' using 'year':(M('capacity_p50')) with linespoints ls 1 pt 7 ps 1.2 title 'capacity median', \
     '' using 'year':(M('demand_p50')) with linespoints ls 2 pt 5 ps 1.2 title 'demand median', \
     '' using 'year':(has_stranded ? SB('stranded_p5') : NaN):(has_stranded ? SB('stranded_p95') : NaN) with filledcurves \
        lc rgb cs_grey fs transparent solid cs_outer noborder \
        title (has_stranded ? 'waiting for power '.cs_band_o : '') noenhanced, \
     '' using 'year':(has_stranded ? MS('stranded_p50') : NaN) with linespoints lc rgb cs_grey lw 3 dt 3 pt 9 ps 1.2 \
        title (has_stranded ? 'waiting for power (stranded) median' : '')
