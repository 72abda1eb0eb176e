/* Two-factor sign-in, the model (see twofa.h). */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "app.h"
#include "audit.h"
#include "auth.h"
#include "conf.h"
#include "db_operator.h"
#include "db_twofa.h"
#include "secret.h"
#include "twofa.h"

const char *const twofa_purposes[TFA__MAX] = { "code", "setup" };

/*
 * A sealed secret (as HEX() gives it) into secret: sealed for SECRET_TOTP with the user's id
 * bound in (secret.h), so a secret copied to another user's row, or a set-up form's field
 * posted by another user, does not open. 0 when it is not one.
 */
static int
unseal_hex(struct req *r, long user, const char *hex, unsigned char secret[TOTP_SECRET_BYTES])
{
	size_t n = hex ? strlen(hex) / 2 : 0, len = 0;
	unsigned char *raw;
	char *clear;

	if (n <= TOTP_SECRET_BYTES || n > 256 || (raw = arena_alloc(r->a, n)) == NULL ||
	    hex_decode(raw, n, hex) < 0)
		return 0;
	clear = secret_open_for(r->a, SECRET_TOTP, user, raw, n, &len, NULL);
	if (clear == NULL || len != TOTP_SECRET_BYTES)
		return 0;
	memcpy(secret, clear, TOTP_SECRET_BYTES);
	sodium_memzero(clear, len);
	return 1;
}

/* secret sealed for user, as hex. */
static char *
seal_hex(struct req *r, long user, const unsigned char secret[TOTP_SECRET_BYTES])
{
	size_t len = 0;
	unsigned char *box = secret_seal_for(r->a, SECRET_TOTP, user, secret, TOTP_SECRET_BYTES,
	    &len);
	char *hex;

	if (box == NULL || (hex = arena_alloc(r->a, len * 2 + 1)) == NULL)
		return NULL;
	hex_encode(hex, box, len);
	return hex;
}

int
twofa_user_get(struct req *r, long user, struct twofa_user *t)
{
	struct tfa_row row;
	int rc;

	memset(t, 0, sizeof(*t));
	if ((rc = db_tfa_user(r, user, &row)) <= 0)
		return rc;
	t->on = row.secret_hex != NULL && unseal_hex(r, user, row.secret_hex, t->secret);
	t->last_step = row.last_step;
	t->email = row.email;
	t->required = row.required;
	t->issuer = row.issuer;
	t->recovery_left = row.recovery_left;
	t->operator_id = row.op;
	t->occupier_id = row.occ;
	return 1;
}

long long
twofa_first_code(const unsigned char secret[TOTP_SECRET_BYTES], const char *typed)
{
	char code[16];
	size_t n = 0;

	for (; typed != NULL && *typed && n < sizeof(code) - 1; typed++)
		if (*typed != ' ')
			code[n++] = *typed;
	code[n] = '\0';
	return totp_check(secret, time(NULL), code, 0);
}

/* An unused recovery code of user that matches norm, marked used (one conditional UPDATE:
 * of two requests with the same code, one wins). */
static enum twofa_check
recovery_use(struct req *r, long user, const char *norm)
{
	const char **hashes;
	int n = db_tfa_recovery_list(r, user, &hashes);

	if (n < 0)
		return TFA_FAILED;
	for (int i = 0; i < n; i++) {
		if (recovery_check(hashes[i], norm) != 0)
			continue;
		n = db_tfa_recovery_use(r, user, hashes[i]);
		return n < 0 ? TFA_FAILED : n == 1 ? TFA_OK : TFA_REPLAYED;
	}
	return TFA_WRONG;
}

enum twofa_check
twofa_verify(struct req *r, long user, const struct twofa_user *t, const char *typed)
{
	char code[16], norm[11];
	long long step;
	size_t k = 0;
	int n;

	if (!t->on || typed == NULL)
		return TFA_WRONG;
	for (const char *p = typed; *p && k < sizeof(code) - 1; p++)
		if (*p != ' ')
			code[k++] = *p;
	code[k] = '\0';
	if (k == TOTP_DIGITS) {
		step = totp_check(t->secret, time(NULL), code, t->last_step);
		if (step == TOTP_REPLAY)
			return TFA_REPLAYED;
		if (step < 0)
			return TFA_WRONG;
		n = db_tfa_step(r, user, step);
		return n < 0 ? TFA_FAILED : n == 1 ? TFA_OK : TFA_REPLAYED;
	}
	if (recovery_normalise(typed, norm) < 0)
		return TFA_WRONG;
	return recovery_use(r, user, norm);
}

int
twofa_enable(struct req *r, long user, long occupier_id, const char *label,
    const unsigned char secret[TOTP_SECRET_BYTES], long long step,
    char codes[RECOVERY_COUNT][RECOVERY_LEN + 1])
{
	char *hex = seal_hex(r, user, secret);

	if (hex == NULL || db_tfa_enable(r, user, hex, step) != 1)
		return -1;
	for (int i = 0; i < RECOVERY_COUNT; i++) {
		char norm[11], h[RECOVERY_HASH_LEN];

		recovery_new(codes[i]);
		if (recovery_normalise(codes[i], norm) < 0 || recovery_hash(norm, h) < 0)
			return -1;
		if (db_tfa_recovery_add(r, user, h) != 1)
			return -1;
	}
	return audit_add(r, occupier_id, user, label, "user.twofa_on", "", "", "") < 0 ? -1 : 1;
}

