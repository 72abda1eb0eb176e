/* The one string table of the states (see states.h). */
#include <string.h>

#include "states.h"

static const struct {
	const char *name, *badge_class, *badge_key;
} states[ST__MAX] = {
	[ST_NO_ACCOUNT] = { "NO_ACCOUNT", "badge-outline", "status_no_account" },
	[ST_NOT_INVITED] = { "NOT_INVITED", "badge-outline", "status_not_invited" },
	[ST_AWAITING_VALIDATION] = { "AWAITING_VALIDATION", "badge-amber",
	    "status_awaiting_validation" },
	[ST_VALIDATED] = { "VALIDATED", "badge-green", "status_validated" },
	[ST_ACTIVE] = { "ACTIVE", "badge-green", "status_active" },
	[ST_PENDING] = { "PENDING", "badge-amber", "status_pending" },
	[ST_DEACTIVATED] = { "DEACTIVATED", "badge-grey", "status_deactivated" },
};

enum state
state_of(const char *s)
{
	for (int i = 0; s != NULL && i < ST__MAX; i++)
		if (strcmp(s, states[i].name) == 0)
			return (enum state)i;
	return ST_NO_ACCOUNT;
}

const char *
state_name(enum state st)
{
	return states[st].name;
}

const char *
state_badge_class(enum state st)
{
	return states[st].badge_class;
}

const char *
state_badge_key(enum state st)
{
	return states[st].badge_key;
}
