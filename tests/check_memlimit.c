/* check_memlimit.c — the memory a process may use (sim/memlimit.c): the
 * lowest of the limits, the parsers of /proc/meminfo, /proc/self/cgroup,
 * cgroup limit files and COMPUTESIM_MEMORY_LIMIT, the cgroup walk over a
 * fake /proc and /sys (v1 and v2), and how many trials fit. Needs no
 * cgroup and reads nothing of the machine it runs on; tests/
 * cli_reliability.sh runs the binary in a real memory cgroup where one
 * can be made. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "memlimit.h"
#include "testutil.h"

#define GIB 1073741824.0

START_TEST(test_memlimit_lowest_wins)
{
	struct memlimit m;

	memlimit_init(&m);
	ck_assert_int_eq(m.source, MEMLIMIT_NONE);
	memlimit_take(&m, 22.3 * GIB, MEMLIMIT_AVAILABLE);
	ck_assert_int_eq(m.source, MEMLIMIT_AVAILABLE);
	memlimit_take(&m, 3 * GIB, MEMLIMIT_CGROUP);
	memlimit_take(&m, 8 * GIB, MEMLIMIT_RLIMIT_AS);
	ck_assert_int_eq(m.source, MEMLIMIT_CGROUP);
	ck_assert_double_eq(m.bytes, 3 * GIB);
	/* no limit: ignored */
	memlimit_take(&m, INFINITY, MEMLIMIT_CGROUP);
	memlimit_take(&m, NAN, MEMLIMIT_ENV);
	memlimit_take(&m, -1, MEMLIMIT_ENV);
	ck_assert_double_eq(m.bytes, 3 * GIB);
	ck_assert_int_eq(m.source, MEMLIMIT_CGROUP);
	/* an equal one does not take over; a lower one does, 0 included
	 * (an address space already used up) */
	memlimit_take(&m, 3 * GIB, MEMLIMIT_ENV);
	ck_assert_int_eq(m.source, MEMLIMIT_CGROUP);
	memlimit_take(&m, 0, MEMLIMIT_RLIMIT_AS);
	ck_assert_int_eq(m.source, MEMLIMIT_RLIMIT_AS);
	ck_assert_double_eq(m.bytes, 0);
	ck_assert_str_eq(memlimit_source_text(MEMLIMIT_CGROUP),
			 "the memory cgroup's limit");
}
END_TEST

START_TEST(test_memlimit_parse_meminfo)
{
	static const char text[] =
		"MemTotal:       24564636 kB\n"
		"MemFree:        23112280 kB\n"
		"MemAvailable:   23385096 kB\n"
		"Buffers:           2156 kB\n";
	double v = 0;

	ck_assert_int_eq(memlimit_parse_meminfo(text, &v), 0);
	ck_assert_double_eq(v, 23385096.0 * 1024);
	ck_assert_int_eq(memlimit_parse_meminfo("MemTotal: 1 kB\n", &v), -1);
	ck_assert_int_eq(memlimit_parse_meminfo("", &v), -1);
}
END_TEST

START_TEST(test_memlimit_parse_cgroup_value)
{
	double v = 0;

	ck_assert_int_eq(memlimit_parse_cgroup_value("3221225472\n", &v), 0);
	ck_assert_double_eq(v, 3 * GIB);
	ck_assert_int_eq(memlimit_parse_cgroup_value("max\n", &v), 0);
	ck_assert(isinf(v));
	/* v1's "no limit" */
	ck_assert_int_eq(memlimit_parse_cgroup_value("9223372036854771712\n",
						     &v), 0);
	ck_assert(isinf(v));
	ck_assert_int_eq(memlimit_parse_cgroup_value("0\n", &v), 0);
	ck_assert_double_eq(v, 0);
	ck_assert_int_eq(memlimit_parse_cgroup_value("", &v), -1);
	ck_assert_int_eq(memlimit_parse_cgroup_value("12 kB\n", &v), -1);
	ck_assert_int_eq(memlimit_parse_cgroup_value("maximum\n", &v), -1);
	ck_assert_int_eq(memlimit_parse_cgroup_value("-1\n", &v), -1);
}
END_TEST

