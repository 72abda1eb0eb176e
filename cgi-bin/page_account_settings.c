/*
 * The operator's Account (PLAT-6, PLAT-7), for super admins: the Services per site and the
 * Settings tabs (the other tabs: page_account.c). Every statement is scoped by the
 * signed-in operator; every write is audited in its transaction.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app.h"
#include "db_logo.h"
#include "audit.h"
#include "db_operator.h"
#include "db_users.h"
#include "i18n.h"
#include "pages.h"
#include "tmpl.h"
#include "twofa.h"
#include "userform.h"
#include "validate.h"

/* ------------------------------------------------------------------------------------ */
/* Services per site                                                                     */

/* The services an operator can activate at a site; stored by these codes. */
static const char *const services[] = {
	"wifi", "telephony", "printing", "meeting_rooms", "access_control",
};
#define NSERVICES (sizeof(services) / sizeof(services[0]))

/* The services page, with the stored choices. */
static int
services_page(struct req *r, const char *error_key, int status)
{
	struct tmpl_dict *d;
	struct site *sites;
	struct site_service *on;
	size_t nsites;
	int non;

	if (db_sites(r, r->me->operator_id, &sites, &nsites) < 0 ||
	    (non = db_site_services(r, r->me->operator_id, &on)) < 0)
		return 500;
	if ((d = page_start(r, "platform_account_services.tpl", "plat_acc_tab_services")) == NULL)
		return 500;
	account_tabs(r, d, "services");
	if (error_key != NULL)
		tmpl_set(tmpl_section(d, "ERROR"), "MESSAGE", T(r, error_key));
	for (size_t i = 0; i < nsites; i++) {
		struct tmpl_dict *s = tmpl_section(d, "SITE");

		tmpl_set(s, "SITE_ID", sites[i].id);
		tmpl_set(s, "SITE_NAME", sites[i].name);
		for (size_t k = 0; k < NSERVICES; k++) {
			struct tmpl_dict *c = tmpl_section(s, "SERVICE");

			tmpl_set(c, "CODE", services[k]);
			tmpl_set(c, "LABEL", T(r, arena_printf(r->a, "plat_svc_%s", services[k])));
			for (int j = 0; j < non; j++)
				if (str_eq(on[j].site_id, sites[i].id) &&
				    str_eq(on[j].code, services[k]))
					tmpl_show(c, "CHECKED");
		}
	}
	r->status = status;
	return page_finish(r);
}

/* PLAT-6: GET /platform/account/services. */
int
h_account_services(struct req *r)
{
	return services_page(r, NULL, 200);
}

/* 1 when "site:service" of value v was ticked in the form. */
static int
ticked(struct req *r, const char *v)
{
	for (size_t i = 0; i < kv_count(&r->form, "service"); i++)
		if (str_eq(kv_nth(&r->form, "service", i), v))
			return 1;
	return 0;
}

/*
 * PLAT-6: POST /platform/account/services with a "service" = "SITE:CODE" per ticked box.
 * Only what changed is written and audited, in one transaction; values naming another
 * operator's site or an unknown service are refused.
 */
int
h_account_services_save(struct req *r)
{
	struct site *sites;
	struct site_service *on;
	size_t nsites;
	long op = r->me->operator_id;
	int non;

	if (db_sites(r, op, &sites, &nsites) < 0 || (non = db_site_services(r, op, &on)) < 0)
		return 500;
	/* every ticked value must be one the page offered */
	for (size_t i = 0; i < kv_count(&r->form, "service"); i++) {
		const char *v = kv_nth(&r->form, "service", i);
		int known = 0;

		for (size_t s = 0; s < nsites && !known; s++)
			for (size_t k = 0; k < NSERVICES && !known; k++)
				known = str_eq(v, arena_printf(r->a, "%s:%s", sites[s].id,
				    services[k]));
		if (!known)
			return services_page(r, "plat_acc_err_service", 400);
	}
	if (tx_begin(r) < 0)
		return 500;
	for (size_t s = 0; s < nsites; s++) {
		for (size_t k = 0; k < NSERVICES; k++) {
			const char *site = sites[s].id;
			int was = 0, now = ticked(r, arena_printf(r->a, "%s:%s", site, services[k]));

			for (int j = 0; j < non; j++)
				was |= str_eq(on[j].site_id, site) && str_eq(on[j].code, services[k]);
			if (was == now)
				continue;
			if (db_site_service_set(r, op, atol(site), services[k], now) < 0 ||
			    audit_add(r, 0, 0, sites[s].name, "site.service", services[k],
			    was ? "on" : "off", now ? "on" : "off") < 0) {
				tx_rollback(r);
				return 500;
			}
		}
	}
	if (tx_commit(r) < 0) {
		tx_rollback(r);
		return 500;
	}
	return page_redirect(r, "/platform/account/services?n=changes_saved");
}

