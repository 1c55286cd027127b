/*
 * libmicrohttpd glue (http.h). Each request is marked on the first call of the access handler,
 * its body gathered on the following calls (up to HTTP_MAX_BODY, or HTTP_MAX_UPLOAD on the
 * upload routes, decided from the URL on that first call), and answered on the last: queuing on
 * the first call would make libmicrohttpd close the connection after each response.
 */
#include "http/http.h"

#include <arpa/inet.h>
#include <fcntl.h>
#include <microhttpd.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/log.h"
#include "http/json_out.h"

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

/* The routes whose body is a file (a roster upload), which may be larger than HTTP_MAX_BODY. */
static const struct {
	const char *method, *path;
} uploads[] = {
        {"POST", "/api/imports"},
};

static size_t body_max(const char *method, const char *url)
{
	for (size_t i = 0; i < sizeof(uploads) / sizeof(uploads[0]); i++) {
		size_t n = strlen(uploads[i].path);
		if (!strcmp(method, uploads[i].method) && !strncmp(url, uploads[i].path, n) &&
		    (url[n] == 0 || (url[n] == '/' && url[n + 1] == 0)))
			return HTTP_MAX_UPLOAD;
	}
	return HTTP_MAX_BODY;
}

int http_reply_file(struct http_req *r, const char *path, const char *type, const char *name, bool unlink_after)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return -1;
	if (unlink_after)
		unlink(path);
	const char *t = arena_strdup(&r->arena, type), *n = name ? arena_strdup(&r->arena, name) : NULL;
	if (!t || (name && !n)) {
		close(fd);
		return -1;
	}
	if (r->file_fd >= 0)
		close(r->file_fd);
	r->file_fd = fd;
	r->file_type = t;
	r->file_name = n;
	r->status = 200;
	json_decref(r->json);
	r->json = NULL;
	return 0;
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
		/* json_dumps(…, JSON_COMPACT | JSON_REAL_PRECISION(15)) byte for byte, faster; reals
		 * (station coordinates) with 15 significant digits: 34.84, not 34.840000000000003 */
		text = json_out(r->json, &n);
		if (!text) {
			r->status = 500;
			text = strdup(
			        "{\"error\":{\"code\":\"internal\",\"field\":null,\"message\":\"internal error\"}}");
			n = text ? strlen(text) : 0;
		}
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

/* Content-Disposition of an attachment (RFC 6266): a name of plain ASCII as it is; any other
 * name percent-encoded as UTF-8 (RFC 8187 filename*), with "download.<its extension>" as the
 * fallback for old clients. */
static char *disposition(struct http_req *r)
{
	static const char attr[] = "!#$&+-.^_`|~";
	const char *n = r->file_name ? r->file_name : "download";
	size_t len = strlen(n);
	char *pct = arena_alloc(&r->arena, len * 3 + 1);
	if (!pct)
		return NULL;
	bool plain = true;
	size_t p = 0;
	for (size_t i = 0; i < len; i++) {
		unsigned char b = (unsigned char)n[i];
		bool alnum = (b >= '0' && b <= '9') || (b >= 'A' && b <= 'Z') || (b >= 'a' && b <= 'z');
		if (alnum || (b && strchr(attr, b))) {
			pct[p++] = (char)b;
		} else {
			snprintf(pct + p, 4, "%%%02X", b);
			p += 3;
		}
		plain &= b >= 0x20 && b < 0x7f && b != '"' && b != '\\' && b != '/' && b != ';';
	}
	pct[p] = 0;
	if (plain)
		return arena_printf(&r->arena, "attachment; filename=\"%s\"", n);
	const char *ext = strrchr(n, '.');
	bool ext_ok = ext && strlen(ext) <= 8;
	for (const char *e = ext_ok ? ext + 1 : ""; *e; e++)
		ext_ok &= (*e >= '0' && *e <= '9') || (*e >= 'a' && *e <= 'z') || (*e >= 'A' && *e <= 'Z');
	return arena_printf(&r->arena, "attachment; filename=\"download%s\"; filename*=UTF-8''%s", ext_ok ? ext : "",
	                    pct);
}

static enum MHD_Result answer_file(struct http_req *r)
{
	struct stat sb;
	const char *cd = disposition(r);
	if (fstat(r->file_fd, &sb) < 0 || !cd)
		return MHD_NO;
	struct MHD_Response *resp = MHD_create_response_from_fd((uint64_t)sb.st_size, r->file_fd);
	if (!resp)
		return MHD_NO;
	r->file_fd = -1; /* the response owns it now */
	MHD_add_response_header(resp, "Content-Type", r->file_type);
	MHD_add_response_header(resp, "Content-Disposition", cd);
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
	} else if (cfg_.web_dir && static_serve(conn, cfg_.web_dir, url, cfg_.img_origin)) {
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
		buf_init(&r->body, body_max(method, url));
		r->file_fd = -1;
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
	return r->file_fd >= 0 ? answer_file(r) : answer_json(r);
}

static void on_completed(void *cls, struct MHD_Connection *conn, void **con_cls, enum MHD_RequestTerminationCode toe)
{
	if (*con_cls == NULL || *con_cls == &static_marker) {
		*con_cls = NULL;
		return;
	}
	struct http_req *r = *con_cls;
	if (r->file_fd >= 0)
		close(r->file_fd);
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
