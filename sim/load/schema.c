/* schema.c — the one table of scenario keys (docs/format.md "Keys") and the
 * key reference printed by `computesim keys`; see schema.h. */
#include <ctype.h>
#include <math.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "scenario.h"
#include "schema.h"
#include "suggest.h"

#define INF HUGE_VAL
#define SC(field) offsetof(struct scenario, field)
/* The offset of field f of type, and a compile error unless f has type T:
 * the loader writes each row's value as the type its store names, so a
 * row that named a field of another type would write past it. */
#define FIELD_OF(type, f, T)                                              \
	(offsetof(type, f) +                                              \
	 0 * sizeof(char[_Generic(((type *)0)->f, T: 1, default: -1)]))
#define SC_T(field, T) FIELD_OF(struct scenario, field, T)

/* Row builders. Ranges are [lo, hi] unless KF_LO_OPEN / KF_HI_OPEN. */
#define SECTION(nm, fl, desc)                                             \
	{"", nm, KEY_SECTION, fl, -INF, INF, 0, (fl) & KF_REQUIRED ?      \
	 "required" : "optional", "section", desc, STORE_NONE, 0, 0, 0, 0, \
	 NULL}
#define VAL(sec, nm, fl, lo, hi, def, defdoc, field, desc)                \
	{sec, nm, KEY_VALUE, fl, lo, hi, def, defdoc, NULL, desc,         \
	 STORE_INPUT, SC_T(field, int), 0, 0, 0, NULL}
#define ITEMVAL(sec, type, nm, fl, lo, hi, def, defdoc, field, desc)      \
	{sec, nm, KEY_VALUE, fl, lo, hi, def, defdoc, NULL, desc,         \
	 STORE_INPUT, FIELD_OF(type, field, int), 0, 0, 0, NULL}
#define TEXT(sec, nm, fl, defdoc, rdoc, off, desc)                        \
	{sec, nm, KEY_TEXT, fl, -INF, INF, 0, defdoc, rdoc, desc,         \
	 STORE_STR, off, 0, 0, 0, NULL}
#define WHOLE(sec, nm, fl, lo, hi, def, defdoc, rdoc, store, off, desc)   \
	{sec, nm, KEY_WHOLE, fl, lo, hi, def, defdoc, rdoc, desc, store,  \
	 off, 0, 0, 0, NULL}
#define LIST(sec, nm, fl, rdoc, field, nfield, type, min, desc)           \
	{sec, nm, KEY_LIST, fl, -INF, INF, 0, (fl) & KF_REQUIRED ?        \
	 "required" : "none", rdoc, desc, STORE_NONE, SC_T(field, type *), \
	 SC_T(nfield, int), sizeof(type), min, NULL}

#define SUBSECTION(sec, nm, desc)                                         \
	{sec, nm, KEY_SUBSECTION, 0, -INF, INF, 0, "none (capex as planned)", \
	 "mapping: `sensitivity`, `floor`, `cap`", desc, STORE_NONE, 0, 0, 0, 0, \
	 NULL}
/* The three keys of a capex_response mapping, stored in fields
 * i_<pfx>_beta, _floor, _cap. */
#define CAPEX_RESPONSE(sec, pfx, what)                                    \
	VAL(sec, "sensitivity", REQ, 0, INF, 0, "required", pfx##_beta,   \
	    "beta: how strongly capex follows " what),                    \
	VAL(sec, "floor", 0, 0, INF, 0, "0", pfx##_floor,                 \
	    "share of the plan capex is never cut below"),                \
	VAL(sec, "cap", 0, 0, INF, 1, "1", pfx##_cap,                     \
	    "share of the plan capex never exceeds (>= floor)")

/* A word among `words` (NULL-ended), stored as its index. */
#define WORD(sec, nm, def, defdoc, rdoc, field, words, desc)              \
	{sec, nm, KEY_WORD, 0, -INF, INF, def, defdoc, rdoc, desc,        \
	 STORE_WORD, SC_T(field, int), 0, 0, 0, words}

static const char *const sampling_words[] = {"mc", "lhs", NULL};

#define PY (KF_PER_YEAR)
#define GROWTH (KF_PER_YEAR | KF_ACTS1)
#define REQ KF_REQUIRED

