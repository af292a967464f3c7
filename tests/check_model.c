/* check_model.c — the model against hand-worked numbers (MODEL.md).
 *
 * Two layers:
 *  - tests/fixed/NAME.yaml (every input fixed) loaded with scenario_load,
 *    drawn with sample_trial and run with model_run_trial, compared year
 *    by year and metric by metric with tests/fixed/NAME.expected (worked
 *    out by hand in the comments of NAME.yaml) to 1e-9 relative (1e-9
 *    absolute where the expected value is 0);
 *  - the same scenarios built by hand in C (struct scenario and the x
 *    array), so the model is checked without the loader and sampler, plus
 *    edge cases that the format cannot express with fixed values. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_rng.h>

#include "model.h"
#include "rng.h"
#include "sample.h"
#include "scenario.h"
#include "testutil.h"

#define TOL 1e-9
#define MAXY 8
#define MAXIN 128

static const char *root(void)
{
	const char *r = getenv("CS_ROOT");
	return r && *r ? r : ".";
}

/* ---------------------------------------------------------------- */
/* Comparing one trial with a .expected file                         */

static const char *const prob_names[4] = {
	"p_surplus", "p_shortfall", "p_launched", "p_paid_back"
};

/* The value of metric `name` in year t of a trial (metrics m, outcome o);
 * returns 0 and *v, or -1 when no metric has that name. */
static int trial_value(const struct scenario *sc, const double *m,
		       const struct trial_outcome *o, const char *name,
		       int t, double *v)
{
	char buf[256];
	int Y = sc->years, k;

	for (k = 0; k < model_nmetrics(sc); k++)
		if (!strcmp(model_metric_name(sc, k, buf, sizeof buf), name)) {
			*v = m[(size_t)k * Y + t];
			return 0;
		}
	if (!strcmp(name, "p_surplus"))
		*v = m[(size_t)model_metric_index(sc, M_SURPLUS) * Y + t] > 0;
	else if (!strcmp(name, "p_shortfall"))
		*v = m[(size_t)model_metric_index(sc, M_SHORTFALL) * Y + t] > 0;
	else if (!strcmp(name, "p_launched"))
		*v = o->launch_t >= 0 && t >= o->launch_t;
	else if (!strcmp(name, "p_paid_back"))
		*v = o->payback_t >= 0 && t >= o->payback_t;
	else
		return -1;
	return 0;
}

static int close_enough(double got, double want)
{
	if (want == 0)
		return fabs(got) <= TOL;
	return fabs(got - want) <= TOL * fabs(want);
}

/* Compare a trial with the .expected file at path: every line
 * "YEAR METRIC VALUE" must match, and every metric and probability of
 * every year must be listed exactly once. Prints each mismatch; returns
 * the number of problems. */
static int compare_expected(const struct scenario *sc, const double *m,
			    const struct trial_outcome *o, const char *path)
{
	char line[512], name[256], buf[256];
	int nm = model_nmetrics(sc), Y = sc->years, bad = 0, lineno = 0;
	int *seen = calloc((size_t)(nm + 4) * Y, sizeof *seen);
	FILE *f = fopen(path, "r");

	ck_assert_msg(f != NULL, "cannot open %s", path);
	ck_assert(seen != NULL);
	while (fgets(line, sizeof line, f)) {
		int year, t, k;
		double want, got;
		lineno++;
		if (line[0] == '#' || line[0] == '\n')
			continue;
		if (sscanf(line, "%d %255s %lf", &year, name, &want) != 3) {
			fprintf(stderr, "%s:%d: unreadable line\n", path, lineno);
			bad++;
			continue;
		}
		t = year - sc->start_year;
		if (t < 0 || t >= Y || trial_value(sc, m, o, name, t, &got)) {
			fprintf(stderr, "%s:%d: no such year/metric: %d %s\n",
				path, lineno, year, name);
			bad++;
			continue;
		}
		for (k = 0; k < nm; k++)
			if (!strcmp(model_metric_name(sc, k, buf, sizeof buf),
				    name))
				break;
		if (k == nm)
			for (int p = 0; p < 4; p++)
				if (!strcmp(prob_names[p], name))
					k = nm + p;
		seen[(size_t)k * Y + t]++;
		if (!close_enough(got, want)) {
			fprintf(stderr, "%s:%d: %d %s: got %.17g, expected "
				"%.17g\n", path, lineno, year, name, got, want);
			bad++;
		}
	}
	fclose(f);
	for (int k = 0; k < nm + 4; k++)
		for (int t = 0; t < Y; t++)
			if (seen[(size_t)k * Y + t] != 1) {
				fprintf(stderr, "%s: %d %s listed %d times\n",
					path, sc->start_year + t,
					k < nm ? model_metric_name(sc, k, buf,
								   sizeof buf)
					       : prob_names[k - nm],
					seen[(size_t)k * Y + t]);
				bad++;
			}
	free(seen);
	return bad;
}

/* Run one trial of sc on x and compare with tests/fixed/<name>.expected;
 * also checks that the model writes nothing past its workspace. */
static int run_and_compare(const struct scenario *sc, const double *x,
			   const char *name, struct trial_outcome *o)
{
	size_t nws = model_ws_size(sc);
	size_t nmy = (size_t)model_nmetrics(sc) * sc->years;
	double *ws = malloc((nws + 16) * sizeof *ws);
	double *m = malloc(nmy * sizeof *m);
	char path[1024];
	int bad;

	ck_assert(ws && m);
	for (size_t i = 0; i < nws + 16; i++)
		ws[i] = -12345.0;
	for (size_t i = 0; i < nmy; i++)
		m[i] = NAN;
	model_run_trial(sc, x, m, o, ws);
	for (size_t i = nws; i < nws + 16; i++)
		ck_assert_double_eq(ws[i], -12345.0);
	for (size_t i = 0; i < nmy; i++)
		ck_assert_msg(isfinite(m[i]), "metric cell %zu not written",
			      i);
	snprintf(path, sizeof path, "%s/tests/fixed/%s.expected", root(),
		 name);
	bad = compare_expected(sc, m, o, path);
	free(ws);
	free(m);
	return bad;
}

