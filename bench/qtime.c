/*
 * bench/qtime.c: the time of a page's SQL as the page sees it: the same statement text,
 * prepared once and executed through the MariaDB C client on the server's unix socket, with
 * its parameters bound as db.c binds them, every row fetched. Prints "p50_ms p99_ms rows".
 *
 *   qtime SOCKET RUNS FMT SQL [PARAM ...] [-- FMT SQL [PARAM ...]] ...
 *
 * FMT has one letter per `?`: i (integer), s (string) or n (SQL NULL, its PARAM ignored). Several statements separated by
 * `--` are one page's queries: each run executes all of them and is timed as a whole; rows
 * is the row count of the last statement. Connects as the OS user (unix_socket
 * authentication, as scripts/db.sh does) to database portal.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <pwd.h>

#include <mysql.h>

#define MAXP 32
#define MAXS 16

struct st {
	const char *fmt, *sql;
	char **params;
	MYSQL_STMT *st;
	MYSQL_BIND bind[MAXP];
	long long ints[MAXP];
	unsigned long lens[MAXP];
};

static double
now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static int
cmp(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

static void
die(const char *what, const char *msg)
{
	fprintf(stderr, "qtime: %s: %s\n", what, msg);
	exit(1);
}

/* Executes s, fetches every row; returns the row count. */
static long
run(struct st *s)
{
	MYSQL_RES *meta;
	long n = 0;

	if (mysql_stmt_execute(s->st) != 0)
		die("execute", mysql_stmt_error(s->st));
	if ((meta = mysql_stmt_result_metadata(s->st)) == NULL)
		return 0;
	mysql_free_result(meta);
	if (mysql_stmt_store_result(s->st) != 0)
		die("store", mysql_stmt_error(s->st));
	while (mysql_stmt_fetch(s->st) == 0)
		n++;
	mysql_stmt_free_result(s->st);
	return n;
}

int
main(int argc, char *argv[])
{
	struct st sts[MAXS];
	int ns = 0, runs, i = 3;
	MYSQL *c;
	struct passwd *pw = getpwuid(getuid());
	unsigned int tmo = 5;
	double *t;
	long rows = 0;

	if (argc < 5)
		die("usage", "qtime SOCKET RUNS FMT SQL [PARAM ...] [-- FMT SQL ...]");
	runs = atoi(argv[2]);
	if (runs < 1 || (t = calloc((size_t)runs, sizeof(*t))) == NULL)
		die("usage", "RUNS");
	while (i < argc) {
		struct st *s;

		if (ns == MAXS || i + 1 >= argc)
			die("usage", "too many statements, or FMT without SQL");
		s = &sts[ns++];
		memset(s, 0, sizeof(*s));
		s->fmt = argv[i];
		s->sql = argv[i + 1];
		s->params = &argv[i + 2];
		i += 2 + (int)strlen(s->fmt);
		if (i > argc || strlen(s->fmt) > MAXP)
			die("usage", "fewer parameters than FMT says");
		if (i < argc) {
			if (strcmp(argv[i], "--") != 0)
				die("usage", "more parameters than FMT says");
			i++;
		}
	}
	if ((c = mysql_init(NULL)) == NULL)
		die("init", "out of memory");
	mysql_options(c, MYSQL_OPT_CONNECT_TIMEOUT, &tmo);
	mysql_options(c, MYSQL_SET_CHARSET_NAME, "utf8mb4");
	if (mysql_real_connect(c, NULL, pw ? pw->pw_name : "root", NULL, "portal", 0, argv[1],
	    0) == NULL)
		die("connect", mysql_error(c));
	for (int k = 0; k < ns; k++) {
		struct st *s = &sts[k];

		if ((s->st = mysql_stmt_init(c)) == NULL ||
		    mysql_stmt_prepare(s->st, s->sql, strlen(s->sql)) != 0)
			die("prepare", s->st ? mysql_stmt_error(s->st) : mysql_error(c));
		if (mysql_stmt_param_count(s->st) != strlen(s->fmt))
			die("prepare", "FMT does not match the statement's placeholders");
		for (size_t p = 0; p < strlen(s->fmt); p++) {
			MYSQL_BIND *b = &s->bind[p];

			if (s->fmt[p] == 'i') {
				s->ints[p] = atoll(s->params[p]);
				b->buffer_type = MYSQL_TYPE_LONGLONG;
				b->buffer = &s->ints[p];
			} else if (s->fmt[p] == 'n') {
				b->buffer_type = MYSQL_TYPE_NULL;
			} else {
				b->buffer_type = MYSQL_TYPE_STRING;
				b->buffer = s->params[p];
				s->lens[p] = strlen(s->params[p]);
				b->length = &s->lens[p];
			}
		}
		if (strlen(s->fmt) && mysql_stmt_bind_param(s->st, s->bind) != 0)
			die("bind", mysql_stmt_error(s->st));
	}
	for (int k = 0; k < ns; k++)      /* warm-up: first execution, caches */
		rows = run(&sts[k]);
	for (int r = 0; r < runs; r++) {
		double t0 = now_ms();

		for (int k = 0; k < ns; k++)
			rows = run(&sts[k]);
		t[r] = now_ms() - t0;
	}
	qsort(t, (size_t)runs, sizeof(*t), cmp);
	printf("%.2f %.2f %ld\n", t[runs / 2], t[(int)(runs * 0.99) < runs ? (int)(runs * 0.99) : runs - 1], rows);
	for (int k = 0; k < ns; k++)
		mysql_stmt_close(sts[k].st);
	mysql_close(c);
	return 0;
}
