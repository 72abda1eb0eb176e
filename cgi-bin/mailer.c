/*
 * build/mailer -c conf/portal.conf [-o key=value ...] [--once]: delivers the outbox (MAIL-2,
 * MAIL-3). Every due row of mail_outbox is claimed, its bodies decrypted with the server key,
 * and the message handed to the transport of mail_transport:
 *   maildir  one RFC 5322 file per message in <maildir>/new (tmp, new and cur are created)
 *   smtp     libcurl to smtp_url (smtps:// for TLS on connect; on smtp://, smtp_starttls =
 *            try (the default) switches to TLS when the relay offers STARTTLS and logs a
 *            WARNING for every message that went in the clear, require refuses to send
 *            without it, no never asks)
 * A delivered row gets sent_at and its bodies wiped (they carry links and passwords); a failed
 * one gets attempts + 1, last_error and next_try_at = now + 30 s * 2^attempts, at most 1 h.
 *
 * Claiming (SPEC 11): each message is first claimed in a short transaction of its own: its row
 * is locked with SELECT ... FOR UPDATE SKIP LOCKED (another mailer on the same server skips
 * it) and given a random claim token and a lease (next_try_at = now + LEASE_*), then
 * committed. Only then is it delivered, and it is marked sent (or failed) only WHERE its
 * claim_token is still ours. On a Galera cluster a row lock holds on one node only, so two
 * mailers on two nodes can both select the same row; certification lets one claim COMMIT
 * and fails the other (1213), which then leaves the row alone. A mailer that dies holding a
 * claim leaves the row due again when the lease ends; a mailer whose lease ended (it hung)
 * finds its token gone and drops what it delivered to tmp/.
 *
 * Exactly once into a maildir: the message is written and fsync'ed as
 * tmp/<id>.<tag>.<token>.eml, the row is committed as sent by that token, and only then is
 * the file rename()d to new/<id>.<tag>.eml (and new/ fsync'ed). A crash before the COMMIT
 * leaves a tmp/ file of a row not sent, after it a tmp/ file of a row sent by its token: at
 * start (and after the database was unreachable) the mailer looks at each tmp/ file and
 * moves the second kind to new/, deletes the first kind and gives its claim back. The name
 * in new/ depends on the row only (the tag is a keyed hash of the row's id and created_at),
 * and so do its bytes (Date from created_at, Message-ID <id.tag@domain of mail_from>, the
 * MIME boundary from the tag): a maildir shared by several hosts gets one file per row
 * whichever host delivers. SMTP cannot offer this: a relay that accepted a message whose
 * row could not be committed as sent gets it again after the lease, with the same
 * Message-ID, which lets receivers recognise the duplicate.
 *
 * SIGTERM/SIGINT are blocked and only looked at between messages, so the message in hand is
 * finished (delivered and committed) before the program exits; no library call is interrupted.
 * One log line per delivery or failure on stderr, never a body, never the SMTP URL (it may hold
 * credentials).
 */
#include <curl/curl.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <limits.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <sodium.h>

#include "conf.h"
#include "daemon.h"
#include "db.h"
#include "db_mailer.h"
#include "maildir.h"
#include "mailmsg.h"
#include "secret.h"
#include "util.h"

#define BATCH 20                /* candidate rows read at a time */
#define BACKOFF_FIRST 30        /* seconds before the first retry; doubles each time */
#define BACKOFF_MAX 3600        /* retries at least once an hour */
#define SMTP_CONNECT_TIMEOUT 15L
#define SMTP_TIMEOUT 120L
/* A claim lasts longer than the slowest delivery it covers. */
#define LEASE_MAILDIR 10
#define LEASE_SMTP (SMTP_CONNECT_TIMEOUT + SMTP_TIMEOUT + 45)

static struct config cfg;
static unsigned char tag_key[crypto_generichash_KEYBYTES];
static char from_addr[256];     /* the bare address of mail_from */
static const char *msgid_domain;
static CURL *curl;

