/*
 * Typed access to the users of an occupier and what User management shows with them (their
 * Wi-Fi accounts, phone numbers, the occupier's sites, the operator's Wi-Fi bounds), in the
 * manner of openradtool: one function per use, rows as structs, the SQL in db_stmts.c.
 * Strings live in the request's arena. Every function returns <0 on a database failure
 * (db_errno() tells which), 0 when nothing was found or changed, >0 on success, unless it
 * says otherwise.
 */
#ifndef DB_USERS_H
#define DB_USERS_H

#include <stddef.h>

#include "states.h"

struct req;
struct user_input;

/* A user as stored, for the details page and the edit form. */
struct urow {
	const char *id, *first_name, *last_name, *email, *job_title, *mobile, *direct;
	const char *language, *role, *account_state, *version;
	int invited_portal, invited_app, is_admin;
	enum state account, wifi;   /* account_state and wifi_state as enums (states.h) */
	const char *wifi_state, *wifi_limit, *wifi_site_id, *wifi_site;
	const char *number, *extension, *number_status;   /* number NULL: none assigned */
	long number_id;
};

/* A line of the User management list. */
struct ulist_row {
	long id;
	const char *first_name, *last_name, *email, *role, *account_state, *wifi_state;
	const char *number, *extension;                    /* number NULL: none assigned */
	const char *leave_on, *invite_expires;             /* issue 16; "" none */
};

/* A site: its id as text (form values) and its name. */
struct site {
	const char *id, *name;
};

/* The occupier occ of operator op: its name, whether the operator offers portal/app
 * accounts, its data version (NULL when unknown). 1 found, 0 not the operator's. */
int	 db_occupier_scope(struct req *r, long op, long occ, const char **name,
	    int *experience, const char **version);
/* The sites where occupier occ (of operator op) has space, by name; *n of them (occ 0:
 * every site of the operator, where team members may work). */
int	 db_occupier_sites(struct req *r, long op, long occ, struct site **sites, size_t *n);
/* Team members (occupier 0): the sites user id works at, by name; *n of them. */
int	 db_team_sites(struct req *r, long op, long id, struct site **sites, size_t *n);
/* Replaces the sites user id works at by ids[0..n-1] (checked by the caller). */
int	 db_team_sites_set(struct req *r, long id, const long *ids, size_t n);
/* 1 when site is one of operator op's, 0 when not. */
int	 db_site_of_operator(struct req *r, long op, long site);
/* How many other super admins of operator op (not deactivated) remain besides user id;
 * locks them, so two saves cannot each remove "the other" one. */
int	 db_team_supers_left(struct req *r, long op, long id);
/* The operator op's own sites, by name; *n of them. */
int	 db_sites(struct req *r, long op, struct site **sites, size_t *n);
/* The operator's bounds of a Wi-Fi device limit; 1 found (else *min 1, *max 10), 0 not. */
int	 db_wifi_bounds(struct req *r, long op, long *min, long *max);

/* A user's own Wi-Fi account (My profile). */
struct wifi_row {
	const char *state;              /* "ACTIVE", "DEACTIVATED", NULL = NO ACCOUNT */
	const char *homesite;
	long devices;
};
/* The Wi-Fi account of user id of operator op into w (zeroed when none); 1 found, 0 none. */
int	 db_wifi_of_user(struct req *r, long op, long id, struct wifi_row *w);

struct tel;

/* My profile: a user's own editable fields, its address and the row's version. */
struct profile_row {
	const char *first_name, *last_name, *job_title, *mobile, *direct, *language, *email;
	long version;
	int twofa_on;           /* a two-factor secret is stored (as the details page says) */
};
/* User id's own row (of operator op, occupier occ) into p; 1 found, 0 gone. */
int	 db_profile_get(struct req *r, long op, long occ, long id, struct profile_row *p);
/* My profile of the signed-in user: its row, its Wi-Fi account, its number (*has_tel 0 when
 * none), kept per process under the occupier's data version (rescache.c); 1, 0 gone. */
int	 db_my_profile(struct req *r, struct profile_row *p, struct wifi_row *w, struct tel *t,
	    int *has_tel);
/* Saves p's editable fields over the row if it still has version; 1 saved, 0 stale. */
int	 db_profile_save(struct req *r, long op, long occ, long id, const struct profile_row *p,
	    long version);

/* Stores a user's own new Wi-Fi password (sealed, and its NT hash for FreeRADIUS) while
 * the account is ACTIVE; 1 stored, 0 no ACTIVE account. */
