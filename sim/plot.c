/* plot.c — draw the charts of an output directory with gnuplot (plot.h).
 *
 * Each chart is one row of a static table: the gnuplot script in
 * plot_scripts_dir(), the data file whose presence says the chart can be
 * drawn, and the PNG it writes. gnuplot is started from an argument vector
 * (posix_spawnp, never a shell):
 *     gnuplot -d -c /abs/plots/SCRIPT.gp /abs/DIR /abs/DIR/OUT.png TITLE
 * -d skips the user's ~/.gnuplot, so charts look the same everywhere. The
 * scripts use ARG1..ARG3 only as string values (see plots/style.gp): a
 * directory or scenario name with quotes, `$(...)` or a leading '<' is
 * data to them, never code or a shell command. Everything gnuplot prints
 * (stdout and stderr) is captured: output with exit status 0 becomes a
 * warning, a non-zero status an error.
 *
 * $COMPUTESIM_GNUPLOT names the program (default "gnuplot"); tests point
 * it at a missing file to check the "gnuplot not found" path. */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "output.h"
#include "plot.h"

/* cli_stop lives in main.c, which the test programs do not link: a weak
 * reference is NULL there. */
extern volatile sig_atomic_t cli_stop __attribute__((weak));

extern char **environ;

/* One chart: script in the scripts directory, the data file that must
 * exist in the output directory, the PNG written there. Analyses add
 * their rows (tornado, sweep, compare) to this table. */
struct chart {
	const char *script, *data, *png;
};

static const struct chart charts[] = {
	{"capacity_demand.gp", "chart_capacity_demand.csv",
	 "capacity_demand.png"},
	{"utilization.gp", "chart_utilization.csv", "utilization.png"},
	{"surplus.gp", "chart_surplus.csv", "surplus.png"},
	{"cloud_npv.gp", "chart_cloud_npv.csv", "cloud_npv.png"},
	{"payback.gp", "chart_probabilities.csv", "payback.png"},
	{"npv_dist.gp", "chart_npv_summary.csv", "npv_distribution.png"},
	/* analyses (sim/sensitivity.c, sweep.c, compare.c) */
	{"tornado.gp", "chart_tornado.csv", "tornado.png"},
	{"tornado_surplus.gp", "chart_tornado_surplus.csv",
	 "tornado_surplus.png"},
	{"sweep_line.gp", "chart_sweep_line.csv", "sweep.png"},
	{"sweep_heat_p.gp", "chart_sweep_heat.csv",
	 "sweep_p_npv_positive.png"},
	{"sweep_heat_npv.gp", "chart_sweep_heat.csv", "sweep_npv_mean.png"},
	{"compare_fan.gp", "chart_compare_fan.csv", "compare_fans.png"},
	{"compare_stories.gp", "chart_compare_stories.csv",
	 "compare_stories.png"},
	{"drivers.gp", "chart_drivers.csv", "drivers.png"},
};

#define NCHARTS (sizeof charts / sizeof charts[0])
#define TITLE_MAX 400		/* bytes of scenario name kept for titles */
#define OUTPUT_KEEP 2000	/* bytes of gnuplot output kept for messages */

/* 1 when path is a directory holding style.gp. */
static int is_scripts_dir(const char *path)
{
	char buf[PATH_MAX];
	struct stat st;

	if (snprintf(buf, sizeof buf, "%s/style.gp", path) >= (int)sizeof buf)
		return 0;
	return stat(buf, &st) == 0 && S_ISREG(st.st_mode);
}

