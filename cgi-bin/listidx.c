/*
 * The in-memory filter of the User management list (see listidx.h). Up to LISTIDX_SLOTS
 * indexes per process, LISTIDX_BYTES in all, the least recently used one dropped first. An
 * index is freed once it is dropped and no request holds it any more (a reference count).
 */
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app.h"
#include "conf.h"
#include "db_search.h"
#include "db_users.h"
#include "listidx.h"

#define LISTIDX_SLOTS 32
#define LISTIDX_BYTES (64 * 1024 * 1024)
#define LINE_BYTES 160          /* counted per user for the lines kept (a typical line) */
#define LINE_BYTES_MAX 512      /* a user's share of the lines' bytes past which none is kept */

/* A kept list line: the row, its strings after it in the same block. */
struct line {
	struct ulist_row row;
	char data[];
};

struct listidx {
	long operator_id, occupier_id;
	char version[24];
	size_t n;               /* users */
	unsigned *ids;          /* in list order */
	uint32_t *off;          /* off[i]: user i's folded "first last\nemail" in text, and
				 * off[n] the end: off[i + 1] - off[i] - 1 is its length */
	char *text;
	struct line **lines;    /* lines[i]: user i's line once shown, else NULL */
	size_t lines_bytes;
	pthread_mutex_t lines_lock;
	size_t bytes;
	int refs;               /* the cache's one, and one per request holding it */
	uint64_t used;
};

static struct listidx *slots[LISTIDX_SLOTS];
static size_t held_bytes;
static uint64_t clock_now;
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;

static void
ix_free(struct listidx *ix)
{
	free(ix->ids);
	free(ix->off);
	free(ix->text);
	if (ix->lines != NULL) {
		for (size_t i = 0; i < ix->n; i++)
			free(ix->lines[i]);
		free(ix->lines);
		pthread_mutex_destroy(&ix->lines_lock);
	}
	free(ix);
}

/* Drops one reference; the last one frees. Called with lock held. */
static void
unref(struct listidx *ix)
{
	if (--ix->refs == 0) {
		held_bytes -= ix->bytes;
		ix_free(ix);
	}
}

static struct listidx *
build(struct req *r, long op, long occ, const char *version)
{
	struct listidx_row *rows;
	struct listidx *ix;
	size_t text_len = 0, at = 0, n;
	long max = r->cfg->list_index_max_users, size;
	int got;

	if (max <= 0 || db_listidx_size(r, op, occ, max + 1, &size) < 0 || size > max ||
	    (got = db_listidx_rows(r, op, occ, &rows)) < 0)
		return NULL;
	n = (size_t)got;
	for (size_t i = 0; i < n; i++)
		text_len += strlen(rows[i].search_text) + 1;
	if ((ix = calloc(1, sizeof(*ix))) == NULL)
		return NULL;
	ix->ids = malloc((n + 1) * sizeof(*ix->ids));
	ix->off = malloc((n + 1) * sizeof(*ix->off));
	ix->text = malloc(text_len + 1);
	ix->lines = calloc(n + 1, sizeof(*ix->lines));
	if (ix->ids == NULL || ix->off == NULL || ix->text == NULL || ix->lines == NULL ||
	    text_len > UINT32_MAX || pthread_mutex_init(&ix->lines_lock, NULL) != 0) {
		free(ix->lines);
		ix->lines = NULL;
		ix_free(ix);
		return NULL;
	}
	for (size_t i = 0; i < n; i++) {
		ix->ids[i] = rows[i].id;
		ix->off[i] = (uint32_t)at;
		at += str_fold(rows[i].search_text, ix->text + at) + 1;
	}
	ix->off[n] = (uint32_t)at;
	ix->n = n;
	ix->operator_id = op;
	ix->occupier_id = occ;
	snprintf(ix->version, sizeof(ix->version), "%s", version);
	ix->bytes = sizeof(*ix) + (n + 1) * (sizeof(*ix->ids) + sizeof(*ix->off) +
	    sizeof(*ix->lines) + LINE_BYTES) + at;
	return ix;
}

