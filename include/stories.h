/* stories.h — what the option is worth in each reading (docs/model.md "What a
 * run reports", "The two readings, counted"): per story its share of
 * trials, mean NPV and P(NPV > 0); the idle fleet's discounted cost and
 * the hedge ratio; with an industry section, the shares of the six
 * (industry state, story) pairs.
 *
 * Plain computation on caller-owned arrays, in trial order, so the
 * figures do not depend on how many threads ran the trials. */
#ifndef COMPUTESIM_STORIES_H
#define COMPUTESIM_STORIES_H

#include <stddef.h>

struct story_figures {
	double share[3];	/* enum story */
	double npv_mean[3];	/* NAN where no trial tells the story */
	double p_positive[3];	/* NAN where no trial tells the story */
	double npv_se[3];	/* Monte Carlo standard error of npv_mean:
				   sd / sqrt(count); NAN below 2 trials */
	double idle_pv_mean;	/* mean of sum_t DF_t * idle_cost_busd_t */
	double hedge_ratio;	/* npv_mean / idle_pv_mean; NAN when 0 */
	double hedge_se;	/* standard error of the ratio estimator:
				   sd(npv_i - h * idle_i) / (sqrt(n) *
				   idle_pv_mean); NAN when h is, or n < 2 */
	int has_industry;
	double by_industry[2][3];	/* [enum industry_state][story] */
};

/* What the trials of each story assumed about one uncertain input (its
 * trial value, docs/model.md "Sampling"): the median over all trials and over
 * the trials of each story, and the standardized gap (story median -
 * overall median) / sd, sd the input's standard deviation over all
 * trials. NAN where a story has no trials, and gaps NAN when sd is 0. */
struct story_input {
	double median, sd;
	double median_by[3];	/* enum story */
	double gap[3];
};

/* Figures of n >= 1 trials: npv[i], idle_pv[i], story[i] (enum story),
 * state[i] (enum industry_state; -1 everywhere without an industry
 * section); npv_mean is the run's mean NPV. Means are summed in tiles of
 * `tile` trials merged into blocks of `block`, as run.c sums the NPV. */
void stories_figures(struct story_figures *f, const double *npv,
		     const double *idle_pv, const int *story,
		     const signed char *state, size_t n, double npv_mean,
		     size_t tile, size_t block);

#endif
