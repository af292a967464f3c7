/* yamltext.h — the raw text under the YAML reader: is it text YAML can
 * read, and where is a byte or a libyaml mark in it.
 *
 * yamlread.c checks the bytes with yamltext_check() before libyaml sees
 * them (libyaml's own reader errors name no line), and maps libyaml's marks
 * back to bytes to look at the text around an error. Line breaks are
 * libyaml's set (LF, CR, CRLF, NEL, LS, PS) and columns count characters,
 * as libyaml's do. Nothing here allocates. */
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

/* 1-based line and column of byte offset off (off <= length of buf). */
void yamltext_pos(const char *buf, size_t off, int *line, int *col);

/* The byte offset of the last quote that opens a value, is not closed on
 * its line and is still open at byte stop (where libyaml gave up), among
 * the 0-based lines first..last of buf; -1 if none. A hint for syntax
 * errors: a quoted text that spans lines and closes is valid YAML. */
long yamltext_unclosed_quote(const char *buf, size_t len, size_t first,
			     size_t last, size_t stop);

#endif
