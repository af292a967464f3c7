/* plot.h — draw the charts of an output directory with gnuplot, run as a
 * child process from an argument vector (never a shell). */
#ifndef COMPUTESIM_PLOT_H
#define COMPUTESIM_PLOT_H

#include <stddef.h>
#include "diag.h"

/* What the drawing takes from the environment, which only the command
 * layer reads (sim/cli/env.c): each NULL or "" for its default. */
struct plot_config {
	const char *scripts;	/* $COMPUTESIM_PLOTS: the scripts' directory */
	const char *gnuplot;	/* $COMPUTESIM_GNUPLOT: the program */
	const char *timeout;	/* $COMPUTESIM_PLOT_TIMEOUT: seconds a chart
				   may take, as text */
};

/* Set the configuration every later call uses (the strings are kept,
 * not copied; the caller keeps them alive). Unset: every default. */
void plot_configure(const struct plot_config *c);

/* Directory of the gnuplot scripts: the configured one
 * ($COMPUTESIM_PLOTS), else plots/ next to the executable, else
 * ../share/computesim/plots from the executable's directory (an installed
 * binary), else the compiled-in source path. */
const char *plot_scripts_dir(void);

/* Chart i's PNG name, in the order the charts are drawn, and its caption
 * (may be NULL); NULL past the last. */
const char *plot_chart_png(size_t i, const char **caption);

/* Number of charts whose data file exists in dir (0: nothing to draw). */
int plot_count_data(const char *dir);

/* Draw every chart whose data files exist in dir, all or nothing: the
 * tables are checked first, each chart is drawn to a temporary name and
 * the new charts replace the earlier ones only when every one of them is
 * complete (plot.c says how). Returns 0 when all were drawn, 1 when
 * gnuplot is missing (a warning in d), 2 when SIGINT/SIGTERM stopped it
 * (nothing in d), -1 on any other failure (errors in d: a table refused
 * with its file, line and value; a full disk; gnuplot failing), in which
 * the earlier charts in dir are as they were; -3 when a chart could not
 * replace its earlier one although the check before any did found
 * nothing in the way (an immutable file): the charts before it are new,
 * it and the rest the earlier ones (errors in d). */
int plot_draw_dir(const char *dir, struct diag *d);

/* On stderr, after a command whose charts failed (plot_draw_dir -1; its
 * errors said first) but whose other outputs were put in place in dir:
 * that they are there, without charts, and how to draw them again (the
 * command with dir quoted for a shell where it needs to be). */
void plot_failed_note(const char *dir);

/* Check the configuration (named by its environment variables):
 * COMPUTESIM_PLOT_TIMEOUT a number of seconds > 0 (at most a day),
 * COMPUTESIM_GNUPLOT, when it is a path to something that exists, a file
 * this process may run. Unset or empty means the default. 0, or -1 with
 * one error per variable in d. */
int plot_check_env(struct diag *d);

#endif
