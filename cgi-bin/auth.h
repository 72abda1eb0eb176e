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
int	 session_end_all(struct req *r, long user_id, int keep_current);

/* CSRF: the token of the current session (or of the anonymous pre-session cookie). */
const char *csrf_token(struct req *r);
int	 csrf_check(struct req *r);

/* Throttling: 0 allowed, >0 seconds to wait. */
int	 throttle_check(struct req *r, const char *email);
void	 throttle_fail(struct req *r, const char *email);
void	 throttle_clear(struct req *r, const char *email);

#endif
