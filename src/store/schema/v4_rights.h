/*
 * Schema 3 -> 4, the part of hotline, wage arrears, mediation (the case types of 维权) and the hotline time-limit tiers: hotline tiers, and anything the 维权 case types keep beside their cases. Included by schema_sqlite.c into
 * migration 4. Never edit it once released: add the next migration.
 */
#ifndef GH_STORE_SCHEMA_V4_RIGHTS_H
#define GH_STORE_SCHEMA_V4_RIGHTS_H

#define SCHEMA_V4_RIGHTS ""

#endif
