/* plot.c — draw the charts of an output directory with gnuplot (plot.h).
 *
 * Each chart is one row of a static table: the gnuplot script in
 * plot_scripts_dir(), the data file whose presence says the chart can be
 * drawn (and any other table the script reads), and the PNG it writes.
 * The charts are drawn by as many gnuplots at once as there are CPUs (up
 * to four; "drawing, several charts at once" below), their messages said
 * in table order as if drawn one by one. gnuplot.c runs one: from an
 * argument vector (posix_spawnp, never a shell):
 *     gnuplot -d -c /abs/plots/SCRIPT.gp /abs/DIR /abs/DIR/OUT.png.tmp-PID TITLE
 * -d skips the user's ~/.gnuplot, so charts look the same everywhere. The
 * scripts use ARG1..ARG3 only as string values (see plots/style.gp): a
 * directory or scenario name with quotes, `$(...)` or a leading '<' is
 * data to them, never code or a shell command. Everything gnuplot prints
 * (stdout and stderr) is captured, control characters escaped: output
 * with exit status 0 becomes a warning, a non-zero status an error.
 *
 * Nothing is lost. Before gnuplot runs, every table the charts read is
 * checked (charttable_check: a regular file, a header, as many cells in
 * every row, finite numbers); the first problem of each file is named
 * with its line, column and value, and then no chart is drawn.
 * Each chart is drawn to a temporary sibling "OUT.png.tmp-PID", checked
 * complete (the PNG signature first, the IEND chunk last, synced to
 * disk), and only when every chart is complete are they renamed over the
 * earlier ones: a redraw that fails, times out or is interrupted removes
 * its temporaries and leaves every earlier chart byte for byte. A
 * temporary left by a killed process is removed by the next draw in that
 * directory, once no process has its pid.
 *
 * Causes, once. When a chart was not written, a probe write beside it
 * tells a full disk (ENOSPC, EDQUOT) or an I/O error apart from a gnuplot
 * failure: the first is reported once, as itself, and stops the drawing
 * (every later chart would fail the same way).
 *
 * Only regular files are read (opened O_NONBLOCK, then fstat): a FIFO or
 * a device named chart_title.txt or chart_*.csv never blocks.
 *
 * $COMPUTESIM_GNUPLOT names the program (default "gnuplot"); tests point
 * it at a missing file to check the "gnuplot not found" path.
 * $COMPUTESIM_PLOT_TIMEOUT is the seconds one chart may take (default 60).
 * plot_check_env() refuses values that make no sense. */
#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <math.h>
#include <pthread.h>
#include <sched.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "charttable.h"
#include "gnuplot.h"
#include "output.h"
#include "plot.h"
#include "stop.h"


static int stopped(void)
{
	return stop_requested();
}

/* One chart: script in the scripts directory, the data file that must
 * exist in the output directory, other tables the script reads, the PNG
 * written there. Analyses add their rows (tornado, sweep, compare) to
 * this table. */
struct chart {
	const char *script, *data, *also[2], *png;
	const char *caption;	/* its heading in report.md */
};

