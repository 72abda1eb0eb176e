/*
 * The maildir transport of build/mailer (maildir.c). md is the maildir's path (at most 255
 * bytes). Each returns 0, or -1 (with err set where it takes one).
 */
#ifndef MAILDIR_H
#define MAILDIR_H

#include <limits.h>
#include <stddef.h>

struct arena;
struct db;
struct outmsg;
struct sbuf;

/* mkdir -p of the maildir and its tmp, new and cur. */
int	 maildir_prepare(const char *md, char *err, size_t errlen);
/* tmp/<id>.<tag>.<token>.eml and new/<id>.<tag>.eml of m. */
void	 maildir_names(const char *md, const struct outmsg *m, char tmp[PATH_MAX],
	    char dst[PATH_MAX]);
/* Writes and fsyncs tmp/<id>.<tag>.<token>.eml; it goes to new/ once the row is sent. */
int	 maildir_deliver(const char *md, const struct outmsg *m, const struct sbuf *msg,
	    char *err, size_t errlen);
/* Moves the tmp/ file of a row committed as sent into new/ and fsyncs new/. */
int	 maildir_publish(const char *md, const char *tmp, const char *dst);
/* The tmp/ files a crash left: published when their row was sent by their token, else
 * removed and the claim given back. -1 when the database failed. */
int	 maildir_recover(const char *md, struct db *db, struct arena *a);

#endif