/* ------------------------------------------------------------------------------------ */
/* Settings: white label (PLAT-7), portal telephony rights (TEL-4), contacts (PLAT-6)     */

/* The settings, as stored or as typed, and their messages. */
struct settings {
	struct operator_settings v;
	int twofa_required, reminders;          /* issue 16 (twofa.c) */
	struct contacts contacts;   /* issue 13: several per kind (page_contacts.c) */
	const char *name_err, *colour_err, *base_url_err;
	const char *logo_err;       /* "Upload logo" refused: why (page_logo.c) */
};

static int
settings_load(struct req *r, struct settings *s)
{
	memset(s, 0, sizeof(*s));
	if (db_operator_settings(r, r->me->operator_id, &s->v) <= 0 ||
	    contacts_load(r, r->me->operator_id, &s->contacts) < 0)
		return -1;
	return twofa_settings(r, r->me->operator_id, &s->twofa_required, &s->reminders) < 0 ?
	    -1 : 0;
}

static int logo_panel(struct req *r, struct tmpl_dict *d, const char *err);

static int
settings_page(struct req *r, const struct settings *s, int status)
{
	struct tmpl_dict *d, *sum = NULL;

	if ((d = page_start(r, "platform_account_settings.tpl", "plat_acc_tab_settings")) == NULL)
		return 500;
	account_tabs(r, d, "settings");
	if (s->name_err || s->colour_err || s->base_url_err || s->contacts.err[0] ||
	    s->contacts.err[1] || s->contacts.err[2])
		sum = tmpl_section(d, "ERRORS");
	form_field(r, d, sum, "operator_name", s->v.name, s->name_err);
	form_field(r, d, sum, "brand_colour", s->v.colour, s->colour_err);
	form_field(r, d, sum, "base_url", s->v.base_url, s->base_url_err);
	contacts_render(r, d, sum, &s->contacts);
	if (s->v.experience)
		tmpl_show(d, "EXPERIENCE_CHECKED");
	if (s->v.may_cli)
		tmpl_show(d, "MAY_CLI_CHECKED");
	if (s->v.may_moh)
		tmpl_show(d, "MAY_MOH_CHECKED");
	if (s->v.may_acr)
		tmpl_show(d, "MAY_ACR_CHECKED");
	if (s->twofa_required)
		tmpl_show(d, "TWOFA_REQUIRED_CHECKED");
	if (s->reminders)
		tmpl_show(d, "REMINDERS_CHECKED");
	if (logo_panel(r, d, s->logo_err) < 0)
		return 500;
	r->status = status;
	return page_finish(r);
}

/* The settings page again, with the message of the field `field` (the logo's). */
int
account_settings_error(struct req *r, const char *field, const char *key)
{
	struct settings s;

	if (settings_load(r, &s) < 0)
		return 500;
	if (str_eq(field, "logo"))
		s.logo_err = key;
	return settings_page(r, &s, 400);
}

/* The logo panel: the current logo, "Upload logo" with its message, "Remove logo". */
static int
logo_panel(struct req *r, struct tmpl_dict *d, const char *err)
{
	long v;
	int rc = db_logo_version(r, r->me->operator_id, &v);

	if (rc < 0)
		return -1;
	if (rc > 0)
		tmpl_set(tmpl_section(d, "LOGO"), "LOGO_URL", arena_printf(r->a,
		    "/brand/logo/%ld?v=%ld", r->me->operator_id, v));
	else
		tmpl_show(d, "NO_LOGO");
	if (err != NULL)
		tmpl_set(tmpl_section(d, "LOGO_ERROR"), "MESSAGE", T(r, err));
	return 0;
}

/* PLAT-6, PLAT-7: GET /platform/account/settings. */
int
h_account_settings(struct req *r)
{
	struct settings s;

	if (settings_load(r, &s) < 0)
		return 500;
	return settings_page(r, &s, 200);
}

/* "#rrggbb", nothing else: the colour goes into a stylesheet. */
static const char *
validate_colour(const char *c)
{
	if (c == NULL || *c == '\0')
		return "err_required";
	if (strlen(c) != 7 || c[0] != '#')
		return "plat_acc_err_colour";
	for (int i = 1; i < 7; i++)
		if (!strchr("0123456789abcdefABCDEF", c[i]))
			return "plat_acc_err_colour";
	return NULL;
}

