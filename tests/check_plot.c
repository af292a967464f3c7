/* check_plot.c — chart data tables (sim/chartdata.c) and drawing them
 * with gnuplot as a child process (sim/plot.c). gnuplot itself is replaced
 * by a small fake program (COMPUTESIM_GNUPLOT) that records its argument
 * vector, so these tests run without gnuplot and can check exactly what
 * the child receives; tests/cli_plots.sh draws real charts. */
#include <dirent.h>
#include <math.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "model.h"
#include "output.h"
#include "plot.h"
#include "testutil.h"

#define YEARS 2
#define NPCT 3
#define NTRIALS 5

/* A synthetic scenario and run: metric k, year t, percentile j holds
 * 1000 k + 10 t + j (levels 5, 50, 95), means 1000 k + 10 t + 0.5. */
struct fixture {
	struct scenario sc;
	struct input in[1];
	struct run_result r;
	double levels[NPCT];
	double *mean, *sd, *pct;
	double p[4][YEARS];
	double npv[NTRIALS];
	char dir[64];
};

static struct fixture *fixture_new(const char *name)
{
	struct fixture *f = calloc(1, sizeof *f);
	int nm;

	ck_assert_ptr_nonnull(f);
	f->sc.name = (char *)name;
	f->sc.start_year = 2030;
	f->sc.years = YEARS;
	f->sc.inputs = f->in;
	f->sc.ninputs = 1;
	f->sc.i_reserve = 0;
	f->in[0].d.kind = DIST_FIXED;
	f->in[0].d.a = 0.25;	/* reserve margin: full use line 0.8 */
	nm = model_nmetrics(&f->sc);
	f->mean = calloc((size_t)nm * YEARS, sizeof *f->mean);
	f->sd = calloc((size_t)nm * YEARS, sizeof *f->sd);
	f->pct = calloc((size_t)nm * YEARS * NPCT, sizeof *f->pct);
	ck_assert(f->mean && f->sd && f->pct);
	for (int k = 0; k < nm; k++)
		for (int t = 0; t < YEARS; t++) {
			f->mean[k * YEARS + t] = 1000.0 * k + 10 * t + 0.5;
			for (int j = 0; j < NPCT; j++)
				f->pct[(k * YEARS + t) * NPCT + j] =
					1000.0 * k + 10 * t + j;
		}
	f->levels[0] = 5;
	f->levels[1] = 50;
	f->levels[2] = 95;
	for (int i = 0; i < 4; i++)
		for (int t = 0; t < YEARS; t++)
			f->p[i][t] = 0.1 * (i + 1) + 0.01 * t;
	f->npv[0] = -2;
	f->npv[1] = -1;
	f->npv[2] = 0;
	f->npv[3] = 1;
	f->npv[4] = 10;
	f->r.n = NTRIALS;
	f->r.years = YEARS;
	f->r.start_year = 2030;
	f->r.nmetrics = nm;
	f->r.npct = NPCT;
	f->r.pct_levels = f->levels;
	f->r.mean = f->mean;
	f->r.sd = f->sd;
	f->r.pct = f->pct;
	f->r.p_surplus = f->p[0];
	f->r.p_shortfall = f->p[1];
	f->r.p_launched = f->p[2];
	f->r.p_paid_back = f->p[3];
	f->r.npv = f->npv;
	f->r.npv_mean = 1.6;
	f->r.p_npv_positive = 0.4;
	f->r.payback_not_launched = 0.2;
	snprintf(f->dir, sizeof f->dir, "/tmp/check_plot_XXXXXX");
	ck_assert_ptr_nonnull(mkdtemp(f->dir));
	return f;
}

static void fixture_free(struct fixture *f)
{
	char cmd[128];

	/* test scratch only: a fixed-format path we created */
	snprintf(cmd, sizeof cmd, "%s", f->dir);
	if (strncmp(cmd, "/tmp/check_plot_", 16) == 0) {
		char *argv_rm[] = {"rm", "-rf", cmd, NULL};
		pid_t pid = fork();
		if (pid == 0) {
			execvp("rm", argv_rm);
			_exit(127);
		}
		while (pid > 0 && waitpid(pid, NULL, 0) < 0)
			;
	}
	free(f->mean);
	free(f->sd);
	free(f->pct);
	free(f);
}

