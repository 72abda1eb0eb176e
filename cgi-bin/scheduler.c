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
#include "db_sched.h"
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

/* One reminder: 1 sent, 0 nothing to do (taken or no longer due), <0 failure. */
static int
remind_one(struct db *db, struct arena *a, const char *tok)
{
	struct reminder m;
	struct req r;
	struct me me;
	char hex[65], count[24];
	unsigned char hash[32];
	long long n;
	const char *pairs[7];
	int rc;

	if (db_begin(db) < 0)
		return -1;
	if ((rc = db_reminder_lock(db, a, tok, &m)) <= 0) {
		db_rollback(db);
		return rc;
	}
	req_init(&r, &me, db, a, m.op);
	/* a scheduler that was down sends one reminder for both */
	n = m.sent == 0 && m.late ? 2 : m.sent + 1;
	snprintf(count, sizeof(count), "%lld", n);
	link_token(hex, hash);
	pairs[0] = "NAME";
	pairs[1] = m.first_name;
	pairs[2] = "LINK";
	pairs[3] = arena_printf(a, "%s/set-password#t=%s", cfg.base_url, hex);
	pairs[4] = "EXPIRES";
	pairs[5] = m.expires;
	pairs[6] = NULL;
	if (pairs[3] == NULL || db_reminder_sent(db, tok, n, hash) != 1 ||
	    mail_queue_values(&r, m.op, m.email, m.lang, "invite_reminder", pairs) < 0 ||
	    audit_add(&r, m.occ, m.user, m.label, "user.invite_reminder", "reminders", "",
	    count) < 0 || db_commit(db) < 0) {
		db_rollback(db);
		return -1;
	}
	daemon_log("invitation reminder %lld sent to user %ld", n, m.user);
	return 1;
}

/* The leaver's changes beside its own row, audited; 0, or <0 on failure. */
static int
leaver_changes(struct req *r, const struct leaver *l, int wifi)
{
	const char *number;
	int rc;

	if (wifi && audit_add(r, l->occ, (long)l->id, l->label, "wifi.update", "state",
	    "ACTIVE", "DEACTIVATED") < 0)
		return -1;
	if (state_of(l->account_state) != ST_DEACTIVATED && audit_add(r, l->occ, (long)l->id,
	    l->label, "user.update", "account_state", l->account_state, "DEACTIVATED") < 0)
		return -1;
	if (db_leaver_end(r->db, l->id) < 0 ||
	    (rc = db_leaver_unassign(r->db, r->a, l->id, l->op, &number)) < 0 ||
	    (rc > 0 && audit_add(r, l->occ, (long)l->id, number, "number.assign", "user",
	    l->label, "") < 0))
		return -1;
	return audit_add(r, l->occ, (long)l->id, l->label, "user.offboard", "leave_on",
	    l->leave_on, "") < 0 ? -1 : 0;
}

/* One leaver: 1 done, 0 nothing to do, <0 failure. */
static int
leave_one(struct db *db, struct arena *a, long long id)
{
	struct leaver l;
	struct req r;
	struct me me;
	int rc, wifi;

	if (db_begin(db) < 0)
		return -1;
	if ((rc = db_leaver_lock(db, a, id, &l)) <= 0) {
		db_rollback(db);
		return rc;
	}
	req_init(&r, &me, db, a, l.op);
	if (db_leaver_off(db, id, &wifi) != 1 || leaver_changes(&r, &l, wifi) < 0 ||
	    db_commit(db) < 0) {
		db_rollback(db);
		return -1;
	}
	daemon_log("user %lld offboarded (leaving date %s)", id, l.leave_on);
	return 1;
}

/* One pass: the due reminders, then the due leavers. Returns how many were done. */
static int
run_batch(struct db *db, struct arena *list, struct arena *work)
{
	const char **toks;
	long long *ids;
	int done = 0, rc, n;

	arena_reset(list);
	if ((n = db_reminders_due(db, list, BATCH, &toks)) < 0)
		return -1;
	for (int i = 0; i < n && !daemon_stop_requested(); i++) {
		arena_reset(work);
		if ((rc = remind_one(db, work, toks[i])) < 0)
			return -1;
		done += rc;
	}
	arena_reset(work);
	if ((n = db_leavers_due(db, list, BATCH, &ids)) < 0 ||
	    (rc = daemon_each(db, work, ids, n, leave_one, 0)) < 0)
		return -1;
	return done + rc;
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
