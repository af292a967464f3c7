/* sweep.c — computesim sweep SCENARIO --grid PATH=FROM:TO:STEPS [...]:
 * the full grid over the inputs, each point a light run with the same
 * seed (common random numbers) and the swept inputs held at the grid
 * values in every trial and year (an override with use_value = 1: the
 * value replaces the input's whole distribution; for a series every
 * listed year takes the value and its then_growth still applies after
 * the last one). Writes sweep.csv, the chart data (one grid: a line
 * chart, two grids: heat maps) and prints a small table. See
 * docs/notes-analysis.md. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "analysis.h"
#include "schema.h"
#include "output.h"
#include "runsplit.h"
#include "text.h"

#define SWEEP_MAX_STEPS 10000
#define SWEEP_MAX_POINTS 1000000L

/* What one grid point reports. */
struct sweep_point {
	double npv_mean, npv_p5, npv_p50, npv_p95, p_pos;
	int payback_t;		/* median payback year index, -1: none */
};

struct sweep {
	struct analysis_ctx a;
	int ng;
	char **paths;		/* [ng] */
	int *input;		/* [ng] */
	long npoints;
	double *vals;		/* [point * ng + g] */
	struct sweep_point *pt;	/* [point] */
	double *ps;		/* [point * years + t]: P(surplus) */
	double *rise;		/* [point * years + t]: p_rent_rise */
};

static void sweep_free(struct sweep *s)
{
	for (int g = 0; s->paths && g < s->ng; g++)
		free(s->paths[g]);
	free(s->paths);
	free(s->input);
	free(s->vals);
	free(s->pt);
	free(s->ps);
	free(s->rise);
	analysis_ctx_free(&s->a);
}

/* Value j of grid g: STEPS points from FROM to TO, both ends exact. A
 * point inside is the decimal it stands for: from + (to - from) j /
 * (steps - 1) rounded to 12 digits below the step's first (printf's
 * decimal rounding, then strtod), so that -10%:20%:4 holds 0, not the
 * 1.4e-17 that 0.3 / 3 - 0.1 leaves, and 0.1 the double that "0.1"
 * reads as. A point of a grid of decimals (up to the 12 significant
 * digits sweep.csv prints) is then the double a --set of the printed
 * value gives; 0:1:4's 1/3 is not a decimal, and is printed rounded. */
static double grid_value(const struct grid *g, int j)
{
	double step = (g->to - g->from) / (double)(g->steps - 1), v;
	char buf[400];
	int dec;

	if (j == 0)
		return g->from;
	if (j == g->steps - 1)
		return g->to;
	v = g->from + (g->to - g->from) * (double)j / (double)(g->steps - 1);
	if (!(step > 0) || !isfinite(v))
		return v;
	dec = 12 - (int)floor(log10(step));
	if (dec < 0 || dec > 340)
		return v;	/* a grid of huge or tiny steps: as computed */
	snprintf(buf, sizeof buf, "%.*f", dec, v);
	return strtod(buf, NULL);
}

