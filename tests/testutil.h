/* testutil.h — shared helpers for the Check suites. Each tests/check_*.c
 * defines its suite and ends with CHECK_MAIN(its_suite). */
#ifndef COMPUTESIM_TESTUTIL_H
#define COMPUTESIM_TESTUTIL_H

#include <check.h>
#include <stdio.h>
#include <stdlib.h>

#include "csinit.h"
#include "diag.h"

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