const char *plot_scripts_dir(void)
{
	static char buf[PATH_MAX];
	const char *env = getenv("COMPUTESIM_PLOTS");
	ssize_t n;

	if (env && *env)
		return env;
	/* plots/ next to the executable (an installed or ./computesim) */
	n = readlink("/proc/self/exe", buf, sizeof buf - 1);
	if (n > 0) {
		char *slash;

		buf[n] = '\0';
		slash = strrchr(buf, '/');
		if (slash && (size_t)(slash - buf) + sizeof "/plots" <= sizeof buf) {
			strcpy(slash, "/plots");
			if (is_scripts_dir(buf))
				return buf;
		}
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

/* Length of the valid UTF-8 sequence at s (1..4), or 0 if invalid. */
static size_t utf8_len(const unsigned char *s)
{
	size_t n;
	unsigned cp;

	if (s[0] < 0x80)
		return 1;
	if ((s[0] & 0xE0) == 0xC0)
		n = 2, cp = s[0] & 0x1F;
	else if ((s[0] & 0xF0) == 0xE0)
		n = 3, cp = s[0] & 0x0F;
	else if ((s[0] & 0xF8) == 0xF0)
		n = 4, cp = s[0] & 0x07;
	else
		return 0;
	for (size_t i = 1; i < n; i++) {
		if ((s[i] & 0xC0) != 0x80)
			return 0;
		cp = cp << 6 | (s[i] & 0x3F);
	}
	if ((n == 2 && cp < 0x80) || (n == 3 && cp < 0x800) ||
	    (n == 4 && (cp < 0x10000 || cp > 0x10FFFF)) ||
	    (cp >= 0xD800 && cp <= 0xDFFF))
		return 0;
	return n;
}

/* The chart title: the first line of dir/chart_title.txt (written by
 * output_write_chart_data from the scenario's name), else the directory's
 * name. Control characters and invalid UTF-8 become '?', so gnuplot's
 * text layout has nothing to complain about; never longer than TITLE_MAX. */
static void read_title(char *out, size_t n, const char *dir)
{
	char raw[TITLE_MAX + 8] = "";
	char *p = output_path_join(dir, "chart_title.txt");
	FILE *f = p ? fopen(p, "r") : NULL;
	size_t len = 0, o = 0;

	free(p);
	if (f) {
		len = fread(raw, 1, TITLE_MAX, f);
		fclose(f);
		raw[len] = '\0';
		raw[strcspn(raw, "\r\n")] = '\0';
		len = strlen(raw);
	}
	if (len == 0) {
		const char *base = strrchr(dir, '/');
		snprintf(raw, sizeof raw, "%.*s", TITLE_MAX,
			 base && base[1] ? base + 1 : dir);
		len = strlen(raw);
	}
	for (size_t i = 0; i < len && o + 5 < n;) {
		const unsigned char *s = (const unsigned char *)raw + i;
		size_t k = utf8_len(s);

		if (k == 0 || i + k > len || (k == 1 && (s[0] < 0x20 ||
							 s[0] == 0x7F))) {
			out[o++] = '?';
			i++;
			continue;
		}
		memcpy(out + o, s, k);
		o += k;
		i += k;
	}
	out[o] = '\0';
}

/* Keep the first OUTPUT_KEEP bytes of what gnuplot printed, trimmed of
 * trailing blank lines, for a message. */
static void trim_output(char *s)
{
	size_t n = strlen(s);

	while (n && (s[n - 1] == '\n' || s[n - 1] == ' ' || s[n - 1] == '\r'))
		s[--n] = '\0';
}

/* Seconds one chart may take before gnuplot is stopped: a chart takes a
 * fraction of a second, so a gnuplot that runs for long is stuck (waiting
 * on something we cannot see), and a run must never hang. */
#define PLOT_TIMEOUT_DEFAULT 60

static int plot_timeout(void)
{
	const char *e = getenv("COMPUTESIM_PLOT_TIMEOUT");
	char *end;
	long v;

	if (!e || !*e)
		return PLOT_TIMEOUT_DEFAULT;
	errno = 0;
	v = strtol(e, &end, 10);
	if (errno || *end || v < 1 || v > 86400)
		return PLOT_TIMEOUT_DEFAULT;
	return (int)v;
}

static double now_s(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + 1e-9 * (double)ts.tv_nsec;
}

/* Read all the child prints on fd until it closes the pipe, keeping the
 * first OUTPUT_KEEP bytes in out. A child still running after
 * plot_timeout() seconds, or when the user presses Ctrl-C, is killed.
 * Returns 1 when it was killed for taking too long, else 0. */
static int read_child(int fd, pid_t pid, char *out, size_t *nout)
{
	double deadline = now_s() + plot_timeout();

	for (;;) {
		char buf[4096];
		struct pollfd p = {fd, POLLIN, 0};
		int left = (int)((deadline - now_s()) * 1000.0);
		ssize_t k;
		int r;

		if (left <= 0 || (&cli_stop && cli_stop)) {
			kill(pid, SIGKILL);
			return left <= 0;
		}
		r = poll(&p, 1, left < 200 ? left : 200);
		if (r < 0 && errno != EINTR)
			return 0;
		if (r <= 0)
			continue;
		k = read(fd, buf, sizeof buf);
		if (k < 0 && errno == EINTR)
			continue;
		if (k <= 0)
			return 0;
		if (*nout < OUTPUT_KEEP) {
			size_t m = (size_t)k < OUTPUT_KEEP - *nout
					   ? (size_t)k : OUTPUT_KEEP - *nout;
			memcpy(out + *nout, buf, m);
			*nout += m;
		}
	}
}

/* Run one chart. Returns 0 drawn, 1 gnuplot missing, -1 error (in d),
 * -2 gnuplot stopped for taking too long (in d). */
static int draw_one(const char *prog, const char *scripts, const char *dir,
		    const struct chart *c, const char *title, struct diag *d)
{
	char *script = output_path_join(scripts, c->script);
	char *png = output_path_join(dir, c->png);
	char out[OUTPUT_KEEP + 1];
	size_t nout = 0;
	int fds[2] = {-1, -1};
	posix_spawn_file_actions_t fa;
	posix_spawnattr_t attr;
	sigset_t defsig;
	pid_t pid;
	int rc = -1, err, status, timed_out;
	struct stat st;

	if (!script || !png) {
		diag_error(d, NULL, 0, 0, "out of memory");
		goto done;
	}
	if (stat(script, &st) != 0 || !S_ISREG(st.st_mode)) {
		diag_error(d, NULL, 0, 0, "chart script %s not found (set "
			   "COMPUTESIM_PLOTS to the plots/ directory)", script);
		goto done;
	}
	if (pipe2(fds, O_CLOEXEC) != 0) {
		diag_error(d, NULL, 0, 0, "cannot run gnuplot: %s",
			   strerror(errno));
		goto done;
	}
	char *argv[] = {(char *)prog, "-d", "-c", script, (char *)dir, png,
			(char *)title, NULL};

	posix_spawn_file_actions_init(&fa);
	posix_spawn_file_actions_addopen(&fa, 0, "/dev/null", O_RDONLY, 0);
	posix_spawn_file_actions_adddup2(&fa, fds[1], 1);
	posix_spawn_file_actions_adddup2(&fa, fds[1], 2);
	/* gnuplot gets SIGPIPE back (main ignores it for itself) */
	posix_spawnattr_init(&attr);
	sigemptyset(&defsig);
	sigaddset(&defsig, SIGPIPE);
	posix_spawnattr_setsigdefault(&attr, &defsig);
	posix_spawnattr_setflags(&attr, POSIX_SPAWN_SETSIGDEF);
	err = posix_spawnp(&pid, prog, &fa, &attr, argv, environ);
	posix_spawnattr_destroy(&attr);
	posix_spawn_file_actions_destroy(&fa);
	close(fds[1]);
	if (err == ENOENT) {
		rc = 1;
		goto done;
	}
	if (err != 0) {
		diag_error(d, NULL, 0, 0, "cannot run %s: %s", prog,
			   strerror(err));
		goto done;
	}

	timed_out = read_child(fds[0], pid, out, &nout);
	out[nout] = '\0';
	trim_output(out);
	while (waitpid(pid, &status, 0) < 0) {
		if (errno != EINTR) {
			status = -1;
			break;
		}
	}

	if (timed_out) {
		diag_error(d, NULL, 0, 0, "gnuplot took more than %d s on %s "
			   "and was stopped (COMPUTESIM_PLOT_TIMEOUT sets the "
			   "limit); the other charts were not tried",
			   plot_timeout(), c->script);
		unlink(png);
		rc = -2;
		goto done;
	}
	if (status != 0) {
		if (status != -1 && WIFEXITED(status))
			diag_error(d, NULL, 0, 0, "gnuplot failed on %s (exit "
				   "status %d)%s%s", c->script,
				   WEXITSTATUS(status), *out ? ":\n" : "", out);
		else
			diag_error(d, NULL, 0, 0, "gnuplot failed on %s (killed "
				   "by a signal)%s%s", c->script,
				   *out ? ":\n" : "", out);
		unlink(png);	/* never leave half a chart */
		goto done;
	}
	if (stat(png, &st) != 0 || st.st_size == 0) {
		diag_error(d, NULL, 0, 0, "gnuplot wrote no chart %s%s%s", png,
			   *out ? ":\n" : "", out);
		goto done;
	}
	if (*out)
		diag_warning(d, NULL, 0, 0, "gnuplot warned on %s:\n%s",
			     c->script, out);
	rc = 0;
done:
	if (fds[0] >= 0)
		close(fds[0]);
	free(script);
	free(png);
	return rc;
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
	const char *prog = getenv("COMPUTESIM_GNUPLOT");
	const char *scripts = plot_scripts_dir();
	int rc = 0;

	if (!prog || !*prog)
		prog = "gnuplot";
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
	read_title(title, sizeof title, adir);
	for (size_t i = 0; i < NCHARTS; i++) {
		int r;

		if (!is_file(adir, charts[i].data))
			continue;
		r = draw_one(prog, ascripts, adir, &charts[i], title, d);
		if (r == 1) {
			if (strcmp(prog, "gnuplot") == 0)
				diag_warning(d, NULL, 0, 0, "charts skipped: "
					     "gnuplot not found (install "
					     "gnuplot-nox)");
			else
				diag_warning(d, NULL, 0, 0, "charts skipped: "
					     "gnuplot not found (install "
					     "gnuplot-nox; COMPUTESIM_GNUPLOT="
					     "%s)", prog);
			return 1;
		}
		if (r < 0)
			rc = -1;
		if (r == -2 || (&cli_stop && cli_stop))
			break;	/* a stuck gnuplot would be stuck again */
	}
	return rc;
}
