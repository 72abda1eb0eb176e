/*
 * "Add multiple users" (PLAT-2), the checking (see import.h): the uploaded CSV is parsed
 * (csv.c), every row is checked with the shared user model (user_validate) plus what only a
 * file can get wrong (duplicate emails inside it, unknown site names, yes/no columns), and a
 * report names each bad row and column.
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

/* The user fields take their name, description and "required" from the user table
 * (userform.h); the others are the file's own. */
const struct icol_def icols[IC__MAX] = {
	[IC_FIRST_NAME] = { NULL, UF_FIRST_NAME, 0, NULL },
	[IC_LAST_NAME] = { NULL, UF_LAST_NAME, 0, NULL },
	[IC_EMAIL] = { NULL, UF_EMAIL, 0, NULL },
	[IC_JOB_TITLE] = { NULL, UF_JOB_TITLE, 0, NULL },
	[IC_MOBILE] = { NULL, UF_MOBILE, 0, NULL },
	[IC_DIRECT] = { NULL, UF_DIRECT, 0, NULL },
	[IC_LANGUAGE] = { NULL, UF_LANGUAGE, -1, NULL },       /* defaults to en */
	[IC_ROLE] = { NULL, UF_ROLE, 0, NULL },
	[IC_WIFI] = { "wifi", -1, 0, "plat_imp_doc_wifi" },
	[IC_DEVICE_LIMIT] = { NULL, UF_DEVICE_LIMIT, 0, NULL },
	[IC_HOMESITE] = { NULL, UF_HOMESITE, 0, NULL },
	[IC_INVITE_PORTAL] = { "invite_portal", -1, 0, "plat_imp_doc_invite_portal" },
	[IC_INVITE_APP] = { "invite_app", -1, 0, "plat_imp_doc_invite_app" },
	[IC_WIFI_STATUS] = { "wifi_status", -1, 0, "plat_imp_doc_wifi_status" },
	[IC_ACCOUNT_STATUS] = { "account_status", -1, 0, "plat_imp_doc_account_status" },
	[IC_PHONE_NUMBER] = { "phone_number", -1, 0, "plat_imp_doc_phone_number" },
	[IC_EXTENSION] = { "extension", -1, 0, "plat_imp_doc_extension" },
};

const char *
icol_name(int c)
{
	return icols[c].uf >= 0 ? uf_names[icols[c].uf] : icols[c].name;
}

const char *
icol_doc(int c)
{
	return icols[c].uf >= 0 ? user_fields[icols[c].uf].doc : icols[c].doc_key;
}

int
icol_required(int c)
{
	if (icols[c].uf < 0 || icols[c].required < 0)
		return 0;
	return user_fields[icols[c].uf].required;
}


int
add_problem(struct req *r, struct ireport *rep, size_t row, int col, const char *value,
    const char *msg)
{
	if (rep->n == rep->cap) {
		size_t cap = rep->cap ? rep->cap * 2 : 64;
		struct iproblem *p = arena_alloc(r->a, cap * sizeof(*p));

		if (p == NULL)
			return -1;
		if (rep->n)
			memcpy(p, rep->p, rep->n * sizeof(*p));
		rep->p = p;
		rep->cap = cap;
	}
	rep->p[rep->n].row = row;
	rep->p[rep->n].col = col;
	rep->p[rep->n].value = value ? value : "";
	rep->p[rep->n].msg = msg;
	rep->p[rep->n].seq = rep->n;
	rep->n++;
	return 0;
}

static int
problem_cmp(const void *a, const void *b)
{
	const struct iproblem *x = a, *y = b;

	if (x->row != y->row)
		return x->row < y->row ? -1 : 1;
	if (x->col != y->col)
		return x->col < y->col ? -1 : 1;
	return (x->seq > y->seq) - (x->seq < y->seq);
}

/* "yes"/"no" and their usual spellings; empty is no. 1, 0, or -1 when neither. */
static int
yes_no(const char *s)
{
	static const char *const yes[] = { "yes", "y", "true", "1" };
	static const char *const no[] = { "no", "n", "false", "0", "" };

	for (size_t i = 0; i < sizeof(yes) / sizeof(yes[0]); i++)
		if (strcasecmp(s, yes[i]) == 0)
			return 1;
	for (size_t i = 0; i < sizeof(no) / sizeof(no[0]); i++)
		if (strcasecmp(s, no[i]) == 0)
			return 0;
	return -1;
}

