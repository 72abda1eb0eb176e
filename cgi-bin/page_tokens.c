/*
 * The user's API tokens (issue 16 item 1) on My profile and on the user's details page of
 * User management: the list of the apps signed in, each with "Revoke". A token is revoked
 * only as a token of the page's user (the signed-in user, or the user the router resolved
 * within the admin's tenancy), never by its id alone.
 */
#include <stdlib.h>
#include <string.h>

#include "app.h"
#include "audit.h"
#include "auth.h"
#include "db_users.h"
#include "pages.h"
#include "tmpl.h"

int
tokens_show(struct req *r, struct tmpl_dict *d, long user_id, const char *action,
    long *max_age)
{
	struct api_token_row *t;
	struct tmpl_dict *p;
	long first = 0;
	int n = db_api_tokens(r, user_id, &t);

	if (n < 0)
		return -1;
	/* A token leaves the list once the database's clock reaches its expiry: later than
	 * expires_in - 1 seconds after this read (that clock is read in whole seconds). One
	 * second less again for the time until the page is kept (pcache_put counts from then). */
	for (int i = 0; i < n; i++)
		if (i == 0 || t[i].expires_in < first)
			first = t[i].expires_in;
	if (max_age != NULL)
		*max_age = n == 0 ? 0 : first > 2 ? first - 2 : -1;
	p = tmpl_include(d, "API_TOKENS", r->lang, "api_tokens.tpl");
	if (n == 0)
		tmpl_show(p, "NONE");
	else
		p = tmpl_section(p, "ANY");
	for (int i = 0; i < n; i++) {
		struct tmpl_dict *s = tmpl_section(p, "TOKEN");

		tmpl_set(s, "CLIENT", *t[i].client ? t[i].client : T(r, "api_tokens_unnamed"));
		tmpl_set(s, "CREATED", t[i].created);
		tmpl_set(s, "LAST_USED", t[i].last_used);
		tmpl_set(s, "EXPIRES", t[i].expires);
		tmpl_set(s, "ACTION", action);
		tmpl_set_int(s, "TOKEN_ID", t[i].id);
	}
	return 0;
}

/* Revokes the posted token of user_id with an audit entry; 0 done, 404, or 500. */
static int
token_revoke(struct req *r, long occupier_id, long user_id, const char *label)
{
	long id;
	int rc;

	if (str_to_long(form_get(r, "token") ? form_get(r, "token") : "", 1, 0x7fffffffL,
	    &id) < 0)
		return 400;
	if (tx_begin(r) < 0)
		return 500;
	if ((rc = api_token_revoke(r, user_id, id)) <= 0 ||
	    audit_add(r, occupier_id, user_id, label, "api_token.revoke", "", "", "") < 0 ||
	    tx_commit(r) < 0) {
		tx_rollback(r);
		return rc == 0 ? 404 : 500;
	}
	return 0;
}

/* POST /profile/tokens/revoke: one of the signed-in user's own tokens. */
int
h_profile_token_revoke(struct req *r)
{
	int rc = token_revoke(r, r->me->occupier_id, r->me->id, r->me->email);

	return rc != 0 ? rc : page_redirect(r, "/profile?n=api_token_revoked");
}

/* POST {users}/ID/tokens/revoke: a token of the user of the page (User management). */
int
h_user_token_revoke(struct req *r)
{
	const struct scope *s = r->scope;
	int rc = token_revoke(r, s->occupier_id, s->user_id, r->target->email);

	return rc != 0 ? rc : page_redirect(r, arena_printf(r->a, "%s/%ld?n=api_token_revoked",
	    s->base, s->user_id));
}
