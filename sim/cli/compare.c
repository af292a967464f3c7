/* compare.c — computesim compare A.yaml B.yaml [...]: every scenario run
 * with the same seed and number of trials (from the command line, else
 * from the first scenario), side by side: compare.csv (tidy), the chart
 * data of the overlaid fans and of the three stories, and a table on
 * stdout. See docs/notes-analysis.md. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "analysis.h"
#include "compare_impl.h"
#include "model.h"
#include "output.h"
#include "runsplit.h"
#include "text.h"

#define COMPARE_DEFAULT_DIR "out/compare"

/* The percentiles compare reports, whatever the scenarios ask for. */
static const double cmp_levels[] = {5, 50, 95};
#define CMP_NLEVELS 3

/* Tell apart on the charts the scenarios that share a name (a copy with
 * one assumption changed, its name kept), and name a scenario's own
 * --set options (B:PATH=VALUE) whatever its name: each gets its
 * command-line letter, as in the table on stdout, and its file's last
 * component, or its first --set of its own (B:PATH=VALUE, without
 * "B:"; " and more" when it has more). */
static void name_tags(struct cmp_item *it, int n, const struct cli *c)
{
	for (int s = 0; s < n; s++) {
		const char *f = it[s].a.sc->file, *b = strrchr(f, '/');
		int dup = 0, m, stem;
		const char *own = NULL;

		cmp_label(it[s].lb, sizeof it[s].lb, s);
		for (int u = 0; u < n && !dup; u++)
			dup = u != s && strcmp(it[u].a.sc->name,
					       it[s].a.sc->name) == 0;
		it[s].tag[0] = '\0';
		/* a scenario with --set options of its own is another
		 * scenario than its file: the charts say so even when no
		 * other scenario has its name */
		if (!dup && !it[s].own_sets)
			continue;
		for (int i = 0; i < c->nsets && it[s].own_sets && !own; i++)
			if (cmp_set_scenario(c->sets[i].path, n) == s)
				own = cmp_after_letter(c->sets[i].arg);
		f = own ? own : b ? b + 1 : f;
		stem = (int)strlen(f);	/* the file's name less .yaml/.yml */
		if (!own && stem > 5 && strcmp(f + stem - 5, ".yaml") == 0)
			stem -= 5;
		else if (!own && stem > 4 && strcmp(f + stem - 4, ".yml") == 0)
			stem -= 4;
		m = stem;
		if (m > 60) {	/* cut before a character, never inside */
			m = 60;
			while (m > 0 && ((unsigned char)f[m] & 0xC0) == 0x80)
				m--;
		}
		snprintf(it[s].tag, sizeof it[s].tag, " (%s: %.*s%s%s)",
			 it[s].lb, m, f, m < stem ? "…" : "", it[s].own_sets > 1
			 ? " and more" : "");
	}
}

/* A scenario's name and tag as the charts show them, the name cut at max
 * bytes (never inside a character) and ended with "…" (0: whole); a
 * string to free, NULL when out of memory. */
static char *shown_name(const struct cmp_item *it, size_t max)
{
	const char *nm = it->a.sc->name;
	size_t len = strlen(nm), tl = strlen(it->tag);
	char *p = malloc(len + tl + 4);

	if (!p)
		return NULL;
	if (max && len > max) {
		while (max > 0 && ((unsigned char)nm[max] & 0xC0) == 0x80)
			max--;	/* nm[max] would start the cut */
		len = max;
	}
	memcpy(p, nm, len);
	strcpy(p + len, len < strlen(nm) ? "…" : "");
	strcat(p, it->tag);
	/* a line break of the name's own would add a line to a label; a
	 * bidi override would turn it around */
	return text_chart_clean(p);
}

/* A scenario's name and tag as a chart table's text cell (commas kept:
 * analysis_chart_name), the name cut at max bytes (0: whole). */
static void chart_name(FILE *f, const struct cmp_item *it, size_t max)
{
	char *p = shown_name(it, max);

	if (p)
		analysis_chart_name(f, p);
	free(p);
}

