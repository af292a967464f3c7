/* stubs.c — TEMPORARY weak placeholders so the tree links while modules
 * are written in parallel. A real definition in any other file replaces
 * the placeholder at link time. This file is deleted once every module
 * exists. */
#include <stdlib.h>

#include "analysis.h"
#include "cli.h"
#include "dist.h"
#include "model.h"
#include "output.h"
#include "plot.h"
#include "rng.h"
#include "run.h"
#include "sample.h"
#include "scenario.h"
#include "yamlread.h"

#define W __attribute__((weak))
#define CMD_STUB(name)                                                    \
	W int name(const struct cli *c)                                   \
	{                                                                 \
		fprintf(stderr, "error: '%s' is not implemented yet\n",   \
			c->cmd);                                          \
		return 1;                                                 \
	}
CMD_STUB(cmd_check)
CMD_STUB(cmd_run)
CMD_STUB(cmd_plot)
CMD_STUB(cmd_sweep)
CMD_STUB(cmd_compare)
CMD_STUB(cmd_breakeven)

W void scenario_print_keys(FILE *f) { fputs("not implemented yet\n", f); }
W int analysis_sensitivity(const char *dir, const struct scenario *sc,
	const struct sample_plan *p, const struct run_opts *o,
	const struct run_result *base, struct diag *d)
{ (void)dir; (void)sc; (void)p; (void)o; (void)base;
  diag_error(d, NULL, 0, 0, "--sensitivity is not implemented yet"); return -1; }

W int yaml_read(struct ynode **out, const char *buf, size_t len, const char *file, struct diag *d)
{ (void)buf; (void)len; *out = NULL; diag_error(d, file, 0, 0, "yaml_read not implemented"); return -1; }
W int yaml_read_file(struct ynode **out, const char *path, struct diag *d)
{ *out = NULL; diag_error(d, path, 0, 0, "yaml_read not implemented"); return -1; }
W void yaml_node_free(struct ynode *n) { (void)n; }
W struct ynode *yaml_map_get(const struct ynode *n, const char *key) { (void)n; (void)key; return NULL; }
W struct ynode *yaml_node_copy(const struct ynode *n) { (void)n; return NULL; }

#define DSTUB { *why = "not implemented"; return -1; }
W int dist_fixed(struct dist *d, double v, const char **why) { (void)d; (void)v; DSTUB }
W int dist_uniform(struct dist *d, double a, double b, const char **why) { (void)d; (void)a; (void)b; DSTUB }
W int dist_normal_mean_sd(struct dist *d, double a, double b, const char **why) { (void)d; (void)a; (void)b; DSTUB }
W int dist_normal_p5_p95(struct dist *d, double a, double b, const char **why) { (void)d; (void)a; (void)b; DSTUB }
W int dist_lognormal_p5_p95(struct dist *d, double a, double b, const char **why) { (void)d; (void)a; (void)b; DSTUB }
W int dist_lognormal_median_gsd(struct dist *d, double a, double b, const char **why) { (void)d; (void)a; (void)b; DSTUB }
W int dist_lognormal_mean_sd(struct dist *d, double a, double b, const char **why) { (void)d; (void)a; (void)b; DSTUB }
W int dist_triangular(struct dist *d, double a, double m, double b, const char **why) { (void)d; (void)a; (void)m; (void)b; DSTUB }
W int dist_pert(struct dist *d, double a, double m, double b, const char **why) { (void)d; (void)a; (void)m; (void)b; DSTUB }
W int dist_beta(struct dist *d, double al, double be, double a, double b, const char **why) { (void)d; (void)al; (void)be; (void)a; (void)b; DSTUB }
W int dist_choice(struct dist *d, const double *v, const double *w, int n, const char **why) { (void)d; (void)v; (void)w; (void)n; DSTUB }
W int dist_interval(struct dist *d, double a, double b, const char **why) { (void)d; (void)a; (void)b; DSTUB }
W int dist_prepare(struct dist *d, double lo, double hi, const char **why) { (void)d; (void)lo; (void)hi; DSTUB }
W int dist_is_fixed(const struct dist *d) { return d->kind == DIST_FIXED; }
W double dist_quantile(const struct dist *d, double u) { (void)u; return d->a; }
W double dist_from_latent(const struct dist *d, double z) { (void)z; return d->a; }
W double dist_cdf(const struct dist *d, double x) { (void)d; (void)x; return 0; }
W double dist_mass_outside(const struct dist *d, double lo, double hi) { (void)d; (void)lo; (void)hi; return 0; }
W void dist_free(struct dist *d) { (void)d; }
W int dist_copy(struct dist *dst, const struct dist *src) { *dst = *src; return 0; }

