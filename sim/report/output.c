/* output.c — the files of the output directory (docs/format.md
 * "Outputs"): yearly.csv, summary.json, trials.csv, the CSV and JSON
 * number writers. The directory itself, written as a temporary sibling
 * and renamed into place, is outdir.c.
 *
 * Numbers in CSV files are printed with 12 significant digits (%.12g),
 * -0 as 0; JSON numbers with the fewest digits that read back to the same
 * double, non-finite ones as null. Choices where the specs are silent are
 * in docs/notes-engine.md. */
#include <errno.h>
#include <limits.h>
#include <fcntl.h>
#include <ftw.h>
#include <inttypes.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <dirent.h>
#include <signal.h>
#include <unistd.h>

#include "model.h"
#include "output.h"

/* ---- numbers and text ------------------------------------------------- */

/* %.12g, with -0 as 0 and every NaN as "nan" (an sd whose square
 * overflows; the run refuses non-finite means, minima and maxima). */
void output_csv_num(FILE *f, double x)
{
	if (x == 0)
		fputc('0', f);
	else if (isfinite(x))
		fprintf(f, "%.12g", x);
}

void output_title_text(FILE *f, const char *s)
{
	for (; s && *s; s++)
		fputc(*s == '\n' || *s == '\r' || *s == '\t' ? ' ' : *s, f);
}

/* See output.h. */
int output_write_title(const char *dir, const char *name, struct diag *d)
{
	FILE *f = output_open(dir, "chart_title.txt", d);

	if (!f)
		return -1;
	output_title_text(f, name);
	fputc('\n', f);
	return output_close(f, dir, "chart_title.txt", d);
}

/* See output.h. */
void output_pct_se(FILE *f, double se)
{
	if (isnan(se))
		fputs("-", f);
	else if (100 * se >= 9.95)	/* "12%", not "12.%" */
		fprintf(f, "%.0f%%", 100 * se);
	else if (100 * se >= 0.001)	/* '#': "0.10%", not "0.1%" */
		fprintf(f, "%#.2g%%", 100 * se);
	else if (se > 0)	/* "0.000094%", not "9.4e-05%" */
		fprintf(f, "%.*f%%", 1 - (int)floor(log10(100 * se)),
			100 * se);
	else
		fputs("0%", f);
}

/* v units of 1/scale as text (output_share_text, without its marks). */
static void units_text(char *buf, size_t n, long v, long scale, int pct)
{
	int dec = 0;

	for (long u = pct ? scale / 100 : scale; u > 1; u /= 10)
		dec++;
	snprintf(buf, n, pct ? "%.*f%%" : "%.*f", dec,
		 (double)v / (pct ? (double)scale / 100 : (double)scale));
}

void output_share_text(char *buf, size_t n, long v, long scale, double p,
		       int pct)
{
	if ((v == 0 && p > 0) || (v == scale && p < 1)) {
		buf[0] = v == 0 ? '<' : '>';
		units_text(buf + 1, n - 1, v == 0 ? 1 : scale - 1, scale, pct);
	} else {
		units_text(buf, n, v, scale, pct);
	}
}

void output_csv_text(FILE *f, const char *s)
{
	size_t n = strlen(s);

	if (strpbrk(s, ",\"\r\n") == NULL &&
	    !(n && (s[0] == ' ' || s[n - 1] == ' '))) {
		fputs(s, f);
		return;
	}
	fputc('"', f);
	for (; *s; s++) {
		if (*s == '"')
			fputc('"', f);
		fputc(*s, f);
	}
	fputc('"', f);
}

void output_json_string(FILE *f, const char *s)
{
	fputc('"', f);
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		switch (*p) {
		case '"': fputs("\\\"", f); break;
		case '\\': fputs("\\\\", f); break;
		case '\n': fputs("\\n", f); break;
		case '\r': fputs("\\r", f); break;
		case '\t': fputs("\\t", f); break;
		case '\b': fputs("\\b", f); break;
		case '\f': fputs("\\f", f); break;
		default:
			if (*p < 0x20 || *p == 0x7f)
				fprintf(f, "\\u%04x", *p);
			else
				fputc(*p, f);
		}
	}
	fputc('"', f);
}

/* x (finite, non-zero) with the fewest digits, 15 to 17, that read back
 * as the same double. */