/* Validate every --grid (collecting all problems in d); 0 or -1. */
static int check_grids(struct sweep *s, const struct cli *c, struct diag *d)
{
	const struct scenario *sc = s->a.sc;
	int nerr = d->nerr;

	s->npoints = 1;
	for (int g = 0; g < s->ng; g++) {
		const struct grid *gr = &c->grids[g];
		const char *eq = strchr(gr->arg, '=');
		int i;

		s->paths[g] = strndup(gr->arg, eq ? (size_t)(eq - gr->arg)
						  : strlen(gr->arg));
		if (!s->paths[g]) {
			diag_error(d, NULL, 0, 0, "out of memory");
			return -1;
		}
		i = analysis_resolve_input(sc, s->paths[g], "--grid", gr->arg,
					   d);
		s->input[g] = i;
		/* STEPS as written: a huge one is held at INT_MAX or
		 * INT_MIN */
		const char *st = strrchr(gr->arg, ':');

		st = st ? st + 1 : "?";
		if (gr->steps < 2)
			diag_error(d, NULL, 0, 0, "--grid '%s': STEPS = %s: a "
				   "grid needs at least 2 points (FROM and TO)",
				   gr->arg, st);
		else if (gr->steps > SWEEP_MAX_STEPS)
			diag_error(d, NULL, 0, 0, "--grid '%s': STEPS = %s: at "
				   "most %d points per grid", gr->arg, st,
				   SWEEP_MAX_STEPS);
		else if (s->npoints <= SWEEP_MAX_POINTS)
			s->npoints *= gr->steps;
		if (!(gr->from < gr->to))
			diag_error(d, NULL, 0, 0, "--grid '%s': FROM (%g) must "
				   "be below TO (%g)", gr->arg, gr->from,
				   gr->to);
		if (i >= 0) {
			if (analysis_check_value(sc, i, gr->from, "FROM",
						 "--grid", gr->arg, d) == 0)
				analysis_check_value(sc, i, gr->to, "TO",
						     "--grid", gr->arg, d);
			for (int h = 0; h < g; h++)
				if (s->input[h] == i) {
					diag_error(d, NULL, 0, 0, "--grid "
						   "'%s': '%s' is already "
						   "swept by --grid '%s'",
						   gr->arg, s->paths[g],
						   c->grids[h].arg);
					break;
				}
		}
	}
	/* a capex_response's cap at or above its floor at every point; where
	 * both ends are swept, said once, by the cap's grid */
	for (int g = 0; d->nerr == nerr && g < s->ng; g++) {
		int i = s->input[g], j, h = -1, e;

		if (i < 0 || !(e = analysis_floor_cap(sc, i, &j)))
			continue;
		for (int k = 0; k < s->ng; k++)
			if (s->input[k] == j)
				h = k;
		if (h >= 0 && e == 1)
			continue;
		double oh[2] = {h >= 0 ? c->grids[h].from : 0,
				h >= 0 ? c->grids[h].to : 0};

		analysis_check_floor_cap(sc, i, c->grids[g].from,
					 c->grids[g].to, h >= 0 ? oh : NULL,
					 h >= 0 ? c->grids[h].arg : NULL,
					 "--grid", c->grids[g].arg, d);
	}
	/* a list's shares not all 0 at any point (each list checked, after
	 * the grids themselves passed); where two grids take shares of one
	 * list to 0, said once, by the first */
	int *sw = malloc((size_t)(s->ng > 0 ? s->ng : 1) * sizeof *sw);
	double *swlo = malloc((size_t)(s->ng > 0 ? s->ng : 1) * sizeof *swlo);
	int grids_ok = d->nerr == nerr;

	if (!sw || !swlo)
		diag_error(d, NULL, 0, 0, "out of memory");
	for (int g = 0; sw && swlo && grids_ok && g < s->ng; g++) {
		int nsw = 0, first = 1;

		if (s->input[g] < 0 || c->grids[g].from > 0)
			continue;
		for (int h = 0; h < s->ng; h++) {
			if (h == g || s->input[h] < 0)
				continue;
			if (h < g && c->grids[h].from <= 0 &&
			    analysis_same_list(sc, s->input[g], s->input[h]))
				first = 0;
			sw[nsw] = s->input[h];
			swlo[nsw++] = c->grids[h].from;
		}
		if (first)
			analysis_check_shares(sc, s->input[g],
					      c->grids[g].from, sw, swlo, nsw,
					      "--grid", c->grids[g].arg, d);
	}
	free(sw);
	free(swlo);
	if (d->nerr == nerr && s->npoints > SWEEP_MAX_POINTS)
		diag_error(d, NULL, 0, 0, "--grid: the grids make more than "
			   "%ld points; use fewer STEPS", SWEEP_MAX_POINTS);
	return d->nerr == nerr ? 0 : -1;
}

static int sweep_share(struct sweep *s, const struct run_split *sp, int rc);

/* Whether point pnt's result r is finite (and has sds): 0, or -2 with
 * the error in d, named by the scenario and saying at which values. */
static int point_finite(const struct sweep *s, const struct cli *c,
			long pnt, const struct run_result *r, struct diag *d)
{
	char where[512];
	size_t n = 0;

	for (int g = 0; g < s->ng && n < sizeof where; g++)
		n += (size_t)snprintf(where + n, sizeof where - n, "%s%s = %g",
				      g ? ", " : "at ", s->paths[g],
				      s->vals[pnt * s->ng + g]);
	return run_result_check_finite(r, s->a.sc, c->files[0], where, d) < 0
		       ? -2 : 0;
}

