# tornado_body.gp — the body shared by tornado.gp and tornado_surplus.gp
# (set cs_file, tn_title and tn_prob first). The chart file has one row
# per input, sorted by swing: label, value_low, value_high (the input's
# P10 and P90), low, high (the metric with the input held there), base
# (the base run's figure) and axis (the x-axis label), then swing_se,
# the swing's Monte Carlo standard error, drawn as a column of 95%
# intervals (1.96 se) right of the bars. Directories written before that
# column still draw, without it. A label ending in ' *' is an input
# correlated with another uncertain input (sensitivity.c's SENS_MARK):
# a footnote under the chart says what that means.
#
# Layout: the inputs' paths on the left, the bars over the rest of the
# width; the input's value (cs_num: 22.8k, 0.0218) is printed at the end
# of its bar, so the labels on the left stay short. The title is centred
# on the page, not over the bars.
tn_min(a, b) = a < b ? a : b
tn_max(a, b) = a > b ? a : b

tn_axis = ''
tn_len = 0
tn_mark = 0
tn_marked(s) = strlen(s) >= 2 ? s[strlen(s) - 1:strlen(s)] eq ' *' : 0
stats cs_file using (tn_axis = strcol('axis'), \
    tn_len = tn_max(tn_len, strlen(strcol('label'))), \
    tn_mark = tn_mark || tn_marked(strcol('label')), column('base')) nooutput name 'TB'
stats cs_file using 'low' nooutput name 'TL'
stats cs_file using 'high' nooutput name 'TH'
N = TB_records
B = TB_max
# the swings' errors, when the chart has a column swing_se and one of its
# cells is a number (they are empty below two trials)
stats cs_file using 0 nooutput name 'TC'
tn_sec = 0
stats cs_file using (tn_sec = sum [i = 1:TC_columns] \
    (columnhead(i) eq 'swing_se' ? i : 0), 0) nooutput
tn_se = tn_sec > 0
if (tn_se) {
    array tn_sev[N]
    do for [i = 1:N] { tn_sev[i] = NaN }
    stats cs_file using (tn_sev[int($0) + 1] = column('swing_se'), 0) nooutput
    tn_se = 0
    do for [i = 1:N] { if (tn_sev[i] == tn_sev[i]) { tn_se = 1 } }
}
tn_scale = tn_prob ? 100 : 1
tn_fmt(v) = tn_prob ? cs_pct(v) : cs_num(v)

# room on the left for the longest path (16 pt: about 11.5 px a character)
tn_lm = tn_min(0.45, (tn_len * 11.5 + 50) / 1600.0)
tn_rm = tn_se ? 0.89 : 0.97
# room at both ends of the bars for a value label of up to 7 characters
# (14 pt: about 10 px a character, plus a gap): tn_f of the plot width
tn_f = 85.0 / (1600 * (tn_rm - tn_lm))
tn_lo = tn_min(tn_min(TL_min, TH_min), B)
tn_hi = tn_max(tn_max(TL_max, TH_max), B)
tn_span = tn_hi - tn_lo
tn_pad = tn_span > 0 ? tn_span * tn_f / (1 - 2 * tn_f) : (tn_prob ? 0.05 : 1)

