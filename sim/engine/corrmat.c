/* corrmat.c — the latent correlation matrix of a sample plan and its
 * Cholesky factor, one connected part at a time, and what a matrix that
 * is not positive definite is reported as (see sample_impl.h). */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "sample_impl.h"

/* Rank correlation -> latent correlation: rho = 2 sin(pi rho_s / 6). */
static double latent_rho(double rho_s)
{
	return 2 * sin(M_PI * rho_s / 6);
}

/* ---- the latent correlation matrix R, one connected part at a time ----
 *
 * R is 1 on the diagonal and latent_rho() for each sc->corr pair naming
 * two paths: the last pair wins when one is listed twice (the loader
 * reports that too, and the check runs on). It is kept sparse, as
 * adjacency lists. Inputs joined by no correlation to each other are
 * independent blocks of R (after a permutation): each connected part of
 * the correlation graph is factored on its own, so the cost grows with
 * the correlated inputs only, and an input with no correlation costs
 * nothing.
 *
 * The factorisation is written out here rather than left to
 * gsl_linalg_cholesky_decomp1 (STYLE.md 7), for two reasons: GSL says
 * only that a matrix is not positive definite, not where, and finding the
 * first leading block that is not took one GSL call per block (O(n^4),
 * a minute at 1,300 inputs); and GSL cannot skip the zeros of a sparse
 * part. chol_rows() does GSL's arithmetic entry for entry (its unblocked
 * algorithm, which GSL 2.7 uses up to 24 rows; see chol_rows), so for up
 * to 24 paths L and the decision are GSL's bit for bit, and beyond that
 * they differ only in rounding (tests/check_sample.c compares both). */

struct corr_entry {
	int col;		/* path */
	double r;		/* latent correlation, nonzero */
};

struct corr_graph {
	int n;			/* paths */
	int *start;		/* [n + 1]: row i is e[start[i] .. start[i+1]) */
	struct corr_entry *e;	/* both triangles, by row, ascending col */
};

static void graph_free(struct corr_graph *g)
{
	free(g->start);
	free(g->e);
	g->start = NULL;
	g->e = NULL;
}

/* Sort key of a row entry while building: column, then list position. */
struct corr_raw {
	int col, order;
	double r;
};

static int cmp_raw(const void *a, const void *b)
{
	const struct corr_raw *x = a, *y = b;
	if (x->col != y->col)
		return x->col < y->col ? -1 : 1;
	return (x->order > y->order) - (x->order < y->order);
}

/* Build g from the scenario's pairs. Returns 0 or -2 (out of memory). */
static int graph_build(struct corr_graph *g, const struct sample_plan *p)
{
	const struct scenario *sc = p->sc;
	int n = p->n, ni = sc->ninputs;
	struct corr_raw *raw = NULL;
	int *fill = NULL;
	size_t m = 0;

	g->n = n;
	g->e = NULL;
	g->start = calloc((size_t)n + 1, sizeof *g->start);
	if (!g->start)
		return -2;
	for (int pass = 0; pass < 2; pass++) {
		for (int c = 0; c < sc->ncorr; c++) {
			const struct correlation *cr = &sc->corr[c];
			if (cr->a < 0 || cr->a >= ni || cr->b < 0 ||
			    cr->b >= ni || cr->a == cr->b)
				continue;
			int ka = p->path_of[cr->a], kb = p->path_of[cr->b];
			if (ka < 0 || kb < 0)
				continue;
			if (pass == 0) {
				g->start[ka + 1]++;
				g->start[kb + 1]++;
				continue;
			}
			double r = latent_rho(cr->rho_s);
			raw[fill[ka]++] = (struct corr_raw){kb, c, r};
			raw[fill[kb]++] = (struct corr_raw){ka, c, r};
		}
		if (pass == 1)
			break;
		for (int i = 0; i < n; i++)
			g->start[i + 1] += g->start[i];
		m = (size_t)g->start[n];
		raw = malloc((m ? m : 1) * sizeof *raw);
		fill = malloc(((size_t)n ? (size_t)n : 1) * sizeof *fill);
		if (!raw || !fill)
			goto oom;
		memcpy(fill, g->start, (size_t)n * sizeof *fill);
	}
	g->e = malloc((m ? m : 1) * sizeof *g->e);
	if (!g->e)
		goto oom;
	/* per row: by column, the last listed pair of a column wins; a zero
	 * correlation is no edge */
	int k = 0;
	for (int i = 0; i < n; i++) {
		int a = g->start[i], b = g->start[i + 1];
		qsort(raw + a, (size_t)(b - a), sizeof *raw, cmp_raw);
		g->start[i] = k;
		for (int j = a; j < b; j++) {
			if (j + 1 < b && raw[j + 1].col == raw[j].col)
				continue;
			if (raw[j].r != 0)
				g->e[k++] = (struct corr_entry){raw[j].col,
							       raw[j].r};
		}
	}
	g->start[n] = k;
	free(raw);
	free(fill);
	return 0;
oom:
	free(raw);
	free(fill);
	graph_free(g);
	return -2;
}

