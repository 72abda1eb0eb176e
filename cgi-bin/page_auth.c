/*
 * Sign-in, sign-out, forgotten password and the set-password page that invitation and reset
 * links lead to (AUTH-1, AUTH-3, AUTH-5..8).
 */
#include <stdio.h>
#include <string.h>

#include "app.h"
#include "auth.h"
#include "conf.h"
#include "db.h"
#include "mail.h"
#include "pages.h"
#include "tmpl.h"
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

static const char SQL_SIGNIN_CANDIDATES[] =
	"SELECT id, password_hash, account_state, occupier_id IS NULL AND role = 'user' "
	"FROM users WHERE email = ? AND password_hash IS NOT NULL ORDER BY id LIMIT 3";
static const char SQL_SIGNIN_OK[] =
	"UPDATE users SET last_sign_in = UTC_TIMESTAMP(), account_state = 'VALIDATED' "
	"WHERE id = ? AND account_state = 'AWAITING_VALIDATION'";
static const char SQL_SIGNIN_STAMP[] =
	"UPDATE users SET last_sign_in = UTC_TIMESTAMP() WHERE id = ?";
static const char SQL_REHASH[] = "UPDATE users SET password_hash = ? WHERE id = ?";

/* The sign-in page refused for wait seconds (AUTH-5): the back-off, and the way around it. */
static int
signin_wait(struct req *r, const char *email, int wait)
{
	const char *t = T(r, "signin_wait"), *at = strstr(t, "{seconds}");
	char *text = at == NULL ? NULL : arena_printf(r->a, "%.*s%d%s", (int)(at - t), t, wait,
	    at + 9);

	return signin_page_text(r, email, text ? text : T(r, "signin_throttled"), 429);
}

int
h_signin(struct req *r)
{
	const char *pw = form_get(r, "password"), *next = form_get(r, "next");
	char *email = (char *)form_get(r, "email");
	struct dbres res;
	long user = 0;
	int wait;
	const char *akey;

	email = str_trim(arena_strdup(r->a, email ? email : ""));
	if (email == NULL)
		return 500;
	str_lower(email);
	if (pw == NULL || *email == '\0' || *pw == '\0' || strlen(email) > 254 ||
	    strlen(pw) > 1024)
		return signin_page(r, email, "signin_failed", 400);
	if (db_query(r->db, r->a, &res, SQL_SIGNIN_CANDIDATES, "s", email) < 0)
		return 500;
	/* The account's counter is keyed by its id, not by the typed address: another spelling
	 * that the collation matches to the same row counts for the same account. */
	akey = res.nrows ? arena_printf(r->a, "u:%lld", db_int(&res, 0, 0)) :
	    arena_printf(r->a, "a:%.250s", email);
	if ((wait = throttle_signin(r, akey)) < 0)
		return 500;
	if (wait > 0)
		return signin_wait(r, email, wait);
	if (res.nrows == 0) {
		fprintf(stderr, "portal: signin: password check for an unknown account\n");
		auth_verify_password(auth_dummy_hash(), pw);
	}
	for (size_t i = 0; i < res.nrows && user == 0; i++) {
		/* one line per argon2id verification: tests count them (issue 11) */
		fprintf(stderr, "portal: signin: password check for user %lld\n", db_int(&res, i, 0));
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
				db_exec(r->db, SQL_REHASH, "si", h, (long long)user);
		}
	}
	if (user == 0)          /* the failure was counted before the check */
		return signin_page(r, email, "signin_failed", 400);
	throttle_signin_ok(r, akey);
	/* issue 11: the session this request came with (another user's, or a stale one) ends */
	if (session_end_presented(r) < 0 ||
	    db_exec(r->db, SQL_SIGNIN_OK, "i", (long long)user) < 0 ||
	    db_exec(r->db, SQL_SIGNIN_STAMP, "i", (long long)user) < 0 ||
	    session_create(r, user) < 0)
		return 500;
	return page_redirect(r, http_local_path(next) ? next : "/");
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

