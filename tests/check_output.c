/* check_output.c — the output directory and its files (sim/output.c). */
#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "model.h"
#include "output.h"
#include "report.h"
#include "testutil.h"

/* ---- helpers ---------------------------------------------------------- */

static char *slurp(const char *path)
{
	FILE *f = fopen(path, "rb");
	char *buf;
	long n;

	if (!f)
		return NULL;
	fseek(f, 0, SEEK_END);
	n = ftell(f);
	rewind(f);
	buf = malloc((size_t)n + 1);
	if (fread(buf, 1, (size_t)n, f) != (size_t)n)
		n = 0;
	buf[n] = '\0';
	fclose(f);
	return buf;
}

static char *join(const char *dir, const char *name)
{
	char *p = malloc(strlen(dir) + strlen(name) + 2);

	sprintf(p, "%s/%s", dir, name);
	return p;
}

static char *slurp2(const char *dir, const char *name)
{
	char *p = join(dir, name), *s = slurp(p);

	free(p);
	return s;
}

static int exists(const char *dir, const char *name)
{
	char *p = join(dir, name);
	struct stat st;
	int ok = stat(p, &st) == 0;

	free(p);
	return ok;
}

static void put(const char *dir, const char *name, const char *text)
{
	struct diag d;
	FILE *f;

	diag_init(&d);
	f = output_open(dir, name, &d);
	ck_assert_ptr_nonnull(f);
	fputs(text, f);
	ck_assert_int_eq(output_close(f, dir, name, &d), 0);
	diag_free(&d);
}

/* A scratch directory for one test. */
static char *scratch(void)
{
	char *t = strdup("/tmp/check_output.XXXXXX");

	ck_assert_ptr_nonnull(mkdtemp(t));
	return t;
}

static void rm_rf(const char *path)
{
	/* outdir_abort removes a tree: reuse it on our scratch space */
	struct outdir od = {strdup(path), strdup(path)};

	outdir_abort(&od);
}

/* Number of entries in dir (without . and ..). */
static int count_entries(const char *dir)
{
	DIR *dp = opendir(dir);
	struct dirent *e;
	int n = 0;

	ck_assert_ptr_nonnull(dp);
	while ((e = readdir(dp)))
		n += strcmp(e->d_name, ".") && strcmp(e->d_name, "..");
	closedir(dp);
	return n;
}

/* A two-year scenario with one workload whose name needs CSV quoting,
 * and a result with known numbers: metric k, year t has mean k + t/10,
 * sd 0.5 (0 for k = 0), percentiles mean +- level/100. */
static struct scenario *fake_scenario(void)
{
	static double pct[] = {5, 50};
	static struct workload work[] = {{.name = "a,\"b\""}};
	static struct input inputs[] = {{.path = "supply.capex_busd"},
					{.path = "demand.workloads.x.growth"}};
	struct scenario *sc = calloc(1, sizeof *sc);

	sc->name = "Test \"case\"\n";
	sc->file = "tests/x.yaml";
	sc->start_year = 2026;
	sc->years = 2;
	sc->seed = 7;
	sc->pct = pct;
	sc->npct = 2;
	sc->work = work;
	sc->nwork = 1;
	sc->inputs = inputs;
	sc->ninputs = 2;
	return sc;
}

static struct run_result *fake_result(const struct scenario *sc)
{
	struct run_result *r = calloc(1, sizeof *r);
	int nm = model_nmetrics(sc), y = sc->years;
	size_t nmy = (size_t)nm * (size_t)y;

