# compare_readings.gp — the readings side by side, one figure for a
# report. Left: per scenario, the share of trials in each (story, industry
# state) pair (colour: the story; solid: the industry short at the
# horizon, pale: in glut; mid: a scenario without an industry section).
# Right: the mean cloud NPV of the trials of each (story, industry state)
# pair, coloured as on the left, per scenario, with the hedge ratio under
# the scenario's name; a scenario without an industry section has one bar
# a story (mid). With no industry section anywhere (the table then has no
# npv_<story>_<state> columns), or from a table written before them: the
# mean NPV of each story's trials, as before them. Same seed and trials
# for all. From chart_compare_readings.csv.
cs_in = ARG1; cs_out = ARG2; cs_scenario = ARG3
_i = strlen(ARG0); while (_i > 0 && ARG0[_i:_i] ne '/') { _i = _i - 1 }
load ARG0[1:_i].'style.gp'
cs_file = cs_data('chart_compare_readings.csv')

stats cs_file using 'npv_mean' nooutput name 'S'
cs_n = S_records
# the right panel's range holds 0 and every bar, as npv_by_story.gp's
# does (autoscaled, bars all below 0 hung from the top of a range without
# 0, so that their lengths said nothing); a story that no scenario's
# trials tell (its column empty in every row) is plotted as 0, no bar,
# rather than skipped with a gnuplot warning
cr_npv(c) = strcol(c) eq '' ? 0 : column(c)
stats cs_file using (cr_npv('npv_overbuild')) nooutput name 'RO'
stats cs_file using (cr_npv('npv_mismatch')) nooutput name 'RM'
stats cs_file using (cr_npv('npv_shortage')) nooutput name 'RS'
cr_lo = RO_min < RM_min ? RO_min : RM_min
cr_lo = RS_min < cr_lo ? RS_min : cr_lo
cr_lo = cr_lo < 0 ? cr_lo : 0
cr_hi = RO_max > RM_max ? RO_max : RM_max
cr_hi = RS_max > cr_hi ? RS_max : cr_hi
cr_hi = cr_hi > 0 ? cr_hi : 0
# the pairs' columns (npv_<story>_<state>, last), written when any
# scenario has an industry section: with them the panel draws the
# (story, industry state) pairs; without them (no industry section
# anywhere, or a table written before them) the stories as before
stats cs_file using 0 nooutput name 'SC'
cr_more = 0
stats cs_file every ::0::0 using (cr_more = sum [i = 1:SC_columns] \
    (columnhead(i) eq 'npv_overbuild_short' || columnhead(i) eq 'npv_overbuild_glut' || \
     columnhead(i) eq 'npv_mismatch_short' || columnhead(i) eq 'npv_mismatch_glut' || \
     columnhead(i) eq 'npv_shortage_short' || columnhead(i) eq 'npv_shortage_glut' ? 1 : 0), 0) nooutput
cr_pairs = cr_more == 6
# a story's mean lies between its pairs', so the range over the stories
# and the pairs is the range over what is drawn
if (cr_pairs) {
    do for [c in 'npv_overbuild_short npv_overbuild_glut npv_mismatch_short npv_mismatch_glut npv_shortage_short npv_shortage_glut'] {
        stats cs_file using (cr_npv(c)) nooutput name 'RP'
        cr_lo = RP_min < cr_lo ? RP_min : cr_lo
        cr_hi = RP_max > cr_hi ? RP_max : cr_hi
    }
}
cr_pad = cr_hi - cr_lo > 0 ? (cr_hi - cr_lo) * 0.08 : 1
# names under the bars, in a font that shrinks from 15 to 12 points as
# scenarios are added, wrapped to the room between two bars: a panel's
# plot is about 600 pixels wide, n bars take n + 1 slots, and a character
# is about 0.73 of its point size in pixels
cs_fs = cs_n <= 2 ? 15 : (cs_n == 3 ? 13 : (cs_n == 4 ? 12 : 11))
cs_wrapw = int(600 / (cs_n + 1) / (0.73 * cs_fs)) - 1
cs_wrapw = cs_wrapw < 6 ? 6 : cs_wrapw
# at most five lines of a name (the title has them whole, as far as it
# can): the table's `label` column, wrapped so by compare (readings_wrap
# in compare.c), else wrapped here (labels.gp)
cs_label(s) = cs_head(cs_wrap(s, cs_wrapw), 5)
cs_labfb(s) = cs_label(s)
load cs_dir.'labels.gp'
# which legend entries apply: pairs with an industry state, whole stories
# without one
stats cs_file using (column('overbuild_all') + column('mismatch_all') + column('shortage_all')) nooutput name 'A'
stats cs_file using (column('overbuild_short') + column('overbuild_glut') + column('mismatch_short') + column('mismatch_glut') + column('shortage_short') + column('shortage_glut')) nooutput name 'I'
t_all(s) = A_max > 0 ? s.(I_max > 0 ? ' (no industry)' : '') : ''
t_ind(s) = I_max > 0 ? s : ''
# the hedge ratio under the name (3 significant digits, as compare's
# table; cs_ratio: never in e-notation), on two lines where bars are narrow
cs_hsep = cs_n >= 5 ? "\n" : ' '
hr(c) = strcol(c) eq '' ? 'hedge:'.cs_hsep.'none' : 'hedge'.cs_hsep.cs_ratio(column(c))
# labels: the *_shown columns' whole percents, which add up (each
# story's industry states to its total, the stories to 100%); a table
# written before those columns: each share rounded alone
sh_want = 9
load cs_dir.'shown.gp'
lab(s, v) = v >= 0.05 ? sprintf('%d%%', s) : ''