/* A row's value of column c: trimmed, without a formula guard; "" when absent. */
static char *
cell(const struct csv_row *row, const int *pos, int c)
{
	char *s;

	if (pos[c] < 0 || (size_t)pos[c] >= row->n)
		return (char *)"";
	s = str_trim(row->f[pos[c]]);
	return (char *)csv_unguard(s);
}

/*
 * Maps the header line to columns: pos[c] is the field index of column c, or -1. Unknown,
 * repeated and missing required columns are problems of row 1. Returns -1 out of memory.
 */
static int
read_header(struct req *r, const struct csv_row *h, int *pos, struct ireport *rep)
{
	for (int c = 0; c < IC__MAX; c++)
		pos[c] = -1;
	for (size_t i = 0; i < h->n; i++) {
		char *name = str_trim(h->f[i]);
		int found = -1;

		str_lower(name);
		for (int c = 0; c < IC__MAX; c++)
			if (strcmp(name, icol_name(c)) == 0)
				found = c;
		if (found < 0) {
			if (add_problem(r, rep, 1, -1, name, T(r, "plat_imp_err_unknown_column")) < 0)
				return -1;
		} else if (pos[found] >= 0) {
			if (add_problem(r, rep, 1, found, name, T(r, "plat_imp_err_repeated_column")) < 0)
				return -1;
		} else
			pos[found] = (int)i;
	}
	for (int c = 0; c < IC__MAX; c++)
		if (icol_required(c) && pos[c] < 0 &&
		    add_problem(r, rep, 1, c, "", T(r, "plat_imp_err_missing_column")) < 0)
			return -1;
	return 0;
}

/* An email of the file and the row it is on, to find the same address twice. */
struct erow {
	const char *email;
	size_t row;
};

static int
erow_cmp(const void *a, const void *b)
{
	const struct erow *x = a, *y = b;
	int c = strcmp(x->email, y->email);

	if (c != 0)
		return c;
	return (x->row > y->row) - (x->row < y->row);
}

static int
email_cmp(const void *a, const void *b)
{
	return strcmp(((const struct erow *)a)->email, ((const struct erow *)b)->email);
}

/*
 * The shared user model for one row runs with r->a pointing at a scratch arena, emptied
 * after each row: what user_validate() and user_insert() allocate (query results, emails
 * rendered and sealed) is needed only while they run, and 10,000 rows of it would not fit
 * in the request's own arena. Their results are catalogue keys and ids, never arena
 * memory.
 */
static int
row_validate(struct req *r, struct arena *scratch, long occ, const struct user_input *in,
    struct user_errors *err)
{
	struct arena *keep = r->a;
	int rc;

	r->a = scratch;
	rc = user_validate(r, r->me->operator_id, occ, in, err);
	r->a = keep;
	arena_reset(scratch);
	return rc;
}

long
row_insert(struct req *r, struct arena *scratch, long occ, const struct user_input *in,
    struct user_errors *err)
{
	struct arena *keep = r->a;
	long id;

	r->a = scratch;
	id = user_insert(r, r->me->operator_id, occ, in, err);
	r->a = keep;
	arena_reset(scratch);
	return id;
}

/*
 * Checks one data row into *u; its problems go to rep. Returns the number of problems,
 * or -1 on failure.
 */
static int
check_row(struct req *r, struct arena *scratch, long occ, int experience,
    const struct csv_row *row, size_t rowno, const int *pos, const struct dbres *sites,
    struct iuser *u, struct ireport *rep)
{
	struct user_input *in = &u->in;
	struct user_errors err;
	char *email, *lang, *role, *site;
	int wifi, inv_p, inv_a, before = (int)rep->n, rc;

