/* fileread.h — a named input file opened for reading, without waiting
 * for a writer when it is a FIFO that has none: open() of a FIFO for
 * reading blocks until something opens it for writing, and `check`, `run`
 * and the rest would hang on one; opened non-blocking and then set back
 * to blocking reads, such a FIFO reads as empty at once, while a pipe
 * with its writer (/dev/stdin, the shell's <(...)) reads as before. */
#ifndef COMPUTESIM_FILEREAD_H
#define COMPUTESIM_FILEREAD_H

#include <stdio.h>

/* As fopen(path, "rb"), but never waiting in open(); NULL with errno. */
FILE *fileread_open(const char *path);

#endif
