/* stories.h — what the option is worth in each reading (docs/model.md "What a
 * run reports", "The two readings, counted"): per story its share of
 * trials, mean NPV and P(NPV > 0); the idle fleet's discounted cost and
 * the hedge ratio; with an industry section, the shares of the six
 * (industry state, story) pairs and their mean NPV and P(NPV > 0).
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
	double unpowered_pv_mean;	/* the mean of its unpowered part
					   (trial_outcome's unpowered_pv) */
	double powered_hedge_ratio;	/* npv_mean / (idle_pv_mean -
					   unpowered_pv_mean): over the idle
					   powered fleet alone; NAN when 0 */
	double hedge_ratio;	/* npv_mean / idle_pv_mean; NAN when 0 */
	double hedge_se;	/* standard error of the ratio estimator:
				   sd(npv_i - h * idle_i) / (sqrt(n) *
				   idle_pv_mean); NAN when h is, or n < 2 */
	int has_industry;
	double by_industry[2][3];	/* [enum industry_state][story] */
	/* the trials of each (industry state, story) pair: their mean
	 * NPV, its standard error and P(NPV > 0), as npv_mean, npv_se and
	 * p_positive are of each story's (NAN likewise) */
	double pair_npv_mean[2][3], pair_npv_se[2][3], pair_p_positive[2][3];
	/* the counts behind share and by_industry, over n trials */
	size_t n, count[3], by_industry_count[2][3];
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

/* Figures of n >= 1 trials: npv[i], idle_pv[i] and its unpowered part
 * unpowered_pv[i], story[i] (enum story),
 * state[i] (enum industry_state; -1 everywhere without an industry
 * section); npv_mean is the run's mean NPV. Means are summed in tiles of
 * `tile` trials merged into blocks of `block`, as run.c sums the NPV. */
void stories_figures(struct story_figures *f, const double *npv,
		     const double *idle_pv, const double *unpowered_pv,
		     const int *story,
		     const signed char *state, size_t n, double npv_mean,
		     size_t tile, size_t block);

/* The shares as shown, in whole units of 1/scale of the trials (100:
 * whole percents; 1000: tenths of one), rounded so that they add up
 * (from the counts): shown[s] the stories', adding up to scale when
 * every trial tells one, each within one unit of its share; overbuild's,
 * P(surplus) in the last year, rounded to nearest as that is printed
 * (printf's rounding of the same double), mismatch's and shortage's by
 * largest remainder to make up the rest; with an industry section,
 * split[k][s] story s's part in industry state k, the two adding up to
 * shown[s] (largest remainder). A remainder tied with another's goes to
 * the earlier story, or to short. 0 < scale <= 1e6. */
void stories_shown(const struct story_figures *f, long scale, long shown[3],
		   long split[2][3]);

#endif
