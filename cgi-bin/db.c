/*
 * MariaDB through the C client (see db.h). A connection is opened lazily and re-opened after
 * the server went away; statements are prepared on first use on each connection.
 *
 * Several servers (a Galera cluster, SPEC 11): db_host may list them, "a,b,c". A connection
 * goes to the first that answers, starting with the one after a server that failed, so a
 * worker whose node died or left the primary component (error 1047) moves to the next.
 * Conflicts: a deadlock, a lock wait timeout or a Galera certification failure (1213, at any
 * statement or at COMMIT) rolls the whole transaction back; so does a server lost before the
 * COMMIT. db_tx_retry() then tells the caller to run the whole unit of work again. A single
 * statement outside a transaction is retried here (Galera's wsrep_retry_autocommit does the
 * same on the server).
 */
#include <errno.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <mysql.h>
#include <errmsg.h>
#include <mysqld_error.h>

#include "conf.h"
#include "db.h"
#include "util.h"

#define MAX_PARAMS 48
#define STMT_SLOTS 512          /* open addressing; more statements than this is a bug */
#define CELL_BUF 256
#define MAX_HOSTS 8             /* servers in db_host */
#define TX_TRIES 6              /* a conflicting transaction runs at most this often */
#define STMT_TRIES 4            /* and a conflicting statement outside one */
#define SLOW_SECONDS 2.0        /* a statement that took longer is logged */

struct stmt_slot {
	const char *sql;
	MYSQL_STMT *st;
};

struct db {
	const struct config *cfg;
	MYSQL *conn;
	int in_tx;
	int committing;         /* a COMMIT is on its way: a lost server leaves it unknown */
	int conflict;           /* a transaction was rolled back and may be run again */
	int tx_lost;            /* its connection was closed: its statements fail until rollback */
	unsigned host_at;       /* the db_host entry to try first */
	char host_now[64];      /* the server of conn, for the log */
	struct timespec t0;     /* when the statement in hand was sent */
	int in_request;         /* db_request_start was called: timeouts count */
	int timeouts;           /* statements of this request that got no answer in time */
	enum db_err err;
	char msg[256];
	struct stmt_slot slots[STMT_SLOTS];
};

int
db_library_init(void)
{
	return mysql_library_init(0, NULL, NULL) ? -1 : 0;
}

void
db_library_end(void)
{
	mysql_library_end();
}

void
db_thread_init(void)
{
	mysql_thread_init();
}

void
db_thread_end(void)
{
	mysql_thread_end();
}

struct db *
db_new(const struct config *c)
{
	struct db *db = calloc(1, sizeof(*db));

	if (db != NULL)
		db->cfg = c;
	return db;
}

static void
disconnect(struct db *db)
{
	for (size_t i = 0; i < STMT_SLOTS; i++) {
		if (db->slots[i].st != NULL)
			mysql_stmt_close(db->slots[i].st);
		db->slots[i].st = NULL;
		db->slots[i].sql = NULL;
	}
	if (db->conn != NULL)
		mysql_close(db->conn);
	db->conn = NULL;
	db->in_tx = 0;
}

void
db_free(struct db *db)
{
	if (db == NULL)
		return;
	disconnect(db);
	free(db);
}

enum db_err
db_errno(const struct db *db)
{
	return db->err;
}

const char *
db_error(const struct db *db)
{
	return db->msg;
}

static double
since(const struct timespec *t0)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)(t.tv_sec - t0->tv_sec) + (double)(t.tv_nsec - t0->tv_nsec) / 1e9;
}

/* One line on stderr about the server in hand: UTC time (ms), server, what, seconds. */
static void
db_note(const struct db *db, const char *what, const char *detail)
{
	struct timespec now;
	struct tm tm;

	clock_gettime(CLOCK_REALTIME, &now);
	gmtime_r(&now.tv_sec, &tm);
	fprintf(stderr, "db: %02d:%02d:%02d.%03ld %s: %s after %.1f s: %.160s\n", tm.tm_hour,
	    tm.tm_min, tm.tm_sec, now.tv_nsec / 1000000L, db->host_now[0] ? db->host_now : "-",
	    what, since(&db->t0), detail);
}

