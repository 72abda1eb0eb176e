/*
 * Two-factor sign-in (issue 16), the model: a user's TOTP state, checking a code or a
 * recovery code (each accepted once), turning it on and off, an admin's reset, the operator's
 * requirement, and the half-signed-in record between the password and the code (a row of
 * twofa_pending named by a short-lived cookie, not a session). The pure parts are in totp.c.
 * Functions return <0 on a database failure, 0 when nothing was found or changed, >0 on
 * success, unless they say otherwise.
 */
#ifndef TWOFA_H
#define TWOFA_H

#include "totp.h"

struct req;

struct twofa_user {
	int on;                                  /* a secret is stored */
	unsigned char secret[TOTP_SECRET_BYTES];
	long long last_step;
	const char *email, *issuer;
	int required;                            /* the operator requires it of this user */
	long recovery_left;
	long operator_id, occupier_id;
};

/* The half-signed-in state. */
enum twofa_purpose { TFA_CODE, TFA_SETUP, TFA__MAX };
extern const char *const twofa_purposes[TFA__MAX];

struct twofa_pending {
	unsigned char hash[32];
	long user;
	enum twofa_purpose purpose;
	const char *next;
	int has_secret;
	unsigned char secret[TOTP_SECRET_BYTES]; /* TFA_SETUP: the secret being set up */
	const char *email;
};

#define TFA_PENDING_SECONDS 300
#define TFA_PENDING_TRIES 5

int	 twofa_user_get(struct req *r, long user, struct twofa_user *t);

/* The result of checking what a user typed. */
enum twofa_check { TFA_OK, TFA_WRONG, TFA_REPLAYED, TFA_FAILED };
/* A 6-digit code (one step of drift, never a step twice) or an unused recovery code. */
enum twofa_check twofa_verify(struct req *r, long user, const struct twofa_user *t,
	    const char *typed);
/* A code typed while setting up, against secret: the step, or TOTP_WRONG. */
long long twofa_first_code(const unsigned char secret[TOTP_SECRET_BYTES], const char *typed);

/* In the caller's transaction: stores the secret (step: the confirming code's), replaces the
 * recovery codes by ten new ones written to codes, audits. */
int	 twofa_enable(struct req *r, long user, long occupier_id, const char *label,
	    const unsigned char secret[TOTP_SECRET_BYTES], long long step,
	    char codes[RECOVERY_COUNT][RECOVERY_LEN + 1]);
/* In the caller's transaction: off for user of operator op and occupier occ (0: team),
 * recovery codes and half-signed-in records gone, audited with action. 1 done, 0 was off. */
int	 twofa_disable(struct req *r, long op, long occ, long user, const char *label,
	    const char *action);

/* In the caller's transaction: a super admin resets team member id of its operator (not
 * another super admin, not itself). 1 done, 0 was off, TFA_NOT_ALLOWED, <0 failure. */
#define TFA_NOT_ALLOWED (-2)
int	 twofa_member_reset(struct req *r, long id);

/* A secret sealed for user (hidden form field while setting up; SECRET_TOTP with the user's
 * id bound in), and opened again; open returns 0 when forged, damaged or another user's. */
char	*twofa_seal(struct req *r, long user, const unsigned char secret[TOTP_SECRET_BYTES]);
int	 twofa_open(struct req *r, long user, const char *hex,
	    unsigned char secret[TOTP_SECRET_BYTES]);

/* The half-signed-in record: start (sets the cookie), get (from the cookie), a wrong code,
 * end (deletes it and the cookie). */
int	 twofa_pending_start(struct req *r, long user, enum twofa_purpose p, const char *next,
	    const unsigned char *secret);
int	 twofa_pending_get(struct req *r, struct twofa_pending *p);
int	 twofa_pending_fail(struct req *r, const struct twofa_pending *p);
int	 twofa_pending_end(struct req *r, const struct twofa_pending *p);

/* The second step's own throttling, per user (key "2fa:<id>", AUTH-5's back-off): take a slot
 * before checking a code (0 go on, >0 seconds to wait, <0 failure); clear after a right one. */
int	 twofa_throttle_take(struct req *r, long user);
void	 twofa_throttle_clear(struct req *r, long user);

/* After the right password: 0 when nothing more is asked, 1 when a half-signed-in record was
 * started (a code to ask for, or the set-up the operator requires), <0 on failure. */
int	 twofa_after_password(struct req *r, long user, const char *next);

/* The operator's settings: two-factor required, invitation reminders on. */
int	 twofa_settings(struct req *r, long op, int *required, int *reminders);
int	 twofa_settings_save(struct req *r, long op, int required, int reminders);

#endif
