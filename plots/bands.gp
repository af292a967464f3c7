# bands.gp — the legend labels of a fan's two bands, cs_band_o (outer)
# and cs_band_i (inner), from the columns band_outer and band_inner of
# cs_file (set it first, before years.gp). sim/report/chartdata.c writes
# there the levels the bands are drawn at: '5–95%' and '25–75%', or, when
# simulation.percentiles lacks some of them, the levels asked for that
# they are clamped to ('10–90%') and ' (interpolated)' after a band with
# an interpolated edge. A table written before those columns, or a label
# cell emptied by hand, gets '5–95%' and '25–75%' (strcol of an empty last
# cell gives its column's name: a legend saying 'band_inner').
cs_band_o = '5–95%'
cs_band_i = '25–75%'
stats cs_file using 0 nooutput name 'BD'
_bd = 0
stats cs_file every ::0::0 using (_bd = sum [i = 1:BD_columns] \
    (columnhead(i) eq 'band_outer' || columnhead(i) eq 'band_inner' ? 1 : 0), 0) nooutput
if (_bd == 2) { \
    stats cs_file every ::0::0 using (_bd_o = strcol('band_outer'), \
        _bd_i = strcol('band_inner'), 0) nooutput; \
    if (strlen(_bd_o) > 0 && _bd_o ne 'band_outer') { cs_band_o = _bd_o }; \
    if (strlen(_bd_i) > 0 && _bd_i ne 'band_inner') { cs_band_i = _bd_i } \
}
