/* output.h — the files of an output directory (docs/format.md "Outputs"),
 * written into a temporary sibling and renamed into place at the end.
 *
 * Ownership: struct outdir owns its path strings; outdir_abort() and
 * outdir_commit() release them. */
#ifndef COMPUTESIM_OUTPUT_H
#define COMPUTESIM_OUTPUT_H

#include <stdio.h>
#include "diag.h"
#include "run.h"
#include "scenario.h"

struct outdir {
	char *final;		/* the directory the user asked for */
	char *tmp;		/* sibling being written:
				   "<final>.tmp-<pid>-XXXXXX" */
};

/* Create the temporary sibling "<final>.tmp-<pid>-XXXXXX" (and the
 * missing parent directories of final), after removing the ones that
 * killed runs left (their pid gone). Refuses (error in d, -2: an
 * argument error) when final names no directory of its own ("x/.."), is
 * not a directory, is a symbolic link, or is a non-empty directory that
 * computesim did not write (no ".computesim" marker file in it): a
 * mistyped --out never deletes someone's files; -1 (error in d) when the
 * system fails it. A stopped run calls outdir_abort(). */
int outdir_begin(struct outdir *od, const char *final, struct diag *d);
/* outdir_begin's refusals alone, writing nothing: 0, -2 (error in d) when
 * final can be no output directory, -1 when it cannot be looked at.
 * Every command calls it before its first trial, on every rank (one
 * that waits for the others' collectives never meets a refusal alone). */
int outdir_check(const char *final, struct diag *d);
/* Refuse (-1, errors in d) an output directory that already holds one of
 * the input files: the run would replace it, and the input with it. When
 * final came from a scenario's output.dir, pfile:line:col is where that
 * is written (pfile NULL or line 0: --out, a --set or the default, which
 * the message names as such). */
int outdir_check_inputs(const char *final, const char *const *files, int n,
			const char *pfile, int line, int col,
			struct diag *d);
/* Move tmp into place, replacing an earlier directory atomically
 * (renameat2 RENAME_EXCHANGE, then remove the old one). On failure tmp is
 * removed (as by outdir_abort) and the earlier directory is untouched.
 * Either way od's strings are released. */
int outdir_commit(struct outdir *od, struct diag *d);
/* Remove tmp and everything in it; safe twice. */
void outdir_abort(struct outdir *od);
/* 1 when dir holds the ".computesim" marker as a regular file (a
 * directory computesim wrote), else 0. */
int outdir_is_ours(const char *dir);

/* Path a/b in a new string (caller frees); NULL when out of memory. */
char *output_path_join(const char *a, const char *b);

/* Open dir/name for writing; NULL with an error in d. */
FILE *output_open(const char *dir, const char *name, struct diag *d);
/* Close f and report a write error (disk full) in d; returns 0 or -1. */
int output_close(FILE *f, const char *dir, const char *name, struct diag *d);

int output_write_yearly(const char *dir, const struct scenario *sc,
			const struct run_result *r, struct diag *d);
int output_write_summary(FILE *f, const struct scenario *sc,
			 const struct run_result *r);
int output_write_trials(const char *dir, const struct scenario *sc,
			const struct run_result *r, struct diag *d);
/* The CSV tables the gnuplot scripts read (fan tables, NPV histogram...). */
int output_write_chart_data(const char *dir, const struct scenario *sc,
			    const struct run_result *r, struct diag *d);
/* The ten-second stdout table. */
void output_print_table(FILE *f, const struct scenario *sc,
			const struct run_result *r);

/* A number in a CSV cell, the one convention of every CSV computesim
 * writes (yearly.csv, trials.csv, sweep.csv, compare.csv, breakeven.csv,
 * the chart tables): 12 significant digits (%.12g), 0 for zero (never
 * "-0"), and an empty cell for a number that is not finite (NaN: no
 * value, e.g. the mean NPV of a story no trial tells). */
void output_csv_num(FILE *f, double x);

/* A share's standard error (0..1) in percentage points to two
 * significant digits, as report.md prints it: "0.34%", "0.032%",
 * "0.000094%" (never in exponent form), "12%" from 9.95 points up, "-"
 * for NaN: one decimal would print most of them 10% off and those of
 * large runs as 0.0%. */
void output_pct_se(FILE *f, double se);

/* A count of H100e, short, into buf (size n): 1.23M, 456k, 789 (the
 * stdout table's surplus column; report.md). */
void output_count_text(char *buf, size_t n, double x);
/* An amount of $B (or a ratio) to `digits` significant digits into buf
 * (size n), trailing zeros kept (0.100, 12.0), without an exponent from
 * 10^(digits-1) to a billion (1089), 0 itself as 0 (the stdout tables). */
void output_busd_text(char *buf, size_t n, double x, int digits);

/* What the hedge ratio divides by, as stdout and report.md name it: "idle
 * and unpowered fleet" with a power limit (supply.power_gw), else "idle
 * fleet" (nothing can be unpowered). */
const char *output_idle_fleet(const struct scenario *sc);

/* A share p of the trials shown as v units of 1/scale (scale a power of
 * ten; v from stories_shown, or nearbyint(scale * p)), into buf: as a
 * percentage when pct ("22%" at scale 100, "22.4%" at 1000), else as a
 * fraction ("0.224" at 1000). One that shows none or all without being
 * so says less than one unit, or more than all but one: "<1%", ">99.9%",
 * "<0.001". */
void output_share_text(char *buf, size_t n, long v, long scale, double p,
		       int pct);

/* A CSV field, quoted (RFC 4180) when it holds a comma, quote, newline
 * or surrounding space. */
void output_csv_text(FILE *f, const char *s);
/* A scenario's name on one line of chart_title.txt (plot.c reads the first
 * line and makes any other control character '?'): line breaks and tabs
 * as spaces. */
void output_title_text(FILE *f, const char *s);
/* chart_title.txt in dir (output_open): the name, as output_title_text
 * writes it, and a newline. 0, or -1 with the error in d. */
int output_write_title(const char *dir, const char *name, struct diag *d);

/* Write a JSON string literal (quotes, escapes) to f. */
void output_json_string(FILE *f, const char *s);
/* Write a JSON number: the fewest digits (15 to 17) that read back as x;
 * -0 as 0; NaN and infinities as null. */
void output_json_number(FILE *f, double x);

#endif
