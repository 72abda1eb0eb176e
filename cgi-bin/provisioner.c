/*
 * build/provisioner -c conf/portal.conf [-o key=value ...] [--adapter NAME] [--once]:
 * applies queued phone-number changes (TEL-6). A change of features, "Reset PIN" or
 * "Handset logout" queues a row in provisioning_jobs (tel.c) and, for features, sets the
 * number PENDING. This program takes each due job, hands the number's whole configuration
 * to an adapter (below), marks the job applied and sets the number back to ACTIVE when no
 * other job of it is waiting. A job the adapter could not apply gets attempts + 1,
 * last_error and next_try_at = now + 5 s * 2^attempts (at most 10 min), and is tried again.
 *
 * Claiming (SPEC 11): like build/mailer, a batch of due job ids is read without locks, and
 * each job is then its own transaction: the job row is claimed with SELECT ... FOR UPDATE
 * SKIP LOCKED (another provisioner skips it), then the number's row is locked FOR UPDATE, so
 * that the configuration read after it is the latest committed one and no portal save of the
 * same number can slip in between the read and the commit (tel_save() updates the number
 * row before it queues a job). The count of the number's other waiting jobs is a plain read
 * taken after that lock, so it sees every job queued before; it never waits for the job rows
 * other provisioners hold, which is what keeps two of them from deadlocking on one number.
 * Applying is idempotent (the whole configuration, not a diff), so a job applied twice after a
 * crash, or two jobs of one number applied by two provisioners, do no harm.
 *
 * --once processes everything that is due, without pausing, and exits (tests, cron).
 * SIGTERM/SIGINT are blocked and looked at between jobs: the job in hand is finished first.
 */
#include <getopt.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "conf.h"
#include "daemon.h"
#include "db.h"
#include "db_prov.h"
#include "util.h"

#define BATCH 20                /* candidate jobs read at a time */
#define BACKOFF_FIRST 5         /* seconds before the first retry; doubles each time */
#define BACKOFF_MAX 600

/*
 * A provisioning adapter: how a number's configuration reaches the phone system. The one
 * shipped, "record", stores it in provisioned_config, the state a PBX would receive. A PBX
 * adapter implements the same three functions (for example apply() sending the JSON to the
 * PBX's provisioning API with a timeout) and is added to adapters[]; --adapter picks it.
 *
 *   init   once at start-up, with the configuration: opens connections, reads credentials.
 *          Returns <0 (and says why in err) to stop the program.
 *   apply  pushes the whole configuration of one number: n as stored and json, its
 *          rendering. Runs inside the job's transaction with the number's row locked, and may
 *          use db (the record adapter writes through it). Must be idempotent. Returns 0 when
 *          the phone system has the configuration, <0 with a short reason in err (the job is
 *          retried later; the reason is stored in last_error, so no secrets in it).
 *   fini   at exit.
 */
struct adapter {
	const char *name;
	int (*init)(const struct config *cfg, char *err, size_t errlen);
	int (*apply)(struct db *db, const struct numconf *n, const char *json, char *err,
	    size_t errlen);
	void (*fini)(void);
};

static int record_init(const struct config *, char *, size_t);
static int record_apply(struct db *, const struct numconf *, const char *, char *, size_t);
static void record_fini(void);
static int refuse_apply(struct db *, const struct numconf *, const char *, char *, size_t);

static const struct adapter adapters[] = {
	{ "record", record_init, record_apply, record_fini },
	/* Applies nothing and fails every job: shows the retry path (attempts, last_error). */
	{ "refuse", record_init, refuse_apply, record_fini },
};

static struct config cfg;
static const struct adapter *adapter = &adapters[0];

/* ------------------------------------------------------------------ the configuration */

static const char *
json_bool(const char *v)
{
	return strcmp(v, "0") == 0 || *v == '\0' ? "false" : "true";
}

/* Appends "key":{"on":bool,"to":"target"} for one forwarding. */
static void
json_forward(struct sbuf *b, const char *key, const char *on, const char *to)
{
	sbuf_printf(b, "\"%s\":{\"on\":%s,\"to\":", key, json_bool(on));
	json_add_str(b, to);
	sbuf_addc(b, '}');
}

/*
 * The whole configuration of a number as JSON, the document a PBX receives. The caller ID
 * the PBX should present is spelt out, since Hide Caller ID overrides CLI (TEL-3).
 */
