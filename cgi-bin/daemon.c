/* Shared parts of the background programs (see daemon.h). */
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <time.h>

#include "daemon.h"

static sigset_t stop_set;
static int stopping;
static const char *prog = "daemon";

void
daemon_init(const char *name)
{
	prog = name;
	sigemptyset(&stop_set);
	sigaddset(&stop_set, SIGTERM);
	sigaddset(&stop_set, SIGINT);
	sigprocmask(SIG_BLOCK, &stop_set, NULL);
}

void
daemon_log(const char *fmt, ...)
{
	char when[32];
	time_t now = time(NULL);
	struct tm tm;
	va_list ap;

	gmtime_r(&now, &tm);
	strftime(when, sizeof(when), "%Y-%m-%dT%H:%M:%SZ", &tm);
	fprintf(stderr, "%s %s: ", when, prog);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
}

int
daemon_stop_requested(void)
{
	struct timespec zero = { 0, 0 };

	if (!stopping && sigtimedwait(&stop_set, NULL, &zero) > 0)
		stopping = 1;
	return stopping;
}

void
daemon_idle_wait(void)
{
	struct timespec one = { 1, 0 };

	if (!stopping && sigtimedwait(&stop_set, NULL, &one) > 0)
		stopping = 1;
}

long long
daemon_backoff(long long attempts, long long first, long long max)
{
	long long d = first;

	while (attempts-- > 0 && d < max)
		d *= 2;
	return d < max ? d : max;
}