const struct key_def schema_keys[] = {
	SECTION("scenario", REQ, "what the scenario is and its horizon"),
	TEXT("scenario", "name", REQ, "required", "text",
	     SC_T(name, char *), "shown in outputs and summary.json"),
	TEXT("scenario", "description", 0, "empty", "text", SC_T(description, char *),
	     "free text"),
	WHOLE("scenario", "start_year", REQ, 1900, 2200, 0, "required",
	      NULL, STORE_INT, SC_T(start_year, int), "calendar year of year index 0"),
	WHOLE("scenario", "years", REQ, 1, 100, 0, "required", NULL,
	      STORE_INT, SC_T(years, int), "the horizon, in years"),

	SECTION("simulation", 0, "how many trials, and the random seed"),
	WHOLE("simulation", "trials", 0, 1, INF, 10000, "10000", NULL,
	      STORE_LONG, SC_T(trials, long), "number of Monte Carlo trials"),
	WHOLE("simulation", "seed", 0, 0, INF, 1, "1",
	      NULL, STORE_U64, SC_T(seed, uint64_t),
	      "random seed; same seed, same results"),
	WORD("simulation", "sampling", SAMPLING_MC, "`mc`", "`mc` or `lhs`",
	     sampling, sampling_words, "mc: plain Monte Carlo (trial i is "
	     "the same whatever the trials); lhs: Latin hypercube, every "
	     "innovation stratified over the trials (--sampling overrides)"),
	{"simulation", "percentiles", KEY_PERCENTILES, 0, 0, 100, 0,
	 "[5, 10, 25, 50, 75, 90, 95]", "increasing numbers in (0, 100)",
	 "percentiles reported for every metric", STORE_NONE, 0, 0, 0, 0,
	 NULL},

	SECTION("supply", REQ, "the owned fleet, what is bought, contracts"),
	VAL("supply", "installed_base_h100e", REQ, 0, INF, 0, "required",
	    i_base, "fleet in service at the start of year 0, H100e"),
	VAL("supply", "installed_base_life_years", REQ | KF_LO_OPEN, 0, INF,
	    0, "required", i_base_life,
	    "the installed base retires evenly over this many years"),
	VAL("supply", "installed_base_book_value_busd", 0, 0, INF, 0, "0",
	    i_base_book, "book value of the installed base, depreciated "
	    "over its life"),
	VAL("supply", "capex_busd", REQ | PY, 0, INF, 0, "required", i_capex,
	    "capital expenditure per year, billion USD"),
	VAL("supply", "compute_share", REQ | PY, 0, 1, 0, "required",
	    i_compute_share, "share of capex spent on compute"),
	VAL("supply", "deployment_lag_years", 0, 0, INF, 0, "0", i_lag,
	    "years from purchase to service (fractional)"),
	VAL("supply", "useful_life_years", REQ | KF_LO_OPEN, 0, INF, 0,
	    "required", i_life, "service life of new hardware (fractional)"),
	VAL("supply", "availability", KF_LO_OPEN, 0, 1, 1, "1",
	    i_availability, "usable share of the owned fleet"),
	VAL("supply", "pue", 0, 1, INF, 1, "1", i_pue,
	    "power usage effectiveness"),
	VAL("supply", "kw_per_h100e_base", 0, 0, INF, 0, "0", i_kw_base,
	    "kW per H100e of the installed base"),
	VAL("supply", "power_gw", PY | KF_NODEFAULT | KF_LO_OPEN, 0, INF, 0,
	    "unlimited", i_power, "facility power the owned fleet can draw, "
	    "GW; what it cannot power is stranded"),
	SUBSECTION("supply", "capex_response",
		   "capex follows last year's balance of demand and fleet"),
	CAPEX_RESPONSE("supply.capex_response", i_cr,
		       "last year's demand ratio"),
	LIST("supply", "procurement", REQ, "at least one line", proc, nproc,
	     struct proc_line, 1, "GPU families that split compute capex"),
	TEXT("supply.procurement", "name", REQ | KF_UNIQUE, "required",
	     "text, unique", FIELD_OF(struct proc_line, name, char *),
	     "names the line in paths"),
	ITEMVAL("supply.procurement", struct proc_line, "share",
		REQ | KF_WEIGHT, 0, INF, 0, "required", i_share,
		"weight of the line in compute capex (normalised)"),
	ITEMVAL("supply.procurement", struct proc_line, "cost_per_h100e_usd",
		REQ | KF_LO_OPEN, 0, INF, 0, "required", i_cost,
		"cost of one H100e in year 0, USD"),
	ITEMVAL("supply.procurement", struct proc_line, "cost_decline",
		GROWTH | KF_HI_OPEN, -INF, 1, 0, "0", i_cost_decline,
		"yearly fall of the cost per H100e"),
	ITEMVAL("supply.procurement", struct proc_line, "kw_per_h100e", 0, 0,
		INF, 0, "0", i_kw, "kW per H100e of this line's purchases of "
		"year 0"),
	ITEMVAL("supply.procurement", struct proc_line, "kw_decline",
		GROWTH | KF_HI_OPEN, -INF, 1, 0, "0", i_kw_decline,
		"yearly fall of kW per H100e of later purchases (each keeps "
		"its purchase year's kW)"),
	LIST("supply", "contracts", 0, "any number", contracts, ncontracts,
	     struct contract, 0, "capacity rented from other clouds, "
	     "take-or-pay"),
	TEXT("supply.contracts", "name", REQ | KF_UNIQUE, "required",
	     "text, unique", FIELD_OF(struct contract, name, char *),
	     "names the contract in paths"),
	WHOLE("supply.contracts", "start", REQ, 1900, 2200, 0, "required",
	      "whole year, 1900–2200, start <= end", STORE_INT,
	      FIELD_OF(struct contract, start, int),
	      "first year (may lie before start_year)"),
	WHOLE("supply.contracts", "end", REQ, 1900, 2200, 0, "required",
	      "whole year, 1900–2200, start <= end", STORE_INT,
	      FIELD_OF(struct contract, end, int),
	      "last year, inclusive (may lie past the horizon)"),
	ITEMVAL("supply.contracts", struct contract, "total_busd", REQ, 0,
		INF, 0, "required", i_total,
		"total paid over the whole contract, billion USD"),
	ITEMVAL("supply.contracts", struct contract,
		"price_per_h100e_hour_usd", REQ | KF_LO_OPEN, 0, INF, 0,
		"required", i_price, "contract price per H100e-hour, USD"),

	SECTION("demand", REQ, "internal demand for compute"),
	VAL("demand", "start_ratio", REQ | KF_LO_OPEN, 0, INF, 0, "required",
	    i_start_ratio, "year-0 demand over year-0 capacity"),
	VAL("demand", "reserve_margin", 0, 0, 1, 0, "0", i_reserve,
	    "share of the fleet kept free for peaks"),
	LIST("demand", "workloads", REQ, "at least one", work, nwork,
	     struct workload, 1, "workloads that split year-0 demand"),
	TEXT("demand.workloads", "name", REQ | KF_UNIQUE, "required",
	     "text, unique", FIELD_OF(struct workload, name, char *),
	     "names the workload in paths and metrics"),
	ITEMVAL("demand.workloads", struct workload, "share",
		REQ | KF_WEIGHT, 0, INF, 0, "required", i_share,
		"weight of the workload in year-0 demand (normalised)"),
	ITEMVAL("demand.workloads", struct workload, "growth",
		GROWTH | KF_LO_OPEN, -1, INF, 0, "0", i_growth,
		"yearly growth of the workload's volume"),
	ITEMVAL("demand.workloads", struct workload, "efficiency_gain",
		GROWTH | KF_HI_OPEN, -INF, 1, 0, "0", i_efficiency,
		"yearly fall of compute per unit of work"),
	ITEMVAL("demand.workloads", struct workload, "elasticity", GROWTH, 0,
		INF, 0, "0", i_elasticity,
		"share of the efficiency saving that returns as volume"),

	SECTION("market", REQ, "the market for rented compute"),
	VAL("market", "price_per_h100e_hour_usd", REQ | KF_LO_OPEN, 0, INF,
	    0, "required", i_price, "market price per H100e-hour in year 0"),
	VAL("market", "price_change", GROWTH | KF_LO_OPEN, -1, INF, 0, "0",
	    i_price_change, "yearly change of the market price"),
	VAL("market", "market_h100e", REQ | KF_NOINDUSTRY | KF_LO_OPEN, 0,
	    INF, 0, "required without `industry`; refused with it", i_market,
	    "H100e rented by others in year 0"),
	VAL("market", "market_growth", GROWTH | KF_NOINDUSTRY | KF_LO_OPEN,
	    -1, INF, 0, "0; refused with `industry`", i_market_growth,
	    "yearly growth of the rented market"),

	{"", "industry", KEY_SECTION, KF_NODEFAULT, -INF, INF, 0, "optional",
	 "section", "everyone else's supply and demand: the market the "
	 "company sells into (absent: the market is market_h100e)",
	 STORE_NONE, 0, 0, 0, 0, NULL},
	VAL("industry", "stock_h100e", REQ | KF_LO_OPEN, 0, INF, 0,
	    "required", i_ind_stock, "everyone else's fleet at the start, "
	    "H100e"),
	VAL("industry", "capex_busd", REQ | PY, 0, INF, 0, "required",
	    i_ind_capex, "everyone else's capex plan per year, billion USD"),
	SUBSECTION("industry", "capex_response",
		   "everyone else's capex follows last year's tightness"),
	CAPEX_RESPONSE("industry.capex_response", i_icr,
		       "last year's tightness"),
	VAL("industry", "compute_share", REQ | PY, 0, 1, 0, "required",
	    i_ind_compute_share, "share of their capex spent on compute"),
	VAL("industry", "cost_per_h100e_usd", REQ | KF_LO_OPEN, 0, INF, 0,
	    "required", i_ind_cost, "their cost of one H100e in year 0, USD"),
	VAL("industry", "cost_decline", GROWTH | KF_HI_OPEN, -INF, 1, 0, "0",
	    i_ind_cost_decline, "yearly fall of their cost per H100e"),
	VAL("industry", "life_years", REQ | KF_LO_OPEN, 1, INF, 0,
	    "required", i_ind_life, "their fleet retires by 1/life a year"),
	VAL("industry", "start_ratio", REQ | KF_LO_OPEN, 0, INF, 0,
	    "required", i_ind_start_ratio,
	    "their demand over their fleet in year 0"),
	VAL("industry", "growth", GROWTH | KF_LO_OPEN, -1, INF, 0, "0",
	    i_ind_growth, "yearly growth of their demand's volume"),
	VAL("industry", "efficiency_gain", GROWTH | KF_HI_OPEN, -INF, 1, 0,
	    "0", i_ind_efficiency, "yearly fall of their compute per unit "
	    "of work"),
	VAL("industry", "elasticity", GROWTH, 0, INF, 0, "0",
	    i_ind_elasticity, "share of their efficiency saving that "
	    "returns as volume"),
	VAL("industry", "rented_share", REQ | PY | KF_LO_OPEN, 0, 1, 0,
	    "required", i_ind_rented_share, "share of their demand bought "
	    "as rented compute: the market the company sells into"),
	VAL("industry", "price_response", 0, 0, INF, 0, "0",
	    i_ind_price_response, "kappa: the rent moves with "
	    "tightness^kappa"),

	SECTION("cloud", 0, "the option to sell the surplus (absent: never "
		"launched)"),
	{"cloud", "launch", KEY_LAUNCH, 0, 0, 1, 0, "never",
	 "`never`, `{year: Y}` with Y in the horizon, or "
	 "`{trigger_surplus_share: x}` with x in [0, 1]; fixed",
	 "when the cloud business starts", STORE_NONE, 0, 0, 0, 0, NULL},
	VAL("cloud", "launch_cost_busd", 0, 0, INF, 0, "0", i_launch_cost,
	    "one-off cost in the launch year"),
	VAL("cloud", "fixed_cost_busd", 0, 0, INF, 0, "0", i_fixed_cost,
	    "fixed cost every year from launch"),
	VAL("cloud", "ramp_years", KF_LO_OPEN, 0, INF, 1, "1", i_ramp,
	    "years to reach the full market share"),
	VAL("cloud", "sellable_share", 0, 0, 1, 1, "1", i_sellable,
	    "share of the surplus that can be sold"),
	VAL("cloud", "max_market_share", 0, 0, 1, 1, "1", i_max_share,
	    "cap on sales as a share of the rented market"),
	VAL("cloud", "price_impact", 0, 0, INF, 0, "0", i_price_impact,
	    "price cut per unit of market share sold"),
	VAL("cloud", "billed_share", 0, 0, 1, 1, "1", i_billed,
	    "share of sold hours that are billed"),
	VAL("cloud", "opex_per_h100e_hour_usd", 0, 0, INF, 0, "0", i_opex,
	    "variable cost per billed H100e-hour, USD"),
	VAL("cloud", "discount_rate", KF_LO_OPEN, -1, INF, 0, "0",
	    i_discount, "yearly discount rate of the NPV"),
	WHOLE("cloud", "term_years", 0, 1, 1000, 1, "1",
	      "whole number in [1, 1000]; fixed", STORE_INT, SC_T(term_years, int),
	      "years each wholesale contract commits what is sold"),

	{"", "correlations", KEY_CORRELATIONS, 0, -1, 1, 0, "none",
	 "`[PATH, PATH, rho_s]`, two different inputs, rho_s in [-1, 1]",
	 "rank correlations between inputs; pairs naming a fixed input are "
	 "ignored, with a warning", STORE_NONE, 0, 0, 0, 0, NULL},

	SECTION("output", 0, "where results go"),
	TEXT("output", "dir", KF_PATH, "`out/<file stem>`", "path",
	     SC_T(out_dir, char *),
	     "output directory, relative to the working directory, a directory "
	     "of its own (not `.` or `..`; --out overrides)"),
	{"output", "plots", KEY_BOOL, 0, 0, 1, 1, "true", "true / false",
	 "draw PNG charts with gnuplot", STORE_BOOL, SC_T(plots, int), 0, 0, 0,
	 NULL},

	{SCHEMA_SERIES, "then_growth", KEY_VALUE, GROWTH | KF_LO_OPEN, -1,
	 INF, 0, "none", NULL, "in a year series: grows the last listed value "
	 "every later year", STORE_NONE, 0, 0, 0, 0, NULL},
};

