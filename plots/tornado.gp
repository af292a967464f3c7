# tornado.gp — what moves mean cloud NPV: each uncertain input held at its
# own P10 (blue) and P90 (orange), every other input drawn as in the base
# run (common random numbers); bars from the base run's mean NPV, largest
# swing on top, at most 20 inputs. Labels: the input's path and its
# P10 -> P90 values. From chart_tornado.csv (written by --sensitivity).
cs_in = ARG1; cs_out = ARG2; cs_scenario = ARG3
_i = strlen(ARG0); while (_i > 0 && ARG0[_i:_i] ne '/') { _i = _i - 1 }
load ARG0[1:_i].'style.gp'
cs_file = cs_data('chart_tornado.csv')
tn_title = 'Sensitivity of mean cloud NPV (tornado)'
tn_prob = 0
load cs_dir.'tornado_body.gp'
