/* main.c — the command line: parse commands and options, hand them to the
 * command functions (cmd_*), and exit with their status. The only place
 * that exits. Exit status: 0 success, 2 usage or scenario error, 1 any
 * other failure (docs/format.md "Command line"). */
#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <math.h>
#include <signal.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>


#include "cli.h"
#include "number.h"
#include "suggest.h"
#include "env.h"
#include "csinit.h"
#include "stop.h"
#include "analysis.h"
#include "memlimit.h"
#include "plot.h"
#include "runsplit.h"
#include "sample.h"
#include "scenario.h"
#include "schema.h"

#ifndef COMPUTESIM_VERSION
#define COMPUTESIM_VERSION "0.1.0"
#endif


static void on_signal(int sig)
{
	(void)sig;
	stop_flag = 1;
}

/* A whole number as the scenario's whole-number keys take it
 * (simulation.trials): digits, or a number in the scenario's syntax
 * whose value is whole (1e3, 2.5e4, 100.0), but no percent sign. 0 ok;
 * -1 not a whole number; -2 beyond what a long holds (*out is then
 * LONG_MIN or LONG_MAX, so that a range check still sees the side). */
static int parse_whole_arg(const char *s, long *out)
{
	const char *d = s + (*s == '+' || *s == '-');
	double x;

	if (*d && strspn(d, "0123456789") == strlen(d)) {
		char *end;

		errno = 0;
		*out = strtol(s, &end, 10);	/* exact, however long */
		return errno == ERANGE ? -2 : 0;
	}
	if (strchr(s, '%') || number_parse(s, 1, &x) != NUM_OK ||
	    x != floor(x))
		return -1;
	if (x < (double)LONG_MIN || x >= -(double)LONG_MIN) {
		*out = x < 0 ? LONG_MIN : LONG_MAX;
		return -2;
	}
	*out = (long)x;
	return 0;
}

/* A usage error with a formatted message: "error: MSG", the usage line,
 * exit status 2. */
static int arg_error(const char *fmt, ...)
	__attribute__((format(printf, 1, 2)));