/* Contents of dir/name (malloc'd), NULL when absent. */
static char *slurp(const char *dir, const char *name)
{
	char path[512];
	FILE *fp;
	char *buf;
	long n;

	snprintf(path, sizeof path, "%s/%s", dir, name);
	fp = fopen(path, "r");
	if (!fp)
		return NULL;
	fseek(fp, 0, SEEK_END);
	n = ftell(fp);
	rewind(fp);
	buf = calloc(1, (size_t)n + 1);
	ck_assert_ptr_nonnull(buf);
	ck_assert_int_eq(fread(buf, 1, (size_t)n, fp), n);
	fclose(fp);
	return buf;
}

/* Line i (0-based) of s, into out. */
static void line_of(const char *s, int i, char *out, size_t n)
{
	while (i-- > 0 && s) {
		s = strchr(s, '\n');
		if (s)
			s++;
	}
	ck_assert_ptr_nonnull(s);
	snprintf(out, n, "%.*s", (int)strcspn(s, "\n"), s);
}

/* The tests set COMPUTESIM_GNUPLOT, COMPUTESIM_PLOTS and
 * COMPUTESIM_PLOT_TIMEOUT as a user would; the program reads them in its
 * command layer (sim/cli/env.c) and hands them to plot_configure: these
 * two do the same before each call. */
static void configure_from_env(void)
{
	struct plot_config pc = {getenv("COMPUTESIM_PLOTS"),
				 getenv("COMPUTESIM_GNUPLOT"),
				 getenv("COMPUTESIM_PLOT_TIMEOUT")};

	plot_configure(&pc);
}

static int draw_dir(const char *dir, struct diag *d)
{
	configure_from_env();
	return plot_draw_dir(dir, d);
}

static const char *scripts_dir(void)
{
	configure_from_env();
	return plot_scripts_dir();
}

/* Without 50 among the requested levels, a fan's median is the run's
 * exact median (the stdout table's), not an interpolation between the
 * levels around it, and the levels interpolated beside it take it as a
 * node: requested 5, 60, 95 and a median of base + 0.9 (above the
 * middle, as utilization's is when most trials use the whole fleet). */
START_TEST(test_plot_chart_data_median_is_the_exact_one)
{
	struct fixture *f = fixture_new("Median test");
	struct diag d;
	char *s, line[512], want[512];
	int kc = model_metric_index(&f->sc, M_CAPACITY);
	double *med = calloc((size_t)f->r.nmetrics * YEARS, sizeof *med);
	double b = 1000.0 * kc + 10;	/* year 1's base */

	ck_assert_ptr_nonnull(med);
	for (int i = 0; i < f->r.nmetrics * YEARS; i++)
		med[i] = f->pct[i * NPCT] + 0.9;
	f->levels[1] = 60;
	f->r.median = med;
	diag_init(&d);
	ck_assert_int_eq(output_write_chart_data(f->dir, &f->sc, &f->r, &d),
			 0);
	/* the warning names what is interpolated: not the median */
	ck_assert_int_eq(d.nwarn, 1);
	ck_assert_ptr_nonnull(strstr(d.v[0].msg, "lacks 25, 75;"));
	s = slurp(f->dir, "chart_capacity_demand.csv");
	ck_assert_ptr_nonnull(s);
	line_of(s, 2, line, sizeof line);
	/* p5 = b, p25 = 20/45 of the way from b to the median b + 0.9,
	 * p50 = b + 0.9, p75 = 15/35 of the way from p60 = b + 1 to
	 * p95 = b + 2 */
	snprintf(want, sizeof want, "2031,%.12g,%.12g,%.12g,%.12g,%.12g,",
		 b, b + 0.9 * 20 / 45, b + 0.9, b + 1 + 15.0 / 35, b + 2);
	ck_assert_msg(strncmp(line, want, strlen(want)) == 0, "%s", line);
	ck_assert_msg(strstr(line, ",5\xe2\x80\x93" "95%,25\xe2\x80\x93" "75% "
			    "(interpolated)") != NULL, "%s", line);
	free(s);
	diag_free(&d);
	free(med);
	fixture_free(f);
}
END_TEST

/* Levels 10, 50, 90: P5 and P95 are clamped to P10 and P90, and the
 * legends say "10–90%" rather than the 5–95% they do not show; P25 and
 * P75 lie between requested levels: "25–75% (interpolated)". The
 * warning names the band's real reach. Every fan table carries the
 * labels. */
