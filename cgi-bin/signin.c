/*
 * The credential check of sign-in (AUTH-1, AUTH-2, AUTH-5, AUTH-7), shared by the sign-in
 * page (page_auth.c) and the API's sign-in (api.c): the same throttling, the same generic
 * refusal, the same constant work whether the address exists or not.
 */
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

/* A hash to verify against when the email is unknown, so both cases take as long. */
static char dummy_hash[crypto_pwhash_STRBYTES];

long
signin_check(struct req *r, const char *email, const char *pw, int *wait)
{
	struct dbres res;
	long user = 0;

	*wait = 0;
	if (pw == NULL || *email == '\0' || *pw == '\0' || strlen(email) > 254 ||
	    strlen(pw) > 1024)
		return 0;
	if ((*wait = throttle_check(r, email)) < 0)
		return -1;
	if (*wait > 0)
		return 0;
	if (db_query(r->db, r->a, &res, STMT_SIGNIN_CANDIDATES, "s", email) < 0)
		return -1;
	if (res.nrows == 0) {
		if (dummy_hash[0] == '\0')
			auth_hash_password("not-a-real-password-0", dummy_hash);
		auth_verify_password(dummy_hash, pw);
	}
	for (size_t i = 0; i < res.nrows && user == 0; i++) {
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
	if (user == 0) {
		throttle_fail(r, email);
		return 0;
	}
	throttle_clear(r, email);
	return user;
}

int
signin_stamp(struct req *r, long user)
{
	if (db_exec(r->db, STMT_SIGNIN_OK, "i", (long long)user) < 0 ||
	    db_exec(r->db, STMT_SIGNIN_STAMP, "i", (long long)user) < 0)
		return -1;
	return 0;
}
