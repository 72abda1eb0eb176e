/*
 * "Add multiple users" (PLAT-2) of an occupier on the operator platform: the page, and the
 * import itself. Nothing is written unless every row is valid (import.c checks them); then
 * all rows go in one transaction through user_insert(). A dry run (the default) only checks;
 * when it finds no problem, the file is kept sealed server-side (sql/018) and the report
 * offers "Add N users", which imports that same file in one click: bound to the session and
 * the occupier, for 30 minutes, and refused when the occupier's users changed meanwhile.
 */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "app.h"
#include "audit.h"
#include "conf.h"
#include "db_import.h"
#include "import.h"
#include "json.h"
#include "secret.h"
#include "pages.h"
#include "tmpl.h"
#include "userform.h"
#include "util.h"
#include "validate.h"

#define REPORT_SHOWN 1000           /* problems listed on the page; the rest are counted */
#define ROW_ARENA_MAX (8 * 1024 * 1024)   /* what the user model may use for one row */
#define KEEP_MINUTES 30             /* how long a checked file waits for "Add N users" */

/* A clean dry run: how many users, and "Add N users" with the kept file's token. */
static void
import_ok(struct req *r, struct tmpl_dict *d, const struct ireport *rep, const char *token)
{
	struct tmpl_dict *ok = tmpl_section(d, "CHECKED_OK"), *c;
	const char *pre = T(r, "plat_imp_add_n_pre");

	tmpl_set_int(ok, "COUNT", (long)rep->nrows);
	if (token == NULL)
		return;
	c = tmpl_section(ok, "CONFIRM");
	tmpl_set(c, "TOKEN", token);
	tmpl_set(c, "ADD_LABEL", rep->nrows == 1 ? T(r, "plat_imp_add_one") :
	    arena_printf(r->a, "%s%s%zu %s", pre, *pre ? " " : "", rep->nrows,
	    T(r, "plat_imp_add_n_post")));
}

/* The import page: the form, the columns, and the outcome of an upload if there was one. */
static int
import_page(struct req *r, long occ, const char *occ_name, const struct ireport *rep,
    int checked_ok, const char *token, int status)
{
	struct tmpl_dict *d;

	if ((d = page_start(r, "platform_import.tpl", "plat_add_multiple_users")) == NULL)
		return 500;
	tmpl_set_int(d, "OCC_ID", occ);
	tmpl_set(d, "OCCUPIER_NAME", occ_name);
	if (!checked_ok)
		tmpl_show(d, "DRY_RUN_CHECKED");
	if (checked_ok && rep != NULL)
		import_ok(r, d, rep, token);
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
	return import_page(r, r->id, r->scope->occupier_name, NULL, 0, NULL, 200);
}

#define IMPORT_BATCH 500        /* users per statement */

/* The JSON of users[0..n-1] for db_users_add_batch(), in arena a: the rows and their
 * addresses. 0, or -1 out of memory. */
static int
batch_json(struct arena *a, const struct iuser *users, size_t n, const char **rows,
    const char **emails)
{
	struct sbuf b, e;
	struct jw w, x;
	int rc = -1;

	sbuf_init(&b);
	sbuf_init(&e);
	jw_init(&w, &b);
	jw_init(&x, &e);
	jw_open(&w, NULL, '[');
	jw_open(&x, NULL, '[');
	for (size_t i = 0; i < n; i++) {
		const struct user_input *in = &users[i].in;

		jw_open(&w, NULL, '[');
		jw_str(&w, NULL, in->role);
		jw_str(&w, NULL, in->first_name);
		jw_str(&w, NULL, in->last_name);
		jw_str(&w, NULL, in->email);
		jw_str(&w, NULL, in->job_title ? in->job_title : "");
		jw_str(&w, NULL, in->mobile_phone ? in->mobile_phone : "");
		jw_str(&w, NULL, in->direct_line ? in->direct_line : "");
		jw_str(&w, NULL, in->language);
		jw_close(&w);
		jw_str(&x, NULL, in->email);
	}
	jw_close(&w);
	jw_close(&x);
	if (!b.oom && !e.oom && (*rows = arena_strdup(a, b.data)) != NULL &&
	    (*emails = arena_strdup(a, e.data)) != NULL)
		rc = 0;
	sbuf_free(&b);
	sbuf_free(&e);
	return rc;
}

/*
 * The users of one batch, users[0..n-1]: their rows and audit entries (db_users_add_batch),
 * then each one's Wi-Fi account and invitations; their ids into ids. 1 done, 0 an address
 * was taken since the check (*taken: its user), -1 a failure. Allocations in scratch.
 */
