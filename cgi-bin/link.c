/*
 * Single-use links (see link.h): issuing one with its email, finding the live one of a token.
 */
#include <string.h>

#include "app.h"
#include "auth.h"
#include "conf.h"
#include "db_auth.h"
#include "i18n.h"
#include "link.h"
#include "mail.h"
#include "tmpl.h"

struct link_mail {
	const char *name, *link, *body;
};

static void
fill_link(struct tmpl_dict *d, void *arg)
{
	struct link_mail *m = arg;

	tmpl_set(d, "NAME", m->name);
	tmpl_set(d, "LINK", m->link);
	tmpl_set(d, "BODY", m->body);
}

/* link_issue() with the invitation's body text in the email's language (body_key). */
static int
issue(struct req *r, long user, long operator_id, const char *to, const char *lang,
    const char *first_name, const char *kind, const char *mail_name, const char *body_key)
{
	char hex[TOKEN_HEX];
	unsigned char hash[32];
	long long hours = strcmp(kind, "invite") == 0 ? r->cfg->invite_days * 24LL :
	    r->cfg->reset_hours;
	struct link_mail m;
	const char *base;

	token_new(hex, hash);
	if (db_link_new(r, user, kind, hash, hours) < 0)
		return -1;
	m.name = first_name;
	m.body = i18n(i18n_pick(lang), body_key);
	/* The token travels in the fragment, which no server, log or Referer sees; the page's
	 * script swaps it for a cookie (issue 11). */
	if ((base = mail_base_url(r, operator_id)) == NULL)
		return -1;
	m.link = arena_printf(r->a, "%s/set-password#t=%s", base, hex);
	if (m.link == NULL)
		return -1;
	return mail_queue(r, operator_id, to, lang, mail_name, fill_link, &m);
}

int
link_issue(struct req *r, long user, long operator_id, const char *to, const char *lang,
    const char *first_name, const char *kind, const char *mail_name)
{
	return issue(r, user, operator_id, to, lang, first_name, kind, mail_name,
	    "mail_invite_body");
}

int
link_invite(struct req *r, long user, long operator_id, const char *to, const char *lang,
    const char *first_name, int team, int portal, int app)
{
	const char *key = team ? "mail_invite_body_platform" : portal && app ?
	    "mail_invite_body" : portal ? "mail_invite_body_portal" : "mail_invite_body_app";

	return issue(r, user, operator_id, to, lang, first_name, "invite", "invite", key);
}

void
link_decoy(struct req *r, const char *email)
{
	char hex[TOKEN_HEX];
	unsigned char hash[32];
	struct link_mail m = { "", NULL, "" };

	token_new(hex, hash);
	db_links_end(r, 0, "reset");
	m.link = arena_printf(r->a, "%s/set-password#t=%s", r->cfg->base_url, hex);
	if (m.link != NULL)
		mail_queue(r, 0, email, "en", "reset", fill_link, &m);
	tx_rollback(r);
}

int
link_get(struct req *r, const char *t, unsigned char hash[32], long *user, const char **email)
{
	if (t == NULL || token_hash_hex(t, hash) < 0)
		return 0;
	return db_link_get(r, hash, user, email);
}
