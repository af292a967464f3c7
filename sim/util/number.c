/* number.c — the one number syntax of computesim (docs/format.md "Values"):
 * scenario values, --set values, command-line numbers and the chart
 * tables all read numbers through number_parse(); see number.h. */
#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "number.h"

/* Length of the decimal number at the start of s: [+-] digits [. digits]
 * [e [+-] digits], with at least one mantissa digit; 0 if none. */
static size_t decimal_len(const char *s)
{
	size_t i = 0, digits = 0;

	if (s[i] == '+' || s[i] == '-')
		i++;
	while (isdigit((unsigned char)s[i]))
		i++, digits++;
	if (s[i] == '.') {
		i++;
		while (isdigit((unsigned char)s[i]))
			i++, digits++;
	}
	if (!digits)
		return 0;
	if (s[i] == 'e' || s[i] == 'E') {
		size_t j = i + 1;

		if (s[j] == '+' || s[j] == '-')
			j++;
		if (!isdigit((unsigned char)s[j]))
			return i;
		while (isdigit((unsigned char)s[j]))
			j++;
		i = j;
	}
	return i;
}

static int is_nonfinite_word(const char *s)
{
	static const char *words[] = {".inf", ".nan", "inf", "nan",
				      "infinity"};

	if (*s == '+' || *s == '-')
		s++;
	for (size_t i = 0; i < sizeof words / sizeof words[0]; i++)
		if (strcasecmp(s, words[i]) == 0)
			return 1;
	return 0;
}

enum num_status number_parse(const char *s, int pct, double *out)
{
	size_t n = decimal_len(s);
	char *end;
	double v;

	if (is_nonfinite_word(s))
		return NUM_NONFINITE;
	if (n == 0) {
		const char *p = s + (*s == '+' || *s == '-');
		return isdigit((unsigned char)*p) || *p == '.' || p != s ?
		       NUM_MALFORMED : NUM_TEXT;
	}
	if (!(s[n] == '\0' || (pct && s[n] == '%' && s[n + 1] == '\0')))
		return NUM_MALFORMED;
	errno = 0;
	v = strtod(s, &end);
	if (end != s + n)
		return NUM_MALFORMED;
	if (!isfinite(v) || (errno == ERANGE && fabs(v) > 1))
		return NUM_NONFINITE;
	*out = s[n] == '%' ? v / 100 : v;
	return NUM_OK;
}

