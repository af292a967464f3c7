# npv_by_story.gp — what the option is worth in each reading: the mean
# cloud NPV of the trials that tell each story, labelled with P(NPV > 0)
# and the story's share of trials; the title gives the hedge ratio (mean
# NPV over the mean discounted cost of the idle and unpowered fleet).
# A story no trial tells has no bar. With an industry section, two bars
# per story instead: the mean NPV of its trials with the industry short
# at the horizon and of those in glut, each labelled so (a pair without
# trials: no bar, and 'no trials' when the story has others), the
# story's own figures under its name.
# From chart_stories.csv.
cs_in = ARG1; cs_out = ARG2; cs_scenario = ARG3
_i = strlen(ARG0); while (_i > 0 && ARG0[_i:_i] ne '/') { _i = _i - 1 }
load ARG0[1:_i].'style.gp'
cs_file = cs_data('chart_stories.csv')

stats cs_file using 'hedge_ratio' nooutput name 'H'
stats cs_file using 'has_hedge' nooutput name 'HH'
stats cs_file using 'idle_pv_busd' nooutput name 'I'
stats cs_file using 'npv_mean' nooutput name 'N'
stats cs_file using 'has_industry' nooutput name 'HI'
# the last five columns (npv_short .. idle_fleet), written with an
# industry section or supply.power_gw: without them (a scenario with
# neither, or a table written before them) the chart is drawn as it was
# before them, one bar per story
stats cs_file using 0 nooutput name 'SC'
nb_more = 0
stats cs_file every ::0::0 using (nb_more = sum [i = 1:SC_columns] \
    (columnhead(i) eq 'npv_short' || columnhead(i) eq 'npv_glut' || \
     columnhead(i) eq 'p_positive_short' || columnhead(i) eq 'p_positive_glut' || \
     columnhead(i) eq 'idle_fleet' ? 1 : 0), 0) nooutput
