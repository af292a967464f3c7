/* check_run.c — run_trials (sim/run.c): the same bits for any number of
 * threads (also under Latin hypercube sampling and in rounds), light
 * runs, kept trials, stopping, rounds and their boundaries, what each
 * story's trials assumed. Runs the FORMAT.md example scenario
 * (tests/data/format-example.yaml, found through CS_ROOT). */
#include <math.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_sort.h>
#include <gsl/gsl_statistics_double.h>

#include "agg.h"
#include "rank.h"
#include "run.h"
#include "sample.h"
#include "stories.h"
#include "testutil.h"

static struct scenario *sc;
static struct sample_plan *plan;

/* tests/data/NAME and its sample plan. */
static void load_data(const char *name, struct scenario **s,
		      struct sample_plan **p)
{
	const char *root = getenv("CS_ROOT");
	char path[4096];
	struct diag d;

	snprintf(path, sizeof path, "%s/tests/data/%s", root ? root : ".",
		 name);
	diag_init(&d);
	ck_assert_int_eq(scenario_load(s, path, NULL, 0, sample_check, &d), 0);
	ck_assert_int_eq(sample_plan_new(p, *s, &d), 0);
	diag_free(&d);
}

static void setup(void)
{
	load_data("format-example.yaml", &sc, &plan);
}

static void teardown(void)
{
	sample_plan_free(plan);
	scenario_free(sc);
	plan = NULL;
	sc = NULL;
}

static struct run_opts opts(long trials, int threads)
{
	struct run_opts o;

	memset(&o, 0, sizeof o);
	o.trials = trials;
	o.seed = 2026;
	o.threads = threads;
	o.full = 1;
	return o;
}

static void same(const double *a, const double *b, size_t n, const char *what)
{
	ck_assert_msg(memcmp(a, b, n * sizeof *a) == 0, "%s differs", what);
}

/* 5000 trials = 5 blocks: 1, 2 and 3 threads take them differently. */
START_TEST(test_run_threads_bit_identical)
{
	struct run_result *r[3];
	size_t nmy;

	for (int t = 0; t < 3; t++) {
		struct run_opts o = opts(5000, t + 1);
		ck_assert_int_eq(run_trials(&r[t], sc, plan, &o), 0);
	}
	nmy = (size_t)r[0]->nmetrics * (size_t)r[0]->years;
	for (int t = 1; t < 3; t++) {
		same(r[0]->mean, r[t]->mean, nmy, "mean");
		same(r[0]->sd, r[t]->sd, nmy, "sd");
		same(r[0]->pct, r[t]->pct, nmy * (size_t)r[0]->npct, "pct");
		same(r[0]->median, r[t]->median, nmy, "median");
		same(r[0]->npv, r[t]->npv, 5000, "npv");
		same(r[0]->rank_corr, r[t]->rank_corr, (size_t)r[0]->nunc,
		     "rank_corr");
		same(r[0]->p_surplus, r[t]->p_surplus, (size_t)r[0]->years,
		     "p_surplus");
		same(r[0]->story, r[t]->story, 3, "story");
		ck_assert(r[0]->npv_mean == r[t]->npv_mean);
		ck_assert(r[0]->npv_sd == r[t]->npv_sd);
	}
	for (int t = 0; t < 3; t++)
		run_result_free(r[t]);
}
END_TEST

/* Model v2 (tests/data/model-v2.yaml: industry, power, capex response):
 * 3000 trials on 1, 2 and 3 threads give the same bytes, the story
 * figures included. */
START_TEST(test_run_threads_bit_identical_v2)
{
	struct scenario *s2 = NULL;
	struct sample_plan *p2 = NULL;
	struct run_result *r[3];
	size_t nmy;

	load_data("model-v2.yaml", &s2, &p2);
	for (int t = 0; t < 3; t++) {
		struct run_opts o = opts(3000, t + 1);
		ck_assert_int_eq(run_trials(&r[t], s2, p2, &o), 0);
	}
	ck_assert_int_eq(r[0]->stories.has_industry, 1);
	nmy = (size_t)r[0]->nmetrics * (size_t)r[0]->years;
	for (int t = 1; t < 3; t++) {
		same(r[0]->mean, r[t]->mean, nmy, "mean");
		same(r[0]->pct, r[t]->pct, nmy * (size_t)r[0]->npct, "pct");
		ck_assert_msg(memcmp(&r[0]->stories, &r[t]->stories,
				     sizeof r[0]->stories) == 0,
			      "story figures differ");
	}
	for (int t = 0; t < 3; t++)
		run_result_free(r[t]);
	sample_plan_free(p2);
	scenario_free(s2);
}
END_TEST