/* Packed lower triangle: row i of a c x c matrix starts at i(i+1)/2. */
static size_t tri(int i)
{
	return (size_t)i * ((size_t)i + 1) / 2;
}

/* Rows factored together by chol_rows(): they share the loads of each
 * earlier row and keep that many sums going at once. */
#define CHOL_BLOCK 4

/* Cholesky factor, row by row, of the matrix held in a (packed lower
 * rows, see tri(); on entry the lower triangle of a symmetric matrix with
 * a positive diagonal, on return L in the rows factored), stopping at the
 * first row whose pivot is not positive or at row `limit`. Returns that
 * row, or -1 when rows 0 .. limit-1 all factored. invd[i] = 1 / L[i][i]
 * and env[i] (first nonzero column of row i) are set for each row
 * reached, and row k's off-diagonal entries are L's even when k fails.
 *
 * Row k fails exactly when the leading (k+1) x (k+1) block is not
 * positive definite and the leading k x k one is, so the first failing
 * row is the smallest block that is not, found in one pass.
 *
 * The arithmetic is GSL's cholesky_decomp_L2 (Golub and Van Loan's gaxpy
 * Cholesky, which gsl_linalg_cholesky_decomp1 uses up to 24 rows): each
 * entry is its R entry minus the sum of products over earlier columns,
 * accumulated from 0 in ascending order, times 1/sqrt(pivot); the
 * diagonal is pivot * (1/sqrt(pivot)); failure is pivot <= 0. Only the
 * order in which entries are computed differs, and no entry depends on
 * that. Columns before a row's first nonzero are skipped (their products
 * are exact zeros), and CHOL_BLOCK rows go through the earlier rows
 * together, each with its own sum in the same order. */
static int chol_rows(double *a, double *invd, int *env, int c, int limit)
{
	if (limit > c)
		limit = c;
	for (int i = 0; i < limit; i += CHOL_BLOCK) {
		int nb = limit - i < CHOL_BLOCK ? limit - i : CHOL_BLOCK;
		double *l[CHOL_BLOCK];
		int fmin = i;

		for (int r = 0; r < nb; r++) {
			int f = 0;
			l[r] = a + tri(i + r);
			while (f < i + r && l[r][f] == 0)
				f++;
			env[i + r] = f;
			if (f < fmin)
				fmin = f;
		}
		/* columns before the block: the rows need only earlier rows */
		for (int j = fmin; j < i; j++) {
			const double *lj = a + tri(j);
			double s[CHOL_BLOCK] = {0};
			int k0 = 0, st[CHOL_BLOCK];
			for (int r = 0; r < nb; r++) {
				st[r] = env[i + r] > env[j] ? env[i + r] : env[j];
				if (st[r] > j)
					st[r] = j;
				if (st[r] > k0)
					k0 = st[r];
			}
			for (int r = 0; r < nb; r++)
				for (int k = st[r]; k < k0; k++)
					s[r] += l[r][k] * lj[k];
			if (nb == CHOL_BLOCK)
				for (int k = k0; k < j; k++) {
					double v = lj[k];
					s[0] += l[0][k] * v;
					s[1] += l[1][k] * v;
					s[2] += l[2][k] * v;
					s[3] += l[3][k] * v;
				}
			else
				for (int r = 0; r < nb; r++)
					for (int k = k0; k < j; k++)
						s[r] += l[r][k] * lj[k];
			for (int r = 0; r < nb; r++)
				l[r][j] = (l[r][j] - s[r]) * invd[j];
		}
		/* the block's own columns and pivots, row by row */
		for (int r = 0; r < nb; r++) {
			int row = i + r, fi = env[row];
			double *li = l[r];
			for (int j = fi > i ? fi : i; j < row; j++) {
				const double *lj = a + tri(j);
				double s = 0;
				for (int k = fi > env[j] ? fi : env[j]; k < j; k++)
					s += li[k] * lj[k];
				li[j] = (li[j] - s) * invd[j];
			}
			double s = 0;
			for (int k = fi; k < row; k++)
				s += li[k] * li[k];
			double piv = li[row] - s;
			if (!(piv > 0))
				return row;
			invd[row] = 1.0 / sqrt(piv);
			li[row] = piv * invd[row];
		}
	}
	return -1;
}

