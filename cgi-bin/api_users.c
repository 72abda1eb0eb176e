/*
 * User management through the API (issue 16 item 1; UM-1..9, WIFI-1..3, AUTH-6/7), for
 * occupier admins: the list with its filter and pages, a user, add, edit, delete, resend
 * the invitation, deactivate or reactivate the account, reset the Wi-Fi password. The
 * tenancy is the admin's own occupier (api.c resolves it with scope.c, as the router does
 * for the pages: another occupier's user is 404), and every change goes through um.c, the
 * code of the pages.
 */
#include <stdlib.h>
#include <string.h>

#include "api.h"
#include "tel.h"

void
api_user_write(struct req *r, struct jw *w, const char *key, const struct urow *u)
{
	jw_open(w, key, '{');
	jw_int(w, "id", atol(u->id));
	jw_str(w, "first_name", u->first_name);
	jw_str(w, "last_name", u->last_name);
	jw_str(w, "email", u->email);
	jw_str(w, "job_title", u->job_title);
	jw_str(w, "mobile_phone", u->mobile);
	jw_str(w, "direct_line", u->direct);
	jw_str(w, "language", u->language);
	jw_str(w, "role", u->role);
	jw_str(w, "account_state", u->account_state);
	jw_bool(w, "invited_portal", u->invited_portal);
	jw_bool(w, "invited_app", u->invited_app);
	jw_int(w, "version", atol(u->version));
	jw_open(w, "wifi", '{');
	jw_str(w, "state", u->wifi_state);
	if (u->wifi == ST_NO_ACCOUNT) {
		jw_str(w, "device_limit", NULL);
		jw_str(w, "homesite", NULL);
		jw_str(w, "homesite_name", NULL);
	} else {
		jw_int(w, "device_limit", atol(u->wifi_limit));
		jw_int(w, "homesite", atol(u->wifi_site_id));
		jw_str(w, "homesite_name", u->wifi_site);
	}
	jw_close(w);
	if (u->number == NULL)
		jw_str(w, "phone", NULL);
	else {
		jw_open(w, "phone", '{');
		jw_str(w, "number", u->number);
		jw_str(w, "extension", u->extension);
		jw_str(w, "status", u->number_status);
		jw_close(w);
	}
	jw_close(w);
}

/* GET /api/v1/users?q=&page=: UM-1, UM-2, the pages' search (users_find). */
int
api_users_list(struct req *r, struct api *a)
{
	const char *q = query_get(r, "q"), *pg = query_get(r, "page");
	char *qtrim = str_trim(arena_strdup(r->a, q ? q : ""));
	struct ulist_row *rows;
	long page = 1, total = 0;
	int n, exact, rc;

	if (qtrim == NULL)
		return 500;
	if (strlen(qtrim) > 254)
		return api_fail(r, 400, "invalid", "err_too_long");
	if (pg != NULL && str_to_long(pg, 1, 1000000, &page) < 0)
		return api_fail(r, 400, "invalid", "api_err_page");
	if ((rc = users_find(r, &a->scope, qtrim, &page, &total, &exact, &rows, &n)) != 0)
		return rc;
	api_begin(r, a);
	jw_int(&a->w, "page", page);
	jw_int(&a->w, "per_page", PAGE_SIZE);
	jw_int(&a->w, "total", total > LIST_COUNT_CAP && !exact ? LIST_COUNT_CAP : total);
	jw_bool(&a->w, "total_exact", exact || total <= LIST_COUNT_CAP);
	jw_bool(&a->w, "more", n > PAGE_SIZE);
	jw_open(&a->w, "users", '[');
	for (int i = 0; i < n && i < PAGE_SIZE; i++) {
		const struct ulist_row *u = &rows[i];

		jw_open(&a->w, NULL, '{');
		jw_int(&a->w, "id", u->id);
		jw_str(&a->w, "first_name", u->first_name);
		jw_str(&a->w, "last_name", u->last_name);
		jw_str(&a->w, "email", u->email);
		jw_str(&a->w, "role", u->role);
		jw_str(&a->w, "account_state", u->account_state);
		jw_str(&a->w, "wifi_state", u->wifi_state);
		jw_str(&a->w, "phone_number", u->number);
		jw_str(&a->w, "extension", u->number ? u->extension : NULL);
		jw_close(&a->w);
	}
	jw_close(&a->w);
	return api_done(r, a);
}

/* The user of the path as stored now, as the answer (after a change, read again). */
static int
user_answer(struct req *r, struct api *a, long id, int status)
{
	struct urow u;
	int rc = db_user_get(r, a->scope.operator_id, a->scope.occupier_id, id, &u);

	if (rc <= 0)
		return rc < 0 ? 500 : 404;
	r->status = status;
	api_begin(r, a);
	api_user_write(r, &a->w, "user", &u);
	return api_done(r, a);
}

/* GET /api/v1/users/ID: UM-5. */
int
api_user_get(struct req *r, struct api *a)
{
	api_begin(r, a);
	api_user_write(r, &a->w, "user", &a->target);
	return api_done(r, a);
}

