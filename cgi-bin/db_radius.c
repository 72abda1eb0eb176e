/* Typed access to the Wi-Fi Secure sessions (see db_radius.h). */
#include "app.h"
#include "db.h"
#include "db_radius.h"

/* A column that may be SQL NULL. */
static const char *
str_or_null(const struct dbres *res, size_t i, size_t c)
{
	return db_isnull(res, i, c) ? NULL : db_str(res, i, c);
}

int
db_radius_devices(struct req *r, long op, long occ, long uid, long limit,
    struct radius_device **rows)
{
	struct dbres res;
	int n;

	if (db_query(r->db, r->a, &res, STMT_RADIUS_DEVICES, "iiui", (long long)uid,
	    (long long)op, (long long)occ, (long long)limit) < 0)
		return -1;
	if ((n = db_rows(r->a, &res, sizeof(**rows), (void **)rows)) <= 0)
		return n;
	for (size_t i = 0; i < res.nrows; i++) {
		struct radius_device *d = &(*rows)[i];

		d->session = db_str(&res, i, 0);
		d->mac = db_str(&res, i, 1);
		d->site = str_or_null(&res, i, 2);
		d->since = str_or_null(&res, i, 3);
		d->name = str_or_null(&res, i, 4);
	}
	return n;
}

int
db_radius_session_lock(struct req *r, long op, long occ, long uid, long id,
    struct radius_session *s)
{
	struct dbres res;
	size_t c = 0;

	if (db_query(r->db, r->a, &res, STMT_RADIUS_SESSION, "iiiu", (long long)id,
	    (long long)uid, (long long)op, (long long)occ) < 0)
		return -1;
	if (res.nrows == 0)
		return 0;
	s->user = db_str(&res, 0, c++);
	s->session = db_str(&res, 0, c++);
	s->calling = db_str(&res, 0, c++);
	s->nas_ip = db_str(&res, 0, c++);
	s->coa_address = str_or_null(&res, 0, c++);
	s->coa_port = (long)db_int(&res, 0, c++);
	s->coa_secret = str_or_null(&res, 0, c++);
	s->email = db_str(&res, 0, c++);
	return 1;
}

int
db_radius_session_end(struct req *r, long id)
{
	return (int)db_exec(r->db, STMT_RADIUS_SESSION_END, "i", (long long)id);
}