_Static_assert(sizeof schema_keys / sizeof schema_keys[0] == SCHEMA_NKEYS,
	       "schema_keys has SCHEMA_NKEYS rows: update the count in "
	       "schema.h with the table");
const int schema_nkeys = SCHEMA_NKEYS;

const struct key_def *schema_find(const char *section, const char *name)
{
	for (int i = 0; i < schema_nkeys; i++)
		if (strcmp(schema_keys[i].section, section) == 0 &&
		    strcmp(schema_keys[i].name, name) == 0)
			return &schema_keys[i];
	return NULL;
}


const struct key_def *schema_for_path(const char *path)
{
	char sec[256];
	const char *last = strrchr(path, '.'), *dot2;
	const struct key_def *k;
	size_t n;

	if (!last)
		return NULL;
	if (strcmp(last + 1, "then_growth") == 0)
		return schema_find(SCHEMA_SERIES, "then_growth");
	n = (size_t)(last - path);
	if (n >= sizeof sec)
		return NULL;
	memcpy(sec, path, n);
	sec[n] = '\0';
	if ((k = schema_find(sec, last + 1)) && k->kind == KEY_VALUE)
		return k;
	/* a list item: SECTION.LIST.NAME.key -> section SECTION.LIST */
	dot2 = strrchr(sec, '.');
	if (!dot2)
		return NULL;
	sec[dot2 - sec] = '\0';
	k = schema_find(sec, last + 1);
	return k && k->kind == KEY_VALUE ? k : NULL;
}

