/*
 * What the User management pages share (page_users*.c): showing the tenancy of the request
 * (struct scope, app.h, resolved by the router), the one rule of who may delete or change
 * whose account, and the add/edit form's state. A user as stored is struct urow
 * (db_users.h). The portal's /users pages and the platform's Users tab of an occupier
 * (/platform/occupiers/ID/users) are the same pages; the scope tells them apart.
 */
#ifndef USERS_H
#define USERS_H

#include "db_users.h"
#include "tel.h"
#include "userform.h"

struct req;
struct tmpl_dict;

#define PAGE_SIZE 50
#define LIST_COUNT_CAP 1000      /* counted exactly up to this many matches without an index */

/*
 * UM-1, UM-2 (page_users_list.c): the users of the scope matching q (any part of name or
 * email; q trimmed) on page *page (moved back to the last page when past it): up to
 * PAGE_SIZE + 1 rows (one more tells a next page exists), *total matches (exact when *exact,
 * else counted up to LIST_COUNT_CAP + 1). Returns 0 or 500.
 */
int	 users_find(struct req *r, const struct scope *s, char *q, long *page, long *total,
	    int *exact, struct ulist_row **rows, int *n);

/* Sets the shared values of every User management page. */
void	 scope_show(struct req *r, const struct scope *s, struct tmpl_dict *d);
/* The details page; issue 16: with the leaving date typed and its message (NULL, NULL:
 * as stored). */
int	 user_view(struct req *r, const char *leave_value, const char *leave_err, int status);
/* The catalogue's name of a language code. */
const char *language_name(struct req *r, const char *code);

/*
 * The one rule of who may delete user `id` (an admin when `admin`): never oneself, and an
 * occupier admin never another admin; the operator any other. Returns 1 when allowed.
 */
int	 user_may_delete(const struct req *r, const struct scope *s, long id, int admin);
/* Who may deactivate or reactivate the account of user `id`: anyone but the user itself. */
int	 user_may_change_account(const struct req *r, long id);

/* What the add/edit form shows: the values typed (or stored) and the errors. */
struct form_state {
	struct user_input in;
	struct user_errors err;
	const char *version;
	const char *wifi_action;   /* edit: "", "deactivate", "reactivate" */
	const char *conflict;      /* UM-9 */
	struct tel tel, tel_new;   /* the assigned number's features (TEL-3..5) */
	int has_tel, tel_mask;
	struct tel_errors tel_err;
	/* team members (scope->team, PLAT-6): the sites they work at, as chosen */
	long *sites;
	size_t nsites;
	const char *sites_error, *invite_error;
	int no_tel;                /* the API: the phone features are left as they are */
};

/* page_users_form.c: the add (u NULL) or edit form with the typed values and errors, answered
 * with status; reading the form into f; the number's features this page may change. */
int	 form_page(struct req *r, const struct scope *s, const struct urow *u,
	    struct form_state *f, int status);
void	 form_read(struct req *r, struct form_state *f);
int	 tel_prepare(struct req *r, const struct scope *s, struct form_state *f);

/*
 * page_team.c: what the operator's team members (scope->team) add to these pages: the role
 * super admin, the sites they work at, the platform invitation, and the rule that the last
 * super admin can be neither demoted nor deleted.
 */
const char *team_role_key(const char *role);
/* The details page's role, sites and platform access of team member u. */
int	 team_view(struct req *r, const struct scope *s, const struct urow *u,
	    struct tmpl_dict *d);
/* The stored sites of u into f (the edit form's first values). */
int	 team_form_load(struct req *r, const struct scope *s, const struct urow *u,
	    struct form_state *f);
/* Reads and checks the sites ticked and the invitation's rule; <0 on failure. */
int	 team_form_read(struct req *r, const struct scope *s, struct form_state *f);
/* The role choices, the sites and the platform invitation on the form. */
void	 team_form_show(struct req *r, const struct scope *s, const struct urow *u,
	    const struct form_state *f, struct tmpl_dict *d, struct tmpl_dict *sum);
/* In the save's transaction: 1 when u is the last super admin and would stop being one
 * (f NULL: deleted), 0 when fine, <0 on failure. */
int	 team_last_super(struct req *r, const struct scope *s, const struct urow *u,
	    const struct form_state *f);
/* In the save's transaction: the sites they work at, audited when changed. */
int	 team_sites_save(struct req *r, const struct scope *s, const struct urow *u,
	    const struct form_state *f);
/* um.c: the operations of User management without pages (see um.c): 0 done, else the
 * status of the refusal (400 with f's messages, 403, 404, 409, 500). */
int	 um_add(struct req *r, const struct scope *s, struct form_state *f, long *id);
int	 um_edit(struct req *r, const struct scope *s, const struct urow *u, struct form_state *f);
int	 um_delete(struct req *r, const struct scope *s, const struct urow *u);
int	 um_resend(struct req *r, const struct scope *s, const struct urow *u);
int	 um_account(struct req *r, const struct scope *s, const struct urow *u,
	    const char *action);
int	 um_wifi_reset(struct req *r, const struct scope *s);
/* The stored user u as the edit form's values (the edit form, the API's partial edits). */
void	 form_state_of_user(struct form_state *f, const struct urow *u);

#endif