START_TEST(test_plot_chart_data_band_labels_clamped)
{
	static const char *const tables[] = {
		"chart_capacity_demand.csv", "chart_utilization.csv",
		"chart_surplus.csv", "chart_cloud_npv.csv"};
	struct fixture *f = fixture_new("Band test");
	struct diag d;
	char *s, line[1024];

	f->levels[0] = 10;
	f->levels[2] = 90;
	diag_init(&d);
	ck_assert_int_eq(output_write_chart_data(f->dir, &f->sc, &f->r, &d),
			 0);
	ck_assert_int_eq(d.nwarn, 1);
	ck_assert_ptr_nonnull(strstr(d.v[0].msg, "lacks 5, 25, 75, 95;"));
	ck_assert_ptr_nonnull(strstr(d.v[0].msg, "no further than P10 to "
					       "P90 (their legends say so)"));
	for (size_t i = 0; i < sizeof tables / sizeof tables[0]; i++) {
		s = slurp(f->dir, tables[i]);
		ck_assert_ptr_nonnull(s);
		line_of(s, 0, line, sizeof line);
		ck_assert_msg(strlen(line) > 22 &&
			      strcmp(line + strlen(line) - 22,
				     ",band_outer,band_inner") == 0,
			      "%s: %s", tables[i], line);
		for (int r = 1; r <= YEARS; r++) {
			line_of(s, r, line, sizeof line);
			ck_assert_msg(strstr(line, ",10\xe2\x80\x93" "90%,25"
					    "\xe2\x80\x93" "75% (interpolated)")
				      != NULL, "%s: %s", tables[i], line);
		}
		free(s);
	}
	diag_free(&d);
	fixture_free(f);
}
END_TEST

START_TEST(test_plot_chart_data_interpolates_missing_levels)
{
	struct fixture *f = fixture_new("Fan test");
	struct diag d;
	char *s, line[512], want[512];
	int kc = model_metric_index(&f->sc, M_CAPACITY);
	int kd = model_metric_index(&f->sc, M_DEMAND);
	int ks = model_metric_index(&f->sc, M_STRANDED);

	diag_init(&d);
	ck_assert_int_eq(output_write_chart_data(f->dir, &f->sc, &f->r, &d),
			 0);
	/* 25 and 75 are not requested: one warning naming them */
	ck_assert_int_eq(d.nerr, 0);
	ck_assert_int_eq(d.nwarn, 1);
	ck_assert_ptr_nonnull(strstr(d.v[0].msg, "lacks 25, 75"));

	s = slurp(f->dir, "chart_capacity_demand.csv");
	ck_assert_ptr_nonnull(s);
	line_of(s, 0, line, sizeof line);
	ck_assert_str_eq(line, "year,capacity_p5,capacity_p25,capacity_p50,"
			       "capacity_p75,capacity_p95,capacity_mean,"
			       "demand_p5,demand_p25,demand_p50,demand_p75,"
			       "demand_p95,demand_mean,stranded_p5,"
			       "stranded_p25,stranded_p50,stranded_p75,"
			       "stranded_p95,stranded_mean,band_outer,"
			       "band_inner");
	/* year 1: p5 = base + 0, p50 = base + 1, p95 = base + 2; p25 is
	 * (25-5)/(50-5) = 4/9 of the way from p5 to p50, p75 5/9 of the way
	 * from p50 to p95 */
	line_of(s, 2, line, sizeof line);
	snprintf(want, sizeof want,
		 "2031,%.12g,%.12g,%.12g,%.12g,%.12g,%.12g,"
		 "%.12g,%.12g,%.12g,%.12g,%.12g,%.12g,"
		 "%.12g,%.12g,%.12g,%.12g,%.12g,%.12g,"
		 /* the legends' labels: P25 and P75 interpolated */
		 "5\xe2\x80\x93" "95%%,25\xe2\x80\x93" "75%% (interpolated)",
		 1000.0 * kc + 10, 1000.0 * kc + 10 + 4.0 / 9,
		 1000.0 * kc + 11, 1000.0 * kc + 11 + 5.0 / 9,
		 1000.0 * kc + 12, 1000.0 * kc + 10.5,
		 1000.0 * kd + 10, 1000.0 * kd + 10 + 4.0 / 9,
		 1000.0 * kd + 11, 1000.0 * kd + 11 + 5.0 / 9,
		 1000.0 * kd + 12, 1000.0 * kd + 10.5,
		 1000.0 * ks + 10, 1000.0 * ks + 10 + 4.0 / 9,
		 1000.0 * ks + 11, 1000.0 * ks + 11 + 5.0 / 9,
		 1000.0 * ks + 12, 1000.0 * ks + 10.5);
	ck_assert_str_eq(line, want);
	free(s);

	/* reserve margin 0.25 fixed: the full-use line is 1/1.25 = 0.8 */
	s = slurp(f->dir, "chart_utilization.csv");
	ck_assert_ptr_nonnull(s);
	line_of(s, 1, line, sizeof line);
	ck_assert_ptr_nonnull(strstr(line, ",0.8,0.8,0.8,"));
	free(s);

	s = slurp(f->dir, "chart_probabilities.csv");
	ck_assert_ptr_nonnull(s);
	ck_assert_str_eq(s, "year,p_launched,p_paid_back,p_surplus,"
			    "p_shortfall\n2030,0.3,0.4,0.1,0.2\n"
			    "2031,0.31,0.41,0.11,0.21\n");
	free(s);

	s = slurp(f->dir, "chart_title.txt");
	ck_assert_str_eq(s, "Fan test\n");
	free(s);
	diag_free(&d);
	fixture_free(f);
}
END_TEST

