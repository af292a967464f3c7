/* memlimit.h — the memory this process may use, known before a run: the
 * lowest of
 *   - MemAvailable in /proc/meminfo (what the kernel can give without
 *     swapping, page cache it can drop included);
 *   - the memory cgroup's limit: v1 memory.limit_in_bytes, v2
 *     memory.max, of the process's cgroup (/proc/self/cgroup) and of
 *     every ancestor;
 *   - RLIMIT_AS (ulimit -v), less the address space already mapped;
 *   - $COMPUTESIM_MEMORY_LIMIT, a ceiling of one's own.
 * The parsers and the arithmetic take text and numbers and touch no
 * global state, so tests give them a fake /proc and /sys (root) and the
 * numbers they like; memlimit_process() reads the real ones.
 *
 * Nothing here allocates; struct memlimit is a value. */
#ifndef COMPUTESIM_MEMLIMIT_H
#define COMPUTESIM_MEMLIMIT_H

#include <stddef.h>
#include "diag.h"

enum memlimit_source {
	MEMLIMIT_NONE,		/* no limit known */
	MEMLIMIT_AVAILABLE,	/* MemAvailable */
	MEMLIMIT_CGROUP,	/* the memory cgroup */
	MEMLIMIT_RLIMIT_AS,	/* ulimit -v */
	MEMLIMIT_ENV		/* COMPUTESIM_MEMORY_LIMIT */
};

struct memlimit {
	double bytes;			/* the lowest limit seen */
	enum memlimit_source source;	/* where it came from */
};

/* No limit known yet. */
void memlimit_init(struct memlimit *m);
/* Take limit bytes from source s into m when it is lower than what m
 * holds (or m holds none). A NaN or negative value is no limit and is
 * ignored; an infinite one likewise. */
void memlimit_take(struct memlimit *m, double bytes, enum memlimit_source s);
/* Words for the source, for messages ("the memory cgroup's limit"). */
const char *memlimit_source_text(enum memlimit_source s);

/* MemAvailable of a /proc/meminfo text, in bytes. 0, or -1 when the text
 * has no such line. */
int memlimit_parse_meminfo(const char *text, double *out);
/* A cgroup limit file's text: a whole number of bytes, or "max" (v2)
 * -> INFINITY; v1's "unlimited" (9223372036854771712, any value of 2^62
 * or more) -> INFINITY too. 0, or -1 when it is neither. */
int memlimit_parse_cgroup_value(const char *text, double *out);
/* $COMPUTESIM_MEMORY_LIMIT's form: a whole number of bytes, optionally
 * followed by K, M, G or T (powers of 1024; KiB, MiB... and k are read
 * the same), > 0. 0, or -1 when s is not one. */
int memlimit_parse_size(const char *s, double *out);
/* The memory cgroup of a /proc/self/cgroup text: v2 = 0, the path of
 * the v1 line whose controllers include "memory"; v2 = 1, the path of
 * the "0::" line. 0 with the path in out, -1 when there is none (or it
 * does not fit in n). */
int memlimit_cgroup_path(const char *proc_self_cgroup, int v2, char *out,
			 size_t n);

/* The MemAvailable and cgroup limits of a system whose /proc and /sys
 * are under root ("" for this one), into m. What cannot be read is no
 * limit. */
void memlimit_system(struct memlimit *m, const char *root);

/* Every limit of this process (memlimit_system(m, ""), RLIMIT_AS and
 * $COMPUTESIM_MEMORY_LIMIT) into m. 0, or -1 with an error in d when
 * $COMPUTESIM_MEMORY_LIMIT is not a size (m is filled all the same). */
int memlimit_process(struct memlimit *m, const char *env_limit,
		     struct diag *d);
/* Only check $COMPUTESIM_MEMORY_LIMIT: 0, or -1 with an error in d
 * naming it and its value. */
int memlimit_check_env(const char *env_limit, struct diag *d);

/* The largest n in [0, upto] with need(n, arg) <= limit; 0 when none.
 * need is non-decreasing on each piece [1, b0], [b0 + 1, b1], ...,
 * [bk + 1, upto] of the nbreaks breaks b (any order; those outside
 * [1, upto) are ignored), and may drop from one piece to the next (a
 * run's columns in float past run_double_columns_max). */
long memlimit_trials_fit(double (*need)(long n, const void *arg),
			 const void *arg, double limit, long upto,
			 const long *breaks, int nbreaks);

/* Part k of nparts of the len bytes at base, whole pages, mapped
 * writable now (MADV_POPULATE_WRITE, Linux 5.14) rather than page by page
 * as a run's trials first write them: each worker maps its part at once,
 * in its own page tables, instead of the threads faulting pages in the
 * same columns as their blocks alternate (sim/engine/run.c). Where the
 * kernel cannot, nothing happens and the pages are mapped on first write
 * as before. */
void memlimit_prefault_part(void *base, size_t len, int k, int nparts);

#endif
