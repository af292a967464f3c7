/* scenutil.h — the base scenario the loader tests vary (capex_busd,
 * price_change and extra text filled in), loaded from a buffer with
 * --set arguments; shared by tests/check_scenario.c and
 * tests/check_paths.c. Helpers a program does not use are marked unused. */
#ifndef COMPUTESIM_TESTS_SCENUTIL_H
#define COMPUTESIM_TESTS_SCENUTIL_H
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "loader.h"
#include "sample.h"
#include "scenario.h"
#include "schema.h"
#include "testutil.h"

#define Z95 1.6448536269514722
#define TOL 1e-12

static __attribute__((unused)) const char base_fmt[] =
	"scenario: {name: t, start_year: 2026, years: 5}\n"
	"supply:\n"
	"  installed_base_h100e: 1000\n"
	"  installed_base_life_years: 4\n"
	"  capex_busd: %s\n"
	"  compute_share: 50%%\n"
	"  useful_life_years: 5\n"
	"  procurement:\n"
	"    - {name: nvidia, share: 3, cost_per_h100e_usd: 20000, "
	"cost_decline: \"10%% to 30%%\"}\n"
	"    - {name: amd, share: 1, cost_per_h100e_usd: 15000}\n"
	"  contracts:\n"
	"    - {name: coreweave, start: 2025, end: 2030, total_busd: 21, "
	"price_per_h100e_hour_usd: 2}\n"
	"demand:\n"
	"  start_ratio: 1.1\n"
	"  workloads:\n"
	"    - {name: training, share: 1, growth: \"10%% to 50%%\"}\n"
	"market:\n"
	"  price_per_h100e_hour_usd: 2\n"
	"  price_change: %s\n"
	"  market_h100e: 1e6\n"
	"%s";

static struct diag dg;

/* Load the base scenario with capex_busd, price_change and extra text;
 * NULL (errors in dg) when it does not load. */
static __attribute__((unused)) struct scenario *load_sets(const char *capex, const char *pc,
				  const char *extra,
				  const struct scenario_set *sets, int nsets)
{
	char buf[8192];
	struct scenario *sc = NULL;
	int n = snprintf(buf, sizeof buf, base_fmt, capex, pc, extra);

	ck_assert_int_lt(n, (int)sizeof buf);
	diag_free(&dg);
	diag_init(&dg);
	if (scenario_load_buffer(&sc, buf, (size_t)n, "t.yaml", sets, nsets,
				 sample_check,
				 &dg) < 0)
		return NULL;
	return sc;
}

static __attribute__((unused)) struct scenario *load(const char *capex, const char *pc,
			     const char *extra)
{
	return load_sets(capex, pc, extra, NULL, 0);
}

static __attribute__((unused)) const struct input *in_at(const struct scenario *sc,
				 const char *path)
{
	int i = scenario_find_input(sc, path);

	ck_assert_msg(i >= 0, "no input %s", path);
	return &sc->inputs[i];
}

/* The text of diagnostic k. */
static __attribute__((unused)) const char *msg(size_t k)
{
	ck_assert_uint_gt(dg.n, k);
	return dg.v[k].msg;
}

#endif
