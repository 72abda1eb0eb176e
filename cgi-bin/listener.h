/*
 * Hardening of the FastCGI listener (issue 11): the TCP peers allowed to connect (fcgi_allow,
 * a list of CIDR blocks), read/write timeouts on each connection, and a cap on the records of
 * a request's input. A unix socket is the default (conf/portal.conf); its peers are whoever
 * may open the file (mode 0660), so the list applies to TCP only.
 */
#ifndef LISTENER_H
#define LISTENER_H

#include <stddef.h>
#include <sys/socket.h>

#define CIDR_MAX 32

struct cidr {
	int family;                     /* AF_INET or AF_INET6 */
	unsigned char addr[16];
	int bits;
};

struct cidr_list {
	struct cidr net[CIDR_MAX];
	size_t n;
};

/* "10.0.0.0/24, 127.0.0.1/32 ::1/128" (commas or spaces; a bare address is /32 or /128).
 * 0, or -1 for a malformed entry or more than CIDR_MAX. */
int	 cidr_parse(const char *s, struct cidr_list *out);
/* 1 when the socket address sa (AF_INET, AF_INET6 incl. v4-mapped) is in the list. */
int	 cidr_match(const struct cidr_list *l, const struct sockaddr *sa);

/* After accept4(): 1 when the peer of fd may talk to us (unix sockets always), else 0. */
int	 listener_peer_ok(int fd, const struct cidr_list *allow);
/* SO_RCVTIMEO and SO_SNDTIMEO of seconds on fd: a stalled peer fails its read or write. */
int	 listener_timeouts(int fd, int seconds);

struct FCGX_Stream;
/* Caps the records read from the request's input stream (FastCGI STDIN) to max, and the
 * time to read them to seconds (0: no limit), after FCGX_Accept_r: past either the stream
 * reports an error (the request gets a 400, the connection is closed). Per thread. */
void	 listener_cap_records(struct FCGX_Stream *in, int max, int seconds);

#endif