unset title
set label 99 cs_title(tn_title) at screen 0.5, screen 0.965 center front noenhanced font ',24'
set tmargin at screen 0.87 - (cs_name_lines - 1) * 0.035
set xlabel tn_axis noenhanced
# a share's tics stay within 0-100%, but its range keeps the padding:
# clamping the range to 0-100% left no room for the value label of a bar
# ending at or near either end (it ran into the paths on the left or the
# interval column on the right)
tn_xlo = tn_lo - tn_pad
tn_xhi = tn_hi + tn_pad
set xrange [tn_scale * tn_xlo : tn_scale * tn_xhi]
if (tn_prob) {
    tn_t0 = 100 * tn_max(tn_xlo, 0)
    tn_t1 = 100 * tn_min(tn_xhi, 1)
    tn_raw = (tn_t1 - tn_t0) / 7.0
    tn_e = 10 ** floor(log10(tn_raw))
    tn_m = tn_raw / tn_e
    tn_step = (tn_m < 1.5 ? 1 : (tn_m < 3.5 ? 2 : (tn_m < 7.5 ? 5 : 10))) * tn_e
    set xtics ceil(tn_t0 / tn_step - 1e-9) * tn_step, tn_step, tn_t1 + tn_step * 1e-6
}
# every bar of zero length: said, not left to be guessed
# (just above the bars, where no value label sits)
if (tn_span == 0) { set label 97 'no input moves this figure: every bar has zero length' at graph 0.5, graph 1.025 center front noenhanced font ',18' tc rgb cs_grey }
set yrange [N - 0.5 : -0.5]
set ytics scale 0 noenhanced font ',16'
set grid noytics xtics
# height: a row's room under the key for the footnotes at the bottom,
# two with a correlated input's footnote, which takes the bottom line
tn_fy = tn_mark ? 0.043 : 0.015
set key maxrows 1 width -3 font ',18' samplen 2 height (tn_mark ? 3.5 : 2)
# what the numbers at the bars' ends are, under the inputs' paths
set label 98 'at the end of each bar: the input’s P10 / P90 value' at screen 0.01, screen tn_fy left front noenhanced font ',16'
if (tn_mark) {
    set label 94 "* correlated with another input: its partners keep their own draws, so its bars leave out what it moves through them" at screen 0.01, screen 0.015 left front noenhanced font ',16'
}
if (tn_prob) { set format x '%.0f%%' }
set lmargin at screen tn_lm
set rmargin at screen tn_rm
set arrow 1 from tn_scale * B, graph 0 to tn_scale * B, graph 1 nohead ls 9 front
# the swings' 95% intervals, one a row right of the bars, and what they are
if (tn_se) {
    set label 96 "95% int." at screen 0.94, graph 1.025 center front noenhanced font ',16' tc rgb cs_grey
    set label 95 'right: the swing’s Monte Carlo noise, ±1.96 standard errors' at screen 0.99, screen tn_fy right front noenhanced font ',16'
    do for [i = 1:N] {
        if (tn_sev[i] == tn_sev[i]) {
            set label 100 + i sprintf('±%s', tn_prob ? sprintf('%.2g pp', 196 * tn_sev[i]) : cs_num(1.96 * tn_sev[i])) at screen 0.94, first (i - 1) center front noenhanced font ',14'
        }
    }
}

# the value label of a bar ending at m: left of the end when the bar goes
# left of the base, right of it otherwise (one plot clause per side)
tn_left(m, v) = m < B ? cs_num(v) : ''
tn_right(m, v) = m < B ? '' : cs_num(v)
plot cs_file using (tn_scale * B):0:(tn_scale * tn_min(B, column('low'))):(tn_scale * tn_max(B, column('low'))):($0 - 0.36):($0 + 0.02):ytic(strcol('label')) \
        with boxxyerror lc rgb cs_blue fs solid 0.75 noborder title 'input at its P10', \
     '' using (tn_scale * B):0:(tn_scale * tn_min(B, column('high'))):(tn_scale * tn_max(B, column('high'))):($0 - 0.02):($0 + 0.36) \
        with boxxyerror lc rgb cs_orange fs solid 0.75 noborder title 'input at its P90', \
     NaN with lines ls 9 title sprintf('base run (%s)', tn_fmt(B)), \
     '' using (tn_scale * column('low')):($0 - 0.17):(tn_left(column('low'), column('value_low'))) \
        with labels right offset -0.4, 0 font ',14' tc rgb cs_blue notitle, \
     '' using (tn_scale * column('low')):($0 - 0.17):(tn_right(column('low'), column('value_low'))) \
        with labels left offset 0.4, 0 font ',14' tc rgb cs_blue notitle, \
     '' using (tn_scale * column('high')):($0 + 0.19):(tn_left(column('high'), column('value_high'))) \
        with labels right offset -0.4, 0 font ',14' tc rgb '#a04a0b' notitle, \
     '' using (tn_scale * column('high')):($0 + 0.19):(tn_right(column('high'), column('value_high'))) \
        with labels left offset 0.4, 0 font ',14' tc rgb '#a04a0b' notitle
