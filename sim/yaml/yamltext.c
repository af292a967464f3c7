/* yamltext.c — byte-level checks and positions for the YAML reader; see
 * yamltext.h. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <stddef.h>

#include "yamltext.h"

/* Length of the line break at s (libyaml's set: LF, CR, CRLF, NEL, LS,
 * PS), 0 if none. */
static size_t break_len(const unsigned char *s, size_t left)
{
	if (left >= 1 && s[0] == '\n')
		return 1;
	if (left >= 1 && s[0] == '\r')
		return left >= 2 && s[1] == '\n' ? 2 : 1;
	if (left >= 2 && s[0] == 0xC2 && s[1] == 0x85)
		return 2;
	if (left >= 3 && s[0] == 0xE2 && s[1] == 0x80 &&
	    (s[2] == 0xA8 || s[2] == 0xA9))
		return 3;
	return 0;
}

size_t yamltext_offset(const char *buf, size_t len, size_t line,
		       size_t col)
{
	const unsigned char *s = (const unsigned char *)buf;
	size_t i = 0, bl;

	while (line > 0 && i < len) {
		bl = break_len(s + i, len - i);
		if (bl) {
			i += bl;
			line--;
		} else {
			i++;
		}
	}
	while (col > 0 && i < len && !break_len(s + i, len - i)) {
		i++;
		while (i < len && (s[i] & 0xC0) == 0x80)
			i++;
		col--;
	}
	return i;
}

/* Length of an editor's line break at s (LF, CR, CRLF), 0 if none. */
static size_t editor_break_len(const unsigned char *s, size_t left)
{
	if (left >= 1 && s[0] == '\n')
		return 1;
	if (left >= 1 && s[0] == '\r')
		return left >= 2 && s[1] == '\n' ? 2 : 1;
	return 0;
}

void yamltext_pos(const char *buf, size_t off, int *line, int *col)
{
	const unsigned char *s = (const unsigned char *)buf;
	size_t i = 0, bl;
	int l = 1, c = 1;

	while (i < off) {
		bl = editor_break_len(s + i, off - i);
		if (bl) {
			i += bl;
			l++;
			c = 1;
			continue;
		}
		i++;
		while (i < off && (s[i] & 0xC0) == 0x80)
			i++;
		c++;
	}
	*line = l;
	*col = c;
}

/* A short, printable form of a key for messages. */
const char *yamltext_show(const char *s, char *out, size_t size)
{
	size_t i = 0, j = 0;

	while (s[i] && j + 4 < size) {
		unsigned char c = (unsigned char)s[i++];
		out[j++] = c < 0x20 || c == 0x7F ? '?' : (char)c;
	}
	if (s[i]) {
		/* do not cut a UTF-8 sequence in half */
		while (j > 0 && ((unsigned char)out[j - 1] & 0xC0) == 0x80)
			j--;
		if (j > 0 && ((unsigned char)out[j - 1] & 0xC0) == 0xC0)
			j--;
		memcpy(out + j, "...", 3);
		j += 3;
	}
	out[j] = '\0';
	return out;
}

int yamltext_lines_new(struct yamltext_lines *t, const char *buf,
		       size_t len)
{
	const unsigned char *s = (const unsigned char *)buf;
	size_t i, bl, nb = 0, odd = 0, y = 0;
	int l = 1, c0 = 0;

	t->n = 0;
	t->line = t->col0 = NULL;
	for (i = 0; i < len; i += bl ? bl : 1) {
		bl = break_len(s + i, len - i);
		if (bl) {
			nb++;
			odd += !editor_break_len(s + i, len - i);
		}
	}
	if (odd == 0)
		return 0;
	t->line = malloc((nb + 1) * sizeof *t->line);
	t->col0 = malloc((nb + 1) * sizeof *t->col0);
	if (!t->line || !t->col0) {
		yamltext_lines_free(t);
		return -1;
	}
	t->line[0] = 1;
	t->col0[0] = 0;
	i = 0;
	if (len >= 3 && s[0] == 0xEF && s[1] == 0xBB && s[2] == 0xBF)
		i = 3;	/* a byte-order mark: no column, to libyaml either */
	for (; i < len;) {
		bl = break_len(s + i, len - i);
		if (!bl) {
			i++;
			while (i < len && (s[i] & 0xC0) == 0x80)
				i++;
			c0++;
			continue;
		}
		if (editor_break_len(s + i, len - i)) {
			l++;
			c0 = 0;
		} else {
			c0++;	/* NEL, LS, PS: a character of the line */
		}
		i += bl;
		y++;
		t->line[y] = l;
		t->col0[y] = c0;
	}
	t->n = nb + 1;
	return 0;
}