/* The name under a chart's bars, as the column `label`: wrapped to w
 * columns (a wide CJK character two: gnuplot counts characters), a word
 * a fifth longer kept whole, at most maxlines lines (0: any). */
static void chart_label(FILE *f, const struct cmp_item *it, int w,
			int maxlines)
{
	char *p = shown_name(it, 0);
	size_t n = p ? 3 * strlen(p) + 16 : 0;
	char *out = p ? malloc(n) : NULL;

	if (out) {
		text_wrap(out, n, p, (size_t)w, (size_t)w / 5, maxlines);
		analysis_chart_name(f, out);
	}
	free(out);
	free(p);
}

/* At most so many lines of a name under compare_stories.gp's bars (its
 * bottom margin is at most half the height), and at most so many bytes
 * of a name in a chart table's `scenario` cell: gnuplot 5.4 cuts a cell
 * of over 1,024 bytes (with a warning), inside a character or an escape,
 * and a name of 300 bytes, its commas escaped and its tag, stays under.
 * The `label` cells stay under too: 6 lines of at most 31 columns. */
#define STORIES_LINES 6
#define CELL_NAME_MAX 300

/* The width of the names under the bars, in columns: the room between
 * two of n bars (n bars take n + 1 slots). compare_stories.gp: a
 * character at 20 points is about 15 of the plot's 1,600 pixels.
 * compare_readings.gp: a panel is about 600 pixels wide, a character
 * about 0.73 of the font's points (15 points for two scenarios down to
 * 11 for five or more). The scripts compute the same for a table without
 * the column (one written by an earlier build). */
static int stories_wrap(int n)
{
	int w = 96 / (n + 1) - 1;

	return w < 8 ? 8 : w;
}

static int readings_wrap(int n)
{
	int fs = n <= 2 ? 15 : n == 3 ? 13 : n == 4 ? 12 : 11;
	int w = (int)((600 / (n + 1)) / (0.73 * fs)) - 1;

	return w < 6 ? 6 : w;
}

/* Per-year metrics of compare.csv: metric, its enum. */
static const struct {
	const char *name;
	enum metric m;
} cmp_yearly[] = {
	{"utilization", M_UTILIZATION},
	{"surplus_h100e", M_SURPLUS},
	{"surplus_share", M_SURPLUS_SHARE},
	{"cloud_npv_busd", M_CLOUD_NPV},
};
#define CMP_NYEARLY (int)(sizeof cmp_yearly / sizeof cmp_yearly[0])

/* See compare_impl.h. */
void cmp_yearly_stats(const struct scenario *sc, const struct run_result *r,
		      enum metric m, int t, double out[4])
{
	size_t km = (size_t)model_metric_index(sc, m) * (size_t)r->years +
		    (size_t)t;

	out[0] = r->mean[km];
	for (int j = 0; j < CMP_NLEVELS; j++)
		out[1 + j] = r->pct ? r->pct[km * (size_t)r->npct + (size_t)j]
				    : NAN;
}

static void csv_row(FILE *f, const struct cmp_item *it, int year,
		    const char *metric, const double v[4], int nv)
{
	fprintf(f, "%s,", it->lb);
	output_csv_text(f, it->csv_name ? it->csv_name : it->a.sc->name);
	fputc(',', f);
	output_csv_text(f, it->a.sc->file);
	fputc(',', f);
	if (year)
		fprintf(f, "%d", year);
	fprintf(f, ",%s", metric);
	for (int j = 0; j < 4; j++) {
		fputc(',', f);
		if (j < nv)
			output_csv_num(f, v[j]);
	}
	fputc('\n', f);
}


/* What the option is worth in each reading: npv_mean_STORY, its
 * standard error npv_se_STORY (empty below 2 trials) and
 * p_npv_positive_STORY (empty where no trial tells it), idle_pv_busd,
 * hedge_ratio, hedge_se and, with an industry section, STORY_STATE
 * shares. */
