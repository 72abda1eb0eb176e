/*
 * Phone numbers and their features (see tel.h), the model: loading a number and saving its
 * features (TEL-2..5), TEL-6's queue on the writing side (build/provisioner applies it).
 * Every query is scoped by the operator; the CLI number is looked up, never taken from the
 * form on trust. The Telephony panel is shown by tel_view.c and read from a form by tel_form.c.
 */
#include <limits.h>
#include <stddef.h>
#include <string.h>

#include "app.h"
#include "audit.h"
#include "db.h"
#include "tel.h"
#include "tmpl.h"
#include "validate.h"

/*
 * The features as columns: name (column, audit field and the "tel_" form name without its
 * prefix), where it lives in struct tel, and its kind: 'b' on/off, 's' text, 'n' the CLI
 * number. tel_save() writes and audits them in this order.
 */
static const struct tel_col {
	const char *col;
	size_t off;
	char kind;
	int feature;
} cols[] = {
	{ "fwd_always", offsetof(struct tel, fwd_always), 'b', TEL_F_FORWARDING },
	{ "fwd_always_to", offsetof(struct tel, fwd_always_to), 's', TEL_F_FORWARDING },
	{ "fwd_busy", offsetof(struct tel, fwd_busy), 'b', TEL_F_FORWARDING },
	{ "fwd_busy_to", offsetof(struct tel, fwd_busy_to), 's', TEL_F_FORWARDING },
	{ "fwd_noanswer", offsetof(struct tel, fwd_noanswer), 'b', TEL_F_FORWARDING },
	{ "fwd_noanswer_to", offsetof(struct tel, fwd_noanswer_to), 's', TEL_F_FORWARDING },
	{ "voicemail", offsetof(struct tel, voicemail), 'b', TEL_F_VOICEMAIL },
	{ "vm_to_email", offsetof(struct tel, vm_to_email), 'b', TEL_F_VOICEMAIL },
	{ "vm_email", offsetof(struct tel, vm_email), 's', TEL_F_VOICEMAIL },
	{ "call_waiting", offsetof(struct tel, call_waiting), 'b', TEL_F_CALL_WAITING },
	{ "dnd", offsetof(struct tel, dnd), 'b', TEL_F_DND },
	{ "cli", offsetof(struct tel, cli), 'b', TEL_F_CLI },
	{ "cli_number_id", offsetof(struct tel, cli_number_id), 'n', TEL_F_CLI },
	{ "hide_caller_id", offsetof(struct tel, hide_caller_id), 'b', TEL_F_HIDE_CALLER_ID },
	{ "auth_code", offsetof(struct tel, auth_code), 'b', TEL_F_AUTH_CODE },
	{ "music_on_hold", offsetof(struct tel, music_on_hold), 'b', TEL_F_MOH },
	{ "anon_reject", offsetof(struct tel, anon_reject), 'b', TEL_F_ACR },
};
#define NCOLS (sizeof(cols) / sizeof(cols[0]))

static int
col_int(const struct tel *t, const struct tel_col *c)
{
	return *(const int *)((const char *)t + c->off);
}

static const char *
col_str(const struct tel *t, const struct tel_col *c)
{
	const char *s = *(const char *const *)((const char *)t + c->off);

	return s ? s : "";
}

static long
col_long(const struct tel *t, const struct tel_col *c)
{
	return *(const long *)((const char *)t + c->off);
}

/* Copies row 0 of res (columns of TEL_SELECT) into t. */
static void
tel_from_row(const struct dbres *res, struct tel *t)
{
	int c = 0;

	memset(t, 0, sizeof(*t));
	t->id = (long)db_int(res, 0, c++);
	t->operator_id = (long)db_int(res, 0, c++);
	t->site_id = (long)db_int(res, 0, c++);
	t->occupier_id = (long)db_int(res, 0, c++);
	t->user_id = (long)db_int(res, 0, c++);
	t->version = (long)db_int(res, 0, c++);
	t->pending = (int)db_int(res, 0, c++);
	t->number = db_str(res, 0, c++);
	t->extension = db_str(res, 0, c++);
	t->site_name = db_str(res, 0, c++);
	t->default_pin = db_str(res, 0, c++);
	t->custom_pin = (int)db_int(res, 0, c++);
	t->handset_type = db_str(res, 0, c++);
	t->handset_logged_in = (int)db_int(res, 0, c++);
	t->fwd_always = (int)db_int(res, 0, c++);
	t->fwd_always_to = db_str(res, 0, c++);
	t->fwd_busy = (int)db_int(res, 0, c++);
	t->fwd_busy_to = db_str(res, 0, c++);
	t->fwd_noanswer = (int)db_int(res, 0, c++);
	t->fwd_noanswer_to = db_str(res, 0, c++);
	t->voicemail = (int)db_int(res, 0, c++);
	t->vm_to_email = (int)db_int(res, 0, c++);
	t->vm_email = db_str(res, 0, c++);
	t->call_waiting = (int)db_int(res, 0, c++);
	t->dnd = (int)db_int(res, 0, c++);
	t->cli = (int)db_int(res, 0, c++);
	t->cli_number_id = (long)db_int(res, 0, c++);
	t->cli_number = db_str(res, 0, c++);
	t->hide_caller_id = (int)db_int(res, 0, c++);
	t->auth_code = (int)db_int(res, 0, c++);
	t->music_on_hold = (int)db_int(res, 0, c++);
	t->anon_reject = (int)db_int(res, 0, c++);
}

