/* output.c — the output directory and its files (docs/format.md "Outputs"):
 * an atomic directory (written as a temporary sibling, renamed into place),
 * yearly.csv, summary.json, trials.csv, the stdout table, JSON helpers.
 *
 * Numbers in CSV files are printed with 12 significant digits (%.12g),
 * -0 as 0; JSON numbers with the fewest digits that read back to the same
 * double, non-finite ones as null. Choices where the specs are silent are
 * in docs/notes-engine.md. */
#include <errno.h>
#include <limits.h>
#include <fcntl.h>
#include <ftw.h>
#include <inttypes.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <dirent.h>
#include <signal.h>
#include <unistd.h>

#include "model.h"
#include "output.h"

/* A file that marks a directory as ours: only a directory holding it (or
 * an empty one) is ever replaced, so a mistyped --out never deletes a
 * user's own files. */
#define MARKER ".computesim"

/* ---- the directory ---------------------------------------------------- */

char *output_path_join(const char *a, const char *b)
{
	size_t n = strlen(a) + strlen(b) + 2;
	char *p = malloc(n);

	if (p)
		snprintf(p, n, "%s/%s", a, b);
	return p;
}

/* nftw callback: remove whatever it is given (depth first, so a directory
 * comes after its contents). */
static int remove_one(const char *path, const struct stat *st, int flag,
		      struct FTW *ftw)
{
	(void)st;
	(void)flag;
	(void)ftw;
	return remove(path) != 0 ? -1 : 0;
}

/* Remove path and everything under it, never following symbolic links
 * (FTW_PHYS): a link inside an output directory is removed, not its
 * target. Returns 0 or -1 (errno set). */
static int remove_tree(const char *path)
{
	return nftw(path, remove_one, 32, FTW_DEPTH | FTW_PHYS);
}

/* 1 when dir is one we may replace: empty, or holding our marker. */
static int replaceable(const char *dir)
{
	DIR *dp = opendir(dir);
	struct dirent *e;
	int empty = 1, ours = 0;

	if (!dp)
		return 0;
	while ((e = readdir(dp)) != NULL) {
		if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
			continue;
		empty = 0;
		if (strcmp(e->d_name, MARKER) == 0)
			ours = 1;
	}
	closedir(dp);
	return empty || ours;
}

int outdir_is_ours(const char *dir)
{
	char *m = output_path_join(dir, MARKER);
	struct stat st;
	int ok = m && lstat(m, &st) == 0 && S_ISREG(st.st_mode);

	free(m);
	return ok;
}

/* Check that final can become our output: absent, or a directory we may
 * replace. 0, or -1 with an error in d. */
static int check_final(const char *final, struct diag *d)
{
	struct stat st;

	if (stat(final, &st) != 0) {
		if (errno == ENOENT || errno == ENOTDIR)
			return 0;	/* make_parents() says what is wrong */
		diag_error(d, NULL, 0, 0,
			   "cannot create output directory '%s': %s", final,
			   strerror(errno));
		return -1;
	}
	if (!S_ISDIR(st.st_mode)) {
		diag_error(d, NULL, 0, 0,
			   "cannot use output directory '%s': it exists and is "
			   "not a directory", final);
		return -1;
	}
	if (!replaceable(final)) {
		diag_error(d, NULL, 0, 0,
			   "refusing to replace '%s': it is not empty and was "
			   "not written by computesim (no %s file in it); "
			   "choose another --out", final, MARKER);
		return -1;
	}
	return 0;
}

