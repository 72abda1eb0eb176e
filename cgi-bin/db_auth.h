/*
 * Typed access for signing in, forgotten passwords and the set-password page (AUTH-1, 5..8).
 * Returns as db_users.h says.
 */
#ifndef DB_AUTH_H
#define DB_AUTH_H

#include "states.h"
#include "stmt.h"

struct me;
struct req;

/* An account an address may sign in to (a password is set). */
struct signin_row {
	long id;
	const char *password_hash;
	enum state account;
	int no_access;              /* a team member without platform access (role user) */
};

/* An account a reset link may be sent to (awaiting validation or validated). */
struct reset_row {
	long id, operator_id;
	const char *lang, *first_name;
};

/* The accounts of address email (lower case) with a password, the first three by id;
 * returns how many (>= 0). */
int	 db_signin_candidates(struct req *r, const char *email, struct signin_row **rows);
/* Stores a new hash of the same password (argon2id parameters changed); >= 0. */
int	 db_password_rehash(struct req *r, long user, const char *hash);
/* A successful sign-in: validated when it was awaiting validation, stamped; >= 0. */
int	 db_signin_stamp(struct req *r, long user);
/* The accounts of address email a reset link may go to; returns how many (>= 0). */
int	 db_reset_users(struct req *r, const char *email, struct reset_row **rows);
/* In the caller's transaction: uses the link of token hash (a second use finds nothing),
 * sets user's password hash (validating the account) and ends every other link of the
 * user. 1 done, 0 the link was used already. */
int	 db_password_set_by_link(struct req *r, const unsigned char hash[32], long user,
	    const char *password_hash);
/* Issue 13: 1 when user was invited to the mobile app and not to the portal (an occupier
 * user), who may use the API but not the portal's pages; 0 when not. */
int	 db_user_app_only(struct req *r, long user);

/* Issue 12: the sessions of auth.c. A session as read: its user, the occupier it was made
 * for and that occupier's data version (NULL: none), expired (idle or absolute limit of the
 * configuration), touch (last seen over a minute ago), the user's own data version (sql/026). */
struct session_row {
	long user_id, occupier_id;
	const char *version;
	int expired, touch;
	const char *user_version;
};

/* A session of token hash for user; 1, -1. */
int	 db_session_new(struct req *r, const unsigned char hash[32], long user);
/* The session of token hash: 1 found, 0 none. */
int	 db_session_get(struct req *r, const unsigned char hash[32], struct session_row *s);
int	 db_session_touch(struct req *r, const unsigned char hash[32]);
int	 db_session_del(struct req *r, const unsigned char hash[32]);
/* Corrects the occupier of the credential of hash (statement moved: a session's or an API
 * token's, sql/007) after its user was moved. */
int	 db_credential_moved(struct req *r, enum stmt moved, long occupier_id,
	    const unsigned char hash[32]);
/* The signed-in user's fields into me, its stored role into *role: 1, 0 when the account may
 * not be signed in (deactivated, no password, gone). */
int	 db_me(struct req *r, long user, struct me *me, const char **role);
/* Ends user's API tokens and sessions (but the session of hash keep when not NULL). */
int	 db_sessions_end(struct req *r, long user, const unsigned char *keep);
/* Ends every invitation and reset link of user. */
int	 db_links_revoke(struct req *r, long user);

/* Throttling (throttle.c, AUTH-5): takes a slot of key (1 taken, 0 blocked); the seconds the
 * key is blocked for (>= 1); forgets key; gives an address's slot back. */
int	 db_throttle_take(struct req *r, const char *key, int backoff, int backoff_max,
	    int block_at);
int	 db_throttle_wait(struct req *r, const char *key);
int	 db_throttle_clear(struct req *r, const char *key);
int	 db_throttle_give_back(struct req *r, const char *key, int block_at);

/* Single-use links (link.c): replaces user's link of kind ("invite", "reset") with the one of
 * token hash, good for hours; 1. */
int	 db_link_new(struct req *r, long user, const char *kind, const unsigned char hash[32],
	    long long hours);
/* Deletes the links of kind of user (0: nobody, the same work as a real reset); >= 0. */
int	 db_links_end(struct req *r, long user, const char *kind);
/* The live link of token hash, of an account not deactivated: its user and address; 1, 0. */
int	 db_link_get(struct req *r, const unsigned char hash[32], long *user, const char **email);

/* An API bearer token as presented (issue 16). */
struct bearer_row {
	long id, user, occ;
	const char *version;            /* the occupier's data version, NULL none */
	int expired, stale;             /* stale: last used over a minute ago */
	int invited_app;
};
/* The token of hash into b; 1, 0 unknown. */
int	 db_bearer_get(struct req *r, const unsigned char hash[32], struct bearer_row *b);
/* Stamps token id used now; >= 0. */
int	 db_bearer_touch(struct req *r, long id);
/* Deletes token id of user; 1, 0 none such. */
int	 db_bearer_del(struct req *r, long id, long user);
/* Stores a new token (hash) of user for client, good for days, after deleting the user's
 * expired ones; 1. */
int	 db_bearer_new(struct req *r, const unsigned char hash[32], long user, const char *client,
	    long days);

#endif
