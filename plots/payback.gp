# payback.gp — (e) probability that the cloud has launched, and that it
# has paid back (cumulative NPV >= 0 after launch), by year.
# From chart_probabilities.csv.
cs_in = ARG1; cs_out = ARG2; cs_scenario = ARG3
_i = strlen(ARG0); while (_i > 0 && ARG0[_i:_i] ne '/') { _i = _i - 1 }
load ARG0[1:_i].'style.gp'
cs_file = cs_data('chart_probabilities.csv')
load cs_dir.'years.gp'

set title cs_title('Cloud option: launched and paid back') noenhanced
set ylabel 'probability (share of trials)'
set yrange [0:1.05]
set ytics ('0%%' 0, '25%%' 0.25, '50%%' 0.5, '75%%' 0.75, '100%%' 1)
set key maxcols 3
# launched in no trial and no year (cloud.launch never, a launch year or
# trigger never reached): say so, rather than two lines on the 0% axis
stats cs_file using 'p_launched' nooutput name 'PL'
if (PL_max <= 0) { \
	set label 90 'the cloud is launched in no trial within the horizon (cloud.launch)' \
		at graph 0.5, graph 0.55 center front noenhanced font ',18' \
}

plot cs_file using 'year':'p_launched' with linespoints ls 1 pt 5 ps 1.2 title 'P(launched by year)', \
     '' using 'year':'p_paid_back' with linespoints ls 3 pt 7 ps 1.4 title 'P(paid back by year)', \
     0.5 with lines ls 10 dt 2 lw 2 title 'half of trials'
