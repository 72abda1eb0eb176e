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
#include "secret.h"
#include "util.h"

#define BATCH 20                /* candidate rows read at a time */
#define BACKOFF_FIRST 30        /* seconds before the first retry; doubles each time */
#define BACKOFF_MAX 3600        /* retries at least once an hour */
#define QP_LINE 75              /* quoted-printable text per line before the soft break */
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

/* One claimed outbox row, decrypted. */
struct outmsg {
	long long id, attempts, created;
	const char *to, *subject, *from_name;
	const char *text_hex, *html_hex;        /* sealed bodies as read */
	const char *text, *html;
	size_t text_len, html_len;
	char tag[33];           /* hex of a keyed hash of the row: Message-ID, boundary, file */
	char token[33];         /* our claim on the row */
};

static const char SQL_DUE[] =
	"SELECT id FROM mail_outbox WHERE sent_at IS NULL AND next_try_at <= UTC_TIMESTAMP() "
	"ORDER BY id LIMIT 20";
static const char SQL_CLAIM[] =
	"SELECT to_addr, subject, HEX(body_text), HEX(body_html), attempts, "
	"UNIX_TIMESTAMP(created_at), IFNULL(operator_id, 0) FROM mail_outbox "
	"WHERE id = ? AND sent_at IS NULL AND next_try_at <= UTC_TIMESTAMP() "
	"FOR UPDATE SKIP LOCKED";
static const char SQL_TAKE[] =
	"UPDATE mail_outbox SET claim_token = ?, next_try_at = UTC_TIMESTAMP() + INTERVAL ? SECOND "
	"WHERE id = ?";
/* Not part of the locking read: every message of an operator would contend for its row. */
static const char SQL_OPERATOR_NAME[] = "SELECT name FROM operators WHERE id = ?";
static const char SQL_SENT[] =
	"UPDATE mail_outbox SET sent_at = UTC_TIMESTAMP(), next_try_at = UTC_TIMESTAMP(), "
	"body_text = '', body_html = '', last_error = NULL "
	"WHERE id = ? AND claim_token = ? AND sent_at IS NULL";
static const char SQL_FAILED[] =
	"UPDATE mail_outbox SET attempts = attempts + 1, "
	"next_try_at = UTC_TIMESTAMP() + INTERVAL ? SECOND, last_error = ? "
	"WHERE id = ? AND claim_token = ? AND sent_at IS NULL";
static const char SQL_ROW_STATE[] =
	"SELECT sent_at IS NOT NULL, IFNULL(claim_token, '') FROM mail_outbox WHERE id = ?";
static const char SQL_GIVE_BACK[] =
	"UPDATE mail_outbox SET claim_token = NULL, next_try_at = UTC_TIMESTAMP() "
	"WHERE id = ? AND claim_token = ? AND sent_at IS NULL";

/* "Mon, 2 Jan 2006 15:04:05 +0000" (RFC 5322 3.3), whatever the locale. */
static void
rfc5322_date(char out[40], time_t t)
{
	static const char days[7][4] = { "Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat" };
	static const char mons[12][4] = { "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul",
	    "Aug", "Sep", "Oct", "Nov", "Dec" };
	struct tm tm;

	gmtime_r(&t, &tm);
	snprintf(out, 40, "%s, %d %s %04d %02d:%02d:%02d +0000", days[tm.tm_wday % 7],
	    tm.tm_mday, mons[tm.tm_mon % 12], tm.tm_year + 1900, tm.tm_hour, tm.tm_min,
	    tm.tm_sec);
}

/* 1 when s can stand in a header as it is: printable ASCII, no "=?" that a reader would
 * take for an encoded-word, and short enough for one line. */
static int
header_plain(const char *s)
{
	if (strlen(s) > 900 || strstr(s, "=?") != NULL)
		return 0;
	for (; *s; s++)
		if ((unsigned char)*s < 0x20 || (unsigned char)*s > 0x7e)
			return 0;
	return 1;
}

/*
 * Appends s as RFC 2047 encoded-words (UTF-8, base64) folded onto continuation lines so that
 * no line is longer than 76 characters (RFC 2047 2); col is where the first word starts. A
 * UTF-8 character is never split between two words.
 */
