# years.gp — integer year axis from column 'year' of the file cs_file
# (set cs_file first; see style.gp). Sets YR_min and YR_max.
#
# A run of one year has one row, and a band (filledcurves) of one point
# draws nothing: the row is then drawn twice, 0.35 of a year either side
# of its year, so that every band is a box across the year and every
# line a short bar. cs_file becomes that table ($cs_one, built here from
# the file's own fields: its header, then the row at year - 0.35 and at
# year + 0.35; 'year' is the first column of every such file).
stats cs_file using 'year' nooutput name 'YR'
if (YR_min == YR_max) {
	cs_row(i, y) = i > YR_columns ? '' : \
		(i == 1 && y ne '' ? y : strcol(i)).(i < YR_columns ? ',' : '').cs_row(i + 1, y)
	set datafile nocolumnheaders
	set table $cs_one
	plot cs_file using (cs_row(1, column(0) == 0 ? '' : sprintf('%.2f', YR_min - 0.35))) with table, \
	     '' every ::1 using (cs_row(1, sprintf('%.2f', YR_min + 0.35))) with table
	unset table
	set datafile columnheaders
	cs_file = '$cs_one'
}
set xrange [YR_min - 0.5 : YR_max + 0.5]
set xtics YR_min, cs_year_step(YR_max - YR_min + 1), YR_max format '%.0f'
set xlabel 'year'
