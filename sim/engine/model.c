/* model.c — one Monte Carlo trial, year by year: docs/model.md "Supply",
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
 * docs/model.md is silent the choices are written in docs/notes-model.md and
 * marked "notes-model" below. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "model.h"

#define HOURS_PER_YEAR 8760.0

/* See model.h. */
const char *const story_names[3] = {"overbuild", "mismatch", "shortage"};
const char *const industry_state_names[2] = {"short", "glut"};

/* Names of the metrics, in enum order (docs/model.md "What a run reports");
 * the industry's four come last and only with an industry section. */
static const char *const fixed_names[M_NALL] = {
	"capex_busd", "compute_capex_busd", "new_h100e", "owned_h100e",
	"contract_h100e", "capacity_h100e", "capacity_gw", "demand_h100e",
	"demand_ratio", "utilization", "surplus_h100e", "surplus_share",
	"shortfall_h100e", "depreciation_busd", "idle_cost_busd",
	"price_usd_per_h100e_hour", "market_h100e", "sold_h100e",
	"displaced_h100e", "displacement_cost_busd", "cloud_revenue_busd",
	"cloud_cash_busd", "cloud_npv_busd", "net_idle_cost_busd",
	"shortfall_cost_busd", "stranded_h100e",
	"industry_capex_busd", "industry_supply_h100e",
	"industry_demand_h100e", "industry_tightness"
};

int model_nmetrics(const struct scenario *sc)
{
	return M_NFIXED + sc->nwork + (sc->has_industry ? M_NINDUSTRY : 0);
}

