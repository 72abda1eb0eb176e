// ctemplate behind a C API (see tmpl.h). The only C++ file of the program.
#include <ctemplate/template.h>
#include <ctemplate/template_dictionary.h>

#include <dirent.h>
#include <stdio.h>
#include <string.h>

#include <fstream>
#include <sstream>
#include <string>

extern "C" {
#include "i18n.h"
#include "tmpl.h"
#include "util.h"
}

// struct tmpl_dict is never defined: a pointer to it is a TemplateDictionary, cast back and
// forth here only. Child dictionaries belong to their parent (ctemplate frees them).
static ctemplate::TemplateDictionary *
D(struct tmpl_dict *t)
{
	return reinterpret_cast<ctemplate::TemplateDictionary *>(t);
}

static const ctemplate::TemplateDictionary *
CD(const struct tmpl_dict *t)
{
	return reinterpret_cast<const ctemplate::TemplateDictionary *>(t);
}

static std::string
html_escape(const std::string &s)
{
	std::string o;

	for (char c : s) {
		switch (c) {
		case '&': o += "&amp;"; break;
		case '<': o += "&lt;"; break;
		case '>': o += "&gt;"; break;
		case '"': o += "&quot;"; break;
		case '\'': o += "&#39;"; break;
		default: o += c;
		}
	}
	return o;
}

// Replaces every {{_key}} in src with the catalogue text of lang. Returns false (and names
// the key on stderr) when a key is missing from the catalogue.
static bool
localize(const std::string &src, const char *lang, bool html, const std::string &file,
    std::string &out)
{
	size_t pos = 0, at;

	out.clear();
	while ((at = src.find("{{_", pos)) != std::string::npos) {
		size_t end = src.find("}}", at);
		if (end == std::string::npos)
			break;
		std::string key = src.substr(at + 3, end - at - 3);
		const char *text = i18n_lookup(lang, key.c_str());
		if (text == NULL) {
			fprintf(stderr, "template %s: no catalogue text for \"%s\"\n",
			    file.c_str(), key.c_str());
			return false;
		}
		out.append(src, pos, at - pos);
		out += html ? html_escape(text) : std::string(text);
		pos = end + 2;
	}
	out.append(src, pos, std::string::npos);
	return true;
}

// Text parts of emails (*.txt.tpl) print values with :none, keep their line breaks, and get
// their catalogue text as it is; everything else is HTML.
static bool
is_text(const std::string &name)
{
	return name.size() > 8 && name.compare(name.size() - 8, 8, ".txt.tpl") == 0;
}

// ctemplate caches a template per (name, strip mode): loading and expanding must agree.
static ctemplate::Strip
strip_of(const std::string &name)
{
	return is_text(name) ? ctemplate::DO_NOT_STRIP : ctemplate::STRIP_BLANK_LINES;
}

extern "C" int
tmpl_init(const char *dir)
{
	DIR *dp = opendir(dir);
	struct dirent *de;
	int rc = 0;

	if (dp == NULL) {
		perror(dir);
		return -1;
	}
	while ((de = readdir(dp)) != NULL) {
		std::string name = de->d_name;
		if (name.size() < 5 || name.compare(name.size() - 4, 4, ".tpl") != 0)
			continue;
		std::ifstream in(std::string(dir) + "/" + name);
		std::stringstream ss;
		ss << in.rdbuf();
		std::string src = ss.str();
		if (src.compare(0, 14, "{{%AUTOESCAPE ") != 0) {
			fprintf(stderr, "template %s: must start with an AUTOESCAPE pragma\n",
			    name.c_str());
			rc = -1;
			continue;
		}
		bool html = !is_text(name);
		for (size_t i = 0; i < i18n_nlangs(); i++) {
			const char *lang = i18n_lang(i);
			std::string out;
			if (!localize(src, lang, html, name, out)) {
				rc = -1;
				break;
			}
			std::string key = std::string(lang) + "/" + name;
			if (!ctemplate::StringToTemplateCache(key, out,
			    strip_of(name))) {
				fprintf(stderr, "template %s: does not parse\n", name.c_str());
				rc = -1;
				break;
			}
		}
	}
	closedir(dp);
	return rc;
}

extern "C" struct tmpl_dict *
tmpl_dict_new(const char *name)
{
	return reinterpret_cast<struct tmpl_dict *>(
	    new (std::nothrow) ctemplate::TemplateDictionary(name));
}

extern "C" void
tmpl_dict_free(struct tmpl_dict *t)
{
	delete D(t);
}

static ctemplate::TemplateDictionary *
dict_of(struct tmpl_dict *t)
{
	return t == NULL ? NULL : D(t);
}

extern "C" void
tmpl_set(struct tmpl_dict *t, const char *key, const char *value)
{
	dict_of(t)->SetValue(key, value ? value : "");
}

extern "C" void
tmpl_set_int(struct tmpl_dict *t, const char *key, long value)
{
	dict_of(t)->SetIntValue(key, value);
}

extern "C" void
tmpl_set_global(struct tmpl_dict *t, const char *key, const char *value)
{
	dict_of(t)->SetTemplateGlobalValue(key, value ? value : "");
}

extern "C" void
tmpl_show(struct tmpl_dict *t, const char *section)
{
	dict_of(t)->ShowSection(section);
}

extern "C" struct tmpl_dict *
tmpl_section(struct tmpl_dict *t, const char *section)
{
	return reinterpret_cast<struct tmpl_dict *>(dict_of(t)->AddSectionDictionary(section));
}

extern "C" struct tmpl_dict *
tmpl_include(struct tmpl_dict *t, const char *name, const char *lang, const char *file)
{
	ctemplate::TemplateDictionary *c = dict_of(t)->AddIncludeDictionary(name);
	c->SetFilename(std::string(lang) + "/" + file);
	return reinterpret_cast<struct tmpl_dict *>(c);
}

extern "C" int
tmpl_render(const char *lang, const char *file, const struct tmpl_dict *t, struct sbuf *out)
{
	std::string s;

	if (!ctemplate::ExpandTemplate(std::string(lang) + "/" + file, strip_of(file), CD(t), &s))
		return -1;
	if (is_text(file))
		s.erase(0, s.find_first_not_of("\r\n"));  /* the pragma's line break */
	sbuf_add(out, s.data(), s.size());
	return out->oom ? -1 : 0;
}
