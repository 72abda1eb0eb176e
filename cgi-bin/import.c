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
#include "db_import.h"
#include "db_users.h"
#include "import.h"
#include "pages.h"
#include "tmpl.h"
#include "userform.h"
#include "util.h"
#include "validate.h"

/* The occupier's sites, for the homesite column. */
struct site_list {
	struct site *v;
	size_t n;
};

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

/* A value in a column the header does not name: the row's one problem (1), else 0; -1. */
static int
row_extra_field(struct req *r, const struct csv_row *row, size_t rowno, const int *pos,
    struct ireport *rep)
{
	for (size_t i = 0; i < row->n; i++) {
		int used = 0;

		for (int c = 0; c < IC__MAX; c++)
			used |= pos[c] == (int)i;
		if (!used && *str_trim(row->f[i]) != '\0')
			return add_problem(r, rep, rowno, -1, row->f[i],
			    T(r, "plat_imp_err_extra_field")) < 0 ? -1 : 1;
	}
	return 0;
}

/* The yes/no columns of a row (Wi-Fi, the two invitations) into in; problems to rep. */
static int
row_flags(struct req *r, const struct csv_row *row, size_t rowno, const int *pos,
    int experience, struct user_input *in, struct ireport *rep)
{
	static const int col[3] = { IC_WIFI, IC_INVITE_PORTAL, IC_INVITE_APP };
	int v[3];

	for (int k = 0; k < 3; k++)
		if ((v[k] = yes_no(cell(row, pos, col[k]))) < 0 &&
		    add_problem(r, rep, rowno, col[k], cell(row, pos, col[k]),
		    T(r, "plat_imp_err_yes_no")) < 0)
			return -1;
	if ((v[1] > 0 || v[2] > 0) && !experience &&
	    add_problem(r, rep, rowno, v[1] > 0 ? IC_INVITE_PORTAL : IC_INVITE_APP, "yes",
	    T(r, "plat_imp_err_no_experience")) < 0)
		return -1;
	in->wifi = v[0] > 0;
	in->invite_portal = v[1] > 0;
	in->invite_app = v[2] > 0;
	return 0;
}

/*
 * Checks one data row into *u; its problems go to rep. Returns the number of problems,
 * or -1 on failure.
 */
static int
check_row(struct req *r, struct arena *scratch, long occ, int experience,
    const struct csv_row *row, size_t rowno, const int *pos, const struct site_list *sites,
    struct iuser *u, struct ireport *rep)
{
	struct user_input *in = &u->in;
	struct user_errors err;
	char *email, *lang, *role, *site;
	int before = (int)rep->n, rc;

	memset(u, 0, sizeof(*u));
	memset(&err, 0, sizeof(err));
	u->row = rowno;
	if ((rc = row_extra_field(r, row, rowno, pos, rep)) != 0)
		return rc;
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
	if (row_flags(r, row, rowno, pos, experience, in, rep) < 0)
		return -1;
	if (in->wifi) {
		in->device_limit = cell(row, pos, IC_DEVICE_LIMIT);
		site = cell(row, pos, IC_HOMESITE);
		in->homesite = "";
		for (size_t i = 0; *site && i < sites->n; i++)
			if (strcasecmp(site, sites->v[i].name) == 0)
				in->homesite = sites->v[i].id;
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
	const char **used = NULL;
	size_t nused = 0;
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
		if (db_emails_used(r, scratch, json.data, r->me->operator_id, &used, &nused) < 0)
			rc = -1;
		for (size_t i = 0; rc == 0 && i < nused; i++) {
			struct erow key = { used[i], 0 };
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

/* The same address twice in the file: each later row is a problem (emails sorted here). */
static int
dups_in_file(struct req *r, struct erow *emails, size_t n, struct ireport *rep)
{
	qsort(emails, n, sizeof(*emails), erow_cmp);
	for (size_t i = 1, first = 0; i < n; i++) {
		if (strcmp(emails[i].email, emails[first].email) != 0 || *emails[i].email == '\0') {
			first = i;
			continue;
		}
		if (add_problem(r, rep, emails[i].row, IC_EMAIL, emails[i].email,
		    arena_printf(r->a, "%s %zu.", T(r, "plat_imp_err_dup_in_file"),
		    emails[first].row)) < 0)
			return -1;
	}
	return 0;
}

int
import_check(struct req *r, struct arena *scratch, long occ, int experience,
    struct iuser **users, size_t *n, struct ireport *rep)
{
	struct csv csv;
	struct csv_error ce;
	struct site_list sites;
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
	if (db_occupier_sites(r, r->me->operator_id, occ, &sites.v, &sites.n) < 0)
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
	if (dups_in_file(r, emails, *n, rep) < 0 || emails_taken(r, scratch, emails, *n, rep) < 0)
		return 500;
	if (rep->n > 1)
		qsort(rep->p, rep->n, sizeof(*rep->p), problem_cmp);
	for (size_t i = 0; i < rep->n; i++)
		rep->bad_rows += i == 0 || rep->p[i].row != rep->p[i - 1].row;
	return 0;
}

