/* bisect.c — bisection on the side of a target (bisect.h). */
#include "bisect.h"

int bisect_side(double lo, double hi, double target, double tol,
		int max_evals, bisect_fn f, void *arg, struct bisect *out)
{
	int rc;

	out->a = lo;
	out->z = hi;
	out->fa = out->fz = 0;
	out->ia = 0;
	out->iz = 1;
	out->evals = 0;
	out->found = 0;
	rc = f(lo, arg, &out->fa);
	if (rc != 0)
		return rc;
	out->evals++;
	rc = f(hi, arg, &out->fz);
	if (rc != 0)
		return rc;
	out->evals++;
	if ((out->fa >= target) == (out->fz >= target))
		return 0;
	out->found = 1;
	while (out->z - out->a > tol && out->evals < max_evals) {
		double mid = out->a + (out->z - out->a) / 2, fm = 0;

		if (!(mid > out->a && mid < out->z))
			break;	/* no double between them */
		rc = f(mid, arg, &fm);
		if (rc != 0)
			return rc;
		out->evals++;
		if ((fm >= target) == (out->fa >= target)) {
			out->a = mid;
			out->fa = fm;
			out->ia = out->evals - 1;
		} else {
			out->z = mid;
			out->fz = fm;
			out->iz = out->evals - 1;
		}
	}
	return 0;
}
