/*
 * A bounded cache of rendered pages, shared by the worker threads of one process (the User
 * management list uses it). An entry is found by a key that hashes every input the page is
 * made of: the session, the signed-in user's shown fields, the language, the path and query
 * string, plus what the caller adds (the tenancy and the occupier's data version, which the
 * database bumps on every write to a list's rows: sql/005). So a write never needs to find
 * and drop entries: it makes their keys unreachable, and newer entries take their places.
 */
#ifndef PCACHE_H
#define PCACHE_H

#include <stddef.h>

struct req;
struct sbuf;

#define PCACHE_KEY 32

/* key of this request's page, with extra (the caller's inputs) hashed in too */
void	 pcache_key(const struct req *r, const char *extra, unsigned char key[PCACHE_KEY]);
/* 1 and the page in out when cached, else 0 */
int	 pcache_get(const unsigned char key[PCACHE_KEY], struct sbuf *out);
void	 pcache_put(const unsigned char key[PCACHE_KEY], const char *page, size_t len);
/* entries and bytes held, for tests and the benchmark */
void	 pcache_stats(size_t *entries, size_t *bytes);

#endif
