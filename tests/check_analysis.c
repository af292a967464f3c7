/* check_analysis.c — the analysis helpers and analysis_sensitivity on the
 * scenarios of tests/analysis/ (fixed2.yaml: every input fixed, worked out
 * by hand in its comments: npv(P, o) = (83.22 (P - o) - 43) / 11;
 * one_input.yaml: the same with the price and kw_per_h100e_base
 * uncertain). The commands themselves are tested by tests/cli_analysis.sh.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "analysis.h"
#include "model.h"
#include "output.h"
#include "run.h"
#include "sample.h"
#include "scenario.h"
#include "testutil.h"

#define TOL 1e-9

static double npv_fixed2(double p, double o)
{
	return (83.22 * (p - o) - 43) / 11;
}

static struct scenario *load(const char *name)
{
	const char *r = getenv("CS_ROOT");
	char path[1024];
	struct scenario *sc = NULL;
	struct diag d;

	diag_init(&d);
	snprintf(path, sizeof path, "%s/tests/analysis/%s",
		 r && *r ? r : ".", name);
	if (scenario_load(&sc, path, NULL, 0, sample_check, &d) < 0)
		diag_print(&d, stderr);
	diag_free(&d);
	ck_assert_ptr_nonnull(sc);
	return sc;
}

/* 1 when some error in d contains text. */
static int has_error(const struct diag *d, const char *text)
{
	for (size_t i = 0; i < d->n; i++)
		if (d->v[i].level == DIAG_ERROR && strstr(d->v[i].msg, text))
			return 1;
	return 0;
}

static struct run_result *run(const struct scenario *sc,
			      const struct sample_plan *p, long trials,
			      const struct sample_override *ovs, int novs)
{
	struct run_opts o = {.trials = trials, .seed = 7, .threads = 2,
			     .full = 0, .ovs = ovs, .novs = novs};
	struct run_result *r = NULL;

	ck_assert_int_eq(run_trials(&r, sc, p, &o), 0);
	ck_assert_ptr_nonnull(r);
	return r;
}

START_TEST(test_analysis_metric_parse)
{
	struct scenario *sc = load("fixed2.yaml");
	struct analysis_metric m;
	struct diag d;

	diag_init(&d);
	ck_assert_int_eq(analysis_metric_parse(&m, sc, "npv_mean", "--target",
					       "npv_mean=0", &d), 0);
	ck_assert_int_eq(m.kind, AM_NPV_MEAN);
	ck_assert_int_eq(m.is_prob, 0);
	ck_assert_int_eq(analysis_metric_parse(&m, sc, "p_surplus@2031",
					       "--target", "x", &d), 0);
	ck_assert_int_eq(m.kind, AM_P_SURPLUS);
	ck_assert_int_eq(m.t, 1);
	ck_assert_int_eq(m.is_prob, 1);
	ck_assert_int_eq(analysis_metric_parse(&m, sc, "utilization@2030",
					       "--target", "x", &d), 0);
	ck_assert_int_eq(m.kind, AM_YEARLY_MEAN);
	ck_assert_int_eq(m.k, model_metric_index(sc, M_UTILIZATION));
	ck_assert_int_eq(m.t, 0);
	ck_assert_int_eq(analysis_metric_parse(&m, sc, "demand_chat_h100e@2031",
					       "--target", "x", &d), 0);
	ck_assert_int_eq(m.k, model_workload_metric(sc, 0));
	ck_assert_int_eq(analysis_metric_parse(&m, sc, "mismatch", "--target",
					       "x", &d), 0);
	ck_assert_int_eq(m.kind, AM_STORY);
	ck_assert_int_eq(m.k, STORY_MISMATCH);
	ck_assert_int_eq(m.is_prob, 1);
	ck_assert_int_eq(d.nerr, 0);
	diag_free(&d);
	scenario_free(sc);
}
END_TEST

