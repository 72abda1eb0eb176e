/* Field validators (see validate.h). Input is already valid UTF-8 (the parsers check). */
#include <ctype.h>
#include <stdio.h>
#include <string.h>

#include "i18n.h"
#include "util.h"
#include "validate.h"

static int
has_control(const char *s)
{
	for (; *s; s++)
		if ((unsigned char)*s < 0x20 || *s == 0x7f)
			return 1;
	return 0;
}

const char *
validate_text(const char *s, unsigned max)
{
	if (s == NULL || *s == '\0')
		return NULL;
	if (utf8_chars(s) > max)
		return "err_too_long";
	if (has_control(s))
		return "err_bad_chars";
	return NULL;
}

const char *
validate_name(const char *s)
{
	if (s == NULL || *s == '\0')
		return "err_required";
	return validate_text(s, 100);
}

/*
 * A practical address check: one "@", a local part of allowed characters, a domain of
 * dot-separated labels with a dot in it. Not the whole of RFC 5322, on purpose.
 */
const char *
validate_email(const char *s)
{
	const char *at;
	size_t l;

	if (s == NULL || *s == '\0')
		return "err_required";
	l = strlen(s);
	if (l > 254)
		return "err_email";
	at = strchr(s, '@');
	if (at == NULL || at == s || strchr(at + 1, '@') != NULL || at - s > 64)
		return "err_email";
	for (const char *p = s; p < at; p++)
		if (!(isalnum((unsigned char)*p) || strchr(".!#$%&'*+/=?^_`{|}~-", *p)))
			return "err_email";
	if (s[0] == '.' || at[-1] == '.' || strstr(s, "..") != NULL)
		return "err_email";
	{
		const char *d = at + 1, *lab = d;
		int dots = 0;

		if (*d == '\0')
			return "err_email";
		for (const char *p = d;; p++) {
			if (*p == '.' || *p == '\0') {
				if (p == lab || p - lab > 63 || lab[0] == '-' || p[-1] == '-')
					return "err_email";
				if (*p == '\0')
					break;
				dots++;
				lab = p + 1;
			} else if (!(isalnum((unsigned char)*p) || *p == '-'))
				return "err_email";
		}
		if (dots == 0)
			return "err_email";
	}
	return NULL;
}

const char *
validate_email_optional(const char *s)
{
	return s == NULL || *s == '\0' ? NULL : validate_email(s);
}

const char *
validate_phone(const char *s)
{
	int digits = 0;

	if (s == NULL || *s == '\0')
		return NULL;
	if (strlen(s) > 32)
		return "err_phone";
	for (const char *p = s; *p; p++) {
		if (isdigit((unsigned char)*p))
			digits++;
		else if (!strchr(" +()-", *p) || (*p == '+' && p != s))
			return "err_phone";
	}
	return digits >= 3 && digits <= 15 ? NULL : "err_phone";
}

const char *
validate_phone_required(const char *s)
{
	if (s == NULL || *s == '\0')
		return "err_required";
	return validate_phone(s);
}

const char *
validate_language(const char *s)
{
	if (s == NULL || *s == '\0')
		return "err_required";
	for (size_t i = 0; i < i18n_nlangs(); i++)
		if (strcmp(i18n_lang(i), s) == 0)
			return NULL;
	return "err_language";
}

/* PROF-2: 8 to 50 characters with at least one letter and one digit. */
const char *
validate_wifi_password(const char *s)
{
	size_t n;
	int letter = 0, digit = 0;

	if (s == NULL || *s == '\0')
		return "err_required";
	n = utf8_chars(s);
	if (n < 8 || n > 50)
		return "err_wifi_length";
	if (has_control(s))
		return "err_bad_chars";
	for (const char *p = s; *p; p++) {
		if (isdigit((unsigned char)*p))
			digit = 1;
		else if (isalpha((unsigned char)*p) || (unsigned char)*p >= 0x80)
			letter = 1;
	}
	return letter && digit ? NULL : "err_wifi_mix";
}

const char *
validate_mac(const char *s)
{
	if (s == NULL || *s == '\0')
		return "err_required";
	if (strlen(s) != 17)
		return "err_mac";
	for (int i = 0; i < 17; i++) {
		if (i % 3 == 2) {
			if (s[i] != ':' && s[i] != '-')
				return "err_mac";
		} else if (!isxdigit((unsigned char)s[i]))
			return "err_mac";
	}
	return NULL;
}

const char *
validate_leave_date(const char *s, const char *today)
{
	static const int mdays[] = { 31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	int y, m, d, n = 0;

	if (s == NULL || *s == '\0')
		return "leave_err_required";
	if (strlen(s) != 10 || sscanf(s, "%4d-%2d-%2d%n", &y, &m, &d, &n) != 3 || n != 10 ||
	    s[4] != '-' || s[7] != '-' || strspn(s, "0123456789-") != 10)
		return "leave_err_format";
	if (y < 2000 || y > 2999 || m < 1 || m > 12 || d < 1 || d > mdays[m - 1] ||
	    (m == 2 && d == 29 && !((y % 4 == 0 && y % 100 != 0) || y % 400 == 0)))
		return "leave_err_format";
	if (strcmp(s, today) < 0)
		return "leave_err_past";
	return NULL;
}
