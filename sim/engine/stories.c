/* stories.c — NPV by story, hedge ratio, stories by the industry's state;
 * see stories.h. */
#include <math.h>

#include "agg.h"
#include "stories.h"

void stories_figures(struct story_figures *f, const double *npv,
		     const double *idle_pv, const double *unpowered_pv,
		     const int *story,
		     const signed char *state, size_t n, double npv_mean,
		     size_t tile, size_t block)
{
	struct agg_moments m[3], mp[2][3], idle, unp;
	double powered;
	size_t cnt[3] = {0, 0, 0}, pos[3] = {0, 0, 0};
	size_t ind[2][3] = {{0, 0, 0}, {0, 0, 0}};
	size_t ipos[2][3] = {{0, 0, 0}, {0, 0, 0}};

	f->has_industry = 0;
	for (int s = 0; s < 3; s++) {
		agg_moments_init(&m[s]);
		agg_moments_init(&mp[0][s]);
		agg_moments_init(&mp[1][s]);
	}
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
			ipos[state[i]][s] += npv[i] > 0;
			agg_moments_add(&mp[state[i]][s], npv[i]);
		}
	}
	for (int s = 0; s < 3; s++) {
		f->share[s] = (double)cnt[s] / (double)n;
		f->npv_mean[s] = cnt[s] ? m[s].mean : NAN;
		f->npv_se[s] = agg_moments_se(&m[s]);
		f->p_positive[s] = cnt[s] ? (double)pos[s] / (double)cnt[s]
					  : NAN;
		f->count[s] = cnt[s];
		for (int k = 0; k < 2; k++) {
			size_t c = ind[k][s];

			f->by_industry[k][s] = (double)c / (double)n;
			f->by_industry_count[k][s] = c;
			f->pair_npv_mean[k][s] = c ? mp[k][s].mean : NAN;
			f->pair_npv_se[k][s] = agg_moments_se(&mp[k][s]);
			f->pair_p_positive[k][s] = c ? (double)ipos[k][s] /
						       (double)c : NAN;
		}
	}
	f->n = n;
	agg_moments_blocked(&idle, idle_pv, n, tile, block);
	f->idle_pv_mean = idle.mean;
	f->hedge_ratio = idle.mean != 0 ? npv_mean / idle.mean : NAN;
	agg_moments_blocked(&unp, unpowered_pv, n, tile, block);
	f->unpowered_pv_mean = unp.mean;
	/* nothing powered stood idle (up to rounding): no ratio */
	powered = idle.mean - unp.mean;
	f->powered_hedge_ratio = powered > 1e-9 * fabs(idle.mean)
				 ? npv_mean / powered : NAN;
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

/* Hamilton's largest remainder: out[j] = floor(scale c[j] / n), then one
 * more unit to each of the (target - their sum) largest remainders
 * (earlier first on a tie; none to a remainder of 0, so a count of 0
 * shows 0). stories_shown's targets are never below the floors' sum:
 * the stories' total rounds half up, overbuild's share to nearest. */
static void largest_remainder(const size_t *c, int m, size_t n, long scale,
			      long target, long *out)
{
	unsigned long long rem[3];
	long sum = 0;

	for (int j = 0; j < m; j++) {
		unsigned long long v = (unsigned long long)c[j] *
				       (unsigned long long)scale;

		out[j] = (long)(v / n);
		rem[j] = v % n;
		sum += out[j];
	}
	for (; sum < target; sum++) {
		int best = -1;

		for (int j = 0; j < m; j++)
			if (rem[j] > 0 && (best < 0 || rem[j] > rem[best]))
				best = j;
		if (best < 0)
			break;
		out[best]++;
		rem[best] = 0;	/* one unit each at most */
	}
}

void stories_shown(const struct story_figures *f, long scale, long shown[3],
		   long split[2][3])
{
	size_t told = f->count[0] + f->count[1] + f->count[2];
	unsigned long long n = f->n ? f->n : 1;

	for (int s = 0; s < 3; s++)
		shown[s] = split[0][s] = split[1][s] = 0;
	if (!f->n)
		return;
	/* overbuild's share is P(surplus) in the last year: rounded as
	 * that is printed (printf's %.0f of the same double), the other two
	 * so that the three make the stories' total, rounded half up
	 * (scale when every trial tells one) */
	shown[0] = (long)nearbyint((double)f->count[0] / (double)f->n *
				   (double)scale);
	largest_remainder(f->count + 1, 2, f->n, scale,
			  (long)(((unsigned long long)told *
				  (unsigned long long)scale + n / 2) / n) -
				  shown[0],
			  shown + 1);
	if (!f->has_industry)
		return;
	for (int s = 0; s < 3; s++) {
		size_t c[2] = {f->by_industry_count[0][s],
			       f->by_industry_count[1][s]};
		long v[2];

		largest_remainder(c, 2, f->n, scale, shown[s], v);
		split[0][s] = v[0];
		split[1][s] = v[1];
	}
}
