/* check_alloc.c — the loader under an allocator that fails, as SQLite's
 * tests do: for every k, scenario_load_buffer() of a scenario using every
 * part of the format (tests/data/model-v2.yaml, with --set arguments)
 * runs with the k-th allocation of the project's code failing. It must
 * not crash, must refuse the scenario with an error (none of it half
 * loaded), and must free everything (the ASan build's leak check sees
 * the rest). The test binary is linked with -Wl,--wrap for malloc,
 * calloc, realloc and strdup (Makefile); allocations inside libyaml and
 * libc are not counted. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sample.h"
#include "scenario.h"
#include "testutil.h"

void *__real_malloc(size_t n);
void *__real_calloc(size_t a, size_t b);
void *__real_realloc(void *p, size_t n);
char *__real_strdup(const char *s);

static long fail_at = -1;	/* the allocation that fails; -1 none */
static long count;

static int fail_now(void)
{
	return fail_at >= 0 && count++ == fail_at;
}

void *__wrap_malloc(size_t n)
{
	return fail_now() ? NULL : __real_malloc(n);
}

void *__wrap_calloc(size_t a, size_t b)
{
	return fail_now() ? NULL : __real_calloc(a, b);
}

void *__wrap_realloc(void *p, size_t n)
{
	return fail_now() ? NULL : __real_realloc(p, n);
}

char *__wrap_strdup(const char *s)
{
	return fail_now() ? NULL : __real_strdup(s);
}

static char *slurp_data(const char *name, size_t *len)
{
	const char *root = getenv("CS_ROOT");
	char path[4096];
	FILE *f;
	char *buf;
	long n;

	snprintf(path, sizeof path, "%s/tests/data/%s", root ? root : ".",
		 name);
	f = fopen(path, "rb");
	ck_assert_ptr_nonnull(f);
	fseek(f, 0, SEEK_END);
	n = ftell(f);
	rewind(f);
	buf = __real_malloc((size_t)n + 1);
	ck_assert_ptr_nonnull(buf);
	ck_assert_int_eq(fread(buf, 1, (size_t)n, f), n);
	buf[n] = '\0';
	fclose(f);
	*len = (size_t)n;
	return buf;
}

START_TEST(test_alloc_every_failure_refused_cleanly)
{
	static const struct scenario_set sets[] = {
		{"supply.capex_response.cap=1.4", "supply.capex_response.cap",
		 "1.4"},
		{"industry.growth={2026: 50%, then_growth: -10%}",
		 "industry.growth", "{2026: 50%, then_growth: -10%}"},
	};
	size_t len;
	char *buf = slurp_data("model-v2.yaml", &len);
	long k, total;
	int refused = 0;

	/* how many allocations a load makes */
	fail_at = -1;
	count = 0;
	{
		struct scenario *sc = NULL;
		struct diag d;

		diag_init(&d);
		ck_assert_int_eq(scenario_load_buffer(&sc, buf, len, "v2.yaml",
						      sets, 2, sample_check,
						      &d), 0);
		scenario_free(sc);
		diag_free(&d);
	}
	fail_at = 0;
	count = 0;
	for (k = 0;; k++) {
		struct scenario *sc = NULL;
		struct diag d;
		int rc;

		fail_at = k;
		count = 0;
		diag_init(&d);
		rc = scenario_load_buffer(&sc, buf, len, "v2.yaml", sets, 2,
					  sample_check, &d);
		total = count;
		fail_at = -1;
		if (total <= k) {	/* no allocation failed: done */
			ck_assert_int_eq(rc, 0);
			scenario_free(sc);
			diag_free(&d);
			break;
		}
		/* the k-th failed: refused whole, with an error */
		ck_assert_msg(rc == -1 && sc == NULL,
			      "allocation %ld failed, yet the load returned %d",
			      k, rc);
		ck_assert_msg(d.nerr > 0, "allocation %ld: no error", k);
		refused++;
		diag_free(&d);
	}
	ck_assert_int_gt(refused, 100);
	free(buf);
}
END_TEST

static Suite *alloc_suite(void)
{
	Suite *s = suite_create("alloc");
	TCase *tc = tcase_create("core");

	tcase_add_test(tc, test_alloc_every_failure_refused_cleanly);
	suite_add_tcase(s, tc);
	return s;
}

CHECK_MAIN(alloc_suite)
