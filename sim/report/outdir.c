/* outdir.c — the output directory (output.h): written as a temporary
 * sibling <dir>.tmp-PID-XXXXXX and renamed into place only when complete,
 * so a failed, interrupted or killed run never leaves half a result or
 * spoils an earlier one; only an empty directory or one holding the
 * .computesim marker is ever replaced; stale temporaries of dead
 * processes are removed. */
#include <errno.h>
#include <limits.h>
#include <fcntl.h>
#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <dirent.h>
#include <signal.h>
#include <unistd.h>

#include "output.h"
#include "text.h"

/* A file that marks a directory as ours: only a directory holding it (or
 * an empty one) is ever replaced, so a mistyped --out never deletes a
 * user's own files. */
#define MARKER ".computesim"

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
 * replace. 0; -2 with an error in d when final names something else (a
 * file, a link, someone's directory); -1 when it cannot be looked at. */
static int check_final(const char *final, struct diag *d)
{
	struct stat st;

	/* a symbolic link would itself be replaced by the new directory
	 * (the rename swaps names), not what it points to */
	if (lstat(final, &st) == 0 && S_ISLNK(st.st_mode)) {
		diag_error(d, NULL, 0, 0,
			   "cannot use output directory '%s': it is a symbolic "
			   "link, which the run would replace by a directory; "
			   "name the directory it points to", final);
		return -2;
	}
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
		return -2;
	}
	if (!replaceable(final)) {
		diag_error(d, NULL, 0, 0,
			   "refusing to replace '%s': it is not empty and was "
			   "not written by computesim (no %s file in it); "
			   "choose another --out", final, MARKER);
		return -2;
	}
	return 0;
}

/* Parent p of output directory path is there but no directory. */
static void not_a_dir(struct diag *d, const char *path, const char *p)
{
	diag_error(d, NULL, 0, 0, "cannot create output directory '%s': '%s' "
		   "is not a directory", path, p);
}

/* mkdir -p for the parent directories of path. 0, or -1 with an error
 * (-2: a parent that is there is not a directory). */
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
			not_a_dir(d, path, p);
			free(p);
			return -2;	/* the path names a file */
		}
		if (end)
			break;
		*q = '/';
	}
	free(p);
	return 0;
}

int outdir_check_inputs(const char *final, const char *const *files, int n,
			const char *pfile, int line, int col,
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
		if (pfile && line > 0)
			diag_error(d, pfile, line, col, "output.dir gives the "
				   "output directory '%s', which holds the "
				   "input '%s', and a run replaces its output "
				   "directory whole: choose another output.dir "
				   "(or --out)", final, files[i]);
		else
			diag_error(d, NULL, 0, 0, "the output directory '%s' "
				   "holds the input '%s', and a run replaces "
				   "its output directory whole: choose another "
				   "--out or output.dir", final, files[i]);
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

/* final without its trailing slashes ("out/x/" -> "out/x"), refused
 * (-2, error in d) when its last part is no directory of its own or too
 * long for the temporary sibling; NULL with *rc -1 when out of memory. */
static char *final_name(const char *final, struct diag *d, int *rc)
{
	size_t n = strlen(final);
	const char *base;
	char *f;

	while (n > 1 && final[n - 1] == '/')
		n--;
	f = strndup(final, n);
	*rc = -1;
	if (!f) {
		diag_error(d, NULL, 0, 0, "out of memory");
		return NULL;
	}
	base = strrchr(f, '/');
	base = base ? base + 1 : f;
	*rc = -2;
	if (!text_path_own_name(f)) {
		diag_error(d, NULL, 0, 0,
			   "cannot use '%s' as output directory: name a "
			   "directory of its own (e.g. --out out/run1)", final);
		free(f);
		return NULL;
	}
	/* the temporary sibling's name is the final one's and
	 * ".tmp-PID-XXXXXX" (up to 19 more characters) */
	if (strlen(base) + 19 > NAME_MAX) {
		diag_error(d, NULL, 0, 0,
			   "cannot use '%s' as output directory: its name "
			   "has %zu characters, at most %d can be used (a run "
			   "writes it first as a sibling with 19 more)", final,
			   strlen(base), NAME_MAX - 19);
		free(f);
		return NULL;
	}
	*rc = 0;
	return f;
}

/* Each parent of path that is there is a directory (or a link to one):
 * 0, or -2 with an error as make_parents gives it. */
static int parents_dirs(const char *path, struct diag *d)
{
	char *p = strdup(path);
	int rc = 0;

	if (!p) {
		diag_error(d, NULL, 0, 0, "out of memory");
		return -1;
	}
	for (char *q = strchr(p + 1, '/'); q && rc == 0;
	     q = strchr(q + 1, '/')) {
		struct stat st;

		*q = '\0';
		/* there, but no directory (a file, a dangling link) */
		if (lstat(p, &st) == 0 &&
		    (stat(p, &st) != 0 || !S_ISDIR(st.st_mode))) {
			not_a_dir(d, path, p);
			rc = -2;
		}
		*q = '/';
	}
	free(p);
	return rc;
}

int outdir_check(const char *final, struct diag *d)
{
	int rc;
	char *f = final_name(final, d, &rc);

	if (f && (rc = parents_dirs(f, d)) == 0)
		rc = check_final(f, d);
	free(f);
	return rc;
}

int outdir_begin(struct outdir *od, const char *final, struct diag *d)
{
	mode_t mask;
	char *tmp;
	FILE *f;
	int rc = -1;

	od->final = NULL;
	od->tmp = NULL;
	od->final = final_name(final, d, &rc);
	if (!od->final)
		goto fail;
	rc = check_final(od->final, d);
	if (rc < 0 || (rc = make_parents(od->final, d)) < 0)
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
	return rc == -2 ? -2 : -1;
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

