/*
 * The credential check of sign-in (AUTH-1, AUTH-2, AUTH-5, AUTH-7), shared by the sign-in
 * page (page_auth.c) and the API's sign-in (api.c): the same throttling, the same generic
 * refusal, the same constant work whether the address exists or not.
 */
#include <stdio.h>
#include <string.h>

#include "app.h"
#include "auth.h"
#include "db_auth.h"

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
	struct signin_row *c;
	long user = 0;
	const char *akey;
	int n;

	*wait = 0;
	if (pw == NULL || *email == '\0' || *pw == '\0' || strlen(email) > 254 ||
	    strlen(pw) > 1024)
		return 0;
	if ((n = db_signin_candidates(r, email, &c)) < 0)
		return -1;
	/* The account's counter is keyed by its id, not by the typed address: another spelling
	 * that the collation matches to the same row counts for the same account. */
	akey = n ? arena_printf(r->a, "u:%ld", c[0].id) : arena_printf(r->a, "a:%.250s", email);
	if (akey == NULL || (*wait = throttle_signin(r, akey)) < 0) {
		*wait = 0;
		return -1;
	}
	if (*wait > 0)
		return 0;
	if (n == 0) {
		fprintf(stderr, "portal: signin: password check for an unknown account\n");
		auth_verify_password(auth_dummy_hash(), pw);
	}
	for (int i = 0; i < n && user == 0; i++) {
		/* one line per argon2id verification: tests count them (issue 11) */
		fprintf(stderr, "portal: signin: password check for user %ld\n", c[i].id);
		if (auth_verify_password(c[i].password_hash, pw) != 0)
			continue;
		/* Right password, but a deactivated account or a team member without platform
		 * access: refused with the same words (AUTH-1, AUTH-7). */
		if (c[i].account == ST_DEACTIVATED || c[i].no_access)
			break;
		user = c[i].id;
		if (auth_needs_rehash(c[i].password_hash)) {
			char h[crypto_pwhash_STRBYTES];

			if (auth_hash_password(pw, h) == 0)
				db_password_rehash(r, user, h);
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
	return db_signin_stamp(r, user) < 0 ? -1 : 0;
}
