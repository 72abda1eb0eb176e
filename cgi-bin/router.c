/*
 * The route table: method, path pattern, who may use it, what it needs, handler, and its
 * navigation entry. Access by role is checked here, in one place, before any handler runs,
 * and the tenancy a route needs is resolved here once (RF_SCOPE, RF_USER); the SQL of the
 * handlers is scoped by it.
 * In a pattern, '#' stands for one path segment that is a positive decimal id.
 */
#include <stdio.h>
#include <string.h>

#include "app.h"
#include "auth.h"
#include "db.h"
#include "db_users.h"
#include "pages.h"
#include "pcache.h"

/*
 * What a route needs before its handler runs, resolved here once (as cgit's command table
 * does with want_repo): RF_SCOPE the occupier's tenancy in r->scope, RF_USER (with RF_SCOPE)
 * the user the path names in r->target (404 when it is not the scope's), RF_NOSESSION no
 * session read at all, RF_TEAM (with RF_SCOPE) the operator's team as the scope (scope_team).
 */
enum route_flag {
	RF_SCOPE = 1 << 0,
	RF_USER = 1 << 1,
	RF_NOSESSION = 1 << 2,
	RF_TEAM = 1 << 3,
};

struct route {
	int methods;
	const char *pattern;
	int roles;
	int flags;
	handler_fn fn;
	const char *nav;        /* catalogue key of its navigation entry, in table order */
};

#define GET (M_GET | M_HEAD)
#define POST M_POST
#define SC RF_SCOPE
#define SCU (RF_SCOPE | RF_USER)
#define TMU (RF_SCOPE | RF_USER | RF_TEAM)

