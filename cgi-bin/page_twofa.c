/*
 * Two-factor sign-in pages (issue 16): turning it on and off (My profile for occupier users,
 * /platform/two-factor for team members), the sign-in's second step (/signin/code: the code,
 * or the set-up when the operator requires it and it is not set up), and an admin's reset of
 * a user who lost the device. The model is twofa.c.
 */
#include <string.h>

#include "app.h"
#include "audit.h"
#include "db_users.h"
#include "pages.h"
#include "tmpl.h"
#include "twofa.h"

/* The user's own two-factor page. */
static const char *
own_base(const struct req *r)
{
	return r->me->occupier_id ? "/profile/two-factor" : "/platform/two-factor";
}

/* The set-up panel: QR code of the URI, the secret as text, the first code's field. */
static void
setup_show(struct req *r, struct tmpl_dict *d, const char *issuer, const char *email,
    const unsigned char secret[TOTP_SECRET_BYTES], const char *err)
{
	struct tmpl_dict *s = tmpl_include(d, "SETUP", r->lang, "twofa_setup.tpl");
	char b32[TOTP_B32_LEN + 1], grouped[TOTP_B32_LEN + TOTP_B32_LEN / 4];
	int size = 0;
	char *qr;
	size_t o = 0;

	totp_base32(b32, secret);
	for (int i = 0; i < TOTP_B32_LEN; i++) {
		if (i && i % 4 == 0)
			grouped[o++] = ' ';
		grouped[o++] = b32[i];
	}
	grouped[o] = '\0';
	qr = qr_svg_path(r->a, totp_uri(r->a, issuer, email, b32), &size);
	tmpl_set(s, "QR_PATH", qr ? qr : "");
	tmpl_set_int(s, "QR_SIZE", size);
	tmpl_set(s, "SECRET_TEXT", grouped);
	form_field(r, s, NULL, "code", "", err);
}

/* The recovery codes, shown once. */
static void
codes_show(struct req *r, struct tmpl_dict *d, char codes[RECOVERY_COUNT][RECOVERY_LEN + 1],
    const char *next)
{
	struct tmpl_dict *c = tmpl_section(d, "CODES");

	for (int i = 0; i < RECOVERY_COUNT; i++)
		tmpl_set(tmpl_section(c, "CODE"), "VALUE", codes[i]);
	tmpl_set(c, "NEXT", next);
}

static int
own_page(struct req *r, const struct twofa_user *t, const unsigned char *secret,
    const char *err, int status)
{
	struct tmpl_dict *d = page_start(r, "twofa.tpl", "twofa_title");

	if (d == NULL)
		return 500;
	r->status = status;
	tmpl_set(d, "ACTION", own_base(r));
	if (t->required)
		tmpl_show(d, "REQUIRED");
	if (t->on) {
		struct tmpl_dict *on = tmpl_section(d, "ON");

		tmpl_set_int(on, "LEFT", t->recovery_left);
		if (!t->required)
			form_field(r, tmpl_section(on, "CAN_OFF"), NULL, "code", "", err);
		return page_finish(r);
	}
	d = tmpl_section(d, "SETUP_FORM");
	tmpl_set(d, "SEALED", twofa_seal(r, r->me->id, secret));
	setup_show(r, d, t->issuer, t->email, secret, err);
	return page_finish(r);
}

/* GET: on, the status and the turn-off form; off, a new secret to set up. */
int
h_twofa(struct req *r)
{
	struct twofa_user t;
	unsigned char secret[TOTP_SECRET_BYTES];
	int rc = twofa_user_get(r, r->me->id, &t);

	if (rc <= 0)
		return rc < 0 ? 500 : 404;
	totp_secret_new(secret);
	return own_page(r, &t, secret, NULL, 200);
}

/* The audit label of the signed-in user. */
static const char *
me_label(struct req *r)
{
	return audit_user_label(r, r->me->first_name, r->me->last_name, r->me->email);
}

