/* analysis.h — analyses on top of run.c with common random numbers:
 * sensitivity (tornado), sweep, compare, breakeven (docs/format.md, issue 6).
 * Each reuses the loaded scenario and its sample plan; an input is held
 * at a value through struct sample_override, so every other input draws
 * exactly the same random numbers as in the base run.
 *
 * Files: sim/cli/analysis.c (the helpers below), sim/cli/metric.c (the
 * metrics), sim/cli/sensitivity.c, sweep.c, compare.c (and
 * comparetable.c, compareset.c), breakeven.c; docs/notes-analysis.md
 * describes every command, its outputs and the choices taken.
 *
 * Ownership: struct analysis_ctx owns its scenario and plan;
 * analysis_ctx_free() releases them (safe to call twice). */
#ifndef COMPUTESIM_ANALYSIS_H
#define COMPUTESIM_ANALYSIS_H

#include <stdio.h>
#include "cli.h"
#include "diag.h"
#include "run.h"
#include "sample.h"
#include "scenario.h"

/* Inputs whose held runs share one pass over the trials (run_held_all:
 * 2 of them each, a trial's NPV and surplus flag per held run). */
#define ANALYSIS_SENS_GROUP 4

/* --sensitivity: write sensitivity.csv (and the data the tornado chart
 * reads) into dir, the output directory being written. base is the base
 * run's result with options o. Returns 0, -1 on failure (errors in d), 1
 * when stopped. */
int analysis_sensitivity(const char *dir, const struct scenario *sc,
			 const struct sample_plan *p, const struct run_opts *o,
			 const struct run_result *base, struct diag *d);

/* Nearest of names[0..n-1] to s, or NULL when none is close: a name that
 * ends with ".s" (the user left out the section), else suggest_nearest's
 * (the rule every "did you mean" follows). */
const char *analysis_nearest_name(const char *s, const char *const *names,
				  int n);

/* How many uncertain inputs input is rank-correlated with, counting only
 * the pairs that act (sensitivity.c): the tornado's and drivers' `*`. */
int analysis_n_partners(const struct scenario *sc, int input);

/* ---- Helpers shared by the analysis commands (sim/cli/analysis.c;
 * the metrics, sim/cli/metric.c) ---- */

/* A scenario loaded for an analysis: the scenario, its sample plan and
 * light run options (trials, seed, threads from the command line, else
 * from the scenario; full = 0, no progress bar, no overrides). */
struct analysis_ctx {
	struct scenario *sc;
	struct sample_plan *plan;
	struct run_opts o;
};

/* Load file with c's --set options, build its plan and fill the run
 * options. Errors and warnings go to d. Returns 0, or -1 with *a empty
 * (a scenario error: exit status 2). */
int analysis_ctx_load(struct analysis_ctx *a, const struct cli *c,
		      const char *file, struct diag *d);
void analysis_ctx_free(struct analysis_ctx *a);

/* scenario_load() of file with c's --set options; split between ranks
 * (c->split), rank 0 reads the file and every rank parses its bytes. */
int analysis_scenario_load(struct scenario **out, const struct cli *c,
			   const char *file, struct diag *d);
/* 1 when this process writes and prints: always, but on ranks other
 * than 0 of a split. */
int analysis_writer(const struct cli *c);


/* Resolve the input named path, given in argument arg of option opt
 * ("--grid", "--vary"), to an input index. On failure records
 * "OPT 'ARG': ..." in d — an unknown path with the nearest known one
 * suggested, or a key that is a setting rather than a numeric input
 * (cloud.launch, cloud.term_years, contract years...) — and returns -1. */
int analysis_resolve_input(const struct scenario *sc, const char *path,
			   const char *opt, const char *arg, struct diag *d);

/* v clipped to the range of input i's key: to its ends, and past an end
 * the key excludes (`> -1`) to the nearest double inside. */
