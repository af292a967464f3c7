/* number.h — parse a number whole (STYLE.md rule 6): a decimal number as
 * C's strtod reads it, the whole string, finite; no hex, "inf", "nan" or
 * "_" separators. Plain computation, no state. */
#ifndef COMPUTESIM_NUMBER_H
#define COMPUTESIM_NUMBER_H

enum num_status { NUM_OK, NUM_MALFORMED, NUM_NONFINITE, NUM_TEXT };

/* s as a number into *out; pct: a trailing '%' is allowed (value / 100).
 * NUM_OK, or why not: NUM_MALFORMED (a number with junk, "1e", "1.2.3"),
 * NUM_NONFINITE ("inf", "nan", or past a double's range), NUM_TEXT (no
 * number at all). *out is written only on NUM_OK. */
enum num_status number_parse(const char *s, int pct, double *out);

#endif