static int ends_with(const char *s, const char *tail)
{
	size_t n = strlen(s), m = strlen(tail);

	return n >= m && strcmp(s + n - m, tail) == 0;
}

const char *schema_unit(const struct key_def *k)
{
	const char *n = k->name;

	if (strstr(n, "per_h100e_hour_usd"))
		return "USD per H100e-hour";
	if (ends_with(n, "per_h100e_usd"))
		return "USD per H100e";
	if (strncmp(n, "kw_per_h100e", 12) == 0)
		return "kW per H100e";
	if (ends_with(n, "_busd"))
		return "$B";
	if (ends_with(n, "_years"))
		return "years";
	if (ends_with(n, "_h100e"))
		return "H100e";
	if (strcmp(n, "elasticity") == 0)
		return "";
	if ((k->flags & KF_ACTS1) || strcmp(n, "discount_rate") == 0)
		return "fraction per year";
	if (k->lo == 0 && k->hi == 1)
		return "fraction";
	return "";
}

const struct key_def *schema_suggest(const char *section, const char *name)
{
	const char *names[256];
	const struct key_def *rows[256];
	const char *best;
	int n = 0;

	for (int i = 0; i < schema_nkeys && n < 256; i++)
		if (strcmp(schema_keys[i].section, section) == 0) {
			rows[n] = &schema_keys[i];
			names[n++] = schema_keys[i].name;
		}
	best = suggest_nearest(name, names, sizeof names[0], n);
	for (int i = 0; best && i < n; i++)
		if (names[i] == best)
			return rows[i];
	return NULL;
}

