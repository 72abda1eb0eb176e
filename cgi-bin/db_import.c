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
