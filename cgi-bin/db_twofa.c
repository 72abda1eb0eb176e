/*
 * Typed access for two-factor sign-in (see db_twofa.h).
 */
#include "app.h"
#include "db.h"
#include "db_twofa.h"

static const struct db_col tfa_cols[] = {
	DB_COL(struct tfa_row, secret_hex, DB_STRN), DB_COL(struct tfa_row, last_step, DB_LLONG),
	DB_COL(struct tfa_row, email, DB_STR), DB_COL(struct tfa_row, required, DB_INT),
	DB_COL(struct tfa_row, issuer, DB_STR), DB_COL(struct tfa_row, recovery_left, DB_LONG),
	DB_COL(struct tfa_row, op, DB_LONG), DB_COL(struct tfa_row, occ, DB_LONG),
};

int
db_tfa_user(struct req *r, long user, struct tfa_row *t)
{
	return db_get_row(r->db, r->a, DB_GET(tfa_cols), t, STMT_TFA_USER, "i",
	    (long long)user);
}

int
db_tfa_recovery_list(struct req *r, long user, const char ***hashes)
{
	static const struct db_col hash_col[] = { { 0, DB_STR } };
	struct dbres res;

	if (db_query(r->db, r->a, &res, STMT_TFA_REC_LIST, "i", (long long)user) < 0)
		return -1;
	return db_read_rows(r->a, &res, hash_col, 1, sizeof(**hashes), (void **)hashes);
}

/* 1 when exactly one row changed, 0 none, <0 failure. */
static int
one(long long n)
{
	return n < 0 ? -1 : n == 1;
}

int
db_tfa_recovery_use(struct req *r, long user, const char *h)
{
	return one(db_exec(r->db, STMT_TFA_REC_USE, "is", (long long)user, h));
}

int
db_tfa_recovery_add(struct req *r, long user, const char *h)
{
	return one(db_exec(r->db, STMT_TFA_REC_ADD, "is", (long long)user, h));
}

int
db_tfa_step(struct req *r, long user, long long step)
{
	return one(db_exec(r->db, STMT_TFA_STEP, "iii", step, (long long)user, step));
}

int
db_tfa_enable(struct req *r, long user, const char *hex, long long step)
{
	int rc = one(db_exec(r->db, STMT_TFA_ENABLE, "sii", hex, step, (long long)user));

	if (rc <= 0)
		return rc;
	return db_exec(r->db, STMT_TFA_REC_DEL, "i", (long long)user) < 0 ? -1 : 1;
}

int
db_tfa_reset(struct req *r, long op, long occ, long user)
{
	long long n = db_exec(r->db, STMT_TFA_RESET, "iiu", (long long)user, (long long)op,
	    (long long)occ);

	if (n <= 0)
		return n < 0 ? -1 : 0;
	if (db_exec(r->db, STMT_TFA_REC_DEL, "i", (long long)user) < 0 ||
	    db_exec(r->db, STMT_TFA_PEND_DEL_USER, "i", (long long)user) < 0)
		return -1;
	return 1;
}

int
db_tfa_pending_add(struct req *r, const unsigned char hash[32], long user, const char *purpose,
    const char *next, const char *sealed, long seconds)
{
	return one(db_exec(r->db, STMT_TFA_PEND_ADD, "bisssi", hash, (size_t)32, (long long)user,
	    purpose, next, sealed, (long long)seconds));
}

static const struct db_col pending_cols[] = {
	DB_COL(struct tfa_pending_row, user, DB_LONG),
	DB_COL(struct tfa_pending_row, purpose, DB_STR),
	DB_COL(struct tfa_pending_row, next, DB_STR),
	DB_COL(struct tfa_pending_row, secret_hex, DB_STRN),
	DB_COL(struct tfa_pending_row, email, DB_STR),
};

int
db_tfa_pending_get(struct req *r, const unsigned char hash[32], long tries,
    struct tfa_pending_row *p)
{
	return db_get_row(r->db, r->a, DB_GET(pending_cols), p, STMT_TFA_PEND_GET, "bi", hash,
	    (size_t)32, (long long)tries);
}

int
db_tfa_pending_fail(struct req *r, const unsigned char hash[32])
{
	return (int)db_exec(r->db, STMT_TFA_PEND_FAIL, "b", hash, (size_t)32);
}

int
db_tfa_pending_del(struct req *r, const unsigned char hash[32])
{
	return (int)db_exec(r->db, STMT_TFA_PEND_DEL, "b", hash, (size_t)32);
}

int
db_tfa_settings(struct req *r, long op, int *required, int *reminders)
{
	struct dbres res;

	if (db_query(r->db, r->a, &res, STMT_TFA_SETTINGS, "i", (long long)op) < 0)
		return -1;
	if (res.nrows == 0)
		return 0;
	*required = (int)db_int(&res, 0, 0);
	*reminders = (int)db_int(&res, 0, 1);
	return 1;
}

int
db_tfa_settings_save(struct req *r, long op, int required, int reminders)
{
	return db_exec(r->db, STMT_TFA_SETTINGS_SAVE, "iii", (long long)required,
	    (long long)reminders, (long long)op) < 0 ? -1 : 1;
}
