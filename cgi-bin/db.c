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
#include "db_mysql.h"
#include "util.h"

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

void
db_disconnect(struct db *db)
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
	db_disconnect(db);
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
	db->tx_doomed = 0;
}

/* Classifies a client/server error number and remembers the message. */
enum db_err
db_fail(struct db *db, unsigned int no, const char *msg)
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
	/*
	 * A conflict inside a transaction has rolled it back on the server (1213; a 1205 only its
	 * statement, so ROLLBACK is still sent): a later statement of the caller would run on
	 * its own and commit. It fails instead, as does the COMMIT, so a handler that carries on
	 * after an error it did not check commits nothing and is run again (db_tx_retry).
	 */
	if (db->in_tx && db->err == DB_RETRY)
		db->tx_doomed = 1;
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
		db_disconnect(db);
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
	db_disconnect(db);
	return -1;
}

int
db_ping(struct db *db)
{
	if (connect_db(db) < 0)
		return -1;
	if (mysql_ping(db->conn) != 0) {
		db_fail(db, mysql_errno(db->conn), mysql_error(db->conn));
		return -1;
	}
	return 0;
}

/* A transaction whose connection was closed (its server lost): every
 * later statement of it fails with the error that ended it, until db_rollback or db_begin,
 * rather than run on a new connection outside any transaction. */
static int
tx_gone(struct db *db)
{
	if (!db->tx_lost && !db->tx_doomed)
		return 0;
	if (db->err == DB_OK)
		db->err = DB_RETRY;
	return 1;
}

/*
 * A statement of a transaction that the server answered outside any transaction: the
 * transaction was ended behind the caller's back (no conflict was reported to it). Counted as
 * a conflict: the rest fails, nothing more commits, and the unit of work runs again.
 */
static int
tx_ended(struct db *db, const char *sql)
{
	if (db->conn == NULL || (db->conn->server_status & SERVER_STATUS_IN_TRANS))
		return 0;
	db->err = DB_RETRY;
	snprintf(db->msg, sizeof(db->msg), "transaction ended by the server");
	db->conflict = 1;
	db->tx_doomed = 1;
	db_note(db, "transaction ended by the server before", sql);
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
		if ((st = db_stmt_get(db, sql)) == NULL) {
			if (db->err == DB_DOWN && !was_tx && downs++ == 0 && budget_left(db))
				continue;
			return NULL;
		}
		va_copy(aq, ap);
		if (db_bind_params(db, st, &p, fmt, aq) < 0) {
			va_end(aq);
			return NULL;
		}
		va_end(aq);
		if (mysql_stmt_execute(st) == 0) {
			if (since(&db->t0) >= SLOW_SECONDS)
				db_note(db, "slow statement", sql);
			if (was_tx && tx_ended(db, sql))
				return NULL;
			return st;
		}
		db_fail(db, mysql_stmt_errno(st), mysql_stmt_error(st));
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
db_vquery(struct db *db, struct arena *a, struct dbres *res, enum stmt s, const char *fmt,
    va_list ap)
{
	MYSQL_STMT *st;

	memset(res, 0, sizeof(*res));
	if ((st = run(db, stmts[s], fmt, ap)) == NULL)
		return -1;
	return db_fetch_all(db, st, a, res);
}

int
db_query(struct db *db, struct arena *a, struct dbres *res, enum stmt s,
    const char *fmt, ...)
{
	va_list ap;
	int rc;

	va_start(ap, fmt);
	rc = db_vquery(db, a, res, s, fmt, ap);
	va_end(ap);
	return rc;
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
		db_fail(db, mysql_errno(db->conn), mysql_error(db->conn));
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
	db->tx_doomed = 0;
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
		db->tx_doomed = 0;      /* ROLLBACK itself must go out */
		control(db, "ROLLBACK");
		db->err = keep;
		memcpy(db->msg, msg, sizeof(msg));
	}
	db->in_tx = 0;
	db->tx_lost = 0;
	db->tx_doomed = 0;
}
