/* CSV parsing and writing (see csv.h). */
#include <string.h>

#include "csv.h"
#include "util.h"

/* Characters that make a spreadsheet read a cell as a formula (OWASP "CSV injection"). */
static const char FORMULA_START[] = "=+-@\t\r";

static int
fail(struct csv_error *err, enum csv_errcode code, size_t row, size_t col, size_t line)
{
	err->code = code;
	err->row = row;
	err->col = col;
	err->line = line;
	return -1;
}

/*
 * The separator of the file: ';' when the first record holds more semicolons than commas
 * outside quotes (spreadsheets in many European locales write that), else ','.
 */
static char
detect_sep(const char *p, const char *end)
{
	size_t commas = 0, semis = 0;
	int quoted = 0;

	for (; p < end; p++) {
		if (*p == '"')
			quoted = !quoted;
		else if (quoted)
			continue;
		else if (*p == '\n' || *p == '\r')
			break;
		else if (*p == ',')
			commas++;
		else if (*p == ';')
			semis++;
	}
	return semis > commas ? ';' : ',';
}

/* Appends one record to out, growing its array in the arena by doubling. */
static int
add_row(struct arena *a, struct csv *out, size_t *cap, size_t line, char **f, size_t n)
{
	struct csv_row *row;

	if (out->nrows == *cap) {
		size_t ncap = *cap ? *cap * 2 : 64;
		struct csv_row *rows = arena_alloc(a, ncap * sizeof(*rows));

		if (rows == NULL)
			return -1;
		if (out->nrows)
			memcpy(rows, out->rows, out->nrows * sizeof(*rows));
		out->rows = rows;
		*cap = ncap;
	}
	row = &out->rows[out->nrows];
	row->line = line;
	row->n = n;
	if ((row->f = arena_alloc(a, n * sizeof(char *))) == NULL)
		return -1;
	memcpy(row->f, f, n * sizeof(char *));
	out->nrows++;
	return 0;
}

/* Where the parse is: the input left, the output buffer, the line, the separator. */
struct cursor {
	const char *p, *end;
	char *o;
	size_t line;
	char sep;
};

/* A quoted field from its opening quote on, unquoted into c->o; CSV_OK or the error. */
static enum csv_errcode
read_quoted(struct cursor *c)
{
	c->p++;
	for (;;) {
		if (c->p == c->end)
			return CSV_ERR_UNTERMINATED;
		if (*c->p == '"') {
			if (c->p + 1 < c->end && c->p[1] == '"') {
				*c->o++ = '"';
				c->p += 2;
				continue;
			}
			c->p++;
			break;
		}
		if (*c->p == '\n' || (*c->p == '\r' && (c->p + 1 == c->end || c->p[1] != '\n')))
			c->line++;
		*c->o++ = *c->p++;
	}
	if (c->p < c->end && *c->p != c->sep && *c->p != '\r' && *c->p != '\n')
		return CSV_ERR_AFTER_QUOTE;
	return CSV_OK;
}

/* One field (quoted or not) into c->o, NUL-ended; CSV_OK or the error. */
static enum csv_errcode
read_field(struct cursor *c)
{
	const char *field = c->o;
	enum csv_errcode e;

	if (c->p < c->end && *c->p == '"') {
		if ((e = read_quoted(c)) != CSV_OK)
			return e;
	} else {
		while (c->p < c->end && *c->p != c->sep && *c->p != '\r' && *c->p != '\n') {
			if (*c->p == '"')
				return CSV_ERR_QUOTE;
			*c->o++ = *c->p++;
		}
	}
	if ((size_t)(c->o - field) > CSV_MAX_FIELD)
		return CSV_ERR_FIELD;
	*c->o++ = '\0';
	return CSV_OK;
}

/* The fields of one record into f (*n of them) and past its line break; 0, or -1 with err
 * set for record row. */
static int
read_record(struct cursor *c, char *f[CSV_MAX_COLS], size_t *n, size_t row,
    struct csv_error *err)
{
	enum csv_errcode e;

	for (*n = 0;;) {
		char *field = c->o;

		if (*n == CSV_MAX_COLS)
			return fail(err, CSV_ERR_COLS, row, *n + 1, c->line);
		if ((e = read_field(c)) != CSV_OK)
			return fail(err, e, row, *n + 1, c->line);
		f[(*n)++] = field;
		if (c->p < c->end && *c->p == c->sep) {
			c->p++;
			continue;
		}
		break;
	}
	if (c->p < c->end) {
		if (*c->p == '\r' && c->p + 1 < c->end && c->p[1] == '\n')
			c->p++;
		c->p++;
		c->line++;
	}
	return 0;
}