START_TEST(test_plot_chart_data_exact_levels_no_warning)
{
	struct fixture *f = fixture_new("x");
	double lv[5] = {5, 25, 50, 75, 95};
	struct diag d;
	int nm = f->r.nmetrics;
	double *pct = calloc((size_t)nm * YEARS * 5, sizeof *pct);
	char *s, line[256];
	int kn = model_metric_index(&f->sc, M_CLOUD_NPV);

	for (int i = 0; i < nm * YEARS * 5; i++)
		pct[i] = i;
	f->r.pct = pct;
	f->r.npct = 5;
	f->r.pct_levels = lv;
	diag_init(&d);
	ck_assert_int_eq(output_write_chart_data(f->dir, &f->sc, &f->r, &d),
			 0);
	ck_assert_int_eq(d.nwarn + d.nerr, 0);
	s = slurp(f->dir, "chart_cloud_npv.csv");
	line_of(s, 1, line, sizeof line);
	{
		char want[256];
		int b = kn * YEARS * 5;
		/* and the share not launched: 1 - P(launched), 0.3 in the
		 * fixture's 2030 */
		snprintf(want, sizeof want, "2030,%d,%d,%d,%d,%d,%.10g,0.7,"
			 "5\xe2\x80\x93" "95%%,25\xe2\x80\x93" "75%%", b,
			 b + 1, b + 2, b + 3, b + 4, 1000.0 * kn + 0.5);
		ck_assert_str_eq(line, want);
	}
	free(s);
	diag_free(&d);
	free(pct);
	fixture_free(f);
}
END_TEST

START_TEST(test_plot_chart_data_npv_histogram)
{
	struct fixture *f = fixture_new("x");
	struct diag d;
	char *s, line[256];
	long total = 0;

	diag_init(&d);
	ck_assert_int_eq(output_write_chart_data(f->dir, &f->sc, &f->r, &d),
			 0);
	/* NPVs -2 -1 0 1 10; the 0 is left out of the bars. Nonzero ones:
	 * P0.5 = -1.985, P97.5 = 9.325, raw width 0.283 rounds to 0.5;
	 * edges from -2 in 23 bins to 9.5; 10 is outside: 1 of 5 trials */
	s = slurp(f->dir, "chart_npv_hist.csv");
	ck_assert_ptr_nonnull(s);
	line_of(s, 1, line, sizeof line);
	ck_assert_str_eq(line, "-2,-1.5,-1.75,1,0.2");
	line_of(s, 3, line, sizeof line);
	ck_assert_str_eq(line, "-1,-0.5,-0.75,1,0.2");
	line_of(s, 23, line, sizeof line);
	ck_assert_str_eq(line, "9,9.5,9.25,0,0");
	ck_assert_ptr_null(strstr(s, "9.5,10,"));
	for (int i = 1; i <= 23; i++) {
		long c;
		line_of(s, i, line, sizeof line);
		ck_assert_int_eq(sscanf(line, "%*[^,],%*[^,],%*[^,],%ld", &c), 1);
		total += c;
	}
	line_of(s, 5, line, sizeof line);
	ck_assert_str_eq(line, "0,0.5,0.25,0,0");
	line_of(s, 7, line, sizeof line);
	ck_assert_str_eq(line, "1,1.5,1.25,1,0.2");
	ck_assert_int_eq(total, 3);
	free(s);

	s = slurp(f->dir, "chart_npv_summary.csv");
	line_of(s, 1, line, sizeof line);
	ck_assert_str_eq(line, "5,0.4,1.6,-1.8,0,8.2,0.5,0.2,-2,9.5,0.2,0.2");
	free(s);

	s = slurp(f->dir, "chart_npv_cdf.csv");
	line_of(s, 1, line, sizeof line);
	ck_assert_str_eq(line, "-2,0");
	line_of(s, 501, line, sizeof line);
	ck_assert_str_eq(line, "10,1");
	free(s);
	diag_free(&d);
	fixture_free(f);
}
END_TEST

