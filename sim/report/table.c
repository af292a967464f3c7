/* table.c — the stdout summary a person reads in ten seconds
 * (docs/format.md "Outputs"): per year median utilization, P(surplus), median
 * surplus and P(paid back); the median payback year; the stories (split
 * by the industry's state with an industry section); NPV by story and
 * the hedge ratio; the NPV's mean and standard error; what each story's
 * trials assumed (the widest gaps, one line a story); with --precision,
 * the trials run and each target's standard error. */
#include <inttypes.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "model.h"
#include "output.h"
#include "text.h"

/* ---- the stdout table ------------------------------------------------- */

/* A probability as a whole percentage, without claiming 0% or 100% for
 * what merely rounds there ("<1%", ">99%"; 0.005 rounds to 0, to even). */
static void fmt_prob(char *buf, size_t n, double p)
{
	if (isnan(p))
		snprintf(buf, n, "%.0f%%", p);
	else
		output_share_text(buf, n, (long)nearbyint(100 * p), 100, p, 1);
}

/* "HEAD overbuild 22%, mismatch 73%, shortage 5%": the stories' shares p
 * as shown in whole percents v (stories_shown). */
static void print_shares(FILE *f, const char *head, const long *v,
			 const double *p)
{
	char t[3][32];

	for (int s = 0; s < 3; s++)
		output_share_text(t[s], sizeof t[s], v[s], 100, p[s], 1);
	fprintf(f, "%s overbuild %s, mismatch %s, shortage %s\n", head, t[0],
		t[1], t[2]);
}

/* See output.h. From a thousand G on (an absurd scenario), 3.23e+19,
 * which keeps the column's width. */
void output_count_text(char *buf, size_t n, double x)
{
	double a = fabs(x);

	if (!isfinite(x))
		snprintf(buf, n, "-");
	else if (a >= 999.995e9)
		snprintf(buf, n, "%.2e", x);
	/* each unit from where the one below would round to 1000 */
	else if (a >= 999.995e6)
		snprintf(buf, n, "%.2fG", x / 1e9);
	else if (a >= 999.5e3)
		snprintf(buf, n, "%.2fM", x / 1e6);
	else if (a >= 999.5)
		snprintf(buf, n, "%.0fk", x / 1e3);
	else
		snprintf(buf, n, "%.0f", x == 0 ? 0 : x);
}

/* An amount of $B to `digits` significant digits, trailing zeros kept
 * (12.0, as report.md's 12.04 reads, not 12), without an exponent below
 * a billion $B: 10.1, 0.26, 1089 (not 1.09e+03); 0 itself as 0. */
void output_busd_text(char *buf, size_t n, double x, int digits)
{
	double a = fabs(x);

	if (isfinite(x) && a >= pow(10, digits - 1) && a < 1e9)
		snprintf(buf, n, "%.0f", x);
	else if (x == 0)
		snprintf(buf, n, "0");
	else {
		size_t len;

		snprintf(buf, n, "%#.*g", digits, x);
		len = strlen(buf);
		if (len > 0 && buf[len - 1] == '.')	/* 9.96 -> "10." */
			buf[len - 1] = '\0';
	}
}

const char *output_idle_fleet(const struct scenario *sc)
{
	return sc->i_power >= 0 ? "idle and unpowered fleet" : "idle fleet";
}

/* head, then " overbuild 30.1 (90%), ..." from the stories' mean NPVs
 * and P(NPV > 0), "no trials" where a story has none. */
static void print_story_npvs(FILE *f, const char *head, const double *mean,
			     const double *p_positive)
{
	char a[32], b[32];

	fputs(head, f);
	for (int s = 0; s < 3; s++) {
		if (isnan(mean[s])) {
			fprintf(f, "%s %s no trials", s ? "," : "",
				story_names[s]);
			continue;
		}
		output_busd_text(a, sizeof a, mean[s], 3);
		fmt_prob(b, sizeof b, p_positive[s]);
		fprintf(f, "%s %s %s (%s)", s ? "," : "", story_names[s], a, b);
	}
	fputc('\n', f);
}

/* "NPV by story ($B mean, P(NPV > 0)): overbuild 30.1 (90%), ...", with
 * an industry section the same by the industry's state at the horizon,
 * and the hedge ratio. */
