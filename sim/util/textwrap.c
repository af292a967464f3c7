/* textwrap.c — display width and word wrap of UTF-8 text for the charts
 * (text.h): East Asian wide and fullwidth characters take two columns,
 * decoded by hand from the bytes (no locale, no wcwidth), and a line is
 * never cut inside a character. */
#include <string.h>

#include "text.h"

/* See text.h. The ranges of Markus Kuhn's wcwidth.c (2007): East Asian
 * Wide (W) and Fullwidth (F) of Unicode 5.0. */
int text_cp_width(unsigned long cp)
{
	static const unsigned long wide[][2] = {
		{0x1100, 0x115F},	/* Hangul Jamo initial consonants */
		{0x2329, 0x232A},	/* angle brackets */
		{0x2E80, 0x303E},	/* CJK radicals ... CJK symbols */
		{0x3040, 0xA4CF},	/* kana ... CJK ideographs ... Yi */
		{0xAC00, 0xD7A3},	/* Hangul syllables */
		{0xF900, 0xFAFF},	/* CJK compatibility ideographs */
		{0xFE10, 0xFE19},	/* vertical forms */
		{0xFE30, 0xFE6F},	/* CJK compatibility forms */
		{0xFF00, 0xFF60},	/* fullwidth forms */
		{0xFFE0, 0xFFE6},	/* fullwidth signs */
		{0x20000, 0x2FFFD},	/* CJK extensions B ... */
		{0x30000, 0x3FFFD},
	};

	for (size_t k = 0; k < sizeof wide / sizeof wide[0]; k++)
		if (cp >= wide[k][0] && cp <= wide[k][1])
			return 2;
	return 1;
}

/* Columns of s[a, b). */
static size_t span_width(const char *s, size_t a, size_t b)
{
	size_t cols = 0;
	unsigned long cp;

	while (a < b) {
		a += text_utf8_decode(s + a, &cp);
		cols += (size_t)text_cp_width(cp);
	}
	return cols;
}

/* See text.h. */
size_t text_width(const char *s)
{
	return span_width(s, 0, strlen(s));
}

/* Characters a line should not start with (closing marks, CJK
 * punctuation, the prolonged sound mark) or end with (opening marks):
 * the simplest of the CJK line-breaking rules, for the breaks between
 * wide characters. */
static int in_set(unsigned long c, const unsigned short *set, size_t n)
{
	for (size_t k = 0; k < n; k++)
		if (c == set[k])
			return 1;
	return 0;
}

static int no_break_before(unsigned long c)
{
	static const unsigned short set[] = {
		0x3001, 0x3002, 0x3005, 0x3009, 0x300B, 0x300D, 0x300F,
		0x3011, 0x3015, 0x30FC, 0xFF01, 0xFF09, 0xFF0C, 0xFF0E,
		0xFF1A, 0xFF1B, 0xFF1F,
	};

	return in_set(c, set, sizeof set / sizeof set[0]);
}

static int no_break_after(unsigned long c)
{
	static const unsigned short set[] = {
		0x3008, 0x300A, 0x300C, 0x300E, 0x3010, 0x3014, 0xFF08,
	};

	return in_set(c, set, sizeof set / sizeof set[0]);
}

/* The marks that make a word code rather than prose. */
#define CODE_MARKS "._=/:"

/* Whether the word around byte at of s (from the space before it to
 * the one after it) is code: a line cut inside it sees it whole. */
static int code_word(const char *s, size_t at)
{
	size_t a = at, n;

	while (a > 0 && s[a - 1] != ' ')
		a--;
	n = strcspn(s + a, " ");
	for (size_t k = 0; k < n; k++)
		if (strchr(CODE_MARKS, s[a + k]))
			return 1;
	return 0;
}

/* One line of s from byte start, at most w columns (w >= 1): its bytes
 * [start, *end) (trailing spaces left out), the next line's start *next
 * (spaces not skipped) and whether a hyphen ends it (*hyph). A line
 * breaks at its last space, or between two characters one of which is
 * wide, that leaves it at most w columns; with none, a first word of at
 * most w + slack columns stays whole, a longer one is cut (after w - 1
 * columns and a hyphen, after w at a hyphen of its own or next to a wide
 * character; a word of code after its last mark, code_word). cut: never keep a word whole, never add a hyphen (the
 * line an ellipsis ends). */
