/* analysis.c — helpers shared by the analyses (sensitivity, sweep,
 * compare, breakeven): loading a scenario for repeated light runs,
 * validating the arguments that name inputs and metrics, reading metrics
 * off a run, CSV cells. See analysis.h. */
#include <errno.h>
#include <math.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <gsl/gsl_statistics_double.h>

#include "agg.h"
#include "analysis.h"
#include "env.h"
#include "number.h"
#include "output.h"
#include "model.h"
#include "plot.h"
#include "runsplit.h"
#include "yamlread.h"
#include "schema.h"
#include "stop.h"
#include "suggest.h"


int analysis_scenario_load(struct scenario **out, const struct cli *c,
			   const char *file, struct diag *d)
{
	const struct run_split *sp = c->split;
	char *buf = NULL;
	size_t len = 0;
	int err = 0, rc;

	if (!sp)
		return scenario_load(out, file, c->sets, c->nsets,
				     sample_check, d);
	*out = NULL;
	/* the messages of yaml_read_file(), from rank 0's errno */
	if (sp->read_file(sp->arg, file, YAMLREAD_MAX_INPUT + 1, &buf, &len,
			  &err) < 0) {
		if (err == ENOMEM)
			diag_error(d, file, 0, 0, "out of memory while reading");
		else if (err < 0)
			diag_error(d, file, 0, 0, "cannot read: %s",
				   strerror(-err));
		else
			diag_error(d, file, 0, 0, "cannot open: %s%s",
				   strerror(err),
				   strcmp(file, "-") == 0 && err == ENOENT ?
				   " (`-` names a file here; for standard "
				   "input, name /dev/stdin)" : "");
		return -1;
	}
	rc = scenario_load_buffer(out, buf, len, file, c->sets, c->nsets,
				  sample_check, d);
	free(buf);
	return rc;
}

int analysis_writer(const struct cli *c)
{
	return !c->split || c->split->rank == 0;
}

int analysis_ctx_load(struct analysis_ctx *a, const struct cli *c,
		      const char *file, struct diag *d)
{
	memset(a, 0, sizeof *a);
	if (analysis_scenario_load(&a->sc, c, file, d) < 0 || !a->sc) {
		a->sc = NULL;
		return -1;
	}
	if (sample_plan_new(&a->plan, a->sc, d) < 0 || !a->plan) {
		scenario_free(a->sc);
		memset(a, 0, sizeof *a);
		return -1;
	}
	a->o.trials = c->trials > 0 ? c->trials : a->sc->trials;
	a->o.seed = c->have_seed ? c->seed : a->sc->seed;
	a->o.threads = c->threads > 0 ? c->threads : run_default_threads();
	a->o.sampling = c->sampling >= 0 ? c->sampling : a->sc->sampling;
	a->o.full = 0;
	a->o.keep_trials = 0;
	a->o.progress = 0;
	a->o.ovs = NULL;
	a->o.novs = 0;
	a->o.stop = &stop_flag;
	a->o.profile = env_read()->profile;
	a->o.split = c->split;
	return 0;
}

void analysis_ctx_free(struct analysis_ctx *a)
{
	sample_plan_free(a->plan);
	scenario_free(a->sc);
	a->plan = NULL;
	a->sc = NULL;
}

/* See analysis.h. */
const char *analysis_nearest_name(const char *s, const char *const *names,
				  int n)
{
	size_t ls = strlen(s);

	for (int i = 0; i < n; i++) {
		size_t ln = strlen(names[i]);
		if (ln > ls && names[i][ln - ls - 1] == '.' &&
		    strcmp(names[i] + ln - ls, s) == 0)
			return names[i];
	}
	return suggest_nearest(s, names, sizeof names[0], n);
}

/* Keys of the format that are settings, not numeric inputs: they cannot
 * be held at a value by an override (docs/format.md "Keys": launch and
 * term_years are "fixed, not a distribution"; contract years, names,
 * the scenario, simulation and output sections). */
