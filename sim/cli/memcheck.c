/* memcheck.c — memory known before the run (cli.h, cli_memory_check):
 * the peak a command's runs need, against what this process may use
 * (memlimit.h): refused with the trials that fit, or a warning above
 * half. Shared by run, check, sweep, compare, breakeven and drivers. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "analysis.h"
#include "cli.h"
#include "env.h"
#include "memlimit.h"
#include "model.h"
#include "run.h"
#include "runsplit.h"
#include "scenario.h"
#include "text.h"

#define GIB 1073741824.0

/* A full run of n trials of sc on one rank of m->ranks: the run's memory
 * for its share of the trials (columns, inputs), what every rank keeps
 * of all n (docs/cluster.md: NPV, idle PV, story, industry state and the
 * NPV's sort, ~40 bytes a trial), the distributed rank correlations'
 * buffers beyond the run's own (~12 bytes a trial of its share), and
 * with kept trials the rows of all n. Within 1% of GNU time's peak on
 * format-example.yaml at 2,000,000 trials on 2 and 4 ranks. */
static double full_need(const struct cli_memory *m,
			const struct scenario *sc, long n, int keep)
{
	double nunc = scenario_n_uncertain(sc);
	long share;

	if (m->ranks <= 1)
		return run_memory_bytes(sc, n, m->threads, 1, keep);
	share = (long)(((double)n + m->ranks - 1) / m->ranks);
	return run_memory_bytes(sc, share, m->threads, 1, keep) +
	       40.0 * (double)n + 12.0 * (double)share +
	       (keep ? (8 * nunc + 16) * (double)n : 0);
}

/* What a command's runs keep at their peak for n trials (cli.h). */
static double command_need(long n, const void *arg)
{
	const struct cli_memory *m = arg;
	double need = 0, kept = 0;

	switch (m->kind) {
	case CLI_MEM_RUN:
		need = full_need(m, m->sc[0], n, m->keep);
		if (m->sensitivity) {	/* the base result, then the held
					   runs in passes of a few inputs'
					   (their trials' NPVs and surplus
					   flags), or light runs one by one,
					   the P10 run's beside the P90's */
			double base = run_result_bytes(m->sc[0], n, m->keep);

			need = fmax(need, base + run_memory_bytes(m->sc[0], n,
								  m->threads,
								  0, 0) +
					  18.0 * (double)n);
			/* a pass beside the base result, and on a rank of a
			 * split what its gathered NPV, idle PV, story and
			 * industry state (21 bytes a trial) leave in the
			 * heap */
			need = fmax(need, base + run_held_bytes(m->sc[0], n,
					m->threads, 2 * ANALYSIS_SENS_GROUP) +
					  (m->ranks > 1 ? 21.0 * (double)n : 0));
		}
		break;
	case CLI_MEM_LIGHT:
		need = run_memory_bytes(m->sc[0], n, m->threads, 0, 0);
		break;
	case CLI_MEM_DRIVERS:
		need = drivers_memory_bytes(m->sc[0], n, m->threads);
		break;
	case CLI_MEM_COMPARE:	/* each result kept while the next runs,
				   with its trials' NPVs (the paired gaps) */
		for (int s = 0; s < m->nsc; s++) {
			need = fmax(need, kept + full_need(m, m->sc[s], n,
							     0) + 8.0 * (double)n);
			kept += run_result_bytes(m->sc[s], n, 0) +
				8.0 * (double)n;
		}
		break;
	}
	return need;
}

/* bytes as "5.3 GiB", "300 MiB", "12 KiB" or "1 byte", for messages,
 * with dig more decimals. */
static void fmt_size(char *buf, size_t n, double bytes, int dig)
{
	if (bytes >= GIB)
		snprintf(buf, n, "%.*f GiB", 1 + dig, bytes / GIB);
	else if (bytes >= 1048576)
		snprintf(buf, n, "%.*f MiB", dig, bytes / 1048576);
	else if (bytes >= 1024)
		snprintf(buf, n, "%.*f KiB", dig, bytes / 1024);
	else
		snprintf(buf, n, "%.0f byte%s", bytes, bytes == 1 ? "" : "s");
}

/* The need and the limit in as many decimals as tell them apart (up to
 * six more), so that "more than" never reads "1.0 GiB, more than the
 * 1.0 GiB". */
static void fmt_sizes(char *a, char *b, size_t n, double x, double y)
{
	for (int dig = 0; dig <= 6; dig++) {
		fmt_size(a, n, x, dig);
		fmt_size(b, n, y, dig);
		if (x == y || strcmp(a, b) != 0)
			break;
	}
}

/* The lowest limit of every rank's into lim, and the rank it is of in
 * *who (the lowest such rank; -1 when no rank knows a limit), and the
 * most threads of any rank's into *threads: each rank sees its own
 * node's memory, cgroup, ulimit and environment, and its own cores (the
 * default --threads), and a verdict reached on one rank alone would
 * leave the others waiting in the run's first collective. So every rank
 * checks the same need against the same limit. 0, or -1 when the ranks
 * cannot share. */
