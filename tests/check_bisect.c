/* check_bisect.c — bisect_side (stats layer): the bracket, the sides, the
 * evaluation count and order, stopping, on functions whose crossings are
 * known exactly. */
#include <math.h>

#include "bisect.h"
#include "testutil.h"

struct rec {
	double xs[64];
	int n, stop_at;
	double (*g)(double);
};

static int rec_eval(double x, void *arg, double *fx)
{
	struct rec *r = arg;

	if (r->n == r->stop_at)
		return 1;
	r->xs[r->n++] = x;
	*fx = r->g(x);
	return 0;
}

static double lin(double x)
{
	return 2 * x - 1;	/* crosses 0 at 0.5 */
}

static double step(double x)
{
	return x >= 0.3 ? 1 : 0;	/* a step at 0.3 */
}

static double flat(double x)
{
	(void)x;
	return 7;
}

/* 2x - 1 over [0, 1], target 0, tol 1/1024: the ends, then the midpoints
 * 0.5 (on the high side: f = 0 >= 0), 0.25, 0.375, ... each halving the
 * bracket: after k midpoints it is 2^-k wide, so 10 midpoints reach
 * 1/1024 and the bracket [0.5 - 2^-10, 0.5] holds the root. */
START_TEST(test_bisect_linear)
{
	struct rec r = {.n = 0, .stop_at = -1, .g = lin};
	struct bisect b;

	ck_assert_int_eq(bisect_side(0, 1, 0, 1.0 / 1024, 64, rec_eval, &r,
				     &b), 0);
	ck_assert_int_eq(b.found, 1);
	ck_assert_int_eq(b.evals, 12);
	ck_assert_int_eq(r.n, 12);
	ck_assert(r.xs[0] == 0 && r.xs[1] == 1 && r.xs[2] == 0.5 &&
		  r.xs[3] == 0.25 && r.xs[4] == 0.375);
	ck_assert(b.z == 0.5 && b.a == 0.5 - 1.0 / 1024);
	ck_assert(b.fa < 0 && b.fz >= 0);
	ck_assert_int_eq(b.iz, 2);		/* 0.5 was the 3rd run */
	ck_assert_int_eq(b.ia, 11);		/* the last */
}
END_TEST

/* A step at 0.3 over [0, 1]: the bracket closes on 0.3 from both sides;
 * max_evals stops it (2 ends + 4 midpoints: 0.5, 0.25, 0.375, 0.3125). */
START_TEST(test_bisect_step_and_max_evals)
{
	struct rec r = {.n = 0, .stop_at = -1, .g = step};
	struct bisect b;

	ck_assert_int_eq(bisect_side(0, 1, 0.5, 1e-12, 6, rec_eval, &r, &b),
			 0);
	ck_assert_int_eq(b.evals, 6);
	ck_assert(b.a == 0.25 && b.z == 0.3125);
	ck_assert(b.a < 0.3 && b.z >= 0.3);
}
END_TEST

/* Both ends on one side: no crossing, two runs, found 0. */
START_TEST(test_bisect_no_crossing)
{
	struct rec r = {.n = 0, .stop_at = -1, .g = flat};
	struct bisect b;

	ck_assert_int_eq(bisect_side(-3, 3, 1, 1e-6, 64, rec_eval, &r, &b),
			 0);
	ck_assert_int_eq(b.found, 0);
	ck_assert_int_eq(b.evals, 2);
	ck_assert(b.fa == 7 && b.fz == 7);
}
END_TEST

/* f asks to stop at its 4th call: bisect_side returns that, with the
 * bracket of the evaluations so far (ends and 0.5). */
START_TEST(test_bisect_stop)
{
	struct rec r = {.n = 0, .stop_at = 3, .g = lin};
	struct bisect b;

	ck_assert_int_eq(bisect_side(0, 1, 0, 1e-9, 64, rec_eval, &r, &b), 1);
	ck_assert_int_eq(b.evals, 3);
	ck_assert(b.a == 0 && b.z == 0.5);
}
END_TEST

/* A bracket with no double inside stops without evaluating again. */
START_TEST(test_bisect_no_double_between)
{
	struct rec r = {.n = 0, .stop_at = -1, .g = lin};
	struct bisect b;
	double lo = 0.5 - 0x1p-54, hi = 0.5;	/* neighbours: ulp 2^-54 below 0.5 */

	ck_assert_int_eq(bisect_side(lo, hi, 0, 0, 64, rec_eval, &r, &b), 0);
	ck_assert_int_eq(b.found, 1);
	ck_assert_int_eq(b.evals, 2);
}
END_TEST

static Suite *bisect_suite(void)
{
	Suite *s = suite_create("bisect");
	TCase *tc = tcase_create("core");

	tcase_add_test(tc, test_bisect_linear);
	tcase_add_test(tc, test_bisect_step_and_max_evals);
	tcase_add_test(tc, test_bisect_no_crossing);
	tcase_add_test(tc, test_bisect_stop);
	tcase_add_test(tc, test_bisect_no_double_between);
	suite_add_tcase(s, tc);
	return s;
}

CHECK_MAIN(bisect_suite)
