/*
 * The RFC 5322 message of an outbox row (see mailmsg.h): headers with encoded words where
 * needed, a multipart/alternative body of quoted-printable text and HTML, CRLF line ends.
 * Its bytes depend on the row only (Date from created_at, the boundary from the row's tag),
 * so that a second delivery of the same row writes the same file (mailer.c).
 */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include <sodium.h>

#include "mailmsg.h"
#include "util.h"

#define QP_LINE 75              /* quoted-printable text per line before the soft break */


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
add_from(struct sbuf *b, const char *name, const char *from_addr)
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

void
mailmsg_build(struct sbuf *b, const struct outmsg *m, const char *from_addr,
    const char *msgid_domain)
{
	char date[40];

	rfc5322_date(date, (time_t)m->created);
	add_from(b, m->from_name, from_addr);
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
