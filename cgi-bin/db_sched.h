/*
 * Typed access for build/scheduler (scheduler.c): invitation reminders and scheduled
 * offboarding (issue 16). Returns: <0 failure, 0 not found or nothing changed, >0 done; the
 * writes run in the caller's transaction.
 */
#ifndef DB_SCHED_H
#define DB_SCHED_H

struct arena;
struct db;

/* An invitation due for a reminder, as its claim reads it. */
struct reminder {
	long user, op, occ;
	const char *email, *lang, *first_name, *label;
	long long sent;                 /* reminders sent so far */
	int late;                       /* 6 days passed: the second is due too */
	const char *expires;            /* "YYYY-MM-DD HH:MM" */
};
/* The invitations due for a reminder (at most cap): HEX() of their token hashes. */
int	 db_reminders_due(struct db *db, struct arena *a, long cap, const char ***toks);
/* Locks invitation tok if it is still due (SKIP LOCKED) into m; 1, 0. */
int	 db_reminder_lock(struct db *db, struct arena *a, const char *tok, struct reminder *m);
/* Counts n reminders of tok and adds the reminder's own link (hash); 1, 0 tok is gone. */
int	 db_reminder_sent(struct db *db, const char *tok, long long n,
	    const unsigned char hash[32]);

/* A user whose leaving date has come, as its claim reads it. */
struct leaver {
	long long id;
	long op, occ;
	const char *label, *leave_on, *account_state;
};
/* The users whose leaving date has come (at most cap) into *ids; how many (>= 0). */
int	 db_leavers_due(struct db *db, struct arena *a, long cap, long long **ids);
/* Locks user id if its leaving date has come (SKIP LOCKED) into l; 1, 0. */
int	 db_leaver_lock(struct db *db, struct arena *a, long long id, struct leaver *l);
/* Deactivates the leaver's Wi-Fi account (*wifi 1 when it was ACTIVE) and the user account,
 * clearing the leaving date; 1, 0 the user is gone. */
int	 db_leaver_off(struct db *db, long long id, int *wifi);
/* Ends the leaver's sessions, links and half-done two-factor sign-ins; 1. */
int	 db_leaver_end(struct db *db, long long id);
/* Unassigns the leaver's number (locked) and queues it to the PBX: 1 with its digits in
 * *number, 0 it had none. */
int	 db_leaver_unassign(struct db *db, struct arena *a, long long id, long op,
	    const char **number);

#endif
