/* chartdata.c — the CSV tables the gnuplot scripts in plots/ read
 * (output_write_chart_data in output.h). Every file is named chart_*.csv
 * (plus chart_title.txt) so that `computesim plot DIR` can redraw the
 * charts from the directory alone; docs/notes-charts.md lists the columns.
 *
 * Fans use the 5th, 25th, 50th, 75th and 95th percentiles. Where the
 * scenario's simulation.percentiles lacks one of them, it is interpolated
 * linearly in the percentile level between the nearest requested levels
 * (clamped to the outermost level), and one warning names what was used;
 * the median is the exact one, which a run always computes. */
#include <errno.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dist.h"
#include "model.h"
#include "output.h"

static const double fan_levels[5] = {5, 25, 50, 75, 95};

/* What the writers share: the run, the scenario and the warning state. */
struct cd {
	const struct scenario *sc;
	const struct run_result *r;
	const char *dir;
	struct diag *d;
	/* the fans' band labels (cd_bands): band_outer, band_inner */
	char outer[48], inner[48];
};

/* Open dir/name for writing; NULL with an error in d. */
static FILE *cd_open(struct cd *c, const char *name)
{
	size_t n = strlen(c->dir) + strlen(name) + 2;
	char *path = malloc(n);
	FILE *f;

	if (!path) {
		diag_error(c->d, NULL, 0, 0, "out of memory");
		return NULL;
	}
	snprintf(path, n, "%s/%s", c->dir, name);
	f = fopen(path, "w");
	if (!f)
		diag_error(c->d, path, 0, 0, "cannot write: %s", strerror(errno));
	free(path);
	return f;
}

/* Close f, reporting a write error (disk full); 0 or -1. */
static int cd_close(struct cd *c, FILE *f, const char *name)
{
	int bad = ferror(f);

	if (fclose(f) != 0 || bad) {
		diag_error(c->d, NULL, 0, 0, "%s/%s: write failed", c->dir,
			   name);
		return -1;
	}
	return 0;
}

/* The nodes on either side of `level`: the requested levels and the
 * median, which a run always computes (the stdout table's). Their
 * levels go to *lo_l and *hi_l (-1 and 101: none on that side), their
 * values in metric-year kt to *lo_v and *hi_v (kt SIZE_MAX: levels
 * only, values 0). 1 when level is a node itself, its value in *lo_v. */
static int cd_nodes(const struct run_result *r, size_t kt, double level,
		    double *lo_l, double *lo_v, double *hi_l, double *hi_v)
{
	const double *v = kt != SIZE_MAX ? r->pct + kt * r->npct : NULL;
	double m = r->median && v ? r->median[kt] : 0;

	*lo_l = -1;
	*hi_l = 101;
	*lo_v = *hi_v = 0;
	for (int j = 0; j < r->npct; j++) {
		double l = r->pct_levels[j], x = v ? v[j] : 0;

		if (fabs(l - level) < 1e-9) {
			*lo_v = x;
			return 1;
		}
		if (l < level && l > *lo_l) {
			*lo_l = l;
			*lo_v = x;
		}
		if (l > level && l < *hi_l) {
			*hi_l = l;
			*hi_v = x;
		}
	}
	if (r->median) {
		if (fabs(level - 50) < 1e-9) {
			*lo_v = m;
			return 1;
		}
		if (level > 50 && 50 > *lo_l) {
			*lo_l = 50;
			*lo_v = m;
		}
		if (level < 50 && 50 < *hi_l) {
			*hi_l = 50;
			*hi_v = m;
		}
	}
	return 0;
}

/* Percentile `level` of metric k in year t from the requested ones:
 * exact when requested, else interpolated (see the top of the file).
 * The median is one of the nodes (cd_nodes): a fan's median line is the
 * one stdout and summary.json print, and the interpolated levels stay
 * in order around it, however far a step in the distribution
 * (utilization at 1 in most trials) puts it from the middle of two
 * requested levels. */
