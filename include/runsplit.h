/* runsplit.h — a run's trials split between processes (MPI ranks), as
 * the engine sees it: a few collective operations behind function
 * pointers, so that the engine never includes mpi.h. The plain program
 * has no split (NULL); computesim-mpi fills one in sim/mpi/mpi_split.c.
 *
 * Every rank runs the same commands with the same arguments, the same
 * scenario and the same control flow; each call below is collective (all
 * ranks make it, in the same order). Each returns 0, or -1 when the
 * communication failed (the MPI layer aborts the job then, so callers
 * may treat -1 as fatal). The split owns nothing the engine frees. */
#ifndef COMPUTESIM_RUNSPLIT_H
#define COMPUTESIM_RUNSPLIT_H

#include <stddef.h>
#include <stdint.h>

struct run_split {
	int rank, size;		/* this process, of size >= 1 */
	void *arg;		/* the MPI layer's own state */
	/* buf holds every rank's part: rank q's counts[q] bytes at byte
	 * displs[q]; each rank has filled its own part, and afterwards
	 * every rank has every part. */
	int (*allgather)(void *arg, void *buf, const size_t *counts,
			 const size_t *displs);
	/* n bytes of buf from root to every rank. */
	int (*bcast)(void *arg, int root, void *buf, size_t n);
	/* v[0..n) summed over the ranks, in place (integers: exact in any
	 * order). */
	int (*sum_long)(void *arg, long *v, size_t n);
	/* mn[0..n) the least, mx[0..n) the greatest over the ranks. */
	int (*minmax)(void *arg, double *mn, double *mx, size_t n);
	/* 1 when flag is non-zero on any rank, else 0 (a failure on one
	 * rank becomes a failure on all, before the next collective). */
	int (*any)(void *arg, int flag);
	/* The bytes of file path as rank 0 reads them (at most max bytes),
	 * on every rank: *buf (malloc'd, the caller frees) and *len; or -1
	 * with *err the errno of rank 0's failure. */
	int (*read_file)(void *arg, const char *path, size_t max, char **buf,
			 size_t *len, int *err);
	/* Each rank sends send[q] to rank q and gets rank q's number for
	 * it in recv[q] (the sizes of an alltoallv). */
	int (*alltoall)(void *arg, const size_t *send, size_t *recv);
	/* Each rank sends scounts[q] bytes at send + sdispls[q] to rank q,
	 * and gets rank q's rcounts[q] bytes for it at recv + rdispls[q]
	 * (rcounts: from alltoall). Any sizes: the MPI layer sends parts
	 * past MPI's int counts in pieces. */
	int (*alltoallv)(void *arg, const void *send, const size_t *scounts,
			 const size_t *sdispls, void *recv,
			 const size_t *rcounts, const size_t *rdispls);
};

/* The ranks' share of n items, in order: rank q takes items
 * [run_split_lo(n, q, size), run_split_lo(n, q + 1, size)). */
static inline size_t run_split_lo(size_t n, int q, int size)
{
	/* n < 2^32 (run.c's cap) and q < 2^31: the product fits */
	return (size_t)((uint64_t)n * (uint64_t)q / (uint64_t)size);
}

/* Helpers over a split for work that goes to the ranks whole (a sweep's
 * points, a comparison's scenarios, a drivers run's matrices), in
 * sim/engine/runsplit.c; each is collective. */

/* The worst of the ranks' statuses rc (0 done, 1 stopped, -1 failed, -2
 * bad input found on the way, such as figures that are not finite): -2
 * when any rank found bad input, else -1 when any rank failed, else 1
 * when any rank stopped, else 0. */
int run_split_status(const struct run_split *sp, int rc);

/* Every rank's k numbers mine[0..k): rank q's at [q * k, q * k + k) of
 * a malloc'd array of size * k (the caller frees), or NULL on every rank
 * when one cannot allocate it or the ranks cannot share. */
long *run_split_each_long(const struct run_split *sp, const long *mine,
			  size_t k);

/* buf holds n items of size bytes each, split over the ranks by
 * run_split_lo; each rank has filled those of its items that lie below
 * lim (lim <= n), and afterwards every rank has items [0, lim). 0, or -1
 * on every rank. */
int run_split_allgather_items(const struct run_split *sp, void *buf,
			      size_t n, size_t lim, size_t size);

/* The rank that takes item i of n (run_split_lo's ranges). */
static inline int run_split_owner(size_t n, size_t i, int size)
{
	int q = 0;

	while (q + 1 < size && run_split_lo(n, q + 1, size) <= i)
		q++;
	return q;
}

#endif
