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