/* Seconds a statement may wait for its server's answer (a read or a write of the connection):
 * past it the server counts as lost (a hung node, a black-holed address). */
static unsigned int
rw_timeout(const struct config *c)
{
	return c->db_timeout > 0 ? (unsigned int)c->db_timeout : 10;
}

/*
 * Whether a unit of work whose server was lost may be run again (on the next server). A server
 * that refused or dropped the connection costs nothing; one that did not answer within
 * db_timeout costs that much, so a request runs again after one silent server but not after
 * two: it answers (503 at worst) within about twice db_timeout even when every server hangs,
 * instead of waiting on each in turn. The daemons (no db_request_start) always retry.
 */
static int
budget_left(const struct db *db)
{
	return !db->in_request || db->timeouts < 2;
}

void
db_request_start(struct db *db)
{
	db->in_request = 1;
	db->timeouts = 0;
	db->tx_lost = 0;
}

/* Classifies a client/server error number and remembers the message. */
static enum db_err
fail(struct db *db, unsigned int no, const char *msg)
{
	switch (no) {
	case CR_SERVER_GONE_ERROR:
	case CR_SERVER_LOST:
	case CR_CONNECTION_ERROR:
	case CR_CONN_HOST_ERROR:
	case CR_SERVER_LOST_EXTENDED:
	case ER_CONNECTION_KILLED:
	case ER_SERVER_SHUTDOWN:
	case ER_QUERY_INTERRUPTED:
	case ER_UNKNOWN_COM_ERROR:      /* Galera: node not ready or not in the primary component */
		db->err = DB_DOWN;
		break;
	case ER_DUP_ENTRY:
		db->err = DB_DUP;
		break;
	case ER_LOCK_DEADLOCK:
	case ER_LOCK_WAIT_TIMEOUT:
		db->err = DB_RETRY;
		break;
	default:
		db->err = DB_ERR;
	}
	snprintf(db->msg, sizeof(db->msg), "%u: %s", no, msg ? msg : "");
	if (db->in_tx && (db->err == DB_RETRY || (db->err == DB_DOWN && !db->committing)))
		db->conflict = 1;
	if (db->err == DB_DOWN && since(&db->t0) >= rw_timeout(db->cfg) - 0.5) {
		db->timeouts++;
		db_note(db, "no answer, server counted as lost", db->msg);
	} else if (db->err == DB_DOWN || db->err == DB_RETRY) {
		db_note(db, db->err == DB_DOWN ? "server lost" : "conflict", db->msg);
	}
	/*
	 * A deadlock victim's connection (1213) is used again, ROLLBACK first: closing it at once
	 * and opening another to the same Galera node was tried, and in the cluster test about one
	 * victim in 150 then had its next transaction on the new connection rolled back half-way
	 * without an error, its later statements committed on their own (see README, "Scaling
	 * out"). A connection whose server is lost is closed: the transaction is gone with it.
	 */
	if (db->err == DB_DOWN) {
		if (db->in_tx)
			db->tx_lost = 1;
		disconnect(db);
		db->host_at++;          /* the next connection starts with the next server */
	}
	return db->err;
}

/* Splits db_host ("a" or "a,b,c") into host[], at most MAX_HOSTS; the count. */
static size_t
host_list(const char *spec, char buf[128], const char *host[MAX_HOSTS])
{
	size_t n = 0;
	char *save = NULL;

	snprintf(buf, 128, "%s", spec);
	for (char *h = strtok_r(buf, ", ", &save); h != NULL && n < MAX_HOSTS;
	    h = strtok_r(NULL, ", ", &save))
		host[n++] = h;
	if (n == 0)
		host[n++] = "";
	return n;
}

