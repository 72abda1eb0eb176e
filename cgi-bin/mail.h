/*
 * The outbox (MAIL-2): an email is rendered in the recipient's language, branded with the
 * operator (MAIL-4), encrypted and written to mail_outbox in the caller's transaction.
 * build/mailer delivers it.
 */
#ifndef MAIL_H
#define MAIL_H

struct req;
struct tmpl_dict;

/*
 * Queues templates/mail_<name>.txt.tpl and .html.tpl, subject from catalogue key
 * mail_<name>_subject. fill() sets the message's own values on the dictionary.
 * Returns <0 on failure (the caller rolls back).
 */
/* The address emailed links of operator_id start with: its own (PLAT-7) or base_url of the
 * configuration; NULL on a database failure. */
const char *mail_base_url(struct req *r, long operator_id);
int	 mail_queue(struct req *r, long operator_id, const char *to, const char *lang,
	    const char *name, void (*fill)(struct tmpl_dict *, void *), void *arg);

/* The same, with the message's own values given as pairs "KEY", value, ..., NULL (every
 * message also gets an empty LINK unless a pair sets it), so that a caller needs no template
 * code. */
int	 mail_queue_values(struct req *r, long operator_id, const char *to, const char *lang,
	    const char *name, const char *const *pairs);

/* The same with the subject from catalogue key subject_key (NULL: mail_<name>_subject). */
int	 mail_queue_subject(struct req *r, long operator_id, const char *to, const char *lang,
	    const char *name, const char *subject_key, void (*fill)(struct tmpl_dict *, void *),
	    void *arg);
int	 mail_queue_values_subject(struct req *r, long operator_id, const char *to,
	    const char *lang, const char *name, const char *subject_key, const char *const *pairs);

/* Issue 13: what an invitation grants, the suffix of its catalogue keys: "platform" (a team
 * member), "both", "portal" or "app". */
const char *mail_grant(int team, int portal, int app);

#endif