static const char SQL_RESET_USERS[] =
	"SELECT id, operator_id, language, first_name FROM users WHERE email = ? "
	"AND account_state IN ('AWAITING_VALIDATION','VALIDATED') LIMIT 3";
static const char SQL_TOKEN_DEL[] = "DELETE FROM user_tokens WHERE user_id = ? AND kind = ?";
static const char SQL_TOKEN_DEL_ALL[] = "DELETE FROM user_tokens WHERE user_id = ?";
static const char SQL_TOKEN_ADD[] =
	"INSERT INTO user_tokens (token_hash, user_id, kind, expires_at) "
	"VALUES (?, ?, ?, UTC_TIMESTAMP() + INTERVAL ? HOUR)";

struct link_mail {
	const char *name, *link;
};

static void
fill_link(struct tmpl_dict *d, void *arg)
{
	struct link_mail *m = arg;

	tmpl_set(d, "NAME", m->name);
	tmpl_set(d, "LINK", m->link);
}

/*
 * Replaces user's links of kind by a new one and queues the email that carries it, in the
 * caller's transaction (AUTH-6: a fresh link kills the old one).
 */
int
link_issue(struct req *r, long user, long operator_id, const char *to, const char *lang,
    const char *first_name, const char *kind, const char *mail_name)
{
	char hex[TOKEN_HEX];
	unsigned char hash[32];
	long long hours = strcmp(kind, "invite") == 0 ? r->cfg->invite_days * 24LL :
	    r->cfg->reset_hours;
	struct link_mail m;

	token_new(hex, hash);
	if (db_exec(r->db, SQL_TOKEN_DEL, "is", (long long)user, kind) < 0 ||
	    db_exec(r->db, SQL_TOKEN_ADD, "bisi", hash, (size_t)32, (long long)user, kind,
	    hours) < 0)
		return -1;
	m.name = first_name;
	/* The token travels in the fragment, which no server, log or Referer sees; the page's
	 * script swaps it for a cookie (issue 11). */
	m.link = arena_printf(r->a, "%s/set-password#t=%s", r->cfg->base_url, hex);
	if (m.link == NULL)
		return -1;
	return mail_queue(r, operator_id, to, lang, mail_name, fill_link, &m);
}

/* issue 11: reset requests per client address (or IPv6 /64) and per account, 15 minutes */
#define FORGOT_PER_ADDR 20
#define FORGOT_PER_ACCOUNT 5

/* What link_issue does for a known account, for an unknown address, then rolled back (the
 * token cannot be stored: it has no user). */
static void
forgot_unknown(struct req *r, const char *email)
{
	char hex[TOKEN_HEX];
	unsigned char hash[32];
	struct link_mail m = { "", NULL };

	token_new(hex, hash);
	db_exec(r->db, SQL_TOKEN_DEL, "is", 0LL, "reset");
	m.link = arena_printf(r->a, "%s/set-password#t=%s", r->cfg->base_url, hex);
	if (m.link != NULL)
		mail_queue(r, 0, email, "en", "reset", fill_link, &m);
	db_rollback(r->db);
}

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
	struct dbres res;
	int wait;

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
	if (db_query(r->db, r->a, &res, SQL_RESET_USERS, "s", email) < 0)
		return 500;
	for (size_t i = 0; i < (res.nrows ? res.nrows : 1); i++) {
		long user = res.nrows ? (long)db_int(&res, i, 0) : 0;
		const char *key = user ? arena_printf(r->a, "fu:%ld", user) :
		    arena_printf(r->a, "fa:%.250s", email);

		if ((wait = throttle_take(r, key, 0, FORGOT_PER_ACCOUNT)) < 0)
			return 500;
		if (wait > 0)
			continue;
		if (db_begin(r->db) < 0)
			return 500;
		if (user == 0) {
			forgot_unknown(r, email);
			continue;
		}
		if (link_issue(r, user, (long)db_int(&res, i, 1), email, db_str(&res, i, 2),
		    db_str(&res, i, 3), "reset", "reset") < 0 || db_commit(r->db) < 0) {
			db_rollback(r->db);
			return 500;
		}
	}
	return forgot_page(r, 1);
}