static const struct route routes[] = {
	{ GET, "/", R_ALL, 0, h_home, NULL },
	{ GET, "/healthz", R_ALL, RF_NOSESSION, h_healthz, NULL },
	{ GET, "/brand.css", R_ALL, 0, h_brand_css, NULL },
	{ GET, "/brand/logo/#", R_ALL, RF_NOSESSION, h_brand_logo, NULL },
	{ GET, "/signin", R_ALL, 0, h_signin_form, NULL },
	{ POST, "/signin", R_ALL, 0, h_signin, NULL },
	{ POST, "/signout", R_SIGNED, 0, h_signout, NULL },
	{ GET, "/forgot", R_ALL, 0, h_forgot_form, NULL },
	{ POST, "/forgot", R_ALL, 0, h_forgot, NULL },
	{ GET, "/set-password", R_ALL, 0, h_setpw_form, NULL },
	{ POST, "/set-password", R_ALL, 0, h_setpw, NULL },
	{ POST, "/set-password/claim", R_ALL, 0, h_setpw_claim, NULL },
	{ GET, "/signin/code", R_ALL, 0, h_signin_code_form, NULL },
	{ POST, "/signin/code", R_ALL, 0, h_signin_code, NULL },

	{ GET, "/users", R_OCC_ADMIN, SC, h_users_list, "user_management" },
	{ GET, "/users/new", R_OCC_ADMIN, SC, h_user_new_form, NULL },
	{ POST, "/users/new", R_OCC_ADMIN, SC, h_user_new, NULL },
	{ GET, "/users/#", R_OCC_ADMIN, SCU, h_user_view, NULL },
	{ GET, "/users/#/edit", R_OCC_ADMIN, SCU, h_user_edit_form, NULL },
	{ POST, "/users/#/edit", R_OCC_ADMIN, SCU, h_user_edit, NULL },
	{ GET, "/users/#/delete", R_OCC_ADMIN, SCU, h_user_delete_form, NULL },
	{ POST, "/users/#/delete", R_OCC_ADMIN, SCU, h_user_delete, NULL },
	{ POST, "/users/#/resend", R_OCC_ADMIN, SCU, h_user_resend, NULL },
	{ POST, "/users/#/account", R_OCC_ADMIN, SCU, h_user_account, NULL },
	{ POST, "/users/#/wifi-reset", R_OCC_ADMIN, SCU, h_user_wifi_reset, NULL },
	{ POST, "/users/#/wifi", R_OCC_ADMIN, SCU, h_user_wifi, NULL },
	{ POST, "/users/#/invite", R_OCC_ADMIN, SCU, h_user_invite, NULL },
	{ POST, "/users/#/tokens/revoke", R_OCC_ADMIN, SCU, h_user_token_revoke, NULL },
	{ POST, "/users/#/devices/disconnect", R_OCC_ADMIN, SCU, h_user_device_disconnect, NULL },
	{ POST, "/users/#/two-factor-reset", R_OCC_ADMIN, SCU, h_user_twofa_reset, NULL },
	{ POST, "/users/#/leaving", R_OCC_ADMIN, SCU, h_user_leaving, NULL },

	{ GET, "/profile", R_OCC, 0, h_profile, "my_profile" },
	{ GET, "/profile/edit", R_OCC, 0, h_profile_edit_form, NULL },
	{ POST, "/profile/edit", R_OCC, 0, h_profile_edit, NULL },
	{ GET, "/profile/wifi-password", R_OCC, 0, h_profile_wifi_form, NULL },
	{ POST, "/profile/wifi-password", R_OCC, 0, h_profile_wifi, NULL },
	{ POST, "/profile/pin-reset", R_OCC, 0, h_profile_pin_reset, NULL },
	{ POST, "/profile/handset-logout", R_OCC, 0, h_profile_handset_logout, NULL },
	{ POST, "/profile/tokens/revoke", R_OCC, 0, h_profile_token_revoke, NULL },
	{ GET, "/profile/two-factor", R_OCC, 0, h_twofa, NULL },
	{ POST, "/profile/two-factor", R_OCC, 0, h_twofa_on, NULL },
	{ POST, "/profile/two-factor/off", R_OCC, 0, h_twofa_off, NULL },

	{ GET, "/devices", R_OCC_ADMIN, 0, h_devices, "wifi_devices" },
	{ GET, "/audit", R_OCC_ADMIN, SC, h_portal_audit, "audit_log" },
	{ POST, "/devices/new", R_OCC_ADMIN, 0, h_device_new, NULL },
	{ GET, "/devices/#/edit", R_OCC_ADMIN, 0, h_device_edit_form, NULL },
	{ POST, "/devices/#/edit", R_OCC_ADMIN, 0, h_device_edit, NULL },
	{ GET, "/devices/#/delete", R_OCC_ADMIN, 0, h_device_delete_form, NULL },
	{ POST, "/devices/#/delete", R_OCC_ADMIN, 0, h_device_delete, NULL },

	{ GET, "/platform/occupiers", R_OP, 0, h_occupiers, "occupiers" },
	{ GET, "/platform/users", R_OP, 0, h_search, NULL },
	{ GET, "/platform/occupiers/#", R_OP, SC, h_occupier, NULL },
	{ POST, "/platform/occupiers/#/users/bulk", R_OP, SC, h_occ_bulk, NULL },
	{ GET, "/platform/occupiers/#/import", R_OP, SC, h_occ_import_form, NULL },
	{ POST, "/platform/occupiers/#/import", R_OP, SC, h_occ_import, NULL },
	{ POST, "/platform/occupiers/#/import/confirm", R_OP, SC, h_occ_import_confirm, NULL },
	{ GET, "/platform/occupiers/#/import-template.csv", R_OP, SC, h_occ_import_template, NULL },
	{ GET, "/platform/occupiers/#/users.csv", R_OP, SC, h_occ_users_csv, NULL },
	{ GET, "/platform/occupiers/#/audit", R_OP, SC, h_occ_audit, NULL },
	{ GET, "/platform/occupiers/#/users/#/audit", R_OP, SC, h_occ_user_audit, NULL },
	{ GET, "/platform/occupiers/#/users", R_OP, SC, h_users_list, NULL },
	{ GET, "/platform/occupiers/#/users/new", R_OP, SC, h_user_new_form, NULL },
	{ POST, "/platform/occupiers/#/users/new", R_OP, SC, h_user_new, NULL },
	{ GET, "/platform/occupiers/#/users/#", R_OP, SCU, h_user_view, NULL },
	{ GET, "/platform/occupiers/#/users/#/edit", R_OP, SCU, h_user_edit_form, NULL },
	{ POST, "/platform/occupiers/#/users/#/edit", R_OP, SCU, h_user_edit, NULL },
	{ GET, "/platform/occupiers/#/users/#/delete", R_OP, SCU, h_user_delete_form, NULL },
	{ POST, "/platform/occupiers/#/users/#/delete", R_OP, SCU, h_user_delete, NULL },
	{ POST, "/platform/occupiers/#/users/#/resend", R_OP, SCU, h_user_resend, NULL },
	{ POST, "/platform/occupiers/#/users/#/account", R_OP, SCU, h_user_account, NULL },
	{ POST, "/platform/occupiers/#/users/#/wifi-reset", R_OP, SCU, h_user_wifi_reset, NULL },
	{ POST, "/platform/occupiers/#/users/#/wifi", R_OP, SCU, h_user_wifi, NULL },
	{ POST, "/platform/occupiers/#/users/#/invite", R_OP, SCU, h_user_invite, NULL },
	{ POST, "/platform/occupiers/#/users/#/tokens/revoke", R_OP, SCU, h_user_token_revoke,
	    NULL },
	{ POST, "/platform/occupiers/#/users/#/devices/disconnect", R_OP, SCU,
	    h_user_device_disconnect, NULL },
	{ POST, "/platform/occupiers/#/users/#/two-factor-reset", R_OP, SCU, h_user_twofa_reset,
	    NULL },
	{ POST, "/platform/occupiers/#/users/#/leaving", R_OP, SCU, h_user_leaving, NULL },

	{ GET, "/platform/telephony", R_OP, 0, h_tel_list, "telephony" },
	{ GET, "/platform/telephony/#", R_OP, 0, h_tel_number, NULL },
	{ POST, "/platform/telephony/#/allocate", R_OP, 0, h_tel_allocate, NULL },
	{ POST, "/platform/telephony/#/assign", R_OP, 0, h_tel_assign, NULL },
	{ POST, "/platform/telephony/#/features", R_OP, 0, h_tel_features, NULL },
	{ POST, "/platform/telephony/#/pin-reset", R_OP, 0, h_tel_pin_reset, NULL },
	{ POST, "/platform/telephony/#/handset-logout", R_OP, 0, h_tel_handset_logout, NULL },

	{ GET, "/platform/account", R_OP_SUPER, 0, h_account, "account" },
	{ GET, "/platform/account/members/new", R_OP_SUPER, 0, h_account_member_form, NULL },
	{ POST, "/platform/account/members/new", R_OP_SUPER, 0, h_account_member_new, NULL },
	{ GET, "/platform/account/members/#", R_OP_SUPER, TMU, h_user_view, NULL },
	{ GET, "/platform/account/members/#/edit", R_OP_SUPER, TMU, h_user_edit_form, NULL },
	{ POST, "/platform/account/members/#/edit", R_OP_SUPER, TMU, h_user_edit, NULL },
	{ POST, "/platform/account/members/#/resend", R_OP_SUPER, TMU, h_user_resend, NULL },
	{ POST, "/platform/account/members/#/invite", R_OP_SUPER, TMU, h_user_invite, NULL },
	{ POST, "/platform/account/members/#/account", R_OP_SUPER, TMU, h_user_account, NULL },
	{ POST, "/platform/account/members/#/wifi", R_OP_SUPER, TMU, h_user_wifi, NULL },
	{ POST, "/platform/account/members/#/wifi-reset", R_OP_SUPER, TMU, h_user_wifi_reset,
	    NULL },
	{ POST, "/platform/account/members/#/devices/disconnect", R_OP_SUPER, TMU,
	    h_user_device_disconnect, NULL },
	{ GET, "/platform/account/members/#/delete", R_OP_SUPER, 0, h_account_member_delete_form,
	    NULL },
	{ POST, "/platform/account/members/#/delete", R_OP_SUPER, 0, h_account_member_delete,
	    NULL },
	{ POST, "/platform/account/members/#/two-factor-reset", R_OP_SUPER, 0,
	    h_member_twofa_reset, NULL },
	{ GET, "/platform/account/services", R_OP_SUPER, 0, h_account_services, NULL },
	{ POST, "/platform/account/services", R_OP_SUPER, 0, h_account_services_save, NULL },
	{ GET, "/platform/account/devices", R_OP_SUPER, 0, h_account_devices, NULL },
	{ POST, "/platform/account/devices/new", R_OP_SUPER, 0, h_account_device_new, NULL },
	{ GET, "/platform/account/devices/#/edit", R_OP_SUPER, 0, h_device_edit_form, NULL },
	{ POST, "/platform/account/devices/#/edit", R_OP_SUPER, 0, h_device_edit, NULL },
	{ GET, "/platform/account/devices/#/delete", R_OP_SUPER, 0, h_account_device_delete_form,
	    NULL },
	{ POST, "/platform/account/devices/#/delete", R_OP_SUPER, 0, h_account_device_delete,
	    NULL },
	{ GET, "/platform/account/telephony", R_OP_SUPER, 0, h_account_telephony, NULL },
	{ GET, "/platform/account/settings", R_OP_SUPER, 0, h_account_settings, NULL },
	{ POST, "/platform/account/settings", R_OP_SUPER, 0, h_account_settings_save, NULL },
	{ POST, "/platform/account/logo", R_OP_SUPER, 0, h_account_logo, NULL },
	{ POST, "/platform/account/logo/delete", R_OP_SUPER, 0, h_account_logo_delete, NULL },

	{ GET, "/platform/audit", R_OP, 0, h_audit, "audit_log" },
	{ GET, "/platform/two-factor", R_OP, 0, h_twofa, "twofa_title" },
	{ POST, "/platform/two-factor", R_OP, 0, h_twofa_on, NULL },
	{ POST, "/platform/two-factor/off", R_OP, 0, h_twofa_off, NULL },
};
#define NROUTES (sizeof(routes) / sizeof(routes[0]))

