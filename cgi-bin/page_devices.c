/*
 * Shared Wi-Fi devices (WIFI-5): printers, AV and the like with their MAC address, at a
 * site. Occupier admins manage their occupier's at /devices; operators manage their
 * account's at /platform/account/devices (an Account tab). One set of handlers serves both,
 * with a scope resolved from the signed-in user, never from the form.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app.h"
#include "audit.h"
#include "db_devices.h"
#include "db_users.h"
#include "pages.h"
#include "tmpl.h"
#include "validate.h"

/* The device types offered, as stored; shown through the catalogue (dev_type_<code>). */
static const char *const dev_types[] = {
	"Printer", "AV", "Display", "Phone", "Camera", "Other",
};
#define NTYPES (sizeof(dev_types) / sizeof(dev_types[0]))

/* Whose devices a request is about. */
struct dscope {
	long occupier_id;           /* 0: the operator's account */
	const char *base;           /* "/devices" or "/platform/account/devices" */
};

static void
scope_of(struct req *r, struct dscope *s)
{
	if (r->me->role & R_OP) {
		s->occupier_id = 0;
		s->base = "/platform/account/devices";
	} else {
		s->occupier_id = r->me->occupier_id;
		s->base = "/devices";
	}
}

/* The sites a device of the scope may be at: the occupier's, or all of the operator's. */
static int
sites_of(struct req *r, const struct dscope *s, struct site **sites, size_t *n)
{
	if (s->occupier_id)
		return db_occupier_sites(r, r->me->operator_id, s->occupier_id, sites, n);
	return db_sites(r, r->me->operator_id, sites, n);
}

/* The words for a stored type: the catalogue's for the offered ones, else as stored. */
static const char *
type_label(struct req *r, const char *type)
{
	char key[48];

	for (size_t i = 0; i < NTYPES; i++)
		if (str_eq(type, dev_types[i])) {
			snprintf(key, sizeof(key), "dev_type_%s", dev_types[i]);
			for (char *p = key; *p; p++)
				if (*p >= 'A' && *p <= 'Z')
					*p = (char)(*p - 'A' + 'a');
			return T(r, key);
		}
	return type;
}

/* The add form as typed, with its messages. */
struct dev_form {
	const char *name, *type, *mac, *site;
	const char *name_err, *type_err, *mac_err, *site_err;
};

/* The devices page: the list and the add form (empty, or f as typed with its messages). */
static int
devices_page(struct req *r, const struct dscope *s, const struct dev_form *f, int status)
{
	struct tmpl_dict *d, *sum = NULL;
	struct device_row *devs;
	struct site *sites;
	size_t nsites;
	int n;

	if ((n = db_devices_list(r, r->me->operator_id, s->occupier_id, &devs)) < 0 ||
	    sites_of(r, s, &sites, &nsites) < 0)
		return 500;
	if ((d = page_start(r, "devices.tpl", s->occupier_id ? "wifi_devices" :
	    "plat_acc_tab_devices")) == NULL)
		return 500;
	if (s->occupier_id)
		tmpl_show(d, "OCCUPIER");
	else
		account_tabs(r, tmpl_section(d, "ACCOUNT"), "devices");
	tmpl_set(d, "BASE", s->base);
	tmpl_set_int(d, "TOTAL", (long)n);
	if (n == 0)
		tmpl_show(d, "EMPTY");
	for (int i = 0; i < n; i++) {
		struct tmpl_dict *row = tmpl_section(d, "DEVICE");

		tmpl_set(row, "ID", devs[i].id);
		tmpl_set(row, "NAME", devs[i].name);
		tmpl_set(row, "TYPE", type_label(r, devs[i].type));
		tmpl_set(row, "MAC", devs[i].mac);
		tmpl_set(row, "SITE", devs[i].site);
	}
	if (f != NULL && (f->name_err || f->type_err || f->mac_err || f->site_err))
		sum = tmpl_section(d, "ERRORS");
	form_field(r, d, sum, "name", f ? f->name : "", f ? f->name_err : NULL);
	form_field(r, d, sum, "type", NULL, f ? f->type_err : NULL);
	form_field(r, d, sum, "mac", f ? f->mac : "", f ? f->mac_err : NULL);
	form_field(r, d, sum, "site", NULL, f ? f->site_err : NULL);
	for (size_t i = 0; i < NTYPES; i++) {
		struct tmpl_dict *o = tmpl_section(d, "TYPE_OPTION");

		tmpl_set(o, "CODE", dev_types[i]);
		tmpl_set(o, "LABEL", type_label(r, dev_types[i]));
		if (f != NULL && str_eq(f->type, dev_types[i]))
			tmpl_show(o, "SELECTED");
	}
	for (size_t i = 0; i < nsites; i++) {
		struct tmpl_dict *o = tmpl_section(d, "SITE_OPTION");

		tmpl_set(o, "SITE_ID", sites[i].id);
		tmpl_set(o, "SITE_NAME", sites[i].name);
		if (f != NULL && str_eq(f->site, sites[i].id))
			tmpl_show(o, "SELECTED");
	}
	r->status = status;
	return page_finish(r);
}

