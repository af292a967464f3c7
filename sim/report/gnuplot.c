/* gnuplot.c — run gnuplot on one chart (gnuplot.h): from an argument
 * vector (posix_spawnp, never a shell), its output captured and shown
 * with control characters escaped, killed past its time or on Ctrl-C, its
 * PNG checked whole and synced, and a full disk told apart from a
 * gnuplot failure. plot.c decides which charts and in what order their
 * messages are said; this file knows nothing of the chart table. */
#include <errno.h>
#include <fcntl.h>
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

#include "charttable.h"
#include "gnuplot.h"
#include "output.h"
#include "stop.h"
#include "text.h"

#define OUTPUT_KEEP 2000	/* bytes of gnuplot output kept for messages */
#define PROBE_BYTES (256 * 1024)	/* about the size of a large chart */

extern char **environ;

static double now_s(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + 1e-9 * (double)ts.tv_nsec;
}

enum { CHILD_DONE, CHILD_TIMED_OUT, CHILD_STOPPED };

/* See gnuplot.h. */
int gnuplot_stop_pending(void)
{
	sigset_t s;

	return stop_requested() ||
	       (sigpending(&s) == 0 && (sigismember(&s, SIGINT) == 1 ||
					sigismember(&s, SIGTERM) == 1));
}

/* Ctrl-C, or an earlier chart that stopped the drawing. */
static int called_off(const struct gnuplot_job *j)
{
	return gnuplot_stop_pending() ||
	       (j->stop_at && atomic_load(j->stop_at) < j->index);
}

/* Read all the child prints on fd until it closes the pipe, keeping the
 * first OUTPUT_KEEP bytes in out. A child still running after
 * timeout seconds, or when the user presses Ctrl-C (or SIGTERM
 * comes), is killed. Returns CHILD_DONE, CHILD_TIMED_OUT or
 * CHILD_STOPPED. */
static int read_child(const struct gnuplot_job *j, int fd, pid_t pid,
		      char *out, size_t *nout)
{
	double deadline = now_s() + j->timeout;

	for (;;) {
		char buf[4096];
		struct pollfd p = {fd, POLLIN, 0};
		int left = (int)((deadline - now_s()) * 1000.0);
		ssize_t k;
		int r;

		if (called_off(j)) {
			kill(pid, SIGKILL);
			return CHILD_STOPPED;
		}
		if (left <= 0) {
			kill(pid, SIGKILL);
			return CHILD_TIMED_OUT;
		}
		r = poll(&p, 1, left < 200 ? left : 200);
		if (r < 0 && errno != EINTR)
			return CHILD_DONE;
		if (r <= 0)
			continue;
		k = read(fd, buf, sizeof buf);
		if (k < 0 && errno == EINTR)
			continue;
		if (k <= 0)
			return CHILD_DONE;
		if (*nout < OUTPUT_KEEP) {
			size_t m = (size_t)k < OUTPUT_KEEP - *nout
					   ? (size_t)k : OUTPUT_KEEP - *nout;
			memcpy(out + *nout, buf, m);
			*nout += m;
		}
	}
}

/* What gnuplot printed, for a message: trailing blank lines trimmed,
 * control characters escaped (escape_text). */
static void shown_output(char *dst, size_t n, char *out, size_t nout)
{
	while (nout && (out[nout - 1] == '\n' || out[nout - 1] == ' ' ||
			out[nout - 1] == '\r'))
		nout--;
	text_escape(dst, n, out, nout, 1);
}

/* 0 when path is a whole PNG (the signature first, the IEND chunk last)
 * and is on disk (fsync); else -1, with *err the errno of a failed read
 * or fsync (0 when the file is only missing or short). */
