/*
 * Reading a result (see db.h): cells as strings or numbers, and rows into structs.
 */
#include <stdlib.h>

#include "db.h"
#include "util.h"

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

/* Stores column col of row row of res into the field at p, as kind says. */
static void
col_store(const struct dbres *res, size_t row, size_t col, enum db_kind kind, char *p)
{
	switch (kind) {
	case DB_STR:
		*(const char **)(void *)p = db_str(res, row, col);
		break;
	case DB_STRN:
		*(const char **)(void *)p = db_isnull(res, row, col) ? NULL : db_str(res, row, col);
		break;
	case DB_INT:
		*(int *)(void *)p = (int)db_int(res, row, col);
		break;
	case DB_LONG:
		*(long *)(void *)p = (long)db_int(res, row, col);
		break;
	case DB_LLONG:
		*(long long *)(void *)p = db_int(res, row, col);
		break;
	case DB_SKIP:
		break;
	}
}

void
db_read_row(const struct dbres *res, size_t row, const struct db_col *cols, size_t ncols,
    void *dst)
{
	for (size_t c = 0; c < ncols; c++)
		col_store(res, row, c, cols[c].kind, (char *)dst + cols[c].off);
}

int
db_read_rows(struct arena *a, const struct dbres *res, const struct db_col *cols,
    size_t ncols, size_t elem, void **rows)
{
	int n;

	if ((n = db_rows(a, res, elem, rows)) <= 0)
		return n;
	for (size_t i = 0; i < res->nrows; i++)
		db_read_row(res, i, cols, ncols, (char *)*rows + i * elem);
	return n;
}

int
db_get_row(struct db *db, struct arena *a, const struct db_col *cols, size_t ncols, void *dst,
    enum stmt s, const char *fmt, ...)
{
	struct dbres res;
	va_list ap;
	int rc;

	va_start(ap, fmt);
	rc = db_vquery(db, a, &res, s, fmt, ap);
	va_end(ap);
	if (rc < 0)
		return -1;
	if (res.nrows == 0)
		return 0;
	db_read_row(&res, 0, cols, ncols, dst);
	return 1;
}

int
db_get_rows(struct db *db, struct arena *a, const struct db_col *cols, size_t ncols,
    size_t elem, void **rows, enum stmt s, const char *fmt, ...)
{
	struct dbres res;
	va_list ap;
	int rc;

	*rows = NULL;
	va_start(ap, fmt);
	rc = db_vquery(db, a, &res, s, fmt, ap);
	va_end(ap);
	if (rc < 0)
		return -1;
	return db_read_rows(a, &res, cols, ncols, elem, rows);
}

/* ids as a JSON array ("[3,7,9]") in the arena, for the statements that take a list of ids
 * through JSON_TABLE; NULL when out of memory. */
const char *
db_ids_json(struct arena *a, const unsigned *ids, size_t n)
{
	struct sbuf json;
	char *out;

	sbuf_init(&json);
	sbuf_addc(&json, '[');
	for (size_t i = 0; i < n; i++)
		sbuf_printf(&json, "%s%u", i ? "," : "", ids[i]);
	sbuf_addc(&json, ']');
	out = json.oom ? NULL : arena_strdup(a, json.data);
	sbuf_free(&json);
	return out;
}