/* The overrides of point pnt (the last grid varies fastest), and its
 * values into s->vals. */
static void point_overrides(struct sweep *s, const struct cli *c, long pnt,
			    struct sample_override *ovs)
{
	long rest = pnt;

	for (int g = s->ng - 1; g >= 0; g--) {
		int j = (int)(rest % c->grids[g].steps);
		rest /= c->grids[g].steps;
		ovs[g].input = s->input[g];
		ovs[g].use_value = 1;
		ovs[g].value = grid_value(&c->grids[g], j);
		ovs[g].u = 0;
		s->vals[pnt * s->ng + g] = ovs[g].value;
	}
}

/* After a split sweep refused a point (status -2 on every rank): rank 0
 * prints, so when the first refused point was another rank's, rank 0
 * runs that point again for its message. bad: this rank's first refused
 * point, or -1. Collective. */
static void split_refusal(struct sweep *s, const struct cli *c, long bad,
			  struct run_opts *o, struct sample_override *ovs,
			  struct diag *d)
{
	const struct run_split *sp = c->split;
	double mn = bad >= 0 ? (double)bad : INFINITY, mx = mn;
	struct run_result *r = NULL;

	if (sp->minmax(sp->arg, &mn, &mx, 1) < 0 || sp->rank != 0 ||
	    bad >= 0 || !isfinite(mn))
		return;
	point_overrides(s, c, (long)mn, ovs);
	if (run_trials(&r, s->a.sc, s->a.plan, o) == 0 && r)
		point_finite(s, c, (long)mn, r, d);
	run_result_free(r);
}

/* Run every grid point. Split between ranks (c->split), each rank runs
 * a contiguous range of whole points on its own (run_split_lo), and the
 * points' figures are then shared, so every rank holds every point.
 * Returns 0, 1 when stopped, -1 on failure, -2 when a point's figures
 * are not finite (the error in d; under a split, in rank 0's). */
static int sweep_run(struct sweep *s, const struct cli *c, struct diag *d)
{
	const int ng = s->ng, years = s->a.sc->years;
	struct sample_override *ovs = calloc((size_t)ng, sizeof *ovs);
	struct run_opts o = s->a.o;
	const struct run_split *split = c->split;
	long p0 = 0, p1 = s->npoints, bad = -1;
	int rc = 0;

	if (split) {
		p0 = (long)run_split_lo((size_t)s->npoints, split->rank,
					split->size);
		p1 = (long)run_split_lo((size_t)s->npoints, split->rank + 1,
					split->size);
		o.split = NULL;	/* a point's trials stay on its rank */
	}
	if (!ovs)
		return split ? sweep_share(s, split, -1) : -1;
	o.ovs = ovs;
	o.novs = ng;
	for (long pnt = 0; pnt < s->npoints; pnt++) {
		struct run_result *r = NULL;
		struct sweep_point *sp = &s->pt[pnt];

		/* every point's values, also another rank's */
		point_overrides(s, c, pnt, ovs);
		if (pnt < p0 || pnt >= p1)
			continue;
		analysis_progress(c, "sweep", pnt, s->npoints);
		rc = run_trials(&r, s->a.sc, s->a.plan, &o);
		if (rc == 0 && r)
			rc = point_finite(s, c, pnt, r, d);
		if (rc != 0 || !r) {
			run_result_free(r);
			rc = rc == 1 || rc == -2 ? rc : -1;
			bad = rc == -2 ? pnt : -1;
			break;
		}
		sp->npv_mean = r->npv_mean;
		sp->npv_p5 = analysis_npv_quantile(r, 0.05);
		sp->npv_p50 = analysis_npv_quantile(r, 0.50);
		sp->npv_p95 = analysis_npv_quantile(r, 0.95);
		sp->p_pos = r->p_npv_positive;
		sp->payback_t = r->median_payback_t;
		for (int t = 0; t < years; t++) {
			s->ps[pnt * years + t] = r->p_surplus[t];
			s->rise[pnt * years + t] = r->p_rent_rise[t];
		}
		run_result_free(r);
	}
	if (rc == 0)
		analysis_progress(c, "sweep", s->npoints, s->npoints);
	if (split) {
		rc = sweep_share(s, split, rc);
		if (rc == -2)
			split_refusal(s, c, bad, &o, ovs, d);
	}
	free(ovs);
	return rc;
}

