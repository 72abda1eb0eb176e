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
#include "db.h"
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
	struct dbres sites;

	if (db_query(r->db, r->a, &sites, STMT_OCC_SITES, "ii", (long long)r->id,
	    (long long)r->me->operator_id) < 0)
		return 500;
	csv_start(r, "users-template.csv", IC_WIFI_STATUS);
	for (int c = 0; c < IC_WIFI_STATUS; c++) {
		if (c)
			sbuf_addc(&r->body, ',');
		csv_put(&r->body, example[c] ? example[c] : db_str(&sites, 0, 1), ',');
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
	struct dbres res;
	const char *name;

	name = r->scope->occupier_name;
	if (db_query(r->db, r->a, &res, STMT_EXPORT, "ii", (long long)r->me->operator_id,
	    (long long)r->id) < 0)
		return 500;
	csv_start(r, file_slug(r, name, "users", r->id), IC__MAX);
	for (size_t i = 0; i < res.nrows; i++) {
		int wifi = (int)db_int(&res, i, 8);

		for (int c = 0; c < IC__MAX; c++) {
			const char *v = db_str(&res, i, (size_t)c);

			if (c == IC_WIFI || c == IC_INVITE_PORTAL || c == IC_INVITE_APP)
				v = db_int(&res, i, (size_t)c) ? "yes" : "no";
			else if ((c == IC_DEVICE_LIMIT || c == IC_HOMESITE) && !wifi)
				v = "";
			else if (c == IC_WIFI_STATUS || c == IC_ACCOUNT_STATUS)
				v = status_text(r, v);
			if (c)
				sbuf_addc(&r->body, ',');
			csv_put(&r->body, v, ',');
		}
		csv_end_row(&r->body);
	}
	return r->body.oom ? 500 : 0;
}
