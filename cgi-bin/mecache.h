/*
 * The signed-in occupier user's own fields (struct me: name, role, language, operator brand,
 * occupier name), kept per process between requests, so that the session check of a request
 * reads two rows (the session and its occupier's data version) instead of joining five tables.
 * An entry is valid for one user, one occupier and one data version: sql/005 and sql/007 bump
 * the version in the same transaction as any write to the users, operators and occupiers rows
 * the fields come from, whoever writes. An entry whose version has gone is never matched again;
 * a newer one takes its slot. What belongs to the session (expiry, token, CSRF) is never cached.
 */
#ifndef MECACHE_H
#define MECACHE_H

struct arena;
struct me;

/* 1 and me's cached fields (strings copied into a) for user_id of occupier_id at version;
 * else 0 */
int	 mecache_get(long user_id, long occupier_id, const char *version, struct arena *a,
	    struct me *me);
/* keeps me's fields under me->occupier_id and me->occupier_version */
void	 mecache_put(const struct me *me);
/* entries held, for tests */
long	 mecache_entries(void);

#endif
