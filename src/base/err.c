/*
 * The table of status codes: HTTP status, stable token and default messages, in one place so
 * that the API, the CLI and the docs agree.
 */
#include "base/err.h"

#include <stddef.h>

static const struct {
	int status;
	const char *token;
	const char *zh;
	const char *en;
} errs[GH_ERR__MAX] = {
        [GH_OK] = {200, "ok", "成功", "ok"},
        [GH_EINVAL] = {400, "invalid_field", "字段不合法", "invalid field"},
        [GH_EMISSING] = {400, "missing_field", "缺少必填字段", "a required field is missing"},
        [GH_EJSON] = {400, "invalid_json", "请求体不是合法的 JSON", "the request body is not valid JSON"},
        [GH_EBADREQ] = {400, "bad_request", "请求格式错误", "malformed request"},
        [GH_EUNAUTH] = {401, "unauthenticated", "请先登录", "please log in"},
        [GH_EFORBIDDEN] = {403, "forbidden", "无权执行此操作", "you may not do this"},
        [GH_ECSRF] = {403, "csrf", "请求校验失败，请刷新页面后重试", "CSRF check failed; reload the page"},
        [GH_ENOTFOUND] = {404, "not_found", "对象不存在", "not found"},
        [GH_EMETHOD] = {405, "method_not_allowed", "不支持此请求方法", "method not allowed"},
        [GH_ECONFLICT] = {409, "conflict", "当前状态不允许此操作", "the current state does not allow this"},
        [GH_EDUP] = {409, "duplicate", "记录已存在", "already exists"},
        [GH_ETOOBIG] = {413, "payload_too_large", "请求体过大", "request body too large"},
        [GH_ETHROTTLED] = {429, "throttled", "尝试次数过多，请稍后再试", "too many attempts; try again later"},
        [GH_EIO] = {500, "internal", "服务器内部错误", "internal error"},
        [GH_ENOMEM] = {500, "internal", "服务器内存不足", "out of memory"},
};

int gh_err_status(enum gh_err e)
{
	return (e >= 0 && e < GH_ERR__MAX) ? errs[e].status : 500;
}

const char *gh_err_token(enum gh_err e)
{
	return (e >= 0 && e < GH_ERR__MAX) ? errs[e].token : "internal";
}

const char *gh_err_default_msg(enum gh_err e, bool zh)
{
	if (e < 0 || e >= GH_ERR__MAX)
		e = GH_EIO;
	return zh ? errs[e].zh : errs[e].en;
}

enum gh_err gh_fail_set(struct gh_fail *f, enum gh_err code, const char *field, const char *zh, const char *en)
{
	if (f) {
		f->code = code;
		f->field = field;
		f->zh = zh;
		f->en = en;
		f->reason = NULL;
	}
	return code;
}
