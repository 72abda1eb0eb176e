/*
 * The states of accounts, Wi-Fi accounts and phone numbers, as an enum with one string table
 * (states.c): the database's value, the status badge's class and its catalogue key. Code
 * compares enums; the strings appear only where a state is read from or written to a row.
 */
#ifndef STATES_H
#define STATES_H

enum state {
	ST_NO_ACCOUNT,              /* no Wi-Fi account (and anything unknown) */
	ST_NOT_INVITED,             /* users.account_state */
	ST_AWAITING_VALIDATION,
	ST_VALIDATED,
	ST_ACTIVE,                  /* wifi_accounts.state, phone_numbers.status */
	ST_PENDING,                 /* phone_numbers.status: changes queued (TEL-6) */
	ST_DEACTIVATED,             /* users.account_state, wifi_accounts.state */
	ST__MAX
};

/* The state stored as s; ST_NO_ACCOUNT for NULL or anything else. */
enum state state_of(const char *s);
/* The stored name of st ("ACTIVE", ...). */
const char *state_name(enum state st);
/* Its status badge: CSS class and catalogue key of the text (UI: never colour alone). */
const char *state_badge_class(enum state st);
const char *state_badge_key(enum state st);

#endif