static void
add_encoded_words(struct sbuf *b, const char *s, size_t col)
{
	size_t n = strlen(s), pos = 0;

	while (pos < n) {
		/* 12 characters of "=?UTF-8?B?" and "?=", 4 base64 characters for 3 bytes */
		size_t room = col + 12 + 4 < 76 ? (76 - col - 12) / 4 * 3 : 3;
		size_t len = n - pos > room ? room : n - pos;
		char b64[sodium_base64_ENCODED_LEN(48, sodium_base64_VARIANT_ORIGINAL)];

		if (pos + len < n) {
			size_t l = len;

			while (l > 1 && ((unsigned char)s[pos + l] & 0xc0) == 0x80)
				l--;
			len = l;
		}
		sodium_bin2base64(b64, sizeof(b64), (const unsigned char *)s + pos, len,
		    sodium_base64_VARIANT_ORIGINAL);
		sbuf_printf(b, "%s=?UTF-8?B?%s?=", pos ? "\r\n " : "", b64);
		pos += len;
		col = 1;
	}
}

/* Appends an unstructured header value (the subject). */
static void
add_text_header(struct sbuf *b, const char *name, const char *value)
{
	sbuf_printf(b, "%s: ", name);
	if (header_plain(value))
		sbuf_adds(b, value);
	else
		add_encoded_words(b, value, strlen(name) + 2);
	sbuf_adds(b, "\r\n");
}

/* From: "Operator" <mail_from>, the name quoted or encoded as needed. */
static void
add_from(struct sbuf *b, const char *name)
{
	sbuf_adds(b, "From: ");
	if (name != NULL && *name != '\0') {
		if (header_plain(name) && strpbrk(name, "\"\\") == NULL)
			sbuf_printf(b, "\"%s\"", name);
		else
			add_encoded_words(b, name, 6);
		sbuf_adds(b, " ");
	}
	sbuf_printf(b, "<%s>\r\n", from_addr);
}

/*
 * Appends n bytes of text as quoted-printable (RFC 2045 6.7): lines of at most 76 characters,
 * CRLF line ends (LF, CRLF and a lone CR of the input all become one), "=" and anything not
 * printable ASCII encoded, white space encoded at the end of a line, and a dot at the start of
 * a line encoded so that no SMTP server ever sees a line of a single dot.
 */
static void
add_qp(struct sbuf *b, const char *s, size_t n)
{
	static const char hx[] = "0123456789ABCDEF";
	size_t col = 0;

	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		char enc[3];
		size_t el;
		int eol;

		if (c == '\r' || c == '\n') {
			if (c == '\r' && i + 1 < n && s[i + 1] == '\n')
				i++;
			sbuf_adds(b, "\r\n");
			col = 0;
			continue;
		}
		eol = i + 1 == n || s[i + 1] == '\r' || s[i + 1] == '\n';
		if ((c > 32 && c < 127 && c != '=' && !(c == '.' && col == 0)) ||
		    ((c == ' ' || c == '\t') && !eol)) {
			enc[0] = (char)c;
			el = 1;
		} else {
			enc[0] = '=';
			enc[1] = hx[c >> 4];
			enc[2] = hx[c & 15];
			el = 3;
		}
		if (col + el > QP_LINE) {
			sbuf_adds(b, "=\r\n");
			col = 0;
			if (enc[0] == '.') {    /* now at the start of a line */
				enc[0] = '=';
				enc[1] = '2';
				enc[2] = 'E';
				el = 3;
			}
		}
		sbuf_add(b, enc, el);
		col += el;
	}
}

/* The whole RFC 5322 message of m, CRLF line ends. */
static void
build_message(struct sbuf *b, const struct outmsg *m)
{
	char date[40];

	rfc5322_date(date, (time_t)m->created);
	add_from(b, m->from_name);
	sbuf_printf(b, "To: %s\r\n", m->to);
	add_text_header(b, "Subject", m->subject);
	sbuf_printf(b, "Date: %s\r\n", date);
	sbuf_printf(b, "Message-ID: <%lld.%.16s@%s>\r\n", m->id, m->tag, msgid_domain);
	sbuf_adds(b, "MIME-Version: 1.0\r\n");
	sbuf_adds(b, "Auto-Submitted: auto-generated\r\n");
	/* "=_" never occurs in quoted-printable text, so the boundary cannot either. */
	sbuf_printf(b, "Content-Type: multipart/alternative;\r\n boundary=\"=_%s\"\r\n", m->tag);
	sbuf_adds(b, "\r\n");
	sbuf_printf(b, "--=_%s\r\n", m->tag);
	sbuf_adds(b, "Content-Type: text/plain; charset=UTF-8\r\n"
	    "Content-Transfer-Encoding: quoted-printable\r\n\r\n");
	add_qp(b, m->text, m->text_len);
	sbuf_printf(b, "\r\n--=_%s\r\n", m->tag);
	sbuf_adds(b, "Content-Type: text/html; charset=UTF-8\r\n"
	    "Content-Transfer-Encoding: quoted-printable\r\n\r\n");
	add_qp(b, m->html, m->html_len);
	sbuf_printf(b, "\r\n--=_%s--\r\n", m->tag);
}

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