/* mkdir -p for the parent directories of path. 0, or -1 with an error. */
static int make_parents(const char *path, struct diag *d)
{
	char *p = strdup(path);
	char *s;

	if (!p) {
		diag_error(d, NULL, 0, 0, "out of memory");
		return -1;
	}
	s = strrchr(p, '/');
	if (!s) {
		free(p);
		return 0;
	}
	*s = '\0';
	for (char *q = p + 1; ; q++) {
		int end = (*q == '\0');
		struct stat st;

		if (*q != '/' && !end)
			continue;
		*q = '\0';
		if (*p && mkdir(p, 0777) != 0 && errno != EEXIST) {
			diag_error(d, NULL, 0, 0,
				   "cannot create output directory '%s': "
				   "cannot create '%s': %s", path, p,
				   strerror(errno));
			free(p);
			return -1;
		}
		if (*p && (stat(p, &st) != 0 || !S_ISDIR(st.st_mode))) {
			diag_error(d, NULL, 0, 0,
				   "cannot create output directory '%s': '%s' "
				   "is not a directory", path, p);
			free(p);
			return -1;
		}
		if (end)
			break;
		*q = '/';
	}
	free(p);
	return 0;
}

int outdir_check_inputs(const char *final, const char *const *files, int n,
			struct diag *d)
{
	char fin[PATH_MAX], in[PATH_MAX];
	size_t k;
	int rc = 0;

	if (!realpath(final, fin))
		return 0;	/* not there yet: it holds nothing */
	k = strlen(fin);
	for (int i = 0; i < n; i++) {
		if (!realpath(files[i], in) || strncmp(in, fin, k) != 0 ||
		    (in[k] != '/' && fin[k - 1] != '/'))
			continue;
		diag_error(d, NULL, 0, 0, "the output directory '%s' holds "
			   "the input '%s', and a run replaces its output "
			   "directory whole: choose another --out or "
			   "output.dir", final,
			   files[i]);
		rc = -1;
	}
	return rc;
}

/* The pid a temporary output directory's marker names ("pid N" on its
 * last line), or 0 when it names none. */
static long marker_pid(const char *dir)
{
	char *m = output_path_join(dir, MARKER);
	char line[128];
	long pid = 0;
	FILE *f;

	if (!m)
		return 0;
	f = fopen(m, "r");
	free(m);
	if (!f)
		return 0;
	while (fgets(line, sizeof line, f))
		if (sscanf(line, "pid %ld", &pid) != 1)
			pid = 0;
	fclose(f);
	return pid;
}

/* 1 when dir is empty (nothing but "." and ".."). */
static int is_empty_dir(const char *dir)
{
	DIR *dp = opendir(dir);
	struct dirent *e;
	int empty = dp != NULL;

	while (dp && empty && (e = readdir(dp)) != NULL)
		empty = strcmp(e->d_name, ".") == 0 ||
			strcmp(e->d_name, "..") == 0;
	if (dp)
		closedir(dp);
	return empty;
}

/* 1 when no process has this pid (and it is not ours). */
static int pid_gone(long pid)
{
	return pid > 0 && pid != (long)getpid() &&
	       kill((pid_t)pid, 0) != 0 && errno == ESRCH;
}

/* Remove the temporaries that runs killed with SIGKILL (or by the
 * kernel's OOM killer, or a power cut) left beside final: named
 * "FINAL.tmp-PID-XXXXXX" (outdir_begin) with PID a process that is gone,
 * and either empty (killed before it wrote its marker) or holding our
 * marker; and, from earlier versions, "FINAL.tmp-XXXXXX" whose marker
 * names a process that is gone. One of a run still going is left alone;
 * so is anything else. Best effort, silent. */
static void remove_stale_tmps(const char *final)
{
	const char *slash = strrchr(final, '/');
	char *parent = slash ? strndup(final, (size_t)(slash - final + 1))
			     : strdup(".");
	const char *base = slash ? slash + 1 : final;
	size_t nb = strlen(base);
	struct dirent *e;
	DIR *dir;

	if (!parent)
		return;
	dir = opendir(*parent ? parent : "/");
	while (dir && (e = readdir(dir)) != NULL) {
		const char *rest = e->d_name + nb + 5;
		char *path, *end;
		struct stat st;
		long pid;

		if (strncmp(e->d_name, base, nb) != 0 ||
		    strncmp(e->d_name + nb, ".tmp-", 5) != 0)
			continue;
		path = output_path_join(*parent ? parent : "/", e->d_name);
		if (!path || lstat(path, &st) != 0 || !S_ISDIR(st.st_mode)) {
			free(path);
			continue;
		}
		errno = 0;
		pid = *rest >= '1' && *rest <= '9' ? strtol(rest, &end, 10) : 0;
		if (pid > 0 && !errno && *end == '-' && strlen(end + 1) == 6) {
			if (pid_gone(pid) && (outdir_is_ours(path) ||
					      is_empty_dir(path)))
				remove_tree(path);
		} else if (strlen(rest) == 6 && pid_gone(marker_pid(path))) {
			remove_tree(path);
		}
		free(path);
	}
	if (dir)
		closedir(dir);
	free(parent);
}

