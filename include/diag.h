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
	char *file;	/* NULL: message about an argument, not a file */
	int line, col;	/* 1-based; 0: no position */
	char *msg;
};

struct diag {
	struct diag_entry *v;
	size_t n, cap;
	int nerr, nwarn;
};

void diag_init(struct diag *d);
void diag_free(struct diag *d);

/* Record an error or a warning. file may be NULL; line/col 0 when unknown. */
void diag_error(struct diag *d, const char *file, int line, int col,
		const char *fmt, ...) __attribute__((format(printf, 5, 6)));
void diag_warning(struct diag *d, const char *file, int line, int col,
		  const char *fmt, ...) __attribute__((format(printf, 5, 6)));
void diag_verror(struct diag *d, enum diag_level lv, const char *file,
		 int line, int col, const char *fmt, va_list ap);

/* Print every entry, sorted by file, line and column (stable), as
 * "FILE:LINE:COL: error: MSG", "FILE: error: MSG" without a position, or
 * "error: MSG" without a file. */
void diag_print(const struct diag *d, FILE *f);

#endif
