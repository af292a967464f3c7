/* dist.c — one uncertain value as the quantile function of a latent
 * standard normal: x = F^-1(Phi(z)) (docs/model.md "Sampling", docs/format.md
 * "Values").
 *
 * Precision: every inverse is taken on the side of the distribution where
 * the tail probability is small (F^-1(P) for P <= 0.5, Q^-1(Q) above), so
 * a latent z = +8 or a truncation deep in the upper tail does not round
 * to u = 1. Truncation maps the untruncated probability range
 * [F(lower), F(upper)] onto (0, 1); draws are never clamped.
 *
 * Beta and PERT: gsl_cdf_beta_Pinv costs about 1.3 us, so dist_prepare()
 * builds a table of x(z) on a uniform grid in z over [-TABLE_Z, TABLE_Z]
 * (also for a truncated normal, whose exact path, Phi then Phi^-1, costs
 * about 35 ns against 3 ns for the table: a truncated per-year growth is
 * drawn every year of every trial):
 * piecewise cubic Hermite with the exact slope dx/dz = phi(z)*mass/f(x),
 * limited (Fritsch-Carlson) so the interpolant stays monotone. Outside the
 * grid the exact inverse is used. The table's error is measured against
 * the exact inverse at the middle and quarter points of every interval
 * while it is built (each doubling reusing the exact values it has:
 * disttable.c, which builds the table); d->table_err records twice that maximum plus a
 * rounding allowance, and tests/check_dist.c verifies it at random
 * points. dist_quantile() always uses the exact inverse.
 *
 * The exact paths call GSL's gsl_cdf_*; GSL's error handler must be off
 * (main does gsl_set_error_handler_off()), because gsl_cdf_beta_Pinv
 * reports a failure to converge for extreme shapes (e.g. beta(1000, 2));
 * we then fall back to a safeguarded Newton iteration on gsl_cdf_beta_P. */
#include <float.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_cdf.h>
#include <gsl/gsl_randist.h>

#include "dist.h"
#include "dist_impl.h"

/* Phi^-1(0.95): the p5/p95 constructors' half-width in latent units. */
#define Z95 1.6448536269514722


/* Set the fields every constructor shares: untruncated, resample trial. */
static void dist_init(struct dist *d, enum dist_kind kind)
{
	memset(d, 0, sizeof *d);
	d->kind = kind;
	d->lower = -INFINITY;
	d->upper = INFINITY;
	d->ulo = 0;
	d->uhi = 1;
	d->qlo = 0;
	d->mass = 1;
	d->resample = RESAMPLE_TRIAL;
}

static int fail(const char **why, const char *msg)
{
	if (why)
		*why = msg;
	return -1;
}

int dist_fixed(struct dist *d, double value, const char **why)
{
	if (!isfinite(value))
		return fail(why, "value must be a finite number");
	dist_init(d, DIST_FIXED);
	d->a = value;
	return 0;
}

int dist_uniform(struct dist *d, double min, double max, const char **why)
{
	if (!isfinite(min) || !isfinite(max))
		return fail(why, "min and max must be finite numbers");
	if (!(min < max))
		return fail(why, "min must be < max");
	dist_init(d, DIST_UNIFORM);
	d->a = min;
	d->b = max;
	return 0;
}

int dist_normal_mean_sd(struct dist *d, double mean, double sd,
			const char **why)
{
	if (!isfinite(mean) || !isfinite(sd))
		return fail(why, "mean and sd must be finite numbers");
	if (!(sd > 0))
		return fail(why, "sd must be > 0");
	dist_init(d, DIST_NORMAL);
	d->a = mean;
	d->b = sd;
	return 0;
}

int dist_normal_p5_p95(struct dist *d, double p5, double p95,
		       const char **why)
{
	if (!isfinite(p5) || !isfinite(p95))
		return fail(why, "p5 and p95 must be finite numbers");
	if (!(p5 < p95))
		return fail(why, "p5 must be < p95");
	dist_init(d, DIST_NORMAL);
	d->a = 0.5 * (p5 + p95);
	d->b = (p95 - p5) / (2 * Z95);
	return 0;
}

