/* check_paths.c — dotted input paths (sim/paths.c): their resolution,
 * correlations, --set (splicing, errors naming the argument, the same
 * path twice, errors across keys), and the rows and units of paths. */
#include "scenutil.h"

START_TEST(test_scenario_paths_resolve)
{
	struct scenario *sc = load("10", "0", "");

	ck_assert_ptr_nonnull(sc);
	ck_assert_int_eq(sc->nproc, 2);
	ck_assert_str_eq(sc->proc[0].name, "nvidia");
	ck_assert_str_eq(sc->proc[1].name, "amd");
	ck_assert_int_eq(scenario_find_input(sc,
			 "supply.procurement.nvidia.cost_decline"),
			 sc->proc[0].i_cost_decline);
	ck_assert_int_eq(scenario_find_input(sc,
			 "supply.procurement.amd.share"), sc->proc[1].i_share);
	ck_assert_int_eq(scenario_find_input(sc,
			 "supply.contracts.coreweave.total_busd"),
			 sc->contracts[0].i_total);
	ck_assert_int_eq(sc->contracts[0].start, 2025);
	ck_assert_int_eq(sc->contracts[0].end, 2030);
	ck_assert_int_eq(scenario_find_input(sc,
			 "demand.workloads.training.growth"),
			 sc->work[0].i_growth);
	ck_assert_int_eq(scenario_find_input(sc, "market.price_change"),
			 sc->i_price_change);
	ck_assert_int_eq(scenario_find_input(sc, "cloud.term_years"), -1);
	ck_assert_int_eq(scenario_find_input(sc, "supply.procurement"), -1);
	ck_assert_int_eq(scenario_find_input(sc, "nope"), -1);
	ck_assert_int_eq(scenario_find_input(NULL, "nope"), -1);
	/* every input's path resolves to itself */
	for (int i = 0; i < sc->ninputs; i++)
		ck_assert_int_eq(scenario_find_input(sc, sc->inputs[i].path), i);
	scenario_free(sc);
}
END_TEST

START_TEST(test_scenario_correlations)
{
	struct scenario *sc = load(
		"\"100 to 200\"", "\"-10% to 5%\"",
		"correlations:\n"
		"  - [supply.capex_busd, market.price_change, -0.5]\n"
		"  - [supply.pue, market.price_change, 0.9]\n"
		"  - [demand.workloads.training.growth, "
		"supply.procurement.nvidia.cost_decline, 50%]\n");

	ck_assert_ptr_nonnull(sc);
	ck_assert_int_eq(sc->corr_line, 21);
	ck_assert_int_eq(sc->corr_col, 1);
	/* the pair with the fixed pue is dropped, with a warning there */
	ck_assert_int_eq(sc->ncorr, 2);
	ck_assert_int_eq(dg.n, 1);
	ck_assert_int_eq(dg.nerr, 0);
	ck_assert_int_eq(dg.v[0].line, 23);
	ck_assert_str_eq(msg(0), "correlations: `supply.pue` is fixed, so its "
			 "pair with `market.price_change` is ignored (a "
			 "correlation ties two uncertain inputs)");
	ck_assert_int_eq(sc->corr[0].a, sc->i_capex);
	ck_assert_int_eq(sc->corr[0].b, sc->i_price_change);
	ck_assert_double_eq(sc->corr[0].rho_s, -0.5);
	ck_assert_int_eq(sc->corr[0].line, 22);
	ck_assert_int_eq(sc->corr[1].a, sc->work[0].i_growth);
	ck_assert_int_eq(sc->corr[1].b, sc->proc[0].i_cost_decline);
	ck_assert_double_eq_tol(sc->corr[1].rho_s, 0.5, TOL);
	scenario_free(sc);

	/* errors: unknown path with a suggestion, self pair, out of range,
	 * duplicate pair (either order) */
	sc = load("\"100 to 200\"", "\"-10% to 5%\"",
		  "correlations:\n"
		  "  - [supply.capex_bsud, market.price_change, 0.1]\n"
		  "  - [supply.capex_busd, supply.capex_busd, 0.1]\n"
		  "  - [supply.capex_busd, market.price_change, 1.5]\n"
		  "  - [market.price_change, supply.capex_busd, 0.2]\n"
		  "  - [supply.capex_busd, market.price_change, 0.3]\n");
	ck_assert_ptr_null(sc);
	ck_assert_int_eq(dg.nerr, 5);
	ck_assert_str_eq(msg(0), "correlations: unknown path "
			 "`supply.capex_bsud` (did you mean "
			 "`supply.capex_busd`?)");
	ck_assert_str_eq(msg(1), "correlations: `supply.capex_busd` is "
			 "paired with itself");
	ck_assert_str_eq(msg(2), "correlations: rho_s must be in [-1, 1] "
			 "(got 1.5)");
	ck_assert_str_eq(msg(3), "correlations: `supply.capex_busd` and "
			 "`market.price_change` are paired twice (first at "
			 "line 24)");
	ck_assert_int_eq(dg.v[3].line, 25);
	ck_assert_int_eq(dg.v[4].line, 26);

	/* a then_growth named where there is none: of a year series
	 * (capex here, listed without one) or of a plain value */
	sc = load("{2026: \"100 to 200\"}", "\"-10% to 5%\"",
		  "correlations:\n"
		  "  - [supply.capex_busd.then_growth, market.price_change, "
		  "0.1]\n"
		  "  - [market.price_change.then_growth, supply.capex_busd, "
		  "0.1]\n");
	ck_assert_ptr_null(sc);
	ck_assert_int_eq(dg.nerr, 2);
	ck_assert_str_eq(msg(0), "correlations: `supply.capex_busd` is a "
			 "year series without a then_growth; give it one "
			 "(then_growth: ...) to name it");
	ck_assert_str_eq(msg(1), "correlations: `market.price_change` is not "
			 "a year series, so it has no then_growth");
}
END_TEST