	memset(u, 0, sizeof(*u));
	memset(&err, 0, sizeof(err));
	u->row = rowno;
	for (size_t i = 0; i < row->n; i++) {
		int used = 0;

		for (int c = 0; c < IC__MAX; c++)
			used |= pos[c] == (int)i;
		if (!used && *str_trim(row->f[i]) != '\0')
			return add_problem(r, rep, rowno, -1, row->f[i],
			    T(r, "plat_imp_err_extra_field")) < 0 ? -1 : 1;
	}
	in->first_name = cell(row, pos, IC_FIRST_NAME);
	in->last_name = cell(row, pos, IC_LAST_NAME);
	email = cell(row, pos, IC_EMAIL);
	str_lower(email);
	in->email = email;
	in->email_looked_up = 1;       /* for the whole file at once: emails_taken() */
	in->job_title = cell(row, pos, IC_JOB_TITLE);
	in->mobile_phone = cell(row, pos, IC_MOBILE);
	in->direct_line = cell(row, pos, IC_DIRECT);
	lang = cell(row, pos, IC_LANGUAGE);
	str_lower(lang);
	in->language = *lang ? lang : "en";
	role = cell(row, pos, IC_ROLE);
	str_lower(role);
	in->role = *role ? role : "user";
	if ((wifi = yes_no(cell(row, pos, IC_WIFI))) < 0 &&
	    add_problem(r, rep, rowno, IC_WIFI, cell(row, pos, IC_WIFI),
	    T(r, "plat_imp_err_yes_no")) < 0)
		return -1;
	if ((inv_p = yes_no(cell(row, pos, IC_INVITE_PORTAL))) < 0 &&
	    add_problem(r, rep, rowno, IC_INVITE_PORTAL, cell(row, pos, IC_INVITE_PORTAL),
	    T(r, "plat_imp_err_yes_no")) < 0)
		return -1;
	if ((inv_a = yes_no(cell(row, pos, IC_INVITE_APP))) < 0 &&
	    add_problem(r, rep, rowno, IC_INVITE_APP, cell(row, pos, IC_INVITE_APP),
	    T(r, "plat_imp_err_yes_no")) < 0)
		return -1;
	if ((inv_p > 0 || inv_a > 0) && !experience &&
	    add_problem(r, rep, rowno, inv_p > 0 ? IC_INVITE_PORTAL : IC_INVITE_APP, "yes",
	    T(r, "plat_imp_err_no_experience")) < 0)
		return -1;
	in->wifi = wifi > 0;
	in->invite_portal = inv_p > 0;
	in->invite_app = inv_a > 0;
	if (in->wifi) {
		in->device_limit = cell(row, pos, IC_DEVICE_LIMIT);
		site = cell(row, pos, IC_HOMESITE);
		in->homesite = "";
		for (size_t i = 0; *site && i < sites->nrows; i++)
			if (strcasecmp(site, db_str(sites, i, 1)) == 0)
				in->homesite = db_str(sites, i, 0);
		if (*site && *in->homesite == '\0') {
			/* named, but not a site where the occupier has space: say so, and
			 * keep user_validate from adding a second message for it */
			err.msg[UF_HOMESITE] = "plat_imp_err_site";
			err.n++;
		}
	}
	if ((rc = row_validate(r, scratch, occ, in, &err)) < 0)
		return -1;
	for (int c = 0; c < IC__MAX; c++) {
		int f = icols[c].uf;

		if (f >= 0 && err.msg[f] != NULL && add_problem(r, rep, rowno, c,
		    cell(row, pos, c), T(r, err.msg[f])) < 0)
			return -1;
	}
	return (int)rep->n - before;
}

/*
 * Which addresses of the file the operator already has: EMAIL_BATCH of them per statement
 * (a JSON array joined to uq_user_email) instead of one statement per row. Compared in the
 * column's collation, as user_validate() does, and returned as the file has them. emails is
 * sorted; every row of a taken address gets the problem. Returns 0, or -1 on failure.
 */
#define EMAIL_BATCH 1000

static int
emails_taken(struct req *r, struct arena *scratch, const struct erow *emails, size_t n,
    struct ireport *rep)
{
	struct sbuf json;
	struct dbres res;
	int rc = 0;

