# sweep_heat_body.gp — body shared by sweep_heat_p.gp and
# sweep_heat_npv.gp (set sh_col, sh_title, sh_prob first): a heat map of
# column sh_col of chart_sweep_heat.csv over the two swept inputs, the
# value printed in each cell when the grid is small enough to read.
cs_file = cs_data('chart_sweep_heat.csv')
sh_x = ''
sh_y = ''
stats cs_file using (sh_x = strcol('xaxis'), sh_y = strcol('yaxis'), column('x')) nooutput name 'HX'
stats cs_file using 'y' nooutput name 'HY'
stats cs_file using sh_col nooutput name 'HV'
# grid steps: the smallest positive gap between distinct values
sh_nx = 0
sh_ny = 0
stats cs_file using (column('y') == HY_min ? (sh_nx = sh_nx + 1) : 0, 0) nooutput
stats cs_file using (column('x') == HX_min ? (sh_ny = sh_ny + 1) : 0, 0) nooutput
sh_dx = sh_nx > 1 ? (HX_max - HX_min) / (sh_nx - 1) : 1
sh_dy = sh_ny > 1 ? (HY_max - HY_min) / (sh_ny - 1) : 1

set title cs_title(sh_title) noenhanced
set xlabel sh_x noenhanced
set ylabel sh_y noenhanced
set xrange [HX_min - sh_dx / 2 : HX_max + sh_dx / 2]
set yrange [HY_min - sh_dy / 2 : HY_max + sh_dy / 2]
set grid noxtics noytics
set tics front
set key off
set colorbox vertical user origin screen 0.9, graph 0 size character 2, graph 1
set rmargin at screen 0.86
if (sh_prob) {
    set cbrange [0:1]
    set cbtics ('0%%' 0, '25%%' 0.25, '50%%' 0.5, '75%%' 0.75, '100%%' 1)
    set palette defined (0 '#f7f7f7', 0.5 '#92c5de', 1 cs_blue)
    sh_fmt(v) = cs_pct(v)
} else {
    sh_m = abs(HV_min) > abs(HV_max) ? abs(HV_min) : abs(HV_max)
    sh_m = sh_m > 0 ? sh_m : 1
    set cbrange [-sh_m : sh_m]
    set cblabel 'mean NPV, $B'
    set palette defined (-1 cs_red, 0 '#f7f7f7', 1 cs_green)
    sh_fmt(v) = gprintf('%.3g', v)
}
sh_labels = sh_nx * sh_ny <= 144

plot cs_file using 'x':'y':sh_col with image, \
     '' using 'x':'y':(sh_labels ? sh_fmt(column(sh_col)) : '') with labels font ',18' notitle