static void story_rows(FILE *f, const struct cmp_item *it)
{
	const struct story_figures *st = &it->r->stories;
	char name[64];
	double v[4];

	for (int k = 0; k < 3; k++) {
		snprintf(name, sizeof name, "npv_mean_%s", story_names[k]);
		v[0] = st->npv_mean[k];
		csv_row(f, it, 0, name, v, 1);
		snprintf(name, sizeof name, "npv_se_%s", story_names[k]);
		v[0] = st->npv_se[k];
		csv_row(f, it, 0, name, v, 1);
		snprintf(name, sizeof name, "p_npv_positive_%s",
			 story_names[k]);
		v[0] = st->p_positive[k];
		csv_row(f, it, 0, name, v, 1);
	}
	v[0] = st->idle_pv_mean;
	csv_row(f, it, 0, "idle_pv_busd", v, 1);
	v[0] = st->hedge_ratio;
	csv_row(f, it, 0, "hedge_ratio", v, 1);
	v[0] = st->hedge_se;
	csv_row(f, it, 0, "hedge_se", v, 1);
	if (it->a.sc->i_power >= 0) {	/* as summary.json: with a limit */
		v[0] = st->unpowered_pv_mean;
		csv_row(f, it, 0, "idle_pv_unpowered_busd", v, 1);
		v[0] = st->powered_hedge_ratio;
		csv_row(f, it, 0, "powered_hedge_ratio", v, 1);
	}
	if (!st->has_industry)
		return;
	for (int j = 0; j < 2; j++)
		for (int k = 0; k < 3; k++) {
			snprintf(name, sizeof name, "%s_%s", story_names[k],
				 industry_state_names[j]);
			v[0] = st->by_industry[j][k];
			csv_row(f, it, 0, name, v, 1);
		}
	/* each (story, industry state) pair's trials as the story rows
	 * are each story's */
	for (int k = 0; k < 3; k++)
		for (int j = 0; j < 2; j++) {
			const char *sn = story_names[k];
			const char *in = industry_state_names[j];

			snprintf(name, sizeof name, "npv_mean_%s_%s", sn, in);
			v[0] = st->pair_npv_mean[j][k];
			csv_row(f, it, 0, name, v, 1);
			snprintf(name, sizeof name, "npv_se_%s_%s", sn, in);
			v[0] = st->pair_npv_se[j][k];
			csv_row(f, it, 0, name, v, 1);
			snprintf(name, sizeof name, "p_npv_positive_%s_%s", sn,
				 in);
			v[0] = st->pair_p_positive[j][k];
			csv_row(f, it, 0, name, v, 1);
		}
}

/* Each scenario's mean NPV gap to A's with its paired standard error:
 * every scenario runs the same seed, so trial i of one and trial i of A
 * are a pair, and the gap's error is that of the trials' differences
 * (analysis_paired_se, as --sensitivity's swings; each scenario's
 * trial_npv but A's is overwritten with them). Where the two draw their
 * inputs alike (one file with an input changed) most of the noise
 * cancels and this is far below the two errors combined; where they
 * draw differently it is about the same. NaN for A, with one trial (the
 * error), or where the trial counts differ. */
static void paired_gaps(struct cmp_item *it, int n)
{
	const struct run_result *a = it[0].r;

	for (int s = 0; s < n; s++) {
		struct run_result *r = it[s].r;

		it[s].gap = it[s].gap_se = NAN;
		if (s == 0 || r->n != a->n)
			continue;
		it[s].gap_se = analysis_paired_se(a->trial_npv, r->trial_npv,
						  (size_t)r->n, &it[s].gap);
	}
}