START_TEST(test_memlimit_parse_size)
{
	static const char *const bad[] = {"", "0", "-1", "1.5G", "3X", "3GB2",
					  "1e9", " 3G", "3G ", "0x10",
					  "99999999999999999999"};
	double v = 0;

	ck_assert_int_eq(memlimit_parse_size("1024", &v), 0);
	ck_assert_double_eq(v, 1024);
	ck_assert_int_eq(memlimit_parse_size("3G", &v), 0);
	ck_assert_double_eq(v, 3 * GIB);
	ck_assert_int_eq(memlimit_parse_size("3GiB", &v), 0);
	ck_assert_double_eq(v, 3 * GIB);
	ck_assert_int_eq(memlimit_parse_size("512m", &v), 0);
	ck_assert_double_eq(v, 512.0 * 1048576);
	ck_assert_int_eq(memlimit_parse_size("64K", &v), 0);
	ck_assert_double_eq(v, 65536);
	ck_assert_int_eq(memlimit_parse_size("2T", &v), 0);
	ck_assert_double_eq(v, 2 * GIB * 1024);
	for (size_t k = 0; k < sizeof bad / sizeof bad[0]; k++)
		ck_assert_msg(memlimit_parse_size(bad[k], &v) == -1,
			      "'%s' taken as a size", bad[k]);
}
END_TEST

START_TEST(test_memlimit_cgroup_path)
{
	static const char v1[] =
		"9:name=systemd:/\n"
		"7:cpu,cpuacct:/other\n"
		"4:blkio,memory:/process_api/1b5c\n"
		"0::/\n";
	static const char v2[] = "0::/user.slice/session-3.scope\n";
	char out[256];

	ck_assert_int_eq(memlimit_cgroup_path(v1, 0, out, sizeof out), 0);
	ck_assert_str_eq(out, "/process_api/1b5c");
	ck_assert_int_eq(memlimit_cgroup_path(v1, 1, out, sizeof out), 0);
	ck_assert_str_eq(out, "/");
	ck_assert_int_eq(memlimit_cgroup_path(v2, 1, out, sizeof out), 0);
	ck_assert_str_eq(out, "/user.slice/session-3.scope");
	ck_assert_int_eq(memlimit_cgroup_path(v2, 0, out, sizeof out), -1);
	/* "memoryx" is not "memory"; a path with ':' in it is whole */
	ck_assert_int_eq(memlimit_cgroup_path("3:memoryx:/a\n", 0, out,
					      sizeof out), -1);
	ck_assert_int_eq(memlimit_cgroup_path("3:memory:/a:b", 0, out,
					      sizeof out), 0);
	ck_assert_str_eq(out, "/a:b");
	ck_assert_int_eq(memlimit_cgroup_path("3:memory:/abc\n", 0, out, 4),
			 -1);
}
END_TEST

/* A fake /proc and /sys under a temporary root. */
static void put(const char *root, const char *rel, const char *text)
{
	char path[512], dir[512], *slash;
	FILE *f;

	snprintf(path, sizeof path, "%s/%s", root, rel);
	snprintf(dir, sizeof dir, "%s", path);
	for (slash = strchr(dir + strlen(root) + 1, '/'); slash;
	     slash = strchr(slash + 1, '/')) {
		*slash = '\0';
		mkdir(dir, 0755);
		*slash = '/';
	}
	f = fopen(path, "w");
	ck_assert_ptr_nonnull(f);
	fputs(text, f);
	fclose(f);
}

static void remove_root(const char *root)
{
	char *argv_rm[] = {"rm", "-rf", (char *)root, NULL};
	pid_t pid;

	if (strncmp(root, "/tmp/check_memlimit_", 20) != 0)
		return;
	pid = fork();
	if (pid == 0) {
		execvp("rm", argv_rm);
		_exit(127);
	}
	while (pid > 0 && waitpid(pid, NULL, 0) < 0)
		;
}