/* Matches path against pattern, storing up to two '#' ids in r. */
int
route_match(const char *pat, const char *path, struct req *r)
{
	long ids[2] = { 0, 0 };
	int nid = 0;

	while (*pat && *path) {
		if (*pat == '#') {
			long v = 0;
			int digits = 0;

			if (*path < '1' || *path > '9')
				return 0;
			while (*path >= '0' && *path <= '9') {
				if (++digits > 9)
					return 0;
				v = v * 10 + (*path++ - '0');
			}
			if (nid < 2)
				ids[nid++] = v;
			pat++;
			continue;
		}
		if (*pat != *path)
			return 0;
		pat++;
		path++;
	}
	if (*pat || *path)
		return 0;
	r->id = ids[0];
	r->id2 = ids[1];
	return 1;
}

/* The first route whose pattern matches r->path (any method), NULL if none. */
static const struct route *
route_of_path(struct req *r)
{
	for (size_t i = 0; i < NROUTES; i++)
		if (route_match(routes[i].pattern, r->path, r))
			return &routes[i];
	return NULL;
}

int
router_wants_session(struct req *r)
{
	const struct route *rt = route_of_path(r);

	return rt == NULL || !(rt->flags & RF_NOSESSION);
}

int
router_nav(size_t i, const char **href, const char **key, int *roles)
{
	for (size_t k = 0; k < NROUTES; k++) {
		if (routes[k].nav == NULL || i-- > 0)
			continue;
		*href = routes[k].pattern;
		*key = routes[k].nav;
		*roles = routes[k].roles;
		return 1;
	}
	return 0;
}