int outdir_begin(struct outdir *od, const char *final, struct diag *d)
{
	size_t n = strlen(final);
	const char *base;
	mode_t mask;
	char *tmp;
	FILE *f;

	od->final = NULL;
	od->tmp = NULL;
	while (n > 1 && final[n - 1] == '/')
		n--;		/* "out/x/" -> "out/x" */
	od->final = strndup(final, n);
	if (!od->final) {
		diag_error(d, NULL, 0, 0, "out of memory");
		return -1;
	}
	base = strrchr(od->final, '/');
	base = base ? base + 1 : od->final;
	if (n == 0 || strcmp(base, ".") == 0 || strcmp(base, "..") == 0 ||
	    *base == '\0') {
		diag_error(d, NULL, 0, 0,
			   "cannot use '%s' as output directory: name a "
			   "directory of its own (e.g. --out out/run1)", final);
		goto fail;
	}
	if (check_final(od->final, d) < 0 || make_parents(od->final, d) < 0)
		goto fail;
	remove_stale_tmps(od->final);
	/* the pid in the name: a temporary whose run was killed before it
	 * wrote its marker is still known as one (remove_stale_tmps) */
	if (asprintf(&tmp, "%s.tmp-%ld-XXXXXX", od->final, (long)getpid()) < 0) {
		diag_error(d, NULL, 0, 0, "out of memory");
		goto fail;
	}
	if (!mkdtemp(tmp)) {
		diag_error(d, NULL, 0, 0,
			   "cannot create output directory '%s': %s",
			   od->final, strerror(errno));
		free(tmp);
		goto fail;
	}
	od->tmp = tmp;
	/* mkdtemp makes it 0700; a finished output gets the usual mode */
	mask = umask(0);
	umask(mask);
	chmod(tmp, 0777 & ~mask);
	f = output_open(tmp, MARKER, d);
	if (!f)
		goto fail_tmp;
	fputs("This directory was written by computesim. The next run with the "
	      "same output\ndirectory replaces it whole.\n", f);
	/* while this is a temporary: who writes it (remove_stale_tmps) */
	fprintf(f, "pid %ld\n", (long)getpid());
	if (output_close(f, tmp, MARKER, d) < 0)
		goto fail_tmp;
	return 0;
fail_tmp:
	remove_tree(od->tmp);
fail:
	free(od->final);
	free(od->tmp);
	od->final = NULL;
	od->tmp = NULL;
	return -1;
}

/* Release the strings; safe twice. */
static void outdir_release(struct outdir *od)
{
	free(od->final);
	free(od->tmp);
	od->final = NULL;
	od->tmp = NULL;
}

/* Fallback where the filesystem has no RENAME_EXCHANGE: move the old
 * directory aside under a fresh name, move ours in, remove the old one.
 * Never half a result, but for an instant no directory at final. */
static int commit_by_moving_aside(struct outdir *od, struct diag *d)
{
	size_t n = strlen(od->final) + sizeof ".old-XXXXXX";
	char *old = malloc(n);

	if (!old) {
		diag_error(d, NULL, 0, 0, "out of memory");
		return -1;
	}
	snprintf(old, n, "%s.old-XXXXXX", od->final);
	if (!mkdtemp(old) || rename(od->final, old) != 0) {
		diag_error(d, NULL, 0, 0, "cannot replace '%s': %s", od->final,
			   strerror(errno));
		rmdir(old);
		free(old);
		return -1;
	}
	if (rename(od->tmp, od->final) != 0) {
		int e = errno;
		rename(old, od->final);	/* put the earlier result back */
		diag_error(d, NULL, 0, 0, "cannot replace '%s': %s", od->final,
			   strerror(e));
		free(old);
		return -1;
	}
	if (remove_tree(old) != 0)
		diag_warning(d, NULL, 0, 0,
			     "could not remove the earlier output, now at "
			     "'%s': %s", old, strerror(errno));
	free(old);
	return 0;
}