double analysis_clip_value(const struct scenario *sc, int i, double v);
/* 1 if v lies outside the range input i's key allows (at an excluded
 * end: a value analysis_clip_value nudged in reads as that end once
 * printed short), else 0. */
int analysis_value_excluded(const struct scenario *sc, int i, double v);

/* Check that v is a value input i may take (its key's range, docs/format.md
 * "Keys"); what names v in the message ("FROM", "TO"). Returns 0, or -1
 * with "OPT 'ARG': ..." in d. */
int analysis_check_value(const struct scenario *sc, int i, double v,
			 const char *what, const char *opt, const char *arg,
			 struct diag *d);

/* Input i as one end of a capex_response mapping: 1 for its floor, 2 for
 * its cap, with the mapping's other key's input in *other; 0 for any
 * other input. */
int analysis_floor_cap(const struct scenario *sc, int i, int *other);

/* Input i held at values in [lo, hi] must keep a capex_response's cap at
 * or above its floor (docs/format.md "Keys"): the other end is held at
 * olo_ohi[0..1] (another grid, oarg), else as written in the scenario: a
 * fixed value, or a distribution's location parameters (as the loader
 * checks --set). Returns 0, or -1 with "OPT 'ARG': ..." in d. */
int analysis_check_floor_cap(const struct scenario *sc, int i, double lo,
			     double hi, const double *olo_ohi,
			     const char *oarg, const char *opt,
			     const char *arg, struct diag *d);

/* Whether inputs i and j are shares (weights) of one list. */
int analysis_same_list(const struct scenario *sc, int i, int j);

/* When input i is a list's share (a weight) and may be held as low as
 * lo <= 0, whether every other share of its list is then 0 too: one of
 * swept[0..nswept) (inputs other grids hold) whose grid reaches 0
 * (swept_lo <= 0), or not swept and 0 in the scenario (fixed at 0, or a
 * choice of 0s). Returns 0, or -1 with "OPT 'ARG': at PATH = 0 the
 * shares in `LIST` are all 0" in d, as the loader refuses such a list
 * (docs/format.md "Keys"). */
int analysis_check_shares(const struct scenario *sc, int i, double lo,
			  const int *swept, const double *swept_lo, int nswept,
			  const char *opt, const char *arg, struct diag *d);

/* The distribution that represents input i in tables: its own, or for a
 * series the first listed point, not fixed, that is in force (until the
 * next point) in a year where the value acts (a growth series' from its
 * second year on), and *year_t that year's index; else the first point
 * not fixed, else the first, and its year. -1 for a plain value. */
const struct dist *analysis_input_dist(const struct scenario *sc, int i,
				       int *year_t);

/* Quantiles qlo and qhi of input i (breakeven's default range P1..P99):
 * of its distribution, or for a year series the union over the listed
 * points some year uses — [smallest of their qlo-quantiles, largest of their
 * qhi-quantiles] — since a held value replaces every listed point. */
void analysis_input_span(const struct scenario *sc, int i, double qlo,
			 double qhi, double *lo, double *hi);

/* A run-level metric (breakeven --target): npv_mean, npv_p50,
 * p_npv_positive, overbuild, mismatch, shortage, with an industry
 * section industry_short (the share of trials with the industry short at
 * the horizon) and STORY_short / STORY_glut (a (story, state) pair's
 * share), or NAME@YEAR for a yearly metric (its mean) or probability
 * (p_surplus, p_shortfall, p_launched, p_paid_back). */
enum analysis_metric_kind {
	AM_NPV_MEAN, AM_NPV_P50, AM_P_NPV_POSITIVE, AM_STORY,
	AM_YEARLY_MEAN, AM_P_SURPLUS, AM_P_SHORTFALL, AM_P_LAUNCHED,
	AM_P_PAID_BACK, AM_PAIR, AM_IND_SHORT
};

