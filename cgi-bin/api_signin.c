/*
 * The JSON API's sign-in, sign-out and the user's own tokens (issue 16; routes in api.c):
 * the page's credential check and throttling, then the second step of two-factor sign-in,
 * then a bearer token (apitoken.c).
 */
#include <string.h>

#include "api.h"
#include "auth.h"
#include "conf.h"
#include "db_users.h"
#include "i18n.h"
#include "twofa.h"

static const struct api_field signin_fields[] = {
	{ "email", J_STR }, { "password", J_STR }, { "client", J_STR }, { "code", J_STR },
};

/*
 * Issue 16: after the right password, a user with two-factor sign-in on must give the code of
 * the authenticator (or a recovery code) as "code", checked as the page's second step does
 * (its own throttling, each code accepted once); a user the operator requires it of, who has
 * not set it up, is told to set it up in the portal first. 1: go on; else the answer.
 */
static int
api_signin_code(struct req *r, long user)
{
	const char *typed = kv_get(&r->form, "code");
	struct twofa_user t;
	enum twofa_check c;
	int rc;

	if ((rc = twofa_user_get(r, user, &t)) < 0)
		return 500;
	if (rc == 0 || !t.on)
		return rc > 0 && t.required ?
		    api_fail(r, 403, "twofa_setup_required", "api_err_twofa_setup") : 1;
	if (typed == NULL || *typed == '\0')
		return api_refuse_one(r, 401, "twofa_required", "code", "api_err_twofa_code");
	if ((rc = twofa_throttle_take(r, user)) < 0)
		return 500;
	if (rc > 0) {
		header_add(r, "Retry-After", arena_printf(r->a, "%d", rc));
		return api_error(r, 429, "throttled", signin_wait_text(r, rc), NULL);
	}
	if ((c = twofa_verify(r, user, &t, typed)) == TFA_FAILED)
		return 500;
	if (c != TFA_OK)
		return api_refuse_one(r, 401, "twofa_wrong", "code",
		    c == TFA_REPLAYED ? "twofa_err_used" : "twofa_err_code");
	twofa_throttle_clear(r, user);
	return 1;
}

/*
 * POST /api/v1/signin: the page's credential check and throttling (signin_check); then only
 * an occupier user invited to the app gets a token. The token is shown once, here.
 */
int
api_signin(struct req *r, struct api *a)
{
	const char *client;
	char *email, hex[TOKEN_HEX];
	long user;
	int wait, rc;

	if (!api_input(r, a, signin_fields, sizeof(signin_fields) / sizeof(signin_fields[0])))
		return 0;
	client = kv_get(&r->form, "client");
	if (client != NULL && utf8_chars(client) > 100)
		return api_fail(r, 400, "invalid", "err_too_long");
	if ((email = signin_email(r, kv_get(&r->form, "email"))) == NULL)
		return 500;
	if ((user = signin_check(r, email, kv_get(&r->form, "password"), &wait)) < 0)
		return 500;
	if (wait > 0) {
		header_add(r, "Retry-After", arena_printf(r->a, "%d", wait));
		return api_error(r, 429, "throttled", signin_wait_text(r, wait), NULL);
	}
	if (user == 0)
		return api_fail(r, 401, "signin_failed", "signin_failed");
	if ((rc = api_signin_code(r, user)) != 1)
		return rc;
	if (signin_stamp(r, user) < 0)
		return 500;
	if (api_token_create(r, user, client ? client : "", hex) < 0)
		return 500;
	/* the token's user, read as every request will read it: refused when not invited */
	if (api_token_load(r, arena_printf(r->a, "Bearer %s", hex), &a->token_id) <= 0) {
		if (a->token_id)
			api_token_revoke(r, user, a->token_id);
		r->me = NULL;
		return api_fail(r, 403, "not_invited", "api_err_not_invited");
	}
	r->lang = i18n_pick(r->me->lang);
	api_begin(r, a);
	jw_str(&a->w, "token", hex);
	jw_str(&a->w, "token_type", "Bearer");
	jw_int(&a->w, "expires_in", (long long)r->cfg->api_token_days * 86400);
	jw_int(&a->w, "user_id", r->me->id);
	jw_str(&a->w, "role", r->me->role == R_OCC_ADMIN ? "admin" : "user");
	jw_str(&a->w, "language", r->me->lang);
	return api_done(r, a);
}

/* POST /api/v1/signout: revokes the token of the request. */
int
api_signout(struct req *r, struct api *a)
{
	if (api_token_revoke(r, r->me->id, a->token_id) < 0)
		return 500;
	return api_flag(r, a, "signed_out");
}

/*
 * The user's live API tokens into w as member key (My profile, the user's details page and
 * GET /api/v1/tokens show the same list). Returns 0, or -1 when the database failed.
 */
static int
tokens_write(struct req *r, struct jw *w, long user_id, long current)
{
	struct api_token_row *t;
	int n = db_api_tokens(r, user_id, &t);

	if (n < 0)
		return -1;
	jw_open(w, "tokens", '[');
	for (int i = 0; i < n; i++) {
		jw_open(w, NULL, '{');
		jw_int(w, "id", t[i].id);
		jw_str(w, "client", t[i].client);
		jw_str(w, "created_at", t[i].created);
		jw_str(w, "expires_at", t[i].expires);
		jw_str(w, "last_used", t[i].last_used);
		jw_bool(w, "current", t[i].id == current);
		jw_close(w);
	}
	jw_close(w);
	return 0;
}

/* GET /api/v1/tokens: the signed-in user's tokens. */
int
api_tokens(struct req *r, struct api *a)
{
	api_begin(r, a);
	if (tokens_write(r, &a->w, r->me->id, a->token_id) < 0)
		return 500;
	return api_done(r, a);
}

/* DELETE /api/v1/tokens/ID: revokes one of the user's own tokens (another's: 404). */
int
api_token_delete(struct req *r, struct api *a)
{
	int rc = api_token_revoke(r, r->me->id, r->id);

	if (rc <= 0)
		return rc < 0 ? 500 : 404;
	return api_flag(r, a, "revoked");
}