/* PLAT-7: empty, or http(s)://host[:port] without path, query or credentials. */
static const char *
validate_base_url(const char *u)
{
	const char *h;

	if (*u == '\0')
		return NULL;
	if (strncmp(u, "https://", 8) == 0)
		h = u + 8;
	else if (strncmp(u, "http://", 7) == 0)
		h = u + 7;
	else
		return "plat_acc_err_base_url";
	if (*h == '\0' || strlen(u) > 200)
		return "plat_acc_err_base_url";
	for (; *h != '\0'; h++)
		if (!((*h >= 'a' && *h <= 'z') || (*h >= '0' && *h <= '9') || *h == '.' ||
		    *h == '-' || *h == ':' || *h == '[' || *h == ']'))
			return "plat_acc_err_base_url";
	return NULL;
}

/* Audits one setting when it changed. */
static int
audit_setting(struct req *r, const char *field_name, const char *old, const char *new_value)
{
	if (str_eq(old, new_value))
		return 0;
	return audit_add(r, 0, 0, r->me->operator_name, "operator.update", field_name, old,
	    new_value);
}

/* The settings as typed, each checked: 1 when a field has a message, 0, -1 on failure. */
static int
settings_from_form(struct req *r, struct settings *s)
{
	char *colour;

	memset(s, 0, sizeof(*s));
	s->v.name = form_text(r, "operator_name");
	colour = form_text(r, "brand_colour");
	str_lower(colour);
	s->v.colour = colour;
	s->v.experience = str_eq(form_get(r, "experience"), "1");
	s->v.may_cli = str_eq(form_get(r, "portal_may_cli"), "1");
	s->v.may_moh = str_eq(form_get(r, "portal_may_moh"), "1");
	s->v.may_acr = str_eq(form_get(r, "portal_may_acr"), "1");
	s->twofa_required = str_eq(form_get(r, "twofa_required"), "1");
	s->reminders = str_eq(form_get(r, "invite_reminders"), "1");
	s->name_err = validate_name(s->v.name);
	s->colour_err = validate_colour(s->v.colour);
	s->v.base_url = form_text(r, "base_url");
	str_lower((char *)s->v.base_url);
	if (*s->v.base_url && s->v.base_url[strlen(s->v.base_url) - 1] == '/')
		((char *)s->v.base_url)[strlen(s->v.base_url) - 1] = '\0';
	s->base_url_err = validate_base_url(s->v.base_url);
	return contacts_from_form(r, &s->contacts);
}

/* PLAT-6, PLAT-7: POST /platform/account/settings, checked, saved and audited at once. */
int
h_account_settings_save(struct req *r)
{
	struct settings old, s;
	int rc;

	if (settings_load(r, &old) < 0)
		return 500;
	if ((rc = settings_from_form(r, &s)) < 0)
		return 500;
	if (s.name_err || s.colour_err || s.base_url_err || rc > 0)
		return settings_page(r, &s, 400);
	if (tx_begin(r) < 0)
		return 500;
	if ((rc = db_operator_settings_save(r, r->me->operator_id, &s.v)) == 0) {
		/* issue 13: a portal address names one operator (the sign-in page's brand) */
		tx_rollback(r);
		s.base_url_err = "plat_acc_err_base_url_taken";
		return settings_page(r, &s, 400);
	}
	if (rc < 0 || audit_setting(r, "base_url", old.v.base_url, s.v.base_url) < 0 ||
	    audit_setting(r, "name", old.v.name, s.v.name) < 0 ||
	    audit_setting(r, "brand_colour", old.v.colour, s.v.colour) < 0 ||
	    audit_setting(r, "offers_occupier_experience", old.v.experience ? "1" : "0",
	    s.v.experience ? "1" : "0") < 0 ||
	    audit_setting(r, "portal_may_cli", old.v.may_cli ? "1" : "0", s.v.may_cli ? "1" : "0") < 0 ||
	    audit_setting(r, "portal_may_moh", old.v.may_moh ? "1" : "0", s.v.may_moh ? "1" : "0") < 0 ||
	    audit_setting(r, "portal_may_acr", old.v.may_acr ? "1" : "0", s.v.may_acr ? "1" : "0") < 0 ||
	    contacts_save(r, r->me->operator_id, &old.contacts, &s.contacts) < 0 ||
	    twofa_settings_save(r, r->me->operator_id, s.twofa_required, s.reminders) < 0 ||
	    audit_setting(r, "twofa_required", old.twofa_required ? "1" : "0",
	    s.twofa_required ? "1" : "0") < 0 ||
	    audit_setting(r, "invite_reminders", old.reminders ? "1" : "0",
	    s.reminders ? "1" : "0") < 0 ||
	    tx_commit(r) < 0) {
		tx_rollback(r);
		return 500;
	}
	return page_redirect(r, "/platform/account/settings?n=changes_saved");
}
