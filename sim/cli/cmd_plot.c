/* cmd_plot.c — `computesim plot OUTDIR`: redraw every chart of an output
 * directory from its chart_*.csv files alone (no scenario, no run).
 * Only a directory computesim wrote (the .computesim marker in it) is
 * redrawn; the charts replace the earlier ones all together, only when
 * every one is drawn whole (plot.h), so a failed or interrupted redraw
 * leaves the earlier charts as they were.
 * Exit status: 0 drawn (gnuplot warnings are printed but do not fail),
 * 1 when the directory is missing, is not one computesim wrote or holds
 * no chart data, when a chart table is refused, when gnuplot is missing
 * ("error: charts skipped: gnuplot not found ...": an error here, a
 * warning for the commands that still succeed without charts), or when
 * gnuplot fails; 130 when SIGINT or SIGTERM stopped it. */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#include "cli.h"
#include "output.h"
#include "plot.h"
#include "report.h"

int cmd_plot(const struct cli *c)
{
	const char *dir = c->files[0];
	struct diag d;
	struct stat st;
	int found = 0, rc;

	/* an OUTDIR that is not there, or no directory: an argument
	 * error (exit 2), as a scenario file that is not there is */
	if (stat(dir, &st) != 0) {
		fprintf(stderr, "%s: error: cannot open: %s\n", dir,
			strerror(errno));
		return 2;
	}
	if (!S_ISDIR(st.st_mode)) {
		fprintf(stderr, "%s: error: not a directory (expected a "
			"computesim output directory)\n", dir);
		return 2;
	}
	found = plot_count_data(dir);
	if (!found && outdir_is_ours(dir)) {
		fprintf(stderr, "%s: error: no chart data (chart_*.csv) here: "
			"nothing to redraw (breakeven and a sweep over three "
			"or more grids draw no charts; else the tables were "
			"deleted)\n", dir);
		return 1;
	}
	if (!found) {
		fprintf(stderr, "%s: error: no chart data (chart_*.csv) here; "
			"is it a computesim output directory from a run with "
			"charts?\n", dir);
		return 1;
	}
	if (!outdir_is_ours(dir)) {
		fprintf(stderr, "%s: error: not a computesim output directory "
			"(no .computesim file in it): plot redraws charts only "
			"where computesim wrote them, and changed nothing\n",
			dir);
		return 1;
	}

	diag_init(&d);
	rc = plot_draw_dir(dir, &d);
	if (rc == 0 && report_assemble(dir, &d) < 0)
		rc = -4;	/* the charts are new, report.md is not */
	if (rc == 1) {
		/* gnuplot missing: a warning for run, sweep, compare and
		 * drivers, which still succeed; here drawing is all there is
		 * to do, so the command fails and the message is an error */
		for (size_t k = 0; k < d.n; k++)
			if (d.v[k].level == DIAG_WARNING &&
			    strncmp(d.v[k].msg, "charts skipped:", 15) == 0) {
				d.v[k].level = DIAG_ERROR;
				d.nwarn--;
				d.nerr++;
			}
	}
	diag_print(&d, stderr);
	diag_free(&d);
	if (rc == 2) {
		fprintf(stderr, "computesim: interrupted; no chart redrawn in "
			"'%s' (the earlier charts are as they were)\n", dir);
		return 130;
	}
	if (rc == -3)
		fprintf(stderr, "computesim: charts redrawn in '%s' only in "
			"part: those before the one above are new, it and "
			"the rest are the earlier ones\n", dir);
	else if (rc == -4)
		fprintf(stderr, "computesim: charts redrawn in '%s', but its "
			"report.md is the earlier one (the error above)\n",
			dir);
	else if (rc < 0)
		fprintf(stderr, "computesim: no chart redrawn in '%s' (the "
			"earlier charts are as they were)\n", dir);
	if (rc != 0)
		return 1;
	if (!c->quiet)
		printf("charts redrawn in %s\n", dir);
	return 0;
}
