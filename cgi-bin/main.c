/*
 * The FastCGI program: a listening socket, a dispatcher thread that accepts connections and
 * watches the idle ones, worker threads that serve requests with their own database
 * connection, and a graceful stop on SIGTERM/SIGINT (requests in flight finish, then the
 * process exits).
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
#include "request.h"
#include "tmpl.h"

#define ARENA_MAX (64 * 1024 * 1024)      /* memory one request may use */

static struct config cfg;
static int listen_fd = -1;
static struct cidr_list fcgi_allow;
static atomic_int stopping;      /* set by main, read by the dispatcher thread */

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
	*head = r.head;
	*body = r.body;
}

/*
 * Connections. nginx keeps its FastCGI connections open between requests (upstream
 * keepalive with fastcgi_keep_conn: no connect, accept and close per request). libfcgi would
 * read the next request of a kept connection in the thread that served the last one, which
 * would then wait on it while other connections wait for a thread. So the dispatcher thread
 * watches the listening socket and every idle connection (epoll, one-shot) and queues each
 * connection that has a request to read; the next free worker takes it.
 *
 * libfcgi is handed a connection through FCGX_Request's ipcFd and keepConnection, fields
 * that fcgiapp.h exposes but marks as its own: FCGX_Accept_r() reads a request from ipcFd
 * when it is open (and accepts only when it is not; the workers' listening socket is -1, so
 * they never do), and FCGX_Finish_r() leaves it open when keepConnection is set, which nginx
 * asks for in each request. A worker that gives a kept connection back also clears detached
 * (set by FCGX_Detach() below), which libfcgi clears only when it closes the connection.
 */
static struct {
	pthread_mutex_t lock;
	pthread_cond_t ready;
	int *fd;                /* ring of connections with a request to read */
	size_t head, n, cap;
	unsigned char *idle;    /* idle[fd]: kept, watched by the dispatcher */
	int closed;             /* stopping: idle connections are closed, none kept */
	int epfd, wakefd;
} conns = { PTHREAD_MUTEX_INITIALIZER, PTHREAD_COND_INITIALIZER, NULL, 0, 0, 0, NULL, 0,
	-1, -1 };

#define MAX_FD 65536

/* Queues fd for a worker (conns.lock held). 0, or -1 when out of memory. */
static int
queue_push(int fd)
{
	if (conns.n == conns.cap) {
		size_t cap = conns.cap ? conns.cap * 2 : 256;
		int *p = malloc(cap * sizeof(*p));

		if (p == NULL)
			return -1;
		for (size_t i = 0; i < conns.n; i++)
			p[i] = conns.fd[(conns.head + i) % conns.cap];
		free(conns.fd);
		conns.fd = p;
		conns.head = 0;
		conns.cap = cap;
	}
	conns.fd[(conns.head + conns.n) % conns.cap] = fd;
	conns.n++;
	pthread_cond_signal(&conns.ready);
	return 0;
}

/* The next connection with a request to read; -1 once stopping and none is left. */
static int
queue_pop(void)
{
	int fd = -1;

	pthread_mutex_lock(&conns.lock);
	while (conns.n == 0 && !conns.closed)
		pthread_cond_wait(&conns.ready, &conns.lock);
	if (conns.n > 0) {
		fd = conns.fd[conns.head];
		conns.head = (conns.head + 1) % conns.cap;
		conns.n--;
	}
	pthread_mutex_unlock(&conns.lock);
	return fd;
}

/* A worker is done with a kept connection: the dispatcher watches it for the next request
 * (or it is closed, when stopping). */
static void
conn_idle(int fd)
{
	struct epoll_event ev = { .events = EPOLLIN | EPOLLONESHOT, .data.fd = fd };

	pthread_mutex_lock(&conns.lock);
	if (conns.closed || fd >= MAX_FD) {
		pthread_mutex_unlock(&conns.lock);
		close(fd);
		return;
	}
	conns.idle[fd] = 1;
	if (epoll_ctl(conns.epfd, EPOLL_CTL_MOD, fd, &ev) < 0 &&
	    (errno != ENOENT || epoll_ctl(conns.epfd, EPOLL_CTL_ADD, fd, &ev) < 0)) {
		conns.idle[fd] = 0;
		close(fd);
	}
	pthread_mutex_unlock(&conns.lock);
}