int outdir_commit(struct outdir *od, struct diag *d)
{
	struct stat st;

	if (!od->tmp) {
		diag_error(d, NULL, 0, 0, "internal error: no output directory");
		return -1;
	}
	if (lstat(od->final, &st) != 0 && errno == ENOENT) {
		if (rename(od->tmp, od->final) == 0)
			goto done;
		if (errno != EEXIST && errno != ENOTEMPTY) {
			diag_error(d, NULL, 0, 0, "cannot create '%s': %s",
				   od->final, strerror(errno));
			outdir_abort(od);
			return -1;
		}
		/* someone created it meanwhile: replace it below */
	}
	if (check_final(od->final, d) < 0) {
		outdir_abort(od);
		return -1;
	}
	if (renameat2(AT_FDCWD, od->tmp, AT_FDCWD, od->final,
		      RENAME_EXCHANGE) == 0) {
		/* the earlier result now sits at tmp */
		if (remove_tree(od->tmp) != 0)
			diag_warning(d, NULL, 0, 0,
				     "could not remove the earlier output, now "
				     "at '%s': %s", od->tmp, strerror(errno));
		goto done;
	}
	if ((errno == EINVAL || errno == ENOSYS || errno == ENOTSUP) &&
	    commit_by_moving_aside(od, d) == 0)
		goto done;
	if (errno != EINVAL && errno != ENOSYS && errno != ENOTSUP)
		diag_error(d, NULL, 0, 0, "cannot replace '%s': %s", od->final,
			   strerror(errno));
	outdir_abort(od);
	return -1;
done:
	outdir_release(od);
	return 0;
}

void outdir_abort(struct outdir *od)
{
	if (od->tmp)
		remove_tree(od->tmp);
	outdir_release(od);
}

FILE *output_open(const char *dir, const char *name, struct diag *d)
{
	char *path = output_path_join(dir, name);
	FILE *f;

	if (!path) {
		diag_error(d, NULL, 0, 0, "out of memory");
		return NULL;
	}
	f = fopen(path, "w");
	if (!f)
		diag_error(d, NULL, 0, 0, "cannot write '%s': %s", path,
			   strerror(errno));
	free(path);
	return f;
}

int output_close(FILE *f, const char *dir, const char *name, struct diag *d)
{
	int err = 0;

	errno = 0;
	if (fflush(f) != 0 || ferror(f))
		err = errno ? errno : EIO;
	if (fclose(f) != 0 && !err)
		err = errno ? errno : EIO;
	if (err) {
		diag_error(d, NULL, 0, 0, "cannot write '%s/%s': %s", dir, name,
			   strerror(err));
		return -1;
	}
	return 0;
}

/* ---- numbers and text ------------------------------------------------- */

/* %.12g, with -0 as 0 and every NaN as "nan" (an sd whose square
 * overflows; the run refuses non-finite means, minima and maxima). */
void output_csv_num(FILE *f, double x)
{
	if (x == 0)
		fputc('0', f);
	else if (isfinite(x))
		fprintf(f, "%.12g", x);
}

void output_csv_text(FILE *f, const char *s)
{
	size_t n = strlen(s);

	if (strpbrk(s, ",\"\r\n") == NULL &&
	    !(n && (s[0] == ' ' || s[n - 1] == ' '))) {
		fputs(s, f);
		return;
	}
	fputc('"', f);
	for (; *s; s++) {
		if (*s == '"')
			fputc('"', f);
		fputc(*s, f);
	}
	fputc('"', f);
}