/* Every rank's points to every rank, after this rank's points ended with
 * status rc: the worst status of any rank (-1 before 1 before 0), and
 * with 0 every point's figures everywhere. */
static int sweep_share(struct sweep *s, const struct run_split *sp, int rc)
{
	size_t n = (size_t)s->npoints, y = (size_t)s->a.sc->years;

	rc = run_split_status(sp, rc);
	if (rc != 0)
		return rc;
	if (run_split_allgather_items(sp, s->pt, n, n, sizeof *s->pt) < 0 ||
	    run_split_allgather_items(sp, s->ps, n, n, y * sizeof *s->ps) < 0 ||
	    run_split_allgather_items(sp, s->rise, n, n,
				      y * sizeof *s->rise) < 0)
		return -1;
	return 0;
}

/* The cells a row of sweep.csv and of the chart table both start with:
 * the point's grid values, its mean and P5 NPV, each followed by a comma. */
static void put_point_start(FILE *f, const struct sweep *s, long pnt)
{
	for (int g = 0; g < s->ng; g++) {
		output_csv_num(f, s->vals[pnt * s->ng + g]);
		fputc(',', f);
	}
	output_csv_num(f, s->pt[pnt].npv_mean);
	fputc(',', f);
	output_csv_num(f, s->pt[pnt].npv_p5);
	fputc(',', f);
}

static int write_sweep_csv(const struct sweep *s, const char *dir,
			   struct diag *d)
{
	const struct scenario *sc = s->a.sc;
	FILE *f = output_open(dir, "sweep.csv", d);

	if (!f)
		return -1;
	for (int g = 0; g < s->ng; g++) {
		output_csv_text(f, s->paths[g]);
		fputc(',', f);
	}
	fputs("npv_mean,npv_p5,npv_p50,npv_p95,p_npv_positive,"
	      "median_payback_year", f);
	for (int t = 0; t < sc->years; t++)
		fprintf(f, ",p_surplus_%d", sc->start_year + t);
	fputc('\n', f);
	for (long pnt = 0; pnt < s->npoints; pnt++) {
		const struct sweep_point *sp = &s->pt[pnt];
		put_point_start(f, s, pnt);
		output_csv_num(f, sp->npv_p50);
		fputc(',', f);
		output_csv_num(f, sp->npv_p95);
		fputc(',', f);
		output_csv_num(f, sp->p_pos);
		fputc(',', f);
		if (sp->payback_t >= 0)
			fprintf(f, "%d", sc->start_year + sp->payback_t);
		for (int t = 0; t < sc->years; t++) {
			fputc(',', f);
			output_csv_num(f, s->ps[pnt * sc->years + t]);
		}
		fputc('\n', f);
	}
	return output_close(f, dir, "sweep.csv", d);
}

/* Chart data: one grid -> chart_sweep_line.csv (sweep_line.gp); two ->
 * chart_sweep_heat.csv (sweep_heat_*.gp), its rows in blocks of equal
 * first value separated by a blank line, the grid layout of gnuplot's
 * heat maps. Columns x (and y), the NPV figures, and the axis names.
 * Also chart_title.txt, the scenario's name, for the titles. */
static int write_chart_data(const struct sweep *s, const char *dir,
			    struct diag *d)
{
	const char *name = s->ng == 1 ? "chart_sweep_line.csv"
				      : "chart_sweep_heat.csv";
	FILE *f;