/* ---------------------------------------------------------------- */
/* Layer 1: through the loader and the sampler                       */

/* Load tests/fixed/<name>.yaml, draw trial 0, run and compare. Returns
 * the number of metric-years that differ (0: all agree). */
static int fixed_via_loader(const char *name, struct trial_outcome *o)
{
	char path[1024];
	struct scenario *sc = NULL;
	struct sample_plan *p = NULL;
	struct diag d;
	gsl_rng *r;
	double *x, *scratch;
	int bad;

	snprintf(path, sizeof path, "%s/tests/fixed/%s.yaml", root(), name);
	diag_init(&d);
	if (scenario_load(&sc, path, NULL, 0, sample_check, &d) != 0 ||
	    sample_plan_new(&p, sc, &d) != 0) {
		diag_print(&d, stderr);
		ck_abort_msg("%s does not load", path);
	}
	ck_assert_msg(d.nerr == 0 && d.nwarn == 0, "%s: diagnostics", path);
	diag_free(&d);
	r = gsl_rng_alloc(computesim_rng_type);
	ck_assert(r != NULL);
	rng_stream(r, sc->seed, 0);
	x = malloc((size_t)sc->ninputs * sc->years * sizeof *x);
	scratch = malloc((sample_scratch_size(p) + 1) * sizeof *scratch);
	ck_assert(x && scratch);
	sample_trial(p, r, x, scratch, NULL, 0);
	bad = run_and_compare(sc, x, name, o);
	free(x);
	free(scratch);
	gsl_rng_free(r);
	sample_plan_free(p);
	scenario_free(sc);
	ck_assert_msg(bad == 0, "%s: %d mismatches (see stderr)", name, bad);
	return 0;
}

/* The model v2 scenarios of tests/fixed (worked by hand in their
 * comments): each trial's outcome, with its idle PV and industry state. */
START_TEST(test_model_fixed_v2_outcomes)
{
	struct trial_outcome o;

	fixed_via_loader("capex_shutdown", &o);
	ck_assert_int_eq(o.launch_t, 2);
	ck_assert_int_eq(o.payback_t, 3);		/* 2063 */
	ck_assert_int_eq(o.story, STORY_OVERBUILD);
	ck_assert_int_eq(o.industry, INDUSTRY_NONE);
	ck_assert_double_eq_tol(o.npv, 1.65134774947, 1e-9);
	ck_assert_double_eq_tol(o.idle_pv, 45.6854040025, 1e-9 * 45.7);
	ck_assert_double_eq(o.unpowered_pv, 0);	/* no power limit */

	fixed_via_loader("power_stranded", &o);
	ck_assert_int_eq(o.launch_t, -1);
	ck_assert_int_eq(o.payback_t, -1);
	ck_assert_int_eq(o.story, STORY_MISMATCH);
	ck_assert_double_eq(o.npv, 0);
	ck_assert_double_eq_tol(o.idle_pv, 62.1743989033, 1e-9 * 62.2);
	ck_assert_double_eq_tol(o.unpowered_pv, 23.1755409118, 1e-9 * 23.2);

	fixed_via_loader("industry_glut", &o);
	ck_assert_int_eq(o.payback_t, 2);		/* 2082 */
	ck_assert_int_eq(o.story, STORY_MISMATCH);
	ck_assert_int_eq(o.industry, INDUSTRY_GLUT);
	ck_assert_double_eq_tol(o.npv, 0.832029230730, 1e-9);
	ck_assert_double_eq_tol(o.idle_pv, 27.1034250005, 1e-9 * 27.2);
	ck_assert_double_eq(o.unpowered_pv, 0);
}
END_TEST

START_TEST(test_model_fixed_supply_mix)
{
	struct trial_outcome o;
	if (fixed_via_loader("supply_mix", &o))
		return;
	ck_assert_int_eq(o.launch_t, -1);
	ck_assert_int_eq(o.payback_t, -1);
	ck_assert_int_eq(o.first_surplus_t, 1);
	ck_assert_int_eq(o.story, STORY_OVERBUILD);
	ck_assert_double_eq(o.npv, 0);
}
END_TEST

START_TEST(test_model_fixed_trigger_payback)
{
	struct trial_outcome o;
	if (fixed_via_loader("trigger_payback", &o))
		return;
	ck_assert_int_eq(o.launch_t, 2);
	ck_assert_int_eq(o.payback_t, 3);
	ck_assert_int_eq(o.first_surplus_t, 0);
	ck_assert_int_eq(o.story, STORY_OVERBUILD);
	ck_assert_double_eq_tol(o.npv, 4.36045233758, 1e-9);
}
END_TEST

START_TEST(test_model_fixed_term_displacement)
{
	struct trial_outcome o;
	if (fixed_via_loader("term_displacement", &o))
		return;
	ck_assert_int_eq(o.launch_t, 1);
	ck_assert_int_eq(o.payback_t, -1);
	ck_assert_int_eq(o.first_surplus_t, 0);
	ck_assert_int_eq(o.story, STORY_MISMATCH);
	ck_assert_double_eq_tol(o.npv, -5.96309092387, 1e-9);
}
END_TEST

/* ---------------------------------------------------------------- */
/* Layer 2: scenarios built by hand                                   */

/* A scenario and its x array, built in C. Every input holds one value
 * per year (per-trial inputs: the same in every year). */
struct hb {
	struct scenario sc;
	struct proc_line proc[4];
	struct contract con[4];
	struct workload work[4];
	double x[MAXIN * MAXY];
};

