/* Shared parts of the background programs (see daemon.h). */
#include <getopt.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "daemon.h"
#include "db.h"
#include "util.h"

static sigset_t stop_set;
static int stopping;
static const char *prog = "daemon";

void
daemon_usage(const char *usage_line)
{
	fprintf(stderr, "%s\n", usage_line);
	exit(2);
}

void
daemon_args(int argc, char *argv[], const char *usage_line, int with_adapter,
    struct daemon_args *a)
{
	static const struct option longopts[] = {
		{ "once", no_argument, NULL, 'O' },
		{ "adapter", required_argument, NULL, 'A' },
		{ NULL, 0, NULL, 0 },
	};
	int ch;

	a->conf = "conf/portal.conf";
	a->nov = 0;
	a->once = 0;
	a->adapter = NULL;
	while ((ch = getopt_long(argc, argv, "c:o:", longopts, NULL)) != -1) {
		if (ch == 'c')
			a->conf = optarg;
		else if (ch == 'o' && a->nov < 64)
			a->ov[a->nov++] = optarg;
		else if (ch == 'O')
			a->once = 1;
		else if (ch == 'A' && with_adapter)
			a->adapter = optarg;
		else
			daemon_usage(usage_line);
	}
	if (optind != argc)
		daemon_usage(usage_line);
}

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

int
daemon_run(struct db *db, int once, int (*batch)(struct db *, struct arena *, struct arena *))
{
	struct arena list, work;
	int down = 0, rc = 0;

	arena_init(&list, 0);
	arena_init(&work, 0);
	while (!daemon_stop_requested()) {
		int n = batch(db, &list, &work);

		if (n < 0) {
			if (!down)
				daemon_log("database: %s; retrying every second", db_error(db));
			down = 1;
			if (once) {
				rc = 1;
				break;
			}
			daemon_idle_wait();
			continue;
		}
		if (down)
			daemon_log("database reachable again");
		down = 0;
		if (n == 0) {
			if (once)
				break;
			daemon_idle_wait();
		}
	}
	daemon_log("stopped");
	arena_free(&list);
	arena_free(&work);
	return rc;
}

int
daemon_each(struct db *db, struct arena *work, const long long *ids, int n,
    int (*one)(struct db *, struct arena *, long long), int skip_conflicts)
{
	int done = 0;

	for (int i = 0; i < n && !daemon_stop_requested(); i++) {
		int rc = one(db, work, ids[i]);

		arena_reset(work);
		if (rc < 0) {
			if (skip_conflicts && db_errno(db) == DB_RETRY)
				continue;
			return -1;
		}
		done += rc;
	}
	return done;
}
