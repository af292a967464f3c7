/* check_scenario.c — the scenario loader (schema.c, scenario.c,
 * keyscalar.c, value.c, distmap.c): every value form against parameters
 * worked out by hand, defaults, year series, then_growth wiring, number
 * parsing and the key reference (paths, correlations and --set:
 * check_paths.c). Error messages of whole files are tested as data by
 * tests/cli_check.sh. */
#include "scenutil.h"
#include "suggest.h"

/* Text echoed in messages is cut whole characters at a time: for every
 * alignment of two-byte characters against the cut, no lead byte is left
 * without its continuation before the "...". */
START_TEST(test_scenario_text_cut_utf8)
{
	char in[160], out[80];

	for (int k = 0; k < 4; k++) {
		size_t n = 0, len;

		memset(in, 'a', (size_t)k);
		n = (size_t)k;
		for (int i = 0; i < 60; i++) {
			in[n++] = (char)0xc3;
			in[n++] = (char)0xa9;	/* U+00E9 */
		}
		in[n] = '\0';
		loader_text(in, out, sizeof out);
		len = strlen(out);
		ck_assert_uint_ge(len, 3);
		ck_assert_str_eq(out + len - 3, "...");
		/* the byte before "..." ends a character */
		ck_assert_msg(((unsigned char)out[len - 4] & 0xc0) == 0x80 ||
			      (unsigned char)out[len - 4] < 0x80,
			      "k=%d: a lead byte cut from its sequence", k);
		ck_assert_uint_le(len, sizeof out - 1);
	}
}
END_TEST

START_TEST(test_scenario_interval_lognormal)
{
	struct scenario *sc = load("10 to 20", "0", "");
	const struct dist *d;

	ck_assert_ptr_nonnull(sc);
	d = &sc->inputs[sc->i_capex].d;
	ck_assert_int_eq(d->kind, DIST_LOGNORMAL);
	ck_assert_double_eq_tol(d->a, log(sqrt(200.0)), TOL);
	ck_assert_double_eq_tol(d->b, log(2.0) / (2 * Z95), TOL);
	ck_assert_int_eq(sc->inputs[sc->i_capex].uncertain, 1);
	scenario_free(sc);
}
END_TEST

START_TEST(test_scenario_interval_normal)
{
	struct scenario *sc = load("10", "\"-20% to 5%\"", "");
	const struct dist *d;

	ck_assert_ptr_nonnull(sc);
	d = &sc->inputs[sc->i_price_change].d;
	ck_assert_int_eq(d->kind, DIST_NORMAL);
	ck_assert_double_eq_tol(d->a, -0.075, TOL);
	ck_assert_double_eq_tol(d->b, 0.25 / (2 * Z95), TOL);
	scenario_free(sc);

	/* a = 0: normal, not lognormal */
	sc = load("0 to 20", "0", "");
	ck_assert_ptr_nonnull(sc);
	d = &sc->inputs[sc->i_capex].d;
	ck_assert_int_eq(d->kind, DIST_NORMAL);
	ck_assert_double_eq_tol(d->a, 10, TOL);
	ck_assert_double_eq_tol(d->b, 20 / (2 * Z95), TOL);
	scenario_free(sc);
}
END_TEST

START_TEST(test_scenario_numbers_and_percentages)
{
	struct scenario *sc = load("\"1.3e2\"", "\"-25%\"", "");
	const struct dist *d;

	ck_assert_ptr_nonnull(sc);
	d = &sc->inputs[sc->i_capex].d;
	ck_assert_int_eq(d->kind, DIST_FIXED);
	ck_assert_double_eq_tol(d->a, 130, TOL);
	ck_assert_int_eq(sc->inputs[sc->i_capex].uncertain, 0);
	d = &sc->inputs[sc->i_price_change].d;
	ck_assert_int_eq(d->kind, DIST_FIXED);
	ck_assert_double_eq_tol(d->a, -0.25, TOL);
	/* compute_share: 50% (plain scalar) */
	ck_assert_double_eq_tol(sc->inputs[sc->i_compute_share].d.a, 0.5,
				TOL);
	scenario_free(sc);
}
END_TEST

