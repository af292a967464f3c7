/* cli.h — parsed command line shared by the commands. */
#ifndef COMPUTESIM_CLI_H
#define COMPUTESIM_CLI_H

#include <signal.h>
#include <stddef.h>
#include <stdint.h>
#include "scenario.h"

struct grid {
	const char *arg, *path;
	double from, to;
	int steps;
};

struct cli {
	const char *cmd;	/* run, check, sweep, compare, breakeven, plot */
	const char **files;	/* positional arguments */
	int nfiles;
	long trials;		/* 0: from the scenario */
	int have_seed;
	uint64_t seed;
	int threads;		/* 0: all cores */
	struct scenario_set *sets;
	int nsets;
	const char *out;	/* NULL: from the scenario */
	int no_plots, sensitivity, trials_csv, json, quiet;
	struct grid *grids;
	int ngrids;
	int sampling;		/* --sampling: enum sampling, -1 from the
				   scenario */
	const char **precision;	/* --precision METRIC=SE (run) */
	int nprecision;
	const char *vary;	/* breakeven */
	const char *target;	/* breakeven METRIC=VALUE */
	int have_range;
	double range_from, range_to;
};

/* Set by SIGINT/SIGTERM; runs stop and clean up, check stops between
 * files; either then exits 130. */
extern volatile sig_atomic_t cli_stop;

struct scenario;

/* When a run of `trials` trials would keep more than half this machine's
 * memory: the warning's text in buf and 1; else 0 (cmd_run.c; check says
 * it too). */
int cli_memory_warning(const struct scenario *sc, long trials, char *buf,
		       size_t size);

/* Commands; each returns the exit status (0, 1 or 2; 130 interrupted). */
int cmd_check(const struct cli *c);
int cmd_run(const struct cli *c);
int cmd_plot(const struct cli *c);
int cmd_sweep(const struct cli *c);
int cmd_compare(const struct cli *c);
int cmd_breakeven(const struct cli *c);
int cmd_drivers(const struct cli *c);

#endif
