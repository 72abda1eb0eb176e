/* Audit log entries (see audit.h). */
#include <stdio.h>

#include "app.h"
#include "audit.h"
#include "db_outbox.h"

const char *
audit_user_label(struct req *r, const char *first_name, const char *last_name,
    const char *email)
{
	return arena_printf(r->a, "%s %s <%s>", first_name, last_name, email);
}

int
audit_add(struct req *r, long occupier_id, long subject, const char *label, const char *action,
    const char *field, const char *old_value, const char *new_value)
{
	if (r->me == NULL)
		return -1;
	return db_audit_add(r, occupier_id, subject, label ? label : "", action,
	    field ? field : "", old_value ? old_value : "", new_value ? new_value : "") < 0 ?
	    -1 : 0;
}