START_TEST(test_scenario_dist_forms)
{
	struct scenario *sc;
	const struct dist *d;

	sc = load("{dist: fixed, value: 7}", "{dist: uniform, min: -10%, "
		  "max: 20%}", "");
	ck_assert_ptr_nonnull(sc);
	d = &sc->inputs[sc->i_capex].d;
	ck_assert_int_eq(d->kind, DIST_FIXED);
	ck_assert_double_eq_tol(d->a, 7, TOL);
	d = &sc->inputs[sc->i_price_change].d;
	ck_assert_int_eq(d->kind, DIST_UNIFORM);
	ck_assert_double_eq_tol(d->a, -0.1, TOL);
	ck_assert_double_eq_tol(d->b, 0.2, TOL);
	ck_assert_int_eq(sc->inputs[sc->i_price_change].uncertain, 1);
	scenario_free(sc);

	sc = load("{dist: normal, mean: 100, sd: 15}",
		  "{dist: normal, p5: -30%, p95: 10%}", "");
	ck_assert_ptr_nonnull(sc);
	d = &sc->inputs[sc->i_capex].d;
	ck_assert_int_eq(d->kind, DIST_NORMAL);
	ck_assert_double_eq_tol(d->a, 100, TOL);
	ck_assert_double_eq_tol(d->b, 15, TOL);
	d = &sc->inputs[sc->i_price_change].d;
	ck_assert_double_eq_tol(d->a, -0.1, TOL);
	ck_assert_double_eq_tol(d->b, 0.4 / (2 * Z95), TOL);
	scenario_free(sc);

	sc = load("{dist: lognormal, p5: 50, p95: 200}",
		  "{dist: lognormal, median: 0.5, gsd: 2}", "");
	ck_assert_ptr_nonnull(sc);
	d = &sc->inputs[sc->i_capex].d;
	ck_assert_int_eq(d->kind, DIST_LOGNORMAL);
	ck_assert_double_eq_tol(d->a, log(100.0), TOL);
	ck_assert_double_eq_tol(d->b, log(4.0) / (2 * Z95), TOL);
	d = &sc->inputs[sc->i_price_change].d;
	ck_assert_double_eq_tol(d->a, log(0.5), TOL);
	ck_assert_double_eq_tol(d->b, log(2.0), TOL);
	scenario_free(sc);

	/* lognormal mean/sd: sigma^2 = ln(1 + (sd/mean)^2),
	 * mu = ln(mean) - sigma^2/2; mean 100, sd 50: sigma^2 = ln 1.25 */
	sc = load("{dist: lognormal, mean: 100, sd: 50}",
		  "{dist: triangular, min: -20%, mode: 0, max: 10%}", "");
	ck_assert_ptr_nonnull(sc);
	d = &sc->inputs[sc->i_capex].d;
	ck_assert_int_eq(d->kind, DIST_LOGNORMAL);
	ck_assert_double_eq_tol(d->a, log(100.0) - 0.5 * log(1.25), TOL);
	ck_assert_double_eq_tol(d->b, sqrt(log(1.25)), TOL);
	d = &sc->inputs[sc->i_price_change].d;
	ck_assert_int_eq(d->kind, DIST_TRIANGULAR);
	ck_assert_double_eq_tol(d->a, -0.2, TOL);
	ck_assert_double_eq_tol(d->c, 0, TOL);
	ck_assert_double_eq_tol(d->b, 0.1, TOL);
	scenario_free(sc);

	/* PERT, lambda 4: alpha = 1 + 4 (mode - min) / (max - min) */
	sc = load("{dist: pert, min: 100, mode: 150, max: 300}",
		  "{dist: beta, alpha: 2, beta: 5}", "");
	ck_assert_ptr_nonnull(sc);
	d = &sc->inputs[sc->i_capex].d;
	ck_assert_int_eq(d->kind, DIST_PERT);
	ck_assert_double_eq_tol(d->a, 100, TOL);
	ck_assert_double_eq_tol(d->c, 150, TOL);
	ck_assert_double_eq_tol(d->b, 300, TOL);
	ck_assert_double_eq_tol(d->alpha, 2, TOL);
	ck_assert_double_eq_tol(d->beta, 4, TOL);
	d = &sc->inputs[sc->i_price_change].d;
	ck_assert_int_eq(d->kind, DIST_BETA);
	ck_assert_double_eq_tol(d->alpha, 2, TOL);
	ck_assert_double_eq_tol(d->beta, 5, TOL);
	ck_assert_double_eq_tol(d->a, 0, TOL);
	ck_assert_double_eq_tol(d->b, 1, TOL);
	scenario_free(sc);

	sc = load("{dist: beta, alpha: 2, beta: 2, min: 100, max: 200}",
		  "{dist: choice, values: [-10%, 0, 10%], weights: [1, 2, 1]}",
		  "");
	ck_assert_ptr_nonnull(sc);
	d = &sc->inputs[sc->i_capex].d;
	ck_assert_int_eq(d->kind, DIST_BETA);
	ck_assert_double_eq_tol(d->a, 100, TOL);
	ck_assert_double_eq_tol(d->b, 200, TOL);
	d = &sc->inputs[sc->i_price_change].d;
	ck_assert_int_eq(d->kind, DIST_CHOICE);
	ck_assert_int_eq(d->nvalues, 3);
	ck_assert_double_eq_tol(d->values[0], -0.1, TOL);
	ck_assert_double_eq_tol(d->values[2], 0.1, TOL);
	ck_assert_double_eq_tol(d->cum[0], 0.25, TOL);
	ck_assert_double_eq_tol(d->cum[1], 0.75, TOL);
	ck_assert_double_eq_tol(d->cum[2], 1, TOL);
	scenario_free(sc);

	/* choice without weights: equal weights */
	sc = load("{dist: choice, values: [100, 200, 300, 400]}", "0", "");
	ck_assert_ptr_nonnull(sc);
	d = &sc->inputs[sc->i_capex].d;
	ck_assert_int_eq(d->kind, DIST_CHOICE);
	ck_assert_double_eq_tol(d->cum[0], 0.25, TOL);
	ck_assert_double_eq_tol(d->cum[1], 0.5, TOL);
	ck_assert_double_eq_tol(d->cum[2], 0.75, TOL);
	scenario_free(sc);
}
END_TEST

