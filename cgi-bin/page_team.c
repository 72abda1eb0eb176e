/*
 * PLAT-6: the operator's team members on the User management pages. A team member is a user
 * of the operator without an occupier (scope_team: occupier 0, /platform/account/members);
 * their details page, "Edit team member" form and actions are those of an occupier user,
 * with the occupier-user model (userform.c) underneath. This file adds what only team
 * members have: the role super admin, the sites they work at, the platform invitation
 * (portal rights, for super admins and admins only), and the rule that the last super
 * admin can be neither demoted nor deleted.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app.h"
#include "audit.h"
#include "i18n.h"
#include "pages.h"
#include "tmpl.h"
#include "users.h"
#include "validate.h"

const char *
team_role_key(const char *role)
{
	if (str_eq(role, "super_admin"))
		return "plat_acc_role_super_admin";
	if (str_eq(role, "admin"))
		return "plat_acc_role_admin";
	return "plat_acc_role_user";
}

/* The names of sites[0..n-1], comma separated. */
static const char *
site_names(struct req *r, const struct site *sites, size_t n)
{
	const char *out = "";

	for (size_t i = 0; i < n; i++)
		out = arena_printf(r->a, "%s%s%s", out, i ? ", " : "", sites[i].name);
	return out;
}

int
team_view(struct req *r, const struct scope *s, const struct urow *u, struct tmpl_dict *d)
{
	struct site *sites;
	size_t n;
	struct tmpl_dict *t = tmpl_section(d, "TEAM_SITES");

	if (db_team_sites(r, s->operator_id, s->user_id, &sites, &n) < 0)
		return -1;
	tmpl_set(t, "SITES", n ? site_names(r, sites, n) : T(r, "plat_acc_no_sites"));
	tmpl_set(d, "ROLE", T(r, team_role_key(u->role)));
	return 0;
}

int
team_form_load(struct req *r, const struct scope *s, const struct urow *u,
    struct form_state *f)
{
	struct site *sites;
	size_t n;

	if (db_team_sites(r, s->operator_id, atol(u->id), &sites, &n) < 0)
		return -1;
	if (n && (f->sites = arena_alloc(r->a, n * sizeof(long))) == NULL)
		return -1;
	for (size_t i = 0; i < n; i++)
		f->sites[f->nsites++] = atol(sites[i].id);
	return 0;
}

int
team_form_read(struct req *r, const struct scope *s, struct form_state *f)
{
	size_t n = kv_count(&r->form, "site");

	if (n && (f->sites = arena_alloc(r->a, n * sizeof(long))) == NULL)
		return -1;
	for (size_t i = 0; i < n; i++) {
		long site;
		int ok = 0;

		if (str_to_long(kv_nth(&r->form, "site", i), 1, 2000000000L, &site) == 0 &&
		    (ok = db_site_of_operator(r, s->operator_id, site)) < 0)
			return -1;
		for (size_t k = 0; ok && k < f->nsites; k++)
			if (f->sites[k] == site)
				ok = 2;         /* ticked twice: once is enough */
		if (ok == 1)
			f->sites[f->nsites++] = site;
		else if (ok == 0)
			f->sites_error = "plat_acc_err_site";
	}
	f->in.invite_app = 0;               /* the platform has one invitation */
	if (f->in.invite_portal && str_eq(f->in.role, "user"))
		f->invite_error = "plat_acc_err_invite_user";
	return 0;
}

/* One line of the error summary, linking to the field. */
static void
summary_item(struct req *r, struct tmpl_dict *sum, const char *field, const char *key)
{
	struct tmpl_dict *e = tmpl_section(sum, "ERROR");

	tmpl_set(e, "FIELD", field);
	tmpl_set(e, "MESSAGE", T(r, key));
}

void
team_form_show(struct req *r, const struct scope *s, const struct urow *u,
    const struct form_state *f, struct tmpl_dict *d, struct tmpl_dict *sum)
{
	struct site *sites;
	size_t n = 0;
	struct tmpl_dict *t = tmpl_section(d, "TEAM_SITES");

	if (sum != NULL && f->sites_error)
		summary_item(r, sum, "sites", f->sites_error);
	if (sum != NULL && f->invite_error)
		summary_item(r, sum, "invite_portal", f->invite_error);
	if (f->sites_error)
		tmpl_set(tmpl_section(t, "SITES_ERROR"), "MESSAGE", T(r, f->sites_error));
	if (db_occupier_sites(r, s->operator_id, 0, &sites, &n) < 0)
		n = 0;
	for (size_t i = 0; i < n; i++) {
		struct tmpl_dict *o = tmpl_section(t, "SITE");

		tmpl_set(o, "SITE_ID", sites[i].id);
		tmpl_set(o, "SITE_NAME", sites[i].name);
		for (size_t k = 0; k < f->nsites; k++)
			if (f->sites[k] == atol(sites[i].id))
				tmpl_show(o, "CHECKED");
	}
	if (u != NULL && u->invited_portal)
		tmpl_show(d, "PLATFORM_INVITED");
	else {
		struct tmpl_dict *c = tmpl_section(d, "PLATFORM_INVITE");

		if (f->in.invite_portal)
			tmpl_show(c, "CHECKED");
		if (f->invite_error)
			tmpl_set(tmpl_section(c, "INVITE_ERROR"), "MESSAGE", T(r, f->invite_error));
	}
}

int
team_last_super(struct req *r, const struct scope *s, const struct urow *u,
    const struct form_state *f)
{
	int left;

	if (!s->team || !str_eq(u->role, "super_admin") ||
	    (f != NULL && str_eq(f->in.role, "super_admin")))
		return 0;
	if ((left = db_team_supers_left(r, s->operator_id, atol(u->id))) < 0)
		return -1;
	return left == 0;
}

int
team_sites_save(struct req *r, const struct scope *s, const struct urow *u,
    const struct form_state *f)
{
	struct site *old;
	size_t nold, same = 0;
	const char *before, *after = "";

	if (db_team_sites(r, s->operator_id, atol(u->id), &old, &nold) < 0)
		return -1;
	for (size_t i = 0; i < nold; i++)
		for (size_t k = 0; k < f->nsites; k++)
			if (atol(old[i].id) == f->sites[k])
				same++;
	if (same == nold && nold == f->nsites)
		return 0;
	before = site_names(r, old, nold);
	if (db_team_sites_set(r, atol(u->id), f->sites, f->nsites) < 0 ||
	    db_team_sites(r, s->operator_id, atol(u->id), &old, &nold) < 0)
		return -1;
	after = site_names(r, old, nold);
	return audit_add(r, 0, atol(u->id), audit_user_label(r, u->first_name, u->last_name,
	    u->email), "team.update", "sites", before, after);
}
