/*
 * The checked import files kept for "Add N users" (sql/018, PLAT-2): typed access, the SQL in
 * db_stmts.c. Each returns <0 on a database failure.
 */
#ifndef DB_IMPORT_H
#define DB_IMPORT_H

#include <stddef.h>

struct req;

/* A kept file as read back. */
struct import_kept {
	const char *version;        /* the occupier's data version at the check */
	const char *filename;
	/* the sealed file, base64 with line breaks: a 10 MiB file stays under the 16 MiB
	 * packet, where hexadecimal would not */
	const char *body_b64;
};

/* Keeps the sealed file under tok (hash of the form's token) for `minutes`, bound to the
 * session's hash, the operator, the occupier and its data version; expired files go. */
int	 db_import_keep(struct req *r, const unsigned char tok[32],
	    const unsigned char session[32], long op, long occ, const char *version,
	    const char *filename, const unsigned char *body, size_t len, int minutes);
/* Reads (and locks) the file kept under tok for this session, operator and occupier, if it
 * has not expired: 1 found, 0 not. */
int	 db_import_take(struct req *r, const unsigned char tok[32],
	    const unsigned char session[32], long op, long occ, struct import_kept *k);
/* Forgets the file kept under tok. */
int	 db_import_drop(struct req *r, const unsigned char tok[32]);

/* Issue 12, the CSV check (import.c): which addresses of json (a JSON array of lower-case
 * addresses) operator op's users have, into *emails (*n of them, in arena a); 1 some, 0 none. */
struct arena;
int	 db_emails_used(struct req *r, struct arena *a, const char *json, long op,
	    const char ***emails, size_t *n);

/*
 * PLAT-2: inserts n checked users of occupier occ in one statement: rows is a JSON array of
 * [role, first name, last name, email, job title, mobile phone, direct line, language],
 * emails the JSON array of their addresses; their ids into ids[0..n-1] (in that order), and
 * their "user.create" audit entries by r->me. 1 done, 0 an address is taken (nothing was
 * added), -1 a failure.
 */
int	 db_users_add_batch(struct req *r, long op, long occ, const char *rows,
	    const char *emails, size_t n, unsigned *ids);
/* sql/028, within the import's transaction: the users inserted after db_grams_defer() get no
 * n-gram rows from the insert trigger; db_grams_fill() writes those of ids[0..n-1] (the users
 * inserted) in one statement and ends the deferral, before the commit. 0, or -1. */
int	 db_grams_defer(struct req *r);
int	 db_grams_fill(struct req *r, const unsigned *ids, size_t n);

#endif