void output_json_string(FILE *f, const char *s)
{
	fputc('"', f);
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		switch (*p) {
		case '"': fputs("\\\"", f); break;
		case '\\': fputs("\\\\", f); break;
		case '\n': fputs("\\n", f); break;
		case '\r': fputs("\\r", f); break;
		case '\t': fputs("\\t", f); break;
		case '\b': fputs("\\b", f); break;
		case '\f': fputs("\\f", f); break;
		default:
			if (*p < 0x20 || *p == 0x7f)
				fprintf(f, "\\u%04x", *p);
			else
				fputc(*p, f);
		}
	}
	fputc('"', f);
}

/* x (finite, non-zero) with the fewest digits, 15 to 17, that read back
 * as the same double. */
static void shortest_number(char buf[40], double x)
{
	for (int prec = 15; prec <= 17; prec++) {
		snprintf(buf, 40, "%.*g", prec, x);
		if (strtod(buf, NULL) == x)
			break;
	}
}

void output_json_number(FILE *f, double x)
{
	char buf[40];

	if (!isfinite(x)) {
		fputs("null", f);
		return;
	}
	if (x == 0) {
		fputc('0', f);
		return;
	}
	shortest_number(buf, x);
	fputs(buf, f);
}

/* The name of a percentile level's column and JSON key, "p<level>": the
 * level as written in the scenario (read back exactly), so that two
 * different levels never share a name (%g would print 33.3333333 and
 * 33.3333334 both as p33.3333). */
static void pct_label(char key[48], double level)
{
	char buf[40];

	shortest_number(buf, level);
	snprintf(key, 48, "p%s", buf);
}

/* ---- yearly.csv ------------------------------------------------------- */

static const char *const prob_names[4] = {
	"p_surplus", "p_shortfall", "p_launched", "p_paid_back"
};

static const double *prob_array(const struct run_result *r, int j)
{
	return j == 0 ? r->p_surplus : j == 1 ? r->p_shortfall
		     : j == 2 ? r->p_launched : r->p_paid_back;
}

int output_write_yearly(const char *dir, const struct scenario *sc,
			const struct run_result *r, struct diag *d)
{
	FILE *f = output_open(dir, "yearly.csv", d);
	char name[512], key[48];

	if (!f)
		return -1;
	fputs("year,metric,mean,sd", f);
	for (int j = 0; j < r->npct; j++) {
		pct_label(key, r->pct_levels[j]);
		fprintf(f, ",%s", key);
	}
	fputc('\n', f);
	for (int t = 0; t < r->years; t++) {
		for (int k = 0; k < r->nmetrics; k++) {
			size_t c = (size_t)k * (size_t)r->years + (size_t)t;

			fprintf(f, "%d,", r->start_year + t);
			output_csv_text(f, model_metric_name(sc, k, name, sizeof name));
			fputc(',', f);
			output_csv_num(f, r->mean[c]);
			fputc(',', f);
			output_csv_num(f, r->sd[c]);
			for (int j = 0; j < r->npct; j++) {
				fputc(',', f);
				if (r->pct)
					output_csv_num(f, r->pct[c * (size_t)r->npct +
							  (size_t)j]);
			}
			fputc('\n', f);
		}
		for (int j = 0; j < 4; j++) {
			fprintf(f, "%d,%s,", r->start_year + t, prob_names[j]);
			output_csv_num(f, prob_array(r, j)[t]);
			fputs(",0", f);
			for (int q = 0; q < r->npct; q++)
				fputc(',', f);
			fputc('\n', f);
		}
	}
	return output_close(f, dir, "yearly.csv", d);
}

/* ---- summary.json ----------------------------------------------------- */

/* "  "key": " */
static void json_key(FILE *f, const char *indent, const char *key)
{
	fputs(indent, f);
	output_json_string(f, key);
	fputs(": ", f);
}

/* {"2028": 0.31, ...} over the years with a non-zero share, then the
 * named extra shares. */
