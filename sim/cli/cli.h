/* cli.h — parsed command line shared by the commands. */
#ifndef COMPUTESIM_CLI_H
#define COMPUTESIM_CLI_H

#include <signal.h>
#include <stddef.h>
#include <stdint.h>
#include "scenario.h"

/* The usage line (stderr, with every usage error) and the --help text
 * (sim/cli/help.c). */
extern const char cli_usage_line[];
extern const char cli_help_text[];

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
	const char *range;	/* --range as typed, for messages */
	/* computesim-mpi: the ranks every run is split over (runsplit.h);
	 * NULL in the plain program. Only rank 0 writes and prints. */
	const struct run_split *split;
};

/* SIGINT/SIGTERM set stop_flag (stop.h); runs stop and clean up, check
 * stops between files; either then exits 130. */

struct scenario;
struct diag;

/* compare's `--set LETTER:PATH=VALUE`, for the scenario of that letter
 * alone (A the first file, B the second, ... as compare labels them):
 * the scenario's index for a path "B:supply.pue", -1 for a path without
 * a letter (every scenario's), -2 for a letter that names none of the
 * nfiles (or is not a letter); compareset.c. */
int cmp_set_scenario(const char *path, int nfiles);
#define CMP_SET_BAD_LETTER "the letter before `:` names none of the " \
	"scenarios (A, B, ... in the order given)"
#define CMP_SET_NOT_COMPARE "a scenario's letter before `:` (B:PATH=VALUE) " \
	"is for compare, which has several"

/* The runs a command makes, for knowing its memory before it starts. */
enum cli_memory_kind {
	CLI_MEM_RUN,		/* one full run (+ --sensitivity's light runs) */
	CLI_MEM_LIGHT,		/* light runs one at a time: sweep, breakeven */
	CLI_MEM_COMPARE,	/* full runs of each scenario, results kept */
	CLI_MEM_DRIVERS		/* drivers' matrices (drivers_memory_bytes) */
};

struct cli_memory {
	enum cli_memory_kind kind;
	const struct scenario *const *sc;	/* [nsc] */
	int nsc;
	int threads;
	int keep;		/* --trials-csv */
	int sensitivity;	/* --sensitivity */
	int ranks;		/* full runs split over this many ranks
				   (computesim-mpi); 0 or 1: one process */
	const struct run_split *split;	/* computesim-mpi's ranks, each
					   with its own limit; NULL: one
					   process */
};

/* Compare what the runs of m need at their peak for `trials` trials
 * (run_memory_bytes) with the memory this process may use (memlimit.h);
 * with m->split, the need for the most threads of any rank's against
 * the lowest limit of every rank's (a collective: every rank calls it,
 * and every rank gets the same verdict).
 * Fits in half of it: 0. Fits, but above half: 0 and a warning in d.
 * Does not fit: -1 and, with refuse, an error in d saying how many
 * trials would fit (the command exits 1 before any trial); without
 * refuse (check) a warning saying run refuses them. file (may be NULL)
 * is the position of the message. */
int cli_memory_check(const struct cli_memory *m, long trials, int refuse,
		     const char *file, struct diag *d);
/* Bytes the runs of m keep at their peak for n trials (memcheck.c). */
double cli_memory_need(const struct cli_memory *m, long n);
/* Bytes drivers keeps at its peak for n base trials of sc (drivers.c). */
double drivers_memory_bytes(const struct scenario *sc, long n, int threads);

struct run_split;

/* The whole program: parse argv, run the command, return the exit
 * status. split: the ranks every run is split over (computesim-mpi), or
 * NULL. */
int cli_main(int argc, char **argv, const struct run_split *split);

/* Commands; each returns the exit status (0, 1 or 2; 130 interrupted). */
int cmd_check(const struct cli *c);
int cmd_run(const struct cli *c);
int cmd_plot(const struct cli *c);
int cmd_sweep(const struct cli *c);
int cmd_compare(const struct cli *c);
int cmd_breakeven(const struct cli *c);
int cmd_drivers(const struct cli *c);

#endif
