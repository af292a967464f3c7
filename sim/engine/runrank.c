/* runrank.c — the rank correlations of the inputs with NPV and the
 * inputs' medians by story in a run split between ranks: distributed
 * (rank_spearman_medians_split, sim/stats/ranksplit.c), each rank with
 * the trials it ran only; no input's column is gathered. The numbers are
 * the one process's (runagg.c, rank_spearman_medians) to the bit. */
#include "run_impl.h"

int run_split_ranks(struct shared *s, struct run_result *r)
{
	const struct run_split *sp = s->o->split;
	size_t own = run_own_count(s), nstory[3];
	long cnt[3] = {0, 0, 0};
	double *x, *npv;
	uint64_t *r2;
	signed char *story;
	int *st;
	struct rank_ranked ry;
	int rc = 0;

	x = malloc((own ? own : 1) * sizeof *x);
	npv = malloc((own ? own : 1) * sizeof *npv);
	r2 = malloc((own ? own : 1) * sizeof *r2);
	story = malloc(own ? own : 1);
	st = malloc((own ? own : 1) * sizeof *st);
	if (sp->any(sp->arg, !x || !npv || !r2 || !story || !st)) {
		rc = -1;
		goto end;
	}
	/* this rank's trials' stories, in a byte; every story's count */
	run_own_part(s, s->story, sizeof *s->story, st);
	run_story_bytes(story, nstory, st, own);
	free(st);
	st = NULL;
	for (int g = 0; g < 3; g++)
		cnt[g] = (long)nstory[g];
	run_own_part(s, s->npv, sizeof *s->npv, npv);
	if (sp->sum_long(sp->arg, cnt, 3) < 0 ||
	    rank_average2_split(r2, &ry.syy, npv, own, sp) < 0) {
		rc = -1;
		goto end;
	}
	free(npv);
	npv = NULL;
	ry.r2 = r2;
	for (int g = 0; g < 3; g++)
		nstory[g] = (size_t)cnt[g];
	for (int k = 0; k < s->nunc && rc == 0; k++) {
		double med[4], c0 = s->prof ? run_cpu_now() : 0;

		if ((rc = run_split_agree(s, 0)) != 0)
			break;
		run_own_part(s, s->tv + (size_t)k * s->cap, sizeof *s->tv, x);
		/* npv without variation: every correlation NaN, as runagg.c */
		rc = rank_spearman_medians_split(&r->rank_corr[k], med, x,
						 ry.syy > 0 ? &ry : NULL, own,
						 story, nstory, 3, sp);
		if (rc == 0)
			run_story_input_set(&r->story_inputs[k], med);
		if (s->prof)
			s->t_rank += run_cpu_now() - c0;
	}
end:
	free(x);
	free(npv);
	free(r2);
	free(story);
	free(st);
	return rc;
}
