/*
 * Schema 3 -> 4, the part of medical mutual aid: plans, enrolments, claims: mutual-aid plans and enrolments. Included by schema_sqlite.c into
 * migration 4. Never edit it once released: add the next migration.
 */
#ifndef GH_STORE_SCHEMA_V4_MUTUAL_AID_H
#define GH_STORE_SCHEMA_V4_MUTUAL_AID_H

#define SCHEMA_V4_MUTUAL_AID ""

#endif
