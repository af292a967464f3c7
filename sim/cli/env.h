/* env.h — the environment variables computesim reads, and only here: the
 * command layer reads them once at start and hands their values down
 * (plot_configure, memlimit_*, run_opts.profile), so no lower layer calls
 * getenv. */
#ifndef COMPUTESIM_ENV_H
#define COMPUTESIM_ENV_H

struct cs_env {
	const char *plots;		/* COMPUTESIM_PLOTS */
	const char *gnuplot;		/* COMPUTESIM_GNUPLOT */
	const char *plot_timeout;	/* COMPUTESIM_PLOT_TIMEOUT */
	const char *memory_limit;	/* COMPUTESIM_MEMORY_LIMIT */
	int profile;			/* COMPUTESIM_PROFILE set, not "0" */
	const char *mpi_piece;		/* COMPUTESIM_MPI_PIECE (sim/mpi/) */
};

/* The process's environment (each NULL when unset), read on the first
 * call (main's, or computesim-mpi's before it, before any thread
 * starts), which also hands the plot settings to plot_configure(); later
 * calls return the same settings, which live as long as the
 * environment. */
const struct cs_env *env_read(void);

#endif
