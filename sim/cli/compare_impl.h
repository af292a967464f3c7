/* compare_impl.h — what compare.c and comparetable.c share (private to
 * `compare`). */
#ifndef COMPUTESIM_COMPARE_IMPL_H
#define COMPUTESIM_COMPARE_IMPL_H

#include "analysis.h"
#include "model.h"

/* One scenario of a comparison and its run. */
struct cmp_item {
	struct analysis_ctx a;
	struct run_result *r;
	char tag[96];	/* after the name on the charts when another
			   scenario has the same name: " (B: file)" */
	char lb[16];	/* its letter on the command line: A, B, ... */
	int own_sets;	/* --set LETTER:PATH=VALUE options of its own */
	char own_text[256];	/* ", --set PATH=VALUE ..." of those, or "" */
	double gap, gap_se;	/* the mean NPV's gap to A's and its paired
				   standard error (NaN: A itself, or none) */
};

/* Mean and 5/50/95 of metric m in year t of r (compare.c). */
void cmp_yearly_stats(const struct scenario *sc, const struct run_result *r,
		      enum metric m, int t, double out[4]);

/* First and last calendar year of any scenario (comparetable.c). */
void cmp_year_span(const struct cmp_item *it, int n, int *y0, int *y1);

/* The table on stdout, ending with "Output: dir" (comparetable.c). */
void cmp_print_table(const struct cmp_item *it, int n, const char *dir);

#endif