static int
connect_db(struct db *db)
{
	const struct config *c = db->cfg;
	unsigned int timeout = 2, rw = rw_timeout(c);
	my_bool off = 0;
	char buf[128];
	const char *host[MAX_HOSTS];
	size_t nhost = c->db_socket[0] ? 1 : host_list(c->db_host, buf, host);

	if (db->conn != NULL)
		return 0;
	for (size_t i = 0; i < nhost; i++, db->host_at++) {
		if ((db->conn = mysql_init(NULL)) == NULL) {
			db->err = DB_DOWN;
			return -1;
		}
		mysql_options(db->conn, MYSQL_OPT_CONNECT_TIMEOUT, &timeout);
		mysql_options(db->conn, MYSQL_OPT_READ_TIMEOUT, &rw);
		mysql_options(db->conn, MYSQL_OPT_WRITE_TIMEOUT, &rw);
		mysql_options(db->conn, MYSQL_OPT_RECONNECT, &off);
		mysql_options(db->conn, MYSQL_SET_CHARSET_NAME, "utf8mb4");
		mysql_options(db->conn, MYSQL_INIT_COMMAND,
		    "SET time_zone = '+00:00', sql_mode = 'STRICT_ALL_TABLES,NO_ZERO_DATE,"
		    "ERROR_FOR_DIVISION_BY_ZERO,NO_ENGINE_SUBSTITUTION'");
		snprintf(db->host_now, sizeof(db->host_now), "%s",
		    c->db_socket[0] ? "socket" : host[db->host_at % nhost]);
		clock_gettime(CLOCK_MONOTONIC, &db->t0);
		if (mysql_real_connect(db->conn, c->db_socket[0] ? NULL : host[db->host_at % nhost],
		    c->db_user, c->db_password, c->db_name, (unsigned)c->db_port,
		    c->db_socket[0] ? c->db_socket : NULL, CLIENT_FOUND_ROWS) != NULL)
			return 0;
		snprintf(db->msg, sizeof(db->msg), "%u: %s", mysql_errno(db->conn),
		    mysql_error(db->conn));
		db_note(db, "connect failed", db->msg);
		mysql_close(db->conn);
		db->conn = NULL;
	}
	db->err = DB_DOWN;
	disconnect(db);
	return -1;
}

int
db_ping(struct db *db)
{
	if (connect_db(db) < 0)
		return -1;
	if (mysql_ping(db->conn) != 0) {
		fail(db, mysql_errno(db->conn), mysql_error(db->conn));
		return -1;
	}
	return 0;
}

/* The prepared statement for sql on this connection, preparing it on first use. */
static MYSQL_STMT *
stmt_get(struct db *db, const char *sql)
{
	size_t h = ((uintptr_t)sql >> 3) % STMT_SLOTS;
	MYSQL_STMT *st;

	for (size_t i = 0; i < STMT_SLOTS; i++, h = (h + 1) % STMT_SLOTS) {
		if (db->slots[h].sql == sql)
			return db->slots[h].st;
		if (db->slots[h].sql == NULL)
			break;
	}
	if (db->slots[h].sql != NULL) {
		snprintf(db->msg, sizeof(db->msg), "statement cache full");
		db->err = DB_ERR;
		return NULL;
	}
	if ((st = mysql_stmt_init(db->conn)) == NULL) {
		fail(db, mysql_errno(db->conn), mysql_error(db->conn));
		return NULL;
	}
	if (mysql_stmt_prepare(st, sql, strlen(sql)) != 0) {
		fail(db, mysql_stmt_errno(st), mysql_stmt_error(st));
		if (db->err != DB_DOWN && db->err != DB_RETRY)  /* retried, not a bug */
			fprintf(stderr, "db: prepare failed: %s: %.200s\n", db->msg, sql);
		mysql_stmt_close(st);
		return NULL;
	}
	db->slots[h].sql = sql;
	db->slots[h].st = st;
	return st;
}

struct params {
	MYSQL_BIND bind[MAX_PARAMS];
	long long ints[MAX_PARAMS];
	unsigned long lens[MAX_PARAMS];
	my_bool nulls[MAX_PARAMS];
};

