/* memlimit.c — the memory this process may use (memlimit.h). */
#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <stdint.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

#include "memlimit.h"

void memlimit_init(struct memlimit *m)
{
	m->bytes = INFINITY;
	m->source = MEMLIMIT_NONE;
}

void memlimit_take(struct memlimit *m, double bytes, enum memlimit_source s)
{
	if (isnan(bytes) || bytes < 0 || isinf(bytes))
		return;
	if (m->source == MEMLIMIT_NONE || bytes < m->bytes) {
		m->bytes = bytes;
		m->source = s;
	}
}

const char *memlimit_source_text(enum memlimit_source s)
{
	switch (s) {
	case MEMLIMIT_AVAILABLE:
		return "available memory, MemAvailable in /proc/meminfo";
	case MEMLIMIT_CGROUP:
		return "the memory cgroup's limit";
	case MEMLIMIT_RLIMIT_AS:
		return "the address-space limit, ulimit -v";
	case MEMLIMIT_ENV:
		return "COMPUTESIM_MEMORY_LIMIT";
	case MEMLIMIT_NONE:
		break;
	}
	return "no limit known";
}

int memlimit_parse_meminfo(const char *text, double *out)
{
	const char *p = text;

	while (p && *p) {
		unsigned long long kb;

		if (sscanf(p, "MemAvailable: %llu kB", &kb) == 1) {
			*out = (double)kb * 1024.0;
			return 0;
		}
		p = strchr(p, '\n');
		if (p)
			p++;
	}
	return -1;
}

int memlimit_parse_cgroup_value(const char *text, double *out)
{
	size_t n = strspn(text, "0123456789");
	unsigned long long v;
	char *end;

	if (strncmp(text, "max", 3) == 0 &&
	    (text[3] == '\0' || text[3] == '\n')) {
		*out = INFINITY;
		return 0;
	}
	if (n == 0 || (text[n] != '\0' && text[n] != '\n') ||
	    (text[n] == '\n' && text[n + 1] != '\0'))
		return -1;
	errno = 0;
	v = strtoull(text, &end, 10);
	/* v1 writes PAGE_COUNTER_MAX pages (9223372036854771712) for none */
	if (errno == ERANGE || v >= (1ULL << 62))
		*out = INFINITY;
	else
		*out = (double)v;
	return 0;
}

int memlimit_parse_size(const char *s, double *out)
{
	static const char units[] = "KMGT";
	size_t n = strspn(s, "0123456789");
	const char *u = s + n, *k;
	double v, scale = 1;
	char *end;

	if (n == 0 || n > 19)
		return -1;
	if (*u) {
		k = strchr(units, toupper((unsigned char)*u));
		if (!k || !(u[1] == '\0' || strcmp(u + 1, "iB") == 0 ||
			    strcmp(u + 1, "B") == 0))
			return -1;
		scale = pow(1024.0, (double)(k - units + 1));
	}
	errno = 0;
	v = strtod(s, &end);	/* digits only: exact to 2^53 */
	if (errno || end != u || !(v > 0))
		return -1;
	*out = v * scale;
	return 0;
}

/* 1 when the comma-separated list s[0..n) holds "memory". */
static int has_memory(const char *s, size_t n)
{
	while (n > 0) {
		const char *c = memchr(s, ',', n);
		size_t w = c ? (size_t)(c - s) : n;

		if (w == 6 && strncmp(s, "memory", 6) == 0)
			return 1;
		if (!c)
			break;
		n -= w + 1;
		s = c + 1;
	}
	return 0;
}

int memlimit_cgroup_path(const char *text, int v2, char *out, size_t n)
{
	const char *p = text;

	while (p && *p) {
		const char *eol = strchr(p, '\n');
		const char *c1, *c2;
		int match = 0;

		if (!eol)
			eol = p + strlen(p);
		/* ID:CONTROLLERS:PATH; the path may hold ':' itself */
		c1 = memchr(p, ':', (size_t)(eol - p));
		c2 = c1 ? memchr(c1 + 1, ':', (size_t)(eol - c1 - 1)) : NULL;
		if (c2) {
			if (v2)
				match = c1 - p == 1 && p[0] == '0' &&
					c2 == c1 + 1;
			else
				match = has_memory(c1 + 1,
						   (size_t)(c2 - c1 - 1));
		}
		if (match) {
			size_t len = (size_t)(eol - (c2 + 1));

			if (len + 1 > n || len == 0 || c2[1] != '/')
				return -1;
			memcpy(out, c2 + 1, len);
			out[len] = '\0';
			return 0;
		}
		p = *eol ? eol + 1 : NULL;
	}
	return -1;
}

/* Up to size - 1 bytes of path (a regular file, or what /proc and /sys
 * serve), NUL-terminated. 0, or -1. */
static int read_text(const char *path, char *buf, size_t size)
{
	int fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
	struct stat st;
	size_t len = 0;

	if (fd < 0)
		return -1;
	if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
		close(fd);
		return -1;
	}
	while (len + 1 < size) {
		ssize_t k = read(fd, buf + len, size - 1 - len);

		if (k < 0 && errno == EINTR)
			continue;
		if (k <= 0)
			break;
		len += (size_t)k;
	}
	close(fd);
	buf[len] = '\0';
	return 0;
}

/* The lowest limit in file `file` of the cgroup at path under base and
 * of each of its ancestors, into m. */