static int limits_share(const struct run_split *sp, struct memlimit *lim,
			int *who, int *threads)
{
	long mine[3] = {lim->source == MEMLIMIT_NONE ? -1 :
			(long)fmin(lim->bytes, 9e18),
			(long)lim->source, *threads};
	long *v = run_split_each_long(sp, mine, 3);

	*who = -1;
	if (!v)
		return -1;
	for (int q = 0; q < sp->size; q++) {
		if (v[3 * q] >= 0 && (*who < 0 || v[3 * q] < v[3 * *who]))
			*who = q;
		if (v[3 * q + 2] > *threads)
			*threads = (int)v[3 * q + 2];
	}
	if (*who >= 0) {
		lim->bytes = (double)v[3 * *who];
		lim->source = (enum memlimit_source)v[3 * *who + 1];
	}
	free(v);
	return 0;
}

/* "N trials of Y years VERB about SIZE at their peak", singular where
 * it should be (1 trial of 1 year VERBs ... at its peak). */
static void need_phrase(char *buf, size_t n, long trials, int years,
			const char *verb, const char *size)
{
	snprintf(buf, n, "%ld trial%s of %d year%s %s%s about %s at %s peak",
		 trials, text_s(trials), years, text_s(years), verb,
		 trials == 1 ? "s" : "", size, trials == 1 ? "its" : "their");
}

/* See cli.h. */
double cli_memory_need(const struct cli_memory *m, long n)
{
	return command_need(n, m);
}

int cli_memory_check(const struct cli_memory *m0, long trials, int refuse,
		     const char *file, struct diag *d)
{
	struct memlimit lim;
	struct diag ignore;
	struct cli_memory mm = *m0, *m = &mm;
	char msg[300], more[100], sneed[32], slim[32], whose[48];
	char phrase[160];
	long breaks[64];	/* where a full run's columns turn float */
	int nbreaks = 0, who = -1;
	double need;
	int years = 0;
	long fit;

	for (int s = 0; s < m->nsc; s++) {
		years = m->sc[s]->years > years ? m->sc[s]->years : years;
		if (nbreaks < (int)(sizeof breaks / sizeof breaks[0]))
			breaks[nbreaks++] = run_double_columns_max(m->sc[s]);
	}
	memlimit_init(&lim);
	diag_init(&ignore);	/* an invalid COMPUTESIM_MEMORY_LIMIT: main */
	memlimit_process(&lim, env_read()->memory_limit, &ignore);
	diag_free(&ignore);
	if (m->split && m->split->size > 1 &&
	    limits_share(m->split, &lim, &who, &mm.threads) < 0) {
		diag_error(d, file, 0, 0, "the ranks could not tell each "
			   "other their memory limits");
		return -1;
	}
	need = command_need(trials, m);
	/* rank 0 speaks for every rank: another's limit is named as its */
	if (m->split && who >= 0 && who != m->split->rank)
		snprintf(whose, sizeof whose, "rank %d", who);
	else
		snprintf(whose, sizeof whose, "this process");
	if (lim.source == MEMLIMIT_NONE || need <= 0.5 * lim.bytes)
		return 0;
	fmt_size(sneed, sizeof sneed, need, 0);
	fmt_size(slim, sizeof slim, lim.bytes, 0);
	if (need <= lim.bytes) {
		need_phrase(phrase, sizeof phrase, trials, years, "keep",
			    sneed);
		diag_warning(d, file, 0, 0, "%s, more than half of the %s %s "
			     "may use (%s); use fewer --trials if it swaps or "
			     "is killed", phrase, slim, whose,
			     memlimit_source_text(lim.source));
		return 0;
	}
	fit = memlimit_trials_fit(command_need, m, lim.bytes, trials, breaks,
				  nbreaks);
	fmt_sizes(sneed, slim, sizeof sneed, need, lim.bytes);
	need_phrase(phrase, sizeof phrase, trials, years, "need", sneed);
	snprintf(msg, sizeof msg, "%s, more than the %s %s may use (%s): ",
		 phrase, slim, whose, memlimit_source_text(lim.source));
	if (fit > 0)	/* check takes no --trials: the file's key */
		snprintf(more, sizeof more, "at most %ld trials fit (%s%ld)%s",
			 fit, refuse ? "--trials " : "simulation.trials: ",
			 fit, refuse ? "" : "; run refuses them");
	else
		snprintf(more, sizeof more, "not even 1 trial fits%s",
			 refuse ? "" : "; run refuses it");
	if (refuse)
		diag_error(d, file, 0, 0, "%s%s", msg, more);
	else
		diag_warning(d, file, 0, 0, "%s%s", msg, more);
	return -1;
}