static void shortest_number(char buf[40], double x)
{
	for (int prec = 15; prec <= 17; prec++) {
		snprintf(buf, 40, "%.*g", prec, x);
		if (strtod(buf, NULL) == x)
			break;
	}
}

void output_json_number(FILE *f, double x)
{
	char buf[40];

	if (!isfinite(x)) {
		fputs("null", f);
		return;
	}
	if (x == 0) {
		fputc('0', f);
		return;
	}
	shortest_number(buf, x);
	fputs(buf, f);
}

/* The name of a percentile level's column and JSON key, "p<level>": the
 * level as written in the scenario (read back exactly), so that two
 * different levels never share a name (%g would print 33.3333333 and
 * 33.3333334 both as p33.3333). */
static void pct_label(char key[48], double level)
{
	char buf[40];

	shortest_number(buf, level);
	snprintf(key, 48, "p%s", buf);
}

/* ---- yearly.csv ------------------------------------------------------- */

static const char *const prob_names[4] = {
	"p_surplus", "p_shortfall", "p_launched", "p_paid_back"
};

static const double *prob_array(const struct run_result *r, int j)
{
	return j == 0 ? r->p_surplus : j == 1 ? r->p_shortfall
		     : j == 2 ? r->p_launched : r->p_paid_back;
}

int output_write_yearly(const char *dir, const struct scenario *sc,
			const struct run_result *r, struct diag *d)
{
	FILE *f = output_open(dir, "yearly.csv", d);
	char name[512], key[48];

	if (!f)
		return -1;
	fputs("year,metric,mean,sd", f);
	for (int j = 0; j < r->npct; j++) {
		pct_label(key, r->pct_levels[j]);
		fprintf(f, ",%s", key);
	}
	fputc('\n', f);
	for (int t = 0; t < r->years; t++) {
		for (int k = 0; k < r->nmetrics; k++) {
			size_t c = (size_t)k * (size_t)r->years + (size_t)t;

			fprintf(f, "%d,", r->start_year + t);
			output_csv_text(f, model_metric_name(sc, k, name, sizeof name));
			fputc(',', f);
			output_csv_num(f, r->mean[c]);
			fputc(',', f);
			output_csv_num(f, r->sd[c]);
			for (int j = 0; j < r->npct; j++) {
				fputc(',', f);
				if (r->pct)
					output_csv_num(f, r->pct[c * (size_t)r->npct +
							  (size_t)j]);
			}
			fputc('\n', f);
		}
		for (int j = 0; j < 4; j++) {
			fprintf(f, "%d,%s,", r->start_year + t, prob_names[j]);
			output_csv_num(f, prob_array(r, j)[t]);
			fputs(",0", f);
			for (int q = 0; q < r->npct; q++)
				fputc(',', f);
			fputc('\n', f);
		}
	}
	return output_close(f, dir, "yearly.csv", d);
}

/* ---- summary.json ----------------------------------------------------- */

/* "  "key": " */
static void json_key(FILE *f, const char *indent, const char *key)
{
	fputs(indent, f);
	output_json_string(f, key);
	fputs(": ", f);
}

/* {"2028": 0.31, ...} over the years with a non-zero share, then the
 * named extra shares. */
static void json_year_shares(FILE *f, const struct run_result *r,
			     const double *share, const char *const *extra,
			     const double *extra_v, int nextra)
{
	int first = 1;

	fputc('{', f);
	for (int t = 0; t < r->years; t++) {
		if (share[t] == 0)
			continue;
		fprintf(f, "%s\"%d\": ", first ? "" : ", ", r->start_year + t);
		output_json_number(f, share[t]);
		first = 0;
	}
	for (int j = 0; j < nextra; j++) {
		fprintf(f, "%s\"%s\": ", first ? "" : ", ", extra[j]);
		output_json_number(f, extra_v[j]);
		first = 0;
	}
	fputc('}', f);
}

static void json_array(FILE *f, const double *v, size_t n, size_t stride)
{
	fputc('[', f);
	for (size_t i = 0; i < n; i++) {
		if (i)
			fputs(", ", f);
		output_json_number(f, v[i * stride]);
	}
	fputc(']', f);
}

/* Per-year mean, se and median of one metric, for scripts that want the
 * headline figures without parsing yearly.csv. */
