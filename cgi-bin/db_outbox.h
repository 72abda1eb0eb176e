/*
 * Typed access for queueing email and writing the audit log (mail.c, audit.c: the portal's
 * and the scheduler's). Returns: <0 failure, 0 not found, >0 done.
 */
#ifndef DB_OUTBOX_H
#define DB_OUTBOX_H

#include <stddef.h>

struct req;

/* An operator's brand for its emails. */
struct brand_row {
	const char *name, *colour;
	long logo;                      /* its logo's version, 0 without one */
	const char *base_url;           /* "" when the operator has none of its own */
};
/* Operator op's brand into b; 1, 0 no such operator. */
int	 db_operator_brand(struct req *r, long op, struct brand_row *b);
/* Queues a sealed message of operator op (0 none) to address to; 1. */
int	 db_outbox_add(struct req *r, long op, const char *to, const char *subject,
	    const void *txt, size_t ltxt, const void *html, size_t lhtml);
/* One line of the audit log, as the signed-in user (r->me) did it; 1. */
int	 db_audit_add(struct req *r, long occ, long subject, const char *label,
	    const char *action, const char *field, const char *old_value, const char *new_value);

#endif