static void print_npv_by_story(FILE *f, const struct scenario *sc,
			       const struct run_result *r)
{
	const struct story_figures *st = &r->stories;
	char a[32], b[32];

	print_story_npvs(f, "NPV by story ($B mean, P(NPV > 0)):",
			 st->npv_mean, st->p_positive);
	if (st->has_industry) {
		/* not "at the horizon" as the shares' lines: a script
		 * finds each pair of lines by its own words */
		print_story_npvs(f, "  industry short:",
				 st->pair_npv_mean[INDUSTRY_SHORT],
				 st->pair_p_positive[INDUSTRY_SHORT]);
		print_story_npvs(f, "  industry glut: ",
				 st->pair_npv_mean[INDUSTRY_GLUT],
				 st->pair_p_positive[INDUSTRY_GLUT]);
	}
	output_busd_text(b, sizeof b, st->idle_pv_mean, 3);
	if (isnan(st->hedge_ratio))
		fprintf(f, "Hedge ratio: none (the %s costs %s $B)\n",
			output_idle_fleet(sc), b);
	else {
		output_busd_text(a, sizeof a, st->hedge_ratio, 3);	/* 0.100 */
		fprintf(f, "Hedge ratio: %s (mean NPV over the %s's "
			"discounted cost, %s $B)\n", a, output_idle_fleet(sc),
			b);
	}
	/* with a power limit, what of that cost waits for power: no one
	 * can rent it */
	if (sc->i_power >= 0 && st->unpowered_pv_mean > 0) {
		char u[32];

		output_busd_text(u, sizeof u, st->unpowered_pv_mean, 3);
		if (isnan(st->powered_hedge_ratio))
			fprintf(f, "  %s $B of the cost is the fleet waiting "
				"for power\n", u);
		else {
			/* "of it" read as of the powered cost: name the
			 * whole, as the line above gives it */
			output_busd_text(a, sizeof a, st->powered_hedge_ratio,
					 3);
			fprintf(f, "  over the idle powered fleet's cost "
				"alone: %s (%s of the %s $B wait for power)\n",
				a, u, b);
		}
	}
}

/* An input's path without what a reader can do without: a list item's
 * section and list ("genai_inference.growth" for
 * "demand.workloads.genai_inference.growth"); other paths as they are. */
static const char *short_path(const char *p)
{
	static const char *const lists[] = {"supply.procurement.",
					    "supply.contracts.",
					    "demand.workloads."};

	for (size_t k = 0; k < sizeof lists / sizeof lists[0]; k++)
		if (strncmp(p, lists[k], strlen(lists[k])) == 0)
			return p + strlen(lists[k]);
	return p;
}

#define STORY_LINE_MAX 100	/* columns of a story-inputs line */
#define STORY_GAPS 3		/* gaps shown per story, at most */
#define STORY_GAP_MIN 0.05	/* smaller gaps are not worth a word */

#define STORY_FEW 100		/* fewer trials in a story: said */

/* The least gap worth a word for a story of m of n trials: STORY_GAP_MIN,
 * or three rough standard errors of the gap if more (three, as the line
 * picks the widest of many inputs' gaps): the median of m trials less
 * that of all n, in sds, has a standard error of about sqrt(pi / 2)
 * sqrt(1 / m - 1 / n) (a normal input's; 6 trials of 10: 0.32, three of
 * them 0.97). */
static double story_gap_min(size_t m, size_t n)
{
	double se = m > 0 && n > m ? sqrt(M_PI / 2 * (1.0 / (double)m -
						     1.0 / (double)n)) : 0;

	return 3 * se > STORY_GAP_MIN ? 3 * se : STORY_GAP_MIN;
}

/* One line per story with trials: the inputs whose median among the
 * story's trials is furthest from their median over all trials, in sds
 * (summary.json "story_inputs" has them all), and at least
 * story_gap_min from it; a story of fewer than STORY_FEW trials says how
 * many. At most STORY_GAPS of them, fewer when the line
 * would pass STORY_LINE_MAX columns. */
static void print_story_inputs(FILE *f, const struct scenario *sc,
			       const struct run_result *r)
{

	if (!r->story_inputs || r->nunc == 0)
		return;
	for (int s = 0; s < 3; s++) {
		int used[STORY_GAPS], nused = 0;
		char line[512];
		size_t len;
		double gmin = story_gap_min(r->stories.count[s],
					    r->stories.n);

		if (r->story[s] == 0)
			continue;
		if (r->stories.count[s] < STORY_FEW)
			len = (size_t)snprintf(line, sizeof line,
					       "Story inputs, %s (%zu trial%s):",
					       story_names[s],
					       r->stories.count[s],
					       r->stories.count[s] == 1 ? ""
								    : "s");
		else
			len = (size_t)snprintf(line, sizeof line,
					       "Story inputs, %s:",
					       story_names[s]);
		while (nused < STORY_GAPS) {
			int best = -1;
			char item[160];
			size_t n;

			for (int k = 0; k < r->nunc; k++) {
				double g = fabs(r->story_inputs[k].gap[s]);
				int taken = 0;

				for (int u = 0; u < nused; u++)
					taken |= used[u] == k;
				if (taken || !(g >= gmin))
					continue;
				if (best < 0 ||
				    g > fabs(r->story_inputs[best].gap[s]))
					best = k;
			}
			if (best < 0)
				break;
			n = (size_t)snprintf(item, sizeof item, "%s %s %+.2f sd",
					     nused ? "," : "",
					     short_path(sc->inputs[
						r->unc_input[best]].path),
					     r->story_inputs[best].gap[s]);
			if (nused && len + n > STORY_LINE_MAX)
				break;
			if (len + n < sizeof line) {
				memcpy(line + len, item, n + 1);
				len += n;
			}
			used[nused++] = best;
		}
		if (nused)
			fprintf(f, "%s\n", line);
		else if (gmin > STORY_GAP_MIN)
			fprintf(f, "%s no input's median is %.2g sd or more from "
				"its median over all trials (three standard "
				"errors of the gap)\n", line, gmin);
		else
			fprintf(f, "%s no input's median is 0.05 sd or more "
				"from its median over all trials\n", line);
	}
}