static int hb_in(struct hb *h, double v)
{
	int i = h->sc.ninputs++;
	ck_assert(i < MAXIN);
	for (int t = 0; t < h->sc.years; t++)
		h->x[i * h->sc.years + t] = v;
	return i;
}

/* A per-year input: v[t] for t < years. */
static int hb_yr(struct hb *h, const double *v)
{
	int i = hb_in(h, 0);
	for (int t = 0; t < h->sc.years; t++)
		h->x[i * h->sc.years + t] = v[t];
	return i;
}

/* Defaults of FORMAT.md's key table; the caller then sets what differs
 * through h->x[i * years] (per trial) or hb_set_yr. */
static void hb_init(struct hb *h, int start_year, int years)
{
	struct scenario *sc = &h->sc;

	memset(h, 0, sizeof *h);
	ck_assert(years <= MAXY);
	sc->start_year = start_year;
	sc->years = years;
	sc->proc = h->proc;
	sc->contracts = h->con;
	sc->work = h->work;
	sc->i_base = hb_in(h, 0);
	sc->i_base_life = hb_in(h, 1);
	sc->i_base_book = hb_in(h, 0);
	sc->i_capex = hb_in(h, 0);
	sc->i_compute_share = hb_in(h, 1);
	sc->i_lag = hb_in(h, 0);
	sc->i_life = hb_in(h, 1);
	sc->i_availability = hb_in(h, 1);
	sc->i_pue = hb_in(h, 1);
	sc->i_kw_base = hb_in(h, 0);
	sc->i_start_ratio = hb_in(h, 1);
	sc->i_reserve = hb_in(h, 0);
	sc->i_price = hb_in(h, 1);
	sc->i_price_change = hb_in(h, 0);
	sc->i_market = hb_in(h, 1);
	sc->i_market_growth = hb_in(h, 0);
	sc->launch = LAUNCH_NEVER;
	sc->launch_t = -1;
	sc->term_years = 1;
	sc->i_launch_cost = hb_in(h, 0);
	sc->i_fixed_cost = hb_in(h, 0);
	sc->i_ramp = hb_in(h, 1);
	sc->i_sellable = hb_in(h, 1);
	sc->i_max_share = hb_in(h, 1);
	sc->i_price_impact = hb_in(h, 0);
	sc->i_billed = hb_in(h, 1);
	sc->i_opex = hb_in(h, 0);
	sc->i_discount = hb_in(h, 0);
	/* model v2: no power limit, capex as planned, no industry */
	sc->i_power = -1;
	sc->i_cr_beta = sc->i_cr_floor = sc->i_cr_cap = -1;
	sc->has_industry = 0;
	sc->i_icr_beta = sc->i_icr_floor = sc->i_icr_cap = -1;
}

static void hb_set(struct hb *h, int i, double v)
{
	for (int t = 0; t < h->sc.years; t++)
		h->x[i * h->sc.years + t] = v;
}

static void hb_proc(struct hb *h, const char *name, double share,
		    double cost, double decline, double kw)
{
	struct proc_line *p = &h->proc[h->sc.nproc++];
	p->name = (char *)name;
	p->i_share = hb_in(h, share);
	p->i_cost = hb_in(h, cost);
	p->i_cost_decline = hb_in(h, decline);
	p->i_kw = hb_in(h, kw);
	p->i_kw_decline = hb_in(h, 0);
}

static void hb_contract(struct hb *h, const char *name, int start, int end,
			double total, double price)
{
	struct contract *c = &h->con[h->sc.ncontracts++];
	c->name = (char *)name;
	c->start = start;
	c->end = end;
	c->i_total = hb_in(h, total);
	c->i_price = hb_in(h, price);
}

static struct workload *hb_work(struct hb *h, const char *name,
				double share, double growth, double eff,
				double elasticity)
{
	struct workload *w = &h->work[h->sc.nwork++];
	w->name = (char *)name;
	w->i_share = hb_in(h, share);
	w->i_growth = hb_in(h, growth);
	w->i_efficiency = hb_in(h, eff);
	w->i_elasticity = hb_in(h, elasticity);
	return w;
}

/* tests/fixed/supply_mix.yaml, by hand (its capex series resolved:
 * 100, 100 (gap), 120, then *1.1). */
static void build_supply_mix(struct hb *h)
{
	static const double capex[5] = { 100, 100, 120, 120 * 1.1,
					 120 * 1.1 * 1.1 };
	struct scenario *sc = &h->sc;

	hb_init(h, 2030, 5);
	hb_set(h, sc->i_base, 1e6);
	hb_set(h, sc->i_base_life, 2.5);
	hb_set(h, sc->i_base_book, 50);
	sc->i_capex = hb_yr(h, capex);
	hb_set(h, sc->i_compute_share, 0.5);
	hb_set(h, sc->i_lag, 0.5);
	hb_set(h, sc->i_life, 2.5);
	hb_set(h, sc->i_availability, 0.9);
	hb_set(h, sc->i_pue, 1.25);
	hb_set(h, sc->i_kw_base, 1.0);
	hb_proc(h, "alpha", 3, 25000, 0.2, 0.8);
	hb_proc(h, "beta", 1, 20000, 0, 1.2);
	hb_contract(h, "old", 2028, 2031, 8.76, 2);
	hb_contract(h, "new", 2033, 2036, 17.52, 1.25);
	hb_set(h, sc->i_start_ratio, 1.2);
	hb_set(h, sc->i_reserve, 0.1);
	hb_work(h, "ads", 1, 0.2, 0.1, 0);
	hb_work(h, "genai", 1, 1.0, 0.4, 0.5);
	hb_set(h, sc->i_price, 2);
	hb_set(h, sc->i_price_change, -0.1);
	hb_set(h, sc->i_market, 1e6);
	hb_set(h, sc->i_market_growth, 0.2);
}