START_TEST(test_scenario_set)
{
	struct scenario_set sets[] = {
		{"simulation.trials=100", "simulation.trials", "100"},
		{"cloud.term_years=3", "cloud.term_years", "3"},
		{"cloud.launch={year: 2028}", "cloud.launch", "{year: 2028}"},
		{"market.market_growth=40% to 90%", "market.market_growth",
		 "40% to 90%"},
		{"supply.procurement.amd.share=0", "supply.procurement.amd.share",
		 "0"},
		{"supply.capex_busd.then_growth=-5%",
		 "supply.capex_busd.then_growth", "-5%"},
	};
	struct scenario *sc = load_sets("{2026: 10}", "0", "", sets, 6);
	const struct input *in;

	ck_assert_ptr_nonnull(sc);
	ck_assert_int_eq(sc->trials, 100);
	ck_assert_int_eq(sc->term_years, 3);
	ck_assert_int_eq(sc->launch, LAUNCH_YEAR);
	ck_assert_int_eq(sc->launch_t, 2);
	in = in_at(sc, "market.market_growth");
	ck_assert_int_eq(in->d.kind, DIST_LOGNORMAL);
	ck_assert_double_eq_tol(in->d.a, 0.5 * log(0.36), TOL);
	ck_assert_int_eq(in->line, 0);	/* not from the file */
	ck_assert_double_eq(in_at(sc, "supply.procurement.amd.share")->d.a, 0);
	in = in_at(sc, "supply.capex_busd.then_growth");
	ck_assert_double_eq_tol(in->d.a, -0.05, TOL);
	ck_assert_int_eq(in->series, sc->i_capex);
	scenario_free(sc);
}
END_TEST

START_TEST(test_scenario_set_errors)
{
	struct scenario_set sets[] = {
		{"market.foo=3", "market.foo", "3"},
		{"supply.pue=abc", "supply.pue", "abc"},
		{"supply.procurement.intel.share=1",
		 "supply.procurement.intel.share", "1"},
		{"market.price_change=[1,", "market.price_change", "[1,"},
		{"suply.pue=1", "suply.pue", "1"},
		{"supply.capex_busd.then_growth=1%",
		 "supply.capex_busd.then_growth", "1%"},
		{"supply.pue=", "supply.pue", ""},
	};
	struct scenario *sc = load_sets("10", "0", "", sets, 7);

	ck_assert_ptr_null(sc);
	ck_assert_int_eq(dg.nerr, 7);
	for (size_t i = 0; i < dg.n; i++) {	/* the file, no position */
		ck_assert_ptr_nonnull(dg.v[i].file);
		ck_assert_int_eq(dg.v[i].line, 0);
	}
	ck_assert_str_eq(msg(0), "--set 'market.foo=3': unknown key `foo` in "
			 "`market`");
	ck_assert_str_eq(msg(1), "--set 'supply.procurement.intel.share=1': "
			 "no item named `intel` in `supply.procurement`");
	ck_assert_str_eq(msg(3), "--set 'suply.pue=1': unknown section "
			 "`suply` (did you mean `supply`?)");
	ck_assert_str_eq(msg(4), "--set 'supply.capex_busd.then_growth=1%': "
			 "`supply.capex_busd` is not a year series, so it "
			 "has no then_growth");
	ck_assert_str_eq(msg(5), "--set 'supply.pue=': no value after `=`");
	/* validation of a set value names the argument */
	ck_assert_str_eq(msg(6), "--set 'supply.pue=abc': supply.pue must be "
			 "a number, a percentage, \"a to b\" or a mapping with "
			 "`dist:` (got `abc`)");
}
END_TEST

