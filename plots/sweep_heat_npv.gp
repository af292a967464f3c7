# sweep_heat_npv.gp — a sweep over two inputs: mean cloud NPV at each
# grid point (common random numbers), red below 0, green above.
# From chart_sweep_heat.csv.
cs_in = ARG1; cs_out = ARG2; cs_scenario = ARG3
_i = strlen(ARG0); while (_i > 0 && ARG0[_i:_i] ne '/') { _i = _i - 1 }
load ARG0[1:_i].'style.gp'
sh_col = 'npv_mean'
sh_title = 'Sweep: mean NPV of the cloud option'
sh_prob = 0
load cs_dir.'sweep_heat_body.gp'