static void json_year_shares(FILE *f, const struct run_result *r,
			     const double *share, const char *const *extra,
			     const double *extra_v, int nextra)
{
	int first = 1;

	fputc('{', f);
	for (int t = 0; t < r->years; t++) {
		if (share[t] == 0)
			continue;
		fprintf(f, "%s\"%d\": ", first ? "" : ", ", r->start_year + t);
		output_json_number(f, share[t]);
		first = 0;
	}
	for (int j = 0; j < nextra; j++) {
		fprintf(f, "%s\"%s\": ", first ? "" : ", ", extra[j]);
		output_json_number(f, extra_v[j]);
		first = 0;
	}
	fputc('}', f);
}

static void json_array(FILE *f, const double *v, size_t n, size_t stride)
{
	fputc('[', f);
	for (size_t i = 0; i < n; i++) {
		if (i)
			fputs(", ", f);
		output_json_number(f, v[i * stride]);
	}
	fputc(']', f);
}

/* Per-year mean, se and median of one metric, for scripts that want the
 * headline figures without parsing yearly.csv. */
static void json_metric_years(FILE *f, const struct scenario *sc,
			      const struct run_result *r, enum metric m)
{
	int k = model_metric_index(sc, m);
	size_t c0 = (size_t)k * (size_t)r->years;
	char name[128];
	double *se = malloc((size_t)r->years * sizeof *se);

	json_key(f, "    ", model_metric_name(sc, k, name, sizeof name));
	fputs("{\"mean\": ", f);
	json_array(f, r->mean + c0, (size_t)r->years, 1);
	if (se) {
		for (int t = 0; t < r->years; t++)
			se[t] = r->n > 1 ? r->sd[c0 + (size_t)t] /
						   sqrt((double)r->n)
					 : NAN;	/* one trial: unknown (null) */
		fputs(", \"se\": ", f);
		json_array(f, se, (size_t)r->years, 1);
		free(se);
	}
	if (r->median) {
		fputs(", \"p50\": ", f);
		json_array(f, r->median + c0, (size_t)r->years, 1);
	}
	fputs("},\n", f);
}

/* npv_by_story, idle_pv_busd, hedge_ratio and (with an industry
 * section) stories_by_industry, each on a line ending ",\n". */
static void json_stories(FILE *f, const struct story_figures *st,
			 const char *const names[3])
{
	static const char *const states[2] = {"short", "glut"};

	fputs("  \"npv_by_story\": {", f);
	for (int s = 0; s < 3; s++) {
		fprintf(f, "%s\"%s\": {\"share\": ", s ? ",\n    " : "\n    ",
			names[s]);
		output_json_number(f, st->share[s]);
		fputs(", \"mean\": ", f);
		output_json_number(f, st->npv_mean[s]);
		fputs(", \"p_positive\": ", f);
		output_json_number(f, st->p_positive[s]);
		fputc('}', f);
	}
	fputs("\n  },\n  \"idle_pv_busd\": {\"mean\": ", f);
	output_json_number(f, st->idle_pv_mean);
	fputs("},\n  \"hedge_ratio\": ", f);
	output_json_number(f, st->hedge_ratio);
	fputs(",\n", f);
	if (!st->has_industry)
		return;
	fputs("  \"stories_by_industry\": {", f);
	for (int k = 0; k < 2; k++) {
		fprintf(f, "%s\"%s\": {", k ? ",\n    " : "\n    ", states[k]);
		for (int s = 0; s < 3; s++) {
			fprintf(f, "%s\"%s\": ", s ? ", " : "", names[s]);
			output_json_number(f, st->by_industry[k][s]);
		}
		fputc('}', f);
	}
	fputs("\n  },\n", f);
}

/* "precision": {METRIC: {"target": x, "se": y, "met": bool}, ...} on a
 * line ending ",\n", when the run had targets. */
static void json_precision(FILE *f, const struct run_result *r)
{
	if (!r->ntargets)
		return;
	fprintf(f, "  \"trials_cap\": %ld,\n  \"precision\": {", r->cap);
	for (int k = 0; k < r->ntargets; k++) {
		const struct run_target *t = &r->targets[k];

		fputs(k ? ",\n    " : "\n    ", f);
		output_json_string(f, t->metric);
		fputs(": {\"target\": ", f);
		output_json_number(f, t->target);
		fputs(", \"se\": ", f);
		output_json_number(f, t->se);
		fprintf(f, ", \"met\": %s}", t->met ? "true" : "false");
	}
	fputs("\n  },\n", f);
}

