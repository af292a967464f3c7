/* stories.c — NPV by story, hedge ratio, stories by the industry's state;
 * see stories.h. */
#include <math.h>

#include "agg.h"
#include "stories.h"

void stories_figures(struct story_figures *f, const double *npv,
		     const double *idle_pv, const int *story,
		     const signed char *state, size_t n, double npv_mean,
		     size_t tile, size_t block)
{
	struct agg_moments m[3], idle;
	size_t cnt[3] = {0, 0, 0}, pos[3] = {0, 0, 0};
	size_t ind[2][3] = {{0, 0, 0}, {0, 0, 0}};

	f->has_industry = 0;
	for (int s = 0; s < 3; s++)
		agg_moments_init(&m[s]);
	for (size_t i = 0; i < n; i++) {
		int s = story[i];

		if (s < 0 || s > 2)
			continue;
		cnt[s]++;
		pos[s] += npv[i] > 0;
		/* Welford in trial order: equal NPVs give their value
		 * exactly */
		agg_moments_add(&m[s], npv[i]);
		if (state[i] == 0 || state[i] == 1) {
			f->has_industry = 1;
			ind[state[i]][s]++;
		}
	}
	for (int s = 0; s < 3; s++) {
		f->share[s] = (double)cnt[s] / (double)n;
		f->npv_mean[s] = cnt[s] ? m[s].mean : NAN;
		f->npv_se[s] = agg_moments_se(&m[s]);
		f->p_positive[s] = cnt[s] ? (double)pos[s] / (double)cnt[s]
					  : NAN;
		for (int k = 0; k < 2; k++)
			f->by_industry[k][s] = (double)ind[k][s] / (double)n;
	}
	agg_moments_blocked(&idle, idle_pv, n, tile, block);
	f->idle_pv_mean = idle.mean;
	f->hedge_ratio = idle.mean != 0 ? npv_mean / idle.mean : NAN;
	f->hedge_se = NAN;
	if (!isnan(f->hedge_ratio) && n > 1) {
		double ss = 0;

		for (size_t i = 0; i < n; i++) {
			double e = npv[i] - f->hedge_ratio * idle_pv[i];
			ss += e * e;
		}
		f->hedge_se = sqrt(ss / (double)(n - 1)) /
			      (sqrt((double)n) * fabs(idle.mean));
	}
}
