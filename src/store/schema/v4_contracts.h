/*
 * Schema 3 -> 4, the part of collective contracts, labour-law supervision notices, service catalogue items: collective contracts, supervision notices, service items. Included by schema_sqlite.c into
 * migration 4. Never edit it once released: add the next migration.
 */
#ifndef GH_STORE_SCHEMA_V4_CONTRACTS_H
#define GH_STORE_SCHEMA_V4_CONTRACTS_H

#define SCHEMA_V4_CONTRACTS ""

#endif
