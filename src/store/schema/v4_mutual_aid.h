/*
 * Schema 3 -> 4, the part of medical mutual aid (职工医疗互助): plans and enrolments. Included by
 * schema_sqlite.c into migration 4. Claims are cases (flow_case, type mutual_aid_claim) and need
 * no table of their own. Never edit it once released: add the next migration.
 */
#ifndef GH_STORE_SCHEMA_V4_MUTUAL_AID_H
#define GH_STORE_SCHEMA_V4_MUTUAL_AID_H

/* A plan covers 1 January to 31 December of its year; its benefit rule is data: the deductible,
 * the ratio in basis points (1/10000, exact integers), the cap per claim and the yearly cap per
 * member, all in fen. An enrolment is a person's, once per plan, at the union that enrolled
 * them (its path: the enrolments of a subtree are one index range). */
#define SCHEMA_V4_MUTUAL_AID                                                                         \
	"CREATE TABLE mutual_aid_plan("                                                              \
	" id INTEGER PRIMARY KEY,"                                                                   \
	" org_id INTEGER NOT NULL REFERENCES org(id),"                                               \
	" path TEXT NOT NULL,"                                                                       \
	" name TEXT NOT NULL,"                                                                       \
	" year INTEGER NOT NULL,"                                                                    \
	" contribution_fen INTEGER NOT NULL CHECK (contribution_fen >= 0),"                          \
	" waiting_days INTEGER NOT NULL CHECK (waiting_days >= 0),"                                  \
	" deductible_fen INTEGER NOT NULL CHECK (deductible_fen >= 0),"                              \
	" ratio_bp INTEGER NOT NULL CHECK (ratio_bp BETWEEN 1 AND 10000),"                           \
	" cap_per_claim_fen INTEGER NOT NULL CHECK (cap_per_claim_fen > 0),"                         \
	" yearly_cap_fen INTEGER NOT NULL CHECK (yearly_cap_fen >= cap_per_claim_fen),"              \
	" enrolment_open INTEGER NOT NULL DEFAULT 1,"                                                \
	" demo INTEGER NOT NULL DEFAULT 0,"                                                          \
	" created_at INTEGER NOT NULL, updated_at INTEGER NOT NULL);"                                \
	"CREATE INDEX mutual_aid_plan_scope ON mutual_aid_plan(path, year, id);"                     \
	"CREATE INDEX mutual_aid_plan_org ON mutual_aid_plan(org_id, year);"                         \
	"CREATE TABLE mutual_aid_enrolment("                                                         \
	" id INTEGER PRIMARY KEY,"                                                                   \
	" plan_id INTEGER NOT NULL REFERENCES mutual_aid_plan(id),"                                  \
	" year INTEGER NOT NULL,"                                                                    \
	" membership_id INTEGER NOT NULL REFERENCES membership(id),"                                 \
	" person_id INTEGER NOT NULL REFERENCES person(id),"                                         \
	" org_id INTEGER NOT NULL REFERENCES org(id),"                                               \
	" path TEXT NOT NULL,"                                                                       \
	" enrolled_on TEXT NOT NULL,"                                                                \
	" contribution_fen INTEGER NOT NULL,"                                                        \
	" demo INTEGER NOT NULL DEFAULT 0,"                                                          \
	" created_at INTEGER NOT NULL);"                                                             \
	"CREATE UNIQUE INDEX mutual_aid_enrolment_once ON mutual_aid_enrolment(plan_id, person_id);" \
	"CREATE INDEX mutual_aid_enrolment_scope ON mutual_aid_enrolment(path, year, person_id);"    \
	"CREATE INDEX mutual_aid_enrolment_plan ON mutual_aid_enrolment(plan_id, path);"             \
	"CREATE INDEX mutual_aid_enrolment_person ON mutual_aid_enrolment(person_id, plan_id);"

#endif
