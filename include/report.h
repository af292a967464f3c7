/* report.h — report.md in every run directory: the scenario, the
 * ten-second table, the stories (by the industry's state), NPV by story,
 * the hedge ratio, the Monte Carlo error of each headline figure, the
 * inputs that move the NPV most, and every chart drawn.
 *
 * report_write_body() writes the text part, chart_report.md, from the
 * run; report_assemble() writes report.md from that file and the PNGs in
 * the directory (a run calls it after drawing; `computesim plot` after
 * redrawing). Both return 0 or -1 with an error in d. */
#ifndef COMPUTESIM_REPORT_H
#define COMPUTESIM_REPORT_H

#include "diag.h"
#include "run.h"
#include "scenario.h"

int report_write_body(const char *dir, const struct scenario *sc,
		      const struct run_result *r, struct diag *d);
/* A directory without chart_report.md (an analysis's) gets no report:
 * 0, nothing written. */
int report_assemble(const char *dir, struct diag *d);

#endif