static const struct chart charts[] = {
	{"capacity_demand.gp", "chart_capacity_demand.csv", {NULL, NULL},
	 "capacity_demand.png",
	 "Capacity against internal demand"},
	{"utilization.gp", "chart_utilization.csv", {NULL, NULL},
	 "utilization.png",
	 "Utilization"},
	{"surplus.gp", "chart_surplus.csv", {NULL, NULL}, "surplus.png",
	 "Surplus"},
	{"cloud_npv.gp", "chart_cloud_npv.csv", {NULL, NULL}, "cloud_npv.png",
	 "Cumulative cloud NPV"},
	{"payback.gp", "chart_probabilities.csv", {NULL, NULL}, "payback.png",
	 "Launch and payback"},
	{"npv_dist.gp", "chart_npv_summary.csv",
	 {"chart_npv_hist.csv", "chart_npv_cdf.csv"}, "npv_distribution.png",
	 "Distribution of the NPV"},
	{"stories.gp", "chart_stories.csv", {NULL, NULL}, "stories.png",
	 "The stories"},
	{"npv_by_story.gp", "chart_stories.csv", {NULL, NULL},
	 "npv_by_story.png",
	 "NPV by story and the hedge ratio"},
	{"industry.gp", "chart_industry.csv", {NULL, NULL}, "industry.png",
	 "The industry: tightness and the rent"},
	/* analyses (sim/sensitivity.c, sweep.c, compare.c) */
	{"tornado.gp", "chart_tornado.csv", {NULL, NULL}, "tornado.png",
	 "What moves the mean NPV (P10 to P90)"},
	{"tornado_surplus.gp", "chart_tornado_surplus.csv", {NULL, NULL},
	 "tornado_surplus.png",
	 "What moves P(surplus) in its likeliest year (the axis names it)"},
	{"sweep_line.gp", "chart_sweep_line.csv", {NULL, NULL}, "sweep.png",
	 "Sweep"},
	{"sweep_heat_p.gp", "chart_sweep_heat.csv", {NULL, NULL},
	 "sweep_p_npv_positive.png",
	 "Sweep: P(NPV > 0)"},
	{"sweep_heat_npv.gp", "chart_sweep_heat.csv", {NULL, NULL},
	 "sweep_npv_mean.png",
	 "Sweep: mean NPV"},
	{"compare_fan.gp", "chart_compare_fan.csv",
	 {"chart_compare_stories.csv", NULL}, "compare_fans.png",
	 "Scenarios compared"},
	{"compare_stories.gp", "chart_compare_stories.csv", {NULL, NULL},
	 "compare_stories.png",
	 "Stories by scenario"},
	{"compare_readings.gp", "chart_compare_readings.csv", {NULL, NULL},
	 "compare_readings.png",
	 "The readings side by side"},
	{"drivers.gp", "chart_drivers.csv", {NULL, NULL}, "drivers.png",
	 "Sobol' indices"},
};

#define NCHARTS (sizeof charts / sizeof charts[0])

/* See plot.h. */
const char *plot_chart_png(size_t i, const char **caption)
{
	if (i >= NCHARTS)
		return NULL;
	if (caption)
		*caption = charts[i].caption;
	return charts[i].png;
}

#define TITLE_MAX 400		/* bytes of scenario name kept for titles */
#define OUTPUT_KEEP 2000	/* bytes of gnuplot output kept for messages */
#define PROBE_BYTES (256 * 1024)	/* about the size of a large chart */

/* 1 when path is a directory holding style.gp. */
static int is_scripts_dir(const char *path)
{
	char buf[PATH_MAX];
	struct stat st;

	if (snprintf(buf, sizeof buf, "%s/style.gp", path) >= (int)sizeof buf)
		return 0;
	return stat(buf, &st) == 0 && S_ISREG(st.st_mode);
}

/* The configuration (plot_configure); all defaults until set. */
static struct plot_config cfg;

void plot_configure(const struct plot_config *c)
{
	cfg = *c;
}

/* Directory of the gnuplot scripts, first found of: $COMPUTESIM_PLOTS;
 * plots/ next to the executable (the build tree, ./computesim);
 * ../share/computesim/plots from the executable's directory (`make
 * install`: PREFIX/bin and PREFIX/share/computesim/plots, wherever
 * DESTDIR and PREFIX put them); last, the source tree's plots/ compiled
 * in, for a build binary run from elsewhere. */