int model_metric_index(const struct scenario *sc, enum metric m)
{
	if ((int)m >= (int)M_NFIXED && !sc->has_industry)
		return -1;
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

/* See model.h. */
const char *model_metric_name_any(enum metric m)
{
	return (int)m >= 0 && (int)m < (int)M_NALL ? fixed_names[m] : NULL;
}

/* Workspace: kW of the tranches in service and contract cost by year,
 * the service and depreciation profiles of one purchase (years + 1
 * entries each), the wholesale contracts signed (new_s and their locked
 * price P'_s), the industry's cost of compute by year, and per
 * procurement line its share, cost and kW. */
size_t model_ws_size(const struct scenario *sc)
{
	return 7 * (size_t)sc->years + 2 + 3 * (size_t)sc->nproc;
}

/* Normalised weight of item k among n weights w (docs/model.md: shares are
 * weights, normalised to sum 1). A negative draw counts as 0; when every
 * weight is 0 the items share equally (notes-model). */
static double weight_share(double wk, double sum, int n)
{
	if (sum > 0)
		return wk > 0 ? wk / sum : 0.0;
	return 1.0 / n;
}

/* One trial's metric rows and scratch, shared by the sections below. */
struct trial {
	const struct scenario *sc;
	const double *x;
	int Y;
	double *capex, *kcap, *newh, *owned, *conh, *cap, *gw, *dem, *ratio,
	       *util, *surp, *surp_sh, *short_h, *dep, *idle, *price, *mkt,
	       *sold, *displ, *displ_c, *rev, *cash, *npv, *net_idle,
	       *short_c, *strand;
	double *icapex, *isupply, *idemand, *itight;	/* NULL: no industry */
	/* scratch (model_ws_size) */
	double *kwo, *ccost, *prof, *dprof, *signed_h, *signed_p, *icost;
	double *lsh, *lcost, *lkw;	/* per procurement line */
	int fl, np;		/* floor(lag); ages the profile covers */
	double fLb;		/* floor of the installed base's life */
};

#define X(i, t) (T->x[(size_t)(i) * (size_t)T->Y + (size_t)(t)])
#define V(i) (T->x[(size_t)(i) * (size_t)T->Y])

static void trial_rows(struct trial *T, const struct scenario *sc,
		       const double *x, double *m, double *ws)
{
	const size_t yy = (size_t)sc->years;
	const int W = sc->nwork;
#define ROW(k) (m + (size_t)((k) <= M_DEMAND ? (int)(k) : (int)(k) + W) * yy)
	T->sc = sc;
	T->x = x;
	T->Y = sc->years;
	T->capex = ROW(M_CAPEX);
	T->kcap = ROW(M_COMPUTE_CAPEX);
	T->newh = ROW(M_NEW);
	T->owned = ROW(M_OWNED);
	T->conh = ROW(M_CONTRACT);
	T->cap = ROW(M_CAPACITY);
	T->gw = ROW(M_CAPACITY_GW);
	T->dem = ROW(M_DEMAND);
	T->ratio = ROW(M_DEMAND_RATIO);
	T->util = ROW(M_UTILIZATION);
	T->surp = ROW(M_SURPLUS);
	T->surp_sh = ROW(M_SURPLUS_SHARE);
	T->short_h = ROW(M_SHORTFALL);
	T->dep = ROW(M_DEPRECIATION);
	T->idle = ROW(M_IDLE_COST);
	T->price = ROW(M_PRICE);
	T->mkt = ROW(M_MARKET);
	T->sold = ROW(M_SOLD);
	T->displ = ROW(M_DISPLACED);
	T->displ_c = ROW(M_DISPLACEMENT_COST);
	T->rev = ROW(M_CLOUD_REVENUE);
	T->cash = ROW(M_CLOUD_CASH);
	T->npv = ROW(M_CLOUD_NPV);
	T->net_idle = ROW(M_NET_IDLE_COST);
	T->short_c = ROW(M_SHORTFALL_COST);
	T->strand = ROW(M_STRANDED);
	if (sc->has_industry) {
		T->icapex = ROW(M_IND_CAPEX);
		T->isupply = ROW(M_IND_SUPPLY);
		T->idemand = ROW(M_IND_DEMAND);
		T->itight = ROW(M_IND_TIGHTNESS);
	} else {
		T->icapex = T->isupply = T->idemand = T->itight = NULL;
	}
#undef ROW
	T->kwo = ws;
	T->ccost = T->kwo + yy;
	T->prof = T->ccost + yy;	/* [Y + 1] */
	T->dprof = T->prof + yy + 1;	/* [Y + 1] */
	T->signed_h = T->dprof + yy + 1;
	T->signed_p = T->signed_h + yy;
	T->icost = T->signed_p + yy;	/* the industry's cost of compute */
	T->lsh = T->icost + yy;
	T->lcost = T->lsh + sc->nproc;
	T->lkw = T->lcost + sc->nproc;
}

/* ---- Supply (docs/model.md "Supply") ----------------------------------- */

/* The service weight by age of one purchase, and its depreciation.
 * A purchase of year s enters 1-frac(lag) at s+floor(lag) and frac(lag) a
 * year later; an entry serves 1 in its first floor(L) years and frac(L)
 * in the next. Both rules are the same for every purchase, so they fold
 * into one weight by age d = t - s - floor(lag):
 * prof[d] = (1-fr)*life(d) + fr*life(d-1), with depreciation
 * dprof[d] = prof[d] / L (each entry's capex spread over L years by the
 * same fractional rule). T->np is 0 when nothing bought enters service
 * inside the horizon. */
static void supply_profile(struct trial *T)
{
	const struct scenario *sc = T->sc;
	const int Y = T->Y;
	double lag = V(sc->i_lag), life = V(sc->i_life);
	double fl_d, fr, fL_d, frL;
	int np, d;

	T->np = 0;
	T->fl = 0;
	if (!(lag > 0))
		lag = 0;
	fl_d = floor(lag);
	fr = lag - fl_d;
	if (!(fl_d < (double)Y))
		return;
	T->fl = (int)fl_d;
	np = Y - T->fl;		/* ages that land inside the horizon */
	if (life > 0) {
		fL_d = floor(life);
		frL = life - fL_d;
		for (d = 0; d < np; d++) {
			double w0, w1;	/* life(d), life(d-1) */

			w0 = (double)d < fL_d ? 1.0 :
			     (double)d == fL_d ? frL : 0.0;
			w1 = d == 0 ? 0.0 :
			     (double)(d - 1) < fL_d ? 1.0 :
			     (double)(d - 1) == fL_d ? frL : 0.0;
			T->prof[d] = (1 - fr) * w0 + fr * w1;
			T->dprof[d] = T->prof[d] / life;
		}
	} else {
		/* A life at or below 0 (outside the range): never serves,
		 * written off on entry (notes-model). */
		for (d = 0; d < np; d++) {
			T->prof[d] = 0;
			T->dprof[d] = d == 0 ? 1 - fr : d == 1 ? fr : 0.0;
		}
	}
	/* The profile is zero past age floor(L)+1: stop there. */
	while (np > 0 && T->prof[np - 1] == 0 && T->dprof[np - 1] == 0)
		np--;
	T->np = np;
}

/* Rows the year loop adds into start at 0; each line's share, and its
 * cost and kW of year 0. */
static void supply_init(struct trial *T)
{
	const struct scenario *sc = T->sc;
	double sum = 0;
	int i, t;

	for (t = 0; t < T->Y; t++) {
		T->owned[t] = 0;
		T->kwo[t] = 0;
		T->dep[t] = 0;
	}
	for (i = 0; i < sc->nproc; i++) {
		double s = V(sc->proc[i].i_share);
		if (s > 0)
			sum += s;
	}
	for (i = 0; i < sc->nproc; i++) {
		const struct proc_line *pl = &sc->proc[i];

		T->lsh[i] = weight_share(V(pl->i_share), sum, sc->nproc);
		T->lcost[i] = V(pl->i_cost);
		T->lkw[i] = V(pl->i_kw);
	}
	T->fLb = V(sc->i_base_life) > 0 ? floor(V(sc->i_base_life)) : 0;
	supply_profile(T);
}

/* Contracts rented from other clouds: capacity and cost by year. */
static void supply_contracts(struct trial *T)
{
	const struct scenario *sc = T->sc;
	const int Y = T->Y;
	int i, t;

	for (t = 0; t < Y; t++) {
		T->conh[t] = 0;
		T->ccost[t] = 0;
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
			T->conh[t] += h;
			T->ccost[t] += cost;
		}
	}
}

