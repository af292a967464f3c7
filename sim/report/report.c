/* report.c — report.md, the run's findings as one Markdown page an analyst
 * can hand on or convert with any Markdown tool (see report.h).
 *
 * Two steps, so that `computesim plot DIR` can rewrite the page from the
 * directory alone: a run writes the text part, chart_report.md, from its
 * result; report_assemble() then writes report.md as that text followed
 * by every chart PNG the directory holds, in the order plot.c draws them,
 * each under its caption. */
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "agg.h"
#include "model.h"
#include "output.h"
#include "plot.h"
#include "report.h"
#include "text.h"

/* Text with Markdown's special characters escaped, on one line. */
static void md_text(FILE *f, const char *s)
{
	for (; s && *s; s++) {
		unsigned char c = (unsigned char)*s;

		if (c == '\n' || c == '\r' || c == '\t')
			fputc(' ', f);
		else if (c < 0x20 || c == 0x7f)
			fputc('?', f);
		else if (strchr("\\`*_[]<>#|!", c))
			fprintf(f, "\\%c", c);
		else
			fputc(c, f);
	}
}

/* A share as a percentage with one decimal ("42.1%"), or "-". */
static void pct(FILE *f, double p)
{
	if (isnan(p))
		fputs("-", f);
	else
		fprintf(f, "%.1f%%", 100 * p);
}

/* A share p of the trials shown as v tenths of a percent (stories_shown:
 * rounded so that the shares add up). */
static void share_shown(FILE *f, long v, double p)
{
	char t[32];

	output_share_text(t, sizeof t, v, 1000, p, 1);
	fputs(t, f);
}

/* A number to 4 significant digits, or "-" when there is none. */
static void num(FILE *f, double x)
{
	if (isnan(x))
		fputs("-", f);
	else
		fprintf(f, "%.4g", x);
}