/* 1 when addr is safe in a header and an SMTP command: one printable word with an "@". */
static int
address_ok(const char *addr)
{
	const char *at = strchr(addr, '@');

	if (at == NULL || at == addr || at[1] == '\0' || strlen(addr) > 254)
		return 0;
	for (const char *p = addr; *p; p++)
		if ((unsigned char)*p <= 0x20 || (unsigned char)*p >= 0x7f ||
		    strchr("<>,;:\"()[]\\", *p) != NULL)
			return 0;
	return 1;
}

struct upload_src {
	const char *p;
	size_t left;
};

static size_t
upload_read(char *buf, size_t size, size_t nitems, void *arg)
{
	struct upload_src *u = arg;
	size_t n = size * nitems;

	if (n > u->left)
		n = u->left;
	memcpy(buf, u->p, n);
	u->p += n;
	u->left -= n;
	return n;
}

/* smtp_starttls: CURLUSESSL_TRY, _ALL or _NONE ("1" and "0" of older configurations too). */
static long
starttls_mode(void)
{
	if (strcmp(cfg.smtp_starttls, "require") == 0 || strcmp(cfg.smtp_starttls, "1") == 0)
		return (long)CURLUSESSL_ALL;
	if (strcmp(cfg.smtp_starttls, "no") == 0 || strcmp(cfg.smtp_starttls, "0") == 0)
		return (long)CURLUSESSL_NONE;
	return (long)CURLUSESSL_TRY;
}

/* Whether the session switched to TLS: libcurl's protocol trace shows the STARTTLS it sent. */
static int
trace(CURL *h, curl_infotype type, char *data, size_t size, void *arg)
{
	(void)h;
	if (type == CURLINFO_HEADER_OUT && size >= 8 && strncasecmp(data, "STARTTLS", 8) == 0)
		*(int *)arg = 1;
	return 0;
}

/* Hands the message to smtp_url. One curl handle for the process keeps the connection. */
static int
deliver_smtp(const struct outmsg *m, const struct sbuf *msg, char *err, size_t errlen)
{
	char from[300], to[300], ebuf[CURL_ERROR_SIZE];
	struct curl_slist *rcpt;
	struct upload_src src = { msg->data, msg->len };
	CURLcode rc;
	int tls = strncasecmp(cfg.smtp_url, "smtps://", 8) == 0, starttls = 0;

	if (curl == NULL && (curl = curl_easy_init()) == NULL) {
		snprintf(err, errlen, "curl_easy_init failed");
		return -1;
	}
	snprintf(from, sizeof(from), "<%s>", from_addr);
	snprintf(to, sizeof(to), "<%s>", m->to);
	if ((rcpt = curl_slist_append(NULL, to)) == NULL) {
		snprintf(err, errlen, "out of memory");
		return -1;
	}
	ebuf[0] = '\0';
	curl_easy_reset(curl);
	curl_easy_setopt(curl, CURLOPT_URL, cfg.smtp_url);
	/* Only mail: a smtp_url of file:// or http:// must not turn into an upload there. */
	curl_easy_setopt(curl, CURLOPT_PROTOCOLS_STR, "smtp,smtps");
	curl_easy_setopt(curl, CURLOPT_MAIL_FROM, from);
	curl_easy_setopt(curl, CURLOPT_MAIL_RCPT, rcpt);
	curl_easy_setopt(curl, CURLOPT_UPLOAD, 1L);
	curl_easy_setopt(curl, CURLOPT_INFILESIZE_LARGE, (curl_off_t)msg->len);
	curl_easy_setopt(curl, CURLOPT_READFUNCTION, upload_read);
	curl_easy_setopt(curl, CURLOPT_READDATA, &src);
	curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
	curl_easy_setopt(curl, CURLOPT_CONNECTTIMEOUT, SMTP_CONNECT_TIMEOUT);
	curl_easy_setopt(curl, CURLOPT_TIMEOUT, SMTP_TIMEOUT);
	curl_easy_setopt(curl, CURLOPT_ERRORBUFFER, ebuf);
	curl_easy_setopt(curl, CURLOPT_USE_SSL, starttls_mode());
	curl_easy_setopt(curl, CURLOPT_DEBUGFUNCTION, trace);
	curl_easy_setopt(curl, CURLOPT_DEBUGDATA, &starttls);
	curl_easy_setopt(curl, CURLOPT_VERBOSE, 1L);
	rc = curl_easy_perform(curl);
	curl_slist_free_all(rcpt);
	if (rc != CURLE_OK) {
		snprintf(err, errlen, "smtp: %.240s", ebuf[0] ? ebuf : curl_easy_strerror(rc));
		return -1;
	}
	/* issue 11: mail carries sign-in links and Wi-Fi passwords; a relay that let it go in
	 * the clear is said so for each message (smtp_starttls = require refuses instead) */
	if (!tls && !starttls)
		daemon_log("WARNING: #%lld to %s went to the relay WITHOUT TLS (it offers no STARTTLS); "
		    "set smtp_starttls = require to refuse such a relay", m->id, m->to);
	return 0;
}

