/*
 * The web UI's files (web/dist). A path that names no file gets index.html, so the Vue
 * router's history mode works on reload; hashed assets under /assets/ are cached for a year.
 * Paths with ".." or NUL never leave the folder.
 */
#include <fcntl.h>
#include <microhttpd.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "http/http.h"

static const struct {
	const char *ext, *type;
} types[] = {
        {".html", "text/html; charset=utf-8"},
        {".js", "text/javascript; charset=utf-8"},
        {".mjs", "text/javascript; charset=utf-8"},
        {".css", "text/css; charset=utf-8"},
        {".json", "application/json"},
        {".svg", "image/svg+xml"},
        {".png", "image/png"},
        {".ico", "image/x-icon"},
        {".woff2", "font/woff2"},
        {".woff", "font/woff"},
        {".ttf", "font/ttf"},
        {".txt", "text/plain; charset=utf-8"},
};

static const char *type_of(const char *path)
{
	const char *dot = strrchr(path, '.');
	for (size_t i = 0; dot && i < sizeof(types) / sizeof(types[0]); i++)
		if (!strcmp(dot, types[i].ext))
			return types[i].type;
	return "application/octet-stream";
}

static int open_file(const char *dir, const char *rel, struct stat *sb, char *full, size_t cap)
{
	snprintf(full, cap, "%s%s", dir, rel);
	int fd = open(full, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return -1;
	if (fstat(fd, sb) < 0 || !S_ISREG(sb->st_mode)) {
		close(fd);
		return -1;
	}
	return fd;
}

int static_serve(struct MHD_Connection *conn, const char *web_dir, const char *path, const char *img_origin)
{
	if (!path || path[0] != '/' || strstr(path, "..") || strlen(path) > 1024)
		return 0;
	char full[4096];
	struct stat sb;
	const char *rel = path;
	int fd = strcmp(path, "/") ? open_file(web_dir, path, &sb, full, sizeof(full)) : -1;
	if (fd < 0) {
		if (!strncmp(path, "/assets/", 8))
			return 0; /* a missing asset is a 404, not the app */
		rel = "/index.html";
		fd = open_file(web_dir, rel, &sb, full, sizeof(full));
		if (fd < 0)
			return 0;
	}
	struct MHD_Response *resp = MHD_create_response_from_fd((uint64_t)sb.st_size, fd);
	if (!resp) {
		close(fd);
		return 0;
	}
	MHD_add_response_header(resp, "Content-Type", type_of(rel));
	MHD_add_response_header(resp, "X-Content-Type-Options", "nosniff");
	MHD_add_response_header(resp, "Referrer-Policy", "same-origin");
	if (!strncmp(rel, "/assets/", 8)) {
		MHD_add_response_header(resp, "Cache-Control", "public, max-age=31536000, immutable");
	} else {
		MHD_add_response_header(resp, "Cache-Control", "no-cache");
		MHD_add_response_header(resp, "X-Frame-Options", "DENY");
		char csp[512];
		snprintf(csp, sizeof(csp),
		         "default-src 'self'; img-src 'self' data:%s%s; style-src 'self' 'unsafe-inline'; "
		         "script-src 'self'; connect-src 'self'; frame-ancestors 'none'",
		         img_origin ? " " : "", img_origin ? img_origin : "");
		MHD_add_response_header(resp, "Content-Security-Policy", csp);
	}
	MHD_queue_response(conn, MHD_HTTP_OK, resp);
	MHD_destroy_response(resp);
	return 1;
}