struct analysis_metric {
	enum analysis_metric_kind kind;
	int k;			/* AM_STORY: enum story; AM_YEARLY_MEAN: metric;
				   AM_PAIR: state * 3 + story */
	int t;			/* year index of NAME@YEAR */
	int is_prob;		/* a share of trials: moves in steps of 1/n */
	char name[128];		/* as the user wrote it */
};

/* Parse spec into *m; on failure "OPT 'ARG': ..." in d (unknown metric
 * with a suggestion, a year outside the horizon) and -1. */
int analysis_metric_parse(struct analysis_metric *m, const struct scenario *sc,
			  const char *spec, const char *opt, const char *arg,
			  struct diag *d);
/* Value of metric m in run r. */
double analysis_metric_value(const struct analysis_metric *m,
			     const struct run_result *r);

/* Monte Carlo standard error of metric m in run r (n = r->n trials):
 * npv_mean: r->npv_se; a share p (p_npv_positive, stories, p_*@YEAR):
 * agg_share_se, never 0; a yearly mean: its sd / sqrt(n); npv_p50:
 * analysis_median_se of the sorted NPVs. NAN when r lacks what it needs. */
double analysis_metric_se(const struct analysis_metric *m,
			  const struct run_result *r);

/* Standard error of the sample median of x[0..n-1] (sorted ascending):
 * sqrt(0.25 / n) / f, the density f at the median estimated by the
 * difference quotient f = ((hi - lo) / n) / (x[hi] - x[lo]) over the
 * order statistics lo, hi about sqrt(n) / 2 either side of the median
 * (at least 1). 0 when x[lo] == x[hi] (a point mass: the median does
 * not move); NAN when n < 2. */
double analysis_median_se(const double *x, long n);

/* Quantile q in [0, 1] of the run's NPV (from the sorted per-trial NPVs
 * when the run kept them, else from its requested percentiles; NAN when
 * neither has it). */
double analysis_npv_quantile(const struct run_result *r, double q);

/* A number given on the command line (--grid FROM/TO, --range) in the
 * scenario's own syntax (docs/format.md "Values"): 0.25, -1.3e6, or a
 * percentage 25% (= 0.25). Returns 0 with *out set, -1 when s is not
 * such a number, -2 when it is not finite (nan, inf, 1e999). */
int analysis_parse_number(const char *s, double *out);

/* A text cell of a chart table: commas, quotes and control characters
 * replaced, so gnuplot's CSV reading keeps it one cell. */
void analysis_chart_text(FILE *f, const char *s);

/* A scenario's name as a text cell of compare's chart tables, drawn as
 * written: commas as %2C, percent signs as %25, line breaks as %0A and
 * backslashes as %5C, which plots/unesc.gp turns back (gnuplot 5.4 splits
 * a CSV line at every comma, quoted or not, and reads a backslash in a
 * cell as an escape: "C:\new" would be "C:", a line break, "ew"); quotes
 * and control characters (DEL too: the chart tables refuse it) as
 * analysis_chart_text. */
void analysis_chart_name(FILE *f, const char *s);

/* An input's dotted path as a chart's row label of at most max
 * characters (UTF-8 characters, not bytes; max >= 8): the whole path when
 * it fits; else an ellipsis and the path without its first parts, as in
 * "…contracts.coreweave-2025.price_per_h100e_hour_usd" (max 50), when its
 * last two parts or more fit; else its start, an ellipsis and its last
 * part (the key's own name) whole; a last part longer than max / 2 leaves
 * the path's first and last characters around the ellipsis, half the
 * room each. */
void analysis_chart_path(FILE *f, const char *path, size_t max);

/* The default directory of an analysis: the scenario's output.dir with
 * suffix ("-sweep") added to the directory itself, not inside it
 * ("res/x/" gives "res/x-sweep"). NULL when out of memory. */
char *analysis_default_dir(const char *out_dir, const char *suffix);

/* Rank 0's verdict rc (0, -1 or -2) on every rank (split across ranks:
 * rank 0 alone looks at the output directory; the others must stop with
 * it, not wait in a collective it never joins). -1 when it cannot be
 * shared. Without split, rc. */