START_TEST(test_scenario_truncation_and_resample)
{
	struct scenario *sc;
	const struct dist *d;

	sc = load("{dist: normal, mean: 100, sd: 50, lower: 0, upper: 250, "
		  "resample: year}",
		  "{dist: normal, mean: -15%, sd: 12%, resample: ar1, "
		  "phi: 0.6}", "");
	ck_assert_ptr_nonnull(sc);
	d = &sc->inputs[sc->i_capex].d;
	ck_assert_double_eq_tol(d->lower, 0, TOL);
	ck_assert_double_eq_tol(d->upper, 250, TOL);
	/* ulo = Phi(-2), uhi = Phi(3) */
	ck_assert_double_eq_tol(d->ulo, 0.022750131948179195, 1e-12);
	ck_assert_double_eq_tol(d->uhi, 0.9986501019683699, 1e-12);
	ck_assert_int_eq(d->resample, RESAMPLE_YEAR);
	d = &sc->inputs[sc->i_price_change].d;
	ck_assert_int_eq(d->resample, RESAMPLE_AR1);
	ck_assert_double_eq_tol(d->phi, 0.6, TOL);
	ck_assert(isinf(d->lower) && d->lower < 0);
	ck_assert(isinf(d->upper) && d->upper > 0);
	scenario_free(sc);
}
END_TEST

START_TEST(test_scenario_defaults)
{
	struct scenario *sc = load("10", "0", "");
	const struct input *in;

	ck_assert_ptr_nonnull(sc);
	ck_assert_str_eq(sc->file, "t.yaml");
	ck_assert_str_eq(sc->name, "t");
	ck_assert_str_eq(sc->description, "");
	ck_assert_int_eq(sc->start_year, 2026);
	ck_assert_int_eq(sc->years, 5);
	ck_assert_int_eq(sc->trials, 10000);
	ck_assert(sc->seed == 1);
	ck_assert_int_eq(sc->npct, 7);
	ck_assert_double_eq(sc->pct[0], 5);
	ck_assert_double_eq(sc->pct[6], 95);
	ck_assert_str_eq(sc->out_dir, "out/t");
	ck_assert_int_eq(sc->plots, 1);
	ck_assert_int_eq(sc->sampling, SAMPLING_MC);
	/* no cloud section: never launched, every cloud input at default */
	ck_assert_int_eq(sc->launch, LAUNCH_NEVER);
	ck_assert_int_eq(sc->term_years, 1);
	in = &sc->inputs[sc->i_ramp];
	ck_assert_str_eq(in->path, "cloud.ramp_years");
	ck_assert_int_eq(in->line, 0);
	ck_assert_int_eq(in->d.kind, DIST_FIXED);
	ck_assert_double_eq(in->d.a, 1);
	ck_assert_double_eq(sc->inputs[sc->i_billed].d.a, 1);
	ck_assert_double_eq(sc->inputs[sc->i_sellable].d.a, 1);
	ck_assert_double_eq(sc->inputs[sc->i_max_share].d.a, 1);
	ck_assert_double_eq(sc->inputs[sc->i_discount].d.a, 0);
	ck_assert_double_eq(sc->inputs[sc->i_availability].d.a, 1);
	ck_assert_double_eq(sc->inputs[sc->i_pue].d.a, 1);
	ck_assert_double_eq(sc->inputs[sc->i_reserve].d.a, 0);
	ck_assert_double_eq(sc->inputs[sc->i_market_growth].d.a, 0);
	ck_assert_double_eq(sc->inputs[sc->proc[1].i_cost_decline].d.a, 0);
	ck_assert_double_eq(sc->inputs[sc->work[0].i_efficiency].d.a, 0);
	ck_assert_double_eq(sc->inputs[sc->work[0].i_elasticity].d.a, 0);
	/* written inputs carry their position */
	in = &sc->inputs[sc->i_capex];
	ck_assert_int_eq(in->line, 5);
	ck_assert_int_eq(in->col, 15);
	/* 10 supply (power_gw and capex_response absent: none), 2 + 5 per
	 * line, 2 per contract, 2 + 4 per workload, 4 market, 9 cloud */
	ck_assert_int_eq(sc->ninputs, 10 + 10 + 2 + 2 + 4 + 4 + 9);
	ck_assert_int_eq(sc->i_power, -1);
	ck_assert_int_eq(sc->i_cr_beta, -1);
	ck_assert_int_eq(sc->has_industry, 0);
	ck_assert_int_eq(sc->i_ind_stock, -1);
	for (int i = 0; i < sc->ninputs; i++)
		ck_assert_int_eq(sc->inputs[i].series, -1);
	scenario_free(sc);
}
END_TEST