static const char SQL_TOKEN_GET[] =
	"SELECT t.user_id, t.kind, u.email FROM user_tokens t JOIN users u ON u.id = t.user_id "
	"WHERE t.token_hash = ? AND t.expires_at > UTC_TIMESTAMP() "
	"AND u.account_state <> 'DEACTIVATED'";

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

/* The user row of a live link token, or 0 rows. */
static int
token_lookup(struct req *r, const char *t, unsigned char hash[32], struct dbres *res)
{
	memset(res, 0, sizeof(*res));
	if (token_hash_hex(t, hash) < 0)
		return 0;
	return db_query(r->db, r->a, res, SQL_TOKEN_GET, "b", hash, (size_t)32);
}

/* Swaps a link's token for the cookie and sends the browser to the bare page (303). */
static int
setpw_swap(struct req *r, const char *t)
{
	unsigned char hash[32];
	struct dbres res;

	if (token_lookup(r, t, hash, &res) < 0)
		return 500;
	if (res.nrows == 0)
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
	const char *t = query_get(r, "t"), *c = link_cookie_get(r);
	unsigned char hash[32];
	struct dbres res;
	struct tmpl_dict *d;

	if (t != NULL)
		return setpw_swap(r, t);
	if (c != NULL) {
		if (token_lookup(r, c, hash, &res) < 0)
			return 500;
		if (res.nrows == 0)
			return setpw_page(r, NULL, NULL, 404);
		return setpw_page(r, db_str(&res, 0, 2), NULL, 200);
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

static const char SQL_TOKEN_USE[] = "DELETE FROM user_tokens WHERE token_hash = ?";
static const char SQL_SET_PASSWORD[] =
	"UPDATE users SET password_hash = ?, account_state = 'VALIDATED', "
	"last_sign_in = UTC_TIMESTAMP(), version = version + 1 WHERE id = ?";

/* Sets the password chosen through an invitation or reset link, and signs the user in. */
int
h_setpw(struct req *r)
{
	const char *t = setpw_token(r), *pw = form_get(r, "password");
	const char *pw2 = form_get(r, "password_confirm"), *problem;
	char h[crypto_pwhash_STRBYTES];
	unsigned char hash[32];
	struct dbres res;
	long user;

	if (token_lookup(r, t, hash, &res) < 0)
		return 500;
	if (res.nrows == 0)
		return setpw_page(r, NULL, NULL, 404);
	user = (long)db_int(&res, 0, 0);
	if ((problem = auth_password_problem(pw)) != NULL)
		return setpw_page(r, db_str(&res, 0, 2), problem, 400);
	if (pw2 == NULL || strcmp(pw, pw2) != 0)
		return setpw_page(r, db_str(&res, 0, 2), "pw_mismatch", 400);
	if (auth_hash_password(pw, h) != 0)
		return 500;
	if (db_begin(r->db) < 0)
		return 500;
	/* Deleting the token first makes a second use of the same link find nothing; every
	 * other link of the user (an old invitation, a reset) dies with it, and so do the
	 * user's sessions and the one this request came with (issue 11). */
	if (db_exec(r->db, SQL_TOKEN_USE, "b", hash, (size_t)32) != 1 ||
	    db_exec(r->db, SQL_SET_PASSWORD, "si", h, (long long)user) < 0 ||
	    db_exec(r->db, SQL_TOKEN_DEL_ALL, "i", (long long)user) < 0 ||
	    session_end_presented(r) < 0 ||
	    session_end_all(r, user, 0) < 0 || session_create(r, user) < 0 ||
	    db_commit(r->db) < 0) {
		db_rollback(r->db);
		return db_errno(r->db) == DB_OK ? setpw_page(r, NULL, NULL, 404) : 500;
	}
	link_cookie_set(r, NULL);
	/* the emailed link proves the account: its sign-in back-off is over */
	throttle_clear(r, arena_printf(r->a, "u:%ld", user));
	return page_redirect(r, "/?n=password_set");
}