/* Decodes the HEX() of a sealed body and opens it; NULL when damaged or forged. */
static char *
open_body(struct arena *a, const char *hex, size_t *len)
{
	size_t n = strlen(hex) / 2;
	unsigned char *box = arena_alloc(a, n + 1);

	if (box == NULL || hex_decode(box, n, hex) < 0)
		return NULL;
	return secret_open_for(a, SECRET_OUTBOX, 0, box, n, len, NULL);
}

/* A keyed hash of the row (id, created_at): the same on every host and every retry. */
static void
row_tag(struct outmsg *m)
{
	char in[64];
	unsigned char h[16];

	snprintf(in, sizeof(in), "%lld:%lld", m->id, m->created);
	crypto_generichash(h, sizeof(h), (const unsigned char *)in, strlen(in), tag_key,
	    sizeof(tag_key));
	hex_encode(m->tag, h, sizeof(h));
}

/* Wipes the decrypted bodies and the built message. */
static void
outmsg_wipe(struct outmsg *m, struct sbuf *msg)
{
	if (m->text != NULL)
		sodium_memzero((void *)m->text, m->text_len);
	if (m->html != NULL)
		sodium_memzero((void *)m->html, m->html_len);
	if (msg->data != NULL)
		sodium_memzero(msg->data, msg->cap);
	sbuf_free(msg);
}

/*
 * Claims row id (a committed claim token and lease), reads it into m. 1 when it is ours, 0
 * when it is not there to claim (another mailer has it, on this server or, when the COMMIT
 * fails certification, on another node of the cluster, or it is done), -1 on failure.
 */
static int
claim(struct db *db, struct arena *a, long long id, struct outmsg *m, long long *opid)
{
	unsigned char raw[16];
	int rc;
	long long lease = strcmp(cfg.mail_transport, "smtp") == 0 ? LEASE_SMTP : LEASE_MAILDIR;

	randombytes_buf(raw, sizeof(raw));
	hex_encode(m->token, raw, sizeof(raw));
	if (db_begin(db) < 0)
		return -1;
	if ((rc = db_mail_lock(db, a, id, m, opid)) < 0)
		goto fail;
	if (rc == 0) {
		db_rollback(db);
		return 0;
	}
	if (db_mail_take(db, id, m->token, lease) < 0 || db_commit(db) < 0)
		goto fail;
	m->id = id;
	return 1;
fail:
	db_rollback(db);
	return db_errno(db) == DB_RETRY ? 0 : -1;      /* a conflict: the row is someone else's */
}

/* Opens m's bodies and hands the message to the transport; 1 delivered, 0 not (err says
 * why). */
