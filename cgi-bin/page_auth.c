/*
 * Sign-in, sign-out, forgotten password and the set-password page that invitation and reset
 * links lead to (AUTH-1, AUTH-3, AUTH-5..8).
 */
#include <string.h>

#include "app.h"
#include "auth.h"
#include "conf.h"
#include "db.h"
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
signin_page(struct req *r, const char *email, const char *error_key, int status)
{
	struct tmpl_dict *d = page_start(r, "signin.tpl", "sign_in");
	const char *next = query_get(r, "next");

	if (d == NULL)
		return 500;
	if (next == NULL)
		next = form_get(r, "next");
	tmpl_set(d, "NEXT", http_local_path(next) ? next : "");
	tmpl_set(d, "EMAIL", email ? email : "");
	if (error_key != NULL) {
		struct tmpl_dict *e = tmpl_section(d, "ERROR");

		tmpl_set(e, "ERROR_TEXT", T(r, error_key));
	}
	r->status = status;
	return page_finish(r);
}

int
h_signin_form(struct req *r)
{
	if (r->me != NULL)
		return page_redirect(r, home_of(r));
	return signin_page(r, "", NULL, 200);
}

/* A hash to verify against when the email is unknown, so both cases take as long. */
static char dummy_hash[crypto_pwhash_STRBYTES];

int
h_signin(struct req *r)
{
	const char *pw = form_get(r, "password"), *next = form_get(r, "next");
	char *email = (char *)form_get(r, "email");
	struct dbres res;
	long user = 0;
	int wait;

	email = email ? str_trim(arena_strdup(r->a, email)) : arena_strdup(r->a, "");
	if (email == NULL)
		return 500;
	str_lower(email);
	if (pw == NULL || *email == '\0' || *pw == '\0' || strlen(email) > 254 ||
	    strlen(pw) > 1024)
		return signin_page(r, email, "signin_failed", 400);
	if ((wait = throttle_check(r, email)) < 0)
		return 500;
	if (wait > 0)
		return signin_page(r, email, "signin_throttled", 429);
	if (db_query(r->db, r->a, &res, STMT_SIGNIN_CANDIDATES, "s", email) < 0)
		return 500;
	if (res.nrows == 0) {
		if (dummy_hash[0] == '\0')
			auth_hash_password("not-a-real-password-0", dummy_hash);
		auth_verify_password(dummy_hash, pw);
	}
	for (size_t i = 0; i < res.nrows && user == 0; i++) {
		if (auth_verify_password(db_str(&res, i, 1), pw) != 0)
			continue;
		/* Right password, but a deactivated account or a team member without platform
		 * access: refused with the same words (AUTH-1, AUTH-7). */
		if (strcmp(db_str(&res, i, 2), "DEACTIVATED") == 0 || db_int(&res, i, 3))
			break;
		user = (long)db_int(&res, i, 0);
		if (auth_needs_rehash(db_str(&res, i, 1))) {
			char h[crypto_pwhash_STRBYTES];

			if (auth_hash_password(pw, h) == 0)
				db_exec(r->db, STMT_REHASH, "si", h, (long long)user);
		}
	}
	if (user == 0) {
		throttle_fail(r, email);
		return signin_page(r, email, "signin_failed", 400);
	}
	throttle_clear(r, email);
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
	if (db_exec(r->db, STMT_SIGNIN_OK, "i", (long long)user) < 0 ||
	    db_exec(r->db, STMT_SIGNIN_STAMP, "i", (long long)user) < 0 ||
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

/* AUTH-8: the same answer whether the address is known or not. */
int
h_forgot(struct req *r)
{
	char *email = (char *)form_get(r, "email");
	struct dbres res;

	if (email == NULL || (email = arena_strdup(r->a, email)) == NULL)
		return forgot_page(r, 1);
	email = str_trim(email);
	str_lower(email);
	if (validate_email(email) != NULL)
		return forgot_page(r, 1);
	if (db_query(r->db, r->a, &res, STMT_RESET_USERS, "s", email) < 0)
		return 500;
	for (size_t i = 0; i < res.nrows; i++) {
		if (db_begin(r->db) < 0)
			return 500;
		if (link_issue(r, (long)db_int(&res, i, 0), (long)db_int(&res, i, 1), email,
		    db_str(&res, i, 2), db_str(&res, i, 3), "reset", "reset") < 0 ||
		    db_commit(r->db) < 0) {
			db_rollback(r->db);
			return 500;
		}
	}
	return forgot_page(r, 1);
}

static int
setpw_page(struct req *r, const char *token, const char *email, const char *err, int status)
{
	struct tmpl_dict *d = page_start(r, "set_password.tpl", "set_password_title");

	if (d == NULL)
		return 500;
	r->status = status;
	if (email == NULL) {
		tmpl_show(d, "INVALID");
		return page_finish(r);
	}
	d = tmpl_section(d, "FORM");
	tmpl_set(d, "TOKEN", token);
	tmpl_set(d, "EMAIL", email);
	if (err != NULL) {
		tmpl_show(d, "HAS_ERROR");
		tmpl_set(d, "PASSWORD_ERROR", T(r, err));
		tmpl_show(d, "ERROR_SUMMARY");
	}
	return page_finish(r);
}

int
h_setpw_form(struct req *r)
{
	const char *t = query_get(r, "t"), *email;
	unsigned char hash[32];
	long user;
	int rc = link_get(r, t, hash, &user, &email);

	if (rc < 0)
		return 500;
	if (rc == 0)
		return setpw_page(r, "", NULL, NULL, 404);
	return setpw_page(r, t, email, NULL, 200);
}

/* Sets the password chosen through an invitation or reset link, and signs the user in. */
int
h_setpw(struct req *r)
{
	const char *t = form_get(r, "t"), *pw = form_get(r, "password");
	const char *pw2 = form_get(r, "password_confirm"), *problem;
	const char *email;
	char h[crypto_pwhash_STRBYTES];
	unsigned char hash[32];
	long user;
	int rc = link_get(r, t, hash, &user, &email);

	if (rc < 0)
		return 500;
	if (rc == 0)
		return setpw_page(r, "", NULL, NULL, 404);
	if ((problem = auth_password_problem(pw)) != NULL)
		return setpw_page(r, t, email, problem, 400);
	if (pw2 == NULL || strcmp(pw, pw2) != 0)
		return setpw_page(r, t, email, "pw_mismatch", 400);
	if (auth_hash_password(pw, h) != 0)
		return 500;
	if (db_begin(r->db) < 0)
		return 500;
	/* Deleting the token first makes a second use of the same link find nothing; every
	 * other link of the user (an old invitation, a reset) dies with it. */
	if (db_exec(r->db, STMT_TOKEN_USE, "b", hash, (size_t)32) != 1 ||
	    db_exec(r->db, STMT_SET_PASSWORD, "si", h, (long long)user) < 0 ||
	    db_exec(r->db, STMT_TOKEN_DEL_ALL, "i", (long long)user) < 0 ||
	    session_end_all(r, user, 0) < 0 || session_create(r, user) < 0 ||
	    db_commit(r->db) < 0) {
		db_rollback(r->db);
		return db_errno(r->db) == DB_OK ? setpw_page(r, "", NULL, NULL, 404) : 500;
	}
	return page_redirect(r, "/?n=password_set");
}
