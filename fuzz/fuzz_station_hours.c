/*
 * libFuzzer harness for the opening-hours grammar of service stations (src/domain/station.c,
 * station_hours_parse). Arbitrary bytes go in; the harness aborts when an invariant breaks: an
 * accepted text has a canonical form that parses again to itself and is open at exactly the same
 * minutes of the week as the original; a refused text leaves no rules behind. Seeds:
 * fuzz/corpus/station_hours/; crash inputs are kept in fuzz/regression/station_hours/.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "domain/station.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char text[1024];
	if (size >= sizeof(text))
		size = sizeof(text) - 1;
	memcpy(text, data, size);
	text[size] = 0;
	struct station_hours h, again;
	char canon[STATION_HOURS_CANON_MAX], canon2[STATION_HOURS_CANON_MAX];
	if (station_hours_parse(text, &h, canon, sizeof(canon)) != 0)
		return 0;
	if (h.n < 1 || h.n > STATION_HOURS_MAX_RULES)
		abort();
	if (station_hours_parse(canon, &again, canon2, sizeof(canon2)) != 0 || strcmp(canon, canon2) != 0)
		abort();
	for (int wday = 0; wday < 7; wday++)
		for (int minute = 0; minute < 1440; minute += 7)
			if (station_hours_open(&h, wday, minute) != station_hours_open(&again, wday, minute))
				abort();
	return 0;
}