set multiplot layout 1,2 title 'The readings side by side: stories by the industry''s state, and what the option is worth in each' font ',22'
# the bottom margin: the most lines a name takes, the hedge ratio's line,
# then the key's three rows, all at 15 points (about 0.8 of a line here)
set bmargin (cs_lab_lines + 4 + (cs_n >= 5)) * 0.8 + 3.5
set style data histograms
set style histogram rowstacked
set style fill solid 0.85 noborder
set boxwidth 0.65
set yrange [0:1]
set ytics ('0%%' 0, '25%%' 0.25, '50%%' 0.5, '75%%' 0.75, '100%%' 1)
set ylabel 'share of trials'
cs_fsname = sprintf(',%d', cs_fs)
set xtics scale 0 noenhanced font cs_fsname
set grid noxtics ytics
set key below maxrows 3 font ',15' width -2
set title (I_max > 0 ? 'Stories (solid: industry short at the horizon; pale: glut)' : 'Stories: share of trials') font ',18'
plot cs_file using 'overbuild_short':xtic(cs_lab[int(column(0)) + 1]) lc rgb cs_red title t_ind('overbuild, short'), \
     '' using 'overbuild_glut' lc rgb cs_red fs transparent solid 0.35 noborder title t_ind('overbuild, glut'), \
     '' using 'overbuild_all' lc rgb cs_red fs solid 0.6 noborder title t_all('overbuild'), \
     '' using 'mismatch_short' lc rgb cs_gold title t_ind('mismatch, short'), \
     '' using 'mismatch_glut' lc rgb cs_gold fs transparent solid 0.35 noborder title t_ind('mismatch, glut'), \
     '' using 'mismatch_all' lc rgb cs_gold fs solid 0.6 noborder title t_all('mismatch'), \
     '' using 'shortage_short' lc rgb cs_blue title t_ind('shortage, short'), \
     '' using 'shortage_glut' lc rgb cs_blue fs transparent solid 0.35 noborder title t_ind('shortage, glut'), \
     '' using 'shortage_all' lc rgb cs_blue fs solid 0.6 noborder title t_all('shortage'), \
     '' using ($0):(column('overbuild_short') / 2):(lab(shown('overbuild_short_shown', column('overbuild_short')), column('overbuild_short'))) with labels font ',14' notitle, \
     '' using ($0):(column('overbuild_short') + column('overbuild_glut') / 2):(lab(shown('overbuild_glut_shown', column('overbuild_glut')), column('overbuild_glut'))) with labels font ',14' notitle, \
     '' using ($0):(column('overbuild_short') + column('overbuild_glut') + column('overbuild_all') / 2):(lab(shown('overbuild_all_shown', column('overbuild_all')), column('overbuild_all'))) with labels font ',14' notitle, \
     '' using ($0):(column('overbuild_short') + column('overbuild_glut') + column('overbuild_all') + column('mismatch_short') / 2):(lab(shown('mismatch_short_shown', column('mismatch_short')), column('mismatch_short'))) with labels font ',14' notitle, \
     '' using ($0):(column('overbuild_short') + column('overbuild_glut') + column('overbuild_all') + column('mismatch_short') + column('mismatch_glut') / 2):(lab(shown('mismatch_glut_shown', column('mismatch_glut')), column('mismatch_glut'))) with labels font ',14' notitle, \
     '' using ($0):(column('overbuild_short') + column('overbuild_glut') + column('overbuild_all') + column('mismatch_short') + column('mismatch_glut') + column('mismatch_all') / 2):(lab(shown('mismatch_all_shown', column('mismatch_all')), column('mismatch_all'))) with labels font ',14' notitle, \
     '' using ($0):(1 - column('shortage_all') - column('shortage_glut') - column('shortage_short') / 2):(lab(shown('shortage_short_shown', column('shortage_short')), column('shortage_short'))) with labels font ',14' notitle, \
     '' using ($0):(1 - column('shortage_all') - column('shortage_glut') / 2):(lab(shown('shortage_glut_shown', column('shortage_glut')), column('shortage_glut'))) with labels font ',14' notitle, \
     '' using ($0):(1 - column('shortage_all') / 2):(lab(shown('shortage_all_shown', column('shortage_all')), column('shortage_all'))) with labels font ',14' notitle

