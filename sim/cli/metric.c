/* metric.c — the metrics an analysis targets or reports (breakeven's
 * --target, sweep's columns, run's --precision): their names, parsing
 * METRIC[@YEAR], reading one off a run and its Monte Carlo standard
 * error. See analysis.h. */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_statistics_double.h>

#include "agg.h"
#include "analysis.h"
#include "model.h"

static const struct {
	const char *name;
	enum analysis_metric_kind kind;
	int k, is_prob, yearly;
} metric_names[] = {
	{"npv_mean", AM_NPV_MEAN, 0, 0, 0},
	{"npv_p50", AM_NPV_P50, 0, 0, 0},
	{"p_npv_positive", AM_P_NPV_POSITIVE, 0, 1, 0},
	{"overbuild", AM_STORY, STORY_OVERBUILD, 1, 0},
	{"mismatch", AM_STORY, STORY_MISMATCH, 1, 0},
	{"shortage", AM_STORY, STORY_SHORTAGE, 1, 0},
	/* with an industry section */
	{"industry_short", AM_IND_SHORT, 0, 1, 0},
	{"overbuild_short", AM_PAIR, STORY_OVERBUILD, 1, 0},
	{"mismatch_short", AM_PAIR, STORY_MISMATCH, 1, 0},
	{"shortage_short", AM_PAIR, STORY_SHORTAGE, 1, 0},
	{"overbuild_glut", AM_PAIR, 3 * INDUSTRY_GLUT + STORY_OVERBUILD, 1, 0},
	{"mismatch_glut", AM_PAIR, 3 * INDUSTRY_GLUT + STORY_MISMATCH, 1, 0},
	{"shortage_glut", AM_PAIR, 3 * INDUSTRY_GLUT + STORY_SHORTAGE, 1, 0},
	{"p_surplus", AM_P_SURPLUS, 0, 1, 1},
	{"p_shortfall", AM_P_SHORTFALL, 0, 1, 1},
	{"p_launched", AM_P_LAUNCHED, 0, 1, 1},
	{"p_paid_back", AM_P_PAID_BACK, 0, 1, 1},
};
#define NMETRIC_NAMES (int)(sizeof metric_names / sizeof metric_names[0])

int analysis_metric_parse(struct analysis_metric *m, const struct scenario *sc,
			  const char *spec, const char *opt, const char *arg,
			  struct diag *d)
{
	char name[128];
	const char *at = strchr(spec, '@');
	size_t n = at ? (size_t)(at - spec) : strlen(spec);
	int nm = model_nmetrics(sc);
	int found = -1, yearly = 0, year = 0;

	memset(m, 0, sizeof *m);
	if (n == 0 || n >= sizeof name) {
		diag_error(d, NULL, 0, 0, "%s '%s': expected a metric name "
			   "before '='", opt, arg);
		return -1;
	}
	memcpy(name, spec, n);
	name[n] = '\0';
	snprintf(m->name, sizeof m->name, "%s", spec);
	for (int k = 0; k < NMETRIC_NAMES; k++)
		if (strcmp(name, metric_names[k].name) == 0) {
			found = k;
			yearly = metric_names[k].yearly;
			m->kind = metric_names[k].kind;
			m->k = metric_names[k].k;
			m->is_prob = metric_names[k].is_prob;
		}
	if (found < 0)
		for (int k = 0; k < nm; k++) {
			char buf[128];
			if (strcmp(name, model_metric_name(sc, k, buf,
							   sizeof buf)) == 0) {
				found = NMETRIC_NAMES + k;
				yearly = 1;
				m->kind = AM_YEARLY_MEAN;
				m->k = k;
			}
		}
	if (found >= 0 && !sc->has_industry &&
	    (m->kind == AM_PAIR || m->kind == AM_IND_SHORT)) {
		diag_error(d, NULL, 0, 0, "%s '%s': '%s' counts the industry's "
			   "state at the horizon, and %s has no `industry` "
			   "section", opt, arg, name, sc->file ? sc->file :
			   "the scenario");
		return -1;
	}
	if (found < 0 && !sc->has_industry) {
		/* an industry metric, which this scenario has not: say so
		 * rather than call a documented metric unknown */
		for (int k = (int)M_IND_CAPEX; k < (int)M_NALL; k++) {
			const char *in = model_metric_name_any((enum metric)k);

			if (in && strcmp(name, in) == 0) {
				diag_error(d, NULL, 0, 0, "%s '%s': '%s' is an "
					   "industry metric, and %s has no "
					   "`industry` section", opt, arg,
					   name, sc->file ? sc->file :
					   "the scenario");
				return -1;
			}
		}
	}
	if (found < 0) {
		/* suggest among every name, yearly ones as NAME@YEAR */
		int total = NMETRIC_NAMES + nm;
		const char **names = malloc((size_t)total * sizeof *names);
		char (*bufs)[128] = malloc((size_t)(nm > 0 ? nm : 1) *
					   sizeof *bufs);
		const char *best = NULL;
		/* --precision has no npv_p50 (precision.c): never offered */
		int prec = strcmp(opt, "--precision") == 0, nn = 0;

		if (names && bufs) {
			for (int k = 0; k < NMETRIC_NAMES; k++)
				if (!prec || strcmp(metric_names[k].name,
						    "npv_p50") != 0)
					names[nn++] = metric_names[k].name;
			for (int k = 0; k < nm; k++)
				names[nn++] = model_metric_name(sc, k, bufs[k],
								128);
			best = analysis_nearest_name(name, names, nn);
		}
		if (best)
			diag_error(d, NULL, 0, 0, "%s '%s': unknown metric "
				   "'%s'; did you mean '%s'?", opt, arg, name,
				   best);
		else
			diag_error(d, NULL, 0, 0, "%s '%s': unknown metric "
				   "'%s' (run-level: npv_mean, "
				   "%sp_npv_positive, overbuild, mismatch, "
				   "shortage%s; yearly: "
				   "NAME@YEAR, e.g. p_surplus@%d or "
				   "utilization@%d)", opt, arg, name,
				   prec ? "" : "npv_p50, ", sc->has_industry ?
				   ", industry_short, overbuild_short, ... "
				   "shortage_glut" : "", sc->start_year,
				   sc->start_year);
		free(names);
		free(bufs);
		return -1;
	}
	if (yearly && !at) {
		diag_error(d, NULL, 0, 0, "%s '%s': '%s' is a yearly metric: "
			   "name the year, e.g. %s@%d", opt, arg, name, name,
			   sc->start_year + sc->years - 1);
		return -1;
	}
	if (!yearly && at) {
		diag_error(d, NULL, 0, 0, "%s '%s': '%s' is a run-level "
			   "metric: leave out '@%s'", opt, arg, name, at + 1);
		return -1;
	}
	if (at) {
		char *end;
		long y;
		errno = 0;
		y = strtol(at + 1, &end, 10);
		if (end == at + 1 || *end || errno == ERANGE) {
			diag_error(d, NULL, 0, 0, "%s '%s': '%s' is not a "
				   "year", opt, arg, at + 1);
			return -1;
		}
		if (y < sc->start_year || y >= sc->start_year + sc->years) {
			diag_error(d, NULL, 0, 0, "%s '%s': year %ld is "
				   "outside the horizon %d-%d", opt, arg, y,
				   sc->start_year,
				   sc->start_year + sc->years - 1);
			return -1;
		}
		year = (int)y;
		m->t = year - sc->start_year;
	}
	return 0;
}

