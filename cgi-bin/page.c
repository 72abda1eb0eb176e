/*
 * The page frame: layout dictionary (operator name, navigation by role, the signed-in user,
 * a notice after a redirect), error pages, redirects, and the response headers every page
 * carries.
 */
#include <stdio.h>
#include <string.h>

#include "app.h"
#include "auth.h"
#include "db.h"
#include "db_operator.h"
#include "i18n.h"
#include "pages.h"
#include "pcache.h"
#include "states.h"
#include "tmpl.h"

const char *
T(const struct req *r, const char *key)
{
	return i18n(r->lang, key);
}

const char *
form_get(const struct req *r, const char *key)
{
	return kv_get(&r->form, key);
}

const char *
query_get(const struct req *r, const char *key)
{
	return kv_get(&r->query, key);
}

char *
form_trim(struct req *r, const char *name)
{
	const char *v = form_get(r, name);
	char *s;

	if (v == NULL || (s = arena_strdup(r->a, v)) == NULL)
		return NULL;
	return str_trim(s);
}

char *
form_text(struct req *r, const char *name)
{
	char *s = form_trim(r, name);

	return s ? s : (char *)"";
}

void
form_field(struct req *r, struct tmpl_dict *d, struct tmpl_dict *summary, const char *name,
    const char *value, const char *err_key)
{
	char upper[48], key[64], *o = upper;

	for (const char *p = name; *p != '\0' && o < upper + sizeof(upper) - 1; p++)
		*o++ = (char)(*p >= 'a' && *p <= 'z' ? *p - 'a' + 'A' : *p);
	*o = '\0';
	snprintf(key, sizeof(key), "%s_VALUE", upper);
	tmpl_set(d, key, value ? value : "");
	if (err_key == NULL)
		return;
	snprintf(key, sizeof(key), "%s_ERROR", upper);
	tmpl_set(tmpl_section(d, key), "MESSAGE", T(r, err_key));
	if (summary != NULL) {
		struct tmpl_dict *it = tmpl_section(summary, "ERROR");

		tmpl_set(it, "FIELD", name);
		tmpl_set(it, "MESSAGE", T(r, err_key));
	}
}

void
header_add(struct req *r, const char *name, const char *value)
{
	sbuf_printf(&r->head, "%s: %s\r\n", name, value);
}

/* Notices shown after a redirect: ?n=<code>, mapped to catalogue keys only. */
static const char *notices[] = {
	"user_added", "changes_saved", "user_deleted", "invite_sent", "password_set",
	"password_set_app", "wifi_password_sent", "pin_reset", "handset_logged_out", "account_deactivated",
	"account_reactivated", "wifi_deactivated", "wifi_created", "signed_out",
	"reset_sent", "device_added", "device_deleted", "import_done", "bulk_done",
	"number_saved", "api_token_revoked", "device_disconnected", "device_session_ended",
	"twofa_off", "twofa_reset", "twofa_expired", "leaving_set", "leaving_cancelled",
	"wifi_reactivated",
};

/* Issue 13: an unauthenticated page (sign-in, forgotten password, set password) carries the
 * brand of the operator whose portal address the request's host name is; else the default. */
static void
page_brand_anon(struct req *r, struct tmpl_dict *d)
{
	struct host_brand b;

	if (brand_of_host(r, &b) <= 0)
		return;
	tmpl_set(d, "OPERATOR_NAME", b.name);
	tmpl_show(d, "BRAND");
	tmpl_set(d, "BRAND_VERSION", arena_printf(r->a, "%s-%ld", b.colour[0] == '#' ?
	    b.colour + 1 : b.colour, b.logo_version));
}

/*
 * Starts a page: the layout dictionary with the frame filled in. Returns the dictionary of
 * the page body (templates/<body_tpl>), or NULL when out of memory.
 */
struct tmpl_dict *
page_start(struct req *r, const char *body_tpl, const char *title_key)
{
	struct tmpl_dict *d, *body;
	const char *n, *href, *key;
	int roles;

	if (r->root != NULL)
		tmpl_dict_free(r->root);
	if ((d = r->root = tmpl_dict_new("layout")) == NULL)
		return NULL;
	tmpl_set_global(d, "LANG", r->lang);
	tmpl_set_global(d, "CSRF", csrf_token(r));
	tmpl_set(d, "TITLE", T(r, title_key));
	if (r->me == NULL)
		page_brand_anon(r, d);
	if (r->me != NULL) {
		struct tmpl_dict *s = tmpl_section(d, "SIGNED_IN");

		tmpl_set(d, "OPERATOR_NAME", r->me->operator_name);
		tmpl_show(d, "BRAND");
		/* the colour itself versions the URL: a new colour is a new stylesheet */
		tmpl_set(d, "BRAND_VERSION", r->me->brand_colour[0] == '#' ?
		    r->me->brand_colour + 1 : r->me->brand_colour);
		tmpl_set(s, "USER_NAME", arena_printf(r->a, "%s %s", r->me->first_name,
		    r->me->last_name));
		tmpl_set(s, "USER_EMAIL", r->me->email);
		/* the navigation: the routes that name an entry (router.c) */
		for (size_t i = 0; router_nav(i, &href, &key, &roles); i++) {
			struct tmpl_dict *it;
			size_t l = strlen(href);

			if (!(roles & r->me->role))
				continue;
			it = tmpl_section(s, "NAV");
			tmpl_set(it, "HREF", href);
			tmpl_set(it, "LABEL", T(r, key));
			if (strncmp(r->path, href, l) == 0 && (r->path[l] == '\0' || r->path[l] == '/'))
				tmpl_show(it, "CURRENT");
		}
	}
	if ((n = query_get(r, "n")) != NULL)
		for (size_t i = 0; i < sizeof(notices) / sizeof(notices[0]); i++)
			if (strcmp(n, notices[i]) == 0) {
				struct tmpl_dict *s = tmpl_section(d, "NOTICE");

				tmpl_set(s, "NOTICE_TEXT", T(r, arena_printf(r->a, "notice_%s",
				    notices[i])));
			}
	body = tmpl_include(d, "BODY", r->lang, body_tpl);
	return body;
}

