/*
 * The per-user result cache (see rescache.h): RESCACHE_SLOTS slots chosen by the user id, one
 * entry each (a newer user in the slot replaces the older). An entry is one allocation: the
 * shapes of its results, one offset per cell (SIZE_MAX for SQL NULL), then the cells' text,
 * each NUL-terminated, and the version last. One mutex guards the table; it is held for a
 * look-up and the copy of the entry into the request's arena.
 */
#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "app.h"
#include "db.h"
#include "rescache.h"
#include "util.h"

#define RESCACHE_SLOTS 4096
#define RESCACHE_CELLS 256      /* cells of an entry at most (bigger results are not kept) */

struct entry {
	long user_id, occupier_id;
	size_t n;                       /* results */
	size_t nrows[RESCACHE_MAX], ncols[RESCACHE_MAX];
	size_t ncells;
	size_t version;                 /* offset of the version in text */
	size_t len;                     /* of text */
	size_t *off;                    /* ncells offsets into text, SIZE_MAX = NULL */
	char *text;
};

static struct entry *slots[RESCACHE_SLOTS];
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;

static struct entry **
slot_of(long user_id)
{
	return &slots[(unsigned long)user_id % RESCACHE_SLOTS];
}

int
rescache_get(long user_id, long occupier_id, const char *version, struct arena *a,
    struct dbres *res, size_t n)
{
	const struct entry *e;
	char *text = NULL;
	char **cells = NULL;

	if (version == NULL || n > RESCACHE_MAX)
		return 0;
	pthread_mutex_lock(&lock);
	e = *slot_of(user_id);
	if (e != NULL && e->user_id == user_id && e->occupier_id == occupier_id &&
	    e->n == n && strcmp(e->text + e->version, version) == 0 &&
	    (text = arena_alloc(a, e->len)) != NULL &&
	    (cells = arena_alloc(a, (e->ncells ? e->ncells : 1) * sizeof(*cells))) != NULL) {
		size_t c = 0;

		memcpy(text, e->text, e->len);
		for (size_t i = 0; i < e->ncells; i++)
			cells[i] = e->off[i] == SIZE_MAX ? NULL : text + e->off[i];
		for (size_t k = 0; k < n; k++) {
			res[k].nrows = e->nrows[k];
			res[k].ncols = e->ncols[k];
			res[k].cell = cells + c;
			c += e->nrows[k] * e->ncols[k];
		}
	}
	pthread_mutex_unlock(&lock);
	return cells != NULL;
}

void
rescache_put(long user_id, long occupier_id, const char *version, const struct dbres *res,
    size_t n)
{
	struct entry *e, *old, **slot;
	size_t ncells = 0, len, at = 0, c = 0;

	if (version == NULL || n > RESCACHE_MAX)
		return;
	len = strlen(version) + 1;
	for (size_t k = 0; k < n; k++) {
		size_t cells = res[k].nrows * res[k].ncols;

		ncells += cells;
		if (ncells > RESCACHE_CELLS)
			return;
		for (size_t i = 0; i < cells; i++)
			if (res[k].cell[i] != NULL)
				len += strlen(res[k].cell[i]) + 1;
	}
	if ((e = calloc(1, sizeof(*e))) == NULL)
		return;
	if ((e->off = malloc((ncells ? ncells : 1) * sizeof(*e->off))) == NULL ||
	    (e->text = malloc(len)) == NULL) {
		free(e->off);
		free(e);
		return;
	}
	e->user_id = user_id;
	e->occupier_id = occupier_id;
	e->n = n;
	e->ncells = ncells;
	e->len = len;
	for (size_t k = 0; k < n; k++) {
		e->nrows[k] = res[k].nrows;
		e->ncols[k] = res[k].ncols;
		for (size_t i = 0; i < res[k].nrows * res[k].ncols; i++, c++) {
			const char *s = res[k].cell[i];

			if (s == NULL) {
				e->off[c] = SIZE_MAX;
				continue;
			}
			e->off[c] = at;
			memcpy(e->text + at, s, strlen(s) + 1);
			at += strlen(s) + 1;
		}
	}
	e->version = at;
	memcpy(e->text + at, version, strlen(version) + 1);
	slot = slot_of(user_id);
	pthread_mutex_lock(&lock);
	old = *slot;
	*slot = e;
	pthread_mutex_unlock(&lock);
	if (old != NULL) {
		free(old->off);
		free(old->text);
		free(old);
	}
}