/* The same path set twice is refused (the first would be lost unseen);
 * --set errors come out in the order of the arguments. */
START_TEST(test_scenario_set_twice_and_order)
{
	struct scenario_set sets[] = {
		{"supply.xx=1", "supply.xx", "1"},
		{"supply.pue=0.5", "supply.pue", "0.5"},
		{"supply.pue=1.2", "supply.pue", "1.2"},
	};
	struct scenario *sc = load_sets("10", "0", "", sets, 3);
	char *buf;

	ck_assert_ptr_null(sc);
	ck_assert_int_eq(dg.nerr, 3);
	buf = diag_text(&dg);
	ck_assert_str_eq(buf,
		"t.yaml: error: --set 'supply.xx=1': unknown key `xx` in "
		"`supply`\n"
		"t.yaml: error: --set 'supply.pue=0.5': supply.pue must be "
		">= 1 (got 0.5)\n"
		"t.yaml: error: --set 'supply.pue=1.2': `supply.pue` would "
		"replace what --set 'supply.pue=0.5' set; give each path "
		"once\n");
	free(buf);
}
END_TEST

/* A later --set of what holds an earlier one's value, or of a section an
 * earlier one made null, is refused too (the first was lost unseen, and
 * the second once wrote into freed memory). */
START_TEST(test_scenario_set_over_earlier)
{
	struct scenario_set a[] = {
		{"simulation.trials=0", "simulation.trials", "0"},
		{"simulation={seed: 3}", "simulation", "{seed: 3}"},
	};
	struct scenario_set b[] = {
		{"cloud=~", "cloud", "~"},
		{"cloud.term_years=3", "cloud.term_years", "3"},
	};
	struct scenario *sc = load_sets("10", "0", "", a, 2);

	ck_assert_ptr_null(sc);
	ck_assert_int_eq(dg.nerr, 2);
	ck_assert_str_eq(msg(0), "--set 'simulation={seed: 3}': `simulation` "
			 "would replace what --set 'simulation.trials=0' set; "
			 "give each path once");
	sc = load_sets("10", "0", "", b, 2);
	ck_assert_ptr_null(sc);
	ck_assert_int_eq(dg.nerr, 1);
	ck_assert_str_eq(msg(0), "--set 'cloud.term_years=3': `cloud` would "
			 "replace what --set 'cloud=~' set; give each path "
			 "once");
}
END_TEST

/* Errors a --set causes in a check across keys name the argument: a
 * contract whose start a --set moved past its end; a year series of the
 * file that a --set on the horizon leaves outside it (at the file's
 * position, since the year is the file's, with the argument named). */
