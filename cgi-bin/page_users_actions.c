/*
 * UM-6..8, WIFI-3: the actions on one user of User management (portal and platform): delete
 * (with its confirmation page), resend the invitation, deactivate or reactivate the account,
 * reset the Wi-Fi password.
 */
#include <stdio.h>
#include <string.h>

#include "app.h"
#include "audit.h"
#include "auth.h"
#include "i18n.h"
#include "listidx.h"
#include "link.h"
#include "mail.h"
#include "pages.h"
#include "pcache.h"
#include "tel.h"
#include "tmpl.h"
#include "userform.h"
#include "users.h"
#include "validate.h"

/* UM-7 without JavaScript: a confirmation page. */
int
h_user_delete_form(struct req *r)
{
	const struct scope *s = r->scope;
	const struct urow *u = r->target;
	struct tmpl_dict *d;

	if (!user_may_delete(r, s, atol(u->id), u->is_admin))
		return 403;
	if ((d = page_start(r, "user_delete.tpl", "delete_user")) == NULL)
		return 500;
	scope_show(r, s, d);
	tmpl_set(d, "ID", u->id);
	tmpl_set(d, "NAME", arena_printf(r->a, "%s %s", u->first_name, u->last_name));
	tmpl_set(d, "EMAIL", u->email);
	return page_finish(r);
}

/* UM-7: deletes the user in one transaction; never an admin from the portal. */
int
h_user_delete(struct req *r)
{
	const struct scope *s = r->scope;
	const struct urow *u = r->target;
	int rc;

	if (!user_may_delete(r, s, atol(u->id), u->is_admin))
		return 403;
	if (!str_eq(form_get(r, "confirmed"), "1"))
		return h_user_delete_form(r);   /* not confirmed yet (no JavaScript): ask first */
	if (tx_begin(r) < 0)
		return 500;
	rc = user_delete(r, s->operator_id, s->occupier_id, s->user_id, s->platform);
	if (rc <= 0 || tx_commit(r) < 0) {
		tx_rollback(r);
		return rc == 0 ? 404 : 500;
	}
	return page_redirect(r, arena_printf(r->a, "%s?n=user_deleted", s->base));
}

/* UM-6: a fresh invitation link, killing the old one; only while awaiting validation. */
int
h_user_resend(struct req *r)
{
	const struct scope *s = r->scope;
	const struct urow *u = r->target;

	if (!s->experience || u->account != ST_AWAITING_VALIDATION)
		return 400;
	if (tx_begin(r) < 0)
		return 500;
	if (link_issue(r, s->user_id, s->operator_id, u->email, u->language, u->first_name,
	    "invite", "invite") < 0 ||
	    audit_add(r, s->occupier_id, s->user_id, u->email, "user.invite_resend", "", "",
	    "") < 0 || tx_commit(r) < 0) {
		tx_rollback(r);
		return 500;
	}
	return page_redirect(r, arena_printf(r->a, "%s/%ld?n=invite_sent", s->base, s->user_id));
}

/* UM-8, AUTH-7: deactivating ends the user's sessions at once. */
int
h_user_account(struct req *r)
{
	const struct scope *s = r->scope;
	const struct urow *u = r->target;
	const char *action = form_get(r, "action");
	int off = str_eq(action, "deactivate");
	int n;

	if ((!off && !str_eq(action, "reactivate")) || !user_may_change_account(r, s->user_id))
		return 400;
	if (tx_begin(r) < 0)
		return 500;
	n = db_user_account_set(r, s->operator_id, s->occupier_id, s->user_id, off);
	if (n < 0 || (n > 0 && off && account_revoke(r, s->user_id) < 0) ||
	    (n > 0 && audit_add(r, s->occupier_id, s->user_id, u->email, "user.update",
	    "account_state", u->account_state, state_name(off ? ST_DEACTIVATED : ST_ACTIVE)) < 0) ||
	    tx_commit(r) < 0) {
		tx_rollback(r);
		return 500;
	}
	return page_redirect(r, arena_printf(r->a, "%s/%ld?n=%s", s->base, s->user_id,
	    off ? "account_deactivated" : "account_reactivated"));
}

/* WIFI-3: a new password for an ACTIVE account, emailed. */
int
h_user_wifi_reset(struct req *r)
{
	const struct scope *s = r->scope;
	int rc;

	if (tx_begin(r) < 0)
		return 500;
	rc = wifi_reset_password(r, s->operator_id, s->occupier_id, s->user_id);
	if (rc <= 0 || tx_commit(r) < 0) {
		tx_rollback(r);
		return rc == 0 ? 400 : 500;
	}
	return page_redirect(r, arena_printf(r->a, "%s/%ld?n=wifi_password_sent", s->base,
	    s->user_id));
}
