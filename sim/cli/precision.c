/* precision.c — --precision METRIC=SE: parse the targets, decide between
 * rounds whether every one is met, and report the standard errors the
 * run ended with. See precision.h and docs/notes-engine.md. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "precision.h"
#include "text.h"

void precision_free(struct precision *pr)
{
	free(pr->t);
	pr->t = NULL;
	pr->n = 0;
}

/* One METRIC=SE into t; problems to d. 0 or -1. */
static int parse_one(struct precision_target *t, const struct scenario *sc,
		     const char *arg, struct diag *d)
{
	const char *eq = strchr(arg, '=');
	char name[128];
	size_t n;
	int r, ok;

	t->arg = arg;
	if (!eq || eq == arg) {
		diag_error(d, NULL, 0, 0, "--precision '%s': expected "
			   "METRIC=SE, e.g. npv_mean=0.5", arg);
		return -1;
	}
	n = (size_t)(eq - arg);
	if (n >= sizeof name)
		n = sizeof name - 1;
	memcpy(name, arg, n);
	name[n] = '\0';
	ok = analysis_metric_parse(&t->m, sc, name, "--precision", arg,
				   d) == 0;
	if (ok && t->m.kind == AM_NPV_P50) {
		diag_error(d, NULL, 0, 0, "--precision '%s': npv_p50 is not "
			   "a precision metric (its standard error needs the "
			   "trials' NPVs sorted at every round); use npv_mean",
			   arg);
		ok = 0;
	}
	r = analysis_parse_number(eq + 1, &t->target);
	if (r != 0 || !(t->target > 0)) {
		diag_error(d, NULL, 0, 0, "--precision '%s': SE must be a "
			   "number > 0, a standard error in the metric's units "
			   "(e.g. 0.5 for npv_mean in $B, 1%% for a share of "
			   "trials); got '%s'", arg, eq + 1);
		ok = 0;
	}
	return ok ? 0 : -1;
}

int precision_parse(struct precision *pr, const struct scenario *sc,
		    const char *const *args, int nargs, struct diag *d)
{
	int bad = 0;

	pr->t = calloc((size_t)(nargs > 0 ? nargs : 1), sizeof *pr->t);
	pr->n = 0;
	if (!pr->t) {
		diag_error(d, NULL, 0, 0, "out of memory");
		return -1;
	}
	for (int k = 0; k < nargs; k++) {
		struct precision_target *t = &pr->t[pr->n];

		if (parse_one(t, sc, args[k], d) < 0) {
			bad = 1;
			continue;
		}
		for (int j = 0; j < pr->n; j++)
			if (strcmp(pr->t[j].m.name, t->m.name) == 0) {
				diag_error(d, NULL, 0, 0, "--precision '%s': "
					   "%s has a target already ('%s')",
					   args[k], t->m.name, pr->t[j].arg);
				bad = 1;
			}
		pr->n++;
	}
	if (bad)
		precision_free(pr);
	return bad ? -1 : 0;
}

int precision_check(void *arg, const struct run_result *r)
{
	const struct precision *pr = arg;

	for (int k = 0; k < pr->n; k++) {
		double se = analysis_metric_se(&pr->t[k].m, r);

		/* NaN (fewer than two trials) is not met */
		if (!(se <= pr->t[k].target))
			return 0;
	}
	return 1;
}

int precision_report(const struct precision *pr, struct run_result *r,
		     struct diag *d)
{
	if (pr->n == 0)
		return 0;
	r->targets = calloc((size_t)pr->n, sizeof *r->targets);
	if (!r->targets) {
		diag_error(d, NULL, 0, 0, "out of memory");
		return -1;
	}
	r->ntargets = pr->n;
	for (int k = 0; k < pr->n; k++) {
		const struct precision_target *t = &pr->t[k];
		struct run_target *o = &r->targets[k];
		double need;

		snprintf(o->metric, sizeof o->metric, "%s", t->m.name);
		o->target = t->target;
		o->se = analysis_metric_se(&t->m, r);
		o->met = o->se <= t->target;
		if (o->met)
			continue;
		/* the standard error falls as 1 / sqrt(n) */
		need = ceil((double)r->n * (o->se / t->target) *
			    (o->se / t->target));
		if (isnan(o->se))
			diag_warning(d, NULL, 0, 0, "--precision: %s: no "
				     "standard error from %ld trial%s (the cap; "
				     "it takes at least 2)", t->m.name, r->n,
				     text_s(r->n));
		else if (isfinite(need) && need > (double)r->n)
			diag_warning(d, NULL, 0, 0, "--precision: %s: standard "
				     "error %.3g after %ld trials (the cap) is "
				     "above the target %.3g; about %.0f trials "
				     "would meet it (raise --trials)",
				     t->m.name, o->se, r->n, t->target, need);
		else
			diag_warning(d, NULL, 0, 0, "--precision: %s: standard "
				     "error %.3g after %ld trials (the cap) is "
				     "above the target %.3g", t->m.name, o->se,
				     r->n, t->target);
	}
	return 0;
}