/* stories_figures on five trials worked by hand: npv 1, -2, 3, 0, 5;
 * idle PV 10, 10, 20, 0, 10; stories overbuild, overbuild, mismatch,
 * shortage, overbuild; states short, glut, glut, short, short.
 * overbuild: 3/5, mean (1 - 2 + 5)/3 = 4/3, P(>0) 2/3; mismatch: 1/5,
 * 3, 1; shortage: 1/5, 0, 0. Idle PV mean 50/5 = 10, run mean NPV 7/5,
 * hedge 0.14. Short: overbuild 2/5, shortage 1/5; glut: overbuild 1/5,
 * mismatch 1/5 (each pair's NPVs below). Without states, no industry; a story no trial tells has
 * NaN mean and P(>0); no idle cost, no hedge ratio. */
START_TEST(test_run_story_figures_by_hand)
{
	static const double npv[5] = {1, -2, 3, 0, 5};
	static const double idle[5] = {10, 10, 20, 0, 10};
	static const double unpowered[5] = {5, 0, 10, 0, 0};
	static const int story[5] = {0, 0, 1, 2, 0};
	static const signed char state[5] = {0, 1, 1, 0, 0};
	static const signed char none[5] = {-1, -1, -1, -1, -1};
	static const double zero[5] = {0, 0, 0, 0, 0};
	struct story_figures f;

	stories_figures(&f, npv, idle, unpowered, story, state, 5, 1.4, 64,
			1024);
	ck_assert_double_eq_tol(f.share[0], 0.6, 1e-15);
	ck_assert_double_eq_tol(f.share[1], 0.2, 1e-15);
	ck_assert_double_eq_tol(f.share[2], 0.2, 1e-15);
	ck_assert_double_eq_tol(f.npv_mean[0], 4.0 / 3, 1e-15);
	ck_assert_double_eq_tol(f.p_positive[0], 2.0 / 3, 1e-15);
	ck_assert_double_eq_tol(f.npv_mean[1], 3, 1e-15);
	ck_assert_double_eq_tol(f.p_positive[1], 1, 1e-15);
	ck_assert_double_eq_tol(f.npv_mean[2], 0, 1e-15);
	ck_assert_double_eq_tol(f.p_positive[2], 0, 1e-15);
	ck_assert_double_eq_tol(f.idle_pv_mean, 10, 1e-14);
	ck_assert_double_eq_tol(f.hedge_ratio, 0.14, 1e-15);
	/* unpowered 15 / 5 = 3 of the idle 10: 1.4 / 7 = 0.2 over the idle
	 * powered fleet */
	ck_assert_double_eq_tol(f.unpowered_pv_mean, 3, 1e-15);
	ck_assert_double_eq_tol(f.powered_hedge_ratio, 0.2, 1e-15);
	/* residuals npv - 0.14 idle: -0.4, -3.4, 0.2, 0, 3.6; squares sum
	 * 24.72; se = sqrt(24.72 / 4) / (sqrt(5) * 10) = sqrt(0.01236) */
	ck_assert_double_eq_tol(f.hedge_se, sqrt(0.01236), 1e-15);
	/* overbuild's NPVs 1, -2, 5: squared deviations from 4/3 sum to
	 * 222/9; se = sqrt(222/9 / 2 / 3) = sqrt(111/27) */
	ck_assert_double_eq_tol(f.npv_se[0], sqrt(111.0 / 27), 1e-14);
	ck_assert_int_eq(f.has_industry, 1);
	ck_assert_double_eq_tol(f.by_industry[0][0], 0.4, 1e-15);
	ck_assert_double_eq_tol(f.by_industry[0][1], 0, 1e-15);
	ck_assert_double_eq_tol(f.by_industry[0][2], 0.2, 1e-15);
	ck_assert_double_eq_tol(f.by_industry[1][0], 0.2, 1e-15);
	ck_assert_double_eq_tol(f.by_industry[1][1], 0.2, 1e-15);
	ck_assert_double_eq_tol(f.by_industry[1][2], 0, 1e-15);
	ck_assert(f.n == 5 && f.count[0] == 3 && f.count[1] == 1 &&
		  f.count[2] == 1);
	ck_assert(f.by_industry_count[0][0] == 2 &&
		  f.by_industry_count[1][0] == 1 &&
		  f.by_industry_count[1][1] == 1 &&
		  f.by_industry_count[0][2] == 1);
	/* by pair: (overbuild, short) NPVs 1 and 5: mean 3, both > 0, sd
	 * sqrt(8), se sqrt(8) / sqrt(2) = 2; (overbuild, glut) -2 alone and
	 * (mismatch, glut) 3 alone: their values, no se; (shortage, short)
	 * 0: mean 0, P(>0) 0; (mismatch, short) and (shortage, glut): no
	 * trials, NaN */
	ck_assert_double_eq_tol(f.pair_npv_mean[0][0], 3, 1e-15);
	ck_assert_double_eq_tol(f.pair_p_positive[0][0], 1, 1e-15);
	ck_assert_double_eq_tol(f.pair_npv_se[0][0], 2, 1e-15);
	ck_assert_double_eq_tol(f.pair_npv_mean[1][0], -2, 1e-15);
	ck_assert_double_eq_tol(f.pair_p_positive[1][0], 0, 1e-15);
	ck_assert(isnan(f.pair_npv_se[1][0]));
	ck_assert_double_eq_tol(f.pair_npv_mean[1][1], 3, 1e-15);
	ck_assert_double_eq_tol(f.pair_p_positive[1][1], 1, 1e-15);
	ck_assert_double_eq_tol(f.pair_npv_mean[0][2], 0, 1e-15);
	ck_assert_double_eq_tol(f.pair_p_positive[0][2], 0, 1e-15);
	ck_assert(isnan(f.pair_npv_mean[0][1]) &&
		  isnan(f.pair_p_positive[0][1]) && isnan(f.pair_npv_se[0][1]));
	ck_assert(isnan(f.pair_npv_mean[1][2]) &&
		  isnan(f.pair_p_positive[1][2]));

	/* every trial overbuild: mismatch and shortage are told by none */
	stories_figures(&f, npv, zero, zero, (const int[5]){0, 0, 0, 0, 0},
			none, 5, 1.4, 64, 1024);
	ck_assert_int_eq(f.has_industry, 0);
	ck_assert(isnan(f.npv_mean[1]) && isnan(f.p_positive[1]));
	ck_assert(isnan(f.npv_mean[2]) && isnan(f.p_positive[2]));
	ck_assert(isnan(f.hedge_ratio) && isnan(f.powered_hedge_ratio));
	ck_assert_double_eq_tol(f.npv_mean[0], 7.0 / 5, 1e-15);
	/* every idle H100e unpowered: no powered ratio */
	stories_figures(&f, npv, idle, idle, story, state, 5, 1.4, 64, 1024);
	ck_assert_double_eq_tol(f.hedge_ratio, 0.14, 1e-15);
	ck_assert(isnan(f.powered_hedge_ratio));
}
END_TEST

