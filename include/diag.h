/* diag.h — collected diagnostics (errors and warnings with positions).
 *
 * Ownership: a struct diag owns copies of every string given to it;
 * diag_free() releases them and leaves the struct empty and reusable.
 * Nothing here prints until diag_print() is called, so a loader can keep
 * going after an error and the command line decides what the user sees. */
#ifndef COMPUTESIM_DIAG_H
#define COMPUTESIM_DIAG_H

#include <stdarg.h>
#include <stdio.h>

enum diag_level { DIAG_ERROR, DIAG_WARNING };

struct diag_entry {
	enum diag_level level;
	int cause;	/* diag_mark_cause(): later errors here are noise */
	char *file;	/* NULL: message about an argument, not a file */
	int line, col;	/* 1-based; 0: no position */
	char *msg;
};

/* Most errors, and most warnings, one struct diag keeps: past them the
 * rest are counted, not kept, and diag_print() ends with one line saying
 * so. A file with 99,000 unknown keys prints 100 errors, not 99,000. */
#define DIAG_MAX_KEPT 100

struct diag {
	struct diag_entry *v;
	size_t n, cap;
	int nerr, nwarn;	/* every one recorded, kept or not */
	int kept_err, kept_warn;
	/* past DIAG_MAX_KEPT, per level (0 errors, 1 warnings): how many,
	 * and the file and position of the first by position */
	int dropped[2];
	char *dropped_file[2];
	int dropped_line[2], dropped_col[2];
	int stopped;		/* diag_stopped(): the count is a floor */
	int last_kept;		/* 1 when the last error/warning was kept */
};

void diag_init(struct diag *d);
void diag_free(struct diag *d);

/* Record an error or a warning. file may be NULL; line/col 0 when unknown.
 * An error at the same file, line and column as a kept error marked with
 * diag_mark_cause() is counted but not kept: what follows from a bad node
 * (a text too long, then "not a number" for it) is noise. Other errors at
 * one place are all kept (three missing keys of one section). */
void diag_error(struct diag *d, const char *file, int line, int col,
		const char *fmt, ...) __attribute__((format(printf, 5, 6)));
/* Mark the error just recorded (if it was kept) as the cause of whatever
 * else is found at its position. The YAML reader marks its own. */
void diag_mark_cause(struct diag *d);
/* Say that reading stopped at too many errors, so later ones were not
 * even counted (the last line says so). */
void diag_stopped(struct diag *d);
void diag_warning(struct diag *d, const char *file, int line, int col,
		  const char *fmt, ...) __attribute__((format(printf, 5, 6)));
void diag_verror(struct diag *d, enum diag_level lv, const char *file,
		 int line, int col, const char *fmt, va_list ap);

/* Record every entry kept in from in d, in from's order (those past
 * DIAG_MAX_KEPT are not carried over). */
void diag_merge(struct diag *d, const struct diag *from);

/* Print every entry, sorted by file, line and column (stable), as
 * "FILE:LINE:COL: error: MSG", "FILE: error: MSG" without a position, or
 * "error: MSG" without a file; then, when some were dropped, a last line
 * "FILE:LINE:COL: error: too many errors; N more not shown, the first of
 * them here" (and the same for warnings). Entries without a line keep the
 * order in which they were recorded. */
void diag_print(const struct diag *d, FILE *f);

#endif
