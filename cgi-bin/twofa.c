/* Two-factor sign-in, the model (see twofa.h). */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "app.h"
#include "audit.h"
#include "auth.h"
#include "conf.h"
#include "db.h"
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
	struct dbres res;

	memset(t, 0, sizeof(*t));
	if (db_query(r->db, r->a, &res, STMT_TFA_USER, "i", (long long)user) < 0)
		return -1;
	if (res.nrows == 0)
		return 0;
	t->on = !db_isnull(&res, 0, 0) && unseal_hex(r, user, db_str(&res, 0, 0), t->secret);
	t->last_step = db_int(&res, 0, 1);
	t->email = db_str(&res, 0, 2);
	t->required = (int)db_int(&res, 0, 3);
	t->issuer = db_str(&res, 0, 4);
	t->recovery_left = (long)db_int(&res, 0, 5);
	t->operator_id = (long)db_int(&res, 0, 6);
	t->occupier_id = (long)db_int(&res, 0, 7);
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
	struct dbres res;
	long long n;

	if (db_query(r->db, r->a, &res, STMT_TFA_REC_LIST, "i", (long long)user) < 0)
		return TFA_FAILED;
	for (size_t i = 0; i < res.nrows; i++) {
		if (recovery_check(db_str(&res, i, 0), norm) != 0)
			continue;
		n = db_exec(r->db, STMT_TFA_REC_USE, "is", (long long)user, db_str(&res, i, 0));
		return n < 0 ? TFA_FAILED : n == 1 ? TFA_OK : TFA_REPLAYED;
	}
	return TFA_WRONG;
}

enum twofa_check
twofa_verify(struct req *r, long user, const struct twofa_user *t, const char *typed)
{
	char code[16], norm[11];
	long long step, n;
	size_t k = 0;

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
		n = db_exec(r->db, STMT_TFA_STEP, "iii", step, (long long)user, step);
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

	if (hex == NULL ||
	    db_exec(r->db, STMT_TFA_ENABLE, "sii", hex, step, (long long)user) != 1 ||
	    db_exec(r->db, STMT_TFA_REC_DEL, "i", (long long)user) < 0)
		return -1;
	for (int i = 0; i < RECOVERY_COUNT; i++) {
		char norm[11], h[RECOVERY_HASH_LEN];

		recovery_new(codes[i]);
		if (recovery_normalise(codes[i], norm) < 0 || recovery_hash(norm, h) < 0)
			return -1;
		if (db_exec(r->db, STMT_TFA_REC_ADD, "is", (long long)user, h) != 1)
			return -1;
	}
	return audit_add(r, occupier_id, user, label, "user.twofa_on", "", "", "") < 0 ? -1 : 1;
}

int
twofa_disable(struct req *r, long op, long occ, long user, const char *label,
    const char *action)
{
	long long n = db_exec(r->db, STMT_TFA_RESET, "iiu", (long long)user, (long long)op,
	    (long long)occ);

	if (n <= 0)
		return n < 0 ? -1 : 0;
	if (db_exec(r->db, STMT_TFA_REC_DEL, "i", (long long)user) < 0 ||
	    db_exec(r->db, STMT_TFA_PEND_DEL_USER, "i", (long long)user) < 0 ||
	    audit_add(r, occ, user, label, action, "", "", "") < 0)
		return -1;
	return 1;
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
	if (db_exec(r->db, STMT_TFA_PEND_ADD, "bisssi", hash, (size_t)32, (long long)user,
	    twofa_purposes[p], next && http_local_path(next) ? next : "", sealed,
	    (long long)TFA_PENDING_SECONDS) != 1)
		return -1;
	cookie_set(r, hex, TFA_PENDING_SECONDS);
	return 1;
}

int
twofa_pending_get(struct req *r, struct twofa_pending *p)
{
	const char *tok = kv_get(&r->cookies, cookie_name(r));
	struct dbres res;

	memset(p, 0, sizeof(*p));
	if (tok == NULL || token_hash_hex(tok, p->hash) < 0)
		return 0;
	if (db_query(r->db, r->a, &res, STMT_TFA_PEND_GET, "bi", p->hash, (size_t)32,
	    (long long)TFA_PENDING_TRIES) < 0)
		return -1;
	if (res.nrows == 0)
		return 0;
	p->user = (long)db_int(&res, 0, 0);
	p->purpose = strcmp(db_str(&res, 0, 1), "setup") == 0 ? TFA_SETUP : TFA_CODE;
	p->next = db_str(&res, 0, 2);
	p->has_secret = !db_isnull(&res, 0, 3) &&
	    unseal_hex(r, p->user, db_str(&res, 0, 3), p->secret);
	p->email = db_str(&res, 0, 4);
	if (p->purpose == TFA_SETUP && !p->has_secret)
		return 0;
	return 1;
}

int
twofa_pending_fail(struct req *r, const struct twofa_pending *p)
{
	return db_exec(r->db, STMT_TFA_PEND_FAIL, "b", p->hash, (size_t)32) < 0 ? -1 : 1;
}

int
twofa_pending_end(struct req *r, const struct twofa_pending *p)
{
	cookie_set(r, "", 0);
	return db_exec(r->db, STMT_TFA_PEND_DEL, "b", p->hash, (size_t)32) < 0 ? -1 : 1;
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
	struct dbres res;

	*required = 0;
	*reminders = 1;
	if (db_query(r->db, r->a, &res, STMT_TFA_SETTINGS, "i", (long long)op) < 0)
		return -1;
	if (res.nrows == 0)
		return 0;
	*required = (int)db_int(&res, 0, 0);
	*reminders = (int)db_int(&res, 0, 1);
	return 1;
}

int
twofa_settings_save(struct req *r, long op, int required, int reminders)
{
	return db_exec(r->db, STMT_TFA_SETTINGS_SAVE, "iii", (long long)required,
	    (long long)reminders, (long long)op) < 0 ? -1 : 1;
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
	struct dbres res;

	if (id == r->me->id)
		return TFA_NOT_ALLOWED;
	if (db_query(r->db, r->a, &res, STMT_MEMBER, "ii", (long long)id,
	    (long long)r->me->operator_id) < 0)
		return -1;
	if (res.nrows == 0 || strcmp(db_str(&res, 0, 2), "super_admin") == 0)
		return TFA_NOT_ALLOWED;
	return twofa_disable(r, r->me->operator_id, 0, id, arena_printf(r->a, "%s <%s>",
	    db_str(&res, 0, 0), db_str(&res, 0, 1)), "user.twofa_reset");
}
