# stories.gp — the three stories of docs/model.md as shares of the trials:
# overbuild (surplus in the last year), mismatch (a surplus earlier only),
# shortage (no surplus in any year). With an industry section each bar is
# split by the industry's state at the horizon: short (tightness >= 1)
# or glut (< 1); the second source article's reading is mismatch in a
# short industry, the bears' reading of the first overbuild in a glut.
# From chart_stories.csv.
cs_in = ARG1; cs_out = ARG2; cs_scenario = ARG3
_i = strlen(ARG0); while (_i > 0 && ARG0[_i:_i] ne '/') { _i = _i - 1 }
load ARG0[1:_i].'style.gp'
cs_file = cs_data('chart_stories.csv')

stats cs_file using 'has_industry' nooutput name 'HI'
ind = HI_max > 0
set title cs_title(ind ? 'Stories, by the industry''s state at the horizon' : 'Stories: share of trials') noenhanced
set style data histograms
set style histogram rowstacked
set style fill solid 0.85 noborder
set boxwidth 0.6
set yrange [0:1.08]
set ytics ('0%%' 0, '25%%' 0.25, '50%%' 0.5, '75%%' 0.75, '100%%' 1)
set ylabel 'share of trials'
set xtics scale 0 noenhanced
set grid noxtics ytics
set key maxrows 1
# labels: the whole percents of the *_shown columns, which add up (each
# story's two parts to its total); '<1%' for a share that shows 0 but is
# not, '>99%' for one that shows 100 but is not all. A table written
# before those columns: each share rounded alone.
sh_want = 3
load cs_dir.'shown.gp'
lab(s, v) = v >= 0.02 ? shown_text(s, v) : ''
if (ind) {
    plot cs_file using 'short':xtic(1) lc rgb cs_blue title 'industry short (tightness ≥ 1)', \
         '' using 'glut' lc rgb cs_orange title 'industry in glut (tightness < 1)', \
         '' using ($0):(column('short') / 2):(lab(shown('short_shown', column('short')), column('short'))) with labels font ',18' notitle, \
         '' using ($0):(column('short') + column('glut') / 2):(lab(shown('glut_shown', column('glut')), column('glut'))) with labels font ',18' notitle, \
         '' using ($0):(column('share') + 0.03):(shown_text(shown('share_shown', column('share')), column('share'))) with labels font ',20' notitle
} else {
    plot cs_file using 'share':xtic(1) lc rgb cs_blue title 'share of trials', \
         '' using ($0):(column('share') + 0.03):(shown_text(shown('share_shown', column('share')), column('share'))) with labels font ',20' notitle
}