static void
config_json(struct sbuf *b, const struct numconf *n)
{
	int hide = strcmp(json_bool(n->hide_caller_id), "true") == 0;
	int cli = strcmp(json_bool(n->cli), "true") == 0 && *n->cli_number != '\0';

	sbuf_printf(b, "{\"number_id\":%s,\"version\":%s,\"number\":", n->id, n->version);
	json_add_str(b, n->number);
	sbuf_adds(b, ",\"extension\":");
	json_add_str(b, n->extension);
	sbuf_adds(b, ",\"site\":");
	json_add_str(b, n->site);
	sbuf_printf(b, ",\"operator_id\":%s,\"occupier\":", n->operator_id);
	if (strcmp(n->occupier_id, "0") == 0)
		sbuf_adds(b, "null");
	else {
		sbuf_printf(b, "{\"id\":%s,\"name\":", n->occupier_id);
		json_add_str(b, n->occupier);
		sbuf_addc(b, '}');
	}
	sbuf_adds(b, ",\"user\":");
	if (strcmp(n->user_id, "0") == 0)
		sbuf_adds(b, "null");
	else {
		sbuf_printf(b, "{\"id\":%s,\"display_name\":", n->user_id);
		json_add_str(b, n->user_name);
		sbuf_adds(b, ",\"email\":");
		json_add_str(b, n->user_email);
		sbuf_addc(b, '}');
	}
	sbuf_adds(b, ",\"pin\":{\"default\":");
	json_add_str(b, n->default_pin);
	sbuf_printf(b, ",\"custom_set\":%s}", json_bool(n->custom_pin));
	sbuf_adds(b, ",\"handset\":{\"type\":");
	json_add_str(b, n->handset_type);
	sbuf_printf(b, ",\"logged_in\":%s}", json_bool(n->handset_logged_in));
	sbuf_adds(b, ",\"features\":{\"call_forwarding\":{");
	json_forward(b, "always", n->fwd_always, n->fwd_always_to);
	sbuf_addc(b, ',');
	json_forward(b, "busy", n->fwd_busy, n->fwd_busy_to);
	sbuf_addc(b, ',');
	json_forward(b, "no_answer", n->fwd_noanswer, n->fwd_noanswer_to);
	sbuf_printf(b, "},\"voicemail\":{\"on\":%s,\"to_email\":%s,\"email\":",
	    json_bool(n->voicemail), json_bool(n->vm_to_email));
	json_add_str(b, n->vm_email);
	sbuf_printf(b, "},\"call_waiting\":%s,\"do_not_disturb\":%s,\"cli\":{\"on\":%s,"
	    "\"number\":", json_bool(n->call_waiting), json_bool(n->dnd), json_bool(n->cli));
	json_add_str(b, n->cli_number);
	sbuf_printf(b, "},\"hide_caller_id\":%s,\"authorization_code\":%s,\"music_on_hold\":%s,"
	    "\"anonymous_caller_rejection\":%s}", json_bool(n->hide_caller_id),
	    json_bool(n->auth_code), json_bool(n->music_on_hold), json_bool(n->anon_reject));
	sbuf_adds(b, ",\"presented_caller_id\":");
	if (hide)
		sbuf_adds(b, "null");
	else
		json_add_str(b, cli ? n->cli_number : n->number);
	sbuf_addc(b, '}');
}

/* ------------------------------------------------------------------ adapters */

static int
record_init(const struct config *c, char *err, size_t errlen)
{
	(void)c;
	(void)err;
	(void)errlen;
	return 0;
}

/* The record adapter: the configuration into provisioned_config, in the job's transaction. */
static int
record_apply(struct db *db, const struct numconf *n, const char *json, char *err,
    size_t errlen)
{
	if (db_prov_record(db, strtoll(n->id, NULL, 10), json) < 0) {
		snprintf(err, errlen, "provisioned_config: %s", db_error(db));
		return -1;
	}
	return 0;
}

static void
record_fini(void)
{
}

static int
refuse_apply(struct db *db, const struct numconf *n, const char *json, char *err,
    size_t errlen)
{
	(void)db;
	(void)n;
	(void)json;
	snprintf(err, errlen, "the refuse adapter applies nothing");
	return -1;
}

/* ------------------------------------------------------------------ the jobs */

