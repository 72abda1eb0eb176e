/*
 * Typed access for one phone number and its features (see db_tel.h).
 */
#include <string.h>

#include "app.h"
#include "db.h"
#include "db_tel.h"
#include "tel.h"

/* The columns of TEL_SELECT (stmt_phone.h), in order. */
static const struct db_col tel_cols[] = {
	DB_COL(struct tel, id, DB_LONG), DB_COL(struct tel, operator_id, DB_LONG),
	DB_COL(struct tel, site_id, DB_LONG), DB_COL(struct tel, occupier_id, DB_LONG),
	DB_COL(struct tel, user_id, DB_LONG), DB_COL(struct tel, version, DB_LONG),
	DB_COL(struct tel, pending, DB_INT), DB_COL(struct tel, number, DB_STR),
	DB_COL(struct tel, extension, DB_STR), DB_COL(struct tel, site_name, DB_STR),
	DB_COL(struct tel, default_pin, DB_STR), DB_COL(struct tel, custom_pin, DB_INT),
	DB_COL(struct tel, handset_type, DB_STR), DB_COL(struct tel, handset_logged_in, DB_INT),
	DB_COL(struct tel, fwd_always, DB_INT), DB_COL(struct tel, fwd_always_to, DB_STR),
	DB_COL(struct tel, fwd_busy, DB_INT), DB_COL(struct tel, fwd_busy_to, DB_STR),
	DB_COL(struct tel, fwd_noanswer, DB_INT), DB_COL(struct tel, fwd_noanswer_to, DB_STR),
	DB_COL(struct tel, voicemail, DB_INT), DB_COL(struct tel, vm_to_email, DB_INT),
	DB_COL(struct tel, vm_email, DB_STR), DB_COL(struct tel, call_waiting, DB_INT),
	DB_COL(struct tel, dnd, DB_INT), DB_COL(struct tel, cli, DB_INT),
	DB_COL(struct tel, cli_number_id, DB_LONG), DB_COL(struct tel, cli_number, DB_STR),
	DB_COL(struct tel, hide_caller_id, DB_INT), DB_COL(struct tel, auth_code, DB_INT),
	DB_COL(struct tel, music_on_hold, DB_INT), DB_COL(struct tel, anon_reject, DB_INT),
};

int
db_tel_of_rows(const struct dbres *res, struct tel *t)
{
	memset(t, 0, sizeof(*t));
	if (res->nrows == 0)
		return 0;
	db_read_row(res, 0, tel_cols, DB_NCOLS(tel_cols), t);
	return 1;
}

int
db_tel_get(struct req *r, long id, long op, struct tel *t)
{
	struct dbres res;

	if (db_query(r->db, r->a, &res, STMT_TEL_BY_ID, "ii", (long long)id, (long long)op) < 0)
		return -1;
	return db_tel_of_rows(&res, t);
}

int
db_tel_user_rows(struct req *r, long user, long op, struct dbres *res)
{
	return db_query(r->db, r->a, res, STMT_TEL_BY_USER, "ii", (long long)user,
	    (long long)op);
}

int
db_tel_of_user(struct req *r, long user, long op, struct tel *t)
{
	struct dbres res;

	if (db_tel_user_rows(r, user, op, &res) < 0)
		return -1;
	return db_tel_of_rows(&res, t);
}

int
db_tel_portal_may(struct req *r, long op, int *cli, int *moh, int *acr)
{
	struct dbres res;

	if (db_query(r->db, r->a, &res, STMT_PORTAL_MASK, "i", (long long)op) < 0)
		return -1;
	if (res.nrows == 0)
		return 0;
	*cli = db_int(&res, 0, 0) != 0;
	*moh = db_int(&res, 0, 1) != 0;
	*acr = db_int(&res, 0, 2) != 0;
	return 1;
}

static const char *
or_empty(const char *s)
{
	return s ? s : "";
}

int
db_tel_save(struct req *r, const struct tel *old, const struct tel *nt)
{
	long long n = db_exec(r->db, STMT_TEL_SAVE, "isisisiisiiiuiiiiiii",
	    (long long)nt->fwd_always, or_empty(nt->fwd_always_to), (long long)nt->fwd_busy,
	    or_empty(nt->fwd_busy_to), (long long)nt->fwd_noanswer,
	    or_empty(nt->fwd_noanswer_to), (long long)nt->voicemail, (long long)nt->vm_to_email,
	    or_empty(nt->vm_email), (long long)nt->call_waiting, (long long)nt->dnd,
	    (long long)nt->cli, (long long)nt->cli_number_id, (long long)nt->hide_caller_id,
	    (long long)nt->auth_code, (long long)nt->music_on_hold, (long long)nt->anon_reject,
	    (long long)old->id, (long long)old->operator_id, (long long)old->version);

	return n < 0 ? -1 : n > 0;
}

int
db_tel_job(struct req *r, long id)
{
	return db_exec(r->db, STMT_JOB, "i", (long long)id) < 0 ? -1 : 1;
}

int
db_tel_pin_reset(struct req *r, long id, long op)
{
	long long n = db_exec(r->db, STMT_PIN_RESET, "ii", (long long)id, (long long)op);

	return n < 0 ? -1 : n > 0;
}

int
db_tel_handset_logout(struct req *r, long id, long op)
{
	long long n = db_exec(r->db, STMT_HANDSET_LOGOUT, "ii", (long long)id, (long long)op);

	return n < 0 ? -1 : n > 0;
}

static const struct db_col cli_cols[] = {
	DB_COL(struct cli_choice, id, DB_LONG), DB_COL(struct cli_choice, number, DB_STR),
	DB_COL(struct cli_choice, extension, DB_STR),
};

int
db_cli_choices(struct req *r, const struct tel *t, struct cli_choice **rows)
{
	return db_get_rows(r->db, r->a, DB_GET(cli_cols), sizeof(**rows), (void **)rows,
	    STMT_CLI_CHOICES, "iiui", (long long)t->operator_id, (long long)t->site_id,
	    (long long)t->occupier_id, (long long)t->id);
}

int
db_cli_check(struct req *r, const struct tel *t, long id, const char **number)
{
	struct dbres res;

	if (db_query(r->db, r->a, &res, STMT_CLI_CHECK, "iiuii", (long long)t->operator_id,
	    (long long)t->site_id, (long long)t->occupier_id, (long long)t->id,
	    (long long)id) < 0)
		return -1;
	if (res.nrows == 0)
		return 0;
	*number = db_str(&res, 0, 0);
	return 1;
}
