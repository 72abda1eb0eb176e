/*
 * The audit log (PLAT-8): who changed what and when. Written in the caller's transaction, so
 * a refused or rolled-back change leaves no entry. Never pass a password, PIN or token.
 */
#ifndef AUDIT_H
#define AUDIT_H

struct req;

/* One entry: action ("user.create", "user.update", "wifi.reset"...), and for updates the
 * field with its old and new value (empty strings otherwise). The actor is r->me. */
int	 audit_add(struct req *r, long occupier_id, long subject_user_id,
	    const char *subject_label, const char *action, const char *field,
	    const char *old_value, const char *new_value);

#endif