static int png_complete(const char *path, int *err)
{
	static const unsigned char sig[8] = {0x89, 'P', 'N', 'G', '\r', '\n',
					     0x1A, '\n'};
	static const unsigned char iend[12] = {0, 0, 0, 0, 'I', 'E', 'N', 'D',
					       0xAE, 0x42, 0x60, 0x82};
	unsigned char a[8], b[12];
	struct stat st;
	int fd = charttable_open(path), ok = 0;

	*err = 0;
	if (fd < 0)
		return -1;
	if (fstat(fd, &st) == 0 && st.st_size >= 20) {
		ssize_t ka = pread(fd, a, sizeof a, 0);
		ssize_t kb = pread(fd, b, sizeof b, st.st_size - 12);

		if (ka < 0 || kb < 0)
			*err = errno;
		else
			ok = ka == 8 && kb == 12 && memcmp(a, sig, 8) == 0 &&
			     memcmp(b, iend, 12) == 0;
	}
	if (ok && fsync(fd) != 0) {
		*err = errno;
		ok = 0;
	}
	close(fd);
	return ok ? 0 : -1;
}

/* Why nothing can be written beside path: write and sync PROBE_BYTES
 * there (then remove it). The errno of the first failure (ENOSPC,
 * EDQUOT, EIO, EROFS...), or 0 when the probe was written. */
static int probe_write(const char *path)
{
	static const char zeros[64 * 1024];
	int fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
	int err = 0;

	if (fd < 0)
		return errno == EEXIST ? 0 : errno;
	for (size_t done = 0; done < PROBE_BYTES && !err;) {
		ssize_t k = write(fd, zeros, sizeof zeros);

		if (k < 0 && errno == EINTR)
			continue;
		if (k <= 0)
			err = k < 0 ? errno : ENOSPC;
		else
			done += (size_t)k;
	}
	if (!err && fsync(fd) != 0)
		err = errno;
	if (close(fd) != 0 && !err)
		err = errno;
	unlink(path);
	return err;
}

/* A resource the charts cannot do without, rather than gnuplot. */
static int is_write_cause(int err)
{
	return err == ENOSPC || err == EDQUOT || err == EIO || err == EROFS ||
	       err == EFBIG;
}

/* gnuplot's environment: ours with LC_ALL=C.UTF-8 in place of any
 * LC_ALL, so that charts render the same, and gnuplot warns of nothing
 * ("iconv failed to convert degree sign"), whether or not a UTF-8 locale
 * is set: the scripts are UTF-8, and glibc has C.UTF-8 built in. NULL
 * when out of memory (the caller frees the array, not its strings). */
static char **gnuplot_env(void)
{
	static char lc_all[] = "LC_ALL=C.UTF-8";
	size_t n = 0, k = 0;
	char **env;

	while (environ && environ[n])
		n++;
	env = malloc((n + 2) * sizeof *env);
	if (!env)
		return NULL;
	env[k++] = lc_all;
	for (size_t i = 0; i < n; i++)
		if (strncmp(environ[i], "LC_ALL=", 7) != 0)
			env[k++] = environ[i];
	env[k] = NULL;
	return env;
}