START_TEST(test_scenario_input_flags)
{
	struct scenario *sc = load("10", "0", "");
	const struct input *in;

	ck_assert_ptr_nonnull(sc);
	in = in_at(sc, "supply.procurement.nvidia.cost_decline");
	ck_assert_int_eq(in->acts_from, 1);
	ck_assert_int_eq(in->per_year_ok, 1);
	ck_assert_int_eq(in->uncertain, 1);
	ck_assert(isinf(in->range_lo) && in->range_lo < 0);
	ck_assert_double_eq(in->range_hi, 1);
	in = in_at(sc, "supply.capex_busd");
	ck_assert_int_eq(in->acts_from, 0);
	ck_assert_int_eq(in->per_year_ok, 1);
	ck_assert_double_eq(in->range_lo, 0);
	in = in_at(sc, "supply.useful_life_years");
	ck_assert_int_eq(in->acts_from, 0);
	ck_assert_int_eq(in->per_year_ok, 0);
	ck_assert_int_eq(in->uncertain, 0);
	in = in_at(sc, "market.market_growth");
	ck_assert_int_eq(in->acts_from, 1);
	ck_assert_double_eq(in->range_lo, -1);
	in = in_at(sc, "demand.workloads.training.elasticity");
	ck_assert_int_eq(in->acts_from, 1);
	in = in_at(sc, "cloud.discount_rate");
	ck_assert_int_eq(in->acts_from, 0);
	ck_assert_int_eq(in->per_year_ok, 0);
	scenario_free(sc);
}
END_TEST

START_TEST(test_scenario_series)
{
	struct scenario *sc = load("{2026: 100, 2028: \"120 to 180\", "
				   "then_growth: 5%}", "0", "");
	const struct input *in, *tg;
	int i;

	ck_assert_ptr_nonnull(sc);
	i = sc->i_capex;
	in = &sc->inputs[i];
	ck_assert_int_eq(in->form, INPUT_SERIES);
	ck_assert_int_eq(in->npoints, 2);
	ck_assert_int_eq(in->point_t[0], 0);
	ck_assert_int_eq(in->point_t[1], 2);
	ck_assert_int_eq(in->points[0].kind, DIST_FIXED);
	ck_assert_double_eq(in->points[0].a, 100);
	ck_assert_int_eq(in->points[1].kind, DIST_LOGNORMAL);
	ck_assert_double_eq_tol(in->points[1].a, 0.5 * log(120.0 * 180.0),
				TOL);
	ck_assert_int_eq(in->uncertain, 1);
	ck_assert_int_eq(in->series, -1);
	/* then_growth: its own input, right after its series */
	ck_assert_int_eq(in->then_growth, i + 1);
	tg = &sc->inputs[i + 1];
	ck_assert_str_eq(tg->path, "supply.capex_busd.then_growth");
	ck_assert_int_eq(tg->series, i);
	ck_assert_int_eq(tg->then_growth, -1);
	ck_assert_int_eq(tg->form, INPUT_VALUE);
	/* it acts after the series' last listed year, 2028: index 3 */
	ck_assert_int_eq(tg->acts_from, 3);
	ck_assert_int_eq(tg->per_year_ok, 1);
	ck_assert_double_eq(tg->range_lo, -1);
	ck_assert_double_eq_tol(tg->d.a, 0.05, TOL);
	ck_assert_int_eq(tg->uncertain, 0);
	ck_assert_int_eq(scenario_find_input(sc,
			 "supply.capex_busd.then_growth"), i + 1);
	scenario_free(sc);

	/* fixed points with an uncertain then_growth: the series itself is
	 * fixed; its then_growth is the uncertain input */
	sc = load("{2026: 100, then_growth: {dist: normal, mean: 5%, sd: 5%, "
		  "resample: year}}", "0", "");
	ck_assert_ptr_nonnull(sc);
	in = &sc->inputs[sc->i_capex];
	ck_assert_int_eq(in->form, INPUT_SERIES);
	ck_assert_int_eq(in->npoints, 1);
	ck_assert_int_eq(in->uncertain, 0);
	tg = &sc->inputs[in->then_growth];
	ck_assert_int_eq(tg->uncertain, 1);
	ck_assert_int_eq(tg->d.resample, RESAMPLE_YEAR);
	scenario_free(sc);

	/* a series without then_growth */
	sc = load("{2026: 1, 2027: 2, 2030: 3}", "0", "");
	ck_assert_ptr_nonnull(sc);
	in = &sc->inputs[sc->i_capex];
	ck_assert_int_eq(in->npoints, 3);
	ck_assert_int_eq(in->point_t[2], 4);
	ck_assert_int_eq(in->then_growth, -1);
	ck_assert_int_eq(in->uncertain, 0);
	scenario_free(sc);
}
END_TEST

