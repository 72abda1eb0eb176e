/*
 * The n-gram index of users.search_text (sql/016: table user_grams, kept by triggers; sql/025:
 * by occupier too): which gram of a substring query narrows the candidates most, among the
 * operator's users or one occupier's. The pages read the candidates of that gram and apply
 * their usual `search_text LIKE '%q%'` to them, so they show exactly what a scan of users
 * shows.
 */
#ifndef NGRAM_H
#define NGRAM_H

struct arena;
struct req;

/* Up to this many rows of user_grams for its rarest gram, a query's candidates are read all
 * at once (and the pages' counts are exact); the operator search reads at most this many
 * rows of a gram at a time (page_search.c). The default of the configuration's
 * ngram_max_candidates (tests set a few). */
#define NGRAM_MAX_CANDIDATES 4000
/* Grams of a query counted (ngram_pick()) or given (ngram_singles()) at most. */
#define NGRAM_PROBES 6

enum ngram_use {
	NGRAM_NONE,             /* the index cannot narrow q (empty, not UTF-8, or its grams
				 * are all common) */
	NGRAM_ALL               /* pattern has at most ngram_max() rows */
};

struct ngram {
	const char *pattern;    /* for `gram LIKE ?`: a gram of q, or q of one or two
				 * characters followed by %, its wildcards escaped */
	long rows;              /* its rows, counted up to ngram_max() + 1 */
};

/* The configuration's ngram_max_candidates (at least 1). */
long	 ngram_max(const struct req *r);

/*
 * Picks the rarest gram of q among operator operator_id's users (occupier_id 0) or among
 * those of its occupier occupier_id, into *g; returns an enum ngram_use, or -1 when the
 * database failed.
 */
int	 ngram_pick(struct req *r, long operator_id, long occupier_id, const char *q,
	    struct ngram *g);

/*
 * The distinct single grams of q (for `gram = ?`: three characters, the last not a space), at
 * most max: all those that span two words first, then the others spread evenly over q.
 * Returns how many (0: q is shorter than a gram or not UTF-8), <0 when out of memory.
 */
int	 ngram_singles(struct arena *a, const char *q, const char **grams, int max);

#endif