static void cgroup_walk(struct memlimit *m, const char *base,
			const char *path, const char *file)
{
	char p[PATH_MAX], f[PATH_MAX + 64], buf[64];

	if (snprintf(p, sizeof p, "%s", path) >= (int)sizeof p)
		return;
	for (;;) {
		double v;
		char *slash;

		if (snprintf(f, sizeof f, "%s%s/%s", base,
			     strcmp(p, "/") == 0 ? "" : p, file) <
			    (int)sizeof f &&
		    read_text(f, buf, sizeof buf) == 0 &&
		    memlimit_parse_cgroup_value(buf, &v) == 0)
			memlimit_take(m, v, MEMLIMIT_CGROUP);
		if (p[0] == '\0' || strcmp(p, "/") == 0)
			break;
		slash = strrchr(p, '/');
		if (!slash)
			break;
		*slash = '\0';	/* the parent; "" is the hierarchy's root */
	}
}

void memlimit_system(struct memlimit *m, const char *root)
{
	char buf[16384];	/* /proc/self/cgroup, /proc/meminfo */
	char path[PATH_MAX], cg[PATH_MAX], base[PATH_MAX];
	struct stat st;
	double v;

	snprintf(path, sizeof path, "%s/proc/meminfo", root);
	if (read_text(path, buf, sizeof buf) == 0 &&
	    memlimit_parse_meminfo(buf, &v) == 0)
		memlimit_take(m, v, MEMLIMIT_AVAILABLE);
	snprintf(path, sizeof path, "%s/proc/self/cgroup", root);
	if (read_text(path, buf, sizeof buf) != 0)
		return;
	if (memlimit_cgroup_path(buf, 0, cg, sizeof cg) == 0) {
		snprintf(base, sizeof base, "%s/sys/fs/cgroup/memory", root);
		cgroup_walk(m, base, cg, "memory.limit_in_bytes");
	}
	if (memlimit_cgroup_path(buf, 1, cg, sizeof cg) == 0) {
		/* v2 alone at /sys/fs/cgroup, or beside v1 at .../unified */
		snprintf(path, sizeof path, "%s/sys/fs/cgroup/cgroup.controllers",
			 root);
		snprintf(base, sizeof base, stat(path, &st) == 0
			 ? "%s/sys/fs/cgroup" : "%s/sys/fs/cgroup/unified", root);
		cgroup_walk(m, base, cg, "memory.max");
	}
}

int memlimit_check_env(const char *e, struct diag *d)
{
	double v;

	if (!e || !*e || memlimit_parse_size(e, &v) == 0)
		return 0;
	diag_error(d, NULL, 0, 0, "COMPUTESIM_MEMORY_LIMIT='%.100s%s': expected "
		   "a size in bytes > 0, optionally with K, M, G or T (powers "
		   "of 1024), e.g. 3G", e, strlen(e) > 100 ? "..." : "");
	return -1;
}

int memlimit_process(struct memlimit *m, const char *e, struct diag *d)
{
	struct rlimit rl;
	char buf[256];
	double v;
	int rc = 0;

	memlimit_system(m, "");
	if (getrlimit(RLIMIT_AS, &rl) == 0 && rl.rlim_cur != RLIM_INFINITY) {
		long page = sysconf(_SC_PAGESIZE);
		unsigned long long pages = 0;

		/* what the process maps already counts against the limit */
		if (read_text("/proc/self/statm", buf, sizeof buf) == 0)
			sscanf(buf, "%llu", &pages);
		v = (double)rl.rlim_cur - (double)pages * (double)page;
		memlimit_take(m, v > 0 ? v : 0, MEMLIMIT_RLIMIT_AS);
	}
	if (e && *e) {
		if (memlimit_parse_size(e, &v) == 0)
			memlimit_take(m, v, MEMLIMIT_ENV);
		else
			rc = memlimit_check_env(e, d);
	}
	return rc;
}

/* The largest n in [lo, hi] with need(n) <= limit, need non-decreasing
 * there; lo - 1 when none. */
static long fit_piece(double (*need)(long n, const void *arg),
		      const void *arg, double limit, long lo, long hi)
{
	if (!(need(lo, arg) <= limit))
		return lo - 1;
	if (need(hi, arg) <= limit)
		return hi;
	while (hi - lo > 1) {	/* need(lo) fits, need(hi) does not */
		long mid = lo + (hi - lo) / 2;

		if (need(mid, arg) <= limit)
			lo = mid;
		else
			hi = mid;
	}
	return lo;
}

long memlimit_trials_fit(double (*need)(long n, const void *arg),
			 const void *arg, double limit, long upto,
			 const long *breaks, int nbreaks)
{
	long hi = upto;

	/* the pieces from the top down: the first that fits anywhere holds
	 * the answer */
	while (hi >= 1) {
		long lo = 1, n;

		for (int k = 0; k < nbreaks; k++)
			if (breaks[k] >= lo && breaks[k] < hi)
				lo = breaks[k] + 1;
		n = fit_piece(need, arg, limit, lo, hi);
		if (n >= lo)
			return n;
		hi = lo - 1;
	}
	return 0;
}

/* See memlimit.h. */
void memlimit_prefault_part(void *base, size_t len, int k, int nparts)
{
#ifdef MADV_POPULATE_WRITE
	long ps = sysconf(_SC_PAGESIZE);
	const uintptr_t pg = ps > 0 ? (uintptr_t)ps : 4096;
	uintptr_t a = (uintptr_t)base, end = (a + len) & ~(pg - 1);
	uintptr_t lo = a + len / (size_t)nparts * (size_t)k;
	uintptr_t hi = k == nparts - 1 ? end :
		       a + len / (size_t)nparts * (size_t)(k + 1);

	lo = (lo + pg - 1) & ~(pg - 1);
	hi = (hi + pg - 1) & ~(pg - 1);
	if (hi > end)
		hi = end;
	if (base && hi > lo)
		(void)madvise((void *)lo, hi - lo, MADV_POPULATE_WRITE);
#else
	(void)base;
	(void)len;
	(void)k;
	(void)nparts;
#endif
}