const char *plot_scripts_dir(void)
{
	static const char *const rel[] = {"/plots",
					  "/../share/computesim/plots"};
	static char buf[PATH_MAX];
	const char *env = cfg.scripts;
	char exe[PATH_MAX];
	ssize_t n;
	char *slash;

	if (env && *env)
		return env;
	n = readlink("/proc/self/exe", exe, sizeof exe - 1);
	if (n <= 0)
		return COMPUTESIM_PLOTS_DIR;
	exe[n] = '\0';
	slash = strrchr(exe, '/');
	if (!slash)
		return COMPUTESIM_PLOTS_DIR;
	*slash = '\0';
	for (size_t k = 0; k < sizeof rel / sizeof rel[0]; k++) {
		char cand[PATH_MAX];

		/* realpath: messages name /usr/share/..., not bin/../ */
		if (snprintf(cand, sizeof cand, "%s%s", exe, rel[k]) <
			    (int)sizeof cand &&
		    is_scripts_dir(cand) && realpath(cand, buf))
			return buf;
	}
	return COMPUTESIM_PLOTS_DIR;
}

static int is_file(const char *dir, const char *name)
{
	char *p = output_path_join(dir, name);
	struct stat st;
	int ok = p && stat(p, &st) == 0 && S_ISREG(st.st_mode);

	free(p);
	return ok;
}

/* 1 when dir/name exists, whatever it is (a FIFO too). */
static int exists(const char *dir, const char *name)
{
	char *p = output_path_join(dir, name);
	struct stat st;
	int ok = p && lstat(p, &st) == 0;

	free(p);
	return ok;
}

/* The chart title: the first line of dir/chart_title.txt (written by
 * output_write_chart_data from the scenario's name), else the directory's
 * name. Control characters, invalid UTF-8 and characters that hide or
 * turn text (a bidi override: text_chart_clean) become '?', so gnuplot's
 * text layout has nothing to complain about; never longer than TITLE_MAX;
 * wrapped on at most two lines ('\n' between), the second ending in "…"
 * when the name is longer.
 * A chart_title.txt that is not a regular file is not read (a warning). */
static void read_title(char *out, size_t n, const char *dir, struct diag *d)
{
	char raw[TITLE_MAX + 8] = "";
	char *p = output_path_join(dir, "chart_title.txt");
	int fd = p ? charttable_open(p) : -1;
	size_t len = 0;

	if (fd == -2)
		diag_warning(d, NULL, 0, 0, "%s is not a regular file; the "
			     "charts are titled with the directory's name", p);
	free(p);
	if (fd >= 0) {
		ssize_t k;

		while (len < TITLE_MAX &&
		       (k = read(fd, raw + len, TITLE_MAX - len)) != 0) {
			if (k < 0) {
				if (errno == EINTR)
					continue;
				break;
			}
			len += (size_t)k;
		}
		close(fd);
		raw[len] = '\0';
		raw[strcspn(raw, "\r\n")] = '\0';
		len = strlen(raw);
	}
	if (len == 0) {
		const char *base = strrchr(dir, '/');
		snprintf(raw, sizeof raw, "%.*s", TITLE_MAX,
			 base && base[1] ? base + 1 : dir);
	}
	/* controls, bad UTF-8, bidi overrides: '?' (text_chart_clean); on
	 * two lines of at most 80 columns, a CJK character two (what fits
	 * the width at 24 pt: style.gp's cs_name), whole characters only;
	 * a name of spaces alone, which makes no line, as it is */
	text_chart_clean(raw);
	if (text_wrap(out, n, raw, 80, 0, 2) == 0)
		snprintf(out, n, "%s", raw);
}

/* ---- the environment --------------------------------------------------- */

/* Seconds one chart may take before gnuplot is stopped: a chart takes a
 * fraction of a second, so a gnuplot that runs for long is stuck (waiting
 * on something we cannot see), and a run must never hang. */
#define PLOT_TIMEOUT_DEFAULT 60.0
#define PLOT_TIMEOUT_MAX 86400.0

/* $COMPUTESIM_PLOT_TIMEOUT: a number of seconds in (0, 86400], written
 * as a plain decimal (no sign, no "inf", no hex). 0 ok, -1 not that. */
