/* cmd_check.c — `computesim check SCENARIO.yaml...`: load and validate
 * each file (with the --set arguments), print "FILE: ok" on stdout or its
 * diagnostics on stderr (warnings too), write nothing. Exit status 0 when
 * every file passes, else 2 (FORMAT.md "Bad input"). */
#include <stdio.h>

#include "cli.h"
#include "scenario.h"

int cmd_check(const struct cli *c)
{
	int status = 0;

	for (int i = 0; i < c->nfiles; i++) {
		struct scenario *sc = NULL;
		struct diag d;

		diag_init(&d);
		if (scenario_load(&sc, c->files[i], c->sets, c->nsets, &d) < 0 ||
		    d.nerr > 0)
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
