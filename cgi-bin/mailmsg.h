/*
 * Building the email of an outbox row (mailmsg.c), for build/mailer.
 */
#ifndef MAILMSG_H
#define MAILMSG_H

#include <stddef.h>

struct sbuf;

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

/* Appends the whole RFC 5322 message of m to b: From with the bare address from_addr,
 * Message-ID <id.tag@msgid_domain>, CRLF line ends. */
void	 mailmsg_build(struct sbuf *b, const struct outmsg *m, const char *from_addr,
	    const char *msgid_domain);

#endif