static int write_compare_csv(const struct cmp_item *it, int n,
			     const char *dir, struct diag *d)
{
	FILE *f = output_open(dir, "compare.csv", d);

	if (!f)
		return -1;
	fputs("label,scenario,file,year,metric,mean,p5,p50,p95\n", f);
	for (int s = 0; s < n; s++) {
		const struct scenario *sc = it[s].a.sc;
		const struct run_result *r = it[s].r;
		double v[4];

		for (int t = 0; t < sc->years; t++) {
			int y = sc->start_year + t;
			for (int k = 0; k < CMP_NYEARLY; k++) {
				cmp_yearly_stats(sc, r, cmp_yearly[k].m, t, v);
				csv_row(f, &it[s], y, cmp_yearly[k].name, v, 4);
			}
			v[0] = r->p_surplus[t];
			csv_row(f, &it[s], y, "p_surplus", v, 1);
			v[0] = r->p_paid_back[t];
			csv_row(f, &it[s], y, "p_paid_back", v, 1);
		}
		v[0] = r->npv_mean;
		v[1] = analysis_npv_quantile(r, 0.05);
		v[2] = analysis_npv_quantile(r, 0.50);
		v[3] = analysis_npv_quantile(r, 0.95);
		csv_row(f, &it[s], 0, "npv_busd", v, 4);
		v[0] = r->npv_sd;
		csv_row(f, &it[s], 0, "npv_sd", v, 1);
		v[0] = r->npv_se;	/* empty with one trial */
		csv_row(f, &it[s], 0, "npv_se", v, 1);
		v[0] = it[s].gap;	/* paired_gaps: empty for A */
		csv_row(f, &it[s], 0, "npv_gap_to_a", v, 1);
		v[0] = it[s].gap_se;
		csv_row(f, &it[s], 0, "npv_gap_to_a_se", v, 1);
		v[0] = r->p_npv_positive;
		csv_row(f, &it[s], 0, "p_npv_positive", v, 1);
		v[0] = r->payback_not_launched;
		csv_row(f, &it[s], 0, "not_launched", v, 1);
		v[0] = r->median_payback_t >= 0
			       ? sc->start_year + r->median_payback_t
			       : NAN;
		csv_row(f, &it[s], 0, "median_payback_year", v, 1);
		v[0] = r->story[STORY_OVERBUILD];
		csv_row(f, &it[s], 0, "overbuild", v, 1);
		v[0] = r->story[STORY_MISMATCH];
		csv_row(f, &it[s], 0, "mismatch", v, 1);
		v[0] = r->story[STORY_SHORTAGE];
		csv_row(f, &it[s], 0, "shortage", v, 1);
		story_rows(f, &it[s]);
	}
	return output_close(f, dir, "compare.csv", d);
}

/* chart_compare_readings.csv (compare_readings.gp): one row per scenario
 * with the six (story, industry state) shares (a scenario without an
 * industry section puts each story's whole share under `_all`), the mean
 * NPV and P(NPV > 0) of each story's trials (empty where none tells it),
 * the hedge ratio (empty when there is none) and the NPV's mean; then
 * the `label` under its bars (chart_label). When any scenario has an
 * industry section, last (after `label`, so that a table without an
 * industry section is as before them): npv_STORY_STATE and
 * p_positive_STORY_STATE, the pair figures (pair_npv_mean,
 * pair_p_positive; empty where no trial tells the pair, and in a row
 * without an industry section), which the right panel draws instead of
 * the pooled stories. */
static int write_readings(const struct cmp_item *it, int n, const char *dir,
			  struct diag *d)
{
	FILE *f = output_open(dir, "chart_compare_readings.csv", d);
	int pairs = 0;