int analysis_share_verdict(const struct cli *c, int rc);

/* final's refusals before any work (outdir_check_inputs, outdir_check),
 * made by rank 0 and shared: 0, -2 (an argument error: exit 2) or -1,
 * errors in d on rank 0. from: the scenario whose output.dir final comes
 * from (no --out), for the position of a refusal; NULL when none. */
int analysis_check_out(const char *final, const struct cli *c,
		       const struct scenario *from, struct diag *d);

/* Returned by analysis_plot and analysis_write_dir when every output
 * was written but the charts failed (gnuplot failing or stuck, errors in
 * d): the directory is kept without them, and analysis_exit says so and
 * gives status 1. */
#define ANALYSIS_CHARTS_FAILED 3

/* An analysis's return when writing its output directory failed (its
 * temporary, a file in it, the final rename: a full disk, say; errors in
 * d): nothing replaced the final directory, and analysis_exit says so
 * and gives status 1. */
#define ANALYSIS_WRITE_FAILED 4

/* Write an analysis's output directory final atomically (the caller has
 * refused a final that holds an input or cannot be one, before its work:
 * analysis_check_out): write into a temporary sibling with write(tmpdir,
 * arg, d) (0, -1 failed, 1 stopped, ANALYSIS_CHARTS_FAILED), then rename
 * it into place; on any failure or a signal remove the temporary and
 * leave an earlier final untouched. Returns 0, 1 when stopped,
 * ANALYSIS_CHARTS_FAILED (in place, without its charts),
 * ANALYSIS_WRITE_FAILED (nothing in place), or -2 when outdir_begin
 * refuses final after all (analysis_exit: status 2). */
int analysis_write_dir(const char *final, const struct cli *c,
		       int (*write)(const char *dir, void *arg, struct diag *d),
		       void *arg, struct diag *d);

/* Draw the charts of dir unless --no-plots or plots is 0 (the
 * scenario's output.plots: false; compare: every file's). gnuplot
 * missing: a warning in d. Returns 0, 1 when SIGINT/SIGTERM stopped the
 * drawing, or ANALYSIS_CHARTS_FAILED when they failed (errors in d; no
 * chart in dir). */
int analysis_plot(const char *dir, const struct cli *c, int plots,
		  struct diag *d);

/* Print d on stderr at the end of a command: errors always, warnings
 * unless --quiet. */
void analysis_print_diag(const struct diag *d, const struct cli *c);

/* The exit status of an analysis command that ran with status rc (0 ok,
 * 1 stopped: "interrupted" on stderr and 130, -2 an output directory
 * that holds an input: 2, ANALYSIS_CHARTS_FAILED: what was written
 * without the charts on stderr, and 1; ANALYSIS_WRITE_FAILED: that
 * nothing was written, and 1; else 1). A failure while
 * SIGINT/SIGTERM was pending is an interruption too (130). */
int analysis_exit(int rc, const char *final);

/* The mean of hi[i] - lo[i] over n trials that pair up (two runs that
 * drew the same random numbers: sensitivity's P10 and P90 runs, compare's
 * scenarios at one seed) into *mean (when not NULL), and its standard
 * error: the differences' agg_moments_se; hi is overwritten with them.
 * NAN below 2 trials (the mean NAN with none). Differences equal but for
 * rounding (within 1e-12 of their size: an input that shifts every
 * trial's NPV by the same amount, a fixed cost) have no Monte Carlo
 * error: 0, not a residue of 1e-17. */
double analysis_paired_se(const double *lo, double *hi, size_t n,
			  double *mean);

/* On stderr: nothing was written to final (a failure while writing it,
 * after its errors). */
void analysis_write_failed_note(const char *final);

/* "\r<what> i/n" on stderr when it is a terminal and not --quiet. */
void analysis_progress(const struct cli *c, const char *what, long i,
		       long n);

#endif
