/*
 * "Add multiple users" (PLAT-2) of an occupier on the operator platform: the page, and the
 * import itself. Nothing is written unless every row is valid (import.c checks them); then
 * all rows go in one transaction through user_insert(). A dry run (the default) only checks.
 */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "app.h"
#include "audit.h"
#include "import.h"
#include "pages.h"
#include "tmpl.h"
#include "userform.h"
#include "util.h"
#include "validate.h"

#define REPORT_SHOWN 1000           /* problems listed on the page; the rest are counted */
#define ROW_ARENA_MAX (8 * 1024 * 1024)   /* what the user model may use for one row */

/* The import page: the form, the columns, and the outcome of an upload if there was one. */
static int
import_page(struct req *r, long occ, const char *occ_name, const struct ireport *rep,
    int checked_ok, int status)
{
	struct tmpl_dict *d;

	if ((d = page_start(r, "platform_import.tpl", "plat_add_multiple_users")) == NULL)
		return 500;
	tmpl_set_int(d, "OCC_ID", occ);
	tmpl_set(d, "OCCUPIER_NAME", occ_name);
	if (!checked_ok)
		tmpl_show(d, "DRY_RUN_CHECKED");
	if (checked_ok)
		tmpl_set_int(tmpl_section(d, "CHECKED_OK"), "COUNT", (long)rep->nrows);
	if (rep != NULL && rep->file_error != NULL)
		tmpl_set(tmpl_section(d, "FILE_ERROR"), "ERROR_TEXT", rep->file_error);
	if (rep != NULL && rep->n > 0) {
		struct tmpl_dict *s = tmpl_section(d, "REPORT");

		tmpl_set_int(s, "PROBLEMS", (long)rep->n);
		tmpl_set_int(s, "BAD_ROWS", (long)rep->bad_rows);
		for (size_t i = 0; i < rep->n && i < REPORT_SHOWN; i++) {
			struct tmpl_dict *p = tmpl_section(s, "PROBLEM");

			tmpl_set_int(p, "ROW", (long)rep->p[i].row);
			tmpl_set(p, "COLUMN", rep->p[i].col >= 0 ? icol_name(rep->p[i].col) : "");
			tmpl_set(p, "VALUE", rep->p[i].value);
			tmpl_set(p, "MESSAGE", rep->p[i].msg);
		}
		if (rep->n > REPORT_SHOWN)
			tmpl_set_int(tmpl_section(s, "MORE"), "MORE_COUNT",
			    (long)(rep->n - REPORT_SHOWN));
	}
	for (int c = 0; c < IC__MAX; c++) {
		struct tmpl_dict *col = tmpl_section(d, c < IC_WIFI_STATUS ? "COLUMN" : "XCOLUMN");

		if (c < IC_WIFI_STATUS) {
			struct tmpl_dict *h = tmpl_section(d, "HCOL");

			tmpl_set(h, "NAME", icol_name(c));
			if (c + 1 < IC_WIFI_STATUS)
				tmpl_show(h, "SEP");
		}

		tmpl_set(col, "NAME", icol_name(c));
		tmpl_set(col, "DOC", T(r, icol_doc(c)));
		if (icol_required(c))
			tmpl_show(col, "REQUIRED");
	}
	r->status = status;
	return page_finish(r);
}

/* PLAT-2: GET /platform/occupiers/ID/import. */
int
h_occ_import_form(struct req *r)
{
	return import_page(r, r->id, r->scope->occupier_name, NULL, 0, 200);
}

/*
 * PLAT-2: POST /platform/occupiers/ID/import (multipart, the file in "file"). Checks
 * everything first; imports only a file without a single problem, all of it in one
 * transaction, unless "dry_run" asks for the check alone.
 */
int
h_occ_import(struct req *r)
{
	const char *name;
	int experience, rc;
	int dry = str_eq(form_get(r, "dry_run"), "1");
	struct ireport rep;
	struct iuser *users;
	struct arena scratch;
	size_t n;
	long occ = r->id;

	name = r->scope->occupier_name;
	experience = r->scope->experience;
	memset(&rep, 0, sizeof(rep));
	arena_init(&scratch, ROW_ARENA_MAX);
	if ((rc = import_check(r, &scratch, occ, experience, &users, &n, &rep)) != 0)
		goto out;
	if (rep.file_error != NULL || rep.n > 0) {
		rc = import_page(r, occ, name, &rep, 0, 400);
		goto out;
	}
	if (dry) {
		rc = import_page(r, occ, name, &rep, 1, 200);
		goto out;
	}

	rc = 500;
	if (tx_begin(r) < 0)
		goto out;
	for (size_t i = 0; i < n; i++) {
		struct user_errors err;
		long id;

		memset(&err, 0, sizeof(err));
		if ((id = row_insert(r, &scratch, occ, &users[i].in, &err)) > 0)
			continue;
		tx_rollback(r);
		if (id < 0)
			goto out;
		/* someone added this address since the check: nothing is imported */
		if (add_problem(r, &rep, users[i].row, IC_EMAIL, users[i].in.email,
		    T(r, err.msg[UF_EMAIL] ? err.msg[UF_EMAIL] : "plat_imp_err_email_taken")) < 0)
			goto out;
		rep.bad_rows = 1;
		rc = import_page(r, occ, name, &rep, 0, 400);
		goto out;
	}
	if (audit_add(r, occ, 0, r->upload.filename, "users.import", "", "",
	    arena_printf(r->a, "%zu", n)) < 0 || tx_commit(r) < 0) {
		tx_rollback(r);
		goto out;
	}
	rc = page_redirect(r, arena_printf(r->a, "/platform/occupiers/%ld/users?n=import_done",
	    occ));
out:
	arena_free(&scratch);
	return rc;
}

