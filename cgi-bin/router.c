/*
 * The route table: method, path pattern, who may use it, handler. Access by role is checked
 * here, in one place, before any handler runs; tenancy is checked by the handlers' SQL.
 * In a pattern, '#' stands for one path segment that is a positive decimal id.
 */
#include <stdio.h>
#include <string.h>

#include "app.h"
#include "auth.h"
#include "db.h"
#include "pages.h"

struct route {
	int methods;
	const char *pattern;
	int roles;
	handler_fn fn;
};

#define GET (M_GET | M_HEAD)
#define POST M_POST

static const struct route routes[] = {
	{ GET, "/", R_ALL, h_home },
	{ GET, "/healthz", R_ALL, h_healthz },
	{ GET, "/brand.css", R_ALL, h_brand_css },
	{ GET, "/signin", R_ALL, h_signin_form },
	{ POST, "/signin", R_ALL, h_signin },
	{ POST, "/signout", R_SIGNED, h_signout },
	{ GET, "/forgot", R_ALL, h_forgot_form },
	{ POST, "/forgot", R_ALL, h_forgot },
	{ GET, "/set-password", R_ALL, h_setpw_form },
	{ POST, "/set-password", R_ALL, h_setpw },
	{ POST, "/set-password/claim", R_ALL, h_setpw_claim },

	{ GET, "/users", R_OCC_ADMIN, h_users_list },
	{ GET, "/users/new", R_OCC_ADMIN, h_user_new_form },
	{ POST, "/users/new", R_OCC_ADMIN, h_user_new },
	{ GET, "/users/#", R_OCC_ADMIN, h_user_view },
	{ GET, "/users/#/edit", R_OCC_ADMIN, h_user_edit_form },
	{ POST, "/users/#/edit", R_OCC_ADMIN, h_user_edit },
	{ GET, "/users/#/delete", R_OCC_ADMIN, h_user_delete_form },
	{ POST, "/users/#/delete", R_OCC_ADMIN, h_user_delete },
	{ POST, "/users/#/resend", R_OCC_ADMIN, h_user_resend },
	{ POST, "/users/#/account", R_OCC_ADMIN, h_user_account },
	{ POST, "/users/#/wifi-reset", R_OCC_ADMIN, h_user_wifi_reset },
	{ POST, "/users/#/devices/disconnect", R_OCC_ADMIN, h_user_device_disconnect },

	{ GET, "/profile", R_OCC, h_profile },
	{ GET, "/profile/edit", R_OCC, h_profile_edit_form },
	{ POST, "/profile/edit", R_OCC, h_profile_edit },
	{ GET, "/profile/wifi-password", R_OCC, h_profile_wifi_form },
	{ POST, "/profile/wifi-password", R_OCC, h_profile_wifi },
	{ POST, "/profile/pin-reset", R_OCC, h_profile_pin_reset },
	{ POST, "/profile/handset-logout", R_OCC, h_profile_handset_logout },

	{ GET, "/platform/occupiers", R_OP, h_occupiers },
	{ GET, "/platform/users", R_OP, h_search },
	{ GET, "/platform/occupiers/#", R_OP, h_occupier },
	{ POST, "/platform/occupiers/#/users/bulk", R_OP, h_occ_bulk },
	{ GET, "/platform/occupiers/#/import", R_OP, h_occ_import_form },
	{ POST, "/platform/occupiers/#/import", R_OP, h_occ_import },
	{ GET, "/platform/occupiers/#/import-template.csv", R_OP, h_occ_import_template },
	{ GET, "/platform/occupiers/#/users.csv", R_OP, h_occ_users_csv },
	{ GET, "/platform/occupiers/#/audit", R_OP, h_occ_audit },
	{ GET, "/platform/occupiers/#/users/#/audit", R_OP, h_occ_user_audit },
	{ GET, "/platform/audit", R_OP, h_audit },
	{ GET, "/platform/telephony", R_OP, h_tel_list },
	{ GET, "/platform/telephony/#", R_OP, h_tel_number },
	{ POST, "/platform/telephony/#/allocate", R_OP, h_tel_allocate },
	{ POST, "/platform/telephony/#/assign", R_OP, h_tel_assign },
	{ POST, "/platform/telephony/#/features", R_OP, h_tel_features },
	{ GET, "/platform/account", R_OP_SUPER, h_account },
	{ GET, "/platform/account/members/new", R_OP_SUPER, h_account_member_form },
	{ POST, "/platform/account/members/new", R_OP_SUPER, h_account_member_new },
	{ GET, "/platform/account/members/#/delete", R_OP_SUPER, h_account_member_delete_form },
	{ POST, "/platform/account/members/#/delete", R_OP_SUPER, h_account_member_delete },
	{ GET, "/platform/account/services", R_OP_SUPER, h_account_services },
	{ POST, "/platform/account/services", R_OP_SUPER, h_account_services_save },
	{ GET, "/platform/account/devices", R_OP_SUPER, h_account_devices },
	{ POST, "/platform/account/devices/new", R_OP_SUPER, h_account_device_new },
	{ GET, "/platform/account/devices/#/delete", R_OP_SUPER, h_account_device_delete_form },
	{ POST, "/platform/account/devices/#/delete", R_OP_SUPER, h_account_device_delete },
	{ GET, "/platform/account/telephony", R_OP_SUPER, h_account_telephony },
	{ GET, "/platform/account/settings", R_OP_SUPER, h_account_settings },
	{ POST, "/platform/account/settings", R_OP_SUPER, h_account_settings_save },
	{ GET, "/devices", R_OCC_ADMIN, h_devices },
	{ POST, "/devices/new", R_OCC_ADMIN, h_device_new },
	{ GET, "/devices/#/delete", R_OCC_ADMIN, h_device_delete_form },
	{ POST, "/devices/#/delete", R_OCC_ADMIN, h_device_delete },
	{ GET, "/platform/occupiers/#/users", R_OP, h_users_list },
	{ GET, "/platform/occupiers/#/users/new", R_OP, h_user_new_form },
	{ POST, "/platform/occupiers/#/users/new", R_OP, h_user_new },
	{ GET, "/platform/occupiers/#/users/#", R_OP, h_user_view },
	{ GET, "/platform/occupiers/#/users/#/edit", R_OP, h_user_edit_form },
	{ POST, "/platform/occupiers/#/users/#/edit", R_OP, h_user_edit },
	{ GET, "/platform/occupiers/#/users/#/delete", R_OP, h_user_delete_form },
	{ POST, "/platform/occupiers/#/users/#/delete", R_OP, h_user_delete },
	{ POST, "/platform/occupiers/#/users/#/resend", R_OP, h_user_resend },
	{ POST, "/platform/occupiers/#/users/#/account", R_OP, h_user_account },
	{ POST, "/platform/occupiers/#/users/#/wifi-reset", R_OP, h_user_wifi_reset },
	{ POST, "/platform/occupiers/#/users/#/devices/disconnect", R_OP,
	    h_occ_user_device_disconnect },
};

/* Matches path against pattern, storing up to two '#' ids in r. */
static int
match(const char *pat, const char *path, struct req *r)
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
	int path_known = 0, rc;

	for (size_t i = 0; i < sizeof(routes) / sizeof(routes[0]); i++) {
		if (!match(routes[i].pattern, r->path, r))
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
		rc = rt->fn(r);
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
