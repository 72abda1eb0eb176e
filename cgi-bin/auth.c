/*
 * Authentication (see auth.h). Secrets never reach the database in the clear: passwords are
 * argon2id hashes, session and link tokens are stored as BLAKE2b hashes, CSRF tokens are
 * derived from the session with a server key and not stored at all.
 */
#include <semaphore.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app.h"
#include "auth.h"
#include "conf.h"
#include "db_auth.h"
#include "mecache.h"
#include "secret.h"

static sem_t hash_slots;
static unsigned char csrf_key[crypto_generichash_KEYBYTES];
static char **common_pw;
/* A hash to verify against when the email is unknown, so both cases take as long; made
 * once by auth_init, before any thread starts (AUTH-1). */
static char dummy_hash[crypto_pwhash_STRBYTES];
static size_t ncommon;

#define PW_OPS crypto_pwhash_OPSLIMIT_INTERACTIVE
#define PW_MEM crypto_pwhash_MEMLIMIT_INTERACTIVE

int
auth_init(const struct config *c)
{
	if (sodium_init() < 0 || secret_init(c) < 0)
		return -1;
	if (sem_init(&hash_slots, 0, (unsigned)c->hash_slots) < 0)
		return -1;
	/* A key for CSRF tokens, derived from the server secret so it survives restarts and is
	 * the same on every app host. */
	crypto_kdf_derive_from_key(csrf_key, sizeof(csrf_key), 1, "csrf____", c->wifi_key);
	if (crypto_pwhash_str(dummy_hash, "not-a-real-password-0", 21, PW_OPS, PW_MEM) != 0)
		return -1;
	return 0;
}

const char *
auth_dummy_hash(void)
{
	return dummy_hash;
}

static int
str_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* One password a line, compared lower-cased. */
int
auth_load_common_passwords(const char *path)
{
	FILE *f = fopen(path, "r");
	char line[256];
	size_t cap = 0;

	if (f == NULL) {
		perror(path);
		return -1;
	}
	while (fgets(line, sizeof(line), f) != NULL) {
		char *s = str_trim(line);

		if (*s == '\0' || *s == '#')
			continue;
		str_lower(s);
		if (ncommon == cap) {
			char **n;

			cap = cap ? cap * 2 : 1024;
			if ((n = realloc(common_pw, cap * sizeof(*n))) == NULL)
				break;
			common_pw = n;
		}
		common_pw[ncommon++] = strdup(s);
	}
	fclose(f);
	qsort(common_pw, ncommon, sizeof(*common_pw), str_cmp);
	return 0;
}

int
auth_hash_password(const char *pw, char out[crypto_pwhash_STRBYTES])
{
	int rc;

	sem_wait(&hash_slots);
	rc = crypto_pwhash_str(out, pw, strlen(pw), PW_OPS, PW_MEM);
	sem_post(&hash_slots);
	return rc;
}

/* 0 when pw matches hash. */
int
auth_verify_password(const char *hash, const char *pw)
{
	int rc;

	if (hash == NULL || *hash == '\0')
		return -1;
	sem_wait(&hash_slots);
	rc = crypto_pwhash_str_verify(hash, pw, strlen(pw));
	sem_post(&hash_slots);
	return rc;
}

int
auth_needs_rehash(const char *hash)
{
	return crypto_pwhash_str_needs_rehash(hash, PW_OPS, PW_MEM) != 0;
}

/* AUTH-2: 12 to 128 characters, no composition rules, not a common password. */
const char *
auth_password_problem(const char *pw)
{
	size_t n;
	char low[600], *key = low;

	if (pw == NULL || *pw == '\0')
		return "pw_required";
	n = utf8_chars(pw);
	if (n < 12)
		return "pw_too_short";
	if (n > 128)
		return "pw_too_long";
	snprintf(low, sizeof(low), "%s", pw);
	str_lower(low);
	if (ncommon && bsearch(&key, common_pw, ncommon, sizeof(*common_pw), str_cmp))
		return "pw_common";
	return NULL;
}

void
token_new(char hex[TOKEN_HEX], unsigned char hash[32])
{
	unsigned char raw[TOKEN_BYTES];

	randombytes_buf(raw, sizeof(raw));
	hex_encode(hex, raw, sizeof(raw));
	crypto_generichash(hash, 32, (unsigned char *)hex, TOKEN_BYTES * 2, NULL, 0);
	sodium_memzero(raw, sizeof(raw));
}