/* stories_shown worked by hand: 1000 trials, overbuild 224 (short 167,
 * glut 57), mismatch 727 (610, 117), shortage 49 (42, 7). Whole
 * percents: overbuild 22.4 rounds to 22; 72.7 + 4.9 floor to 76 of the
 * remaining 78, and both remainders (.9, .7) get one more: 73, 5. Overbuild's 16.7 + 5.7
 * floor to 21 of its 22, a tie of .7 goes to short: 17 + 5 (each
 * rounded alone, 17 + 6 = 23); mismatch 61.0 + 11.7: 61 + 12; shortage
 * 4.2 + 0.7: 4 + 1. In tenths every count is whole: as they are. 996,
 * 3, 1 of 1000: 99.6 + 0.3 + 0.1 -> 100, 0, 0 (a count of 0 never gets
 * one). Without an industry section the split is 0. */
START_TEST(test_run_stories_shown_by_hand)
{
	struct story_figures f;
	long sh[3], sp[2][3];

	memset(&f, 0, sizeof f);
	f.n = 1000;
	f.has_industry = 1;
	f.count[0] = 224, f.count[1] = 727, f.count[2] = 49;
	f.by_industry_count[0][0] = 167, f.by_industry_count[1][0] = 57;
	f.by_industry_count[0][1] = 610, f.by_industry_count[1][1] = 117;
	f.by_industry_count[0][2] = 42, f.by_industry_count[1][2] = 7;
	stories_shown(&f, 100, sh, sp);
	ck_assert(sh[0] == 22 && sh[1] == 73 && sh[2] == 5);
	ck_assert(sp[0][0] == 17 && sp[1][0] == 5);
	ck_assert(sp[0][1] == 61 && sp[1][1] == 12);
	ck_assert(sp[0][2] == 4 && sp[1][2] == 1);
	stories_shown(&f, 1000, sh, sp);
	ck_assert(sh[0] == 224 && sh[1] == 727 && sh[2] == 49);
	ck_assert(sp[0][0] == 167 && sp[1][0] == 57);
	ck_assert(sp[0][1] == 610 && sp[1][1] == 117);
	ck_assert(sp[0][2] == 42 && sp[1][2] == 7);

	memset(&f, 0, sizeof f);
	f.n = 1000;
	f.count[0] = 996, f.count[1] = 3, f.count[2] = 1;
	stories_shown(&f, 100, sh, sp);
	ck_assert(sh[0] == 100 && sh[1] == 0 && sh[2] == 0);
	for (int k = 0; k < 2; k++)
		for (int s = 0; s < 3; s++)
			ck_assert(sp[k][s] == 0);
	f.count[0] = 1000, f.count[1] = 0, f.count[2] = 0;
	stories_shown(&f, 100, sh, sp);
	ck_assert(sh[0] == 100 && sh[1] == 0 && sh[2] == 0);

	/* overbuild is P(surplus) in the last year, rounded as that is
	 * printed: 449 of 2000 = 22.45% shows 22% (largest remainder over
	 * all three would give it the unit: 22.45 + 70.3 + 7.25 floor to
	 * 99, and .45 is the largest); mismatch and shortage make up 78:
	 * 70.3 + 7.25 floor to 77, .3 > .25: 71 + 7 */
	f.n = 2000;
	f.count[0] = 449, f.count[1] = 1406, f.count[2] = 145;
	stories_shown(&f, 100, sh, sp);
	ck_assert(sh[0] == 22 && sh[1] == 71 && sh[2] == 7);
}
END_TEST