START_TEST(test_memlimit_system_v1)
{
	char root[] = "/tmp/check_memlimit_XXXXXX";
	struct memlimit m;

	ck_assert_ptr_nonnull(mkdtemp(root));
	put(root, "proc/meminfo", "MemTotal: 24000000 kB\n"
				  "MemAvailable: 20971520 kB\n");	/* 20 GiB */
	put(root, "proc/self/cgroup", "5:devices:/\n4:memory:/a/b\n0::/\n");
	/* the cgroup itself unlimited, its parent 3 GiB, the root none */
	put(root, "sys/fs/cgroup/memory/memory.limit_in_bytes",
	    "9223372036854771712\n");
	put(root, "sys/fs/cgroup/memory/a/memory.limit_in_bytes",
	    "3221225472\n");
	put(root, "sys/fs/cgroup/memory/a/b/memory.limit_in_bytes",
	    "9223372036854771712\n");
	memlimit_init(&m);
	memlimit_system(&m, root);
	ck_assert_int_eq(m.source, MEMLIMIT_CGROUP);
	ck_assert_double_eq(m.bytes, 3 * GIB);
	/* a cgroup limit above what is available: MemAvailable decides */
	put(root, "sys/fs/cgroup/memory/a/memory.limit_in_bytes",
	    "32212254720\n");
	memlimit_init(&m);
	memlimit_system(&m, root);
	ck_assert_int_eq(m.source, MEMLIMIT_AVAILABLE);
	ck_assert_double_eq(m.bytes, 20 * GIB);
	remove_root(root);
}
END_TEST

START_TEST(test_memlimit_system_v2)
{
	char root[] = "/tmp/check_memlimit_XXXXXX";
	struct memlimit m;

	ck_assert_ptr_nonnull(mkdtemp(root));
	put(root, "proc/meminfo", "MemAvailable: 20971520 kB\n");
	put(root, "proc/self/cgroup", "0::/app/job\n");
	put(root, "sys/fs/cgroup/cgroup.controllers", "cpu memory\n");
	put(root, "sys/fs/cgroup/app/memory.max", "max\n");
	put(root, "sys/fs/cgroup/app/job/memory.max", "2147483648\n");
	memlimit_init(&m);
	memlimit_system(&m, root);
	ck_assert_int_eq(m.source, MEMLIMIT_CGROUP);
	ck_assert_double_eq(m.bytes, 2 * GIB);
	remove_root(root);

	/* hybrid: v2 beside v1, at /sys/fs/cgroup/unified */
	ck_assert_ptr_nonnull(mkdtemp(strcpy(root,
					     "/tmp/check_memlimit_XXXXXX")));
	put(root, "proc/self/cgroup", "0::/j\n");
	put(root, "sys/fs/cgroup/unified/j/memory.max", "1073741824\n");
	memlimit_init(&m);
	memlimit_system(&m, root);
	ck_assert_int_eq(m.source, MEMLIMIT_CGROUP);
	ck_assert_double_eq(m.bytes, GIB);
	remove_root(root);

	/* nothing readable: no limit */
	memlimit_init(&m);
	memlimit_system(&m, "/nonexistent-root");
	ck_assert_int_eq(m.source, MEMLIMIT_NONE);
}
END_TEST

/* need(n) = 1000 + 100 n, or (pieces) the same with a drop after 50 */
static double need_line(long n, const void *arg)
{
	(void)arg;
	return 1000.0 + 100.0 * (double)n;
}

static double need_drop(long n, const void *arg)
{
	(void)arg;
	return n <= 50 ? 1000.0 + 100.0 * (double)n
		       : 1000.0 + 50.0 * (double)n;
}