START_TEST(test_analysis_metric_errors)
{
	struct scenario *sc = load("fixed2.yaml");
	struct analysis_metric m;
	struct diag d;

	diag_init(&d);
	ck_assert_int_eq(analysis_metric_parse(&m, sc, "npv_maen", "--target",
					       "npv_maen=0", &d), -1);
	ck_assert(has_error(&d, "--target 'npv_maen=0': unknown metric "
			    "'npv_maen'; did you mean 'npv_mean'?"));
	ck_assert_int_eq(analysis_metric_parse(&m, sc, "utilisation@2030",
					       "--target", "a", &d), -1);
	ck_assert(has_error(&d, "did you mean 'utilization'?"));
	ck_assert_int_eq(analysis_metric_parse(&m, sc, "p_surplus@2032",
					       "--target", "b", &d), -1);
	ck_assert(has_error(&d, "--target 'b': year 2032 is outside the "
			    "horizon 2030-2031"));
	ck_assert_int_eq(analysis_metric_parse(&m, sc, "p_surplus@20x",
					       "--target", "c", &d), -1);
	ck_assert(has_error(&d, "'20x' is not a year"));
	ck_assert_int_eq(analysis_metric_parse(&m, sc, "surplus_h100e",
					       "--target", "e", &d), -1);
	ck_assert(has_error(&d, "is a yearly metric: name the year, e.g. "
			    "surplus_h100e@2031"));
	ck_assert_int_eq(analysis_metric_parse(&m, sc, "shortage@2030",
					       "--target", "f", &d), -1);
	ck_assert(has_error(&d, "'shortage' is a run-level metric"));
	ck_assert_int_eq(d.nerr, 6);
	diag_free(&d);
	scenario_free(sc);
}
END_TEST

START_TEST(test_analysis_resolve_input)
{
	struct scenario *sc = load("fixed2.yaml");
	struct diag d;
	int i;

	diag_init(&d);
	i = analysis_resolve_input(sc, "market.price_per_h100e_hour_usd",
				   "--vary", "a", &d);
	ck_assert_int_eq(i, scenario_find_input(sc, "market.price_per_h100e_"
						"hour_usd"));
	ck_assert_int_ge(i, 0);
	i = analysis_resolve_input(sc, "supply.procurement.gpu.cost_per_h100e_usd",
				   "--vary", "a", &d);
	ck_assert_int_ge(i, 0);
	ck_assert_int_eq(d.nerr, 0);
	ck_assert_int_eq(analysis_resolve_input(sc, "cloud.opex_per_h100_hour_usd",
						"--grid", "g", &d), -1);
	ck_assert(has_error(&d, "--grid 'g': no input 'cloud.opex_per_h100_"
			    "hour_usd' in "));
	ck_assert(has_error(&d, "did you mean 'cloud.opex_per_h100e_hour_usd'?"));
	ck_assert_int_eq(analysis_resolve_input(sc, "cloud.launch", "--grid",
						"h", &d), -1);
	ck_assert(has_error(&d, "--grid 'h': 'cloud.launch' is not a numeric "
			    "input"));
	ck_assert_int_eq(analysis_resolve_input(sc, "cloud.term_years",
						"--vary", "k", &d), -1);
	ck_assert(has_error(&d, "term_years is a fixed whole number"));
	ck_assert_int_eq(analysis_resolve_input(sc, "zzzz", "--vary", "z", &d),
			 -1);
	ck_assert(has_error(&d, "no input 'zzzz'"));
	diag_free(&d);
	scenario_free(sc);
}
END_TEST

START_TEST(test_analysis_check_value)
{
	struct scenario *sc = load("fixed2.yaml");
	int life = scenario_find_input(sc, "supply.useful_life_years");
	int sell = scenario_find_input(sc, "cloud.sellable_share");
	int gpu = scenario_find_input(sc, "supply.procurement.gpu.share");
	struct diag d;

	diag_init(&d);
	ck_assert_int_ge(life, 0);
	ck_assert_int_ge(sell, 0);
	ck_assert_int_ge(gpu, 0);
	ck_assert_int_eq(analysis_check_value(sc, life, 0.5, "FROM", "--grid",
					      "a", &d), 0);
	ck_assert_int_eq(analysis_check_value(sc, sell, 1, "TO", "--grid", "a",
					      &d), 0);
	ck_assert_int_eq(analysis_check_value(sc, gpu, 5, "TO", "--grid", "a",
					      &d), 0);
	ck_assert_int_eq(d.nerr, 0);
	ck_assert_int_eq(analysis_check_value(sc, life, 0, "FROM", "--grid",
					      "b", &d), -1);
	ck_assert(has_error(&d, "--grid 'b': FROM = 0 is outside the range of "
			    "supply.useful_life_years (> 0)"));
	ck_assert_int_eq(analysis_check_value(sc, sell, 1.01, "TO", "--grid",
					      "c", &d), -1);
	ck_assert_int_eq(analysis_check_value(sc, sell, NAN, "TO", "--grid",
					      "c", &d), -1);
	diag_free(&d);
	scenario_free(sc);
}
END_TEST

/* Metrics read off a light run of the fixed scenario (3 identical
 * trials): fixed2.yaml's comments give every number. */
