/* bisect.h — bisection on the side of a target: find where a function
 * that is evaluated at a cost (a whole Monte Carlo run, for breakeven)
 * crosses a value. What is bisected is the side, "f(x) >= target" or
 * not, so a noisy or step-shaped f is handled (the bracket then holds a
 * crossing of the side, not a root). Plain computation; no state. */
#ifndef COMPUTESIM_BISECT_H
#define COMPUTESIM_BISECT_H

/* f(x, arg, &fx): evaluate; 0, or anything else to stop (returned). */
typedef int (*bisect_fn)(double x, void *arg, double *fx);

struct bisect {
	double a, z;		/* the last bracket, a on lo's side */
	double fa, fz;		/* f there */
	int ia, iz;		/* which evaluation (0-based) gave a and z */
	int evals;		/* evaluations made, the two ends included */
	int found;		/* 1: f(lo) and f(hi) lie on different sides */
};

/* Evaluate f at lo, then hi; when they lie on different sides of target,
 * halve [a, z] (mid = a + (z - a) / 2) keeping the sides apart until
 * z - a <= tol, max_evals evaluations were made, or no double lies
 * strictly between a and z. Fills *out; returns 0, or f's non-zero
 * return (the bracket so far is in *out). */
int bisect_side(double lo, double hi, double target, double tol,
		int max_evals, bisect_fn f, void *arg, struct bisect *out);

#endif
