/*
 * The string catalogue (I18N-1): templates/i18n/<lang>/ (files *.txt), lines "key = text".
 * English is complete; other languages fall back to English key by key.
 */
#ifndef I18N_H
#define I18N_H

#include <stddef.h>

int	 i18n_init(const char *dir);
void	 i18n_free(void);
/* Text of key in lang (or English), NULL when English has no such key either. */
const char *i18n_lookup(const char *lang, const char *key);
/* Like i18n_lookup, but never NULL: an unknown key comes back as itself. */
const char *i18n(const char *lang, const char *key);
/* Languages found, "en" first. */
size_t	 i18n_nlangs(void);
const char *i18n_lang(size_t i);
/* The supported language that matches code ("fr", "fr-CA"...), else "en". */
const char *i18n_pick(const char *code);
/* Picks the best language from an Accept-Language header. */
const char *i18n_negotiate(const char *accept_language);

#endif