static void json_metric_years(FILE *f, const struct scenario *sc,
			      const struct run_result *r, enum metric m)
{
	int k = model_metric_index(sc, m);
	size_t c0 = (size_t)k * (size_t)r->years;
	char name[128];
	double *se = malloc((size_t)r->years * sizeof *se);

	json_key(f, "    ", model_metric_name(sc, k, name, sizeof name));
	fputs("{\"mean\": ", f);
	json_array(f, r->mean + c0, (size_t)r->years, 1);
	if (se) {
		for (int t = 0; t < r->years; t++)
			se[t] = r->n > 1 ? r->sd[c0 + (size_t)t] /
						   sqrt((double)r->n)
					 : NAN;	/* one trial: unknown (null) */
		fputs(", \"se\": ", f);
		json_array(f, se, (size_t)r->years, 1);
		free(se);
	}
	if (r->median) {
		fputs(", \"p50\": ", f);
		json_array(f, r->median + c0, (size_t)r->years, 1);
	}
	fputs("},\n", f);
}

/* npv_by_story, idle_pv_busd, hedge_ratio (with a power limit, the
 * unpowered part and powered_hedge_ratio) and (with an industry
 * section) stories_by_industry and npv_by_industry, each on a line
 * ending ",\n". */
/* {"share": .., "mean": .., "p_positive": .., "se": ..} of a story's
 * trials, or of a (state, story) pair's. */
static void json_npv_entry(FILE *f, double share, double mean, double pos,
			   double se)
{
	fputs("{\"share\": ", f);
	output_json_number(f, share);
	fputs(", \"mean\": ", f);
	output_json_number(f, mean);
	fputs(", \"p_positive\": ", f);
	output_json_number(f, pos);
	fputs(", \"se\": ", f);	/* report.md's precision table */
	output_json_number(f, se);
	fputc('}', f);
}

static void json_stories(FILE *f, const struct scenario *sc,
			 const struct story_figures *st)
{
	fputs("  \"npv_by_story\": {", f);
	for (int s = 0; s < 3; s++) {
		fprintf(f, "%s\"%s\": ", s ? ",\n    " : "\n    ",
			story_names[s]);
		json_npv_entry(f, st->share[s], st->npv_mean[s],
			       st->p_positive[s], st->npv_se[s]);
	}
	fputs("\n  },\n  \"idle_pv_busd\": {\"mean\": ", f);
	output_json_number(f, st->idle_pv_mean);
	if (sc->i_power >= 0) {	/* only a power limit strands any */
		fputs(", \"unpowered_mean\": ", f);
		output_json_number(f, st->unpowered_pv_mean);
	}
	fputs("},\n  \"hedge_ratio\": ", f);
	output_json_number(f, st->hedge_ratio);
	fputs(",\n  \"hedge_ratio_se\": ", f);
	output_json_number(f, st->hedge_se);
	if (sc->i_power >= 0) {
		fputs(",\n  \"powered_hedge_ratio\": ", f);
		output_json_number(f, st->powered_hedge_ratio);
	}
	fputs(",\n", f);
	if (!st->has_industry)
		return;
	fputs("  \"stories_by_industry\": {", f);
	for (int k = 0; k < 2; k++) {
		fprintf(f, "%s\"%s\": {", k ? ",\n    " : "\n    ",
			industry_state_names[k]);
		for (int s = 0; s < 3; s++) {
			fprintf(f, "%s\"%s\": ", s ? ", " : "",
				story_names[s]);
			output_json_number(f, st->by_industry[k][s]);
		}
		fputc('}', f);
	}
	/* each pair's trials as npv_by_story's are each story's */
	fputs("\n  },\n  \"npv_by_industry\": {", f);
	for (int k = 0; k < 2; k++) {
		fprintf(f, "%s\"%s\": {", k ? ",\n    " : "\n    ",
			industry_state_names[k]);
		for (int s = 0; s < 3; s++) {
			fprintf(f, "%s\"%s\": ", s ? ",\n      " : "\n      ",
				story_names[s]);
			json_npv_entry(f, st->by_industry[k][s],
				       st->pair_npv_mean[k][s],
				       st->pair_p_positive[k][s],
				       st->pair_npv_se[k][s]);
		}
		fputc('}', f);
	}
	fputs("\n  },\n", f);
}

