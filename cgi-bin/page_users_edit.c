/*
 * UM-5..9, WIFI-1/2, TEL-3..5: the edit form of User management (portal and platform) and
 * its save, in one transaction (the form itself: page_users_form.c).
 */
#include <stdio.h>
#include <string.h>

#include "app.h"
#include "audit.h"
#include "auth.h"
#include "i18n.h"
#include "listidx.h"
#include "mail.h"
#include "pages.h"
#include "pcache.h"
#include "tel.h"
#include "tmpl.h"
#include "userform.h"
#include "users.h"
#include "validate.h"

void
form_state_of_user(struct form_state *f, const struct urow *u)
{
	memset(f, 0, sizeof(*f));
	f->in.first_name = u->first_name;
	f->in.last_name = u->last_name;
	f->in.email = u->email;
	f->in.job_title = u->job_title;
	f->in.mobile_phone = u->mobile;
	f->in.direct_line = u->direct;
	f->in.language = u->language;
	f->in.role = u->role;
	f->in.device_limit = u->wifi == ST_NO_ACCOUNT ? "3" : u->wifi_limit;
	f->in.homesite = u->wifi_site_id;
	f->version = u->version;
	f->wifi_action = "";
}

int
h_user_edit_form(struct req *r)
{
	const struct scope *s = r->scope;
	const struct urow *u = r->target;
	struct form_state f;

	form_state_of_user(&f, u);
	f.in.wifi = str_eq(query_get(r, "wifi"), "1");  /* "Create a Wi-Fi account" */
	if (tel_prepare(r, s, &f) < 0 || (s->team && team_form_load(r, s, u, &f) < 0))
		return 500;
	return form_page(r, s, u, &f, 200);
}


/* UM-5..9: saves the edit form (um_edit); the form again with its messages when refused. */
int
h_user_edit(struct req *r)
{
	const struct scope *s = r->scope;
	const struct urow *u = r->target;
	struct form_state f;
	int rc;

	memset(&f, 0, sizeof(f));
	form_read(r, &f);
	if ((rc = um_edit(r, s, u, &f)) == 400 || rc == 409)
		return form_page(r, s, u, &f, rc);
	if (rc != 0)
		return rc;
	return page_redirect(r, arena_printf(r->a, "%s/%ld?n=changes_saved", s->base, s->user_id));
}