void yamltext_break_hint(const struct yamltext_lines *t, const char *buf,
			 size_t len, int line, int from, char *hint, size_t n)
{
	const unsigned char *s = (const unsigned char *)buf;

	if (n > 0)
		hint[0] = '\0';
	/* the table's lines after a NEL, LS or PS are those that start
	 * inside an editor's line (col0 > 0): the last up to `line` */
	for (size_t y = t->n; y-- > 1;) {
		size_t off;
		unsigned cp;

		if (t->col0[y] == 0 || t->line[y] > line)
			continue;
		if (t->line[y] < from)
			return;
		off = yamltext_offset(buf, len, y, 0);	/* just past it */
		cp = off >= 2 && s[off - 2] == 0xC2 ? 0x85u :
		     s[off - 1] == 0xA8 ? 0x2028u : 0x2029u;
		snprintf(hint, n, "; the U+%04X at line %d, column %d is a "
			 "line break to YAML: remove it, or write it \\u%04X "
			 "inside double quotes", cp, t->line[y], t->col0[y],
			 cp);
		return;
	}
}

void yamltext_lines_free(struct yamltext_lines *t)
{
	free(t->line);
	free(t->col0);
	t->line = t->col0 = NULL;
	t->n = 0;
}

void yamltext_lines_pos(const struct yamltext_lines *t, size_t line,
			size_t col, int *oline, int *ocol)
{
	if (line < t->n) {
		*oline = t->line[line];
		*ocol = t->col0[line] + (int)col + 1;
	} else if (t->n > 0) {	/* past the last break: libyaml's mark at
				 * the end of a file without a final one */
		*oline = t->line[t->n - 1] + (int)(line - (t->n - 1));
		*ocol = (int)col + 1;
	} else {
		*oline = (int)line + 1;
		*ocol = (int)col + 1;
	}
}

/* Length of the valid UTF-8 sequence at s (shortest form, no surrogates,
 * at most U+10FFFF), or 0 if it is not valid. */
static size_t utf8_len(const unsigned char *s, size_t left, uint32_t *cp)
{
	uint32_t c;
	size_t n, k;

	if (s[0] < 0x80) {
		*cp = s[0];
		return 1;
	}
	if (s[0] >= 0xC2 && s[0] <= 0xDF) {
		n = 2;
		c = s[0] & 0x1F;
	} else if (s[0] >= 0xE0 && s[0] <= 0xEF) {
		n = 3;
		c = s[0] & 0x0F;
	} else if (s[0] >= 0xF0 && s[0] <= 0xF4) {
		n = 4;
		c = s[0] & 0x07;
	} else {
		return 0;
	}
	if (left < n)
		return 0;
	for (k = 1; k < n; k++) {
		if ((s[k] & 0xC0) != 0x80)
			return 0;
		c = (c << 6) | (s[k] & 0x3F);
	}
	if ((n == 3 && c < 0x800) || (n == 4 && c < 0x10000) ||
	    c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF))
		return 0;
	*cp = c;
	return n;
}

/* Offset of the first NUL byte or invalid UTF-8 at or after i, or len. */
static size_t find_binary(const unsigned char *s, size_t len, size_t i)
{
	uint32_t cp;
	size_t n;

	while (i < len) {
		n = s[i] ? utf8_len(s + i, len - i, &cp) : 0;
		if (n == 0)
			return i;
		i += n;
	}
	return len;
}

/* See yamltext.h. A control character in a file that also holds binary
 * data further on is reported as binary data, at the control character
 * (an ELF file starts with 0x7F); one in a file of otherwise good text is
 * named. */