static int
write_all(int fd, const char *p, size_t n)
{
	while (n > 0) {
		ssize_t w = write(fd, p, n);

		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			return -1;
		p += w;
		n -= (size_t)w;
	}
	return 0;
}

/* mkdir -p of the maildir and its tmp, new and cur. */
static int
maildir_prepare(char *err, size_t errlen)
{
	static const char *const sub[] = { "", "/tmp", "/new", "/cur" };
	char path[PATH_MAX];

	for (size_t i = 0; i < sizeof(sub) / sizeof(sub[0]); i++) {
		snprintf(path, sizeof(path), "%s%s", cfg.maildir, sub[i]);
		if (mkdir(path, 0700) < 0 && errno != EEXIST) {
			snprintf(err, errlen, "mkdir %.180s%s: %.40s", cfg.maildir, sub[i],
			    strerror(errno));
			return -1;
		}
	}
	return 0;
}

/* tmp/<id>.<tag>.<token>.eml and new/<id>.<tag>.eml of m. */
static void
maildir_names(const struct outmsg *m, char tmp[PATH_MAX], char dst[PATH_MAX])
{
	/* cfg.maildir has at most 255 bytes: these cannot be cut short. */
	snprintf(tmp, PATH_MAX, "%s/tmp/%lld.%.16s.%s.eml", cfg.maildir, m->id, m->tag, m->token);
	snprintf(dst, PATH_MAX, "%s/new/%lld.%.16s.eml", cfg.maildir, m->id, m->tag);
}

/* Writes and fsyncs tmp/<id>.<tag>.<token>.eml; it goes to new/ once the row is sent. */
static int
deliver_maildir(const struct outmsg *m, const struct sbuf *msg, char *err, size_t errlen)
{
	char tmp[PATH_MAX], dst[PATH_MAX];
	int fd;

	if (maildir_prepare(err, errlen) < 0)
		return -1;
	maildir_names(m, tmp, dst);
	fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC | O_NOFOLLOW, 0600);
	if (fd < 0) {
		snprintf(err, errlen, "open tmp/: %s", strerror(errno));
		return -1;
	}
	if (write_all(fd, msg->data, msg->len) < 0 || fsync(fd) < 0) {
		snprintf(err, errlen, "write tmp/: %s", strerror(errno));
		close(fd);
		unlink(tmp);
		return -1;
	}
	if (close(fd) < 0) {
		snprintf(err, errlen, "close tmp/: %s", strerror(errno));
		unlink(tmp);
		return -1;
	}
	return 0;
}

/*
 * Moves the tmp/ file of a row committed as sent into new/ (atomic, replacing a file of the
 * same name) and fsyncs new/. A file already moved by another mailer of this maildir is fine.
 */
static int
maildir_publish(const char *tmp, const char *dst)
{
	char dir[PATH_MAX];
	int fd, rc = -1;

	if (rename(tmp, dst) < 0 && !(errno == ENOENT && access(dst, F_OK) == 0)) {
		daemon_log("rename %s into new/: %s", tmp, strerror(errno));
		return -1;
	}
	snprintf(dir, sizeof(dir), "%s/new", cfg.maildir);
	if ((fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC)) >= 0) {
		rc = fsync(fd);
		close(fd);
	}
	return rc;
}

/*
 * The tmp/ files a crash left (see the comment at the top): a row sent by the file's token
 * gets its file moved to new/; otherwise the file goes, and a claim still held by that token
 * is given back so that the row is due at once. -1 when the database failed.
 */