/* "story_inputs": per uncertain input, its median and sd over all
 * trials and per story the median of its trials and the standardized
 * gap; on lines ending ",\n". */
static void json_story_inputs(FILE *f, const struct scenario *sc,
			      const struct run_result *r,
			      const char *const names[3])
{
	fputs("  \"story_inputs\": {", f);
	for (int k = 0; r->story_inputs && k < r->nunc; k++) {
		const struct story_input *si = &r->story_inputs[k];
		int in = r->unc_input[k];

		fputs(k ? ",\n    " : "\n    ", f);
		output_json_string(f, in >= 0 && in < sc->ninputs
					      ? sc->inputs[in].path : "?");
		fputs(": {\"median\": ", f);
		output_json_number(f, si->median);
		fputs(", \"sd\": ", f);
		output_json_number(f, si->sd);
		for (int s = 0; s < 3; s++) {
			fprintf(f, ", \"%s\": {\"median\": ", names[s]);
			output_json_number(f, si->median_by[s]);
			fputs(", \"gap\": ", f);
			output_json_number(f, si->gap[s]);
			fputc('}', f);
		}
		fputc('}', f);
	}
	fputs(r->story_inputs && r->nunc ? "\n  },\n" : "},\n", f);
}

int output_write_summary(FILE *f, const struct scenario *sc,
			 const struct run_result *r)
{
	static const char *const story_names[3] = {"overbuild", "mismatch",
						    "shortage"};
	static const char *const pb_extra[2] = {"never", "not_launched"};
	static const char *const fs_extra[1] = {"none"};
	static const enum metric headline[] = {
		M_CAPACITY, M_DEMAND, M_UTILIZATION, M_SURPLUS, M_SHORTFALL,
		M_SOLD, M_CLOUD_CASH, M_CLOUD_NPV, M_NET_IDLE_COST
	};
	double pb_v[2] = {r->payback_never, r->payback_not_launched};
	char key[64];

	fputs("{\n", f);
	json_key(f, "  ", "scenario");
	output_json_string(f, sc->name ? sc->name : "");
	fputs(",\n", f);
	json_key(f, "  ", "file");
	output_json_string(f, sc->file ? sc->file : "");
	fprintf(f, ",\n  \"seed\": %" PRIu64 ",\n", r->seed);
	fprintf(f, "  \"trials\": %ld,\n", r->n);
	fprintf(f, "  \"sampling\": \"%s\",\n",
		r->sampling == SAMPLING_LHS ? "lhs" : "mc");
	fprintf(f, "  \"start_year\": %d,\n  \"years\": %d,\n", r->start_year,
		r->years);
	fputs("  \"percentiles\": ", f);
	json_array(f, r->pct_levels, (size_t)r->npct, 1);
	fputs(",\n", f);

	fputs("  \"npv_busd\": {\"mean\": ", f);
	output_json_number(f, r->npv_mean);
	fputs(", \"sd\": ", f);
	output_json_number(f, r->npv_sd);
	fputs(", \"se\": ", f);
	output_json_number(f, r->npv_se);
	for (int j = 0; j < r->npct; j++) {
		pct_label(key, r->pct_levels[j]);
		fputs(", ", f);
		output_json_string(f, key);
		fputs(": ", f);
		output_json_number(f, r->npv_pct[j]);
	}
	fputs("},\n", f);
	fputs("  \"p_npv_positive\": ", f);
	output_json_number(f, r->p_npv_positive);
	fputs(",\n  \"payback_year\": ", f);
	json_year_shares(f, r, r->payback, pb_extra, pb_v, 2);
	fputs(",\n  \"median_payback_year\": ", f);
	if (r->median_payback_t >= 0)
		fprintf(f, "%d", r->start_year + r->median_payback_t);
	else
		fputs("null", f);
	fputs(",\n  \"first_surplus_year\": ", f);
	json_year_shares(f, r, r->first_surplus, fs_extra,
			 &r->first_surplus_none, 1);
	fputs(",\n  \"stories\": {", f);
	for (int s = 0; s < 3; s++) {
		fprintf(f, "%s\"%s\": ", s ? ", " : "", story_names[s]);
		output_json_number(f, r->story[s]);
	}
	fputs("},\n", f);
	json_stories(f, &r->stories, story_names);
	fputs("  \"rank_correlations\": {", f);
	for (int k = 0; k < r->nunc; k++) {
		int in = r->unc_input[k];
		fputs(k ? ",\n    " : "\n    ", f);
		output_json_string(f, in >= 0 && in < sc->ninputs
					      ? sc->inputs[in].path : "?");
		fputs(": ", f);
		output_json_number(f, r->rank_corr[k]);
	}
	fputs(r->nunc ? "\n  },\n" : "},\n", f);
	json_story_inputs(f, sc, r, story_names);
	json_precision(f, r);

	/* extra: headline figures by year */
	fputs("  \"by_year\": {\n    \"year\": [", f);
	for (int t = 0; t < r->years; t++)
		fprintf(f, "%s%d", t ? ", " : "", r->start_year + t);
	fputs("],\n", f);
	for (size_t m = 0; m < sizeof headline / sizeof headline[0]; m++)
		json_metric_years(f, sc, r, headline[m]);
	for (int j = 0; j < 4; j++) {
		json_key(f, "    ", prob_names[j]);
		json_array(f, prob_array(r, j), (size_t)r->years, 1);
		fputs(j < 3 ? ",\n" : "\n", f);
	}
	fputs("  }\n}\n", f);
	return ferror(f) ? -1 : 0;
}