/* "precision": {METRIC: {"target": x, "se": y, "met": bool}, ...} on a
 * line ending ",\n", when the run had targets. */
static void json_precision(FILE *f, const struct run_result *r)
{
	if (!r->ntargets)
		return;
	fprintf(f, "  \"trials_cap\": %ld,\n  \"precision\": {", r->cap);
	for (int k = 0; k < r->ntargets; k++) {
		const struct run_target *t = &r->targets[k];

		fputs(k ? ",\n    " : "\n    ", f);
		output_json_string(f, t->metric);
		fputs(": {\"target\": ", f);
		output_json_number(f, t->target);
		fputs(", \"se\": ", f);
		output_json_number(f, t->se);
		fprintf(f, ", \"met\": %s}", t->met ? "true" : "false");
	}
	fputs("\n  },\n", f);
}

/* "story_inputs": per uncertain input, its median and sd over all
 * trials and per story the median of its trials and the standardized
 * gap; on lines ending ",\n". */
static void json_story_inputs(FILE *f, const struct scenario *sc,
			      const struct run_result *r)
{
	fputs("  \"story_inputs\": {", f);
	for (int k = 0; r->story_inputs && k < r->nunc; k++) {
		const struct story_input *si = &r->story_inputs[k];
		int in = r->unc_input[k];

		fputs(k ? ",\n    " : "\n    ", f);
		output_json_string(f, in >= 0 && in < sc->ninputs
					      ? sc->inputs[in].path : "?");
		fputs(": {\"median\": ", f);
		output_json_number(f, si->median);
		fputs(", \"sd\": ", f);
		output_json_number(f, si->sd);
		for (int s = 0; s < 3; s++) {
			fprintf(f, ", \"%s\": {\"median\": ", story_names[s]);
			output_json_number(f, si->median_by[s]);
			fputs(", \"gap\": ", f);
			output_json_number(f, si->gap[s]);
			fputc('}', f);
		}
		fputc('}', f);
	}
	fputs(r->story_inputs && r->nunc ? "\n  },\n" : "},\n", f);
}

int output_write_summary(FILE *f, const struct scenario *sc,
			 const struct run_result *r)
{
	static const char *const pb_extra[2] = {"never", "not_launched"};
	static const char *const fs_extra[1] = {"none"};
	static const enum metric headline[] = {
		M_CAPACITY, M_DEMAND, M_UTILIZATION, M_SURPLUS, M_SHORTFALL,
		M_SOLD, M_CLOUD_CASH, M_CLOUD_NPV, M_NET_IDLE_COST
	};
	double pb_v[2] = {r->payback_never, r->payback_not_launched};
	char key[64];

	fputs("{\n", f);
	json_key(f, "  ", "scenario");
	output_json_string(f, sc->name ? sc->name : "");
	fputs(",\n", f);
	json_key(f, "  ", "file");
	output_json_string(f, sc->file ? sc->file : "");
	fprintf(f, ",\n  \"seed\": %" PRIu64 ",\n", r->seed);
	fprintf(f, "  \"trials\": %ld,\n", r->n);
	fprintf(f, "  \"sampling\": \"%s\",\n",
		sampling_word(r->sampling));
	fprintf(f, "  \"start_year\": %d,\n  \"years\": %d,\n", r->start_year,
		r->years);
	fputs("  \"percentiles\": ", f);
	json_array(f, r->pct_levels, (size_t)r->npct, 1);
	fputs(",\n", f);

	fputs("  \"npv_busd\": {\"mean\": ", f);
	output_json_number(f, r->npv_mean);
	fputs(", \"sd\": ", f);
	output_json_number(f, r->npv_sd);
	fputs(", \"se\": ", f);
	output_json_number(f, r->npv_se);
	for (int j = 0; j < r->npct; j++) {
		pct_label(key, r->pct_levels[j]);
		fputs(", ", f);
		output_json_string(f, key);
		fputs(": ", f);
		output_json_number(f, r->npv_pct[j]);
	}
	fputs("},\n", f);
	fputs("  \"p_npv_positive\": ", f);
	output_json_number(f, r->p_npv_positive);
	fputs(",\n  \"payback_year\": ", f);
	json_year_shares(f, r, r->payback, pb_extra, pb_v, 2);
	fputs(",\n  \"median_payback_year\": ", f);
	if (r->median_payback_t >= 0)
		fprintf(f, "%d", r->start_year + r->median_payback_t);
	else
		fputs("null", f);
	fputs(",\n  \"first_surplus_year\": ", f);
	json_year_shares(f, r, r->first_surplus, fs_extra,
			 &r->first_surplus_none, 1);
	fputs(",\n  \"stories\": {", f);
	for (int s = 0; s < 3; s++) {
		fprintf(f, "%s\"%s\": ", s ? ", " : "", story_names[s]);
		output_json_number(f, r->story[s]);
	}
	fputs("},\n", f);
	json_stories(f, sc, &r->stories);
	fputs("  \"rank_correlations\": {", f);
	for (int k = 0; k < r->nunc; k++) {
		int in = r->unc_input[k];
		fputs(k ? ",\n    " : "\n    ", f);
		output_json_string(f, in >= 0 && in < sc->ninputs
					      ? sc->inputs[in].path : "?");
		fputs(": ", f);
		output_json_number(f, r->rank_corr[k]);
	}
	fputs(r->nunc ? "\n  },\n" : "},\n", f);
	json_story_inputs(f, sc, r);
	json_precision(f, r);

	/* extra: headline figures by year */
	fputs("  \"by_year\": {\n    \"year\": [", f);
	for (int t = 0; t < r->years; t++)
		fprintf(f, "%s%d", t ? ", " : "", r->start_year + t);
	fputs("],\n", f);
	for (size_t m = 0; m < sizeof headline / sizeof headline[0]; m++)
		json_metric_years(f, sc, r, headline[m]);
	for (int j = 0; j < 4; j++) {
		json_key(f, "    ", prob_names[j]);
		json_array(f, prob_array(r, j), (size_t)r->years, 1);
		fputs(j < 3 ? ",\n" : "\n", f);
	}
	fputs("  }\n}\n", f);
	return ferror(f) ? -1 : 0;
}

