#!/usr/bin/env python3
"""refmodel.py -- an independent reference for /work/shared/MODEL.md.

Second implementation of MODEL.md (version 2: capex response, power that
binds, kW decline, the industry section, the shut-down rule, idle PV and
stories by industry state) for scenarios whose every input is FIXED (one
trial is then the whole run).  Written from the text of MODEL.md and
FORMAT.md alone, in Python's standard library only, to be compared with
`computesim run` by tools/refcheck.py.

    python3 tools/refmodel.py SCENARIO.yaml        # tidy CSV: year,metric,value
    python3 tools/refmodel.py --json SCENARIO.json

As a module:
    scn = load_yaml_file(path)      # or a dict shaped like the YAML
    res = run(scn)                  # res.yearly[metric] = [value per year]
    res.summary                     # npv_busd, payback year, stories, ...

The YAML reader below handles the subset the project's fixed scenarios use
(block and flow mappings and sequences, plain and quoted scalars, comments);
it is not a general YAML parser.  Values: a number, a percentage string
("25%"), a numeric string, {dist: fixed, value: X} or a year series
{YEAR: value, ..., then_growth: value}.  Anything uncertain is refused.

Readings of MODEL.md written down here (where the text leaves a choice):
- A year series' unlisted middle years take the last listed value; after
  the last listed year x_t = x_{t-1} * (1 + then_growth_t) (no then_growth:
  it stays).  Growth/change inputs use their value for years t >= 1 only.
- Deployment lag and useful life split tranches by the floor/frac rules;
  a part of weight 0 does not exist.  The power need uses owned (not
  availability-scaled) H100e; capacity_gw = phi * need.
- Ratios over capacity_t <= 0 are 0 (demand_ratio, utilization,
  surplus_share); used_t (idle cost) is 0 when capacity + stranded <= 0.
- Capex response: d_{t-1} = demand_{t-1} / (capacity_{t-1} +
  stranded_{t-1}); a denominator <= 0 gives f = cap when demand_{t-1} > 0,
  else 1.  Without power_gw, phi = 1 and stranded = 0.  phi = 1 when the
  need is not positive.
- Industry: tau_t = Q_t / O_t; P_t also uses the market section's
  price_change; the shut-down rule compares the market price P_t (before
  the company's own impact) with opex by <=, and only zeroes new_t.
- The trigger compares last year's surplus_share (0 when capacity was not
  positive) with theta by >=.
- p_launched in year t: t >= t_L.  p_paid_back: payback year <= year.
- price_usd_per_h100e_hour is the market price P_t (not the realised P'_t).
- idle_pv_busd = sum_t (1 + discount_rate)^-t * idle_cost_t (discount_rate
  0 without a cloud section); hedge_ratio = npv / idle_pv (None when idle_pv
  is 0).  Its unpowered part (docs/model.md, an extension of MODEL.md):
  sum_t DF_t (dep_t + contract_cost_t) stranded_t / (cap_t + stranded_t);
  powered_hedge_ratio = npv / (idle_pv - that) (None when that difference
  is at most 1e-9 idle_pv).  Industry state at the horizon: "short" when tau_{T-1} >= 1.
- Outside the key ranges (only reachable here through then_growth), one
  choice of docs/notes-model.md is followed: a cost per H100e at or below 0
  buys nothing that year.

Result.scale[metric][t] is the magnitude of the operands a metric is
computed from (e.g. capacity for surplus_h100e = capacity - demand*(1+r)),
so that a checker can tell rounding in a cancellation from a disagreement.
Result.knife lists the decisions (trigger, payback, surplus > 0, the
shut-down rule, the industry state, a capex response cut to about 0) that
sit within rounding of their threshold: there two correct implementations
may legitimately differ.
"""

import json
import math
import sys


def c_pow(a, b):
    """C's pow for the cases the model meets: NaN for a negative base and
    a fractional exponent (Python's ** would give a complex number), an
    infinity for 0 to a negative power and on overflow (Python raises)."""
    odd = float(b).is_integer() and int(b) % 2 == 1
    if a == 0 and b < 0:
        return math.copysign(math.inf, a) if odd else math.inf
    try:
        return math.pow(a, b)
    except ValueError:
        return math.nan
    except OverflowError:
        return -math.inf if a < 0 and odd else math.inf


HOURS = 8760.0


class ModelError(Exception):
    pass


# ---------------------------------------------------------------------------
# Values

def _num_from_str(s):
    t = s.strip()
    if t.endswith('%'):
        return float(t[:-1].strip()) / 100.0
    if ' to ' in t:
        raise ModelError('uncertain value %r: the reference takes fixed inputs only' % s)
    return float(t)


