/* breakeven.c — computesim breakeven SCENARIO --vary PATH --target
 * METRIC=VALUE [--range FROM:TO]: bisection over a fixed value of one
 * input (held in every trial and year, like a sweep point, with common
 * random numbers) for where a run-level metric crosses VALUE. Writes
 * breakeven.csv (every evaluated point) and prints the value with its
 * bracket. See docs/notes-analysis.md.
 *
 * What is bisected is the side of the target: "metric >= VALUE" or not.
 * The two ends of the range must be on different sides; each step keeps
 * the half whose ends still are. For a metric that is a share of trials
 * (p_npv_positive, stories, p_*@YEAR) the metric is a step function of
 * the value, so the bracket holds a jump across VALUE, not a root.
 *
 * The bracket is the bisection's precision, not the answer's: it also
 * prints one Monte Carlo standard error of the crossing, the metric's
 * standard error there over its slope (a secant over at least 1/64 of
 * the range: be_noise). */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "agg.h"
#include "analysis.h"
#include "bisect.h"
#include "output.h"
#include "text.h"

#define BE_REL_TOL 1e-6		/* stop when the bracket is this share of
				   the range */
#define BE_MAX_EVALS 64		/* evaluations, ends included */

struct be_point {
	double value, metric;
	double se;		/* the metric's Monte Carlo standard error */
};

/* The Monte Carlo standard error of the crossing (docs/notes-analysis.md):
 * the metric's standard error at the crossing over its slope there. */
struct be_noise {
	double se_x;		/* of the crossing value, in the input's units */
	double se_metric;	/* of the metric at the crossing */
	double slope;		/* d metric / d value: a secant over [x1, x2] */
	double x1, x2;
};

/* The secant is taken over at least this share of the searched range:
 * with common random numbers a share is a step function of the value, so
 * a narrower secant measures one step, not the slope. */
#define BE_SLOPE_SHARE (1.0 / 64)

struct breakeven {
	struct analysis_ctx a;
	int input;
	struct analysis_metric m;
	double target;
	double lo, hi;		/* the range searched */
	struct be_point pts[BE_MAX_EVALS];
	int npts;
	double *rise;		/* [evaluation * years + t]: p_rent_rise */
};

/* An end of the range searched, printed %.PRECg into buf (n bytes);
 * returns 1 where the end was nudged inside an end the key excludes and
 * so prints as that end ("-1" for just above -1), else 0. */
static int be_end(char *buf, size_t n, const struct breakeven *b, double v,
		  int prec)
{
	snprintf(buf, n, "%.*g", prec, v);
	return analysis_value_excluded(b->a.sc, b->input, strtod(buf, NULL));
}

/* A capex_response's floor searched no higher than its cap, its cap no
 * lower than its floor, the other end as analysis_check_floor_cap reads
 * it (fixed, or a distribution's location parameters). */
static void floor_cap_clamp(const struct scenario *sc, int i, double *lo,
			    double *hi)
{
	int j, e = analysis_floor_cap(sc, i, &j);
	const struct input *o = e ? &sc->inputs[j] : NULL;

	if (!o || o->form != INPUT_VALUE)
		return;
	if (e == 1 && *hi > o->loc_lo)
		*hi = o->loc_lo;
	if (e == 2 && *lo < o->loc_hi)
		*lo = o->loc_hi;
}

/* Parse --target METRIC=VALUE and the range; collect errors in d. */
static int check_args(struct breakeven *b, const struct cli *c,
		      struct diag *d)
{
	const struct scenario *sc = b->a.sc;
	const char *eq = strchr(c->target, '=');
	int nerr = d->nerr;
	const char *rarg = c->range;