static void readings(FILE *f, const struct scenario *sc,
		     const struct run_result *r, const long *shown,
		     long split[2][3])
{
	const struct story_figures *st = &r->stories;

	fputs("## The readings\n\n"
	      "A trial tells **overbuild** when it has a surplus in the last "
	      "year (the fleet outgrew demand for good: selling is insurance "
	      "against overbuilding), **mismatch** when it has a surplus in "
	      "some year but not the last (a temporary surplus inside a "
	      "shortage), **shortage** when it never has one.", f);
	if (st->has_industry)
		fputs(" The industry is **short** at the horizon when its "
		      "demand is at least its fleet in the last year, else in "
		      "**glut**. A temporary surplus at the company inside a "
		      "long-run industry shortage is mismatch with the "
		      "industry short; the bears' reading, a surplus the "
		      "market cannot absorb either, is overbuild in a glut.",
		      f);
	fputs("\n\n| story | share of trials |", f);
	if (st->has_industry)
		fputs(" industry short | industry glut |", f);
	fputs(" mean NPV ($B) | P(NPV > 0) |\n|---|---|", f);
	if (st->has_industry)
		fputs("---|---|", f);
	fputs("---|---|\n", f);
	for (int s = 0; s < 3; s++) {
		fprintf(f, "| %s | ", story_names[s]);
		share_shown(f, shown[s], st->share[s]);
		if (st->has_industry) {
			fputs(" | ", f);
			share_shown(f, split[INDUSTRY_SHORT][s],
				    st->by_industry[INDUSTRY_SHORT][s]);
			fputs(" | ", f);
			share_shown(f, split[INDUSTRY_GLUT][s],
				    st->by_industry[INDUSTRY_GLUT][s]);
		}
		fputs(" | ", f);
		num(f, st->npv_mean[s]);
		fputs(" | ", f);
		pct(f, st->p_positive[s]);
		fputs(" |\n", f);
	}
	if (st->has_industry) {
		fputs("\nThe option's worth in each reading by the industry's "
		      "state at the horizon (the same trials, split; its se "
		      "is the mean's Monte Carlo standard error, from that "
		      "pair's trials alone):\n\n"
		      "| story, industry at the horizon | share of trials | "
		      "mean NPV ($B) | its se | P(NPV > 0) |\n"
		      "|---|---|---|---|---|\n", f);
		for (int s = 0; s < 3; s++)
			for (int k = 0; k < 2; k++) {
				fprintf(f, "| %s, %s | ", story_names[s],
					industry_state_names[k]);
				share_shown(f, split[k][s],
					    st->by_industry[k][s]);
				fputs(" | ", f);
				num(f, st->pair_npv_mean[k][s]);
				fputs(" | ", f);
				num(f, st->pair_npv_se[k][s]);
				fputs(" | ", f);
				pct(f, st->pair_p_positive[k][s]);
				fputs(" |\n", f);
			}
	}
	if (isnan(st->hedge_ratio)) {	/* no idle cost to win back */
		fprintf(f, "\n**Hedge ratio: none**. The %s costs nothing (",
			output_idle_fleet(sc));
		num(f, st->idle_pv_mean);
		fputs(" $B), so there is no cost for the cloud option to win "
		      "back; its mean NPV is ", f);
		num(f, r->npv_mean);
		fputs(" $B.\n\n", f);
		return;
	}
	fputs("\n**Hedge ratio: ", f);
	num(f, st->hedge_ratio);
	fputs("**. The cloud option's mean NPV (", f);
	num(f, r->npv_mean);
	fprintf(f, " $B) over the mean discounted cost of the %s (",
		output_idle_fleet(sc));
	num(f, st->idle_pv_mean);
	fputs(" $B): the share of that cost the option wins back", f);
	if (st->hedge_ratio < 0)	/* not NaN: said above */
		fputs(" (negative: on average the option adds to it)", f);
	else if (st->hedge_ratio > 1)
		fputs(" (above 1: on average the option earns more than "
		      "the idle fleet costs)", f);
	fputs(".", f);
	if (sc->i_power >= 0 && st->unpowered_pv_mean > 0) {
		fputs(" Of that cost, ", f);
		num(f, st->unpowered_pv_mean);
		fputs(" $B is the fleet waiting for power, which no one can "
		      "rent", f);
		if (!isnan(st->powered_hedge_ratio)) {
			fputs("; over the idle powered fleet's cost alone (", f);
			num(f, st->idle_pv_mean - st->unpowered_pv_mean);
			fputs(" $B) the ratio is ", f);
			num(f, st->powered_hedge_ratio);
			fputs(". That is not the ratio with more power: "
			      "power turns fleet that waits into capacity, "
			      "idle where demand falls short, so it adds to "
			      "the idle powered cost as well as to the NPV "
			      "(rerun with `--set supply.power_gw=...` for "
			      "the ratio then)", f);
		}
		fputs(".", f);
	}
	fputs("\n\n", f);
}

/* A standard error that is 0 because the scenario rules the event out,
 * said so rather than given the plus-four estimate's. */
static void se_impossible(FILE *f, const char *why)
{
	fprintf(f, "0 (%s)", why);
}

/* How much of the mean NPV the 1% of trials with the highest NPV carry
 * (r->npv is sorted): an option's NPV can be so skewed that a few trials
 * make its mean, and the hedge ratio with it. Said when the mean is
 * positive and there are 100 trials or more; "rest on few trials" from
 * a quarter of it. */
static void npv_tail(FILE *f, const struct run_result *r)
{
	size_t n = r->n > 0 ? (size_t)r->n : 0, k = n / 100;
	double top = 0, share;

	if (!r->npv || k == 0 || !(r->npv_mean > 0))
		return;
	for (size_t i = n - k; i < n; i++)
		top += r->npv[i];
	share = top / (r->npv_mean * (double)n);
	fprintf(f, "**The tail.** The 1%% of trials with the highest NPV "
		"(%zu of %zu, ", k, n);
	if (r->npv[n - k] == r->npv[n - 1]) {	/* one trial, or ties */
		fputs(k == 1 ? "at " : "all at ", f);
	} else {
		fputs("from ", f);
		num(f, r->npv[n - k]);
		fputs(" to ", f);
	}
	num(f, r->npv[n - 1]);
	fputs(" $B) carry ", f);
	pct(f, share);
	fputs(" of the mean NPV", f);
	if (share >= 0.25)
		fputs(": the mean, and the hedge ratio with it, rest on few "
		      "trials; read P(NPV > 0) and the NPV's percentiles "
		      "(`npv_distribution.png`) beside them", f);
	fputs(".\n\n", f);
}

