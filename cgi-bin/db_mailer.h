/*
 * Typed access for build/mailer (mailer.c, maildir.c): the due rows of mail_outbox, a claim,
 * the result of a delivery. Returns: <0 failure, 0 not found or nothing changed, >0 done.
 */
#ifndef DB_MAILER_H
#define DB_MAILER_H

struct arena;
struct db;
struct outmsg;

/* The ids of the due rows (at most 20), oldest first, into *ids; how many (>= 0). */
int	 db_mail_due(struct db *db, struct arena *a, long long **ids);
/* In the caller's transaction: locks row id if it is due and not locked (SKIP LOCKED) and
 * reads it into m (to, subject, sealed bodies, attempts, created) and *op (0 none); 1, 0. */
int	 db_mail_lock(struct db *db, struct arena *a, long long id, struct outmsg *m,
	    long long *op);
/* Gives row id to claim token for lease seconds; 1. */
int	 db_mail_take(struct db *db, long long id, const char *token, long long lease);
/* The name of operator op (From); 1, 0 none. */
int	 db_mail_operator_name(struct db *db, struct arena *a, long long op, const char **name);
/* Records row id sent (and wipes its bodies) while token holds it; 1, 0 not ours. */
int	 db_mail_sent(struct db *db, long long id, const char *token);
/* Records a failed attempt of row id (next try in wait seconds) while token holds it; >= 0. */
int	 db_mail_failed(struct db *db, long long id, const char *token, long long wait,
	    const char *err);
/* Row id: whether it is sent, and by which claim token ("" none); 1, 0 no such row. */
int	 db_mail_state(struct db *db, struct arena *a, long long id, int *sent,
	    const char **token);
/* Gives back token's claim of row id (not sent): due again now; >= 0. */
int	 db_mail_give_back(struct db *db, long long id, const char *token);

#endif
