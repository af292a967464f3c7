/* cmd_check.c — `computesim check SCENARIO.yaml...`: load and validate
 * each file (with the --set arguments), print "FILE: ok" on stdout or its
 * diagnostics on stderr (warnings too), write nothing. Exit status 0 when
 * every file passes, else 2 (docs/format.md "Bad input"); 130 when SIGINT or
 * SIGTERM stopped it before its last file. */
#include <signal.h>
#include <stdio.h>

#include "cli.h"
#include "output.h"
#include "run.h"
#include "scenario.h"
#include "stop.h"


static int stopped(void)
{
	return stop_requested();
}

/* What a run of the scenario file would refuse or warn about before its
 * first trial, so that `check` passing means `run` starts: an output
 * directory that holds the file, and a run too large for memory (a
 * warning: above half of what this process may use, or more than all of
 * it, which run refuses). */
static void run_checks(const struct scenario *sc, const char *file,
		       struct diag *d)
{
	struct cli_memory mem = {CLI_MEM_RUN, &sc, 1, 0, 0, 0, 1, NULL};

	if (outdir_check_inputs(sc->out_dir, &file, 1, file, sc->out_dir_line,
				sc->out_dir_col, d) < 0)
		return;
	mem.threads = run_default_threads();
	cli_memory_check(&mem, sc->trials, 0, file, d);
}

/* A signal stops the check between files: the file being loaded is
 * finished and reported, the rest are not read, and one line says how
 * many were left. A signal during the last file changes nothing: every
 * file was checked. */
int cmd_check(const struct cli *c)
{
	int status = 0;

	for (int i = 0; i < c->nfiles; i++) {
		struct scenario *sc = NULL;
		struct diag d;

		if (stopped()) {
			fflush(stdout);
			fprintf(stderr, "computesim: interrupted; %d of %d "
				"files not checked\n", c->nfiles - i,
				c->nfiles);
			return 130;
		}
		diag_init(&d);
		if (scenario_load(&sc, c->files[i], c->sets, c->nsets,
				  sample_check, &d) == 0 &&
		    d.nerr == 0)
			run_checks(sc, c->files[i], &d);
		if (!sc || d.nerr > 0)
			status = 2;
		diag_print(&d, stderr);
		if (sc && d.nerr == 0 && !c->quiet) {
			fflush(stderr);
			printf("%s: ok\n", c->files[i]);
			fflush(stdout);
		}
		scenario_free(sc);
		diag_free(&d);
	}
	return status;
}
