/*
 * The cache of signed-in users' fields (see mecache.h): MECACHE_SLOTS slots chosen by the user
 * id, one entry each (a newer user in the slot replaces the older). An entry is one allocation:
 * the numbers, then the strings one after another. One mutex guards the table; it is held for
 * a look-up and the copy of a few hundred bytes.
 */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "app.h"
#include "mecache.h"
#include "util.h"

#define MECACHE_SLOTS 4096

enum { F_FIRST, F_LAST, F_EMAIL, F_LANG, F_OPNAME, F_BRAND, F_OCCNAME, F_VERSION, NFIELDS };

struct entry {
	long id, operator_id, occupier_id;
	int role, offers_experience;
	size_t off[NFIELDS];    /* each string's offset in text */
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

int
mecache_get(long user_id, long occupier_id, const char *version, struct arena *a,
    struct me *me)
{
	const struct entry *e;
	const char *f[NFIELDS];
	int hit = 0;

	if (version == NULL)
		return 0;
	pthread_mutex_lock(&lock);
	e = *slot_of(user_id);
	if (e != NULL && e->id == user_id && e->occupier_id == occupier_id &&
	    strcmp(e->text + e->off[F_VERSION], version) == 0) {
		hit = 1;
		for (int i = 0; i < NFIELDS && hit; i++)
			hit = (f[i] = arena_strdup(a, e->text + e->off[i])) != NULL;
		if (hit) {
			me->id = e->id;
			me->operator_id = e->operator_id;
			me->occupier_id = e->occupier_id;
			me->role = e->role;
			me->offers_experience = e->offers_experience;
		}
	}
	pthread_mutex_unlock(&lock);
	if (!hit)
		return 0;
	me->first_name = f[F_FIRST];
	me->last_name = f[F_LAST];
	me->email = f[F_EMAIL];
	me->lang = f[F_LANG];
	me->operator_name = f[F_OPNAME];
	me->brand_colour = f[F_BRAND];
	me->occupier_name = f[F_OCCNAME];
	me->occupier_version = f[F_VERSION];
	return 1;
}

void
mecache_put(const struct me *me)
{
	const char *f[NFIELDS];
	size_t len[NFIELDS], total = 0, at = 0;
	struct entry *e, *old, **slot;

	if (me->occupier_id == 0 || me->occupier_version == NULL)
		return;
	f[F_FIRST] = me->first_name;
	f[F_LAST] = me->last_name;
	f[F_EMAIL] = me->email;
	f[F_LANG] = me->lang;
	f[F_OPNAME] = me->operator_name;
	f[F_BRAND] = me->brand_colour;
	f[F_OCCNAME] = me->occupier_name;
	f[F_VERSION] = me->occupier_version;
	for (int i = 0; i < NFIELDS; i++) {
		len[i] = strlen(f[i] ? f[i] : "") + 1;
		total += len[i];
	}
	if ((e = malloc(sizeof(*e) + total)) == NULL)
		return;
	e->id = me->id;
	e->operator_id = me->operator_id;
	e->occupier_id = me->occupier_id;
	e->role = me->role;
	e->offers_experience = me->offers_experience;
	for (int i = 0; i < NFIELDS; i++) {
		e->off[i] = at;
		memcpy(e->text + at, f[i] ? f[i] : "", len[i]);
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
