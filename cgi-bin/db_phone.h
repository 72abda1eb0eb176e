/*
 * Typed access to the operator's phone numbers for the Telephony pages (PLAT-5, PLAT-6); the
 * features of one number are tel.c's. Returns as db_users.h says; the writes run in the
 * caller's transaction.
 */
#ifndef DB_PHONE_H
#define DB_PHONE_H

struct req;

/* A line of the numbers list. */
struct number_row {
	const char *id, *number, *extension, *status;
	int allocated;
	const char *occupier_id;            /* NULL: allocated to the account (or not at all) */
	const char *occupier_name;
	const char *user_id;                /* NULL: assigned to nobody */
	const char *user_name, *user_email, *site_id, *site_name;
};

/* What a number's page shows besides its features. */
struct number_extra {
	int allocated;
	const char *occupier_name, *operator_name, *user_name, *user_email;
	long user_occupier;
};

/* A choice of the allocation or assignment list: id, name and (people) address. */
struct choice {
	const char *id, *name, *email;
};

/* A number that shows another as its CLI. */
struct cli_user {
	long id, occupier_id, user_id;
	const char *number;
};

/* Operator op's numbers matching like (q empty: all), by site, limit of them; how many. */
int	 db_numbers(struct req *r, long op, const char *q, const char *like, long limit,
	    struct number_row **rows);
/* The numbers allocated to the operator's own account, by site, limit of them; how many. */
int	 db_account_numbers(struct req *r, long op, long limit, struct number_row **rows);
/* Number id of operator op's page values into x; 1, 0 not the operator's. */
int	 db_number_extra(struct req *r, long op, long id, struct number_extra *x);
/* The occupiers with space at site (allocation choices); how many. */
int	 db_alloc_choices(struct req *r, long op, long site, struct choice **rows);
/* The name of occupier occ when it has space at site; 1, 0 not. */
int	 db_alloc_ok(struct req *r, long op, long occ, long site, const char **name);
/* The people a number of occupier occ (0: the account) may go to, limit of them; how many. */
int	 db_assignees(struct req *r, long op, long occ, long number_id, long limit,
	    struct choice **rows);
/* Locks number id while it still has version; 1, 0 changed since. */
int	 db_number_lock(struct req *r, long op, long id, long version);
/* Allocates number id to occupier occ (0: the account; allocated 0: nobody); 1, 0 not. */
int	 db_number_allocate(struct req *r, long op, long id, long occ, int allocated);
/* The numbers that show number id as their CLI, locked; how many. */
int	 db_cli_users(struct req *r, long op, long id, struct cli_user **rows);
/* Number id loses its CLI choice; 1, 0 not. */
int	 db_cli_drop(struct req *r, long op, long id);
/* Queues a provisioning job for number id (TEL-6); >= 0. */
int	 db_number_job(struct req *r, long id);
/* User uid (of occupier occ, 0: the team) locked, with its address and Direct line; *other
 * the number it holds already (NULL: none besides number_id). 1, 0 not a possible assignee. */
int	 db_assignee(struct req *r, long op, long occ, long number_id, long uid, const char **email,
	    const char **direct, const char **other);
/* Assigns number id to user uid (0: nobody); 1, 0 not. */
int	 db_number_assign(struct req *r, long op, long id, long uid);
/* Clears the Direct line of user uid (the number replaces it, TEL-1); 1, 0 not. */
int	 db_direct_clear(struct req *r, long op, long uid);

#endif
