/*
 * The credential check of sign-in (AUTH-1, AUTH-2, AUTH-5, AUTH-7), shared by the sign-in
 * page (page_auth.c) and the API's sign-in (api.c): the same throttling, the same generic
 * refusal, the same constant work whether the address exists or not.
 */
#include <stdio.h>
#include <string.h>

#include "app.h"
#include "auth.h"
#include "db.h"

char *
signin_email(struct req *r, const char *typed)
{
	char *email = str_trim(arena_strdup(r->a, typed ? typed : ""));

	if (email != NULL)
		str_lower(email);
	return email;
}

long
signin_check(struct req *r, const char *email, const char *pw, int *wait)
{
	struct dbres res;
	long user = 0;
	const char *akey;

	*wait = 0;
	if (pw == NULL || *email == '\0' || *pw == '\0' || strlen(email) > 254 ||
	    strlen(pw) > 1024)
		return 0;
	if (db_query(r->db, r->a, &res, STMT_SIGNIN_CANDIDATES, "s", email) < 0)
		return -1;
	/* The account's counter is keyed by its id, not by the typed address: another spelling
	 * that the collation matches to the same row counts for the same account. */
	akey = res.nrows ? arena_printf(r->a, "u:%lld", db_int(&res, 0, 0)) :
	    arena_printf(r->a, "a:%.250s", email);
	if (akey == NULL || (*wait = throttle_signin(r, akey)) < 0) {
		*wait = 0;
		return -1;
	}
	if (*wait > 0)
		return 0;
	if (res.nrows == 0) {
		fprintf(stderr, "portal: signin: password check for an unknown account\n");
		auth_verify_password(auth_dummy_hash(), pw);
	}
	for (size_t i = 0; i < res.nrows && user == 0; i++) {
		/* one line per argon2id verification: tests count them (issue 11) */
		fprintf(stderr, "portal: signin: password check for user %lld\n", db_int(&res, i, 0));
		if (auth_verify_password(db_str(&res, i, 1), pw) != 0)
			continue;
		/* Right password, but a deactivated account or a team member without platform
		 * access: refused with the same words (AUTH-1, AUTH-7). */
		if (strcmp(db_str(&res, i, 2), "DEACTIVATED") == 0 || db_int(&res, i, 3))
			break;
		user = (long)db_int(&res, i, 0);
		if (auth_needs_rehash(db_str(&res, i, 1))) {
			char h[crypto_pwhash_STRBYTES];

			if (auth_hash_password(pw, h) == 0)
				db_exec(r->db, STMT_REHASH, "si", h, (long long)user);
		}
	}
	if (user == 0)          /* the failure was counted before the check */
		return 0;
	throttle_signin_ok(r, akey);
	return user;
}

/* The refusal of a throttled sign-in (AUTH-5): the back-off in seconds, and the way around
 * it (the catalogue's signin_wait with {seconds}). */
const char *
signin_wait_text(struct req *r, int wait)
{
	const char *t = T(r, "signin_wait"), *at = strstr(t, "{seconds}");
	char *text = at == NULL ? NULL : arena_printf(r->a, "%.*s%d%s", (int)(at - t), t, wait,
	    at + 9);

	return text ? text : T(r, "signin_throttled");
}

int
signin_stamp(struct req *r, long user)
{
	if (db_exec(r->db, STMT_SIGNIN_OK, "i", (long long)user) < 0 ||
	    db_exec(r->db, STMT_SIGNIN_STAMP, "i", (long long)user) < 0)
		return -1;
	return 0;
}