/* What a run reports, checked against its own parts: npv sorted, its
 * moments equal to the last year's cloud_npv_busd, shares that add up. */
START_TEST(test_run_result_consistent)
{
	struct run_opts o = opts(3000, 2);
	struct run_result *r;
	int k = model_metric_index(sc, M_CLOUD_NPV), y;
	size_t c;
	double sum;

	ck_assert_int_eq(run_trials(&r, sc, plan, &o), 0);
	y = r->years;
	c = (size_t)k * (size_t)y + (size_t)(y - 1);
	ck_assert_int_eq(r->n, 3000);
	ck_assert_int_eq(r->nmetrics, model_nmetrics(sc));
	ck_assert_int_eq(r->pct_float, 0);
	for (long i = 1; i < r->n; i++)
		ck_assert(r->npv[i - 1] <= r->npv[i]);
	ck_assert(r->npv_mean == r->mean[c]);	/* summed the same way */
	ck_assert(r->npv_sd == r->sd[c]);
	ck_assert_double_eq_tol(r->npv_se, r->npv_sd / sqrt(3000.0), 1e-15);
	for (int j = 0; j < r->npct; j++)
		ck_assert(r->npv_pct[j] == agg_quantile_sorted(
					  r->npv, 3000, r->pct_levels[j]));
	sum = r->payback_never + r->payback_not_launched;
	for (int t = 0; t < y; t++)
		sum += r->payback[t];
	ck_assert_double_eq_tol(sum, 1, 1e-12);
	sum = r->first_surplus_none;
	for (int t = 0; t < y; t++)
		sum += r->first_surplus[t];
	ck_assert_double_eq_tol(sum, 1, 1e-12);
	ck_assert_double_eq_tol(r->story[0] + r->story[1] + r->story[2], 1,
				1e-12);
	for (int t = 1; t < y; t++) {	/* cumulative */
		ck_assert(r->p_launched[t] >= r->p_launched[t - 1]);
		ck_assert(r->p_paid_back[t] >= r->p_paid_back[t - 1]);
	}
	if (r->median_payback_t >= 0) {
		ck_assert(r->p_paid_back[r->median_payback_t] >= 0.5);
		if (r->median_payback_t > 0)
			ck_assert(r->p_paid_back[r->median_payback_t - 1] < 0.5);
	}
	for (size_t m = 0; m < (size_t)r->nmetrics * (size_t)y; m++) {
		ck_assert(r->min[m] <= r->max[m]);
		for (int j = 0; j < r->npct; j++) {
			double p = r->pct[m * (size_t)r->npct + (size_t)j];
			ck_assert(p >= r->min[m] && p <= r->max[m]);
		}
	}
	run_result_free(r);
}
END_TEST

/* A light run (for analyses) keeps no percentiles but reports the same
 * means, probabilities and run-level figures. */
START_TEST(test_run_light_same_figures)
{
	struct run_opts o = opts(2500, 2), ol = o;
	struct run_result *r, *l;
	size_t nmy;

	ol.full = 0;
	ck_assert_int_eq(run_trials(&r, sc, plan, &o), 0);
	ck_assert_int_eq(run_trials(&l, sc, plan, &ol), 0);
	ck_assert_ptr_null(l->pct);
	ck_assert_ptr_null(l->median);
	nmy = (size_t)r->nmetrics * (size_t)r->years;
	same(r->mean, l->mean, nmy, "mean");
	same(r->sd, l->sd, nmy, "sd");
	same(r->npv_pct, l->npv_pct, (size_t)r->npct, "npv_pct");
	ck_assert(r->p_npv_positive == l->p_npv_positive);
	/* the light run keeps no trial values: no rank correlations or
	 * story inputs (NaN), where the full run has them */
	for (int k = 0; k < l->nunc; k++) {
		ck_assert(isnan(l->rank_corr[k]) && isnan(l->story_inputs[k].sd));
		ck_assert(!isnan(r->rank_corr[k]) || !isnan(r->story_inputs[k].sd));
	}
	run_result_free(r);
	run_result_free(l);
}
END_TEST

/* --sensitivity's held runs in one pass (run_held_all) give the bits of
 * a light run_trials with the one override each, for every uncertain
 * input of tests/data/model-v2.yaml held at its P10 and P90 (value
 * inputs by value, series by quantile: year series with a then_growth,
 * per-year and ar1 inputs, a PERT), under plain Monte Carlo and Latin
 * hypercube sampling: the mean NPV, P(surplus) in year 3 and every
 * trial's NPV and surplus flag. 1,100 trials: two blocks, on 2 threads
 * against 1. */
