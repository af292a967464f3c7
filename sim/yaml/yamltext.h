/* yamltext.h — the raw text under the YAML reader: is it text YAML can
 * read, and where is a byte or a libyaml mark in it.
 *
 * yamlread.c checks the bytes with yamltext_check() before libyaml sees
 * them (libyaml's own reader errors name no line), and maps libyaml's marks
 * back to bytes to look at the text around an error. Marks count lines by
 * libyaml's set of breaks (LF, CR, CRLF, NEL, LS, PS), positions reported
 * to the user by the editor's (LF, CR, CRLF); columns count characters,
 * as libyaml's do. Only yamltext_lines_new allocates. */
#ifndef COMPUTESIM_YAMLTEXT_H
#define COMPUTESIM_YAMLTEXT_H

#include <stddef.h>
#include "diag.h"

/* 0 when buf is UTF-8 text YAML accepts. Otherwise one error in d and -1:
 * "not a text file (binary data at byte N)" for a NUL byte or invalid
 * UTF-8 (N counted from 1, at that byte's line and column), "control
 * character U+XXXX is not allowed in YAML (byte N)", or "file is UTF-16
 * text; ..." for a UTF-16 byte-order mark. */
int yamltext_check(const char *buf, size_t len, const char *file,
		   struct diag *d);

/* Byte offset of the 0-based (line, column) mark in buf; len if the mark
 * lies past the end. */
size_t yamltext_offset(const char *buf, size_t len, size_t line, size_t col);

/* 1-based line and column of byte offset off (off <= length of buf), as
 * an editor, grep -n or sed counts them: lines end at LF, CR or CRLF
 * only; NEL, LS and PS are characters of their line. */
void yamltext_pos(const char *buf, size_t off, int *line, int *col);

/* The same for libyaml's marks, whose lines also end at NEL (U+0085), LS
 * (U+2028) and PS (U+2029): a text holding one would otherwise shift the
 * line of every message after it. For each of libyaml's 0-based lines,
 * the editor's 1-based line it starts on and the characters before it
 * there; n = 0 (no tables) when buf holds none of the three, where the
 * two counts agree. */
struct yamltext_lines {
	size_t n;
	int *line, *col0;
};

/* Fill t for buf; 0, or -1 when the tables cannot be allocated. */
int yamltext_lines_new(struct yamltext_lines *t, const char *buf,
		       size_t len);
void yamltext_lines_free(struct yamltext_lines *t);

/* 1-based line and column of libyaml's 0-based mark (line, col). */
void yamltext_lines_pos(const struct yamltext_lines *t, size_t line,
			size_t col, int *oline, int *ocol);

/* A short, printable form of s for messages in out (size bytes): control
 * characters as '?', cut with "..." (never inside a UTF-8 sequence). */
const char *yamltext_show(const char *s, char *out, size_t size);

/* The hint for a syntax error on the editor's 1-based line `line`: when
 * the last NEL, LS or PS up to that line (from t, yamltext_lines_new's
 * table of buf) is on a line `from` or later, "; the U+2028 at line L,
 * column C is a line break to YAML: ...", else "", in hint (n bytes). */
void yamltext_break_hint(const struct yamltext_lines *t, const char *buf,
			 size_t len, int line, int from, char *hint, size_t n);

/* The byte offset of the last quote that opens a value, is not closed on
 * its line and is still open at byte stop (where libyaml gave up), among
 * the 0-based lines first..last of buf; -1 if none. A hint for syntax
 * errors: a quoted text that spans lines and closes is valid YAML. */
long yamltext_unclosed_quote(const char *buf, size_t len, size_t first,
			     size_t last, size_t stop);

#endif
