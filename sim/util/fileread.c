/* fileread.c — see fileread.h. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <unistd.h>

#include "fileread.h"

FILE *fileread_open(const char *path)
{
	int fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC), fl, e;
	FILE *f = NULL;

	if (fd < 0)
		return NULL;
	fl = fcntl(fd, F_GETFL);
	if (fl >= 0 && fcntl(fd, F_SETFL, fl & ~O_NONBLOCK) == 0)
		f = fdopen(fd, "rb");
	if (!f) {
		e = errno;
		close(fd);
		errno = e;
	}
	return f;
}