int dist_lognormal_p5_p95(struct dist *d, double p5, double p95,
			  const char **why)
{
	if (!isfinite(p5) || !isfinite(p95))
		return fail(why, "p5 and p95 must be finite numbers");
	if (!(p5 > 0))
		return fail(why, "p5 must be > 0 for a lognormal");
	if (!(p5 < p95))
		return fail(why, "p5 must be < p95");
	dist_init(d, DIST_LOGNORMAL);
	d->a = 0.5 * (log(p5) + log(p95));
	d->b = (log(p95) - log(p5)) / (2 * Z95);
	return 0;
}

/* gsd is the geometric standard deviation exp(sigma): it must be > 1
 * (gsd = 1 would be a fixed value; below 1 is not a spread). */
int dist_lognormal_median_gsd(struct dist *d, double median, double gsd,
			      const char **why)
{
	if (!isfinite(median) || !isfinite(gsd))
		return fail(why, "median and gsd must be finite numbers");
	if (!(median > 0))
		return fail(why, "median must be > 0");
	if (!(gsd > 1))
		return fail(why, "gsd must be > 1");
	dist_init(d, DIST_LOGNORMAL);
	d->a = log(median);
	d->b = log(gsd);
	return 0;
}

int dist_lognormal_mean_sd(struct dist *d, double mean, double sd,
			   const char **why)
{
	if (!isfinite(mean) || !isfinite(sd))
		return fail(why, "mean and sd must be finite numbers");
	if (!(mean > 0))
		return fail(why, "mean must be > 0 for a lognormal");
	if (!(sd > 0))
		return fail(why, "sd must be > 0");
	double r = sd / mean;
	double s2 = log1p(r * r);
	dist_init(d, DIST_LOGNORMAL);
	d->a = log(mean) - 0.5 * s2;
	d->b = sqrt(s2);
	return 0;
}

static int check_min_mode_max(double min, double mode, double max,
			      const char **why)
{
	if (!isfinite(min) || !isfinite(mode) || !isfinite(max))
		return fail(why, "min, mode and max must be finite numbers");
	if (!(min < max))
		return fail(why, "min must be < max");
	if (!(min <= mode && mode <= max))
		return fail(why, "mode must be between min and max");
	return 0;
}

int dist_triangular(struct dist *d, double min, double mode, double max,
		    const char **why)
{
	if (check_min_mode_max(min, mode, max, why) < 0)
		return -1;
	dist_init(d, DIST_TRIANGULAR);
	d->a = min;
	d->c = mode;
	d->b = max;
	return 0;
}

/* Beta-PERT with lambda 4: alpha = 1 + 4(mode-min)/(max-min),
 * beta = 1 + 4(max-mode)/(max-min); mean (min + 4 mode + max)/6. */
int dist_pert(struct dist *d, double min, double mode, double max,
	      const char **why)
{
	if (check_min_mode_max(min, mode, max, why) < 0)
		return -1;
	dist_init(d, DIST_PERT);
	d->a = min;
	d->c = mode;
	d->b = max;
	d->alpha = 1 + 4 * (mode - min) / (max - min);
	d->beta = 1 + 4 * (max - mode) / (max - min);
	return 0;
}

int dist_beta(struct dist *d, double alpha, double beta, double min,
	      double max, const char **why)
{
	if (!isfinite(alpha) || !isfinite(beta))
		return fail(why, "alpha and beta must be finite numbers");
	if (!(alpha > 0))
		return fail(why, "alpha must be > 0");
	if (!(beta > 0))
		return fail(why, "beta must be > 0");
	/* GSL's beta inverse CDF fails or runs for seconds to forever
	 * outside this range (alpha = beta = 1e6 never returns) */
	if (alpha < 0.1 || alpha > 1000 || beta < 0.1 || beta > 1000)
		return fail(why, "alpha and beta must lie in [0.1, 1000]");
	if (!isfinite(min) || !isfinite(max))
		return fail(why, "min and max must be finite numbers");
	if (!(min < max))
		return fail(why, "min must be < max");
	dist_init(d, DIST_BETA);
	d->alpha = alpha;
	d->beta = beta;
	d->a = min;
	d->b = max;
	return 0;
}

