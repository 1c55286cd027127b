/*
 * The JSON helpers of json.h.
 */
#include "json/json.h"

#include <string.h>

#include "base/text.h"

enum gh_err json_decode_object(struct ctx *c, const char *text, size_t n, json_t **out)
{
	json_error_t err;
	*out = NULL;
	if (!text || n == 0)
		return gh_fail_set(&c->fail, GH_EJSON, NULL, "请求体为空，应为 JSON 对象",
		                   "the body is empty; send a JSON object");
	json_t *j = json_loadb(text, n, JSON_REJECT_DUPLICATES, &err);
	if (!j)
		return gh_fail_set(&c->fail, GH_EJSON, NULL,
		                   arena_printf(c->a, "请求体不是合法的 JSON（第 %d 行第 %d 列）：%s", err.line,
		                                err.column, err.text),
		                   arena_printf(c->a, "the body is not valid JSON (line %d, column %d): %s", err.line,
		                                err.column, err.text));
	if (!json_is_object(j)) {
		json_decref(j);
		return gh_fail_set(&c->fail, GH_EJSON, NULL, "请求体应为 JSON 对象", "the body must be a JSON object");
	}
	*out = j;
	return GH_OK;
}

static enum gh_err wrong_type(struct ctx *c, const char *field, const char *zh, const char *en)
{
	return gh_fail_set(&c->fail, GH_EINVAL, field, arena_printf(c->a, "字段 %s 应为%s", field, zh),
	                   arena_printf(c->a, "field %s must be %s", field, en));
}

static enum gh_err missing(struct ctx *c, const char *field)
{
	return gh_fail_set(&c->fail, GH_EMISSING, field, arena_printf(c->a, "缺少必填字段 %s", field),
	                   arena_printf(c->a, "the field %s is required", field));
}

enum gh_err json_get_str(struct ctx *c, json_t *obj, const char *key, const char *field, size_t max_bytes,
                         bool required, const char **out)
{
	json_t *v = json_object_get(obj, key);
	*out = NULL;
	if (!v || json_is_null(v))
		return required ? missing(c, field) : GH_OK;
	if (!json_is_string(v))
		return wrong_type(c, field, "字符串", "a string");
	size_t n = json_string_length(v);
	const char *s = json_string_value(v);
	if (n != strlen(s))
		return gh_fail_set(&c->fail, GH_EINVAL, field, arena_printf(c->a, "字段 %s 含有非法字符", field),
		                   arena_printf(c->a, "field %s contains a NUL character", field));
	if (n > max_bytes)
		return gh_fail_set(&c->fail, GH_EINVAL, field, arena_printf(c->a, "字段 %s 过长", field),
		                   arena_printf(c->a, "field %s is too long", field));
	char *t = arena_alloc(c->a, n + 1);
	if (!t)
		return gh_fail_set(&c->fail, GH_ENOMEM, NULL, "内存不足", "out of memory");
	text_fold_ascii(s, n, t, n + 1); /* trims surrounding blanks, folds full-width ASCII */
	if (required && !*t)
		return missing(c, field);
	*out = t;
	return GH_OK;
}

enum gh_err json_get_int(struct ctx *c, json_t *obj, const char *key, const char *field, int64_t min, int64_t max,
                         bool required, int64_t *out, bool *present)
{
	json_t *v = json_object_get(obj, key);
	if (present)
		*present = false;
	if (!v || json_is_null(v))
		return required ? missing(c, field) : GH_OK;
	if (!json_is_integer(v))
		return wrong_type(c, field, "整数", "an integer");
	json_int_t x = json_integer_value(v);
	if (x < min || x > max)
		return gh_fail_set(
		        &c->fail, GH_EINVAL, field,
		        arena_printf(c->a, "字段 %s 应在 %lld 到 %lld 之间", field, (long long)min, (long long)max),
		        arena_printf(c->a, "field %s must be between %lld and %lld", field, (long long)min,
		                     (long long)max));
	*out = (int64_t)x;
	if (present)
		*present = true;
	return GH_OK;
}

enum gh_err json_get_bool(struct ctx *c, json_t *obj, const char *key, const char *field, bool required, bool *out,
                          bool *present)
{
	json_t *v = json_object_get(obj, key);
	if (present)
		*present = false;
	if (!v || json_is_null(v))
		return required ? missing(c, field) : GH_OK;
	if (!json_is_boolean(v))
		return wrong_type(c, field, "布尔值", "a boolean");
	*out = json_is_true(v);
	if (present)
		*present = true;
	return GH_OK;
}

enum gh_err json_get_obj(struct ctx *c, json_t *obj, const char *key, const char *field, bool required, json_t **out)
{
	json_t *v = json_object_get(obj, key);
	*out = NULL;
	if (!v || json_is_null(v))
		return required ? missing(c, field) : GH_OK;
	if (!json_is_object(v))
		return wrong_type(c, field, "对象", "an object");
	*out = v;
	return GH_OK;
}

void json_set_str(json_t *obj, const char *key, const char *s)
{
	json_object_set_new(obj, key, s ? json_string(s) : json_null());
}

void json_set_int(json_t *obj, const char *key, int64_t v, bool null)
{
	json_object_set_new(obj, key, null ? json_null() : json_integer(v));
}

json_t *json_list(json_t *items, int64_t total, int64_t offset, int64_t limit)
{
	return json_pack("{s:o, s:I, s:I, s:I}", "items", items, "total", (json_int_t)total, "offset",
	                 (json_int_t)offset, "limit", (json_int_t)limit);
}
