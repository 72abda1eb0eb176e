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

#include <stdarg.h>
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
int	 db_vquery(struct db *db, struct arena *a, struct dbres *res, enum stmt s,
	    const char *fmt, va_list ap);
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

/*
 * Rows into structs from a table of columns, in the manner of openradtool's generated readers:
 * one struct db_col per result column, in order, naming its field and how it is read
 * (DB_STR a string, "" for NULL; DB_STRN a string or NULL; DB_INT/DB_LONG/DB_LLONG a number,
 * 0 for NULL; DB_SKIP not read). A typed function writes the table beside its struct:
 *	static const struct db_col site_cols[] = {
 *		DB_COL(struct site, id, DB_STR), DB_COL(struct site, name, DB_STR) };
 * db_read_row() reads one row into dst; db_read_rows() reads them all into the arena (the
 * count, 0 with *rows NULL when there are none, <0 out of memory).
 */
enum db_kind { DB_STR, DB_STRN, DB_INT, DB_LONG, DB_LLONG, DB_SKIP };
struct db_col {
	size_t off;
	enum db_kind kind;
};
#define DB_COL(type, field, kind) { offsetof(type, field), kind }
#define DB_NCOLS(cols) (sizeof(cols) / sizeof((cols)[0]))

void	 db_read_row(const struct dbres *res, size_t row, const struct db_col *cols,
	    size_t ncols, void *dst);
int	 db_read_rows(struct arena *a, const struct dbres *res, const struct db_col *cols,
	    size_t ncols, size_t elem, void **rows);
/*
 * The two in one call, for the typed functions whose statement's columns are exactly a
 * table: db_get_row() runs s with the parameters of fmt and reads its first row into dst
 * (1, 0 no row, <0 failure); db_get_rows() reads every row into the arena as
 * db_read_rows() does. DB_GET(cols) passes a table and its length.
 */
#define DB_GET(cols) (cols), DB_NCOLS(cols)
int	 db_get_row(struct db *db, struct arena *a, const struct db_col *cols, size_t ncols,
	    void *dst, enum stmt s, const char *fmt, ...);
const char *db_ids_json(struct arena *a, const unsigned *ids, size_t n);
int	 db_get_rows(struct db *db, struct arena *a, const struct db_col *cols, size_t ncols,
	    size_t elem, void **rows, enum stmt s, const char *fmt, ...);

const char *db_str(const struct dbres *r, size_t row, size_t col);
long long db_int(const struct dbres *r, size_t row, size_t col);
int	 db_isnull(const struct dbres *r, size_t row, size_t col);

#endif