static const char *setting_reason(const char *path)
{
	static const char *const sections[] = {"scenario.", "simulation.",
					       "output.", "correlations"};
	const char *last = strrchr(path, '.');

	if (strcmp(path, "cloud.launch.trigger_surplus_share") == 0)
		return "the launch rule is a fixed setting, not a distribution; "
		       "try each with --set "
		       "'cloud.launch={trigger_surplus_share: X}'";
	if (strcmp(path, "cloud.launch") == 0 ||
	    strncmp(path, "cloud.launch.", 13) == 0)
		return "the launch rule is a fixed setting, not a distribution; "
		       "try each with --set 'cloud.launch={year: Y}'";
	if (strcmp(path, "cloud.term_years") == 0)
		return "term_years is a fixed whole number, not a "
		       "distribution; try each with --set cloud.term_years=N";
	for (size_t k = 0; k < sizeof sections / sizeof sections[0]; k++)
		if (strncmp(path, sections[k], strlen(sections[k])) == 0)
			return "it is a setting of the run, not a model input";
	if (strncmp(path, "supply.contracts.", 17) == 0 && last &&
	    (strcmp(last, ".start") == 0 || strcmp(last, ".end") == 0))
		return "contract years are whole calendar years fixed by the "
		       "scenario; change them with --set";
	if (last && strcmp(last, ".name") == 0)
		return "it is a name";
	return NULL;
}

int analysis_resolve_input(const struct scenario *sc, const char *path,
			   const char *opt, const char *arg, struct diag *d)
{
	const char **names;
	const char *why, *best;
	int i = scenario_find_input(sc, path);

	if (i >= 0)
		return i;
	why = setting_reason(path);
	if (why) {
		diag_error(d, NULL, 0, 0, "%s '%s': '%s' is not a numeric "
			   "input (%s)", opt, arg, path, why);
		return -1;
	}
	names = malloc(((size_t)sc->ninputs + 1) * sizeof *names);
	best = NULL;
	if (names) {
		for (int k = 0; k < sc->ninputs; k++)
			names[k] = sc->inputs[k].path;
		best = analysis_nearest_name(path, names, sc->ninputs);
	}
	if (best)
		diag_error(d, NULL, 0, 0, "%s '%s': no input '%s' in %s; did "
			   "you mean '%s'?", opt, arg, path, sc->file, best);
	else
		diag_error(d, NULL, 0, 0, "%s '%s': no input '%s' in %s "
			   "(inputs are named by dotted paths such as "
			   "'market.price_per_h100e_hour_usd')", opt, arg,
			   path, sc->file);
	free(names);
	return -1;
}

/* The schema row of input in (its key's range, open or closed ends), or
 * NULL when the path does not map to one: "section.key",
 * "section.list.NAME.key", or a series' then_growth. */
static const struct key_def *input_key(const struct input *in)
{
	const char *p = in->path, *last = strrchr(p, '.');
	const char *d1 = strchr(p, '.');
	const char *d2 = d1 ? strchr(d1 + 1, '.') : NULL;
	char sec[128];
	size_t n;

	if (!last)
		return NULL;
	if (in->series >= 0)
		return schema_find(SCHEMA_SERIES, last + 1);
	if (last == d1)		/* section.key */
		n = (size_t)(d1 - p);
	else if (d2)		/* section.list.NAME.key */
		n = (size_t)(d2 - p);
	else
		return NULL;
	if (n >= sizeof sec)
		return NULL;
	memcpy(sec, p, n);
	sec[n] = '\0';
	return schema_find(sec, last + 1);
}