struct listidx *
listidx_get(struct req *r, long op, long occ, const char *version)
{
	struct listidx *ix = NULL, *built;
	int victim = 0;

	if (version == NULL || strlen(version) >= sizeof(ix->version))
		return NULL;
	pthread_mutex_lock(&lock);
	for (int i = 0; i < LISTIDX_SLOTS && ix == NULL; i++)
		if (slots[i] != NULL && slots[i]->operator_id == op && slots[i]->occupier_id == occ &&
		    strcmp(slots[i]->version, version) == 0) {
			ix = slots[i];
			ix->refs++;
			ix->used = ++clock_now;
		}
	pthread_mutex_unlock(&lock);
	if (ix != NULL)
		return ix;
	/* built outside the lock: other requests go on meanwhile */
	if ((built = build(r, op, occ, version)) == NULL)
		return NULL;
	built->refs = 2;        /* the cache's and the caller's */
	pthread_mutex_lock(&lock);
	for (int i = 0; i < LISTIDX_SLOTS; i++) {
		struct listidx *s = slots[i];

		/* this occupier's older version, or the least recently used */
		if (s == NULL || (s->operator_id == op && s->occupier_id == occ)) {
			victim = i;
			break;
		}
		if (s->used < slots[victim]->used)
			victim = i;
	}
	if (slots[victim] != NULL)
		unref(slots[victim]);
	slots[victim] = NULL;
	/* over the byte budget: drop others, least recently used first */
	while (held_bytes + built->bytes > LISTIDX_BYTES) {
		int lru = -1;

		for (int i = 0; i < LISTIDX_SLOTS; i++)
			if (slots[i] != NULL && (lru < 0 || slots[i]->used < slots[lru]->used))
				lru = i;
		if (lru < 0)
			break;
		unref(slots[lru]);
		slots[lru] = NULL;
	}
	built->used = ++clock_now;
	held_bytes += built->bytes;
	if (held_bytes <= LISTIDX_BYTES)
		slots[victim] = built;
	else
		built->refs--;  /* too big to keep: the caller's reference only */
	pthread_mutex_unlock(&lock);
	return built;
}

void
listidx_put(struct listidx *ix)
{
	if (ix == NULL)
		return;
	pthread_mutex_lock(&lock);
	unref(ix);
	pthread_mutex_unlock(&lock);
}

/*
 * Whether needle (n > 0 bytes) is in hay (h bytes): memchr for its first byte, then memcmp.
 * For the short strings here this beats memmem(), whose set-up per call costs more than the
 * search of a 40-byte name and address.
 */
static int
contains(const char *hay, size_t h, const char *needle, size_t n)
{
	const char *end = hay + h, *p = hay;

	while (p + n <= end && (p = memchr(p, needle[0], (size_t)(end - p) - n + 1)) != NULL) {
		if (memcmp(p + 1, needle + 1, n - 1) == 0)
			return 1;
		p++;
	}
	return 0;
}

int
listidx_query(struct listidx_query *lq, const char *q)
{
	if (strlen(q) >= sizeof(lq->text))
		return -1;
	lq->len = str_fold(q, lq->text);
	return 0;
}

int
listidx_text_matches(const char *text, const struct listidx_query *lq)
{
	char buf[2048], *ft = buf;
	size_t tlen = strlen(text);
	int hit;

	if (lq->len == 0)
		return 1;
	if (tlen >= sizeof(buf) && (ft = malloc(tlen + 1)) == NULL)
		return 0;
	tlen = str_fold(text, ft);
	hit = contains(ft, tlen, lq->text, lq->len);
	if (ft != buf)
		free(ft);
	return hit;
}

