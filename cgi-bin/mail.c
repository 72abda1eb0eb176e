/* Queueing email into the outbox (see mail.h). */
#include <stdio.h>
#include <string.h>

#include "app.h"
#include "conf.h"
#include "db.h"
#include "i18n.h"
#include "mail.h"
#include "secret.h"
#include "tmpl.h"

int
mail_queue(struct req *r, long operator_id, const char *to, const char *lang,
    const char *name, void (*fill)(struct tmpl_dict *, void *), void *arg)
{
	struct tmpl_dict *d;
	struct dbres op;
	struct sbuf txt, html;
	unsigned char *etxt = NULL, *ehtml = NULL;
	size_t ltxt = 0, lhtml = 0;
	char *file, *skey;
	int rc = -1;

	lang = i18n_pick(lang);
	if (r->brand_op != operator_id) {
		if (db_query(r->db, r->a, &op, STMT_OPERATOR_BRAND, "i", (long long)operator_id) < 0)
			return -1;
		snprintf(r->brand_name, sizeof(r->brand_name), "%s",
		    op.nrows ? db_str(&op, 0, 0) : "");
		snprintf(r->brand_colour, sizeof(r->brand_colour), "%s",
		    op.nrows ? db_str(&op, 0, 1) : "#1f5fbf");
		r->brand_op = operator_id;
	}
	if ((d = tmpl_dict_new("mail")) == NULL)
		return -1;
	sbuf_init(&txt);
	sbuf_init(&html);
	tmpl_set_global(d, "OPERATOR_NAME", r->brand_name);
	tmpl_set_global(d, "BRAND_COLOUR", r->brand_colour);
	tmpl_set_global(d, "BASE_URL", r->cfg->base_url);
	tmpl_set_global(d, "TO", to);
	if (fill != NULL)
		fill(d, arg);
	file = arena_printf(r->a, "mail_%s.txt.tpl", name);
	if (file == NULL || tmpl_render(lang, file, d, &txt) < 0)
		goto out;
	file = arena_printf(r->a, "mail_%s.html.tpl", name);
	if (file == NULL || tmpl_render(lang, file, d, &html) < 0)
		goto out;
	skey = arena_printf(r->a, "mail_%s_subject", name);
	etxt = secret_seal_for(r->a, SECRET_OUTBOX, 0, txt.data, txt.len, &ltxt);
	ehtml = secret_seal_for(r->a, SECRET_OUTBOX, 0, html.data, html.len, &lhtml);
	if (skey == NULL || etxt == NULL || ehtml == NULL)
		goto out;
	if (db_exec(r->db, STMT_OUTBOX_ADD, "issbb", (long long)operator_id, to,
	    i18n(lang, skey), etxt, ltxt, ehtml, lhtml) < 0)
		goto out;
	rc = 0;
out:
	tmpl_dict_free(d);
	sbuf_free(&txt);
	sbuf_free(&html);
	return rc;
}

/* Sets the pairs of mail_queue_values() on d. */
static void
fill_pairs(struct tmpl_dict *d, void *arg)
{
	const char *const *p = arg;

	tmpl_set(d, "LINK", "");
	for (; p[0] != NULL; p += 2)
		tmpl_set(d, p[0], p[1] ? p[1] : "");
}

int
mail_queue_values(struct req *r, long operator_id, const char *to, const char *lang,
    const char *name, const char *const *pairs)
{
	return mail_queue(r, operator_id, to, lang, name, fill_pairs, (void *)pairs);
}
