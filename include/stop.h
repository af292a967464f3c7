/* stop.h — the process's stop request: set by the SIGINT/SIGTERM handler
 * that main() installs, read by whatever runs long (trials, charts,
 * analyses) so that it stops at the next safe point and the command exits
 * 130 with nothing half-written. The one mutable global of the program:
 * a signal handler can reach nothing else. */
#ifndef COMPUTESIM_STOP_H
#define COMPUTESIM_STOP_H

#include <signal.h>

extern volatile sig_atomic_t stop_flag;

/* 1 once a stop was requested. */
static inline int stop_requested(void)
{
	return stop_flag != 0;
}

#endif
