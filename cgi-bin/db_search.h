/*
 * Typed access to what the substring searches read (see db_users.h for the conventions:
 * the SQL in db_stmts.c, strings in the request's arena, <0 failure, 0 nothing, >0 done):
 * the operator's search across its users (page_search.c), the n-gram index user_grams
 * (sql/016, sql/025; ngram.c chooses the gram) and the rows of the User management list's
 * in-memory index (listidx.c).
 */
#ifndef DB_SEARCH_H
#define DB_SEARCH_H

#include <stddef.h>

struct req;

/* A line of the operator's search across its users. */
struct search_row {
	long id;
	const char *first_name, *last_name, *email;
	const char *occupier_id;        /* NULL: a team member */
	const char *occupier_name, *role;
};
/* The operator's user with address email (lower case); returns 0 or 1 lines. */
int	 db_search_exact(struct req *r, long op, const char *email, struct search_row **rows);
/* Among the users of the grams that pattern matches, up to limit with ids below before
 * matching like, newest first; returns how many (>= 0). */
int	 db_search_gram(struct req *r, long op, const char *pattern, long before, const char *like,
	    long limit, struct search_row **rows);
/* Of gram's users (exactly gram, by =) with ids in [lo, before), up to limit ids, newest
 * first, into *ids and *n; 0 none, 1, or <0. */
int	 db_gram_ids(struct req *r, long op, const char *gram, long lo, long before, long limit,
	    unsigned **ids, size_t *n);
/* Of the users ids[0..n-1], up to limit that match like, newest first; returns how many. */
int	 db_search_ids(struct req *r, long op, const unsigned *ids, size_t n, const char *like,
	    long limit, struct search_row **rows);
/* The operator's lowest and highest user id (0 and 0 when none); 1, or <0. */
int	 db_search_bounds(struct req *r, long op, long *min, long *max);
/* Up to limit users with ids in [lo, hi) matching like (q empty: all), newest first;
 * returns how many (>= 0). */
int	 db_search_scan(struct req *r, long op, long hi, long lo, const char *q, const char *like,
	    long limit, struct search_row **rows);

/* The rows of user_grams whose gram is LIKE pattern, of operator op (occ 0) or of its
 * occupier occ, counted up to cap, into *rows; 1, or <0. */
int	 db_gram_count(struct req *r, long op, long occ, const char *pattern, long cap,
	    long *rows);
/* Among the users of occupier occ with a gram LIKE pattern, the ids of those matching like,
 * in list order; *n found. */
int	 db_user_gram_ids(struct req *r, long op, long occ, const char *pattern, const char *like,
	    unsigned **ids, size_t *n);

/* An occupier's user as the list's in-memory index holds it (listidx.c). */
struct listidx_row {
	unsigned id;
	const char *search_text;        /* "first last\nemail" (sql/006) */
};
/* The occupier's users, counted up to cap, into *n; 1, or <0. */
int	 db_listidx_size(struct req *r, long op, long occ, long cap, long *n);
/* The occupier's users in list order; returns how many (>= 0). */
int	 db_listidx_rows(struct req *r, long op, long occ, struct listidx_row **rows);

#endif