START_TEST(test_run_held_all_same_bits)
{
	struct scenario *s2;
	struct sample_plan *p2;
	int nu, ts = 3;

	load_data("model-v2.yaml", &s2, &p2);
	nu = sample_n_uncertain(p2);
	ck_assert_int_ge(nu, 40);
	for (int lhs = 0; lhs < 2; lhs++) {
		struct run_opts o = opts(1100, 2);
		struct run_held *h = calloc(2 * (size_t)nu, sizeof *h);

		o.full = 0;
		o.sampling = lhs ? SAMPLING_LHS : SAMPLING_MC;
		for (int k = 0; k < 2 * nu; k++) {
			int in = sample_uncertain_input(p2, k / 2);
			const struct input *ip = &s2->inputs[in];
			double u = k % 2 ? 0.9 : 0.1;

			h[k].ov.input = in;
			h[k].ov.u = u;
			h[k].ov.use_value = ip->form == INPUT_VALUE;
			h[k].ov.value = h[k].ov.use_value ?
					dist_quantile(&ip->d, u) : 0;
		}
		ck_assert_int_eq(run_held_all(s2, p2, &o, ts, h, 2 * nu), 0);
		for (int k = 0; k < 2 * nu; k++) {
			struct run_opts ol = opts(1100, 1);
			struct run_result *r;

			ol.full = 0;
			ol.sampling = o.sampling;
			ol.keep_npv = 1;
			ol.keep_surplus_t1 = ts + 1;
			ol.ovs = &h[k].ov;
			ol.novs = 1;
			ck_assert_int_eq(run_trials(&r, s2, p2, &ol), 0);
			ck_assert_int_eq(h[k].suspect, 0);
			ck_assert_msg(memcmp(&r->npv_mean, &h[k].npv_mean,
					     sizeof r->npv_mean) == 0,
				      "held run %d: npv_mean %.17g, %.17g", k,
				      r->npv_mean, h[k].npv_mean);
			ck_assert(r->p_surplus[ts] == h[k].p_surplus);
			same(r->trial_npv, h[k].npv, 1100, "trial NPVs");
			ck_assert(memcmp(r->trial_surplus, h[k].sur, 1100) == 0);
			run_result_free(r);
			free(h[k].npv);
			free(h[k].sur);
		}
		free(h);
	}
	sample_plan_free(p2);
	scenario_free(s2);
}
END_TEST

/* A held run whose figures pass 1e140 in some trial (an installed base
 * of 1e145 H100e: capacity and surplus past it) is marked suspect, for
 * --sensitivity to rerun it as a light run of its own, whose checks
 * then speak (here none: the squares of 1e145 still fit a double); one
 * whose figures stay below is not. */
START_TEST(test_run_held_all_suspect)
{
	struct scenario *s2;
	struct sample_plan *p2;
	const char *root = getenv("CS_ROOT");
	char path[4096];
	struct diag d;
	struct scenario_set set = {"--set", "supply.installed_base_h100e",
				   "\"1e145 to 2e145\""};
	struct run_opts o = opts(1100, 2);
	struct run_held h[2];

	snprintf(path, sizeof path, "%s/tests/data/format-example.yaml",
		 root ? root : ".");
	diag_init(&d);
	ck_assert_int_eq(scenario_load(&s2, path, &set, 1, sample_check, &d), 0);
	ck_assert_int_eq(sample_plan_new(&p2, s2, &d), 0);
	diag_free(&d);
	o.full = 0;
	memset(h, 0, sizeof h);
	h[0].ov.input = h[1].ov.input = scenario_find_input(s2, "supply.availability");
	ck_assert_int_ge(h[0].ov.input, 0);
	h[0].ov.use_value = h[1].ov.use_value = 1;
	h[0].ov.value = 0.9;
	h[1].ov.value = 0.95;
	ck_assert_int_eq(run_held_all(s2, p2, &o, 3, h, 2), 0);
	ck_assert_int_eq(h[0].suspect, 1);
	ck_assert_int_eq(h[1].suspect, 1);
	free(h[0].npv);
	free(h[0].sur);
	free(h[1].npv);
	free(h[1].sur);
	sample_plan_free(p2);
	scenario_free(s2);
	/* the base scenario's figures stay far below */
	memset(h, 0, sizeof h);
	h[0].ov.input = scenario_find_input(sc, "supply.availability");
	h[0].ov.use_value = 1;
	h[0].ov.value = 0.9;
	ck_assert_int_eq(run_held_all(sc, plan, &o, 3, h, 1), 0);
	ck_assert_int_eq(h[0].suspect, 0);
	free(h[0].npv);
	free(h[0].sur);
}
END_TEST

