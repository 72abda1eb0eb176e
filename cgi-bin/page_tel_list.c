/*
 * The platform's list of telephone numbers (PLAT-5, TEL-1): the operator's numbers by site,
 * and those allocated to the operator's own account. Every statement is scoped by the
 * signed-in operator.
 */
#include <string.h>

#include "app.h"
#include "db_phone.h"
#include "pages.h"
#include "tel.h"
#include "tmpl.h"

#define NUMBERS_SHOWN 2000          /* numbers on the list page */

/* The numbers x[0..n-1] into SITE sections of d, one per site, in order. */
static void
numbers_by_site(struct req *r, struct tmpl_dict *d, const struct number_row *x, int n)
{
	struct tmpl_dict *site = NULL;
	const char *last = NULL;

	for (int i = 0; i < n && i < NUMBERS_SHOWN; i++) {
		struct tmpl_dict *row;

		if (last == NULL || strcmp(last, x[i].site_id) != 0) {
			last = x[i].site_id;
			site = tmpl_section(d, "SITE");
			tmpl_set(site, "SITE_ID", last);
			tmpl_set(site, "SITE_NAME", x[i].site_name);
		}
		row = tmpl_section(site, "NUMBER");
		tmpl_set(row, "ID", x[i].id);
		tmpl_set(row, "NUMBER", x[i].number);
		tmpl_set(row, "EXTENSION", x[i].extension);
		tel_status_badge(r, row, x[i].status);
		if (!x[i].allocated)
			tmpl_show(row, "UNALLOCATED");
		else if (x[i].occupier_id == NULL)
			tmpl_show(row, "TO_ACCOUNT");
		else {
			struct tmpl_dict *o = tmpl_section(row, "TO_OCCUPIER");

			tmpl_set(o, "OCC_ID", x[i].occupier_id);
			tmpl_set(o, "OCC_NAME", x[i].occupier_name);
		}
		if (x[i].user_id == NULL)
			tmpl_show(row, "NOBODY");
		else {
			struct tmpl_dict *u = tmpl_section(row, "ASSIGNEE");

			tmpl_set(u, "NAME", x[i].user_name);
			tmpl_set(u, "EMAIL", x[i].user_email);
		}
	}
	if (n > NUMBERS_SHOWN)
		tmpl_show(d, "TRUNCATED");
	if (n == 0)
		tmpl_show(d, "EMPTY");
}

/* PLAT-5: GET /platform/telephony, every number of the operator by site. */
int
h_tel_list(struct req *r)
{
	struct tmpl_dict *d;
	struct number_row *x;
	const char *q;
	char *like;
	long page;
	int rc, n;

	if ((rc = list_args(r, 100, &q, &page)) != 0)
		return rc;
	if ((like = like_arg(r->a, q)) == NULL)
		return 500;
	if ((n = db_numbers(r, r->me->operator_id, q, like, NUMBERS_SHOWN + 1, &x)) < 0)
		return 500;
	if ((d = page_start(r, "platform_telephony.tpl", "telephony")) == NULL)
		return 500;
	tmpl_set(d, "Q", q);
	tmpl_set_int(d, "TOTAL", (long)n);
	tmpl_show(d, "ALL");
	numbers_by_site(r, d, x, n);
	return page_finish(r);
}

/* PLAT-6: GET /platform/account/telephony, the numbers allocated to the account by site. */
int
h_account_telephony(struct req *r)
{
	struct tmpl_dict *d;
	struct number_row *x;
	int n;

	if ((n = db_account_numbers(r, r->me->operator_id, NUMBERS_SHOWN + 1, &x)) < 0)
		return 500;
	if ((d = page_start(r, "platform_telephony.tpl", "plat_acc_tab_telephony")) == NULL)
		return 500;
	account_tabs(r, tmpl_section(d, "ACCOUNT"), "telephony");
	tmpl_set_int(d, "TOTAL", (long)n);
	numbers_by_site(r, d, x, n);
	return page_finish(r);
}

/* ------------------------------------------------------------------------------------ */
/* A number's page                                                                       */
