/*
 * The inside of the database layer (db.c: connections, errors, transactions; db_fetch.c:
 * prepared statements, parameters, results). Only those two files include this header, and
 * with it mysql.h: every other file goes through db.h.
 */
#ifndef DB_MYSQL_H
#define DB_MYSQL_H

#include <stdarg.h>
#include <time.h>

#include <mysql.h>

#include "db.h"

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
	int tx_doomed;          /* the server rolled it back (a conflict): the same, connection kept */
	unsigned host_at;       /* the db_host entry to try first */
	char host_now[64];      /* the server of conn, for the log */
	struct timespec t0;     /* when the statement in hand was sent */
	int in_request;         /* db_request_start was called: timeouts count */
	int timeouts;           /* statements of this request that got no answer in time */
	enum db_err err;
	char msg[256];
	struct stmt_slot slots[STMT_SLOTS];
};

struct params {
	MYSQL_BIND bind[MAX_PARAMS];
	long long ints[MAX_PARAMS];
	unsigned long lens[MAX_PARAMS];
	my_bool nulls[MAX_PARAMS];
};

enum db_err db_fail(struct db *db, unsigned int no, const char *msg);
void	 db_disconnect(struct db *db);
MYSQL_STMT *db_stmt_get(struct db *db, const char *sql);
int	 db_bind_params(struct db *db, MYSQL_STMT *st, struct params *p, const char *fmt,
	    va_list ap);
int	 db_fetch_all(struct db *db, MYSQL_STMT *st, struct arena *a, struct dbres *res);

#endif