/* A capex response (docs/model.md "Supply"; the industry's alike):
 * min(cap, max(floor, 1 + beta * (x - 1))) for last year's balance x. */
static double response(double beta, double lo, double hi, double x)
{
	double f = 1 + beta * (x - 1);

	if (f < lo)
		f = lo;
	if (f > hi)
		f = hi;
	return f;
}

/* The capex response's factor f_t for t >= 1, from last year's demand
 * over its capacity plus what waited for power. */
static double capex_factor(const struct trial *T, int t)
{
	const struct scenario *sc = T->sc;
	double hi = V(sc->i_cr_cap), r = V(sc->i_reserve);
	/* capacity + stranded = a phi own + contracts + a (1 - phi) own:
	 * a own + contracts, which does not wait on last year's phi (the
	 * years' chain one division shorter) */
	double D = T->dem[t - 1];
	double den = V(sc->i_availability) * T->owned[t - 1] + T->conh[t - 1];

	if (!(den > 0))
		return D > 0 ? hi : 1.0;
	return response(V(sc->i_cr_beta), V(sc->i_cr_floor), hi,
			D / den * (1 + r));
}

/* Year t: capex, purchases by line (each tranche added to the years it
 * serves), then the year's fleet, power and capacity. Every purchase
 * that serves in year t was made in year t or before, so year t's fleet
 * is complete here. */