int dist_choice(struct dist *d, const double *values, const double *weights,
		int n, const char **why)
{
	double sum = 0;

	if (n < 1)
		return fail(why, "choice needs at least one value");
	for (int k = 0; k < n; k++) {
		if (!isfinite(values[k]))
			return fail(why, "choice values must be finite numbers");
		if (!isfinite(weights[k]) || weights[k] < 0)
			return fail(why, "choice weights must be finite and >= 0");
		sum += weights[k];
	}
	if (!(sum > 0))
		return fail(why, "at least one choice weight must be > 0");

	double *v = malloc((size_t)n * sizeof *v);
	double *c = malloc((size_t)n * sizeof *c);
	if (!v || !c) {
		free(v);
		free(c);
		return fail(why, "out of memory");
	}
	double acc = 0;
	int last = 0;
	for (int k = 0; k < n; k++) {
		v[k] = values[k];
		acc += weights[k];
		c[k] = acc / sum;
		if (weights[k] > 0)
			last = k;
	}
	/* The last value with weight takes everything up to 1 exactly, so
	 * rounding in the sum never leaves a gap below u = 1. */
	for (int k = last; k < n; k++)
		c[k] = 1;
	dist_init(d, DIST_CHOICE);
	d->values = v;
	d->cum = c;
	d->nvalues = n;
	return 0;
}

int dist_interval(struct dist *d, double a, double b, const char **why)
{
	if (!isfinite(a) || !isfinite(b))
		return fail(why, "both ends of \"a to b\" must be finite numbers");
	if (!(a < b))
		return fail(why, "\"a to b\" needs a < b");
	if (a > 0)
		return dist_lognormal_p5_p95(d, a, b, why);
	return dist_normal_p5_p95(d, a, b, why);
}

int dist_is_fixed(const struct dist *d)
{
	if (d->kind == DIST_FIXED)
		return 1;
	if (d->kind == DIST_CHOICE) {
		double prev = 0, v0 = 0;
		int seen = 0;
		for (int k = 0; k < d->nvalues; k++) {
			if (d->cum[k] > prev) {
				if (seen && d->values[k] != v0)
					return 0;
				v0 = d->values[k];
				seen = 1;
			}
			prev = d->cum[k];
		}
		return 1;
	}
	return 0;
}

/* ---- untruncated CDF, both tails ---- */

/* P = F(x) and Q = 1 - F(x) of the untruncated distribution, each
 * computed directly so the smaller keeps its relative precision. */
static void tails(const struct dist *d, double x, double *P, double *Q)
{
	double p, q, y;

	switch (d->kind) {
	case DIST_UNIFORM:
		p = gsl_cdf_flat_P(x, d->a, d->b);
		q = gsl_cdf_flat_Q(x, d->a, d->b);
		break;
	case DIST_NORMAL:
		p = gsl_cdf_ugaussian_P((x - d->a) / d->b);
		q = gsl_cdf_ugaussian_Q((x - d->a) / d->b);
		break;
	case DIST_LOGNORMAL:
		p = gsl_cdf_lognormal_P(x, d->a, d->b);
		q = gsl_cdf_lognormal_Q(x, d->a, d->b);
		break;
	case DIST_TRIANGULAR: {
		double a = d->a, b = d->b, c = d->c;
		if (x <= a) {
			p = 0;
			q = 1;
		} else if (x >= b) {
			p = 1;
			q = 0;
		} else if (x <= c) {
			p = (x - a) * (x - a) / ((b - a) * (c - a));
			q = 1 - p;
		} else {
			q = (b - x) * (b - x) / ((b - a) * (b - c));
			p = 1 - q;
		}
		break;
	}
	case DIST_PERT:
	case DIST_BETA:
		y = (x - d->a) / (d->b - d->a);
		if (y <= 0) {
			p = 0;
			q = 1;
		} else if (y >= 1) {
			p = 1;
			q = 0;
		} else {
			p = gsl_cdf_beta_P(y, d->alpha, d->beta);
			q = gsl_cdf_beta_Q(y, d->alpha, d->beta);
		}
		break;
	case DIST_CHOICE: {
		double prev = 0;
		p = 0;
		for (int k = 0; k < d->nvalues; k++) {
			if (d->values[k] <= x)
				p += d->cum[k] - prev;
			prev = d->cum[k];
		}
		if (p > 1)
			p = 1;
		q = 1 - p;
		break;
	}
	case DIST_FIXED:
	default:
		p = x >= d->a ? 1 : 0;
		q = 1 - p;
		break;
	}
	*P = p;
	*Q = q;
}

