/* sensitivity.c — run --sensitivity: each uncertain input held at its own
 * P10 and P90, every other input drawn from the same random numbers as
 * the base run (common random numbers through struct sample_override);
 * the swing of mean NPV and of P(surplus) in the base run's most likely
 * surplus year. Writes sensitivity.csv (every input, sorted by NPV
 * swing) and the data of the two tornado charts, chart_tornado.csv and
 * chart_tornado_surplus.csv (the 20 largest swings of each). An input
 * correlated with another uncertain input is marked (its partners keep
 * their own draws when it is held, so its bars leave out what it moves
 * through them): sensitivity.csv names the partners, the charts' labels
 * end in SENS_MARK. See docs/notes-analysis.md. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "agg.h"
#include "analysis.h"
#include "output.h"

#define SENS_U_LOW 0.10
#define SENS_U_HIGH 0.90
#define SENS_CHART_ROWS 20	/* inputs shown in a tornado */
/* the longest path a tornado's row label shows whole (tornado_body.gp
 * gives labels at most 45% of the width: about 58 characters, a year
 * suffix " (2028)" included: 51 and 7) */
#define SENS_LABEL_MAX 51
/* the end of a correlated input's label (tornado_body.gp adds a footnote
 * when a label ends so); ASCII, so that it reads the same without a
 * UTF-8 locale. A marked path is shortened by its length, so that the
 * label stays within SENS_LABEL_MAX + 7 characters. */
#define SENS_MARK " *"

struct sens_row {
	int order;		/* position among the uncertain inputs */
	int input;
	int value_t;		/* year index of the value shown (series) */
	int partners;		/* correlated uncertain inputs (row_partners) */
	double value_lo, value_hi;
	double npv_lo, npv_hi, swing;
	double swing_se;	/* of npv_hi - npv_lo, paired by trial */
	double ps_lo, ps_hi, ps_swing;
	double ps_swing_se;	/* of ps_hi - ps_lo, paired by trial */
	/* what the tornado's two bars span, base included: the swing where
	 * P10 and P90 fall either side of the base, more where both fall
	 * on one side (a threshold the input crosses outside P10..P90,
	 * an effect that is not monotone), which the swing misses */
	double reach, ps_reach;
	int done;		/* figures from a pass of held_group */
};

static int by_npv_swing(const void *a, const void *b)
{
	const struct sens_row *x = a, *y = b;

	if (x->reach != y->reach)
		return x->reach < y->reach ? 1 : -1;
	if (x->swing != y->swing)
		return x->swing < y->swing ? 1 : -1;
	return x->order - y->order;
}

static int by_surplus_swing(const void *a, const void *b)
{
	const struct sens_row *x = a, *y = b;

	if (x->ps_reach != y->ps_reach)
		return x->ps_reach < y->ps_reach ? 1 : -1;
	if (x->ps_swing != y->ps_swing)
		return x->ps_swing < y->ps_swing ? 1 : -1;
	return x->order - y->order;
}

/* Whether sc's correlation c ties input to another uncertain input and
 * acts: the loader keeps only pairs of two uncertain inputs (a pair with
 * a fixed input, one the file or a --set fixes, is dropped in
 * sim/load/corrpaths.c), and a rank correlation of 0 is no edge of the
 * copula (corrmat.c). Returns the partner's input index, or -1. */
static int corr_partner(const struct scenario *sc, int c, int input)
{
	const struct correlation *cr = &sc->corr[c];
	int other = cr->a == input ? cr->b : cr->b == input ? cr->a : -1;

	if (other < 0 || other == input || other >= sc->ninputs ||
	    !sc->inputs[other].uncertain || cr->rho_s == 0)
		return -1;
	return other;
}

/* How many uncertain inputs input is correlated with (corr_partner);
 * with f, also writes their paths as one CSV cell, in the order the
 * correlations list them, separated by ';' (an empty cell for none).
 * -1 when out of memory, with nothing written. */
static int row_partners(FILE *f, const struct scenario *sc, int input)
{
	size_t len = 1;
	int n = 0;
	char *cell;

	for (int c = 0; c < sc->ncorr; c++) {
		int o = corr_partner(sc, c, input);

		if (o >= 0) {
			len += strlen(sc->inputs[o].path) + 1;
			n++;
		}
	}
	if (!f || n == 0)
		return n;
	cell = malloc(len);
	if (!cell)
		return -1;
	cell[0] = '\0';
	for (int c = 0; c < sc->ncorr; c++) {
		int o = corr_partner(sc, c, input);

		if (o < 0)
			continue;
		if (cell[0])
			strcat(cell, ";");
		strcat(cell, sc->inputs[o].path);
	}
	output_csv_text(f, cell);
	free(cell);
	return n;
}

