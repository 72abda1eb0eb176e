/* Typed access to the operator's own account (see db_operator.h). */
#include <string.h>

#include "app.h"
#include "db.h"
#include "db_operator.h"

int
db_operator_settings(struct req *r, long op, struct operator_settings *s)
{
	struct dbres res;
	size_t c = 0;

	memset(s, 0, sizeof(*s));
	if (db_query(r->db, r->a, &res, STMT_SETTINGS, "i", (long long)op) < 0)
		return -1;
	if (res.nrows == 0)
		return 0;
	s->name = db_str(&res, 0, c++);
	s->colour = db_str(&res, 0, c++);
	s->experience = (int)db_int(&res, 0, c++);
	s->may_cli = (int)db_int(&res, 0, c++);
	s->may_moh = (int)db_int(&res, 0, c++);
	s->may_acr = (int)db_int(&res, 0, c++);
	s->contact = db_str(&res, 0, c++);
	s->emergency = db_str(&res, 0, c++);
	s->base_url = db_str(&res, 0, c++);
	return 1;
}

int
db_operator_settings_save(struct req *r, long op, const struct operator_settings *s)
{
	const char *base = s->base_url ? s->base_url : "";

	if (db_exec(r->db, STMT_SETTINGS_SAVE, "ssiiiissi", s->name, s->colour,
	    (long long)s->experience, (long long)s->may_cli, (long long)s->may_moh,
	    (long long)s->may_acr, *s->contact ? s->contact : NULL,
	    *s->emergency ? s->emergency : NULL, (long long)op) < 0 ||
	    db_exec(r->db, STMT_BASE_URL_SET, "si", *base ? base : NULL, (long long)op) < 0)
		return -1;
	return 1;
}

int
db_site_services(struct req *r, long op, struct site_service **rows)
{
	static const struct db_col cols[] = {
		DB_COL(struct site_service, site_id, DB_STR),
		DB_COL(struct site_service, code, DB_STR),
	};
	return db_get_rows(r->db, r->a, DB_GET(cols), sizeof(**rows), (void **)rows,
	    STMT_SERVICES, "i", (long long)op);
}

int
db_site_service_set(struct req *r, long op, long site, const char *code, int on)
{
	return (int)db_exec(r->db, on ? STMT_SERVICE_ADD : STMT_SERVICE_DEL, "iis", (long long)op,
	    (long long)site, code);
}

int
db_team(struct req *r, long op, struct team_row **rows)
{
	struct dbres res;
	int n;

	if (db_query(r->db, r->a, &res, STMT_TEAM, "i", (long long)op) < 0)
		return -1;
	if ((n = db_rows(r->a, &res, sizeof(**rows), (void **)rows)) <= 0)
		return n;
	for (size_t i = 0; i < res.nrows; i++) {
		struct team_row *t = &(*rows)[i];
		size_t c = 0;

		t->id = (long)db_int(&res, i, c++);
		t->name = db_str(&res, i, c++);
		t->email = db_str(&res, i, c++);
		t->role = db_str(&res, i, c++);
		t->account_state = db_str(&res, i, c++);
		t->wifi_state = db_str(&res, i, c++);
		t->sites = db_str(&res, i, c++);
		t->number = db_isnull(&res, i, c) ? NULL : db_str(&res, i, c);
		c++;
		t->number_id = db_str(&res, i, c++);
		t->twofa_on = (int)db_int(&res, i, c++);
	}
	return n;
}

int
db_team_member_role(struct req *r, long op, long id, const char **name, const char **email,
    const char **role)
{
	struct dbres res;

	if (db_query(r->db, r->a, &res, STMT_MEMBER, "ii", (long long)id, (long long)op) < 0)
		return -1;
	if (res.nrows == 0)
		return 0;
	*name = db_str(&res, 0, 0);
	*email = db_str(&res, 0, 1);
	*role = db_str(&res, 0, 2);
	return 1;
}

int
db_team_member(struct req *r, long op, long id, const char **name, const char **email)
{
	const char *role;

	return db_team_member_role(r, op, id, name, email, &role);
}

int
db_site_name(struct req *r, long op, long site, const char **name)
{
	struct dbres res;

	if (db_query(r->db, r->a, &res, STMT_SITE_OK, "ii", (long long)site, (long long)op) < 0)
		return -1;
	if (res.nrows == 0)
		return 0;
	*name = db_str(&res, 0, 0);
	return 1;
}

int
db_team_site_add(struct req *r, long id, long site)
{
	return (int)db_exec(r->db, STMT_SITE_ADD, "ii", (long long)id, (long long)site);
}