double analysis_clip_value(const struct scenario *sc, int i, double v)
{
	const struct input *in = &sc->inputs[i];
	const struct key_def *k = input_key(in);
	double lo = in->range_lo, hi = in->range_hi;

	if (v < lo)
		v = lo;
	if (v > hi)
		v = hi;
	/* an excluded end: one step inside (a range is never that narrow) */
	if (k && k->kind == KEY_VALUE && !schema_in_range(k, v)) {
		if (v == lo)
			v = nextafter(v, INFINITY);
		else if (v == hi)
			v = nextafter(v, -INFINITY);
	}
	return v;
}

int analysis_value_excluded(const struct scenario *sc, int i, double v)
{
	const struct key_def *k = input_key(&sc->inputs[i]);

	return k && k->kind == KEY_VALUE && !schema_in_range(k, v);
}

int analysis_check_value(const struct scenario *sc, int i, double v,
			 const char *what, const char *opt, const char *arg,
			 struct diag *d)
{
	const struct input *in = &sc->inputs[i];
	const struct key_def *k = input_key(in);
	char range[64];

	if (!isfinite(v)) {
		diag_error(d, NULL, 0, 0, "%s '%s': %s is not a finite number",
			   opt, arg, what);
		return -1;
	}
	if (k && k->kind == KEY_VALUE) {
		if (schema_in_range(k, v))
			return 0;
		schema_range_text(k, range, sizeof range);
	} else {
		if (v >= in->range_lo && v <= in->range_hi)
			return 0;
		snprintf(range, sizeof range, "in [%g, %g]", in->range_lo,
			 in->range_hi);
	}
	diag_error(d, NULL, 0, 0, "%s '%s': %s = %g is outside the range "
		   "of %s (%s)", opt, arg, what, v, in->path, range);
	return -1;
}

int analysis_floor_cap(const struct scenario *sc, int i, int *other)
{
	/* each capex_response's floor and cap (-1: no such mapping) */
	const int fc[2][2] = {{sc->i_cr_floor, sc->i_cr_cap},
			      {sc->i_icr_floor, sc->i_icr_cap}};

	for (int m = 0; m < 2; m++)
		for (int e = 0; e < 2; e++)
			if (i >= 0 && i == fc[m][e] && fc[m][1 - e] >= 0) {
				*other = fc[m][1 - e];
				return e + 1;
			}
	return 0;
}

int analysis_check_floor_cap(const struct scenario *sc, int i, double lo,
			     double hi, const double *olo_ohi,
			     const char *oarg, const char *opt,
			     const char *arg, struct diag *d)
{
	int j, e = analysis_floor_cap(sc, i, &j);
	const struct input *o;
	double olo, ohi;
	char how[160];

	if (!e)
		return 0;
	o = &sc->inputs[j];
	if (olo_ohi) {
		olo = olo_ohi[0];
		ohi = olo_ohi[1];
		snprintf(how, sizeof how, " (--grid '%.120s')", oarg);
	} else if (o->form == INPUT_VALUE) {
		/* fixed, or a distribution's location parameters, as the
		 * loader checks a value written in the file */
		olo = o->loc_lo;
		ohi = o->loc_hi;
		snprintf(how, sizeof how, "%s", dist_is_fixed(&o->d) ? "" :
			 e == 1 ? ", the least of its location parameters" :
			 ", the greatest of its location parameters");
	} else {
		return 0;
	}
	if (e == 2 && lo < ohi) {
		diag_error(d, NULL, 0, 0, "%s '%s': %s = %g lies below its "
			   "floor %s = %g%s; a cap must be >= its floor%s", opt,
			   arg, sc->inputs[i].path, lo, o->path, ohi, how,
			   olo_ohi ? " at every point" : "");
		return -1;
	}
	if (e == 1 && hi > olo) {
		diag_error(d, NULL, 0, 0, "%s '%s': %s = %g lies above its cap "
			   "%s = %g%s; a floor must be <= its cap%s", opt, arg,
			   sc->inputs[i].path, hi, o->path, olo, how,
			   olo_ohi ? " at every point" : "");
		return -1;
	}
	return 0;
}

