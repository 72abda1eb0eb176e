/*
 * PLAT-6, issue 13: the operator's contact addresses on the Account settings, several per kind
 * (billing, technical, emergency), typed one a line (or separated by commas); each address is
 * checked and a bad one named in the message by its field. The emergency contacts receive
 * the operator-level notices (sql/022, scheduler.c).
 */
#include <stdio.h>
#include <string.h>

#include "app.h"
#include "audit.h"
#include "db_operator.h"
#include "pages.h"
#include "tmpl.h"
#include "validate.h"

#define CONTACTS_MAX 10

const char *const contact_kinds[CONTACT_KINDS] = { "billing", "technical", "emergency" };

int
contacts_load(struct req *r, long op, struct contacts *c)
{
	struct contact_row *rows;
	int n;

	memset(c, 0, sizeof(*c));
	if ((n = db_contacts(r, op, "", &rows)) < 0)
		return -1;
	for (int k = 0; k < CONTACT_KINDS; k++) {
		struct sbuf b;

		sbuf_init(&b);
		for (int i = 0; i < n; i++)
			if (str_eq(rows[i].kind, contact_kinds[k]))
				sbuf_printf(&b, "%s%s", b.len ? ", " : "", rows[i].email);
		c->text[k] = arena_strdup(r->a, b.len ? b.data : "");
		sbuf_free(&b);
		if (c->text[k] == NULL)
			return -1;
	}
	return 0;
}

/* Splits one field into its addresses (lower case, each once), checked; 0 or -1 (error set). */
static int
contacts_split(struct req *r, struct contacts *c, int k)
{
	char *s = arena_strdup(r->a, c->text[k] ? c->text[k] : ""), *save = NULL, *t;

	if (s == NULL)
		return -1;
	c->n[k] = 0;
	for (t = strtok_r(s, ",; \t\r\n", &save); t != NULL; t = strtok_r(NULL, ",; \t\r\n", &save)) {
		int dup = 0;

		str_lower(t);
		for (int i = 0; i < c->n[k]; i++)
			dup |= str_eq(c->list[k][i], t);
		if (dup)
			continue;
		if (validate_email(t) != NULL) {
			c->err[k] = "plat_acc_err_contact";
			c->bad[k] = t;
			return 0;
		}
		if (c->n[k] == CONTACTS_MAX) {
			c->err[k] = "plat_acc_err_contacts_max";
			return 0;
		}
		c->list[k][c->n[k]++] = t;
	}
	return 0;
}

int
contacts_from_form(struct req *r, struct contacts *c)
{
	int bad = 0;

	memset(c, 0, sizeof(*c));
	for (int k = 0; k < CONTACT_KINDS; k++) {
		char name[32];

		snprintf(name, sizeof(name), "%s_emails", contact_kinds[k]);
		c->text[k] = form_text(r, name);
		if (contacts_split(r, c, k) < 0)
			return -1;
		bad |= c->err[k] != NULL;
	}
	return bad;
}

/* The message of kind k: its text, with the refused address when there is one. */
static const char *
contact_message(struct req *r, const struct contacts *c, int k)
{
	const char *t = T(r, c->err[k]), *at = strstr(t, "{address}");

	if (c->bad[k] == NULL || at == NULL)
		return t;
	return arena_printf(r->a, "%.*s%s%s", (int)(at - t), t, c->bad[k], at + 9);
}

void
contacts_render(struct req *r, struct tmpl_dict *d, struct tmpl_dict *sum,
    const struct contacts *c)
{
	for (int k = 0; k < CONTACT_KINDS; k++) {
		char upper[32], key[48], name[32];
		const char *msg;

		snprintf(name, sizeof(name), "%s_emails", contact_kinds[k]);
		snprintf(upper, sizeof(upper), "%s", name);
		for (char *p = upper; *p; p++)
			if (*p >= 'a' && *p <= 'z')
				*p = (char)(*p - 'a' + 'A');
		snprintf(key, sizeof(key), "%s_VALUE", upper);
		tmpl_set(d, key, c->text[k] ? c->text[k] : "");
		if (c->err[k] == NULL)
			continue;
		msg = contact_message(r, c, k);
		snprintf(key, sizeof(key), "%s_ERROR", upper);
		tmpl_set(tmpl_section(d, key), "MESSAGE", msg);
		if (sum != NULL) {
			struct tmpl_dict *it = tmpl_section(sum, "ERROR");

			tmpl_set(it, "FIELD", name);
			tmpl_set(it, "MESSAGE", msg);
		}
	}
}

/* The addresses of kind k, one a line as saved (for the audit log). */
static const char *
contacts_joined(struct req *r, const struct contacts *c, int k)
{
	struct sbuf b;
	const char *out;

	sbuf_init(&b);
	for (int i = 0; i < c->n[k]; i++)
		sbuf_printf(&b, "%s%s", i ? ", " : "", c->list[k][i]);
	out = arena_strdup(r->a, b.len ? b.data : "");
	sbuf_free(&b);
	return out;
}

int
contacts_save(struct req *r, long op, struct contacts *old, const struct contacts *c)
{
	if (db_contacts_clear(r, op) < 0)
		return -1;
	for (int k = 0; k < CONTACT_KINDS; k++) {
		const char *was, *now;
		char field[32];

		for (int i = 0; i < c->n[k]; i++)
			if (db_contact_add(r, op, contact_kinds[k], c->list[k][i]) < 0)
				return -1;
		if (contacts_split(r, old, k) < 0)
			return -1;
		was = contacts_joined(r, old, k);
		now = contacts_joined(r, c, k);
		if (was == NULL || now == NULL)
			return -1;
		snprintf(field, sizeof(field), "%s_emails", contact_kinds[k]);
		if (!str_eq(was, now) &&
		    audit_add(r, 0, 0, r->me->operator_name, "operator.update", field, was, now) < 0)
			return -1;
	}
	return 0;
}