static void build_trigger_payback(struct hb *h)
{
	struct scenario *sc = &h->sc;

	hb_init(h, 2040, 5);
	hb_set(h, sc->i_base, 1e6);
	hb_set(h, sc->i_base_life, 4);
	hb_set(h, sc->i_base_book, 40);
	hb_set(h, sc->i_capex, 40);
	hb_set(h, sc->i_compute_share, 0.5);
	hb_set(h, sc->i_lag, 0);
	hb_set(h, sc->i_life, 3);
	hb_set(h, sc->i_kw_base, 0.5);
	hb_proc(h, "gpu", 1, 20000, 0, 1.0);
	hb_set(h, sc->i_start_ratio, 0.8);
	hb_set(h, sc->i_reserve, 0.1);
	hb_work(h, "chat", 1, 0.1, 0, 0);
	hb_set(h, sc->i_price, 2.5);
	hb_set(h, sc->i_price_change, -0.2);
	hb_set(h, sc->i_market, 2e6);
	hb_set(h, sc->i_market_growth, 0.25);
	sc->launch = LAUNCH_TRIGGER;
	sc->trigger = 0.15;
	hb_set(h, sc->i_launch_cost, 4);
	hb_set(h, sc->i_fixed_cost, 0.1);
	hb_set(h, sc->i_ramp, 2);
	hb_set(h, sc->i_sellable, 0.8);
	hb_set(h, sc->i_max_share, 0.25);
	hb_set(h, sc->i_price_impact, 0.5);
	hb_set(h, sc->i_billed, 0.8);
	hb_set(h, sc->i_opex, 0.2);
	hb_set(h, sc->i_discount, 0.1);
}

static void build_term_displacement(struct hb *h)
{
	/* train's growth series: 90% listed for 2050 (never used), then 5% */
	static const double train_growth[5] = { 0.9, 0.05, 0.05, 0.05, 0.05 };
	struct scenario *sc = &h->sc;
	struct workload *w;

	hb_init(h, 2050, 5);
	hb_set(h, sc->i_base, 3e6);
	hb_set(h, sc->i_base_life, 2.5);
	hb_set(h, sc->i_base_book, 10);
	hb_set(h, sc->i_capex, 30);
	hb_set(h, sc->i_compute_share, 0.5);
	hb_set(h, sc->i_lag, 1);
	hb_set(h, sc->i_life, 2);
	hb_set(h, sc->i_pue, 1.1);
	hb_set(h, sc->i_kw_base, 1);
	hb_proc(h, "gpu", 1, 15000, 0, 0.7);
	hb_set(h, sc->i_start_ratio, 0.6);
	hb_set(h, sc->i_reserve, 0.1);
	hb_work(h, "feed", 1, 0.05, 0, 0);
	w = hb_work(h, "train", 3, 0, 0, 0);
	w->i_growth = hb_yr(h, train_growth);
	hb_set(h, sc->i_price, 3);
	hb_set(h, sc->i_price_change, 0.1);
	hb_set(h, sc->i_market, 1e6);
	hb_set(h, sc->i_market_growth, 0);
	sc->launch = LAUNCH_YEAR;
	sc->launch_t = 1;
	sc->term_years = 3;
	hb_set(h, sc->i_launch_cost, 10);
	hb_set(h, sc->i_fixed_cost, 0.5);
	hb_set(h, sc->i_ramp, 2.5);
	hb_set(h, sc->i_sellable, 0.6);
	hb_set(h, sc->i_max_share, 0.5);
	hb_set(h, sc->i_price_impact, 0.2);
	hb_set(h, sc->i_billed, 0.9);
	hb_set(h, sc->i_opex, 0.5);
	hb_set(h, sc->i_discount, 0.05);
}

START_TEST(test_model_hand_supply_mix)
{
	struct hb h;
	struct trial_outcome o;

	build_supply_mix(&h);
	ck_assert_int_eq(run_and_compare(&h.sc, h.x, "supply_mix", &o), 0);
	ck_assert_int_eq(o.launch_t, -1);
	ck_assert_int_eq(o.payback_t, -1);
	ck_assert_int_eq(o.first_surplus_t, 1);
	ck_assert_int_eq(o.story, STORY_OVERBUILD);
}
END_TEST

START_TEST(test_model_hand_trigger_payback)
{
	struct hb h;
	struct trial_outcome o;

	build_trigger_payback(&h);
	ck_assert_int_eq(run_and_compare(&h.sc, h.x, "trigger_payback", &o),
			 0);
	ck_assert_int_eq(o.launch_t, 2);
	ck_assert_int_eq(o.payback_t, 3);
	ck_assert_int_eq(o.story, STORY_OVERBUILD);
}
END_TEST

START_TEST(test_model_hand_term_displacement)
{
	struct hb h;
	struct trial_outcome o;

	build_term_displacement(&h);
	ck_assert_int_eq(run_and_compare(&h.sc, h.x, "term_displacement",
					 &o), 0);
	ck_assert_int_eq(o.launch_t, 1);
	ck_assert_int_eq(o.payback_t, -1);
	ck_assert_int_eq(o.first_surplus_t, 0);
	ck_assert_int_eq(o.story, STORY_MISMATCH);
	ck_assert_double_eq_tol(o.npv, -5.96309092387, 1e-9);
}
END_TEST

/* ---------------------------------------------------------------- */
/* Names, indexes, edge cases                                         */