/* Kept trials, in trial order, agree with the run-level figures. */
START_TEST(test_run_keep_trials)
{
	struct run_opts o = opts(1500, 3);
	struct run_result *r;
	double *s;
	long never = 0;

	o.keep_trials = 1;
	ck_assert_int_eq(run_trials(&r, sc, plan, &o), 0);
	ck_assert_ptr_nonnull(r->trial_values);
	ck_assert_int_gt(r->nunc, 20);
	s = malloc(1500 * sizeof *s);
	memcpy(s, r->trial_npv, 1500 * sizeof *s);
	ck_assert_int_eq(rank_sort(s, 1500), 0);
	same(s, r->npv, 1500, "sorted trial_npv");
	for (long i = 0; i < 1500; i++)
		never += r->trial_launch_t[i] >= 0 && r->trial_payback_t[i] < 0;
	ck_assert(never / 1500.0 == r->payback_never);
	/* Spearman of input 0 from the kept values = the run's figure */
	for (long i = 0; i < 1500; i++)
		s[i] = r->trial_values[i * r->nunc];
	double rho;
	ck_assert_int_eq(rank_spearman(&rho, s, r->trial_npv, 1500), 0);
	ck_assert_double_eq_tol(rho, r->rank_corr[0], 1e-12);
	free(s);
	run_result_free(r);
}
END_TEST

/* Float columns (what runs too big for double use): means and sds are
 * the same bits, percentiles within float's precision, exact where a
 * column is constant or at its ends. */
START_TEST(test_run_float_columns)
{
	struct run_opts o = opts(4000, 2), of = o;
	struct run_result *r, *f;
	size_t nmy;
	int exact = 0;

	of.float_columns = 1;
	ck_assert_int_eq(run_trials(&r, sc, plan, &o), 0);
	ck_assert_int_eq(run_trials(&f, sc, plan, &of), 0);
	ck_assert_int_eq(f->pct_float, 1);
	nmy = (size_t)r->nmetrics * (size_t)r->years;
	same(r->mean, f->mean, nmy, "mean");
	same(r->sd, f->sd, nmy, "sd");
	same(r->npv_pct, f->npv_pct, (size_t)r->npct, "npv_pct");
	for (size_t m = 0; m < nmy; m++)
		for (int j = 0; j < r->npct; j++) {
			double a = r->pct[m * (size_t)r->npct + (size_t)j];
			double b = f->pct[m * (size_t)r->npct + (size_t)j];
			ck_assert_msg(fabs(a - b) <= 1.2e-7 * fabs(a),
				      "metric-year %zu p%g: %.17g vs %.17g", m,
				      r->pct_levels[j], a, b);
			if (a == r->min[m] || a == r->max[m]) {
				ck_assert(a == b);
				exact++;
			}
		}
	ck_assert_int_gt(exact, 100);	/* constant columns, point masses */
	run_result_free(r);
	run_result_free(f);
}
END_TEST

/* A stop request ends the run with 1 and no result. */
START_TEST(test_run_stop_returns_1)
{
	volatile sig_atomic_t stop = 1;
	struct run_opts o = opts(100000, 2);
	struct run_result *r = (struct run_result *)&o;	/* not NULL */

	o.stop = &stop;
	ck_assert_int_eq(run_trials(&r, sc, plan, &o), 1);
	ck_assert_ptr_null(r);
}
END_TEST

/* One trial: sd 0, every percentile the trial's value, no correlation. */
START_TEST(test_run_one_trial)
{
	struct run_opts o = opts(1, 4);
	struct run_result *r;

	ck_assert_int_eq(run_trials(&r, sc, plan, &o), 0);
	for (size_t m = 0; m < (size_t)r->nmetrics * (size_t)r->years; m++) {
		ck_assert(r->sd[m] == 0);
		for (int j = 0; j < r->npct; j++)
			ck_assert(r->pct[m * (size_t)r->npct + (size_t)j] ==
				  r->mean[m]);
	}
	for (int k = 0; k < r->nunc; k++)
		ck_assert(isnan(r->rank_corr[k]));
	ck_assert(isnan(r->npv_se));	/* unknown from one trial */
	run_result_free(r);
}
END_TEST

/* Under LHS too: 5000 trials = 5 blocks, 1, 2 and 3 threads, the same
 * bits; and not the plain MC figures. */
START_TEST(test_run_lhs_threads_bit_identical)
{
	struct run_result *r[3], *mc;
	struct run_opts om = opts(5000, 2);
	size_t nmy;

	for (int t = 0; t < 3; t++) {
		struct run_opts o = opts(5000, t + 1);
		o.sampling = SAMPLING_LHS;
		ck_assert_int_eq(run_trials(&r[t], sc, plan, &o), 0);
		ck_assert_int_eq(r[t]->sampling, SAMPLING_LHS);
	}
	nmy = (size_t)r[0]->nmetrics * (size_t)r[0]->years;
	for (int t = 1; t < 3; t++) {
		same(r[0]->mean, r[t]->mean, nmy, "mean");
		same(r[0]->sd, r[t]->sd, nmy, "sd");
		same(r[0]->pct, r[t]->pct, nmy * (size_t)r[0]->npct, "pct");
		same(r[0]->npv, r[t]->npv, 5000, "npv");
		same(r[0]->rank_corr, r[t]->rank_corr, (size_t)r[0]->nunc,
		     "rank_corr");
		same(r[0]->story, r[t]->story, 3, "story");
	}
	ck_assert_int_eq(run_trials(&mc, sc, plan, &om), 0);
	ck_assert(mc->npv_mean != r[0]->npv_mean);
	run_result_free(mc);
	for (int t = 0; t < 3; t++)
		run_result_free(r[t]);
}
END_TEST

