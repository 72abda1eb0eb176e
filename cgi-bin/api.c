/*
 * The JSON API (issue 16 item 1): the route table of /api/v1/, bearer-token authentication,
 * the body's parse and limits, errors as JSON in the user's language, and sign-in, sign-out
 * and the user's own tokens. The API never reads a cookie: a request that has only a
 * session cookie is refused (401), so that no other site can make a signed-in browser use
 * it (no CSRF token is needed: browsers never add an Authorization header on their own).
 */
#include <string.h>
#include <strings.h>

#include "api.h"
#include "auth.h"
#include "conf.h"
#include "db.h"
#include "db_users.h"
#include "i18n.h"
#include "twofa.h"

#define API_PREFIX "/api/v1/"
#define GET (M_GET | M_HEAD)

/* What a route needs before its handler: AF_SCOPE the signed-in admin's occupier in
 * a->scope, AF_USER also the path's user in a->target (404 when not of that occupier). */
enum { AF_SCOPE = 1, AF_USER = 2 };

typedef int (*api_fn)(struct req *r, struct api *a);

static const struct {
	int methods;
	const char *pattern;
	int roles;
	int flags;
	api_fn fn;
} routes[] = {
	{ M_POST, "/api/v1/signin", R_ANON, 0, api_signin },
	{ M_POST, "/api/v1/signout", R_OCC, 0, api_signout },
	{ GET, "/api/v1/tokens", R_OCC, 0, api_tokens },
	{ M_DELETE, "/api/v1/tokens/#", R_OCC, 0, api_token_delete },
	{ GET, "/api/v1/profile", R_OCC, 0, api_profile_get },
	{ M_PATCH, "/api/v1/profile", R_OCC, 0, api_profile_edit },
	{ M_POST, "/api/v1/profile/wifi-password", R_OCC, 0, api_profile_wifi },
	{ M_PATCH, "/api/v1/profile/telephony", R_OCC, 0, api_profile_tel },
	{ M_POST, "/api/v1/profile/pin-reset", R_OCC, 0, api_profile_pin_reset },
	{ M_POST, "/api/v1/profile/handset-logout", R_OCC, 0, api_profile_handset_logout },
	{ GET, "/api/v1/users", R_OCC_ADMIN, AF_SCOPE, api_users_list },
	{ M_POST, "/api/v1/users", R_OCC_ADMIN, AF_SCOPE, api_user_add },
	{ GET, "/api/v1/users/#", R_OCC_ADMIN, AF_SCOPE | AF_USER, api_user_get },
	{ M_PATCH, "/api/v1/users/#", R_OCC_ADMIN, AF_SCOPE | AF_USER, api_user_edit },
	{ M_DELETE, "/api/v1/users/#", R_OCC_ADMIN, AF_SCOPE | AF_USER, api_user_delete },
	{ M_POST, "/api/v1/users/#/resend-invite", R_OCC_ADMIN, AF_SCOPE | AF_USER,
	    api_user_resend },
	{ M_POST, "/api/v1/users/#/account", R_OCC_ADMIN, AF_SCOPE | AF_USER, api_user_account },
	{ M_POST, "/api/v1/users/#/wifi-reset", R_OCC_ADMIN, AF_SCOPE | AF_USER,
	    api_user_wifi_reset },
};
#define NROUTES (sizeof(routes) / sizeof(routes[0]))

/* Limits of a body (besides its size, request.c): nesting, values, bytes of a string. */
static const struct json_limits API_JSON_LIMITS = { 8, 2000, 4096 };

int
api_path(const char *path)
{
	return path != NULL && (strncmp(path, "/api/", 5) == 0 || strcmp(path, "/api") == 0);
}

/* ------------------------------------------------------------------ answers */

void
api_begin(struct req *r, struct api *a)
{
	sbuf_reset(&r->body);
	jw_init(&a->w, &r->body);
	jw_open(&a->w, NULL, '{');
}

int
api_done(struct req *r, struct api *a)
{
	jw_close(&a->w);
	if (r->status == 0)
		r->status = 200;
	return r->body.oom ? 500 : 0;
}

void
api_str_or_null(struct jw *w, const char *key, const char *v)
{
	jw_str(w, key, v != NULL && *v != '\0' ? v : NULL);
}