	b->input = analysis_resolve_input(sc, c->vary, "--vary", c->vary, d);
	if (!eq || eq == c->target) {
		diag_error(d, NULL, 0, 0, "--target '%s': expected "
			   "METRIC=VALUE, e.g. npv_mean=0", c->target);
	} else {
		char name[128];
		size_t n = (size_t)(eq - c->target);
		int mok;

		if (n >= sizeof name)
			n = sizeof name - 1;
		memcpy(name, c->target, n);
		name[n] = '\0';
		mok = analysis_metric_parse(&b->m, sc, name, "--target",
					    c->target, d) == 0;
		if (analysis_parse_number(eq + 1, &b->target) < 0)
			diag_error(d, NULL, 0, 0, "--target '%s': VALUE '%s' "
				   "is not a number", c->target, eq + 1);
		else if (mok && b->m.is_prob &&
			 (b->target < 0 || b->target > 1))
			/* "metric >= VALUE" never changes side */
			diag_error(d, NULL, 0, 0, "--target '%s': %s is a "
				   "share of trials, from 0 to 1, so it never "
				   "crosses %g; give VALUE in [0, 1] (e.g. 0.5 "
				   "or 50%%)", c->target, b->m.name,
				   b->target);
	}
	if (b->input < 0)
		return -1;
	if (c->have_range) {
		b->lo = c->range_from;
		b->hi = c->range_to;
		if (!(b->lo < b->hi))
			diag_error(d, NULL, 0, 0, "--range '%s': FROM must be "
				   "below TO", rarg);
		else if (analysis_check_value(sc, b->input, b->lo, "FROM",
					      "--range", rarg, d) == 0 &&
			 analysis_check_value(sc, b->input, b->hi, "TO",
					      "--range", rarg, d) == 0 &&
			 analysis_check_floor_cap(sc, b->input, b->lo, b->hi,
						  NULL, NULL, "--range", rarg,
						  d) == 0)
			analysis_check_shares(sc, b->input, b->lo, NULL, NULL,
					      0, "--range", rarg, d);
	} else {
		const struct input *in = &sc->inputs[b->input];

		/* a series: the union over its listed points, all of
		 * which the held value replaces */
		analysis_input_span(sc, b->input, 0.01, 0.99, &b->lo, &b->hi);
		if (!in->uncertain || !(b->lo < b->hi)) {
			diag_error(d, NULL, 0, 0, "--vary '%s': the input is "
				   "fixed (%g) %s %s, so it has no P1..P99 to "
				   "search; give the range with --range "
				   "FROM:TO", c->vary, b->lo,
				   in->from_set ? "by --set for" : "in",
				   sc->file);
		} else {
			/* the draws of a distribution may fall outside its
			 * key's range (check warns); a held value may not */
			b->lo = analysis_clip_value(sc, b->input, b->lo);
			b->hi = analysis_clip_value(sc, b->input, b->hi);
			/* and a capex_response's cap no lower than a fixed
			 * floor, its floor no higher than a fixed cap */
			floor_cap_clamp(sc, b->input, &b->lo, &b->hi);
			if (!(b->lo < b->hi))
				diag_error(d, NULL, 0, 0, "--vary '%s': its "
					   "P1..P99 leaves no room between "
					   "the capex response's floor and "
					   "cap; give the range with --range "
					   "FROM:TO", c->vary);
			else if (analysis_check_value(sc, b->input, b->lo,
						      "P1", "--vary", c->vary,
						      d) == 0 &&
				 analysis_check_value(sc, b->input, b->hi,
						      "P99", "--vary", c->vary,
						      d) == 0)
				analysis_check_shares(sc, b->input, b->lo,
						      NULL, NULL, 0, "--vary",
						      c->vary, d);
		}
	}
	return d->nerr == nerr ? 0 : -1;
}

/* Run with the input held at v; record the point with its metric's
 * standard error (computed here: the run result is freed). 0, 1 stopped,
 * -1, or -2 when the run's figures are not finite (the error in d, named
 * by file and the value). */
static int eval_at(struct breakeven *b, double v, double *metric,
		   const char *file, struct diag *d)
{
	struct sample_override ov = {.input = b->input, .use_value = 1,
				     .value = v, .u = 0};
	struct run_opts o = b->a.o;
	struct run_result *r = NULL;
	int rc;

	o.ovs = &ov;
	o.novs = 1;
	rc = run_trials(&r, b->a.sc, b->a.plan, &o);
	if (rc != 0 || !r)
		return rc == 1 ? 1 : -1;
	{
		char where[512];
		const char *path = b->a.sc->inputs[b->input].path;

		snprintf(where, sizeof where, "at %s = %g", path, v);
		if (run_result_check_finite(r, b->a.sc, file, where, d) < 0) {
			run_result_free(r);
			return -2;
		}
	}
	*metric = analysis_metric_value(&b->m, r);
	if (b->npts < BE_MAX_EVALS) {
		b->pts[b->npts].value = v;
		b->pts[b->npts].metric = *metric;
		b->pts[b->npts].se = analysis_metric_se(&b->m, r);
		for (int t = 0; b->rise && t < b->a.sc->years; t++)
			b->rise[(size_t)b->npts * (size_t)b->a.sc->years + t]
				= r->p_rent_rise[t];
		b->npts++;
	}
	run_result_free(r);
	return 0;
}