/* Resolves what the route's flags ask for into r; 0, or the status of an error page. */
static int
resolve(struct req *r, const struct route *rt, struct scope *s, struct urow *u)
{
	int rc;

	if (!(rt->flags & RF_SCOPE))
		return 0;
	if (rt->flags & RF_TEAM)
		scope_team(r, s);
	else if ((rc = scope_get(r, s)) != 0)
		return rc;
	r->scope = s;
	if (!(rt->flags & RF_USER))
		return 0;
	if ((rc = target_get(r, s, u)) != 0)
		return rc;
	r->target = u;
	return 0;
}

static int
role_of(const struct req *r)
{
	return r->me ? r->me->role : R_ANON;
}

/* Forgets what a handler put in the response, before it runs again. */
static void
response_reset(struct req *r)
{
	r->status = 0;
	r->resp_ctype = NULL;
	r->root = NULL;
	r->brand_op = 0;
	sbuf_reset(&r->head);
	sbuf_reset(&r->body);
	pcache_drop(&r->cached);
}

/*
 * Finds the route, checks the role and the CSRF token, runs the handler. Returns 0 when the
 * response is ready (the handler's, or an error page). A handler whose transaction was rolled
 * back by a conflict (a deadlock, or on a Galera cluster a certification failure when another
 * node committed a write to the same rows first) runs again from the start: nothing of the
 * failed run was kept, and its response is discarded.
 */
int
router_dispatch(struct req *r)
{
	const struct route *rt = NULL;
	struct scope scope;
	struct urow target;
	int path_known = 0, rc;

	for (size_t i = 0; i < NROUTES; i++) {
		if (!route_match(routes[i].pattern, r->path, r))
			continue;
		path_known = 1;
		if (routes[i].methods & (int)r->method) {
			rt = &routes[i];
			break;
		}
	}
	if (rt == NULL) {
		if (path_known) {
			header_add(r, "Allow", "GET, HEAD, POST");
			return page_text(r, 405, "text/plain; charset=utf-8",
			    T(r, "error_405_title"));
		}
		return page_error(r, 404);
	}
	if (!(rt->roles & role_of(r))) {
		if (r->me == NULL) {
			if (r->method == M_POST)
				return page_error(r, 403);
			return page_redirect(r, arena_printf(r->a, "/signin?next=%s",
			    url_encode(r->a, r->path)));
		}
		return page_error(r, 403);
	}
	if (r->method == M_POST && csrf_check(r) < 0) {
		r->status = 403;
		return page_error(r, 403);
	}
	for (int attempt = 0;; attempt++) {
		if ((rc = resolve(r, rt, &scope, &target)) == 0)
			rc = rt->fn(r);
		r->scope = NULL;
		r->target = NULL;
		if (!db_tx_retry(r->db, attempt))
			break;
		response_reset(r);
	}
	if (rc == 0)
		return 0;
	if (rc == 500 && (db_errno(r->db) == DB_DOWN || db_errno(r->db) == DB_RETRY))
		rc = 503;
	if (rc == 500 || rc == 503)
		fprintf(stderr, "portal: %s %s failed (%d): %s\n",
		    r->method == M_POST ? "POST" : "GET", r->path, rc, db_error(r->db));
	return page_error(r, rc);
}
