# tornado_body.gp — the body shared by tornado.gp and tornado_surplus.gp
# (set cs_file, tn_title and tn_prob first). The chart file has one row
# per input, sorted by swing: label, value_low, value_high (the input's
# P10 and P90), low, high (the metric with the input held there), base
# (the base run's figure) and axis (the x-axis label).
tn_min(a, b) = a < b ? a : b
tn_max(a, b) = a > b ? a : b
tn_label(i) = sprintf('%s  (%s → %s)', strcol('label'), \
    gprintf('%.3g', column('value_low')), gprintf('%.3g', column('value_high')))

tn_axis = ''
tn_len = 0
stats cs_file using (tn_axis = strcol('axis'), \
    tn_len = tn_max(tn_len, strlen(tn_label(0))), column('base')) nooutput name 'TB'
stats cs_file using 'low' nooutput name 'TL'
stats cs_file using 'high' nooutput name 'TH'
N = TB_records
B = TB_max
tn_lo = tn_min(tn_min(TL_min, TH_min), B)
tn_hi = tn_max(tn_max(TL_max, TH_max), B)
tn_pad = (tn_hi - tn_lo) > 0 ? 0.08 * (tn_hi - tn_lo) : (tn_prob ? 0.05 : 1)
tn_scale = tn_prob ? 100 : 1

set title cs_title(tn_title) noenhanced
set xlabel tn_axis noenhanced
set xrange [tn_scale * (tn_lo - tn_pad) : tn_scale * (tn_hi + tn_pad)]
set yrange [N - 0.5 : -0.5]
set ytics scale 0 noenhanced font ',16'
set grid noytics xtics
set key maxrows 1 width -4
if (tn_prob) { set format x '%.0f%%' }
# room on the left for the longest label (16 pt: about 11.5 px a character)
set lmargin at screen tn_min(0.55, (tn_len * 11.5 + 60) / 1600.0)
set arrow 1 from tn_scale * B, graph 0 to tn_scale * B, graph 1 nohead ls 9 front

plot cs_file using (tn_scale * B):0:(tn_scale * tn_min(B, column('low'))):(tn_scale * tn_max(B, column('low'))):($0 - 0.36):($0 + 0.02):ytic(tn_label(0)) \
        with boxxyerror lc rgb cs_blue fs solid 0.75 noborder title 'input at its P10', \
     '' using (tn_scale * B):0:(tn_scale * tn_min(B, column('high'))):(tn_scale * tn_max(B, column('high'))):($0 - 0.02):($0 + 0.36) \
        with boxxyerror lc rgb cs_orange fs solid 0.75 noborder title 'input at its P90', \
     NaN with lines ls 9 title sprintf('base run (%s)', tn_prob ? cs_pct(B) : gprintf('%.3g', B))
