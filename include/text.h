/* text.h — user text made safe to print: the one escaper of computesim,
 * for every message that quotes a file's, an argument's or a program's
 * text (the loader's messages, gnuplot's output, chart tables). Plain
 * computation on the caller's buffers. */
#ifndef COMPUTESIM_TEXT_H
#define COMPUTESIM_TEXT_H

#include <stddef.h>

/* Length of the valid UTF-8 sequence at s (1..4; shortest form, no
 * surrogates), or 0 if invalid. s is NUL-terminated or long enough. */
size_t text_utf8_len(const unsigned char *s);

/* src[0..len) into out (size n >= 8) for a message: control characters
 * (tab aside; newlines too unless keep_nl) and bytes of invalid UTF-8 as
 * \xHH, C1 controls and the invisible characters that reorder, break or
 * hide text (U+200B, U+200E, U+200F, U+2028-U+202E, U+2060-U+2069,
 * U+FEFF; not the joiners U+200C and U+200D) as \uHHHH,
 * so that a terminal is never sent an escape sequence nor a line turned
 * around; cut whole characters at a time, with "..." when it did not
 * fit. */
void text_escape(char *out, size_t n, const char *src, size_t len,
		 int keep_nl);

/* s (NULL: "") as text_escape shows it, newlines escaped too, in out
 * (size n >= 8); returns out. For user text in a line of output, such as
 * a scenario's name in a heading. */
const char *text_shown(char *out, size_t n, const char *s);

/* s made fit for a chart, in place: each control character, DEL, byte
 * of invalid UTF-8 and character a terminal would hide or act on (as
 * text_escape escapes: C1 controls, direction marks and overrides, the
 * zero-width space, BOM...) becomes '?' (U+202E would turn the rest of
 * a title around). Returns s. */
char *text_chart_clean(char *s);

/* Display width of text on the charts (textwrap.c), with no locale:
 * the UTF-8 is decoded by hand. */

/* Columns of code point cp: 2 for the East Asian Wide and Fullwidth
 * ranges of Markus Kuhn's wcwidth (Hangul Jamo, CJK, kana, Hangul
 * syllables, fullwidth forms, planes 2 and 3), else 1. */
int text_cp_width(unsigned long cp);

/* The character at s (not at its NUL): its length in bytes (1..4) and
 * code point in *cp; a byte of invalid UTF-8 is 1 byte, U+FFFD. */
size_t text_utf8_decode(const char *s, unsigned long *cp);

/* Columns of s (text_cp_width of each character). */
size_t text_width(const char *s);

/* s word-wrapped into out (size n) on lines of at most w columns (w >=
 * 2), parted by '\n': a line breaks at its last space, or between two
 * characters one of which is wide (not before a closing mark or CJK
 * punctuation, not after an opening mark); a first word of at most
 * w + slack columns stays whole on its line, a longer one is cut after
 * w - 1 columns with a hyphen (after w when its w-th column is a
 * hyphen, or the cut is next to a wide character: no hyphen); a word
 * of code (with '.', '_', '=', '/' or ':': a path, PATH=VALUE) gets no
 * hyphen, which would read as its own, and breaks after the last of
 * those marks or '-' in the second half of the line, else at w columns. maxlines
 * > 0: at most that many lines, the last ending in "…" (within w
 * columns) when text was left out. Never cuts inside a character, the
 * buffer being too small included. Returns the number of lines. */
int text_wrap(char *out, size_t n, const char *s, size_t w, size_t slack,
	      int maxlines);

/* The plural's "s" of a count: "" for 1 ("1 trial", "2 trials"). */
static inline const char *text_s(long long n)
{
	return n == 1 ? "" : "s";
}

/* Whether path, its trailing slashes aside, ends in a name of its own:
 * not empty ("/"), "." or "..". An output directory must (the loader's
 * output.dir, outdir.c's --out): the run replaces it whole. */
int text_path_own_name(const char *path);

#endif