START_TEST(test_scenario_input_order)
{
	/* inputs in the order their keys are written; defaults after */
	struct scenario *sc = load("{2026: 1, then_growth: 1%}", "0", "");

	ck_assert_ptr_nonnull(sc);
	ck_assert_str_eq(sc->inputs[0].path, "supply.installed_base_h100e");
	ck_assert_str_eq(sc->inputs[1].path,
			 "supply.installed_base_life_years");
	ck_assert_str_eq(sc->inputs[2].path, "supply.capex_busd");
	ck_assert_str_eq(sc->inputs[3].path, "supply.capex_busd.then_growth");
	ck_assert_str_eq(sc->inputs[4].path, "supply.compute_share");
	ck_assert_str_eq(sc->inputs[6].path,
			 "supply.procurement.nvidia.share");
	ck_assert_str_eq(sc->inputs[8].path,
			 "supply.procurement.nvidia.cost_decline");
	/* an item's defaults follow its written keys */
	ck_assert_str_eq(sc->inputs[9].path,
			 "supply.procurement.nvidia.kw_per_h100e");
	ck_assert_int_eq(sc->inputs[9].line, 0);
	ck_assert_str_eq(sc->inputs[10].path,
			 "supply.procurement.nvidia.kw_decline");
	ck_assert_str_eq(sc->inputs[11].path, "supply.procurement.amd.share");
	scenario_free(sc);
}
END_TEST

START_TEST(test_scenario_launch_and_whole)
{
	struct scenario *sc = load("10", "0",
				   "cloud:\n  launch: {year: 2028}\n"
				   "  term_years: 3\n"
				   "simulation:\n  trials: 1e5\n"
				   "  seed: 18446744073709551615\n"
				   "  percentiles: [1, 50, 99.5]\n"
				   "  sampling: lhs\n"
				   "output: {dir: x/y, plots: false}\n");

	ck_assert_ptr_nonnull(sc);
	ck_assert_int_eq(sc->launch, LAUNCH_YEAR);
	ck_assert_int_eq(sc->launch_t, 2);
	ck_assert_int_eq(sc->term_years, 3);
	ck_assert_int_eq(sc->trials, 100000);
	ck_assert(sc->seed == UINT64_MAX);
	ck_assert_int_eq(sc->npct, 3);
	ck_assert_double_eq(sc->pct[2], 99.5);
	ck_assert_str_eq(sc->out_dir, "x/y");
	ck_assert_int_eq(sc->plots, 0);
	ck_assert_int_eq(sc->sampling, SAMPLING_LHS);
	scenario_free(sc);

	sc = load("10", "0", "cloud: {launch: {trigger_surplus_share: 10%}}\n");
	ck_assert_ptr_nonnull(sc);
	ck_assert_int_eq(sc->launch, LAUNCH_TRIGGER);
	ck_assert_double_eq_tol(sc->trigger, 0.1, TOL);
	scenario_free(sc);

	sc = load("10", "0", "cloud: {launch: never}\noutput: {dir: ~}\n");
	ck_assert_ptr_nonnull(sc);
	ck_assert_int_eq(sc->launch, LAUNCH_NEVER);
	ck_assert_str_eq(sc->out_dir, "out/t");	/* null: the default */
	scenario_free(sc);
}
END_TEST