nb_more = nb_more == 5
nb_pairs = nb_more && HI_max > 0
# the fleet whose cost the hedge ratio divides by, as stdout names it:
# 'idle fleet', or 'idle and unpowered fleet' with supply.power_gw
# (strcol of an empty last cell gives the column's name)
nb_fleet = 'idle fleet'
if (nb_more) { \
    stats cs_file every ::0::0 using (_f = strcol('idle_fleet'), 0) nooutput; \
    if (strlen(_f) > 0 && _f ne 'idle_fleet') { nb_fleet = _f } \
}
if (nb_more) { \
    hr = HH_max > 0 ? sprintf('hedge ratio %s (of the %s''s discounted cost, %s $B)', cs_ratio(H_max), nb_fleet, cs_busd(I_max)) : \
        sprintf('hedge ratio: none (the %s costs %s $B)', nb_fleet, cs_busd(I_max)); \
    set title cs_title((nb_pairs ? 'Cloud NPV by story and the industry''s state at the horizon' : 'Cloud NPV by story')."\n".hr) noenhanced \
} else { \
    hr = HH_max > 0 ? sprintf('hedge ratio %s (of a discounted idle-fleet cost of %s $B)', cs_ratio(H_max), cs_busd(I_max)) : 'hedge ratio: none (no idle cost)'; \
    set title cs_title('Cloud NPV by story: '.hr) noenhanced \
}
set style fill solid 0.85 noborder
set xtics scale 0 noenhanced
set xrange [-0.5 : 2.5]	# the three stories, also one no trial tells
set grid noxtics ytics
set xzeroaxis ls 9
set ylabel 'mean NPV of the story''s trials ($B)'
# the story's share as stories.gp labels it (shown.gp: whole percents
# that add up, '<1%' for a story few trials tell)
sh_want = 3
load cs_dir.'shown.gp'
if (nb_pairs) {
    # two bars a story, short left and glut right, 0.4 of a story apart;
    # a pair without trials (its cells empty) has a bar of 0, which
    # draws nothing (a column of no numbers would make gnuplot warn)
    nb_v(c) = strcol(c) eq '' ? 0 : column(c)
    stats cs_file using (nb_v('npv_short')) nooutput name 'PS'
    stats cs_file using (nb_v('npv_glut')) nooutput name 'PG'
    lo = PS_min < PG_min ? PS_min : PG_min
    lo = lo < 0 ? lo : 0
    hi = PS_max > PG_max ? PS_max : PG_max
    hi = hi > 0 ? hi : 0
    # room for a label of three lines beyond the longest bar either way
    pad = (hi - lo) > 0 ? (hi - lo) * 0.3 : 1
    set yrange [lo - pad : hi + pad]
    set boxwidth 0.36
    set xtics font ',16'
    set key maxrows 1
    set bmargin 6
    # under the story's name, its share and its figures over both states
    nb_tic(s) = strcol('npv_mean') eq '' ? s."\nno trial tells this story" : \
        s.' ('.shown_text(shown('share_shown', column('share')), column('share')).' of trials)'."\n". \
        sprintf('both states: %s $B, P(NPV>0) %s', cs_busd(column('npv_mean')), cs_prob(column('p_npv_positive')))
    # a pair's label, its first line at the point: above a bar of 0 or
    # more (pos 1), below one under 0 (pos 0), so that it clears the bar
    # at any scale (offsets in characters)
    nb_lab(c, p, s, pos) = strcol(c) eq '' || (column(c) >= 0) != pos ? '' : \
        sprintf("%s $B\nP(NPV>0) %s\n", cs_busd(column(c)), cs_prob(column(p))). \
        shown_text(shown(s.'_shown', column(s)), column(s)).' of trials'
    # a story with trials in one state only: 'no trials' in the other
    nb_none(c) = strcol(c) eq '' && strcol('npv_mean') ne '' ? 'no trials' : ''
    plot cs_file using ($0):(0):(''):xtic(nb_tic(strcol(1))) with labels notitle, \
         '' using ($0 - 0.2):(nb_v('npv_short')) with boxes lc rgb cs_blue title 'industry short (tightness ≥ 1)', \
         '' using ($0 + 0.2):(nb_v('npv_glut')) with boxes lc rgb cs_orange title 'industry in glut (tightness < 1)', \
         '' using ($0 - 0.2):(nb_v('npv_short')):(nb_lab('npv_short', 'p_positive_short', 'short', 1)) with labels offset 0, 2.4 font ',16' notitle, \
         '' using ($0 + 0.2):(nb_v('npv_glut')):(nb_lab('npv_glut', 'p_positive_glut', 'glut', 1)) with labels offset 0, 2.4 font ',16' notitle, \
         '' using ($0 - 0.2):(nb_v('npv_short')):(nb_lab('npv_short', 'p_positive_short', 'short', 0)) with labels offset 0, -1 font ',16' notitle, \
         '' using ($0 + 0.2):(nb_v('npv_glut')):(nb_lab('npv_glut', 'p_positive_glut', 'glut', 0)) with labels offset 0, -1 font ',16' notitle, \
         '' using ($0 - 0.2):(0):(nb_none('npv_short')) with labels offset 0, 1 font ',16' tc rgb cs_grey notitle, \
         '' using ($0 + 0.2):(0):(nb_none('npv_glut')) with labels offset 0, 1 font ',16' tc rgb cs_grey notitle
} else {
    set style data histograms
    set boxwidth 0.6
    lo = N_min < 0 ? N_min : 0
    hi = N_max > 0 ? N_max : 0
    pad = (hi - lo) > 0 ? (hi - lo) * 0.18 : 1
    set yrange [lo - pad : hi + pad]
    set key off
    lab(v, p, s) = sprintf('%s $B, P(NPV>0) %s', cs_busd(v), cs_prob(p))."\n".shown_text(shown('share_shown', s), s).' of trials'
    plot cs_file using 'npv_mean':xtic(1) lc rgb cs_teal notitle, \
         '' using ($0):(column('npv_mean') >= 0 ? column('npv_mean') + pad * 0.45 : column('npv_mean') - pad * 0.45):(lab(column('npv_mean'), column('p_npv_positive'), column('share'))) with labels font ',17' notitle, \
         '' using ($0):(pad * 0.3):(strcol('npv_mean') eq '' ? 'no trial tells this story' : '') with labels font ',17' tc rgb cs_grey notitle
}
