/* Audit log entries (see audit.h). */
#include <stdio.h>

#include "app.h"
#include "audit.h"
#include "db.h"

int
audit_add(struct req *r, long occupier_id, long subject, const char *label, const char *action,
    const char *field, const char *old_value, const char *new_value)
{
	const char *actor = r->me ? r->me->email : "";

	if (r->me == NULL)
		return -1;
	return db_exec(r->db, STMT_AUDIT_ADD, "iuusisssss", (long long)r->me->operator_id,
	    (long long)occupier_id, (long long)subject, label ? label : "",
	    (long long)r->me->id, actor, action, field ? field : "",
	    old_value ? old_value : "", new_value ? new_value : "") < 0 ? -1 : 0;
}