int schema_in_range(const struct key_def *k, double v)
{
	if (k->flags & KF_LO_OPEN ? !(v > k->lo) : !(v >= k->lo))
		return 0;
	if (k->flags & KF_HI_OPEN ? !(v < k->hi) : !(v <= k->hi))
		return 0;
	return 1;
}

void schema_range_text(const struct key_def *k, char *buf, size_t n)
{
	int lo = isfinite(k->lo), hi = isfinite(k->hi);
	int lo_open = (k->flags & KF_LO_OPEN) != 0;
	int hi_open = (k->flags & KF_HI_OPEN) != 0;

	if (lo && hi)
		snprintf(buf, n, "in %c%g, %g%c", lo_open ? '(' : '[', k->lo,
			 k->hi, hi_open ? ')' : ']');
	else if (lo)
		snprintf(buf, n, "%s %g", lo_open ? ">" : ">=", k->lo);
	else if (hi)
		snprintf(buf, n, "%s %g", hi_open ? "<" : "<=", k->hi);
	else
		snprintf(buf, n, "any number");
}

int schema_is_subsection(const char *section)
{
	const char *dot = strrchr(section, '.');
	const struct key_def *k;
	char parent[128];

	if (!dot || (size_t)(dot - section) >= sizeof parent)
		return 0;
	memcpy(parent, section, (size_t)(dot - section));
	parent[dot - section] = '\0';
	k = schema_find(parent, dot + 1);
	return k && k->kind == KEY_SUBSECTION;
}

