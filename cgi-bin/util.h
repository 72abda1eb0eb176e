/*
 * Small building blocks shared by every module: a per-request arena, a growable string
 * buffer and a few string helpers. Nothing here allocates behind the caller's back except
 * through the arena or the buffer.
 */
#ifndef UTIL_H
#define UTIL_H

#include <stddef.h>
#include <stdarg.h>

/* An arena hands out memory that is all freed at once by arena_free(). */
struct arena_chunk;
struct arena {
	struct arena_chunk *head;
	size_t used;      /* bytes handed out, for limits */
	size_t limit;     /* 0 = no limit */
};

void	 arena_init(struct arena *a, size_t limit);
void	*arena_alloc(struct arena *a, size_t n);
void	*arena_zalloc(struct arena *a, size_t n);
char	*arena_strdup(struct arena *a, const char *s);
char	*arena_strndup(struct arena *a, const char *s, size_t n);
char	*arena_printf(struct arena *a, const char *fmt, ...)
	    __attribute__((format(printf, 2, 3)));
void	 arena_reset(struct arena *a);
void	 arena_free(struct arena *a);

/* A growable byte buffer, always NUL-terminated. */
struct sbuf {
	char *data;
	size_t len, cap;
	int oom;          /* set once an allocation failed; later appends are ignored */
};

void	 sbuf_init(struct sbuf *b);
void	 sbuf_free(struct sbuf *b);
void	 sbuf_reset(struct sbuf *b);
void	 sbuf_add(struct sbuf *b, const void *p, size_t n);
void	 sbuf_adds(struct sbuf *b, const char *s);
void	 sbuf_addc(struct sbuf *b, char c);
void	 sbuf_printf(struct sbuf *b, const char *fmt, ...)
	    __attribute__((format(printf, 2, 3)));
void	 sbuf_vprintf(struct sbuf *b, const char *fmt, va_list ap);
/* s as a JSON string, quoted and escaped (s is valid UTF-8) */
void	 json_add_str(struct sbuf *b, const char *s);

/* Strings. */
int	 utf8_valid(const unsigned char *s, size_t n);
size_t	 utf8_chars(const char *s);
char	*str_trim(char *s);
void	 str_lower(char *s);
/*
 * in folded for substring search into out (at most strlen(in) + 1 bytes): ASCII and Greek and
 * Cyrillic capitals lower-cased, accented Latin letters to their base letters ("É" "e", "ß"
 * "ss"). Returns the length written.
 */
size_t	 str_fold(const char *in, char *out);
int	 str_eq(const char *a, const char *b);
int	 str_to_long(const char *s, long min, long max, long *out);
int	 hex_digit(char c);          /* 0..15, or -1 */
void	 hex_encode(char *out, const unsigned char *in, size_t n);
int	 hex_decode(unsigned char *out, size_t outlen, const char *in);

#endif