int
twofa_disable(struct req *r, long op, long occ, long user, const char *label,
    const char *action)
{
	int n = db_tfa_reset(r, op, occ, user);

	if (n <= 0)
		return n;
	return audit_add(r, occ, user, label, action, "", "", "") < 0 ? -1 : 1;
}

char *
twofa_seal(struct req *r, long user, const unsigned char secret[TOTP_SECRET_BYTES])
{
	return seal_hex(r, user, secret);
}

int
twofa_open(struct req *r, long user, const char *hex, unsigned char secret[TOTP_SECRET_BYTES])
{
	return unseal_hex(r, user, hex, secret);
}

static const char *
cookie_name(const struct req *r)
{
	return r->https ? "__Host-tfa" : "tfa";
}

static void
cookie_set(struct req *r, const char *value, int max_age)
{
	char *v = arena_printf(r->a, "%s=%s; Path=/; HttpOnly; SameSite=Lax; Max-Age=%d%s",
	    cookie_name(r), value, max_age, r->https ? "; Secure" : "");

	if (v != NULL)
		header_add(r, "Set-Cookie", v);
}

int
twofa_pending_start(struct req *r, long user, enum twofa_purpose p, const char *next,
    const unsigned char *secret)
{
	char hex[TOKEN_HEX], *sealed = NULL;
	unsigned char hash[32];

	if (secret != NULL && (sealed = seal_hex(r, user, secret)) == NULL)
		return -1;
	token_new(hex, hash);
	if (db_tfa_pending_add(r, hash, user, twofa_purposes[p],
	    next && http_local_path(next) ? next : "", sealed, TFA_PENDING_SECONDS) != 1)
		return -1;
	cookie_set(r, hex, TFA_PENDING_SECONDS);
	return 1;
}

int
twofa_pending_get(struct req *r, struct twofa_pending *p)
{
	const char *tok = kv_get(&r->cookies, cookie_name(r));
	struct tfa_pending_row row;
	int rc;

	memset(p, 0, sizeof(*p));
	if (tok == NULL || token_hash_hex(tok, p->hash) < 0)
		return 0;
	if ((rc = db_tfa_pending_get(r, p->hash, TFA_PENDING_TRIES, &row)) <= 0)
		return rc;
	p->user = row.user;
	p->purpose = strcmp(row.purpose, "setup") == 0 ? TFA_SETUP : TFA_CODE;
	p->next = row.next;
	p->has_secret = row.secret_hex != NULL && unseal_hex(r, p->user, row.secret_hex,
	    p->secret);
	p->email = row.email;
	if (p->purpose == TFA_SETUP && !p->has_secret)
		return 0;
	return 1;
}

int
twofa_pending_fail(struct req *r, const struct twofa_pending *p)
{
	return db_tfa_pending_fail(r, p->hash) < 0 ? -1 : 1;
}

int
twofa_pending_end(struct req *r, const struct twofa_pending *p)
{
	cookie_set(r, "", 0);
	return db_tfa_pending_del(r, p->hash) < 0 ? -1 : 1;
}

/* Its own key in signin_failures, so that the password's counters are not the code's. */
static char *
throttle_key(struct req *r, long user)
{
	return arena_printf(r->a, "2fa:%ld", user);
}

/* A slot taken before each code is checked (AUTH-5's account back-off: 2 s, 4 s, ... after 3
 * wrong ones), given back by the right one. */
int
twofa_throttle_take(struct req *r, long user)
{
	return throttle_take(r, throttle_key(r, user), 1, 0);
}

void
twofa_throttle_clear(struct req *r, long user)
{
	throttle_clear(r, throttle_key(r, user));
}

int
twofa_settings(struct req *r, long op, int *required, int *reminders)
{
	*required = 0;
	*reminders = 1;
	return db_tfa_settings(r, op, required, reminders);
}

int
twofa_settings_save(struct req *r, long op, int required, int reminders)
{
	return db_tfa_settings_save(r, op, required, reminders);
}

int
twofa_after_password(struct req *r, long user, const char *next)
{
	struct twofa_user t;
	unsigned char secret[TOTP_SECRET_BYTES];
	int rc = twofa_user_get(r, user, &t);

	if (rc <= 0)
		return rc;
	if (t.on)
		return twofa_pending_start(r, user, TFA_CODE, next, NULL);
	if (!t.required)
		return 0;
	totp_secret_new(secret);
	rc = twofa_pending_start(r, user, TFA_SETUP, next, secret);
	sodium_memzero(secret, sizeof(secret));
	return rc;
}

int
twofa_member_reset(struct req *r, long id)
{
	const char *name, *email, *role;
	int rc;

	if (id == r->me->id)
		return TFA_NOT_ALLOWED;
	if ((rc = db_team_member_role(r, r->me->operator_id, id, &name, &email, &role)) < 0)
		return -1;
	if (rc == 0 || strcmp(role, "super_admin") == 0)
		return TFA_NOT_ALLOWED;
	return twofa_disable(r, r->me->operator_id, 0, id, arena_printf(r->a, "%s <%s>", name,
	    email), "user.twofa_reset");
}