set style histogram clustered gap 1
set style fill solid 0.85 noborder
set boxwidth 0.9
set yrange [cr_lo - cr_pad : cr_hi + cr_pad]
set ytics auto
set ylabel 'mean NPV of its trials ($B)'
set xzeroaxis ls 9
if (!cr_pairs) {
    set key below maxrows 1 font ',15'
    set title 'Cloud NPV by story (no bar: mean 0, or no trial)' font ',18'
    plot cs_file using (cr_npv('npv_overbuild')):xtic(cs_lab[int(column(0)) + 1]."\n".hr('hedge_ratio')) lc rgb cs_red title 'overbuild', \
         '' using (cr_npv('npv_mismatch')) lc rgb cs_gold title 'mismatch', \
         '' using (cr_npv('npv_shortage')) lc rgb cs_blue title 'shortage'
} else {
    # all six pairs, as the left panel stacks them, rather than the three
    # readings alone (which would hide, say, mismatch.yaml's shortage
    # trials at -7.5 $B, and leave the left panel's shares without their
    # worth): a scenario a group of three pairs of thin bars (story by
    # story, short left of glut, touching), each pair 0.3 of a scenario
    # from the next, 0.13 wide (four scenarios: bars of about 20 pixels);
    # a scenario without an industry section one bar a story, as wide as
    # the pair, mid-coloured as its share on the left. A value drawn
    # nowhere (the other kind of row, a pair without trials) is 0, no bar.
    set key below maxrows 3 font ',15' width -2
    set title 'NPV by story and industry state (no bar: 0 or no trial)' font ',18'
    set xrange [-0.55 : cs_n - 0.45]
    set boxwidth 0.13 absolute
    cr_ind(d_) = column('overbuild_short') + column('overbuild_glut') + \
        column('mismatch_short') + column('mismatch_glut') + \
        column('shortage_short') + column('shortage_glut') > 0
    cr_pv(c) = cr_ind(0) ? cr_npv(c) : 0
    cr_pool(c) = cr_ind(0) ? 0 : cr_npv(c)
    plot cs_file using ($0):(0):(''):xtic(cs_lab[int(column(0)) + 1]."\n".hr('hedge_ratio')) with labels notitle, \
         '' using ($0 - 0.365):(cr_pv('npv_overbuild_short')) with boxes lc rgb cs_red title t_ind('overbuild, short'), \
         '' using ($0 - 0.235):(cr_pv('npv_overbuild_glut')) with boxes lc rgb cs_red fs transparent solid 0.35 noborder title t_ind('overbuild, glut'), \
         '' using ($0 - 0.3):(cr_pool('npv_overbuild')):(0.26) with boxes lc rgb cs_red fs solid 0.6 noborder title t_all('overbuild'), \
         '' using ($0 - 0.065):(cr_pv('npv_mismatch_short')) with boxes lc rgb cs_gold title t_ind('mismatch, short'), \
         '' using ($0 + 0.065):(cr_pv('npv_mismatch_glut')) with boxes lc rgb cs_gold fs transparent solid 0.35 noborder title t_ind('mismatch, glut'), \
         '' using ($0):(cr_pool('npv_mismatch')):(0.26) with boxes lc rgb cs_gold fs solid 0.6 noborder title t_all('mismatch'), \
         '' using ($0 + 0.235):(cr_pv('npv_shortage_short')) with boxes lc rgb cs_blue title t_ind('shortage, short'), \
         '' using ($0 + 0.365):(cr_pv('npv_shortage_glut')) with boxes lc rgb cs_blue fs transparent solid 0.35 noborder title t_ind('shortage, glut'), \
         '' using ($0 + 0.3):(cr_pool('npv_shortage')):(0.26) with boxes lc rgb cs_blue fs solid 0.6 noborder title t_all('shortage')
}
unset multiplot
