/* listener.c: the fcgi_allow list (issue 11, item 3). */
#include <arpa/inet.h>
#include <netinet/in.h>
#include <string.h>

#include "listener.h"
#include "unit.h"

static int
in4(const struct cidr_list *l, const char *a)
{
	struct sockaddr_in s = { .sin_family = AF_INET };

	assert_int_equal(inet_pton(AF_INET, a, &s.sin_addr), 1);
	return cidr_match(l, (struct sockaddr *)&s);
}

static int
in6(const struct cidr_list *l, const char *a)
{
	struct sockaddr_in6 s = { .sin6_family = AF_INET6 };

	assert_int_equal(inet_pton(AF_INET6, a, &s.sin6_addr), 1);
	return cidr_match(l, (struct sockaddr *)&s);
}

static void
allow_list(void **state)
{
	struct cidr_list l;

	(void)state;
	assert_int_equal(cidr_parse("10.0.0.0/24, 127.0.0.1/32 ::1/128,2001:db8::/48", &l), 0);
	assert_int_equal(l.n, 4);
	assert_true(in4(&l, "10.0.0.7"));
	assert_true(in4(&l, "10.0.0.255"));
	assert_false(in4(&l, "10.0.1.1"));
	assert_true(in4(&l, "127.0.0.1"));
	assert_false(in4(&l, "127.0.0.2"));        /* the address the e2e test is refused from */
	assert_true(in6(&l, "::1"));
	assert_false(in6(&l, "::2"));
	assert_true(in6(&l, "2001:db8:0:ffff::1"));
	assert_false(in6(&l, "2001:db8:1::1"));
	assert_true(in6(&l, "::ffff:10.0.0.9"));   /* v4-mapped on a dual-stack socket */
	assert_false(in6(&l, "::ffff:10.9.0.9"));
	/* odd prefix lengths */
	assert_int_equal(cidr_parse("192.168.4.0/22", &l), 0);
	assert_true(in4(&l, "192.168.7.200"));
	assert_false(in4(&l, "192.168.8.1"));
	/* bare addresses are single hosts; empty lists allow nobody */
	assert_int_equal(cidr_parse("192.0.2.1", &l), 0);
	assert_true(in4(&l, "192.0.2.1"));
	assert_false(in4(&l, "192.0.2.2"));
	assert_int_equal(cidr_parse("", &l), 0);
	assert_false(in4(&l, "127.0.0.1"));
	/* malformed */
	assert_int_equal(cidr_parse("10.0.0.0/33", &l), -1);
	assert_int_equal(cidr_parse("10.0.0/8", &l), -1);
	assert_int_equal(cidr_parse("::1/129", &l), -1);
	assert_int_equal(cidr_parse("10.0.0.0/", &l), -1);
	assert_int_equal(cidr_parse("example.com", &l), -1);
}

int
run_listener_tests(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(allow_list),
	};

	return cmocka_run_group_tests_name("listener", tests, NULL, NULL);
}