double analysis_metric_value(const struct analysis_metric *m,
			     const struct run_result *r)
{
	switch (m->kind) {
	case AM_NPV_MEAN:
		return r->npv_mean;
	case AM_NPV_P50:
		return analysis_npv_quantile(r, 0.5);
	case AM_P_NPV_POSITIVE:
		return r->p_npv_positive;
	case AM_STORY:
		return r->story[m->k];
	case AM_PAIR:
		return r->stories.by_industry[m->k / 3][m->k % 3];
	case AM_IND_SHORT:
		return r->stories.by_industry[INDUSTRY_SHORT][0] +
		       r->stories.by_industry[INDUSTRY_SHORT][1] +
		       r->stories.by_industry[INDUSTRY_SHORT][2];
	case AM_YEARLY_MEAN:
		return r->mean[(size_t)m->k * (size_t)r->years + (size_t)m->t];
	case AM_P_SURPLUS:
		return r->p_surplus[m->t];
	case AM_P_SHORTFALL:
		return r->p_shortfall[m->t];
	case AM_P_LAUNCHED:
		return r->p_launched[m->t];
	case AM_P_PAID_BACK:
		return r->p_paid_back[m->t];
	}
	return NAN;
}

double analysis_median_se(const double *x, long n)
{
	long h, lo, hi;

	if (!x || n < 2)
		return NAN;
	h = lround(sqrt((double)n) / 2);
	if (h < 1)
		h = 1;
	lo = (n - 1) / 2 - h;	/* the median sits at (n - 1) / 2 */
	hi = n / 2 + h;
	if (lo < 0)
		lo = 0;
	if (hi > n - 1)
		hi = n - 1;
	if (!(x[hi] > x[lo]))
		return 0;
	return sqrt(0.25 / (double)n) /
	       ((double)(hi - lo) / (double)n / (x[hi] - x[lo]));
}

double analysis_metric_se(const struct analysis_metric *m,
			  const struct run_result *r)
{
	double n = (double)r->n, p;

	if (r->n < 1)
		return NAN;
	switch (m->kind) {
	case AM_NPV_MEAN:
		return r->npv_se;
	case AM_NPV_P50:
		return analysis_median_se(r->npv, r->n);
	case AM_YEARLY_MEAN:	/* one trial says nothing of its error */
		return r->sd && r->n >= 2 ?
		       r->sd[(size_t)m->k * (size_t)r->years +
			     (size_t)m->t] / sqrt(n) : NAN;
	default:
		p = analysis_metric_value(m, r);
		return agg_share_se(p, (size_t)r->n);
	}
}

double analysis_npv_quantile(const struct run_result *r, double q)
{
	if (r->npv && r->n > 0)
		return gsl_stats_quantile_from_sorted_data(r->npv, 1,
							   (size_t)r->n, q);
	for (int j = 0; j < r->npct && r->npv_pct && r->pct_levels; j++)
		if (fabs(r->pct_levels[j] - 100.0 * q) < 1e-9)
			return r->npv_pct[j];
	return NAN;
}

