# npv_by_story.gp — what the option is worth in each reading: the mean
# cloud NPV of the trials that tell each story, labelled with P(NPV > 0)
# and the story's share of trials; the title gives the hedge ratio (mean
# NPV over the mean discounted cost of the idle and unpowered fleet).
# A story no trial tells has no bar. From chart_stories.csv.
cs_in = ARG1; cs_out = ARG2; cs_scenario = ARG3
_i = strlen(ARG0); while (_i > 0 && ARG0[_i:_i] ne '/') { _i = _i - 1 }
load ARG0[1:_i].'style.gp'
cs_file = cs_data('chart_stories.csv')

stats cs_file using 'hedge_ratio' nooutput name 'H'
stats cs_file using 'has_hedge' nooutput name 'HH'
stats cs_file using 'idle_pv_busd' nooutput name 'I'
stats cs_file using 'npv_mean' nooutput name 'N'
hr = HH_max > 0 ? sprintf('hedge ratio %s (of a discounted idle-fleet cost of %s $B)', cs_ratio(H_max), cs_busd(I_max)) : 'hedge ratio: none (no idle cost)'
set title cs_title('Cloud NPV by story: '.hr) noenhanced
set style data histograms
set style fill solid 0.85 noborder
set boxwidth 0.6
lo = N_min < 0 ? N_min : 0
hi = N_max > 0 ? N_max : 0
pad = (hi - lo) > 0 ? (hi - lo) * 0.18 : 1
set yrange [lo - pad : hi + pad]
set ylabel 'mean NPV of the story''s trials ($B)'
set xtics scale 0 noenhanced
set xrange [-0.5 : 2.5]	# the three stories, also one no trial tells
set grid noxtics ytics
set xzeroaxis ls 9
set key off
# the story's share as stories.gp labels it (shown.gp: whole percents
# that add up, '<1%' for a story few trials tell)
sh_want = 3
load cs_dir.'shown.gp'
lab(v, p, s) = sprintf('%s $B, P(NPV>0) %s', cs_busd(v), cs_prob(p))."\n".shown_text(shown('share_shown', s), s).' of trials'
plot cs_file using 'npv_mean':xtic(1) lc rgb cs_teal notitle, \
     '' using ($0):(column('npv_mean') >= 0 ? column('npv_mean') + pad * 0.45 : column('npv_mean') - pad * 0.45):(lab(column('npv_mean'), column('p_npv_positive'), column('share'))) with labels font ',17' notitle, \
     '' using ($0):(pad * 0.3):(strcol('npv_mean') eq '' ? 'no trial tells this story' : '') with labels font ',17' tc rgb cs_grey notitle
