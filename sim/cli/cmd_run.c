/* cmd_run.c — `computesim run SCENARIO.yaml`: load, run the trials, write
 * the output directory (docs/format.md "Outputs") and print the ten-second
 * table.
 *
 * Everything is written into a temporary sibling of the output directory,
 * renamed into place only when complete: a failed, interrupted or killed
 * run leaves an earlier result as it was; but charts that fail (gnuplot
 * failing or stuck, a disk too full for them) do not cost the figures:
 * every other file is put in place, said so, and the status is 1. Exit
 * status: 0 success (also when charts were skipped for want of gnuplot),
 * 2 scenario error (nothing written), 1 any other failure, 130 when
 * interrupted (SIGINT/SIGTERM). */
#include <math.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "analysis.h"
#include "cli.h"
#include "env.h"
#include "stop.h"
#include "model.h"
#include "output.h"
#include "plot.h"
#include "report.h"
#include "precision.h"
#include "run.h"
#include "runsplit.h"
#include "sample.h"
#include "scenario.h"


static int stopped(void)
{
	return stop_requested();
}

/* COMPUTESIM_PROFILE=1: the wall time of each stage on stderr (run.c
 * adds the phases of the run itself). */
static double prof_t0;

static void prof(const char *what)
{
	struct timespec ts;
	double t;

	if (!env_read()->profile)
		return;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	t = (double)ts.tv_sec + 1e-9 * (double)ts.tv_nsec;
	if (what)
		fprintf(stderr, "profile: %-28s %.3f s\n", what, t - prof_t0);
	prof_t0 = t;
}

/* Write every file of the run into dir. 0, -1 on failure (errors in d),
 * 1 when stopped, ANALYSIS_CHARTS_FAILED when every file but the charts
 * was written (errors in d). */
static int write_all(const char *dir, const struct cli *c,
		     const struct scenario *sc, const struct sample_plan *plan,
		     const struct run_opts *o, const struct run_result *r,
		     struct diag *d)
{
	FILE *f;
	int rc;

	prof(NULL);
	if (output_write_yearly(dir, sc, r, d) < 0)
		return -1;
	f = output_open(dir, "summary.json", d);
	if (!f)
		return -1;
	output_write_summary(f, sc, r);
	if (output_close(f, dir, "summary.json", d) < 0)
		return -1;
	if (c->trials_csv && output_write_trials(dir, sc, r, d) < 0)
		return -1;
	prof("writing yearly, summary, trials");
	if (stopped())
		return 1;
	if (output_write_chart_data(dir, sc, r, d) < 0 ||
	    report_write_body(dir, sc, r, d) < 0)
		return -1;
	prof("writing chart data");
	if (c->sensitivity) {
		/* the held runs stop where the base run did, through the same
		 * rounds, whatever their own precision: every one draws the
		 * base run's random numbers */
		struct run_opts so = *o;
		long stop_n = r->n;

		so.split = NULL;	/* rank 0 alone writes, so runs these */

		if (so.round_check) {
			so.round_check = run_round_stop_at;
			so.round_arg = &stop_n;
		}
		rc = analysis_sensitivity(dir, sc, plan, &so, r, d);
		if (rc != 0)
			return rc;
		prof("sensitivity");
	}
	if (stopped())
		return 1;
	/* 0 also when gnuplot is missing (a warning in d: the run
	 * succeeds), 1 stopped while drawing, ANALYSIS_CHARTS_FAILED */
	rc = analysis_plot(dir, c, sc->plots, d);
	if (rc == 1)
		return 1;
	if (!c->no_plots && sc->plots)
		prof("charts (gnuplot)");
	if (report_assemble(dir, d) < 0)
		return -1;
	return stopped() ? 1 : rc;
}

#define GIB 1073741824.0


/* Print the warnings collected in d (errors are printed by the caller). */
static void print_diag(struct diag *d, int quiet)
{
	if (d->nerr || !quiet)
		diag_print(d, stderr);
	diag_free(d);
	diag_init(d);
}

