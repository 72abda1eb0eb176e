/*
 * Typed access for the user model's writes (see db_accounts.h).
 */
#include "app.h"
#include "db.h"
#include "db_accounts.h"
#include "userform.h"

static const struct db_col who_cols[] = {
	DB_COL(struct who, id, DB_LONG), DB_COL(struct who, email, DB_STR),
	DB_COL(struct who, lang, DB_STR), DB_COL(struct who, first_name, DB_STR),
	DB_COL(struct who, label, DB_STR), DB_COL(struct who, role, DB_STR),
	DB_COL(struct who, state, DB_STR), DB_COL(struct who, invited_portal, DB_INT),
	DB_COL(struct who, invited_app, DB_INT),
};

int
db_who_lock(struct req *r, long op, long occ, long id, struct who *w)
{
	int rc = db_get_row(r->db, r->a, DB_GET(who_cols), w, STMT_WHO, "iiu", (long long)id,
	    (long long)op, (long long)occ);

	if (rc <= 0)
		return rc;
	w->id = id;
	w->is_admin = !str_eq(w->role, "user");
	return 1;
}

int
db_email_owner(struct req *r, long op, const char *email, long self, long *occ)
{
	struct dbres res;

	if (db_query(r->db, r->a, &res, STMT_EMAIL_USED, "isi", (long long)op, email,
	    (long long)self) < 0)
		return -1;
	if (res.nrows == 0)
		return 0;
	*occ = (long)db_int(&res, 0, 1);
	return 1;
}

long
db_user_add(struct req *r, long op, long occ, const struct user_input *in)
{
	if (db_exec(r->db, STMT_USER_ADD, "iussssssss", (long long)op, (long long)occ, in->role,
	    in->first_name, in->last_name, in->email, in->job_title ? in->job_title : "",
	    in->mobile_phone ? in->mobile_phone : "", in->direct_line ? in->direct_line : "",
	    in->language) < 0)
		return db_errno(r->db) == DB_DUP ? 0 : -1;
	return (long)db_last_id(r->db);
}

int
db_user_remove(struct req *r, long op, long occ, long id)
{
	long long n;

	if (db_exec(r->db, STMT_TOKEN_DEL_ALL, "i", (long long)id) < 0 ||
	    db_exec(r->db, STMT_SESSION_END_ALL, "i", (long long)id) < 0 ||
	    db_exec(r->db, STMT_DEL_WIFI, "i", (long long)id) < 0 ||
	    db_exec(r->db, STMT_FREE_NUMBER, "ii", (long long)id, (long long)op) < 0 ||
	    db_exec(r->db, STMT_DEL_SITES, "i", (long long)id) < 0)
		return -1;
	n = db_exec(r->db, STMT_DEL_USER, "iiu", (long long)id, (long long)op, (long long)occ);
	return n < 0 ? -1 : n == 1;
}

int
db_user_invited(struct req *r, long id, int portal, int app)
{
	long long n = db_exec(r->db, STMT_INVITE_SET, "iii", (long long)portal, (long long)app,
	    (long long)id);

	return n < 0 ? -1 : n > 0;
}

static const struct db_col wifi_acct_cols[] = {
	DB_COL(struct wifi_acct, state, DB_STR), DB_COL(struct wifi_acct, site, DB_LONG),
	DB_COL(struct wifi_acct, limit, DB_LONG), DB_COL(struct wifi_acct, site_name, DB_STR),
};

int
db_wifi_acct(struct req *r, long id, struct wifi_acct *w)
{
	return db_get_row(r->db, r->a, DB_GET(wifi_acct_cols), w, STMT_WIFI_GET, "i",
	    (long long)id);
}

int
db_wifi_store(struct req *r, long id, int insert, long site, long limit, const void *enc,
    size_t elen, const void *nt, size_t ntlen)
{
	long long n = insert ?
	    db_exec(r->db, STMT_WIFI_ADD, "iiibb", (long long)id, (long long)limit,
	    (long long)site, enc, elen, nt, ntlen) :
	    db_exec(r->db, STMT_WIFI_NEWPW, "ibbi", (long long)site, enc, elen, nt, ntlen,
	    (long long)id);

	return n < 0 ? -1 : n > 0;
}

int
db_wifi_off(struct req *r, long id)
{
	long long n = db_exec(r->db, STMT_WIFI_OFF, "i", (long long)id);

	return n < 0 ? -1 : n > 0;
}

int
db_site_usable(struct req *r, long op, long occ, long site)
{
	struct dbres res;
	int rc = occ ?
	    db_query(r->db, r->a, &res, STMT_OCC_SITE, "iii", (long long)occ, (long long)site,
	    (long long)op) :
	    db_query(r->db, r->a, &res, STMT_TEAM_SITE, "ii", (long long)site, (long long)op);

	if (rc < 0)
		return -1;
	return res.nrows > 0;
}
