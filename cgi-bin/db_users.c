/*
 * Typed access to users for User management (see db_users.h). The SQL is in db_stmts.c;
 * here each result column is read once, by name of its field.
 */
#include <stdlib.h>
#include <string.h>

#include "app.h"
#include "db.h"
#include "db_users.h"
#include "rescache.h"
#include "tel.h"
#include "userform.h"

int
db_occupier_scope(struct req *r, long op, long occ, const char **name, int *experience,
    const char **version)
{
	struct dbres res;

	if (db_query(r->db, r->a, &res, STMT_SCOPE_OCC, "ii", (long long)occ, (long long)op) < 0)
		return -1;
	if (res.nrows == 0)
		return 0;
	*name = db_str(&res, 0, 0);
	*experience = (int)db_int(&res, 0, 1);
	*version = db_isnull(&res, 0, 2) ? NULL : db_str(&res, 0, 2);
	return 1;
}

/* The sites of a result (id, name). */
static int
site_rows(struct req *r, const struct dbres *res, struct site **sites, size_t *n)
{
	*sites = NULL;
	*n = 0;
	if (res->nrows == 0)
		return 0;
	if ((*sites = arena_alloc(r->a, res->nrows * sizeof(**sites))) == NULL)
		return -1;
	for (size_t i = 0; i < res->nrows; i++) {
		(*sites)[i].id = db_str(res, i, 0);
		(*sites)[i].name = db_str(res, i, 1);
	}
	*n = res->nrows;
	return 1;
}

int
db_sites(struct req *r, long op, struct site **sites, size_t *n)
{
	struct dbres res;

	*sites = NULL;
	*n = 0;
	if (db_query(r->db, r->a, &res, STMT_SITES, "i", (long long)op) < 0)
		return -1;
	return site_rows(r, &res, sites, n);
}

int
db_occupier_sites(struct req *r, long op, long occ, struct site **sites, size_t *n)
{
	struct dbres res;

	*sites = NULL;
	*n = 0;
	if (occ == 0)
		return db_sites(r, op, sites, n);
	if (db_query(r->db, r->a, &res, STMT_OCC_SITES, "ii", (long long)occ,
	    (long long)op) < 0)
		return -1;
	return site_rows(r, &res, sites, n);
}

int
db_team_sites(struct req *r, long op, long id, struct site **sites, size_t *n)
{
	struct dbres res;

	*sites = NULL;
	*n = 0;
	if (db_query(r->db, r->a, &res, STMT_TEAM_SITES_OF, "ii", (long long)id,
	    (long long)op) < 0)
		return -1;
	return site_rows(r, &res, sites, n);
}

int
db_team_sites_set(struct req *r, long id, const long *ids, size_t n)
{
	if (db_exec(r->db, STMT_DEL_SITES, "i", (long long)id) < 0)
		return -1;
	for (size_t i = 0; i < n; i++)
		if (db_exec(r->db, STMT_SITE_ADD, "ii", (long long)id, (long long)ids[i]) < 0)
			return -1;
	return 1;
}

int
db_site_of_operator(struct req *r, long op, long site)
{
	struct dbres res;

	if (db_query(r->db, r->a, &res, STMT_TEAM_SITE, "ii", (long long)site,
	    (long long)op) < 0)
		return -1;
	return res.nrows > 0;
}

int
db_team_supers_left(struct req *r, long op, long id)
{
	struct dbres res;

	if (db_query(r->db, r->a, &res, STMT_TEAM_SUPERS, "ii", (long long)op,
	    (long long)id) < 0)
		return -1;
	return (int)res.nrows;
}

int
db_wifi_bounds(struct req *r, long op, long *min, long *max)
{
	struct dbres res;

	*min = 1;
	*max = 10;
	if (db_query(r->db, r->a, &res, STMT_BOUNDS, "i", (long long)op) < 0)
		return -1;
	if (res.nrows == 0)
		return 0;
	*min = (long)db_int(&res, 0, 0);
	*max = (long)db_int(&res, 0, 1);
	return 1;
}

