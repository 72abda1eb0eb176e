/*
 * The string catalogue (see i18n.h). Loaded once at start-up, read-only afterwards, so the
 * worker threads share it without locks.
 */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "util.h"

#define MAX_LANGS 16

struct entry {
	char *key;
	char *text;
};

struct catalogue {
	char code[8];
	struct entry *e;
	size_t n, cap;
};

static struct catalogue langs[MAX_LANGS];
static size_t nlangs;

static int
entry_cmp(const void *a, const void *b)
{
	return strcmp(((const struct entry *)a)->key, ((const struct entry *)b)->key);
}

/* Adds the "key = text" lines of one file; returns <0 on a malformed line. */
static int
load_file(struct catalogue *c, const char *path)
{
	FILE *f = fopen(path, "r");
	char line[4096];
	int lineno = 0, rc = 0;

	if (f == NULL) {
		perror(path);
		return -1;
	}
	while (fgets(line, sizeof(line), f) != NULL) {
		char *eq, *k, *v;

		lineno++;
		k = str_trim(line);
		if (*k == '\0' || *k == '#')
			continue;
		if ((eq = strchr(k, '=')) == NULL) {
			fprintf(stderr, "%s:%d: expected key = text\n", path, lineno);
			rc = -1;
			continue;
		}
		*eq = '\0';
		k = str_trim(k);
		v = str_trim(eq + 1);
		if (!utf8_valid((const unsigned char *)v, strlen(v))) {
			fprintf(stderr, "%s:%d: not UTF-8\n", path, lineno);
			rc = -1;
			continue;
		}
		if (c->n == c->cap) {
			size_t cap = c->cap ? c->cap * 2 : 256;
			struct entry *e = realloc(c->e, cap * sizeof(*e));

			if (e == NULL) {
				rc = -1;
				break;
			}
			c->e = e;
			c->cap = cap;
		}
		c->e[c->n].key = strdup(k);
		c->e[c->n].text = strdup(v);
		c->n++;
	}
	fclose(f);
	return rc;
}

static int
load_lang(struct catalogue *c, const char *dir)
{
	DIR *dp = opendir(dir);
	struct dirent *de;
	int rc = 0;

	if (dp == NULL)
		return -1;
	while ((de = readdir(dp)) != NULL) {
		size_t l = strlen(de->d_name);
		char path[1024];

		if (l < 5 || strcmp(de->d_name + l - 4, ".txt") != 0)
			continue;
		snprintf(path, sizeof(path), "%s/%s", dir, de->d_name);
		if (load_file(c, path) < 0)
			rc = -1;
	}
	closedir(dp);
	if (c->n > 1)           /* c->e is NULL while the language has no entry */
		qsort(c->e, c->n, sizeof(*c->e), entry_cmp);
	for (size_t i = 1; i < c->n; i++)
		if (strcmp(c->e[i - 1].key, c->e[i].key) == 0) {
			fprintf(stderr, "%s: key \"%s\" defined twice\n", dir, c->e[i].key);
			rc = -1;
		}
	return rc;
}

/* Loads every language folder under dir; "en" must exist. */
int
i18n_init(const char *dir)
{
	DIR *dp = opendir(dir);
	struct dirent *de;
	char path[1024];
	int rc = 0;

	if (dp == NULL) {
		perror(dir);
		return -1;
	}
	strcpy(langs[0].code, "en");
	nlangs = 1;
	snprintf(path, sizeof(path), "%s/en", dir);
	if (load_lang(&langs[0], path) < 0)
		rc = -1;
	while ((de = readdir(dp)) != NULL) {
		if (strlen(de->d_name) != 2 || de->d_name[0] == '.' ||
		    strcmp(de->d_name, "en") == 0 || nlangs == MAX_LANGS)
			continue;
		snprintf(langs[nlangs].code, sizeof(langs[nlangs].code), "%.7s", de->d_name);
		snprintf(path, sizeof(path), "%s/%s", dir, de->d_name);
		if (load_lang(&langs[nlangs], path) < 0)
			rc = -1;
		nlangs++;
	}
	closedir(dp);
	return rc;
}

void
i18n_free(void)
{
	for (size_t i = 0; i < nlangs; i++) {
		for (size_t j = 0; j < langs[i].n; j++) {
			free(langs[i].e[j].key);
			free(langs[i].e[j].text);
		}
		free(langs[i].e);
		memset(&langs[i], 0, sizeof(langs[i]));
	}
	nlangs = 0;
}

static const char *
find(const struct catalogue *c, const char *key)
{
	struct entry k = { (char *)key, NULL }, *e;

	if (c->n == 0)
		return NULL;
	e = bsearch(&k, c->e, c->n, sizeof(*c->e), entry_cmp);
	return e ? e->text : NULL;
}

const char *
i18n_lookup(const char *lang, const char *key)
{
	const char *t;

	for (size_t i = 1; i < nlangs && lang != NULL; i++)
		if (strcmp(langs[i].code, lang) == 0 && (t = find(&langs[i], key)) != NULL)
			return t;
	return nlangs ? find(&langs[0], key) : NULL;
}

const char *
i18n(const char *lang, const char *key)
{
	const char *t = i18n_lookup(lang, key);

	return t ? t : key;
}

size_t
i18n_nlangs(void)
{
	return nlangs;
}

const char *
i18n_lang(size_t i)
{
	return i < nlangs ? langs[i].code : "en";
}

const char *
i18n_pick(const char *code)
{
	if (code == NULL)
		return "en";
	for (size_t i = 0; i < nlangs; i++)
		if (strncmp(langs[i].code, code, 2) == 0 &&
		    (code[2] == '\0' || code[2] == '-' || code[2] == '_'))
			return langs[i].code;
	return "en";
}

/* First supported language in an Accept-Language list (quality values ignored: browsers
 * list languages in order of preference). */
const char *
i18n_negotiate(const char *al)
{
	char tag[8];

	while (al != NULL && *al) {
		size_t n = 0;

		while (*al == ' ' || *al == ',')
			al++;
		while (al[n] && al[n] != ',' && al[n] != ';' && n < sizeof(tag) - 1) {
			tag[n] = al[n];
			n++;
		}
		tag[n] = '\0';
		for (size_t i = 0; i < nlangs && n >= 2; i++)
			if (strncmp(langs[i].code, tag, 2) == 0 &&
			    (n == 2 || tag[2] == '-'))
				return langs[i].code;
		al = strchr(al, ',');
	}
	return "en";
}
