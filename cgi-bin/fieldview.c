/*
 * The shared field partial (see fieldview.h).
 */
#include <string.h>

#include "app.h"
#include "fieldview.h"
#include "tmpl.h"

void
field_show(struct req *r, struct tmpl_dict *d, enum uf_field f, const char *value,
    const char *err_key, const struct field_opts *o)
{
	static const struct field_opts none;
	const struct user_field *uf = &user_fields[f];
	const char *name = uf_names[f], *ids;
	char marker[48], *m = marker;
	struct tmpl_dict *p;

	if (o == NULL)
		o = &none;
	for (const char *c = name; *c != '\0' && m < marker + sizeof(marker) - 7; c++)
		*m++ = (char)(*c >= 'a' && *c <= 'z' ? *c - 'a' + 'A' : *c);
	memcpy(m, "_FIELD", 7);
	p = tmpl_include(d, marker, r->lang, "field.tpl");
	tmpl_set(p, "NAME", name);
	tmpl_set(p, "LABEL", T(r, o->label ? o->label : uf->label));
	tmpl_set(p, "TYPE", uf->kind == UFK_PHONE ? "tel" : "text");
	tmpl_set(p, "VALUE", value ? value : "");
	tmpl_set_int(p, "MAX", (long)uf->max);
	tmpl_set(p, "AUTOCOMPLETE", o->autocomplete ? o->autocomplete : "off");
	if (uf->required)
		tmpl_show(p, "REQUIRED");
	if (o->numeric_keyboard)
		tmpl_show(p, "NUMERIC");
	if (o->hint != NULL)
		tmpl_set(tmpl_section(p, "HINT"), "HINT_TEXT", T(r, o->hint));
	if (err_key != NULL)
		tmpl_set(tmpl_section(p, "ERROR"), "MESSAGE", T(r, err_key));
	ids = o->hint && err_key ? arena_printf(r->a, "%s-hint %s-error", name, name) :
	    o->hint ? arena_printf(r->a, "%s-hint", name) :
	    err_key ? arena_printf(r->a, "%s-error", name) : NULL;
	if (ids != NULL)
		tmpl_set(tmpl_section(p, "DESCRIBED"), "DESCRIBED_BY", ids);
}