int
db_user_get(struct req *r, long op, long occ, long id, struct urow *u)
{
	struct dbres res;
	size_t c = 0;

	if (db_query(r->db, r->a, &res, STMT_USER_GET, "iiu", (long long)id, (long long)op,
	    (long long)occ) < 0)
		return -1;
	if (res.nrows == 0)
		return 0;
	u->id = db_str(&res, 0, c++);
	u->first_name = db_str(&res, 0, c++);
	u->last_name = db_str(&res, 0, c++);
	u->email = db_str(&res, 0, c++);
	u->job_title = db_str(&res, 0, c++);
	u->mobile = db_str(&res, 0, c++);
	u->direct = db_str(&res, 0, c++);
	u->language = db_str(&res, 0, c++);
	u->role = db_str(&res, 0, c++);
	u->account_state = db_str(&res, 0, c++);
	u->version = db_str(&res, 0, c++);
	u->invited_portal = (int)db_int(&res, 0, c++);
	u->invited_app = (int)db_int(&res, 0, c++);
	u->wifi_state = db_str(&res, 0, c++);
	u->wifi_limit = db_str(&res, 0, c++);
	u->wifi_site_id = db_str(&res, 0, c++);
	u->wifi_site = db_str(&res, 0, c++);
	u->number = db_isnull(&res, 0, c) ? NULL : db_str(&res, 0, c);
	c++;
	u->extension = db_str(&res, 0, c++);
	u->number_status = db_str(&res, 0, c++);
	u->number_id = (long)db_int(&res, 0, c++);
	u->is_admin = !str_eq(u->role, "user");
	u->account = state_of(u->account_state);
	u->wifi = state_of(u->wifi_state);
	return 1;
}

/* The lines of a list result (STMT_LIST_ROWS, STMT_LIST, STMT_LIST_BY_EMAIL: one shape). */
static int
ulist_rows(struct req *r, const struct dbres *res, struct ulist_row **rows)
{
	int n;

	if ((n = db_rows(r->a, res, sizeof(**rows), (void **)rows)) <= 0)
		return n;
	for (size_t i = 0; i < res->nrows; i++) {
		struct ulist_row *u = &(*rows)[i];
		size_t c = 0;

		u->id = (long)db_int(res, i, c++);
		u->first_name = db_str(res, i, c++);
		u->last_name = db_str(res, i, c++);
		u->email = db_str(res, i, c++);
		u->role = db_str(res, i, c++);
		u->account_state = db_str(res, i, c++);
		u->wifi_state = db_str(res, i, c++);
		u->number = db_isnull(res, i, c) ? NULL : db_str(res, i, c);
		c++;
		u->extension = db_str(res, i, c++);
		u->leave_on = db_str(res, i, c++);
		u->invite_expires = db_str(res, i, c++);
	}
	return (int)res->nrows;
}

int
db_users_by_ids(struct req *r, long op, long occ, const unsigned *ids, size_t n,
    struct ulist_row **rows)
{
	struct dbres res;
	struct sbuf json;
	int rc;

	sbuf_init(&json);
	sbuf_addc(&json, '[');
	for (size_t i = 0; i < n; i++)
		sbuf_printf(&json, "%s%u", i ? "," : "", ids[i]);
	sbuf_addc(&json, ']');
	rc = json.oom ? -1 : db_query(r->db, r->a, &res, STMT_LIST_ROWS, "sii", json.data,
	    (long long)op, (long long)occ);
	sbuf_free(&json);
	return rc < 0 ? -1 : ulist_rows(r, &res, rows);
}

int
db_user_match_ids(struct req *r, long op, long occ, const char *q, const char *like,
    long cap, unsigned **ids, size_t *n)
{
	struct dbres res;

	*ids = NULL;
	*n = 0;
	if (db_query(r->db, r->a, &res, STMT_LIST_IDS, "iissi", (long long)op, (long long)occ,
	    q, like, (long long)cap) < 0)
		return -1;
	if (res.nrows == 0)
		return 0;
	if ((*ids = arena_alloc(r->a, res.nrows * sizeof(**ids))) == NULL)
		return -1;
	for (size_t i = 0; i < res.nrows; i++)
		(*ids)[i] = (unsigned)db_int(&res, i, 0);
	*n = res.nrows;
	return 1;
}

int
db_users_page(struct req *r, long op, long occ, const char *q, const char *like, long limit,
    long offset, struct ulist_row **rows)
{
	struct dbres res;

	if (db_query(r->db, r->a, &res, STMT_LIST, "iissii", (long long)op, (long long)occ, q,
	    like, (long long)limit, (long long)offset) < 0)
		return -1;
	return ulist_rows(r, &res, rows);
}

