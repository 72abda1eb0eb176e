/*
 * Typed access for build/mailer (see db_mailer.h).
 */
#include <stddef.h>

#include "db.h"
#include "db_mailer.h"
#include "mailmsg.h"
#include "util.h"

int
db_mail_due(struct db *db, struct arena *a, long long **ids)
{
	static const struct db_col id_col[] = { { 0, DB_LLONG } };
	struct dbres res;

	if (db_query(db, a, &res, STMT_DUE, "") < 0)
		return -1;
	return db_read_rows(a, &res, id_col, 1, sizeof(**ids), (void **)ids);
}

static const struct db_col claim_cols[] = {
	DB_COL(struct outmsg, to, DB_STR), DB_COL(struct outmsg, subject, DB_STR),
	DB_COL(struct outmsg, text_hex, DB_STR), DB_COL(struct outmsg, html_hex, DB_STR),
	DB_COL(struct outmsg, attempts, DB_LLONG), DB_COL(struct outmsg, created, DB_LLONG),
};

int
db_mail_lock(struct db *db, struct arena *a, long long id, struct outmsg *m, long long *op)
{
	struct dbres res;

	if (db_query(db, a, &res, STMT_CLAIM, "i", id) < 0)
		return -1;
	if (res.nrows == 0)
		return 0;
	db_read_row(&res, 0, claim_cols, DB_NCOLS(claim_cols), m);
	*op = db_int(&res, 0, DB_NCOLS(claim_cols));
	return 1;
}

int
db_mail_take(struct db *db, long long id, const char *token, long long lease)
{
	return db_exec(db, STMT_MAIL_TAKE, "sii", token, lease, id) < 0 ? -1 : 1;
}

int
db_mail_operator_name(struct db *db, struct arena *a, long long op, const char **name)
{
	struct dbres res;

	if (db_query(db, a, &res, STMT_OPERATOR_NAME, "i", op) < 0)
		return -1;
	if (res.nrows == 0)
		return 0;
	*name = db_str(&res, 0, 0);
	return 1;
}

int
db_mail_sent(struct db *db, long long id, const char *token)
{
	long long n = db_exec(db, STMT_MAIL_SENT, "is", id, token);

	return n < 0 ? -1 : n > 0;
}

int
db_mail_failed(struct db *db, long long id, const char *token, long long wait, const char *err)
{
	return (int)db_exec(db, STMT_MAIL_FAILED, "isis", wait, err, id, token);
}

int
db_mail_state(struct db *db, struct arena *a, long long id, int *sent, const char **token)
{
	struct dbres res;

	if (db_query(db, a, &res, STMT_MAIL_ROW_STATE, "i", id) < 0)
		return -1;
	if (res.nrows == 0)
		return 0;
	*sent = db_int(&res, 0, 0) == 1;
	*token = db_str(&res, 0, 1);
	return 1;
}

int
db_mail_give_back(struct db *db, long long id, const char *token)
{
	return (int)db_exec(db, STMT_MAIL_GIVE_BACK, "is", id, token);
}
