/*
 * The database layer: the only code that includes mysql.h. One struct db per worker thread.
 *
 * Every statement is a prepared statement named by enum stmt (stmt.h), its text in the one
 * table of db_stmts.c, prepared once per connection on first use, with `?` placeholders:
 * no SQL is ever built from input.
 *
 * Parameter formats (one letter per `?`):
 *   i  long long            u  unsigned id, 0 binds SQL NULL
 *   s  const char * (NULL binds SQL NULL)
 *   b  const void *, size_t (binary)
 * Every result column comes back as a string (NULL for SQL NULL) in the caller's arena.
 *
 * Functions return <0 on failure; db_errno() then tells DB_DOWN (the database is unreachable:
 * the page answers 503), DB_DUP (a unique key refused the row), DB_RETRY (deadlock, lock wait
 * timeout or Galera certification failure) or DB_ERR (anything else).
 *
 * db_host may name several servers ("10.0.0.1,10.0.0.2,10.0.0.3", a Galera cluster): each
 * connection uses the first that answers and moves on when its server fails.
 */
#ifndef DB_H
#define DB_H

#include <stddef.h>

#include "stmt.h"

struct arena;
struct config;
struct db;

enum db_err { DB_OK = 0, DB_DOWN, DB_DUP, DB_RETRY, DB_ERR };

struct dbres {
	size_t nrows, ncols;
	char **cell;            /* cell[row * ncols + col], NULL = SQL NULL */
};

int	 db_library_init(void);
void	 db_library_end(void);
void	 db_thread_init(void);
void	 db_thread_end(void);

struct db *db_new(const struct config *c);
void	 db_free(struct db *db);
int	 db_ping(struct db *db);
/* A request begins: after a server that did not answer within db_timeout the request's work
 * runs again on the next server, but not after a second one (it answers 503 instead). */
void	 db_request_start(struct db *db);
enum db_err db_errno(const struct db *db);
const char *db_error(const struct db *db);

int	 db_query(struct db *db, struct arena *a, struct dbres *res, enum stmt s,
	    const char *fmt, ...);
long long db_exec(struct db *db, enum stmt s, const char *fmt, ...);
unsigned long long db_last_id(struct db *db);

int	 db_begin(struct db *db);
int	 db_commit(struct db *db);
void	 db_rollback(struct db *db);
/*
 * 1 when a transaction begun since the last call was rolled back by a conflict (deadlock,
 * certification failure, or its server lost before COMMIT) and attempt (0 for the first run)
 * leaves another try: the caller runs the whole unit of work again, from its first read.
 * It has then slept (10-20 ms, doubling each time). Clears the conflict either way.
 */
int	 db_tx_retry(struct db *db, int attempt);

/* Room in a for the rows of res as structs of elem bytes (the typed functions of db_*.c fill
 * them): returns the number of rows, 0 with *rows NULL when there are none, <0 out of memory. */
int	 db_rows(struct arena *a, const struct dbres *res, size_t elem, void **rows);

const char *db_str(const struct dbres *r, size_t row, size_t col);
long long db_int(const struct dbres *r, size_t row, size_t col);
int	 db_isnull(const struct dbres *r, size_t row, size_t col);

#endif
