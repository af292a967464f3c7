/* text.c — user text made safe to print, the one way (text.h). */
#include <stdio.h>
#include <string.h>

#include "text.h"

/* See text.h. */
size_t text_utf8_len(const unsigned char *s)
{
	size_t n;
	unsigned cp;

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
	return n;
}

/* See text.h. */
void text_escape(char *out, size_t n, const char *src, size_t len,
		       int keep_nl)
{
	size_t o = 0, i = 0;

	while (i < len) {
		const unsigned char *s = (const unsigned char *)src + i;
		size_t k = text_utf8_len(s);

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
