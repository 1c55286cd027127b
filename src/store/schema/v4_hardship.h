/*
 * Schema 3 -> 4, the part of hardship files (困难职工档案), living standards, assistance given: living standards, hardship household and assistance records. Included by schema_sqlite.c into
 * migration 4. Never edit it once released: add the next migration.
 */
#ifndef GH_STORE_SCHEMA_V4_HARDSHIP_H
#define GH_STORE_SCHEMA_V4_HARDSHIP_H

#define SCHEMA_V4_HARDSHIP ""

#endif