/* See gnuplot.h. */
int gnuplot_draw(const struct gnuplot_job *j, struct diag *d)
{
	const char *prog = j->prog, *dir = j->dir, *udir = j->udir;
	const char *title = j->title, *tmp = j->tmp;
	const struct gnuplot_chart *c = &j->chart;
	char *script = output_path_join(j->scripts, c->script);
	char out[OUTPUT_KEEP + 1], msg[OUTPUT_KEEP * 4 + 8];
	size_t nout = 0;
	int fds[2] = {-1, -1};
	posix_spawn_file_actions_t fa;
	posix_spawnattr_t attr;
	sigset_t defsig;
	pid_t pid;
	int rc = DRAW_FAILED, err, status, how, cause;
	struct stat st;

	if (!script) {
		diag_error(d, NULL, 0, 0, "out of memory");
		return DRAW_FATAL;
	}
	if (stat(script, &st) != 0 || !S_ISREG(st.st_mode)) {
		diag_error(d, NULL, 0, 0, "chart script %s not found (set "
			   "COMPUTESIM_PLOTS to the plots/ directory)", script);
		goto done;
	}
	if (pipe2(fds, O_CLOEXEC) != 0) {
		diag_error(d, NULL, 0, 0, "cannot run gnuplot: %s",
			   strerror(errno));
		rc = DRAW_FATAL;
		goto done;
	}
	char *argv[] = {(char *)prog, "-d", "-c", script, (char *)dir,
			(char *)tmp, (char *)title, NULL};

	posix_spawn_file_actions_init(&fa);
	posix_spawn_file_actions_addopen(&fa, 0, "/dev/null", O_RDONLY, 0);
	posix_spawn_file_actions_adddup2(&fa, fds[1], 1);
	posix_spawn_file_actions_adddup2(&fa, fds[1], 2);
	/* gnuplot gets SIGPIPE back (main ignores it for itself) */
	posix_spawnattr_init(&attr);
	sigemptyset(&defsig);
	sigaddset(&defsig, SIGPIPE);
	posix_spawnattr_setsigdefault(&attr, &defsig);
	/* and Ctrl-C, which plot.c blocks while the charts are drawn */
	sigemptyset(&defsig);
	posix_spawnattr_setsigmask(&attr, &defsig);
	posix_spawnattr_setflags(&attr, POSIX_SPAWN_SETSIGDEF |
				 POSIX_SPAWN_SETSIGMASK);
	{
		char **env = gnuplot_env();

		err = env ? posix_spawnp(&pid, prog, &fa, &attr, argv, env)
			  : ENOMEM;
		free(env);
	}
	posix_spawnattr_destroy(&attr);
	posix_spawn_file_actions_destroy(&fa);
	close(fds[1]);
	if (err == ENOENT) {
		rc = DRAW_MISSING;
		goto done;
	}
	if (err != 0) {
		text_escape(msg, sizeof msg, prog, strlen(prog), 0);
		diag_error(d, NULL, 0, 0, "cannot run %s: %s", msg,
			   strerror(err));
		rc = DRAW_FATAL;	/* it would not start for the others */
		goto done;
	}

	how = read_child(j, fds[0], pid, out, &nout);
	while (waitpid(pid, &status, 0) < 0) {
		if (errno != EINTR) {
			status = -1;
			break;
		}
	}
	shown_output(msg, sizeof msg, out, nout);

	/* a Ctrl-C reaches gnuplot too (one process group): however it
	 * ended, the user asked to stop */
	if (how == CHILD_STOPPED || gnuplot_stop_pending()) {
		rc = DRAW_STOPPED;
		goto done;
	}
	if (how == CHILD_TIMED_OUT) {
		diag_error(d, NULL, 0, 0, "gnuplot took more than %g s on %s "
			   "and was stopped (COMPUTESIM_PLOT_TIMEOUT sets the "
			   "limit); the other charts were not tried",
			   j->timeout, c->script);
		rc = DRAW_FATAL;
		goto done;
	}
	if (status == 0 && png_complete(tmp, &err) == 0) {
		if (*msg)
			diag_warning(d, NULL, 0, 0, "gnuplot warned on %s:\n%s",
				     c->script, msg);
		rc = DRAW_OK;
		goto done;
	}
	/* no whole chart: a full disk or a failing device says so itself */
	unlink(tmp);
	cause = status == 0 && is_write_cause(err) ? err : probe_write(tmp);
	if (cause) {
		diag_error(d, NULL, 0, 0, "cannot write '%s/%s': %s%s", udir,
			   c->png, strerror(cause), is_write_cause(cause) ?
			   "" : " (gnuplot could not write its chart)");
		rc = DRAW_FATAL;
	} else if (status == 0)
		diag_error(d, NULL, 0, 0, "gnuplot wrote no whole chart for "
			   "%s%s%s", c->script, *msg ? ":\n" : "", msg);
	else if (status != -1 && WIFEXITED(status))
		diag_error(d, NULL, 0, 0, "gnuplot failed on %s (exit "
			   "status %d)%s%s", c->script, WEXITSTATUS(status),
			   *msg ? ":\n" : "", msg);
	else
		diag_error(d, NULL, 0, 0, "gnuplot failed on %s (killed by "
			   "signal %d)%s%s", c->script, status == -1 ? 0 :
			   WTERMSIG(status), *msg ? ":\n" : "", msg);
done:
	if (rc != DRAW_OK)
		unlink(tmp);
	if (fds[0] >= 0)
		close(fds[0]);
	free(script);
	return rc;
}