static void *
dispatcher(void *arg)
{
	struct epoll_event ev[64];

	(void)arg;
	for (;;) {
		int n = epoll_wait(conns.epfd, ev, 64, -1);

		if (n < 0 && errno != EINTR) {
			/* cannot happen with a valid epoll set; without it nothing is served */
			perror("portal: epoll_wait");
			_exit(1);
		}
		if (atomic_load(&stopping))
			break;
		pthread_mutex_lock(&conns.lock);
		for (int i = 0; i < n; i++) {
			int fd = ev[i].data.fd, c;

			if (fd == conns.wakefd)
				continue;
			if (fd != listen_fd) {
				conns.idle[fd] = 0;
				if (queue_push(fd) < 0)
					close(fd);
				continue;
			}
			/* issue 11: a TCP peer outside fcgi_allow is closed unread; every
			 * connection gets read and write timeouts (a stalled peer fails) */
			while ((c = accept4(listen_fd, NULL, NULL, SOCK_CLOEXEC)) >= 0)
				if (!listener_peer_ok(c, &fcgi_allow) ||
				    listener_timeouts(c, cfg.fcgi_timeout) < 0 || queue_push(c) < 0)
					close(c);
		}
		pthread_mutex_unlock(&conns.lock);
	}
	/* Stopping: no new connections, and the idle ones are closed; what is queued is served. */
	pthread_mutex_lock(&conns.lock);
	conns.closed = 1;
	for (int fd = 0; fd < MAX_FD; fd++)
		if (conns.idle[fd]) {
			conns.idle[fd] = 0;
			close(fd);
		}
	pthread_cond_broadcast(&conns.ready);
	pthread_mutex_unlock(&conns.lock);
	return NULL;
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
	while (db != NULL && (fd = queue_pop()) >= 0) {
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
			conn_idle(fd);
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

/* The dispatcher's epoll set: the listening socket and the wake-up for stopping. */
static int
conns_init(void)
{
	struct epoll_event ev = { .events = EPOLLIN };

	if ((conns.idle = calloc(MAX_FD, 1)) == NULL ||
	    (conns.epfd = epoll_create1(EPOLL_CLOEXEC)) < 0 ||
	    (conns.wakefd = eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK)) < 0)
		return -1;
	ev.data.fd = listen_fd;
	if (epoll_ctl(conns.epfd, EPOLL_CTL_ADD, listen_fd, &ev) < 0)
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

/* After SIGTERM/SIGINT: the dispatcher closes the idle connections, the workers serve what
 * is queued and the requests in flight, then everything ends. */
static void
stop(pthread_t *th, pthread_t disp)
{
	atomic_store(&stopping, 1);
	FCGX_ShutdownPending();
	if (write(conns.wakefd, &(uint64_t){ 1 }, sizeof(uint64_t)) < 0)
		perror("portal: wake");
	pthread_join(disp, NULL);
	close(listen_fd);
	for (int i = 0; i < cfg.threads; i++)
		pthread_join(th[i], NULL);
	if (cfg.listen[0] == '/')
		unlink(cfg.listen);
	free(th);
	i18n_free();
	db_library_end();
}

int
main(int argc, char *argv[])
{
	pthread_t *th, disp;
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
	if (pthread_create(&disp, NULL, dispatcher, NULL) != 0)
		return 1;
	fprintf(stderr, "portal: serving on %s with %d threads\n", cfg.listen, cfg.threads);
	do {
		if (sigwait(&set, &sig) != 0)
			sig = SIGTERM;
	} while (sig == SIGHUP);
	stop(th, disp);
	fprintf(stderr, "portal: stopped\n");
	return 0;
}