/* A fake gnuplot: records its arguments one per line in $FAKE_LOG, then
 * by $FAKE_MODE: ok (write the PNG: its signature, then the IEND chunk
 * that ends every whole PNG), warn (write it and print), fail (write it,
 * print, exit 3). */
static void write_fake(const char *dir, char *path, size_t n)
{
	FILE *fp;

	snprintf(path, n, "%s/fake gnuplot", dir);
	fp = fopen(path, "w");
	ck_assert_ptr_nonnull(fp);
	fputs("#!/bin/sh\n"
	      "for a in \"$@\"; do printf '%s\\n' \"$a\" >> \"$FAKE_LOG\"; done\n"
	      "printf '\\211PNG\\r\\n\\032\\n\\0\\0\\0\\0IEND\\256B`\\202'"
	      " > \"$5\"\n"
	      "case \"$FAKE_MODE\" in\n"
	      "warn) echo 'warning: something odd' >&2 ;;\n"
	      "fail) echo 'line 3: boom' >&2; exit 3 ;;\n"
	      "order) case \"$3\" in\n"
	      "  */capacity_demand.gp) sleep 0.5; echo first >&2; exit 3 ;;\n"
	      "  */npv_dist.gp) echo last >&2; exit 3 ;;\n"
	      "  esac ;;\n"
	      "hang) case \"$3\" in */capacity_demand.gp) sleep 5 ;; esac ;;\n"
	      "late) case \"$3\" in\n"
	      "  */capacity_demand.gp|*/surplus.gp) exec sleep 30 ;;\n"
	      "  */utilization.gp) sleep 2.5 ;;\n"
	      "  esac ;;\n"
	      "esac\n"
	      "exit 0\n", fp);
	fclose(fp);
	ck_assert_int_eq(chmod(path, 0755), 0);
}

static char *plots_dir(void)
{
	static char buf[512];
	const char *root = getenv("CS_ROOT");

	snprintf(buf, sizeof buf, "%s/plots", root ? root : ".");
	return buf;
}

/* Charts are drawn by as many gnuplots at once as the process may use
 * CPUs; the tests that read the fake's log line by line draw them one
 * at a time, as on one CPU (each test runs in a process of its own). */
static void one_lane(void)
{
	cpu_set_t cs;

	ck_assert_int_eq(sched_getaffinity(0, sizeof cs, &cs), 0);
	for (int c = 0; c < CPU_SETSIZE; c++)
		if (CPU_ISSET(c, &cs)) {
			CPU_ZERO(&cs);
			CPU_SET(c, &cs);
			ck_assert_int_eq(sched_setaffinity(0, sizeof cs, &cs), 0);
			return;
		}
}

START_TEST(test_plot_argv_passed_verbatim)
{
	/* a title that would break or inject into gnuplot or a shell */
	static const char name[] = "Q \"x\" 'y' \\ $(touch pwned) `id` @ARG1";
	struct fixture *f = fixture_new(name);
	struct diag d;
	char fake[256], log[256], sub[256], real_sub[512], rp[600];
	char *s, line[512];

	/* a subdirectory whose name needs quoting, relative, leading '<' */
	snprintf(sub, sizeof sub, "%s/<o $(touch pwned) 'q\"", f->dir);
	ck_assert_int_eq(mkdir(sub, 0755), 0);
	diag_init(&d);
	ck_assert_int_eq(output_write_chart_data(sub, &f->sc, &f->r, &d), 0);
	write_fake(f->dir, fake, sizeof fake);
	snprintf(log, sizeof log, "%s/log", f->dir);
	setenv("COMPUTESIM_GNUPLOT", fake, 1);
	setenv("COMPUTESIM_PLOTS", plots_dir(), 1);
	setenv("FAKE_LOG", log, 1);
	setenv("FAKE_MODE", "ok", 1);
	ck_assert_int_eq(chdir(f->dir), 0);
	diag_free(&d);
	diag_init(&d);
	one_lane();
	ck_assert_int_eq(draw_dir("<o $(touch pwned) 'q\"", &d), 0);
	ck_assert_int_eq(d.nerr + d.nwarn, 0);
	ck_assert_ptr_nonnull(realpath(sub, real_sub));
	ck_assert_ptr_nonnull(realpath(plots_dir(), rp));

	/* 6 charts x 6 arguments, in table order */
	s = slurp(f->dir, "log");
	ck_assert_ptr_nonnull(s);
	line_of(s, 0, line, sizeof line);
	ck_assert_str_eq(line, "-d");
	line_of(s, 1, line, sizeof line);
	ck_assert_str_eq(line, "-c");
	line_of(s, 2, line, sizeof line);
	ck_assert_str_eq(line, strcat(strcat(rp, "/"), "capacity_demand.gp"));
	line_of(s, 3, line, sizeof line);
	ck_assert_str_eq(line, real_sub);
	ck_assert_int_eq(line[0], '/');
	line_of(s, 4, line, sizeof line);
	/* drawn to a temporary name, renamed over the PNG when complete */
	snprintf(rp, sizeof rp, "%s/capacity_demand.png.tmp-%ld", real_sub,
		 (long)getpid());
	ck_assert_str_eq(line, rp);
	ck_assert_int_eq(access(strcat(real_sub, "/capacity_demand.png"),
				F_OK), 0);
	line_of(s, 5, line, sizeof line);
	ck_assert_str_eq(line, name);
	line_of(s, 6 * 5 + 4, line, sizeof line);
	ck_assert_ptr_nonnull(strstr(line, "/npv_distribution.png"));
	free(s);
	/* nothing ran the title or the directory name as a command */
	ck_assert_int_ne(access("pwned", F_OK), 0);
	ck_assert_int_ne(access(sub, F_OK), -1);
	diag_free(&d);
	ck_assert_int_eq(chdir("/"), 0);
	fixture_free(f);
}
END_TEST

