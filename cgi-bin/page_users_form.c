/*
 * UM-3, UM-4, WIFI-1/2: the add and edit form of User management (portal and platform),
 * and the save of a new user in one transaction (the edit's save: page_users_edit.c).
 */
#include <stdio.h>
#include <string.h>

#include "app.h"
#include "fieldview.h"
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

/* The heading, action and cancel link of the add or the edit form. */
static void
form_head(struct req *r, const struct scope *s, const struct urow *u,
    const struct form_state *f, struct tmpl_dict *d)
{
	if (u != NULL) {
		tmpl_show(d, "EDITING");
		tmpl_set(d, "HEADING", T(r, s->team ? "plat_acc_edit_member" : "edit_user"));
		tmpl_set(d, "ACTION", arena_printf(r->a, "%s/%s/edit", s->base, u->id));
		tmpl_set(d, "CANCEL", arena_printf(r->a, "%s/%s", s->base, u->id));
		tmpl_set(d, "ID", u->id);
		tmpl_set(d, "VERSION", f->version);
		tmpl_set(d, "NAME", arena_printf(r->a, "%s %s", u->first_name, u->last_name));
	} else {
		tmpl_show(d, "ADDING");
		tmpl_set(d, "ACTION", arena_printf(r->a, "%s/new", s->base));
		tmpl_set(d, "CANCEL", s->base);
	}
}

/* The error summary (returned, NULL without errors), the conflict notice and the typed
 * values of the fields. */
static struct tmpl_dict *
form_fields(struct req *r, const struct urow *u, const struct form_state *f,
    struct tmpl_dict *d)
{
	struct tmpl_dict *sum = NULL;

	if (f->err.n || f->tel_err.n || f->sites_error || f->invite_error) {
		sum = tmpl_section(d, "ERRORS");

		tel_error_items(r, sum, &f->tel_err, "TEL_ERROR");
		for (int i = 0; i < UF__MAX; i++) {
			struct tmpl_dict *e;

			if (f->err.msg[i] == NULL)
				continue;
			e = tmpl_section(sum, "ERROR");
			tmpl_set(e, "FIELD", uf_names[i]);
			tmpl_set(e, "MESSAGE", T(r, f->err.msg[i]));
		}
	}
	if (f->conflict != NULL) {
		struct tmpl_dict *c = tmpl_section(d, "CONFLICT");

		tmpl_set(c, "MESSAGE", T(r, f->conflict));
	}
	for (int i = 0; i < UF__MAX; i++) {
		const char *v = user_field_value(&f->in, (enum uf_field)i);

		switch (i) {
		case UF_FIRST_NAME: case UF_LAST_NAME: case UF_JOB_TITLE: case UF_MOBILE:
			field_show(r, d, (enum uf_field)i, v, f->err.msg[i], NULL);
			break;
		case UF_DIRECT:         /* replaced by the assigned number's line when it has one */
			if (u == NULL || u->number == NULL)
				field_show(r, tmpl_section(d, "DIRECT"), (enum uf_field)i, v,
				    f->err.msg[i], NULL);
			break;
		case UF_VERSION:
			break;
		default:
			form_field(r, d, NULL, uf_names[i], v, f->err.msg[i]);
		}
	}
	tmpl_set_int(d, "EMAIL_MAX", (long)user_fields[UF_EMAIL].max);
	for (size_t i = 0; i < i18n_nlangs(); i++) {
		struct tmpl_dict *o = tmpl_section(d, "LANG");

		tmpl_set(o, "CODE", i18n_lang(i));
		tmpl_set(o, "LABEL", language_name(r, i18n_lang(i)));
		if (str_eq(f->in.language, i18n_lang(i)))
			tmpl_show(o, "SELECTED");
	}
	return sum;
}