static void supply_year(struct trial *T, int t)
{
	const struct scenario *sc = T->sc;
	const int Y = T->Y;
	double plan = X(sc->i_capex, t), share = X(sc->i_compute_share, t);
	double capex, k, nh, kwn, f = 1, hs = 0, kws = 0;
	double B = V(sc->i_base), Lb = V(sc->i_base_life);
	double BV = V(sc->i_base_book), a = V(sc->i_availability);
	double pue = V(sc->i_pue), kwb = V(sc->i_kw_base);
	double rem, bdep, need, phi = 1, own;

	/* H100e (and their kW) per $B of compute capex, summed over the
	 * lines: none of it waits on this year's capex, which with a capex
	 * response waits on last year's fleet (the years' chain) */
	for (int i = 0; i < sc->nproc; i++) {
		const struct proc_line *pl = &sc->proc[i];
		double c, h;

		if (t > 0) {
			T->lcost[i] *= 1 - X(pl->i_cost_decline, t);
			T->lkw[i] *= 1 - X(pl->i_kw_decline, t);
		}
		c = T->lcost[i];
		/* A cost at or below 0 can only come from a draw outside
		 * the key's range: nothing is bought (notes-model). */
		h = c > 0 ? 1e9 * T->lsh[i] / c : 0.0;
		hs += h;
		kws += T->lkw[i] * h;
	}
	if (t > 0 && sc->i_cr_beta >= 0)
		f = capex_factor(T, t);
	capex = plan * f;
	k = capex * share;
	T->capex[t] = capex;
	T->kcap[t] = k;
	/* n_i = k h_i summed: k (plan share hs), f alone on the chain */
	nh = f * (plan * share * hs);
	kwn = f * (plan * share * kws);
	T->newh[t] = nh;
	if (T->np > 0 && t + T->fl < Y) {
		int e0 = t + T->fl;
		int nd = Y - e0 < T->np ? Y - e0 : T->np;

		for (int d = 0; d < nd; d++) {
			T->owned[e0 + d] += T->prof[d] * nh;
			T->kwo[e0 + d] += T->prof[d] * kwn;
			T->dep[e0 + d] += T->dprof[d] * k;
		}
	}

	/* installed base: retires evenly; outside the range (life <= 0)
	 * gone and written off in year 0 (notes-model) */
	if (Lb > 0) {
		double f = 1 - t / Lb, fLb = T->fLb;
		rem = f > 0 ? B * f : 0.0;
		bdep = (double)t < fLb ? BV / Lb :
		       (double)t == fLb ? (Lb - fLb) * BV / Lb : 0.0;
	} else {
		rem = 0;
		bdep = t == 0 ? BV : 0.0;
	}
	need = pue * (kwb * rem + T->kwo[t]) / 1e6;
	if (sc->i_power >= 0 && need > 0) {
		/* the share powered, min(1, max(0, pw / need)), as selects
		 * rather than a branch on whether power binds, which trials
		 * and years do not predict (a NaN draw: 1, as before) */
		double q = X(sc->i_power, t) / need;

		phi = q < 1 ? (q > 0 ? q : 0.0) : 1.0;
	}
	T->gw[t] = phi * need;
	own = T->owned[t] + rem;
	T->owned[t] = own;
	T->dep[t] += bdep;
	T->cap[t] = a * phi * own + T->conh[t];
	T->strand[t] = a * (1 - phi) * own;
}

/* ---- Internal demand (docs/model.md "Internal demand") ----------------- */

/* Every year's demand, by workload, from year 0's capacity. */
static void demand(struct trial *T, double *m)
{
	const struct scenario *sc = T->sc;
	const int Y = T->Y, W = sc->nwork;
	double R0 = V(sc->i_start_ratio), sum = 0;
	int t;

	for (t = 0; t < Y; t++)
		T->dem[t] = 0;
	for (int j = 0; j < W; j++) {
		double s = V(sc->work[j].i_share);
		if (s > 0)
			sum += s;
	}
	for (int j = 0; j < W; j++) {
		const struct workload *wl = &sc->work[j];
		double *dj = m + (size_t)(M_DEMAND + 1 + j) * (size_t)Y;
		double D = R0 * T->cap[0] * weight_share(V(wl->i_share), sum, W);

		for (t = 0; t < Y; t++) {
			if (t > 0) {
				double g = X(wl->i_growth, t);
				double eff = X(wl->i_efficiency, t);
				double el = X(wl->i_elasticity, t);
				D = D * (1 + g) * (1 + el * eff) * (1 - eff);
			}
			dj[t] = D;
			T->dem[t] += D;
		}
	}
}

