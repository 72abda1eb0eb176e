/*
 * Every statement file, in order. Included twice with a different STMT(name, text): by stmt.h
 * for the enum, by db_stmts.c for the texts. A new file of statements is one line here.
 */
#include "stmt_audit.h"
#include "stmt_mail.h"
#include "stmt_operator.h"
#include "stmt_phone.h"
#include "stmt_auth.h"
#include "stmt_users.h"
#include "stmt_wifi.h"
