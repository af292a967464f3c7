/* csinit.c — process start-up shared by main, the tests and the fuzz
 * harness (csinit.h). */
#include <gsl/gsl_errno.h>

#include "csinit.h"

void computesim_init(void)
{
	gsl_set_error_handler_off();
}
