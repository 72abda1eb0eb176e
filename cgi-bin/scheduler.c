/*
 * build/scheduler -c conf/portal.conf [-o key=value ...] [--once]: the timer program of
 * issue 16, on the shared daemon loop (daemon_run):
 *
 *   Invitation reminders: an invitation still unanswered 2 days and 6 days after it was sent
 *   gets a reminder email (through the outbox, in the user's language) with a link of its own
 *   that expires with the invitation; an operator can turn reminders off (operators.
 *   invite_reminders). A late start sends one reminder, not two.
 *
 *   Scheduled offboarding: on a user's leaving date (UTC) the Wi-Fi account and the user
 *   account are deactivated, the sessions and links end, the phone number is unassigned (a
 *   provisioning job queued, as unassigning does on the platform), and the audit log says so.
 *
 * Never twice, with a scheduler on every host (SPEC 11): due rows are read without locks, then
 * each is its own transaction that claims the row with SELECT ... FOR UPDATE SKIP LOCKED and
 * repeats the condition under the lock; the row no longer matches once that commits (the
 * reminder count went up, the leaving date was cleared), so another scheduler skips it while
 * it is locked and finds nothing to do after.
 *
 *   Operator-level notices (issue 13, sql/022): each one emailed once to the operator's
 *   emergency contacts through the outbox.
 *
 * --once does everything that is due and exits (tests, cron). SIGTERM/SIGINT are looked at
 * between two pieces of work.
 */
#include <getopt.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#include "app.h"
#include "audit.h"
#include "conf.h"
#include "daemon.h"
#include "db.h"
#include "i18n.h"
#include "mail.h"
#include "secret.h"
#include "states.h"
#include "tmpl.h"

#define BATCH 20

static struct config cfg;

/* What mail_queue() and audit_add() need of a request; the actor is the scheduler. */
static void
req_init(struct req *r, struct me *me, struct db *db, struct arena *a, long op)
{
	memset(r, 0, sizeof(*r));
	memset(me, 0, sizeof(*me));
	me->operator_id = op;
	me->email = "scheduler";
	r->a = a;
	r->db = db;
	r->cfg = &cfg;
	r->me = me;
	r->lang = "en";
}

/* A new link token: its hex for the email, its hash for user_tokens (as auth.c's). */
static void
link_token(char hex[65], unsigned char hash[32])
{
	unsigned char raw[32];

	randombytes_buf(raw, sizeof(raw));
	hex_encode(hex, raw, sizeof(raw));
	crypto_generichash(hash, 32, (unsigned char *)hex, 64, NULL, 0);
	sodium_memzero(raw, sizeof(raw));
}

/* A reminder's message: its subject and body name what the invitation grants (issue 13), its
 * link starts with the operator's own portal address (PLAT-7). */
static int
remind_mail(struct req *r, const struct dbres *res, const char *hex)
{
	const char *g = mail_grant(db_int(res, 0, 6) == 0, (int)db_int(res, 0, 10),
	    (int)db_int(res, 0, 11)), *base = mail_base_url(r, r->me->operator_id);
	const char *subject = str_eq(g, "portal") ? "mail_invite_reminder_subject" :
	    arena_printf(r->a, "mail_invite_reminder_subject_%s", g);
	const char *lang = i18n_pick(db_str(res, 0, 3));
	const char *pairs[] = { "NAME", db_str(res, 0, 4), "LINK", NULL, "EXPIRES",
	    db_str(res, 0, 8), "BODY", i18n(lang, str_eq(g, "both") ?
	    "mail_invite_reminder_body" : arena_printf(r->a, "mail_invite_reminder_body_%s", g)),
	    NULL };

	if (base == NULL || subject == NULL ||
	    (pairs[3] = arena_printf(r->a, "%s/set-password#t=%s", base, hex)) == NULL)
		return -1;
	return mail_queue_values_subject(r, r->me->operator_id, db_str(res, 0, 2), lang,
	    "invite_reminder", subject, pairs);
}

