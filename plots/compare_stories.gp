# compare_stories.gp — the three stories of docs/model.md per scenario, as
# stacked bars: overbuild (surplus in the last year), mismatch (a surplus
# earlier only), shortage (no surplus in any year); same seed and trials
# for all. From chart_compare_stories.csv.
cs_in = ARG1; cs_out = ARG2; cs_scenario = ARG3
_i = strlen(ARG0); while (_i > 0 && ARG0[_i:_i] ne '/') { _i = _i - 1 }
load ARG0[1:_i].'style.gp'
cs_file = cs_data('chart_compare_stories.csv')

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
set bmargin 7	# room for names wrapped onto two or three lines, then the key

st_lab(v) = v >= 0.04 ? cs_pct(v) : ''
# Scenario names under the bars, word-wrapped to the width of one bar so
# that long names do not run into each other.
stats cs_file using 2 nooutput
cs_n = STATS_records
cs_wrapw = cs_n > 0 ? int(60 / cs_n) : 60
cs_wrapw = cs_wrapw < 10 ? 10 : cs_wrapw
lastsp(s, i) = i < 1 ? 0 : (s[i:i] eq ' ' ? i : lastsp(s, i - 1))
wrap(s, w) = strlen(s) <= w ? s : (lastsp(s, w + 1) > 1 ? s[1:lastsp(s, w + 1) - 1]."\n".wrap(s[lastsp(s, w + 1) + 1:], w) : s[1:w]."\n".wrap(s[w + 1:], w))
plot cs_file using 'overbuild':xtic(wrap(strcol(1), cs_wrapw)) lc rgb cs_red title 'overbuild (surplus in the last year)', \
     '' using 'mismatch' lc rgb cs_gold title 'mismatch (surplus earlier only)', \
     '' using 'shortage' lc rgb cs_blue title 'shortage (no surplus)', \
     '' using ($0):(column('overbuild') / 2):(st_lab(column('overbuild'))) with labels font ',18' notitle, \
     '' using ($0):(column('overbuild') + column('mismatch') / 2):(st_lab(column('mismatch'))) with labels font ',18' notitle, \
     '' using ($0):(column('overbuild') + column('mismatch') + column('shortage') / 2):(st_lab(column('shortage'))) with labels font ',18' notitle
