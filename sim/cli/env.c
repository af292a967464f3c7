/* env.c — the environment variables, read in one place (env.h). */
#include <stdlib.h>
#include <string.h>

#include "env.h"
#include "plot.h"

const struct cs_env *env_read(void)
{
	static struct cs_env e;
	static int done;	/* read once: main() calls this first */
	const char *p;
	struct plot_config pc;

	if (done)
		return &e;
	done = 1;
	p = getenv("COMPUTESIM_PROFILE");
	e.plots = getenv("COMPUTESIM_PLOTS");
	e.gnuplot = getenv("COMPUTESIM_GNUPLOT");
	e.plot_timeout = getenv("COMPUTESIM_PLOT_TIMEOUT");
	e.memory_limit = getenv("COMPUTESIM_MEMORY_LIMIT");
	e.mpi_piece = getenv("COMPUTESIM_MPI_PIECE");
	e.profile = p && *p && strcmp(p, "0") != 0;
	pc.scripts = e.plots;
	pc.gnuplot = e.gnuplot;
	pc.timeout = e.plot_timeout;
	plot_configure(&pc);
	return &e;
}
