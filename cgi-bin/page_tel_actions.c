/*
 * TEL-2 on the platform (issue 13): "Reset PIN" and "Handset logout" on a number's page, as
 * My profile offers them to its user; the number is looked up among the signed-in
 * operator's, and the change is queued for the PBX (tel.c) and audited.
 */
#include <string.h>

#include "app.h"
#include "pages.h"
#include "tel.h"

/* Runs act on number r->id of the operator; digital_only: only while a handset is in. */
static int
number_action(struct req *r, int (*act)(struct req *, const struct tel *), int digital_only,
    const char *notice)
{
	struct tel t;
	int rc;

	if ((rc = tel_load(r, r->id, r->me->operator_id, &t)) <= 0)
		return rc < 0 ? 500 : 404;
	if (digital_only && (strcmp(t.handset_type, "digital") != 0 || !t.handset_logged_in))
		return 400;
	if (tx_begin(r) < 0)
		return 500;
	if ((rc = act(r, &t)) <= 0 || tx_commit(r) < 0) {
		tx_rollback(r);
		return rc == 0 ? 400 : 500;
	}
	return page_redirect(r, arena_printf(r->a, "/platform/telephony/%ld?n=%s", r->id,
	    notice));
}

/* POST /platform/telephony/ID/pin-reset. */
int
h_tel_pin_reset(struct req *r)
{
	return number_action(r, tel_pin_reset, 0, "pin_reset");
}

/* POST /platform/telephony/ID/handset-logout. */
int
h_tel_handset_logout(struct req *r)
{
	return number_action(r, tel_handset_logout, 1, "handset_logged_out");
}