	if (output_write_title(dir, s->a.sc->name, d) < 0)
		return -1;
	if (s->ng > 2)
		return 0;
	f = output_open(dir, name, d);
	if (!f)
		return -1;
	fputs(s->ng == 1 ? "x," : "x,y,", f);
	fputs("npv_mean,npv_p5,npv_p95,p_npv_positive,", f);
	fputs(s->ng == 1 ? "xaxis\n" : "xaxis,yaxis\n", f);
	for (long pnt = 0; pnt < s->npoints; pnt++) {
		const struct sweep_point *sp = &s->pt[pnt];
		if (s->ng == 2 && pnt > 0 &&
		    s->vals[pnt * 2] != s->vals[(pnt - 1) * 2])
			fputc('\n', f);
		put_point_start(f, s, pnt);
		output_csv_num(f, sp->npv_p95);
		fputc(',', f);
		output_csv_num(f, sp->p_pos);
		for (int g = 0; g < s->ng; g++) {
			const struct key_def *k = schema_for_path(s->paths[g]);
			const char *u = k ? schema_unit(k) : "";
			char lab[600];

			/* the axis label: the path and its unit; a series
			 * is held at its listed years (its then_growth, if
			 * any, still grows it after the last) */
			int ser = s->input[g] >= 0 &&
				  s->a.sc->inputs[s->input[g]].form ==
					  INPUT_SERIES;

			if (ser)
				snprintf(lab, sizeof lab, "%.500s (%s%slisted "
					 "years)", s->paths[g], u,
					 *u ? "; " : "");
			else
				snprintf(lab, sizeof lab,
					 *u ? "%.500s (%s)" : "%.500s",
					 s->paths[g], u);
			fputc(',', f);
			analysis_chart_text(f, lab);
		}
		fputc('\n', f);
	}
	return output_close(f, dir, name, d);
}

static void print_table(const struct sweep *s, const char *dir)
{
	const struct scenario *sc = s->a.sc;
	int *w = malloc((size_t)s->ng * sizeof *w);
	char nm[1024];

	if (!w)
		return;
	printf("%s: sweep of %ld points, %ld trial%s each, seed %llu%s\n",
	       text_shown(nm, sizeof nm, sc->name), s->npoints, s->a.o.trials,
	       text_s(s->a.o.trials),
	       (unsigned long long)s->a.o.seed,
	       sampling_note(s->a.o.sampling));
	for (int g = 0; g < s->ng; g++) {
		w[g] = (int)strlen(s->paths[g]);
		if (w[g] < 10)
			w[g] = 10;
		printf("%*s  ", w[g], s->paths[g]);
	}
	printf("%10s %10s %10s %9s %8s\n", "NPV mean", "NPV p5", "NPV p95",
	       "P(NPV>0)", "payback");
	for (long pnt = 0; pnt < s->npoints; pnt++) {
		const struct sweep_point *sp = &s->pt[pnt];
		char pb[16], ps[32];
		for (int g = 0; g < s->ng; g++)
			printf("%*.6g  ", w[g], s->vals[pnt * s->ng + g]);
		if (sp->payback_t >= 0)
			snprintf(pb, sizeof pb, "%d",
				 sc->start_year + sp->payback_t);
		else
			snprintf(pb, sizeof pb, "-");
		/* a share that rounds to 0 or 1 without being it: "<0.001",
		 * ">0.999" (output_share_text), as compare prints it */
		if (isnan(sp->p_pos))
			snprintf(ps, sizeof ps, "-");
		else
			output_share_text(ps, sizeof ps,
					  (long)nearbyint(1000 * sp->p_pos),
					  1000, sp->p_pos, 0);
		printf("%10.4g %10.4g %10.4g %9s %8s\n", sp->npv_mean,
		       sp->npv_p5, sp->npv_p95, ps, pb);
	}
	printf("NPV in $B; payback: the year by which half the trials have "
	       "paid back (- if none;\na trial stays paid back if its NPV "
	       "falls below 0 later, so payback can come with\nP(NPV>0) "
	       "below 0.5)\nOutput: %s\n", dir);
	free(w);
}

/* Everything a sweep writes into its (temporary) output directory. */
struct sweep_out {
	const struct sweep *s;
	const struct cli *c;
};

static int write_all(const char *dir, void *arg, struct diag *d)
{
	const struct sweep_out *so = arg;

	if (write_sweep_csv(so->s, dir, d) < 0 ||
	    write_chart_data(so->s, dir, d) < 0)
		return -1;
	return analysis_plot(dir, so->c, so->s->a.sc->plots, d);
}

/* As run warns, once for the grid: at how many points the industry's
 * tightness alone raises the rent past RUN_RENT_RISE in RUN_RISE_SHARE of
 * the trials or more, and the years at the first such point. */