	if (!f)
		return -1;
	for (int s = 0; s < n; s++)
		pairs |= it[s].r->stories.has_industry;
	fputs("scenario", f);
	for (int k = 0; k < 3; k++)
		fprintf(f, ",%s_short,%s_glut,%s_all", story_names[k],
			story_names[k], story_names[k]);
	for (int k = 0; k < 3; k++)
		fprintf(f, ",npv_%s,p_positive_%s", story_names[k],
			story_names[k]);
	fputs(",hedge_ratio,npv_mean", f);
	/* and the labels' whole percents, which add up (stories_shown) */
	for (int k = 0; k < 3; k++)
		fprintf(f, ",%s_short_shown,%s_glut_shown,%s_all_shown",
			story_names[k], story_names[k], story_names[k]);
	fputs(",label", f);
	for (int k = 0; pairs && k < 3; k++)
		for (int j = 0; j < 2; j++)
			fprintf(f, ",npv_%s_%s,p_positive_%s_%s", story_names[k],
				industry_state_names[j], story_names[k],
				industry_state_names[j]);
	fputc('\n', f);
	for (int s = 0; s < n; s++) {
		const struct story_figures *st = &it[s].r->stories;
		long shown[3], split[2][3];

		chart_name(f, &it[s], CELL_NAME_MAX);
		for (int k = 0; k < 3; k++) {
			double v[3] = {0, 0, st->share[k]};

			if (st->has_industry) {
				v[0] = st->by_industry[INDUSTRY_SHORT][k];
				v[1] = st->by_industry[INDUSTRY_GLUT][k];
				v[2] = 0;
			}
			for (int j = 0; j < 3; j++) {
				fputc(',', f);
				output_csv_num(f, v[j]);
			}
		}
		for (int k = 0; k < 3; k++) {
			fputc(',', f);
			output_csv_num(f, st->npv_mean[k]);
			fputc(',', f);
			output_csv_num(f, st->p_positive[k]);
		}
		fputc(',', f);
		output_csv_num(f, st->hedge_ratio);
		fputc(',', f);
		output_csv_num(f, it[s].r->npv_mean);
		stories_shown(st, 100, shown, split);
		for (int k = 0; k < 3; k++)
			if (st->has_industry)
				fprintf(f, ",%ld,%ld,0", split[INDUSTRY_SHORT][k],
					split[INDUSTRY_GLUT][k]);
			else
				fprintf(f, ",0,0,%ld", shown[k]);
		fputc(',', f);
		chart_label(f, &it[s], readings_wrap(n), 5);
		for (int k = 0; pairs && k < 3; k++)
			for (int j = 0; j < 2; j++) {
				double pm = st->pair_npv_mean[j][k];
				double pp = st->pair_p_positive[j][k];

				fputc(',', f);
				output_csv_num(f, st->has_industry ? pm : NAN);
				fputc(',', f);
				output_csv_num(f, st->has_industry ? pp : NAN);
			}
		fputc('\n', f);
	}
	return output_close(f, dir, "chart_compare_readings.csv", d);
}

/* Chart data (compare_fan.gp, compare_stories.gp).
 * chart_compare_fan.csv: one row per year of any scenario; per scenario
 * s (in command-line order) CMP_FAN_COLS columns: utilization p5, p50,
 * p95, surplus_h100e p5, p50, p95, cloud_npv_busd p5, p50, p95,
 * p_surplus; empty outside its horizon. The headers of the two p50
 * columns are the scenario's name (the chart's legend).
 * chart_compare_stories.csv: one row per scenario, the story shares,
 * then its `label` under the bars (chart_label).
 * chart_title.txt: the names, joined with " vs ". */