START_TEST(test_model_metric_names)
{
	struct hb h;
	char buf[64];
	const struct scenario *sc = &h.sc;

	build_supply_mix(&h);
	ck_assert_int_eq(model_nmetrics(sc), M_NFIXED + 2);
	ck_assert_int_eq(model_metric_index(sc, M_DEMAND), 7);
	ck_assert_int_eq(model_workload_metric(sc, 0), 8);
	ck_assert_int_eq(model_workload_metric(sc, 1), 9);
	ck_assert_int_eq(model_metric_index(sc, M_DEMAND_RATIO), 10);
	ck_assert_int_eq(model_metric_index(sc, M_SHORTFALL_COST),
			 M_NFIXED);
	ck_assert_int_eq(model_metric_index(sc, M_STRANDED), M_NFIXED + 1);
	/* the industry's metrics only with an industry section */
	ck_assert_int_eq(model_metric_index(sc, M_IND_TIGHTNESS), -1);
	ck_assert_str_eq(model_metric_name(sc, 0, buf, sizeof buf),
			 "capex_busd");
	ck_assert_str_eq(model_metric_name(sc, 7, buf, sizeof buf),
			 "demand_h100e");
	ck_assert_str_eq(model_metric_name(sc, 8, buf, sizeof buf),
			 "demand_ads_h100e");
	ck_assert_str_eq(model_metric_name(sc, 9, buf, sizeof buf),
			 "demand_genai_h100e");
	ck_assert_str_eq(model_metric_name(sc, 10, buf, sizeof buf),
			 "demand_ratio");
	ck_assert_str_eq(model_metric_name(sc,
		model_metric_index(sc, M_PRICE), buf, sizeof buf),
		"price_usd_per_h100e_hour");
	ck_assert_str_eq(model_metric_name(sc, M_NFIXED, buf,
					   sizeof buf), "shortfall_cost_busd");
	ck_assert_str_eq(model_metric_name(sc, M_NFIXED + 1, buf,
					   sizeof buf), "stranded_h100e");
	ck_assert_str_eq(model_metric_name(sc, M_NFIXED + 2, buf,
					   sizeof buf), "");
	ck_assert_str_eq(model_metric_name(sc, -1, buf, sizeof buf), "");
}
END_TEST

/* Runs h's scenario; m must hold model_nmetrics * years doubles. */
static void hb_run(struct hb *h, double *m, struct trial_outcome *o)
{
	double ws[7 * MAXY + 2 + 3 * 4];	/* model_ws_size: 7Y + 2 + 3 nproc */
	ck_assert(model_ws_size(&h->sc) <= sizeof ws / sizeof ws[0]);
	model_run_trial(&h->sc, h->x, m, o, ws);
}

#define MV(h, m, metric, t) \
	((m)[(size_t)model_metric_index(&(h)->sc, metric) * (h)->sc.years + (t)])

/* All procurement shares 0 in a trial: lines share K_t equally
 * (docs/notes-model.md); all workload shares 0: workloads share equally. */
START_TEST(test_model_zero_shares_split_equally)
{
	struct hb h;
	double m[(M_NFIXED + 4) * MAXY];
	struct trial_outcome o;

	hb_init(&h, 2030, 2);
	hb_set(&h, h.sc.i_capex, 10);
	hb_proc(&h, "a", 0, 10000, 0, 0);
	hb_proc(&h, "b", 0, 20000, 0, 0);
	hb_work(&h, "w1", 0, 0, 0, 0);
	hb_work(&h, "w2", 0, 0, 0, 0);
	hb_run(&h, m, &o);
	/* 5e9/1e4 + 5e9/2e4 = 750000 */
	ck_assert_double_eq_tol(MV(&h, m, M_NEW, 0), 750000, 1e-6);
	/* capacity_0 = 750000 (lag 0, life 1); demand 1 * 750000, halved */
	ck_assert_double_eq_tol(m[model_workload_metric(&h.sc, 0) * 2],
				375000, 1e-6);
	ck_assert_double_eq_tol(m[model_workload_metric(&h.sc, 1) * 2],
				375000, 1e-6);
}
END_TEST

/* No capacity at all: every ratio is 0, demand is 0, nothing breaks. */
START_TEST(test_model_zero_capacity_ratios)
{
	struct hb h;
	double m[(M_NFIXED + 4) * MAXY];
	struct trial_outcome o;

	hb_init(&h, 2030, 3);
	hb_proc(&h, "a", 1, 10000, 0, 0);
	hb_work(&h, "w", 1, 0.5, 0, 0);
	h.sc.launch = LAUNCH_TRIGGER;
	h.sc.trigger = 0;
	hb_run(&h, m, &o);
	for (int k = 0; k < model_nmetrics(&h.sc); k++)
		for (int t = 0; t < 3; t++)
			ck_assert(isfinite(m[k * 3 + t]));
	for (int t = 0; t < 3; t++) {
		ck_assert_double_eq(MV(&h, m, M_CAPACITY, t), 0);
		ck_assert_double_eq(MV(&h, m, M_DEMAND_RATIO, t), 0);
		ck_assert_double_eq(MV(&h, m, M_UTILIZATION, t), 0);
		ck_assert_double_eq(MV(&h, m, M_SURPLUS_SHARE, t), 0);
	}
	/* theta 0: surplus_share_0 = 0 >= 0, so launch at t = 1 */
	ck_assert_int_eq(o.launch_t, 1);
	ck_assert_int_eq(o.payback_t, 1);
	ck_assert_int_eq(o.story, STORY_SHORTAGE);
	ck_assert_int_eq(o.first_surplus_t, -1);
}
END_TEST

/* 3 years from 2030: a base of 1000 H100e over 10 years, demand 0.5 of
 * it, the cloud launched in year 0 with a ramp of 4 into a market of
 * 1e6 H100e at a rent of 1000 $ an hour. */
static void hb_launch0(struct hb *h)
{
	hb_init(h, 2030, 3);
	hb_set(h, h->sc.i_base, 1000);
	hb_set(h, h->sc.i_base_life, 10);
	hb_set(h, h->sc.i_start_ratio, 0.5);
	hb_set(h, h->sc.i_ramp, 4);
	hb_set(h, h->sc.i_price, 1000);
	hb_set(h, h->sc.i_market, 1e6);
	hb_proc(h, "a", 1, 10000, 0, 0);
	hb_work(h, "w", 1, 0, 0, 0);
	h->sc.launch = LAUNCH_YEAR;
	h->sc.launch_t = 0;
}

