/*
 * Wi-Fi Secure sessions (issue 14): the "Connected devices" panel of a user's details page
 * (portal and platform) and of My profile, read from radacct, which FreeRADIUS writes
 * (sql/010_radius.sql, conf/freeradius/); and the admin's "Disconnect": the session is marked
 * ended (acctstoptime, Admin-Reset) and, when the NAS takes them (radius_nas.coa_address), an
 * RFC 5176 Disconnect-Request is sent to it. Every query is scoped by the user's operator and
 * occupier in SQL: a session id from the form is looked up only among the sessions of a user
 * the signed-in admin may manage.
 */
#include <arpa/inet.h>
#include <netdb.h>
#include <poll.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include <nettle/md5.h>
#include <sodium.h>

#include "app.h"
#include "audit.h"
#include "db_radius.h"
#include "pages.h"
#include "tmpl.h"

/* At most this many sessions are listed (a user has a handful; a device limit is 1..255). */
#define DEVICES_MAX 100

int
radius_devices_show(struct req *r, struct tmpl_dict *d, long user_id, long operator_id,
    long occupier_id, const char *action)
{
	struct tmpl_dict *p = tmpl_include(d, "DEVICES", r->lang, "radius_devices.tpl"), *l;
	struct radius_device *devs;
	int n = db_radius_devices(r, operator_id, occupier_id, user_id, DEVICES_MAX, &devs);

	if (n < 0)
		return -1;
	if (n == 0) {
		tmpl_show(p, "NONE");
		return 0;
	}
	l = tmpl_section(p, "LIST");
	if (action != NULL)
		tmpl_show(l, "CAN_DISCONNECT");
	for (int i = 0; i < n; i++) {
		struct tmpl_dict *row = tmpl_section(l, "DEVICE");
		const char *mac = devs[i].mac;
		const char *name = devs[i].name;

		if (mac == NULL || *mac == '\0')
			mac = T(r, "radius_unknown_device");
		if (name != NULL) {
			tmpl_set(row, "NAME", name);
			tmpl_set(tmpl_section(row, "MAC"), "MAC", mac);
		} else
			tmpl_set(row, "NAME", mac);
		tmpl_set(row, "SITE", devs[i].site == NULL ? T(r, "radius_unknown_site") :
		    devs[i].site);
		tmpl_set(row, "SINCE", devs[i].since == NULL ? "" : devs[i].since);
		if (action != NULL) {
			struct tmpl_dict *f = tmpl_section(row, "DISCONNECT");

			tmpl_set(f, "ACTION", action);
			tmpl_set(f, "SESSION", devs[i].session);
			tmpl_set(f, "DEVICE_LABEL", name != NULL ? name : mac);
		}
	}
	return 0;
}

/* ------------------------------------------------------------------ Disconnect-Request */

enum { RAD_DISCONNECT_REQUEST = 40, RAD_DISCONNECT_ACK = 41, RAD_DISCONNECT_NAK = 42 };
enum { ATTR_USER_NAME = 1, ATTR_NAS_IP = 4, ATTR_CALLING_STATION = 31, ATTR_SESSION_ID = 44 };

#define RAD_MAX 4096

struct coa {
	const char *address, *secret, *user, *session, *calling, *nas_ip;
	long port;
};

/* Appends attribute type with n bytes of value to pkt at *len; -1 when it does not fit. */
static int
rad_attr(unsigned char *pkt, size_t *len, int type, const void *v, size_t n)
{
	if (n == 0 || n > 253 || *len + 2 + n > RAD_MAX)
		return -1;
	pkt[(*len)++] = (unsigned char)type;
	pkt[(*len)++] = (unsigned char)(n + 2);
	memcpy(pkt + *len, v, n);
	*len += n;
	return 0;
}

/* MD5(pkt[0..4) || auth || pkt[20..len) || secret) into out: the authenticators of RFC 5176
 * section 3 (auth is 16 zero octets for the request, the request's for the response). */
static void
rad_auth(const unsigned char *pkt, size_t len, const unsigned char auth[16],
    const char *secret, unsigned char out[16])
{
	struct md5_ctx c;

	md5_init(&c);
	md5_update(&c, 4, pkt);
	md5_update(&c, 16, auth);
	md5_update(&c, len - 20, pkt + 20);
	md5_update(&c, strlen(secret), (const unsigned char *)secret);
	md5_digest(&c, 16, out);
}

/*
 * Sends a Disconnect-Request for one session to its NAS and waits a second for the answer.
 * Returns 1 for a Disconnect-ACK, 0 for a NAK, no answer or a forged answer, -1 when it could
 * not be sent. Only numeric addresses are used (no name lookups from a page).
 */
