/*
 * Sign-in, sign-out, forgotten password and the set-password page that invitation and reset
 * links lead to (AUTH-1, AUTH-3, AUTH-5..8).
 */
#include <stdio.h>
#include <string.h>

#include "app.h"
#include "auth.h"
#include "conf.h"
#include "db_auth.h"
#include "link.h"
#include "mail.h"
#include "pages.h"
#include "tmpl.h"
#include "twofa.h"
#include "validate.h"

/* Where each role lands after sign-in. */
static const char *
home_of(const struct req *r)
{
	if (r->me == NULL)
		return "/signin";
	switch (r->me->role) {
	case R_OCC_ADMIN:
		return "/users";
	case R_OCC_USER:
		return "/profile";
	default:
		return "/platform/occupiers";
	}
}

/* Sends each role home, keeping a notice code (?n=) for the page it lands on. */
int
h_home(struct req *r)
{
	const char *n = query_get(r, "n");

	if (n != NULL && *n != '\0' && strspn(n, "abcdefghijklmnopqrstuvwxyz_") == strlen(n) &&
	    strlen(n) < 40)
		return page_redirect(r, arena_printf(r->a, "%s?n=%s", home_of(r), n));
	return page_redirect(r, home_of(r));
}

static int
signin_page_text(struct req *r, const char *email, const char *error_text, int status)
{
	struct tmpl_dict *d = page_start(r, "signin.tpl", "sign_in");
	const char *next = query_get(r, "next");

	if (d == NULL)
		return 500;
	if (next == NULL)
		next = form_get(r, "next");
	tmpl_set(d, "NEXT", http_local_path(next) ? next : "");
	tmpl_set(d, "EMAIL", email ? email : "");
	if (error_text != NULL) {
		struct tmpl_dict *e = tmpl_section(d, "ERROR");

		tmpl_set(e, "ERROR_TEXT", error_text);
	}
	r->status = status;
	return page_finish(r);
}

static int
signin_page(struct req *r, const char *email, const char *error_key, int status)
{
	return signin_page_text(r, email, error_key ? T(r, error_key) : NULL, status);
}

int
h_signin_form(struct req *r)
{
	if (r->me != NULL)
		return page_redirect(r, home_of(r));
	return signin_page(r, "", NULL, 200);
}

/* The sign-in page refused for wait seconds (AUTH-5): the back-off, and the way around it. */
static int
signin_wait(struct req *r, const char *email, int wait)
{
	return signin_page_text(r, email, signin_wait_text(r, wait), 429);
}

int
h_signin(struct req *r)
{
	const char *pw = form_get(r, "password"), *next = form_get(r, "next");
	char *email = signin_email(r, form_get(r, "email"));
	long user;
	int wait;

	if (email == NULL)
		return 500;
	if ((user = signin_check(r, email, pw, &wait)) < 0)
		return 500;
	if (wait > 0)
		return signin_wait(r, email, wait);
	if (user == 0)
		return signin_page(r, email, "signin_failed", 400);
	/* issue 13: the right password of an account invited to the app alone: told why, and
	 * nothing of a session made (the API signs it in) */
	switch (db_user_app_only(r, user)) {
	case 0:
		break;
	case 1:
		return signin_page(r, email, "signin_app_only", 403);
	default:
		return 500;
	}
	/* issue 16: a code to ask for, or a set-up the operator requires, comes first */
	switch (twofa_after_password(r, user, http_local_path(next) ? next : "")) {
	case 0:
		break;
	case 1:
		return page_redirect(r, "/signin/code");
	default:
		return 500;
	}
	if (signin_finish(r, user) < 0)
		return 500;
	return page_redirect(r, http_local_path(next) ? next : "/");
}

int
signin_finish(struct req *r, long user)
{
	/* issue 11: the session this request came with (another user's, or a stale one) ends */
	if (session_end_presented(r) < 0 || signin_stamp(r, user) < 0 ||
	    session_create(r, user) < 0)
		return -1;
	return 0;
}

int
h_signout(struct req *r)
{
	if (session_destroy(r) < 0)
		return 500;
	r->me = NULL;
	return page_redirect(r, "/signin?n=signed_out");
}

static int
forgot_page(struct req *r, int sent)
{
	struct tmpl_dict *d = page_start(r, "forgot.tpl", "forgot_title");

	if (d == NULL)
		return 500;
	if (sent)
		tmpl_show(d, "SENT");
	else
		tmpl_show(d, "FORM");
	return page_finish(r);
}

int
h_forgot_form(struct req *r)
{
	return forgot_page(r, 0);
}

/* issue 11: reset requests per client address (or IPv6 /64) and per account, 15 minutes */
#define FORGOT_PER_ADDR 20
#define FORGOT_PER_ACCOUNT 5

/*
 * AUTH-8: the same answer whether the address is known or not, and the same work: an
 * unknown address gets its link made, its email rendered, sealed and written in a
 * transaction that is rolled back. Rate-limited per address (a page that says so: it tells
 * nothing about accounts) and per account (silently: the same answer as ever).
 */
