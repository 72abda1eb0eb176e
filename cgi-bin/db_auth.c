/* Typed access for the sign-in and set-password pages, sessions and throttling (db_auth.h). */
#include <string.h>

#include "app.h"
#include "conf.h"
#include "db.h"
#include "db_auth.h"

int
db_signin_candidates(struct req *r, const char *email, struct signin_row **rows)
{
	struct dbres res;
	int n;

	if (db_query(r->db, r->a, &res, STMT_SIGNIN_CANDIDATES, "s", email) < 0)
		return -1;
	if ((n = db_rows(r->a, &res, sizeof(**rows), (void **)rows)) <= 0)
		return n;
	for (size_t i = 0; i < res.nrows; i++) {
		(*rows)[i].id = (long)db_int(&res, i, 0);
		(*rows)[i].password_hash = db_str(&res, i, 1);
		(*rows)[i].account = state_of(db_str(&res, i, 2));
		(*rows)[i].no_access = (int)db_int(&res, i, 3);
	}
	return n;
}

int
db_password_rehash(struct req *r, long user, const char *hash)
{
	return (int)db_exec(r->db, STMT_REHASH, "si", hash, (long long)user);
}

int
db_signin_stamp(struct req *r, long user)
{
	if (db_exec(r->db, STMT_SIGNIN_OK, "i", (long long)user) < 0 ||
	    db_exec(r->db, STMT_SIGNIN_STAMP, "i", (long long)user) < 0)
		return -1;
	return 1;
}

int
db_reset_users(struct req *r, const char *email, struct reset_row **rows)
{
	static const struct db_col cols[] = {
		DB_COL(struct reset_row, id, DB_LONG), DB_COL(struct reset_row, operator_id, DB_LONG),
		DB_COL(struct reset_row, lang, DB_STR), DB_COL(struct reset_row, first_name, DB_STR),
	};
	return db_get_rows(r->db, r->a, DB_GET(cols), sizeof(**rows), (void **)rows,
	    STMT_RESET_USERS, "s", email);
}

int
db_password_set_by_link(struct req *r, const unsigned char hash[32], long user,
    const char *password_hash)
{
	long long n = db_exec(r->db, STMT_TOKEN_USE, "b", hash, (size_t)32);

	if (n < 0)
		return -1;
	if (n != 1)
		return 0;
	if (db_exec(r->db, STMT_SET_PASSWORD, "si", password_hash, (long long)user) < 0 ||
	    db_exec(r->db, STMT_TOKEN_DEL_ALL, "i", (long long)user) < 0)
		return -1;
	return 1;
}

int
db_link_new(struct req *r, long user, const char *kind, const unsigned char hash[32],
    long long hours)
{
	if (db_links_end(r, user, kind) < 0 ||
	    db_exec(r->db, STMT_TOKEN_ADD, "bisi", hash, (size_t)32, (long long)user, kind,
	    hours) < 0)
		return -1;
	return 1;
}

int
db_links_end(struct req *r, long user, const char *kind)
{
	return (int)db_exec(r->db, STMT_TOKEN_DEL, "is", (long long)user, kind);
}

int
db_link_get(struct req *r, const unsigned char hash[32], long *user, const char **email)
{
	struct dbres res;

	if (db_query(r->db, r->a, &res, STMT_TOKEN_GET, "b", hash, (size_t)32) < 0)
		return -1;
	if (res.nrows == 0)
		return 0;
	*user = (long)db_int(&res, 0, 0);
	*email = db_str(&res, 0, 2);
	return 1;
}

static const struct db_col bearer_cols[] = {
	DB_COL(struct bearer_row, id, DB_LONG), DB_COL(struct bearer_row, user, DB_LONG),
	DB_COL(struct bearer_row, occ, DB_LONG), DB_COL(struct bearer_row, version, DB_STRN),
	DB_COL(struct bearer_row, expired, DB_INT), DB_COL(struct bearer_row, stale, DB_INT),
	DB_COL(struct bearer_row, invited_app, DB_INT),
};

int
db_bearer_get(struct req *r, const unsigned char hash[32], struct bearer_row *b)
{
	return db_get_row(r->db, r->a, DB_GET(bearer_cols), b, STMT_API_TOKEN_GET, "b", hash,
	    (size_t)32);
}

int
db_bearer_touch(struct req *r, long id)
{
	return (int)db_exec(r->db, STMT_API_TOKEN_TOUCH, "i", (long long)id);
}

int
db_bearer_del(struct req *r, long id, long user)
{
	long long n = db_exec(r->db, STMT_API_TOKEN_DEL, "ii", (long long)id, (long long)user);

	return n < 0 ? -1 : n > 0;
}

int
db_bearer_new(struct req *r, const unsigned char hash[32], long user, const char *client,
    long days)
{
	if (db_exec(r->db, STMT_API_TOKEN_EXPIRED_DEL, "i", (long long)user) < 0 ||
	    db_exec(r->db, STMT_API_TOKEN_NEW, "bisi", hash, (size_t)32, (long long)user, client,
	    (long long)days) < 0)
		return -1;
	return 1;
}

