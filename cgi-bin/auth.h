/*
 * Passwords (AUTH-2), sessions (AUTH-3), CSRF tokens (AUTH-4), sign-in throttling (AUTH-5)
 * and single-use links (AUTH-6, AUTH-8).
 */
#ifndef AUTH_H
#define AUTH_H

#include <stddef.h>
#include <sodium.h>

#include "stmt.h"

struct config;
struct req;

#define TOKEN_BYTES 32
#define TOKEN_HEX (TOKEN_BYTES * 2 + 1)

int	 auth_init(const struct config *c);
int	 auth_load_common_passwords(const char *path);

/* Hashing runs in at most cfg->hash_slots threads at once. */
int	 auth_hash_password(const char *pw, char out[crypto_pwhash_STRBYTES]);
int	 auth_verify_password(const char *hash, const char *pw);
int	 auth_needs_rehash(const char *hash);
/* The hash an unknown account's password is checked against (made by auth_init). */
const char *auth_dummy_hash(void);
/* NULL when pw is acceptable, else the catalogue key of the reason. */
const char *auth_password_problem(const char *pw);

/* A new random token: hex for the user, its hash for the database. */
void	 token_new(char hex[TOKEN_HEX], unsigned char hash[32]);
int	 token_hash_hex(const char *hex, unsigned char hash[32]);

/* Sessions: create sets the cookie; load reads it and fills r->me. */
int	 session_create(struct req *r, long user_id);
int	 session_load(struct req *r);
int	 session_destroy(struct req *r);
/* AUTH-7: ends the sessions of user_id (but the current one when keep_current) and all its
 * API tokens. */
int	 session_end_all(struct req *r, long user_id, int keep_current);
/* Ends the session of the request's cookie, valid or not (sign-in, set-password). */
int	 session_end_presented(struct req *r);
/* Deactivation: every session and every open invitation or reset link of user_id. */
int	 account_revoke(struct req *r, long user_id);

/* The short-lived cookie that holds a link's token (hex; NULL deletes it). */
void	 link_cookie_set(struct req *r, const char *hex);
const char *link_cookie_get(const struct req *r);

/* The signed-in user of a session or an API token into r->me (see auth.c): 1, 0 may not be
 * signed in, -1 database failure; moved is the statement that corrects the credential's
 * occupier after a move, STMT__MAX for none. */
int	 me_load(struct req *r, long user_id, long occupier_id, const char *version,
	    const unsigned char hash[32], enum stmt moved);

/* apitoken.c: the API's bearer tokens. */
int	 api_token_load(struct req *r, const char *authorization, long *id);
int	 api_token_create(struct req *r, long user_id, const char *client, char hex[TOKEN_HEX]);
int	 api_token_revoke(struct req *r, long user_id, long id);

/* CSRF: the token of the current session (or of the anonymous pre-session cookie). */
const char *csrf_token(struct req *r);
int	 csrf_check(struct req *r);

/* signin.c: sign-in's credential check, for the page and the API. signin_email() is the
 * typed address trimmed and lower-cased (NULL out of memory); signin_check() returns the
 * user id when email and pw are right and the account may sign in, 0 when refused (*wait >
 * 0: throttled for that many seconds, AUTH-5; signin_wait_text() says so), -1 when the
 * database failed; signin_stamp() records a successful sign-in (VALIDATED, last sign-in). */
char	*signin_email(struct req *r, const char *typed);
long	 signin_check(struct req *r, const char *email, const char *pw, int *wait);
int	 signin_stamp(struct req *r, long user);
const char *signin_wait_text(struct req *r, int wait);

/*
 * Throttling (AUTH-5): an attempt takes a slot of its key before the work it guards.
 * throttle_take: 0 go on (counted), >0 seconds to wait, -1 database error; backoff 1 for an
 * account's back-off, 0 to block the key for 15 minutes at block_at attempts.
 * throttle_signin: the account key, then the client address; throttle_signin_ok gives both
 * back after the right password.
 */
int	 throttle_take(struct req *r, const char *key, int backoff, int block_at);
int	 throttle_signin(struct req *r, const char *account_key);
void	 throttle_signin_ok(struct req *r, const char *account_key);
void	 throttle_clear(struct req *r, const char *key);
/* The per-address key: "ip:" and the IPv4 address, or the /64 of an IPv6 one. */
int	 throttle_addr_key(const char *addr, char *out, size_t n);
char	*throttle_key_addr(struct req *r, const char *prefix);

#endif