static int
maildir_recover(struct db *db, struct arena *a)
{
	char dir[PATH_MAX], tmp[PATH_MAX], dst[PATH_MAX];
	DIR *d;
	struct dirent *e;
	int rc = 0;

	snprintf(dir, sizeof(dir), "%s/tmp", cfg.maildir);
	if ((d = opendir(dir)) == NULL)
		return 0;
	while (rc == 0 && (e = readdir(d)) != NULL) {
		struct outmsg m;
		struct dbres st;
		char tag[17], token[33], end;

		memset(&m, 0, sizeof(m));
		if (sscanf(e->d_name, "%lld.%16[0-9a-f].%32[0-9a-f].em%c", &m.id, tag, token, &end) != 4 ||
		    end != 'l' || strlen(token) != 32)
			continue;
		snprintf(m.tag, sizeof(m.tag), "%s", tag);
		snprintf(m.token, sizeof(m.token), "%s", token);
		maildir_names(&m, tmp, dst);
		arena_reset(a);
		if (db_query(db, a, &st, SQL_ROW_STATE, "i", m.id) < 0) {
			rc = -1;
			break;
		}
		if (st.nrows && db_int(&st, 0, 0) == 1 && strcmp(db_str(&st, 0, 1), token) == 0) {
			if (maildir_publish(tmp, dst) == 0)
				daemon_log("#%lld: delivered by a mailer that stopped before moving it "
				    "to new/; moved", m.id);
			continue;
		}
		if (st.nrows && db_exec(db, SQL_GIVE_BACK, "is", m.id, token) < 0) {
			rc = -1;
			break;
		}
		unlink(tmp);
	}
	closedir(d);
	arena_reset(a);
	return rc;
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
	struct dbres row;
	unsigned char raw[16];
	long long lease = strcmp(cfg.mail_transport, "smtp") == 0 ? LEASE_SMTP : LEASE_MAILDIR;

	randombytes_buf(raw, sizeof(raw));
	hex_encode(m->token, raw, sizeof(raw));
	if (db_begin(db) < 0)
		return -1;
	if (db_query(db, a, &row, SQL_CLAIM, "i", id) < 0)
		goto fail;
	if (row.nrows == 0) {
		db_rollback(db);
		return 0;
	}
	if (db_exec(db, SQL_TAKE, "sii", m->token, lease, id) < 0 || db_commit(db) < 0)
		goto fail;
	m->id = id;
	m->to = db_str(&row, 0, 0);
	m->subject = db_str(&row, 0, 1);
	m->text_hex = db_str(&row, 0, 2);
	m->html_hex = db_str(&row, 0, 3);
	m->attempts = db_int(&row, 0, 4);
	m->created = db_int(&row, 0, 5);
	*opid = db_int(&row, 0, 6);
	return 1;
fail:
	db_rollback(db);
	return db_errno(db) == DB_RETRY ? 0 : -1;      /* a conflict: the row is someone else's */
}

/*
 * Claims, delivers and records outbox row id. Returns 1 when the row was handled (delivered
 * or marked failed, or found taken by another mailer since), 0 when it was not there to
 * claim, -1 when the database failed.
 */
static int
deliver_one(struct db *db, struct arena *a, long long id)
{
	struct dbres op;
	struct outmsg m;
	struct sbuf msg;
	char err[256], tmp[PATH_MAX], dst[PATH_MAX];
	long long opid = 0, n;
	int delivered = 0, maildir = strcmp(cfg.mail_transport, "smtp") != 0, rc;

	memset(&m, 0, sizeof(m));
	sbuf_init(&msg);
	err[0] = '\0';
	if ((rc = claim(db, a, id, &m, &opid)) <= 0)
		return rc;
	row_tag(&m);
	if (opid > 0) {
		if (db_query(db, a, &op, SQL_OPERATOR_NAME, "i", opid) < 0)
			goto dberr;
		m.from_name = op.nrows ? db_str(&op, 0, 0) : NULL;
	}
	m.text = open_body(a, m.text_hex, &m.text_len);
	m.html = open_body(a, m.html_hex, &m.html_len);
	if (m.text == NULL || m.html == NULL)
		snprintf(err, sizeof(err), "cannot decrypt the bodies (is wifi_key the one that "
		    "queued them?)");
	else if (!address_ok(m.to))
		snprintf(err, sizeof(err), "unusable recipient address");
	else {
		build_message(&msg, &m);
		if (msg.oom)
			snprintf(err, sizeof(err), "out of memory");
		else if (!maildir)
			delivered = deliver_smtp(&m, &msg, err, sizeof(err)) == 0;
		else
			delivered = deliver_maildir(&m, &msg, err, sizeof(err)) == 0;
	}
	maildir_names(&m, tmp, dst);
	if (delivered) {
		if ((n = db_exec(db, SQL_SENT, "is", id, m.token)) < 0) {
			daemon_log("#%lld delivered to %s but not recorded (%s)%s", id, m.to,
			    db_error(db), maildir ? ": left in tmp/ until the row's state is known" :
			    ": it will be delivered again");
			goto dberr;
		}
		if (n == 0) {
			/* The UPDATE may have been retried after a lost server had committed it. */
			struct dbres st;

			if (db_query(db, a, &st, SQL_ROW_STATE, "i", id) < 0)
				goto dberr;
			if (st.nrows && db_int(&st, 0, 0) == 1 &&
			    strcmp(db_str(&st, 0, 1), m.token) == 0)
				n = 1;
		}
		if (n == 0) {
			/* Our lease ended and another mailer has the row: it delivers it. */
			if (maildir)
				unlink(tmp);
			daemon_log("#%lld: the claim ran out before it was recorded; %s", id,
			    maildir ? "left to the mailer that holds it" : "delivered twice");
		} else {
			if (maildir && maildir_publish(tmp, dst) < 0)
				daemon_log("#%lld: recorded as sent, but not yet in new/: %s", id,
				    strerror(errno));
			daemon_log("#%lld delivered to %s (%s)", id, m.to, cfg.mail_transport);
		}
	} else {
		long long wait = daemon_backoff(m.attempts, BACKOFF_FIRST, BACKOFF_MAX);

		if (db_exec(db, SQL_FAILED, "isis", wait, err, id, m.token) < 0)
			goto dberr;
		daemon_log("#%lld to %s failed (attempt %lld, next in %lld s): %s", id, m.to,
		    m.attempts + 1, wait, err);
	}
	outmsg_wipe(&m, &msg);
	return 1;
dberr:
	outmsg_wipe(&m, &msg);
	return -1;
}

