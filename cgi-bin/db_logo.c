/* The operator's logo (db_logo.h). */
#include "app.h"
#include "db.h"
#include "db_logo.h"

int
db_logo_put(struct req *r, long op, const char *mime, const void *data, size_t len)
{
	if (db_exec(r->db, STMT_LOGO_PUT, "isb", (long long)op, mime, data, len) < 0 ||
	    db_exec(r->db, STMT_LOGO_BUMP, "i", (long long)op) < 0)
		return -1;
	return 1;
}

int
db_logo_del(struct req *r, long op)
{
	long long n = db_exec(r->db, STMT_LOGO_DEL, "i", (long long)op);

	if (n < 0 || db_exec(r->db, STMT_LOGO_BUMP, "i", (long long)op) < 0)
		return -1;
	return n > 0;
}

int
db_logo_get(struct req *r, long op, const char **mime, const char **b64)
{
	struct dbres res;

	if (db_query(r->db, r->a, &res, STMT_LOGO_GET, "i", (long long)op) < 0)
		return -1;
	if (res.nrows == 0)
		return 0;
	*mime = db_str(&res, 0, 0);
	*b64 = db_str(&res, 0, 1);
	return 1;
}

int
db_logo_version(struct req *r, long op, long *version)
{
	struct dbres res;

	if (db_query(r->db, r->a, &res, STMT_LOGO_OF, "i", (long long)op) < 0)
		return -1;
	if (res.nrows == 0)
		return 0;
	*version = (long)db_int(&res, 0, 0);
	return 1;
}
