/* stop.c — the stop request (stop.h). */
#include "stop.h"

volatile sig_atomic_t stop_flag;