def scalar(v, what='value'):
    """A fixed number from a scenario value."""
    if isinstance(v, bool):
        raise ModelError('%s: boolean where a number goes' % what)
    if isinstance(v, (int, float)):
        return float(v)
    if isinstance(v, str):
        return _num_from_str(v)
    if isinstance(v, dict):
        if v.get('dist') == 'fixed':
            return scalar(v['value'], what)
        raise ModelError('%s: not a fixed value: %r' % (what, v))
    raise ModelError('%s: not a number: %r' % (what, v))


def is_series(v):
    return isinstance(v, dict) and 'dist' not in v


def series(v, y0, T, what='value', default=0.0):
    """Per-year values x[0..T-1] of a per-year input (number or year series)."""
    if v is None:
        return [default] * T
    if not is_series(v):
        x = scalar(v, what)
        return [x] * T
    listed = {}
    tg = None
    for k, val in v.items():
        if k == 'then_growth':
            tg = val
            continue
        yr = int(k)
        listed[yr - y0] = scalar(val, what)
    if not listed or min(listed) != 0:
        raise ModelError('%s: a year series starts at start_year' % what)
    last = max(listed)
    if last >= T or min(listed) < 0:
        raise ModelError('%s: year series outside the horizon' % what)
    g = series(tg, y0, T, what + '.then_growth', 0.0) if tg is not None else [0.0] * T
    out = []
    for t in range(T):
        if t in listed:
            out.append(listed[t])
        elif t < last:
            out.append(out[t - 1])
        else:
            out.append(out[t - 1] * (1.0 + g[t]))
    return out


def frac_floor(x):
    f = math.floor(x)
    return int(f), x - f


# ---------------------------------------------------------------------------
# The model

METRICS = [
    'capex_busd', 'compute_capex_busd', 'new_h100e', 'owned_h100e',
    'contract_h100e', 'capacity_h100e', 'capacity_gw', 'demand_h100e',
    # demand_<workload>_h100e go here
    'demand_ratio', 'utilization', 'surplus_h100e', 'surplus_share',
    'shortfall_h100e', 'depreciation_busd', 'idle_cost_busd',
    'price_usd_per_h100e_hour', 'market_h100e', 'sold_h100e',
    'displaced_h100e', 'displacement_cost_busd', 'cloud_revenue_busd',
    'cloud_cash_busd', 'cloud_npv_busd', 'net_idle_cost_busd',
    'shortfall_cost_busd', 'stranded_h100e',
]
INDUSTRY_METRICS = [
    'industry_capex_busd', 'industry_supply_h100e', 'industry_demand_h100e',
    'industry_tightness',
]
PROBS = ['p_surplus', 'p_shortfall', 'p_launched', 'p_paid_back']
STORIES = ['overbuild', 'mismatch', 'shortage']
STATES = ['short', 'glut']

EPS = 1e-14     # ~50 ulps: a decision this close to its threshold is a coin toss


class Result:
    def __init__(self):
        self.years = []
        self.yearly = {}      # metric -> [value per year]
        self.order = []       # metric names in report order
        self.summary = {}
        self.scale = {}
        self.knife = []


def _opt(sec, key, default):
    v = sec.get(key)
    return default if v is None else scalar(v, key)


def response(spec, what):
    """(beta, floor, cap) of a capex_response mapping, or None without one."""
    if spec is None:
        return None
    if not isinstance(spec, dict):
        raise ModelError('%s: a mapping with sensitivity, floor, cap' % what)
    beta = scalar(spec['sensitivity'], what + '.sensitivity')
    floor = _opt(spec, 'floor', 0.0)
    cap = _opt(spec, 'cap', 1.0)
    return beta, floor, cap


def _respond(resp, x):
    """min(cap, max(floor, 1 + beta * (x - 1))) and the unclamped value's
    operand magnitude (for the knife check)."""
    beta, floor, cap = resp
    raw = 1.0 + beta * (x - 1.0)
    return min(cap, max(floor, raw)), raw, 1.0 + abs(beta) * (abs(x) + 1.0)


