/* mpi_split.c — struct run_split (runsplit.h) on MPI_COMM_WORLD: the
 * collective operations a split run needs, and nothing else. The only
 * file with mpi_split_*; with mpi_main.c the only ones that include
 * mpi.h (the engine never does).
 *
 * Errors: MPI_COMM_WORLD keeps MPI's default handler,
 * MPI_ERRORS_ARE_FATAL, so a failed call (a rank that died) aborts the
 * job; the -1 returns below are for what MPI cannot express (a part past
 * INT_MAX bytes). */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <mpi.h>

#include "fileread.h"
#include "env.h"
#include "mpisplit.h"

/* MPI counts are int: the byte counts and displacements of a call, or -1
 * when one does not fit (2 GiB in one part: about 268 million trials of
 * one double). ic and id hold size ints each. */
static int to_int(int size, const size_t *cnt, const size_t *dsp, int *ic,
		  int *id)
{
	for (int q = 0; q < size; q++) {
		if (cnt[q] > INT_MAX || dsp[q] > INT_MAX)
			return -1;
		ic[q] = (int)cnt[q];
		id[q] = (int)dsp[q];
	}
	return 0;
}

static int split_allgather(void *arg, void *buf, const size_t *counts,
			   const size_t *displs)
{
	struct mpi_split *m = arg;
	int rc = to_int(m->sp.size, counts, displs, m->ic, m->id);

	if (m->sp.any(m, rc < 0))
		return -1;
	MPI_Allgatherv(MPI_IN_PLACE, 0, MPI_DATATYPE_NULL, buf, m->ic, m->id,
		       MPI_BYTE, MPI_COMM_WORLD);
	return 0;
}

static int split_bcast(void *arg, int root, void *buf, size_t n)
{
	(void)arg;
	if (n > INT_MAX)
		return -1;	/* the same n on every rank: all fail */
	MPI_Bcast(buf, (int)n, MPI_BYTE, root, MPI_COMM_WORLD);
	return 0;
}

static int split_sum_long(void *arg, long *v, size_t n)
{
	(void)arg;
	if (n > INT_MAX)
		return -1;
	MPI_Allreduce(MPI_IN_PLACE, v, (int)n, MPI_LONG, MPI_SUM,
		      MPI_COMM_WORLD);
	return 0;
}

static int split_alltoall(void *arg, const size_t *send, size_t *recv)
{
	(void)arg;
	MPI_Alltoall(send, (int)sizeof *send, MPI_BYTE, recv,
		     (int)sizeof *recv, MPI_BYTE, MPI_COMM_WORLD);
	return 0;
}

/* alltoallv in pieces of at most m->piece bytes, by point-to-point
 * messages (MPI's counts and displacements are int): each pair of
 * ranks exchanges its bytes as ceil(bytes / piece) messages, in order
 * (MPI keeps the order of messages between two ranks). 0, or -1 on
 * every rank. */
static int alltoallv_pieces(struct mpi_split *m, const char *send,
			    const size_t *sc, const size_t *sd, char *recv,
			    const size_t *rc, const size_t *rd)
{
	enum { TAG = 14 };
	size_t pc = m->piece, nrq = 0, k = 0;
	MPI_Request *rq;

	for (int q = 0; q < m->sp.size; q++)
		nrq += (sc[q] + pc - 1) / pc + (rc[q] + pc - 1) / pc;
	rq = malloc((nrq ? nrq : 1) * sizeof *rq);
	if (m->sp.any(m, !rq || nrq > INT_MAX)) {
		free(rq);
		return -1;
	}
	for (int q = 0; q < m->sp.size; q++)
		for (size_t o = 0; o < rc[q]; o += pc)
			MPI_Irecv(recv + rd[q] + o,
				  (int)(rc[q] - o < pc ? rc[q] - o : pc),
				  MPI_BYTE, q, TAG, MPI_COMM_WORLD, &rq[k++]);
	for (int q = 0; q < m->sp.size; q++)
		for (size_t o = 0; o < sc[q]; o += pc)
			MPI_Isend(send + sd[q] + o,
				  (int)(sc[q] - o < pc ? sc[q] - o : pc),
				  MPI_BYTE, q, TAG, MPI_COMM_WORLD, &rq[k++]);
	MPI_Waitall((int)k, rq, MPI_STATUSES_IGNORE);
	free(rq);
	return 0;
}

/* One MPI_Alltoallv when every count and displacement of every rank fits
 * its int (and a piece), else alltoallv_pieces. */
