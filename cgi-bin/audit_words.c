/*
 * The audit log in words (PLAT-8, issue 13): each stored action code ("user.update" with
 * the field "email") becomes a sentence of the catalogue ("Changed email address"), the
 * field a label, and the values the words the pages use (statuses, roles, languages).
 * Keys: audit_<action>_<field> first, then audit_<action>; {field}, {subject} and {new}
 * in the text stand for the field's label, the entry's subject and its new value.
 */
#include <string.h>

#include "app.h"
#include "audit.h"
#include "i18n.h"
#include "states.h"
#include "util.h"

/* The actions the "what" filter offers, in its order. */
const char *const audit_actions[] = {
	"user.create", "user.update", "user.delete", "user.invite", "user.invite_resend",
	"users.import", "team.update", "wifi.create", "wifi.update", "wifi.password_reset",
	"wifi.password_set", "wifi.disconnect", "device.create", "device.update", "device.delete",
	"number.allocate", "number.assign", "tel.update", "tel.pin_reset", "tel.handset_logout",
	"operator.update", "site.service", NULL,
};

/* The catalogue's text of "audit_<a>[_<b>]" with '.' as '_', NULL when it has none. */
static const char *
lookup(struct req *r, const char *prefix, const char *a, const char *b)
{
	char *key = arena_printf(r->a, "%s%s%s%s", prefix, a, b && *b ? "_" : "", b ? b : "");

	if (key == NULL)
		return NULL;
	for (char *p = key; *p != '\0'; p++)
		if (*p == '.')
			*p = '_';
	return i18n_lookup(r->lang, key);
}

/* text with each {name} replaced by its value (names[i], values[i], n of them). */
static const char *
fill(struct req *r, const char *text, const char *const *names, const char *const *values,
    size_t n)
{
	struct sbuf b;
	const char *out;

	sbuf_init(&b);
	while (*text != '\0') {
		size_t k = n;

		if (*text == '{')
			for (k = 0; k < n && strncmp(text + 1, names[k], strlen(names[k])) != 0; k++)
				;
		if (k < n && text[1 + strlen(names[k])] == '}') {
			sbuf_adds(&b, values[k]);
			text += strlen(names[k]) + 2;
		} else
			sbuf_addc(&b, *text++);
	}
	out = b.oom ? "" : arena_printf(r->a, "%s", b.data ? b.data : "");
	sbuf_free(&b);
	return out;
}

const char *
audit_field_label(struct req *r, const char *field)
{
	const char *t = *field ? lookup(r, "audit_field_", field, NULL) : NULL;

	return t != NULL ? t : field;
}

const char *
audit_value_words(struct req *r, const char *field, const char *value)
{
	const char *t = NULL;

	if (*value == '\0')
		return value;
	if (str_eq(field, "state") || str_eq(field, "account_state")) {
		enum state st = state_of(value);

		if (st != ST_NO_ACCOUNT || str_eq(value, "NO_ACCOUNT"))
			t = i18n_lookup(r->lang, state_badge_key(st));
	} else if (str_eq(field, "role"))
		t = lookup(r, "audit_role_", value, NULL);
	else if (str_eq(field, "language"))
		t = lookup(r, "language_", value, NULL);
	return t != NULL ? t : value;
}

const char *
audit_words(struct req *r, const char *action, const char *field, const char *subject,
    const char *new_value)
{
	static const char *const names[] = { "field", "subject", "new" };
	const char *values[3];
	const char *t = lookup(r, "audit_", action, field);

	if (t == NULL)
		t = lookup(r, "audit_", action, NULL);
	if (t == NULL)
		return action;           /* an action the catalogue does not know: its code */
	values[0] = *field ? audit_field_label(r, field) : i18n(r->lang, "audit_field_any");
	values[1] = subject;
	values[2] = new_value;
	return fill(r, t, names, values, 3);
}

const char *
audit_action_label(struct req *r, const char *action)
{
	const char *t = lookup(r, "audit_what_", action, NULL);

	return t != NULL ? t : audit_words(r, action, "", "", "");
}