	r->n = 4;
	r->years = y;
	r->start_year = sc->start_year;
	r->nmetrics = nm;
	r->npct = 2;
	r->nunc = 2;
	r->seed = 7;
	r->pct_levels = malloc(2 * sizeof(double));
	r->pct_levels[0] = 5;
	r->pct_levels[1] = 50;
	r->mean = calloc(nmy, sizeof(double));
	r->sd = calloc(nmy, sizeof(double));
	r->pct = calloc(nmy * 2, sizeof(double));
	r->median = calloc(nmy, sizeof(double));
	for (int k = 0; k < nm; k++)
		for (int t = 0; t < y; t++) {
			size_t c = (size_t)k * (size_t)y + (size_t)t;
			r->mean[c] = k + t / 10.0;
			r->sd[c] = k ? 0.5 : 0;
			r->pct[2 * c] = r->mean[c] - 0.05;
			r->pct[2 * c + 1] = r->mean[c];
			r->median[c] = r->mean[c];
		}
	r->mean[0] = -0.0;	/* prints as 0 */
	r->p_surplus = calloc((size_t)y, sizeof(double));
	r->p_shortfall = calloc((size_t)y, sizeof(double));
	r->p_launched = calloc((size_t)y, sizeof(double));
	r->p_paid_back = calloc((size_t)y, sizeof(double));
	r->p_surplus[0] = 0.25;
	r->p_surplus[1] = 0.5;
	r->p_shortfall[0] = 1;
	r->p_launched[1] = 0.75;
	r->p_paid_back[1] = 0.5;
	r->npv_mean = 1.5;
	r->npv_sd = 2;
	r->npv_se = 1;
	r->npv_pct = malloc(2 * sizeof(double));
	r->npv_pct[0] = -1;
	r->npv_pct[1] = 0.1;
	r->p_npv_positive = 0.5;
	r->payback = calloc((size_t)y, sizeof(double));
	r->payback[1] = 0.5;
	r->payback_never = 0.25;
	r->payback_not_launched = 0.25;
	r->median_payback_t = 1;
	r->first_surplus = calloc((size_t)y, sizeof(double));
	r->first_surplus[0] = 0.25;
	r->first_surplus[1] = 0.25;
	r->first_surplus_none = 0.5;
	r->story[0] = 0.5;
	r->story[1] = 0;
	r->story[2] = 0.5;
	/* the same as counts of the 4 trials, which the table rounds */
	r->stories.n = 4;
	r->stories.count[0] = 2;
	r->stories.count[2] = 2;
	r->stories.share[0] = r->stories.share[2] = 0.5;
	r->rank_corr = malloc(2 * sizeof(double));
	r->rank_corr[0] = 0.25;
	r->rank_corr[1] = NAN;
	r->unc_input = malloc(2 * sizeof(int));
	r->unc_input[0] = 0;
	r->unc_input[1] = 1;
	r->trial_values = malloc(8 * sizeof(double));
	for (int i = 0; i < 8; i++)
		r->trial_values[i] = i / 4.0;
	r->trial_npv = malloc(4 * sizeof(double));
	r->trial_payback_t = malloc(4 * sizeof(int));
	r->trial_launch_t = malloc(4 * sizeof(int));
	r->trial_story = malloc(4 * sizeof(int));
	for (int i = 0; i < 4; i++) {
		r->trial_npv[i] = i - 1.5;
		r->trial_launch_t[i] = i == 3 ? -1 : 1;
		r->trial_payback_t[i] = i < 2 ? 1 : -1;
		r->trial_story[i] = i % 3;
	}
	return r;
}

static void fake_free(struct scenario *sc, struct run_result *r)
{
	free(sc);
	run_result_free(r);
}

/* ---- numbers and text ------------------------------------------------- */

static char *json_of(void (*fn)(FILE *, double), double x)
{
	char *buf = NULL;
	size_t n = 0;
	FILE *f = open_memstream(&buf, &n);

	fn(f, x);
	fclose(f);
	return buf;
}

/* A number and the text a writer should give for it. */
struct num_text {
	double x;
	const char *want;
};

/* Each case's text from fn. */
static void expect_texts(void (*fn)(FILE *, double),
			 const struct num_text *cases, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		char *s = json_of(fn, cases[i].x);
		ck_assert_str_eq(s, cases[i].want);
		free(s);
	}
}

START_TEST(test_output_json_numbers)
{
	static const struct num_text cases[] = {
		{0.1, "0.1"}, {-0.0, "0"}, {1.0 / 3, "0.3333333333333333"},
		{1e300, "1e+300"}, {2026, "2026"}, {0.1 + 0.2,
		"0.30000000000000004"}, {-2.5, "-2.5"},
	};
	expect_texts(output_json_number, cases,
		     sizeof cases / sizeof cases[0]);
	char *s = json_of(output_json_number, NAN);
	ck_assert_str_eq(s, "null");
	free(s);
	s = json_of(output_json_number, -INFINITY);
	ck_assert_str_eq(s, "null");
	free(s);
}
END_TEST

/* A share's standard error in report.md: two significant digits,
 * trailing zeros kept, never in exponent form (a share of 0 after 1.5
 * million trials has an error of about 9.4e-7: 0.000094 points). */
START_TEST(test_output_pct_se_digits)
{
	static const struct num_text cases[] = {
		{0.0034, "0.34%"}, {0.001, "0.10%"}, {0.00032, "0.032%"},
		{0.00001, "0.0010%"}, {9.4e-7, "0.000094%"},
		{1.2e-9, "0.00000012%"}, {0.0994, "9.9%"}, {0.0996, "10%"},
		{0.35, "35%"}, {0, "0%"},
	};
	expect_texts(output_pct_se, cases, sizeof cases / sizeof cases[0]);
	char *s = json_of(output_pct_se, NAN);
	ck_assert_str_eq(s, "-");
	free(s);
}
END_TEST