/* "Precision: ..." when the run had --precision targets. */
static void print_precision(FILE *f, const struct run_result *r)
{
	if (!r->ntargets)
		return;
	fprintf(f, "Precision: %ld trial%s of at most %ld (%d round%s):", r->n,
		text_s(r->n),
		r->cap, r->rounds, text_s(r->rounds));
	for (int k = 0; k < r->ntargets; k++) {
		const struct run_target *t = &r->targets[k];

		if (isnan(t->se))
			fprintf(f, "%s %s se unknown, target %g (NOT MET)",
				k ? "," : "", t->metric, t->target);
		else
			fprintf(f, "%s %s se %.3g %s %g%s", k ? "," : "",
				t->metric, t->se, t->met ? "<=" : ">",
				t->target, t->met ? "" : " (NOT MET)");
	}
	fputc('\n', f);
}

void output_print_table(FILE *f, const struct scenario *sc,
			const struct run_result *r)
{
	int ku = model_metric_index(sc, M_UTILIZATION);
	int ks = model_metric_index(sc, M_SURPLUS);
	char a[32], b[32], c[32], d[32], e[32], nm[1024];
	long shown[3], split[2][3];

	fprintf(f, "%s: %ld trial%s%s, seed %" PRIu64 ", %d-%d\n\n",
		text_shown(nm, sizeof nm, sc->name ? sc->name : "scenario"),
		r->n, text_s(r->n),
		sampling_note(r->sampling),
		r->seed, r->start_year, r->start_year + r->years - 1);
	fprintf(f, "%6s  %12s  %10s  %16s  %12s\n", "year", "utilization",
		"P(surplus)", "surplus (H100e)", "P(paid back)");
	for (int t = 0; t < r->years; t++) {
		size_t cu = (size_t)ku * (size_t)r->years + (size_t)t;
		size_t cs = (size_t)ks * (size_t)r->years + (size_t)t;

		if (r->median) {
			snprintf(a, sizeof a, "%.1f%%", 100 * r->median[cu]);
			output_count_text(c, sizeof c, r->median[cs]);
		} else {
			snprintf(a, sizeof a, "-");
			snprintf(c, sizeof c, "-");
		}
		fmt_prob(b, sizeof b, r->p_surplus[t]);
		fmt_prob(e, sizeof e, r->p_paid_back[t]);
		fprintf(f, "%6d  %12s  %10s  %16s  %12s\n", r->start_year + t, a,
			b, c, e);
	}
	fputs("(utilization and surplus: medians over the trials)\n\n", f);
	if (r->median_payback_t >= 0)
		fprintf(f, "Paid back in half the trials by: %d\n",
			r->start_year + r->median_payback_t);
	else if (r->payback_not_launched >= 1)
		fputs("Paid back in half the trials by: never (the cloud "
		      "option is not launched)\n", f);
	else
		fprintf(f, "Paid back in half the trials by: never (within "
			"%d-%d)\n", r->start_year,
			r->start_year + r->years - 1);
	stories_shown(&r->stories, 100, shown, split);
	print_shares(f, "Stories:", shown, r->stories.share);
	if (r->stories.has_industry) {
		print_shares(f, "  industry short at the horizon:",
			     split[INDUSTRY_SHORT],
			     r->stories.by_industry[INDUSTRY_SHORT]);
		print_shares(f, "  industry glut  at the horizon:",
			     split[INDUSTRY_GLUT],
			     r->stories.by_industry[INDUSTRY_GLUT]);
	}
	print_npv_by_story(f, sc, r);
	fmt_prob(a, sizeof a, r->p_npv_positive);
	output_busd_text(b, sizeof b, r->npv_mean, 3);
	if (isfinite(r->npv_se))
		output_busd_text(c, sizeof c, r->npv_se, 2);
	else
		snprintf(c, sizeof c, "unknown with 1 trial");
	/* a trial that never launches has an NPV of 0: said, so that
	 * P(NPV > 0) is not read as all that does not lose */
	fmt_prob(d, sizeof d, r->payback_not_launched);
	fprintf(f, "Cloud NPV: mean %s $B (se %s), P(NPV > 0) %s, not "
		"launched in %s\n", b, c, a, d);
	print_story_inputs(f, sc, r);
	print_precision(f, r);
}