int analysis_same_list(const struct scenario *sc, int i, int j)
{
	const struct key_def *k = input_key(&sc->inputs[i]);

	return k && (k->flags & KF_WEIGHT) && input_key(&sc->inputs[j]) == k;
}

int analysis_check_shares(const struct scenario *sc, int i, double lo,
			  const int *swept, const double *swept_lo, int nswept,
			  const char *opt, const char *arg, struct diag *d)
{
	const struct key_def *k = input_key(&sc->inputs[i]);
	const char *p = sc->inputs[i].path, *end = strrchr(p, '.');
	int list_len;

	if (!k || !(k->flags & KF_WEIGHT) || lo > 0 || !end)
		return 0;
	/* the list: the path up to its item's name */
	for (list_len = (int)(end - p); list_len > 0 && p[list_len - 1] != '.';
	     list_len--)
		;
	for (int j = 0; j < sc->ninputs; j++) {
		const struct input *o = &sc->inputs[j];
		int zero = scenario_input_all_zero(o), z;

		if (j == i || input_key(o) != k)
			continue;
		/* a swept share is 0 somewhere when its grid reaches 0,
		 * whatever the scenario holds */
		for (z = 0; z < nswept && swept[z] != j; z++)
			;
		if (z < nswept)
			zero = swept_lo[z] <= 0;
		if (!zero)
			return 0;
	}
	diag_error(d, NULL, 0, 0, "%s '%s': at %s = 0 the shares in `%.*s` "
		   "are all 0; at least one must be > 0", opt, arg, p,
		   list_len > 0 ? list_len - 1 : 0, p);
	return -1;
}

const struct dist *analysis_input_dist(const struct scenario *sc, int i,
				       int *year_t)
{
	const struct input *in = &sc->inputs[i];

	if (in->form != INPUT_SERIES || in->npoints < 1) {
		*year_t = -1;
		return &in->d;
	}
	/* the first point in force in a year where the value acts (a point
	 * holds until the next; a growth series' first-year rate is not
	 * applied, docs/model.md "Units and time"), and that year; else the
	 * first point that is not fixed */
	int first = -1;

	for (int k = 0; k < in->npoints; k++) {
		int t = in->point_t[k] > in->acts_from ? in->point_t[k]
						       : in->acts_from;
		int end = k + 1 < in->npoints ? in->point_t[k + 1]
					      : sc->years;

		if (dist_is_fixed(&in->points[k]))
			continue;
		if (t < end) {
			*year_t = t;
			return &in->points[k];
		}
		if (first < 0)
			first = k;
	}
	if (first >= 0) {
		*year_t = in->point_t[first];
		return &in->points[first];
	}
	*year_t = in->point_t[0];
	return &in->points[0];
}

void analysis_input_span(const struct scenario *sc, int i, double qlo,
			 double qhi, double *lo, double *hi)
{
	const struct input *in = &sc->inputs[i];

	if (in->form != INPUT_SERIES || in->npoints < 1) {
		*lo = dist_quantile(&in->d, qlo);
		*hi = dist_quantile(&in->d, qhi);
		return;
	}
	int k0 = input_first_used_point(in);

	*lo = dist_quantile(&in->points[k0], qlo);
	*hi = dist_quantile(&in->points[k0], qhi);
	for (int k = k0 + 1; k < in->npoints; k++) {
		double l = dist_quantile(&in->points[k], qlo);
		double h = dist_quantile(&in->points[k], qhi);
		if (l < *lo)
			*lo = l;
		if (h > *hi)
			*hi = h;
	}
}

int analysis_parse_number(const char *s, double *out)
{
	switch (number_parse(s, 1, out)) {
	case NUM_OK:
		return 0;
	case NUM_NONFINITE:
		return -2;
	default:
		return -1;
	}
}


