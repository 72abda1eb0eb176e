# Occupier portal and operator platform: plain GNU make.
#   make          build the programs into build/
#   make run      set everything up and serve http://127.0.0.1:8080/ (PORT=... to change)
#   make test     set everything up and run every test (unit, end-to-end, browser)
#   make bench    benchmarks (not part of make test); make bench-radius: FreeRADIUS alone
#   make cluster-test  two app hosts and a Galera cluster under faults (root, ~2.5 min)
#   make lint     cppcheck and gcc -fanalyzer
#   make fuzz     run the fuzz harnesses (FUZZ_SECONDS each)

CC ?= cc
CXX ?= c++
PKG_LIBS = libsodium
WARN = -Wall -Wextra -Werror -Wshadow -Wno-unused-parameter
CFLAGS_COMMON = -std=c11 -D_GNU_SOURCE -I/usr/include/mariadb $(WARN) -pthread
CXXFLAGS_COMMON = -std=c++17 -Wall -Wextra -Werror -Wno-unused-parameter -pthread
OPT = -O2 -g -fstack-protector-strong -D_FORTIFY_SOURCE=2
SAN = -O1 -g -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined
LDLIBS = -lfcgi -lctemplate -lmariadb -lsodium -lnettle -loath -lqrencode -lpthread
FUZZ_SECONDS ?= 60

# Sources of the FastCGI program, and the ones shared with the other programs.
CORE = util http json conf db db_fetch db_row db_stmts db_outbox db_tel db_twofa db_users db_accounts db_profile db_platform db_import db_logo db_audit db_devices db_radius db_operator db_auth throttle \
	db_phone scope states i18n auth apitoken signin secret mail link validate audit audit_words totp twofa tel \
	tel_view tel_form csv import pcache listidx mecache nthash ngram rescache db_search
PAGES = page router main request listener api api_signin api_profile api_users page_auth page_misc \
	page_users page_users_list page_users_form fieldview page_users_edit page_users_actions page_team um \
	page_profile page_profile_actions profile page_platform userform page_devices page_account \
	page_account_settings page_contacts page_logo page_telephony page_tel_list page_tel_actions page_audit page_import page_export page_search \
	page_radius page_tokens page_twofa page_leaving
PORTAL_C = $(CORE) $(PAGES)
MAILER_C = util conf db db_fetch db_row db_stmts db_mailer mailer mailmsg maildir secret daemon
PROV_C = util conf db db_fetch db_row db_stmts db_prov provisioner daemon
# build/wifi-nthash: fills the NT hashes FreeRADIUS reads (sql/010_radius.sql)
NTHASH_C = util conf db db_fetch db_row db_stmts db_sealed secret nthash wifi_nthash
# build/rekey: re-seals sealed values in the current format and key (issue 11)
REKEY_C = util conf db db_fetch db_row db_stmts db_sealed secret rekey
# build/scheduler: invitation reminders and scheduled offboarding (issue 16)
SCHED_C = util http conf db db_fetch db_row db_stmts db_outbox db_sched i18n secret mail audit states daemon scheduler

B = build
A = build-asan

all: $(B)/portal $(B)/mailer $(B)/provisioner $(B)/wifi-nthash $(B)/rekey $(B)/scheduler

$(B) $(A):
	mkdir -p $@