static double cd_pct(struct cd *c, int k, int t, double level)
{
	const struct run_result *r = c->r;
	double lo_l, lo_v, hi_l, hi_v;

	if (cd_nodes(r, (size_t)k * r->years + t, level, &lo_l, &lo_v, &hi_l,
		     &hi_v))
		return lo_v;
	if (lo_l < 0)
		return hi_v;	/* below every node: clamped */
	if (hi_l > 100)
		return lo_v;	/* above every node: clamped */
	return lo_v + (hi_v - lo_v) * (level - lo_l) / (hi_l - lo_l);
}

/* The level cd_pct gives for `level`: itself when it is a node, or
 * between two (*interp 1), else the nearest, beyond which cd_pct
 * clamps. */
static double cd_level(const struct run_result *r, double level,
		       int *interp)
{
	double lo_l, lo_v, hi_l, hi_v;

	*interp = 0;
	if (cd_nodes(r, SIZE_MAX, level, &lo_l, &lo_v, &hi_l, &hi_v))
		return level;
	if (lo_l < 0)
		return hi_l;
	if (hi_l > 100)
		return lo_l;
	*interp = 1;
	return level;
}

/* A band's legend label from the levels it is drawn at: "5–95%", or
 * "10–90%" when P5 and P95 are clamped to the ones asked for, and
 * " (interpolated)" after it when an edge is. */
static void cd_band(const struct run_result *r, double a, double b,
		    char *buf, size_t n)
{
	int ia, ib;
	double la = cd_level(r, a, &ia), lb = cd_level(r, b, &ib);

	snprintf(buf, n, "%g\xe2\x80\x93%g%%%s", la, lb,
		 ia || ib ? " (interpolated)" : "");
}

/* The bands' labels into c, and one warning when a fan level was not
 * requested. */
static void cd_check_levels(struct cd *c)
{
	const struct run_result *r = c->r;
	char missing[64] = "";
	size_t len = 0;

	for (int i = 0; i < 5; i++) {
		int interp;

		/* a node (the median always is one: cd_pct) */
		if (cd_level(r, fan_levels[i], &interp) != fan_levels[i] ||
		    interp)
			len += (size_t)snprintf(missing + len,
						sizeof missing - len, "%s%g",
						len ? ", " : "", fan_levels[i]);
	}
	cd_band(r, 5, 95, c->outer, sizeof c->outer);
	cd_band(r, 25, 75, c->inner, sizeof c->inner);
	if (len) {
		int i5, i95;
		double l5 = cd_level(r, 5, &i5), l95 = cd_level(r, 95, &i95);

		diag_warning(c->d, NULL, 0, 0,
			     "charts: simulation.percentiles lacks %s; the fan "
			     "charts interpolate between the percentiles asked "
			     "for, and their bands reach no further than P%g to "
			     "P%g (their legends say so)", missing, l5, l95);
	}
}

/* The fan tables' last two columns: their bands' labels (cd_bands), for
 * the legends; a table written before them is drawn with 5–95% and
 * 25–75% (plots/bands.gp). */
static void bands_header(FILE *f)
{
	fputs(",band_outer,band_inner\n", f);
}

/* The bands' labels, closing a fan table's row. */
static void bands_row(const struct cd *c, FILE *f)
{
	fprintf(f, ",%s,%s\n", c->outer, c->inner);
}

/* ",NUMBER" in the one CSV convention (output_csv_num). */
static void put(FILE *f, double x)
{
	fputc(',', f);
	output_csv_num(f, x);
}

/* The fan columns of metric m: PREFIXp5 .. PREFIXp95 and PREFIXmean. */
static void fan_header(FILE *f, const char *prefix)
{
	for (int i = 0; i < 5; i++)
		fprintf(f, ",%sp%g", prefix, fan_levels[i]);
	fprintf(f, ",%smean", prefix);
}

