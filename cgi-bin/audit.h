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
/* A user as entries name it (subject or actor): "first last <email>", in r's arena (the
 * statements that write entries themselves build the same with CONCAT). */
const char *audit_user_label(struct req *r, const char *first_name, const char *last_name,
	    const char *email);

/* audit_words.c: an entry in words, from the catalogue of the request's language: the
 * action (with its field), the field's label, a value as the pages say it. Each falls back
 * to the stored text when the catalogue has nothing for it. */
extern const char *const audit_actions[];   /* the actions the filter offers, NULL-ended */
const char *audit_words(struct req *r, const char *action, const char *field,
	    const char *subject, const char *new_value);
/* The action as the "what" filter names it (no field, subject nor value). */
const char *audit_action_label(struct req *r, const char *action);
const char *audit_field_label(struct req *r, const char *field);
const char *audit_value_words(struct req *r, const char *field, const char *value);

#endif