static void rise_note(const struct sweep *s, const struct cli *c,
		      struct diag *d)
{
	const int years = s->a.sc->years;
	long first = -1, count = 0;
	int f, m;
	char at[640];
	size_t n = 0;

	for (long pnt = 0; pnt < s->npoints; pnt++)
		if (run_rise_years(s->rise + pnt * years, years, &f, &m)) {
			if (first < 0)
				first = pnt;
			count++;
		}
	if (first < 0)
		return;
	for (int g = 0; g < s->ng && n < 512; g++)
		n += (size_t)snprintf(at + n, 512 - n, "%s%s = %g",
				      g ? ", " : "at ", s->paths[g],
				      s->vals[first * s->ng + g]);
	snprintf(at + n, sizeof at - n, " (%s%ld of the %ld grid points), ",
		 count > 1 ? "the first of " : "", count, s->npoints);
	run_note_rise_at(s->rise + first * years, s->a.sc, c->files[0], at,
			 d);
}

int cmd_sweep(const struct cli *c)
{
	struct sweep s;
	struct diag d;
	char *final = NULL;
	int rc;

	memset(&s, 0, sizeof s);
	diag_init(&d);
	if (analysis_ctx_load(&s.a, c, c->files[0], &d) < 0) {
		diag_print(&d, stderr);
		diag_free(&d);
		return 2;
	}
	s.ng = c->ngrids;
	s.paths = calloc((size_t)s.ng, sizeof *s.paths);
	s.input = calloc((size_t)s.ng, sizeof *s.input);
	if (!s.paths || !s.input) {
		fputs("error: out of memory\n", stderr);
		sweep_free(&s);
		diag_free(&d);
		return 1;
	}
	if (check_grids(&s, c, &d) < 0) {
		diag_print(&d, stderr);
		sweep_free(&s);
		diag_free(&d);
		return 2;
	}
	s.vals = calloc((size_t)s.npoints * (size_t)s.ng, sizeof *s.vals);
	s.pt = calloc((size_t)s.npoints, sizeof *s.pt);
	s.ps = calloc((size_t)s.npoints * (size_t)s.a.sc->years,
		      sizeof *s.ps);
	s.rise = calloc((size_t)s.npoints * (size_t)s.a.sc->years,
			sizeof *s.rise);
	if (c->out)
		final = strdup(c->out);
	else
		final = analysis_default_dir(s.a.sc->out_dir, "-sweep");
	if (!s.vals || !s.pt || !s.ps || !s.rise || !final) {
		fputs("error: out of memory\n", stderr);
		free(final);
		sweep_free(&s);
		diag_free(&d);
		return 1;
	}
	if ((rc = analysis_check_out(final, c, s.a.sc, &d)) < 0) {
		diag_print(&d, stderr);
		free(final);
		sweep_free(&s);
		diag_free(&d);
		return rc == -2 ? 2 : 1;
	}
	{
		/* light runs one at a time: refused before the first when
		 * even one does not fit */
		struct cli_memory mem = {CLI_MEM_LIGHT, NULL, 1,
					 s.a.o.threads, 0, 0, 1, c->split};

		mem.sc = (const struct scenario *const *)&s.a.sc;
		if (cli_memory_check(&mem, s.a.o.trials, 1, NULL, &d) < 0) {
			diag_print(&d, stderr);
			free(final);
			sweep_free(&s);
			diag_free(&d);
			return 1;
		}
		analysis_print_diag(&d, c);	/* warnings, before the runs */
		diag_free(&d);
		diag_init(&d);
	}
	rc = sweep_run(&s, c, &d);
	if (rc == 0)
		rise_note(&s, c, &d);
	if (rc == -1)
		diag_error(&d, NULL, 0, 0, "sweep: a run failed (out of "
			   "memory)");
	if (rc == 0) {
		struct sweep_out so = {&s, c};
		rc = analysis_write_dir(final, c, write_all, &so, &d);
	}
	analysis_print_diag(&d, c);
	if ((rc == 0 || rc == ANALYSIS_CHARTS_FAILED) && !c->quiet)
		print_table(&s, final);
	rc = analysis_exit(rc, final);
	free(final);
	sweep_free(&s);
	diag_free(&d);
	return rc;
}