def industry_path(ind, mkt, y0, T, knife):
    """The industry's yearly path: dict of lists icapex, O, Q, tau, P, M."""
    plan = series(ind['capex_busd'], y0, T, 'industry.capex_busd')
    resp = response(ind.get('capex_response'), 'industry.capex_response')
    cs = series(ind['compute_share'], y0, T, 'industry.compute_share')
    c0 = scalar(ind['cost_per_h100e_usd'], 'industry.cost_per_h100e_usd')
    cd = series(ind.get('cost_decline'), y0, T, 'industry.cost_decline')
    life = scalar(ind['life_years'], 'industry.life_years')
    stock = scalar(ind['stock_h100e'], 'industry.stock_h100e')
    sr = scalar(ind['start_ratio'], 'industry.start_ratio')
    g = series(ind.get('growth'), y0, T, 'industry.growth')
    eff = series(ind.get('efficiency_gain'), y0, T, 'industry.efficiency_gain')
    el = series(ind.get('elasticity'), y0, T, 'industry.elasticity')
    rs = series(ind['rented_share'], y0, T, 'industry.rented_share')
    kappa = _opt(ind, 'price_response', 0.0)
    P0 = scalar(mkt['price_per_h100e_hour_usd'], 'market.price_per_h100e_hour_usd')
    pchg = series(mkt.get('price_change'), y0, T, 'price_change')

    icapex, cost, O, Q, tau, P, M = [], [], [], [], [], [], []
    for t in range(T):
        cost.append(c0 if t == 0 else cost[t - 1] * (1.0 - cd[t]))
        if t == 0 or resp is None:
            f = 1.0
        else:
            f, raw, mag = _respond(resp, tau[t - 1])
            if raw != 0.0 and abs(raw) <= 1e-6 * mag and abs(f) <= 1e-6 * mag:
                knife.append(('industry_capex', t))
        icapex.append(plan[t] * f)
        b = icapex[t] * cs[t] * 1e9 / cost[t] if cost[t] > 0 else 0.0
        if t == 0:
            O.append(stock + b)
            Q.append(sr * O[0])
        else:
            O.append(O[t - 1] * (1.0 - 1.0 / life) + b)
            e = eff[t]
            Q.append(Q[t - 1] * (1.0 + g[t]) * (1.0 + el[t] * e) * (1.0 - e))
        tau.append(Q[t] / O[t] if O[t] > 0 else 0.0)
        if t == 0:
            P.append(P0)
        else:
            # notes-model: a ratio whose divisor (last year's cost or
            # tightness) is at or below 0 counts as 1
            p = P[t - 1] * (1.0 + pchg[t])
            if cost[t - 1] > 0:
                p *= cost[t] / cost[t - 1]
            if kappa != 0 and tau[t - 1] > 0:
                p *= c_pow(tau[t] / tau[t - 1], kappa)
            P.append(p)
        M.append(rs[t] * Q[t])
    return {'icapex': icapex, 'O': O, 'Q': Q, 'tau': tau, 'P': P, 'M': M}