/* A launch in year 0 ramps from year 0; a trigger never launches in year
 * 0 (it needs last year's figures) and not at all if never reached. */
START_TEST(test_model_launch_year0_and_trigger_never)
{
	struct hb h;
	double m[(M_NFIXED + 4) * MAXY];
	struct trial_outcome o;

	hb_launch0(&h);
	hb_run(&h, m, &o);
	ck_assert_int_eq(o.launch_t, 0);
	ck_assert_int_eq(o.payback_t, 0);
	/* surplus_0 = 1000 - 500 = 500; ramp(0) = 1/4; market cap 250000:
	 * sold = 500 */
	ck_assert_double_eq_tol(MV(&h, m, M_SOLD, 0), 500, 1e-9);
	/* revenue 500 * 8760 * 1000 / 1e9 = 4.38 */
	ck_assert_double_eq_tol(MV(&h, m, M_CLOUD_REVENUE, 0), 4.38, 1e-12);
	ck_assert_double_eq_tol(MV(&h, m, M_CLOUD_NPV, 2),
				4.38 * (1 + 0.8 + 0.6), 1e-9);

	h.sc.launch = LAUNCH_TRIGGER;
	h.sc.trigger = 0.6;	/* surplus shares 0.5, 0.444..., 0.375 */
	hb_run(&h, m, &o);
	ck_assert_int_eq(o.launch_t, -1);
	ck_assert_int_eq(o.payback_t, -1);
	for (int t = 0; t < 3; t++) {
		ck_assert_double_eq(MV(&h, m, M_SOLD, t), 0);
		ck_assert_double_eq(MV(&h, m, M_CLOUD_NPV, t), 0);
	}
	h.sc.trigger = 0.5;	/* reached (>=) by year 0's 0.5: launch t=1 */
	hb_run(&h, m, &o);
	ck_assert_int_eq(o.launch_t, 1);
	ck_assert_double_eq(MV(&h, m, M_SOLD, 0), 0);
	/* ramp(0) = 1/4 of the market, surplus_1 = 900 - 500 = 400 */
	ck_assert_double_eq_tol(MV(&h, m, M_SOLD, 1), 400, 1e-9);
}
END_TEST

/* A lag at or past the horizon: nothing bought enters service; a life
 * of 0.5 serves half a year and depreciates the whole capex at once. */
START_TEST(test_model_long_lag_short_life)
{
	struct hb h;
	double m[(M_NFIXED + 4) * MAXY];
	struct trial_outcome o;

	hb_init(&h, 2030, 3);
	hb_set(&h, h.sc.i_capex, 10);
	hb_set(&h, h.sc.i_lag, 3);
	hb_proc(&h, "a", 1, 10000, 0, 0);
	hb_work(&h, "w", 1, 0, 0, 0);
	hb_run(&h, m, &o);
	for (int t = 0; t < 3; t++) {
		ck_assert_double_eq(MV(&h, m, M_OWNED, t), 0);
		ck_assert_double_eq(MV(&h, m, M_DEPRECIATION, t), 0);
		ck_assert_double_eq(MV(&h, m, M_NEW, t), 1e6);
	}
	hb_set(&h, h.sc.i_lag, 0);
	hb_set(&h, h.sc.i_life, 0.5);
	hb_run(&h, m, &o);
	for (int t = 0; t < 3; t++) {
		ck_assert_double_eq_tol(MV(&h, m, M_OWNED, t), 5e5, 1e-9);
		ck_assert_double_eq_tol(MV(&h, m, M_DEPRECIATION, t), 10,
					1e-12);
	}
}
END_TEST

/* Three boundaries MODEL.md states exactly ("The cloud option", "The
 * industry"), on the launch_year0 scenario above: base 1000 H100e over
 * 10 years, start ratio 0.5, launch in year 0, ramp 4, market 1e6, rent
 * P = 1000 every year. Capacity 1000, 900, 800; demand 500; surplus 500,
 * 400, 300; target = min(surplus, 1e6 * ramp) = surplus.
 *  - the shut-down rule: P_t <= opex signs nothing, so opex = 1000 = P
 *    sells 0 (and opex 999 still sells the surplus);
 *  - P' = P * max(0, 1 - impact * sold / M): impact 4000 gives
 *    1 - 4000 * 500 / 1e6 = -1, -0.6, -0.2, all clamped to 0, so revenue
 *    is 0, not 500 * 8760 * (-1000) / 1e9 = -4.38 in year 0; impact 1000
 *    gives 0.5 in year 0: revenue 500 * 8760 * 1000 * 0.5 / 1e9 = 2.19;
 *  - the industry is "short" when tau_{T-1} >= 1: a one-year industry
 *    with start ratio 1 has tau_0 = Q_0 / O_0 = 1 exactly (short), with
 *    0.999 it is a glut. */