/* What bisect_side hands eval_point. */
struct be_eval {
	struct breakeven *b;
	const struct cli *c;
	struct diag *d;		/* a run's figures not finite */
};

/* bisect_fn: one run at x (the progress shown from the third on, the
 * bisection's own steps). */
static int eval_point(double x, void *arg, double *fx)
{
	struct be_eval *e = arg;

	if (e->b->npts >= 2)
		analysis_progress(e->c, "breakeven", e->b->npts, BE_MAX_EVALS);
	return eval_at(e->b, x, fx, e->c->files[0], e->d);
}

/* When the metric is exactly the target at the bracket's end a and at
 * every run from the range's end on a's side to a (a median held at 0 by
 * trials whose NPV is 0), the bracket is where the metric leaves the
 * target, not where it passes through it: say so. */
static void plateau_note(const struct breakeven *b, double a, double z,
			 double ma)
{
	double end = a < z ? b->lo : b->hi;
	double from = fmin(end, a), to = fmax(end, a);
	int n = 0;

	if (ma != b->target)
		return;
	for (int k = 0; k < b->npts; k++) {
		double v = b->pts[k].value;

		if (v < from || v > to)
			continue;	/* not between the end and a */
		if (b->pts[k].metric != b->target)
			return;
		n += v == end;
	}
	if (n == 0)
		return;
	printf("  %s is exactly %.6g in every run from %.10g to %.10g: it "
	       "sits on the target over that stretch, and this is where it "
	       "leaves it, not where it passes through it\n", b->m.name,
	       b->target, end, a);
}

/* The standard error of the crossing found in the bracket [a, z] (ends
 * at points ia, iz of b->pts): se_metric / |slope|. se_metric: for a
 * share, agg_share_se of T, the target, the share at the crossing
 * (never 0, also for a target of 0 or 1); else the mean of the metric's
 * standard errors at the bracket's ends. slope: the secant over the
 * narrowest pair of evaluated points on different sides of the target
 * that is at least BE_SLOPE_SHARE of the range wide (else the two
 * ends). */
static void be_noise(const struct breakeven *b, int ia, int iz,
		     struct be_noise *nz)
{
	double minw = BE_SLOPE_SHARE * (b->hi - b->lo) * (1 - 1e-9);
	double bestw = INFINITY;
	int bi = 0, bj = 1;

	if (b->m.is_prob) {
		nz->se_metric = agg_share_se(b->target,
					     (size_t)b->a.o.trials);
	} else {
		nz->se_metric = (b->pts[ia].se + b->pts[iz].se) / 2;
	}
	for (int i = 0; i < b->npts; i++)
		for (int j = i + 1; j < b->npts; j++) {
			const struct be_point *p = &b->pts[i], *q = &b->pts[j];
			double w = fabs(q->value - p->value);
			if ((p->metric >= b->target) ==
			    (q->metric >= b->target) || w < minw ||
			    w >= bestw)
				continue;
			bestw = w;
			bi = p->value < q->value ? i : j;
			bj = p->value < q->value ? j : i;
		}
	nz->x1 = b->pts[bi].value;
	nz->x2 = b->pts[bj].value;
	nz->slope = (b->pts[bj].metric - b->pts[bi].metric) /
		    (nz->x2 - nz->x1);
	nz->se_x = nz->se_metric / fabs(nz->slope);
}

/* The crossing x as the first line prints it: to its Monte Carlo
 * standard error's second significant digit (0.1035 for an se of
 * 0.0019), as a measured value is quoted beside its error; all 10 digits
 * where that error is 0 or not estimated. The bracket line below keeps
 * every digit the bisection found. */
static void crossing_text(char *buf, size_t n, double x, double se)
{
	int sig;
	size_t len;

	if (!(se > 0) || !isfinite(se) || x == 0 || !isfinite(x)) {
		snprintf(buf, n, "%.10g", x);
		return;
	}
	sig = (int)floor(log10(fabs(x))) - (int)floor(log10(se)) + 2;
	sig = sig < 1 ? 1 : sig > 10 ? 10 : sig;
	snprintf(buf, n, "%#.*g", sig, x);	/* # keeps a trailing 0 */
	len = strlen(buf);
	if (len > 0 && buf[len - 1] == '.')	/* "22767." */
		buf[len - 1] = '\0';
}

static int write_csv(const struct breakeven *b, const char *dir,
		     struct diag *d)
{
	FILE *f = output_open(dir, "breakeven.csv", d);

