/* Typed access to the Wi-Fi Secure sessions (see db_radius.h). */
#include "app.h"
#include "db.h"
#include "db_radius.h"

static const struct db_col device_cols[] = {
	DB_COL(struct radius_device, session, DB_STR), DB_COL(struct radius_device, mac, DB_STR),
	DB_COL(struct radius_device, site, DB_STRN), DB_COL(struct radius_device, since, DB_STRN),
	DB_COL(struct radius_device, name, DB_STRN),
};

int
db_radius_devices(struct req *r, long op, long occ, long uid, long limit,
    struct radius_device **rows)
{
	return db_get_rows(r->db, r->a, DB_GET(device_cols), sizeof(**rows), (void **)rows,
	    STMT_RADIUS_DEVICES, "iiui", (long long)uid, (long long)op, (long long)occ,
	    (long long)limit);
}

static const struct db_col session_cols[] = {
	DB_COL(struct radius_session, user, DB_STR),
	DB_COL(struct radius_session, session, DB_STR),
	DB_COL(struct radius_session, calling, DB_STR),
	DB_COL(struct radius_session, nas_ip, DB_STR),
	DB_COL(struct radius_session, coa_address, DB_STRN),
	DB_COL(struct radius_session, coa_port, DB_LONG),
	DB_COL(struct radius_session, coa_secret, DB_STRN),
	DB_COL(struct radius_session, email, DB_STR),
};

int
db_radius_session_lock(struct req *r, long op, long occ, long uid, long id,
    struct radius_session *s)
{
	return db_get_row(r->db, r->a, DB_GET(session_cols), s, STMT_RADIUS_SESSION, "iiiu",
	    (long long)id, (long long)uid, (long long)op, (long long)occ);
}

int
db_radius_session_end(struct req *r, long id)
{
	return (int)db_exec(r->db, STMT_RADIUS_SESSION_END, "i", (long long)id);
}