/* One connected part of the correlation graph: its paths in path order
 * (ascending), and once factored its L in packed rows. */
struct corr_part {
	int c;
	int *memb;		/* c paths, ascending */
	double *a;		/* tri(c) doubles */
	double *invd;
	int *env;
};

static void part_free(struct corr_part *pt)
{
	free(pt->a);
	free(pt->invd);
	free(pt->env);
	pt->a = pt->invd = NULL;
	pt->env = NULL;
}

/* Load R's rows for part pt into pt->a (loc: path -> row in the part)
 * and factor rows before `limit`. Returns chol_rows()'s answer, or -2. */
static int part_factor(struct corr_part *pt, const struct corr_graph *g,
		       const int *loc, int limit)
{
	int c = pt->c;
	pt->a = calloc(tri(c), sizeof *pt->a);
	pt->invd = malloc((size_t)c * sizeof *pt->invd);
	pt->env = malloc((size_t)c * sizeof *pt->env);
	if (!pt->a || !pt->invd || !pt->env)
		return -2;
	for (int i = 0; i < c; i++) {
		int u = pt->memb[i];
		double *row = pt->a + tri(i);
		row[i] = 1;
		for (int e = g->start[u]; e < g->start[u + 1]; e++) {
			int j = loc[g->e[e].col];
			if (j < i)
				row[j] = g->e[e].r;
		}
	}
	return chol_rows(pt->a, pt->invd, pt->env, c, limit);
}

/* A conflict of more than this many inputs is named by its first ones
 * and a count, so the message stays one readable line. */
#define NAMES_SHOWN 6

/* narrow_conflict(): step 1 looks among this many inputs at most (one
 * dense factorisation, about 0.02 s at 512); step 2 runs on a group of at
 * most PRUNE_MAX (as many factorisations of that size). */
#define NARROW_MAX 512
#define PRUNE_MAX 64

/* Weight order for narrowing: larger weight first, then path order. */
struct ranked {
	double w;
	int j;
};

static int cmp_ranked(const void *a, const void *b)
{
	const struct ranked *x = a, *y = b;
	if (x->w != y->w)
		return x->w > y->w ? -1 : 1;
	return (x->j > y->j) - (x->j < y->j);
}

static int cmp_int(const void *a, const void *b)
{
	int x = *(const int *)a, y = *(const int *)b;
	return (x > y) - (x < y);
}

/* Mark in `in` (zeroed, indexed by path) the paths reachable from path s
 * over correlations between paths that `ok` allows (ok[path] != 0); the
 * marked paths are also appended to q (room for every allowed path).
 * Returns how many. */
static int graph_reach(const struct corr_graph *g, const char *ok, int s,
		       char *in, int *q)
{
	int qh = 0, qt = 0;
	in[s] = 1;
	q[qt++] = s;
	while (qh < qt) {
		int u = q[qh++];
		for (int e = g->start[u]; e < g->start[u + 1]; e++) {
			int v = g->e[e].col;
			if (ok[v] && !in[v]) {
				in[v] = 1;
				q[qt++] = v;
			}
		}
	}
	return qt;
}

/* Factor R restricted to rows[0 .. m) of part pt (rows of pt, in the
 * order given) in b, invd, env (room for m rows); returns chol_rows()'s
 * answer. pos (pt->c entries, all -1) is restored on return. */
