# tornado_surplus.gp — what drives the surplus: P(surplus) in the year
# where the base run's P(surplus) is highest, each uncertain input held at
# its P10 (blue) and P90 (orange), largest swing on top, at most 20
# inputs. From chart_tornado_surplus.csv (written by --sensitivity).
cs_in = ARG1; cs_out = ARG2; cs_scenario = ARG3
_i = strlen(ARG0); while (_i > 0 && ARG0[_i:_i] ne '/') { _i = _i - 1 }
load ARG0[1:_i].'style.gp'
cs_file = cs_data('chart_tornado_surplus.csv')
tn_title = 'Sensitivity of P(surplus) (tornado)'
tn_prob = 1
load cs_dir.'tornado_body.gp'