/* The stdout table's H100e counts: never four digits before a unit
 * ("1000k" for 999,700): a value that would round to 1000 of one unit
 * takes the next. */
START_TEST(test_output_count_text_units)
{
	static const struct {
		double x;
		const char *want;
	} cases[] = {
		{0, "0"}, {999.4, "999"}, {999.5, "1k"}, {19200, "19k"},
		{999499, "999k"}, {999700, "1.00M"}, {-999700, "-1.00M"},
		{2.5e6, "2.50M"}, {999.994e6, "999.99M"}, {999.996e6, "1.00G"},
		{1.5e9, "1.50G"}, {999.996e9, "1.00e+12"}, {NAN, "-"},
	};
	char buf[32];

	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		output_count_text(buf, sizeof buf, cases[i].x);
		ck_assert_msg(strcmp(buf, cases[i].want) == 0, "%.17g: %s, "
			      "want %s", cases[i].x, buf, cases[i].want);
	}
}
END_TEST

START_TEST(test_output_json_string_escapes)
{
	char *buf = NULL;
	size_t n = 0;
	FILE *f = open_memstream(&buf, &n);

	output_json_string(f, "a\"b\\c\nd\te\x01" "f\x7f\xc3\xa9");
	fclose(f);
	ck_assert_str_eq(buf, "\"a\\\"b\\\\c\\nd\\te\\u0001f\\u007f\xc3\xa9\"");
	free(buf);
}
END_TEST

/* ---- files ------------------------------------------------------------ */

START_TEST(test_output_yearly_exact_text)
{
	struct scenario *sc = fake_scenario();
	struct run_result *r = fake_result(sc);
	char *dir = scratch(), *got, *line;
	struct diag d;

	diag_init(&d);
	ck_assert_int_eq(output_write_yearly(dir, sc, r, &d), 0);
	got = slurp2(dir, "yearly.csv");
	ck_assert_ptr_nonnull(got);
	/* header, first rows, the quoted workload metric, the probabilities */
	ck_assert(strncmp(got, "year,metric,mean,sd,p5,p50\n"
			       "2026,capex_busd,0,0,-0.05,0\n"
			       "2026,compute_capex_busd,1,0.5,0.95,1\n",
			  strlen("year,metric,mean,sd,p5,p50\n"
				 "2026,capex_busd,0,0,-0.05,0\n"
				 "2026,compute_capex_busd,1,0.5,0.95,1\n")) == 0);
	ck_assert_ptr_nonnull(strstr(got, "\n2026,\"demand_a,\"\"b\"\"_h100e\","
					  "8,0.5,7.95,8\n"));
	ck_assert_ptr_nonnull(strstr(got, "\n2026,shortfall_cost_busd,25,0.5,"
					  "24.95,25\n"
					  "2026,stranded_h100e,26,0.5,25.95,26\n"
					  "2026,p_surplus,0.25,0,,\n"
					  "2026,p_shortfall,1,0,,\n"
					  "2026,p_launched,0,0,,\n"
					  "2026,p_paid_back,0,0,,\n2027,capex_busd,"
					  "0.1,0,0.05,0.1\n"));
	ck_assert_ptr_nonnull(strstr(got, "\n2027,p_paid_back,0.5,0,,\n"));
	/* rows: header + 2 years * (27 metrics + 4 probabilities) */
	int rows = 0;
	for (line = got; *line; line++)
		rows += *line == '\n';
	ck_assert_int_eq(rows, 1 + 2 * (27 + 4));
	ck_assert(got[strlen(got) - 1] == '\n');
	free(got);
	diag_free(&d);
	rm_rf(dir);
	free(dir);
	fake_free(sc, r);
}
END_TEST