START_TEST(test_model_stated_boundaries)
{
	struct hb h;
	double m[(M_NALL + 4) * MAXY];
	struct trial_outcome o;

	hb_launch0(&h);

	hb_set(&h, h.sc.i_opex, 1000);		/* P_t = opex: shut down */
	hb_run(&h, m, &o);
	for (int t = 0; t < 3; t++) {
		ck_assert_double_eq(MV(&h, m, M_SOLD, t), 0);
		ck_assert_double_eq(MV(&h, m, M_CLOUD_REVENUE, t), 0);
		ck_assert_double_eq(MV(&h, m, M_CLOUD_CASH, t), 0);
	}
	hb_set(&h, h.sc.i_opex, 999);		/* just below: sells */
	hb_run(&h, m, &o);
	ck_assert_double_eq_tol(MV(&h, m, M_SOLD, 0), 500, 1e-9);
	ck_assert_double_eq_tol(MV(&h, m, M_SOLD, 2), 300, 1e-9);

	hb_set(&h, h.sc.i_opex, 0);
	hb_set(&h, h.sc.i_price_impact, 4000);	/* factor below 0: 0 */
	hb_run(&h, m, &o);
	for (int t = 0; t < 3; t++) {
		ck_assert_double_eq_tol(MV(&h, m, M_SOLD, t), 500 - 100 * t,
					1e-9);
		ck_assert_double_eq(MV(&h, m, M_CLOUD_REVENUE, t), 0);
		ck_assert_double_eq(MV(&h, m, M_CLOUD_NPV, t), 0);
	}
	hb_set(&h, h.sc.i_price_impact, 1000);	/* factor 0.5 in year 0 */
	hb_run(&h, m, &o);
	ck_assert_double_eq_tol(MV(&h, m, M_CLOUD_REVENUE, 0), 2.19, 1e-12);

	/* the industry's state at tau exactly 1 */
	hb_init(&h, 2030, 1);
	hb_proc(&h, "a", 1, 10000, 0, 0);
	hb_work(&h, "w", 1, 0, 0, 0);
	h.sc.has_industry = 1;
	h.sc.i_ind_stock = hb_in(&h, 1e6);
	h.sc.i_ind_capex = hb_in(&h, 0);
	h.sc.i_ind_compute_share = hb_in(&h, 0.5);
	h.sc.i_ind_cost = hb_in(&h, 25000);
	h.sc.i_ind_cost_decline = hb_in(&h, 0);
	h.sc.i_ind_life = hb_in(&h, 4);
	h.sc.i_ind_start_ratio = hb_in(&h, 1);
	h.sc.i_ind_growth = hb_in(&h, 0);
	h.sc.i_ind_efficiency = hb_in(&h, 0);
	h.sc.i_ind_elasticity = hb_in(&h, 0);
	h.sc.i_ind_rented_share = hb_in(&h, 0.2);
	h.sc.i_ind_price_response = hb_in(&h, 0);
	hb_run(&h, m, &o);
	ck_assert_double_eq(MV(&h, m, M_IND_TIGHTNESS, 0), 1);
	ck_assert_int_eq(o.industry, INDUSTRY_SHORT);
	hb_set(&h, h.sc.i_ind_start_ratio, 0.999);
	hb_run(&h, m, &o);
	ck_assert_int_eq(o.industry, INDUSTRY_GLUT);
}
END_TEST

static double near_rel(double a, double b)
{
	double s = fabs(a) > fabs(b) ? fabs(a) : fabs(b);
	return fabs(a - b) <= 1e-9 * (s > 1 ? s : 1);
}

/* A per-year input drawn uniformly in [lo, hi) every year. */
static int hb_rand_yr(struct hb *h, gsl_rng *r, double lo, double hi)
{
	double v[MAXY];
	for (int t = 0; t < h->sc.years; t++)
		v[t] = lo + (hi - lo) * gsl_rng_uniform(r);
	return hb_yr(h, v);
}

/* Identities that hold in every trial, over 3000 random scenarios (fixed
 * seed; inputs inside their keys' ranges, with per-year values for the
 * per-year inputs): every metric finite; workload demands sum to demand;
 * capacity = a*owned + contracts; 0 <= utilization <= 1; surplus and
 * shortfall never both positive; 0 <= displaced <= sold; nothing cloud
 * before launch; npv cumulates discounted cash; net idle = idle - cash;
 * the outcome agrees with the metric paths. */