/* ---- trials.csv ------------------------------------------------------- */

int output_write_trials(const char *dir, const struct scenario *sc,
			const struct run_result *r, struct diag *d)
{
	static const char *const story_names[3] = {"overbuild", "mismatch",
						    "shortage"};
	FILE *f;
	char *buf;

	if (!r->trial_values || !r->trial_npv) {
		diag_error(d, NULL, 0, 0,
			   "internal error: trials were not kept for trials.csv");
		return -1;
	}
	f = output_open(dir, "trials.csv", d);
	if (!f)
		return -1;
	buf = malloc(1 << 20);
	if (buf)
		setvbuf(f, buf, _IOFBF, 1 << 20);
	fputs("index", f);
	for (int k = 0; k < r->nunc; k++) {
		int in = r->unc_input[k];
		fputc(',', f);
		output_csv_text(f, in >= 0 && in < sc->ninputs ? sc->inputs[in].path
							     : "?");
	}
	fputs(",npv_busd,payback_year,launch_year,story", f);
	fputs(sc->has_industry ? ",industry_state\n" : "\n", f);
	for (long i = 0; i < r->n; i++) {
		const double *tv = r->trial_values + (size_t)i * (size_t)r->nunc;
		int pb = r->trial_payback_t[i], la = r->trial_launch_t[i];
		int st = r->trial_story[i];

		fprintf(f, "%ld", i);
		for (int k = 0; k < r->nunc; k++) {
			fputc(',', f);
			output_csv_num(f, tv[k]);
		}
		fputc(',', f);
		output_csv_num(f, r->trial_npv[i]);
		if (la < 0)
			fputs(",not_launched,not_launched,", f);
		else if (pb < 0)
			fprintf(f, ",never,%d,", r->start_year + la);
		else
			fprintf(f, ",%d,%d,", r->start_year + pb,
				r->start_year + la);
		fputs(st >= 0 && st < 3 ? story_names[st] : "", f);
		if (sc->has_industry)
			fputs(r->trial_industry[i] == INDUSTRY_SHORT ?
			      ",short" : r->trial_industry[i] == INDUSTRY_GLUT ?
			      ",glut" : ",", f);
		fputc('\n', f);
	}
	int rc = output_close(f, dir, "trials.csv", d);
	free(buf);
	return rc;
}
