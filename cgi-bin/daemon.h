/*
 * What the background programs (mailer, provisioner) share: stopping on SIGTERM/SIGINT only
 * between two pieces of work, waiting for work, retry back-off, and log lines.
 */
#ifndef DAEMON_H
#define DAEMON_H

#include <stddef.h>

/* Blocks SIGTERM and SIGINT (they are only looked at, between pieces of work) and names the
 * program in log lines. */
void	 daemon_init(const char *name);
/* A log line on stderr: UTC time, the program's name, then the message. */
void	 daemon_log(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* 1 once SIGTERM or SIGINT has arrived. */
int	 daemon_stop_requested(void);
/* Waits a second for work to come, or less when told to stop. */
void	 daemon_idle_wait(void);
/* Seconds before the next try after the attempts-th failure (0-based): first, doubling,
 * at most max. */
long long daemon_backoff(long long attempts, long long first, long long max);

/* The command line every background program takes: -c FILE (conf/portal.conf by default),
 * -o key=value (64 at most), --once, and --adapter NAME when with_adapter. Anything else
 * prints usage_line and exits 2 (daemon_usage). */
struct daemon_args {
	const char *conf;
	char *ov[64];
	size_t nov;
	int once;
	const char *adapter;            /* NULL when not given */
};
void	 daemon_args(int argc, char *argv[], const char *usage_line, int with_adapter,
	    struct daemon_args *a);
void	 daemon_usage(const char *usage_line) __attribute__((noreturn));

struct arena;
struct db;
/*
 * The loop of a background program: runs batch(db, list, work) (which returns how many
 * pieces of work it did, <0 when the database failed) until told to stop, waiting a second
 * when there was nothing to do or the database was down (logged once, and its return).
 * With once, stops when nothing is left. Returns 0, or 1 when once met a database failure.
 */
int	 daemon_run(struct db *db, int once,
	    int (*batch)(struct db *, struct arena *, struct arena *));
/*
 * The body of a batch: one(db, work, id) for each of ids[0..n-1] until told to stop, work
 * reset after each; one returns 1 done, 0 nothing to do, <0 the database failed (which ends
 * the batch, unless skip_conflicts and it was a deadlock or lock timeout: that piece waits
 * for the next batch). Returns how many were done, or -1.
 */
int	 daemon_each(struct db *db, struct arena *work, const long long *ids, int n,
	    int (*one)(struct db *, struct arena *, long long), int skip_conflicts);

#endif
