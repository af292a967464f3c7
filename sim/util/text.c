/* text.c — user text made safe to print, the one way (text.h). */
#include <stdio.h>
#include <string.h>

#include "text.h"

/* Length of the valid UTF-8 sequence at s (1..4), with its code point
 * in *out; 0 if invalid (text_utf8_len). */
static size_t utf8_decode(const unsigned char *s, unsigned *out)
{
	size_t n;
	unsigned cp;

	*out = s[0];
	if (s[0] < 0x80)
		return 1;
	if ((s[0] & 0xE0) == 0xC0)
		n = 2, cp = s[0] & 0x1F;
	else if ((s[0] & 0xF0) == 0xE0)
		n = 3, cp = s[0] & 0x0F;
	else if ((s[0] & 0xF8) == 0xF0)
		n = 4, cp = s[0] & 0x07;
	else
		return 0;
	for (size_t i = 1; i < n; i++) {
		if ((s[i] & 0xC0) != 0x80)
			return 0;
		cp = cp << 6 | (s[i] & 0x3F);
	}
	if ((n == 2 && cp < 0x80) || (n == 3 && cp < 0x800) ||
	    (n == 4 && (cp < 0x10000 || cp > 0x10FFFF)) ||
	    (cp >= 0xD800 && cp <= 0xDFFF))
		return 0;
	*out = cp;
	return n;
}

/* See text.h. */
size_t text_utf8_len(const unsigned char *s)
{
	unsigned cp;

	return utf8_decode(s, &cp);
}

/* See text.h. */
size_t text_utf8_decode(const char *s, unsigned long *cp)
{
	unsigned c;
	size_t k = utf8_decode((const unsigned char *)s, &c);

	*cp = k ? c : 0xFFFD;	/* an invalid byte: 1 byte of U+FFFD */
	return k ? k : 1;
}

/* 1 for a character a terminal acts on or hides rather than shows: C1
 * controls, the zero-width space, direction marks, line and paragraph
 * separators, embeddings and overrides (U+202E turns the rest of a line
 * around), word joiners and isolates, BOM. Not the zero-width
 * (non-)joiners U+200C and U+200D, which Persian, Indic scripts and
 * emoji use as part of their text. */
static int hidden_char(unsigned cp)
{
	return (cp >= 0x80 && cp <= 0x9F) || cp == 0x200B || cp == 0x200E ||
	       cp == 0x200F || (cp >= 0x2028 && cp <= 0x202E) ||
	       (cp >= 0x2060 && cp <= 0x2069) || cp == 0xFEFF;
}

/* See text.h. */
char *text_chart_clean(char *s)
{
	size_t i = 0, o = 0;

	while (s[i]) {
		const unsigned char *u = (const unsigned char *)s + i;
		unsigned cp;
		size_t k = utf8_decode(u, &cp);

		if (k == 0 || (k == 1 && (u[0] < 0x20 || u[0] == 0x7F)) ||
		    hidden_char(cp)) {
			s[o++] = '?';
			i += k ? k : 1;
			continue;
		}
		memmove(s + o, s + i, k);
		o += k;
		i += k;
	}
	s[o] = '\0';
	return s;
}

/* See text.h. */
void text_escape(char *out, size_t n, const char *src, size_t len,
		       int keep_nl)
{
	size_t o = 0, i = 0;

	while (i < len) {
		const unsigned char *s = (const unsigned char *)src + i;
		unsigned cp;
		size_t k = utf8_decode(s, &cp);

		if (k == 0 || i + k > len || (k == 1 && (s[0] < 0x20 ||
							 s[0] == 0x7F) &&
					     !(keep_nl && s[0] == '\n') &&
					     s[0] != '\t')) {
			if (o + 4 + 4 > n)
				break;
			o += (size_t)snprintf(out + o, n - o, "\\x%02x", s[0]);
			i++;
			continue;
		}
		if (hidden_char(cp)) {	/* whole and valid, >= U+0080 */
			if (o + 8 + 4 > n)
				break;
			o += (size_t)snprintf(out + o, n - o, "\\u%04x", cp);
			i += k;
			continue;
		}
		if (o + k + 4 > n)
			break;
		memcpy(out + o, s, k);
		o += k;
		i += k;
	}
	if (i < len && o + 4 <= n) {
		memcpy(out + o, "...", 3);
		o += 3;
	}
	out[o] = '\0';
}

/* See text.h. */
const char *text_shown(char *out, size_t n, const char *s)
{
	text_escape(out, n, s ? s : "", s ? strlen(s) : 0, 0);
	return out;
}

/* See text.h. */
int text_path_own_name(const char *path)
{
	size_t n = strlen(path), b;

	while (n > 1 && path[n - 1] == '/')
		n--;
	for (b = n; b > 0 && path[b - 1] != '/'; b--)
		;
	return n > b && !(n - b == 1 && path[b] == '.') &&
	       !(n - b == 2 && path[b] == '.' && path[b + 1] == '.');
}