static int
bind_params(struct db *db, MYSQL_STMT *st, struct params *p, const char *fmt, va_list ap)
{
	size_t n = strlen(fmt);

	if (n > MAX_PARAMS || n != mysql_stmt_param_count(st)) {
		snprintf(db->msg, sizeof(db->msg), "parameter count mismatch");
		db->err = DB_ERR;
		return -1;
	}
	memset(p->bind, 0, sizeof(MYSQL_BIND) * n);
	for (size_t i = 0; i < n; i++) {
		MYSQL_BIND *b = &p->bind[i];

		p->nulls[i] = 0;
		b->is_null = &p->nulls[i];
		switch (fmt[i]) {
		case 'i':
			p->ints[i] = va_arg(ap, long long);
			b->buffer_type = MYSQL_TYPE_LONGLONG;
			b->buffer = &p->ints[i];
			break;
		case 'u':
			p->ints[i] = va_arg(ap, long long);
			b->buffer_type = MYSQL_TYPE_LONGLONG;
			b->buffer = &p->ints[i];
			p->nulls[i] = p->ints[i] == 0;
			break;
		case 's': {
			const char *s = va_arg(ap, const char *);

			b->buffer_type = MYSQL_TYPE_STRING;
			b->buffer = (void *)(s ? s : "");
			p->lens[i] = s ? strlen(s) : 0;
			b->length = &p->lens[i];
			p->nulls[i] = s == NULL;
			break;
		}
		case 'b': {
			const void *v = va_arg(ap, const void *);

			p->lens[i] = (unsigned long)va_arg(ap, size_t);
			b->buffer_type = MYSQL_TYPE_BLOB;
			b->buffer = (void *)v;
			b->length = &p->lens[i];
			break;
		}
		default:
			snprintf(db->msg, sizeof(db->msg), "bad parameter format");
			db->err = DB_ERR;
			return -1;
		}
	}
	if (n && mysql_stmt_bind_param(st, p->bind) != 0) {
		fail(db, mysql_stmt_errno(st), mysql_stmt_error(st));
		return -1;
	}
	return 0;
}

/* Copies the stored result of st into res (arena). */
static int
fetch_all(struct db *db, MYSQL_STMT *st, struct arena *a, struct dbres *res)
{
	MYSQL_RES *meta = mysql_stmt_result_metadata(st);
	size_t nc, cap = 0;
	MYSQL_BIND *b;
	unsigned long *lens;
	my_bool *nulls, *errs;
	char *bufs;
	int rc = -1, f;

	memset(res, 0, sizeof(*res));
	if (meta == NULL)
		return 0;
	nc = mysql_num_fields(meta);
	mysql_free_result(meta);
	b = calloc(nc, sizeof(*b));
	lens = calloc(nc, sizeof(*lens));
	nulls = calloc(nc, sizeof(*nulls));
	errs = calloc(nc, sizeof(*errs));
	bufs = malloc(nc * CELL_BUF);
	if (!b || !lens || !nulls || !errs || !bufs)
		goto out;
	for (size_t i = 0; i < nc; i++) {
		b[i].buffer_type = MYSQL_TYPE_STRING;
		b[i].buffer = bufs + i * CELL_BUF;
		b[i].buffer_length = CELL_BUF;
		b[i].length = &lens[i];
		b[i].is_null = &nulls[i];
		b[i].error = &errs[i];
	}
	if (mysql_stmt_bind_result(st, b) != 0 || mysql_stmt_store_result(st) != 0) {
		fail(db, mysql_stmt_errno(st), mysql_stmt_error(st));
		goto out;
	}
	res->ncols = nc;
	while ((f = mysql_stmt_fetch(st)) == 0 || f == MYSQL_DATA_TRUNCATED) {
		if (res->nrows == cap) {
			size_t ncap = cap ? cap * 2 : 16;
			char **cells = arena_alloc(a, ncap * nc * sizeof(char *));

			if (cells == NULL)
				goto out;
			if (res->nrows)
				memcpy(cells, res->cell, res->nrows * nc * sizeof(char *));
			res->cell = cells;
			cap = ncap;
		}
		for (size_t i = 0; i < nc; i++) {
			char **cell = &res->cell[res->nrows * nc + i];

			if (nulls[i]) {
				*cell = NULL;
				continue;
			}
			if (lens[i] <= CELL_BUF) {
				*cell = arena_strndup(a, bufs + i * CELL_BUF, lens[i]);
			} else {
				MYSQL_BIND one;
				unsigned long l = lens[i];

				memset(&one, 0, sizeof(one));
				*cell = arena_alloc(a, l + 1);
				if (*cell == NULL)
					goto out;
				one.buffer_type = MYSQL_TYPE_STRING;
				one.buffer = *cell;
				one.buffer_length = l + 1;
				one.length = &l;
				if (mysql_stmt_fetch_column(st, &one, (unsigned)i, 0) != 0) {
					fail(db, mysql_stmt_errno(st), mysql_stmt_error(st));
					goto out;
				}
				(*cell)[lens[i]] = '\0';
			}
			if (*cell == NULL)
				goto out;
		}
		res->nrows++;
	}
	if (f != MYSQL_NO_DATA) {
		fail(db, mysql_stmt_errno(st), mysql_stmt_error(st));
		goto out;
	}
	rc = 0;
out:
	/* A lost server made fail() disconnect, which closed every prepared statement, st among
	 * them: nothing is left to free (and st is gone). */
	if (db->conn != NULL)
		mysql_stmt_free_result(st);
	free(b);
	free(lens);
	free(nulls);
	free(errs);
	free(bufs);
	if (rc < 0 && db->err == DB_OK) {
		db->err = DB_ERR;
		snprintf(db->msg, sizeof(db->msg), "out of memory");
	}
	return rc;
}

