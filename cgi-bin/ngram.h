/*
 * The n-gram index of users.search_text (sql/016: table user_grams, kept by triggers): which
 * gram of a substring query narrows the candidates most. The pages read the candidates of
 * that gram (at most NGRAM_MAX_CANDIDATES rows of user_grams) and apply their usual
 * `search_text LIKE '%q%'` to them, so they show exactly what a scan of users shows.
 */
#ifndef NGRAM_H
#define NGRAM_H

struct req;

/* Above this many rows of user_grams for its rarest gram, a query is served by a scan:
 * one that common finds its first 51 matches (newest first) within a short walk. */
#define NGRAM_MAX_CANDIDATES 4000

struct ngram {
	const char *pattern;    /* for `gram LIKE ?`: a gram of q, or q of one or two
				 * characters followed by %, its wildcards escaped */
	long rows;              /* the rows of user_grams it has (<= NGRAM_MAX_CANDIDATES) */
};

/*
 * Picks the rarest gram of q among the operator's users: returns 1 and fills *g when it has
 * at most NGRAM_MAX_CANDIDATES rows, 0 when the index cannot narrow q (q empty or not
 * UTF-8, or every gram looked at is that common), -1 when the database failed.
 */
int	 ngram_pick(struct req *r, long operator_id, const char *q, struct ngram *g);

#endif
