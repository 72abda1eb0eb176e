/*
 * The tenancy of a request (struct scope, app.h) and the user its path names, which the
 * router resolves once for the routes that ask for them (RF_SCOPE, RF_USER): every query of
 * those pages is then scoped by r->scope, checked in SQL, never taken from a form field.
 */
#include <string.h>

#include "app.h"
#include "db_users.h"

/*
 * An occupier user's tenancy comes with the session; an operator's occupier is the path's
 * first id, looked up among the operator's own. Returns 0, 404 when the occupier is not one
 * of the signed-in operator's, or 500.
 */
int
scope_get(struct req *r, struct scope *s)
{
	int rc;

	memset(s, 0, sizeof(*s));
	s->operator_id = r->me->operator_id;
	s->platform = (r->me->role & R_OP) != 0;
	if (!s->platform) {
		s->occupier_id = r->me->occupier_id;
		s->user_id = r->id;
		s->base = "/users";
		s->occupier_name = r->me->occupier_name;
		s->experience = r->me->offers_experience;
		s->version = r->me->occupier_version;
		return 0;
	}
	s->occupier_id = r->id;
	s->user_id = r->id2;
	s->base = arena_printf(r->a, "/platform/occupiers/%ld/users", r->id);
	rc = db_occupier_scope(r, s->operator_id, s->occupier_id, &s->occupier_name,
	    &s->experience, &s->version);
	return rc < 0 ? 500 : rc == 0 ? 404 : 0;
}

void
scope_team(struct req *r, struct scope *s)
{
	memset(s, 0, sizeof(*s));
	s->operator_id = r->me->operator_id;
	s->platform = 1;
	s->team = 1;
	s->experience = 1;          /* the platform invitation */
	s->user_id = r->id;
	s->base = "/platform/account/members";
	s->occupier_name = r->me->operator_name;
}

/* Loads the scope's user (the path's last id) into u; 0 found, 404, or 500. */
int
target_get(struct req *r, const struct scope *s, struct urow *u)
{
	int rc = db_user_get(r, s->operator_id, s->occupier_id, s->user_id, u);

	return rc < 0 ? 500 : rc == 0 ? 404 : 0;
}