START_TEST(test_output_summary_keys)
{
	struct scenario *sc = fake_scenario();
	struct run_result *r = fake_result(sc);
	char *buf = NULL;
	size_t n = 0;
	FILE *f = open_memstream(&buf, &n);

	ck_assert_int_eq(output_write_summary(f, sc, r), 0);
	fclose(f);
	static const char *const want[] = {
		"\"scenario\": \"Test \\\"case\\\"\\n\"",
		"\"file\": \"tests/x.yaml\"", "\"seed\": 7", "\"trials\": 4",
		"\"start_year\": 2026", "\"years\": 2",
		"\"npv_busd\": {\"mean\": 1.5, \"sd\": 2, \"se\": 1, \"p5\": -1, "
		"\"p50\": 0.1}",
		"\"p_npv_positive\": 0.5",
		"\"payback_year\": {\"2027\": 0.5, \"never\": 0.25, "
		"\"not_launched\": 0.25}",
		"\"median_payback_year\": 2027",
		"\"first_surplus_year\": {\"2026\": 0.25, \"2027\": 0.25, "
		"\"none\": 0.5}",
		"\"stories\": {\"overbuild\": 0.5, \"mismatch\": 0, "
		"\"shortage\": 0.5}",
		"\"supply.capex_busd\": 0.25",
		"\"demand.workloads.x.growth\": null",
	};
	for (size_t i = 0; i < sizeof want / sizeof want[0]; i++)
		ck_assert_msg(strstr(buf, want[i]), "missing %s in\n%s", want[i],
			      buf);
	free(buf);
	r->median_payback_t = -1;
	buf = NULL;
	f = open_memstream(&buf, &n);
	output_write_summary(f, sc, r);
	fclose(f);
	ck_assert_ptr_nonnull(strstr(buf, "\"median_payback_year\": null"));
	free(buf);
	fake_free(sc, r);
}
END_TEST

/* Two levels that %g would print alike get columns and keys of their own:
 * each level as written, read back exactly. */
START_TEST(test_output_percentile_names_distinct)
{
	struct scenario *sc = fake_scenario();
	struct run_result *r = fake_result(sc);
	char *dir = scratch(), *got, *buf = NULL;
	size_t n = 0;
	FILE *f;
	struct diag d;

	r->pct_levels[0] = 33.3333333;
	r->pct_levels[1] = 33.3333334;
	diag_init(&d);
	ck_assert_int_eq(output_write_yearly(dir, sc, r, &d), 0);
	got = slurp2(dir, "yearly.csv");
	ck_assert_ptr_nonnull(got);
	ck_assert(strncmp(got, "year,metric,mean,sd,p33.3333333,p33.3333334\n",
			  strlen("year,metric,mean,sd,p33.3333333,"
				 "p33.3333334\n")) == 0);
	free(got);
	f = open_memstream(&buf, &n);
	ck_assert_int_eq(output_write_summary(f, sc, r), 0);
	fclose(f);
	ck_assert_ptr_nonnull(strstr(buf, "\"se\": 1, \"p33.3333333\": -1, "
					  "\"p33.3333334\": 0.1}"));
	free(buf);
	/* the usual levels keep their names */
	r->pct_levels[0] = 1e-9;
	r->pct_levels[1] = 97.5;
	ck_assert_int_eq(output_write_yearly(dir, sc, r, &d), 0);
	got = slurp2(dir, "yearly.csv");
	ck_assert(strncmp(got, "year,metric,mean,sd,p1e-09,p97.5\n",
			  strlen("year,metric,mean,sd,p1e-09,p97.5\n")) == 0);
	free(got);
	diag_free(&d);
	rm_rf(dir);
	free(dir);
	fake_free(sc, r);
}
END_TEST

/* report.md's tail line, worked by hand: 200 trials, 198 with an NPV of
 * 1 $B and 2 of 100 $B: mean (198 + 200) / 200 = 1.99; the top 1% is 2
 * trials, 200 of the 398 $B, 50.3%: a mean that rests on few trials.
 * Then every trial at 2 $B: the top 1% carry exactly 1.0%. A mean <= 0:
 * no line. */
START_TEST(test_report_npv_tail)
{
	struct scenario *sc = fake_scenario();
	struct run_result *r = fake_result(sc);
	char *dir = scratch(), *got;
	double *keep = r->npv, v[200];
	long n = r->n;
	struct diag d;

	diag_init(&d);
	sc->i_power = -1;	/* no power section: the fake has no metric */
	for (int i = 0; i < 200; i++)
		v[i] = i < 198 ? 1 : 100;
	r->npv = v;
	r->n = 200;
	r->npv_mean = 1.99;
	ck_assert_int_eq(report_write_body(dir, sc, r, &d), 0);
	got = slurp2(dir, "chart_report.md");
	ck_assert_ptr_nonnull(strstr(got, "\n**The tail.** The 1% of trials "
		"with the highest NPV (2 of 200, all at 100 $B) carry "
		"50.3% of the mean NPV: the mean, and the hedge ratio with it, "
		"rest on few trials; read P(NPV > 0) and the NPV's percentiles "
		"(`npv_distribution.png`) beside them.\n"));
	free(got);
	for (int i = 0; i < 200; i++)
		v[i] = 2;
	r->npv_mean = 2;
	ck_assert_int_eq(report_write_body(dir, sc, r, &d), 0);
	got = slurp2(dir, "chart_report.md");
	ck_assert_ptr_nonnull(strstr(got, "\n**The tail.** The 1% of trials "
		"with the highest NPV (2 of 200, all at 2 $B) carry 1.0% "
		"of the mean NPV.\n"));
	free(got);
	r->npv_mean = 0;
	ck_assert_int_eq(report_write_body(dir, sc, r, &d), 0);
	got = slurp2(dir, "chart_report.md");
	ck_assert_ptr_null(strstr(got, "The tail"));
	free(got);
	r->npv = keep;
	r->n = n;
	diag_free(&d);
	rm_rf(dir);
	free(dir);
	fake_free(sc, r);
}
END_TEST