static void fan_row(struct cd *c, FILE *f, enum metric m, int t)
{
	int k = model_metric_index(c->sc, m);

	for (int i = 0; i < 5; i++)
		put(f, cd_pct(c, k, t, fan_levels[i]));
	put(f, c->r->mean[(size_t)k * c->r->years + t]);
}

/* A table with one fan per metric; prefixes name the metrics' columns. */
static int write_fans(struct cd *c, const char *name, const enum metric *m,
		      const char *const *prefix, int nm)
{
	FILE *f = cd_open(c, name);

	if (!f)
		return -1;
	fputs("year", f);
	for (int i = 0; i < nm; i++)
		fan_header(f, prefix[i]);
	bands_header(f);
	for (int t = 0; t < c->r->years; t++) {
		fprintf(f, "%d", c->r->start_year + t);
		for (int i = 0; i < nm; i++)
			fan_row(c, f, m[i], t);
		bands_row(c, f);
	}
	return cd_close(c, f, name);
}

/* The cloud NPV's fan, and the share of trials not launched by each
 * year (their NPV is 0 in every year: they can hold the median at 0;
 * cloud_npv.gp says how many by the last year, when the column is
 * there, so that a directory written before it still redraws). */
static int write_cloud_npv(struct cd *c)
{
	static const char name[] = "chart_cloud_npv.csv";
	FILE *f = cd_open(c, name);

	if (!f)
		return -1;
	fputs("year", f);
	fan_header(f, "");
	fputs(",not_launched", f);
	bands_header(f);
	for (int t = 0; t < c->r->years; t++) {
		fprintf(f, "%d", c->r->start_year + t);
		fan_row(c, f, M_CLOUD_NPV, t);
		put(f, 1 - c->r->p_launched[t]);
		bands_row(c, f);
	}
	return cd_close(c, f, name);
}

/* Utilization fan plus the reserve line: with reserve margin r there is a
 * surplus exactly when utilization < 1/(1+r); the line uses the median
 * margin, and the band its 5th..95th percentiles (the margin is drawn
 * once per trial). */
static int write_utilization(struct cd *c)
{
	static const char name[] = "chart_utilization.csv";
	const struct scenario *sc = c->sc;
	const struct dist *rd = &sc->inputs[sc->i_reserve].d;
	double r50, r5, r95;
	FILE *f;

	if (dist_is_fixed(rd)) {
		r50 = r5 = r95 = rd->a;
	} else {
		r50 = dist_quantile(rd, 0.5);
		r5 = dist_quantile(rd, 0.05);
		r95 = dist_quantile(rd, 0.95);
	}
	f = cd_open(c, name);
	if (!f)
		return -1;
	fputs("year", f);
	fan_header(f, "");
	fputs(",full_use,full_use_lo,full_use_hi,demand_ratio_p50", f);
	bands_header(f);
	for (int t = 0; t < c->r->years; t++) {
		fprintf(f, "%d", c->r->start_year + t);
		fan_row(c, f, M_UTILIZATION, t);
		put(f, 1 / (1 + r50));
		put(f, 1 / (1 + r95));
		put(f, 1 / (1 + r5));
		put(f, cd_pct(c, model_metric_index(sc, M_DEMAND_RATIO), t, 50));
		bands_row(c, f);
	}
	return cd_close(c, f, name);
}

static int write_surplus(struct cd *c)
{
	static const char name[] = "chart_surplus.csv";
	const struct run_result *r = c->r;
	FILE *f = cd_open(c, name);

	if (!f)
		return -1;
	fputs("year,p_surplus,p_shortfall", f);
	fan_header(f, "surplus_");
	fan_header(f, "surplus_share_");
	bands_header(f);
	for (int t = 0; t < r->years; t++) {
		fprintf(f, "%d", r->start_year + t);
		put(f, r->p_surplus[t]);
		put(f, r->p_shortfall[t]);
		fan_row(c, f, M_SURPLUS, t);
		fan_row(c, f, M_SURPLUS_SHARE, t);
		bands_row(c, f);
	}
	return cd_close(c, f, name);
}

