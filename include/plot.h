/* plot.h — draw the charts of an output directory with gnuplot, run as a
 * child process from an argument vector (never a shell). */
#ifndef COMPUTESIM_PLOT_H
#define COMPUTESIM_PLOT_H

#include "diag.h"

/* Directory of the gnuplot scripts: $COMPUTESIM_PLOTS, else plots/ next
 * to the executable, else the compiled-in default. */
const char *plot_scripts_dir(void);

/* Number of charts whose data file exists in dir (0: nothing to draw). */
int plot_count_data(const char *dir);

/* Draw every chart whose data files exist in dir. Returns 0 when all were
 * drawn, 1 when gnuplot is missing (a warning in d), -1 on a gnuplot
 * failure (errors in d). */
int plot_draw_dir(const char *dir, struct diag *d);

#endif
