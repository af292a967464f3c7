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
# grid steps: FROM:TO:STEPS is evenly spaced, (max - min) / (values - 1)
sh_nx = 0
sh_ny = 0
stats cs_file using (column('y') == HY_min ? (sh_nx = sh_nx + 1) : 0, 0) nooutput
stats cs_file using (column('x') == HX_min ? (sh_ny = sh_ny + 1) : 0, 0) nooutput
# a grid from FROM to FROM (STEPS > 1 but one value): a cell 10% wide
sh_dx = sh_nx > 1 && HX_max > HX_min ? (HX_max - HX_min) / (sh_nx - 1) : (HX_min != 0 ? abs(HX_min) / 5 : 1)
sh_dy = sh_ny > 1 && HY_max > HY_min ? (HY_max - HY_min) / (sh_ny - 1) : (HY_min != 0 ? abs(HY_min) / 5 : 1)
sh_nx = HX_max > HX_min ? sh_nx : 1
sh_ny = HY_max > HY_min ? sh_ny : 1

set title cs_title(sh_title) noenhanced
# a long path (a list item's, a year series' "listed years") in a smaller
# font: the y label has the plot's height, some 70 characters at 20 points
set xlabel sh_x noenhanced font (strlen(sh_x) > 100 ? ',16' : '')
set ylabel sh_y noenhanced font (strlen(sh_y) > 60 ? ',16' : '')
# each cell spans half way to its neighbours; the axes end at the outer
# cells' edges, never beyond the grid
set xrange [HX_min - sh_dx / 2 : HX_max + sh_dx / 2]
set yrange [HY_min - sh_dy / 2 : HY_max + sh_dy / 2]
set autoscale noextend
# tics at the grid values, not gnuplot's round numbers: a labelled tic on
# every value up to 12 (x) or 10 (y) values, else on every k-th value
# and a minor tic on the others
# (labels with enough digits to tell neighbours apart)
sh_dig(lo, hi, d) = int(ceil(log10(tn_max(abs(lo), abs(hi)) / d))) + 1
tn_max(a, b) = a > b ? a : b
sh_gx = HX_max > HX_min ? sh_dig(HX_min, HX_max, sh_dx) : 3
sh_gy = HY_max > HY_min ? sh_dig(HY_min, HY_max, sh_dy) : 3
sh_gx = sh_gx < 3 ? 3 : (sh_gx > 8 ? 8 : sh_gx)
sh_gy = sh_gy < 3 ? 3 : (sh_gy > 8 ? 8 : sh_gy)
# ... and, up to 6, as many as the value needs to be shown as it is (a
# grid of 1.5:3:5 holds 1.875, which 3 digits print 1.88). Printed with
# '#' (a decimal point always): gnuplot reads "2e+04" + 0 as the integer 2
# followed by trailing characters and stops, so a grid of 10000:30000:3
# (or one holding 1e-05) drew no heat map at all; "2.00e+04" it reads
sh_exact(v, d) = d >= 6 || sprintf(sprintf('%%#.%dg', d), v) + 0 == v ? d : sh_exact(v, d + 1)
# a grid value as sweep.csv holds it: HX_min + i * sh_dx leaves
# 1.4e-17 where -10%:20%:4 holds 0, which %g would print as it is
sh_v(lo, i, d) = abs(lo + i * d) < 1e-9 * abs(d) ? 0 : lo + i * d
sh_kx = int(ceil(sh_nx / 12.0))
sh_ky = int(ceil(sh_ny / 10.0))
set xtics () format ''
set ytics () format ''
do for [i=0:sh_nx-1] {
    if (i % sh_kx == 0) { set xtics add (cs_numd(sh_v(HX_min, i, sh_dx), sh_exact(sh_v(HX_min, i, sh_dx), sh_gx)) sh_v(HX_min, i, sh_dx)) } else { set xtics add ('' HX_min + i * sh_dx 1) }
}
do for [i=0:sh_ny-1] {
    if (i % sh_ky == 0) { set ytics add (cs_numd(sh_v(HY_min, i, sh_dy), sh_exact(sh_v(HY_min, i, sh_dy), sh_gy)) sh_v(HY_min, i, sh_dy)) } else { set ytics add ('' HY_min + i * sh_dy 1) }
}
set grid noxtics noytics
set tics front
set key off
set colorbox vertical user origin screen 0.86, graph 0 size character 2, graph 1
set rmargin at screen 0.83
if (sh_prob) {
    # P(NPV > 0): 0-100% when the values spread over half of it or more;
    # else the colour scale covers the values' range (rounded out to 10%
    # steps) so that a sweep from 0% to 40% is not all pale, and the
    # colour bar's label says it is zoomed
    sh_lo = floor(HV_min * 10) / 10.0
    sh_hi = ceil(HV_max * 10) / 10.0
    sh_hi = sh_hi > sh_lo ? sh_hi : sh_lo + 0.1
    sh_hi = sh_hi > 1 ? 1 : sh_hi
    sh_lo = sh_hi - sh_lo < 0.1 ? sh_hi - 0.1 : sh_lo
    sh_full = HV_max - HV_min >= 0.5
    sh_lo = sh_full ? 0 : sh_lo
    sh_hi = sh_full ? 1 : sh_hi
    set cbrange [sh_lo : sh_hi]
    sh_cst = sh_hi - sh_lo > 0.5 ? 0.25 : (sh_hi - sh_lo > 0.2 ? 0.1 : 0.05)
    set cbtics ()
    do for [i=0:int((sh_hi - sh_lo) / sh_cst + 0.5)] { set cbtics add (cs_pct(sh_lo + i * sh_cst).'%' sh_lo + i * sh_cst) }
    set cblabel (sh_full ? 'P(NPV > 0), share of trials' : sprintf('P(NPV > 0); colours span %s–%s', cs_pct(sh_lo), cs_pct(sh_hi))) noenhanced offset 2.5, 0
    set palette defined (0 '#f7f7f7', 0.5 '#92c5de', 1 cs_blue)
    # as the run's table: never 0% or 100% for what merely rounds there
    sh_fmt(v) = v > 0 && v <= 0.005 ? '<1%' : (v < 1 && v >= 0.995 ? '>99%' : cs_pct(v))
    # white text on the darkest third of the scale
    sh_tc(v) = (v - sh_lo) / (sh_hi - sh_lo) > 0.67 ? 0xffffff : 0
} else {
    sh_m = abs(HV_min) > abs(HV_max) ? abs(HV_min) : abs(HV_max)
    sh_m = sh_m > 0 ? sh_m : 1
    set cbrange [-sh_m : sh_m]
    set cblabel 'mean NPV, $B' offset 2.5, 0
    set palette defined (-1 cs_red, 0 '#f7f7f7', 1 cs_green)
    sh_fmt(v) = cs_busd(v)   # as stdout: 2.10, not 2.1
    sh_tc(v) = abs(v) / sh_m > 0.67 ? 0xffffff : 0
}
sh_labels = sh_nx * sh_ny <= 144

plot cs_file using 'x':'y':sh_col with image, \
     '' using 'x':'y':(sh_labels ? sh_fmt(column(sh_col)) : ''):(sh_tc(column(sh_col))) with labels tc rgb variable font ',18' notitle
