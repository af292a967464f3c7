/* model.c — one Monte Carlo trial, year by year: MODEL.md "Supply",
 * "Internal demand", "Market for rented compute", "The cloud option" and
 * "The two readings, counted".
 *
 * The trial runs in three plain passes over arrays, each O(years) or
 * O(years * min(life, years)):
 *   1. supply: purchases, tranches in service, power, contracts,
 *      depreciation, capacity;
 *   2. demand, ratios, surplus, market price and size;
 *   3. the cloud option (launch, wholesale contracts, cash, NPV), which
 *      reads the surplus path but never changes it.
 * No allocation and no I/O: scratch arrays live in the caller's workspace
 * (model_ws_size), results go straight into the metric array. Where
 * MODEL.md is silent the choices are written in docs/notes-model.md and
 * marked "notes-model" below. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "model.h"

#define HOURS_PER_YEAR 8760.0

/* Names of the fixed metrics, in enum order (MODEL.md "What a run
 * reports"). */
static const char *const fixed_names[M_NFIXED] = {
	"capex_busd", "compute_capex_busd", "new_h100e", "owned_h100e",
	"contract_h100e", "capacity_h100e", "capacity_gw", "demand_h100e",
	"demand_ratio", "utilization", "surplus_h100e", "surplus_share",
	"shortfall_h100e", "depreciation_busd", "idle_cost_busd",
	"price_usd_per_h100e_hour", "market_h100e", "sold_h100e",
	"displaced_h100e", "displacement_cost_busd", "cloud_revenue_busd",
	"cloud_cash_busd", "cloud_npv_busd", "net_idle_cost_busd",
	"shortfall_cost_busd"
};

int model_nmetrics(const struct scenario *sc)
{
	return M_NFIXED + sc->nwork;
}

int model_metric_index(const struct scenario *sc, enum metric m)
{
	return (int)m <= (int)M_DEMAND ? (int)m : (int)m + sc->nwork;
}

int model_workload_metric(const struct scenario *sc, int j)
{
	(void)sc;
	return (int)M_DEMAND + 1 + j;
}

/* The name of metric index k; an index out of range gives "". */
const char *model_metric_name(const struct scenario *sc, int k, char *buf,
			      size_t n)
{
	const char *fixed = NULL;

	if (n == 0)
		return buf;
	if (k >= 0 && k <= (int)M_DEMAND)
		fixed = fixed_names[k];
	else if (k > (int)M_DEMAND && k <= (int)M_DEMAND + sc->nwork)
		snprintf(buf, n, "demand_%s_h100e",
			 sc->work[k - (int)M_DEMAND - 1].name);
	else if (k > (int)M_DEMAND + sc->nwork && k < model_nmetrics(sc))
		fixed = fixed_names[k - sc->nwork];
	else
		buf[0] = '\0';
	if (fixed)
		snprintf(buf, n, "%s", fixed);
	return buf;
}

/* Workspace: kw-weighted fleet, contract cost, the service and
 * depreciation profiles of one purchase (at most years + 1 entries each),
 * per-purchase-year kw sums, and the wholesale contracts signed (new_s and
 * their locked price P'_s). */
size_t model_ws_size(const struct scenario *sc)
{
	return 7 * (size_t)sc->years + 8;
}

/* Normalised weight of item k among n weights w (MODEL.md: shares are
 * weights, normalised to sum 1). A negative draw counts as 0; when every
 * weight is 0 the items share equally (notes-model). */
static double weight_share(double wk, double sum, int n)
{
	if (sum > 0)
		return wk > 0 ? wk / sum : 0.0;
	return 1.0 / n;
}

void model_run_trial(const struct scenario *sc, const double *x, double *m,
		     struct trial_outcome *o, double *ws)
{
	const int Y = sc->years;
	const int W = sc->nwork;
	const size_t yy = (size_t)Y;
#define X(i, t) x[(size_t)(i) * yy + (size_t)(t)]
#define V(i) x[(size_t)(i) * yy]
#define ROW(k) (m + (size_t)((k) <= M_DEMAND ? (int)(k) : (int)(k) + W) * yy)