static int parse_timeout(const char *s, double *out)
{
	char *end;
	double v;

	if (!(isdigit((unsigned char)s[0]) ||
	      (s[0] == '.' && isdigit((unsigned char)s[1]))) ||
	    strpbrk(s, "xX"))
		return -1;
	errno = 0;
	v = strtod(s, &end);
	if (errno || *end || !isfinite(v) || !(v > 0) || v > PLOT_TIMEOUT_MAX)
		return -1;
	*out = v;
	return 0;
}

static double plot_timeout(void)
{
	const char *e = cfg.timeout;
	double v;

	if (!e || !*e || parse_timeout(e, &v) < 0)
		return PLOT_TIMEOUT_DEFAULT;	/* plot_check_env refused it */
	return v;
}

static const char *gnuplot_prog(void)
{
	const char *prog = cfg.gnuplot;

	return prog && *prog ? prog : "gnuplot";
}

int plot_check_env(struct diag *d)
{
	const char *t = cfg.timeout;
	const char *g = cfg.gnuplot;
	char shown[160];
	struct stat st;
	double v;
	int rc = 0;

	if (t && *t && parse_timeout(t, &v) < 0) {
		text_escape(shown, sizeof shown, t, strlen(t), 0);
		diag_error(d, NULL, 0, 0, "COMPUTESIM_PLOT_TIMEOUT='%s': "
			   "expected the seconds one chart may take, a "
			   "number > 0 and at most %.0f (unset: %.0f)", shown,
			   PLOT_TIMEOUT_MAX, PLOT_TIMEOUT_DEFAULT);
		rc = -1;
	}
	/* a path that is there but cannot be run; one that is not there at
	 * all is "gnuplot not found" (a warning for run, sweep, compare) */
	if (g && *g && strchr(g, '/') && stat(g, &st) == 0 &&
	    (!S_ISREG(st.st_mode) || access(g, X_OK) != 0)) {
		text_escape(shown, sizeof shown, g, strlen(g), 0);
		diag_error(d, NULL, 0, 0, "COMPUTESIM_GNUPLOT='%s': %s", shown,
			   S_ISDIR(st.st_mode) ? "a directory, not a program"
			   : !S_ISREG(st.st_mode) ? "not a regular file"
			   : "not executable (no permission to run it)");
		rc = -1;
	}
	/* a scripts directory named but without the scripts: said before
	 * anything runs, not after the trials */
	if (cfg.scripts && *cfg.scripts && !is_scripts_dir(cfg.scripts)) {
		text_escape(shown, sizeof shown, cfg.scripts,
			    strlen(cfg.scripts), 0);
		diag_error(d, NULL, 0, 0, "COMPUTESIM_PLOTS='%s': no chart "
			   "scripts there (no style.gp); name the plots/ "
			   "directory, or unset it", shown);
		rc = -1;
	}
	return rc;
}

/* Check every table the charts that can be drawn in dir read (each
 * once). 0, or -1 with every file's first problem in d. */
static int check_tables(const char *dir, const char *udir, struct diag *d)
{
	const char *done[NCHARTS * 3];
	size_t ndone = 0;
	int rc = 0;

	for (size_t i = 0; i < NCHARTS; i++) {
		const char *need[3] = {charts[i].data, charts[i].also[0],
				       charts[i].also[1]};

		if (!exists(dir, charts[i].data))
			continue;
		for (int k = 0; k < 3; k++) {
			size_t j;

			if (!need[k])
				continue;
			for (j = 0; j < ndone; j++)
				if (strcmp(done[j], need[k]) == 0)
					break;
			if (j < ndone)
				continue;
			done[ndone++] = need[k];
			if (charttable_check(dir, udir, need[k],
					     charttable_columns(need[k]),
					     d) < 0)
				rc = -1;
		}
	}
	return rc;
}

/* ---- temporaries -------------------------------------------------------- */

/* dir/PNG.tmp-PID, the name chart i is drawn to by this process. */
static char *tmp_name(const char *dir, size_t i)
{
	char *p = NULL;

	if (asprintf(&p, "%s/%s.tmp-%ld", dir, charts[i].png,
		     (long)getpid()) < 0)
		return NULL;
	return p;
}