/* The fake gnuplot's log of a run of draw_dir on a fixture whose
 * chart_title.txt holds title (which the title argument is read from),
 * to free. */
static char *title_log(const char *title)
{
	struct fixture *f = fixture_new("x");
	struct diag d;
	char fake[256], log[256], path[512];
	FILE *fp;
	char *s;

	diag_init(&d);
	ck_assert_int_eq(output_write_chart_data(f->dir, &f->sc, &f->r, &d), 0);
	snprintf(path, sizeof path, "%s/chart_title.txt", f->dir);
	fp = fopen(path, "w");
	ck_assert_ptr_nonnull(fp);
	fputs(title, fp);
	fclose(fp);
	write_fake(f->dir, fake, sizeof fake);
	snprintf(log, sizeof log, "%s/log", f->dir);
	setenv("COMPUTESIM_GNUPLOT", fake, 1);
	setenv("COMPUTESIM_PLOTS", plots_dir(), 1);
	setenv("FAKE_LOG", log, 1);
	setenv("FAKE_MODE", "ok", 1);
	one_lane();
	ck_assert_int_eq(draw_dir(f->dir, &d), 0);
	s = slurp(f->dir, "log");
	ck_assert_ptr_nonnull(s);
	diag_free(&d);
	fixture_free(f);
	return s;
}

START_TEST(test_plot_title_sanitized)
{
	/* control characters and invalid UTF-8 become '?', valid UTF-8 stays */
	char line[512];
	char *s = title_log("caf\xc3\xa9 \x01x\xff\xc3 end\nsecond line\n");

	line_of(s, 5, line, sizeof line);
	ck_assert_str_eq(line, "caf\xc3\xa9 ?x?? end");
	free(s);
}
END_TEST

/* A long CJK title reaches gnuplot wrapped by display width: 50 wide
 * characters are 100 columns, so the first line takes 40 of them (80
 * columns) and the second the other 10; counted as characters, all 50
 * would have fit the 80 of one line and overflowed the chart. */
START_TEST(test_plot_title_cjk_wrapped_by_width)
{
	char title[512] = "", want[512] = "", line[512];
	char *s;

	for (int i = 0; i < 5; i++)
		strcat(title, "日本語の長い名前です");	/* 10 characters */
	strcat(title, "\n");
	s = title_log(title);
	for (int i = 0; i < 4; i++)
		strcat(want, "日本語の長い名前です");
	line_of(s, 5, line, sizeof line);	/* the fake logs a line each */
	ck_assert_str_eq(line, want);
	line_of(s, 6, line, sizeof line);
	ck_assert_str_eq(line, "日本語の長い名前です");
	free(s);
}
END_TEST

START_TEST(test_plot_gnuplot_missing_is_one_warning)
{
	struct fixture *f = fixture_new("x");
	struct diag d;

	diag_init(&d);
	ck_assert_int_eq(output_write_chart_data(f->dir, &f->sc, &f->r, &d), 0);
	diag_free(&d);
	diag_init(&d);
	setenv("COMPUTESIM_PLOTS", plots_dir(), 1);
	setenv("COMPUTESIM_GNUPLOT", "/nonexistent/gnuplot-missing", 1);
	ck_assert_int_eq(draw_dir(f->dir, &d), 1);
	ck_assert_int_eq(d.nerr, 0);
	ck_assert_int_eq(d.nwarn, 1);
	ck_assert_ptr_nonnull(strstr(d.v[0].msg, "charts skipped: gnuplot "
					 "not found (install gnuplot-nox"));
	diag_free(&d);
	fixture_free(f);
}
END_TEST