W int scenario_load(struct scenario **out, const char *path, const struct scenario_set *sets, int nsets, struct diag *d)
{ (void)sets; (void)nsets; *out = NULL; diag_error(d, path, 0, 0, "loader not implemented"); return -1; }
W int scenario_load_buffer(struct scenario **out, const char *buf, size_t len, const char *file,
	const struct scenario_set *sets, int nsets, struct diag *d)
{ (void)buf; (void)len; (void)sets; (void)nsets; *out = NULL; diag_error(d, file, 0, 0, "loader not implemented"); return -1; }
W void scenario_free(struct scenario *sc) { (void)sc; }
W int scenario_find_input(const struct scenario *sc, const char *path) { (void)sc; (void)path; return -1; }

W const gsl_rng_type *computesim_rng_type = NULL;
W void rng_stream(gsl_rng *r, uint64_t seed, uint64_t trial) { (void)r; (void)seed; (void)trial; }

W int sample_plan_new(struct sample_plan **out, const struct scenario *sc, struct diag *d)
{ (void)sc; *out = NULL; diag_error(d, NULL, 0, 0, "sampler not implemented"); return -1; }
W void sample_plan_free(struct sample_plan *p) { (void)p; }
W size_t sample_scratch_size(const struct sample_plan *p) { (void)p; return 0; }
W int sample_n_uncertain(const struct sample_plan *p) { (void)p; return 0; }
W int sample_uncertain_input(const struct sample_plan *p, int k) { (void)p; (void)k; return -1; }
W void sample_trial(const struct sample_plan *p, gsl_rng *r, double *x, double *s,
	const struct sample_override *ovs, int novs) { (void)p; (void)r; (void)x; (void)s; (void)ovs; (void)novs; }
W void sample_trial_values(const struct sample_plan *p, const double *x, double *tv) { (void)p; (void)x; (void)tv; }

W int model_nmetrics(const struct scenario *sc) { return M_NFIXED + sc->nwork; }
W int model_metric_index(const struct scenario *sc, enum metric m) { (void)sc; return (int)m; }
W int model_workload_metric(const struct scenario *sc, int j) { (void)sc; return j; }
W const char *model_metric_name(const struct scenario *sc, int k, char *buf, size_t n)
{ (void)sc; snprintf(buf, n, "m%d", k); return buf; }
W size_t model_ws_size(const struct scenario *sc) { (void)sc; return 0; }
W void model_run_trial(const struct scenario *sc, const double *x, double *m, struct trial_outcome *o, double *ws)
{ (void)sc; (void)x; (void)m; (void)o; (void)ws; }

W int run_trials(struct run_result **out, const struct scenario *sc, const struct sample_plan *p, const struct run_opts *o)
{ (void)sc; (void)p; (void)o; *out = NULL; return -1; }
W void run_result_free(struct run_result *r) { (void)r; }
W int run_default_threads(void) { return 1; }

W int outdir_begin(struct outdir *od, const char *final, struct diag *d) { (void)od; diag_error(d, final, 0, 0, "not implemented"); return -1; }
W int outdir_commit(struct outdir *od, struct diag *d) { (void)od; (void)d; return -1; }
W void outdir_abort(struct outdir *od) { (void)od; }
W FILE *output_open(const char *dir, const char *name, struct diag *d) { (void)dir; (void)name; (void)d; return NULL; }
W int output_close(FILE *f, const char *dir, const char *name, struct diag *d) { (void)f; (void)dir; (void)name; (void)d; return -1; }
W int output_write_yearly(const char *dir, const struct scenario *sc, const struct run_result *r, struct diag *d)
{ (void)dir; (void)sc; (void)r; (void)d; return -1; }
W int output_write_summary(FILE *f, const struct scenario *sc, const struct run_result *r) { (void)f; (void)sc; (void)r; return -1; }
W int output_write_trials(const char *dir, const struct scenario *sc, const struct run_result *r, struct diag *d)
{ (void)dir; (void)sc; (void)r; (void)d; return -1; }
W int output_write_chart_data(const char *dir, const struct scenario *sc, const struct run_result *r, struct diag *d)
{ (void)dir; (void)sc; (void)r; (void)d; return 0; }
W void output_print_table(FILE *f, const struct scenario *sc, const struct run_result *r) { (void)f; (void)sc; (void)r; }
W void output_json_string(FILE *f, const char *s) { fprintf(f, "\"%s\"", s); }

W const char *plot_scripts_dir(void) { return COMPUTESIM_PLOTS_DIR; }
W int plot_draw_dir(const char *dir, struct diag *d) { (void)dir; diag_warning(d, NULL, 0, 0, "charts not implemented yet"); return 1; }