/* Wi-Fi (WIFI-1, WIFI-2): the account's state, its bounds and the occupier's sites. */
static void
form_wifi(struct req *r, const struct urow *u, const struct form_state *f,
    const struct site *sites, size_t nsites, long min, long max, struct tmpl_dict *d)
{
	enum state st = u != NULL ? u->wifi : ST_NO_ACCOUNT;
	struct tmpl_dict *w;

	tmpl_set_int(d, "LIMIT_MIN", min);
	tmpl_set_int(d, "LIMIT_MAX", max);
	if (st == ST_NO_ACCOUNT) {
		w = tmpl_section(d, "WIFI_NONE");
		if (f->in.wifi)
			tmpl_show(w, "CHECKED");
	} else if (st == ST_ACTIVE) {
		w = tmpl_section(d, "WIFI_ACTIVE");
		if (str_eq(f->wifi_action, "deactivate"))
			tmpl_show(w, "CHECKED");
	} else {
		w = tmpl_section(d, "WIFI_DEACTIVATED");
		if (str_eq(f->wifi_action, "reactivate"))
			tmpl_show(w, "CHECKED");
	}
	tmpl_show(d, st == ST_DEACTIVATED ? "WIFI_FIELDS_HIDDEN" : "WIFI_FIELDS");
	for (size_t i = 0; i < nsites; i++) {
		struct tmpl_dict *o = tmpl_section(d, "SITE");

		tmpl_set(o, "ID", sites[i].id);
		tmpl_set(o, "LABEL", sites[i].name);
		if (str_eq(f->in.homesite, sites[i].id))
			tmpl_show(o, "SELECTED");
	}
}

/* User account (UM-6): the role, locked once invited except for operators; invitations. */
static void
form_account(struct req *r, const struct scope *s, const struct urow *u,
    const struct form_state *f, struct tmpl_dict *d)
{
	struct tmpl_dict *a = tmpl_section(d, "ACCOUNT");
	int editing = u != NULL;
	int invited = editing && u->account != ST_NOT_INVITED;

	if (!invited || s->platform) {
		struct tmpl_dict *rs = tmpl_section(a, "ROLE_EDITABLE");

		tmpl_show(rs, str_eq(f->in.role, "admin") ? "ADMIN_SELECTED" :
		    str_eq(f->in.role, "super_admin") ? "SUPER_SELECTED" : "USER_SELECTED");
		if (s->team)
			tmpl_show(rs, "SUPER");
		tmpl_set(rs, "ROLE_HINT", T(r, s->team ? "plat_acc_role_hint" : "role_hint"));
	} else {
		struct tmpl_dict *rs = tmpl_section(a, "ROLE_FIXED");

		tmpl_set(rs, "ROLE", T(r, u->is_admin ? "role_admin" : "role_user"));
	}
	if (s->team)
		return;                 /* the platform's invitation: team_form_show() */
	if (editing && u->invited_portal)
		tmpl_show(a, "PORTAL_INVITED");
	else {
		struct tmpl_dict *c = tmpl_section(a, "PORTAL_INVITE");

		if (f->in.invite_portal)
			tmpl_show(c, "CHECKED");
	}
	if (editing && u->invited_app)
		tmpl_show(a, "APP_INVITED");
	else {
		struct tmpl_dict *c = tmpl_section(a, "APP_INVITE");

		if (f->in.invite_app)
			tmpl_show(c, "CHECKED");
	}
}

/*
 * A taken address (issue 13): "Search users" beside its message, the operator's search on the
 * platform, the occupier's own list in the portal (only for an address of this occupier).
 */
static void
email_search_link(struct req *r, const struct scope *s, const struct form_state *f,
    struct tmpl_dict *d)
{
	const char *m = f->err.msg[UF_EMAIL], *q = url_encode(r->a, f->in.email ? f->in.email : "");

	if (m == NULL || (!str_eq(m, "err_email_taken_here") &&
	    !str_eq(m, "err_email_taken_elsewhere")))
		return;
	if (s->platform)
		tmpl_set(tmpl_section(d, "EMAIL_SEARCH"), "SEARCH_HREF",
		    arena_printf(r->a, "/platform/users?q=%s", q));
	else if (str_eq(m, "err_email_taken_here"))
		tmpl_set(tmpl_section(d, "EMAIL_SEARCH"), "SEARCH_HREF",
		    arena_printf(r->a, "/users?q=%s", q));
}