	if (!f)
		return -1;
	fputs("step,value,metric\n", f);
	for (int k = 0; k < b->npts; k++) {
		fprintf(f, "%d,", k);
		output_csv_num(f, b->pts[k].value);
		fputc(',', f);
		output_csv_num(f, b->pts[k].metric);
		fputc('\n', f);
	}
	return output_close(f, dir, "breakeven.csv", d);
}

static int write_all(const char *dir, void *arg, struct diag *d)
{
	return write_csv(arg, dir, d);
}

/* A year series varied: the value replaces every year it lists (the
 * sweep's axis says "listed years"); its then_growth still grows it
 * after the last. */
static void series_note(const struct breakeven *b, const char *path)
{
	const struct scenario *sc = b->a.sc;
	const struct input *in = &sc->inputs[b->input];

	if (in->form != INPUT_SERIES)
		return;
	printf("  %s is a year series: the value replaces each year it "
	       "lists (", path);
	for (int k = 0; k < in->npoints; k++)
		printf("%s%d", k ? ", " : "", sc->start_year + in->point_t[k]);
	printf(")%s\n", in->then_growth >= 0 && in->npoints > 0 &&
	       in->point_t[in->npoints - 1] < sc->years - 1 ?
	       "; its then_growth grows it after the last" : "");
}

/* As run warns: where the run at an end of the bracket (the crossing's,
 * or with no crossing the range's) had the industry's tightness alone
 * raise the rent past RUN_RENT_RISE in RUN_RISE_SHARE of the trials or
 * more, the answer there rests on a rent extrapolated past anything
 * observed. a, z: the bracket's ends, from evaluations ia and iz. */
static void rise_note(const struct breakeven *b, double a, double z,
		      int ia, int iz, int found, const struct cli *c,
		      struct diag *d)
{
	const int years = b->a.sc->years;
	const char *path = b->a.sc->inputs[b->input].path;
	char at[512];

	for (int k = 0; b->rise && k < 2; k++) {
		int i = k ? iz : ia;

		if (i < 0 || i >= b->npts)
			continue;
		snprintf(at, sizeof at, "at %s = %.10g (%s), ", path,
			 k ? z : a,
			 found ? "the crossing" : "an end of the range");
		/* the bracket's two ends: one crossing, one warning */
		if (run_note_rise_at(b->rise + (size_t)i * (size_t)years,
				     b->a.sc, c->files[0], at, d) && found)
			break;
	}
}

