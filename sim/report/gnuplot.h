/* gnuplot.h — one chart drawn by gnuplot (gnuplot.c), for plot.c. */
#ifndef COMPUTESIM_GNUPLOT_H
#define COMPUTESIM_GNUPLOT_H

#include <stdatomic.h>
#include <stddef.h>

#include "diag.h"

enum {
	DRAW_OK = 0,
	DRAW_MISSING = 1,	/* gnuplot not found */
	DRAW_FAILED = -1,	/* this chart (error in d); try the others */
	DRAW_FATAL = -2,	/* every chart would fail the same way */
	DRAW_STOPPED = -3	/* SIGINT/SIGTERM */
};

struct gnuplot_chart {
	const char *script, *png;	/* names, as in plot.c's table */
};

/* gnuplot PROG -d -c SCRIPTS/SCRIPT DIR TMP TITLE: dir and scripts
 * absolute, udir the directory as the user named it (for messages), tmp
 * the PNG's temporary name, timeout the seconds it may take. */
struct gnuplot_job {
	const char *prog, *scripts, *dir, *udir, *title, *tmp;
	struct gnuplot_chart chart;
	double timeout;
	/* set: the drawing is called off for this chart once *stop_at <
	 * index (an earlier chart stopped it): gnuplot is stopped as on
	 * Ctrl-C and DRAW_STOPPED returned, no message */
	const atomic_size_t *stop_at;
	size_t index;
};

/* Draw one chart into j->tmp; its errors and warnings go to d. Returns a
 * DRAW_ code; tmp exists afterwards only on DRAW_OK. Safe to call from
 * several threads at once, each with its own d. */
int gnuplot_draw(const struct gnuplot_job *j, struct diag *d);

/* 1 when a stop was requested, or SIGINT/SIGTERM is pending (blocked by
 * plot.c while the charts are drawn, so that whichever thread sees a
 * gnuplot killed by a Ctrl-C also sees the Ctrl-C). */
int gnuplot_stop_pending(void);

#endif
