/* comparetable.c — compare's table on stdout (docs/manual.md "compare"):
 * the years' P(surplus), median utilization and P(paid back) side by
 * side, then the run-level figures, the stories by the industry's state,
 * NPV by story and the hedge ratio, amounts of $B as run prints them. */
#include <math.h>
#include <stdio.h>

#include "analysis.h"
#include "compare_impl.h"
#include "model.h"
#include "output.h"
#include "text.h"

/* First and last calendar year of any scenario. */
void cmp_year_span(const struct cmp_item *it, int n, int *y0, int *y1)
{
	*y0 = it[0].a.sc->start_year;
	*y1 = *y0 + it[0].a.sc->years - 1;
	for (int s = 1; s < n; s++) {
		const struct scenario *sc = it[s].a.sc;
		if (sc->start_year < *y0)
			*y0 = sc->start_year;
		if (sc->start_year + sc->years - 1 > *y1)
			*y1 = sc->start_year + sc->years - 1;
	}
}

/* A median utilization in three decimals, width 7; "-" outside the
 * scenario's years (NaN). */
static void print_util(double v)
{
	if (isnan(v))
		printf(" %7s", "-");
	else
		printf(" %7.3f", v);
}

/* An amount of $B in `digits` significant digits as run's table prints
 * it (output_busd_text: 20.6, 0.20, 1089, no exponent below a billion),
 * width 9; "-" for NaN. */
static void print_busd(double v, int digits)
{
	char b[32];

	if (isnan(v)) {
		printf(" %9s", "-");
		return;
	}
	output_busd_text(b, sizeof b, v, digits);
	printf(" %9s", b);
}

/* One row of the run-level table: its label, then for each of the n
 * scenarios of it (item s) the amount of $B v in `digits` significant
 * digits (print_busd). */
#define BUSD_ROW(label, v, digits)					\
	do {								\
		printf("\n%-20s", (label));				\
		for (int s = 0; s < n; s++)				\
			print_busd((v), (digits));			\
	} while (0)

/* The footnote on the standard errors, after the table: unknown with
 * one trial, as the "its se" rows show it. */
static void se_note(long trials)
{
	if (trials < 2)
		printf("\nse: the Monte Carlo standard error, unknown with 1 "
		       "trial");
	else
		printf("\nse: the Monte Carlo standard error; a share's is at "
		       "most 0.5 / sqrt(%ld) = %.2g", trials,
		       0.5 / sqrt((double)trials));
}

/* A share p of the trials shown as v thousandths, width w (v from
 * stories_shown, rounded so that the shares add up; output_share_text's
 * "<0.001" and ">0.999"). */
static void print_shown(long v, double p, int w)
{
	char t[32];

	output_share_text(t, sizeof t, v, 1000, p, 0);
	printf(" %*s", w, t);
}

/* A share of trials in three decimals, rounded to the nearest
 * thousandth of the double 1000 v (as stories_shown rounds overbuild's,
 * which is P(surplus) in the last year), width w; "-" for NaN. */
static void print_share(double v, int w)
{
	if (isnan(v))
		printf(" %*s", w, "-");
	else
		print_shown((long)nearbyint(1000 * v), v, w);
}

/* Field f of item i's stories, NAN without a power limit. */
#define POWERED(i, f)							\
	((i).a.sc->i_power >= 0 ? (i).r->stories.f : NAN)

/* Field f[j][k] of r's stories, NAN without an industry section. */
#define PAIR(r, f, j, k)						\
	((r)->stories.has_industry ? (r)->stories.f[j][k] : NAN)

/* The stories by the industry's state, NPV by story (and by pair) and
 * the hedge ratio, one row each, scenarios side by side. */
static void print_story_table(const struct cmp_item *it, int n)
{
	char name[40];
	int ind = 0, power = 0;

	for (int s = 0; s < n; s++) {
		ind |= it[s].r->stories.has_industry;
		power |= it[s].a.sc->i_power >= 0;
	}

	for (int j = 0; j < 2; j++)
		for (int k = 0; k < 3; k++) {
			snprintf(name, sizeof name, "%s, %s", story_names[k],
				 industry_state_names[j]);
			printf("\n%-20s", name);
			for (int s = 0; s < n; s++) {
				const struct story_figures *st =
					&it[s].r->stories;
				long shown[3], split[2][3];

				stories_shown(st, 1000, shown, split);
				if (st->has_industry)
					print_shown(split[j][k],
						    st->by_industry[j][k], 9);
				else
					printf(" %9s", "-");
			}
		}
	for (int k = 0; k < 3; k++) {
		snprintf(name, sizeof name, "NPV | %s ($B)", story_names[k]);
		BUSD_ROW(name, it[s].r->stories.npv_mean[k], 3);
		/* from that story's trials alone: a few hundred give a wide
		 * one, which decides whether two readings differ */
		BUSD_ROW("  its se", it[s].r->stories.npv_se[k], 2);
		if (!ind)
			continue;
		/* the same by the industry's state at the horizon ("-"
		 * without an industry section) */
		for (int j = 0; j < 2; j++) {
			snprintf(name, sizeof name, "  industry %s",
				 industry_state_names[j]);
			BUSD_ROW(name, PAIR(it[s].r, pair_npv_mean, j, k), 3);
			BUSD_ROW("    its se", PAIR(it[s].r, pair_npv_se, j, k),
				 2);
		}
	}
	BUSD_ROW("idle cost PV ($B)", it[s].r->stories.idle_pv_mean, 3);
	if (power)	/* "-" for a scenario without a power limit */
		BUSD_ROW("  unpowered ($B)", POWERED(it[s], unpowered_pv_mean),
			 3);
	/* as run's: 0.100 */
	BUSD_ROW("hedge ratio", it[s].r->stories.hedge_ratio, 3);
	BUSD_ROW("  its se", it[s].r->stories.hedge_se, 2);
	if (power)
		BUSD_ROW("  powered only", POWERED(it[s], powered_hedge_ratio),
			 3);
}

