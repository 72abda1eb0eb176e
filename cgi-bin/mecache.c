/*
 * The cache of signed-in users' fields (see mecache.h): MECACHE_SLOTS slots chosen by the user
 * id, one entry each (a newer user in the slot replaces the older). An entry is one allocation:
 * the numbers, then the strings one after another (the version last). One mutex guards the
 * table; it is held for a look-up and the copy of a few hundred bytes into the request's arena.
 */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "app.h"
#include "mecache.h"
#include "util.h"

#define MECACHE_SLOTS 4096

#define NFIELDS 8

struct entry {
	long id, operator_id, occupier_id;
	int role, offers_experience;
	size_t off[NFIELDS];    /* each string's offset in text */
	size_t len;             /* of text */
	char text[];            /* the strings, each NUL-terminated */
};

static struct entry *slots[MECACHE_SLOTS];
static long held;
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;

static struct entry **
slot_of(long user_id)
{
	return &slots[(unsigned long)user_id % MECACHE_SLOTS];
}

/* me's strings that an entry keeps, in the order of its text (the version, compared on a
 * look-up, last): the one list of them, for put and get. */
static void
fields_of(struct me *me, const char **f[NFIELDS])
{
	f[0] = &me->first_name;
	f[1] = &me->last_name;
	f[2] = &me->email;
	f[3] = &me->lang;
	f[4] = &me->operator_name;
	f[5] = &me->brand_colour;
	f[6] = &me->occupier_name;
	f[7] = &me->occupier_version;
}

int
mecache_get(long user_id, long occupier_id, const char *version, struct arena *a,
    struct me *me)
{
	const struct entry *e;
	const char **f[NFIELDS];
	char *text = NULL;

	if (version == NULL)
		return 0;
	pthread_mutex_lock(&lock);
	e = *slot_of(user_id);
	if (e != NULL && e->id == user_id && e->occupier_id == occupier_id &&
	    strcmp(e->text + e->off[NFIELDS - 1], version) == 0 &&
	    (text = arena_alloc(a, e->len)) != NULL) {
		memcpy(text, e->text, e->len);
		me->id = e->id;
		me->operator_id = e->operator_id;
		me->occupier_id = e->occupier_id;
		me->role = e->role;
		me->offers_experience = e->offers_experience;
		fields_of(me, f);
		for (int i = 0; i < NFIELDS; i++)
			*f[i] = text + e->off[i];
	}
	pthread_mutex_unlock(&lock);
	return text != NULL;
}

void
mecache_put(const struct me *me)
{
	const char **f[NFIELDS];
	size_t len[NFIELDS], total = 0, at = 0;
	struct entry *e, *old, **slot;

	if (me->occupier_id == 0 || me->occupier_version == NULL)
		return;
	fields_of((struct me *)me, f);   /* read only */
	for (int i = 0; i < NFIELDS; i++) {
		len[i] = strlen(*f[i] ? *f[i] : "") + 1;
		total += len[i];
	}
	if ((e = malloc(sizeof(*e) + total)) == NULL)
		return;
	e->id = me->id;
	e->operator_id = me->operator_id;
	e->occupier_id = me->occupier_id;
	e->role = me->role;
	e->offers_experience = me->offers_experience;
	e->len = total;
	for (int i = 0; i < NFIELDS; i++) {
		e->off[i] = at;
		memcpy(e->text + at, *f[i] ? *f[i] : "", len[i]);
		at += len[i];
	}
	slot = slot_of(me->id);
	pthread_mutex_lock(&lock);
	old = *slot;
	*slot = e;
	held += old == NULL;
	pthread_mutex_unlock(&lock);
	free(old);
}

long
mecache_entries(void)
{
	long n;

	pthread_mutex_lock(&lock);
	n = held;
	pthread_mutex_unlock(&lock);
	return n;
}