int
api_error(struct req *r, int status, const char *code, const char *message,
    const struct api_errs *e)
{
	struct jw w;

	sbuf_reset(&r->body);
	jw_init(&w, &r->body);
	jw_open(&w, NULL, '{');
	jw_open(&w, "error", '{');
	jw_int(&w, "status", status);
	jw_str(&w, "code", code);
	jw_str(&w, "message", message);
	jw_open(&w, "fields", '[');
	for (int i = 0; e != NULL && i < e->n; i++) {
		jw_open(&w, NULL, '{');
		jw_str(&w, "field", e->field[i]);
		jw_str(&w, "message", T(r, e->key[i]));
		jw_close(&w);
	}
	jw_close(&w);
	jw_close(&w);
	jw_close(&w);
	r->status = status;
	r->resp_ctype = "application/json";
	return 0;
}

int
api_fail(struct req *r, int status, const char *code, const char *key)
{
	return api_error(r, status, code, T(r, key), NULL);
}

int
api_refuse(struct req *r, int status, const struct api_errs *e)
{
	return api_error(r, status, status == 409 ? "conflict" : "invalid",
	    T(r, status == 409 ? "api_err_conflict" : "api_err_invalid"), e);
}

int
api_refuse_one(struct req *r, int status, const char *code, const char *field, const char *key)
{
	struct api_errs e;

	memset(&e, 0, sizeof(e));
	api_err(&e, field, key);
	if (status == 400 && strcmp(code, "invalid") == 0)
		return api_refuse(r, 400, &e);
	return api_error(r, status, code, T(r, key), &e);
}

int
api_flag(struct req *r, struct api *a, const char *name)
{
	api_begin(r, a);
	jw_bool(&a->w, name, 1);
	return api_done(r, a);
}

void
api_err(struct api_errs *e, const char *field, const char *key)
{
	if (key == NULL || e->n >= API_ERRS_MAX)
		return;
	e->field[e->n] = field;
	e->key[e->n++] = key;
}

/* The answer of a handler's or the dispatcher's refusal by status alone. */
static int
api_status(struct req *r, int status)
{
	switch (status) {
	case 400: return api_fail(r, 400, "bad_request", "api_err_bad_request");
	case 401:
		header_add(r, "WWW-Authenticate", "Bearer");
		return api_fail(r, 401, "unauthorized", "api_err_unauthorized");
	case 403: return api_fail(r, 403, "forbidden", "api_err_forbidden");
	case 404: return api_fail(r, 404, "not_found", "api_err_not_found");
	case 409: return api_fail(r, 409, "conflict", "api_err_conflict");
	case 503: return api_fail(r, 503, "unavailable", "api_err_unavailable");
	default: return api_fail(r, 500, "internal", "api_err_internal");
	}
}

/* ------------------------------------------------------------------ input */

/* An integer of JSON text s (no fraction, no exponent) within the ids' range. */
static int
json_integer(const char *s)
{
	long v;

	return strpbrk(s, ".eE") == NULL && str_to_long(s, -2147483647L, 2147483647L, &v) == 0;
}

int
api_input(struct req *r, struct api *a, const struct api_field *fields, size_t n)
{
	struct api_errs e;

	memset(&e, 0, sizeof(e));
	if (a->body == NULL || a->body->type != J_OBJ)
		return api_fail(r, 400, "bad_request", "api_err_object"), 0;
	for (const struct json *m = a->body->kids; m != NULL; m = m->next) {
		const struct api_field *f = NULL;
		const char *v;

		for (size_t i = 0; i < n && f == NULL; i++)
			if (strcmp(fields[i].name, m->key) == 0)
				f = &fields[i];
		if (f == NULL) {
			api_err(&e, m->key, "api_err_unknown_member");
			continue;
		}
		if (m->type == J_NULL)
			continue;
		if (m->type != f->type || (m->type == J_NUM && !json_integer(m->s))) {
			api_err(&e, m->key, f->type == J_BOOL ? "api_err_boolean" :
			    f->type == J_NUM ? "api_err_integer" : "api_err_string");
			continue;
		}
		v = m->type == J_BOOL ? (m->b ? "1" : "0") : m->s;
		if (kv_add(r->a, &r->form, f->name, v, strlen(v)) < 0)
			return api_status(r, 500), 0;
	}
	if (e.n)
		return api_refuse(r, 400, &e), 0;
	return 1;
}

void
api_keep(struct req *r, const char *name, const char *value)
{
	if (kv_get(&r->form, name) == NULL && value != NULL)
		kv_add(r->a, &r->form, name, value, strlen(value));
}

/* ------------------------------------------------------------------ dispatch */