/* Round boundaries, from their definition (run.h): 4096 trials, then
 * 25% more (whole blocks of 1024, at least 4096), never past the cap. */
START_TEST(test_run_round_end)
{
	ck_assert_int_eq(run_round_end(0, 1000000), 4096);
	ck_assert_int_eq(run_round_end(4096, 1000000), 8192);
	ck_assert_int_eq(run_round_end(16384, 1000000), 20480);
	/* 20480 / 4 = 5120 = 5 blocks */
	ck_assert_int_eq(run_round_end(20480, 1000000), 25600);
	/* 25600 / 4 = 6400: 7 blocks = 7168 */
	ck_assert_int_eq(run_round_end(25600, 1000000), 32768);
	ck_assert_int_eq(run_round_end(0, 3000), 3000);
	ck_assert_int_eq(run_round_end(8192, 10000), 10000);
	ck_assert_int_eq(run_round_end(10000, 10000), 10000);
}
END_TEST

/* A round_check that stops once npv_se <= *target, and records every
 * round's n and the npv_se it saw. */
struct rounds_seen {
	double target;
	int n;
	long at[64];
	double se[64];
};

static int stop_at_se(void *arg, const struct run_result *r)
{
	struct rounds_seen *s = arg;

	ck_assert_int_lt(s->n, 64);
	s->at[s->n] = r->n;
	s->se[s->n++] = r->npv_se;
	return r->npv_se <= s->target;
}

/* Rounds: the run stops at the first boundary where the check says so,
 * at the same trial for 1, 2 and 3 threads and under LHS; the figures
 * the check saw are those of a plain run of that many trials (plain MC:
 * trial i is the same whatever the trials, so a run stopped at n is the
 * run of n trials, bit for bit). The target is set between the
 * standard errors of two boundaries, taken from plain runs. */
START_TEST(test_run_rounds_stop)
{
	struct run_opts o4 = opts(4096, 2), o8 = opts(8192, 2);
	struct run_result *r4, *r8, *r[3], *plain;
	size_t nmy;

	ck_assert_int_eq(run_trials(&r4, sc, plan, &o4), 0);
	ck_assert_int_eq(run_trials(&r8, sc, plan, &o8), 0);
	ck_assert(r8->npv_se < r4->npv_se);
	for (int t = 0; t < 3; t++) {
		struct run_opts o = opts(50000, t + 1);
		struct rounds_seen seen = {0};

		seen.target = (r4->npv_se + r8->npv_se) / 2;
		o.round_check = stop_at_se;
		o.round_arg = &seen;
		ck_assert_int_eq(run_trials(&r[t], sc, plan, &o), 0);
		ck_assert_int_eq(r[t]->n, 8192);
		ck_assert_int_eq(r[t]->cap, 50000);
		ck_assert_int_eq(r[t]->rounds, 2);
		ck_assert_int_eq(seen.n, 2);
		ck_assert_int_eq(seen.at[0], 4096);
		ck_assert_int_eq(seen.at[1], 8192);
		ck_assert(seen.se[0] == r4->npv_se);
		ck_assert(seen.se[1] == r8->npv_se);
		ck_assert(r[t]->npv_se <= seen.target);
	}
	nmy = (size_t)r8->nmetrics * (size_t)r8->years;
	for (int t = 0; t < 3; t++) {
		same(r8->mean, r[t]->mean, nmy, "mean");
		same(r8->sd, r[t]->sd, nmy, "sd");
		same(r8->pct, r[t]->pct, nmy * (size_t)r8->npct, "pct");
		same(r8->npv, r[t]->npv, 8192, "npv");
		same(r8->rank_corr, r[t]->rank_corr, (size_t)r8->nunc,
		     "rank_corr");
	}
	for (int t = 0; t < 3; t++)
		run_result_free(r[t]);
	/* under LHS: the same stop for 1 and 2 threads, other figures */
	for (int t = 0; t < 2; t++) {
		struct run_opts o = opts(50000, t + 1);
		struct rounds_seen seen = {0};

		seen.target = (r4->npv_se + r8->npv_se) / 2;
		o.sampling = SAMPLING_LHS;
		o.round_check = stop_at_se;
		o.round_arg = &seen;
		ck_assert_int_eq(run_trials(&r[t], sc, plan, &o), 0);
		ck_assert(r[t]->npv_se <= seen.target);
		ck_assert_int_eq(r[t]->n, seen.at[seen.n - 1]);
	}
	ck_assert_int_eq(r[0]->n, r[1]->n);
	same(r[0]->mean, r[1]->mean, nmy, "lhs mean");
	same(r[0]->pct, r[1]->pct, nmy * (size_t)r8->npct, "lhs pct");
	/* a round of its own: not the design of a plain LHS run */
	{
		struct run_opts o = opts(r[0]->n, 2);
		o.sampling = SAMPLING_LHS;
		ck_assert_int_eq(run_trials(&plain, sc, plan, &o), 0);
		ck_assert(plain->npv_mean != r[0]->npv_mean ||
			  r[0]->rounds == 1);
		run_result_free(plain);
	}
	for (int t = 0; t < 2; t++)
		run_result_free(r[t]);
	run_result_free(r4);
	run_result_free(r8);
}
END_TEST

