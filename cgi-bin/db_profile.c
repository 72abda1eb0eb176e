/*
 * Typed access for My profile (see db_users.h): the user's own row, Wi-Fi account and
 * password, the three reads kept under the occupier's version (rescache.c), API tokens.
 */
#include <string.h>

#include "app.h"
#include "db.h"
#include "db_tel.h"
#include "db_users.h"
#include "rescache.h"
#include "tel.h"

static const struct db_col wifi_cols[] = {
	DB_COL(struct wifi_row, state, DB_STR), DB_COL(struct wifi_row, homesite, DB_STR),
	DB_COL(struct wifi_row, devices, DB_LONG),
};

/* w from the rows of STMT_WIFI (zeroed when none): 1 found, 0 no account. */
static int
wifi_of(const struct dbres *res, struct wifi_row *w)
{
	memset(w, 0, sizeof(*w));
	if (res->nrows == 0)
		return 0;
	db_read_row(res, 0, wifi_cols, DB_NCOLS(wifi_cols), w);
	return 1;
}

int
db_wifi_of_user(struct req *r, long op, long id, struct wifi_row *w)
{
	struct dbres res;

	memset(w, 0, sizeof(*w));
	if (db_query(r->db, r->a, &res, STMT_WIFI, "ii", (long long)op, (long long)id) < 0)
		return -1;
	return wifi_of(&res, w);
}

/* The rows of STMT_PROFILE for user id of operator op, occupier occ. */
static int
profile_rows(struct req *r, long op, long occ, long id, struct dbres *res)
{
	return db_query(r->db, r->a, res, STMT_PROFILE, "iii", (long long)id, (long long)op,
	    (long long)occ);
}

static const struct db_col profile_cols[] = {
	DB_COL(struct profile_row, first_name, DB_STR),
	DB_COL(struct profile_row, last_name, DB_STR),
	DB_COL(struct profile_row, job_title, DB_STR), DB_COL(struct profile_row, mobile, DB_STR),
	DB_COL(struct profile_row, direct, DB_STR), DB_COL(struct profile_row, language, DB_STR),
	DB_COL(struct profile_row, email, DB_STR), DB_COL(struct profile_row, version, DB_LONG),
	DB_COL(struct profile_row, twofa_on, DB_INT),
};

/* p from the rows of STMT_PROFILE: 1 found, 0 gone. */
static int
profile_of(const struct dbres *res, struct profile_row *p)
{
	if (res->nrows == 0)
		return 0;
	db_read_row(res, 0, profile_cols, DB_NCOLS(profile_cols), p);
	return 1;
}

int
db_profile_get(struct req *r, long op, long occ, long id, struct profile_row *p)
{
	struct dbres res;

	if (profile_rows(r, op, occ, id, &res) < 0)
		return -1;
	return profile_of(&res, p);
}

int
db_profile_save(struct req *r, long op, long occ, long id, const struct profile_row *p,
    long version)
{
	long long n = db_exec(r->db, STMT_PROFILE_SAVE, "ssssssiiii", p->first_name,
	    p->last_name, p->job_title, p->mobile, p->direct, p->language, (long long)id,
	    (long long)op, (long long)occ, (long long)version);

	return n < 0 ? -1 : n > 0;
}

int
db_wifi_password_set(struct req *r, long op, long occ, long id, const void *box, size_t boxlen,
    const void *nt, size_t ntlen)
{
	long long n = db_exec(r->db, STMT_WIFI_SET, "bbiii", box, boxlen, nt, ntlen,
	    (long long)id, (long long)op, (long long)occ);

	return n < 0 ? -1 : n > 0;
}

/*
 * My profile's three reads (the user, the Wi-Fi account, the number) are kept under the
 * occupier's data version, which every write to users, wifi_accounts, phone_numbers and
 * sites bumps (rescache.h); the signed-in user's own.
 */
int
db_my_profile(struct req *r, struct profile_row *p, struct wifi_row *w, struct tel *t,
    int *has_tel)
{
	const struct me *me = r->me;
	struct dbres res[3];

	if (!rescache_get(me->id, me->occupier_id, me->occupier_version, r->a, res, 3)) {
		if (profile_rows(r, me->operator_id, me->occupier_id, me->id, &res[0]) < 0 ||
		    db_query(r->db, r->a, &res[1], STMT_WIFI, "ii", (long long)me->operator_id,
		    (long long)me->id) < 0 ||
		    db_tel_user_rows(r, me->id, me->operator_id, &res[2]) < 0)
			return -1;
		if (me->occupier_version != NULL && res[0].nrows > 0)
			rescache_put(me->id, me->occupier_id, me->occupier_version, res, 3);
	}
	if (!profile_of(&res[0], p))
		return 0;
	wifi_of(&res[1], w);
	*has_tel = db_tel_of_rows(&res[2], t);
	return 1;
}

static const struct db_col token_cols[] = {
	DB_COL(struct api_token_row, id, DB_LONG), DB_COL(struct api_token_row, client, DB_STR),
	DB_COL(struct api_token_row, created, DB_STR),
	DB_COL(struct api_token_row, expires, DB_STR),
	DB_COL(struct api_token_row, last_used, DB_STR),
	DB_COL(struct api_token_row, expires_in, DB_LONG),
};

int
db_api_tokens(struct req *r, long id, struct api_token_row **rows)
{
	return db_get_rows(r->db, r->a, DB_GET(token_cols), sizeof(**rows), (void **)rows,
	    STMT_API_TOKENS_OF, "i", (long long)id);
}