/* See analysis.h. */
int analysis_n_partners(const struct scenario *sc, int input)
{
	return row_partners(NULL, sc, input);
}

/* Write sensitivity.csv: every row, sorted by NPV swing. */
static int write_csv(const char *dir, const struct scenario *sc,
		     const struct sens_row *rows, int n,
		     const struct run_result *base, int ts, struct diag *d)
{
	FILE *f = output_open(dir, "sensitivity.csv", d);

	if (!f)
		return -1;
	fputs("input,value_low,value_high,npv_low,npv_high,swing,npv_base,"
	      "value_year,surplus_year,p_surplus_low,p_surplus_high,"
	      "p_surplus_swing,p_surplus_base,swing_se,p_surplus_swing_se,"
	      "correlated_with\n", f);
	for (int k = 0; k < n; k++) {
		const struct sens_row *r = &rows[k];
		output_csv_text(f, sc->inputs[r->input].path);
		fputc(',', f);
		output_csv_num(f, r->value_lo);
		fputc(',', f);
		output_csv_num(f, r->value_hi);
		fputc(',', f);
		output_csv_num(f, r->npv_lo);
		fputc(',', f);
		output_csv_num(f, r->npv_hi);
		fputc(',', f);
		output_csv_num(f, r->swing);
		fputc(',', f);
		output_csv_num(f, base->npv_mean);
		fputc(',', f);
		if (r->value_t >= 0)
			fprintf(f, "%d", sc->start_year + r->value_t);
		fprintf(f, ",%d,", sc->start_year + ts);
		output_csv_num(f, r->ps_lo);
		fputc(',', f);
		output_csv_num(f, r->ps_hi);
		fputc(',', f);
		output_csv_num(f, r->ps_swing);
		fputc(',', f);
		output_csv_num(f, base->p_surplus[ts]);
		fputc(',', f);
		output_csv_num(f, r->swing_se);
		fputc(',', f);
		output_csv_num(f, r->ps_swing_se);
		fputc(',', f);
		if (row_partners(f, sc, r->input) < 0) {
			diag_error(d, NULL, 0, 0, "out of memory");
			output_close(f, dir, "sensitivity.csv", d);
			return -1;
		}
		fputc('\n', f);
	}
	return output_close(f, dir, "sensitivity.csv", d);
}

/* Chart data of one tornado (tornado_body.gp): the first SENS_CHART_ROWS
 * rows in the order given, the metric at P10/P90 and in the base run,
 * and the swing's standard error (an eighth column, which tornado_body.gp
 * draws when it is there, so that output directories written before it
 * still redraw). */
static int write_chart(const char *dir, const char *name,
		       const struct scenario *sc, const struct sens_row *rows,
		       int n, int surplus, double base, const char *axis,
		       struct diag *d)
{
	FILE *f = output_open(dir, name, d);

	if (!f)
		return -1;
	fputs("label,value_low,value_high,low,high,base,axis,swing_se\n", f);
	for (int k = 0; k < n && k < SENS_CHART_ROWS; k++) {
		const struct sens_row *r = &rows[k];
		analysis_chart_path(f, sc->inputs[r->input].path,
				    SENS_LABEL_MAX - (r->partners ?
						      strlen(SENS_MARK) : 0));
		if (r->value_t >= 0)
			fprintf(f, " (%d)", sc->start_year + r->value_t);
		if (r->partners)
			fputs(SENS_MARK, f);
		fputc(',', f);
		output_csv_num(f, r->value_lo);
		fputc(',', f);
		output_csv_num(f, r->value_hi);
		fputc(',', f);
		output_csv_num(f, surplus ? r->ps_lo : r->npv_lo);
		fputc(',', f);
		output_csv_num(f, surplus ? r->ps_hi : r->npv_hi);
		fputc(',', f);
		output_csv_num(f, base);
		fprintf(f, ",%s,", axis);
		output_csv_num(f, surplus ? r->ps_swing_se : r->swing_se);
		fputc('\n', f);
	}
	return output_close(f, dir, name, d);
}

/* What a held run keeps: its trials' NPVs and surplus flags in year ts,
 * in trial order, and their count. */
struct held {
	double *npv;
	unsigned char *sur;
	size_t n;
};

static void held_free(struct held *h)
{
	free(h->npv);
	free(h->sur);
	memset(h, 0, sizeof *h);
}

/* The override that holds input at quantile u: a value input's quantile
 * is the same in every trial, worked out once here rather than in every
 * trial (beta and PERT quantiles cost ~1 us); a series holds each
 * listed point at its own u. */
