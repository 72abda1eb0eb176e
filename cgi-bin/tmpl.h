/*
 * The C face of ctemplate (tmpl.cc is the only C++ in the program). Values are always set
 * through auto-escaping: there is deliberately no setter for raw, unescaped markup.
 *
 * Templates are loaded once at start-up per language: "{{_key}}" markers are replaced by the
 * catalogue text of that language (HTML-escaped for HTML templates) and the result is put in
 * ctemplate's cache under "<lang>/<file>". Rendering then costs no catalogue look-ups.
 */
#ifndef TMPL_H
#define TMPL_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

struct sbuf;
struct tmpl_dict;

/* Loads every *.tpl in dir for each language; <0 on error (message on stderr). */
int	 tmpl_init(const char *dir);

struct tmpl_dict *tmpl_dict_new(const char *name);
void	 tmpl_dict_free(struct tmpl_dict *d);
void	 tmpl_set(struct tmpl_dict *d, const char *key, const char *value);
void	 tmpl_set_int(struct tmpl_dict *d, const char *key, long value);
/* Visible in this dictionary, its sections and its includes. */
void	 tmpl_set_global(struct tmpl_dict *d, const char *key, const char *value);
void	 tmpl_show(struct tmpl_dict *d, const char *section);
/* Adds one repetition of a section; the returned dictionary belongs to d. */
struct tmpl_dict *tmpl_section(struct tmpl_dict *d, const char *section);
/* Includes <lang>/file where {{>name}} stands; the returned dictionary belongs to d. */
struct tmpl_dict *tmpl_include(struct tmpl_dict *d, const char *name, const char *lang,
	    const char *file);
/* Expands <lang>/file into out; <0 when the template is unknown. */
int	 tmpl_render(const char *lang, const char *file, const struct tmpl_dict *d,
	    struct sbuf *out);

#ifdef __cplusplus
}
#endif
#endif
