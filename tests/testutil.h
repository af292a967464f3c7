/* testutil.h — shared helpers for the Check suites. Each tests/check_*.c
 * defines its suite and ends with CHECK_MAIN(its_suite). */
#ifndef COMPUTESIM_TESTUTIL_H
#define COMPUTESIM_TESTUTIL_H

#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "csinit.h"
#include "diag.h"
#include "runsplit.h"

/* What diag_print() prints for d, as a string the caller frees. */
static inline char *diag_text(const struct diag *d)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);

	ck_assert_ptr_nonnull(f);
	diag_print(d, f);
	fclose(f);
	return buf;
}

/* A split of one rank: the collectives of runsplit.h on one process
 * (sums and gathers of one part are the part itself). */
static inline int one_allgather(void *a, void *b, const size_t *c,
				const size_t *d)
{
	(void)a; (void)b; (void)c; (void)d;
	return 0;
}
static inline int one_bcast(void *a, int root, void *b, size_t n)
{
	(void)a; (void)root; (void)b; (void)n;
	return 0;
}
static inline int one_sum(void *a, long *v, size_t n)
{
	(void)a; (void)v; (void)n;
	return 0;
}
static inline int one_minmax(void *a, double *mn, double *mx, size_t n)
{
	(void)a; (void)mn; (void)mx; (void)n;
	return 0;
}
static inline int one_any(void *a, int flag)
{
	(void)a;
	return flag != 0;
}
static inline int one_alltoall(void *a, const size_t *send, size_t *recv)
{
	(void)a;
	recv[0] = send[0];
	return 0;
}
static inline int one_alltoallv(void *a, const void *send, const size_t *sc,
				const size_t *sd, void *recv, const size_t *rc,
				const size_t *rd)
{
	(void)a; (void)rc;
	memcpy((char *)recv + rd[0], (const char *)send + sd[0], sc[0]);
	return 0;
}
static inline struct run_split test_split_one(void)
{
	struct run_split sp;

	memset(&sp, 0, sizeof sp);
	sp.size = 1;
	sp.allgather = one_allgather;
	sp.bcast = one_bcast;
	sp.sum_long = one_sum;
	sp.minmax = one_minmax;
	sp.any = one_any;
	sp.alltoall = one_alltoall;
	sp.alltoallv = one_alltoallv;
	return sp;
}

#define CHECK_MAIN(suite_fn)                                              \
	int main(void)                                                    \
	{                                                                 \
		SRunner *sr;                                              \
		computesim_init();                                        \
		sr = srunner_create(suite_fn());                          \
		srunner_run_all(sr, CK_NORMAL);                           \
		int nf = srunner_ntests_failed(sr);                       \
		srunner_free(sr);                                         \
		return nf == 0 ? EXIT_SUCCESS : EXIT_FAILURE;             \
	}

#endif