START_TEST(test_scenario_number_parsing)
{
	double v = 0;

	ck_assert_int_eq(number_parse("0.25", 0, &v), NUM_OK);
	ck_assert_double_eq(v, 0.25);
	ck_assert_int_eq(number_parse("1.3e6", 0, &v), NUM_OK);
	ck_assert_double_eq(v, 1.3e6);
	ck_assert_int_eq(number_parse("-.5", 0, &v), NUM_OK);
	ck_assert_double_eq(v, -0.5);
	ck_assert_int_eq(number_parse("+5.", 0, &v), NUM_OK);
	ck_assert_double_eq(v, 5);
	ck_assert_int_eq(number_parse("010", 0, &v), NUM_OK);
	ck_assert_double_eq(v, 10);	/* decimal, never octal */
	ck_assert_int_eq(number_parse("25%", 1, &v), NUM_OK);
	ck_assert_double_eq(v, 0.25);
	ck_assert_int_eq(number_parse("25%", 0, &v), NUM_MALFORMED);
	ck_assert_int_eq(number_parse("5x0%", 1, &v), NUM_MALFORMED);
	ck_assert_int_eq(number_parse("0x10", 0, &v), NUM_MALFORMED);
	ck_assert_int_eq(number_parse("1_000", 0, &v), NUM_MALFORMED);
	ck_assert_int_eq(number_parse("1e", 0, &v), NUM_MALFORMED);
	ck_assert_int_eq(number_parse("25 %", 1, &v), NUM_MALFORMED);
	ck_assert_int_eq(number_parse("-", 0, &v), NUM_MALFORMED);
	ck_assert_int_eq(number_parse(".inf", 0, &v), NUM_NONFINITE);
	ck_assert_int_eq(number_parse("-.Inf", 0, &v), NUM_NONFINITE);
	ck_assert_int_eq(number_parse(".NaN", 0, &v), NUM_NONFINITE);
	ck_assert_int_eq(number_parse("nan", 0, &v), NUM_NONFINITE);
	ck_assert_int_eq(number_parse("1e999", 0, &v), NUM_NONFINITE);
	ck_assert_int_eq(number_parse("abc", 0, &v), NUM_TEXT);
	ck_assert_int_eq(number_parse("", 0, &v), NUM_TEXT);
}
END_TEST

START_TEST(test_scenario_suggestions)
{
	const struct key_def *k;

	ck_assert_int_eq(suggest_distance("capex_bsud", "capex_busd", 64), 1);
	ck_assert_int_eq(suggest_distance("kitten", "sitting", 64), 3);
	ck_assert_int_eq(suggest_distance("abc", "abcdefgh", 2), 3);
	k = schema_suggest("supply", "capex_bsud");
	ck_assert_ptr_nonnull(k);
	ck_assert_str_eq(k->name, "capex_busd");
	k = schema_suggest("", "suply");
	ck_assert_ptr_nonnull(k);
	ck_assert_str_eq(k->name, "supply");
	ck_assert_ptr_null(schema_suggest("supply", "zzzzzzzzzz"));
}
END_TEST

START_TEST(test_scenario_schema_table)
{
	/* every "per year" key is a value; acts-from-1 keys are the growth
	 * and change inputs of MODEL.md */
	static const char *const acts1[] = {
		"growth", "efficiency_gain", "elasticity", "cost_decline",
		"kw_decline", "price_change", "market_growth", "then_growth"};
	int n = 0;

	for (int i = 0; i < schema_nkeys; i++) {
		const struct key_def *k = &schema_keys[i];

		if (k->flags & KF_PER_YEAR)
			ck_assert_int_eq(k->kind, KEY_VALUE);
		if (k->flags & KF_ACTS1) {
			int found = 0;
			for (size_t j = 0; j < 8; j++)
				found |= strcmp(k->name, acts1[j]) == 0;
			ck_assert_msg(found, "%s acts from 1", k->name);
			n++;
		}
	}
	/* 8 rows, and the industry's cost_decline, growth,
	 * efficiency_gain and elasticity */
	ck_assert_int_eq(n, 12);
}
END_TEST

START_TEST(test_scenario_keys_doc_current)
{
	const char *root = getenv("CS_ROOT");
	char path[4096], *mem = NULL, *file;
	size_t memn = 0, n;
	FILE *f;

	if (!root)
		root = ".";
	f = open_memstream(&mem, &memn);
	ck_assert_ptr_nonnull(f);
	scenario_print_keys(f);
	fclose(f);
	snprintf(path, sizeof path, "%s/docs/keys.md", root);
	f = fopen(path, "rb");
	ck_assert_msg(f != NULL, "cannot open %s", path);
	file = malloc(memn + 2);
	n = fread(file, 1, memn + 1, f);
	fclose(f);
	ck_assert_msg(n == memn && memcmp(file, mem, n) == 0,
		      "docs/keys.md is out of date: run make docs");
	free(file);
	free(mem);
}
END_TEST