/* One reminder: 1 sent, 0 nothing to do (taken or no longer due), <0 failure. */
static int
remind_one(struct db *db, struct arena *a, const char *tok)
{
	struct dbres res;
	struct req r;
	struct me me;
	char hex[65], count[24];
	unsigned char hash[32];
	long long n;

	if (db_begin(db) < 0)
		return -1;
	if (db_query(db, a, &res, STMT_REMIND_CLAIM, "s", tok) < 0)
		goto fail;
	if (res.nrows == 0) {
		db_rollback(db);
		return 0;
	}
	req_init(&r, &me, db, a, (long)db_int(&res, 0, 1));
	/* a scheduler that was down sends one reminder for both */
	n = db_int(&res, 0, 5) == 0 && db_int(&res, 0, 7) ? 2 : db_int(&res, 0, 5) + 1;
	snprintf(count, sizeof(count), "%lld", n);
	link_token(hex, hash);
	if (db_exec(db, STMT_REMIND_MARK, "is", n, tok) != 1 ||
	    db_exec(db, STMT_REMIND_TOKEN, "bs", hash, (size_t)32, tok) != 1 ||
	    remind_mail(&r, &res, hex) < 0 ||
	    audit_add(&r, (long)db_int(&res, 0, 6), (long)db_int(&res, 0, 0), db_str(&res, 0, 9),
	    "user.invite_reminder", "reminders", "", count) < 0 ||
	    db_commit(db) < 0)
		goto fail;
	daemon_log("invitation reminder %lld sent to user %s", n, db_str(&res, 0, 0));
	return 1;
fail:
	db_rollback(db);
	return -1;
}

/* The user's number, unassigned and queued to the PBX; 0 when none. */
static int
leaver_number(struct req *r, long id, long occ, const char *label)
{
	struct dbres res;

	if (db_query(r->db, r->a, &res, STMT_LEAVER_NUMBER, "ii", (long long)id,
	    (long long)r->me->operator_id) < 0)
		return -1;
	if (res.nrows == 0)
		return 0;
	if (db_exec(r->db, STMT_ASSIGN, "uii", 0LL, db_int(&res, 0, 0),
	    (long long)r->me->operator_id) != 1 ||
	    db_exec(r->db, STMT_JOB, "i", db_int(&res, 0, 0)) < 0 ||
	    audit_add(r, occ, id, db_str(&res, 0, 1), "number.assign", "user", label, "") < 0)
		return -1;
	return 1;
}

/* One leaver: 1 done, 0 nothing to do, <0 failure. */
static int
leave_one(struct db *db, struct arena *a, long long id)
{
	struct dbres res;
	struct req r;
	struct me me;
	const char *label;
	long occ;
	long long wifi;

	if (db_begin(db) < 0)
		return -1;
	if (db_query(db, a, &res, STMT_LEAVER_CLAIM, "i", id) < 0)
		goto fail;
	if (res.nrows == 0) {
		db_rollback(db);
		return 0;
	}
	req_init(&r, &me, db, a, (long)db_int(&res, 0, 1));
	occ = (long)db_int(&res, 0, 2);
	label = db_str(&res, 0, 3);
	if ((wifi = db_exec(db, STMT_WIFI_OFF, "i", id)) < 0 ||
	    (wifi && audit_add(&r, occ, (long)id, label, "wifi.update", "state", "ACTIVE",
	    "DEACTIVATED") < 0) ||
	    db_exec(db, STMT_LEAVER_DONE, "i", id) != 1 ||
	    (state_of(db_str(&res, 0, 5)) != ST_DEACTIVATED && audit_add(&r, occ, (long)id,
	    label, "user.update", "account_state", db_str(&res, 0, 5), "DEACTIVATED") < 0) ||
	    db_exec(db, STMT_SESSION_END_ALL, "i", id) < 0 ||
	    db_exec(db, STMT_TOKEN_DEL_ALL, "i", id) < 0 ||
	    db_exec(db, STMT_TFA_PEND_DEL_USER, "i", id) < 0 ||
	    leaver_number(&r, (long)id, occ, label) < 0 ||
	    audit_add(&r, occ, (long)id, label, "user.offboard", "leave_on", db_str(&res, 0, 4),
	    "") < 0 || db_commit(db) < 0)
		goto fail;
	daemon_log("user %lld offboarded (leaving date %s)", id, db_str(&res, 0, 4));
	return 1;
fail:
	db_rollback(db);
	return -1;
}

/*
 * Issue 13: one operator-level notice (sql/022: a message the mailer could not deliver, a job
 * the provisioner could not apply) emailed to each emergency contact of its operator through
 * the outbox, in one transaction with its being marked sent. Those messages are flagged
 * notice = 1: their own failure raises no notice. 1 sent, 0 nothing to do, <0 failure.
 */