/* A transaction whose connection was closed (its server lost): every
 * later statement of it fails with the error that ended it, until db_rollback or db_begin,
 * rather than run on a new connection outside any transaction. */
static int
tx_gone(struct db *db)
{
	if (!db->tx_lost)
		return 0;
	if (db->err == DB_OK)
		db->err = DB_RETRY;
	return 1;
}

/* Sleeps 10-20 ms, twice as long after each attempt (at most 320-640 ms), with jitter:
 * transactions that conflicted should not meet again. */
static void
backoff(int attempt)
{
	static _Thread_local unsigned seed;
	struct timespec ts;
	long ms;

	if (seed == 0)
		seed = (unsigned)time(NULL) ^ (unsigned)(uintptr_t)&ts;
	ms = 10L << (attempt < 5 ? attempt : 5);
	ms += rand_r(&seed) % ms;
	ts.tv_sec = 0;
	ts.tv_nsec = ms * 1000000L;
	nanosleep(&ts, NULL);
}

/*
 * Prepares (once), binds and executes sql. Outside a transaction, a server that went away is
 * reconnected (to the next server of db_host) and the statement tried once more, so a worker
 * heals by itself after a database restart; a deadlock or certification failure is retried a
 * few times. Inside one, the caller decides (db_tx_retry).
 */
static MYSQL_STMT *
run(struct db *db, const char *sql, const char *fmt, va_list ap)
{
	int downs = 0;

	for (int attempt = 0; attempt < STMT_TRIES; attempt++) {
		MYSQL_STMT *st;
		struct params p;
		va_list aq;
		int was_tx = db->in_tx;

		if (tx_gone(db))
			return NULL;
		db->err = DB_OK;
		db->msg[0] = '\0';
		clock_gettime(CLOCK_MONOTONIC, &db->t0);
		if (connect_db(db) < 0)
			return NULL;
		if ((st = stmt_get(db, sql)) == NULL) {
			if (db->err == DB_DOWN && !was_tx && downs++ == 0 && budget_left(db))
				continue;
			return NULL;
		}
		va_copy(aq, ap);
		if (bind_params(db, st, &p, fmt, aq) < 0) {
			va_end(aq);
			return NULL;
		}
		va_end(aq);
		if (mysql_stmt_execute(st) == 0) {
			if (since(&db->t0) >= SLOW_SECONDS)
				db_note(db, "slow statement", sql);
			return st;
		}
		fail(db, mysql_stmt_errno(st), mysql_stmt_error(st));
		if (was_tx)
			return NULL;
		if (db->err == DB_DOWN && downs++ == 0 && budget_left(db))
			continue;
		if (db->err != DB_RETRY)
			return NULL;
		backoff(attempt);
	}
	return NULL;
}

