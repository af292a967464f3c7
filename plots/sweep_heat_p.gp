# sweep_heat_p.gp — a sweep over two inputs: P(NPV > 0) at each grid
# point (common random numbers). From chart_sweep_heat.csv.
cs_in = ARG1; cs_out = ARG2; cs_scenario = ARG3
_i = strlen(ARG0); while (_i > 0 && ARG0[_i:_i] ne '/') { _i = _i - 1 }
load ARG0[1:_i].'style.gp'
sh_col = 'p_npv_positive'
sh_title = 'Sweep: P(NPV > 0) of the cloud option'
sh_prob = 1
load cs_dir.'sweep_heat_body.gp'
