/*
 * A bounded cache of rendered pages, shared by the worker threads of one process (the User
 * management list and My profile use it). An entry is found by a key that hashes every input
 * the page is made of: the session, the signed-in user's shown fields, the language, the path
 * and query string, plus what the caller adds (the tenancy and the occupier's data version,
 * which the database bumps on every write to a list's rows: sql/005; My profile adds the
 * user's own version, sql/026). So a write never needs to find and drop entries: it makes
 * their keys unreachable, and newer entries take their places. A page that changes with time
 * alone (an API token's expiry) is put with the seconds it stays right.
 */
#ifndef PCACHE_H
#define PCACHE_H

#include <stddef.h>

struct req;

#define PCACHE_KEY 32

/* key of this request's page, with extra (the caller's inputs) hashed in too */
void	 pcache_key(const struct req *r, const char *extra, unsigned char key[PCACHE_KEY]);
/*
 * 1 when cached, with the page held in *page (not copied): its bytes stay valid, even if it
 * is replaced meanwhile, until pcache_drop(). A request answers with it straight from the
 * cache (req.cached, request_respond()); else 0 (*page NULL).
 */
struct pcache_page;
int	 pcache_hold(const unsigned char key[PCACHE_KEY], const struct pcache_page **page);
const char *pcache_data(const struct pcache_page *page, size_t *len);
/* Gives *page back when held and sets it NULL (served, or a response that is not it). */
void	 pcache_drop(const struct pcache_page **page);
/* keeps page under key, for max_age seconds (> 0) or, when 0, until it is replaced */
void	 pcache_put(const unsigned char key[PCACHE_KEY], const char *page, size_t len,
	    long max_age);
/* entries and bytes held, for tests and the benchmark */
void	 pcache_stats(size_t *entries, size_t *bytes);

#endif
