# capacity_demand.gp — (a) capacity against internal demand: median lines
# with 25-75% and 5-95% bands, million H100e, from chart_capacity_demand.csv.
cs_in = ARG1; cs_out = ARG2; cs_scenario = ARG3
_i = strlen(ARG0); while (_i > 0 && ARG0[_i:_i] ne '/') { _i = _i - 1 }
load ARG0[1:_i].'style.gp'
cs_file = cs_data('chart_capacity_demand.csv')
load cs_dir.'years.gp'

set title cs_title('Capacity vs internal demand') noenhanced
set ylabel 'million H100-equivalents'
set yrange [0:*]
set key maxcols 3

M(c) = column(c) / 1e6
# bands first, medians on top, so that no band hides a median line
plot cs_file using 'year':(M('capacity_p5')):(M('capacity_p95')) with filledcurves \
        lc rgb cs_blue fs transparent solid cs_outer noborder title 'capacity 5–95%', \
     '' using 'year':(M('capacity_p25')):(M('capacity_p75')) with filledcurves \
        lc rgb cs_blue fs transparent solid cs_inner noborder title 'capacity 25–75%', \
     '' using 'year':(M('demand_p5')):(M('demand_p95')) with filledcurves \
        lc rgb cs_orange fs transparent solid cs_outer noborder title 'demand 5–95%', \
     '' using 'year':(M('demand_p25')):(M('demand_p75')) with filledcurves \
        lc rgb cs_orange fs transparent solid cs_inner noborder title 'demand 25–75%', \
     '' using 'year':(M('capacity_p50')) with linespoints ls 1 pt 7 ps 1.2 title 'capacity median', \
     '' using 'year':(M('demand_p50')) with linespoints ls 2 pt 5 ps 1.2 title 'demand median'