static struct sample_override held_override(const struct scenario *sc,
					     int input, double u)
{
	const struct input *in = &sc->inputs[input];
	struct sample_override ov = {.input = input, .use_value = 0,
				     .value = 0, .u = u};

	if (in->form == INPUT_VALUE) {
		ov.use_value = 1;
		ov.value = dist_quantile(&in->d, u);
	}
	return ov;
}

/* One light run of o with input held at quantile u: mean NPV and
 * P(surplus) in year ts, and its trials in *h (the caller frees the
 * arrays). Returns run_trials's status, or -2 when its figures are not
 * finite (the error in d). */
static int held_run(const struct scenario *sc, const struct sample_plan *p,
		    const struct run_opts *o, int input, double u, int ts,
		    double *npv, double *ps, struct held *h, struct diag *d)
{
	char where[512];
	const struct input *in = &sc->inputs[input];
	struct sample_override ov = held_override(sc, input, u);
	struct run_opts lo = *o;
	struct run_result *r = NULL;
	int rc;

	lo.full = 0;
	lo.keep_trials = 0;
	lo.keep_npv = 1;
	lo.keep_surplus_t1 = ts + 1;
	lo.progress = 0;
	lo.ovs = &ov;
	lo.novs = 1;
	snprintf(where, sizeof where, "with %s at its P%.0f (--sensitivity)",
		 in->path, 100 * u);
	rc = run_trials(&r, sc, p, &lo);
	if (rc != 0 || !r)
		return rc != 0 ? rc : -1;
	if (run_result_check_finite(r, sc, sc->file, where, d) < 0) {
		run_result_free(r);
		return -2;
	}
	*npv = r->npv_mean;
	*ps = r->p_surplus[ts];
	h->npv = r->trial_npv;
	h->sur = r->trial_surplus;
	h->n = (size_t)r->n;
	r->trial_npv = NULL;
	r->trial_surplus = NULL;
	run_result_free(r);
	return 0;
}

/* The same for two held runs' surplus flags, as 0 and 1 in their NPV
 * arrays (used up by then). */
static double paired_flag_se(struct held *lo, struct held *hi)
{
	if (!lo->sur || !hi->sur || !lo->npv || !hi->npv || lo->n != hi->n)
		return NAN;
	for (size_t i = 0; i < lo->n; i++) {
		lo->npv[i] = lo->sur[i];
		hi->npv[i] = hi->sur[i];
	}
	return analysis_paired_se(lo->npv, hi->npv, lo->n, NULL);
}

/* Row r's swings and their standard errors, paired by trial, from its
 * P10 and P90 runs' trials (used up: analysis_paired_se and paired_flag_se
 * overwrite them); r's npv_lo/hi and ps_lo/hi are set. */
static void row_swings(struct sens_row *r, struct held *lo, struct held *hi)
{
	r->swing = fabs(r->npv_hi - r->npv_lo);
	r->swing_se = lo->n == hi->n ? analysis_paired_se(lo->npv, hi->npv,
							  lo->n, NULL)
				     : NAN;
	r->ps_swing = fabs(r->ps_hi - r->ps_lo);
	r->ps_swing_se = paired_flag_se(lo, hi);
}

/* The held runs of g rows' inputs in one pass (run_held_all): their
 * figures, and r->done, for each row whose two runs found nothing
 * run_trials would refuse. 0, 1 when stopped, -1 out of memory. */
static int held_group(const struct scenario *sc, const struct sample_plan *p,
		      const struct run_opts *o, int ts, struct sens_row *rows,
		      int g)
{
	struct run_held h[2 * ANALYSIS_SENS_GROUP];
	int rc;

	memset(h, 0, sizeof h);
	for (int k = 0; k < g; k++) {
		h[2 * k].ov = held_override(sc, rows[k].input, SENS_U_LOW);
		h[2 * k + 1].ov = held_override(sc, rows[k].input, SENS_U_HIGH);
	}
	rc = run_held_all(sc, p, o, ts, h, 2 * g);
	for (int k = 0; k < g && rc == 0; k++) {
		struct sens_row *r = &rows[k];
		struct run_held *lo = &h[2 * k], *hi = &h[2 * k + 1];
		size_t n = (size_t)o->trials;
		struct held hl = {lo->npv, lo->sur, n};
		struct held hh = {hi->npv, hi->sur, n};

		if (lo->suspect || hi->suspect)
			continue;	/* run_trials says what */
		r->npv_lo = lo->npv_mean;
		r->npv_hi = hi->npv_mean;
		r->ps_lo = lo->p_surplus;
		r->ps_hi = hi->p_surplus;
		row_swings(r, &hl, &hh);
		r->done = 1;
	}
	for (int k = 0; k < 2 * g; k++) {
		free(h[k].npv);
		free(h[k].sur);
	}
	return rc;
}