	double *capex = ROW(M_CAPEX), *kcap = ROW(M_COMPUTE_CAPEX);
	double *newh = ROW(M_NEW), *owned = ROW(M_OWNED);
	double *conh = ROW(M_CONTRACT), *cap = ROW(M_CAPACITY);
	double *gw = ROW(M_CAPACITY_GW), *dem = ROW(M_DEMAND);
	double *ratio = ROW(M_DEMAND_RATIO), *util = ROW(M_UTILIZATION);
	double *surp = ROW(M_SURPLUS), *surp_sh = ROW(M_SURPLUS_SHARE);
	double *short_h = ROW(M_SHORTFALL), *dep = ROW(M_DEPRECIATION);
	double *idle = ROW(M_IDLE_COST), *price = ROW(M_PRICE);
	double *mkt = ROW(M_MARKET), *sold = ROW(M_SOLD);
	double *displ = ROW(M_DISPLACED), *displ_c = ROW(M_DISPLACEMENT_COST);
	double *rev = ROW(M_CLOUD_REVENUE), *cash = ROW(M_CLOUD_CASH);
	double *npv = ROW(M_CLOUD_NPV), *net_idle = ROW(M_NET_IDLE_COST);
	double *short_c = ROW(M_SHORTFALL_COST);

	double *kwo = ws;		/* kW of the tranches in service [Y] */
	double *ccost = kwo + yy;	/* contract cost [Y] */
	double *kwn = ccost + yy;	/* kW of the purchases of year s [Y] */
	double *prof = kwn + yy;	/* service weight by age [Y + 1] */
	double *dprof = prof + yy + 1;	/* depreciation weight [Y + 1] */
	double *signed_h = dprof + yy + 1;	/* new_s [Y] */
	double *signed_p = signed_h + yy;	/* P'_s [Y] */
	int t, i;

	/* ---- Supply: purchases (MODEL.md "Supply") ---- */
	for (t = 0; t < Y; t++) {
		capex[t] = X(sc->i_capex, t);
		kcap[t] = capex[t] * X(sc->i_compute_share, t);
		newh[t] = 0;
		kwn[t] = 0;
		owned[t] = 0;
		kwo[t] = 0;
		dep[t] = 0;
		conh[t] = 0;
		ccost[t] = 0;
	}
	{
		double sum = 0;

		for (i = 0; i < sc->nproc; i++) {
			double s = V(sc->proc[i].i_share);
			if (s > 0)
				sum += s;
		}
		for (i = 0; i < sc->nproc; i++) {
			const struct proc_line *pl = &sc->proc[i];
			double sh = weight_share(V(pl->i_share), sum,
						 sc->nproc);
			double c = V(pl->i_cost), kw = V(pl->i_kw);

			for (t = 0; t < Y; t++) {
				double n;
				if (t > 0)
					c *= 1 - X(pl->i_cost_decline, t);
				/* A cost at or below 0 can only come from a
				 * draw outside the key's range: nothing is
				 * bought (notes-model). */
				n = c > 0 ? kcap[t] * 1e9 * sh / c : 0.0;
				newh[t] += n;
				kwn[t] += kw * n;
			}
		}
	}

	/* ---- Tranches in service: deployment lag, then useful life ----
	 * A purchase of year s enters 1-frac(lag) at s+floor(lag) and
	 * frac(lag) a year later; an entry serves 1 in its first floor(L)
	 * years and frac(L) in the next. Both rules are the same for every
	 * purchase, so they fold into one weight by age d = t - s -
	 * floor(lag): prof[d] = (1-fr)*life(d) + fr*life(d-1), with
	 * depreciation dprof[d] = prof[d] / L (each entry's capex spread
	 * over L years by the same fractional rule). */
	{
		double lag = V(sc->i_lag), life = V(sc->i_life);
		double fl_d, fr, fL_d, frL;
		int fl, np, d;

		if (!(lag > 0))
			lag = 0;
		fl_d = floor(lag);
		fr = lag - fl_d;
		if (fl_d < (double)Y) {
			fl = (int)fl_d;
			np = Y - fl; /* ages that land inside the horizon */
			if (life > 0) {
				fL_d = floor(life);
				frL = life - fL_d;
				for (d = 0; d < np; d++) {
					double w0, w1;
					/* life(d), life(d-1) */
					w0 = (double)d < fL_d ? 1.0 :
					     (double)d == fL_d ? frL : 0.0;
					w1 = d == 0 ? 0.0 :
					     (double)(d - 1) < fL_d ? 1.0 :
					     (double)(d - 1) == fL_d ? frL : 0.0;
					prof[d] = (1 - fr) * w0 + fr * w1;
					dprof[d] = prof[d] / life;
				}
			} else {
				/* A life at or below 0 (outside the range):
				 * never serves, written off on entry
				 * (notes-model). */
				for (d = 0; d < np; d++) {
					prof[d] = 0;
					dprof[d] = d == 0 ? 1 - fr :
						   d == 1 ? fr : 0.0;
				}
			}
			/* The profile is zero past age floor(L)+1: stop
			 * there. */
			while (np > 0 && prof[np - 1] == 0 && dprof[np - 1] == 0)
				np--;
			for (int s = 0; s + fl < Y; s++) {
				int e0 = s + fl;
				int nd = Y - e0 < np ? Y - e0 : np;
				double h = newh[s], kw = kwn[s], k = kcap[s];
				for (d = 0; d < nd; d++) {
					owned[e0 + d] += prof[d] * h;
					kwo[e0 + d] += prof[d] * kw;
					dep[e0 + d] += dprof[d] * k;
				}
			}
		}
	}