/* Hash of a token presented by a client; -1 when it is not shaped like one of ours. */
int
token_hash_hex(const char *hex, unsigned char hash[32])
{
	unsigned char raw[TOKEN_BYTES];

	if (hex == NULL || hex_decode(raw, sizeof(raw), hex) < 0)
		return -1;
	crypto_generichash(hash, 32, (const unsigned char *)hex, TOKEN_BYTES * 2, NULL, 0);
	return 0;
}

static const char *
cookie_name(const struct req *r)
{
	return r->https ? "__Host-sid" : "sid";
}

/* The anonymous CSRF cookie: __Host- over HTTPS too (issue 11), so that a sibling subdomain
 * cannot plant one. */
static const char *
pre_name(const struct req *r)
{
	return r->https ? "__Host-pre" : "pre";
}

static void
set_cookie(struct req *r, const char *name, const char *value, int max_age)
{
	char *v = arena_printf(r->a, "%s=%s; Path=/; HttpOnly; SameSite=Lax%s%s",
	    name, value, r->https ? "; Secure" : "",
	    max_age == 0 ? "; Max-Age=0" : "");

	if (v != NULL)
		header_add(r, "Set-Cookie", v);
}

/*
 * issue 11: the token of an invitation or reset link, swapped at once for this cookie
 * (10 minutes, this site only) so that it is in no URL the browser keeps or sends on.
 */
static const char *
link_cookie_name(const struct req *r)
{
	return r->https ? "__Host-setpw" : "setpw";
}

void
link_cookie_set(struct req *r, const char *hex)
{
	char *v = arena_printf(r->a, "%s=%s; Path=/; HttpOnly; SameSite=Strict; Max-Age=%d%s",
	    link_cookie_name(r), hex ? hex : "", hex ? 600 : 0, r->https ? "; Secure" : "");

	if (v != NULL)
		header_add(r, "Set-Cookie", v);
}

const char *
link_cookie_get(const struct req *r)
{
	return kv_get(&r->cookies, link_cookie_name(r));
}

/* A fresh session for user_id (AUTH-3: a new token at every sign-in). */
int
session_create(struct req *r, long user_id)
{
	char hex[TOKEN_HEX];
	unsigned char hash[32];

	token_new(hex, hash);
	if (db_session_new(r, hash, user_id) < 0)
		return -1;
	set_cookie(r, cookie_name(r), hex, -1);
	return 0;
}

/*
 * me's fields from the users table. Returns 1 when user_id may use the portal, 0 when not
 * (deactivated, no password, a team member of role user), -1 when the database failed.
 */
static int
user_load(struct req *r, long user_id, struct me *me)
{
	const char *role;
	int rc = db_me(r, user_id, me, &role);

	if (rc <= 0)
		return rc;
	if (me->occupier_id)
		me->role = strcmp(role, "admin") == 0 ? R_OCC_ADMIN : R_OCC_USER;
	else if (strcmp(role, "super_admin") == 0)
		me->role = R_OP_SUPER;
	else if (strcmp(role, "admin") == 0)
		me->role = R_OP_ADMIN;
	else
		return 0;      /* a team member of role user has no platform access */
	return 1;
}

/*
 * The signed-in user of a session or an API token (user_id, made for occupier_id, whose data
 * version is version) into a new r->me, from this process's cache or the users table, with
 * the CSRF token derived from hash. Returns 1 signed in, 0 when the user may not be (then
 * r->me stays NULL), -1 when the database failed. moved: the statement that corrects the
 * credential's occupier when the user was moved (sql/007), or STMT__MAX for none.
 */
int
me_load(struct req *r, long user_id, long occupier_id, const char *version,
    const unsigned char hash[32], enum stmt moved)
{
	struct me *me;
	unsigned char mac[32];
	int rc;

	if ((me = arena_zalloc(r->a, sizeof(*me))) == NULL)
		return -1;
	if (!mecache_get(user_id, occupier_id, version, r->a, me)) {
		if ((rc = user_load(r, user_id, me)) <= 0)
			return rc;
		if (me->occupier_id != occupier_id) {   /* moved since (sql/007) */
			if (moved != STMT__MAX)
				db_credential_moved(r, moved, me->occupier_id, hash);
		} else
			mecache_put(me);
	}
	memcpy(me->token_hash, hash, 32);
	crypto_generichash(mac, sizeof(mac), hash, 32, csrf_key, sizeof(csrf_key));
	hex_encode(me->csrf, mac, sizeof(mac));
	r->me = me;
	return 1;
}