/* The years in which tightness alone raises the rent more than
 * RUN_RENT_RISE-fold in RUN_RISE_SHARE of the trials or more (run.h):
 * there the rent extrapolates, as the run's warning says. */
static void rent_rise(FILE *f, const struct run_result *r)
{
	char when[160];

	if (!run_rise_text(when, sizeof when, r->p_rent_rise, r->years,
			   r->start_year))
		return;
	fprintf(f, "**The rent out of range.** In %s, the industry's "
		"tightness alone raises the rent more than %g-fold from %d "
		"(`industry_tightness` over its %d value, to the power "
		"`price_response`). The rent follows tightness without bound, "
		"so those trials' rent and cloud NPV are extrapolation far "
		"past anything observed, and with them the mean NPV and the "
		"hedge ratio; a shorter horizon, or industry growth that "
		"slows, keeps the rent in range.\n\n", when, RUN_RENT_RISE,
		r->start_year, r->start_year);
}

static void mc_error(FILE *f, const struct scenario *sc,
		     const struct run_result *r, const long *shown)
{
	const struct story_figures *st = &r->stories;

	fprintf(f, "## How precise these numbers are\n\n"
		"Monte Carlo standard errors of the headline figures, from "
		"%ld trial%s (four times the trials halve them). The value "
		"that endless trials would give lies within two standard "
		"errors of the estimate about 95%% of the time; a rerun with "
		"another seed, itself off by as much, lands within about "
		"three%s:\n\n"
		"| figure | estimate | standard error |\n|---|---|---|\n", r->n,
		text_s(r->n),
		r->sampling == SAMPLING_LHS ? " (these are plain Monte Carlo "
		"errors: under Latin hypercube sampling the true ones are "
		"usually smaller)" : "");
	fputs("| mean NPV ($B) | ", f);
	num(f, r->npv_mean);
	fputs(" | ", f);
	num(f, r->npv_se);
	fputs(" |\n| P(NPV > 0) | ", f);
	pct(f, r->p_npv_positive);
	fputs(" | ", f);
	if (sc->launch == LAUNCH_NEVER)	/* the NPV is 0 in every trial */
		se_impossible(f, "the cloud option is never launched");
	else
		output_pct_se(f, agg_share_se(r->p_npv_positive,
					      (size_t)r->n));
	fputs(" |\n", f);
	/* the shares as the readings table shows them (they add up) */
	for (int s = 0; s < 3; s++) {
		fprintf(f, "| share %s | ", story_names[s]);
		share_shown(f, shown[s], st->share[s]);
		fputs(" | ", f);
		if (s == STORY_MISMATCH && r->years < 2)
			se_impossible(f, "impossible in one year: a mismatch "
				      "needs a surplus before the last");
		else
			output_pct_se(f, agg_share_se(st->share[s],
						      (size_t)r->n));
		fprintf(f, " |\n| mean NPV, %s ($B; %zu trial%s) | ",
			story_names[s], st->count[s],
			text_s(st->count[s]));
		num(f, st->npv_mean[s]);
		fputs(" | ", f);
		num(f, st->npv_se[s]);
		fputs(" |\n", f);
	}
	fputs("| hedge ratio | ", f);
	num(f, st->hedge_ratio);
	fputs(" | ", f);
	num(f, st->hedge_se);
	fputs(" |\n\nA story's mean NPV comes from that story's trials alone "
	      "(their number is in its row): with a few hundred or fewer, "
	      "and NPVs as skewed as an option's, two standard errors miss "
	      "the endless-trials value more often than 1 time in 20.\n\n",
	      f);
	npv_tail(f, r);
	rent_rise(f, r);
}

/* The five uncertain inputs whose rank correlation with the NPV is
 * largest in size. */
