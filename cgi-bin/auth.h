/*
 * Passwords (AUTH-2), sessions (AUTH-3), CSRF tokens (AUTH-4), sign-in throttling (AUTH-5)
 * and single-use links (AUTH-6, AUTH-8).
 */
#ifndef AUTH_H
#define AUTH_H

#include <stddef.h>
#include <sodium.h>

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

/* issue 16: the API's bearer tokens (see auth.c). */
int	 api_token_load(struct req *r, const char *authorization, long *id);
int	 api_token_create(struct req *r, long user_id, const char *client, char hex[TOKEN_HEX]);
int	 api_token_revoke(struct req *r, long user_id, long id);

/* CSRF: the token of the current session (or of the anonymous pre-session cookie). */
const char *csrf_token(struct req *r);
int	 csrf_check(struct req *r);

/* signin.c: sign-in's credential check, for the page and the API. signin_email() is the
 * typed address trimmed and lower-cased (NULL out of memory); signin_check() returns the
 * user id when email and pw are right and the account may sign in, 0 when refused (*wait >
 * 0: throttled for that many seconds, AUTH-5), -1 when the database failed; signin_stamp()
 * records a successful sign-in (VALIDATED, last sign-in). */
char	*signin_email(struct req *r, const char *typed);
long	 signin_check(struct req *r, const char *email, const char *pw, int *wait);
int	 signin_stamp(struct req *r, long user);

/* Throttling: 0 allowed, >0 seconds to wait. */
int	 throttle_check(struct req *r, const char *email);
void	 throttle_fail(struct req *r, const char *email);
void	 throttle_clear(struct req *r, const char *email);

#endif