/*
 * One pass over the due rows, at most BATCH of them. Returns how many were handled, or -1
 * when the database failed.
 */
static int
run_batch(struct db *db, struct arena *list, struct arena *work)
{
	struct dbres due;
	int handled = 0;

	arena_reset(list);
	if (db_query(db, list, &due, SQL_DUE, "") < 0)
		return -1;
	for (size_t i = 0; i < due.nrows && !daemon_stop_requested(); i++) {
		int rc = deliver_one(db, work, db_int(&due, i, 0));

		arena_reset(work);
		if (rc < 0)
			return -1;
		handled += rc;
	}
	return handled;
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

static void
usage(void)
{
	fprintf(stderr, "usage: mailer -c conf/portal.conf [-o key=value ...] [--once]\n");
	exit(2);
}

int
main(int argc, char *argv[])
{
	static const struct option longopts[] = {
		{ "once", no_argument, NULL, 'O' },
		{ NULL, 0, NULL, 0 },
	};
	const char *conf = "conf/portal.conf";
	char *ov[64], err[256];
	size_t nov = 0;
	int once = 0, ch, down = 0, rc = 0, recover = 1;
	struct db *db;
	struct arena list, work;

	while ((ch = getopt_long(argc, argv, "c:o:", longopts, NULL)) != -1) {
		if (ch == 'c')
			conf = optarg;
		else if (ch == 'o' && nov < 64)
			ov[nov++] = optarg;
		else if (ch == 'O')
			once = 1;
		else
			usage();
	}
	if (optind != argc)
		usage();
	if (conf_load(&cfg, conf, ov, nov) < 0)
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
	if (strcmp(cfg.mail_transport, "maildir") == 0 && maildir_prepare(err, sizeof(err)) < 0) {
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
	arena_init(&list, 0);
	arena_init(&work, 0);
	if (strcmp(cfg.mail_transport, "smtp") == 0 && starttls_mode() == (long)CURLUSESSL_NONE &&
	    strncasecmp(cfg.smtp_url, "smtps://", 8) != 0)
		daemon_log("WARNING: smtp_starttls = no: every message goes to the relay in the clear");
	daemon_log("delivering by %s%s%s", cfg.mail_transport,
	    strcmp(cfg.mail_transport, "maildir") == 0 ? " into " : "",
	    strcmp(cfg.mail_transport, "maildir") == 0 ? cfg.maildir : "");
	while (!daemon_stop_requested()) {
		int n = 0;

		if (recover && strcmp(cfg.mail_transport, "maildir") == 0)
			n = maildir_recover(db, &work);
		if (n == 0) {
			recover = 0;
			n = run_batch(db, &list, &work);
		}

		if (n < 0) {
			if (!down)
				daemon_log("database: %s; retrying every second", db_error(db));
			down = 1;
			recover = 1;    /* what was in hand is looked at again */
			if (once) {
				rc = 1;
				break;
			}
			daemon_idle_wait();
			continue;
		}
		if (down)
			daemon_log("database reachable again");
		down = 0;
		if (n == 0) {
			if (once)
				break;
			daemon_idle_wait();
		}
	}
	daemon_log("stopped");
	arena_free(&list);
	arena_free(&work);
	db_free(db);
	if (curl != NULL)
		curl_easy_cleanup(curl);
	curl_global_cleanup();
	db_library_end();
	sodium_memzero(&cfg, sizeof(cfg));
	return rc;
}