static int write_probabilities(struct cd *c)
{
	static const char name[] = "chart_probabilities.csv";
	const struct run_result *r = c->r;
	FILE *f = cd_open(c, name);

	if (!f)
		return -1;
	fputs("year,p_launched,p_paid_back,p_surplus,p_shortfall\n", f);
	for (int t = 0; t < r->years; t++) {
		fprintf(f, "%d", r->start_year + t);
		put(f, r->p_launched[t]);
		put(f, r->p_paid_back[t]);
		put(f, r->p_surplus[t]);
		put(f, r->p_shortfall[t]);
		fputc('\n', f);
	}
	return cd_close(c, f, name);
}

/* Quantile q in [0, 1] of the sorted trial NPVs (linear interpolation
 * between order statistics, as docs/model.md asks of every percentile). */
static double npv_q(const struct run_result *r, double q)
{
	double h = q * (double)(r->n - 1);
	long i = (long)floor(h);

	if (i >= r->n - 1)
		return r->npv[r->n - 1];
	return r->npv[i] + (h - (double)i) * (r->npv[i + 1] - r->npv[i]);
}

/* A round bin width near raw: 1, 2, 2.5 or 5 times a power of ten. */
static double nice_width(double raw)
{
	double p = pow(10, floor(log10(raw)));
	double m = raw / p;

	return p * (m <= 1 ? 1 : m <= 2 ? 2 : m <= 2.5 ? 2.5 : m <= 5 ? 5 : 10);
}

/* The sorted trial NPVs without the exact zeros (trials that never
 * launch, or launch after the horizon): nz zeros start at index z. */
struct nonzero {
	const double *v;
	long n, z, nz;
};

static void nonzero_init(struct nonzero *s, const struct run_result *r)
{
	long i = 0;

	while (i < r->n && r->npv[i] < 0)
		i++;
	s->v = r->npv;
	s->z = i;
	while (i < r->n && r->npv[i] == 0)
		i++;
	s->nz = i - s->z;
	s->n = r->n - s->nz;
}

static double nonzero_at(const struct nonzero *s, long k)
{
	return s->v[k < s->z ? k : k + s->nz];
}

/* Quantile q of the nonzero NPVs (s->n >= 1), as npv_q. */
static double nonzero_q(const struct nonzero *s, double q)
{
	double h = q * (double)(s->n - 1);
	long i = (long)floor(h);

	if (i >= s->n - 1)
		return nonzero_at(s, s->n - 1);
	return nonzero_at(s, i) +
	       (h - (double)i) * (nonzero_at(s, i + 1) - nonzero_at(s, i));
}

/* NPV histogram of the trials whose NPV is not exactly 0, over their
 * P0.5..P97.5 (widened to round bin edges, about 40 bins: the right tail
 * is long, and a range to P99.5 squeezes the bulk into a few bars);
 * trials at exactly 0 (mostly: the cloud never launched) would be one
 * tall bar hiding the shape, so they are left out of the bars and their
 * share is written to the summary. Shares are of all trials, so bars +
 * zero_share + outside_share = 1. Also the CDF of all trials and the
 * run-level figures the chart prints. */