	/* ---- Installed base, availability, power, contracts, capacity ---- */
	{
		double B = V(sc->i_base), Lb = V(sc->i_base_life);
		double BV = V(sc->i_base_book), a = V(sc->i_availability);
		double pue = V(sc->i_pue), kwb = V(sc->i_kw_base);
		double fLb = Lb > 0 ? floor(Lb) : 0;

		for (t = 0; t < Y; t++) {
			double rem, bdep;
			if (Lb > 0) {
				double f = 1 - t / Lb;
				rem = f > 0 ? B * f : 0.0;
				bdep = (double)t < fLb ? BV / Lb :
				       (double)t == fLb ? (Lb - fLb) * BV / Lb :
				       0.0;
			} else {
				/* Outside the range: gone and written off in
				 * year 0 (notes-model). */
				rem = 0;
				bdep = t == 0 ? BV : 0.0;
			}
			gw[t] = pue * (kwb * rem + kwo[t]) / 1e6;
			owned[t] += rem;
			dep[t] += bdep;
		}
		for (i = 0; i < sc->ncontracts; i++) {
			const struct contract *c = &sc->contracts[i];
			double nyears = (double)c->end - c->start + 1;
			double total = V(c->i_total), p = V(c->i_price);
			double h = p > 0 ? total * 1e9 /
					   (nyears * HOURS_PER_YEAR * p) : 0.0;
			double cost = total / nyears;
			int t0 = c->start - sc->start_year;
			int t1 = c->end - sc->start_year;
			if (t0 < 0)
				t0 = 0;
			if (t1 > Y - 1)
				t1 = Y - 1;
			for (t = t0; t <= t1; t++) {
				conh[t] += h;
				ccost[t] += cost;
			}
		}
		for (t = 0; t < Y; t++)
			cap[t] = a * owned[t] + conh[t];
	}

	/* ---- Internal demand (MODEL.md "Internal demand") ---- */
	{
		double R0 = V(sc->i_start_ratio), sum = 0;

		for (t = 0; t < Y; t++)
			dem[t] = 0;
		for (int j = 0; j < W; j++) {
			double s = V(sc->work[j].i_share);
			if (s > 0)
				sum += s;
		}
		for (int j = 0; j < W; j++) {
			const struct workload *wl = &sc->work[j];
			double *dj = m + (size_t)(M_DEMAND + 1 + j) * yy;
			double D = R0 * cap[0] *
				   weight_share(V(wl->i_share), sum, W);
			for (t = 0; t < Y; t++) {
				if (t > 0) {
					double g = X(wl->i_growth, t);
					double eff = X(wl->i_efficiency, t);
					double el = X(wl->i_elasticity, t);
					D = D * (1 + g) * (1 + el * eff) *
					    (1 - eff);
				}
				dj[t] = D;
				dem[t] += D;
			}
		}
	}

	/* ---- Ratios, surplus, market (MODEL.md "Internal demand",
	 * "Market for rented compute") ---- */
	{
		double r = V(sc->i_reserve);
		double P = V(sc->i_price), M = V(sc->i_market);

		for (t = 0; t < Y; t++) {
			double c = cap[t], D = dem[t], s;
			if (t > 0) {
				P *= 1 + X(sc->i_price_change, t);
				M *= 1 + X(sc->i_market_growth, t);
			}
			price[t] = P;
			mkt[t] = M;
			s = c - D * (1 + r);
			surp[t] = s > 0 ? s : 0.0;
			short_h[t] = D > c ? D - c : 0.0;
			if (c > 0) {
				ratio[t] = D / c;
				util[t] = (D < c ? D : c) / c;
				surp_sh[t] = surp[t] / c;
			} else {
				ratio[t] = 0;
				util[t] = 0;
				surp_sh[t] = 0;
			}
			short_c[t] = short_h[t] * HOURS_PER_YEAR * P / 1e9;
		}
	}

