/*
 * Typed access for build/scheduler (see db_sched.h).
 */
#include <stddef.h>

#include "db.h"
#include "db_sched.h"

int
db_reminders_due(struct db *db, struct arena *a, long cap, const char ***toks)
{
	static const struct db_col tok_col[] = { { 0, DB_STR } };
	struct dbres res;

	if (db_query(db, a, &res, STMT_REMIND_DUE, "i", (long long)cap) < 0)
		return -1;
	return db_read_rows(a, &res, tok_col, 1, sizeof(**toks), (void **)toks);
}

static const struct db_col reminder_cols[] = {
	DB_COL(struct reminder, user, DB_LONG), DB_COL(struct reminder, op, DB_LONG),
	DB_COL(struct reminder, email, DB_STR), DB_COL(struct reminder, lang, DB_STR),
	DB_COL(struct reminder, first_name, DB_STR), DB_COL(struct reminder, sent, DB_LLONG),
	DB_COL(struct reminder, occ, DB_LONG), DB_COL(struct reminder, late, DB_INT),
	DB_COL(struct reminder, expires, DB_STR), DB_COL(struct reminder, label, DB_STR),
};

int
db_reminder_lock(struct db *db, struct arena *a, const char *tok, struct reminder *m)
{
	return db_get_row(db, a, DB_GET(reminder_cols), m, STMT_REMIND_CLAIM, "s", tok);
}

int
db_reminder_sent(struct db *db, const char *tok, long long n, const unsigned char hash[32])
{
	long long k;

	if ((k = db_exec(db, STMT_REMIND_MARK, "is", n, tok)) != 1)
		return k < 0 ? -1 : 0;
	if ((k = db_exec(db, STMT_REMIND_TOKEN, "bs", hash, (size_t)32, tok)) != 1)
		return k < 0 ? -1 : 0;
	return 1;
}

int
db_leavers_due(struct db *db, struct arena *a, long cap, long long **ids)
{
	static const struct db_col id_col[] = { { 0, DB_LLONG } };
	struct dbres res;

	if (db_query(db, a, &res, STMT_LEAVERS_DUE, "i", (long long)cap) < 0)
		return -1;
	return db_read_rows(a, &res, id_col, 1, sizeof(**ids), (void **)ids);
}

static const struct db_col leaver_cols[] = {
	DB_COL(struct leaver, id, DB_LLONG), DB_COL(struct leaver, op, DB_LONG),
	DB_COL(struct leaver, occ, DB_LONG), DB_COL(struct leaver, label, DB_STR),
	DB_COL(struct leaver, leave_on, DB_STR), DB_COL(struct leaver, account_state, DB_STR),
};

int
db_leaver_lock(struct db *db, struct arena *a, long long id, struct leaver *l)
{
	return db_get_row(db, a, DB_GET(leaver_cols), l, STMT_LEAVER_CLAIM, "i", id);
}

int
db_leaver_off(struct db *db, long long id, int *wifi)
{
	long long n;

	if ((n = db_exec(db, STMT_WIFI_OFF, "i", id)) < 0)
		return -1;
	*wifi = n > 0;
	n = db_exec(db, STMT_LEAVER_DONE, "i", id);
	return n < 0 ? -1 : n == 1;
}

int
db_leaver_end(struct db *db, long long id)
{
	if (db_exec(db, STMT_SESSION_END_ALL, "i", id) < 0 ||
	    db_exec(db, STMT_TOKEN_DEL_ALL, "i", id) < 0 ||
	    db_exec(db, STMT_TFA_PEND_DEL_USER, "i", id) < 0)
		return -1;
	return 1;
}

int
db_leaver_unassign(struct db *db, struct arena *a, long long id, long op, const char **number)
{
	struct dbres res;
	long long num;

	if (db_query(db, a, &res, STMT_LEAVER_NUMBER, "ii", id, (long long)op) < 0)
		return -1;
	if (res.nrows == 0)
		return 0;
	num = db_int(&res, 0, 0);
	*number = db_str(&res, 0, 1);
	if (db_exec(db, STMT_ASSIGN, "uii", 0LL, num, (long long)op) != 1 ||
	    db_exec(db, STMT_JOB, "i", num) < 0)
		return -1;
	return 1;
}