static int write_npv(struct cd *c)
{
	const struct run_result *r = c->r;
	struct nonzero s;
	double lo, hi, w, e0;
	long nb, outside = 0, *count;
	FILE *f;
	int rc;

	nonzero_init(&s, r);
	lo = s.n ? nonzero_q(&s, 0.005) : 0;
	hi = s.n ? nonzero_q(&s, 0.975) : 0;
	if (hi - lo <= 1e-9 * fmax(1, fabs(lo))) {	/* one value */
		w = nice_width(fmax(0.1, fabs(lo) / 20));
		e0 = floor(lo / w) * w;
		nb = 1;
	} else {
		w = nice_width((hi - lo) / 40);
		e0 = floor(lo / w) * w;
		nb = (long)ceil((hi - e0) / w - 1e-9);
		if (nb < 1)
			nb = 1;
		if (nb > 200)	/* guard against rounding surprises */
			nb = 200;
	}
	count = calloc((size_t)nb, sizeof *count);
	if (!count) {
		diag_error(c->d, NULL, 0, 0, "out of memory");
		return -1;
	}
	for (long k = 0; k < s.n; k++) {
		double b = floor((nonzero_at(&s, k) - e0) / w);
		if (b < 0 || b >= (double)nb)
			outside++;
		else
			count[(long)b]++;
	}

	f = cd_open(c, "chart_npv_hist.csv");
	if (!f) {
		free(count);
		return -1;
	}
	fputs("bin_lo,bin_hi,bin_mid,count,share\n", f);
	for (long b = 0; b < nb; b++) {
		output_csv_num(f, e0 + b * w);
		put(f, e0 + (b + 1) * w);
		put(f, e0 + (b + 0.5) * w);
		fprintf(f, ",%ld", count[b]);
		put(f, (double)count[b] / (double)r->n);
		fputc('\n', f);
	}
	free(count);
	rc = cd_close(c, f, "chart_npv_hist.csv");

	f = cd_open(c, "chart_npv_cdf.csv");
	if (!f)
		return -1;
	fputs("npv_busd,cdf\n", f);
	for (int i = 0; i <= 500; i++) {
		output_csv_num(f, npv_q(r, i / 500.0));
		put(f, i / 500.0);
		fputc('\n', f);
	}
	rc |= cd_close(c, f, "chart_npv_cdf.csv");

	f = cd_open(c, "chart_npv_summary.csv");
	if (!f)
		return -1;
	fputs("trials,p_npv_positive,mean,p5,p50,p95,bin_width,"
	      "outside_share,range_lo,range_hi,zero_share,"
	      "not_launched_share\n", f);
	fprintf(f, "%ld", r->n);
	put(f, r->p_npv_positive);
	put(f, r->npv_mean);
	put(f, npv_q(r, 0.05));
	put(f, npv_q(r, 0.5));
	put(f, npv_q(r, 0.95));
	put(f, w);
	put(f, (double)outside / (double)r->n);
	put(f, e0);
	put(f, e0 + nb * w);
	put(f, (double)s.nz / (double)r->n);
	put(f, r->payback_not_launched);
	fputc('\n', f);
	rc |= cd_close(c, f, "chart_npv_summary.csv");
	return rc ? -1 : 0;
}

/* Story k's last cells, written only with an industry section or
 * supply.power_gw (stories_more): the mean NPV and P(NPV > 0) of its
 * trials with the industry short and in glut at the horizon (empty
 * without an industry section, or where the pair has no trials), and
 * what stdout calls the fleet whose cost the hedge ratio divides by
 * (output_idle_fleet), for the chart's title. */
static void stories_pairs(const struct cd *c, FILE *f, int k)
{
	const struct story_figures *st = &c->r->stories;
	int ind = st->has_industry;

	put(f, ind ? st->pair_npv_mean[INDUSTRY_SHORT][k] : NAN);
	put(f, ind ? st->pair_npv_mean[INDUSTRY_GLUT][k] : NAN);
	put(f, ind ? st->pair_p_positive[INDUSTRY_SHORT][k] : NAN);
	put(f, ind ? st->pair_p_positive[INDUSTRY_GLUT][k] : NAN);
	fprintf(f, ",%s", output_idle_fleet(c->sc));
}

/* 1 when chart_stories.csv has stories_pairs' columns: a scenario with
 * neither an industry section nor supply.power_gw gets the table as
 * written before them, which npv_by_story.gp draws as it did. */
static int stories_more(const struct cd *c)
{
	return c->r->stories.has_industry || c->sc->i_power >= 0;
}

