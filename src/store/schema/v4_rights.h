/*
 * Schema 3 -> 4, the part of hotline, wage arrears, mediation (the case types of 维权) and the hotline time-limit tiers: hotline tiers, and anything the 维权 case types keep beside their cases. Included by schema_sqlite.c into
 * migration 4. Never edit it once released: add the next migration.
 */
#ifndef GH_STORE_SCHEMA_V4_RIGHTS_H
#define GH_STORE_SCHEMA_V4_RIGHTS_H

/* hotline_tier: the 12351 time limits of this installation, in calendar days (first response and
 * resolution) for the three tiers and for 信访投诉 (the row "complaint"), with the defaults of
 * docs/decisions/0006. employer_name: the hotline finds the employer complained about by its exact
 * name within the place when no credit code is given. */
#define SCHEMA_V4_RIGHTS                                                                                          \
	"CREATE TABLE hotline_tier("                                                                              \
	" tier TEXT PRIMARY KEY CHECK (tier IN ('normal', 'difficult', 'complex', 'complaint')),"                 \
	" first_days INTEGER NOT NULL CHECK (first_days BETWEEN 1 AND 60),"                                       \
	" resolve_days INTEGER NOT NULL CHECK (resolve_days BETWEEN 1 AND 365 AND resolve_days >= first_days),"   \
	" updated_at INTEGER NOT NULL DEFAULT 0, updated_by INTEGER);"                                            \
	"INSERT INTO hotline_tier(tier, first_days, resolve_days) VALUES ('normal', 1, 7), ('difficult', 1, 15)," \
	" ('complex', 1, 30), ('complaint', 15, 60);"                                                             \
	"CREATE INDEX employer_name ON employer(name, division_code);"

#endif
