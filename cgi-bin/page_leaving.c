/*
 * Scheduled offboarding (issue 16): an admin sets or cancels a user's leaving date on the
 * details page (POST {base}/ID/leaving). On that date (UTC) build/scheduler deactivates the
 * Wi-Fi account and the user account, ends the sessions and unassigns the phone number.
 */
#include <string.h>
#include <time.h>

#include "app.h"
#include "audit.h"
#include "pages.h"
#include "users.h"
#include "validate.h"

int
h_user_leaving(struct req *r)
{
	const struct scope *s = r->scope;
	const struct urow *u = r->target;
	const char *cancel = form_get(r, "cancel"), *err;
	char *date = form_text(r, "leave_on"), today[11];
	struct uextra x;
	time_t now = time(NULL);
	struct tm tm;
	int rc;

	if (s->user_id == r->me->id)
		return page_error(r, 403);
	gmtime_r(&now, &tm);
	strftime(today, sizeof(today), "%Y-%m-%d", &tm);
	if (cancel != NULL)
		date = NULL;
	else if ((err = validate_leave_date(date, today)) != NULL)
		return user_view(r, date, err, 400);
	if (db_user_extra(r, s->operator_id, s->occupier_id, s->user_id, &x) <= 0)
		return 500;
	if (date == NULL && *x.leave_on == '\0')
		return page_redirect(r, arena_printf(r->a, "%s/%ld", s->base, s->user_id));
	if (tx_begin(r) < 0)
		return 500;
	if ((rc = db_user_leave_set(r, s->operator_id, s->occupier_id, s->user_id, date)) != 1 ||
	    audit_add(r, s->occupier_id, s->user_id, u->email, date ? "user.leaving_set" :
	    "user.leaving_cancel", "leave_on", x.leave_on, date ? date : "") < 0 ||
	    tx_commit(r) < 0) {
		tx_rollback(r);
		return 500;
	}
	return page_redirect(r, arena_printf(r->a, "%s/%ld?n=%s", s->base, s->user_id,
	    date ? "leaving_set" : "leaving_cancelled"));
}
