# surplus.gp — (c) surplus: top panel P(surplus) (and P(shortfall)) by
# year; bottom panel the surplus as a share of capacity: median, 25-75%
# and 5-95% bands, mean (the median is 0 while P(surplus) < 50%).
# From chart_surplus.csv.
cs_in = ARG1; cs_out = ARG2; cs_scenario = ARG3
_i = strlen(ARG0); while (_i > 0 && ARG0[_i:_i] ne '/') { _i = _i - 1 }
load ARG0[1:_i].'style.gp'
cs_file = cs_data('chart_surplus.csv')
load cs_dir.'bands.gp'
load cs_dir.'years.gp'

set multiplot title cs_title('Surplus of capacity over demand plus reserve') font ',24' noenhanced
# same margins in both panels so that the years line up; keys outside
# on the right, where they cannot hide a curve
set lmargin 14
set rmargin 24
# the keys take about 30% of the width: the year labels get the step of
# an axis 1.4 times as long (at 13 years and more every other year; every
# year ran together from 14)
set xtics YR_min, cs_year_step(int(ceil((YR_max - YR_min + 1) * 1.4))), YR_max

# top panel: probabilities
set origin 0, 0.50
set size 1, 0.38
set ylabel 'probability'
set yrange [0:1.05]
set format y '%g'
set ytics ('0%%' 0, '25%%' 0.25, '50%%' 0.5, '75%%' 0.75, '100%%' 1)
unset xlabel
set format x ''
set key outside right top vertical Left reverse
plot cs_file using 'year':'p_surplus' with linespoints ls 4 pt 7 ps 1.2 title 'P(surplus)', \
     '' using 'year':'p_shortfall' with linespoints ls 6 pt 5 ps 1.0 dt 2 title 'P(shortfall)'

# bottom panel: size of the surplus as a share of capacity (the unit of
# cloud.trigger_surplus_share; in H100e the exponential growth of the fleet
# would flatten every early year): median, 25-75% and 5-95%, mean
set origin 0, 0.0
set size 1, 0.52
set ylabel 'surplus, % of capacity'
# no surplus in any trial: a fixed axis instead of an empty range (stats
# skips values outside the current yrange, the top panel's: clear it)
set yrange [*:*]
stats cs_file using 'surplus_share_p95' nooutput name 'S95'
stats cs_file using 'surplus_share_mean' nooutput name 'SM'
# (room above the highest curve, which would lie on the top border)
if (S95_max > 0 || SM_max > 0) { \
	set yrange [0:108 * (S95_max > SM_max ? S95_max : SM_max)] \
} else { set yrange [0:10] }
set ytics auto
set format y '%g%%'
set xtics format '%.0f'
set xlabel 'year'
P(c) = 100 * column(c)
plot cs_file using 'year':(P('surplus_share_p5')):(P('surplus_share_p95')) with filledcurves \
        lc rgb cs_red fs transparent solid cs_outer noborder title 'surplus '.cs_band_o noenhanced, \
     '' using 'year':(P('surplus_share_p25')):(P('surplus_share_p75')) with filledcurves \
        lc rgb cs_red fs transparent solid cs_inner noborder title 'surplus '.cs_band_i noenhanced, \
     '' using 'year':(P('surplus_share_p50')) with linespoints ls 4 pt 7 ps 1.2 title 'median surplus', \
     '' using 'year':(P('surplus_share_mean')) with lines ls 4 dt 2 lw 2 title 'mean surplus'
unset multiplot
