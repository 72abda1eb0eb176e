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
#include "db_tel.h"
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

/* Loads number_id of operator_id into t: 1 found, 0 not found, <0 on failure. */
int
tel_load(struct req *r, long number_id, long operator_id, struct tel *t)
{
	return db_tel_get(r, number_id, operator_id, t);
}

/* Loads the number assigned to user_id of operator_id: 1 found, 0 none, <0 on failure. */
int
tel_load_user(struct req *r, long user_id, long operator_id, struct tel *t)
{
	return db_tel_of_user(r, user_id, operator_id, t);
}

/* The portal's editable features for operator_id (TEL-4); <0 on failure. */
int
tel_portal_mask(struct req *r, long operator_id)
{
	int mask = TEL_PORTAL_DEFAULT, cli = 0, moh = 0, acr = 0;

	if (db_tel_portal_may(r, operator_id, &cli, &moh, &acr) < 0)
		return -1;
	if (cli)
		mask |= TEL_F_CLI;
	if (moh)
		mask |= TEL_F_MOH;
	if (acr)
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
	int n, changed = 0;

	for (size_t i = 0; i < NCOLS; i++)
		if (col_changed(old, nt, &cols[i]))
			changed++;
	if (changed == 0)
		return 0;
	n = db_tel_save(r, old, nt);
	if (n < 0)
		return -1;
	if (n == 0)
		return TEL_STALE;
	if (db_tel_job(r, old->id) < 0)
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
number_job(struct req *r, const struct tel *t, int (*change)(struct req *, long, long),
    const char *action)
{
	int n = change(r, t->id, t->operator_id);

	if (n <= 0)
		return n;
	if (db_tel_job(r, t->id) < 0 ||
	    audit_add(r, t->occupier_id, t->user_id, t->number, action, "", "", "") < 0)
		return -1;
	return 1;
}

/* Reset PIN in the caller's transaction (see tel.h). The PBX holds the PIN, so it is told. */
int
tel_pin_reset(struct req *r, const struct tel *t)
{
	return number_job(r, t, db_tel_pin_reset, "tel.pin_reset");
}

/* Handset logout in the caller's transaction (see tel.h). */
int
tel_handset_logout(struct req *r, const struct tel *t)
{
	return number_job(r, t, db_tel_handset_logout, "tel.handset_logout");
}
