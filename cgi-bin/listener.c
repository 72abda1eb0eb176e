/* FastCGI listener hardening (see listener.h). */
#include <arpa/inet.h>
#include <netinet/in.h>
#include <stdlib.h>
#include <string.h>
#include <sys/time.h>
#include <sys/un.h>
#include <time.h>

#include <fcgiapp.h>

#include "listener.h"

static int
parse_one(const char *s, size_t len, struct cidr *c)
{
	char buf[64], *slash;
	long bits;

	if (len == 0 || len >= sizeof(buf))
		return -1;
	memcpy(buf, s, len);
	buf[len] = '\0';
	if ((slash = strchr(buf, '/')) != NULL)
		*slash++ = '\0';
	memset(c, 0, sizeof(*c));
	if (inet_pton(AF_INET, buf, c->addr) == 1)
		c->family = AF_INET;
	else if (inet_pton(AF_INET6, buf, c->addr) == 1)
		c->family = AF_INET6;
	else
		return -1;
	bits = c->family == AF_INET ? 32 : 128;
	if (slash != NULL) {
		char *end;
		long b = strtol(slash, &end, 10);

		if (*slash == '\0' || *end != '\0' || b < 0 || b > bits)
			return -1;
		bits = b;
	}
	c->bits = (int)bits;
	return 0;
}

int
cidr_parse(const char *s, struct cidr_list *out)
{
	out->n = 0;
	while (s != NULL && *s) {
		size_t len;

		s += strspn(s, ", \t");
		len = strcspn(s, ", \t");
		if (len == 0)
			break;
		if (out->n == CIDR_MAX || parse_one(s, len, &out->net[out->n]) < 0)
			return -1;
		out->n++;
		s += len;
	}
	return 0;
}

static int
prefix_eq(const unsigned char *a, const unsigned char *b, int bits)
{
	int whole = bits / 8, rest = bits % 8;

	if (memcmp(a, b, (size_t)whole) != 0)
		return 0;
	if (rest == 0)
		return 1;
	return ((a[whole] ^ b[whole]) & (0xff << (8 - rest))) == 0;
}

int
cidr_match(const struct cidr_list *l, const struct sockaddr *sa)
{
	unsigned char a4[4], a6[16];
	int has4 = 0, has6 = 0;

	if (sa->sa_family == AF_INET) {
		memcpy(a4, &((const struct sockaddr_in *)(const void *)sa)->sin_addr, 4);
		has4 = 1;
	} else if (sa->sa_family == AF_INET6) {
		const struct in6_addr *in6 = &((const struct sockaddr_in6 *)(const void *)sa)->sin6_addr;

		memcpy(a6, in6, 16);
		has6 = 1;
		if (IN6_IS_ADDR_V4MAPPED(in6)) {
			memcpy(a4, a6 + 12, 4);
			has4 = 1;
		}
	} else
		return 0;
	for (size_t i = 0; i < l->n; i++) {
		const struct cidr *c = &l->net[i];

		if (c->family == AF_INET && has4 && prefix_eq(a4, c->addr, c->bits))
			return 1;
		if (c->family == AF_INET6 && has6 && prefix_eq(a6, c->addr, c->bits))
			return 1;
	}
	return 0;
}

int
listener_peer_ok(int fd, const struct cidr_list *allow)
{
	struct sockaddr_storage ss;
	socklen_t len = sizeof(ss);

	if (getpeername(fd, (struct sockaddr *)&ss, &len) < 0)
		return 0;
	if (ss.ss_family == AF_UNIX)
		return 1;
	return cidr_match(allow, (struct sockaddr *)&ss);
}

int
listener_timeouts(int fd, int seconds)
{
	struct timeval tv = { .tv_sec = seconds, .tv_usec = 0 };

	if (seconds <= 0)
		return 0;
	if (setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv)) < 0 ||
	    setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof(tv)) < 0)
		return -1;
	return 0;
}

/*
 * libfcgi fills a reader stream through its fillBuffProc, once per record that carries data
 * (FCGX_Stream is public in fcgiapp.h). The wrapper counts the calls of this thread's request
 * and, past the cap, marks the stream failed instead of reading on.
 */
static _Thread_local void (*fill_orig)(FCGX_Stream *);
static _Thread_local int fill_left;
static _Thread_local struct timespec fill_until;

static int
past(const struct timespec *t)
{
	struct timespec now;

	clock_gettime(CLOCK_MONOTONIC, &now);
	return now.tv_sec > t->tv_sec || (now.tv_sec == t->tv_sec && now.tv_nsec > t->tv_nsec);
}

static void
fill_capped(FCGX_Stream *s)
{
	/* too many records, or a peer that trickles them past the deadline */
	if (fill_left-- <= 0 || (fill_until.tv_sec && past(&fill_until))) {
		s->isClosed = 1;
		s->FCGI_errno = FCGX_PROTOCOL_ERROR;
		s->stop = s->rdNext;
		return;
	}
	fill_orig(s);
}

void
listener_cap_records(FCGX_Stream *in, int max, int seconds)
{
	if (in == NULL || max <= 0)
		return;
	memset(&fill_until, 0, sizeof(fill_until));
	if (seconds > 0) {
		clock_gettime(CLOCK_MONOTONIC, &fill_until);
		fill_until.tv_sec += seconds;
	}
	if (in->fillBuffProc != fill_capped) {
		fill_orig = in->fillBuffProc;
		in->fillBuffProc = fill_capped;
	}
	fill_left = max;
}
