/*
 * Field validators: small pure functions with length caps. Each returns NULL when the value
 * is acceptable, else the catalogue key of the message shown next to the field.
 */
#ifndef VALIDATE_H
#define VALIDATE_H

const char *validate_name(const char *s);          /* first/last name: required, <= 100 */
const char *validate_email(const char *s);         /* required, plausible address, <= 254 */
const char *validate_email_optional(const char *s);
const char *validate_phone(const char *s);         /* optional: digits, spaces, + ( ) - */
const char *validate_phone_required(const char *s);
const char *validate_text(const char *s, unsigned max);  /* optional free text */
const char *validate_language(const char *s);      /* a supported language code */
const char *validate_wifi_password(const char *s); /* 8..50, a letter and a digit */
const char *validate_mac(const char *s);           /* aa:bb:cc:dd:ee:ff */
/* A leaving date: YYYY-MM-DD, a real day, not before today ("YYYY-MM-DD", UTC). */
const char *validate_leave_date(const char *s, const char *today);

#endif