static void top_inputs(FILE *f, const struct scenario *sc,
		       const struct run_result *r)
{
	int top[5], ntop = 0;

	/* five passes: the largest |rho| not yet taken; ties keep file
	 * order */
	while (ntop < 5) {
		int best = -1;

		for (int k = 0; k < r->nunc; k++) {
			int taken = 0;

			if (isnan(r->rank_corr[k]))
				continue;
			for (int j = 0; j < ntop; j++)
				taken |= top[j] == k;
			if (!taken && (best < 0 || fabs(r->rank_corr[k]) >
						   fabs(r->rank_corr[best])))
				best = k;
		}
		if (best < 0)
			break;
		top[ntop++] = best;
	}
	fputs("## What moves the NPV\n\n", f);
	if (ntop == 0) {
		fputs("No uncertain input varies together with the NPV in "
		      "these trials.\n\n", f);
		return;
	}
	fputs("The inputs whose trial values are most strongly "
	      "rank-correlated with the NPV (Spearman; positive: higher "
	      "values go with a higher NPV). A correlation measures "
	      "association across the trials, one input at a time, not a "
	      "cause; each input's own swing is what `--sensitivity` "
	      "computes (its tornado is among the charts below when the "
	      "run had it).", f);
	if (sc->ncorr > 0)
		fprintf(f, " This scenario correlates inputs (%d pair%s): a "
			"correlated input's rank correlation also carries its "
			"partners' effects, so its sign can differ from its "
			"own swing in the tornado, which moves it alone.",
			sc->ncorr, text_s(sc->ncorr));
	fputs("\n\n| input | rank correlation with NPV |\n|---|---|\n", f);
	for (int j = 0; j < ntop; j++) {
		int in = r->unc_input[top[j]];

		fputs("| `", f);
		fputs(in >= 0 && in < sc->ninputs ? sc->inputs[in].path : "?",
		      f);
		fprintf(f, "` | %+.3f |\n", r->rank_corr[top[j]]);
	}
	fputc('\n', f);
}

/* With supply.power_gw: how many H100e wait for power in the last year,
 * beside the surplus, and what that does to the readings (the years the
 * median waits, and the last year any trial waits, when that is
 * earlier). Nothing when the run kept
 * no medians (not full) or nothing waits in any year of any trial. */
static void power(FILE *f, const struct scenario *sc,
		  const struct run_result *r)
{
	int ks = model_metric_index(sc, M_STRANDED);
	int ku = model_metric_index(sc, M_SURPLUS);
	int T = r->years, first = -1, lastm = -1, lastw = -1;
	const double *smax, *smed, *smean;	/* stranded_h100e by year */
	char a[32], b[32], c[32];

	if (sc->i_power < 0 || !r->median || ks < 0 || ku < 0 || T < 1)
		return;
	smax = r->max + (size_t)ks * (size_t)T;
	smed = r->median + (size_t)ks * (size_t)T;
	smean = r->mean + (size_t)ks * (size_t)T;
	for (int t = 0; t < T; t++)	/* power may bind early only */
		if (smax[t] > 0)
			lastw = t;
	if (lastw < 0)
		return;
	for (int t = 0; t < T; t++)
		if (smed[t] > 0) {
			first = first < 0 ? t : first;
			lastm = t;
		}
	fputs("## Power\n\nH100e bought but waiting for power "
	      "(`stranded_h100e`) in ", f);
	output_count_text(a, sizeof a, smed[T - 1]);
	output_count_text(b, sizeof b, smean[T - 1]);
	output_count_text(c, sizeof c,
			  r->median[(size_t)ku * (size_t)T + (size_t)(T - 1)]);
	fprintf(f, "%d: median %s, mean %s, beside a median surplus of %s "
		"H100e", r->start_year + T - 1, a, b, c);
	if (first >= 0 && lastm == T - 1)
		fprintf(f, "; the median is first above 0 in %d",
			r->start_year + first);
	else if (first >= 0 && first == lastm)	/* back to 0 after */
		fprintf(f, "; the median is above 0 in %d only",
			r->start_year + first);
	else if (first >= 0)
		fprintf(f, "; the median is above 0 first in %d and last in "
			"%d", r->start_year + first, r->start_year + lastm);
	else
		fputs("; the median is 0 in every year: in none do half the "
		      "trials wait", f);
	if (lastw < T - 1)
		fprintf(f, "; no trial has any waiting after %d",
			r->start_year + lastw);
	fputs(" (each median taken over the trials on its own: not a split "
	      "of one fleet). An H100e waiting for power is neither capacity "
	      "nor surplus, so a trial short of power can tell shortage though "
	      "the fleet was bought; the hedge ratio counts it as idle. How "
	      "much the power pipeline decides the readings: rerun with "
	      "`--set supply.power_gw=...` (a large value lifts the "
	      "limit).\n\n", f);
}