/* Remove the chart temporaries "PNG.tmp-PID" in dir that a killed
 * process left: regular files whose PID no process has. Best effort. */
static void remove_stale_charts(const char *dir)
{
	DIR *dp = opendir(dir);
	struct dirent *e;

	while (dp && (e = readdir(dp)) != NULL) {
		for (size_t i = 0; i < NCHARTS; i++) {
			size_t n = strlen(charts[i].png);
			const char *s = e->d_name + n + 5;
			char *end, *path;
			struct stat st;
			long pid;

			if (strncmp(e->d_name, charts[i].png, n) != 0 ||
			    strncmp(e->d_name + n, ".tmp-", 5) != 0 ||
			    !isdigit((unsigned char)*s))
				continue;
			errno = 0;
			pid = strtol(s, &end, 10);
			if (*end || errno || pid <= 0 || pid == (long)getpid() ||
			    kill((pid_t)pid, 0) == 0 || errno != ESRCH)
				break;
			path = output_path_join(dir, e->d_name);
			if (path && lstat(path, &st) == 0 && S_ISREG(st.st_mode))
				unlink(path);
			free(path);
			break;
		}
	}
	if (dp)
		closedir(dp);
}

/* ---- drawing, several charts at once ----------------------------------- */

/* The charts are drawn by as many gnuplots at once as there are CPUs
 * (at most MAX_LANES), each lane taking the next chart in table order;
 * each chart's messages go to a diag of its own, and are then said in
 * table order as if drawn one after the other: up to and including the
 * first chart whose failure stops the drawing (gnuplot missing, a full
 * disk, a timeout, Ctrl-C); a chart after it is not started, or, when a
 * lane had started it already, its result is dropped. */
#define MAX_LANES 4
#define NOT_DRAWN 2

struct lanes {
	struct gnuplot_job job[NCHARTS];
	int res[NCHARTS];		/* DRAW_ code, or NOT_DRAWN */
	struct diag dg[NCHARTS];
	atomic_size_t next;		/* the next chart to take */
	atomic_size_t stop_at;		/* no chart after this one */
};

static int stops_drawing(int r)
{
	return r == DRAW_MISSING || r == DRAW_FATAL || r == DRAW_STOPPED;
}

static void *lane(void *arg)
{
	struct lanes *ln = arg;

	for (;;) {
		size_t i = atomic_fetch_add(&ln->next, 1), at;

		if (i >= NCHARTS)
			return NULL;
		if (!ln->job[i].tmp || i > atomic_load(&ln->stop_at) ||
		    gnuplot_stop_pending())
			continue;
		ln->res[i] = gnuplot_draw(&ln->job[i], &ln->dg[i]);
		at = atomic_load(&ln->stop_at);
		while (stops_drawing(ln->res[i]) && i < at &&
		       !atomic_compare_exchange_weak(&ln->stop_at, &at, i))
			;
	}
}

static int lanes_wanted(size_t charts_to_draw)
{
	cpu_set_t cs;
	long n = sysconf(_SC_NPROCESSORS_ONLN);

	if (sched_getaffinity(0, sizeof cs, &cs) == 0)
		n = CPU_COUNT(&cs);
	if (n > MAX_LANES)
		n = MAX_LANES;
	if (n > (long)charts_to_draw)
		n = (long)charts_to_draw;
	return n > 1 ? (int)n : 1;
}

/* Draw the charts whose temporary name tmp[i] is set; on return tmp[i]
 * is still set only for the charts drawn whole. d gets every chart's
 * messages in table order. 0, or plot_draw_dir's codes (1 gnuplot
 * missing, 2 stopped, -1 an error). */
static int draw_all(const char *prog, const char *scripts, const char *dir,
		    const char *udir, const char *title, char **tmp,
		    struct diag *d)
{
	struct lanes *ln = calloc(1, sizeof *ln);
	pthread_t th[MAX_LANES];
	sigset_t hold, old;
	size_t todo = 0;
	int nl, started = 1, rc = 0, failed = 0;

