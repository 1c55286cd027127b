/*
 * libmicrohttpd glue (http.h). Each request is marked on the first call of the access handler,
 * its body gathered on the following calls (up to HTTP_MAX_BODY), and answered on the last:
 * queuing on the first call would make libmicrohttpd close the connection after each response.
 */
#include "http/http.h"

#include <arpa/inet.h>
#include <microhttpd.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/log.h"

static struct MHD_Daemon *daemon_;
static http_handler handler_;
static struct http_config cfg_;

const char *http_query(struct http_req *r, const char *name)
{
	return MHD_lookup_connection_value(r->conn, MHD_GET_ARGUMENT_KIND, name);
}

const char *http_header(struct http_req *r, const char *name)
{
	return MHD_lookup_connection_value(r->conn, MHD_HEADER_KIND, name);
}

const char *http_cookie(struct http_req *r, const char *name)
{
	const char *v = MHD_lookup_connection_value(r->conn, MHD_COOKIE_KIND, name);
	return v ? arena_strdup(&r->arena, v) : NULL;
}

static void add_security_headers(struct MHD_Response *resp)
{
	MHD_add_response_header(resp, "X-Content-Type-Options", "nosniff");
	MHD_add_response_header(resp, "X-Frame-Options", "DENY");
	MHD_add_response_header(resp, "Referrer-Policy", "same-origin");
}

static enum MHD_Result answer_json(struct http_req *r)
{
	char *text = NULL;
	size_t n = 0;
	if (r->json) {
		text = json_dumps(r->json, JSON_COMPACT);
		if (!text) {
			r->status = 500;
			text = strdup(
			        "{\"error\":{\"code\":\"internal\",\"field\":null,\"message\":\"internal error\"}}");
		}
		n = text ? strlen(text) : 0;
	}
	struct MHD_Response *resp = MHD_create_response_from_buffer(
	        n, text ? text : (void *)"", text ? MHD_RESPMEM_MUST_FREE : MHD_RESPMEM_PERSISTENT);
	if (!resp) {
		free(text);
		return MHD_NO;
	}
	if (r->json)
		MHD_add_response_header(resp, "Content-Type", "application/json; charset=utf-8");
	MHD_add_response_header(resp, "Cache-Control", "no-store");
	add_security_headers(resp);
	if (r->set_cookie)
		MHD_add_response_header(resp, "Set-Cookie", r->set_cookie);
	enum MHD_Result ret = MHD_queue_response(r->conn, (unsigned)r->status, resp);
	MHD_destroy_response(resp);
	return ret;
}

static void client_ip(struct MHD_Connection *conn, char *out, size_t cap)
{
	const union MHD_ConnectionInfo *ci = MHD_get_connection_info(conn, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
	out[0] = 0;
	if (!ci || !ci->client_addr)
		return;
	const struct sockaddr *sa = ci->client_addr;
	if (sa->sa_family == AF_INET)
		inet_ntop(AF_INET, &((const struct sockaddr_in *)sa)->sin_addr, out, (socklen_t)cap);
	else if (sa->sa_family == AF_INET6)
		inet_ntop(AF_INET6, &((const struct sockaddr_in6 *)sa)->sin6_addr, out, (socklen_t)cap);
}

/* The mark of a static-file request between the calls of the access handler. */
static int static_marker;

static enum MHD_Result answer_static(struct MHD_Connection *conn, const char *url, const char *method)
{
	const char *msg = "<!doctype html><meta charset=utf-8><title>gonghui</title>"
	                  "<p>界面尚未构建：请运行 make run。The web UI is not built: run make run.</p>";
	unsigned status = MHD_HTTP_NOT_FOUND;
	if (strcmp(method, "GET") && strcmp(method, "HEAD")) {
		msg = "";
		status = MHD_HTTP_METHOD_NOT_ALLOWED;
	} else if (cfg_.web_dir && static_serve(conn, cfg_.web_dir, url)) {
		return MHD_YES;
	}
	struct MHD_Response *resp = MHD_create_response_from_buffer(strlen(msg), (void *)msg, MHD_RESPMEM_PERSISTENT);
	if (!resp)
		return MHD_NO;
	MHD_add_response_header(resp, "Content-Type", "text/html; charset=utf-8");
	add_security_headers(resp);
	enum MHD_Result ret = MHD_queue_response(conn, status, resp);
	MHD_destroy_response(resp);
	return ret;
}

static enum MHD_Result on_request(void *cls, struct MHD_Connection *conn, const char *url, const char *method,
                                  const char *version, const char *upload, size_t *upload_size, void **con_cls)
{
	if (*con_cls == NULL) {
		if (strncmp(url, "/api/", 5) != 0) {
			*con_cls = &static_marker;
			return MHD_YES;
		}
		struct http_req *r = calloc(1, sizeof(*r));
		if (!r)
			return MHD_NO;
		r->conn = conn;
		r->method = method;
		r->path = url;
		arena_init(&r->arena, 0);
		buf_init(&r->body, HTTP_MAX_BODY);
		client_ip(conn, r->ip, sizeof(r->ip));
		*con_cls = r;
		return MHD_YES;
	}
	if (*con_cls == &static_marker) {
		if (*upload_size) {
			*upload_size = 0;
			return MHD_YES;
		}
		return answer_static(conn, url, method);
	}
	struct http_req *r = *con_cls;
	if (*upload_size) {
		if (!r->too_big && buf_add(&r->body, upload, *upload_size) < 0)
			r->too_big = true;
		*upload_size = 0;
		return MHD_YES;
	}
	handler_(r);
	return answer_json(r);
}

static void on_completed(void *cls, struct MHD_Connection *conn, void **con_cls, enum MHD_RequestTerminationCode toe)
{
	if (*con_cls == NULL || *con_cls == &static_marker) {
		*con_cls = NULL;
		return;
	}
	struct http_req *r = *con_cls;
	json_decref(r->json);
	buf_release(&r->body);
	arena_release(&r->arena);
	free(r);
	*con_cls = NULL;
}

int http_start(const struct http_config *cfg, http_handler h, int *port)
{
	cfg_ = *cfg;
	handler_ = h;
	struct sockaddr_in addr = {.sin_family = AF_INET, .sin_port = htons((uint16_t)cfg->port)};
	if (inet_pton(AF_INET, cfg->host ? cfg->host : "127.0.0.1", &addr.sin_addr) != 1) {
		log_error("http: bad listen address %s", cfg->host);
		return -1;
	}
	unsigned flags = MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_EPOLL | MHD_USE_ERROR_LOG;
	daemon_ = MHD_start_daemon(flags, (uint16_t)cfg->port, NULL, NULL, on_request, NULL, MHD_OPTION_SOCK_ADDR,
	                           &addr, MHD_OPTION_THREAD_POOL_SIZE, (unsigned)(cfg->threads > 0 ? cfg->threads : 4),
	                           MHD_OPTION_NOTIFY_COMPLETED, on_completed, NULL, MHD_OPTION_CONNECTION_TIMEOUT,
	                           (unsigned)60, MHD_OPTION_CONNECTION_LIMIT, (unsigned)1000, MHD_OPTION_END);
	if (!daemon_) {
		log_error("http: cannot listen on %s:%d", cfg->host, cfg->port);
		return -1;
	}
	const union MHD_DaemonInfo *di = MHD_get_daemon_info(daemon_, MHD_DAEMON_INFO_BIND_PORT);
	*port = di ? di->port : cfg->port;
	return 0;
}

void http_stop(void)
{
	if (daemon_)
		MHD_stop_daemon(daemon_);
	daemon_ = NULL;
}