START_TEST(test_output_trials_csv)
{
	struct scenario *sc = fake_scenario();
	struct run_result *r = fake_result(sc);
	char *dir = scratch(), *got;
	struct diag d;

	diag_init(&d);
	ck_assert_int_eq(output_write_trials(dir, sc, r, &d), 0);
	got = slurp2(dir, "trials.csv");
	ck_assert_str_eq(got,
		"index,supply.capex_busd,demand.workloads.x.growth,npv_busd,"
		"payback_year,launch_year,story\n"
		"0,0,0.25,-1.5,2027,2027,overbuild\n"
		"1,0.5,0.75,-0.5,2027,2027,mismatch\n"
		"2,1,1.25,0.5,never,2027,shortage\n"
		"3,1.5,1.75,1.5,not_launched,not_launched,overbuild\n");
	free(got);
	diag_free(&d);
	rm_rf(dir);
	free(dir);
	fake_free(sc, r);
}
END_TEST

/* The stdout table of r, as a string to free. */
static char *table_text(const struct scenario *sc,
			const struct run_result *r)
{
	char *buf = NULL;
	size_t n = 0;
	FILE *f = open_memstream(&buf, &n);

	ck_assert_ptr_nonnull(f);
	output_print_table(f, sc, r);
	fclose(f);
	return buf;
}

START_TEST(test_output_table)
{
	struct scenario *sc = fake_scenario();
	struct run_result *r = fake_result(sc);
	char *buf = table_text(sc, r);

	ck_assert_ptr_nonnull(strstr(buf, "Paid back in half the trials by: "
					  "2027\n"));
	ck_assert_ptr_nonnull(strstr(buf, "Stories: overbuild 50%, mismatch "
					  "0%, shortage 50%\n"));
	ck_assert_ptr_nonnull(strstr(buf, "  2026"));
	ck_assert_ptr_nonnull(strstr(buf, "  2027"));
	free(buf);
	r->median_payback_t = -1;
	buf = table_text(sc, r);
	ck_assert_ptr_nonnull(strstr(buf, "Paid back in half the trials by: "
					  "never"));
	/* payback_not_launched: 1 of the 4 trials */
	ck_assert_ptr_nonnull(strstr(buf, "Cloud NPV: mean 1.50 $B (se 1.0), "
					  "P(NPV > 0) 50%, not launched in "
					  "25%\n"));
	free(buf);
	/* the hedge ratio to three significant digits, trailing zeros
	 * kept (it printed "0.1") */
	r->stories.hedge_ratio = 0.1;
	r->stories.idle_pv_mean = 206;
	int ip = sc->i_power;
	sc->i_power = 0;	/* a power limit: the unpowered fleet counts */
	buf = table_text(sc, r);
	ck_assert_ptr_nonnull(strstr(buf, "\nHedge ratio: 0.100 (mean NPV "
					  "over the idle and unpowered "
					  "fleet's discounted cost, 206 $B)\n"));
	free(buf);
	/* no power limit: nothing is unpowered */
	sc->i_power = -1;
	buf = table_text(sc, r);
	ck_assert_ptr_nonnull(strstr(buf, "\nHedge ratio: 0.100 (mean NPV "
					  "over the idle fleet's discounted "
					  "cost, 206 $B)\n"));
	free(buf);
	sc->i_power = ip;
	/* large amounts without an exponent (was "1.09e+03 $B (se 18)");
	 * trailing zeros kept (1.50, 2.50e+12), but not a lone point where
	 * rounding reaches the next power of ten (9.96 to 2 digits: 10) */
	static const struct { double mean, se; const char *want; } big[] = {
		{1089.3, 18.2, "Cloud NPV: mean 1089 $B (se 18), "},
		{999.7, 99.6, "Cloud NPV: mean 1000 $B (se 100), "},
		{-123456.4, 9.96, "Cloud NPV: mean -123456 $B (se 10), "},
		{10.06, 0.2649, "Cloud NPV: mean 10.1 $B (se 0.26), "},
		{2.5e12, 3e10, "Cloud NPV: mean 2.50e+12 $B (se 3.0e+10), "},
	};
	for (size_t i = 0; i < sizeof big / sizeof big[0]; i++) {
		r->npv_mean = big[i].mean;
		r->npv_se = big[i].se;
		buf = table_text(sc, r);
		ck_assert_msg(strstr(buf, big[i].want), "want %s in\n%s",
			      big[i].want, buf);
		free(buf);
	}
	/* the year rows, whole: median utilization 0.5 is "50.0%"; a median
	 * surplus of exactly 1e6 H100e is "1.00M" (not "1000k"), 999400 is
	 * "999k", 999 is "999"; P(surplus) 0.25, 0.5: "25%", "50%";
	 * P(paid back) 0, 0.5: "0%", "50%" */
	{
		int ku = model_metric_index(sc, M_UTILIZATION);
		int ks = model_metric_index(sc, M_SURPLUS);
		char want[160];

		r->median[ku * 2] = 0.5;
		r->median[ks * 2] = 1e6;
		r->median[ku * 2 + 1] = 1;
		r->median[ks * 2 + 1] = 999400;
		buf = table_text(sc, r);
		snprintf(want, sizeof want, "\n%6s  %12s  %10s  %16s  %12s\n",
			 "2026", "50.0%", "25%", "1.00M", "0%");
		ck_assert_msg(strstr(buf, want), "want %s in\n%s", want, buf);
		snprintf(want, sizeof want, "\n%6s  %12s  %10s  %16s  %12s\n",
			 "2027", "100.0%", "50%", "999k", "50%");
		ck_assert_msg(strstr(buf, want), "want %s in\n%s", want, buf);
		free(buf);
		r->median[ks * 2] = 999;
		buf = table_text(sc, r);
		snprintf(want, sizeof want, "\n%6s  %12s  %10s  %16s  %12s\n",
			 "2026", "50.0%", "25%", "999", "0%");
		ck_assert_msg(strstr(buf, want), "want %s in\n%s", want, buf);
		free(buf);
	}
	fake_free(sc, r);
}
END_TEST

