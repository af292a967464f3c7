# industry.gp — the industry's market (docs/model.md, second form): the top
# panel is the industry's tightness (everyone else's demand over their
# fleet; at or above 1 the industry is short of compute), the bottom one
# the market rent per H100e-hour, which follows the cost of compute and
# moves with tightness. Medians with 25-75% and 5-95% bands, from
# chart_industry.csv.
cs_in = ARG1; cs_out = ARG2; cs_scenario = ARG3
_i = strlen(ARG0); while (_i > 0 && ARG0[_i:_i] ne '/') { _i = _i - 1 }
load ARG0[1:_i].'style.gp'
cs_file = cs_data('chart_industry.csv')
load cs_dir.'bands.gp'
load cs_dir.'years.gp'

# Each panel's key sits inside at the top: the y axis gets 60% more room
# than the 95th percentile needs, so the key never covers the fan. It is
# not opaque (that would hide any curve that reached it), but gnuplot
# leaves the grid out of the key's whole area, as wide as its widest
# entry times its columns: a thin grey box shows that area as the key's,
# where an unframed one left a bare patch that read as missing grid.
# Both panels share one left margin, so their years line up.
stats cs_file using 'tightness_p95' nooutput name 'T95'
stats cs_file using 'price_p95' nooutput name 'P95'

set lmargin 12
set multiplot layout 2,1 title cs_title('The industry: tightness and the rent') noenhanced
set key inside top left maxrows 1 box lc rgb '#c8c8c8' lw 1
set title ''
set ylabel 'tightness (demand / fleet)'
set yrange [0:(T95_max > 1 ? T95_max : 1) * 1.6]
set xlabel ''
plot cs_file using 'year':'tightness_p5':'tightness_p95' with filledcurves lc rgb cs_purple fs transparent solid cs_outer noborder title cs_band_o noenhanced, \
     '' using 'year':'tightness_p25':'tightness_p75' with filledcurves lc rgb cs_purple fs transparent solid cs_inner noborder title cs_band_i noenhanced, \
     '' using 'year':'tightness_p50' with linespoints ls 5 pt 7 ps 1.2 title 'median', \
     1 with lines ls 9 title 'short above, glut below'
set ylabel 'rent (USD per H100e-hour)'
set xlabel 'year'
set yrange [0:(P95_max > 0 ? P95_max : 1) * 1.6]
set key inside top right maxrows 1 box lc rgb '#c8c8c8' lw 1
plot cs_file using 'year':'price_p5':'price_p95' with filledcurves lc rgb cs_green fs transparent solid cs_outer noborder title cs_band_o noenhanced, \
     '' using 'year':'price_p25':'price_p75' with filledcurves lc rgb cs_green fs transparent solid cs_inner noborder title cs_band_i noenhanced, \
     '' using 'year':'price_p50' with linespoints ls 3 pt 7 ps 1.2 title 'median'
unset multiplot
