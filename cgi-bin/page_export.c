/*
 * "Download users" (PLAT-3) of an occupier, and the import's template: the columns of the
 * import (import.h), plus two status columns that the import ignores, so a downloaded file
 * can be imported again as it is.
 */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "app.h"
#include "audit.h"
#include "csv.h"
#include "import.h"
#include "db_users.h"
#include "pages.h"
#include "tmpl.h"
#include "userform.h"
#include "util.h"
#include "validate.h"

/* Starts a CSV download in r->body: headers, a UTF-8 BOM (for spreadsheets) and the header
 * line of every column (export) or of the importable ones. */
static void
csv_start(struct req *r, const char *filename, int ncols)
{
	sbuf_reset(&r->body);
	r->status = 200;
	r->resp_ctype = "text/csv; charset=utf-8";
	header_add(r, "Content-Disposition", arena_printf(r->a, "attachment; filename=\"%s\"",
	    filename));
	sbuf_adds(&r->body, "\xef\xbb\xbf");
	for (int c = 0; c < ncols; c++) {
		if (c)
			sbuf_addc(&r->body, ',');
		csv_put(&r->body, icol_name(c), ',');
	}
	csv_end_row(&r->body);
}

/* A file name from the occupier's name: letters and digits, the rest as dashes. */
static const char *
file_slug(struct req *r, const char *name, const char *prefix, long id)
{
	char *s = arena_printf(r->a, "%s-%ld-%s.csv", prefix, id, name);

	if (s == NULL)
		return "users.csv";
	for (char *p = s; p[4] != '\0'; p++) {
		if ((*p >= 'A' && *p <= 'Z'))
			*p = (char)(*p - 'A' + 'a');
		else if (!((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9')))
			*p = '-';
	}
	return s;
}

/* PLAT-2: the template file: the header line and one example row. */
int
h_occ_import_template(struct req *r)
{
	static const char *const example[] = {
		"Ada", "Lovelace", "ada.lovelace@example.com", "Engineer", "+44 7700 900123",
		"", "en", "user", "yes", "3", NULL, "yes", "no",
	};
	struct site *sites;
	size_t nsites;

	if (db_occupier_sites(r, r->me->operator_id, r->id, &sites, &nsites) < 0)
		return 500;
	csv_start(r, "users-template.csv", IC_WIFI_STATUS);
	for (int c = 0; c < IC_WIFI_STATUS; c++) {
		if (c)
			sbuf_addc(&r->body, ',');
		csv_put(&r->body, example[c] ? example[c] : nsites ? sites[0].name : "", ',');
	}
	csv_end_row(&r->body);
	return r->body.oom ? 500 : 0;
}

/* The status words of the pages, so that the file reads like the Users list. */
static const char *
status_text(struct req *r, const char *state)
{
	char *key = arena_printf(r->a, "status_%s", state ? state : "");

	if (key == NULL)
		return "";
	str_lower(key);
	return T(r, key);
}

/* PLAT-3: GET /platform/occupiers/ID/users.csv, every user of the occupier. */
int
h_occ_users_csv(struct req *r)
{
	struct export_row *u;
	int n;

	if ((n = db_users_export(r, r->me->operator_id, r->id, &u)) < 0)
		return 500;
	csv_start(r, file_slug(r, r->scope->occupier_name, "users", r->id), IC__MAX);
	for (int i = 0; i < n; i++) {
		const char *v[IC__MAX] = {
			[IC_FIRST_NAME] = u[i].first_name, [IC_LAST_NAME] = u[i].last_name,
			[IC_EMAIL] = u[i].email, [IC_JOB_TITLE] = u[i].job_title,
			[IC_MOBILE] = u[i].mobile, [IC_DIRECT] = u[i].direct,
			[IC_LANGUAGE] = u[i].language, [IC_ROLE] = u[i].role,
			[IC_WIFI] = u[i].wifi ? "yes" : "no",
			[IC_DEVICE_LIMIT] = u[i].wifi ? u[i].device_limit : "",
			[IC_HOMESITE] = u[i].wifi ? u[i].homesite : "",
			[IC_INVITE_PORTAL] = u[i].invited_portal ? "yes" : "no",
			[IC_INVITE_APP] = u[i].invited_app ? "yes" : "no",
			[IC_WIFI_STATUS] = status_text(r, u[i].wifi_state),
			[IC_ACCOUNT_STATUS] = status_text(r, u[i].account_state),
		};

		for (int c = 0; c < IC__MAX; c++) {
			if (c)
				sbuf_addc(&r->body, ',');
			csv_put(&r->body, v[c], ',');
		}
		csv_end_row(&r->body);
	}
	return r->body.oom ? 500 : 0;
}
