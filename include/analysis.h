/* analysis.h — analyses on top of run.c with common random numbers:
 * sensitivity (tornado), sweep, compare, breakeven (FORMAT.md, issue 6).
 * Each reuses the loaded scenario and its sample plan; an input is held
 * at a value through struct sample_override, so every other input draws
 * exactly the same random numbers as in the base run. */
#ifndef COMPUTESIM_ANALYSIS_H
#define COMPUTESIM_ANALYSIS_H

#include "diag.h"
#include "run.h"
#include "sample.h"
#include "scenario.h"

/* --sensitivity: write sensitivity.csv (and the data the tornado chart
 * reads) into dir, the output directory being written. base is the base
 * run's result with options o. Returns 0, -1 on failure (errors in d), 1
 * when stopped. */
int analysis_sensitivity(const char *dir, const struct scenario *sc,
			 const struct sample_plan *p, const struct run_opts *o,
			 const struct run_result *base, struct diag *d);

#endif