static int part_subset_factor(const struct corr_part *pt,
			      const struct corr_graph *g, const int *loc,
			      const int *rows, int m, int *pos, double *b,
			      double *invd, int *env)
{
	memset(b, 0, tri(m) * sizeof *b);
	for (int t = 0; t < m; t++)
		pos[rows[t]] = t;
	for (int t = 0; t < m; t++) {
		int u = pt->memb[rows[t]];
		double *row = b + tri(t);
		row[t] = 1;
		for (int e = g->start[u]; e < g->start[u + 1]; e++) {
			int at = pos[loc[g->e[e].col]];
			if (at >= 0 && at < t)
				row[at] = g->e[e].r;
		}
	}
	for (int t = 0; t < m; t++)
		pos[rows[t]] = -1;
	return chol_rows(b, invd, env, m, m);
}

/* Narrow the conflict set (rows set[0 .. *ns) of part pt, ascending,
 * holding the failing row k and rows before it) to the inputs that make
 * it impossible, when that is cheap. Two steps:
 *
 * 1. With L the factor of the part's first k rows and l its row k, the
 *    vector v = (-L^-T l, 1) has v' R v = pivot <= 0, and |v_j| says how
 *    much input j takes part (a chain of moderate correlations leading
 *    to an impossible triangle gets small weights, the triangle large
 *    ones). Factoring the set again in order of decreasing weight, the
 *    first failing row ends a leading group that is itself impossible;
 *    only the first NARROW_MAX inputs in that order are tried.
 * 2. When that group has at most PRUNE_MAX inputs, each is dropped in
 *    turn, lightest first, if the others stay impossible without it: what
 *    remains is a set that cannot all hold of which every smaller part
 *    can (each input in it is needed for the conflict).
 *
 * Whatever fails (memory, or no row failing through rounding) leaves the
 * set as it was: the result is always a set that cannot all hold. */
static void narrow_conflict(const struct corr_part *pt,
			    const struct corr_graph *g, const int *loc,
			    int k, int *set, int *ns)
{
	int s = *ns, m = s < NARROW_MAX ? s : NARROW_MAX;
	if (s < 4)
		return;		/* two inputs can always hold together */
	double *y = malloc((size_t)k * sizeof *y);
	struct ranked *rk = malloc((size_t)s * sizeof *rk);
	int *pos = malloc((size_t)pt->c * sizeof *pos);
	int *rows = malloc((size_t)m * sizeof *rows);
	double *b = malloc(tri(m) * sizeof *b);
	double *invd = malloc((size_t)m * sizeof *invd);
	int *env = malloc((size_t)m * sizeof *env);
	char *ok = NULL, *in = NULL;
	int *q = NULL;
	if (!y || !rk || !pos || !rows || !b || !invd || !env)
		goto out;

	/* y = L^-T l by back substitution; row j of L is column j of L' */
	memcpy(y, pt->a + tri(k), (size_t)k * sizeof *y);
	for (int j = k - 1; j >= 0; j--) {
		const double *lj = pt->a + tri(j);
		y[j] /= lj[j];
		for (int i = pt->env[j]; i < j; i++)
			y[i] -= lj[i] * y[j];
	}
	for (int t = 0; t < s; t++) {
		int j = set[t];
		rk[t].w = j == k ? 1 : fabs(y[j]);
		rk[t].j = j;
	}
	qsort(rk, (size_t)s, sizeof *rk, cmp_ranked);
	for (int j = 0; j < pt->c; j++)
		pos[j] = -1;

	/* 1: the first impossible leading group in weight order */
	for (int t = 0; t < m; t++)
		rows[t] = rk[t].j;
	int f = part_subset_factor(pt, g, loc, rows, m, pos, b, invd, env);
	if (f < 0)
		goto out;
	int ng = f + 1;
	/* ... of which only what is connected to its last input matters */
	ok = calloc((size_t)g->n, 1);
	in = calloc((size_t)g->n, 1);
	q = malloc((size_t)ng * sizeof *q);
	if (!ok || !in || !q)
		goto out;
	for (int t = 0; t < ng; t++)
		ok[pt->memb[rows[t]]] = 1;
	graph_reach(g, ok, pt->memb[rows[f]], in, q);
	int nr = 0;
	for (int t = 0; t < ng; t++)
		if (in[pt->memb[rows[t]]])
			rows[nr++] = rows[t];
	ng = nr;

	/* 2: drop what the conflict does not need, lightest first */
	if (ng <= PRUNE_MAX)
		for (int t = ng - 1; t >= 0 && ng > 3; t--) {
			int keep = rows[t];
			memmove(rows + t, rows + t + 1,
				(size_t)(ng - t - 1) * sizeof *rows);
			if (part_subset_factor(pt, g, loc, rows, ng - 1, pos,
					       b, invd, env) >= 0) {
				ng--;
				continue;
			}
			memmove(rows + t + 1, rows + t,
				(size_t)(ng - t - 1) * sizeof *rows);
			rows[t] = keep;
		}
	memcpy(set, rows, (size_t)ng * sizeof *set);
	qsort(set, (size_t)ng, sizeof *set, cmp_int);
	*ns = ng;
out:
	free(y);
	free(rk);
	free(pos);
	free(rows);
	free(b);
	free(invd);
	free(env);
	free(ok);
	free(in);
	free(q);
}

