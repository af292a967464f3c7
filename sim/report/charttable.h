/* charttable.h — what the charts are drawn from, read safely: only
 * regular files (a FIFO or a device never blocks), the chart tables
 * checked before gnuplot sees them, and text escaped before it reaches a
 * terminal. plot.c uses it; nothing here allocates what the caller must
 * free. */
#ifndef COMPUTESIM_CHARTTABLE_H
#define COMPUTESIM_CHARTTABLE_H

#include <stddef.h>
#include "diag.h"

/* Open path for reading when it is a regular file: O_NONBLOCK, so that a
 * FIFO never blocks the open, then fstat. Returns the descriptor (the
 * caller closes it), -1 with errno set (ENOENT, ...), or -2 when it is
 * something else than a regular file. */
int charttable_open(const char *path);

/* Text for messages: text_escape and text_utf8_len (text.h). */
#include "text.h"

/* Check the chart table dir/name before gnuplot reads it: a regular
 * file; a header line (the column names); as many cells in every row as
 * in the header (blank lines part data blocks); every cell empty or a
 * plain finite decimal number (sign, digits, point, exponent: no blanks,
 * "inf", "nan", "Infinity", hex, 1e999), except in the text columns
 * (label, axis, xaxis, yaxis, scenario, story, band_outer, band_inner,
 * idle_fleet), which hold no quote or control character; every column
 * named in need (comma-separated, or NULL for none) in the header; at
 * least one data row. 0, or -1 with the first problem in d, named
 * udir/name (the directory as the user wrote it) with its line, column
 * and value. */
int charttable_check(const char *dir, const char *udir, const char *name,
		     const char *need, struct diag *d);

/* The columns of the chart table named table that the chart scripts
 * read by name, comma-separated (need for charttable_check), or NULL for
 * a table it does not know. */
const char *charttable_columns(const char *table);

#endif
