# years.gp — integer year axis from column 'year' of the file cs_file
# (set cs_file first; see style.gp). Sets YR_min and YR_max.
stats cs_file using 'year' nooutput name 'YR'
set xrange [YR_min - 0.5 : YR_max + 0.5]
set xtics YR_min, cs_year_step(YR_max - YR_min + 1), YR_max format '%.0f'
set xlabel 'year'