static int split_alltoallv(void *arg, const void *send, const size_t *sc,
			   const size_t *sd, void *recv, const size_t *rc,
			   const size_t *rd)
{
	struct mpi_split *m = arg;
	int big = 0;

	for (int q = 0; q < m->sp.size; q++)
		big |= sc[q] > m->piece || rc[q] > m->piece;
	big |= to_int(m->sp.size, sc, sd, m->ic, m->id) < 0 ||
	       to_int(m->sp.size, rc, rd, m->jc, m->jd) < 0;
	if (m->sp.any(m, big))
		return alltoallv_pieces(m, send, sc, sd, recv, rc, rd);
	MPI_Alltoallv(send, m->ic, m->id, MPI_BYTE, recv, m->jc, m->jd,
		      MPI_BYTE, MPI_COMM_WORLD);
	return 0;
}

static int split_minmax(void *arg, double *mn, double *mx, size_t n)
{
	(void)arg;
	if (n > INT_MAX)
		return -1;
	MPI_Allreduce(MPI_IN_PLACE, mn, (int)n, MPI_DOUBLE, MPI_MIN,
		      MPI_COMM_WORLD);
	MPI_Allreduce(MPI_IN_PLACE, mx, (int)n, MPI_DOUBLE, MPI_MAX,
		      MPI_COMM_WORLD);
	return 0;
}

static int split_any(void *arg, int flag)
{
	int f = flag != 0, all = 0;

	(void)arg;
	MPI_Allreduce(&f, &all, 1, MPI_INT, MPI_LOR, MPI_COMM_WORLD);
	return all;
}

/* Rank 0 reads at most max bytes of path; every rank gets them. The
 * status travels first: err > 0 could not open (errno), < 0 could not
 * read (-errno), ENOMEM no memory on some rank. */
static int split_read_file(void *arg, const char *path, size_t max,
			   char **buf, size_t *len, int *err)
{
	struct mpi_split *m = arg;
	long head[2] = {0, 0};	/* errno, length */
	char *b = NULL;
	int bad;

	*buf = NULL;
	*len = 0;
	*err = 0;
	if (max > INT_MAX)
		max = INT_MAX;
	if (m->sp.rank == 0) {
		FILE *f = fileread_open(path);

		if (!f) {
			head[0] = errno ? errno : EIO;
		} else {
			b = malloc(max ? max : 1);
			if (!b) {
				head[0] = ENOMEM;
			} else {
				head[1] = (long)fread(b, 1, max, f);
				if (ferror(f))
					head[0] = -(errno ? errno : EIO);
			}
			fclose(f);
		}
	}
	MPI_Bcast(head, 2, MPI_LONG, 0, MPI_COMM_WORLD);
	if (head[0] == 0 && m->sp.rank != 0) {
		b = malloc(head[1] ? (size_t)head[1] : 1);
		if (!b)
			head[0] = ENOMEM;
	}
	bad = m->sp.any(m, head[0] != 0);
	if (!bad && head[1] > 0)
		MPI_Bcast(b, (int)head[1], MPI_BYTE, 0, MPI_COMM_WORLD);
	if (bad) {
		free(b);
		*err = head[0] ? (int)head[0] : ENOMEM;
		return -1;
	}
	*buf = b;
	*len = (size_t)head[1];
	return 0;
}

int mpi_split_init(struct mpi_split *m)
{
	const char *e = env_read()->mpi_piece;
	unsigned long long piece = INT_MAX;
	char *end;

	memset(m, 0, sizeof *m);
	MPI_Comm_rank(MPI_COMM_WORLD, &m->sp.rank);
	MPI_Comm_size(MPI_COMM_WORLD, &m->sp.size);
	/* rank 0's, so that every rank cuts the same pieces */
	if (m->sp.rank == 0 && e && *e) {
		errno = 0;
		piece = strtoull(e, &end, 10);
		if (errno || *end || piece < 1 || piece > INT_MAX)
			piece = INT_MAX;
	}
	MPI_Bcast(&piece, 1, MPI_UNSIGNED_LONG_LONG, 0, MPI_COMM_WORLD);
	m->piece = (size_t)piece;
	m->ic = malloc(4 * (size_t)m->sp.size * sizeof *m->ic);
	if (!m->ic)
		return -1;
	m->id = m->ic + m->sp.size;
	m->jc = m->ic + 2 * m->sp.size;
	m->jd = m->ic + 3 * m->sp.size;
	m->sp.arg = m;
	m->sp.allgather = split_allgather;
	m->sp.bcast = split_bcast;
	m->sp.sum_long = split_sum_long;
	m->sp.alltoall = split_alltoall;
	m->sp.alltoallv = split_alltoallv;
	m->sp.minmax = split_minmax;
	m->sp.any = split_any;
	m->sp.read_file = split_read_file;
	return 0;
}

void mpi_split_free(struct mpi_split *m)
{
	free(m->ic);
	m->ic = m->id = m->jc = m->jd = NULL;
}