START_TEST(test_plot_gnuplot_output_warns_failure_errs)
{
	struct fixture *f = fixture_new("x");
	struct diag d;
	char fake[256], log[256], png[512];

	diag_init(&d);
	ck_assert_int_eq(output_write_chart_data(f->dir, &f->sc, &f->r, &d), 0);
	diag_free(&d);
	write_fake(f->dir, fake, sizeof fake);
	snprintf(log, sizeof log, "%s/log", f->dir);
	snprintf(png, sizeof png, "%s/surplus.png", f->dir);
	setenv("COMPUTESIM_GNUPLOT", fake, 1);
	setenv("COMPUTESIM_PLOTS", plots_dir(), 1);
	setenv("FAKE_LOG", log, 1);

	setenv("FAKE_MODE", "warn", 1);
	diag_init(&d);
	ck_assert_int_eq(draw_dir(f->dir, &d), 0);
	ck_assert_int_eq(d.nerr, 0);
	/* 6 charts of a run, and the stories and NPV by story */
	ck_assert_int_eq(d.nwarn, 8);
	ck_assert_ptr_nonnull(strstr(d.v[0].msg, "capacity_demand.gp"));
	ck_assert_ptr_nonnull(strstr(d.v[0].msg, "warning: something odd"));
	ck_assert_int_eq(access(png, F_OK), 0);
	diag_free(&d);

	setenv("FAKE_MODE", "fail", 1);
	diag_init(&d);
	ck_assert_int_eq(draw_dir(f->dir, &d), -1);
	ck_assert_int_eq(d.nerr, 8);
	ck_assert_ptr_nonnull(strstr(d.v[0].msg, "exit status 3"));
	ck_assert_ptr_nonnull(strstr(d.v[0].msg, "line 3: boom"));
	/* a failed redraw leaves the earlier chart, and no temporary */
	ck_assert_int_eq(access(png, F_OK), 0);
	snprintf(png, sizeof png, "%s/surplus.png.tmp-%ld", f->dir,
		 (long)getpid());
	ck_assert_int_ne(access(png, F_OK), 0);
	diag_free(&d);
	fixture_free(f);
}
END_TEST

/* f's chart tables, and the fake gnuplot drawing them (its log in
 * f->dir/log); FAKE_MODE is the caller's. */
static void fake_charts(struct fixture *f)
{
	struct diag d;
	char fake[256], log[256];

	diag_init(&d);
	ck_assert_int_eq(output_write_chart_data(f->dir, &f->sc, &f->r, &d), 0);
	diag_free(&d);
	write_fake(f->dir, fake, sizeof fake);
	snprintf(log, sizeof log, "%s/log", f->dir);
	setenv("COMPUTESIM_GNUPLOT", fake, 1);
	setenv("COMPUTESIM_PLOTS", plots_dir(), 1);
	setenv("FAKE_LOG", log, 1);
}

/* The messages of charts drawn at once come in table order, as drawn
 * one after the other: the first chart fails after half a second, the
 * last at once (on a machine with two CPUs or more it fails first); the
 * same two errors, in the same order, with one lane. */
START_TEST(test_plot_lanes_keep_table_order)
{
	struct fixture *f = fixture_new("x");
	struct diag d;
	char png[512];

	fake_charts(f);
	snprintf(png, sizeof png, "%s/surplus.png", f->dir);
	setenv("FAKE_MODE", "order", 1);
	for (int pass = 0; pass < 2; pass++) {
		if (pass == 1)
			one_lane();
		diag_init(&d);
		ck_assert_int_eq(draw_dir(f->dir, &d), -1);
		ck_assert_int_eq(d.nerr, 2);
		ck_assert_int_eq(d.nwarn, 0);
		ck_assert_ptr_nonnull(strstr(d.v[0].msg,
					     "capacity_demand.gp (exit status 3):\nfirst"));
		ck_assert_ptr_nonnull(strstr(d.v[1].msg,
					     "npv_dist.gp (exit status 3):\nlast"));
		/* no chart drawn (the fixture had none) */
		ck_assert_int_ne(access(png, F_OK), 0);
		diag_free(&d);
	}
	fixture_free(f);
}
END_TEST

/* A chart that stops the drawing (here gnuplot past its time on the
 * first chart) stops it for the charts after it too: those another lane
 * drew meanwhile are dropped, their temporaries removed, and the one
 * error says so. */
