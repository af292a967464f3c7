/* mpisplit.h — struct run_split on MPI_COMM_WORLD (sim/mpi/mpi_split.c).
 * Call mpi_split_init() after MPI_Init and mpi_split_free() before
 * MPI_Finalize; the split owns four small arrays. */
#ifndef COMPUTESIM_MPISPLIT_H
#define COMPUTESIM_MPISPLIT_H

#include "runsplit.h"

struct mpi_split {
	struct run_split sp;	/* first: sp.arg points to the whole */
	int *ic, *id;		/* [size]: int counts, displacements */
	int *jc, *jd;		/* [size]: the same, received */
	size_t piece;		/* most bytes one message of alltoallv
				   carries (INT_MAX; less to test the
				   pieces: COMPUTESIM_MPI_PIECE) */
};

/* 0, or -1 on allocation failure. */
int mpi_split_init(struct mpi_split *m);
void mpi_split_free(struct mpi_split *m);

#endif
