/*
 * The FastCGI program: a listening socket, worker threads that accept connections, wait
 * for requests on the idle ones and serve them, each with its own database connection, and
 * a graceful stop on SIGTERM/SIGINT (requests in flight finish, then the process exits).
 */
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/socket.h>
#include <sys/uio.h>
#include <sys/stat.h>
#include <unistd.h>

#include <fastcgi.h>
#include <fcgiapp.h>

#include "app.h"
#include "auth.h"
#include "totp.h"
#include "conf.h"
#include "db.h"
#include "i18n.h"
#include "listener.h"
#include "pcache.h"
#include "request.h"
#include "tmpl.h"

#define ARENA_MAX (64 * 1024 * 1024)      /* memory one request may use */

static struct config cfg;
static int listen_fd = -1;
static struct cidr_list fcgi_allow;
static atomic_int stopping;      /* set by main, read by the workers */

static void
serve(FCGX_Request *fr, struct db *db, struct arena *a, struct sbuf *head, struct sbuf *body,
    struct sbuf *hdr)
{
	struct req r;
	enum http_err e;

	memset(&r, 0, sizeof(r));
	r.a = a;
	r.db = db;
	r.cfg = &cfg;
	db_request_start(db);
	r.head = *head;
	r.body = *body;
	sbuf_reset(&r.head);
	sbuf_reset(&r.body);
	e = request_parse(fr, &r);
	r.lang = i18n_negotiate(r.accept_language);
	if (api_path(r.path))
		api_serve(&r, e);
	else if (e != HTTP_OK) {
		page_error(&r, http_err_status(e));
		sbuf_reset(&r.body);
		r.resp_ctype = "text/plain; charset=utf-8";
		sbuf_adds(&r.body, i18n(r.lang, http_err_key(e)));
	} else if (r.method == 0 || r.method > M_POST) {
		header_add(&r, "Allow", "GET, HEAD, POST");
		page_text(&r, 405, "text/plain; charset=utf-8", i18n(r.lang, "error_405_title"));
	} else if (router_wants_session(&r) && session_load(&r) < 0) {
		page_error(&r, 503);
	} else {
		if (r.me != NULL)
			r.lang = i18n_pick(r.me->lang);
		router_dispatch(&r);
	}
	if (r.status == 0)
		r.status = 200;
	request_respond(fr, &r, hdr);
	pcache_drop(&r.cached);
	*head = r.head;
	*body = r.body;
}

/*
 * Connections. nginx keeps its FastCGI connections open between requests (upstream
 * keepalive with fastcgi_keep_conn: no connect, accept and close per request). libfcgi would
 * read the next request of a kept connection in the thread that served the last one, which
 * would then wait on it while other connections wait for a thread. So no thread owns a
 * connection: every worker waits in epoll_wait() on one epoll set that holds the listening
 * socket and every idle connection, each one-shot, and the kernel wakes one waiter per event.
 * The worker that gets a connection's event serves its request itself, then arms the
 * connection again: no hand-off between threads (each one a wake-up and a context switch,
 * what a cached page mostly cost when a dispatcher thread queued connections for the
 * workers: bench/RESULTS.md).
 *
 * libfcgi is handed a connection through FCGX_Request's ipcFd and keepConnection, fields
 * that fcgiapp.h exposes but marks as its own: FCGX_Accept_r() reads a request from ipcFd
 * when it is open (and accepts only when it is not; the workers' listening socket is -1, so
 * they never do), and FCGX_Finish_r() leaves it open when keepConnection is set, which nginx
 * asks for in each request. A worker that gives a kept connection back also clears detached
 * (set by FCGX_Detach() below), which libfcgi clears only when it closes the connection.
 */
static struct {
	pthread_rwlock_t lock;  /* read: a worker arms or takes a connection; write: the sweep */
	_Atomic unsigned char *idle;    /* idle[fd]: kept and armed in epfd */
	int closed;             /* stopping: idle connections are closed, none kept */
	int epfd, wakefd;
} conns = { PTHREAD_RWLOCK_INITIALIZER, NULL, 0, -1, -1 };

#define MAX_FD 65536

/* Arms fd (one-shot) for the next request: op EPOLL_CTL_ADD or _MOD. 0, or -1. */
static int
conn_arm(int fd, int op)
{
	struct epoll_event ev = { .events = EPOLLIN | EPOLLONESHOT, .data.fd = fd };

	return epoll_ctl(conns.epfd, op, fd, &ev);
}

/*
 * A worker is done with a kept connection (op EPOLL_CTL_MOD: it is in the set since its
 * accept) or has just accepted one (EPOLL_CTL_ADD): armed for its next request, or closed
 * when stopping. Workers hold the lock shared, so they never wait on each other:
 * a connection is only ever touched by the one worker that has it (until it is armed) or
 * that took its event.
 */