/* Writing to a full disk is reported, with the reason. */
START_TEST(test_output_close_reports_disk_full)
{
	struct diag d;
	FILE *f;

	if (access("/dev/full", W_OK) != 0)
		return;
	diag_init(&d);
	f = output_open("/dev", "full", &d);
	ck_assert_ptr_nonnull(f);
	fputs("x", f);
	ck_assert_int_eq(output_close(f, "/dev", "full", &d), -1);
	ck_assert_int_eq(d.nerr, 1);
	ck_assert_ptr_nonnull(strstr(d.v[0].msg, "No space left"));
	diag_free(&d);
}
END_TEST

/* ---- the atomic directory --------------------------------------------- */

START_TEST(test_output_outdir_commit_and_replace)
{
	char *base = scratch(), final[4096];
	struct outdir od;
	struct diag d;
	char *s;

	diag_init(&d);
	snprintf(final, sizeof final, "%s/a/b/run", base);  /* parents made */
	ck_assert_int_eq(outdir_begin(&od, final, &d), 0);
	ck_assert_ptr_nonnull(strstr(od.tmp, "/a/b/run.tmp-"));
	put(od.tmp, "one.txt", "first\n");
	ck_assert_int_eq(outdir_commit(&od, &d), 0);
	ck_assert_ptr_null(od.tmp);
	s = slurp2(final, "one.txt");
	ck_assert_str_eq(s, "first\n");
	free(s);

	ck_assert_int_eq(outdir_begin(&od, final, &d), 0);
	put(od.tmp, "two.txt", "second\n");
	ck_assert(exists(final, "one.txt"));	/* earlier intact meanwhile */
	ck_assert_int_eq(outdir_commit(&od, &d), 0);
	ck_assert(!exists(final, "one.txt"));
	s = slurp2(final, "two.txt");
	ck_assert_str_eq(s, "second\n");
	free(s);
	/* nothing left beside it: only "run" in a/b */
	snprintf(final, sizeof final, "%s/a/b", base);
	ck_assert_int_eq(count_entries(final), 1);
	ck_assert_int_eq(d.nerr + d.nwarn, 0);
	diag_free(&d);
	rm_rf(base);
	free(base);
}
END_TEST