/* R is not positive definite; row k of part pt is the first failing row
 * of the whole matrix (so paths 0 .. pt->memb[k] are the smallest leading
 * block that is not positive definite). Name the inputs connected to that
 * path by correlations inside the block (the conflict lies among them),
 * narrowed by narrow_conflict(), the first NAMES_SHOWN of them and a
 * count of the rest when there are more. loc: path -> row of pt. */
static void report_not_pd(const struct scenario *sc, const struct path *pa,
			  const struct corr_graph *g,
			  const struct corr_part *pt, const int *loc, int k,
			  struct diag *d)
{
	int n = g->n, last = pt->memb[k];
	char *ok = calloc((size_t)n, 1), *in = calloc((size_t)n, 1);
	int *q = malloc((size_t)(k + 1) * sizeof *q);
	char *names = NULL;

	if (ok && in && q) {
		for (int j = 0; j <= k; j++)
			ok[pt->memb[j]] = 1;
		int s = graph_reach(g, ok, last, in, q);
		for (int t = 0; t < s; t++)
			q[t] = loc[q[t]];
		qsort(q, (size_t)s, sizeof *q, cmp_int);
		narrow_conflict(pt, g, loc, k, q, &s);

		int shown = s > NAMES_SHOWN ? NAMES_SHOWN : s;
		size_t len = 32;
		for (int t = 0; t < shown; t++)
			len += strlen(sc->inputs[pa[pt->memb[q[t]]].input].path)
			       + 6;
		names = malloc(len);
		if (names) {
			size_t at = 0;
			for (int t = 0; t < shown; t++) {
				const char *sep = t == 0 ? "" :
					t == s - 1 ? " and " : ", ";
				at += (size_t)snprintf(names + at, len - at,
					"%s%s", sep,
					sc->inputs[pa[pt->memb[q[t]]].input].path);
			}
			if (s > shown)
				snprintf(names + at, len - at, " and %d more",
					 s - shown);
		}
	}
	if (names)
		diag_error(d, sc->file, sc->corr_line, sc->corr_col,
			   "correlation matrix is not positive definite: the "
			   "correlations among %s cannot all hold at once; "
			   "weaken some of them", names);
	else
		diag_error(d, sc->file, sc->corr_line, sc->corr_col,
			   "correlation matrix is not positive definite");
	free(ok);
	free(in);
	free(q);
	free(names);
}

/* Factor R (docs/model.md "Sampling") part by part and store L's off-diagonal
 * nonzeros by row. Returns 0, -1 when R is not positive definite
 * (reported in d), -2 on allocation failure. */