	if (!ln) {
		diag_error(d, NULL, 0, 0, "out of memory");
		return -1;
	}
	for (size_t i = 0; i < NCHARTS; i++) {
		ln->job[i] = (struct gnuplot_job){prog, scripts, dir, udir,
			title, tmp[i], {charts[i].script, charts[i].png},
			plot_timeout(), &ln->stop_at, i};
		ln->res[i] = NOT_DRAWN;
		diag_init(&ln->dg[i]);
		todo += tmp[i] != NULL;
	}
	atomic_init(&ln->next, 0);
	atomic_init(&ln->stop_at, NCHARTS);
	nl = lanes_wanted(todo);
	/* SIGINT/SIGTERM held while the lanes run (the lanes inherit the
	 * mask): a Ctrl-C kills gnuplot and is queued to this process in one
	 * kill(), so a lane that finds its gnuplot killed finds the Ctrl-C
	 * pending too, whichever thread the handler would have run in; it
	 * runs when the mask is restored */
	sigemptyset(&hold);
	sigaddset(&hold, SIGINT);
	sigaddset(&hold, SIGTERM);
	pthread_sigmask(SIG_BLOCK, &hold, &old);
	for (int k = 1; k < nl; k++, started++)
		if (pthread_create(&th[k], NULL, lane, ln) != 0)
			break;	/* fewer lanes */
	lane(ln);
	for (int k = 1; k < started; k++)
		pthread_join(th[k], NULL);
	pthread_sigmask(SIG_SETMASK, &old, NULL);

	for (size_t i = 0; i < NCHARTS; i++) {
		int r = ln->res[i];

		if (!tmp[i])
			continue;
		if (rc != 0 || r == NOT_DRAWN) {	/* after a stop */
			rc = rc ? rc : 2;
			unlink(tmp[i]);
			free(tmp[i]);
			tmp[i] = NULL;
			continue;
		}
		diag_merge(d, &ln->dg[i]);
		if (r == DRAW_OK)
			continue;
		free(tmp[i]);
		tmp[i] = NULL;
		if (r == DRAW_MISSING) {
			if (strcmp(prog, "gnuplot") == 0)
				diag_warning(d, NULL, 0, 0, "charts skipped: "
					     "gnuplot not found (install "
					     "gnuplot-nox)");
			else
				diag_warning(d, NULL, 0, 0, "charts skipped: "
					     "gnuplot not found (install "
					     "gnuplot-nox; COMPUTESIM_GNUPLOT="
					     "%s)", prog);
			rc = 1;
		} else if (r == DRAW_STOPPED) {
			rc = 2;
		} else if (r == DRAW_FATAL) {
			rc = -1;
		} else {
			failed = 1;	/* DRAW_FAILED: go on, but fail */
		}
	}
	for (size_t i = 0; i < NCHARTS; i++)
		diag_free(&ln->dg[i]);
	free(ln);
	return rc == 0 && failed ? -1 : rc;
}

int plot_count_data(const char *dir)
{
	int n = 0;

	for (size_t i = 0; i < NCHARTS; i++)
		n += is_file(dir, charts[i].data);
	return n;
}