static void one_line(const char *s, size_t start, size_t w, size_t slack,
		     int cut, size_t *end, size_t *next, int *hyph)
{
	size_t i = start, pi = start, col = 0, bend = 0, bnext = 0;
	unsigned long cp, prev = ' ';
	int pw = 1, have = 0, cw = 1;

	*hyph = 0;
	while (s[i]) {
		size_t k = text_utf8_decode(s + i, &cp);

		cw = text_cp_width(cp);
		if (cp == ' ') {
			if (i > start)
				bend = i, bnext = i + 1, have = 1;
		} else if (i > start && prev != ' ' && (pw == 2 || cw == 2) &&
			   !no_break_before(cp) && !no_break_after(prev)) {
			bend = i, bnext = i, have = 1;
		}
		if (cp != ' ' && col + (size_t)cw > w)
			break;
		col += (size_t)cw;
		prev = cp, pw = cw, pi = i;
		i += k;
	}
	if (!s[i] || have) {
		*end = s[i] ? bend : i;
		*next = s[i] ? bnext : i;
		while (*end > start && s[*end - 1] == ' ')
			(*end)--;
		return;
	}
	if (!cut) {	/* a first word a little too long stays whole */
		size_t we = start + strcspn(s + start, " ");

		if (span_width(s, start, we) <= w + slack) {
			*end = we;
			*next = we;
			return;
		}
	}
	if (i == start) {	/* one character wider than the line */
		/* the ellipsis's line (w - 1 = 1, a wide character): the
		 * ellipsis alone, within w */
		*end = *next = cut ? i : i + text_utf8_decode(s + i, &cp);
		return;
	}
	*end = *next = i;
	if (cut || pw == 2 || cw == 2)
		return;
	/* a word of code (a path, PATH=VALUE: it has '.', '_', '=', '/' or
	 * ':') is never given a hyphen, which would read as part of it
	 * ("power_gw=-1000", "growth.-then"): it breaks after its last
	 * such mark in the second half of the line, else at the cut; a
	 * minus sign after '=' or ':' goes to the next line with its
	 * number ("price_change=-" then "0.05" would read as 0.05) */
	if (code_word(s, start)) {
		for (size_t q = i; q > start + (i - start) / 2; q--)
			if (strchr(CODE_MARKS "-", s[q - 1])) {
				if (s[q - 1] == '-' && q - 1 > start &&
				    strchr("=:", s[q - 2]))
					q--;
				*end = *next = q;
				return;
			}
		return;
	}
	if (prev == '-')
		return;
	/* a hyphen takes the last column, unless the cut follows one */
	if (pi > start) {
		*end = *next = pi;
		*hyph = s[pi - 1] != '-';
	}
}

/* Columns of s less its trailing spaces. */
static size_t rest_width(const char *s)
{
	size_t n = strlen(s);

	while (n > 0 && s[n - 1] == ' ')
		n--;
	return span_width(s, 0, n);
}

/* p[0..len) at out + *o when it fits with the NUL, else *full. */
static void put(char *out, size_t n, size_t *o, const char *p, size_t len,
		int *full)
{
	if (!*full && *o + len < n) {
		memcpy(out + *o, p, len);
		*o += len;
	} else {
		*full = 1;
	}
}

/* See text.h. */
int text_wrap(char *out, size_t n, const char *s, size_t w, size_t slack,
	      int maxlines)
{
	size_t pos = 0, o = 0;
	int lines = 0, full = 0;

	if (n == 0)
		return 0;
	if (w < 2)
		w = 2;
	while (s[pos] == ' ')
		pos++;
	while (s[pos] && !full) {
		size_t end, next;
		int hyph, last = maxlines > 0 && lines == maxlines - 1 &&
				 rest_width(s + pos) > w;

		one_line(s, pos, last ? w - 1 : w, slack, last, &end, &next,
			 &hyph);
		size_t ls = o;

		if (lines)
			put(out, n, &o, "\n", 1, &full);
		/* whole characters, so that a full buffer cuts none */
		for (size_t j = pos; j < end && !full;) {
			unsigned long c;
			size_t k = text_utf8_decode(s + j, &c);

			put(out, n, &o, s + j, k, &full);
			j += k;
		}
		if (hyph)
			put(out, n, &o, "-", 1, &full);
		if (last)
			put(out, n, &o, "\xE2\x80\xA6", 3, &full);	/* … */
		if (full && o <= ls + (lines ? 1 : 0)) {
			o = ls;	/* none of the line fit: neither it nor its
				 * line break is in out, nor counted */
			break;
		}
		lines++;
		if (last)
			break;
		pos = next;
		while (s[pos] == ' ')
			pos++;
	}
	out[o] = '\0';
	return lines;
}