/*
 * Every field is unquoted into one buffer of len + 1 bytes: a field never grows when its
 * quotes go, and each field's NUL takes the place of the separator or line break that
 * ended it (only the very last field ends at the end of the data, hence the + 1).
 */
int
csv_parse(struct arena *a, const char *data, size_t len, struct csv *out,
    struct csv_error *err)
{
	struct cursor c = { data, NULL, NULL, 1, ',' };
	char *f[CSV_MAX_COLS];
	size_t cap = 0;

	memset(out, 0, sizeof(*out));
	memset(err, 0, sizeof(*err));
	if (data == NULL)       /* no upload; NULL + len would be undefined */
		return fail(err, CSV_ERR_EMPTY, 0, 0, 0);
	c.end = data + len;
	if (len >= 3 && memcmp(c.p, "\xef\xbb\xbf", 3) == 0)
		c.p += 3;
	if (c.p == c.end)
		return fail(err, CSV_ERR_EMPTY, 0, 0, 0);
	if (!utf8_valid((const unsigned char *)c.p, (size_t)(c.end - c.p)))
		return fail(err, CSV_ERR_UTF8, 0, 0, 0);
	c.sep = out->sep = detect_sep(c.p, c.end);
	if ((c.o = arena_alloc(a, (size_t)(c.end - c.p) + 1)) == NULL)
		return fail(err, CSV_ERR_NOMEM, 0, 0, 0);
	while (c.p < c.end) {
		size_t n, start_line = c.line, row = out->nrows + 1;

		if (out->nrows == CSV_MAX_ROWS)
			return fail(err, CSV_ERR_ROWS, row, 0, c.line);
		if (read_record(&c, f, &n, row, err) < 0)
			return -1;
		if (add_row(a, out, &cap, start_line, f, n) < 0)
			return fail(err, CSV_ERR_NOMEM, row, 0, start_line);
	}
	return 0;
}

const char *
csv_strerror(enum csv_errcode code)
{
	static const char *const keys[CSV_ERR__MAX] = {
		[CSV_OK] = "plat_csv_ok",
		[CSV_ERR_NOMEM] = "plat_csv_nomem",
		[CSV_ERR_EMPTY] = "plat_csv_empty",
		[CSV_ERR_UTF8] = "plat_csv_utf8",
		[CSV_ERR_QUOTE] = "plat_csv_quote",
		[CSV_ERR_AFTER_QUOTE] = "plat_csv_after_quote",
		[CSV_ERR_UNTERMINATED] = "plat_csv_unterminated",
		[CSV_ERR_ROWS] = "plat_csv_rows",
		[CSV_ERR_COLS] = "plat_csv_cols",
		[CSV_ERR_FIELD] = "plat_csv_field",
	};

	if ((unsigned)code >= CSV_ERR__MAX)
		code = CSV_ERR_NOMEM;
	return keys[code];
}

/*
 * A field is quoted when it holds either separator (so that csv_parse, which counts them
 * outside quotes, detects the same separator in the file again), a quote or a line break,
 * and when it starts with U+FEFF, which a reader would take for a byte order mark.
 */
void
csv_put(struct sbuf *b, const char *s, char sep)
{
	int guard, quote;

	if (s == NULL)
		s = "";
	guard = *s != '\0' && strchr(FORMULA_START, *s) != NULL;
	quote = strchr(s, sep) != NULL || strpbrk(s, ",;\"\r\n") != NULL ||
	    strncmp(s, "\xef\xbb\xbf", 3) == 0;
	if (quote)
		sbuf_addc(b, '"');
	if (guard)
		sbuf_addc(b, '\'');
	for (; *s; s++) {
		if (*s == '"')
			sbuf_addc(b, '"');
		sbuf_addc(b, *s);
	}
	if (quote)
		sbuf_addc(b, '"');
}

void
csv_end_row(struct sbuf *b)
{
	sbuf_add(b, "\r\n", 2);
}

const char *
csv_unguard(const char *s)
{
	if (s != NULL && s[0] == '\'' && s[1] != '\0' && strchr(FORMULA_START, s[1]) != NULL)
		return s + 1;
	return s;
}