START_TEST(test_scenario_format_example)
{
	const char *root = getenv("CS_ROOT");
	char path[4096];
	struct scenario *sc = NULL;
	const struct input *in;

	if (!root)
		root = ".";
	snprintf(path, sizeof path, "%s/tests/data/format-example.yaml", root);
	diag_free(&dg);
	diag_init(&dg);
	ck_assert_int_eq(scenario_load(&sc, path, NULL, 0, sample_check, &dg), 0);
	ck_assert_int_eq(dg.n, 0);	/* no warnings either */
	ck_assert_str_eq(sc->name, "Meta base case");
	ck_assert_int_eq(sc->trials, 20000);
	ck_assert_int_eq(sc->nproc, 2);
	ck_assert_int_eq(sc->ncontracts, 2);
	ck_assert_int_eq(sc->nwork, 3);
	ck_assert_int_eq(sc->ncorr, 2);
	ck_assert_int_eq(sc->launch, LAUNCH_YEAR);
	ck_assert_int_eq(sc->launch_t, 1);
	ck_assert_int_eq(sc->term_years, 2);
	ck_assert_str_eq(sc->out_dir, "out/meta-base");
	in = in_at(sc, "demand.workloads.genai_inference.growth");
	ck_assert_int_eq(in->d.resample, RESAMPLE_AR1);
	ck_assert_double_eq(in->d.phi, 0.6);
	in = in_at(sc, "demand.workloads.ads_ranking.growth");
	ck_assert_int_eq(in->form, INPUT_SERIES);
	ck_assert_int_eq(in->point_t[1], 3);
	in = in_at(sc, "supply.capex_busd.then_growth");
	ck_assert_int_eq(in->d.kind, DIST_NORMAL);
	in = in_at(sc, "demand.workloads.training.growth");
	ck_assert_double_eq_tol(in->d.lower, -0.4, TOL);
	ck_assert_int_eq(in->d.resample, RESAMPLE_YEAR);
	scenario_free(sc);
}
END_TEST

START_TEST(test_scenario_warning_mass_outside)
{
	/* normal(0.9, 0.1) on [0, 1]: P(X > 1) = 1 - Phi(1) = 15.87% */
	struct scenario *sc = load("10", "0", "");

	scenario_free(sc);
	sc = load("10", "{dist: normal, mean: 0, sd: 50%}", "");
	ck_assert_ptr_nonnull(sc);	/* a warning does not refuse */
	ck_assert_int_eq(dg.nerr, 0);
	ck_assert_int_eq(dg.nwarn, 1);
	ck_assert_int_eq(dg.v[0].level, DIAG_WARNING);
	ck_assert_int_eq(dg.v[0].line, 19);
	/* P(N(0, 0.5) < -1) = Phi(-2) = 2.275% */
	ck_assert_str_eq(msg(0), "market.price_change: 2.3% of the "
			 "distribution lies below -1, outside the key's range "
			 "(> -1); if such values cannot happen, truncate it "
			 "with `lower: -1`");
	scenario_free(sc);

	/* truncated: no warning */
	sc = load("10", "{dist: normal, mean: 0, sd: 50%, lower: -1}", "");
	ck_assert_ptr_nonnull(sc);
	ck_assert_int_eq(dg.n, 0);
	scenario_free(sc);
}
END_TEST

START_TEST(test_scenario_warning_series_growth)
{
	/* price_change (range > -1) at line 19, its then_growth value at
	 * column 43; horizon 2026-2030. -0.5 * 1.5 = -0.75 (2027), then
	 * -1.125 (2028): out of range by 2028. */
	static const struct scenario_set set = {
		"market.price_change.then_growth=50%",
		"market.price_change.then_growth", "50%"};
	static const char *const quiet[] = {
		/* -0.5 * 1.15^4 = -0.874 in 2030: stays in range */
		"{2026: -0.5, then_growth: 15%}",
		/* median 0.15 (the medians decide, not the tail at 0.3) */
		"{2026: -0.5, then_growth: {dist: uniform, min: 0, max: 0.3}}",
		/* nothing left to extrapolate after 2030 */
		"{2026: -0.5, 2030: -0.6, then_growth: 5}",
		/* falling towards 0 never leaves (> -1) */
		"{2026: -0.9, then_growth: -50%}",
	};
	struct scenario *sc;

	sc = load("10", "{2026: -50%, then_growth: 50%}", "");
	ck_assert_ptr_nonnull(sc);	/* a warning does not refuse */
	ck_assert_int_eq(dg.nerr, 0);
	ck_assert_int_eq(dg.nwarn, 1);
	ck_assert_int_eq(dg.v[0].level, DIAG_WARNING);
	ck_assert_int_eq(dg.v[0].line, 19);
	ck_assert_int_eq(dg.v[0].col, 43);
	ck_assert_str_eq(msg(0), "market.price_change.then_growth takes the "
			 "series out of its range (> -1) by 2028 at the "
			 "medians (-0.5 in 2026, then +50% a year, gives "
			 "-1.125); list later years, or give then_growth a "
			 "value that keeps it in range");
	scenario_free(sc);

	/* the bound itself is outside an open range: -0.5 * 2 = -1 */
	sc = load("10", "{2026: -0.5, then_growth: 1}", "");
	ck_assert_ptr_nonnull(sc);
	ck_assert_int_eq(dg.nwarn, 1);
	ck_assert_ptr_nonnull(strstr(msg(0), "by 2027 at the medians (-0.5 "
				     "in 2026, then +100% a year, gives -1)"));
	scenario_free(sc);

	/* medians of a drawn last point (normal p5 -0.6, p95 -0.4: -0.5)
	 * and of a drawn growth (uniform 0.3..0.7: 0.5) */
	sc = load("10", "{2026: -0.1, 2027: \"-60% to -40%\", then_growth: "
		  "{dist: uniform, min: 0.3, max: 0.7, resample: year}}", "");
	ck_assert_ptr_nonnull(sc);
	ck_assert_int_eq(dg.nwarn, 1);
	ck_assert_ptr_nonnull(strstr(msg(0), "by 2029 at the medians (-0.5 "
				     "in 2027, then +50% a year, gives "
				     "-1.125)"));
	scenario_free(sc);

	for (size_t i = 0; i < sizeof quiet / sizeof quiet[0]; i++) {
		sc = load("10", quiet[i], "");
		ck_assert_ptr_nonnull(sc);
		ck_assert_msg(dg.n == 0, "%s: %zu diagnostics", quiet[i],
			      dg.n);
		scenario_free(sc);
	}

	/* a then_growth with an error: the error only */
	sc = load("10", "{2026: -0.5, then_growth: -2}", "");
	ck_assert_ptr_null(sc);
	ck_assert_int_eq(dg.nerr, 1);
	ck_assert_int_eq(dg.nwarn, 0);

	/* set on the command line: named by its --set argument */
	sc = load_sets("10", "{2026: -0.5, then_growth: 0}", "", &set, 1);
	ck_assert_ptr_nonnull(sc);
	ck_assert_int_eq(dg.nwarn, 1);
	ck_assert_ptr_nonnull(dg.v[0].file);
	ck_assert_int_eq(dg.v[0].line, 0);
	ck_assert_ptr_nonnull(strstr(msg(0), "--set 'market.price_change."
				     "then_growth=50%': market.price_change."
				     "then_growth takes the series out of its "
				     "range (> -1) by 2028"));
	scenario_free(sc);
}
END_TEST