int cmd_breakeven(const struct cli *c)
{
	struct breakeven *b = calloc(1, sizeof *b);
	struct diag d;
	char *final = NULL;
	const char *path;
	double a, z, ma = 0, mz = 0, tol;
	int rc, found = 0, ia = 0, iz = 1;
	struct be_noise nz = {0};
	struct cli_memory mem = {CLI_MEM_LIGHT, NULL, 1, 1, 0, 0, 1, NULL};

	if (!b) {
		fputs("error: out of memory\n", stderr);
		return 1;
	}
	diag_init(&d);
	if (analysis_ctx_load(&b->a, c, c->files[0], &d) < 0 ||
	    check_args(b, c, &d) < 0) {
		diag_print(&d, stderr);
		analysis_ctx_free(&b->a);
		free(b);
		diag_free(&d);
		return 2;
	}
	path = b->a.sc->inputs[b->input].path;
	if (c->out)
		final = strdup(c->out);
	else
		final = analysis_default_dir(b->a.sc->out_dir,
					       "-breakeven");
	if (!final) {
		fputs("error: out of memory\n", stderr);
		analysis_ctx_free(&b->a);
		free(b);
		diag_free(&d);
		return 1;
	}
	if ((rc = analysis_check_out(final, c, b->a.sc, &d)) < 0) {
		diag_print(&d, stderr);
		free(final);
		analysis_ctx_free(&b->a);
		free(b);
		diag_free(&d);
		return rc == -2 ? 2 : 1;
	}

	mem.sc = (const struct scenario *const *)&b->a.sc;
	mem.threads = b->a.o.threads;
	mem.split = c->split;
	if (cli_memory_check(&mem, b->a.o.trials, 1, NULL, &d) < 0) {
		diag_print(&d, stderr);
		free(final);
		analysis_ctx_free(&b->a);
		free(b);
		diag_free(&d);
		return 1;
	}
	analysis_print_diag(&d, c);	/* warnings, before the runs */
	diag_free(&d);
	diag_init(&d);
	{
		struct be_eval ev = {b, c, &d};
		struct bisect bs;

		/* NULL (out of memory): no note on the rent, below */
		b->rise = calloc((size_t)BE_MAX_EVALS *
				 (size_t)b->a.sc->years, sizeof *b->rise);

		tol = BE_REL_TOL * (b->hi - b->lo);
		rc = bisect_side(b->lo, b->hi, b->target, tol, BE_MAX_EVALS,
				 eval_point, &ev, &bs);
		a = bs.a;
		z = bs.z;
		ma = bs.fa;
		mz = bs.fz;
		ia = bs.ia;
		iz = bs.iz;
		found = bs.found;
		if (found) {
			analysis_progress(c, "breakeven", BE_MAX_EVALS,
					  BE_MAX_EVALS);
			if (rc == 0)
				be_noise(b, ia, iz, &nz);
		}
	}
	if (rc == -1)
		diag_error(&d, NULL, 0, 0, "breakeven: a run failed (out of "
			   "memory)");
	if (rc == 0)
		rise_note(b, a, z, ia, iz, found, c, &d);
	if (rc == 0)
		rc = analysis_write_dir(final, c, write_all, b, &d);
	analysis_print_diag(&d, c);
	if (rc == 0 && !found) {
		const char *side = ma >= b->target ? "at or above"
						   : "below";
		char l[32], h[32], l8[32], h8[32];
		int lx = be_end(l, sizeof l, b, b->lo, 6);
		int hx = be_end(h, sizeof h, b, b->hi, 6);
		int lx8 = be_end(l8, sizeof l8, b, b->lo, 8);
		int hx8 = be_end(h8, sizeof h8, b, b->hi, 8);

		fprintf(stderr, "breakeven: no crossing: %s stays %s %.6g "
			"over %s from %s%s to %s%s\n"
			"  at %s %s%s: %s = %.8g\n"
			"  at %s %s%s: %s = %.8g\n"
			"%s"
			"  widen the range with --range FROM:TO, or ask for "
			"another target (wrote %s)\n",
			b->m.name, side, b->target, path,
			lx ? "just above " : "", l, hx ? "just below " : "", h,
			path, lx8 ? "just above " : "= ", l8, b->m.name, ma,
			path, hx8 ? "just below " : "= ", h8, b->m.name, mz,
			ma == mz ? "  (the same at both ends: the input may "
				   "not move this metric at all)\n" : "",
			final);
		rc = 2;	/* exit status 1, below */
	} else if (rc == 0 && !c->quiet) {
		char nm[1024];

		char xs[40];

		crossing_text(xs, sizeof xs, a + (z - a) / 2, nz.se_x);
		printf("%s: %s = %.6g where %s = %s\n",
		       text_shown(nm, sizeof nm, b->a.sc->name),
		       b->m.name, b->target, path, xs);
		printf("  bracket [%.10g, %.10g]: %s = %.8g at %.10g, "
		       "%.8g at %.10g\n", a, z, b->m.name, ma, a, mz, z);
		plateau_note(b, a, z, ma);
		if (isfinite(nz.se_x))
			printf("  Monte Carlo: \u00b1 %.2g (one standard error: "
			       "the metric's standard error at the crossing / "
			       "its slope)\n    standard error of %s %.3g; "
			       "slope %.4g per unit of the input (secant over "
			       "[%.6g, %.6g])\n", nz.se_x, b->m.name,
			       nz.se_metric, nz.slope, nz.x1, nz.x2);
		else
			printf("  Monte Carlo: standard error not estimated "
			       "(too few trials)\n");
		char l[32], h[32];
		int lx = be_end(l, sizeof l, b, b->lo, 6);
		int hx = be_end(h, sizeof h, b, b->hi, 6);

		/* an end just inside one the key excludes: an open bracket */
		printf("  %d runs of %ld trial%s, seed %llu%s; bisection to "
		       "%g of the range %c%s, %s%c\n", b->npts,
		       b->a.o.trials, text_s(b->a.o.trials),
		       (unsigned long long)b->a.o.seed,
		       sampling_note(b->a.o.sampling), BE_REL_TOL,
		       lx ? '(' : '[', l, h, hx ? ')' : ']');
		series_note(b, path);
		if (b->m.is_prob)
			printf("  %s is a share of %ld trials: it moves in "
			       "steps of 1/%ld, so it jumps across %.6g "
			       "inside the bracket\n", b->m.name,
			       b->a.o.trials, b->a.o.trials, b->target);
		printf("Output: %s\n", final);
	}
	rc = analysis_exit(rc, final);
	free(final);
	free(b->rise);
	analysis_ctx_free(&b->a);
	free(b);
	diag_free(&d);
	return rc;
}