/* Ratios, surplus and shortfall. */
static void balance(struct trial *T)
{
	double r = V(T->sc->i_reserve);

	for (int t = 0; t < T->Y; t++) {
		double c = T->cap[t], D = T->dem[t], s = c - D * (1 + r);

		T->surp[t] = s > 0 ? s : 0.0;
		T->short_h[t] = D > c ? D - c : 0.0;
		if (c > 0) {
			T->ratio[t] = D / c;
			T->util[t] = (D < c ? D : c) / c;
			T->surp_sh[t] = T->surp[t] / c;
		} else {
			T->ratio[t] = 0;
			T->util[t] = 0;
			T->surp_sh[t] = 0;
		}
		T->short_c[t] = T->short_h[t] * HOURS_PER_YEAR * T->price[t] /
				1e9;
	}
}

/* ---- Market for rented compute (docs/model.md) ------------------------- */

/* Without an industry section: the price and the market drift. */
static void market_given(struct trial *T)
{
	const struct scenario *sc = T->sc;
	double P = V(sc->i_price), M = V(sc->i_market);

	for (int t = 0; t < T->Y; t++) {
		if (t > 0) {
			P *= 1 + X(sc->i_price_change, t);
			M *= 1 + X(sc->i_market_growth, t);
		}
		T->price[t] = P;
		T->mkt[t] = M;
	}
}

/* With an industry section: everyone else's capex (answering last year's
 * tightness), fleet, demand and tightness; the rent follows their cost of
 * compute and moves with tightness; the market is a share of their
 * demand. Outside the keys' ranges (a cost or a tightness at or below 0)
 * the ratio that would divide by it counts as 1 (notes-model).
 *
 * One year at a time (industry_year), from the state industry_init sets:
 * model_run_trial steps it in the same loop as the company's supply, so
 * that the two year-to-year chains (each answers its own last year) run
 * side by side in the processor rather than one after the other. The
 * rent, which neither chain reads, comes after the loop (industry_rent). */
struct industry {
	double O, Q, tau;	/* fleet, demand, tightness of last year */
	double c;		/* cost of compute of last year */
};

static void industry_init(const struct trial *T, struct industry *I)
{
	const struct scenario *sc = T->sc;

	I->O = I->Q = I->tau = 0;
	I->c = V(sc->i_ind_cost);
}

static void industry_year(struct trial *T, struct industry *I, int t)
{
	const struct scenario *sc = T->sc;
	double ic = X(sc->i_ind_capex, t), tprev = I->tau, b;
	double c = I->c, O = I->O, Q = I->Q, tau;

	if (t > 0 && sc->i_icr_beta >= 0)
		ic *= response(V(sc->i_icr_beta), V(sc->i_icr_floor),
			       V(sc->i_icr_cap), tprev);
	if (t > 0)
		c *= 1 - X(sc->i_ind_cost_decline, t);
	b = c > 0 ? ic * (X(sc->i_ind_compute_share, t) * 1e9 / c) : 0.0;
	if (t == 0) {
		O = V(sc->i_ind_stock) + b;
		Q = V(sc->i_ind_start_ratio) * O;
	} else {
		double g = X(sc->i_ind_growth, t);
		double eff = X(sc->i_ind_efficiency, t);
		double el = X(sc->i_ind_elasticity, t);

		O = O * (1 - 1 / V(sc->i_ind_life)) + b;
		Q = Q * (1 + g) * (1 + el * eff) * (1 - eff);
	}
	tau = O > 0 ? Q / O : 0.0;
	T->icapex[t] = ic;
	T->isupply[t] = O;
	T->idemand[t] = Q;
	T->itight[t] = tau;
	T->icost[t] = c;
	T->mkt[t] = X(sc->i_ind_rented_share, t) * Q;
	I->O = O;
	I->Q = Q;
	I->tau = tau;
	I->c = c;
}