#define CMP_FAN_COLS 10
static int write_chart_data(const struct cmp_item *it, int n, int y0, int y1,
			    const char *dir, struct diag *d)
{
	static const enum metric fm[3] = {M_UTILIZATION, M_SURPLUS,
					  M_CLOUD_NPV};
	static const char *fp[3] = {"u", "s", "n"};
	FILE *f = output_open(dir, "chart_compare_fan.csv", d);

	if (!f)
		return -1;
	fputs("year", f);
	for (int s = 0; s < n; s++)
		for (int k = 0; k < 3; k++) {
			fprintf(f, ",s%d_%s5,", s + 1, fp[k]);
			if (k == 1)
				fprintf(f, "s%d_%s50", s + 1, fp[k]);
			else	/* the key's entry: one line of the chart */
				chart_name(f, &it[s], 70);
			fprintf(f, ",s%d_%s95", s + 1, fp[k]);
			if (k == 2)
				fprintf(f, ",s%d_ps", s + 1);
		}
	fputc('\n', f);
	for (int y = y0; y <= y1; y++) {
		fprintf(f, "%d", y);
		for (int s = 0; s < n; s++) {
			const struct scenario *sc = it[s].a.sc;
			int t = y - sc->start_year;
			int in = t >= 0 && t < sc->years;
			for (int k = 0; k < 3; k++) {
				double v[4];
				if (in)
					cmp_yearly_stats(sc, it[s].r, fm[k], t, v);
				for (int j = 1; j < 4; j++) {
					fputc(',', f);
					if (in)
						output_csv_num(f, v[j]);
				}
			}
			fputc(',', f);
			if (in)
				output_csv_num(f, it[s].r->p_surplus[t]);
		}
		fputc('\n', f);
	}
	if (output_close(f, dir, "chart_compare_fan.csv", d) < 0)
		return -1;
	f = output_open(dir, "chart_compare_stories.csv", d);
	if (!f)
		return -1;
	/* and the labels' whole percents, which add up (stories_shown) */
	fputs("scenario,overbuild,mismatch,shortage,overbuild_shown,"
	      "mismatch_shown,shortage_shown,label\n", f);
	for (int s = 0; s < n; s++) {
		long shown[3], split[2][3];

		chart_name(f, &it[s], CELL_NAME_MAX);
		for (int k = 0; k < 3; k++) {
			fputc(',', f);
			output_csv_num(f, it[s].r->story[k]);
		}
		stories_shown(&it[s].r->stories, 100, shown, split);
		fprintf(f, ",%ld,%ld,%ld,", shown[0], shown[1], shown[2]);
		chart_label(f, &it[s], stories_wrap(n), STORIES_LINES);
		fputc('\n', f);
	}
	if (output_close(f, dir, "chart_compare_stories.csv", d) < 0)
		return -1;
	if (write_readings(it, n, dir, d) < 0)
		return -1;
	f = output_open(dir, "chart_title.txt", d);
	if (!f)
		return -1;
	for (int s = 0; s < n; s++) {
		if (s > 0)
			fputs(" vs ", f);
		output_title_text(f, it[s].a.sc->name);
		output_title_text(f, it[s].tag);
	}
	fputc('\n', f);
	return output_close(f, dir, "chart_title.txt", d);
}

/* Everything compare writes into its (temporary) output directory. */
struct cmp_out {
	const struct cmp_item *it;
	int n;
	const struct cli *c;
};

static int write_all(const char *dir, void *arg, struct diag *d)
{
	const struct cmp_out *co = arg;
	int y0, y1, plots = 0;

	cmp_year_span(co->it, co->n, &y0, &y1);
	if (write_compare_csv(co->it, co->n, dir, d) < 0 ||
	    write_chart_data(co->it, co->n, y0, y1, dir, d) < 0)
		return -1;
	/* the charts compare the files: drawn unless every one of them
	 * says output.plots: false (or --no-plots) */
	for (int s = 0; s < co->n; s++)
		plots |= co->it[s].a.sc->plots;
	return analysis_plot(dir, co->c, plots, d);
}

/* 0 when scenario s's figures are all finite, else 2 with the error in
 * d. */
static int result_finite(const struct cmp_item *it, int s,
			 const struct cli *c, struct diag *d)
{
	return run_result_check_finite(it[s].r, it[s].a.sc, c->files[s],
				       NULL, d) < 0 ? 2 : 0;
}

/* Run every scenario (a full run each). Split between ranks (c->split),
 * the scenarios go to the ranks whole, in contiguous ranges
 * (run_split_lo): each is an ordinary one-process run on its rank (with
 * its threads), and every result is then sent whole from its rank to
 * every rank (run_result_share), so every rank holds every result, as
 * the one process does. With fewer scenarios than ranks, the ranks past
 * them have none to run. Then each result is checked, in order, for
 * figures that are not finite (run_result_check_finite: the error in d
 * and 2; the one process checks each as it ends, and runs no more).
 * Returns 0, 2, 1 when stopped, -1 on failure (the worst over the
 * ranks). */