/*
 * Reads the session cookie and fills r->me. Returns 0 (signed in or anonymous), or -1 when
 * the database failed. An expired session is deleted and the request goes on anonymous.
 */
int
session_load(struct req *r)
{
	const char *tok = kv_get(&r->cookies, cookie_name(r));
	unsigned char hash[32];
	struct session_row sr;
	int rc;

	r->me = NULL;
	if (tok == NULL || token_hash_hex(tok, hash) < 0)
		return 0;
	if ((rc = db_session_get(r, hash, &sr)) <= 0)
		return rc;
	if (sr.expired) {
		db_session_del(r, hash);
		set_cookie(r, cookie_name(r), "", 0);
		return 0;
	}
	if (sr.touch)
		db_session_touch(r, hash);
	if ((rc = me_load(r, sr.user_id, sr.occupier_id, sr.version, hash,
	    STMT_SESSION_MOVED)) < 0)
		return -1;
	if (rc > 0)
		r->me->user_version = sr.user_version;
	return 0;
}

int
session_destroy(struct req *r)
{
	set_cookie(r, cookie_name(r), "", 0);
	if (r->me == NULL)
		return 0;
	return db_session_del(r, r->me->token_hash) < 0 ? -1 : 0;
}

/*
 * issue 11: signing in or setting a password ends the session the request came with,
 * whoever's it was (a session fixed in the browser beforehand dies with the sign-in).
 */
int
session_end_presented(struct req *r)
{
	const char *tok = kv_get(&r->cookies, cookie_name(r));
	unsigned char hash[32];

	if (tok == NULL || token_hash_hex(tok, hash) < 0)
		return 0;
	r->me = NULL;
	return db_session_del(r, hash) < 0 ? -1 : 0;
}

/* AUTH-7 and issue 11: a deactivated account loses its sessions and its open invitation and
 * reset links (a reactivation must not bring an old link back). */
int
account_revoke(struct req *r, long user_id)
{
	if (session_end_all(r, user_id, 0) < 0)
		return -1;
	return db_links_revoke(r, user_id) < 0 ? -1 : 0;
}

/* AUTH-7: ends every session of user_id (but the current one when keep_current). */
int
session_end_all(struct req *r, long user_id, int keep_current)
{
	/* the API's tokens are other sessions too (issue 16) */
	return db_sessions_end(r, user_id, keep_current && r->me != NULL ? r->me->token_hash :
	    NULL) < 0 ? -1 : 0;
}

/*
 * The CSRF token for forms on this response. Signed in: derived from the session. Anonymous:
 * derived from a random "pre" cookie (set here when missing), so that the sign-in form itself
 * cannot be posted from another site either.
 */
const char *
csrf_token(struct req *r)
{
	const char *pre;
	unsigned char mac[32];
	char *out;

	if (r->me != NULL)
		return r->me->csrf;
	if (r->anon_csrf != NULL)
		return r->anon_csrf;
	pre = kv_get(&r->cookies, pre_name(r));
	if (pre == NULL || strlen(pre) != 64) {
		char hex[TOKEN_HEX];
		unsigned char h[32];

		token_new(hex, h);
		pre = arena_strdup(r->a, hex);
		if (pre == NULL)
			return "";
		set_cookie(r, pre_name(r), pre, -1);
	}
	crypto_generichash(mac, sizeof(mac), (const unsigned char *)pre, strlen(pre),
	    csrf_key, sizeof(csrf_key));
	if ((out = arena_alloc(r->a, 65)) == NULL)
		return "";
	hex_encode(out, mac, sizeof(mac));
	r->anon_csrf = out;
	return out;
}

/* AUTH-4: 0 when the POSTed csrf field matches this session's (or pre-session's) token. */
int
csrf_check(struct req *r)
{
	const char *sent = kv_get(&r->form, "csrf"), *want;

	if (sent == NULL || strlen(sent) != 64)
		return -1;
	if (r->me == NULL && kv_get(&r->cookies, pre_name(r)) == NULL)
		return -1;
	want = csrf_token(r);
	if (strlen(want) != 64)
		return -1;
	return sodium_memcmp(sent, want, 64) == 0 ? 0 : -1;
}