/* See analysis.h. */
char *analysis_default_dir(const char *out_dir, const char *suffix)
{
	size_t n = strlen(out_dir);
	char *r;

	/* "res/x/" is the directory res/x (a last "." or ".." the
	 * loader refuses) */
	while (n > 1 && out_dir[n - 1] == '/')
		n--;
	if (asprintf(&r, "%.*s%s", (int)n, out_dir, suffix) < 0)
		return NULL;
	return r;
}

/* See analysis.h. */
int analysis_share_verdict(const struct cli *c, int rc)
{
	long v = analysis_writer(c) ? rc : 0;

	if (c->split && c->split->sum_long(c->split->arg, &v, 1) < 0)
		return -1;
	return (int)v;
}

/* See analysis.h. */
int analysis_check_out(const char *final, const struct cli *c,
		       const struct scenario *from, struct diag *d)
{
	int rc = 0;

	if (analysis_writer(c)) {
		int line = from && !c->out ? from->out_dir_line : 0;

		if (outdir_check_inputs(final, c->files, c->nfiles,
					from ? from->file : NULL, line,
					from ? from->out_dir_col : 0, d) < 0)
			rc = -2;
		else
			rc = outdir_check(final, d);
	}
	rc = analysis_share_verdict(c, rc < 0 ? rc : 0);
	return rc < 0 ? rc : 0;
}

int analysis_write_dir(const char *final, const struct cli *c,
		       int (*write)(const char *dir, void *arg, struct diag *d),
		       void *arg, struct diag *d)
{
	struct outdir od = {0};
	int rc;

	if (!analysis_writer(c))
		return 0;	/* rank 0 writes */
	rc = outdir_begin(&od, final, d);
	if (rc < 0)	/* -2: an argument error; else e.g. a full disk */
		return rc == -2 ? rc : ANALYSIS_WRITE_FAILED;
	rc = write(od.tmp, arg, d);
	/* interrupted while writing or drawing: nothing replaces final */
	if (stop_requested())
		rc = 1;
	if (rc != 0 && rc != ANALYSIS_CHARTS_FAILED) {
		outdir_abort(&od);
		return rc < 0 ? ANALYSIS_WRITE_FAILED : 1;
	}
	/* the charts failed: the results are complete, and kept */
	return outdir_commit(&od, d) < 0 ? ANALYSIS_WRITE_FAILED : rc;
}

int analysis_plot(const char *dir, const struct cli *c, int plots,
		  struct diag *d)
{
	int rc;

	if (c->no_plots || !plots)
		return 0;
	rc = plot_draw_dir(dir, d);
	return rc == 2 ? 1 : rc < 0 ? ANALYSIS_CHARTS_FAILED : 0;
}

void analysis_progress(const struct cli *c, const char *what, long i, long n)
{
	if (c->quiet || !isatty(STDERR_FILENO))
		return;
	if (i >= n)
		fprintf(stderr, "\r%*s\r", 40, "");
	else
		fprintf(stderr, "\r%s %ld/%ld", what, i + 1, n);
	fflush(stderr);
}

void analysis_print_diag(const struct diag *d, const struct cli *c)
{
	if (d->nerr || !c->quiet)
		diag_print(d, stderr);
}

int analysis_exit(int rc, const char *final)
{
	if (rc == 0)
		return 0;
	if (rc == -2)
		return 2;	/* bad input: the output directory holds an
				   input, figures that are not finite */
	if (rc == ANALYSIS_CHARTS_FAILED) {
		plot_failed_note(final);
		return 1;
	}
	if (rc == 1 || ((rc == -1 || rc == ANALYSIS_WRITE_FAILED) &&
			stop_requested())) {
		fprintf(stderr, "computesim: interrupted; nothing written to "
			"'%s' (an earlier result there is untouched)\n", final);
		return 130;
	}
	if (rc == ANALYSIS_WRITE_FAILED)
		analysis_write_failed_note(final);
	return 1;
}