double dist_cdf(const struct dist *d, double x)
{
	double P, Q;

	if (isnan(x))
		return NAN;
	tails(d, x, &P, &Q);
	return P;
}

/* ---- exact inverses ---- */

/* Safeguarded Newton for the beta inverse when GSL's does not converge:
 * solve F(y) = P (upper = 0) or 1 - F(y) = Q (upper = 1) on [0, 1],
 * keeping a bracket and bisecting whenever a step leaves it. */
static double beta_inv_fallback(double t, int upper, double al, double be)
{
	double lo = 0, hi = 1, y = al / (al + be);

	for (int it = 0; it < 400; it++) {
		double f = upper ? gsl_cdf_beta_Q(y, al, be) - t
				 : gsl_cdf_beta_P(y, al, be) - t;
		/* F increasing: f > 0 means y too high (Q decreasing: the
		 * reverse). */
		int too_high = upper ? f < 0 : f > 0;
		if (f == 0)
			return y;
		if (too_high)
			hi = y;
		else
			lo = y;
		double pdf = gsl_ran_beta_pdf(y, al, be);
		double next = NAN;
		if (pdf > 0 && isfinite(pdf))
			next = upper ? y + f / pdf : y - f / pdf;
		if (!(next > lo && next < hi))
			next = 0.5 * (lo + hi);
		if (fabs(next - y) <= 2 * DBL_EPSILON * fabs(y) ||
		    hi - lo <= 2 * DBL_EPSILON * hi)
			return next;
		y = next;
	}
	return y;
}

static double beta_pinv(double P, double al, double be)
{
	double y = gsl_cdf_beta_Pinv(P, al, be);
	if (!(y >= 0 && y <= 1))
		y = beta_inv_fallback(P, 0, al, be);
	return y;
}

static double beta_qinv(double Q, double al, double be)
{
	double y = gsl_cdf_beta_Qinv(Q, al, be);
	if (!(y >= 0 && y <= 1))
		y = beta_inv_fallback(Q, 1, al, be);
	return y;
}

/* Untruncated inverse from the lower tail, P in [0, 0.5]. */
static double pinv(const struct dist *d, double P)
{
	switch (d->kind) {
	case DIST_UNIFORM:
		return d->a + (d->b - d->a) * P;
	case DIST_NORMAL:
		return d->a + d->b * gsl_cdf_ugaussian_Pinv(P);
	case DIST_LOGNORMAL:
		return exp(d->a + d->b * gsl_cdf_ugaussian_Pinv(P));
	case DIST_TRIANGULAR: {
		double a = d->a, b = d->b, c = d->c;
		if (P * (b - a) <= c - a)
			return a + sqrt(P * (b - a) * (c - a));
		return b - sqrt((1 - P) * (b - a) * (b - c));
	}
	case DIST_PERT:
	case DIST_BETA:
		return d->a + (d->b - d->a) * beta_pinv(P, d->alpha, d->beta);
	default:
		return d->a;
	}
}