/* The rent of every year, after the years' loop: nothing in the loop
 * reads it, and out of it the years' pow calls wait on neither chain. */
static void industry_rent(struct trial *T)
{
	const struct scenario *sc = T->sc;
	double kappa = V(sc->i_ind_price_response), P = V(sc->i_price);
	const double *c = T->icost, *tau = T->itight;

	T->price[0] = P;
	for (int t = 1; t < T->Y; t++) {
		P *= 1 + X(sc->i_price_change, t);
		if (c[t - 1] > 0)
			P *= c[t] / c[t - 1];
		if (kappa != 0 && tau[t - 1] > 0)
			P *= pow(tau[t] / tau[t - 1], kappa);
		T->price[t] = P;
	}
}

/* ---- The cloud option (docs/model.md "The cloud option") --------------- */

static int launch_year(const struct trial *T)
{
	const struct scenario *sc = T->sc;

	if (sc->launch == LAUNCH_YEAR)
		return sc->launch_t >= 0 && sc->launch_t < T->Y ?
		       sc->launch_t : -1;
	if (sc->launch == LAUNCH_TRIGGER)
		for (int t = 1; t < T->Y; t++)
			if (T->surp_sh[t - 1] >= sc->trigger)
				return t;
	return -1;
}

/* Launch, wholesale contracts, cash, NPV, payback; idle cost and its
 * discounted sum. */
