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
#include "db.h"

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
	struct dbres res;
	int rc;

	r->me = NULL;
	*id = 0;
	if (authorization == NULL || strncmp(authorization, "Bearer ", 7) != 0 ||
	    strlen(authorization + 7) != 64 || token_hash_hex(authorization + 7, hash) < 0)
		return 0;
	if (db_query(r->db, r->a, &res, STMT_API_TOKEN_GET, "b", hash, (size_t)32) < 0)
		return -1;
	if (res.nrows == 0)
		return 0;
	*id = (long)db_int(&res, 0, 0);
	if (db_int(&res, 0, 4)) {
		db_exec(r->db, STMT_API_TOKEN_DEL, "ii", (long long)*id, db_int(&res, 0, 1));
		return 0;
	}
	if (db_int(&res, 0, 2) == 0 || db_int(&res, 0, 6) == 0)
		return 0;       /* a team member, or no longer invited to the app */
	if (db_int(&res, 0, 5))
		db_exec(r->db, STMT_API_TOKEN_TOUCH, "i", (long long)*id);
	rc = me_load(r, (long)db_int(&res, 0, 1), (long)db_int(&res, 0, 2),
	    db_isnull(&res, 0, 3) ? NULL : db_str(&res, 0, 3), hash, STMT__MAX);
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

	/* the user's expired tokens that were never presented again go now */
	if (db_exec(r->db, STMT_API_TOKEN_EXPIRED_DEL, "i", (long long)user_id) < 0)
		return -1;
	token_new(hex, hash);
	return db_exec(r->db, STMT_API_TOKEN_NEW, "bisi", hash, (size_t)32, (long long)user_id,
	    client, (long long)r->cfg->api_token_days) < 0 ? -1 : 0;
}

/* Revokes the API token id of user_id: 1 revoked, 0 none such, -1 on failure. */
int
api_token_revoke(struct req *r, long user_id, long id)
{
	long long n = db_exec(r->db, STMT_API_TOKEN_DEL, "ii", (long long)id, (long long)user_id);

	return n < 0 ? -1 : n > 0;
}
