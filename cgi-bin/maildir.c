/*
 * The maildir transport of build/mailer (see maildir.h and the comment at the top of
 * mailer.c): a message is written and fsync'ed in tmp/ under its claim token, published to
 * new/ once its row is committed as sent, and the files a crash left are recovered.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "daemon.h"
#include "db_mailer.h"
#include "maildir.h"
#include "mailmsg.h"
#include "util.h"

static int
write_all(int fd, const char *p, size_t n)
{
	while (n > 0) {
		ssize_t w = write(fd, p, n);

		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			return -1;
		p += w;
		n -= (size_t)w;
	}
	return 0;
}

/* mkdir -p of the maildir and its tmp, new and cur. */
int
maildir_prepare(const char *md, char *err, size_t errlen)
{
	static const char *const sub[] = { "", "/tmp", "/new", "/cur" };
	char path[PATH_MAX];

	for (size_t i = 0; i < sizeof(sub) / sizeof(sub[0]); i++) {
		snprintf(path, sizeof(path), "%s%s", md, sub[i]);
		if (mkdir(path, 0700) < 0 && errno != EEXIST) {
			snprintf(err, errlen, "mkdir %.180s%s: %.40s", md, sub[i],
			    strerror(errno));
			return -1;
		}
	}
	return 0;
}

/* tmp/<id>.<tag>.<token>.eml and new/<id>.<tag>.eml of m. */
void
maildir_names(const char *md, const struct outmsg *m, char tmp[PATH_MAX], char dst[PATH_MAX])
{
	/* the maildir has at most 255 bytes (conf.c): these cannot be cut short. */
	snprintf(tmp, PATH_MAX, "%s/tmp/%lld.%.16s.%s.eml", md, m->id, m->tag, m->token);
	snprintf(dst, PATH_MAX, "%s/new/%lld.%.16s.eml", md, m->id, m->tag);
}

/* Writes and fsyncs tmp/<id>.<tag>.<token>.eml; it goes to new/ once the row is sent. */
int
maildir_deliver(const char *md, const struct outmsg *m, const struct sbuf *msg, char *err,
    size_t errlen)
{
	char tmp[PATH_MAX], dst[PATH_MAX];
	int fd;

	if (maildir_prepare(md, err, errlen) < 0)
		return -1;
	maildir_names(md, m, tmp, dst);
	fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC | O_NOFOLLOW, 0600);
	if (fd < 0) {
		snprintf(err, errlen, "open tmp/: %s", strerror(errno));
		return -1;
	}
	if (write_all(fd, msg->data, msg->len) < 0 || fsync(fd) < 0) {
		snprintf(err, errlen, "write tmp/: %s", strerror(errno));
		close(fd);
		unlink(tmp);
		return -1;
	}
	if (close(fd) < 0) {
		snprintf(err, errlen, "close tmp/: %s", strerror(errno));
		unlink(tmp);
		return -1;
	}
	return 0;
}

/*
 * Moves the tmp/ file of a row committed as sent into new/ (atomic, replacing a file of the
 * same name) and fsyncs new/. A file already moved by another mailer of this maildir is fine.
 */
int
maildir_publish(const char *md, const char *tmp, const char *dst)
{
	char dir[PATH_MAX];
	int fd, rc = -1;

	if (rename(tmp, dst) < 0 && !(errno == ENOENT && access(dst, F_OK) == 0)) {
		daemon_log("rename %s into new/: %s", tmp, strerror(errno));
		return -1;
	}
	snprintf(dir, sizeof(dir), "%s/new", md);
	if ((fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC)) >= 0) {
		rc = fsync(fd);
		close(fd);
	}
	return rc;
}

/*
 * The tmp/ files a crash left (see the comment at the top): a row sent by the file's token
 * gets its file moved to new/; otherwise the file goes, and a claim still held by that token
 * is given back so that the row is due at once. -1 when the database failed.
 */
int
maildir_recover(const char *md, struct db *db, struct arena *a)
{
	char dir[PATH_MAX], tmp[PATH_MAX], dst[PATH_MAX];
	DIR *d;
	struct dirent *e;
	int rc = 0;

	snprintf(dir, sizeof(dir), "%s/tmp", md);
	if ((d = opendir(dir)) == NULL)
		return 0;
	while (rc == 0 && (e = readdir(d)) != NULL) {
		struct outmsg m;
		char tag[17], token[33], end;
		const char *holder = "";
		int found, sent = 0;

		memset(&m, 0, sizeof(m));
		if (sscanf(e->d_name, "%lld.%16[0-9a-f].%32[0-9a-f].em%c", &m.id, tag, token, &end) != 4 ||
		    end != 'l' || strlen(token) != 32)
			continue;
		snprintf(m.tag, sizeof(m.tag), "%s", tag);
		snprintf(m.token, sizeof(m.token), "%s", token);
		maildir_names(md, &m, tmp, dst);
		arena_reset(a);
		if ((found = db_mail_state(db, a, m.id, &sent, &holder)) < 0) {
			rc = -1;
			break;
		}
		if (found && sent && strcmp(holder, token) == 0) {
			if (maildir_publish(md, tmp, dst) == 0)
				daemon_log("#%lld: delivered by a mailer that stopped before moving it "
				    "to new/; moved", m.id);
			continue;
		}
		if (found && db_mail_give_back(db, m.id, token) < 0) {
			rc = -1;
			break;
		}
		unlink(tmp);
	}
	closedir(d);
	arena_reset(a);
	return rc;
}