def run(scn):
    sc = scn['scenario']
    y0 = int(sc['start_year'])
    T = int(sc['years'])
    if T < 1:
        raise ModelError('years < 1')
    sup = scn['supply']
    dem = scn['demand']
    mkt = scn['market']
    cld = scn.get('cloud') or {}
    ind = scn.get('industry')
    opt = _opt
    knife = []

    # ---- supply inputs
    B = scalar(sup['installed_base_h100e'], 'installed_base_h100e')
    Lb = scalar(sup['installed_base_life_years'], 'installed_base_life_years')
    BV = opt(sup, 'installed_base_book_value_busd', 0.0)
    plan = series(sup['capex_busd'], y0, T, 'capex_busd')
    resp = response(sup.get('capex_response'), 'supply.capex_response')
    cshare = series(sup['compute_share'], y0, T, 'compute_share')
    lag = opt(sup, 'deployment_lag_years', 0.0)
    L = scalar(sup['useful_life_years'], 'useful_life_years')
    a = opt(sup, 'availability', 1.0)
    pue = opt(sup, 'pue', 1.0)
    kw_base = opt(sup, 'kw_per_h100e_base', 0.0)
    power = (series(sup['power_gw'], y0, T, 'power_gw')
             if sup.get('power_gw') is not None else None)
    lines = sup['procurement']
    wsum = sum(scalar(p['share']) for p in lines)
    if not wsum > 0:
        raise ModelError('procurement shares sum to 0')
    plines = []
    for p in lines:
        cd = series(p.get('cost_decline'), y0, T, 'cost_decline')
        kd = series(p.get('kw_decline'), y0, T, 'kw_decline')
        c = [scalar(p['cost_per_h100e_usd'])]
        kw = [opt(p, 'kw_per_h100e', 0.0)]
        for t in range(1, T):
            c.append(c[t - 1] * (1.0 - cd[t]))
            kw.append(kw[t - 1] * (1.0 - kd[t]))
        plines.append({'share': scalar(p['share']) / wsum, 'cost': c, 'kw': kw})
    contracts = []
    for c in (sup.get('contracts') or []):
        contracts.append({
            'start': int(c['start']), 'end': int(c['end']),
            'total': scalar(c['total_busd']),
            'price': scalar(c['price_per_h100e_hour_usd']),
        })

    # ---- demand inputs
    R0 = scalar(dem['start_ratio'], 'start_ratio')
    r = opt(dem, 'reserve_margin', 0.0)
    wls = dem['workloads']
    dsum = sum(scalar(w['share']) for w in wls)
    if not dsum > 0:
        raise ModelError('workload shares sum to 0')
    wk = []
    for w in wls:
        wk.append({
            'name': str(w['name']),
            'share': scalar(w['share']) / dsum,
            'growth': series(w.get('growth'), y0, T, 'growth'),
            'eff': series(w.get('efficiency_gain'), y0, T, 'efficiency_gain'),
            'el': series(w.get('elasticity'), y0, T, 'elasticity'),
        })

    # ---- cloud inputs
    launch = cld.get('launch', 'never')
    if launch is None:
        launch = 'never'
    ramp_years = opt(cld, 'ramp_years', 1.0)
    sellable = opt(cld, 'sellable_share', 1.0)
    mms = opt(cld, 'max_market_share', 1.0)
    impact = opt(cld, 'price_impact', 0.0)
    u = opt(cld, 'billed_share', 1.0)
    opex = opt(cld, 'opex_per_h100e_hour_usd', 0.0)
    fixed_cost = opt(cld, 'fixed_cost_busd', 0.0)
    launch_cost = opt(cld, 'launch_cost_busd', 0.0)
    dr = opt(cld, 'discount_rate', 0.0)
    m = int(scalar(cld['term_years'])) if cld.get('term_years') is not None else 1

    # ================= Market (does not depend on the company)
    if ind is not None:
        if mkt.get('market_h100e') is not None or mkt.get('market_growth') is not None:
            raise ModelError('market_h100e / market_growth with an industry section')
        ip = industry_path(ind, mkt, y0, T, knife)
        P, M = ip['P'], ip['M']
    else:
        ip = None
        P0 = scalar(mkt['price_per_h100e_hour_usd'])
        pchg = series(mkt.get('price_change'), y0, T, 'price_change')
        M0 = scalar(mkt['market_h100e'])
        mg = series(mkt.get('market_growth'), y0, T, 'market_growth')
        P = [P0]
        M = [M0]
        for t in range(1, T):
            P.append(P[t - 1] * (1.0 + pchg[t]))
            M.append(M[t - 1] * (1.0 + mg[t]))

    # ================= Contracts (do not depend on anything else)
    con_h = [0.0] * T
    con_cost = [0.0] * T
    for c in contracts:
        yrs = c['end'] - c['start'] + 1
        hh = c['total'] * 1e9 / (yrs * HOURS * c['price'])
        cc = c['total'] / yrs
        for t in range(T):
            if c['start'] <= y0 + t <= c['end']:
                con_h[t] += hh
                con_cost[t] += cc

    # ================= Supply and demand, year by year (capex answers
    # last year's balance)
    Lbf, Lbr = frac_floor(Lb)
    lagf, lagr = frac_floor(lag)
    Lf, Lr = frac_floor(L)

    def serve(e, t):
        """Weight of a tranche entering service in year e, in year t."""
        if e <= t <= e + Lf - 1:
            return 1.0
        if t == e + Lf:
            return Lr
        return 0.0

    base_rem = [B * max(0.0, 1.0 - t / Lb) for t in range(T)]
    capex, K, new_h = [], [], []
    owned, need, gw, dep, phi, usable, stranded, cap = [], [], [], [], [], [], [], []
    D = [[] for _ in wk]
    demand = []
    tranches = []       # (kW per h100e, entry year, h100e, capex busd)
    for t in range(T):
        if t == 0 or resp is None:
            f = 1.0
        else:
            den = cap[t - 1] + stranded[t - 1]
            if not den > 0:
                f = resp[2] if demand[t - 1] > 0 else 1.0
            else:
                f, raw, mag = _respond(resp, demand[t - 1] / den * (1.0 + r))
                if raw != 0.0 and abs(raw) <= 1e-6 * mag and abs(f) <= 1e-6 * mag:
                    knife.append(('capex', t))
        capex.append(plan[t] * f)
        K.append(capex[t] * cshare[t])
        nt = 0.0
        for p in plines:
            c = p['cost'][t]
            # A cost at or below 0 (only from a cost_decline >= 1, outside
            # its range) buys nothing that year: docs/notes-model.md.
            n = K[t] * 1e9 * p['share'] / c if c > 0 else 0.0
            nt += n
            for e, w in ((t + lagf, 1.0 - lagr), (t + lagf + 1, lagr)):
                if w == 0.0 or e >= T:
                    continue
                tranches.append((p['kw'][t], e, n * w, K[t] * p['share'] * w))
        new_h.append(nt)

        h = 0.0
        kw = kw_base * base_rem[t]
        d = 0.0
        for (kwi, e, hh, kk) in tranches:
            s = serve(e, t)
            if s == 0.0:
                continue
            h += hh * s
            kw += kwi * hh * s
            d += kk / L * s
        owned.append(base_rem[t] + h)
        need.append(pue * kw / 1e6)
        if t < Lbf:
            d += BV / Lb
        elif t == Lbf:
            d += Lbr * BV / Lb
        dep.append(d)
        if power is None or not need[t] > 0:
            ph = 1.0
        else:
            ph = min(1.0, power[t] / need[t])
        phi.append(ph)
        gw.append(ph * need[t])
        usable.append(a * ph * owned[t])
        stranded.append(a * (1.0 - ph) * owned[t])
        cap.append(usable[t] + con_h[t])

        for j, w in enumerate(wk):
            if t == 0:
                D[j].append(R0 * cap[0] * w['share'])
            else:
                e = w['eff'][t]
                D[j].append(D[j][t - 1] * (1.0 + w['growth'][t])
                            * (1.0 + w['el'][t] * e) * (1.0 - e))
        demand.append(sum(D[j][t] for j in range(len(wk))))

    def ratio(x, t):
        return x / cap[t] if cap[t] > 0 else 0.0

    dratio = [ratio(demand[t], t) for t in range(T)]
    util = [ratio(min(demand[t], cap[t]), t) for t in range(T)]
    surplus = [max(0.0, cap[t] - demand[t] * (1.0 + r)) for t in range(T)]
    sshare = [ratio(surplus[t], t) for t in range(T)]
    short = [max(0.0, demand[t] - cap[t]) for t in range(T)]
    short_cost = [short[t] * HOURS * P[t] / 1e9 for t in range(T)]

    # ================= Cloud
    tL = None
    theta = None
    if isinstance(launch, str):
        if launch != 'never':
            raise ModelError('launch: %r' % launch)
    elif 'year' in launch:
        tL = int(launch['year']) - y0
        if not 0 <= tL < T:
            raise ModelError('launch year outside the horizon')
    elif 'trigger_surplus_share' in launch:
        theta = scalar(launch['trigger_surplus_share'])
        for t in range(1, T):
            if sshare[t - 1] >= theta:
                tL = t
                break
    else:
        raise ModelError('launch: %r' % launch)

    def ramp(k):
        return min(1.0, (k + 1) / ramp_years)

    new = [0.0] * T
    sold = [0.0] * T
    Preal = [0.0] * T
    rev = [0.0] * T
    cash = [0.0] * T
    displaced = [0.0] * T
    disp_cost = [0.0] * T
    npv = [0.0] * T
    acc = 0.0
    for t in range(T):
        launched = tL is not None and t >= tL
        if launched:
            target = min(sellable * surplus[t], mms * M[t] * ramp(t - tL))
            carried = sum(new[s] for s in range(max(0, t - m + 1), t))
            new[t] = max(0.0, target - carried)
            # The shut-down rule: nobody signs below cash cost.
            if new[t] > 0 and abs(P[t] - opex) <= EPS * max(abs(P[t]), abs(opex)):
                knife.append(('shutdown', t))
            if P[t] <= opex:
                new[t] = 0.0
            sold[t] = carried + new[t]
        if M[t] > 0:
            Preal[t] = P[t] * max(0.0, 1.0 - impact * sold[t] / M[t])
        else:   # notes-model: no market left, anything sold takes the price to 0
            Preal[t] = 0.0 if sold[t] > 0 else P[t]
        if launched:
            rv = sum(new[s] * HOURS * u * Preal[s] / 1e9
                     for s in range(max(0, t - m + 1), t + 1))
            var = sold[t] * HOURS * u * opex / 1e9
            displaced[t] = (max(0.0, demand[t] - (cap[t] - sold[t]))
                            - max(0.0, demand[t] - cap[t]))
            disp_cost[t] = displaced[t] * HOURS * P[t] / 1e9
            rev[t] = rv
            cash[t] = rv - var - fixed_cost - (launch_cost if t == tL else 0.0) - disp_cost[t]
        acc += cash[t] * (1.0 + dr) ** (-t)
        npv[t] = acc

    payback = None
    if tL is not None:
        for t in range(tL, T):
            if npv[t] >= 0:
                payback = t
                break

    used = []
    for t in range(T):
        den = cap[t] + stranded[t]
        used.append(min(demand[t], cap[t]) / den if den > 0 else 0.0)
    idle = [(dep[t] + con_cost[t]) * (1.0 - used[t]) for t in range(T)]
    net_idle = [idle[t] - cash[t] for t in range(T)]
    idle_pv = 0.0
    idle_pv_scale = 0.0
    unpowered_pv = 0.0
    for t in range(T):
        df = (1.0 + dr) ** (-t)
        idle_pv += df * idle[t]
        idle_pv_scale += abs(df) * abs(dep[t] + con_cost[t])
        # the unpowered part of 1 - used: stranded / (cap + stranded)
        if stranded[t] > 0:
            unpowered_pv += df * (dep[t] + con_cost[t]) * stranded[t] / (cap[t] + stranded[t])
    powered = idle_pv - unpowered_pv

    res = Result()
    res.years = [y0 + t for t in range(T)]
    eps = EPS
    H = [max(abs(cap[t]), abs(demand[t]) * (1.0 + abs(r)), abs(sold[t])) for t in range(T)]
    Hc = [H[t] * HOURS * abs(P[t]) / 1e9 for t in range(T)]
    C = [abs(rev[t]) + abs(sold[t] * HOURS * u * opex / 1e9) + abs(fixed_cost)
         + abs(launch_cost) + Hc[t] for t in range(T)]
    Cn = []
    acc = 0.0
    for t in range(T):
        acc += C[t] * abs((1.0 + dr) ** (-t))
        Cn.append(acc)
    res.scale = {
        'surplus_h100e': H, 'shortfall_h100e': H, 'sold_h100e': H,
        'displaced_h100e': H, 'displacement_cost_busd': Hc,
        'shortfall_cost_busd': Hc, 'cloud_cash_busd': C, 'cloud_npv_busd': Cn,
        'idle_cost_busd': [abs(dep[t] + con_cost[t]) for t in range(T)],
        'net_idle_cost_busd': [C[t] + abs(dep[t] + con_cost[t]) for t in range(T)],
        'cloud_revenue_busd': C,
        'stranded_h100e': [abs(a * owned[t]) for t in range(T)],
    }
    for t in range(T):
        if abs(cap[t] - demand[t] * (1.0 + r)) <= eps * H[t]:
            knife.append(('p_surplus', t))
        if abs(demand[t] - cap[t]) <= eps * H[t]:
            knife.append(('p_shortfall', t))
        if tL is not None and t >= tL and abs(npv[t]) <= eps * Cn[t] and npv[t] != 0.0:
            knife.append(('payback', t))
    if theta is not None:
        for t in range(T - 1):
            if sshare[t] != theta and abs(sshare[t] - theta) <= eps:
                knife.append(('trigger', t))
    if ip is not None and abs(ip['tau'][T - 1] - 1.0) <= eps:
        knife.append(('industry_state', T - 1))
    res.knife = knife
    vals = {
        'capex_busd': capex, 'compute_capex_busd': K, 'new_h100e': new_h,
        'owned_h100e': owned, 'contract_h100e': con_h, 'capacity_h100e': cap,
        'capacity_gw': gw, 'demand_h100e': demand, 'demand_ratio': dratio,
        'utilization': util, 'surplus_h100e': surplus, 'surplus_share': sshare,
        'shortfall_h100e': short, 'depreciation_busd': dep,
        'idle_cost_busd': idle, 'price_usd_per_h100e_hour': P,
        'market_h100e': M, 'sold_h100e': sold, 'displaced_h100e': displaced,
        'displacement_cost_busd': disp_cost, 'cloud_revenue_busd': rev,
        'cloud_cash_busd': cash, 'cloud_npv_busd': npv,
        'net_idle_cost_busd': net_idle, 'shortfall_cost_busd': short_cost,
        'stranded_h100e': stranded,
    }
    if ip is not None:
        vals.update({
            'industry_capex_busd': ip['icapex'], 'industry_supply_h100e': ip['O'],
            'industry_demand_h100e': ip['Q'], 'industry_tightness': ip['tau'],
        })
    for name in METRICS + (INDUSTRY_METRICS if ip is not None else []):
        res.order.append(name)
        res.yearly[name] = vals[name]
        if name == 'demand_h100e':
            for j, w in enumerate(wk):
                mn = 'demand_%s_h100e' % w['name']
                res.order.append(mn)
                res.yearly[mn] = D[j]
    res.yearly['p_surplus'] = [1.0 if surplus[t] > 0 else 0.0 for t in range(T)]
    res.yearly['p_shortfall'] = [1.0 if short[t] > 0 else 0.0 for t in range(T)]
    res.yearly['p_launched'] = [1.0 if tL is not None and t >= tL else 0.0 for t in range(T)]
    res.yearly['p_paid_back'] = [1.0 if payback is not None and payback <= t else 0.0
                                 for t in range(T)]
    res.order.extend(PROBS)

    first_surplus = next((t for t in range(T) if surplus[t] > 0), None)
    if surplus[T - 1] > 0:
        story = 'overbuild'
    elif first_surplus is not None:
        story = 'mismatch'
    else:
        story = 'shortage'
    state = None
    if ip is not None:
        state = 'short' if ip['tau'][T - 1] >= 1.0 else 'glut'
    res.summary = {
        'npv_busd': npv[T - 1],
        'p_npv_positive': 1.0 if npv[T - 1] > 0 else 0.0,
        'payback_year': (str(y0 + payback) if payback is not None
                         else ('never' if tL is not None else 'not_launched')),
        'median_payback_year': (y0 + payback) if payback is not None else None,
        'launch_year': (y0 + tL) if tL is not None else None,
        'first_surplus_year': str(y0 + first_surplus) if first_surplus is not None else 'none',
        'story': story,
        'idle_pv_busd': idle_pv,
        'idle_pv_scale': idle_pv_scale,
        'hedge_ratio': npv[T - 1] / idle_pv if idle_pv != 0 else None,
        'has_power': power is not None,
        'unpowered_pv_busd': unpowered_pv,
        'powered_hedge_ratio': (npv[T - 1] / powered
                                if powered > 1e-9 * abs(idle_pv) else None),
        'industry_state': state,
    }
    return res


