# unesc.gp — cs_u = cs_s with the escapes of compare's chart tables undone
# (analysis_chart_name): %2C a comma, %0A a line break, %25 a percent sign,
# %5C a backslash.
# gnuplot 5.4 splits a CSV line at every comma, quoted or not, so a name's
# commas are written so; any other '%' is kept as it is (a table written
# by an earlier build has ';' for a comma and no escapes). A loop, not a
# recursive function: gnuplot's recursion is shallow (a name may have a
# hundred commas). Changes cs_s, _p, _c, _e.
cs_u = ''
_p = strstrt(cs_s, '%')
while (_p > 0) {
    _c = cs_s[_p + 1:_p + 2]
    _e = _c eq '2C' ? ',' : (_c eq '0A' ? "\n" : (_c eq '25' ? '%' : \
         (_c eq '5C' ? '\' : '')))
    cs_u = cs_u.cs_s[1:_p - 1].(_e eq '' ? '%' : _e)
    cs_s = cs_s[_p + (_e eq '' ? 1 : 3):]
    _p = strstrt(cs_s, '%')
}
cs_u = cs_u.cs_s
