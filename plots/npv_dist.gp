# npv_dist.gp — (f) distribution of the cloud option's NPV over trials:
# histogram (share of trials per bin, left axis) and cumulative share
# (right axis), with the zero line and P(NPV > 0), mean and median printed.
# The bars leave out the trials with NPV exactly 0 (the cloud never
# launched: a point mass, given in the title and visible as the jump of the
# CDF) and cover P0.5..P97.5 of the others (the right tail is long; the
# x label gives the share outside, chart_npv_summary.csv the range); the
# CDF of all trials is drawn over that range.
# From chart_npv_hist.csv, chart_npv_cdf.csv and chart_npv_summary.csv.
cs_in = ARG1; cs_out = ARG2; cs_scenario = ARG3
_i = strlen(ARG0); while (_i > 0 && ARG0[_i:_i] ne '/') { _i = _i - 1 }
load ARG0[1:_i].'style.gp'
sum_file = cs_data('chart_npv_summary.csv')
stats sum_file using 'p_npv_positive' nooutput name 'PPOS'
stats sum_file using 'mean' nooutput name 'MEAN'
stats sum_file using 'p50' nooutput name 'MED'
stats sum_file using 'bin_width' nooutput name 'BW'
stats sum_file using 'outside_share' nooutput name 'OUT'
stats sum_file using 'range_lo' nooutput name 'RLO'
stats sum_file using 'range_hi' nooutput name 'RHI'
stats sum_file using 'zero_share' nooutput name 'ZERO'
stats sum_file using 'not_launched_share' nooutput name 'NL'

set xlabel 'NPV of the cloud option over the horizon, $B'
set ylabel 'share of trials per bin'
set y2label 'cumulative share of trials'
set format y '%.1f%%'
stats cs_data('chart_npv_hist.csv') using 'share' nooutput name 'H'
if (H_max > 0) { set yrange [0:*] } else { set yrange [0:10] }
set y2range [0:1]
set y2tics ('0%%' 0, '25%%' 0.25, '50%%' 0.5, '75%%' 0.75, '100%%' 1)
set ytics nomirror
set xrange [RLO_max - BW_max : RHI_max + BW_max]
set key maxcols 3

# the figures go in the title, the tail note in the x label: neither can
# cover a bar or the curve
figures = sprintf("P(NPV > 0) = %s,  mean %s $B,  median %s $B", \
                  cs_prob(PPOS_max), cs_busd(MEAN_max), cs_busd(MED_max))
# "no launch" only where every trial at 0 never launched
if (ZERO_max > 0) { figures = figures.sprintf(",  NPV = 0%s: %s", NL_max >= ZERO_max ? " (no launch)" : "", cs_prob(ZERO_max)) }
set title cs_title('Distribution of cloud NPV')."\n".figures noenhanced
if (OUT_max > 0) { set xlabel sprintf("NPV of the cloud option over the horizon, $B (%.1f%% of trials lie outside the range shown)", 100 * OUT_max) }
set border 11
set arrow 1 from 0, graph 0 to 0, graph 1 nohead ls 9 front
# the zero line's key entry only where the line is drawn (an axis of NPVs
# all above or all below 0 leaves it out)
z_shown = RLO_max - BW_max <= 0 && RHI_max + BW_max >= 0

plot cs_data('chart_npv_hist.csv') using 'bin_mid':(100*column('share')):(BW_max*0.9) with boxes \
        lc rgb cs_green fs solid 0.55 noborder title 'share of trials (NPV ≠ 0)', \
     cs_data('chart_npv_cdf.csv') using 'npv_busd':'cdf' axes x1y2 with lines ls 5 title 'cumulative share', \
     NaN with lines ls 9 title (z_shown ? 'NPV = 0' : '')