static int
import_batch(struct req *r, struct arena *scratch, long occ, const struct iuser *users,
    size_t n, unsigned *ids, const struct iuser **taken)
{
	struct arena *keep = r->a;
	const char *rows, *emails, **used;
	size_t nused;
	int rc;

	r->a = scratch;
	if ((rc = batch_json(scratch, users, n, &rows, &emails)) == 0)
		rc = db_users_add_batch(r, r->me->operator_id, occ, rows, emails, n, ids);
	else
		rc = -1;
	for (size_t i = 0; rc == 1 && i < n; i++)
		if (user_added(r, r->me->operator_id, occ, &users[i].in, (long)ids[i]) < 0)
			rc = -1;
	if (rc == 0) {
		/* which one: the first of the batch whose address is in use now (after the
		 * rollback, so that the batch's own rows are not found) */
		tx_rollback(r);
		rc = db_emails_used(r, scratch, emails, r->me->operator_id, &used, &nused);
		for (size_t i = 0; rc > 0 && i < n && *taken == NULL; i++)
			for (size_t k = 0; k < nused && *taken == NULL; k++)
				if (strcasecmp(used[k], users[i].in.email) == 0)
					*taken = &users[i];
		rc = rc < 0 ? -1 : 0;
	}
	r->a = keep;
	arena_reset(scratch);
	return rc;
}

/*
 * Imports the checked users in one transaction, IMPORT_BATCH users per statement; a row
 * refused meanwhile (its address taken since the check) imports nothing and shows the
 * report.
 */
static int
import_insert(struct req *r, struct arena *scratch, long occ, const struct iuser *users,
    size_t n, struct ireport *rep)
{
	unsigned *ids = arena_alloc(r->a, (n + 1) * sizeof(*ids));
	const struct iuser *taken = NULL;
	int rc = 1;

	/* the n-gram rows of all the users at the end, in one statement (sql/028) */
	if (ids == NULL || tx_begin(r) < 0)
		return 500;
	if (db_grams_defer(r) < 0) {
		tx_rollback(r);
		return 500;
	}
	for (size_t i = 0; rc == 1 && i < n; i += IMPORT_BATCH)
		rc = import_batch(r, scratch, occ, users + i, n - i < IMPORT_BATCH ?
		    n - i : IMPORT_BATCH, ids + i, &taken);
	if (rc < 0) {
		tx_rollback(r);
		return 500;
	}
	if (rc == 0) {          /* rolled back: nothing is imported */
		if (add_problem(r, rep, taken != NULL ? taken->row : 0, IC_EMAIL,
		    taken != NULL ? taken->in.email : "", T(r, "err_email_taken")) < 0)
			return 500;
		rep->bad_rows = 1;
		return import_page(r, occ, r->scope->occupier_name, rep, 0, NULL, 400);
	}
	if (db_grams_fill(r, ids, n) < 0 || audit_add(r, occ, 0, r->upload.filename,
	    "users.import", "", "", arena_printf(r->a, "%zu", n)) < 0 || tx_commit(r) < 0) {
		tx_rollback(r);
		return 500;
	}
	return page_redirect(r, arena_printf(r->a, "/platform/occupiers/%ld/users?n=import_done",
	    occ));
}

/* The token's hash, under which the file is kept. */
static void
token_hash(unsigned char h[32], const unsigned char tok[32])
{
	crypto_generichash(h, 32, tok, 32, NULL, 0);
}

/*
 * After a dry run without a problem: keeps the uploaded file sealed for "Add N users" and
 * returns the token of the report's form (hexadecimal), NULL when the one click cannot be
 * offered (the occupier's data version is unknown); *fail set on a failure.
 */
static const char *
import_keep(struct req *r, long occ, int *fail)
{
	unsigned char tok[32], h[32], *enc;
	char *hex = arena_alloc(r->a, 65);
	const char *name = r->upload.filename ? r->upload.filename : "";
	size_t elen, nlen = strlen(name);

	*fail = 0;
	if (r->scope->version == NULL || hex == NULL)
		return NULL;
	while (nlen > 200 || (nlen > 0 && ((unsigned char)name[nlen] & 0xC0) == 0x80))
		nlen--;                 /* at most 200 bytes, cut between characters */
	randombytes_buf(tok, sizeof(tok));
	token_hash(h, tok);
	/* issue 13: sealed for this use, bound to the session and the occupier (a copy of the
	 * row under another session or occupier does not open) */
	enc = secret_seal_for(r->a, SECRET_IMPORT, secret_ctx_import(r->me->token_hash, occ),
	    r->upload.data ? r->upload.data : "", r->upload.len, &elen);
	if (enc == NULL || db_import_keep(r, h, r->me->token_hash, r->me->operator_id, occ,
	    r->scope->version, arena_printf(r->a, "%.*s", (int)nlen, name), enc, elen,
	    KEEP_MINUTES) < 0) {
		*fail = 1;
		return NULL;
	}
	hex_encode(hex, tok, sizeof(tok));
	return hex;
}