START_TEST(test_output_outdir_abort_keeps_earlier)
{
	char *base = scratch(), final[4096], *s;
	struct outdir od;
	struct diag d;

	diag_init(&d);
	snprintf(final, sizeof final, "%s/run/", base);	/* trailing slash */
	ck_assert_int_eq(outdir_begin(&od, final, &d), 0);
	put(od.tmp, "yearly.csv", "old\n");
	ck_assert_int_eq(outdir_commit(&od, &d), 0);
	ck_assert_int_eq(outdir_begin(&od, final, &d), 0);
	put(od.tmp, "yearly.csv", "new\n");
	outdir_abort(&od);
	outdir_abort(&od);	/* safe twice */
	s = slurp2(final, "yearly.csv");
	ck_assert_str_eq(s, "old\n");
	free(s);
	ck_assert_int_eq(count_entries(base), 1);
	diag_free(&d);
	rm_rf(base);
	free(base);
}
END_TEST

/* A directory computesim did not write is never replaced; nor a file. */
START_TEST(test_output_outdir_refuses_foreign)
{
	char *base = scratch(), final[4096], *s;
	struct outdir od;
	struct diag d;

	diag_init(&d);
	snprintf(final, sizeof final, "%s/mine", base);
	ck_assert_int_eq(mkdir(final, 0777), 0);
	put(final, "thesis.tex", "precious\n");
	ck_assert_int_eq(outdir_begin(&od, final, &d), -2);
	ck_assert_int_eq(d.nerr, 1);
	ck_assert_ptr_nonnull(strstr(d.v[0].msg, "refusing to replace"));
	s = slurp2(final, "thesis.tex");
	ck_assert_str_eq(s, "precious\n");
	free(s);
	diag_free(&d);

	diag_init(&d);
	snprintf(final, sizeof final, "%s/mine/thesis.tex", base);
	ck_assert_int_eq(outdir_begin(&od, final, &d), -2);
	ck_assert_ptr_nonnull(strstr(d.v[0].msg, "not a directory"));
	diag_free(&d);

	/* a symbolic link, to a directory of ours or to nothing: refused,
	 * the link and its target as they were (a run would replace the
	 * link by a directory) */
	{
		char link[PATH_MAX], tgt[PATH_MAX];

		snprintf(tgt, sizeof tgt, "%s/tgt", base);
		ck_assert_int_eq(mkdir(tgt, 0777), 0);
		put(tgt, ".computesim", "ours\n");
		snprintf(link, sizeof link, "%s/lk", base);
		ck_assert_int_eq(symlink("tgt", link), 0);
		diag_init(&d);
		ck_assert_int_eq(outdir_begin(&od, link, &d), -2);
		ck_assert_ptr_nonnull(strstr(d.v[0].msg, "symbolic link"));
		diag_free(&d);
		snprintf(link, sizeof link, "%s/dangling", base);
		ck_assert_int_eq(symlink("nowhere", link), 0);
		diag_init(&d);
		ck_assert_int_eq(outdir_begin(&od, link, &d), -2);
		diag_free(&d);
		struct stat lst;
		ck_assert_int_eq(lstat(link, &lst), 0);
		ck_assert(S_ISLNK(lst.st_mode));
		ck_assert(exists(tgt, ".computesim"));
		/* a path through it: refused up front too (mkdir would
		 * meet it as a name that is there but no directory) */
		snprintf(link, sizeof link, "%s/dangling/run", base);
		diag_init(&d);
		ck_assert_int_eq(outdir_check(link, &d), -2);
		ck_assert_ptr_nonnull(strstr(d.v[0].msg, "is not a directory"));
		diag_free(&d);
	}

	diag_init(&d);	/* an empty directory is fine */
	snprintf(final, sizeof final, "%s/empty", base);
	ck_assert_int_eq(mkdir(final, 0777), 0);
	ck_assert_int_eq(outdir_begin(&od, final, &d), 0);
	ck_assert_int_eq(outdir_commit(&od, &d), 0);
	ck_assert(exists(final, ".computesim"));
	diag_free(&d);

	diag_init(&d);
	ck_assert_int_eq(outdir_begin(&od, ".", &d), -2);
	diag_free(&d);

	/* a name of 237 characters: its temporary sibling's, 19 longer,
	 * would pass NAME_MAX (255): refused up front; 236 is written */
	{
		char name[PATH_MAX];
		size_t at = (size_t)snprintf(name, sizeof name, "%s/", base);

		memset(name + at, 'n', 237);
		name[at + 237] = '\0';
		diag_init(&d);
		ck_assert_int_eq(outdir_begin(&od, name, &d), -2);
		ck_assert_ptr_nonnull(strstr(d.v[0].msg, "its name has 237 "
					     "characters"));
		diag_free(&d);
		name[at + 236] = '\0';
		diag_init(&d);
		ck_assert_int_eq(outdir_begin(&od, name, &d), 0);
		ck_assert_int_eq(outdir_commit(&od, &d), 0);
		diag_free(&d);
	}
	rm_rf(base);
	free(base);
}
END_TEST