/* The stories (docs/model.md "The two readings, counted"): per story its
 * share of all trials and, with an industry section, of the trials in
 * each industry state at the horizon; and what the option is worth in
 * each (mean NPV, P(NPV > 0); empty where no trial tells it), with the
 * hedge ratio (has_hedge 0: none, no idle cost) and the idle fleet's
 * discounted cost on every row (the chart's title reads them); the
 * shares as labelled, in whole percents that add up (stories_shown);
 * then, with an industry section or supply.power_gw, stories_pairs'. */
static int write_stories(struct cd *c)
{
	static const char name[] = "chart_stories.csv";
	const struct story_figures *st = &c->r->stories;
	FILE *f = cd_open(c, name);
	long shown[3], split[2][3];

	if (!f)
		return -1;
	fputs("story,share,short,glut,npv_mean,p_npv_positive,hedge_ratio,"
	      "has_hedge,idle_pv_busd,has_industry,share_shown,short_shown,"
	      "glut_shown", f);
	fputs(stories_more(c) ? ",npv_short,npv_glut,p_positive_short,"
	      "p_positive_glut,idle_fleet\n" : "\n", f);
	stories_shown(st, 100, shown, split);
	for (int k = 0; k < 3; k++) {
		fputs(story_names[k], f);
		put(f, st->share[k]);
		if (st->has_industry) {
			put(f, st->by_industry[INDUSTRY_SHORT][k]);
			put(f, st->by_industry[INDUSTRY_GLUT][k]);
		} else {
			fputs(",,", f);
		}
		put(f, st->npv_mean[k]);
		put(f, st->p_positive[k]);
		/* 0 and has_hedge 0 without an idle cost: gnuplot warns
		 * on a column with no number */
		put(f, isnan(st->hedge_ratio) ? 0.0 : st->hedge_ratio);
		fprintf(f, ",%d", !isnan(st->hedge_ratio));
		put(f, st->idle_pv_mean);
		fprintf(f, ",%d,%ld,%ld,%ld", st->has_industry, shown[k],
			split[INDUSTRY_SHORT][k], split[INDUSTRY_GLUT][k]);
		if (stories_more(c))
			stories_pairs(c, f, k);
		fputc('\n', f);
	}
	return cd_close(c, f, name);
}

/* The scenario's name on one line, for the chart titles (read back by
 * plot.c and handed to gnuplot as a string argument, never as code). */
static int write_title(struct cd *c)
{
	static const char name[] = "chart_title.txt";
	FILE *f = cd_open(c, name);

	if (!f)
		return -1;
	output_title_text(f, c->sc->name);
	fputc('\n', f);
	return cd_close(c, f, name);
}

int output_write_chart_data(const char *dir, const struct scenario *sc,
			    const struct run_result *r, struct diag *d)
{
	static const enum metric cap_dem[] = {M_CAPACITY, M_DEMAND,
					      M_STRANDED};
	static const char *const cap_dem_p[] = {"capacity_", "demand_",
						"stranded_"};
	static const enum metric ind[] = {M_IND_TIGHTNESS, M_PRICE, M_MARKET};
	static const char *const ind_p[] = {"tightness_", "price_",
					    "market_"};
	struct cd c = {sc, r, dir, d, "", ""};
	int rc = 0;

	if (r->n < 1 || r->years < 1)
		return 0;
	rc |= write_title(&c);
	rc |= write_probabilities(&c);
	rc |= write_stories(&c);
	if (r->npv)
		rc |= write_npv(&c);
	if (r->pct && r->npct > 0) {	/* fans need a full run */
		cd_check_levels(&c);
		rc |= write_fans(&c, "chart_capacity_demand.csv", cap_dem,
				 cap_dem_p, 3);
		if (sc->has_industry)
			rc |= write_fans(&c, "chart_industry.csv", ind, ind_p,
					 3);
		rc |= write_utilization(&c);
		rc |= write_surplus(&c);
		rc |= write_cloud_npv(&c);
	}
	return rc ? -1 : 0;
}
