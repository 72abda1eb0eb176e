/*
 * CSV (RFC 4180) for "Add multiple users" and "Download users" (PLAT-2, PLAT-3).
 *
 * csv_parse() is a pure function over bytes (no database, no globals), so that it can be
 * fuzzed: UTF-8 with or without a byte order mark, comma or semicolon (whichever the first
 * line holds more of, outside quotes), quoted fields with "" escapes and embedded line
 * breaks, CRLF, LF or a lone CR between records. Hard limits keep a hostile file cheap.
 *
 * The writers quote what needs quoting and guard cells against formula injection: a cell
 * that starts with = + - @ tab or CR is written with a leading apostrophe, which
 * csv_unguard() takes off again when the file comes back, so an export imports as it was.
 */
#ifndef CSV_H
#define CSV_H

#include <stddef.h>

struct arena;
struct sbuf;

#define CSV_MAX_ROWS 20000          /* records, the header line included */
#define CSV_MAX_COLS 64             /* fields in one record */
#define CSV_MAX_FIELD 1000          /* bytes in one field, after unquoting */

enum csv_errcode {
	CSV_OK = 0,
	CSV_ERR_NOMEM,              /* the arena refused */
	CSV_ERR_EMPTY,              /* no bytes at all (a BOM alone counts as none) */
	CSV_ERR_UTF8,               /* not UTF-8 text, or a NUL byte: not a CSV file */
	CSV_ERR_QUOTE,              /* a quote inside an unquoted field */
	CSV_ERR_AFTER_QUOTE,        /* something other than a separator after a closing quote */
	CSV_ERR_UNTERMINATED,       /* a quoted field still open at the end of the file */
	CSV_ERR_ROWS,               /* more than CSV_MAX_ROWS records */
	CSV_ERR_COLS,               /* more than CSV_MAX_COLS fields in a record */
	CSV_ERR_FIELD,              /* a field longer than CSV_MAX_FIELD bytes */
	CSV_ERR__MAX
};

/* Where parsing stopped: record (1 = the first line of the file), field (1-based) and the
 * physical line, which differ when quoted fields span lines. */
struct csv_error {
	enum csv_errcode code;
	size_t row, col, line;
};

struct csv_row {
	size_t line;                /* physical line where the record starts, 1-based */
	size_t n;                   /* fields; an empty line is one empty field */
	char **f;                   /* NUL-terminated, in the arena */
};

struct csv {
	char sep;                   /* ',' or ';' */
	size_t nrows;
	struct csv_row *rows;       /* rows[0] is the header when there is one */
};

/*
 * Parses len bytes of data into out, all memory from a. A final line break does not make
 * an empty record. Returns 0, or -1 with err filled in (out is then unusable).
 */
int	 csv_parse(struct arena *a, const char *data, size_t len, struct csv *out,
	    struct csv_error *err);

/* The catalogue key that explains code to a person. */
const char *csv_strerror(enum csv_errcode code);

/* Appends s as one field (quoted when needed, guarded against formula injection). */
void	 csv_put(struct sbuf *b, const char *s, char sep);
/* Appends the record separator (CRLF, as RFC 4180 says). */
void	 csv_end_row(struct sbuf *b);
/* s without the apostrophe csv_put() may have added; s itself otherwise. */
const char *csv_unguard(const char *s);

#endif