/* Number's configuration through the adapter: err stays empty when it was applied, else says
 * why not; -1 when the database failed. */
static int
apply_config(struct db *db, struct arena *a, long long number, struct numconf *n,
    struct sbuf *json, char *err, size_t errlen)
{
	int rc = db_prov_config(db, a, number, n);

	if (rc < 0)
		return -1;
	if (rc == 0)
		snprintf(err, errlen, "number %lld not found", number);
	else {
		config_json(json, n);
		if (json->oom)
			snprintf(err, errlen, "out of memory");
		else if (adapter->apply(db, n, json->data, err, errlen) < 0 && !err[0])
			snprintf(err, errlen, "%s adapter failed", adapter->name);
	}
	return 0;
}

/*
 * Claims, applies and records job id in one transaction. Returns 1 when the job was handled
 * (applied or marked failed), 0 when it was not there to claim (another provisioner has it,
 * or it is done), -1 when the database failed.
 */
static int
apply_one(struct db *db, struct arena *a, long long id)
{
	struct numconf n;
	struct sbuf json;
	char err[256];
	long long number_id, attempts, wait;
	int rc = -1, others;

	memset(&n, 0, sizeof(n));
	sbuf_init(&json);
	err[0] = '\0';
	if (db_begin(db) < 0 || (rc = db_prov_lock(db, a, id, &number_id, &attempts)) <= 0)
		goto out;
	rc = -1;
	if (apply_config(db, a, number_id, &n, &json, err, sizeof(err)) < 0)
		goto out;
	if (err[0] == '\0') {
		if (db_prov_applied(db, a, id, number_id, &others) < 0 || db_commit(db) < 0)
			goto out;
		daemon_log("job #%lld: %s applied (%s)%s", id, n.number, adapter->name,
		    others ? ", more changes waiting" : ", ACTIVE");
	} else {
		wait = daemon_backoff(attempts, BACKOFF_FIRST, BACKOFF_MAX);
		/* What the adapter may have written is undone with the transaction; the
		 * failure is recorded in a fresh one. */
		db_rollback(db);
		if (db_begin(db) < 0 || db_prov_failed(db, id, err, wait) < 0 || db_commit(db) < 0)
			goto out;
		daemon_log("job #%lld failed (attempt %lld, next in %lld s): %s", id, attempts + 1,
		    wait, err);
	}
	rc = 1;
out:
	if (rc <= 0)
		db_rollback(db);
	sbuf_free(&json);
	return rc;
}

/*
 * One pass over the due jobs, at most BATCH of them. Returns how many were handled, or -1
 * when the database failed.
 */
static int
run_batch(struct db *db, struct arena *list, struct arena *work)
{
	long long *due;
	int n;

	arena_reset(list);
	if ((n = db_prov_due(db, list, &due)) < 0)
		return -1;
	/* A deadlock or lock timeout costs a job a moment, not the program. */
	return daemon_each(db, work, due, n, apply_one, 1);
}

#define USAGE "usage: provisioner -c conf/portal.conf [-o key=value ...] " \
	"[--adapter record|refuse] [--once]"

int
main(int argc, char *argv[])
{
	struct daemon_args da;
	const char *name;
	char err[256];
	int rc = 0;
	struct db *db;

	daemon_args(argc, argv, USAGE, 1, &da);
	name = da.adapter ? da.adapter : adapters[0].name;
	adapter = NULL;
	for (size_t i = 0; i < sizeof(adapters) / sizeof(adapters[0]); i++)
		if (strcmp(adapters[i].name, name) == 0)
			adapter = &adapters[i];
	if (adapter == NULL)
		daemon_usage(USAGE);
	if (conf_load(&cfg, da.conf, da.ov, da.nov) < 0)
		return 1;
	err[0] = '\0';
	if (adapter->init(&cfg, err, sizeof(err)) < 0) {
		fprintf(stderr, "provisioner: %s adapter: %s\n", adapter->name, err);
		return 1;
	}
	if (db_library_init() < 0)
		return 1;
	daemon_init("provisioner");
	signal(SIGPIPE, SIG_IGN);
	if ((db = db_new(&cfg)) == NULL)
		return 1;
	daemon_log("applying phone number changes with the %s adapter", adapter->name);
	rc = daemon_run(db, da.once, run_batch);
	adapter->fini();
	db_free(db);
	db_library_end();
	return rc;
}