START_TEST(test_analysis_metric_value)
{
	struct scenario *sc = load("fixed2.yaml");
	struct sample_plan *p = NULL;
	struct analysis_metric m;
	struct run_result *r;
	struct diag d;

	diag_init(&d);
	ck_assert_int_eq(sample_plan_new(&p, sc, &d), 0);
	r = run(sc, p, 3, NULL, 0);
	ck_assert_int_eq(analysis_metric_parse(&m, sc, "npv_mean", "-", "-",
					       &d), 0);
	ck_assert_double_eq_tol(analysis_metric_value(&m, r), npv_fixed2(2, 0.5),
				TOL * 8);
	ck_assert_int_eq(analysis_metric_parse(&m, sc, "npv_p50", "-", "-",
					       &d), 0);
	ck_assert_double_eq_tol(analysis_metric_value(&m, r), npv_fixed2(2, 0.5),
				TOL * 8);
	ck_assert_double_eq_tol(analysis_npv_quantile(r, 0.05),
				npv_fixed2(2, 0.5), TOL * 8);
	ck_assert_int_eq(analysis_metric_parse(&m, sc, "p_npv_positive", "-",
					       "-", &d), 0);
	ck_assert_double_eq(analysis_metric_value(&m, r), 1);
	ck_assert_int_eq(analysis_metric_parse(&m, sc, "overbuild", "-", "-",
					       &d), 0);
	ck_assert_double_eq(analysis_metric_value(&m, r), 1);
	ck_assert_int_eq(analysis_metric_parse(&m, sc, "utilization@2031", "-",
					       "-", &d), 0);
	ck_assert_double_eq_tol(analysis_metric_value(&m, r), 5.0 / 9.0, TOL);
	ck_assert_int_eq(analysis_metric_parse(&m, sc, "p_paid_back@2030", "-",
					       "-", &d), 0);
	ck_assert_double_eq(analysis_metric_value(&m, r), 1);
	ck_assert_int_eq(analysis_metric_parse(&m, sc, "cloud_npv_busd@2030",
					       "-", "-", &d), 0);
	/* cash_0 = 4.38 * 1.5 - 3 */
	ck_assert_double_eq_tol(analysis_metric_value(&m, r), 3.57, TOL * 4);
	ck_assert_int_eq(d.nerr, 0);
	run_result_free(r);
	sample_plan_free(p);
	diag_free(&d);
	scenario_free(sc);
}
END_TEST

/* Common random numbers: holding an input that NPV does not read leaves
 * every figure bit-identical; holding the price at a value gives the hand
 * value in every trial. */
START_TEST(test_analysis_override_crn)
{
	struct scenario *sc = load("one_input.yaml");
	struct sample_plan *p = NULL;
	struct sample_override ov;
	struct run_result *base, *r;
	struct diag d;

	diag_init(&d);
	ck_assert_int_eq(sample_plan_new(&p, sc, &d), 0);
	ck_assert_int_eq(sample_n_uncertain(p), 2);
	base = run(sc, p, 500, NULL, 0);
	ck_assert(base->npv_sd > 0);

	ov.input = scenario_find_input(sc, "supply.kw_per_h100e_base");
	ov.use_value = 0;
	ov.u = 0.9;
	ov.value = 0;
	r = run(sc, p, 500, &ov, 1);
	ck_assert(r->npv_mean == base->npv_mean);
	ck_assert(r->npv_sd == base->npv_sd);
	ck_assert(r->p_npv_positive == base->p_npv_positive);
	run_result_free(r);

	ov.input = scenario_find_input(sc, "market.price_per_h100e_hour_usd");
	ov.use_value = 1;
	ov.value = 1.2;
	r = run(sc, p, 500, &ov, 1);
	ck_assert_double_eq_tol(r->npv_mean, npv_fixed2(1.2, 0.5), TOL * 4);
	ck_assert_double_eq_tol(r->npv_sd, 0, 1e-12);
	run_result_free(r);
	run_result_free(base);
	sample_plan_free(p);
	diag_free(&d);
	scenario_free(sc);
}
END_TEST

/* analysis_sensitivity called as cmd_run calls it: the price tops the
 * table, the power per H100e swings exactly 0, both charts' data are
 * written. */