int yamltext_check(const char *buf, size_t len, const char *file,
		   struct diag *d)
{
	const unsigned char *s = (const unsigned char *)buf;
	size_t i = 0, n;
	uint32_t cp;
	int line, col;

	if (len >= 2 && ((s[0] == 0xFF && s[1] == 0xFE) ||
			 (s[0] == 0xFE && s[1] == 0xFF))) {
		diag_error(d, file, 1, 1,
			   "file is UTF-16 text; computesim reads UTF-8 "
			   "(save it as UTF-8)");
		return -1;
	}
	while (i < len) {
		n = s[i] ? utf8_len(s + i, len - i, &cp) : 0;
		if (n == 0) {
			yamltext_pos(buf, i, &line, &col);
			diag_error(d, file, line, col,
				   "not a text file (binary data at byte %zu)",
				   i + 1);
			return -1;
		}
		if ((cp < 0x20 && cp != '\t' && cp != '\n' && cp != '\r') ||
		    cp == 0x7F || (cp >= 0x80 && cp <= 0x9F && cp != 0x85) ||
		    cp == 0xFFFE || cp == 0xFFFF) {
			yamltext_pos(buf, i, &line, &col);
			if (find_binary(s, len, i + n) < len)
				diag_error(d, file, line, col,
					   "not a text file (binary data at "
					   "byte %zu)", i + 1);
			else
				diag_error(d, file, line, col,
					   "control character U+%04X is not "
					   "allowed in YAML (byte %zu)",
					   (unsigned)cp, i + 1);
			return -1;
		}
		i += n;
	}
	return 0;
}

/* Does the quoted text opened at buf[open] close before byte stop (on a
 * later line: YAML allows that)? In "..." a backslash escapes the next
 * byte; in '...' a doubled quote is a quote. A quote on a later line
 * where a value would start (after a blank, `:`, `-`, ...) is the next
 * value's opening quote that libyaml took as the close: the text was
 * left open. */
static int closes_before(const char *buf, size_t len, size_t open,
			 size_t stop)
{
	char q = buf[open];
	int nl = 0;

	for (size_t i = open + 1; i < len && i < stop; i++) {
		if (buf[i] == '\n')
			nl = 1;
		if (q == '"' && buf[i] == '\\') {
			i++;
			continue;
		}
		if (buf[i] != q)
			continue;
		if (q == '\'' && i + 1 < len && buf[i + 1] == '\'') {
			i++;
			continue;
		}
		return !(nl && strchr(" \t:[{,-", buf[i - 1]));
	}
	return 0;
}

/* See yamltext.h. A quote that opens a text and is not closed on its line, on one of the
 * lines [first, last] (0-based) of buf; the last such, as a byte offset,
 * or -1. A quote opens a text only where a value can start (after a
 * blank, `:`, `[`, `{`, `,` or at the line's start), so the apostrophe in
 * `Meta's` is not one; a `#` after a blank outside quotes ends the line.
 * For syntax errors only, where a hint that is sometimes wrong costs
 * little: YAML allows quoted texts over several lines. */
long yamltext_unclosed_quote(const char *buf, size_t len, size_t first,
			     size_t last, size_t stop)
{
	size_t line = 0, i = 0;
	long found = -1;

	while (i < len && line < first)
		if (buf[i++] == '\n')
			line++;
	for (; i < len && line <= last; line++) {
		char q = 0;
		size_t open = 0;

		for (; i < len && buf[i] != '\n'; i++) {
			char c = buf[i], prev = i > 0 ? buf[i - 1] : '\n';

			if (!q && c == '#' && (prev == ' ' || prev == '\t' ||
					       prev == '\n'))
				break;
			if (q == '"' && c == '\\') {
				i++;	/* an escape: skip what it escapes */
				continue;
			}
			if (q && c == q) {
				q = 0;
			} else if (!q && (c == '"' || c == '\'') &&
				   strchr(" \t:[{,\n-", prev)) {
				q = c;
				open = i;
			}
		}
		if (q && !closes_before(buf, len, open, stop))
			found = (long)open;
		while (i < len && buf[i] != '\n')
			i++;
		i++;	/* past the newline */
	}
	return found;
}