void schema_key_name(const struct key_def *k, char *buf, size_t n)
{
	if (schema_is_subsection(k->section))
		snprintf(buf, n, "%s.%s", k->section, k->name);
	else if (k->section[0] == '\0')
		snprintf(buf, n, "%s%s", k->name,
			 k->kind == KEY_CORRELATIONS ? "[]" : "");
	else if (strcmp(k->section, SCHEMA_SERIES) == 0)
		snprintf(buf, n, "<per-year key>.%s", k->name);
	else if (strchr(k->section, '.'))
		snprintf(buf, n, "%s[].%s", k->section, k->name);
	else
		snprintf(buf, n, "%s.%s%s", k->section, k->name,
			 k->kind == KEY_LIST ? "[]" : "");
}

void schema_range_doc(const struct key_def *k, char *buf, size_t n)
{
	char r[64];

	if (k->range_doc) {
		snprintf(buf, n, "%s", k->range_doc);
		return;
	}
	schema_range_text(k, r, sizeof r);
	if (k->kind == KEY_WHOLE && isfinite(k->hi) && k->hi < 1e6)
		snprintf(buf, n, "whole number, %g–%g", k->lo, k->hi);
	else if (k->kind == KEY_WHOLE)
		snprintf(buf, n, "whole number %s", r);
	else if (k->flags & KF_WEIGHT)
		snprintf(buf, n, "weight %s", r);
	else
		snprintf(buf, n, "%s", strncmp(r, "in ", 3) == 0 ? r + 3 : r);
}

void scenario_print_keys(FILE *f)
{
	fputs("# Scenario keys\n"
	      "\n"
	      "Generated by `computesim keys` from the key table in "
	      "`sim/load/schema.c`; do not edit\n"
	      "by hand (`make docs` rewrites it, and a test checks that it "
	      "is current).\n"
	      "\n"
	      "Every numeric key takes a value (docs/format.md \"Values\"): a "
	      "number, a percentage\n"
	      "(`\"25%\"`), a 90% interval (`\"a to b\"`) or a mapping with "
	      "`dist:`. \"per year\"\n"
	      "marks the inputs that may be a year series or use `resample: "
	      "year | ar1`;\n"
	      "every other input is drawn once per trial. \"acts from 1\" "
	      "marks growth and\n"
	      "change inputs, whose year-0 value is never used. A range is "
	      "checked on\n"
	      "fixed values and on a distribution's location parameters; "
	      "`sd` must be >\n"
	      "0, `gsd` > 1, and a beta's `alpha` and `beta` in [0.1, 1000] "
	      "(computesim's\n"
	      "limit: outside it GSL's inverse CDF fails or never returns). "
	      "Shares marked\n"
	      "\"weight\" are normalised and at least one in the list must be "
	      "> 0.\n"
	      "\n"
	      "| key | range | default | per year | notes |\n"
	      "|---|---|---|---|---|\n", f);
	for (int i = 0; i < schema_nkeys; i++) {
		const struct key_def *k = &schema_keys[i];
		char name[128], range[160];

		schema_key_name(k, name, sizeof name);
		schema_range_doc(k, range, sizeof range);
		fprintf(f, "| `%s` | %s | %s | %s | %s |\n", name, range,
			k->def_doc,
			k->flags & KF_PER_YEAR ?
			(k->flags & KF_ACTS1 ? "yes, acts from 1" : "yes") :
			"", k->desc);
	}
}