/* Untruncated inverse from the upper tail, Q = 1 - F(x) in [0, 0.5]. */
static double qinv(const struct dist *d, double Q)
{
	switch (d->kind) {
	case DIST_UNIFORM:
		return d->b - (d->b - d->a) * Q;
	case DIST_NORMAL:
		return d->a + d->b * gsl_cdf_ugaussian_Qinv(Q);
	case DIST_LOGNORMAL:
		return exp(d->a + d->b * gsl_cdf_ugaussian_Qinv(Q));
	case DIST_TRIANGULAR: {
		double a = d->a, b = d->b, c = d->c;
		if (Q * (b - a) <= b - c)
			return b - sqrt(Q * (b - a) * (b - c));
		return a + sqrt((1 - Q) * (b - a) * (c - a));
	}
	case DIST_PERT:
	case DIST_BETA: {
		double y = beta_qinv(Q, d->alpha, d->beta);
		/* x = b - (b - a)(1 - y) keeps precision near b */
		return d->b - (d->b - d->a) * (1 - y);
	}
	default:
		return d->a;
	}
}

static double choice_pick(const struct dist *d, double u)
{
	for (int k = 0; k < d->nvalues; k++)
		if (u < d->cum[k])
			return d->values[k];
	/* u = 1 (only by rounding): the last value with weight */
	for (int k = d->nvalues - 1; k > 0; k--)
		if (d->cum[k] > d->cum[k - 1])
			return d->values[k];
	return d->values[0];
}

/* The truncated quantile from a probability given on both sides:
 * p + q = 1, each accurate (the caller computes the small one directly).
 * The untruncated target is P = ulo + mass*p = 1 - (qlo + mass*q). */
static double inv_pq(const struct dist *d, double p, double q)
{
	switch (d->kind) {
	case DIST_FIXED:
		return d->a;
	case DIST_CHOICE:
		return choice_pick(d, p);
	default:
		break;
	}
	double P = d->ulo + d->mass * p;
	double x;
	if (P <= 0.5)
		x = pinv(d, P);
	else
		x = qinv(d, d->qlo + d->mass * q);
	/* The inverse of F(lower) may round a hair below lower. */
	if (x < d->lower)
		x = d->lower;
	if (x > d->upper)
		x = d->upper;
	return x;
}

double dist_quantile(const struct dist *d, double u)
{
	if (isnan(u))
		return NAN;
	if (u < 0)
		u = 0;
	if (u > 1)
		u = 1;
	return inv_pq(d, u, 1 - u);
}

/* See dist_impl.h. */
double dist_exact_from_latent(const struct dist *d, double z)
{
	double p, q;

	if (isnan(z))
		return NAN;
	/* Phi underflows below z = -38.5: keep the tail probability at
	 * DBL_MIN so an unbounded side gives a large finite value. */
	if (z <= 0) {
		p = fmax(gsl_cdf_ugaussian_P(z), DBL_MIN);
		q = 1 - p;
	} else {
		q = fmax(gsl_cdf_ugaussian_Q(z), DBL_MIN);
		p = 1 - q;
	}
	return inv_pq(d, p, q);
}

double dist_from_latent(const struct dist *d, double z)
{
	switch (d->kind) {
	case DIST_FIXED:
		return d->a;
	case DIST_LOGNORMAL:
		if (d->lower == -INFINITY && d->upper == INFINITY)
			return exp(d->a + d->b * z);
		break;
	case DIST_NORMAL:
		if (d->lower == -INFINITY && d->upper == INFINITY)
			return d->a + d->b * z;
		break;
	default:
		break;
	}
	if (d->table) {		/* beta, PERT, truncated normal */
		const struct dist_table *tb = d->table;
		double t = (z - tb->z0) * tb->inv_h;
		if (t >= 0 && t < tb->n)
			return dist_table_eval(tb, t);
	}
	return dist_exact_from_latent(d, z);
}

/* ---- truncation ---- */