/*
 * Checks the upload in r->upload and, unless dry, imports all of it in one transaction.
 * Answers the page (with the report), or redirects to the users after an import.
 */
static int
import_run(struct req *r, int dry)
{
	const char *name = r->scope->occupier_name, *token;
	int rc, fail;
	struct ireport rep;
	struct iuser *users;
	struct arena scratch;
	size_t n;
	long occ = r->id;

	memset(&rep, 0, sizeof(rep));
	arena_init(&scratch, ROW_ARENA_MAX);
	if ((rc = import_check(r, &scratch, occ, r->scope->experience, &users, &n, &rep)) != 0)
		goto out;
	if (rep.file_error != NULL || rep.n > 0) {
		rc = import_page(r, occ, name, &rep, 0, NULL, 400);
		goto out;
	}
	if (dry) {
		token = import_keep(r, occ, &fail);
		rc = fail ? 500 : import_page(r, occ, name, &rep, 1, token, 200);
		goto out;
	}
	rc = import_insert(r, &scratch, occ, users, n, &rep);
out:
	arena_free(&scratch);
	return rc;
}

/*
 * PLAT-2: POST /platform/occupiers/ID/import (multipart, the file in "file"). Checks
 * everything first; imports only a file without a single problem, all of it in one
 * transaction, unless "dry_run" asks for the check alone.
 */
int
h_occ_import(struct req *r)
{
	return import_run(r, str_eq(form_get(r, "dry_run"), "1"));
}

/* The import page saying why the kept file cannot be imported (key), asking for the file. */
static int
kept_refused(struct req *r, const char *key, int status)
{
	struct ireport rep;

	memset(&rep, 0, sizeof(rep));
	rep.file_error = T(r, key);
	return import_page(r, r->id, r->scope->occupier_name, &rep, 0, NULL, status);
}

/*
 * PLAT-2: POST /platform/occupiers/ID/import/confirm ("Add N users"): the file kept by the
 * dry run under the form's token, for this session and this occupier, used once. Refused
 * when it has expired or is not this session's, and when the occupier's users changed since.
 */
int
h_occ_import_confirm(struct req *r)
{
	const char *hex = form_get(r, "pending");
	unsigned char tok[32], h[32], *box;
	struct import_kept k;
	size_t n, len;
	char *body;
	int rc;

	if (hex == NULL || strlen(hex) != 64 || hex_decode(tok, sizeof(tok), hex) < 0)
		return kept_refused(r, "plat_imp_err_kept_gone", 400);
	token_hash(h, tok);
	if (tx_begin(r) < 0)
		return 500;
	if ((rc = db_import_take(r, h, r->me->token_hash, r->me->operator_id, r->id, &k)) <= 0 ||
	    db_import_drop(r, h) < 0 || tx_commit(r) < 0) {
		tx_rollback(r);
		return rc == 0 ? kept_refused(r, "plat_imp_err_kept_gone", 400) : 500;
	}
	if (r->scope->version == NULL || !str_eq(k.version, r->scope->version))
		return kept_refused(r, "plat_imp_err_kept_changed", 409);
	n = strlen(k.body_b64);
	if ((box = arena_alloc(r->a, n + 1)) == NULL ||
	    sodium_base642bin(box, n, k.body_b64, n, "\r\n", &n, NULL,
	    sodium_base64_VARIANT_ORIGINAL) != 0 ||
	    (body = secret_open_for(r->a, SECRET_IMPORT, secret_ctx_import(r->me->token_hash,
	    r->id), box, n, &len, NULL)) == NULL)
		return kept_refused(r, "plat_imp_err_kept_gone", 400);
	memset(&r->upload, 0, sizeof(r->upload));
	r->upload.field = "file";
	r->upload.filename = k.filename;
	r->upload.data = body;
	r->upload.len = len;
	return import_run(r, 0);
}