START_TEST(test_model_identities_random)
{
	gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937);
	double m[(M_NFIXED + 4) * MAXY];

	gsl_rng_set(r, 20260101);
	for (int trial = 0; trial < 3000; trial++) {
		struct hb h;
		struct scenario *sc = &h.sc;
		struct trial_outcome o;
		int Y = 1 + (int)gsl_rng_uniform_int(r, MAXY);
		double yr[MAXY], a, df = 1, cum = 0, disc;
#define U(lo, hi) ((lo) + ((hi) - (lo)) * gsl_rng_uniform(r))

		hb_init(&h, 2030, Y);
		hb_set(&h, sc->i_base, U(0, 3e6));
		hb_set(&h, sc->i_base_life, U(0.3, 6));
		hb_set(&h, sc->i_base_book, U(0, 80));
		for (int t = 0; t < Y; t++)
			yr[t] = U(0, 150);
		sc->i_capex = hb_yr(&h, yr);
		hb_set(&h, sc->i_lag, U(0, 2.5));
		hb_set(&h, sc->i_life, U(0.2, 7));
		a = U(0.5, 1);
		hb_set(&h, sc->i_availability, a);
		hb_set(&h, sc->i_pue, U(1, 1.5));
		hb_set(&h, sc->i_kw_base, U(0, 1.5));
		for (int i = 0, n = 1 + (int)gsl_rng_uniform_int(r, 3); i < n;
		     i++) {
			hb_proc(&h, "p", U(0, 2), U(5000, 30000), 0, U(0, 1));
			for (int t = 0; t < Y; t++)
				yr[t] = U(-0.2, 0.5);
			h.proc[i].i_cost_decline = hb_yr(&h, yr);
		}
		for (int i = 0, n = (int)gsl_rng_uniform_int(r, 3); i < n;
		     i++) {
			int s = 2026 + (int)gsl_rng_uniform_int(r, 12);
			hb_contract(&h, "c", s,
				    s + (int)gsl_rng_uniform_int(r, 6),
				    U(0, 30), U(1, 4));
		}
		hb_set(&h, sc->i_start_ratio, U(0.3, 1.6));
		hb_set(&h, sc->i_reserve, U(0, 0.3));
		for (int j = 0, n = 1 + (int)gsl_rng_uniform_int(r, 3); j < n;
		     j++) {
			hb_work(&h, "w", U(0, 1), 0, 0, 0);
			for (int t = 0; t < Y; t++)
				yr[t] = U(-0.5, 2);
			h.work[j].i_growth = hb_yr(&h, yr);
			for (int t = 0; t < Y; t++)
				yr[t] = U(-0.1, 0.8);
			h.work[j].i_efficiency = hb_yr(&h, yr);
			for (int t = 0; t < Y; t++)
				yr[t] = U(0, 1);
			h.work[j].i_elasticity = hb_yr(&h, yr);
		}
		hb_set(&h, sc->i_price, U(0.5, 4));
		sc->i_price_change = hb_rand_yr(&h, r, -0.4, 0.3);
		hb_set(&h, sc->i_market, U(1e5, 1e7));
		sc->i_market_growth = hb_rand_yr(&h, r, -0.3, 1.5);
		sc->launch = (enum launch_kind)gsl_rng_uniform_int(r, 3);
		sc->launch_t = (int)gsl_rng_uniform_int(r, (unsigned long)Y);
		sc->trigger = U(0, 0.5);
		sc->term_years = 1 + (int)gsl_rng_uniform_int(r, 4);
		hb_set(&h, sc->i_launch_cost, U(0, 5));
		hb_set(&h, sc->i_fixed_cost, U(0, 2));
		hb_set(&h, sc->i_ramp, U(0.5, 4));
		hb_set(&h, sc->i_sellable, U(0, 1));
		hb_set(&h, sc->i_max_share, U(0, 0.5));
		hb_set(&h, sc->i_price_impact, U(0, 2));
		hb_set(&h, sc->i_billed, U(0, 1));
		hb_set(&h, sc->i_opex, U(0, 0.5));
		disc = U(-0.05, 0.2);
		hb_set(&h, sc->i_discount, disc);
#undef U
		hb_run(&h, m, &o);

		for (int k = 0; k < model_nmetrics(sc); k++)
			for (int t = 0; t < Y; t++)
				ck_assert_msg(isfinite(m[k * Y + t]),
					      "trial %d metric %d", trial, k);
		for (int t = 0; t < Y; t++) {
			double dsum = 0, cap = MV(&h, m, M_CAPACITY, t);
			double sold = MV(&h, m, M_SOLD, t);
			double dis = MV(&h, m, M_DISPLACED, t);
			double cash = MV(&h, m, M_CLOUD_CASH, t);
			for (int j = 0; j < sc->nwork; j++)
				dsum += m[model_workload_metric(sc, j) * Y + t];
			ck_assert(near_rel(dsum, MV(&h, m, M_DEMAND, t)));
			ck_assert(near_rel(cap, a * MV(&h, m, M_OWNED, t) +
					   MV(&h, m, M_CONTRACT, t)));
			ck_assert(MV(&h, m, M_UTILIZATION, t) >= 0 &&
				  MV(&h, m, M_UTILIZATION, t) <= 1);
			ck_assert(!(MV(&h, m, M_SURPLUS, t) > 0 &&
				    MV(&h, m, M_SHORTFALL, t) > 0));
			ck_assert(dis >= -1e-9 * (cap > 1 ? cap : 1));
			ck_assert(dis <= sold * (1 + 1e-12) + 1e-6);
			if (o.launch_t < 0 || t < o.launch_t) {
				ck_assert_double_eq(sold, 0);
				ck_assert_double_eq(cash, 0);
				ck_assert_double_eq(MV(&h, m, M_CLOUD_NPV, t), 0);
			}
			if (t > 0)
				df /= 1 + disc;
			cum += cash * df;
			ck_assert(near_rel(cum, MV(&h, m, M_CLOUD_NPV, t)));
			ck_assert(near_rel(MV(&h, m, M_NET_IDLE_COST, t),
					   MV(&h, m, M_IDLE_COST, t) - cash));
			if (o.payback_t >= 0 && t == o.payback_t)
				ck_assert(MV(&h, m, M_CLOUD_NPV, t) >= 0);
			if (o.launch_t >= 0 && t >= o.launch_t &&
			    (o.payback_t < 0 || t < o.payback_t))
				ck_assert(MV(&h, m, M_CLOUD_NPV, t) < 0);
		}
		ck_assert_double_eq(o.npv, MV(&h, m, M_CLOUD_NPV, Y - 1));
		ck_assert_int_eq(o.story == STORY_OVERBUILD,
				 MV(&h, m, M_SURPLUS, Y - 1) > 0);
		ck_assert_int_eq(o.story == STORY_SHORTAGE,
				 o.first_surplus_t < 0);
	}
	gsl_rng_free(r);
}
END_TEST

static Suite *model_suite(void)
{
	Suite *s = suite_create("model");
	TCase *tc = tcase_create("core");

	tcase_add_test(tc, test_model_fixed_supply_mix);
	tcase_add_test(tc, test_model_fixed_trigger_payback);
	tcase_add_test(tc, test_model_fixed_term_displacement);
	tcase_add_test(tc, test_model_fixed_v2_outcomes);
	tcase_add_test(tc, test_model_hand_supply_mix);
	tcase_add_test(tc, test_model_hand_trigger_payback);
	tcase_add_test(tc, test_model_hand_term_displacement);
	tcase_add_test(tc, test_model_metric_names);
	tcase_add_test(tc, test_model_zero_shares_split_equally);
	tcase_add_test(tc, test_model_zero_capacity_ratios);
	tcase_add_test(tc, test_model_launch_year0_and_trigger_never);
	tcase_add_test(tc, test_model_long_lag_short_life);
	tcase_add_test(tc, test_model_stated_boundaries);
	tcase_add_test(tc, test_model_identities_random);
	suite_add_tcase(s, tc);
	return s;
}

CHECK_MAIN(model_suite)