int	 db_wifi_password_set(struct req *r, long op, long occ, long id, const void *box,
	    size_t boxlen, const void *nt, size_t ntlen);

/* A user as "Download users" (PLAT-3) writes it. */
struct export_row {
	const char *first_name, *last_name, *email, *job_title, *mobile, *direct, *language;
	const char *role, *device_limit, *homesite, *wifi_state, *account_state;
	const char *number, *extension;     /* "" without an assigned number */
	int wifi, invited_portal, invited_app;
};
/* Every user of occupier occ in list order; returns how many (>= 0). */
int	 db_users_export(struct req *r, long op, long occ, struct export_row **rows);

/* A line of the operator's list of occupiers: id, name, user count, its sites' names. */
struct occupier_row {
	const char *id, *name, *users, *sites;
};
/* How many of operator op's occupiers match like (q empty: all); 1, or <0. */
int	 db_occupiers_count(struct req *r, long op, const char *q, const char *like, long *total);
/* limit of them by name from offset; returns how many (>= 0). */
int	 db_occupiers_page(struct req *r, long op, const char *q, const char *like, long limit,
	    long offset, struct occupier_row **rows);

/* A user a bulk action (PLAT-4) names, as found within the occupier. */
struct bulk_user {
	long id;
	const char *name, *email, *role, *account_state, *wifi_state;
	int invited_portal;
	long homesite;
	const char *search_text;    /* db_bulk_all() only: "first last\nemail" (sql/006) */
};
/* Every user of occupier occ, with its search text; returns how many (>= 0). */
int	 db_bulk_all(struct req *r, long op, long occ, struct bulk_user **rows);
/* User id of occupier occ into u; 1, 0 not the occupier's. */
int	 db_bulk_one(struct req *r, long op, long occ, long id, struct bulk_user *u);

/* User id of occupier occ (of operator op), with its Wi-Fi account and number. */
int	 db_user_get(struct req *r, long op, long occ, long id, struct urow *u);
/* The list's users whose ids are ids[0..n-1], in list order; returns how many (>= 0). */
int	 db_users_by_ids(struct req *r, long op, long occ, const unsigned *ids, size_t n,
	    struct ulist_row **rows);
/* The ids of the first `cap` users matching like (q empty: all) in list order; *n found. */
int	 db_user_match_ids(struct req *r, long op, long occ, const char *q, const char *like,
	    long cap, unsigned **ids, size_t *n);
/* `limit` users matching like from `offset` on, in list order; returns how many (>= 0). */
int	 db_users_page(struct req *r, long op, long occ, const char *q, const char *like,
	    long limit, long offset, struct ulist_row **rows);
/* The user with address email (lower case), as a list line; returns 0 or 1. */
int	 db_user_by_email(struct req *r, long op, long occ, const char *email,
	    struct ulist_row **rows);

/* Saves the user's own fields when its row still has version; 1 saved, 0 changed since. */
int	 db_user_update(struct req *r, long op, long occ, long id, const struct user_input *in,
	    long version);
/* Deactivates (off) or reactivates the user's account; 1 changed, 0 not in a state to. */
int	 db_user_account_set(struct req *r, long op, long occ, long id, int off);
/* Ends every single-use link (invitation, reset) of the user; >= 0 how many. */
int	 db_user_tokens_end(struct req *r, long id);
/* Sets the device limit of the user's Wi-Fi account; >= 0 rows changed. */
int	 db_wifi_limit_set(struct req *r, long id, long limit);

/* A live API token of a user (issue 16), times as ISO 8601 UTC. */
struct api_token_row {
	long id;
	const char *client, *created, *expires, *last_used;
	long expires_in;        /* seconds until expires (the database's clock), >= 1 */
};
/* The user's live API tokens, newest first (at most 50); returns how many (>= 0). */
int	 db_api_tokens(struct req *r, long id, struct api_token_row **rows);
/* What the details page shows beside a user (issue 16): two-factor sign-in on, the
 * scheduled leaving date ("" none), the invitation's expiry ("" none) and whether it passed. */
struct uextra {
	int twofa_on;
	const char *leave_on, *invite_expires;
	int invite_expired;
};
int	 db_user_extra(struct req *r, long op, long occ, long id, struct uextra *x);
/* Sets (date "YYYY-MM-DD") or cancels (NULL) the user's leaving date; 1 done, 0 not found. */
int	 db_user_leave_set(struct req *r, long op, long occ, long id, const char *date);

#endif