static int compare_run(struct cmp_item *it, int n, const struct cli *c,
		       struct diag *d)
{
	const struct run_split *sp = c->split;
	int s0 = 0, s1 = n, rc = 0;

	if (sp) {
		s0 = (int)run_split_lo((size_t)n, sp->rank, sp->size);
		s1 = (int)run_split_lo((size_t)n, sp->rank + 1, sp->size);
	}
	for (int s = s0; s < s1 && rc == 0; s++) {
		struct run_opts o = it[s].a.o;

		o.full = 1;
		o.keep_npv = 1;	/* for the paired gaps to A */
		o.split = NULL;	/* a scenario's trials stay on its rank */
		analysis_progress(c, "compare", s, n);
		rc = run_trials(&it[s].r, it[s].a.sc, it[s].a.plan, &o);
		if (rc == 0 && !it[s].r)
			rc = -1;
		if (rc == 0 && !sp)
			rc = result_finite(it, s, c, d);
	}
	if (!sp) {
		if (rc != 2)
			analysis_progress(c, "compare", n, n);
		return rc;
	}
	analysis_progress(c, "compare", n, n);
	rc = run_split_status(sp, rc);
	for (int s = 0; s < n && rc == 0; s++)
		rc = run_result_share(&it[s].r, sp,
				      run_split_owner((size_t)n, (size_t)s,
						      sp->size));
	for (int s = 0; s < n && rc == 0; s++)
		rc = result_finite(it, s, c, d);
	return rc;
}