static void
conn_idle(int fd, int op)
{
	pthread_rwlock_rdlock(&conns.lock);
	if (conns.closed || fd >= MAX_FD) {
		pthread_rwlock_unlock(&conns.lock);
		close(fd);
		return;
	}
	atomic_store(&conns.idle[fd], 1);
	if (conn_arm(fd, op) < 0 && atomic_exchange(&conns.idle[fd], 0))
		close(fd);
	pthread_rwlock_unlock(&conns.lock);
}

/* The event of fd came to this worker: 1 when the request is its to serve, 0 when the
 * connection was closed meanwhile (stopping). */
static int
conn_take(int fd)
{
	int mine;

	pthread_rwlock_rdlock(&conns.lock);
	mine = fd < MAX_FD && atomic_exchange(&conns.idle[fd], 0);
	pthread_rwlock_unlock(&conns.lock);
	return mine;
}

/* Stopping: the idle connections are closed (what is in flight is answered). */
static void
conns_close_idle(void)
{
	pthread_rwlock_wrlock(&conns.lock);
	conns.closed = 1;
	for (int fd = 0; fd < MAX_FD; fd++)
		if (atomic_exchange(&conns.idle[fd], 0))
			close(fd);
	pthread_rwlock_unlock(&conns.lock);
}

/* The listening socket is ready: every waiting connection accepted and armed, then the
 * socket itself armed again (unless stopping). */
static void
conns_accept(void)
{
	int c;

	/* issue 11: a TCP peer outside fcgi_allow is closed unread; every connection gets
	 * read and write timeouts (a stalled peer fails) */
	while ((c = accept4(listen_fd, NULL, NULL, SOCK_CLOEXEC)) >= 0)
		if (!listener_peer_ok(c, &fcgi_allow) || listener_timeouts(c, cfg.fcgi_timeout) < 0)
			close(c);
		else
			conn_idle(c, EPOLL_CTL_ADD);
	if (!atomic_load(&stopping) && conn_arm(listen_fd, EPOLL_CTL_MOD) < 0) {
		/* cannot happen with a valid epoll set; without it nothing is served */
		perror("portal: epoll_ctl");
		_exit(1);
	}
}

/* The next connection with a request to serve, after accepting what waits; -1 once
 * stopping (wakefd, never read, stays ready: each waiter that returns it wakes the next). */
static int
conn_next(void)
{
	for (;;) {
		struct epoll_event ev;
		int n = epoll_wait(conns.epfd, &ev, 1, -1);

		if (n < 0 && errno != EINTR) {
			/* cannot happen with a valid epoll set; without it nothing is served */
			perror("portal: epoll_wait");
			_exit(1);
		}
		if (n <= 0)
			continue;
		if (ev.data.fd == conns.wakefd)
			return -1;
		if (ev.data.fd == listen_fd)
			conns_accept();
		else if (conn_take(ev.data.fd))
			return ev.data.fd;
	}
}

/*
 * Reads what is left of the request's input (nginx has the whole body before it passes the
 * request on, so this ends at once). 1 when it ended cleanly: the connection can then be
 * kept, and closed without libfcgi's lingering close (shutdown(), then a wait until nginx
 * closes its end), which FCGX_Detach() turns off: nobody is still sending.
 */
static int
input_read(FCGX_Request *fr)
{
	char buf[4096];

	while (FCGX_GetStr(buf, (int)sizeof(buf), fr->in) > 0)
		;
	return FCGX_GetError(fr->in) == 0 && FCGX_HasSeenEOF(fr->in) == EOF;
}

static void *
worker(void *arg)
{
	FCGX_Request fr;
	struct db *db;
	struct arena a;
	struct sbuf head, body, hdr;
	int fd;

	(void)arg;
	db_thread_init();
	db = db_new(&cfg);
	arena_init(&a, ARENA_MAX);
	sbuf_init(&head);
	sbuf_init(&body);
	sbuf_init(&hdr);
	FCGX_InitRequest(&fr, -1, 0);
	while (db != NULL && (fd = conn_next()) >= 0) {
		fr.keepConnection = 1;  /* FCGX_Accept_r() finishes the last request first */
		fr.ipcFd = fd;
		if (FCGX_Accept_r(&fr) < 0)
			continue;       /* nginx closed it (libfcgi has closed it too) */
		/* a peer that trickles its input within fcgi_timeout per read still has
		 * 3 x fcgi_timeout for all of it */
		listener_cap_records(fr.in, cfg.fcgi_max_records, 3 * cfg.fcgi_timeout);
		serve(&fr, db, &a, &head, &body, &hdr);
		if (input_read(&fr))
			FCGX_Detach(&fr);
		FCGX_Finish_r(&fr);     /* closes it unless nginx keeps it */
		if (fr.ipcFd >= 0) {
			fd = fr.ipcFd;
			fr.ipcFd = -1;
			fr.detached = 0;
			conn_idle(fd, EPOLL_CTL_MOD);
		}
		arena_reset(&a);
		if (body.cap > 4 * 1024 * 1024)
			sbuf_free(&body);   /* do not keep a huge export's buffer */
	}
	FCGX_Free(&fr, 1);
	arena_free(&a);
	sbuf_free(&head);
	sbuf_free(&body);
	sbuf_free(&hdr);
	db_free(db);
	db_thread_end();
	return NULL;
}