$(B)/%.o: cgi-bin/%.c cgi-bin/*.h | $(B)
	$(CC) $(CFLAGS_COMMON) $(OPT) -c -o $@ $<
$(B)/%.o: cgi-bin/%.cc cgi-bin/*.h | $(B)
	$(CXX) $(CXXFLAGS_COMMON) $(OPT) -c -o $@ $<
$(A)/%.o: cgi-bin/%.c cgi-bin/*.h | $(A)
	$(CC) $(CFLAGS_COMMON) $(SAN) -c -o $@ $<
$(A)/%.o: cgi-bin/%.cc cgi-bin/*.h | $(A)
	$(CXX) $(CXXFLAGS_COMMON) $(SAN) -c -o $@ $<
$(A)/t_%.o: tests/unit/%.c tests/unit/*.h cgi-bin/*.h | $(A)
	$(CC) $(CFLAGS_COMMON) $(SAN) -Icgi-bin -c -o $@ $<

$(B)/portal: $(PORTAL_C:%=$(B)/%.o) $(B)/tmpl.o
	$(CXX) -pthread -o $@ $^ $(LDLIBS)
$(B)/mailer: $(MAILER_C:%=$(B)/%.o)
	$(CC) -pthread -o $@ $^ $(LDLIBS) -lcurl
$(B)/provisioner: $(PROV_C:%=$(B)/%.o)
	$(CC) -pthread -o $@ $^ $(LDLIBS)
$(B)/wifi-nthash: $(NTHASH_C:%=$(B)/%.o)
	$(CC) -pthread -o $@ $^ $(LDLIBS)
$(B)/rekey: $(REKEY_C:%=$(B)/%.o)
	$(CC) -pthread -o $@ $^ $(LDLIBS)
$(B)/scheduler: $(SCHED_C:%=$(B)/%.o) $(B)/tmpl.o
	$(CXX) -pthread -o $@ $^ $(LDLIBS)

$(A)/portal: $(PORTAL_C:%=$(A)/%.o) $(A)/tmpl.o
	$(CXX) -fsanitize=address,undefined -pthread -o $@ $^ $(LDLIBS)
$(A)/mailer: $(MAILER_C:%=$(A)/%.o)
	$(CC) -fsanitize=address,undefined -pthread -o $@ $^ $(LDLIBS) -lcurl
$(A)/provisioner: $(PROV_C:%=$(A)/%.o)
	$(CC) -fsanitize=address,undefined -pthread -o $@ $^ $(LDLIBS)
$(A)/wifi-nthash: $(NTHASH_C:%=$(A)/%.o)
	$(CC) -fsanitize=address,undefined -pthread -o $@ $^ $(LDLIBS)
$(A)/rekey: $(REKEY_C:%=$(A)/%.o)
	$(CC) -fsanitize=address,undefined -pthread -o $@ $^ $(LDLIBS)
$(A)/scheduler: $(SCHED_C:%=$(A)/%.o) $(A)/tmpl.o
	$(CXX) -fsanitize=address,undefined -pthread -o $@ $^ $(LDLIBS)

UNIT_T = $(patsubst tests/unit/%.c,$(A)/t_%.o,$(wildcard tests/unit/*.c))
# tests/unit/stubs.c stands in for the db_* and page functions that auth.c and throttle.c call.
UNIT_LIB = util http json conf i18n validate secret auth throttle mecache pcache nthash listener totp \
	ngram
$(A)/unit-tests: $(UNIT_T) $(UNIT_LIB:%=$(A)/%.o)
	$(CC) -fsanitize=address,undefined -pthread -o $@ $^ -lcmocka -lsodium -lnettle -lfcgi -loath -lqrencode

# tests/radius/mschapv2: MS-CHAPv2 requests for radclient (tests/e2e/radius.test.js)
$(A)/mschapv2: tests/radius/mschapv2.c $(A)/nthash.o cgi-bin/nthash.h | $(A)
	$(CC) $(CFLAGS_COMMON) $(SAN) -Icgi-bin -o $@ tests/radius/mschapv2.c $(A)/nthash.o \
		-lnettle -lsodium

test-build: $(A)/portal $(A)/mailer $(A)/provisioner $(A)/wifi-nthash $(A)/rekey \
	$(A)/scheduler $(A)/unit-tests $(A)/mschapv2

run:
	@bash scripts/run.sh

test:
	@bash scripts/test.sh

bench:
	@bash scripts/bench.sh
	@bash scripts/radius-bench.sh

# FreeRADIUS: rlm_sql against a files user, in one run (also the last part of make bench)
bench-radius:
	@bash scripts/radius-bench.sh

# Two app hosts and a three-node Galera cluster in network namespaces, under faults (root;
# about 2.5 minutes; not part of make test).
cluster-test: all
	@bash scripts/cluster-test.sh

lint:
	cppcheck --quiet --enable=warning,portability,performance --inline-suppr \
		--error-exitcode=1 -I cgi-bin -D__GNUC__ cgi-bin
	$(CC) $(CFLAGS_COMMON) -fanalyzer -fsyntax-only cgi-bin/*.c

fuzz:
	@bash scripts/fuzz.sh $(FUZZ_SECONDS)

clean:
	rm -rf $(B) $(A)

.PHONY: all test-build run test bench bench-radius cluster-test lint fuzz clean