/* Renders the layout into the response body. */
int
page_finish(struct req *r)
{
	int rc;

	if (r->root == NULL)
		return 500;
	sbuf_reset(&r->body);
	rc = tmpl_render(r->lang, "layout.tpl", r->root, &r->body);
	tmpl_dict_free(r->root);
	r->root = NULL;
	if (rc < 0) {
		fprintf(stderr, "portal: template failed for %s\n", r->path);
		sbuf_reset(&r->body);
		return 500;
	}
	if (r->status == 0)
		r->status = 200;
	r->resp_ctype = "text/html; charset=utf-8";
	return 0;
}

int
page_cached(struct req *r, const char *inputs, unsigned char key[PCACHE_KEY])
{
	if (inputs == NULL)
		return 0;
	pcache_key(r, inputs, key);
	if (!pcache_hold(key, &r->cached))
		return 0;
	r->status = 200;
	r->resp_ctype = "text/html; charset=utf-8";
	return 1;
}

int
page_finish_kept(struct req *r, const unsigned char *key, long max_age)
{
	int rc = page_finish(r);

	if (rc == 0 && key != NULL && r->status == 200)
		pcache_put(key, r->body.data, r->body.len, max_age);
	return rc;
}

/* 303 See Other to a local path (SEC-3: anything else goes home). */
int
page_redirect(struct req *r, const char *to)
{
	if (!http_local_path(to))
		to = "/";
	if (r->root != NULL) {
		tmpl_dict_free(r->root);
		r->root = NULL;
	}
	r->status = 303;
	header_add(r, "Location", to);
	sbuf_reset(&r->body);
	pcache_drop(&r->cached);
	r->resp_ctype = "text/plain; charset=utf-8";
	return 0;
}

/* An error page in the layout; never shows internals (SEC-3). */
int
page_error(struct req *r, int status)
{
	struct tmpl_dict *d;
	char tk[32], xk[32];

	if (status != 400 && status != 403 && status != 404 && status != 413 &&
	    status != 429 && status != 503)
		status = 500;
	snprintf(tk, sizeof(tk), "error_%d_title", status);
	snprintf(xk, sizeof(xk), "error_%d_text", status);
	r->status = status;
	if ((d = page_start(r, "error.tpl", tk)) == NULL)
		return page_text(r, status, "text/plain; charset=utf-8", T(r, tk));
	tmpl_set(d, "ERROR_TITLE", T(r, tk));
	tmpl_set(d, "ERROR_TEXT", T(r, xk));
	if (page_finish(r) != 0)
		return page_text(r, status, "text/plain; charset=utf-8", T(r, tk));
	r->status = status;
	return 0;
}

int
page_text(struct req *r, int status, const char *ctype, const char *text)
{
	if (r->root != NULL) {
		tmpl_dict_free(r->root);
		r->root = NULL;
	}
	r->status = status;
	r->resp_ctype = ctype;
	sbuf_reset(&r->body);
	pcache_drop(&r->cached);
	sbuf_adds(&r->body, text);
	return 0;
}

/*
 * A status badge (UI: text, never colour alone): sets <prefix>_CLASS and <prefix>_TEXT on d
 * for a stored state (ACTIVE, VALIDATED, AWAITING_VALIDATION, PENDING, DEACTIVATED,
 * NOT_INVITED, anything else: NO ACCOUNT).
 */
void
page_badge(struct req *r, struct tmpl_dict *d, const char *prefix, const char *state)
{
	enum state st = state_of(state);
	char name[64];

	snprintf(name, sizeof(name), "%s_CLASS", prefix);
	tmpl_set(d, name, state_badge_class(st));
	snprintf(name, sizeof(name), "%s_TEXT", prefix);
	tmpl_set(d, name, T(r, state_badge_key(st)));
}

int
tx_begin(struct req *r)
{
	return db_begin(r->db);
}

int
tx_commit(struct req *r)
{
	return db_commit(r->db);
}

void
tx_rollback(struct req *r)
{
	db_rollback(r->db);
}

int
tx_dup(const struct req *r)
{
	return db_errno(r->db) == DB_DUP;
}

int
tx_failed(const struct req *r)
{
	return db_errno(r->db) != DB_OK;
}

int
tx_ping(struct req *r)
{
	return db_ping(r->db);
}
