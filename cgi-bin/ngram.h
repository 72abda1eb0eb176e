/*
 * The n-gram index of users.search_text (sql/016: table user_grams, kept by triggers; sql/025:
 * by occupier too): which gram of a substring query narrows the candidates most, among the
 * operator's users or one occupier's. The pages read the candidates of that gram and apply
 * their usual `search_text LIKE '%q%'` to them, so they show exactly what a scan of users
 * shows.
 */
#ifndef NGRAM_H
#define NGRAM_H

struct req;

/* Up to this many rows of user_grams for its rarest gram, a query's candidates are read all
 * at once (and the pages' counts are exact); the operator search reads at most this many
 * rows of a more common gram at a time (a window, newest first: db_search_window()).
 * The default of the configuration's ngram_max_candidates (tests set a few). */
#define NGRAM_MAX_CANDIDATES 4000
/* Grams of a query counted at most (spread over it). */
#define NGRAM_PROBES 6

enum ngram_use {
	NGRAM_NONE,             /* the index cannot narrow q (empty, not UTF-8, or its grams
				 * are all common and none is a single gram) */
	NGRAM_ALL,              /* pattern has at most ngram_max() rows */
	NGRAM_WINDOW            /* more, but gram is one gram: its rows can be read newest
				 * first, a window at a time */
};

struct ngram {
	const char *pattern;    /* for `gram LIKE ?`: a gram of q, or q of one or two
				 * characters followed by %, its wildcards escaped */
	const char *gram;       /* for `gram = ?`: the gram itself when pattern is exactly one
				 * gram (three characters, no trailing space), else NULL */
	long rows;              /* its rows, counted up to ngram_max() + 1 */
	const char *also[NGRAM_PROBES]; /* NGRAM_WINDOW: the other single grams counted, each
					 * with more than ngram_max() rows too */
	int nalso;
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

#endif