# ---------------------------------------------------------------------------
# A small YAML subset reader (enough for the scenarios this project writes)

def _strip_comment(line):
    out = []
    q = None
    i = 0
    while i < len(line):
        ch = line[i]
        if q:
            out.append(ch)
            if ch == '\\' and q == '"' and i + 1 < len(line):
                out.append(line[i + 1])
                i += 1
            elif ch == q:
                q = None
        else:
            if ch in '"\'' and (not out or out[-1] in ' \t[{,:'):
                q = ch
            elif ch == '#' and (not out or out[-1] in ' \t'):
                break
            out.append(ch)
        i += 1
    return ''.join(out).rstrip()


def _plain(s):
    s = s.strip()
    if s == '' or s in ('~', 'null', 'Null', 'NULL'):
        return None
    if s in ('true', 'True', 'TRUE'):
        return True
    if s in ('false', 'False', 'FALSE'):
        return False
    if len(s) >= 2 and s[0] == '"' and s[-1] == '"':
        return json.loads(s)
    if len(s) >= 2 and s[0] == "'" and s[-1] == "'":
        return s[1:-1].replace("''", "'")
    try:
        if s.lstrip('+-').isdigit():
            return int(s)
        return float(s)
    except ValueError:
        return s


class _Flow:
    def __init__(self, text):
        self.s = text
        self.i = 0

    def ws(self):
        while self.i < len(self.s) and self.s[self.i] in ' \t\n':
            self.i += 1

    def value(self):
        self.ws()
        ch = self.s[self.i]
        if ch == '{':
            return self.mapping()
        if ch == '[':
            return self.seq()
        return self.scalar(',]}')

    def scalar(self, stops):
        self.ws()
        if self.s[self.i] in '"\'':
            q = self.s[self.i]
            j = self.i + 1
            while True:
                if self.s[j] == '\\' and q == '"':
                    j += 2
                    continue
                if self.s[j] == q:
                    if q == "'" and j + 1 < len(self.s) and self.s[j + 1] == "'":
                        j += 2
                        continue
                    break
                j += 1
            tok = self.s[self.i:j + 1]
            self.i = j + 1
            return _plain(tok)
        j = self.i
        while j < len(self.s) and self.s[j] not in stops:
            if self.s[j] == ':' and ':' in stops and (j + 1 == len(self.s) or self.s[j + 1] in ' \t\n'):
                break
            j += 1
        tok = self.s[self.i:j]
        self.i = j
        return _plain(tok)

    def mapping(self):
        self.i += 1
        out = {}
        while True:
            self.ws()
            if self.s[self.i] == '}':
                self.i += 1
                return out
            k = self.scalar(':,}')
            self.ws()
            if self.s[self.i] != ':':
                raise ModelError('flow mapping: expected ":" in %r' % self.s)
            self.i += 1
            v = self.value()
            if k in out:
                raise ModelError('duplicate key %r' % k)
            out[k] = v
            self.ws()
            if self.s[self.i] == ',':
                self.i += 1

    def seq(self):
        self.i += 1
        out = []
        while True:
            self.ws()
            if self.s[self.i] == ']':
                self.i += 1
                return out
            out.append(self.value())
            self.ws()
            if self.s[self.i] == ',':
                self.i += 1