void cmp_print_table(const struct cmp_item *it, int n, const char *dir)
{
	int y0, y1;
	static const char *groups[] = {"P(surplus)", "median util.",
				       "P(paid back)"};

	cmp_year_span(it, n, &y0, &y1);
	printf("compare: %ld trial%s each, seed %llu%s\n", it[0].a.o.trials,
	       text_s(it[0].a.o.trials),
	       (unsigned long long)it[0].a.o.seed,
	       sampling_note(it[0].a.o.sampling));
	for (int s = 0; s < n; s++) {
		char nm[1024], fl[1024], st[1024];

		printf("  %-3s %s (%s%s)\n", it[s].lb,
		       text_shown(nm, sizeof nm, it[s].a.sc->name),
		       text_shown(fl, sizeof fl, it[s].a.sc->file),
		       text_shown(st, sizeof st, it[s].own_text));
	}
	printf("\n%-6s", "");
	for (int g = 0; g < 3; g++)
		printf("  %-*s", 8 * n, groups[g]);
	printf("\n%-6s", "year");
	for (int g = 0; g < 3; g++) {
		printf("  ");
		for (int s = 0; s < n; s++)
			printf(" %7s", it[s].lb);
	}
	printf("\n");
	for (int y = y0; y <= y1; y++) {
		printf("%-6d", y);
		for (int g = 0; g < 3; g++) {
			printf("  ");
			for (int s = 0; s < n; s++) {
				const struct scenario *sc = it[s].a.sc;
				const struct run_result *r = it[s].r;
				int t = y - sc->start_year;
				double v = NAN, st[4];
				if (t >= 0 && t < sc->years) {
					if (g == 0)
						v = r->p_surplus[t];
					else if (g == 1) {
						cmp_yearly_stats(sc, r,
							M_UTILIZATION, t, st);
						v = st[2];
					} else
						v = r->p_paid_back[t];
				}
				if (g == 1)
					print_util(v);
				else
					print_share(v, 7);
			}
		}
		printf("\n");
	}
	printf("\n%-20s", "");
	for (int s = 0; s < n; s++)
		printf(" %9s", it[s].lb);
	BUSD_ROW("NPV mean ($B)", it[s].r->npv_mean, 3);
	BUSD_ROW("  its se", it[s].r->npv_se, 2);
	BUSD_ROW("  gap to A", it[s].gap, 3);
	BUSD_ROW("  its se, paired", it[s].gap_se, 2);
	printf("\n%-20s", "P(NPV > 0)");
	for (int s = 0; s < n; s++)
		print_share(it[s].r->p_npv_positive, 9);
	printf("\n%-20s", "not launched");
	for (int s = 0; s < n; s++)
		print_share(it[s].r->payback_not_launched, 9);
	printf("\n%-20s", "median payback");
	for (int s = 0; s < n; s++) {
		int t = it[s].r->median_payback_t;
		if (t >= 0)
			printf(" %9d", it[s].a.sc->start_year + t);
		else
			printf(" %9s", "-");
	}
	for (int k = 0; k < 3; k++) {
		printf("\n%-20s", story_names[k]);
		for (int s = 0; s < n; s++) {
			long shown[3], split[2][3];

			stories_shown(&it[s].r->stories, 1000, shown, split);
			print_shown(shown[k], it[s].r->stories.share[k], 9);
		}
	}
	print_story_table(it, n);
	se_note(it[0].a.o.trials);
	printf("\nstories: overbuild = surplus in the last year; mismatch = "
	       "a surplus earlier only;\nshortage = no surplus in any year; "
	       "short / glut: the industry's tightness\nin the last year "
	       "at or above 1, or below (\"-\": no industry section)\n");
	for (int s = 1; s < n; s++)
		if (it[s].redraw[0])
			printf("%s: %s;\n  so its inputs are drawn anew, "
			       "not as A's: the gap's paired se is about\n"
			       "  two separate runs', and its shares differ "
			       "from A's by noise too\n  (sweep and "
			       "breakeven hold an input on the same draws)\n",
			       it[s].lb, it[s].redraw);
	printf("Output: %s\n", dir);
}