static int never_stop(void *arg, const struct run_result *r)
{
	(void)r;
	++*(int *)arg;
	return 0;
}

/* A check that is never satisfied: the run goes to the cap (10000:
 * boundaries 4096 and 8192 checked, then the cap, which is not), and
 * the result is the plain run of 10000 trials. */
START_TEST(test_run_rounds_cap)
{
	struct run_opts o = opts(10000, 2), op = o;
	struct run_result *r, *p;
	int calls = 0;

	o.round_check = never_stop;
	o.round_arg = &calls;
	ck_assert_int_eq(run_trials(&r, sc, plan, &o), 0);
	ck_assert_int_eq(r->n, 10000);
	ck_assert_int_eq(r->rounds, 3);
	ck_assert_int_eq(calls, 2);
	ck_assert_int_eq(run_trials(&p, sc, plan, &op), 0);
	ck_assert_int_eq(p->rounds, 1);
	same(p->mean, r->mean, (size_t)p->nmetrics * (size_t)p->years, "mean");
	same(p->npv, r->npv, 10000, "npv");
	run_result_free(r);
	run_result_free(p);
}
END_TEST

/* story_inputs against the kept trials: each input's median over all
 * trials and over each story's trials (GSL's median of the sorted
 * values), its sd (GSL), and gap = (story median - median) / sd. */
START_TEST(test_run_story_inputs)
{
	enum { N = 3000 };
	struct run_opts o = opts(N, 2);
	struct run_result *r;
	double *x = malloc(N * sizeof *x), *xs = malloc(N * sizeof *xs);

	o.keep_trials = 1;
	ck_assert_int_eq(run_trials(&r, sc, plan, &o), 0);
	ck_assert_ptr_nonnull(r->story_inputs);
	for (int k = 0; k < r->nunc; k++) {
		const struct story_input *si = &r->story_inputs[k];
		double med, sd;

		for (long i = 0; i < N; i++)
			x[i] = r->trial_values[i * r->nunc + k];
		memcpy(xs, x, N * sizeof *x);
		gsl_sort(xs, 1, N);
		med = gsl_stats_median_from_sorted_data(xs, 1, N);
		sd = gsl_stats_sd(x, 1, N);
		ck_assert_double_eq_tol(si->median, med, 1e-12 * fabs(med));
		ck_assert_double_eq_tol(si->sd, sd, 1e-9 * sd);
		for (int s = 0; s < 3; s++) {
			size_t m = 0;

			for (long i = 0; i < N; i++)
				if (r->trial_story[i] == s)
					xs[m++] = x[i];
			if (m == 0) {
				ck_assert(isnan(si->median_by[s]));
				continue;
			}
			gsl_sort(xs, 1, m);
			double ms = gsl_stats_median_from_sorted_data(xs, 1, m);
			ck_assert_double_eq_tol(si->median_by[s], ms,
						1e-12 * fabs(ms));
			ck_assert_double_eq_tol(si->gap[s], (ms - med) / sd,
						1e-9);
		}
	}
	free(x);
	free(xs);
	run_result_free(r);
}
END_TEST

static Suite *run_suite(void)
{
	Suite *s = suite_create("run");
	TCase *tc = tcase_create("core");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_set_timeout(tc, 300);
	tcase_add_test(tc, test_run_threads_bit_identical);
	tcase_add_test(tc, test_run_threads_bit_identical_v2);
	tcase_add_test(tc, test_run_story_figures_by_hand);
	tcase_add_test(tc, test_run_stories_shown_by_hand);
	tcase_add_test(tc, test_run_result_consistent);
	tcase_add_test(tc, test_run_light_same_figures);
	tcase_add_test(tc, test_run_keep_trials);
	tcase_add_test(tc, test_run_float_columns);
	tcase_add_test(tc, test_run_stop_returns_1);
	tcase_add_test(tc, test_run_one_trial);
	tcase_add_test(tc, test_run_lhs_threads_bit_identical);
	tcase_add_test(tc, test_run_round_end);
	tcase_add_test(tc, test_run_rounds_stop);
	tcase_add_test(tc, test_run_rounds_cap);
	tcase_add_test(tc, test_run_story_inputs);
	tcase_add_test(tc, test_run_held_all_same_bits);
	tcase_add_test(tc, test_run_held_all_suspect);
	suite_add_tcase(s, tc);
	return s;
}

CHECK_MAIN(run_suite)