int dist_prepare(struct dist *d, double lower, double upper, const char **why)
{
	double P, Q;

	free(d->table);
	d->table = NULL;
	d->table_err = 0;
	if (isnan(lower) || isnan(upper))
		return fail(why, "lower and upper must be numbers");
	if (!(lower < upper))
		return fail(why, "lower must be < upper");
	int truncated = isfinite(lower) || isfinite(upper);
	if (truncated && d->kind == DIST_FIXED)
		return fail(why, "a fixed value cannot be truncated (lower/upper)");
	if (truncated && d->kind == DIST_CHOICE)
		return fail(why, "a choice cannot be truncated (lower/upper)");

	d->lower = lower;
	d->upper = upper;
	d->ulo = 0;
	d->qhi = 1;
	d->uhi = 1;
	d->qlo = 0;
	if (lower > -INFINITY) {
		tails(d, lower, &P, &Q);
		d->ulo = P;
		d->qhi = Q;
	}
	if (upper < INFINITY) {
		tails(d, upper, &P, &Q);
		d->uhi = P;
		d->qlo = Q;
	}
	if (d->uhi <= 0.5)
		d->mass = d->uhi - d->ulo;
	else if (d->ulo >= 0.5)
		d->mass = d->qhi - d->qlo;
	else
		d->mass = (1 - d->ulo) - d->qlo;
	if (!(d->mass >= 1e-12)) {
		d->mass = 1;
		return fail(why, "lower and upper leave almost no probability "
				 "(less than 1e-12) to draw from");
	}
	if (d->kind == DIST_PERT || d->kind == DIST_BETA ||
	    (d->kind == DIST_NORMAL && truncated)) {
		if (dist_table_make(d) < 0)
			return fail(why, "out of memory");
	}
	return 0;
}

double dist_mass_outside(const struct dist *d, double lo, double hi)
{
	double out = 0, P, Q;

	if (d->kind == DIST_FIXED)
		return d->a < lo || d->a > hi ? 1 : 0;
	if (d->kind == DIST_CHOICE) {
		double prev = 0;
		for (int k = 0; k < d->nvalues; k++) {
			if (d->values[k] < lo || d->values[k] > hi)
				out += d->cum[k] - prev;
			prev = d->cum[k];
		}
		return out;
	}
	/* Continuous: the truncated mass below lo and above hi. */
	if (lo > d->lower) {
		tails(d, lo, &P, &Q);
		double below = P <= 0.5 ? P - d->ulo : (d->qhi - Q);
		if (lo >= d->upper)
			below = d->mass;
		if (below > 0)
			out += below / d->mass;
	}
	if (hi < d->upper) {
		tails(d, hi, &P, &Q);
		double above = Q <= 0.5 ? Q - d->qlo : (d->uhi - P);
		if (hi <= d->lower)
			above = d->mass;
		if (above > 0)
			out += above / d->mass;
	}
	return out > 1 ? 1 : out;
}

void dist_free(struct dist *d)
{
	if (!d)
		return;
	free(d->values);
	free(d->cum);
	free(d->table);
	d->values = NULL;
	d->cum = NULL;
	d->table = NULL;
	d->nvalues = 0;
	d->table_err = 0;
}

int dist_copy(struct dist *dst, const struct dist *src)
{
	struct dist t = *src;

	t.values = NULL;
	t.cum = NULL;
	t.table = NULL;
	if (src->values) {
		size_t n = (size_t)src->nvalues * sizeof(double);
		t.values = malloc(n);
		t.cum = malloc(n);
		if (!t.values || !t.cum)
			goto oom;
		memcpy(t.values, src->values, n);
		memcpy(t.cum, src->cum, n);
	}
	if (src->table) {
		const struct dist_table *tb = src->table;
		size_t n = dist_table_bytes(tb->n);
		t.table = malloc(n);
		if (!t.table)
			goto oom;
		memcpy(t.table, tb, n);
	}
	*dst = t;
	return 0;
oom:
	free(t.values);
	free(t.cum);
	free(t.table);
	return -1;
}
