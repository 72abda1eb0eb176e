/*
 * Typed access for the user model's writes (userform.c): the user an action names (locked),
 * adding and deleting users, invitation flags, Wi-Fi accounts and the sites they may be at.
 * Returns: <0 failure, 0 not found or nothing changed, >0 done.
 */
#ifndef DB_ACCOUNTS_H
#define DB_ACCOUNTS_H

#include <stddef.h>

struct req;
struct user_input;

/* The user an action names: address, language and name for its email, its state. */
struct who {
	long id;
	const char *email, *lang, *first_name, *label, *role, *state;
	int invited_portal, invited_app, is_admin;
};
/* Loads and locks user id of the tenancy (occ 0: the operator's team); 1, 0 not there. */
int	 db_who_lock(struct req *r, long op, long occ, long id, struct who *w);
/* Whether another user (not self) of operator op has address email; 1 with its occupier in
 * *occ (0 a team member), 0 free. */
int	 db_email_owner(struct req *r, long op, const char *email, long self, long *occ);
/* Adds the user; its new id (>0), 0 the address is taken (a unique key refused it). */
long	 db_user_add(struct req *r, long op, long occ, const struct user_input *in);
/* Deletes user id of the tenancy with its links, sessions, Wi-Fi account, sites, and frees its
 * number; 1 deleted, 0 it was not there. */
int	 db_user_remove(struct req *r, long op, long occ, long id);
/* Marks the user invited to the portal and/or the app (and AWAITING_VALIDATION). */
int	 db_user_invited(struct req *r, long id, int portal, int app);

/* A user's Wi-Fi account as its actions need it. */
struct wifi_acct {
	const char *state;              /* "ACTIVE", "DEACTIVATED" */
	long site, limit;
	const char *site_name;
};
/* The Wi-Fi account of user id into w; 1, 0 none. */
int	 db_wifi_acct(struct req *r, long id, struct wifi_acct *w);
/* Writes a new sealed password (with its NT hash) at site: a new ACTIVE account with limit
 * (insert), or the existing one made ACTIVE there. */
int	 db_wifi_store(struct req *r, long id, int insert, long site, long limit, const void *enc,
	    size_t elen, const void *nt, size_t ntlen);
/* Deactivates the user's ACTIVE Wi-Fi account; 1 done, 0 it was not ACTIVE. */
int	 db_wifi_off(struct req *r, long id);
/* Whether occupier occ has space at site (any site of the operator for occ 0); 1 yes, 0 no. */
int	 db_site_usable(struct req *r, long op, long occ, long site);

#endif
