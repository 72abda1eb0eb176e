/*
 * Query results of one occupier user kept per process under the occupier's data version
 * (sql/005), as mecache.c keeps the session's fields: My profile (page_profile.c) keeps the
 * rows of its reads of the user, the Wi-Fi account and the phone number here. An entry is
 * valid for one user, one occupier and one version; every write to the tables those rows
 * come from bumps the version in the writing transaction (sql/005, sql/007, sql/017), so the
 * next request reads them again. Only results whose every table has such a trigger belong
 * here: a panel read from another table (radacct, which FreeRADIUS writes; api_tokens) is
 * read each time the page is rendered. The rendered page itself is kept in pcache.c under
 * this version and the user's own (sql/026), which those tables' triggers bump.
 */
#ifndef RESCACHE_H
#define RESCACHE_H

#include <stddef.h>

struct arena;
struct dbres;

#define RESCACHE_MAX 4          /* results per entry */

/* 1 and res[0..n-1] (cells copied into a) when user_id of occupier_id has an entry of n
 * results at version; else 0 */
int	 rescache_get(long user_id, long occupier_id, const char *version, struct arena *a,
	    struct dbres *res, size_t n);
/* keeps res[0..n-1] (n <= RESCACHE_MAX) under user_id, occupier_id and version */
void	 rescache_put(long user_id, long occupier_id, const char *version,
	    const struct dbres *res, size_t n);

#endif
