/* dist.h — one uncertain value: a marginal distribution, its truncation
 * and its resampling schedule, sampled through a latent standard normal:
 * x = F^-1(Phi(z)) (docs/model.md "Sampling").
 *
 * A struct dist is plain data except `values`/`cum` (choice) and `table`
 * (optional inverse-CDF table), which it owns: dist_free() releases them
 * and may be called twice. Constructors fill a zeroed struct and return 0,
 * or a negative value with a message in *why (static string) when the
 * parameters are invalid (e.g. p5 >= p95, sd <= 0). */
#ifndef COMPUTESIM_DIST_H
#define COMPUTESIM_DIST_H

enum dist_kind {
	DIST_FIXED, DIST_UNIFORM, DIST_NORMAL, DIST_LOGNORMAL,
	DIST_TRIANGULAR, DIST_PERT, DIST_BETA, DIST_CHOICE
};

enum dist_resample { RESAMPLE_TRIAL, RESAMPLE_YEAR, RESAMPLE_AR1 };

struct dist {
	enum dist_kind kind;
	/* Parameters by kind:
	 *   FIXED       a = value
	 *   UNIFORM     a = min, b = max
	 *   NORMAL      a = mean, b = sd
	 *   LOGNORMAL   a = mu, b = sigma (of ln x)
	 *   TRIANGULAR  a = min, c = mode, b = max
	 *   PERT, BETA  alpha, beta shapes on [a, b] (beta: [0, 1] default) */
	double a, b, c, alpha, beta;
	double *values, *cum;	/* CHOICE: values, cumulative weights (last 1) */
	int nvalues;
	double lower, upper;	/* truncation; -INFINITY / INFINITY if none */
	double ulo, uhi;	/* F(lower), F(upper), set by dist_prepare() */
	double qlo, qhi;	/* 1 - F(upper), 1 - F(lower), computed directly
				   (precision in the upper tail) */
	double mass;		/* F(upper) - F(lower), 1 without truncation */
	enum dist_resample resample;
	double phi;		/* ar1 coefficient */
	void *table;		/* optional inverse-CDF table (beta, pert,
				   truncated normal), built by dist_prepare */
	double table_err;	/* bound on |x_table - x_exact|, 0 if no table
				   (docs/notes-sampling.md) */
};

/* Constructors (d must be zeroed; they set kind and parameters, no
 * truncation, resample = trial). */
int dist_fixed(struct dist *d, double value, const char **why);
int dist_uniform(struct dist *d, double min, double max, const char **why);
int dist_normal_mean_sd(struct dist *d, double mean, double sd, const char **why);
int dist_normal_p5_p95(struct dist *d, double p5, double p95, const char **why);
int dist_lognormal_p5_p95(struct dist *d, double p5, double p95, const char **why);
int dist_lognormal_median_gsd(struct dist *d, double median, double gsd, const char **why);
int dist_lognormal_mean_sd(struct dist *d, double mean, double sd, const char **why);
int dist_triangular(struct dist *d, double min, double mode, double max, const char **why);
int dist_pert(struct dist *d, double min, double mode, double max, const char **why);
int dist_beta(struct dist *d, double alpha, double beta, double min, double max, const char **why);
/* weights >= 0, at least one > 0; copies the arrays. */
int dist_choice(struct dist *d, const double *values, const double *weights,
		int n, const char **why);
/* "a to b": lognormal p5/p95 when 0 < a < b, else normal p5/p95. */
int dist_interval(struct dist *d, double a, double b, const char **why);

/* Set truncation (either may be infinite) and compute ulo/uhi; also builds
 * any table. Returns negative with *why when the truncated range has no
 * mass (e.g. lower >= upper, or F(upper) - F(lower) < 1e-12) or when
 * truncating a fixed or choice value. Call once after the constructor,
 * also without truncation (with infinite bounds). */
int dist_prepare(struct dist *d, double lower, double upper, const char **why);

int dist_is_fixed(const struct dist *d);

/* F^-1(u) of the (truncated) distribution, u in (0, 1). */
double dist_quantile(const struct dist *d, double u);
/* F^-1(Phi(z)): the value for latent standard normal z. Fast paths for
 * normal and lognormal without truncation (mean + sd*z, exp(mu+sigma*z)). */
double dist_from_latent(const struct dist *d, double z);
/* CDF of the untruncated distribution. */
double dist_cdf(const struct dist *d, double x);
/* Probability mass of the (truncated) distribution below lo and above hi,
 * for check's "can draw outside its key's range" warning. */
double dist_mass_outside(const struct dist *d, double lo, double hi);

void dist_free(struct dist *d);
/* Deep copy (values, cum, table); returns 0 or -1 on allocation failure. */
int dist_copy(struct dist *dst, const struct dist *src);

#endif
