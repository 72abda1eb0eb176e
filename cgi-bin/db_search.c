/*
 * Typed access to the searches' reads (see db_search.h). The SQL is in db_stmts.c; here each
 * result column is read once, by name of its field.
 */
#include <string.h>

#include "app.h"
#include "db.h"
#include "db_search.h"
#include "util.h"

/* The first column of every row, as ids, into *ids and *n; 0 none, 1, or <0. */
static int
id_rows(struct req *r, const struct dbres *res, unsigned **ids, size_t *n)
{
	*ids = NULL;
	*n = 0;
	if (res->nrows == 0)
		return 0;
	if ((*ids = arena_alloc(r->a, res->nrows * sizeof(**ids))) == NULL)
		return -1;
	for (size_t i = 0; i < res->nrows; i++)
		(*ids)[i] = (unsigned)db_int(res, i, 0);
	*n = res->nrows;
	return 1;
}

static const struct db_col search_cols[] = {
	DB_COL(struct search_row, id, DB_LONG), DB_COL(struct search_row, first_name, DB_STR),
	DB_COL(struct search_row, last_name, DB_STR), DB_COL(struct search_row, email, DB_STR),
	DB_COL(struct search_row, occupier_id, DB_STRN),
	DB_COL(struct search_row, occupier_name, DB_STR), DB_COL(struct search_row, role, DB_STR),
};

/* The lines of a search result (every STMT_SEARCH_*: one shape). */
static int
search_rows(struct req *r, const struct dbres *res, struct search_row **rows)
{
	return db_read_rows(r->a, res, search_cols, DB_NCOLS(search_cols), sizeof(**rows),
	    (void **)rows);
}

int
db_search_exact(struct req *r, long op, const char *email, struct search_row **rows)
{
	struct dbres res;

	if (db_query(r->db, r->a, &res, STMT_SEARCH_EXACT, "is", (long long)op, email) < 0)
		return -1;
	return search_rows(r, &res, rows);
}

int
db_search_gram(struct req *r, long op, const char *pattern, long before, const char *like,
    long limit, struct search_row **rows)
{
	struct dbres res;

	if (db_query(r->db, r->a, &res, STMT_SEARCH_GRAM, "isiisi", (long long)op, pattern,
	    (long long)before, (long long)op, like, (long long)limit) < 0)
		return -1;
	return search_rows(r, &res, rows);
}

int
db_gram_ids(struct req *r, long op, const char *gram, long lo, long before, long limit,
    unsigned **ids, size_t *n)
{
	struct dbres res;

	*ids = NULL;
	*n = 0;
	if (db_query(r->db, r->a, &res, STMT_GRAM_IDS, "isiii", (long long)op, gram,
	    (long long)lo, (long long)before, (long long)limit) < 0)
		return -1;
	return id_rows(r, &res, ids, n);
}

int
db_search_ids(struct req *r, long op, const unsigned *ids, size_t n, const char *like,
    long limit, struct search_row **rows)
{
	const char *json = db_ids_json(r->a, ids, n);
	struct dbres res;
	int rc;

	rc = json == NULL ? -1 : db_query(r->db, r->a, &res, STMT_SEARCH_IDS, "sisi", json,
	    (long long)op, like, (long long)limit);
	return rc < 0 ? -1 : search_rows(r, &res, rows);
}

int
db_search_bounds(struct req *r, long op, long *min, long *max)
{
	struct dbres res;

	if (db_query(r->db, r->a, &res, STMT_SEARCH_BOUNDS, "ii", (long long)op,
	    (long long)op) < 0)
		return -1;
	*min = (long)db_int(&res, 0, 0);
	*max = (long)db_int(&res, 0, 1);
	return 1;
}

int
db_search_scan(struct req *r, long op, long hi, long lo, const char *q, const char *like,
    long limit, struct search_row **rows)
{
	struct dbres res;

	if (db_query(r->db, r->a, &res, STMT_SEARCH_SCAN, "iiissi", (long long)op,
	    (long long)hi, (long long)lo, q, like, (long long)limit) < 0)
		return -1;
	return search_rows(r, &res, rows);
}

int
db_gram_count(struct req *r, long op, long occ, const char *pattern, long cap, long *rows)
{
	struct dbres res;
	int rc = occ > 0 ?
	    db_query(r->db, r->a, &res, STMT_NGRAM_COUNT_OCC, "isii", (long long)occ, pattern,
		(long long)op, (long long)cap) :
	    db_query(r->db, r->a, &res, STMT_NGRAM_COUNT, "isi", (long long)op, pattern,
		(long long)cap);

	if (rc < 0)
		return -1;
	*rows = (long)db_int(&res, 0, 0);
	return 1;
}

int
db_user_gram_ids(struct req *r, long op, long occ, const char *pattern, const char *like,
    unsigned **ids, size_t *n)
{
	struct dbres res;

	*ids = NULL;
	*n = 0;
	if (db_query(r->db, r->a, &res, STMT_LIST_GRAM_IDS, "isiiis", (long long)occ, pattern,
	    (long long)op, (long long)op, (long long)occ, like) < 0)
		return -1;
	return id_rows(r, &res, ids, n);
}

int
db_listidx_size(struct req *r, long op, long occ, long cap, long *n)
{
	struct dbres res;

	if (db_query(r->db, r->a, &res, STMT_LISTIDX_COUNT, "iii", (long long)op,
	    (long long)occ, (long long)cap) < 0)
		return -1;
	*n = (long)db_int(&res, 0, 0);
	return 1;
}

int
db_listidx_rows(struct req *r, long op, long occ, struct listidx_row **rows)
{
	struct dbres res;
	int n;

	if (db_query(r->db, r->a, &res, STMT_LISTIDX, "ii", (long long)op, (long long)occ) < 0)
		return -1;
	if ((n = db_rows(r->a, &res, sizeof(**rows), (void **)rows)) <= 0)
		return n;
	for (size_t i = 0; i < res.nrows; i++) {
		(*rows)[i].id = (unsigned)db_int(&res, i, 0);
		(*rows)[i].search_text = db_str(&res, i, 1);
	}
	return n;
}