int report_write_body(const char *dir, const struct scenario *sc,
		      const struct run_result *r, struct diag *d)
{
	FILE *f = output_open(dir, "chart_report.md", d);
	char buf[1024];
	long shown[3], split[2][3];

	if (!f)
		return -1;
	fputs("# ", f);
	md_text(f, sc->name ? text_shown(buf, sizeof buf, sc->name)
			    : "computesim run");
	fputs("\n\n", f);
	if (sc->description && *sc->description) {
		/* its newlines kept for md_text (a space each); every
		 * character at most 6 bytes escaped */
		size_t n = strlen(sc->description);
		char *e = malloc(6 * n + 8);

		if (e)
			text_escape(e, 6 * n + 8, sc->description, n, 1);
		md_text(f, e ? e : "");
		free(e);
		fputs("\n\n", f);
	}
	fprintf(f, "%ld trial%s, seed %" PRIu64 ", %d–%d; scenario `", r->n,
		text_s(r->n), r->seed, r->start_year,
		r->start_year + r->years - 1);
	fputs(sc->file ? sc->file : "", f);
	fputs("`. Every number below is from this run's `summary.json` and "
	      "`yearly.csv`, but the standard errors of shares, which are "
	      "the plus-four estimate's from the share and the trial count "
	      "(`sqrt(q (1 - q) / (n + 4))`, `q = (x + 2) / (n + 4)` for `x` "
	      "trials of `n`).\n\n## At a glance\n\n```text\n", f);
	output_print_table(f, sc, r);
	fputs("```\n\n", f);
	/* the stories' shares in tenths of a percent, which add up, as
	 * both tables show them */
	stories_shown(&r->stories, 1000, shown, split);
	readings(f, sc, r, shown, split);
	mc_error(f, sc, r, shown);
	power(f, sc, r);
	top_inputs(f, sc, r);
	return output_close(f, dir, "chart_report.md", d);
}

/* 1 when dir/name is a regular file. */
static int is_regular(const char *dir, const char *name)
{
	char path[4096];
	struct stat st;

	if (snprintf(path, sizeof path, "%s/%s", dir, name) >=
	    (int)sizeof path)
		return 0;
	return stat(path, &st) == 0 && S_ISREG(st.st_mode);
}

int report_assemble(const char *dir, struct diag *d)
{
	char src[4096], buf[8192];
	int in, n = 0;
	ssize_t got;
	FILE *f;

	if (snprintf(src, sizeof src, "%s/chart_report.md", dir) >=
	    (int)sizeof src)
		return 0;
	/* a regular file only (never block on a FIFO); none: no report */
	in = open(src, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
	if (in < 0)
		return 0;
	{
		struct stat st;

		if (fstat(in, &st) != 0 || !S_ISREG(st.st_mode)) {
			close(in);
			return 0;
		}
	}
	f = output_open(dir, "report.md.tmp", d);
	if (!f) {
		close(in);
		return -1;
	}
	while ((got = read(in, buf, sizeof buf)) > 0)
		fwrite(buf, 1, (size_t)got, f);
	close(in);
	fputs("## Charts\n\n", f);
	for (size_t i = 0;; i++) {
		const char *cap, *png = plot_chart_png(i, &cap);

		if (!png)
			break;
		if (!is_regular(dir, png))
			continue;
		fprintf(f, "### %s\n\n![%s](%s)\n\n", cap, cap, png);
		n++;
	}
	if (n == 0)
		fputs("No charts were drawn (`--no-plots`, `output.plots: "
		      "false`, gnuplot missing or failing); `computesim plot "
		      "DIR` draws them and rewrites this page.\n", f);
	if (output_close(f, dir, "report.md.tmp", d) < 0)
		return -1;
	{
		char tmp[4096], dst[4096];

		snprintf(tmp, sizeof tmp, "%s/report.md.tmp", dir);
		snprintf(dst, sizeof dst, "%s/report.md", dir);
		if (rename(tmp, dst) != 0) {
			diag_error(d, dst, 0, 0, "cannot write: %s",
				   strerror(errno));
			unlink(tmp);
			return -1;
		}
	}
	return 0;
}