START_TEST(test_output_outdir_hostile_names)
{
	static const char *const names[] = {
		"with space", "quo\"te's", "$(touch pwned)", "-dash", "<lt",
		"`touch pwned2`; rm -rf x", "new\nline",
	};
	char *base = scratch(), final[4096];
	struct diag d;

	for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
		struct outdir od;

		diag_init(&d);
		snprintf(final, sizeof final, "%s/%s", base, names[i]);
		ck_assert_int_eq(outdir_begin(&od, final, &d), 0);
		put(od.tmp, "f", "x");
		ck_assert_int_eq(outdir_commit(&od, &d), 0);
		ck_assert_int_eq(outdir_begin(&od, final, &d), 0);
		put(od.tmp, "g", "y");
		ck_assert_int_eq(outdir_commit(&od, &d), 0);
		ck_assert(exists(final, "g") && !exists(final, "f"));
		diag_free(&d);
	}
	ck_assert(access("pwned", F_OK) != 0 && access("pwned2", F_OK) != 0);
	ck_assert_int_eq(count_entries(base),
			 (int)(sizeof names / sizeof names[0]));
	rm_rf(base);
	free(base);
}
END_TEST

START_TEST(test_output_outdir_unwritable_parent)
{
	char *base = scratch(), final[4096];
	struct outdir od;
	struct diag d;

	/* a parent that is a regular file cannot hold a directory, for
	 * anyone, root included (/sys is not read-only in every
	 * container) */
	char file[4000], under[4096];
	FILE *fp;

	snprintf(file, sizeof file, "%s/plain-file", base);
	fp = fopen(file, "w");
	ck_assert_ptr_nonnull(fp);
	fclose(fp);
	snprintf(under, sizeof under, "%s/run", file);
	diag_init(&d);
	ck_assert_int_eq(outdir_check(under, &d), -2);	/* said up front */
	diag_free(&d);
	diag_init(&d);
	ck_assert_int_eq(outdir_begin(&od, under, &d), -2);
	ck_assert_ptr_nonnull(strstr(d.v[0].msg, "cannot create output "
				     "directory '"));
	ck_assert_msg(strstr(d.v[0].msg, "plain-file' is not a directory") != NULL, "%s",
		      d.v[0].msg);
	diag_free(&d);
	unlink(file);
	if (geteuid() == 0)	/* root writes anywhere else */
		goto end;
	chmod(base, 0555);
	diag_init(&d);
	snprintf(final, sizeof final, "%s/run", base);
	ck_assert_int_eq(outdir_begin(&od, final, &d), -1);
	ck_assert_ptr_nonnull(strstr(d.v[0].msg,
				     "cannot create output directory"));
	ck_assert_ptr_nonnull(strstr(d.v[0].msg, "Permission denied"));
	diag_free(&d);
	chmod(base, 0755);
end:
	rm_rf(base);
	free(base);
}
END_TEST

static Suite *output_suite(void)
{
	Suite *s = suite_create("output");
	TCase *tc = tcase_create("core");

	tcase_add_test(tc, test_output_json_numbers);
	tcase_add_test(tc, test_output_json_string_escapes);
	tcase_add_test(tc, test_output_yearly_exact_text);
	tcase_add_test(tc, test_output_summary_keys);
	tcase_add_test(tc, test_output_percentile_names_distinct);
	tcase_add_test(tc, test_output_trials_csv);
	tcase_add_test(tc, test_report_npv_tail);
	tcase_add_test(tc, test_output_table);
	tcase_add_test(tc, test_output_close_reports_disk_full);
	tcase_add_test(tc, test_output_outdir_commit_and_replace);
	tcase_add_test(tc, test_output_outdir_abort_keeps_earlier);
	tcase_add_test(tc, test_output_outdir_refuses_foreign);
	tcase_add_test(tc, test_output_outdir_hostile_names);
	tcase_add_test(tc, test_output_outdir_unwritable_parent);
	tcase_add_test(tc, test_output_pct_se_digits);
	tcase_add_test(tc, test_output_count_text_units);
	suite_add_tcase(s, tc);
	return s;
}

CHECK_MAIN(output_suite)