/* ---- trials.csv ------------------------------------------------------- */

int output_write_trials(const char *dir, const struct scenario *sc,
			const struct run_result *r, struct diag *d)
{
	FILE *f;
	char *buf;

	if (!r->trial_values || !r->trial_npv) {
		diag_error(d, NULL, 0, 0,
			   "internal error: trials were not kept for trials.csv");
		return -1;
	}
	f = output_open(dir, "trials.csv", d);
	if (!f)
		return -1;
	buf = malloc(1 << 20);
	if (buf)
		setvbuf(f, buf, _IOFBF, 1 << 20);
	fputs("index", f);
	for (int k = 0; k < r->nunc; k++) {
		int in = r->unc_input[k];
		fputc(',', f);
		output_csv_text(f, in >= 0 && in < sc->ninputs ? sc->inputs[in].path
							     : "?");
	}
	fputs(",npv_busd,payback_year,launch_year,story", f);
	fputs(sc->has_industry ? ",industry_state\n" : "\n", f);
	for (long i = 0; i < r->n; i++) {
		const double *tv = r->trial_values + (size_t)i * (size_t)r->nunc;
		int pb = r->trial_payback_t[i], la = r->trial_launch_t[i];
		int st = r->trial_story[i];

		fprintf(f, "%ld", i);
		for (int k = 0; k < r->nunc; k++) {
			fputc(',', f);
			output_csv_num(f, tv[k]);
		}
		fputc(',', f);
		output_csv_num(f, r->trial_npv[i]);
		if (la < 0)
			fputs(",not_launched,not_launched,", f);
		else if (pb < 0)
			fprintf(f, ",never,%d,", r->start_year + la);
		else
			fprintf(f, ",%d,%d,", r->start_year + pb,
				r->start_year + la);
		fputs(st >= 0 && st < 3 ? story_names[st] : "", f);
		if (sc->has_industry) {
			int is = r->trial_industry[i];

			fprintf(f, ",%s", is == INDUSTRY_SHORT ||
				is == INDUSTRY_GLUT ? industry_state_names[is]
						    : "");
		}
		fputc('\n', f);
	}
	int rc = output_close(f, dir, "trials.csv", d);
	free(buf);
	return rc;
}
