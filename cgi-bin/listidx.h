/*
 * The filter of the User management list (UM-2) in memory: an occupier's users in the list's
 * order (last name, first name, id), each with "first last" and the address folded for
 * matching (str_fold: case and accents ignored). Built with one read of the covering index
 * ix_user_occ_list and kept per process under the occupier's data version (sql/005), which
 * the database bumps on every write to the occupier's users: a filter typed into the list then
 * costs a scan of memory (~0.2 ms for 10,000 users) instead of a walk of the index in
 * MariaDB (~9 ms), and the count it shows is exact.
 */
#ifndef LISTIDX_H
#define LISTIDX_H

#include <stddef.h>

struct req;
struct listidx;
struct ulist_row;

/*
 * The index of the occupier at this version, built when missing; NULL when it cannot be had
 * (the database failed, or the occupier has more users than list_index_max_users): the caller then filters
 * in SQL. Each index got is given back with listidx_put.
 */
struct listidx *listidx_get(struct req *r, long operator_id, long occupier_id,
	    const char *version);
void	 listidx_put(struct listidx *ix);
/*
 * The users matching q (any part of the folded name or address; "" matches everyone):
 * returns how many match, and puts the positions in ix of matches number from .. from +
 * max - 1 (in list order) in pos, their count in *n.
 */
size_t	 listidx_match(const struct listidx *ix, const char *q, size_t from, size_t max,
	    size_t *pos, size_t *n);
/*
 * The list lines of the users at positions pos[0..n-1] of ix, in that order, into *rows (in
 * r's arena): the lines kept by ix, and the others read by id, then kept. Returns how many
 * (fewer when a user was deleted meanwhile), or -1 when the database failed.
 */
int	 listidx_lines(struct req *r, struct listidx *ix, const size_t *pos, size_t n,
	    struct ulist_row **rows);
/* A query folded once, for matching many texts one by one. */
struct listidx_query {
	char text[1024];
	size_t len;             /* 0: matches everyone */
};
/* 0, or -1 when q is too long to match anything */
int	 listidx_query(struct listidx_query *lq, const char *q);
/* Whether one user's search_text ("first last\nemail") matches as listidx_match would. */
int	 listidx_text_matches(const char *text, const struct listidx_query *lq);

#endif