/* The members of add and edit: the form's fields (userform.h) and the Wi-Fi choices. */
static const struct api_field user_members[] = {
	{ "first_name", J_STR }, { "last_name", J_STR }, { "email", J_STR },
	{ "job_title", J_STR }, { "mobile_phone", J_STR }, { "direct_line", J_STR },
	{ "language", J_STR }, { "role", J_STR }, { "wifi", J_BOOL },
	{ "device_limit", J_NUM }, { "homesite", J_NUM }, { "invite_portal", J_BOOL },
	{ "invite_app", J_BOOL }, { "wifi_action", J_STR }, { "version", J_NUM },
};
#define NUSER_MEMBERS (sizeof(user_members) / sizeof(user_members[0]))

/* The messages of a refused add or edit, by member. */
static int
user_refused(struct req *r, const struct form_state *f, int status)
{
	struct api_errs e;

	memset(&e, 0, sizeof(e));
	for (int i = 0; i < UF__MAX; i++)
		api_err(&e, uf_names[i], f->err.msg[i]);
	api_err(&e, "version", f->conflict);
	return api_refuse(r, status, &e);
}

/* POST /api/v1/users: UM-3 (um_add); 201 with the new user. */
int
api_user_add(struct req *r, struct api *a)
{
	struct form_state f;
	long id = 0;
	int rc;

	if (!api_input(r, a, user_members, NUSER_MEMBERS - 2))   /* no wifi_action, version */
		return 0;
	memset(&f, 0, sizeof(f));
	api_keep(r, "language", r->me->lang);
	api_keep(r, "device_limit", "3");
	form_read(r, &f);
	if ((rc = um_add(r, &a->scope, &f, &id)) == 400)
		return user_refused(r, &f, 400);
	if (rc != 0)
		return rc;
	return user_answer(r, a, id, 201);
}

/* PATCH /api/v1/users/ID: UM-5..9, WIFI-1/2, invitations (AUTH-6) through um_edit; members
 * not sent keep their values, version is required; the phone features are not changed
 * here. */
int
api_user_edit(struct req *r, struct api *a)
{
	const struct urow *u = &a->target;
	struct form_state f, stored;
	int rc;

	if (!api_input(r, a, user_members, NUSER_MEMBERS))
		return 0;
	if (kv_get(&r->form, "version") == NULL)
		return api_refuse_one(r, 400, "invalid", "version", "err_required");
	form_state_of_user(&stored, u);
	for (int i = UF_FIRST_NAME; i <= UF_DIRECT; i++)
		api_keep(r, uf_names[i], user_field_value(&stored.in, (enum uf_field)i));
	api_keep(r, "language", stored.in.language);
	api_keep(r, "role", stored.in.role);
	api_keep(r, "device_limit", stored.in.device_limit);
	api_keep(r, "homesite", stored.in.homesite);
	memset(&f, 0, sizeof(f));
	form_read(r, &f);
	f.no_tel = 1;
	if ((rc = um_edit(r, &a->scope, u, &f)) == 400 || rc == 409)
		return user_refused(r, &f, rc);
	if (rc != 0)
		return rc;
	return user_answer(r, a, a->scope.user_id, 200);
}

/* DELETE /api/v1/users/ID: UM-7 (um_delete: never oneself, never an admin). */
int
api_user_delete(struct req *r, struct api *a)
{
	int rc = um_delete(r, &a->scope, &a->target);

	return rc != 0 ? rc : api_flag(r, a, "deleted");
}

/* POST /api/v1/users/ID/resend-invite: UM-6 (um_resend; only while awaiting validation). */
int
api_user_resend(struct req *r, struct api *a)
{
	int rc = um_resend(r, &a->scope, &a->target);

	if (rc == 400)
		return api_fail(r, 400, "invalid", "api_err_not_awaiting");
	if (rc != 0)
		return rc;
	return user_answer(r, a, a->scope.user_id, 200);
}

static const struct api_field account_members[] = { { "action", J_STR } };

/* POST /api/v1/users/ID/account {"action": "deactivate" | "reactivate"}: UM-8, AUTH-7. */
int
api_user_account(struct req *r, struct api *a)
{
	int rc;

	if (!api_input(r, a, account_members, 1))
		return 0;
	if ((rc = um_account(r, &a->scope, &a->target, kv_get(&r->form, "action"))) == 400)
		return api_refuse_one(r, 400, "invalid", "action", "api_err_action");
	if (rc != 0)
		return rc;
	return user_answer(r, a, a->scope.user_id, 200);
}

/* POST /api/v1/users/ID/wifi-reset: WIFI-3 (an ACTIVE account; a new password emailed). */
int
api_user_wifi_reset(struct req *r, struct api *a)
{
	int rc = um_wifi_reset(r, &a->scope);

	if (rc == 400)
		return api_fail(r, 400, "invalid", "api_err_wifi_not_active");
	if (rc != 0)
		return rc;
	return user_answer(r, a, a->scope.user_id, 200);
}