static int
notice_one(struct db *db, struct arena *a, long long id)
{
	struct dbres res, to;
	struct req r;
	struct me me;
	const char *subject, *pairs[9];

	if (db_begin(db) < 0)
		return -1;
	if (db_query(db, a, &res, STMT_NOTICE_CLAIM, "i", id) < 0)
		goto fail;
	if (res.nrows == 0) {
		db_rollback(db);
		return 0;
	}
	req_init(&r, &me, db, a, (long)db_int(&res, 0, 0));
	subject = arena_printf(a, "mail_operator_notice_%s_subject", db_str(&res, 0, 1));
	pairs[0] = "BODY";
	pairs[1] = i18n("en", arena_printf(a, "mail_operator_notice_%s", db_str(&res, 0, 1)));
	pairs[2] = "WHAT";
	pairs[3] = db_str(&res, 0, 2);
	pairs[4] = "ERROR";
	pairs[5] = db_str(&res, 0, 3);
	pairs[6] = "WHEN";
	pairs[7] = db_str(&res, 0, 4);
	pairs[8] = NULL;
	if (subject == NULL || db_query(db, a, &to, STMT_CONTACTS, "iss", db_int(&res, 0, 0),
	    "emergency", "emergency") < 0)
		goto fail;
	for (size_t i = 0; i < to.nrows; i++)
		if (mail_queue_values_subject(&r, r.me->operator_id, db_str(&to, i, 1), "en",
		    "operator_notice", subject, pairs) < 0 ||
		    db_exec(db, STMT_OUTBOX_NOTICE, "") != 1)
			goto fail;
	if (db_exec(db, STMT_NOTICE_DONE, "i", id) != 1 || db_commit(db) < 0)
		goto fail;
	daemon_log("notice %lld (%s) sent to %zu emergency contact(s) of operator %ld", id,
	    db_str(&res, 0, 1), to.nrows, r.me->operator_id);
	return 1;
fail:
	db_rollback(db);
	return -1;
}

/* Does each due row of list (its first column the id) with fn; how many were done or -1. */
static int
each_due(struct db *db, struct arena *list, struct arena *work, enum stmt due,
    int (*fn)(struct db *, struct arena *, long long))
{
	struct dbres res;
	int done = 0, rc;

	if (db_query(db, list, &res, due, "i", (long long)BATCH) < 0)
		return -1;
	for (size_t i = 0; i < res.nrows && !daemon_stop_requested(); i++) {
		arena_reset(work);
		if ((rc = fn(db, work, db_int(&res, i, 0))) < 0)
			return -1;
		done += rc;
	}
	return done;
}

/* One pass: the due reminders, then the due leavers. Returns how many were done. */
static int
run_batch(struct db *db, struct arena *list, struct arena *work)
{
	struct dbres res;
	int done = 0, rc;

	arena_reset(list);
	if (db_query(db, list, &res, STMT_REMIND_DUE, "i", (long long)BATCH) < 0)
		return -1;
	for (size_t i = 0; i < res.nrows && !daemon_stop_requested(); i++) {
		arena_reset(work);
		if ((rc = remind_one(db, work, db_str(&res, i, 0))) < 0)
			return -1;
		done += rc;
	}
	if ((rc = each_due(db, list, work, STMT_LEAVERS_DUE, leave_one)) < 0)
		return -1;
	done += rc;
	if ((rc = each_due(db, list, work, STMT_NOTICES_DUE, notice_one)) < 0)
		return -1;
	done += rc;
	return done;
}

int
main(int argc, char *argv[])
{
	struct daemon_args da;
	char path[512];
	int rc;
	struct db *db;

	daemon_args(argc, argv, "usage: scheduler -c conf/portal.conf [-o key=value ...] [--once]",
	    0, &da);
	if (conf_load(&cfg, da.conf, da.ov, da.nov) < 0 || secret_init(&cfg) < 0)
		return 1;
	snprintf(path, sizeof(path), "%s/i18n", cfg.template_dir);
	if (i18n_init(path) < 0 || tmpl_init(cfg.template_dir) < 0 || db_library_init() < 0)
		return 1;
	daemon_init("scheduler");
	signal(SIGPIPE, SIG_IGN);
	if ((db = db_new(&cfg)) == NULL)
		return 1;
	daemon_log("sending invitation reminders and offboarding leavers");
	rc = daemon_run(db, da.once, run_batch);
	db_free(db);
	i18n_free();
	db_library_end();
	return rc;
}
