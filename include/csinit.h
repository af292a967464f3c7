/* csinit.h — what every program built from these sources does first:
 * main(), every test suite (testutil.h's CHECK_MAIN) and the fuzz
 * harness call computesim_init() once, before anything else. */
#ifndef COMPUTESIM_CSINIT_H
#define COMPUTESIM_CSINIT_H

/* GSL's error handler off: the code checks the status of every GSL call
 * that returns one (GSL's default handler aborts the process, e.g. when
 * gsl_cdf_beta_Pinv does not converge; dist.c then falls back). Safe to
 * call twice. */
void computesim_init(void);

#endif
