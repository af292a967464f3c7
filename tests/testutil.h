/* testutil.h — shared helpers for the Check suites. Each tests/check_*.c
 * defines its suite and ends with CHECK_MAIN(its_suite). */
#ifndef COMPUTESIM_TESTUTIL_H
#define COMPUTESIM_TESTUTIL_H

#include <check.h>
#include <stdlib.h>

#define CHECK_MAIN(suite_fn)                                              \
	int main(void)                                                    \
	{                                                                 \
		SRunner *sr = srunner_create(suite_fn());                 \
		srunner_run_all(sr, CK_NORMAL);                           \
		int nf = srunner_ntests_failed(sr);                       \
		srunner_free(sr);                                         \
		return nf == 0 ? EXIT_SUCCESS : EXIT_FAILURE;             \
	}

#endif