int sample_plan_factor(struct sample_plan *p, struct diag *d)
{
	struct corr_graph g = {0};
	struct corr_part *parts = NULL;
	int *comp = NULL, *memb = NULL, *loc = NULL, *q = NULL;
	int n = p->n, np = 0, rc = -2, fail = -1, fail_part = -1, fail_row = -1;

	for (int k = 0; k < n; k++) {
		p->paths[k].ldiag = 1;
		p->paths[k].l0 = p->paths[k].l1 = p->paths[k].l2 = 0;
	}
	if (graph_build(&g, p) < 0)
		return -2;
	if (g.start[n] == 0) {
		graph_free(&g);
		return 0;
	}

	/* connected parts of two or more paths, each in path order */
	size_t nn = (size_t)(n ? n : 1);
	comp = malloc(nn * sizeof *comp);
	memb = malloc(nn * sizeof *memb);
	loc = malloc(nn * sizeof *loc);
	q = malloc(nn * sizeof *q);
	parts = calloc(nn, sizeof *parts);
	if (!comp || !memb || !loc || !q || !parts)
		goto out;
	for (int i = 0; i < n; i++)
		comp[i] = -1;
	for (int i = 0; i < n; i++) {
		if (comp[i] >= 0 || g.start[i] == g.start[i + 1])
			continue;
		int qh = 0, qt = 0;
		comp[i] = np;
		q[qt++] = i;
		while (qh < qt) {
			int u = q[qh++];
			for (int e = g.start[u]; e < g.start[u + 1]; e++)
				if (comp[g.e[e].col] < 0) {
					comp[g.e[e].col] = np;
					q[qt++] = g.e[e].col;
				}
		}
		parts[np++].c = qt;
	}
	for (int c = 0, at = 0; c < np; c++) {
		parts[c].memb = memb + at;
		at += parts[c].c;
		parts[c].c = 0;
	}
	for (int i = 0; i < n; i++)
		if (comp[i] >= 0) {
			struct corr_part *pt = &parts[comp[i]];
			loc[i] = pt->c;
			pt->memb[pt->c++] = i;
		}

	/* factor each part; once one fails, only rows before the failing
	 * path matter (the first failing row of R is the smallest) */
	for (int c = 0; c < np; c++) {
		struct corr_part *pt = &parts[c];
		int limit = pt->c;
		if (fail >= 0) {
			limit = 0;
			while (limit < pt->c && pt->memb[limit] < fail)
				limit++;
		}
		int f = part_factor(pt, &g, loc, limit);
		if (f == -2)
			goto out;
		if (f >= 0) {
			if (fail_part >= 0)
				part_free(&parts[fail_part]);
			fail = pt->memb[f];
			fail_part = c;
			fail_row = f;
		} else if (fail >= 0) {
			part_free(pt);
		}
	}
	if (fail >= 0) {
		report_not_pd(p->sc, p->paths, &g, &parts[fail_part], loc,
			      fail_row, d);
		rc = -1;
		goto out;
	}

	size_t nnz = 0;
	for (int c = 0; c < np; c++)
		for (int i = 0; i < parts[c].c; i++)
			for (int j = 0; j < i; j++)
				if (parts[c].a[tri(i) + j] != 0)
					nnz++;
	p->lcol = malloc((nnz ? nnz : 1) * sizeof *p->lcol);
	p->lval = malloc((nnz ? nnz : 1) * sizeof *p->lval);
	if (!p->lcol || !p->lval)
		goto out;
	int e = 0;
	for (int i = 0; i < n; i++) {
		struct path *pa = &p->paths[i];
		pa->l0 = pa->l1 = pa->l2 = e;
		if (comp[i] < 0)
			continue;
		const struct corr_part *pt = &parts[comp[i]];
		const double *row = pt->a + tri(loc[i]);
		pa->ldiag = row[loc[i]];
		for (int pass = 0; pass < 2; pass++) {
			if (pass == 1)
				pa->l1 = e;
			for (int j = 0; j < loc[i]; j++) {
				double v = row[j];
				if (v == 0 ||
				    (pass == 0) != (pt->memb[j] < p->ntrial))
					continue;
				p->lcol[e] = pt->memb[j];
				p->lval[e] = v;
				e++;
			}
		}
		pa->l2 = e;
	}
	p->correlated = nnz > 0;
	rc = 0;
out:
	if (parts)
		for (int c = 0; c < np; c++)
			part_free(&parts[c]);
	free(parts);
	free(comp);
	free(memb);
	free(loc);
	free(q);
	graph_free(&g);
	return rc;
}
