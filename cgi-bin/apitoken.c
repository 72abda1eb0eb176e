/*
 * The bearer tokens of the JSON API (issue 16; table api_tokens, sql/020): made at the API's
 * sign-in, presented in the Authorization header, revoked by the user, its admin or sign-out,
 * ended with the user's sessions (auth.c: session_end_all). Like sessions, only a BLAKE2b hash
 * of a token is stored, and the signed-in user is loaded by the same code (me_load).
 */
#include <string.h>

#include "app.h"
#include "auth.h"
#include "conf.h"
#include "db_auth.h"
#include "stmt.h"

/*
 * issue 16: the bearer token of an API request (Authorization: Bearer <64 hex>) into r->me,
 * never a cookie. Only an occupier user invited to the app whose account may sign in, with
 * a token that has not expired (an expired one is deleted). Returns 1 signed in, 0 refused
 * (no, unknown, expired or revoked token; r->me NULL), -1 when the database failed. *id is
 * the token's id (for sign-out).
 */
int
api_token_load(struct req *r, const char *authorization, long *id)
{
	unsigned char hash[32];
	struct bearer_row b;
	int rc;

	r->me = NULL;
	*id = 0;
	if (authorization == NULL || strncmp(authorization, "Bearer ", 7) != 0 ||
	    strlen(authorization + 7) != 64 || token_hash_hex(authorization + 7, hash) < 0)
		return 0;
	if ((rc = db_bearer_get(r, hash, &b)) <= 0)
		return rc;
	*id = b.id;
	if (b.expired) {
		db_bearer_del(r, b.id, b.user);
		return 0;
	}
	if (b.occ == 0 || b.invited_app == 0)
		return 0;       /* a team member, or no longer invited to the app */
	if (b.stale)
		db_bearer_touch(r, b.id);
	rc = me_load(r, b.user, b.occ, b.version, hash, STMT__MAX);
	if (rc > 0 && r->me->occupier_id == 0) {
		r->me = NULL;
		return 0;
	}
	return rc;
}

/* issue 16: a new API token for user_id, named client (the app's own words), into hex.
 * Returns 0, or -1 when the database failed. */
int
api_token_create(struct req *r, long user_id, const char *client, char hex[TOKEN_HEX])
{
	unsigned char hash[32];

	/* the user's expired tokens that were never presented again go first */
	token_new(hex, hash);
	return db_bearer_new(r, hash, user_id, client, r->cfg->api_token_days) < 0 ? -1 : 0;
}

/* Revokes the API token id of user_id: 1 revoked, 0 none such, -1 on failure. */
int
api_token_revoke(struct req *r, long user_id, long id)
{
	return db_bearer_del(r, id, user_id);
}