/* See analysis.h. */
double analysis_paired_se(const double *lo, double *hi, size_t n,
			  double *mean)
{
	struct agg_moments m;
	double dmin = INFINITY, dmax = -INFINITY;

	if (mean)
		*mean = NAN;
	if (!lo || !hi || n == 0)
		return NAN;
	for (size_t i = 0; i < n; i++) {
		hi[i] -= lo[i];
		dmin = hi[i] < dmin ? hi[i] : dmin;
		dmax = hi[i] > dmax ? hi[i] : dmax;
	}
	agg_moments_of(&m, hi, n, 1);
	if (mean)
		*mean = m.mean;
	if (n >= 2 && dmax - dmin <= 1e-12 * fmax(fabs(dmin), fabs(dmax)))
		return 0;
	return agg_moments_se(&m);
}

void analysis_write_failed_note(const char *final)
{
	fprintf(stderr, "computesim: nothing written to '%s' (the errors "
		"above; an earlier result there is untouched)\n", final);
}

/* The first n bytes of s as a chart table's text cell. */
static void chart_text_n(FILE *f, const char *s, size_t n)
{
	for (size_t i = 0; i < n && s[i]; i++)
		fputc(s[i] == ',' ? ';' : s[i] == '"' ? '\'' :
		      (unsigned char)s[i] < 0x20 ? '?' : s[i], f);
}

void analysis_chart_text(FILE *f, const char *s)
{
	chart_text_n(f, s, strlen(s));
}

void analysis_chart_name(FILE *f, const char *s)
{
	for (; *s; s++)
		if (*s == ',' || *s == '%' || *s == '\n' || *s == '\\')
			fprintf(f, "%%%02X", (unsigned)*s);
		else
			fputc(*s == '"' ? '\'' : (unsigned char)*s < 0x20 ||
			      *s == 0x7F ? '?' : *s, f);
}

/* The number of UTF-8 characters in s[0..n). */
static size_t utf8_chars(const char *s, size_t n)
{
	size_t c = 0;

	for (size_t i = 0; i < n; i++)
		c += ((unsigned char)s[i] & 0xC0) != 0x80;
	return c;
}

/* The byte offset in s (of n bytes) after its first k characters. */
static size_t utf8_skip(const char *s, size_t n, size_t k)
{
	size_t i = 0;

	for (; i < n && k > 0; k--)
		for (i++; i < n && ((unsigned char)s[i] & 0xC0) == 0x80; i++)
			;
	return i;
}

void analysis_chart_path(FILE *f, const char *path, size_t max)
{
	size_t n = strlen(path), nc = utf8_chars(path, n);
	const char *dot = strrchr(path, '.');
	size_t last, head, tail;

	if (nc <= max || max < 8) {
		analysis_chart_text(f, path);
		return;
	}
	/* drop whole leading parts first, while at least the last two parts
	 * stay: the end of a path is what tells two inputs apart (a list
	 * item's name and its key, "…contracts.coreweave-2025.price_per_
	 * h100e_hour_usd"), where cutting inside it made two contracts'
	 * prices read alike */
	for (const char *p = strchr(path, '.'); p && p < dot;
	     p = strchr(p + 1, '.')) {
		if (utf8_chars(p + 1, strlen(p + 1)) <= max - 1) {
			fputs("…", f);
			analysis_chart_text(f, p + 1);
			return;
		}
	}
	/* the characters after the last dot, kept whole when they take at
	 * most half the room */
	last = dot ? utf8_chars(dot + 1, strlen(dot + 1)) : nc;
	if (last <= max / 2) {
		head = max - 1 - last;
		tail = last;
	} else {
		head = (max - 1) / 2;
		tail = max - 1 - head;
	}
	chart_text_n(f, path, utf8_skip(path, n, head));
	fputs("…", f);
	analysis_chart_text(f, path + utf8_skip(path, n, nc - tail));
}