size_t
listidx_match(const struct listidx *ix, const char *q, size_t from, size_t max, size_t *pos,
    size_t *n)
{
	struct listidx_query lq;
	size_t total = 0;

	*n = 0;
	if (listidx_query(&lq, q) < 0)
		return 0;
	for (size_t i = 0; i < ix->n; i++) {
		const char *t = ix->text + ix->off[i];
		size_t tlen = ix->off[i + 1] - ix->off[i] - 1;

		if (lq.len != 0 && !contains(t, tlen, lq.text, lq.len))
			continue;
		if (total >= from && *n < max)
			pos[(*n)++] = i;
		total++;
	}
	return total;
}

/* The strings of a line, in order (their pointers in struct ulist_row). */
#define LINE_STRINGS(u) { &(u)->first_name, &(u)->last_name, &(u)->email, &(u)->role, \
	&(u)->account_state, &(u)->wifi_state, &(u)->number, &(u)->extension, &(u)->leave_on, \
	&(u)->invite_expires }

/* A copy of line u: into one malloc'ed block (a NULL arena), else into a. NULL: no memory. */
static struct line *
line_copy(const struct ulist_row *u, struct arena *a, size_t *bytes)
{
	struct ulist_row src = *u;
	const char **from[] = LINE_STRINGS(&src);
	size_t len = sizeof(struct line), at = 0;
	struct line *l;

	for (size_t k = 0; k < sizeof(from) / sizeof(from[0]); k++)
		len += *from[k] != NULL ? strlen(*from[k]) + 1 : 0;
	if ((l = a != NULL ? arena_alloc(a, len) : malloc(len)) == NULL)
		return NULL;
	l->row = src;
	{
		const char **to[] = LINE_STRINGS(&l->row);

		for (size_t k = 0; k < sizeof(to) / sizeof(to[0]); k++) {
			if (*from[k] == NULL)
				continue;
			size_t sl = strlen(*from[k]) + 1;

			memcpy(l->data + at, *from[k], sl);
			*to[k] = l->data + at;
			at += sl;
		}
	}
	*bytes = len;
	return l;
}

int
listidx_lines(struct req *r, struct listidx *ix, const size_t *pos, size_t n,
    struct ulist_row **rows)
{
	unsigned *missing = arena_alloc(r->a, (n + 1) * sizeof(*missing));
	struct ulist_row *out = arena_alloc(r->a, (n + 1) * sizeof(*out)), *read = NULL;
	size_t nmiss = 0, nout = 0, bytes;
	int got = 0;

	if (missing == NULL || out == NULL)
		return -1;
	pthread_mutex_lock(&ix->lines_lock);
	for (size_t i = 0; i < n; i++)
		if (ix->lines[pos[i]] == NULL)
			missing[nmiss++] = ix->ids[pos[i]];
	pthread_mutex_unlock(&ix->lines_lock);
	if (nmiss > 0 && (got = db_users_by_ids(r, ix->operator_id, ix->occupier_id, missing,
	    nmiss, &read)) < 0)
		return -1;
	pthread_mutex_lock(&ix->lines_lock);
	for (size_t i = 0; i < n; i++) {
		struct line *l = ix->lines[pos[i]];
		const struct ulist_row *u = NULL;

		if (l != NULL)
			u = &l->row;
		else {
			/* read above, unless deleted since the index was built */
			for (int k = 0; k < got && u == NULL; k++)
				if ((unsigned)read[k].id == ix->ids[pos[i]])
					u = &read[k];
			if (u == NULL)
				continue;
			if (ix->lines_bytes <= ix->n * LINE_BYTES_MAX &&
			    (l = line_copy(u, NULL, &bytes)) != NULL) {
				ix->lines[pos[i]] = l;
				ix->lines_bytes += bytes;
			}
		}
		/* the caller's copy, in its arena: the index may be freed after listidx_put */
		if ((l = line_copy(u, r->a, &bytes)) == NULL) {
			pthread_mutex_unlock(&ix->lines_lock);
			return -1;
		}
		out[nout++] = l->row;
	}
	pthread_mutex_unlock(&ix->lines_lock);
	*rows = out;
	return (int)nout;
}