/* The workers' epoll set: the listening socket (one-shot: one worker accepts) and the
 * wake-up for stopping (level-triggered: every worker sees it). */
static int
conns_init(void)
{
	struct epoll_event ev = { .events = EPOLLIN };

	if ((conns.idle = calloc(MAX_FD, sizeof(*conns.idle))) == NULL ||
	    (conns.epfd = epoll_create1(EPOLL_CLOEXEC)) < 0 ||
	    (conns.wakefd = eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK)) < 0)
		return -1;
	if (conn_arm(listen_fd, EPOLL_CTL_ADD) < 0)
		return -1;
	ev.data.fd = conns.wakefd;
	return epoll_ctl(conns.epfd, EPOLL_CTL_ADD, conns.wakefd, &ev);
}

static void
usage(void)
{
	fprintf(stderr, "usage: portal -c conf/portal.conf [-o key=value ...]\n");
	exit(2);
}

/* Reads the configuration, the catalogues and templates, and opens the listening socket;
 * 0, or -1 after saying why. */
static int
start(int argc, char *argv[])
{
	const char *conf = "conf/portal.conf";
	char *ov[64], path[512];
	size_t nov = 0;
	int ch;

	while ((ch = getopt(argc, argv, "c:o:")) != -1) {
		if (ch == 'c')
			conf = optarg;
		else if (ch == 'o' && nov < 64)
			ov[nov++] = optarg;
		else
			usage();
	}
	if (conf_load(&cfg, conf, ov, nov) < 0)
		return -1;
	if (cidr_parse(cfg.fcgi_allow, &fcgi_allow) < 0) {
		fprintf(stderr, "portal: fcgi_allow: not a list of addresses/prefixes: %s\n",
		    cfg.fcgi_allow);
		return -1;
	}
	snprintf(path, sizeof(path), "%s/i18n", cfg.template_dir);
	if (auth_init(&cfg) < 0 || totp_init() < 0 || i18n_init(path) < 0 ||
	    tmpl_init(cfg.template_dir) < 0)
		return -1;
	if (auth_load_common_passwords(cfg.common_passwords) < 0)
		return -1;
	if (db_library_init() < 0 || FCGX_Init() != 0)
		return -1;
	if ((listen_fd = FCGX_OpenSocket(cfg.listen, 128)) < 0) {
		fprintf(stderr, "portal: cannot listen on %s\n", cfg.listen);
		return -1;
	}
	if (cfg.listen[0] == '/')
		chmod(cfg.listen, 0660);
	if (fcntl(listen_fd, F_SETFL, fcntl(listen_fd, F_GETFL) | O_NONBLOCK) < 0 ||
	    conns_init() < 0) {
		perror("portal: epoll");
		return -1;
	}
	return 0;
}

/* After SIGTERM/SIGINT: the idle connections are closed, the requests in flight answered
 * (their connections closed after them), then everything ends. */
static void
stop(pthread_t *th)
{
	atomic_store(&stopping, 1);
	FCGX_ShutdownPending();
	conns_close_idle();
	if (write(conns.wakefd, &(uint64_t){ 1 }, sizeof(uint64_t)) < 0)
		perror("portal: wake");
	for (int i = 0; i < cfg.threads; i++)
		pthread_join(th[i], NULL);
	close(listen_fd);
	if (cfg.listen[0] == '/')
		unlink(cfg.listen);
	free(th);
	i18n_free();
	db_library_end();
}

int
main(int argc, char *argv[])
{
	pthread_t *th;
	sigset_t set;
	int sig;

	if (start(argc, argv) < 0)
		return 1;
	/* Signals go to this thread only: the others never see them. */
	sigemptyset(&set);
	sigaddset(&set, SIGTERM);
	sigaddset(&set, SIGINT);
	sigaddset(&set, SIGHUP);
	pthread_sigmask(SIG_BLOCK, &set, NULL);
	signal(SIGPIPE, SIG_IGN);
	if ((th = calloc((size_t)cfg.threads, sizeof(*th))) == NULL)
		return 1;
	for (int i = 0; i < cfg.threads; i++)
		if (pthread_create(&th[i], NULL, worker, NULL) != 0)
			return 1;
	fprintf(stderr, "portal: serving on %s with %d threads\n", cfg.listen, cfg.threads);
	do {
		if (sigwait(&set, &sig) != 0)
			sig = SIGTERM;
	} while (sig == SIGHUP);
	stop(th);
	fprintf(stderr, "portal: stopped\n");
	return 0;
}