static void cloud(struct trial *T, struct trial_outcome *o)
{
	const struct scenario *sc = T->sc;
	const int Y = T->Y;
	const int mterm = sc->term_years >= 1 ? sc->term_years : 1;
	int tL = launch_year(T), payback = -1, t;
	double sellable = V(sc->i_sellable), maxsh = V(sc->i_max_share);
	double rampy = V(sc->i_ramp), pimp = V(sc->i_price_impact);
	double u = V(sc->i_billed), opex = V(sc->i_opex);
	double fixed = V(sc->i_fixed_cost), lcost = V(sc->i_launch_cost);
	double disc = V(sc->i_discount);
	double df = 1, cum = 0, idle_pv = 0, unpowered_pv = 0;

	for (t = 0; t < Y; t++) {
		double c = T->cap[t], D = T->dem[t], ccash = 0, den, used;

		if (t > 0)
			df /= 1 + disc;
		T->signed_h[t] = 0;
		T->signed_p[t] = 0;
		T->sold[t] = 0;
		T->displ[t] = 0;
		T->displ_c[t] = 0;
		T->rev[t] = 0;
		if (tL >= 0 && t >= tL) {
			int k = t - tL, s0;
			double ramp, target, carried = 0, nw, sd;
			double factor, r_t = 0, short0, short1;

			/* ramp_years <= 0 (outside the range): full from
			 * the start (notes-model). */
			ramp = rampy > 0 ? (k + 1) / rampy : 1.0;
			if (ramp > 1)
				ramp = 1;
			target = sellable * T->surp[t];
			if (maxsh * T->mkt[t] * ramp < target)
				target = maxsh * T->mkt[t] * ramp;
			s0 = t - mterm + 1;
			if (s0 < tL)
				s0 = tL;
			for (int s = s0; s < t; s++)
				carried += T->signed_h[s];
			nw = target - carried;
			/* the shut-down rule: nothing new is signed at a
			 * price that does not cover a billed hour's cost */
			if (!(nw > 0) || T->price[t] <= opex)
				nw = 0;
			sd = carried + nw;
			/* Price impact on all that is sold; with no market
			 * left (M <= 0) anything sold takes the price to 0
			 * (notes-model: nothing new is signed then anyway,
			 * as target <= 0). */
			if (T->mkt[t] > 0)
				factor = 1 - pimp * sd / T->mkt[t];
			else
				factor = sd > 0 ? 0.0 : 1.0;
			if (factor < 0)
				factor = 0;
			T->signed_h[t] = nw;
			T->signed_p[t] = T->price[t] * factor;
			for (int s = s0; s <= t; s++)
				r_t += T->signed_h[s] * T->signed_p[s];
			T->rev[t] = r_t * HOURS_PER_YEAR * u / 1e9;
			T->sold[t] = sd;
			short0 = D - (c - sd);
			short1 = D - c;
			T->displ[t] = (short0 > 0 ? short0 : 0.0) -
				      (short1 > 0 ? short1 : 0.0);
			T->displ_c[t] = T->displ[t] * HOURS_PER_YEAR *
					T->price[t] / 1e9;
			ccash = T->rev[t] -
				sd * HOURS_PER_YEAR * u * opex / 1e9 - fixed -
				(t == tL ? lcost : 0.0) - T->displ_c[t];
		}
		T->cash[t] = ccash;
		cum += ccash * df;
		T->npv[t] = cum;
		if (payback < 0 && tL >= 0 && t >= tL && cum >= 0)
			payback = t;
		/* unused and unpowered capacity: used share of all that
		 * could serve, were it powered */
		den = c + T->strand[t];
		used = den > 0 ? (D < c ? D : c) / den : 0.0;
		T->idle[t] = (T->dep[t] + T->ccost[t]) * (1 - used);
		T->net_idle[t] = T->idle[t] - ccash;
		idle_pv += T->idle[t] * df;
		/* of which unpowered: 1 - used = (c - min(D, c)) / den +
		 * strand / den */
		if (T->strand[t] > 0)
			unpowered_pv += (T->dep[t] + T->ccost[t]) *
					(T->strand[t] / den) * df;
	}
	o->launch_t = tL;
	o->payback_t = payback;
	o->npv = Y > 0 ? T->npv[Y - 1] : 0.0;
	o->idle_pv = idle_pv;
	o->unpowered_pv = unpowered_pv;
}

/* ---- The story of the trial (docs/model.md "The two readings") --------- */

static void story(const struct trial *T, struct trial_outcome *o)
{
	const int Y = T->Y;

	o->first_surplus_t = -1;
	for (int t = 0; t < Y; t++)
		if (T->surp[t] > 0) {
			o->first_surplus_t = t;
			break;
		}
	if (Y > 0 && T->surp[Y - 1] > 0)
		o->story = STORY_OVERBUILD;
	else if (o->first_surplus_t >= 0)
		o->story = STORY_MISMATCH;
	else
		o->story = STORY_SHORTAGE;
	o->industry = INDUSTRY_NONE;
	if (T->itight && Y > 0)
		o->industry = T->itight[Y - 1] >= 1 ? INDUSTRY_SHORT :
			      INDUSTRY_GLUT;
}

void model_run_trial(const struct scenario *sc, const double *x, double *m,
		     struct trial_outcome *o, double *ws)
{
	struct trial tr, *T = &tr;
	struct industry ind;
	const int has_ind = sc->has_industry;

	trial_rows(T, sc, x, m, ws);
	supply_contracts(T);
	if (has_ind)
		industry_init(T, &ind);
	else
		market_given(T);
	/* capex answers last year's balance, so supply runs year by year;
	 * demand needs only year 0's capacity */
	supply_init(T);
	for (int t = 0; t < T->Y; t++) {
		if (has_ind)
			industry_year(T, &ind, t);
		supply_year(T, t);
		if (t == 0)
			demand(T, m);
	}
	if (has_ind)
		industry_rent(T);
	balance(T);
	cloud(T, o);
	story(T, o);
}
