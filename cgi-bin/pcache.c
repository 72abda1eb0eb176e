/*
 * The rendered-page cache (see pcache.h): PCACHE_SETS sets of PCACHE_WAYS entries, the set
 * chosen by the key's first bytes, the least recently used way replaced. One mutex guards it,
 * held for a look-up only: a page is counted by its references (the cache's, and each request
 * answering with it), so a hit is written out after the mutex is released, without a copy,
 * and a page replaced meanwhile is freed by its last holder (8 threads copying 40 KB pages
 * under the mutex waited on each other: bench/RESULTS.md). At most PCACHE_BYTES are held in all, and a page over
 * PCACHE_ENTRY_MAX is not kept. An entry put with a maximum age is found until then (the
 * monotonic clock), never after.
 */
#include <pthread.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <sodium.h>

#include "app.h"
#include "pcache.h"

#define PCACHE_SETS 64
#define PCACHE_WAYS 4
#define PCACHE_ENTRY_MAX (256 * 1024)
#define PCACHE_BYTES (16 * 1024 * 1024)

struct page {                   /* what pcache.h calls struct pcache_page */
	atomic_int refs;        /* the entry's, and each holder's */
	size_t len;
	char data[];
};

struct entry {
	unsigned char key[PCACHE_KEY];
	struct page *page;      /* NULL: empty */
	uint64_t used;          /* clock of the last hit or put */
	uint64_t until;         /* found while now_ms() < until; 0: no limit */
};

static struct entry sets[PCACHE_SETS][PCACHE_WAYS];
static size_t held_bytes, held_entries;
static uint64_t clock_now;
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;

/* Each string with its length in front, so that no two lists of strings hash alike. */
static void
hash_str(crypto_generichash_state *st, const char *s)
{
	uint32_t n;

	s = s ? s : "";
	n = (uint32_t)strlen(s);
	crypto_generichash_update(st, (const unsigned char *)&n, sizeof(n));
	crypto_generichash_update(st, (const unsigned char *)s, n);
}

void
pcache_key(const struct req *r, const char *extra, unsigned char key[PCACHE_KEY])
{
	crypto_generichash_state st;
	const struct me *me = r->me;
	char num[64];

	crypto_generichash_init(&st, NULL, 0, PCACHE_KEY);
	hash_str(&st, "pcache-1");
	hash_str(&st, r->lang);
	hash_str(&st, r->path);
	hash_str(&st, r->query_string);
	if (me != NULL) {
		/* the session (its CSRF token is on the page) and what the layout shows of it */
		crypto_generichash_update(&st, me->token_hash, sizeof(me->token_hash));
		snprintf(num, sizeof(num), "%ld/%ld/%ld/%d/%d", me->id, me->operator_id,
		    me->occupier_id, me->role, me->offers_experience);
		hash_str(&st, num);
		hash_str(&st, me->first_name);
		hash_str(&st, me->last_name);
		hash_str(&st, me->email);
		hash_str(&st, me->lang);
		hash_str(&st, me->operator_name);
		hash_str(&st, me->brand_colour);
	} else
		hash_str(&st, "anonymous");
	hash_str(&st, extra);
	crypto_generichash_final(&st, key, PCACHE_KEY);
}

/* Milliseconds of the monotonic clock. */
static uint64_t
now_ms(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return (uint64_t)t.tv_sec * 1000 + (uint64_t)t.tv_nsec / 1000000;
}

static struct entry *
set_of(const unsigned char key[PCACHE_KEY])
{
	return sets[(key[0] | (unsigned)key[1] << 8) % PCACHE_SETS];
}

static void
page_unref(struct page *p)
{
	if (p != NULL && atomic_fetch_sub(&p->refs, 1) == 1)
		free(p);
}

int
pcache_hold(const unsigned char key[PCACHE_KEY], const struct pcache_page **held)
{
	struct entry *set = set_of(key);
	struct page *p = NULL;

	pthread_mutex_lock(&lock);
	for (int i = 0; i < PCACHE_WAYS; i++)
		if (set[i].page != NULL && sodium_memcmp(set[i].key, key, PCACHE_KEY) == 0) {
			if (set[i].until != 0 && now_ms() >= set[i].until)
				break;          /* past its age: a miss, replaced by the next put */
			set[i].used = ++clock_now;
			p = set[i].page;
			atomic_fetch_add(&p->refs, 1);
			break;
		}
	pthread_mutex_unlock(&lock);
	*held = (const struct pcache_page *)p;
	return p != NULL;
}

const char *
pcache_data(const struct pcache_page *held, size_t *len)
{
	const struct page *p = (const struct page *)held;

	*len = p->len;
	return p->data;
}

void
pcache_drop(const struct pcache_page **held)
{
	page_unref((struct page *)*held);
	*held = NULL;
}

void
pcache_put(const unsigned char key[PCACHE_KEY], const char *page, size_t len, long max_age)
{
	struct entry *set = set_of(key), *victim = &set[0];
	uint64_t until = max_age > 0 ? now_ms() + (uint64_t)max_age * 1000 : 0;
	struct page *p, *old = NULL;

	if (max_age < 0 || len == 0 || len > PCACHE_ENTRY_MAX ||
	    (p = malloc(sizeof(*p) + len)) == NULL)
		return;
	atomic_init(&p->refs, 1);
	p->len = len;
	memcpy(p->data, page, len);
	pthread_mutex_lock(&lock);
	for (int i = 0; i < PCACHE_WAYS; i++) {
		if (set[i].page != NULL && sodium_memcmp(set[i].key, key, PCACHE_KEY) == 0) {
			victim = &set[i];      /* the same page rendered by two threads at once */
			break;
		}
		if (set[i].page == NULL || set[i].used < victim->used)
			victim = &set[i];
	}
	if (victim->page != NULL) {
		held_bytes -= victim->page->len;
		held_entries--;
		old = victim->page;
		victim->page = NULL;
	}
	if (held_bytes + len <= PCACHE_BYTES) {
		memcpy(victim->key, key, PCACHE_KEY);
		victim->page = p;
		victim->used = ++clock_now;
		victim->until = until;
		held_bytes += len;
		held_entries++;
		p = NULL;
	}
	pthread_mutex_unlock(&lock);
	page_unref(old);
	page_unref(p);
}

void
pcache_stats(size_t *entries, size_t *bytes)
{
	pthread_mutex_lock(&lock);
	*entries = held_entries;
	*bytes = held_bytes;
	pthread_mutex_unlock(&lock);
}
