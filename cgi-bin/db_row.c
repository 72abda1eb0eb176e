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