int plot_draw_dir(const char *dir, struct diag *d)
{
	char adir[PATH_MAX], ascripts[PATH_MAX], title[TITLE_MAX * 2 + 8];
	const char *prog = gnuplot_prog();
	const char *scripts = plot_scripts_dir();
	char *tmp[NCHARTS] = {NULL};
	int rc = 0;

	if (plot_check_env(d) < 0)
		return -1;
	/* absolute paths: none starts with '<' or '-', and gnuplot's idea of
	 * the working directory does not matter */
	if (!realpath(dir, adir)) {
		diag_error(d, dir, 0, 0, "cannot draw charts: %s",
			   strerror(errno));
		return -1;
	}
	if (!realpath(scripts, ascripts) || !is_scripts_dir(ascripts)) {
		diag_error(d, NULL, 0, 0, "chart scripts not found in %s (set "
			   "COMPUTESIM_PLOTS to the plots/ directory)", scripts);
		return -1;
	}
	remove_stale_charts(adir);
	if (check_tables(adir, dir, d) < 0)
		return -1;
	/* a chart whose table is gone (deleted by hand: runs write both)
	 * stays the earlier one; say so rather than count it redrawn */
	for (size_t i = 0; i < NCHARTS; i++)
		if (!exists(adir, charts[i].data) &&
		    exists(adir, charts[i].png)) {
			char *p = output_path_join(dir, charts[i].png);

			diag_warning(d, p, 0, 0, "not redrawn: its table %s is "
				     "missing, so it is still the chart an "
				     "earlier run drew", charts[i].data);
			free(p);
		}
	read_title(title, sizeof title, adir, d);
	for (size_t i = 0; i < NCHARTS && rc == 0; i++) {
		if (!is_file(adir, charts[i].data))
			continue;
		tmp[i] = tmp_name(adir, i);
		if (!tmp[i]) {
			diag_error(d, NULL, 0, 0, "out of memory");
			rc = -1;
		}
	}
	if (rc == 0)
		rc = draw_all(prog, ascripts, adir, dir, title, tmp, d);
	if (rc == 0 && stopped())
		rc = 2;
	int replaced = 0;

	/* all or nothing: every chart complete, or every earlier one kept;
	 * a name a chart cannot take (a directory there) is found before
	 * any chart replaces its earlier one */
	for (size_t i = 0; rc == 0 && i < NCHARTS; i++) {
		struct stat st;
		char *png;

		if (!tmp[i])
			continue;
		png = output_path_join(adir, charts[i].png);
		if (!png) {
			diag_error(d, NULL, 0, 0, "out of memory");
			rc = -1;
		} else if (lstat(png, &st) == 0 && !S_ISREG(st.st_mode)) {
			diag_error(d, NULL, 0, 0, "cannot replace '%s/%s': it "
				   "is not a file", dir, charts[i].png);
			rc = -1;
		}
		free(png);
	}
	for (size_t i = 0; i < NCHARTS; i++) {
		char *png;

		if (!tmp[i])
			continue;
		png = rc == 0 ? output_path_join(adir, charts[i].png) : NULL;
		if (png && rename(tmp[i], png) == 0) {
			replaced++;
		} else {
			/* a refusal the check above cannot see (an
			 * immutable file): the charts before it are new */
			if (png) {
				diag_error(d, NULL, 0, 0, "cannot replace "
					   "'%s/%s': %s", dir, charts[i].png,
					   strerror(errno));
				rc = replaced ? -3 : -1;
			}
			unlink(tmp[i]);
		}
		free(png);
		free(tmp[i]);
	}
	return rc;
}

/* dir as one word of a shell command, on f: as it is when a shell
 * leaves each of its characters alone, else in single quotes (a quote
 * as '\''); "./" before a leading '-', which plot would take for an
 * option. */
static void put_shell_word(FILE *f, const char *dir)
{
	static const char safe[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
				   "abcdefghijklmnopqrstuvwxyz0123456789"
				   "_./+-,:@%=";
	const char *pre = dir[0] == '-' ? "./" : "";

	if (*dir && strspn(dir, safe) == strlen(dir)) {
		fprintf(f, "%s%s", pre, dir);
		return;
	}
	fprintf(f, "'%s", pre);
	for (const char *p = dir; *p; p++)
		if (*p == '\'')
			fputs("'\\''", f);
		else
			fputc(*p, f);
	fputc('\'', f);
}

/* See plot.h. */
void plot_failed_note(const char *dir)
{
	fprintf(stderr, "computesim: no charts were drawn (the errors "
		"above); every other output is in '%s', and `computesim plot ",
		dir);
	put_shell_word(stderr, dir);
	fputs("` draws them again\n", stderr);
}
