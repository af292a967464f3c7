/* output.h — the files of an output directory (FORMAT.md "Outputs"),
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
	char *tmp;		/* sibling being written: "<final>.tmp-XXXXXX" */
};

/* Create the temporary sibling (and the parent directories of final).
 * Registers it so that outdir_cleanup_on_signal() can remove it. */
int outdir_begin(struct outdir *od, const char *final, struct diag *d);
/* Move tmp into place, replacing an earlier directory atomically
 * (renameat2 RENAME_EXCHANGE, then remove the old one). */
int outdir_commit(struct outdir *od, struct diag *d);
/* Remove tmp and everything in it. */
void outdir_abort(struct outdir *od);

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

/* Write a JSON string literal (quotes, escapes) to f. */
void output_json_string(FILE *f, const char *s);

#endif