START_TEST(test_analysis_sensitivity_direct)
{
	struct scenario *sc = load("one_input.yaml");
	struct sample_plan *p = NULL;
	struct run_result *base;
	struct run_opts o = {.trials = 300, .seed = 3, .threads = 2,
			     .full = 1};
	char dir[] = "/tmp/check_analysis.XXXXXX";
	char path[256], line[512];
	struct diag d;
	FILE *f;
	int n = 0;

	diag_init(&d);
	ck_assert_ptr_nonnull(mkdtemp(dir));
	ck_assert_int_eq(sample_plan_new(&p, sc, &d), 0);
	ck_assert_int_eq(run_trials(&base, sc, p, &o), 0);
	ck_assert_int_eq(analysis_sensitivity(dir, sc, p, &o, base, &d), 0);
	snprintf(path, sizeof path, "%s/sensitivity.csv", dir);
	f = fopen(path, "r");
	ck_assert_ptr_nonnull(f);
	while (fgets(line, sizeof line, f)) {
		if (n == 1)
			ck_assert(strncmp(line, "market.price_per_h100e_hour_usd,",
					  32) == 0);
		if (n == 2) {
			ck_assert(strncmp(line, "supply.kw_per_h100e_base,",
					  25) == 0);
			/* input,value_low,value_high,npv_low,npv_high,swing */
			char *c = line;
			for (int k = 0; k < 5; k++)
				c = strchr(c, ',') + 1;
			ck_assert(strncmp(c, "0,", 2) == 0);
		}
		n++;
	}
	fclose(f);
	ck_assert_int_eq(n, 3);
	unlink(path);
	snprintf(path, sizeof path, "%s/chart_tornado.csv", dir);
	ck_assert_int_eq(access(path, R_OK), 0);
	unlink(path);
	snprintf(path, sizeof path, "%s/chart_tornado_surplus.csv", dir);
	ck_assert_int_eq(access(path, R_OK), 0);
	unlink(path);
	ck_assert_int_eq(rmdir(dir), 0);
	run_result_free(base);
	sample_plan_free(p);
	diag_free(&d);
	scenario_free(sc);
}
END_TEST

START_TEST(test_analysis_csv_cells)
{
	char *buf = NULL;
	size_t n = 0;
	FILE *f = open_memstream(&buf, &n);

	output_csv_num(f, 0.1 + 0.2);
	fputc('|', f);
	output_csv_num(f, NAN);
	fputc('|', f);
	output_csv_text(f, "plain");
	fputc('|', f);
	output_csv_text(f, "a, \"b\"");
	fclose(f);
	ck_assert_str_eq(buf, "0.3||plain|\"a, \"\"b\"\"\"");
	free(buf);
}
END_TEST

/* One path through analysis_chart_path, as the chart cell it writes. */
static char *chart_path(const char *path, size_t max)
{
	char *buf = NULL;
	size_t n = 0;
	FILE *f = open_memstream(&buf, &n);

	analysis_chart_path(f, path, max);
	fclose(f);
	return buf;
}

/* Row labels of the tornado and drivers charts, counted by hand in
 * characters (the ellipsis is one). */
START_TEST(test_analysis_chart_path)
{
	static const struct {
		const char *path;
		size_t max;
		const char *want;
	} c[] = {
		/* fits (24 characters): whole */
		{"market.price_change", 24, "market.price_change"},
		/* 56 characters into 30: "price_per_h100e_hour_usd" (24)
		 * is more than half of 30, so the first 14, …, the last 15 */
		{"supply.contracts.coreweave-2025.price_per_h100e_hour_usd", 30,
		 "supply.contrac…_h100e_hour_usd"},
		/* 56 into 50: without "supply." it is 49 characters, so
		 * …, then the rest whole (the contract's name kept) */
		{"supply.contracts.coreweave-2025.price_per_h100e_hour_usd", 50,
		 "…contracts.coreweave-2025.price_per_h100e_hour_usd"},
		/* characters, not bytes: the five ä are two bytes each, so
		 * "demand.workloads.ääääägenai.growth" is 34 characters; into
		 * 30: without "demand." 27, so …, the rest whole */
		{"demand.workloads.\xc3\xa4\xc3\xa4\xc3\xa4\xc3\xa4\xc3\xa4genai.growth",
		 30, "…workloads.\xc3\xa4\xc3\xa4\xc3\xa4\xc3\xa4\xc3\xa4genai."
		     "growth"},
		/* 58 into 40, commas in a name becoming ';' as in every
		 * chart cell: the first 40 - 1 - 15 = 24, …,
		 * "efficiency_gain" */
		{"demand.workloads.a,b,c,d,e,f,g,h,i,j,k,l,m.efficiency_gain", 40,
		 "demand.workloads.a;b;c;d…efficiency_gain"},
	};

	for (size_t i = 0; i < sizeof c / sizeof c[0]; i++) {
		char *got = chart_path(c[i].path, c[i].max);
		ck_assert_msg(strcmp(got, c[i].want) == 0, "%s: got '%s'",
			      c[i].path, got);
		free(got);
	}
}
END_TEST

/* The Monte Carlo standard errors breakeven prints (docs/notes-analysis.md
 * "Monte Carlo error"), on a run result made up by hand. */