static int arg_error(const char *fmt, ...)
{
	va_list ap;

	fputs("error: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputs("\n", stderr);
	fputs(cli_usage_line, stderr);
	return 2;
}

/* One number of --grid / --range (what: "FROM", "TO") in the scenario's
 * own syntax (0.25, 1.3e6, 25%). 0 ok; else the error is printed for
 * option opt and argument arg, and 2 returned. */
static int parse_number_arg(const char *s, double *out, const char *what,
			    const char *opt, const char *arg)
{
	enum num_status r = number_parse(s, 1, out);

	if (r == NUM_OK)
		return 0;
	if (r == NUM_NONFINITE)
		return arg_error("%s '%s': %s must be a finite number (got "
				 "`%s`)", opt, arg, what, s);
	return arg_error("%s '%s': %s is not a number (got `%s`; write a "
			 "number such as 0.25, -1.3e6 or 25%%)", opt, arg,
			 what, s);
}

/* "FROM:TO" (the text before STEPS for --grid) -> two numbers. 0 ok,
 * -1 malformed (no single ':'), 2 a bad number (error printed). */
static int parse_range(const char *s, double *from, double *to,
		       const char *opt, const char *arg)
{
	const char *colon = strchr(s, ':');
	char buf[256];
	size_t n;
	int r;

	if (!colon || strchr(colon + 1, ':'))
		return -1;
	n = (size_t)(colon - s);
	if (n >= sizeof buf)
		return -1;
	memcpy(buf, s, n);
	buf[n] = '\0';
	if ((r = parse_number_arg(buf, from, "FROM", opt, arg)) != 0 ||
	    (r = parse_number_arg(colon + 1, to, "TO", opt, arg)) != 0)
		return r;
	return 0;
}

/* --grid PATH=FROM:TO:STEPS. 0 ok, -1 malformed (no PATH or not three
 * parts), 2 a bad part (error printed), 1 out of memory. STEPS below 2
 * or above the limit is sweep's to report (with every other problem). */
static int parse_grid(const char *arg, struct grid *g)
{
	const char *eq = strchr(arg, '=');
	const char *c1, *c2, *st;
	char buf[256], *end;
	long steps;
	int r;

	g->arg = arg;
	g->path = NULL;
	if (!eq || eq == arg)
		return -1;
	c1 = strchr(eq + 1, ':');
	c2 = c1 ? strchr(c1 + 1, ':') : NULL;
	if (!c1 || !c2 || strchr(c2 + 1, ':'))
		return -1;
	if ((size_t)(c2 - eq - 1) >= sizeof buf)
		return -1;
	memcpy(buf, eq + 1, (size_t)(c2 - eq - 1));
	buf[c2 - eq - 1] = '\0';
	if ((r = parse_range(buf, &g->from, &g->to, "--grid", arg)) != 0)
		return r;
	st = c2 + 1;
	errno = 0;
	steps = strtol(st, &end, 10);
	if (end == st || *end != '\0' ||
	    !(*st == '+' || *st == '-' || (*st >= '0' && *st <= '9')))
		return arg_error("--grid '%s': STEPS must be a whole number "
				 ">= 2 (got `%s`)", arg, st);
	if (errno == ERANGE)	/* sweep reports the limit */
		steps = steps < 0 ? LONG_MIN : LONG_MAX;
	g->steps = steps > INT_MAX ? INT_MAX : steps < INT_MIN ? INT_MIN
							       : (int)steps;
	g->path = strndup(arg, (size_t)(eq - arg));
	if (!g->path) {
		fputs("error: out of memory\n", stderr);
		return 1;
	}
	return 0;
}

/* --trials N: what simulation.trials takes, in the range of its row of
 * the key table. 0 ok, else the error is printed and 2 returned. */
static int parse_trials(const char *v, long *out)
{
	const struct key_def *k = schema_find("simulation", "trials");
	char range[64];
	long n = 0;
	int r = parse_whole_arg(v, &n);

	if (r == -1 || !schema_in_range(k, (double)n)) {
		schema_range_text(k, range, sizeof range);
		return arg_error("--trials '%s': expected a whole number %s", v,
				 range);
	}
	if (r == -2)
		return arg_error("--trials '%s': too large (at most %ld)", v,
				 LONG_MAX);
	*out = n;
	return 0;
}

/* The command nearest to word, case aside, when it is close enough to be
 * a slip (suggest_nearest, as for keys); NULL otherwise. */
static const char *command_suggest(const char *word,
				   const char *const *cmds, size_t ncmds)
{
	if (strlen(word) > 256)
		return NULL;
	/* the distance ignores letter case already */
	return suggest_nearest(word, cmds, sizeof cmds[0], (int)ncmds);
}

/* Whether a first argument that is no command was meant as one: a bare
 * word (no '.' or '/', not an option) naming no file. Anything else is
 * the scenario of the implicit `run`, as before. */
static int is_unknown_command(const char *a)
{
	return a[0] != '\0' && a[0] != '-' && !strchr(a, '.') &&
	       !strchr(a, '/') && access(a, F_OK) != 0;
}

static int usage_error(const char *fmt, const char *arg)
{
	fputs("error: ", stderr);
	fprintf(stderr, fmt, arg);
	fputs("\n", stderr);
	fputs(cli_usage_line, stderr);
	return 2;
}

/* Options that take a value; returns the value or NULL when missing. */
static const char *opt_value(int argc, char **argv, int *i)
{
	const char *a = argv[*i];
	const char *eq = strchr(a, '=');

	if (strncmp(a, "--", 2) == 0 && eq) /* --opt=value */
		return eq + 1;
	if (*i + 1 >= argc)
		return NULL;
	return argv[++*i];
}

static int is_opt(const char *a, const char *name)
{
	size_t n = strlen(name);

	return strncmp(a, name, n) == 0 && (a[n] == '\0' || a[n] == '=');
}

/* Options that take one value, refused when given twice (--set, --grid
 * and --precision repeat; a flag given twice is the flag). */
static const char *const single_opts[] = {
	"--trials", "--seed", "--threads", "--out", "--sampling", "--vary",
	"--target", "--range"
};
#define NSINGLE ((int)(sizeof single_opts / sizeof single_opts[0]))

/* Options that take a value. Written `--opt VALUE`, the next argument is
 * the value, whole, whatever it looks like (as getopt_long reads it):
 * `--out --help` names a directory "--help". */
static const char *const value_opts[] = {
	"--trials", "--seed", "--threads", "--set", "--out", "--grid",
	"--vary", "--target", "--range", "--sampling", "--precision"
};

/* Options that take no value. */
static const char *const flag_opts[] = {
	"--no-plots", "--sensitivity", "--trials-csv", "--json", "--quiet",
	"--help", "--version"
};

/* An option that is none of computesim's: exit 2, saying that a flag
 * takes no value (`--no-plots=1`), else naming the nearest option
 * (`--trails`: did you mean '--trials'?). */
static int unknown_option(const char *a)
{
	static const char *all[sizeof value_opts / sizeof value_opts[0] +
			       sizeof flag_opts / sizeof flag_opts[0]];
	const size_t nv = sizeof value_opts / sizeof value_opts[0];
	const size_t nf = sizeof flag_opts / sizeof flag_opts[0];
	const char *eq = strchr(a, '=');
	char name[64];
	const char *near;

	snprintf(name, sizeof name, "%.*s",
		 (int)(eq && eq - a < 63 ? eq - a : 63), a);
	for (size_t k = 0; k < nf; k++)
		if (eq && strcmp(name, flag_opts[k]) == 0)
			return usage_error("option '%s' takes no value",
					   flag_opts[k]);
	for (size_t k = 0; k < nv; k++)
		all[k] = value_opts[k];
	for (size_t k = 0; k < nf; k++)
		all[nv + k] = flag_opts[k];
	near = strncmp(name, "--", 2) == 0 ?
	       suggest_nearest(name, all, sizeof all[0], (int)(nv + nf)) :
	       NULL;
	if (near)
		return arg_error("unknown option '%s' (did you mean '%s'?)",
				 a, near);
	return usage_error("unknown option '%s'", a);
}

/* 1 when a is one of value_opts without "=VALUE": the next argument is
 * its value. */
static int takes_next(const char *a)
{
	for (size_t k = 0; k < sizeof value_opts / sizeof value_opts[0]; k++)
		if (strcmp(a, value_opts[k]) == 0)
			return 1;
	return 0;
}

static int parse_args(struct cli *c, int argc, char **argv)
{
	static const char *const cmds[] = {"run", "check", "sweep", "compare",
					   "breakeven", "drivers", "plot",
					   "keys", "schema", "paths"};
	const size_t ncmds = sizeof cmds / sizeof cmds[0];
	int first = 1;
	int end_of_opts = 0, seen[NSINGLE] = {0};

	c->cmd = "run";
	for (size_t k = 0; k < ncmds; k++)
		if (argc > 1 && strcmp(argv[1], cmds[k]) == 0) {
			c->cmd = cmds[k];
			first = 2;
		}
	if (first == 1 && argc > 1 && is_unknown_command(argv[1])) {
		const char *near = command_suggest(argv[1], cmds, ncmds);

		if (near)
			return arg_error("unknown command '%s' (did you mean "
					 "'%s'?)", argv[1], near);
		if (strcmp(argv[1], "help") == 0 ||
		    strcmp(argv[1], "version") == 0)	/* options here */
			return arg_error("unknown command '%s' (did you mean "
					 "'--%s'?)", argv[1], argv[1]);
		return arg_error("unknown command '%s'", argv[1]);
	}
	c->sampling = -1;
	c->files = calloc((size_t)argc, sizeof *c->files);
	c->sets = calloc((size_t)argc, sizeof *c->sets);
	c->grids = calloc((size_t)argc, sizeof *c->grids);
	c->precision = calloc((size_t)argc, sizeof *c->precision);
	if (!c->files || !c->sets || !c->grids || !c->precision) {
		fputs("error: out of memory\n", stderr);
		return 1;
	}
	for (int i = first; i < argc; i++) {
		const char *a = argv[i];
		const char *v;

		if (end_of_opts || a[0] != '-' || strcmp(a, "-") == 0) {
			c->files[c->nfiles++] = a;
			continue;
		}
		for (int k = 0; k < NSINGLE; k++)
			if (is_opt(a, single_opts[k]) && seen[k]++)
				return usage_error("option '%s' given twice: "
						   "it takes one value, and the "
						   "first would be lost unseen",
						   single_opts[k]);
		if (strcmp(a, "--") == 0) {
			end_of_opts = 1;
		} else if (strcmp(a, "--no-plots") == 0) {
			c->no_plots = 1;
		} else if (strcmp(a, "--sensitivity") == 0) {
			c->sensitivity = 1;
		} else if (strcmp(a, "--trials-csv") == 0) {
			c->trials_csv = 1;
		} else if (strcmp(a, "--json") == 0) {
			c->json = 1;
		} else if (strcmp(a, "--quiet") == 0 || strcmp(a, "-q") == 0) {
			c->quiet = 1;
		} else if (is_opt(a, "--trials")) {
			int r;
			if (!(v = opt_value(argc, argv, &i)))
				return usage_error("option '%s' needs a value", a);
			r = parse_trials(v, &c->trials);
			if (r != 0)
				return r;
		} else if (is_opt(a, "--seed")) {
			char *end;
			if (!(v = opt_value(argc, argv, &i)))
				return usage_error("option '%s' needs a value", a);
			errno = 0;
			unsigned long long s = strtoull(v, &end, 10);
			double x;

			/* 1e3 as in the YAML; exponent forms only where a
			 * double holds every whole number (below 2^53) */
			int ok = end != v && !*end && errno != ERANGE &&
				 v[0] != '-';

			if (!ok && !strchr(v, '%') &&
			    number_parse(v, 1, &x) == NUM_OK &&
			    x == floor(x) && x >= 0 && x < 9007199254740992.0) {
				s = (unsigned long long)x;
				ok = 1;
			}
			/* a whole number >= 0 all the same: digits past
			 * 2^64 - 1, or an exponent form past 2^53 */
			if (!ok && v[0] != '-' && end != v && !*end)
				return usage_error("--seed '%s': too large (at "
						   "most 18446744073709551615)",
						   v);
			if (!ok && !strchr(v, '%') && v[0] != '-' &&
			    number_parse(v, 1, &x) == NUM_OK &&
			    x == floor(x))
				return usage_error("--seed '%s': too large for "
						   "an exponent form (at most "
						   "9007199254740991; write "
						   "the digits, up to "
						   "18446744073709551615)", v);
			if (!ok)
				return usage_error("--seed '%s': expected a whole "
						   "number >= 0", v);
			c->seed = s;
			c->have_seed = 1;
		} else if (is_opt(a, "--threads")) {
			long n;
			if (!(v = opt_value(argc, argv, &i)))
				return usage_error("option '%s' needs a value", a);
			if (parse_whole_arg(v, &n) != 0 || n < 1 || n > 1024)
				return usage_error("--threads '%s': expected a whole "
						   "number from 1 to 1024", v);
			c->threads = (int)n;
		} else if (is_opt(a, "--set")) {
			struct scenario_set *s = &c->sets[c->nsets];
			const char *eq;
			if (!(v = opt_value(argc, argv, &i)))
				return usage_error("option '%s' needs a value", a);
			eq = strchr(v, '=');
			if (!eq || eq == v)
				return usage_error("--set '%s': expected PATH=VALUE", v);
			s->arg = v;
			{
				/* `supply.pue = 1.2`: blanks around the path */
				const char *p0 = v + strspn(v, " \t");
				const char *p1 = eq;

				while (p1 > p0 && (p1[-1] == ' ' ||
						   p1[-1] == '\t'))
					p1--;
				if (p1 == p0)
					return usage_error("--set '%s': expected "
							   "PATH=VALUE", v);
				s->path = strndup(p0, (size_t)(p1 - p0));
			}
			s->value = eq + 1;
			if (!s->path) {
				fputs("error: out of memory\n", stderr);
				return 1;
			}
			c->nsets++;
		} else if (is_opt(a, "--out")) {
			if (!(v = opt_value(argc, argv, &i)))
				return usage_error("option '%s' needs a value", a);
			if (!*v)
				return usage_error("--out '%s': empty path", v);
			c->out = v;
		} else if (is_opt(a, "--grid")) {
			if (!(v = opt_value(argc, argv, &i)))
				return usage_error("option '%s' needs a value", a);
			int r = parse_grid(v, &c->grids[c->ngrids]);
			if (r < 0)
				return usage_error("--grid '%s': expected "
						   "PATH=FROM:TO:STEPS", v);
			if (r > 0)
				return r;
			c->ngrids++;
		} else if (is_opt(a, "--sampling")) {
			if (!(v = opt_value(argc, argv, &i)))
				return usage_error("option '%s' needs a value", a);
			if (strcmp(v, "mc") == 0)
				c->sampling = SAMPLING_MC;
			else if (strcmp(v, "lhs") == 0)
				c->sampling = SAMPLING_LHS;
			else
				return usage_error("--sampling '%s': expected mc "
						   "or lhs", v);
		} else if (is_opt(a, "--precision")) {
			if (!(v = opt_value(argc, argv, &i)))
				return usage_error("option '%s' needs a value", a);
			c->precision[c->nprecision++] = v;
		} else if (is_opt(a, "--vary")) {
			if (!(v = opt_value(argc, argv, &i)))
				return usage_error("option '%s' needs a value", a);
			c->vary = v;
		} else if (is_opt(a, "--target")) {
			if (!(v = opt_value(argc, argv, &i)))
				return usage_error("option '%s' needs a value", a);
			c->target = v;
		} else if (is_opt(a, "--range")) {
			if (!(v = opt_value(argc, argv, &i)))
				return usage_error("option '%s' needs a value", a);
			int r = parse_range(v, &c->range_from, &c->range_to,
					    "--range", v);
			if (r < 0)
				return usage_error("--range '%s': expected FROM:TO", v);
			if (r > 0)
				return r;
			c->have_range = 1;
			c->range = v;
		} else {
			return unknown_option(a);
		}
	}
	return 0;
}

/* Options that only some commands take: refuse the rest, so that a
 * misplaced option is never silently ignored. */
static int check_options(const struct cli *c)
{
	int is_run = strcmp(c->cmd, "run") == 0;
	int is_sweep = strcmp(c->cmd, "sweep") == 0;
	int is_be = strcmp(c->cmd, "breakeven") == 0;
	int is_drv = strcmp(c->cmd, "drivers") == 0;
	int is_cmp = strcmp(c->cmd, "compare") == 0;
	int is_check = strcmp(c->cmd, "check") == 0;
	int is_plot = strcmp(c->cmd, "plot") == 0;
	int is_keys = strcmp(c->cmd, "keys") == 0 ||
		      strcmp(c->cmd, "schema") == 0;
	int is_paths = strcmp(c->cmd, "paths") == 0;

	if (c->ngrids && !is_sweep)
		return usage_error("--grid is for 'sweep', not '%s'", c->cmd);
	if ((c->vary || c->target || c->have_range) && !is_be)
		return usage_error("--vary, --target and --range are for "
				   "'breakeven', not '%s'", c->cmd);
	if (c->json && !is_run)
		return usage_error("--json is for 'run', not '%s'", c->cmd);
	if (c->sensitivity && !is_run)
		return usage_error("--sensitivity is for 'run', not '%s'",
				   c->cmd);
	if (c->trials_csv && !is_run)
		return usage_error("--trials-csv is for 'run', not '%s'",
				   c->cmd);
	if (c->nprecision && !is_run)
		return usage_error("--precision is for 'run', not '%s'",
				   c->cmd);
	if (c->no_plots && !is_run && !is_sweep && !is_cmp && !is_drv)
		return usage_error("--no-plots is for 'run', 'sweep', "
				   "'compare' and 'drivers', not '%s'", c->cmd);
	if (c->sampling >= 0 && is_drv)
		return usage_error("--sampling is not for '%s': its A and B "
				   "matrices are plain Monte Carlo trials",
				   c->cmd);
	if (is_check && (c->trials || c->have_seed || c->threads || c->out ||
			 c->sampling >= 0))
		return usage_error("'%s' runs no trials: --trials, --seed, "
				   "--threads, --sampling and --out are for "
				   "the commands that do", c->cmd);
	if ((is_plot || is_keys) &&
	    (c->trials || c->have_seed || c->nsets || c->threads || c->out ||
	     c->sampling >= 0))
		return usage_error("'%s' takes no run options", c->cmd);
	if (is_keys && c->nfiles)
		return usage_error("'%s' takes no arguments", c->cmd);
	if ((is_keys || is_paths) && c->quiet)
		return usage_error("--quiet is not for '%s': what it prints is "
				   "all it does", c->cmd);
	if (is_paths && (c->trials || c->have_seed || c->threads || c->out ||
			 c->sampling >= 0))
		return usage_error("'%s' takes no run options", c->cmd);
	if (is_paths && c->nfiles != 1)
		return usage_error("'%s' takes one scenario file", c->cmd);
	if (is_plot && c->nfiles != 1)
		return usage_error("'%s' takes one output directory", c->cmd);
	if ((is_run || is_sweep || is_be || is_drv) && c->nfiles > 1) {
		/* name what was taken as files (`x.yaml -- --trials 10`) */
		char got[256];
		size_t at = 0;
		int i = 0;

		got[0] = '\0';
		for (; i < c->nfiles && at + 1 < sizeof got; i++) {
			int w = snprintf(got + at, sizeof got - at, "%s'%s'",
					 i ? ", " : "", c->files[i]);
			at = w < 0 ? sizeof got : at + (size_t)w;
		}
		/* cut short, or full with files left: an ellipsis */
		if (at >= sizeof got || i < c->nfiles)
			memcpy(got + sizeof got - 4, "...", 4);
		return arg_error("'%s' takes one scenario file (got %d: %s)",
				 c->cmd, c->nfiles, got);
	}
	if ((is_run || is_sweep || is_be || is_drv) && c->nfiles != 1)
		return usage_error("'%s' needs a scenario file", c->cmd);
	if ((is_check) && c->nfiles < 1)
		return usage_error("'%s' needs at least one scenario file",
				   c->cmd);
	if (is_cmp && c->nfiles < 2)
		return usage_error("'%s' needs at least two scenario files",
				   c->cmd);
	/* `--set B:PATH=VALUE`: compare's, for scenario B alone */
	for (int i = 0; i < c->nsets; i++)
		if (is_cmp ? cmp_set_scenario(c->sets[i].path, c->nfiles) == -2
			   : strchr(c->sets[i].path, ':') != NULL)
			return usage_error(is_cmp ? "--set '%s': "
					   CMP_SET_BAD_LETTER : "--set '%s': "
					   CMP_SET_NOT_COMPARE, c->sets[i].arg);
	if (is_sweep && c->ngrids < 1)
		return usage_error("'%s' needs at least one --grid", c->cmd);
	if (is_be && (!c->vary || !c->target))
		return usage_error("'%s' needs --vary and --target", c->cmd);
	return 0;
}

/* The environment a command reads, checked before it starts: an invalid
 * variable is an error naming it and its value, once, exit 2. The chart
 * variables matter to plot, and to run, sweep, compare and drivers unless
 * --no-plots; COMPUTESIM_MEMORY_LIMIT to the commands that run trials
 * (and check, which says whether they fit). */
static int check_env(const struct cli *c)
{
	int draws = strcmp(c->cmd, "plot") == 0 ||
		    (!c->no_plots && (strcmp(c->cmd, "run") == 0 ||
				      strcmp(c->cmd, "sweep") == 0 ||
				      strcmp(c->cmd, "compare") == 0 ||
				      strcmp(c->cmd, "drivers") == 0));
	struct diag d;
	int rc = 0;

	diag_init(&d);
	if (draws && plot_check_env(&d) < 0)
		rc = 2;
	if (strcmp(c->cmd, "plot") != 0 && strcmp(c->cmd, "keys") != 0 &&
	    strcmp(c->cmd, "schema") != 0 && strcmp(c->cmd, "paths") != 0 &&
	    memlimit_check_env(env_read()->memory_limit, &d) < 0)
		rc = 2;
	diag_print(&d, stderr);
	diag_free(&d);
	return rc;
}

/* computesim-mpi: each rank reads its own node's environment, and a rank
 * that refused it alone would leave the others waiting in their first
 * collective, its message unseen (only rank 0 prints). Every rank takes
 * the first refusing rank's status; rank 0 names that rank. */
static int ranks_agree(const struct run_split *sp, int rc, int by_argv)
{
	long mine[2] = {rc, by_argv}, *v = run_split_each_long(sp, mine, 2);
	int bad = -1;

	if (!v)
		return 1;
	for (int q = 0; q < sp->size && bad < 0; q++)
		if (v[2 * q] != 0)
			bad = q;
	if (bad >= 0) {
		/* the arguments are every rank's but --threads (argv_agree):
		 * a rank's own refusal of them is its --threads */
		if (sp->rank == 0 && bad != 0 && v[2 * bad + 1])
			fprintf(stderr, "error: rank %d refuses its --threads "
				"(a whole number from 1 to 1024)\n", bad);
		else if (sp->rank == 0 && bad != 0)
			fprintf(stderr, "error: rank %d refuses its environment "
				"(COMPUTESIM_MEMORY_LIMIT, COMPUTESIM_GNUPLOT or "
				"COMPUTESIM_PLOT_TIMEOUT on its node; `computesim` "
				"with the same arguments there says which)\n", bad);
		rc = (int)v[2 * bad];
	}
	free(v);
	return rc;
}

/* `computesim paths SCENARIO.yaml [--set ...]`, hidden from --help: every
 * input path of the scenario (what --set, --grid and --vary take), one a
 * line, in the scenario's order; the bash completion reads it. Exit 0, or
 * 2 with the diagnostics when the scenario does not load. */
static int cmd_paths(const struct cli *c)
{
	struct scenario *sc = NULL;
	struct diag d;
	int rc = 0;

	diag_init(&d);
	if (scenario_load(&sc, c->files[0], c->sets, c->nsets, sample_check,
			  &d) != 0 ||
	    !sc || d.nerr > 0) {
		diag_print(&d, stderr);
		rc = 2;
	} else {
		for (int i = 0; i < sc->ninputs; i++)
			printf("%s\n", sc->inputs[i].path);
	}
	scenario_free(sc);
	diag_free(&d);
	return rc;
}

static void cli_free(struct cli *c)
{
	for (int i = 0; i < c->nsets; i++)
		free((char *)c->sets[i].path);
	for (int i = 0; i < c->ngrids; i++)
		free((char *)c->grids[i].path);
	free(c->sets);
	free(c->files);
	free(c->grids);
	free(c->precision);
}

/* What a command printed must have reached stdout: `computesim schema >
 * file` on a full disk must not exit 0 with half a file. Returns rc, or 1
 * (with a message) when writing stdout failed and rc said success. */
static int finish_stdout(int rc)
{
	int e = fflush(stdout) != 0 ? errno : 0;

	if (!ferror(stdout))
		return rc;
	fprintf(stderr, "error: cannot write to standard output%s%s\n",
		e ? ": " : "", e ? strerror(e) : "");
	return rc == 0 ? 1 : rc;
}

/* FNV-1a over the bytes of s and its terminating NUL, from h. */
static uint64_t fnv1a(uint64_t h, const char *s)
{
	do {
		h ^= (unsigned char)*s;
		h *= 1099511628211u;
	} while (*s++);
	return h;
}

/* Ranks started with different arguments (MPMD: `mpirun -n 1 computesim-mpi
 * A : -n 1 computesim-mpi B`) would run different work through the same
 * collectives, or one would print --help and leave the others waiting.
 * Every rank's arguments but --threads (a node's own, its cores) are
 * hashed and compared before anything else: 0 when every rank's are this
 * rank's, else 2 on every rank, rank 0 naming the first that differs. */
static int argv_agree(const struct run_split *sp, int argc, char **argv)
{
	uint64_t h = 14695981039346656037u;
	long mine[2], *v;
	int bad = -1, i = 1;

	for (; i < argc && strcmp(argv[i], "--") != 0; i++) {
		if (strcmp(argv[i], "--threads") == 0) {
			i++;
			continue;
		}
		if (strncmp(argv[i], "--threads=", 10) == 0)
			continue;
		h = fnv1a(h, argv[i]);
		if (takes_next(argv[i]) && i + 1 < argc)
			h = fnv1a(h, argv[++i]);
	}
	for (; i < argc; i++)
		h = fnv1a(h, argv[i]);
	h = fnv1a(h, "");	/* the count of arguments counts */
	mine[0] = (long)(h >> 32);
	mine[1] = (long)(h & 0xffffffffu);
	v = run_split_each_long(sp, mine, 2);
	if (!v) {
		if (sp->rank == 0)
			fputs("error: out of memory\n", stderr);
		return 1;
	}
	for (int q = 1; q < sp->size && bad < 0; q++)
		if (v[2 * q] != v[0] || v[2 * q + 1] != v[1])
			bad = q;
	free(v);
	if (bad < 0)
		return 0;
	if (sp->rank == 0)
		fprintf(stderr, "error: rank %d was started with other arguments "
			"than rank 0: every rank runs the same command (only "
			"--threads may differ)\n", bad);
	return 2;
}

static int run_main(int argc, char **argv, const struct run_split *split)
{
	struct cli c = {0};
	struct sigaction sa;
	int rc, by_argv;

	computesim_init();
	(void)env_read();	/* hands the plot settings down */
	if (split && split->size > 1 && (rc = argv_agree(split, argc, argv)))
		return rc;
	if (argc < 2) {
		fputs(cli_usage_line, stderr);
		return 2;
	}
	/* --help or --version anywhere among the options wins, but not as
	 * the value of an option (`--out --help`), nor after `--` */
	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--") == 0)
			break;
		if (takes_next(argv[i])) {
			i++;
			continue;
		}
		if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0) {
			fputs(cli_help_text, stdout);
			return 0;
		}
		if (strcmp(argv[i], "--version") == 0) {
			printf("computesim %s\n", COMPUTESIM_VERSION);
			return 0;
		}
	}
	rc = parse_args(&c, argc, argv);
	c.split = split;
	if (rc == 0)
		rc = check_options(&c);
	by_argv = rc != 0;
	if (rc == 0)
		rc = check_env(&c);
	/* argv is every rank's but --threads, the environment each node's
	 * own: 0 or 2 (refused) may differ between ranks, and then they
	 * agree */
	if ((rc == 0 || rc == 2) && split && split->size > 1)
		rc = ranks_agree(split, rc, by_argv);
	if (rc != 0) {
		cli_free(&c);
		return rc;
	}

	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_signal;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	/* a closed pipe on stdout (`computesim run ... --json | head`) is a
	 * write error (exit 1, with a message), not death by SIGPIPE */
	signal(SIGPIPE, SIG_IGN);

	if (strcmp(c.cmd, "check") == 0)
		rc = cmd_check(&c);
	else if (strcmp(c.cmd, "sweep") == 0)
		rc = cmd_sweep(&c);
	else if (strcmp(c.cmd, "compare") == 0)
		rc = cmd_compare(&c);
	else if (strcmp(c.cmd, "breakeven") == 0)
		rc = cmd_breakeven(&c);
	else if (strcmp(c.cmd, "drivers") == 0)
		rc = cmd_drivers(&c);
	else if (strcmp(c.cmd, "plot") == 0)
		rc = cmd_plot(&c);
	else if (strcmp(c.cmd, "paths") == 0)
		rc = cmd_paths(&c);
	else if (strcmp(c.cmd, "keys") == 0) {
		scenario_print_keys(stdout);
		rc = 0;
	} else if (strcmp(c.cmd, "schema") == 0) {
		schema_print_json(stdout);
		rc = 0;
	} else
		rc = cmd_run(&c);
	cli_free(&c);
	return rc;
}

int cli_main(int argc, char **argv, const struct run_split *split)
{
	return finish_stdout(run_main(argc, argv, split));
}

/* computesim-mpi has a main of its own (sim/mpi/mpi_main.c) that calls
 * cli_main with its ranks; it compiles this file without this one. */
#ifndef COMPUTESIM_NO_MAIN
int main(int argc, char **argv)
{
	return cli_main(argc, argv, NULL);
}
#endif