int
h_forgot(struct req *r)
{
	char *email = str_trim(arena_strdup(r->a, form_get(r, "email") ? form_get(r, "email") : ""));
	struct reset_row *u;
	int wait, n;

	if (email == NULL)
		return 500;
	str_lower(email);
	if (validate_email(email) != NULL)
		return forgot_page(r, 1);
	if ((wait = throttle_take(r, throttle_key_addr(r, "f"), 0, FORGOT_PER_ADDR)) < 0)
		return 500;
	if (wait > 0) {
		struct tmpl_dict *d = page_start(r, "forgot.tpl", "forgot_title");

		if (d == NULL)
			return 500;
		tmpl_show(d, "FORM");
		tmpl_set(tmpl_section(d, "ERROR"), "ERROR_TEXT", T(r, "forgot_throttled"));
		r->status = 429;
		return page_finish(r);
	}
	if ((n = db_reset_users(r, email, &u)) < 0)
		return 500;
	for (int i = 0; i < (n ? n : 1); i++) {
		long user = n ? u[i].id : 0;
		const char *key = user ? arena_printf(r->a, "fu:%ld", user) :
		    arena_printf(r->a, "fa:%.250s", email);

		if ((wait = throttle_take(r, key, 0, FORGOT_PER_ACCOUNT)) < 0)
			return 500;
		if (wait > 0)
			continue;
		if (tx_begin(r) < 0)
			return 500;
		if (user == 0) {
			link_decoy(r, email);
			continue;
		}
		if (link_issue(r, user, u[i].operator_id, email, u[i].lang, u[i].first_name,
		    "reset", "reset") < 0 || tx_commit(r) < 0) {
			tx_rollback(r);
			return 500;
		}
	}
	return forgot_page(r, 1);
}

static int
setpw_page(struct req *r, const char *email, const char *err, int status)
{
	struct tmpl_dict *d = page_start(r, "set_password.tpl", "set_password_title");

	if (d == NULL)
		return 500;
	r->status = status;
	r->referrer_policy = "no-referrer";
	if (email == NULL) {
		tmpl_show(d, "INVALID");
		link_cookie_set(r, NULL);
		return page_finish(r);
	}
	d = tmpl_section(d, "FORM");
	tmpl_set(d, "EMAIL", email);
	if (err != NULL) {
		tmpl_show(d, "HAS_ERROR");
		tmpl_set(d, "PASSWORD_ERROR", T(r, err));
		tmpl_show(d, "ERROR_SUMMARY");
	}
	return page_finish(r);
}

/* The link's token: the cookie it was swapped for, or (a form of an older page) the field. */
static const char *
setpw_token(struct req *r)
{
	const char *t = form_get(r, "t");

	return t != NULL && *t ? t : link_cookie_get(r);
}

/* Swaps a link's token for the cookie and sends the browser to the bare page (303). */
static int
setpw_swap(struct req *r, const char *t)
{
	unsigned char hash[32];
	const char *email;
	long user;
	int rc = link_get(r, t, hash, &user, &email);

	if (rc < 0)
		return 500;
	if (rc == 0)
		return setpw_page(r, NULL, NULL, 404);
	link_cookie_set(r, t);
	r->referrer_policy = "no-referrer";
	return page_redirect(r, "/set-password");
}

/*
 * GET /set-password: with the cookie, the form; without it, the page whose script reads the
 * token from the fragment (#t=...) and posts it to /set-password/claim. A link of the older
 * form (?t=...) is swapped at once; the access log never records that query (nginx.conf).
 */
int
h_setpw_form(struct req *r)
{
	const char *t = query_get(r, "t"), *c = link_cookie_get(r), *email;
	unsigned char hash[32];
	struct tmpl_dict *d;
	long user;
	int rc;

	if (t != NULL)
		return setpw_swap(r, t);
	if (c != NULL) {
		if ((rc = link_get(r, c, hash, &user, &email)) < 0)
			return 500;
		if (rc == 0)
			return setpw_page(r, NULL, NULL, 404);
		return setpw_page(r, email, NULL, 200);
	}
	if ((d = page_start(r, "set_password.tpl", "set_password_title")) == NULL)
		return 500;
	r->referrer_policy = "no-referrer";
	tmpl_show(d, "CLAIM");
	return page_finish(r);
}

/* POST /set-password/claim: the token the page's script read from the fragment. */
int
h_setpw_claim(struct req *r)
{
	return setpw_swap(r, form_get(r, "t"));
}

/* Sets the password chosen through an invitation or reset link, and signs the user in. */
int
h_setpw(struct req *r)
{
	const char *t = setpw_token(r), *pw = form_get(r, "password");
	const char *pw2 = form_get(r, "password_confirm"), *problem;
	const char *email;
	char h[crypto_pwhash_STRBYTES];
	unsigned char hash[32];
	long user;
	int app_only, rc = link_get(r, t, hash, &user, &email);

	if (rc < 0)
		return 500;
	if (rc == 0)
		return setpw_page(r, NULL, NULL, 404);
	if ((problem = auth_password_problem(pw)) != NULL)
		return setpw_page(r, email, problem, 400);
	if (pw2 == NULL || strcmp(pw, pw2) != 0)
		return setpw_page(r, email, "pw_mismatch", 400);
	if (auth_hash_password(pw, h) != 0)
		return 500;
	if ((app_only = db_user_app_only(r, user)) < 0)
		return 500;
	if (tx_begin(r) < 0)
		return 500;
	/* Using the link first makes a second use of it find nothing; every other link of the
	 * user (an old invitation, a reset) dies with it, and so do the user's sessions and the
	 * one this request came with (issue 11). An account invited to the app alone is not
	 * signed in to the portal (issue 13). */
	if (db_password_set_by_link(r, hash, user, h) != 1 ||
	    session_end_presented(r) < 0 ||
	    session_end_all(r, user, 0) < 0 || (!app_only && session_create(r, user) < 0) ||
	    tx_commit(r) < 0) {
		tx_rollback(r);
		return !tx_failed(r) ? setpw_page(r, NULL, NULL, 404) : 500;
	}
	link_cookie_set(r, NULL);
	/* the emailed link proves the account: its sign-in back-off is over */
	throttle_clear(r, arena_printf(r->a, "u:%ld", user));
	return page_redirect(r, app_only ? "/signin?n=password_set_app" : "/?n=password_set");
}
