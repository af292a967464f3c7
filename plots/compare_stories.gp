# compare_stories.gp — the three stories of docs/model.md per scenario, as
# stacked bars: overbuild (surplus in the last year), mismatch (a surplus
# earlier only), shortage (no surplus in any year); same seed and trials
# for all. From chart_compare_stories.csv.
cs_in = ARG1; cs_out = ARG2; cs_scenario = ARG3
_i = strlen(ARG0); while (_i > 0 && ARG0[_i:_i] ne '/') { _i = _i - 1 }
load ARG0[1:_i].'style.gp'
cs_file = cs_data('chart_compare_stories.csv')

# Scenario names under the bars, word-wrapped to the room between two bars
# (n bars take n + 1 slots of the plot's width; a character at this size
# is about 15 of its 1,600 pixels): the table's `label` column, wrapped so
# by compare (stories_wrap in compare.c), else wrapped here (labels.gp);
# cs_lab_lines: the most lines any name takes (stats before any yrange is
# set: stats skips points outside it).
stats cs_file using 2 nooutput
cs_n = STATS_records
cs_wrapw = int(96 / (cs_n + 1)) - 1
cs_wrapw = cs_wrapw < 8 ? 8 : cs_wrapw
cs_labfb(s) = cs_wrap(s, cs_wrapw)
load cs_dir.'labels.gp'
# gnuplot sizes neither wrapped tic labels nor a key below them, so the
# plot's bottom edge is placed in screen units: the key and the space under
# it (0.084 of the 1,000-pixel height), gaps above and below the names, and
# a line of 20-point text (31 pixels) per line of the longest name; at most
# half the height
cs_bm = 0.084 + 0.04 + 0.0315 * cs_lab_lines
set bmargin at screen (cs_bm < 0.5 ? cs_bm : 0.5)
# labels: the *_shown columns' whole percents, which add up to 100% (a
# table written before those columns: each share rounded alone)
sh_want = 3
load cs_dir.'shown.gp'
st_lab(s, v) = v >= 0.04 ? sprintf('%d%%', s) : ''

set title cs_title('Three stories: share of trials') noenhanced
set style data histograms
set style histogram rowstacked
set style fill solid 0.8 noborder
set boxwidth 0.6
set yrange [0:1]
set ytics ('0%%' 0, '25%%' 0.25, '50%%' 0.5, '75%%' 0.75, '100%%' 1)
set ylabel 'share of trials'
set xtics noenhanced scale 0
set grid noxtics ytics
set key maxrows 1
plot cs_file using 'overbuild':xtic(cs_lab[int(column(0)) + 1]) lc rgb cs_red title 'overbuild (surplus in the last year)', \
     '' using 'mismatch' lc rgb cs_gold title 'mismatch (surplus earlier only)', \
     '' using 'shortage' lc rgb cs_blue title 'shortage (no surplus)', \
     '' using ($0):(column('overbuild') / 2):(st_lab(shown('overbuild_shown', column('overbuild')), column('overbuild'))) with labels font ',18' notitle, \
     '' using ($0):(column('overbuild') + column('mismatch') / 2):(st_lab(shown('mismatch_shown', column('mismatch')), column('mismatch'))) with labels font ',18' notitle, \
     '' using ($0):(column('overbuild') + column('mismatch') + column('shortage') / 2):(st_lab(shown('shortage_shown', column('shortage')), column('shortage'))) with labels font ',18' notitle