START_TEST(test_plot_lanes_drop_charts_after_a_stop)
{
	struct fixture *f = fixture_new("x");
	struct diag d;
	DIR *dp;
	struct dirent *e;

	fake_charts(f);
	setenv("COMPUTESIM_PLOT_TIMEOUT", "1", 1);
	setenv("FAKE_MODE", "hang", 1);
	diag_init(&d);
	ck_assert_int_eq(draw_dir(f->dir, &d), -1);
	unsetenv("COMPUTESIM_PLOT_TIMEOUT");
	ck_assert_int_eq(d.nerr, 1);
	ck_assert_int_eq(d.nwarn, 0);
	ck_assert_ptr_nonnull(strstr(d.v[0].msg, "gnuplot took more than 1 s "
					 "on capacity_demand.gp"));
	dp = opendir(f->dir);
	ck_assert_ptr_nonnull(dp);
	while ((e = readdir(dp)) != NULL) {
		ck_assert_ptr_null(strstr(e->d_name, ".tmp-"));
		ck_assert_ptr_null(strstr(e->d_name, ".png"));
	}
	closedir(dp);
	diag_free(&d);
	fixture_free(f);
}
END_TEST

/* A chart after the one that stops the drawing is dropped: its gnuplot
 * is stopped then, not left to run to its own time limit. The first
 * chart hangs past the 3 s limit; another lane draws the second (2.5 s)
 * and then hangs on the third, which would run until 5.5 s. Drawn one
 * by one, or with the third stopped with the first, it takes 3 s. */
START_TEST(test_plot_lanes_stop_later_gnuplot)
{
	struct fixture *f = fixture_new("x");
	struct diag d;
	struct timespec t0, t1;
	double took;

	fake_charts(f);
	setenv("COMPUTESIM_PLOT_TIMEOUT", "3", 1);
	setenv("FAKE_MODE", "late", 1);
	diag_init(&d);
	clock_gettime(CLOCK_MONOTONIC, &t0);
	ck_assert_int_eq(draw_dir(f->dir, &d), -1);
	clock_gettime(CLOCK_MONOTONIC, &t1);
	unsetenv("COMPUTESIM_PLOT_TIMEOUT");
	took = (double)(t1.tv_sec - t0.tv_sec) +
	       1e-9 * (double)(t1.tv_nsec - t0.tv_nsec);
	ck_assert_int_eq(d.nerr, 1);
	ck_assert_ptr_nonnull(strstr(d.v[0].msg, "gnuplot took more than 3 s "
					 "on capacity_demand.gp"));
	ck_assert_msg(took < 4.5, "took %.2f s", took);
	diag_free(&d);
	fixture_free(f);
}
END_TEST

START_TEST(test_plot_scripts_dir_from_env)
{
	setenv("COMPUTESIM_PLOTS", "/some/where", 1);
	ck_assert_str_eq(scripts_dir(), "/some/where");
	unsetenv("COMPUTESIM_PLOTS");
	/* fallback: next to the test binary (no plots/ there) -> compiled in */
	ck_assert_ptr_nonnull(strstr(scripts_dir(), "plots"));
}
END_TEST

static Suite *plot_suite(void)
{
	Suite *s = suite_create("plot");
	TCase *tc = tcase_create("core");

	/* test_plot_lanes_stop_later_gnuplot waits 3 s for a timeout
	 * (Check's default limit is 4 s) */
	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, test_plot_chart_data_interpolates_missing_levels);
	tcase_add_test(tc, test_plot_chart_data_median_is_the_exact_one);
	tcase_add_test(tc, test_plot_chart_data_band_labels_clamped);
	tcase_add_test(tc, test_plot_chart_data_exact_levels_no_warning);
	tcase_add_test(tc, test_plot_chart_data_npv_histogram);
	tcase_add_test(tc, test_plot_argv_passed_verbatim);
	tcase_add_test(tc, test_plot_title_sanitized);
	tcase_add_test(tc, test_plot_title_cjk_wrapped_by_width);
	tcase_add_test(tc, test_plot_gnuplot_missing_is_one_warning);
	tcase_add_test(tc, test_plot_gnuplot_output_warns_failure_errs);
	tcase_add_test(tc, test_plot_lanes_keep_table_order);
	tcase_add_test(tc, test_plot_lanes_drop_charts_after_a_stop);
	tcase_add_test(tc, test_plot_lanes_stop_later_gnuplot);
	tcase_add_test(tc, test_plot_scripts_dir_from_env);
	suite_add_tcase(s, tc);
	return s;
}

CHECK_MAIN(plot_suite)
