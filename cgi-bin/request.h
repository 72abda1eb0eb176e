/*
 * Reading a FastCGI request into struct req and writing its response (request.c); main.c
 * hands each request of a connection to these.
 */
#ifndef REQUEST_H
#define REQUEST_H

#include <fcgiapp.h>

#include "http.h"

struct req;
struct sbuf;

/* Fills r from the FastCGI parameters and body. Returns HTTP_OK or why it refuses. */
enum http_err request_parse(FCGX_Request *fr, struct req *r);
/* Sends r's response: status line, the headers every page carries, r's own, the body. */
void	 request_respond(FCGX_Request *fr, struct req *r, struct sbuf *hdr);

#endif
