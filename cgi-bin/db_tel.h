/*
 * Typed access for one phone number and its features (tel.c, tel_form.c, tel_view.c: the
 * model of TEL-2..6). Returns: <0 failure, 0 not found or nothing changed, >0 done; the writes
 * run in the caller's transaction.
 */
#ifndef DB_TEL_H
#define DB_TEL_H

struct dbres;
struct req;
struct tel;

/* Number id of operator op into t; 1, 0 not the operator's. */
int	 db_tel_get(struct req *r, long id, long op, struct tel *t);
/* The number assigned to user of operator op into t; 1, 0 none. */
int	 db_tel_of_user(struct req *r, long user, long op, struct tel *t);
/* The rows of the number assigned to user of operator op (none when it has none): My
 * profile keeps them (rescache.c); db_tel_of_rows() reads them into t (1, 0 none). */
int	 db_tel_user_rows(struct req *r, long user, long op, struct dbres *res);
int	 db_tel_of_rows(const struct dbres *res, struct tel *t);
/* Which features operator op lets occupiers change in the portal (TEL-4); 1, 0 no operator. */
int	 db_tel_portal_may(struct req *r, long op, int *cli, int *moh, int *acr);
/* Writes nt's features over number old if it still has old's version; 1, 0 stale. */
int	 db_tel_save(struct req *r, const struct tel *old, const struct tel *nt);
/* Queues a provisioning job for number id (TEL-6); 1. */
int	 db_tel_job(struct req *r, long id);
/* Forgets number id's custom PIN; 1, 0 not the operator's. */
int	 db_tel_pin_reset(struct req *r, long id, long op);
/* Logs out number id's digital handset; 1, 0 not logged in (or not digital). */
int	 db_tel_handset_logout(struct req *r, long id, long op);

/* A number t may show as its caller ID (TEL-5). */
struct cli_choice {
	long id;
	const char *number, *extension;
};
/* The occupier's ACTIVE numbers at t's site other than t (at most 500); how many (>= 0). */
int	 db_cli_choices(struct req *r, const struct tel *t, struct cli_choice **rows);
/* Whether number id is one of them: 1 with its digits in *number, 0 not. */
int	 db_cli_check(struct req *r, const struct tel *t, long id, const char **number);

#endif
