/*
 * Schema 3 -> 4 on PostgreSQL, this module's part: the same tables as v4_hardship.h in the PostgreSQL
 * dialect (BIGINT ids, BYTEA blobs, COLLATE "C" on path columns; see schema_pg.c). Included by
 * schema_pg.c into migration 4. Never edit it once released: add the next migration.
 */
#ifndef GH_STORE_SCHEMA_PG_V4_HARDSHIP_H
#define GH_STORE_SCHEMA_PG_V4_HARDSHIP_H

#define SCHEMA_PG_V4_HARDSHIP                                                                \
	"CREATE TABLE living_standard("                                                      \
	" id BIGINT PRIMARY KEY,"                                                            \
	" division_code TEXT NOT NULL,"                                                      \
	" level BIGINT NOT NULL,"                                                            \
	" monthly_fen BIGINT NOT NULL CHECK (monthly_fen > 0),"                              \
	" effective_from TEXT NOT NULL,"                                                     \
	" source TEXT,"                                                                      \
	" created_by BIGINT,"                                                                \
	" created_at BIGINT NOT NULL,"                                                       \
	" demo BIGINT NOT NULL DEFAULT 0,"                                                   \
	" UNIQUE(division_code, effective_from));"                                           \
	"CREATE TABLE hardship_assistance("                                                  \
	" id BIGINT PRIMARY KEY,"                                                            \
	" case_id BIGINT NOT NULL REFERENCES flow_case(id),"                                 \
	" path TEXT COLLATE \"C\" NOT NULL,"                                                 \
	" org_id BIGINT NOT NULL REFERENCES org(id),"                                        \
	" by_org_id BIGINT NOT NULL REFERENCES org(id),"                                     \
	" member_name TEXT NOT NULL,"                                                        \
	" kind TEXT NOT NULL,"                                                               \
	" amount_fen BIGINT NOT NULL CHECK (amount_fen > 0),"                                \
	" given_on TEXT NOT NULL,"                                                           \
	" note_sealed BYTEA,"                                                                \
	" created_by BIGINT,"                                                                \
	" created_at BIGINT NOT NULL,"                                                       \
	" demo BIGINT NOT NULL DEFAULT 0);"                                                  \
	"CREATE INDEX hardship_assistance_scope ON hardship_assistance(path, given_on, id);" \
	"CREATE INDEX hardship_assistance_case ON hardship_assistance(case_id, id);"

#endif
