/*
 * The shared field partial: a text field of the user table (userform.h) rendered through
 * templates/field.tpl, for every form that shows a user's fields (the add/edit form of User
 * management, My profile's edit form).
 */
#ifndef FIELDVIEW_H
#define FIELDVIEW_H

#include "userform.h"

struct req;
struct tmpl_dict;

/* What a form adds to a field beyond the table (all may be NULL/0). */
struct field_opts {
	const char *label;              /* catalogue key of the label; NULL: the table's */
	const char *hint;               /* catalogue key of a hint under the label */
	const char *autocomplete;       /* the autocomplete token; NULL: "off" */
	int numeric_keyboard;           /* inputmode="tel" */
};

/*
 * Field f at {{>NAME_FIELD}} of d (NAME its form name in capitals): label, value, maxlength
 * and required from user_fields[]; its message (catalogue key err_key) above the input with
 * aria-invalid, and aria-describedby naming the hint and the message.
 */
void	 field_show(struct req *r, struct tmpl_dict *d, enum uf_field f, const char *value,
	    const char *err_key, const struct field_opts *o);

#endif