static int
coa_disconnect(const struct coa *c)
{
	unsigned char pkt[RAD_MAX], ans[RAD_MAX], zero[16] = { 0 }, want[16];
	struct addrinfo hints, *ai = NULL;
	struct in_addr ip;
	size_t len = 20;
	char port[8];
	int fd = -1, rc = -1;
	ssize_t n;

	pkt[0] = RAD_DISCONNECT_REQUEST;
	pkt[1] = (unsigned char)randombytes_uniform(256);
	if (rad_attr(pkt, &len, ATTR_USER_NAME, c->user, strlen(c->user)) < 0 ||
	    rad_attr(pkt, &len, ATTR_SESSION_ID, c->session, strlen(c->session)) < 0)
		return -1;
	if (c->calling != NULL && *c->calling != '\0' &&
	    rad_attr(pkt, &len, ATTR_CALLING_STATION, c->calling, strlen(c->calling)) < 0)
		return -1;
	if (c->nas_ip != NULL && inet_pton(AF_INET, c->nas_ip, &ip) == 1 &&
	    rad_attr(pkt, &len, ATTR_NAS_IP, &ip, 4) < 0)
		return -1;
	pkt[2] = (unsigned char)(len >> 8);
	pkt[3] = (unsigned char)(len & 0xff);
	rad_auth(pkt, len, zero, c->secret, pkt + 4);

	memset(&hints, 0, sizeof(hints));
	hints.ai_flags = AI_NUMERICHOST | AI_NUMERICSERV;
	hints.ai_socktype = SOCK_DGRAM;
	snprintf(port, sizeof(port), "%ld", c->port);
	if (getaddrinfo(c->address, port, &hints, &ai) != 0)
		return -1;
	if ((fd = socket(ai->ai_family, SOCK_DGRAM | SOCK_CLOEXEC, 0)) < 0 ||
	    connect(fd, ai->ai_addr, ai->ai_addrlen) < 0 || send(fd, pkt, len, 0) != (ssize_t)len)
		goto out;
	rc = 0;
	for (;;) {
		struct pollfd p = { .fd = fd, .events = POLLIN };
		size_t alen;

		if (poll(&p, 1, 1000) <= 0)
			break;
		if ((n = recv(fd, ans, sizeof(ans), 0)) < 20)
			break;
		alen = (size_t)ans[2] << 8 | ans[3];
		if (ans[1] != pkt[1] || alen < 20 || alen > (size_t)n)
			continue;            /* not the answer to this request */
		rad_auth(ans, alen, pkt + 4, c->secret, want);
		if (sodium_memcmp(want, ans + 4, 16) != 0)
			continue;            /* forged or under another secret */
		rc = ans[0] == RAD_DISCONNECT_ACK;
		break;
	}
out:
	if (fd >= 0)
		close(fd);
	freeaddrinfo(ai);
	return rc;
}

/* ------------------------------------------------------------------ the POST */

/* Ends one session of user_id (in operator_id / occupier_id) and tells its NAS; redirects to
 * back with a notice that says whether the NAS confirmed. */
static int
disconnect(struct req *r, long operator_id, long occupier_id, long user_id, const char *back)
{
	const char *sid = form_get(r, "session");
	struct radius_session rs;
	struct coa c;
	long session;
	int told = 0, rc;

	if (str_to_long(sid, 1, 999999999999L, &session) < 0)
		return 400;
	if (tx_begin(r) < 0)
		return 500;
	if ((rc = db_radius_session_lock(r, operator_id, occupier_id, user_id, session,
	    &rs)) <= 0) {
		tx_rollback(r);
		return rc < 0 ? 500 : 404;
	}
	if (db_radius_session_end(r, session) < 0 ||
	    audit_add(r, occupier_id, user_id, rs.email, "wifi.disconnect", "device", rs.calling,
	    "") < 0 || tx_commit(r) < 0) {
		tx_rollback(r);
		return 500;
	}
	/* After the commit: the session is ended whatever the NAS answers. */
	if (rs.coa_address != NULL && rs.coa_secret != NULL) {
		c.user = rs.user;
		c.session = rs.session;
		c.calling = rs.calling;
		c.nas_ip = rs.nas_ip;
		c.address = rs.coa_address;
		c.port = rs.coa_port;
		c.secret = rs.coa_secret;
		told = coa_disconnect(&c) == 1;
	}
	return page_redirect(r, arena_printf(r->a, "%s?n=%s", back,
	    told ? "device_disconnected" : "device_session_ended"));
}

/*
 * POST /users/ID/devices/disconnect (an occupier admin, for a user of their occupier) and
 * POST /platform/occupiers/OCC/users/ID/devices/disconnect (an operator, for a user of one of
 * its occupiers): the router has resolved the scope and the user (RF_SCOPE, RF_USER), and
 * the session is looked up among that user's in SQL.
 */
int
h_user_device_disconnect(struct req *r)
{
	const struct scope *s = r->scope;

	return disconnect(r, s->operator_id, s->occupier_id, s->user_id,
	    arena_printf(r->a, "%s/%ld", s->base, s->user_id));
}