int
db_query(struct db *db, struct arena *a, struct dbres *res, enum stmt s,
    const char *fmt, ...)
{
	MYSQL_STMT *st;
	va_list ap;

	memset(res, 0, sizeof(*res));
	va_start(ap, fmt);
	st = run(db, stmts[s], fmt, ap);
	va_end(ap);
	if (st == NULL)
		return -1;
	return fetch_all(db, st, a, res);
}

long long
db_exec(struct db *db, enum stmt s, const char *fmt, ...)
{
	MYSQL_STMT *st;
	va_list ap;

	va_start(ap, fmt);
	st = run(db, stmts[s], fmt, ap);
	va_end(ap);
	if (st == NULL)
		return -1;
	return (long long)mysql_stmt_affected_rows(st);
}

unsigned long long
db_last_id(struct db *db)
{
	return db->conn ? mysql_insert_id(db->conn) : 0;
}

/* Transaction control has no data in it: plain queries of constant text. */
static int
control(struct db *db, const char *q)
{
	if (tx_gone(db))
		return -1;
	db->err = DB_OK;
	clock_gettime(CLOCK_MONOTONIC, &db->t0);
	if (connect_db(db) < 0)
		return -1;
	if (mysql_real_query(db->conn, q, strlen(q)) != 0) {
		fail(db, mysql_errno(db->conn), mysql_error(db->conn));
		return -1;
	}
	if (since(&db->t0) >= SLOW_SECONDS)
		db_note(db, "slow statement", q);
	return 0;
}

/* A connection found dead at the start is replaced (nothing of the transaction is lost). */
int
db_begin(struct db *db)
{
	db->conflict = 0;
	db->tx_lost = 0;
	if (control(db, "START TRANSACTION") < 0 &&
	    (db->err != DB_DOWN || control(db, "START TRANSACTION") < 0))
		return -1;
	db->in_tx = 1;
	return 0;
}

int
db_commit(struct db *db)
{
	int rc;

	db->committing = 1;
	rc = control(db, "COMMIT");
	db->committing = 0;
	db->in_tx = 0;
	return rc;
}

int
db_tx_retry(struct db *db, int attempt)
{
	int again = db->conflict && attempt + 1 < TX_TRIES && budget_left(db);

	db->conflict = 0;
	if (again)
		backoff(attempt);
	return again;
}

/* Rolls back, keeping the error that made the caller give up. */
void
db_rollback(struct db *db)
{
	if (db->conn != NULL && db->in_tx) {
		enum db_err keep = db->err;
		char msg[sizeof(db->msg)];

		memcpy(msg, db->msg, sizeof(msg));
		control(db, "ROLLBACK");
		db->err = keep;
		memcpy(db->msg, msg, sizeof(msg));
	}
	db->in_tx = 0;
	db->tx_lost = 0;
}

const char *
db_str(const struct dbres *r, size_t row, size_t col)
{
	const char *s;

	if (row >= r->nrows || col >= r->ncols)
		return "";
	s = r->cell[row * r->ncols + col];
	return s ? s : "";
}

long long
db_int(const struct dbres *r, size_t row, size_t col)
{
	return strtoll(db_str(r, row, col), NULL, 10);
}

int
db_isnull(const struct dbres *r, size_t row, size_t col)
{
	return row >= r->nrows || col >= r->ncols || r->cell[row * r->ncols + col] == NULL;
}

int
db_rows(struct arena *a, const struct dbres *res, size_t elem, void **rows)
{
	*rows = NULL;
	if (res->nrows == 0)
		return 0;
	if ((*rows = arena_alloc(a, res->nrows * elem)) == NULL)
		return -1;
	return (int)res->nrows;
}