	sbuf_init(&json);
	for (size_t at = 0; at < n && rc == 0; ) {
		size_t batch = 0;

		sbuf_reset(&json);
		sbuf_addc(&json, '[');
		for (; at < n && batch < EMAIL_BATCH; at++) {
			if (validate_email(emails[at].email) != NULL ||
			    (at > 0 && strcmp(emails[at].email, emails[at - 1].email) == 0))
				continue;       /* refused already, or asked for already */
			if (batch++)
				sbuf_addc(&json, ',');
			json_add_str(&json, emails[at].email);
		}
		sbuf_addc(&json, ']');
		if (batch == 0)
			break;
		if (json.oom) {
			rc = -1;
			break;
		}
		if (db_query(r->db, scratch, &res, STMT_EMAILS_USED, "si", json.data,
		    (long long)r->me->operator_id) < 0)
			rc = -1;
		for (size_t i = 0; rc == 0 && i < res.nrows; i++) {
			struct erow key = { db_str(&res, i, 0), 0 };
			const struct erow *hit = bsearch(&key, emails, n, sizeof(*emails), email_cmp);

			while (hit != NULL && hit > emails && email_cmp(hit - 1, &key) == 0)
				hit--;
			for (; hit != NULL && hit < emails + n && email_cmp(hit, &key) == 0; hit++)
				if (add_problem(r, rep, hit->row, IC_EMAIL, hit->email,
				    T(r, "err_email_taken")) < 0)
					rc = -1;
		}
		arena_reset(scratch);   /* the result; the problems are in the request's arena */
	}
	sbuf_free(&json);
	return rc;
}

int
import_check(struct req *r, struct arena *scratch, long occ, int experience,
    struct iuser **users, size_t *n, struct ireport *rep)
{
	struct csv csv;
	struct csv_error ce;
	struct dbres sites;
	struct erow *emails = NULL;
	int pos[IC__MAX];

	*users = NULL;
	*n = 0;
	if (r->upload.data == NULL || (r->upload.len == 0 && (r->upload.filename == NULL ||
	    *r->upload.filename == '\0'))) {
		rep->file_error = T(r, "plat_imp_err_no_file");
		return 0;
	}
	if (csv_parse(r->a, r->upload.data, r->upload.len, &csv, &ce) < 0) {
		if (ce.code == CSV_ERR_NOMEM)
			return 500;
		rep->file_error = ce.row ? arena_printf(r->a, "%s (%s %zu, %s %zu)",
		    T(r, csv_strerror(ce.code)), T(r, "plat_imp_row"), ce.row,
		    T(r, "plat_imp_field"), ce.col) : T(r, csv_strerror(ce.code));
		return rep->file_error ? 0 : 500;
	}
	if (read_header(r, &csv.rows[0], pos, rep) < 0)
		return 500;
	if (rep->n)
		return 0;
	if (db_query(r->db, r->a, &sites, STMT_OCC_SITES, "ii", (long long)occ,
	    (long long)r->me->operator_id) < 0)
		return 500;
	if (csv.nrows > 1 && ((*users = arena_alloc(r->a, (csv.nrows - 1) * sizeof(**users))) ==
	    NULL || (emails = arena_alloc(r->a, (csv.nrows - 1) * sizeof(*emails))) == NULL))
		return 500;
	for (size_t i = 1; i < csv.nrows; i++) {
		const struct csv_row *row = &csv.rows[i];
		int blank = 1;

		for (size_t j = 0; j < row->n && blank; j++)
			blank = *str_trim(row->f[j]) == '\0';
		if (blank)
			continue;
		if (check_row(r, scratch, occ, experience, row, i + 1, pos, &sites,
		    &(*users)[*n], rep) < 0)
			return 500;
		emails[*n].email = (*users)[*n].in.email;
		emails[*n].row = i + 1;
		(*n)++;
	}
	rep->nrows = *n;
	if (*n == 0) {
		rep->file_error = T(r, "plat_imp_err_no_rows");
		return 0;
	}
	/* The same address twice in the file: each later row is a problem. */
	qsort(emails, *n, sizeof(*emails), erow_cmp);
	for (size_t i = 1, first = 0; i < *n; i++) {
		if (strcmp(emails[i].email, emails[first].email) != 0 || *emails[i].email == '\0') {
			first = i;
			continue;
		}
		if (add_problem(r, rep, emails[i].row, IC_EMAIL, emails[i].email,
		    arena_printf(r->a, "%s %zu.", T(r, "plat_imp_err_dup_in_file"),
		    emails[first].row)) < 0)
			return 500;
	}
	if (emails_taken(r, scratch, emails, *n, rep) < 0)
		return 500;
	if (rep->n > 1)
		qsort(rep->p, rep->n, sizeof(*rep->p), problem_cmp);
	for (size_t i = 0; i < rep->n; i++)
		rep->bad_rows += i == 0 || rep->p[i].row != rep->p[i - 1].row;
	return 0;
}