START_TEST(test_scenario_errors_collected)
{
	/* three problems in three places: three errors, in one run */
	struct scenario *sc = load("-5", "{dist: normal, mean: 0, sd: -1}",
				   "cloud: {term_years: 0, launch: {year: 2031}}"
				   "\n");

	ck_assert_ptr_null(sc);
	ck_assert_int_eq(dg.nerr, 4);
	ck_assert_str_eq(msg(0), "supply.capex_busd must be >= 0 (got -5)");
	ck_assert_int_eq(dg.v[0].line, 5);
	ck_assert_str_eq(msg(1), "market.price_change: `sd` must be > 0 "
			 "(got -1)");
	ck_assert_str_eq(msg(2), "cloud.term_years must be in [1, 1000] "
			 "(got 0)");
	ck_assert_str_eq(msg(3), "cloud.launch: year 2031 is outside the "
			 "horizon 2026-2030");

	/* a series value may carry neither resample nor phi */
	sc = load("{2026: {dist: normal, mean: 10, sd: 1, phi: 0.5}}", "0",
		  "");
	ck_assert_ptr_null(sc);
	ck_assert_int_eq(dg.nerr, 1);
	ck_assert_str_eq(msg(0), "supply.capex_busd: values in a year series "
			 "may not carry `phi` (a series is drawn once per "
			 "trial)");
}
END_TEST

static Suite *scenario_suite(void)
{
	Suite *s = suite_create("scenario");
	TCase *tc = tcase_create("core");

	diag_init(&dg);
	tcase_add_test(tc, test_scenario_text_cut_utf8);
	tcase_add_test(tc, test_scenario_interval_lognormal);
	tcase_add_test(tc, test_scenario_interval_normal);
	tcase_add_test(tc, test_scenario_numbers_and_percentages);
	tcase_add_test(tc, test_scenario_dist_forms);
	tcase_add_test(tc, test_scenario_truncation_and_resample);
	tcase_add_test(tc, test_scenario_defaults);
	tcase_add_test(tc, test_scenario_input_flags);
	tcase_add_test(tc, test_scenario_series);
	tcase_add_test(tc, test_scenario_input_order);
	tcase_add_test(tc, test_scenario_launch_and_whole);
	tcase_add_test(tc, test_scenario_number_parsing);
	tcase_add_test(tc, test_scenario_suggestions);
	tcase_add_test(tc, test_scenario_schema_table);
	tcase_add_test(tc, test_scenario_keys_doc_current);
	tcase_add_test(tc, test_scenario_format_example);
	tcase_add_test(tc, test_scenario_warning_mass_outside);
	tcase_add_test(tc, test_scenario_warning_series_growth);
	tcase_add_test(tc, test_scenario_errors_collected);
	suite_add_tcase(s, tc);
	return s;
}

CHECK_MAIN(scenario_suite)
