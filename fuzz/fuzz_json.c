/*
 * libFuzzer harness for the JSON request decoding: arbitrary bytes go through
 * json_decode_object() and, when they make an object, through the decoder of the largest
 * request body (POST /api/orgs), field getters and all. Invariants: a failure always names a
 * code with a message in both languages; a success yields the fields within their bounds.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "api/api.h"
#include "base/text.h"
#include "json/json.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct arena ar;
	arena_init(&ar, 1 << 20);
	struct api a;
	memset(&a, 0, sizeof(a));
	a.c.a = &ar;
	a.c.zh = size % 2 == 0;
	enum gh_err e = json_decode_object(&a.c, (const char *)data, size, &a.body);
	if (e) {
		if (!a.c.fail.zh || !a.c.fail.en || a.body)
			abort();
	} else {
		struct org_input in;
		e = api_org_decode_create(&a, &in);
		if (e) {
			if (a.c.fail.code != e || !a.c.fail.zh || !a.c.fail.en)
				abort();
		} else {
			if (in.parent_id < 1 || !in.name || !*in.name || in.kind < 0 || in.kind >= KIND__MAX)
				abort();
			if (!text_utf8_valid(in.name, strlen(in.name)))
				abort();
			if (in.n_employers < 0 || in.n_employers > 200)
				abort();
			for (int i = 0; i < in.n_employers; i++)
				if (!in.employers[i].id && (!in.employers[i].name || !in.employers[i].credit_code))
					abort();
		}
		json_decref(a.body);
	}
	arena_release(&ar);
	return 0;
}