int
db_user_by_email(struct req *r, long op, long occ, const char *email, struct ulist_row **rows)
{
	struct dbres res;

	if (db_query(r->db, r->a, &res, STMT_LIST_BY_EMAIL, "iis", (long long)op, (long long)occ,
	    email) < 0)
		return -1;
	return ulist_rows(r, &res, rows);
}

int
db_user_update(struct req *r, long op, long occ, long id, const struct user_input *in,
    long version)
{
	long long n = db_exec(r->db, STMT_USER_UPDATE, "ssssssssiiui", in->first_name,
	    in->last_name, in->email, in->job_title, in->mobile_phone, in->direct_line,
	    in->language, in->role, (long long)id, (long long)op, (long long)occ,
	    (long long)version);

	return n < 0 ? -1 : n > 0;
}

int
db_user_account_set(struct req *r, long op, long occ, long id, int off)
{
	long long n = db_exec(r->db, off ? STMT_ACCOUNT_OFF : STMT_ACCOUNT_ON, "iiu",
	    (long long)id, (long long)op, (long long)occ);

	return n < 0 ? -1 : n > 0;
}

int
db_user_tokens_end(struct req *r, long id)
{
	return (int)db_exec(r->db, STMT_TOKEN_DEL_ALL, "i", (long long)id);
}

int
db_wifi_limit_set(struct req *r, long id, long limit)
{
	return (int)db_exec(r->db, STMT_WIFI_LIMIT, "ii", (long long)limit, (long long)id);
}

/* w from the rows of STMT_WIFI (zeroed when none): 1 found, 0 no account. */
static int
wifi_of(const struct dbres *res, struct wifi_row *w)
{
	memset(w, 0, sizeof(*w));
	if (res->nrows == 0)
		return 0;
	w->state = db_str(res, 0, 0);
	w->homesite = db_str(res, 0, 1);
	w->devices = (long)db_int(res, 0, 2);
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

/* p from the rows of STMT_PROFILE: 1 found, 0 gone. */
static int
profile_of(const struct dbres *res, struct profile_row *p)
{
	size_t c = 0;

	if (res->nrows == 0)
		return 0;
	p->first_name = db_str(res, 0, c++);
	p->last_name = db_str(res, 0, c++);
	p->job_title = db_str(res, 0, c++);
	p->mobile = db_str(res, 0, c++);
	p->direct = db_str(res, 0, c++);
	p->language = db_str(res, 0, c++);
	p->email = db_str(res, 0, c++);
	p->version = (long)db_int(res, 0, c++);
	p->twofa_on = (int)db_int(res, 0, c++);
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

int
db_users_export(struct req *r, long op, long occ, struct export_row **rows)
{
	struct dbres res;
	int n;

	if (db_query(r->db, r->a, &res, STMT_EXPORT, "ii", (long long)op, (long long)occ) < 0)
		return -1;
	if ((n = db_rows(r->a, &res, sizeof(**rows), (void **)rows)) <= 0)
		return n;
	for (size_t i = 0; i < res.nrows; i++) {
		struct export_row *u = &(*rows)[i];
		size_t c = 0;

		u->first_name = db_str(&res, i, c++);
		u->last_name = db_str(&res, i, c++);
		u->email = db_str(&res, i, c++);
		u->job_title = db_str(&res, i, c++);
		u->mobile = db_str(&res, i, c++);
		u->direct = db_str(&res, i, c++);
		u->language = db_str(&res, i, c++);
		u->role = db_str(&res, i, c++);
		u->wifi = (int)db_int(&res, i, c++);
		u->device_limit = db_str(&res, i, c++);
		u->homesite = db_str(&res, i, c++);
		u->invited_portal = (int)db_int(&res, i, c++);
		u->invited_app = (int)db_int(&res, i, c++);
		u->wifi_state = db_str(&res, i, c++);
		u->account_state = db_str(&res, i, c++);
		u->number = db_str(&res, i, c++);
		u->extension = db_str(&res, i, c++);
	}
	return n;
}

int
db_occupiers_count(struct req *r, long op, const char *q, const char *like, long *total)
{
	struct dbres res;

	if (db_query(r->db, r->a, &res, STMT_OCC_COUNT, "iss", (long long)op, q, like) < 0)
		return -1;
	*total = (long)db_int(&res, 0, 0);
	return 1;
}

int
db_occupiers_page(struct req *r, long op, const char *q, const char *like, long limit,
    long offset, struct occupier_row **rows)
{
	struct dbres res;
	int n;

	if (db_query(r->db, r->a, &res, STMT_OCC_LIST, "issii", (long long)op, q, like,
	    (long long)limit, (long long)offset) < 0)
		return -1;
	if ((n = db_rows(r->a, &res, sizeof(**rows), (void **)rows)) <= 0)
		return n;
	for (size_t i = 0; i < res.nrows; i++) {
		(*rows)[i].id = db_str(&res, i, 0);
		(*rows)[i].name = db_str(&res, i, 1);
		(*rows)[i].users = db_str(&res, i, 2);
		(*rows)[i].sites = db_str(&res, i, 3);
	}
	return n;
}

/* Row i of a bulk result (STMT_BULK_MATCH, STMT_BULK_ONE: one shape, the first with the
 * search text after). */
static void
bulk_user_of(const struct dbres *res, size_t i, struct bulk_user *u)
{
	size_t c = 0;

	u->id = (long)db_int(res, i, c++);
	u->name = db_str(res, i, c++);
	u->email = db_str(res, i, c++);
	u->role = db_str(res, i, c++);
	u->account_state = db_str(res, i, c++);
	u->wifi_state = db_str(res, i, c++);
	u->invited_portal = (int)db_int(res, i, c++);
	u->homesite = (long)db_int(res, i, c++);
	u->search_text = c < res->ncols ? db_str(res, i, c) : NULL;
}

int
db_bulk_all(struct req *r, long op, long occ, struct bulk_user **rows)
{
	struct dbres res;
	int n;

	if (db_query(r->db, r->a, &res, STMT_BULK_MATCH, "ii", (long long)op,
	    (long long)occ) < 0)
		return -1;
	if ((n = db_rows(r->a, &res, sizeof(**rows), (void **)rows)) <= 0)
		return n;
	for (size_t i = 0; i < res.nrows; i++)
		bulk_user_of(&res, i, &(*rows)[i]);
	return n;
}

int
db_bulk_one(struct req *r, long op, long occ, long id, struct bulk_user *u)
{
	struct dbres res;

	if (db_query(r->db, r->a, &res, STMT_BULK_ONE, "iii", (long long)id, (long long)op,
	    (long long)occ) < 0)
		return -1;
	if (res.nrows == 0)
		return 0;
	bulk_user_of(&res, 0, u);
	return 1;
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
		    tel_user_rows(r, me->id, me->operator_id, &res[2]) < 0)
			return -1;
		if (me->occupier_version != NULL && res[0].nrows > 0)
			rescache_put(me->id, me->occupier_id, me->occupier_version, res, 3);
	}
	if (!profile_of(&res[0], p))
		return 0;
	wifi_of(&res[1], w);
	*has_tel = tel_of_rows(&res[2], t);
	return 1;
}