int cmd_compare(const struct cli *c)
{
	int n = c->nfiles, rc = 0, bad = 0;
	struct cmp_item *it = calloc((size_t)n, sizeof *it);
	struct diag d;
	const char *final = c->out ? c->out : COMPARE_DEFAULT_DIR;
	const struct scenario **scs = NULL;
	struct cli_memory mem = {CLI_MEM_COMPARE, NULL, 0, 1, 0, 0, 1, NULL};
	struct scenario_set *sets = calloc((size_t)c->nsets + 1, sizeof *sets);

	if (!it || !sets) {
		free(sets);
		free(it);
		fputs("error: out of memory\n", stderr);
		return 1;
	}
	diag_init(&d);
	for (int s = 0; s < n; s++) {
		struct cli cs = *c;
		int own, t;
		struct diag once, *ds;

		cs.sets = sets;
		cs.nsets = cmp_sets_for(c, s, sets, &own, it[s].own_text,
				    sizeof it[s].own_text);
		it[s].own_sets = own;
		/* a file given again says nothing it said (its warnings
		 * twice, a refusal counted twice), unless it fails where
		 * the first did not (a pipe read twice); with --set options
		 * of its own it is another scenario */
		t = own ? -1 : cmp_same_file_before(it, c->files, s);
		ds = t >= 0 ? &once : &d;
		diag_init(&once);
		if (analysis_ctx_load(&it[s].a, &cs, c->files[s], ds) < 0 ||
		    scenario_set_percentiles(it[s].a.sc, cmp_levels,
					     CMP_NLEVELS) < 0) {
			bad = 1;
			if (t >= 0 && it[t].a.sc)
				diag_merge(&d, &once);
		}
		diag_free(&once);
		/* its own --set options, as the table's line names them:
		 * the file alone would not tell it from A */
		if (own && it[s].a.sc) {
			size_t len = strlen(it[s].a.sc->name) +
				     strlen(it[s].own_text) + 4;

			it[s].csv_name = malloc(len);
			if (!it[s].csv_name) {
				diag_error(&d, NULL, 0, 0, "out of memory");
				bad = 1;
			} else {
				snprintf(it[s].csv_name, len, "%s (%s)",
					 it[s].a.sc->name,
					 it[s].own_text + 2);	/* ", " */
			}
		}
	}
	if (bad) {
		diag_print(&d, stderr);
		rc = 2;
		goto out;
	}
	if ((rc = analysis_check_out(final, c, NULL, &d)) < 0) {
		diag_print(&d, stderr);
		rc = rc == -2 ? 2 : 1;
		goto out;
	}
	name_tags(it, n, c);
	for (int s = 1; s < n; s++)
		if ((it[0].own_sets || it[s].own_sets) &&
		    cmp_same_file(c->files, 0, s))
			cmp_note_redraw(&it[0], &it[s]);
	/* the same trials, seed and sampling for every scenario: the
	 * command line's, else the first scenario's (a scenario that asks
	 * for other sampling is told: a difference between plain Monte
	 * Carlo and Latin hypercube runs is noise, not the scenarios') */
	for (int s = 1; s < n; s++) {
		it[s].a.o.trials = it[0].a.o.trials;
		it[s].a.o.seed = it[0].a.o.seed;
		if (it[s].a.o.sampling != it[0].a.o.sampling) {
			/* at the file's sampling: when the scenario's own
			 * (not --sampling's) is the one set aside */
			diag_warning(&d, it[s].a.sc->file,
				     it[s].a.sc->sampling_line,
				     it[s].a.sc->sampling_col, "compare: "
				     "%s runs with %s sampling, as A does, "
				     "not its own %s: every scenario takes "
				     "the first's trials, seed and sampling "
				     "(--sampling chooses for all)", it[s].lb,
				     sampling_word(it[0].a.o.sampling),
				     sampling_word(it[s].a.o.sampling));
			it[s].a.o.sampling = it[0].a.o.sampling;
		}
	}
	/* every run and the results kept: refused before the first trial
	 * when they do not fit */
	scs = calloc((size_t)n, sizeof *scs);
	if (!scs) {
		fputs("error: out of memory\n", stderr);
		rc = 1;
		goto out;
	}
	for (int s = 0; s < n; s++)
		scs[s] = it[s].a.sc;
	mem.sc = scs;
	mem.nsc = n;
	mem.threads = it[0].a.o.threads;	/* whole runs: mem.ranks 1 */
	mem.split = c->split;
	if (cli_memory_check(&mem, it[0].a.o.trials, 1, NULL, &d) < 0) {
		diag_print(&d, stderr);
		rc = 1;
		goto out;
	}
	analysis_print_diag(&d, c);	/* the warning above half */
	diag_free(&d);
	diag_init(&d);
	rc = compare_run(it, n, c, &d);
	if (rc == 0)
		paired_gaps(it, n);
	/* as run warns; a file named twice runs the same, and warns once,
	 * unless --set options of its own make it another scenario; a
	 * file named more than once says which scenario warns */
	for (int s = 0; rc == 0 && s < n; s++) {
		char at[32] = "";

		/* a file named before, neither with options of its own */
		if (!it[s].own_sets &&
		    cmp_same_file_before(it, c->files, s) >= 0)
			continue;
		if (it[s].own_sets || cmp_named_again(it, c->files, n, s))
			snprintf(at, sizeof at, "in scenario %s, ", it[s].lb);
		run_note_rise_at(it[s].r->p_rent_rise, it[s].a.sc,
				 c->files[s], at[0] ? at : NULL, &d);
	}
	if (rc == 2) {
		analysis_print_diag(&d, c);
		goto out;
	}
	if (rc < 0)
		diag_error(&d, NULL, 0, 0, "compare: a run failed (out of "
			   "memory)");
	if (rc == 0) {
		struct cmp_out co = {it, n, c};
		rc = analysis_write_dir(final, c, write_all, &co, &d);
	}
	analysis_print_diag(&d, c);
	if ((rc == 0 || rc == ANALYSIS_CHARTS_FAILED) && !c->quiet)
		cmp_print_table(it, n, final);
	rc = analysis_exit(rc, final);
out:
	for (int s = 0; s < n; s++) {
		run_result_free(it[s].r);
		analysis_ctx_free(&it[s].a);
		free(it[s].csv_name);
	}
	free(it);
	free(scs);
	free(sets);
	diag_free(&d);
	return rc;
}