/* WIFI-5: GET /devices and GET /platform/account/devices. */
static int
devices_list(struct req *r)
{
	struct dscope s;

	scope_of(r, &s);
	return devices_page(r, &s, NULL, 200);
}

/*
 * WIFI-5: POST .../new with name, type (one of dev_types), mac (validate_mac, stored as
 * aa:bb:cc:dd:ee:ff) and site (one of the scope's sites). A MAC address is unique within
 * the operator. Audited in the same transaction.
 */
static int
device_new(struct req *r)
{
	struct dscope s;
	struct dev_form f;
	struct site *sites;
	size_t nsites;
	const char *site_name = NULL;
	char *mac;
	long site = 0;
	int type_ok = 0, n;

	scope_of(r, &s);
	memset(&f, 0, sizeof(f));
	f.name = form_text(r, "name");
	f.type = form_text(r, "type");
	f.mac = mac = form_text(r, "mac");
	f.site = form_text(r, "site");
	for (char *p = mac; *p; p++) {
		if (*p >= 'A' && *p <= 'Z')
			*p = (char)(*p - 'A' + 'a');
		if (*p == '-')
			*p = ':';
	}
	f.name_err = *f.name == '\0' ? "err_required" : validate_text(f.name, 100);
	for (size_t i = 0; i < NTYPES; i++)
		type_ok |= str_eq(f.type, dev_types[i]);
	if (!type_ok)
		f.type_err = "dev_err_type";
	f.mac_err = validate_mac(f.mac);
	if (sites_of(r, &s, &sites, &nsites) < 0)
		return 500;
	if (str_to_long(f.site, 1, 2000000000L, &site) == 0)
		for (size_t i = 0; i < nsites; i++)
			if (atol(sites[i].id) == site)
				site_name = sites[i].name;
	if (site_name == NULL)
		f.site_err = "dev_err_site";
	if (f.name_err || f.type_err || f.mac_err || f.site_err)
		return devices_page(r, &s, &f, 400);
	if (tx_begin(r) < 0)
		return 500;
	if ((n = db_device_add(r, r->me->operator_id, s.occupier_id, site, f.name, f.type,
	    f.mac)) <= 0) {
		tx_rollback(r);
		if (n < 0)
			return 500;
		f.mac_err = "dev_err_mac_taken";
		return devices_page(r, &s, &f, 400);
	}
	if (audit_add(r, s.occupier_id, 0, arena_printf(r->a, "%s (%s)", f.name, f.mac),
	    "device.create", "", "", arena_printf(r->a, "%s, %s, %s", f.type, f.mac,
	    site_name)) < 0 || tx_commit(r) < 0) {
		tx_rollback(r);
		return 500;
	}
	return page_redirect(r, arena_printf(r->a, "%s?n=device_added", s.base));
}

/*
 * WIFI-5: the confirmation page (GET .../ID/delete, or a POST without confirmed=1, which
 * is what a browser without JavaScript sends), then the deletion, audited.
 */
static int
device_delete(struct req *r)
{
	struct dscope s;
	struct device_row dv;
	struct tmpl_dict *d;
	int rc;

	scope_of(r, &s);
	if ((rc = db_device_get(r, r->me->operator_id, s.occupier_id, r->id, &dv)) <= 0)
		return rc < 0 ? 500 : 404;
	if (r->method != M_POST || !str_eq(form_get(r, "confirmed"), "1")) {
		if ((d = page_start(r, "devices_delete.tpl", "dev_delete_title")) == NULL)
			return 500;
		tmpl_set(d, "BASE", s.base);
		tmpl_set_int(d, "ID", r->id);
		tmpl_set(d, "NAME", dv.name);
		tmpl_set(d, "TYPE", type_label(r, dv.type));
		tmpl_set(d, "MAC", dv.mac);
		tmpl_set(d, "SITE", dv.site);
		return page_finish(r);
	}
	if (tx_begin(r) < 0)
		return 500;
	if (db_device_delete(r, r->me->operator_id, s.occupier_id, r->id) != 1 ||
	    audit_add(r, s.occupier_id, 0, arena_printf(r->a, "%s (%s)", dv.name, dv.mac),
	    "device.delete", "", arena_printf(r->a, "%s, %s, %s", dv.type, dv.mac, dv.site),
	    "") < 0 || tx_commit(r) < 0) {
		tx_rollback(r);
		return 500;
	}
	return page_redirect(r, arena_printf(r->a, "%s?n=device_deleted", s.base));
}

/* The routes of both scopes. */
int h_devices(struct req *r) { return devices_list(r); }
int h_device_new(struct req *r) { return device_new(r); }
int h_device_delete_form(struct req *r) { return device_delete(r); }
int h_device_delete(struct req *r) { return device_delete(r); }
int h_account_devices(struct req *r) { return devices_list(r); }
int h_account_device_new(struct req *r) { return device_new(r); }
int h_account_device_delete_form(struct req *r) { return device_delete(r); }
int h_account_device_delete(struct req *r) { return device_delete(r); }