int
db_user_app_only(struct req *r, long user)
{
	struct dbres res;

	if (db_query(r->db, r->a, &res, STMT_USER_APP_ONLY, "i", (long long)user) < 0)
		return -1;
	return res.nrows && db_int(&res, 0, 0) ? 1 : 0;
}

/* ------------------------------------------------------------------ sessions (auth.c) */

int
db_session_new(struct req *r, const unsigned char hash[32], long user)
{
	return db_exec(r->db, STMT_SESSION_NEW, "bi", hash, (size_t)32, (long long)user) < 0 ?
	    -1 : 1;
}

int
db_session_get(struct req *r, const unsigned char hash[32], struct session_row *s)
{
	struct dbres res;

	memset(s, 0, sizeof(*s));
	if (db_query(r->db, r->a, &res, STMT_SESSION_GET, "iib",
	    (long long)r->cfg->session_idle_minutes, (long long)r->cfg->session_absolute_hours,
	    hash, (size_t)32) < 0)
		return -1;
	if (res.nrows == 0)
		return 0;
	s->user_id = (long)db_int(&res, 0, 0);
	s->occupier_id = (long)db_int(&res, 0, 1);
	s->version = db_isnull(&res, 0, 2) ? NULL : db_str(&res, 0, 2);
	s->expired = db_int(&res, 0, 3) || db_int(&res, 0, 4);
	s->touch = (int)db_int(&res, 0, 5);
	s->user_version = db_str(&res, 0, 6);
	return 1;
}

int
db_session_touch(struct req *r, const unsigned char hash[32])
{
	return db_exec(r->db, STMT_SESSION_TOUCH, "b", hash, (size_t)32) < 0 ? -1 : 1;
}

int
db_session_del(struct req *r, const unsigned char hash[32])
{
	return db_exec(r->db, STMT_SESSION_DEL, "b", hash, (size_t)32) < 0 ? -1 : 1;
}

int
db_credential_moved(struct req *r, enum stmt moved, long occupier_id,
    const unsigned char hash[32])
{
	return db_exec(r->db, moved, "ib", (long long)occupier_id, hash, (size_t)32) < 0 ? -1 : 1;
}

int
db_me(struct req *r, long user, struct me *me, const char **role)
{
	struct dbres res;
	size_t c = 0;

	if (db_query(r->db, r->a, &res, STMT_SESSION_USER, "i", (long long)user) < 0)
		return -1;
	if (res.nrows == 0)
		return 0;
	me->id = (long)db_int(&res, 0, c++);
	me->operator_id = (long)db_int(&res, 0, c++);
	me->occupier_id = (long)db_int(&res, 0, c++);
	*role = db_str(&res, 0, c++);
	me->first_name = db_str(&res, 0, c++);
	me->last_name = db_str(&res, 0, c++);
	me->email = db_str(&res, 0, c++);
	me->lang = db_str(&res, 0, c++);
	me->operator_name = db_str(&res, 0, c++);
	me->brand_colour = db_str(&res, 0, c++);
	me->offers_experience = (int)db_int(&res, 0, c++);
	me->occupier_name = db_str(&res, 0, c++);
	me->occupier_version = db_isnull(&res, 0, c) ? NULL : db_str(&res, 0, c);
	return 1;
}

int
db_sessions_end(struct req *r, long user, const unsigned char *keep)
{
	/* the API's tokens are other sessions too (issue 16) */
	if (db_exec(r->db, STMT_API_TOKEN_END_ALL, "i", (long long)user) < 0)
		return -1;
	if (keep != NULL)
		return db_exec(r->db, STMT_SESSION_END_OTHERS, "ib", (long long)user, keep,
		    (size_t)32) < 0 ? -1 : 1;
	return db_exec(r->db, STMT_SESSION_END_ALL, "i", (long long)user) < 0 ? -1 : 1;
}

int
db_links_revoke(struct req *r, long user)
{
	return db_exec(r->db, STMT_TOKEN_DEL_ALL, "i", (long long)user) < 0 ? -1 : 1;
}

/* ---------------------------------------------------------------- throttling (throttle.c) */

int
db_throttle_take(struct req *r, const char *key, int backoff, int backoff_max, int block_at)
{
	long long n;

	if (db_exec(r->db, STMT_THROTTLE_ROW, "s", key) < 0)
		return -1;
	n = db_exec(r->db, STMT_THROTTLE_TAKE, "iiiis", (long long)backoff,
	    (long long)backoff_max, (long long)backoff, (long long)block_at, key);
	return n < 0 ? -1 : n > 0 ? 1 : 0;
}

int
db_throttle_wait(struct req *r, const char *key)
{
	struct dbres res;

	if (db_query(r->db, r->a, &res, STMT_THROTTLE_WAIT, "s", key) < 0)
		return -1;
	return res.nrows ? (int)db_int(&res, 0, 0) : 1;
}

int
db_throttle_clear(struct req *r, const char *key)
{
	return db_exec(r->db, STMT_THROTTLE_CLEAR, "s", key) < 0 ? -1 : 1;
}

int
db_throttle_give_back(struct req *r, const char *key, int block_at)
{
	return db_exec(r->db, STMT_THROTTLE_GIVE_BACK, "is", (long long)block_at, key) < 0 ?
	    -1 : 1;
}