/* The body's parse, refused as the limits say; 1 parsed (or none), 0 answered. */
static int
api_body(struct req *r, struct api *a)
{
	enum json_err e;

	if (r->raw_len == 0)
		return 1;
	if (r->ctype == NULL || strncasecmp(r->ctype, "application/json", 16) != 0 ||
	    (r->ctype[16] != '\0' && r->ctype[16] != ';'))
		return api_fail(r, 415, "unsupported_media_type", "api_err_media_type"), 0;
	e = json_parse(r->a, r->raw_body, r->raw_len, &API_JSON_LIMITS, &a->body);
	switch (e) {
	case JSON_OK:
		return 1;
	case JSON_ERR_UTF8:
		return api_fail(r, 400, "bad_utf8", "error_bad_utf8"), 0;
	case JSON_ERR_DEPTH:
	case JSON_ERR_TOO_BIG:
		return api_fail(r, 413, "too_large", "api_err_json_limits"), 0;
	case JSON_ERR_DUP_KEY:
		return api_fail(r, 400, "bad_json", "api_err_duplicate"), 0;
	case JSON_ERR_NOMEM:
		return api_status(r, 500), 0;
	default:
		return api_fail(r, 400, "bad_json", "api_err_json"), 0;
	}
}

/* The route of r's path and method; *known 1 when the path is the API's at all. */
static int
find_route(struct req *r, int *known, int *allow)
{
	*known = 0;
	*allow = 0;
	for (size_t i = 0; i < NROUTES; i++) {
		if (!route_match(routes[i].pattern, r->path, r))
			continue;
		*known = 1;
		*allow |= routes[i].methods;
		if (routes[i].methods & (int)r->method)
			return (int)i;
	}
	return -1;
}

/* The Allow header of a path's methods. */
static void
allow_header(struct req *r, int allow)
{
	static const struct { int m; const char *name; } names[] = {
		{ M_GET, "GET" }, { M_HEAD, "HEAD" }, { M_POST, "POST" }, { M_PATCH, "PATCH" },
		{ M_DELETE, "DELETE" },
	};
	char buf[64] = "";

	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if (allow & names[i].m) {
			if (buf[0])
				strcat(buf, ", ");
			strcat(buf, names[i].name);
		}
	header_add(r, "Allow", buf);
}

/* Authenticates the bearer token of a route that needs it; 0, or the status to refuse. */
static int
api_auth(struct req *r, struct api *a, int roles)
{
	int rc;

	if (roles & R_ANON)
		return 0;
	/* a session cookie alone is never enough: r->cookies is not even read */
	if ((rc = api_token_load(r, r->authorization, &a->token_id)) < 0)
		return 500;
	if (rc == 0)
		return 401;
	r->lang = i18n_pick(r->me->lang);
	return (roles & r->me->role) ? 0 : 403;
}

/*
 * Runs route i's handler with what its flags ask for, as the router does for the pages: a
 * handler whose transaction a conflict rolled back (a deadlock, or a Galera certification
 * failure) runs again from the start with its answer discarded (db_tx_retry). Returns the
 * handler's result.
 */
static int
api_run(struct req *r, struct api *a, int i)
{
	size_t nform = r->form.n;
	int rc;

	for (int attempt = 0;; attempt++) {
		rc = 0;
		if (routes[i].flags & AF_SCOPE) {
			if ((rc = scope_get(r, &a->scope)) == 0 && (routes[i].flags & AF_USER))
				rc = target_get(r, &a->scope, &a->target);
		}
		if (rc == 0)
			rc = routes[i].fn(r, a);
		if (!db_tx_retry(r->db, attempt))
			return rc;
		r->status = 0;
		r->form.n = nform;      /* what api_input() added is added again */
		sbuf_reset(&r->head);
		sbuf_reset(&r->body);
	}
}

void
api_serve(struct req *r, enum http_err e)
{
	struct api a;
	int known, allow, i, rc;

	memset(&a, 0, sizeof(a));
	r->resp_ctype = "application/json";
	if (e != HTTP_OK) {
		api_fail(r, http_err_status(e), "bad_request", http_err_key(e));
		return;
	}
	if ((i = find_route(r, &known, &allow)) < 0) {
		if (known) {
			allow_header(r, allow);
			api_fail(r, 405, "method_not_allowed", "error_405_title");
		} else
			api_status(r, 404);
		return;
	}
	if ((rc = api_auth(r, &a, routes[i].roles)) != 0 || !api_body(r, &a))
		goto out;
	rc = api_run(r, &a, i);
out:
	if (rc == 500 && (db_errno(r->db) == DB_DOWN || db_errno(r->db) == DB_RETRY))
		rc = 503;
	if (rc != 0)
		api_status(r, rc);
	r->resp_ctype = "application/json";
}