int analysis_sensitivity(const char *dir, const struct scenario *sc,
			 const struct sample_plan *p, const struct run_opts *o,
			 const struct run_result *base, struct diag *d)
{
	int n = sample_n_uncertain(p);
	int ts = 0;
	int show = o->progress && isatty(STDERR_FILENO);
	struct sens_row *rows = calloc((size_t)(n > 0 ? n : 1), sizeof *rows);
	struct held hl = {NULL, NULL, 0}, hh = {NULL, NULL, 0};
	int rc = 0;

	if (!rows) {
		diag_error(d, NULL, 0, 0, "out of memory");
		return -1;
	}
	/* the year in which the base run most often has a surplus (the
	 * first such year on ties) */
	for (int t = 1; t < base->years; t++)
		if (base->p_surplus[t] > base->p_surplus[ts])
			ts = t;
	for (int k = 0; k < n; k++) {
		struct sens_row *r = &rows[k];
		const struct dist *dd;

		r->order = k;
		r->input = sample_uncertain_input(p, k);
		r->partners = row_partners(NULL, sc, r->input);
		dd = analysis_input_dist(sc, r->input, &r->value_t);
		r->value_lo = dist_quantile(dd, SENS_U_LOW);
		r->value_hi = dist_quantile(dd, SENS_U_HIGH);
	}
	/* ANALYSIS_SENS_GROUP inputs a pass, each trial sampled once for
	 * all their held runs (run_held_all); one by one, each held run a
	 * light run of its own, with --precision's rounds and where a pass
	 * found a figure run_trials would refuse (its message then) */
	for (int k0 = 0; k0 < n && rc == 0; k0 += ANALYSIS_SENS_GROUP) {
		int g = n - k0 < ANALYSIS_SENS_GROUP ? n - k0
						     : ANALYSIS_SENS_GROUP;

		if (show) {
			fprintf(stderr, "\rsensitivity %d/%d", k0 + g, n);
			fflush(stderr);
		}
		rc = o->round_check ? 0
				    : held_group(sc, p, o, ts, rows + k0, g);
		if (rc == 1 || rc < 0)
			break;
		for (int k = k0; k < k0 + g && rc == 0; k++) {
			struct sens_row *r = &rows[k];

			if (r->done)
				continue;
			rc = held_run(sc, p, o, r->input, SENS_U_LOW, ts,
				      &r->npv_lo, &r->ps_lo, &hl, d);
			if (rc == 0)
				rc = held_run(sc, p, o, r->input, SENS_U_HIGH,
					      ts, &r->npv_hi, &r->ps_hi, &hh,
					      d);
			row_swings(r, &hl, &hh);
			held_free(&hl);
			held_free(&hh);
		}
	}
	if (show)
		fprintf(stderr, "\r%40s\r", "");
	if (rc == 1 || rc == -2) {
		free(rows);
		return rc;	/* stopped; figures not finite (said in d) */
	}
	if (rc != 0) {
		diag_error(d, NULL, 0, 0, "sensitivity: a run failed (out of "
			   "memory)");
		free(rows);
		return -1;
	}
	if (n == 0)
		diag_warning(d, NULL, 0, 0, "--sensitivity: %s has no uncertain "
			     "inputs; sensitivity.csv has no rows and there is "
			     "no tornado", sc->file);
	for (int k = 0; k < n; k++) {
		struct sens_row *r = &rows[k];
		double b = base->npv_mean, pb = base->p_surplus[ts];
		r->reach = fmax(fmax(r->npv_lo, r->npv_hi), b) -
			   fmin(fmin(r->npv_lo, r->npv_hi), b);
		r->ps_reach = fmax(fmax(r->ps_lo, r->ps_hi), pb) -
			      fmin(fmin(r->ps_lo, r->ps_hi), pb);
	}
	/* charts only when there is something to rank */
	if (n > 0) {
		char axis[96];
		qsort(rows, (size_t)n, sizeof *rows, by_surplus_swing);
		snprintf(axis, sizeof axis, "P(surplus) in %d",
			 sc->start_year + ts);
		rc = write_chart(dir, "chart_tornado_surplus.csv", sc, rows, n,
				 1, base->p_surplus[ts], axis, d);
	}
	qsort(rows, (size_t)n, sizeof *rows, by_npv_swing);
	if (rc == 0 && n > 0)
		rc = write_chart(dir, "chart_tornado.csv", sc, rows, n, 0,
				 base->npv_mean, "mean cloud NPV over the "
				 "horizon in $B", d);
	if (rc == 0)
		rc = write_csv(dir, sc, rows, n, base, ts, d);
	free(rows);
	return rc < 0 ? -1 : 0;
}
