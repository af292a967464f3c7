/* compare_impl.h — what compare.c, comparetable.c and compareset.c
 * share (private to `compare`). */
#ifndef COMPUTESIM_COMPARE_IMPL_H
#define COMPUTESIM_COMPARE_IMPL_H

#include <stddef.h>

#include "analysis.h"
#include "cli.h"
#include "model.h"
#include "scenario.h"

/* One scenario of a comparison and its run. */
struct cmp_item {
	struct analysis_ctx a;
	struct run_result *r;
	char tag[96];	/* after the name on the charts when another
			   scenario has the same name: " (B: file)" */
	char lb[16];	/* its letter on the command line: A, B, ... */
	int own_sets;	/* --set LETTER:PATH=VALUE options of its own */
	char own_text[256];	/* ", --set PATH=VALUE ..." of those, or "" */
	char *csv_name;		/* compare.csv's scenario cell with those
				   options, "NAME (--set PATH=VALUE)";
				   NULL without any: the name */
	double gap, gap_se;	/* the mean NPV's gap to A's and its paired
				   standard error (NaN: A itself, or none) */
	char redraw[160];	/* with A's file and --set options that
				   change which inputs are drawn: the first
				   such input and how ("supply.power_gw is
				   drawn in A, fixed in B"), else "" */
};

/* Mean and 5/50/95 of metric m in year t of r (compare.c). */
void cmp_yearly_stats(const struct scenario *sc, const struct run_result *r,
		      enum metric m, int t, double out[4]);

/* First and last calendar year of any scenario (comparetable.c). */
void cmp_year_span(const struct cmp_item *it, int n, int *y0, int *y1);

/* The table on stdout, ending with "Output: dir" (comparetable.c). */
void cmp_print_table(const struct cmp_item *it, int n, const char *dir);

/* ---- the scenarios and their --set options (compareset.c) ---- */

/* Scenario s's letter: A, B, ... Z, then A1, B1, ... */
void cmp_label(char *buf, size_t n, int s);

/* Scenario s's --set options into sets (room for c->nsets): those
 * without a letter and those with s's (cmp_set_scenario in cli.h), the
 * letter cut off; how many, and in *own how many were s's alone, listed
 * in text (", --set PATH=VALUE ...", cut at n bytes). */
int cmp_sets_for(const struct cli *c, int s, struct scenario_set *sets,
		 int *own, char *text, size_t n);

/* The first scenario before s whose file is files[s] (device and inode)
 * and that has no --set options of its own, or -1. */
int cmp_same_file_before(const struct cmp_item *it, const char **files,
			 int s);

/* What follows the letter of a --set B:PATH=VALUE argument or path (its
 * first ':'), blanks skipped; s itself without a ':'. */
const char *cmp_after_letter(const char *s);

/* Whether files[a] and files[b] name one regular file. */
int cmp_same_file(const char **files, int a, int b);

/* Whether the file of scenario s is named by another scenario that runs
 * otherwise (--set options of its own, or s has some). */
int cmp_named_again(const struct cmp_item *it, const char **files, int n,
		    int s);

/* When b, A's file with --set options that A or b has of its own, draws
 * its inputs otherwise than a does, why, into b->redraw ("" else): each
 * trial's standard normals go to the inputs in one order, so an input
 * fixed in one and drawn in the other (or a correlation dropped with it)
 * hands every later input other numbers, and the paired gap is about as
 * noisy as two separate runs' (docs/manual.md, compare). */
void cmp_note_redraw(const struct cmp_item *a, struct cmp_item *b);

#endif
