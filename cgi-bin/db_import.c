/* The checked import files kept for "Add N users" (db_import.h). */
#include <string.h>

#include "app.h"
#include "db.h"
#include "db_import.h"

int
db_import_keep(struct req *r, const unsigned char tok[32], const unsigned char session[32],
    long op, long occ, const char *version, const char *filename, const unsigned char *body,
    size_t len, int minutes)
{
	if (db_exec(r->db, STMT_IMPORT_PURGE, "") < 0)
		return -1;
	return db_exec(r->db, STMT_IMPORT_KEEP, "bbiissbi", tok, (size_t)32, session, (size_t)32,
	    (long long)op, (long long)occ, version, filename, body, len,
	    (long long)minutes) < 0 ? -1 : 1;
}

int
db_import_take(struct req *r, const unsigned char tok[32], const unsigned char session[32],
    long op, long occ, struct import_kept *k)
{
	struct dbres res;

	if (db_query(r->db, r->a, &res, STMT_IMPORT_TAKE, "bbii", tok, (size_t)32, session,
	    (size_t)32, (long long)op, (long long)occ) < 0)
		return -1;
	if (res.nrows == 0)
		return 0;
	k->version = db_str(&res, 0, 0);
	k->filename = db_str(&res, 0, 1);
	k->body_b64 = db_str(&res, 0, 2);
	return 1;
}

int
db_import_drop(struct req *r, const unsigned char tok[32])
{
	return db_exec(r->db, STMT_IMPORT_DROP, "b", tok, (size_t)32) < 0 ? -1 : 1;
}

int
db_emails_used(struct req *r, struct arena *a, const char *json, long op, const char ***emails,
    size_t *n)
{
	struct dbres res;

	*emails = NULL;
	*n = 0;
	if (db_query(r->db, a, &res, STMT_EMAILS_USED, "si", json, (long long)op) < 0)
		return -1;
	if (res.nrows == 0)
		return 0;
	if ((*emails = arena_alloc(a, res.nrows * sizeof(**emails))) == NULL)
		return -1;
	for (size_t i = 0; i < res.nrows; i++)
		(*emails)[i] = db_str(&res, i, 0);
	*n = res.nrows;
	return 1;
}

int
db_grams_defer(struct req *r)
{
	return db_exec(r->db, STMT_GRAMS_DEFER, "") < 0 ? -1 : 0;
}

int
db_grams_fill(struct req *r, const unsigned *ids, size_t n)
{
	const char *json = n > 0 ? db_ids_json(r->a, ids, n) : "[]";

	if (json == NULL || db_exec(r->db, STMT_GRAMS_FILL, "s", json) < 0)
		return -1;
	return db_exec(r->db, STMT_GRAMS_UNDEFER, "") < 0 ? -1 : 0;
}

int
db_users_add_batch(struct req *r, long op, long occ, const char *rows, const char *emails,
    size_t n, unsigned *ids)
{
	struct dbres res;
	const char *json;

	if (db_exec(r->db, STMT_USERS_ADD_JSON, "iis", (long long)op, (long long)occ, rows) < 0)
		return db_errno(r->db) == DB_DUP ? 0 : -1;
	if (db_query(r->db, r->a, &res, STMT_USER_IDS_BY_EMAIL, "si", emails, (long long)op) < 0 ||
	    res.nrows != n)
		return -1;
	for (size_t i = 0; i < n; i++)
		ids[i] = (unsigned)db_int(&res, i, 0);
	json = db_ids_json(r->a, ids, n);
	return json == NULL || db_exec(r->db, STMT_AUDIT_USERS_ADDED, "issi",
	    (long long)r->me->id, r->me->email, json, (long long)op) < 0 ? -1 : 1;
}