	/* ---- The cloud option (MODEL.md "The cloud option") ---- */
	{
		int tL = -1, payback = -1;
		const int mterm = sc->term_years >= 1 ? sc->term_years : 1;
		double sellable = V(sc->i_sellable), maxsh = V(sc->i_max_share);
		double rampy = V(sc->i_ramp), pimp = V(sc->i_price_impact);
		double u = V(sc->i_billed), opex = V(sc->i_opex);
		double fixed = V(sc->i_fixed_cost), lcost = V(sc->i_launch_cost);
		double disc = V(sc->i_discount);
		double df = 1, cum = 0;

		if (sc->launch == LAUNCH_YEAR) {
			if (sc->launch_t >= 0 && sc->launch_t < Y)
				tL = sc->launch_t;
		} else if (sc->launch == LAUNCH_TRIGGER) {
			for (t = 1; t < Y; t++)
				if (surp_sh[t - 1] >= sc->trigger) {
					tL = t;
					break;
				}
		}

		for (t = 0; t < Y; t++) {
			double c = cap[t], D = dem[t], ccash = 0;

			if (t > 0)
				df /= 1 + disc;
			signed_h[t] = 0;
			signed_p[t] = 0;
			sold[t] = 0;
			displ[t] = 0;
			displ_c[t] = 0;
			rev[t] = 0;
			if (tL >= 0 && t >= tL) {
				int k = t - tL, s0;
				double ramp, target, carried = 0, nw, sd;
				double factor, r_t = 0, short0, short1;

				/* ramp_years <= 0 (outside the range): full
				 * from the start (notes-model). */
				ramp = rampy > 0 ? (k + 1) / rampy : 1.0;
				if (ramp > 1)
					ramp = 1;
				target = sellable * surp[t];
				if (maxsh * mkt[t] * ramp < target)
					target = maxsh * mkt[t] * ramp;
				s0 = t - mterm + 1;
				if (s0 < tL)
					s0 = tL;
				for (int s = s0; s < t; s++)
					carried += signed_h[s];
				nw = target - carried;
				if (!(nw > 0))
					nw = 0;
				sd = carried + nw;
				/* Price impact on all that is sold; with no
				 * market left (M <= 0) anything sold takes
				 * the price to 0 (notes-model: nothing new
				 * is signed then anyway, as target <= 0). */
				if (mkt[t] > 0)
					factor = 1 - pimp * sd / mkt[t];
				else
					factor = sd > 0 ? 0.0 : 1.0;
				if (factor < 0)
					factor = 0;
				signed_h[t] = nw;
				signed_p[t] = price[t] * factor;
				for (int s = s0; s <= t; s++)
					r_t += signed_h[s] * signed_p[s];
				rev[t] = r_t * HOURS_PER_YEAR * u / 1e9;
				sold[t] = sd;
				short0 = D - (c - sd);
				short1 = D - c;
				displ[t] = (short0 > 0 ? short0 : 0.0) -
					   (short1 > 0 ? short1 : 0.0);
				displ_c[t] = displ[t] * HOURS_PER_YEAR *
					     price[t] / 1e9;
				ccash = rev[t] -
					sd * HOURS_PER_YEAR * u * opex / 1e9 -
					fixed - (t == tL ? lcost : 0.0) -
					displ_c[t];
			}
			cash[t] = ccash;
			cum += ccash * df;
			npv[t] = cum;
			if (payback < 0 && tL >= 0 && t >= tL && cum >= 0)
				payback = t;
			idle[t] = (dep[t] + ccost[t]) * (1 - util[t]);
			net_idle[t] = idle[t] - ccash;
		}
		o->launch_t = tL;
		o->payback_t = payback;
		o->npv = Y > 0 ? npv[Y - 1] : 0.0;
	}

	/* ---- The story of the trial (MODEL.md "The two readings") ---- */
	o->first_surplus_t = -1;
	for (t = 0; t < Y; t++)
		if (surp[t] > 0) {
			o->first_surplus_t = t;
			break;
		}
	if (Y > 0 && surp[Y - 1] > 0)
		o->story = STORY_OVERBUILD;
	else if (o->first_surplus_t >= 0)
		o->story = STORY_MISMATCH;
	else
		o->story = STORY_SHORTAGE;
#undef X
#undef V
#undef ROW
}