/* The add (u NULL) or edit form (user_form.tpl), with the typed values and errors. */
int
form_page(struct req *r, const struct scope *s, const struct urow *u, struct form_state *f,
    int status)
{
	struct tmpl_dict *d, *sum;
	struct site *sites;
	size_t nsites;
	long min, max;
	int editing = u != NULL;

	if (db_occupier_sites(r, s->operator_id, s->occupier_id, &sites, &nsites) < 0 ||
	    db_wifi_bounds(r, s->operator_id, &min, &max) < 0)
		return 500;
	if ((d = page_start(r, "user_form.tpl", s->team ? "plat_acc_edit_member" : editing ?
	    "edit_user" : "add_a_user")) == NULL)
		return 500;
	r->status = status;
	scope_show(r, s, d);
	form_head(r, s, u, f, d);
	sum = form_fields(r, u, f, d);
	if (s->team)
		team_form_show(r, s, u, f, d, sum);
	/* email: typed when adding, read-only when editing unless an operator edits */
	tmpl_show(d, !editing || s->platform ? "EMAIL_EDITABLE" : "EMAIL_FIXED");
	email_search_link(r, s, f, d);
	if (editing && f->has_tel &&
	    tel_show_form(r, d, f->tel_err.n ? &f->tel_new : &f->tel, f->tel_mask,
	    &f->tel_err) < 0)
		return 500;
	if (editing && u->number != NULL) {
		struct tmpl_dict *n = tmpl_section(d, "NUMBER");

		tmpl_set(n, "PHONE", u->number);
		tmpl_set(n, "EXT", u->extension);
	}
	form_wifi(r, u, f, sites, nsites, min, max, d);
	if (s->experience)
		form_account(r, s, u, f, d);
	return page_finish(r);
}

/* Reads the form fields into f->in (trimmed; email lower-cased). */
void
form_read(struct req *r, struct form_state *f)
{
	/* the text fields, trimmed, into their places of f->in (user_fields[].off) */
	for (int i = UF_FIRST_NAME; i <= UF_DIRECT; i++)
		*(const char **)((char *)&f->in + user_fields[i].off) = form_text(r, uf_names[i]);
	str_lower((char *)f->in.email);
	f->in.language = form_get(r, "language");
	f->in.role = form_get(r, "role");
	f->in.device_limit = form_get(r, "device_limit");
	f->in.homesite = form_get(r, "homesite");
	f->in.wifi = str_eq(form_get(r, "wifi"), "1");
	f->in.invite_portal = str_eq(form_get(r, "invite_portal"), "1");
	f->in.invite_app = str_eq(form_get(r, "invite_app"), "1");
	f->version = form_get(r, "version");
	f->wifi_action = form_get(r, "wifi_action");
	if (f->wifi_action == NULL)
		f->wifi_action = "";
}

int
h_user_new_form(struct req *r)
{
	const struct scope *s = r->scope;
	struct form_state f;

	memset(&f, 0, sizeof(f));
	f.in.language = r->me->lang;
	f.in.role = "user";
	f.in.device_limit = "3";
	return form_page(r, s, NULL, &f, 200);
}

/* Loads the user's phone number and what this page may change of its features (TEL-4). */
int
tel_prepare(struct req *r, const struct scope *s, struct form_state *f)
{
	f->has_tel = tel_load_user(r, s->user_id, s->operator_id, &f->tel);
	if (f->has_tel < 0)
		return -1;
	f->tel_mask = s->platform ? TEL_PLATFORM_MASK : tel_portal_mask(r, s->operator_id);
	return f->tel_mask < 0 ? -1 : 0;
}

/* UM-3: adds a user with its optional Wi-Fi account and invitations (um_add). */
int
h_user_new(struct req *r)
{
	const struct scope *s = r->scope;
	struct form_state f;
	long id = 0;
	int rc;

	memset(&f, 0, sizeof(f));
	form_read(r, &f);
	if ((rc = um_add(r, s, &f, &id)) == 400)
		return form_page(r, s, NULL, &f, 400);
	if (rc != 0)
		return rc;
	return page_redirect(r, arena_printf(r->a, "%s/%ld?n=user_added", s->base, id));
}
