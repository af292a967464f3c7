/* check_diag.c — collected diagnostics (sim/diag.c): what is kept, what
 * is only counted, and how they print. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "diag.h"
#include "testutil.h"

/* diag: a second error at the place of a cause is counted, not kept;
 * errors at one place without a cause are all kept; past 100 the rest
 * are counted and one last line gives the first of them by position. */
START_TEST(test_diag_causes_and_cap)
{
	struct diag d;
	char *buf;

	diag_init(&d);
	diag_error(&d, "a.yaml", 3, 1, "missing `x`");
	diag_error(&d, "a.yaml", 3, 1, "missing `y`");
	diag_error(&d, "a.yaml", 5, 7, "text too long");
	diag_mark_cause(&d);
	diag_error(&d, "a.yaml", 5, 7, "not a number");
	diag_error(&d, "b.yaml", 5, 7, "elsewhere");
	ck_assert_int_eq(d.nerr, 5);
	ck_assert_uint_eq(d.n, 4);
	ck_assert_str_eq(d.v[1].msg, "missing `y`");
	ck_assert_str_eq(d.v[3].msg, "elsewhere");
	diag_free(&d);

	diag_init(&d);
	for (int i = 0; i < 130; i++)
		diag_error(&d, "c.yaml", 200 - i, 2, "e%d", i);
	ck_assert_int_eq(d.nerr, 130);
	ck_assert_uint_eq(d.n, DIAG_MAX_KEPT);
	ck_assert_int_eq(d.dropped[0], 30);
	ck_assert_int_eq(d.dropped_line[0], 71);	/* 200 - 129 */
	buf = diag_text(&d);
	ck_assert_ptr_nonnull(strstr(buf, "c.yaml:200:2: error: e0\n"
				     "c.yaml:71:2: error: too many errors; 30 "
				     "more not shown, the first of them "
				     "here\n"));
	ck_assert_ptr_null(strstr(buf, "e100"));
	free(buf);
	diag_free(&d);
}
END_TEST

/* Errors and warnings past the cap are counted apart, each with its own
 * first position; a line without position prints first, so it is the
 * first not shown; a stopped read says the count is not complete. */
START_TEST(test_diag_cap_per_level)
{
	struct diag d;
	char *buf;

	diag_init(&d);
	for (int i = 0; i < 102; i++)
		diag_warning(&d, "m.yaml", 10 + i, 3, "w%d", i);
	for (int i = 0; i < 103; i++)
		diag_error(&d, "m.yaml", 300 + i, 5, "e%d", i);
	diag_error(&d, "m.yaml", 0, 7, "--set 7");
	ck_assert_int_eq(d.dropped[0], 4);
	ck_assert_int_eq(d.dropped[1], 2);
	ck_assert_int_eq(d.dropped_line[0], 0);
	ck_assert_int_eq(d.dropped_line[1], 110);
	diag_stopped(&d);
	buf = diag_text(&d);
	ck_assert_ptr_nonnull(strstr(buf, "m.yaml:399:5: error: e99\n"
		"m.yaml: error: too many errors; reading stopped at the first "
		"not shown\n"
		"m.yaml:110:3: warning: too many warnings; 2 more not shown, "
		"the first of them here\n"));
	free(buf);
	diag_free(&d);
}
END_TEST

/* Sorted by file, line, column; entries without a line keep the order in
 * which they came (their column, when given, orders them: --set errors
 * carry their argument's number there); warnings and errors print with
 * their level. */
START_TEST(test_diag_print_order)
{
	struct diag d;
	char *buf;

	diag_init(&d);
	diag_error(&d, "b.yaml", 2, 1, "b2");
	diag_warning(&d, "a.yaml", 9, 4, "a9");
	diag_error(&d, "a.yaml", 0, 2, "set 2");
	diag_error(&d, "a.yaml", 0, 1, "set 1");
	diag_error(&d, NULL, 0, 0, "no file");
	diag_error(&d, "a.yaml", 3, 5, "a3");
	buf = diag_text(&d);
	ck_assert_str_eq(buf,
			 "error: no file\n"
			 "a.yaml: error: set 1\n"
			 "a.yaml: error: set 2\n"
			 "a.yaml:3:5: error: a3\n"
			 "a.yaml:9:4: warning: a9\n"
			 "b.yaml:2:1: error: b2\n");
	ck_assert_int_eq(d.nerr, 5);
	ck_assert_int_eq(d.nwarn, 1);
	free(buf);
	diag_free(&d);
}
END_TEST

static Suite *diag_suite(void)
{
	Suite *s = suite_create("diag");
	TCase *tc = tcase_create("core");

	tcase_add_test(tc, test_diag_causes_and_cap);
	tcase_add_test(tc, test_diag_print_order);
	tcase_add_test(tc, test_diag_cap_per_level);
	suite_add_tcase(s, tc);
	return s;
}

CHECK_MAIN(diag_suite)