/* Loads number_id of operator_id into t: 1 found, 0 not found, <0 on failure. */
int
tel_load(struct req *r, long number_id, long operator_id, struct tel *t)
{
	struct dbres res;

	if (db_query(r->db, r->a, &res, STMT_TEL_BY_ID, "ii", (long long)number_id,
	    (long long)operator_id) < 0)
		return -1;
	if (res.nrows == 0)
		return 0;
	tel_from_row(&res, t);
	return 1;
}

/* The row of the number assigned to user_id of operator_id (none when it has none). */
int
tel_user_rows(struct req *r, long user_id, long operator_id, struct dbres *res)
{
	return db_query(r->db, r->a, res, STMT_TEL_BY_USER, "ii", (long long)user_id,
	    (long long)operator_id);
}

/* t from the rows of tel_user_rows: 1, or 0 when there are none. */
int
tel_of_rows(const struct dbres *res, struct tel *t)
{
	if (res->nrows == 0)
		return 0;
	tel_from_row(res, t);
	return 1;
}

/* Loads the number assigned to user_id of operator_id: 1 found, 0 none, <0 on failure. */
int
tel_load_user(struct req *r, long user_id, long operator_id, struct tel *t)
{
	struct dbres res;

	if (tel_user_rows(r, user_id, operator_id, &res) < 0)
		return -1;
	return tel_of_rows(&res, t);
}

/* The portal's editable features for operator_id (TEL-4); <0 on failure. */
int
tel_portal_mask(struct req *r, long operator_id)
{
	struct dbres res;
	int mask = TEL_PORTAL_DEFAULT;

	if (db_query(r->db, r->a, &res, STMT_PORTAL_MASK, "i", (long long)operator_id) < 0)
		return -1;
	if (res.nrows == 0)
		return mask;
	if (db_int(&res, 0, 0))
		mask |= TEL_F_CLI;
	if (db_int(&res, 0, 1))
		mask |= TEL_F_MOH;
	if (db_int(&res, 0, 2))
		mask |= TEL_F_ACR;
	return mask;
}

/* ------------------------------------------------------------------ saving */

/* The audit text of one column's value; never a PIN (there is none among the columns). */
static const char *
audit_value(const struct tel *t, const struct tel_col *c)
{
	switch (c->kind) {
	case 'b':
		return col_int(t, c) ? "on" : "off";
	case 'n':
		return t->cli_number_id ? (t->cli_number ? t->cli_number : "") : "";
	default:
		return col_str(t, c);
	}
}

static int
col_changed(const struct tel *a, const struct tel *b, const struct tel_col *c)
{
	switch (c->kind) {
	case 'b':
		return col_int(a, c) != col_int(b, c);
	case 'n':
		return col_long(a, c) != col_long(b, c);
	default:
		return strcmp(col_str(a, c), col_str(b, c)) != 0;
	}
}

/* Saves nt over old in the caller's transaction (see tel.h). */
int
tel_save(struct req *r, const struct tel *old, const struct tel *nt)
{
	long long n;
	int changed = 0;

	for (size_t i = 0; i < NCOLS; i++)
		if (col_changed(old, nt, &cols[i]))
			changed++;
	if (changed == 0)
		return 0;
	n = db_exec(r->db, STMT_TEL_SAVE, "isisisiisiiiuiiiiiii",
	    (long long)nt->fwd_always, nt->fwd_always_to ? nt->fwd_always_to : "",
	    (long long)nt->fwd_busy, nt->fwd_busy_to ? nt->fwd_busy_to : "",
	    (long long)nt->fwd_noanswer, nt->fwd_noanswer_to ? nt->fwd_noanswer_to : "",
	    (long long)nt->voicemail, (long long)nt->vm_to_email,
	    nt->vm_email ? nt->vm_email : "", (long long)nt->call_waiting,
	    (long long)nt->dnd, (long long)nt->cli, (long long)nt->cli_number_id,
	    (long long)nt->hide_caller_id, (long long)nt->auth_code,
	    (long long)nt->music_on_hold, (long long)nt->anon_reject,
	    (long long)old->id, (long long)old->operator_id, (long long)old->version);
	if (n < 0)
		return -1;
	if (n == 0)
		return TEL_STALE;
	if (db_exec(r->db, STMT_JOB, "i", (long long)old->id) < 0)
		return -1;
	for (size_t i = 0; i < NCOLS; i++) {
		if (!col_changed(old, nt, &cols[i]))
			continue;
		if (audit_add(r, old->occupier_id, old->user_id, old->number, "tel.update",
		    cols[i].col, audit_value(old, &cols[i]), audit_value(nt, &cols[i])) < 0)
			return -1;
	}
	return changed;
}

/*
 * A one-statement change of the number that the PBX must be told of, in the caller's
 * transaction: the statement, a provisioning job and the audit entry. 1 done, 0 not
 * applicable, <0 failure.
 */
static int
number_job(struct req *r, const struct tel *t, enum stmt st, const char *action)
{
	long long n = db_exec(r->db, st, "ii", (long long)t->id, (long long)t->operator_id);

	if (n <= 0)
		return n < 0 ? -1 : 0;
	if (db_exec(r->db, STMT_JOB, "i", (long long)t->id) < 0 ||
	    audit_add(r, t->occupier_id, t->user_id, t->number, action, "", "", "") < 0)
		return -1;
	return 1;
}

/* Reset PIN in the caller's transaction (see tel.h). The PBX holds the PIN, so it is told. */
int
tel_pin_reset(struct req *r, const struct tel *t)
{
	return number_job(r, t, STMT_PIN_RESET, "tel.pin_reset");
}

/* Handset logout in the caller's transaction (see tel.h). */
int
tel_handset_logout(struct req *r, const struct tel *t)
{
	return number_job(r, t, STMT_HANDSET_LOGOUT, "tel.handset_logout");
}