/* POST: the secret of the form (sealed for this user) and its first code turn it on. */
int
h_twofa_on(struct req *r)
{
	struct twofa_user t;
	unsigned char secret[TOTP_SECRET_BYTES];
	char codes[RECOVERY_COUNT][RECOVERY_LEN + 1];
	long long step;
	struct tmpl_dict *d;
	int rc = twofa_user_get(r, r->me->id, &t);

	if (rc <= 0)
		return rc < 0 ? 500 : 404;
	if (t.on)
		return page_redirect(r, own_base(r));
	if (!twofa_open(r, r->me->id, form_get(r, "setup"), secret))
		return page_error(r, 400);
	if ((step = twofa_first_code(secret, form_get(r, "code"))) < 0)
		return own_page(r, &t, secret, "twofa_err_code", 400);
	if (tx_begin(r) < 0)
		return 500;
	if (twofa_enable(r, r->me->id, r->me->occupier_id, me_label(r), secret, step,
	    codes) < 0 || tx_commit(r) < 0) {
		tx_rollback(r);
		return 500;
	}
	if ((d = page_start(r, "twofa.tpl", "twofa_title")) == NULL)
		return 500;
	codes_show(r, d, codes, own_base(r));
	return page_finish(r);
}

/* POST .../off: a current code (or a recovery code) turns it off, unless it is required. */
int
h_twofa_off(struct req *r)
{
	struct twofa_user t;
	enum twofa_check c;
	int rc = twofa_user_get(r, r->me->id, &t);

	if (rc <= 0)
		return rc < 0 ? 500 : 404;
	if (!t.on || t.required)
		return page_redirect(r, own_base(r));
	if ((rc = twofa_throttle_take(r, r->me->id)) < 0)
		return 500;
	if (rc > 0)
		return own_page(r, &t, NULL, "signin_throttled", 429);
	c = twofa_verify(r, r->me->id, &t, form_get(r, "code"));
	if (c == TFA_FAILED)
		return 500;
	if (c != TFA_OK)
		return own_page(r, &t, NULL, c == TFA_REPLAYED ? "twofa_err_used" :
		    "twofa_err_code", 400);
	twofa_throttle_clear(r, r->me->id);
	if (tx_begin(r) < 0)
		return 500;
	if (twofa_disable(r, r->me->operator_id, r->me->occupier_id, r->me->id, me_label(r),
	    "user.twofa_off") < 0 || tx_commit(r) < 0) {
		tx_rollback(r);
		return 500;
	}
	return page_redirect(r, arena_printf(r->a, "%s?n=twofa_off", own_base(r)));
}

/* The second step's page: the code field, or the set-up when required. */
static int
code_page(struct req *r, const struct twofa_pending *p, const char *err, int status)
{
	struct tmpl_dict *d = page_start(r, "signin_code.tpl", "twofa_title");

	if (d == NULL)
		return 500;
	r->status = status;
	if (p->purpose == TFA_SETUP) {
		struct twofa_user t;

		if (twofa_user_get(r, p->user, &t) < 0)
			return 500;
		setup_show(r, tmpl_section(d, "MUST_SETUP"), t.issuer, p->email, p->secret, err);
	} else
		form_field(r, tmpl_section(d, "ASK"), NULL, "code", "", err);
	return page_finish(r);
}

int
h_signin_code_form(struct req *r)
{
	struct twofa_pending p;
	int rc;

	if (r->me != NULL)
		return page_redirect(r, "/");
	if ((rc = twofa_pending_get(r, &p)) < 0)
		return 500;
	if (rc == 0)
		return page_redirect(r, "/signin?n=twofa_expired");
	return code_page(r, &p, NULL, 200);
}

/* A wrong code: counted on the record (TFA_PENDING_TRIES end it); the user's slot was taken
 * before the check. */
static int
code_wrong(struct req *r, struct twofa_pending *p, enum twofa_check c)
{
	if (twofa_pending_fail(r, p) < 0)
		return 500;
	return code_page(r, p, c == TFA_REPLAYED ? "twofa_err_used" : "twofa_err_code", 400);
}

