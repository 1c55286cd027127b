/*
 * Schema 3 -> 4, the part of hardship files (困难职工档案): the local minimum-living standards
 * (低保标准) as dated data per place, and the assistance given to filed workers. The files
 * themselves are cases (flow_case, type "hardship"). Included by schema_sqlite.c into migration 4.
 * Never edit it once released: add the next migration.
 */
#ifndef GH_STORE_SCHEMA_V4_HARDSHIP_H
#define GH_STORE_SCHEMA_V4_HARDSHIP_H

/* living_standard: one row per place and effective date (a new year's figure is a new row, the
 * old ones stay so that a classification can be re-derived); level is the place's division level
 * (1 province … 5 village) so the most specific standard sorts first.
 * hardship_assistance: path is the member's union (who was helped, for subtree lists), by_org_id
 * the organisation that gave it; the note may name an illness, so it is sealed (PII_SENSITIVE). */
#define SCHEMA_V4_HARDSHIP                                                                   \
	"CREATE TABLE living_standard("                                                      \
	" id INTEGER PRIMARY KEY,"                                                           \
	" division_code TEXT NOT NULL,"                                                      \
	" level INTEGER NOT NULL,"                                                           \
	" monthly_fen INTEGER NOT NULL CHECK (monthly_fen > 0),"                             \
	" effective_from TEXT NOT NULL,"                                                     \
	" source TEXT,"                                                                      \
	" created_by INTEGER,"                                                               \
	" created_at INTEGER NOT NULL,"                                                      \
	" demo INTEGER NOT NULL DEFAULT 0,"                                                  \
	" UNIQUE(division_code, effective_from));"                                           \
	"CREATE TABLE hardship_assistance("                                                  \
	" id INTEGER PRIMARY KEY,"                                                           \
	" case_id INTEGER NOT NULL REFERENCES flow_case(id),"                                \
	" path TEXT NOT NULL,"                                                               \
	" org_id INTEGER NOT NULL REFERENCES org(id),"                                       \
	" by_org_id INTEGER NOT NULL REFERENCES org(id),"                                    \
	" member_name TEXT NOT NULL,"                                                        \
	" kind TEXT NOT NULL,"                                                               \
	" amount_fen INTEGER NOT NULL CHECK (amount_fen > 0),"                               \
	" given_on TEXT NOT NULL,"                                                           \
	" note_sealed BLOB,"                                                                 \
	" created_by INTEGER,"                                                               \
	" created_at INTEGER NOT NULL,"                                                      \
	" demo INTEGER NOT NULL DEFAULT 0);"                                                 \
	"CREATE INDEX hardship_assistance_scope ON hardship_assistance(path, given_on, id);" \
	"CREATE INDEX hardship_assistance_case ON hardship_assistance(case_id, id);"

#endif
