/*
 * Prepared statements on a connection (see db.h, db_mysql.h): prepared once per connection,
 * their parameters bound from the format letters, their result copied into the arena as
 * strings.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db_mysql.h"
#include "util.h"

/* The prepared statement for sql on this connection, preparing it on first use. */
MYSQL_STMT *
db_stmt_get(struct db *db, const char *sql)
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
		db_fail(db, mysql_errno(db->conn), mysql_error(db->conn));
		return NULL;
	}
	if (mysql_stmt_prepare(st, sql, strlen(sql)) != 0) {
		db_fail(db, mysql_stmt_errno(st), mysql_stmt_error(st));
		if (db->err != DB_DOWN && db->err != DB_RETRY)  /* retried, not a bug */
			fprintf(stderr, "db: prepare failed: %s: %.200s\n", db->msg, sql);
		mysql_stmt_close(st);
		return NULL;
	}
	db->slots[h].sql = sql;
	db->slots[h].st = st;
	return st;
}


int
db_bind_params(struct db *db, MYSQL_STMT *st, struct params *p, const char *fmt, va_list ap)
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
		db_fail(db, mysql_stmt_errno(st), mysql_stmt_error(st));
		return -1;
	}
	return 0;
}

/* The result buffers of one statement: a CELL_BUF slot per column, longer cells fetched apart. */
struct fetchbuf {
	size_t nc;
	MYSQL_BIND *b;
	unsigned long *lens;
	my_bool *nulls, *errs;
	char *bufs;
};

static void
fetchbuf_free(struct fetchbuf *fb)
{
	free(fb->b);
	free(fb->lens);
	free(fb->nulls);
	free(fb->errs);
	free(fb->bufs);
}

/* Allocates and binds fb for nc columns; <0 out of memory. */
static int
fetchbuf_bind(struct fetchbuf *fb, size_t nc)
{
	fb->nc = nc;
	fb->b = calloc(nc, sizeof(*fb->b));
	fb->lens = calloc(nc, sizeof(*fb->lens));
	fb->nulls = calloc(nc, sizeof(*fb->nulls));
	fb->errs = calloc(nc, sizeof(*fb->errs));
	fb->bufs = malloc(nc * CELL_BUF);
	if (!fb->b || !fb->lens || !fb->nulls || !fb->errs || !fb->bufs)
		return -1;
	for (size_t i = 0; i < nc; i++) {
		fb->b[i].buffer_type = MYSQL_TYPE_STRING;
		fb->b[i].buffer = fb->bufs + i * CELL_BUF;
		fb->b[i].buffer_length = CELL_BUF;
		fb->b[i].length = &fb->lens[i];
		fb->b[i].is_null = &fb->nulls[i];
		fb->b[i].error = &fb->errs[i];
	}
	return 0;
}

/* Makes room in res for one more row (doubling its cells in the arena); <0 out of memory. */
static int
rows_grow(struct arena *a, struct dbres *res, size_t *cap)
{
	size_t nc = res->ncols, ncap = *cap ? *cap * 2 : 16;
	char **cells;

	if (res->nrows < *cap)
		return 0;
	if ((cells = arena_alloc(a, ncap * nc * sizeof(char *))) == NULL)
		return -1;
	if (res->nrows)
		memcpy(cells, res->cell, res->nrows * nc * sizeof(char *));
	res->cell = cells;
	*cap = ncap;
	return 0;
}

/* A cell longer than its CELL_BUF slot, fetched again whole into the arena; NULL on failure. */
static char *
long_cell(struct db *db, MYSQL_STMT *st, struct arena *a, unsigned long len, size_t col)
{
	MYSQL_BIND one;
	unsigned long l = len;
	char *cell = arena_alloc(a, l + 1);

	if (cell == NULL)
		return NULL;
	memset(&one, 0, sizeof(one));
	one.buffer_type = MYSQL_TYPE_STRING;
	one.buffer = cell;
	one.buffer_length = l + 1;
	one.length = &l;
	if (mysql_stmt_fetch_column(st, &one, (unsigned)col, 0) != 0) {
		db_fail(db, mysql_stmt_errno(st), mysql_stmt_error(st));
		return NULL;
	}
	cell[len] = '\0';
	return cell;
}

/* Copies the fetched row into the next row of res; <0 on failure. */
static int
row_copy(struct db *db, MYSQL_STMT *st, struct arena *a, const struct fetchbuf *fb,
    struct dbres *res)
{
	for (size_t i = 0; i < fb->nc; i++) {
		char **cell = &res->cell[res->nrows * fb->nc + i];

		if (fb->nulls[i])
			*cell = NULL;
		else if (fb->lens[i] <= CELL_BUF)
			*cell = arena_strndup(a, fb->bufs + i * CELL_BUF, fb->lens[i]);
		else
			*cell = long_cell(db, st, a, fb->lens[i], i);
		if (*cell == NULL && !fb->nulls[i])
			return -1;
	}
	res->nrows++;
	return 0;
}

/* Copies the stored result of st into res (arena). */
int
db_fetch_all(struct db *db, MYSQL_STMT *st, struct arena *a, struct dbres *res)
{
	MYSQL_RES *meta = mysql_stmt_result_metadata(st);
	struct fetchbuf fb = { 0 };
	size_t cap = 0;
	int rc = -1, f;

	memset(res, 0, sizeof(*res));
	if (meta == NULL)
		return 0;
	res->ncols = mysql_num_fields(meta);
	mysql_free_result(meta);
	if (fetchbuf_bind(&fb, res->ncols) < 0)
		goto out;
	if (mysql_stmt_bind_result(st, fb.b) != 0 || mysql_stmt_store_result(st) != 0) {
		db_fail(db, mysql_stmt_errno(st), mysql_stmt_error(st));
		goto out;
	}
	while ((f = mysql_stmt_fetch(st)) == 0 || f == MYSQL_DATA_TRUNCATED)
		if (rows_grow(a, res, &cap) < 0 || row_copy(db, st, a, &fb, res) < 0)
			goto out;
	if (f != MYSQL_NO_DATA) {
		db_fail(db, mysql_stmt_errno(st), mysql_stmt_error(st));
		goto out;
	}
	rc = 0;
out:
	/* A lost server made db_fail() disconnect, which closed every prepared statement, st
	 * among them: nothing is left to free (and st is gone). */
	if (db->conn != NULL)
		mysql_stmt_free_result(st);
	fetchbuf_free(&fb);
	if (rc < 0 && db->err == DB_OK) {
		db->err = DB_ERR;
		snprintf(db->msg, sizeof(db->msg), "out of memory");
	}
	return rc;
}