static int
transport(struct arena *a, struct outmsg *m, struct sbuf *msg, char *err, size_t errlen)
{
	m->text = open_body(a, m->text_hex, &m->text_len);
	m->html = open_body(a, m->html_hex, &m->html_len);
	if (m->text == NULL || m->html == NULL)
		snprintf(err, errlen, "cannot decrypt the bodies (is wifi_key the one that "
		    "queued them?)");
	else if (!address_ok(m->to))
		snprintf(err, errlen, "unusable recipient address");
	else {
		mailmsg_build(msg, m, from_addr, msgid_domain);
		if (msg->oom)
			snprintf(err, errlen, "out of memory");
		else if (strcmp(cfg.mail_transport, "smtp") == 0)
			return deliver_smtp(m, msg, err, errlen) == 0;
		else
			return maildir_deliver(cfg.maildir, m, msg, err, errlen) == 0;
	}
	return 0;
}

/* Records delivered message m as sent while our claim holds (and publishes its maildir
 * file); 0, or -1 when the database failed. */
static int
record_sent(struct db *db, struct arena *a, const struct outmsg *m)
{
	char tmp[PATH_MAX], dst[PATH_MAX];
	int maildir = strcmp(cfg.mail_transport, "smtp") != 0, n, sent = 0;
	const char *token = "";

	maildir_names(cfg.maildir, m, tmp, dst);
	if ((n = db_mail_sent(db, m->id, m->token)) < 0) {
		daemon_log("#%lld delivered to %s but not recorded (%s)%s", m->id, m->to,
		    db_error(db), maildir ? ": left in tmp/ until the row's state is known" :
		    ": it will be delivered again");
		return -1;
	}
	/* The UPDATE may have been retried after a lost server had committed it. */
	if (n == 0) {
		if (db_mail_state(db, a, m->id, &sent, &token) < 0)
			return -1;
		n = sent && strcmp(token, m->token) == 0;
	}
	if (n == 0) {
		/* Our lease ended and another mailer has the row: it delivers it. */
		if (maildir)
			unlink(tmp);
		daemon_log("#%lld: the claim ran out before it was recorded; %s", m->id,
		    maildir ? "left to the mailer that holds it" : "delivered twice");
		return 0;
	}
	if (maildir && maildir_publish(cfg.maildir, tmp, dst) < 0)
		daemon_log("#%lld: recorded as sent, but not yet in new/: %s", m->id,
		    strerror(errno));
	daemon_log("#%lld delivered to %s (%s)", m->id, m->to, cfg.mail_transport);
	return 0;
}

/*
 * Claims, delivers and records outbox row id. Returns 1 when the row was handled (delivered
 * or marked failed, or found taken by another mailer since), 0 when it was not there to
 * claim, -1 when the database failed.
 */
static int
deliver_one(struct db *db, struct arena *a, long long id)
{
	struct outmsg m;
	struct sbuf msg;
	char err[256];
	long long opid = 0, wait;
	int rc;

	memset(&m, 0, sizeof(m));
	sbuf_init(&msg);
	err[0] = '\0';
	if ((rc = claim(db, a, id, &m, &opid)) <= 0)
		return rc;
	row_tag(&m);
	rc = -1;
	if (opid > 0 && db_mail_operator_name(db, a, opid, &m.from_name) < 0)
		goto out;
	if (transport(a, &m, &msg, err, sizeof(err))) {
		if (record_sent(db, a, &m) < 0)
			goto out;
	} else {
		wait = daemon_backoff(m.attempts, BACKOFF_FIRST, BACKOFF_MAX);
		if (db_mail_failed(db, id, m.token, wait, err) < 0)
			goto out;
		daemon_log("#%lld to %s failed (attempt %lld, next in %lld s): %s", id, m.to,
		    m.attempts + 1, wait, err);
	}
	rc = 1;
out:
	outmsg_wipe(&m, &msg);
	return rc;
}

/*
 * One pass over the due rows, at most BATCH of them. Returns how many were handled, or -1
 * when the database failed.
 */
static int
run_batch(struct db *db, struct arena *list, struct arena *work)
{
	long long *due;
	int n;

	arena_reset(list);
	if ((n = db_mail_due(db, list, &due)) < 0)
		return -1;
	return daemon_each(db, work, due, n, deliver_one, 0);
}

/* Whether the tmp/ files a crash left are to be looked at: at start and after the database
 * was unreachable (what was in hand is looked at again). */
static int recover = 1;

