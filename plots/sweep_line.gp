# sweep_line.gp — a sweep over one input, in two panels over the same
# grid values: mean cloud NPV with its 5-95% band across trials (top) and
# P(NPV > 0) (bottom), at each grid value (every point runs the same
# trials: common random numbers). Two panels rather than two y axes on
# one: the 0% of one axis level with some NPV of the other read as if the
# probability sat below the NPV = 0 line.
# From chart_sweep_line.csv (written by computesim sweep with one --grid).
cs_in = ARG1; cs_out = ARG2; cs_scenario = ARG3
_i = strlen(ARG0); while (_i > 0 && ARG0[_i:_i] ne '/') { _i = _i - 1 }
load ARG0[1:_i].'style.gp'
cs_file = cs_data('chart_sweep_line.csv')

sw_x = ''
stats cs_file using (sw_x = strcol('xaxis'), column('x')) nooutput name 'SX'
# The top panel's key sits inside at the top: the NPV axis gets 35% more
# room above the band than it needs, so the key never covers it.
stats cs_file using 'npv_p95' nooutput name 'SH'
stats cs_file using 'npv_p5' nooutput name 'SL'
stats cs_file using 'npv_mean' nooutput name 'SM'
sw_hi = SH_max > SM_max ? SH_max : SM_max
sw_hi = sw_hi > 0 ? sw_hi : 0
sw_lo = SL_min < SM_min ? SL_min : SM_min
sw_lo = sw_lo < 0 ? sw_lo : 0
sw_span = sw_hi - sw_lo > 0 ? sw_hi - sw_lo : 1

set xrange [SX_min : SX_max]
set lmargin 12
set rmargin 4
set multiplot layout 2,1 title cs_title('Sweep: cloud NPV and P(NPV > 0)') noenhanced
set title ''
set key inside top left maxrows 1 opaque
set ylabel 'NPV of the cloud option, $B'
set yrange [sw_lo - 0.05 * sw_span : sw_hi + 0.35 * sw_span]
set xlabel ''
plot cs_file using 'x':'npv_p5':'npv_p95' with filledcurves \
        lc rgb cs_green fs transparent solid cs_outer noborder title 'NPV 5–95%', \
     0 with lines ls 9 title 'NPV = 0', \
     '' using 'x':'npv_mean' with linespoints ls 3 pt 7 ps 1.2 title 'mean NPV'
set ylabel 'P(NPV > 0)'
set yrange [0:1.02]
set ytics ('0%%' 0, '25%%' 0.25, '50%%' 0.5, '75%%' 0.75, '100%%' 1)
# (a long path, a year series' "listed years", in a smaller font)
sw_xl = sw_x.', held at each value in every trial'
set xlabel sw_xl noenhanced font (strlen(sw_xl) > 100 ? ',16' : '')
unset key
plot cs_file using 'x':'p_npv_positive' with linespoints ls 5 pt 5 ps 1.1 notitle
unset multiplot