/* The plus-four standard error of x trials of n, written out. */
static double plus4(double x, double n)
{
	double q = (x + 2) / (n + 4);

	return sqrt(q * (1 - q) / (n + 4));
}

START_TEST(test_analysis_metric_se)
{
	enum { N = 400 };
	double npv[N], sd[2 * 3], psur[3];
	struct run_result r;
	struct analysis_metric m;

	/* a uniform sample on [0, 1]: density 1, so the median's standard
	 * error is sqrt(0.25 / n) exactly */
	for (int i = 0; i < N; i++)
		npv[i] = (i + 0.5) / N;
	ck_assert_double_eq_tol(analysis_median_se(npv, N), 0.5 / sqrt(N),
				1e-12);
	/* uniform on [0, 4]: density 1/4, standard error 4 times larger */
	for (int i = 0; i < N; i++)
		npv[i] = 4 * (i + 0.5) / N;
	ck_assert_double_eq_tol(analysis_median_se(npv, N), 2.0 / sqrt(N),
				1e-12);
	/* a point mass: the median does not move */
	for (int i = 0; i < N; i++)
		npv[i] = 3;
	ck_assert_double_eq(analysis_median_se(npv, N), 0);
	ck_assert(isnan(analysis_median_se(npv, 1)));

	memset(&r, 0, sizeof r);
	for (int i = 0; i < N; i++)
		npv[i] = (i + 0.5) / N;
	for (int k = 0; k < 6; k++)
		sd[k] = k + 1.0;
	psur[0] = 0.1;
	psur[1] = 0.5;
	psur[2] = 1;
	r.n = N;
	r.years = 3;
	r.nmetrics = 2;
	r.sd = sd;
	r.npv = npv;
	r.npv_se = 0.125;
	r.p_npv_positive = 0.2;
	r.story[1] = 0.3;
	r.p_surplus = psur;
	memset(&m, 0, sizeof m);
	m.kind = AM_NPV_MEAN;
	ck_assert_double_eq(analysis_metric_se(&m, &r), 0.125);
	m.kind = AM_NPV_P50;
	ck_assert_double_eq_tol(analysis_metric_se(&m, &r), 0.5 / sqrt(N),
				1e-12);
	m.kind = AM_P_NPV_POSITIVE;
	m.is_prob = 1;
	/* a share: the plus-four error, q = (x + 2) / (N + 4) for x of N
	 * trials, sqrt(q (1 - q) / (N + 4)) */
	ck_assert_double_eq_tol(analysis_metric_se(&m, &r),
				plus4(0.2 * N, N), 1e-15);
	m.kind = AM_STORY;
	m.k = 1;
	ck_assert_double_eq_tol(analysis_metric_se(&m, &r),
				plus4(0.3 * N, N), 1e-15);
	m.kind = AM_P_SURPLUS;
	m.t = 1;	/* x = N / 2: q = 1/2 */
	ck_assert_double_eq_tol(analysis_metric_se(&m, &r),
				0.5 / sqrt(N + 4.0), 1e-15);
	m.t = 2;	/* every trial: not 0, sqrt(2 (N + 2)) / (N + 4)^1.5 */
	ck_assert_double_eq_tol(analysis_metric_se(&m, &r),
				sqrt(2 * (N + 2.0)) / pow(N + 4.0, 1.5), 1e-15);
	ck_assert(analysis_metric_se(&m, &r) > 0);
	m.kind = AM_YEARLY_MEAN;	/* metric 1, year 2: sd[1 * 3 + 2] */
	m.is_prob = 0;
	m.k = 1;
	m.t = 2;
	ck_assert_double_eq_tol(analysis_metric_se(&m, &r), 6 / sqrt(N),
				1e-15);
}
END_TEST

static Suite *analysis_suite(void)
{
	Suite *s = suite_create("analysis");
	TCase *tc = tcase_create("analysis");

	tcase_set_timeout(tc, 300);
	tcase_add_test(tc, test_analysis_metric_parse);
	tcase_add_test(tc, test_analysis_metric_errors);
	tcase_add_test(tc, test_analysis_resolve_input);
	tcase_add_test(tc, test_analysis_check_value);
	tcase_add_test(tc, test_analysis_metric_value);
	tcase_add_test(tc, test_analysis_override_crn);
	tcase_add_test(tc, test_analysis_sensitivity_direct);
	tcase_add_test(tc, test_analysis_csv_cells);
	tcase_add_test(tc, test_analysis_chart_path);
	tcase_add_test(tc, test_analysis_metric_se);
	suite_add_tcase(s, tc);
	return s;
}

CHECK_MAIN(analysis_suite)
