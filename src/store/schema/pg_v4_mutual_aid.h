/*
 * Schema 3 -> 4 on PostgreSQL, this module's part: the same tables as v4_mutual_aid.h in the PostgreSQL
 * dialect (BIGINT ids, BYTEA blobs, COLLATE "C" on path columns; see schema_pg.c). Included by
 * schema_pg.c into migration 4. Never edit it once released: add the next migration.
 */
#ifndef GH_STORE_SCHEMA_PG_V4_MUTUAL_AID_H
#define GH_STORE_SCHEMA_PG_V4_MUTUAL_AID_H

#define SCHEMA_PG_V4_MUTUAL_AID                                                                      \
	"CREATE TABLE mutual_aid_plan("                                                              \
	" id BIGINT PRIMARY KEY,"                                                                    \
	" org_id BIGINT NOT NULL REFERENCES org(id),"                                                \
	" path TEXT COLLATE \"C\" NOT NULL,"                                                         \
	" name TEXT NOT NULL,"                                                                       \
	" year BIGINT NOT NULL,"                                                                     \
	" contribution_fen BIGINT NOT NULL CHECK (contribution_fen >= 0),"                           \
	" waiting_days BIGINT NOT NULL CHECK (waiting_days >= 0),"                                   \
	" deductible_fen BIGINT NOT NULL CHECK (deductible_fen >= 0),"                               \
	" ratio_bp BIGINT NOT NULL CHECK (ratio_bp BETWEEN 1 AND 10000),"                            \
	" cap_per_claim_fen BIGINT NOT NULL CHECK (cap_per_claim_fen > 0),"                          \
	" yearly_cap_fen BIGINT NOT NULL CHECK (yearly_cap_fen >= cap_per_claim_fen),"               \
	" enrolment_open BIGINT NOT NULL DEFAULT 1,"                                                 \
	" demo BIGINT NOT NULL DEFAULT 0,"                                                           \
	" created_at BIGINT NOT NULL, updated_at BIGINT NOT NULL);"                                  \
	"CREATE INDEX mutual_aid_plan_scope ON mutual_aid_plan(path, year, id);"                     \
	"CREATE INDEX mutual_aid_plan_org ON mutual_aid_plan(org_id, year);"                         \
	"CREATE TABLE mutual_aid_enrolment("                                                         \
	" id BIGINT PRIMARY KEY,"                                                                    \
	" plan_id BIGINT NOT NULL REFERENCES mutual_aid_plan(id),"                                   \
	" year BIGINT NOT NULL,"                                                                     \
	" membership_id BIGINT NOT NULL REFERENCES membership(id),"                                  \
	" person_id BIGINT NOT NULL REFERENCES person(id),"                                          \
	" org_id BIGINT NOT NULL REFERENCES org(id),"                                                \
	" path TEXT COLLATE \"C\" NOT NULL,"                                                         \
	" enrolled_on TEXT NOT NULL,"                                                                \
	" contribution_fen BIGINT NOT NULL,"                                                         \
	" demo BIGINT NOT NULL DEFAULT 0,"                                                           \
	" created_at BIGINT NOT NULL);"                                                              \
	"CREATE UNIQUE INDEX mutual_aid_enrolment_once ON mutual_aid_enrolment(plan_id, person_id);" \
	"CREATE INDEX mutual_aid_enrolment_scope ON mutual_aid_enrolment(path, year, person_id);"    \
	"CREATE INDEX mutual_aid_enrolment_plan ON mutual_aid_enrolment(plan_id, path);"             \
	"CREATE INDEX mutual_aid_enrolment_person ON mutual_aid_enrolment(person_id, plan_id);"

#endif