def _balance(s):
    d = 0
    q = None
    for ch in s:
        if q:
            if ch == q:
                q = None
        elif ch in '"\'':
            q = ch
        elif ch in '[{':
            d += 1
        elif ch in ']}':
            d -= 1
    return d


def _inline(text):
    text = text.strip()
    if text.startswith('{') or text.startswith('['):
        return _Flow(text).value()
    return _plain(text)


def _split_key(text):
    """'key: rest' -> (key, rest) or None."""
    q = None
    for i, ch in enumerate(text):
        if q:
            if ch == q:
                q = None
            continue
        if ch in '"\'':
            q = ch
        elif ch in '[{':
            return None
        elif ch == ':' and (i + 1 == len(text) or text[i + 1] in ' \t'):
            return _plain(text[:i]), text[i + 1:].strip()
    return None


def load_yaml(text):
    raw = [_strip_comment(l.rstrip('\n')) for l in text.split('\n')]
    lines = []          # (indent, text)
    buf = None
    for l in raw:
        if buf is not None:
            buf = (buf[0], buf[1] + ' ' + l.strip())
            if _balance(buf[1]) <= 0:
                lines.append(buf)
                buf = None
            continue
        if not l.strip():
            continue
        ind = len(l) - len(l.lstrip(' '))
        item = (ind, l.strip())
        if _balance(item[1]) > 0:
            buf = item
        else:
            lines.append(item)
    if buf is not None:
        raise ModelError('unbalanced flow collection')
    pos = [0]

    def block(ind):
        ln = lines[pos[0]]
        if ln[1].startswith('- ') or ln[1] == '-':
            return seq(ln[0])
        return mapping(ln[0])

    def mapping(ind, first=None):
        out = {}
        if first is not None:
            k, rest = first
            out[k] = value_after(rest, ind)
        while pos[0] < len(lines) and lines[pos[0]][0] == ind and not lines[pos[0]][1].startswith('- '):
            kv = _split_key(lines[pos[0]][1])
            if kv is None:
                raise ModelError('expected "key: value": %r' % lines[pos[0]][1])
            pos[0] += 1
            k, rest = kv
            if k in out:
                raise ModelError('duplicate key %r' % k)
            out[k] = value_after(rest, ind)
        return out

    def value_after(rest, ind):
        if rest:
            return _inline(rest)
        if pos[0] < len(lines) and (lines[pos[0]][0] > ind or
                                    (lines[pos[0]][0] == ind and lines[pos[0]][1].startswith('- '))):
            return block(lines[pos[0]][0])
        return None

    def seq(ind):
        out = []
        while pos[0] < len(lines) and lines[pos[0]][0] == ind and \
                (lines[pos[0]][1].startswith('- ') or lines[pos[0]][1] == '-'):
            body = lines[pos[0]][1][1:].strip()
            pos[0] += 1
            if not body:
                out.append(block(lines[pos[0]][0]))
                continue
            kv = _split_key(body)
            if kv is not None:
                inner = ind + 2
                out.append(mapping(inner, kv))
            else:
                out.append(_inline(body))
        return out

    if not lines:
        return None
    return block(lines[0][0])


def load_yaml_file(path):
    with open(path, encoding='utf-8') as f:
        return load_yaml(f.read())


# ---------------------------------------------------------------------------

def fmt(x):
    return '%.12g' % x


def main(argv):
    as_json = False
    args = []
    for a in argv[1:]:
        if a == '--json':
            as_json = True
        else:
            args.append(a)
    if len(args) != 1:
        sys.stderr.write('usage: refmodel.py [--json] SCENARIO.(yaml|json)\n')
        return 2
    try:
        if as_json:
            with open(args[0], encoding='utf-8') as f:
                scn = json.load(f)
        else:
            scn = load_yaml_file(args[0])
        res = run(scn)
    except (ModelError, KeyError, ValueError, OSError) as e:
        sys.stderr.write('%s: error: %s\n' % (args[0], e))
        return 2
    out = sys.stdout
    out.write('year,metric,value\n')
    for name in res.order:
        for t, y in enumerate(res.years):
            out.write('%d,%s,%s\n' % (y, name, fmt(res.yearly[name][t])))
    for k, v in res.summary.items():
        out.write('# %s: %s\n' % (k, v))
    return 0


if __name__ == '__main__':
    sys.exit(main(sys.argv))
