# sweep_line.gp — a sweep over one input: mean cloud NPV with its 5-95%
# band across trials (left axis) and P(NPV > 0) (right axis), at each grid
# value (every point runs the same trials: common random numbers).
# From chart_sweep_line.csv (written by computesim sweep with one --grid).
cs_in = ARG1; cs_out = ARG2; cs_scenario = ARG3
_i = strlen(ARG0); while (_i > 0 && ARG0[_i:_i] ne '/') { _i = _i - 1 }
load ARG0[1:_i].'style.gp'
cs_file = cs_data('chart_sweep_line.csv')

sw_x = ''
stats cs_file using (sw_x = strcol('xaxis'), column('x')) nooutput name 'SX'
set title cs_title('Sweep: cloud NPV and P(NPV > 0)') noenhanced
set xlabel sw_x.' (held at each value in every trial)' noenhanced
set ylabel 'NPV of the cloud option, $B'
set y2label 'P(NPV > 0)'
set y2range [0:1.02]
set y2tics ('0%%' 0, '25%%' 0.25, '50%%' 0.5, '75%%' 0.75, '100%%' 1)
set ytics nomirror
set xrange [SX_min : SX_max]
set border 11
set key maxrows 1

plot cs_file using 'x':'npv_p5':'npv_p95' with filledcurves \
        lc rgb cs_green fs transparent solid cs_outer noborder title 'NPV 5–95%', \
     0 with lines ls 9 title 'NPV = 0', \
     '' using 'x':'npv_mean' with linespoints ls 3 pt 7 ps 1.2 title 'mean NPV', \
     '' using 'x':'p_npv_positive' axes x1y2 with linespoints ls 5 pt 5 ps 1.1 title 'P(NPV > 0) (right)'