/* The set-up at sign-in: its first code turns two-factor on, then the codes are shown. */
static int
code_setup(struct req *r, struct twofa_pending *p)
{
	char codes[RECOVERY_COUNT][RECOVERY_LEN + 1];
	long long step = twofa_first_code(p->secret, form_get(r, "code"));
	struct tmpl_dict *d;
	const char *next = *p->next ? p->next : "/";
	struct twofa_user t;
	struct me self;
	int rc;

	if (step < 0)
		return code_wrong(r, p, TFA_WRONG);
	twofa_throttle_clear(r, p->user);
	if (twofa_user_get(r, p->user, &t) <= 0)
		return 500;
	/* the audit's actor is the user, who is not signed in yet */
	memset(&self, 0, sizeof(self));
	self.id = p->user;
	self.operator_id = t.operator_id;
	self.occupier_id = t.occupier_id;
	self.email = p->email;
	if (tx_begin(r) < 0)
		return 500;
	r->me = &self;
	rc = twofa_enable(r, p->user, t.occupier_id, p->email, p->secret, step, codes);
	r->me = NULL;
	if (rc < 0 || twofa_pending_end(r, p) < 0 || signin_finish(r, p->user) < 0 ||
	    tx_commit(r) < 0) {
		tx_rollback(r);
		return 500;
	}
	if ((d = page_start(r, "twofa.tpl", "twofa_title")) == NULL)
		return 500;
	codes_show(r, d, codes, next);
	return page_finish(r);
}

/* POST /signin/code: the code (or a recovery code) of the half-signed-in user. */
int
h_signin_code(struct req *r)
{
	struct twofa_pending p;
	struct twofa_user t;
	enum twofa_check c;
	int rc;

	if ((rc = twofa_pending_get(r, &p)) < 0)
		return 500;
	if (rc == 0)
		return page_redirect(r, "/signin?n=twofa_expired");
	if ((rc = twofa_throttle_take(r, p.user)) < 0)
		return 500;
	if (rc > 0)
		return code_page(r, &p, "signin_throttled", 429);
	if (p.purpose == TFA_SETUP)
		return code_setup(r, &p);
	if (twofa_user_get(r, p.user, &t) <= 0)
		return 500;
	if ((c = twofa_verify(r, p.user, &t, form_get(r, "code"))) == TFA_FAILED)
		return 500;
	if (c != TFA_OK)
		return code_wrong(r, &p, c);
	twofa_throttle_clear(r, p.user);
	if (twofa_pending_end(r, &p) < 0 || signin_finish(r, p.user) < 0)
		return 500;
	return page_redirect(r, *p.next ? p.next : "/");
}

/*
 * POST {base}/ID/two-factor-reset: an admin above resets a user's two-factor sign-in (a
 * lost device): the operator for any user of its occupiers, an occupier admin for the other
 * users of its occupier. Audited.
 */
int
h_user_twofa_reset(struct req *r)
{
	const struct scope *s = r->scope;
	const struct urow *u = r->target;
	int rc;

	if (s->user_id == r->me->id)
		return page_error(r, 403);
	if (tx_begin(r) < 0)
		return 500;
	rc = twofa_disable(r, s->operator_id, s->occupier_id, s->user_id,
	    audit_user_label(r, u->first_name, u->last_name, u->email),
	    "user.twofa_reset");
	if (rc < 0 || tx_commit(r) < 0) {
		tx_rollback(r);
		return 500;
	}
	return page_redirect(r, arena_printf(r->a, "%s/%ld?n=%s", s->base, s->user_id,
	    rc ? "twofa_reset" : "changes_saved"));
}

/* POST /platform/account/members/ID/two-factor-reset: the super admin resets a team member's
 * two-factor sign-in (an admin or a user of its operator, never another super admin). */
int
h_member_twofa_reset(struct req *r)
{
	int rc;

	if (tx_begin(r) < 0)
		return 500;
	rc = twofa_member_reset(r, r->id);
	if (rc == TFA_NOT_ALLOWED) {
		tx_rollback(r);
		return page_error(r, 404);
	}
	if (rc < 0 || tx_commit(r) < 0) {
		tx_rollback(r);
		return 500;
	}
	return page_redirect(r, rc ? "/platform/account?n=twofa_reset" : "/platform/account");
}
