/*
 * The migrations of each SQL dialect, as ordered arrays of SQL scripts (see schema_sqlite.c).
 * Only the store backends read them.
 */
#ifndef GH_STORE_SCHEMA_H
#define GH_STORE_SCHEMA_H

/* The SQLite migrations; *n receives their count (= the newest schema version). */
const char *const *schema_sqlite(int *n);
/* The PostgreSQL migrations, the same versions in that dialect (schema_pg.c). */
const char *const *schema_pg(int *n);

#endif
