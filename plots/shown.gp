# shown.gp — the story charts' labels (stories.gp, compare_stories.gp,
# compare_readings.gp; set cs_file and sh_want, the number of *_shown
# columns the table has, first). The *_shown columns hold the shares as
# labelled, in whole percents that add up (stories_shown); a table
# written before them, by an earlier build, has none, and is labelled
# with each share rounded alone. Sets st_shown (1: the table has all
# sh_want of them) and shown(name, v): column name's whole percent, or v
# (the share) rounded alone; shown_text(s, v) writes whole percent s of
# share v: '<1%' for a share that shows 0 but is not, '>99%' for one that
# shows 100 but is not all.
stats cs_file using 0 nooutput name 'SC'
st_shown = 0
stats cs_file using (st_shown = sum [i = 1:SC_columns] \
    (strstrt(columnhead(i), '_shown') > 0 ? 1 : 0), 0) nooutput
st_shown = st_shown == sh_want	# all of them, else none used
shown(name, v) = st_shown ? column(name) : floor(100 * v + 0.5)
shown_text(s, v) = s == 0 && v > 0 ? '<1%' : (s == 100 && v < 1 ? '>99%' : sprintf('%d%%', s))
