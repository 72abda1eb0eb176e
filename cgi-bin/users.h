/*
 * What the User management pages share (page_users*.c): the tenancy of the request (struct
 * scope), a user as stored (struct urow), and the one rule of who may delete or change
 * whose account. The portal's /users pages and the platform's Users tab of an occupier
 * (/platform/occupiers/ID/users) are the same pages; the scope tells them apart.
 */
#ifndef USERS_H
#define USERS_H

#include "tel.h"
#include "userform.h"

struct req;
struct tmpl_dict;

#define PAGE_SIZE 50

struct scope {
	long operator_id, occupier_id;
	const char *occupier_name;
	const char *base;         /* "/users" or "/platform/occupiers/ID/users" */
	int platform;             /* operator powers */
	int experience;           /* the operator offers portal/app accounts (PLAT-7) */
	long user_id;             /* the user of a details page */
	const char *version;      /* the occupier's data version (sql/005); NULL: unknown */
};

/* A user as stored, for the details page and the edit form. */
struct urow {
	const char *id, *first_name, *last_name, *email, *job_title, *mobile, *direct;
	const char *language, *role, *account_state, *version;
	int invited_portal, invited_app, is_admin;
	const char *wifi_state, *wifi_limit, *wifi_site_id, *wifi_site;
	const char *number, *extension, *number_status;
	long number_id;
};

/*
 * Resolves the tenancy of this request: an occupier admin's comes with the session, an
 * operator's is looked up. Returns 0, 404 when the occupier is not one of the signed-in
 * operator's, or 500.
 */
int	 scope_get(struct req *r, struct scope *s);
/* Sets the shared values of every User management page. */
void	 scope_show(struct req *r, const struct scope *s, struct tmpl_dict *d);
/* Loads the scope's user; 0 found, 404, or 500. */
int	 urow_get(struct req *r, const struct scope *s, struct urow *u);
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
};

/* page_users_form.c: the add (u NULL) or edit form with the typed values and errors, answered
 * with status; reading the form into f; the number's features this page may change. */
int	 form_page(struct req *r, const struct scope *s, const struct urow *u,
	    struct form_state *f, int status);
void	 form_read(struct req *r, struct form_state *f);
int	 tel_prepare(struct req *r, const struct scope *s, struct form_state *f);

#endif
