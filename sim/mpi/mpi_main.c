/* mpi_main.c — computesim-mpi: the computesim command line on MPI ranks
 * (docs/cluster.md). Every rank runs the same command with the same
 * arguments (cli_main); each run's trials are split over the ranks, or
 * a command's runs go to the ranks whole (a sweep's points, a
 * comparison's scenarios, a drivers run's matrices: runsplit.h,
 * sim/mpi/mpi_split.c), and every rank ends with the same numbers, so
 * the commands take the same steps everywhere. Rank
 * 0 reads the scenario files and shares their bytes; only rank 0 writes
 * the output directory and prints: the other ranks' stdout and stderr go
 * to /dev/null, so a message is printed once. Every rank exits with the
 * status the one process would (the same checks on the same bytes). */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include <mpi.h>

#include "cli.h"
#include "mpisplit.h"

/* Send fd to /dev/null. */
static void silence(int fd)
{
	int nul = open("/dev/null", O_WRONLY);

	if (nul >= 0) {
		dup2(nul, fd);
		close(nul);
	}
}

int main(int argc, char **argv)
{
	struct mpi_split m;
	int provided = 0, rc;

	/* threads inside a rank never call MPI: only the main thread
	 * does (run.c's collectives sit between its parallel phases) */
	if (MPI_Init_thread(&argc, &argv, MPI_THREAD_FUNNELED, &provided) !=
	    MPI_SUCCESS) {
		fputs("computesim-mpi: MPI_Init failed\n", stderr);
		return 1;
	}
	if (mpi_split_init(&m) < 0) {
		fputs("computesim-mpi: out of memory\n", stderr);
		MPI_Abort(MPI_COMM_WORLD, 1);
		return 1;
	}
	if (m.sp.rank != 0) {
		fflush(stdout);
		silence(STDOUT_FILENO);
		silence(STDERR_FILENO);
	}
	rc = cli_main(argc, argv, m.sp.size > 1 ? &m.sp : NULL);
	fflush(stdout);
	mpi_split_free(&m);
	MPI_Finalize();
	return rc;
}