int
db_api_tokens(struct req *r, long id, struct api_token_row **rows)
{
	struct dbres res;
	int n;

	if (db_query(r->db, r->a, &res, STMT_API_TOKENS_OF, "i", (long long)id) < 0)
		return -1;
	if ((n = db_rows(r->a, &res, sizeof(**rows), (void **)rows)) <= 0)
		return n;
	for (size_t i = 0; i < res.nrows; i++) {
		(*rows)[i].id = (long)db_int(&res, i, 0);
		(*rows)[i].client = db_str(&res, i, 1);
		(*rows)[i].created = db_str(&res, i, 2);
		(*rows)[i].expires = db_str(&res, i, 3);
		(*rows)[i].last_used = db_str(&res, i, 4);
	}
	return n;
}

int
db_user_extra(struct req *r, long op, long occ, long id, struct uextra *x)
{
	struct dbres res;

	memset(x, 0, sizeof(*x));
	if (db_query(r->db, r->a, &res, STMT_USER_EXTRA, "iiu", (long long)id, (long long)op,
	    (long long)occ) < 0)
		return -1;
	if (res.nrows == 0)
		return 0;
	x->twofa_on = (int)db_int(&res, 0, 0);
	x->leave_on = db_str(&res, 0, 1);
	x->invite_expires = db_str(&res, 0, 2);
	x->invite_expired = (int)db_int(&res, 0, 3);
	return 1;
}

int
db_user_leave_set(struct req *r, long op, long occ, long id, const char *date)
{
	long long n = db_exec(r->db, STMT_LEAVE_SET, "siiu", date, (long long)id, (long long)op,
	    (long long)occ);

	return n < 0 ? -1 : n > 0;
}
