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

/* UM-7: deletes the user (um_delete) once confirmed. */
int
h_user_delete(struct req *r)
{
	const struct scope *s = r->scope;
	int rc;

	if (!str_eq(form_get(r, "confirmed"), "1"))
		return h_user_delete_form(r);   /* not confirmed yet (no JavaScript): ask first */
	if ((rc = um_delete(r, s, r->target)) != 0)
		return rc;
	return page_redirect(r, arena_printf(r->a, "%s?n=user_deleted", s->base));
}

/* UM-6: a fresh invitation link, killing the old one (um_resend). */
int
h_user_resend(struct req *r)
{
	const struct scope *s = r->scope;
	int rc;

	if ((rc = um_resend(r, s, r->target)) != 0)
		return rc;
	return page_redirect(r, arena_printf(r->a, "%s/%ld?n=invite_sent", s->base, s->user_id));
}

/* UM-8, AUTH-7 (um_account). */
int
h_user_account(struct req *r)
{
	const struct scope *s = r->scope;
	const char *action = form_get(r, "action");
	int rc;

	/* the page answers any refused account action 400 (its button is not even shown for
	 * one's own account); the API tells the two apart */
	if ((rc = um_account(r, s, r->target, action)) != 0)
		return rc == 403 ? 400 : rc;
	return page_redirect(r, arena_printf(r->a, "%s/%ld?n=%s", s->base, s->user_id,
	    str_eq(action, "deactivate") ? "account_deactivated" : "account_reactivated"));
}

/* WIFI-3: a new password for an ACTIVE account, emailed (um_wifi_reset). */
int
h_user_wifi_reset(struct req *r)
{
	const struct scope *s = r->scope;
	int rc;

	if ((rc = um_wifi_reset(r, s)) != 0)
		return rc;
	return page_redirect(r, arena_printf(r->a, "%s/%ld?n=wifi_password_sent", s->base,
	    s->user_id));
}

/* WIFI-2 from the details page: deactivates or reactivates the Wi-Fi account. */
int
h_user_wifi(struct req *r)
{
	const struct scope *s = r->scope;
	const char *action = form_get(r, "action");
	int off = str_eq(action, "deactivate"), rc;

	if (!off && !str_eq(action, "reactivate"))
		return 400;
	if (tx_begin(r) < 0)
		return 500;
	rc = off ? wifi_deactivate(r, s->operator_id, s->occupier_id, s->user_id) :
	    wifi_reactivate(r, s->operator_id, s->occupier_id, s->user_id);
	if (rc <= 0 || tx_commit(r) < 0) {
		tx_rollback(r);
		return rc == 0 ? 400 : 500;
	}
	return page_redirect(r, arena_printf(r->a, "%s/%ld?n=%s", s->base, s->user_id,
	    off ? "wifi_deactivated" : "wifi_reactivated"));
}

/*
 * AUTH-6 from the details page: the invitation to the portal or the app (to=portal|app);
 * for team members the platform's (to=portal), never for the role User, who cannot sign in.
 */
int
h_user_invite(struct req *r)
{
	const struct scope *s = r->scope;
	const struct urow *u = r->target;
	int portal = str_eq(form_get(r, "to"), "portal");
	int app = str_eq(form_get(r, "to"), "app"), rc;

	if (!s->experience || (!portal && !app) || (s->team && (app || !u->is_admin)))
		return 400;
	if (tx_begin(r) < 0)
		return 500;
	rc = user_invite(r, s->operator_id, s->occupier_id, s->user_id, portal, app);
	if (rc <= 0 || tx_commit(r) < 0) {
		tx_rollback(r);
		return rc == 0 ? 400 : 500;
	}
	return page_redirect(r, arena_printf(r->a, "%s/%ld?n=invite_sent", s->base, s->user_id));
}