/* One round of the daemon loop: the tmp/ files when due (maildir), then a batch. */
static int
batch(struct db *db, struct arena *list, struct arena *work)
{
	int n = 0;

	if (recover && strcmp(cfg.mail_transport, "maildir") == 0)
		n = maildir_recover(cfg.maildir, db, work);
	if (n == 0) {
		recover = 0;
		n = run_batch(db, list, work);
	}
	if (n < 0)
		recover = 1;
	return n;
}

/* The address of mail_from ("a@b" or "Name <a@b>") and the domain for Message-IDs. */
static int
sender_init(void)
{
	const char *lt = strchr(cfg.mail_from, '<'), *gt;
	const char *at;

	if (lt != NULL && (gt = strchr(lt, '>')) != NULL)
		snprintf(from_addr, sizeof(from_addr), "%.*s", (int)(gt - lt - 1), lt + 1);
	else
		snprintf(from_addr, sizeof(from_addr), "%s", cfg.mail_from);
	if (!address_ok(from_addr)) {
		fprintf(stderr, "mailer: mail_from is not an address: %s\n", cfg.mail_from);
		return -1;
	}
	at = strchr(from_addr, '@');
	msgid_domain = at + 1;
	return 0;
}

int
main(int argc, char *argv[])
{
	struct daemon_args da;
	char err[256];
	int rc = 0;
	struct db *db;

	daemon_args(argc, argv, "usage: mailer -c conf/portal.conf [-o key=value ...] [--once]", 0,
	    &da);
	if (conf_load(&cfg, da.conf, da.ov, da.nov) < 0)
		return 1;
	if (strcmp(cfg.mail_transport, "maildir") != 0 && strcmp(cfg.mail_transport, "smtp")) {
		fprintf(stderr, "mailer: mail_transport must be maildir or smtp\n");
		return 1;
	}
	if (strcmp(cfg.smtp_starttls, "try") && strcmp(cfg.smtp_starttls, "require") &&
	    strcmp(cfg.smtp_starttls, "no") && strcmp(cfg.smtp_starttls, "1") &&
	    strcmp(cfg.smtp_starttls, "0")) {
		fprintf(stderr, "mailer: smtp_starttls must be try, require or no\n");
		return 1;
	}
	if (strcmp(cfg.mail_transport, "smtp") == 0 && cfg.smtp_url[0] == '\0') {
		fprintf(stderr, "mailer: mail_transport = smtp needs smtp_url\n");
		return 1;
	}
	if (strcmp(cfg.mail_transport, "maildir") == 0 &&
	    maildir_prepare(cfg.maildir, err, sizeof(err)) < 0) {
		fprintf(stderr, "mailer: %s\n", err);
		return 1;
	}
	if (secret_init(&cfg) < 0 || sender_init() < 0)
		return 1;
	crypto_kdf_derive_from_key(tag_key, sizeof(tag_key), 1, "mailer__", cfg.wifi_key);
	if (curl_global_init(CURL_GLOBAL_DEFAULT) != 0 || db_library_init() < 0)
		return 1;
	daemon_init("mailer");
	signal(SIGPIPE, SIG_IGN);
	if ((db = db_new(&cfg)) == NULL)
		return 1;
	if (strcmp(cfg.mail_transport, "smtp") == 0 && starttls_mode() == (long)CURLUSESSL_NONE &&
	    strncasecmp(cfg.smtp_url, "smtps://", 8) != 0)
		daemon_log("WARNING: smtp_starttls = no: every message goes to the relay in the clear");
	daemon_log("delivering by %s%s%s", cfg.mail_transport,
	    strcmp(cfg.mail_transport, "maildir") == 0 ? " into " : "",
	    strcmp(cfg.mail_transport, "maildir") == 0 ? cfg.maildir : "");
	rc = daemon_run(db, da.once, batch);
	db_free(db);
	if (curl != NULL)
		curl_easy_cleanup(curl);
	curl_global_cleanup();
	db_library_end();
	sodium_memzero(&cfg, sizeof(cfg));
	return rc;
}