START_TEST(test_memlimit_trials_fit)
{
	static const long brk[1] = {50};

	ck_assert_int_eq(memlimit_trials_fit(need_line, NULL, 10000, 1000000,
					     NULL, 0), 90);
	ck_assert_int_eq(memlimit_trials_fit(need_line, NULL, 10050, 1000000,
					     NULL, 0), 90);
	ck_assert_int_eq(memlimit_trials_fit(need_line, NULL, 10100, 1000000,
					     NULL, 0), 91);
	ck_assert_int_eq(memlimit_trials_fit(need_line, NULL, 1e12, 77, NULL,
					     0), 77);
	ck_assert_int_eq(memlimit_trials_fit(need_line, NULL, 1099, 10, NULL,
					     0), 0);
	ck_assert_int_eq(memlimit_trials_fit(need_line, NULL, 1100, 10, NULL,
					     0), 1);
	/* with a drop after 50 (a run's columns in float): 6000 fits 50
	 * trials before the drop and 100 after it; 5000 fits 80 after it */
	ck_assert_int_eq(memlimit_trials_fit(need_drop, NULL, 6000, 1000, brk,
					     1), 100);
	ck_assert_int_eq(memlimit_trials_fit(need_drop, NULL, 5000, 1000, brk,
					     1), 80);
	/* above the drop nothing fits below 3550: the piece below */
	ck_assert_int_eq(memlimit_trials_fit(need_drop, NULL, 3500, 1000, brk,
					     1), 25);
	/* a break outside the range changes nothing */
	ck_assert_int_eq(memlimit_trials_fit(need_drop, NULL, 3500, 40, brk,
					     1), 25);
}
END_TEST

/* memlimit_prefault_part over 3 parts of a range that starts and ends
 * inside pages (one page in, 13 pages and 100 bytes long, in a mapping of
 * 16 fresh pages): the whole pages inside the range are resident after
 * the three calls and no page outside it is (mincore); a part of a range
 * shorter than the parts' count of pages, a NULL base and more parts than
 * pages do nothing harmful. Skipped where the kernel has no
 * MADV_POPULATE_WRITE (before 5.14): the function then does nothing. */
START_TEST(test_memlimit_prefault_parts)
{
	long ps = sysconf(_SC_PAGESIZE);
	size_t pg = (size_t)ps, np = 16;
	unsigned char vec[16];
	char *m = mmap(NULL, np * pg, PROT_READ | PROT_WRITE,
		       MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	ck_assert(m != MAP_FAILED);
#ifdef MADV_POPULATE_WRITE
	if (madvise(m + 15 * pg, pg, MADV_POPULATE_WRITE) != 0) {
		munmap(m, np * pg);
		return;	/* an older kernel: nothing to check */
	}
	/* page 15 is now resident; the range is [pg + 10, 14 pg + 110) */
	for (int k = 0; k < 3; k++)
		memlimit_prefault_part(m + pg + 10, 13 * pg + 100, k, 3);
	ck_assert_int_eq(mincore(m, np * pg, vec), 0);
	ck_assert_int_eq(vec[0] & 1, 0);	/* before the range */
	ck_assert_int_eq(vec[1] & 1, 0);	/* the range starts inside */
	for (int i = 2; i < 14; i++)
		ck_assert_msg(vec[i] & 1, "page %d not mapped", i);
	ck_assert_int_eq(vec[14] & 1, 0);	/* the range ends inside */
	memlimit_prefault_part(NULL, 13 * pg, 0, 1);
	memlimit_prefault_part(m, pg / 2, 0, 4);
	memlimit_prefault_part(m, 2 * pg, 3, 8);
	ck_assert_int_eq(mincore(m, np * pg, vec), 0);
	ck_assert_int_eq(vec[0] & 1, 0);
#endif
	munmap(m, np * pg);
}
END_TEST

static Suite *memlimit_suite(void)
{
	Suite *s = suite_create("memlimit");
	TCase *tc = tcase_create("core");

	tcase_add_test(tc, test_memlimit_lowest_wins);
	tcase_add_test(tc, test_memlimit_parse_meminfo);
	tcase_add_test(tc, test_memlimit_parse_cgroup_value);
	tcase_add_test(tc, test_memlimit_parse_size);
	tcase_add_test(tc, test_memlimit_cgroup_path);
	tcase_add_test(tc, test_memlimit_system_v1);
	tcase_add_test(tc, test_memlimit_system_v2);
	tcase_add_test(tc, test_memlimit_trials_fit);
	tcase_add_test(tc, test_memlimit_prefault_parts);
	suite_add_tcase(s, tc);
	return s;
}

CHECK_MAIN(memlimit_suite)
