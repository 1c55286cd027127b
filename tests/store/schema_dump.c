/*
 * Prints the first N PostgreSQL migrations (all without N), for tests/store/pg_migrate_v4.sh, which
 * builds a store of an older schema version from them.
 */
#include <stdio.h>
#include <stdlib.h>

#include "store/schema/schema.h"

int main(int argc, char **argv)
{
	int n;
	const char *const *m = schema_pg(&n);
	int upto = argc > 1 ? (int)strtol(argv[1], NULL, 10) : n;
	for (int i = 0; i < upto && i < n; i++)
		printf("%s\n", m[i]);
	return 0;
}
