/*
 * Typed access for two-factor sign-in (twofa.c, issue 16): the user's secret and recovery
 * codes, the half-signed-in record, the operator's settings. Returns: <0 failure, 0 not found
 * or nothing changed (a code already used), >0 done.
 */
#ifndef DB_TWOFA_H
#define DB_TWOFA_H

#include <stddef.h>

struct req;

/* A user's two-factor state as stored. */
struct tfa_row {
	const char *secret_hex;         /* HEX() of the sealed secret, NULL when off */
	long long last_step;
	const char *email;
	int required;
	const char *issuer;
	long recovery_left, op, occ;
};
/* User's two-factor state into t; 1, 0 no such user. */
int	 db_tfa_user(struct req *r, long user, struct tfa_row *t);
/* The hashes of user's unused recovery codes into *hashes; how many (>= 0). */
int	 db_tfa_recovery_list(struct req *r, long user, const char ***hashes);
/* Marks user's recovery code of hash h used; 1, 0 used already. */
int	 db_tfa_recovery_use(struct req *r, long user, const char *h);
/* Adds a recovery code (its hash h) to user; 1. */
int	 db_tfa_recovery_add(struct req *r, long user, const char *h);
/* Takes TOTP step for user if it is later than the last one taken; 1, 0 replayed. */
int	 db_tfa_step(struct req *r, long user, long long step);
/* Stores user's sealed secret (hex) with its first step and drops the old recovery codes;
 * 1, 0 no such user. */
int	 db_tfa_enable(struct req *r, long user, const char *hex, long long step);
/* Turns two-factor sign-in off for user of the tenancy, with its recovery codes and pending
 * sign-ins; 1, 0 it was not on (or not the tenancy's). */
int	 db_tfa_reset(struct req *r, long op, long occ, long user);

/* The half-signed-in record, as stored. */
struct tfa_pending_row {
	long user;
	const char *purpose, *next;
	const char *secret_hex;         /* NULL: none */
	const char *email;
};
/* Starts one for user (token hash, purpose, where to go next, sealed secret or NULL) good for
 * seconds; 1. */
int	 db_tfa_pending_add(struct req *r, const unsigned char hash[32], long user,
	    const char *purpose, const char *next, const char *sealed, long seconds);
/* The live record of token hash with fewer than tries failures into p; 1, 0. */
int	 db_tfa_pending_get(struct req *r, const unsigned char hash[32], long tries,
	    struct tfa_pending_row *p);
/* Counts a wrong code against the record of hash; >= 0. */
int	 db_tfa_pending_fail(struct req *r, const unsigned char hash[32]);
/* Ends the record of hash; >= 0. */
int	 db_tfa_pending_del(struct req *r, const unsigned char hash[32]);

/* Operator op's two-factor settings (required for everyone, invitation reminders); 1, 0. */
int	 db_tfa_settings(struct req *r, long op, int *required, int *reminders);
int	 db_tfa_settings_save(struct req *r, long op, int required, int reminders);

#endif
