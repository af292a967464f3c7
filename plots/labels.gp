# labels.gp — the scenarios' names under compare's bars (compare_stories.gp,
# compare_readings.gp; set cs_file, cs_n, the number of rows, and
# cs_labfb(s), the name s wrapped here, first). compare writes each name
# in the column `label` already wrapped to the room between two bars,
# counting a wide CJK character as two columns (gnuplot 5.4 counts
# characters: sim/util/textwrap.c), with its commas and line breaks
# escaped (unesc.gp). A table without that column, written by an earlier
# build, has its names wrapped here with cs_labfb. Sets the array
# cs_lab[1..cs_n] and cs_lab_lines, the most lines a name takes.
stats cs_file using 0 nooutput name 'LC'
cs_haslab = 0
stats cs_file every ::0::0 using (cs_haslab = sum [i = 1:LC_columns] \
    (columnhead(i) eq 'label' ? 1 : 0), 0) nooutput
array cs_lab[cs_n]
cs_lab_lines = 1
do for [k = 1:cs_n] {
    if (cs_haslab) {
        stats cs_file every ::(k - 1)::(k - 1) using (cs_s = strcol('label'), 0) nooutput
        load cs_dir.'unesc.gp'
    } else {
        stats cs_file every ::(k - 1)::(k - 1) using (cs_u = cs_labfb(strcol(1)), 0) nooutput
    }
    cs_lab[k] = cs_u
    cs_lab_lines = cs_lines(cs_u) > cs_lab_lines ? cs_lines(cs_u) : cs_lab_lines
}
