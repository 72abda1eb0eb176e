/* Queueing email into the outbox (see mail.h). */
#include <stdio.h>
#include <string.h>

#include "app.h"
#include "conf.h"
#include "db_outbox.h"
#include "i18n.h"
#include "mail.h"
#include "secret.h"
#include "tmpl.h"

/* The operator's brand for its emails (name, colour, logo, portal address), kept across the
 * request in r (an import queues thousands). */
static int
brand_load(struct req *r, long operator_id)
{
	struct brand_row b = { "", "#1f5fbf", 0, "" };

	if (r->brand_op != operator_id) {
		if (db_operator_brand(r, operator_id, &b) < 0)
			return -1;
		snprintf(r->brand_name, sizeof(r->brand_name), "%s", b.name);
		snprintf(r->brand_colour, sizeof(r->brand_colour), "%s", b.colour);
		r->brand_logo = b.logo;
		snprintf(r->brand_base, sizeof(r->brand_base), "%s",
		    *b.base_url ? b.base_url : r->cfg->base_url);
		r->brand_op = operator_id;
	}
	return 0;
}

const char *
mail_base_url(struct req *r, long operator_id)
{
	return brand_load(r, operator_id) < 0 ? NULL : r->brand_base;
}

int
mail_queue(struct req *r, long operator_id, const char *to, const char *lang,
    const char *name, void (*fill)(struct tmpl_dict *, void *), void *arg)
{
	struct tmpl_dict *d;
	struct sbuf txt, html;
	unsigned char *etxt = NULL, *ehtml = NULL;
	size_t ltxt = 0, lhtml = 0;
	char *file, *skey;
	int rc = -1;

	lang = i18n_pick(lang);
	if (brand_load(r, operator_id) < 0)
		return -1;
	if ((d = tmpl_dict_new("mail")) == NULL)
		return -1;
	sbuf_init(&txt);
	sbuf_init(&html);
	tmpl_set_global(d, "OPERATOR_NAME", r->brand_name);
	tmpl_set_global(d, "BRAND_COLOUR", r->brand_colour);
	tmpl_set_global(d, "BASE_URL", r->brand_base);
	if (r->brand_logo > 0) {        /* PLAT-7: the logo, served by every app host */
		tmpl_show(d, "LOGO");
		tmpl_set_global(d, "LOGO_URL", arena_printf(r->a, "%s/brand/logo/%ld?v=%ld",
		    r->brand_base, operator_id, r->brand_logo));
	}
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
	if (db_outbox_add(r, operator_id, to, i18n(lang, skey), etxt, ltxt, ehtml, lhtml) < 0)
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