START_TEST(test_scenario_set_cross_checks)
{
	struct scenario_set s1[] = {
		{"supply.contracts.coreweave.start=2031",
		 "supply.contracts.coreweave.start", "2031"},
	};
	struct scenario_set s2[] = {
		{"scenario.years=2", "scenario.years", "2"},
	};
	struct scenario *sc = load_sets("10", "0", "", s1, 1);

	ck_assert_ptr_null(sc);
	ck_assert_int_eq(dg.nerr, 1);
	ck_assert_int_eq(dg.v[0].line, 0);
	ck_assert_str_eq(msg(0), "--set 'supply.contracts.coreweave.start="
			 "2031': supply.contracts.coreweave: start 2031 is "
			 "after end 2030");

	sc = load_sets("{2026: 10, 2029: 20}", "0", "", s2, 1);
	ck_assert_ptr_null(sc);
	ck_assert_int_eq(dg.nerr, 1);
	ck_assert_int_eq(dg.v[0].line, 5);
	ck_assert_str_eq(msg(0), "supply.capex_busd: year 2029 is outside "
			 "the horizon 2026-2027 (the horizon comes from --set "
			 "'scenario.years=2')");
	/* without the --set the same file loads */
	sc = load("{2026: 10, 2029: 20}", "0", "");
	ck_assert_ptr_nonnull(sc);
	scenario_free(sc);

	/* the one share a --set zeroed */
	{
		struct scenario_set s3[] = {
			{"demand.workloads.training.share=0",
			 "demand.workloads.training.share", "0"},
		};

		sc = load_sets("10", "0", "", s3, 1);
		ck_assert_ptr_null(sc);
		ck_assert_int_eq(dg.nerr, 1);
		ck_assert_str_eq(msg(0), "--set 'demand.workloads.training."
				 "share=0': the shares in `demand.workloads` "
				 "are all 0; at least one must be > 0");
	}
	/* a correlation list from --set that cannot hold */
	{
		static const char corr[] =
			"[[supply.capex_busd, demand.workloads.training.growth,"
			" 0.9], [supply.capex_busd, supply.procurement.nvidia."
			"cost_decline, 0.9], [demand.workloads.training.growth,"
			" supply.procurement.nvidia.cost_decline, -0.9]]";
		char arg[300];
		struct scenario_set s4[1];

		snprintf(arg, sizeof arg, "correlations=%s", corr);
		s4[0].arg = arg;
		s4[0].path = "correlations";
		s4[0].value = corr;
		sc = load_sets("10 to 20", "0", "", s4, 1);
		ck_assert_ptr_null(sc);
		ck_assert_int_eq(dg.nerr, 1);
		ck_assert_int_eq(dg.v[0].line, 0);
		ck_assert_ptr_nonnull(strstr(msg(0), "--set 'correlations=[["));
		ck_assert_ptr_nonnull(strstr(msg(0), "': correlation matrix is "
					     "not positive definite: the "
					     "correlations among "));
	}
}
END_TEST

/* Input paths back to their rows, and the units chart axes show. */
START_TEST(test_scenario_path_units)
{
	static const struct {
		const char *path, *unit;
	} t[] = {
		{"supply.capex_busd", "$B"},
		{"supply.procurement.nvidia.cost_decline", "fraction per year"},
		{"supply.procurement.nvidia.cost_per_h100e_usd",
		 "USD per H100e"},
		{"supply.procurement.amd.kw_per_h100e", "kW per H100e"},
		{"supply.kw_per_h100e_base", "kW per H100e"},
		{"supply.compute_share", "fraction"},
		{"supply.useful_life_years", "years"},
		{"supply.installed_base_h100e", "H100e"},
		{"supply.pue", ""},
		{"market.price_per_h100e_hour_usd", "USD per H100e-hour"},
		{"market.market_growth", "fraction per year"},
		{"cloud.discount_rate", "fraction per year"},
		{"demand.workloads.ads.elasticity", ""},
		{"supply.capex_busd.then_growth", "fraction per year"},
	};

	for (size_t i = 0; i < sizeof t / sizeof t[0]; i++) {
		const struct key_def *k = schema_for_path(t[i].path);

		ck_assert_msg(k != NULL, "%s: no row", t[i].path);
		ck_assert_str_eq(schema_unit(k), t[i].unit);
	}
	ck_assert_ptr_null(schema_for_path("cloud.term_years"));
	ck_assert_ptr_null(schema_for_path("supply.procurement"));
	ck_assert_ptr_null(schema_for_path("supply.nope"));
	ck_assert_ptr_null(schema_for_path("supply"));
	ck_assert_ptr_null(schema_for_path(""));
}
END_TEST

static Suite *paths_suite(void)
{
	Suite *s = suite_create("paths");
	TCase *tc = tcase_create("core");

	diag_init(&dg);
	tcase_add_test(tc, test_scenario_paths_resolve);
	tcase_add_test(tc, test_scenario_correlations);
	tcase_add_test(tc, test_scenario_set);
	tcase_add_test(tc, test_scenario_set_errors);
	tcase_add_test(tc, test_scenario_set_twice_and_order);
	tcase_add_test(tc, test_scenario_set_over_earlier);
	tcase_add_test(tc, test_scenario_set_cross_checks);
	tcase_add_test(tc, test_scenario_path_units);
	suite_add_tcase(s, tc);
	return s;
}

CHECK_MAIN(paths_suite)