int cmd_run(const struct cli *c)
{
	struct scenario *sc = NULL;
	struct sample_plan *plan = NULL;
	struct run_result *r = NULL;
	struct outdir od = {NULL, NULL};
	struct precision pr = {NULL, 0};
	struct run_opts o;
	struct cli_memory mem = {CLI_MEM_RUN, NULL, 1, 1, 0, 0, 1, NULL};
	struct diag d;
	const char *final;
	int rc, status = 1, no_charts = 0;

	diag_init(&d);
	prof(NULL);
	if (analysis_scenario_load(&sc, c, c->files[0], &d) < 0 ||
	    !sc || sample_plan_new(&plan, sc, &d) < 0 || !plan ||
	    precision_parse(&pr, sc, c->precision, c->nprecision, &d) < 0) {
		diag_print(&d, stderr);
		status = 2;
		goto out;
	}
	print_diag(&d, c->quiet);	/* the scenario's warnings */

	memset(&o, 0, sizeof o);
	o.trials = c->trials > 0 ? c->trials : sc->trials;
	o.seed = c->have_seed ? c->seed : sc->seed;
	o.threads = c->threads > 0 ? c->threads : run_default_threads();
	o.full = 1;
	o.keep_trials = c->trials_csv;
	o.progress = !c->quiet && isatty(STDERR_FILENO);
	o.stop = &stop_flag;
	o.profile = env_read()->profile;
	o.sampling = c->sampling >= 0 ? c->sampling : sc->sampling;
	o.split = c->split;
	if (pr.n) {
		o.round_check = precision_check;
		o.round_arg = &pr;
	}
	final = c->out ? c->out : sc->out_dir;
	if (!final || !*final) {
		fprintf(stderr, "error: no output directory (use --out DIR)\n");
		goto out;
	}

	/* an output directory that holds an input, or that cannot be one:
	 * refused before any trial, rank 0's verdict on every rank */
	if ((rc = analysis_check_out(final, c, sc, &d)) < 0) {
		diag_print(&d, stderr);
		status = rc == -2 ? 2 : 1;	/* -2: an argument error */
		goto out;
	}
	/* too big for the memory this process may use: refused before any
	 * trial (and before any temporary directory) */
	mem.sc = (const struct scenario *const *)&sc;
	mem.threads = o.threads;
	mem.keep = c->trials_csv;
	mem.sensitivity = c->sensitivity;
	mem.ranks = c->split ? c->split->size : 1;
	mem.split = c->split;
	if (cli_memory_check(&mem, o.trials, 1, NULL, &d) < 0) {
		diag_print(&d, stderr);
		goto out;
	}
	print_diag(&d, c->quiet);	/* the warning above half */
	/* rank 0 makes the temporary directory, before any trial; every
	 * rank stops if it cannot (the others would wait for it in the
	 * run's collectives) */
	rc = analysis_writer(c) ? outdir_begin(&od, final, &d) : 0;
	rc = analysis_share_verdict(c, rc < 0 ? rc : 0);
	if (rc < 0) {
		diag_print(&d, stderr);
		outdir_abort(&od);
		if (rc == -2)
			status = 2;	/* not a directory to write */
		else if (analysis_writer(c))	/* e.g. a full disk */
			analysis_write_failed_note(final);
		goto out;
	}
	prof("loading, sample plan");
	rc = run_trials(&r, sc, plan, &o);
	if (rc == 0 && stopped())
		rc = 1;
	if (rc == 0 && run_result_check_finite(r, sc, c->files[0], NULL,
						 &d) < 0) {
		outdir_abort(&od);
		diag_print(&d, stderr);
		status = 2;
		goto out;
	}
	if (rc == 0)
		run_note_rise_at(r->p_rent_rise, sc, c->files[0], NULL, &d);
	if (rc == 0 && precision_report(&pr, r, &d) < 0)
		rc = -1;
	if (rc == 0 && analysis_writer(c))	/* rank 0 writes */
		rc = write_all(od.tmp, c, sc, plan, &o, r, &d);
	/* the charts failed: every other output is complete, and kept (a
	 * long run's figures are not lost to a gnuplot that fails) */
	no_charts = rc == ANALYSIS_CHARTS_FAILED;
	if (no_charts)
		rc = 0;
	/* a signal at any moment before the result is in place is an
	 * interruption, also when it made something fail on the way (a
	 * write cut short, a gnuplot the terminal's Ctrl-C reached) */
	if (stopped())
		rc = 1;
	if (rc == 1) {
		outdir_abort(&od);
		fprintf(stderr, "computesim: interrupted; nothing written to "
			"'%s' (an earlier result there is untouched)\n", final);
		status = 130;
		goto out;
	}
	if (rc < 0) {
		if (rc == -2)
			status = 2;	/* a held run's figures not finite */
		else if (!r)
			diag_error(&d, NULL, 0, 0,
				   "out of memory: %ld trials of %.0f "
				   "metric-years need about %.1f GiB; use fewer "
				   "--trials", o.trials,
				   (double)model_nmetrics(sc) * sc->years,
				   cli_memory_need(&mem, o.trials) / GIB);
		outdir_abort(&od);
		diag_print(&d, stderr);
		/* writing failed (a full disk): say that nothing was kept */
		if (r && rc != -2 && analysis_writer(c))
			analysis_write_failed_note(final);
		goto out;
	}
	if (analysis_writer(c) && outdir_commit(&od, &d) < 0) {
		diag_print(&d, stderr);
		analysis_write_failed_note(final);
		goto out;
	}
	prof("renaming into place");
	print_diag(&d, c->quiet);	/* e.g. charts skipped: no gnuplot */
	if (c->json)
		output_write_summary(stdout, sc, r);
	else if (!c->quiet) {
		output_print_table(stdout, sc, r);
		printf("Output: %s\n", final);
	}
	status = fflush(stdout) == 0 && !no_charts ? 0 : 1;
	/* last, after the table, as sweep, compare and drivers say it */
	if (no_charts)
		plot_failed_note(final);
out:
	diag_free(&d);
	precision_free(&pr);
	run_result_free(r);
	sample_plan_free(plan);
	scenario_free(sc);
	return status;
}
