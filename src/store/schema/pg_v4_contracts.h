/*
 * Schema 3 -> 4 on PostgreSQL, this module's part: the same tables as v4_contracts.h in the PostgreSQL
 * dialect (BIGINT ids, BYTEA blobs, COLLATE "C" on path columns; see schema_pg.c). Included by
 * schema_pg.c into migration 4. Never edit it once released: add the next migration.
 */
#ifndef GH_STORE_SCHEMA_PG_V4_CONTRACTS_H
#define GH_STORE_SCHEMA_PG_V4_CONTRACTS_H

#define SCHEMA_PG_V4_CONTRACTS                                                                                                                                               \
	/* Collective contracts (集体合同, 工资专项集体合同, 女职工权益保护专项集体合同). */                                                        \
	"CREATE TABLE contract("                                                                                                                                             \
	" id BIGINT PRIMARY KEY,"                                                                                                                                            \
	" kind TEXT NOT NULL CHECK (kind IN ('collective', 'wage_special', 'women_special')),"                                                                               \
	" org_id BIGINT NOT NULL REFERENCES org(id),"                                                                                                                        \
	" path TEXT COLLATE \"C\" NOT NULL,"                                                                                                                                 \
	" employer_id BIGINT REFERENCES employer(id),"                                                                                                                       \
	" employer_name TEXT NOT NULL,"                                                                                                                                      \
	" employer_credit_code TEXT,"                                                                                                                                        \
	" signed_on TEXT NOT NULL, starts_on TEXT NOT NULL, ends_on TEXT NOT NULL,"                                                                                          \
	" workers_covered BIGINT NOT NULL CHECK (workers_covered > 0),"                                                                                                      \
	" wage_increase_bp BIGINT,"                                                                                                                                          \
	" registered_on TEXT,"                                                                                                                                               \
	" note TEXT,"                                                                                                                                                        \
	" terminated_on TEXT, terminated_reason TEXT,"                                                                                                                       \
	" demo BIGINT NOT NULL DEFAULT 0,"                                                                                                                                   \
	" created_at BIGINT NOT NULL, updated_at BIGINT NOT NULL,"                                                                                                           \
	" CHECK (ends_on > starts_on));"                                                                                                                                     \
	"CREATE INDEX contract_scope ON contract(path, ends_on, id);"                                                                                                        \
	"CREATE INDEX contract_ends ON contract(ends_on, path) WHERE terminated_on IS NULL;" /* Labour-law supervision notices (劳动法律监督意见书 / 建议书). */ \
	"CREATE TABLE supervision_notice("                                                                                                                                   \
	" id BIGINT PRIMARY KEY,"                                                                                                                                            \
	" kind TEXT NOT NULL CHECK (kind IN ('opinion', 'suggestion')),"                                                                                                     \
	" org_id BIGINT NOT NULL REFERENCES org(id),"                                                                                                                        \
	" path TEXT COLLATE \"C\" NOT NULL,"                                                                                                                                 \
	" employer_id BIGINT REFERENCES employer(id),"                                                                                                                       \
	" employer_name TEXT NOT NULL,"                                                                                                                                      \
	" employer_credit_code TEXT,"                                                                                                                                        \
	" issued_on TEXT NOT NULL,"                                                                                                                                          \
	" subject TEXT NOT NULL, content TEXT NOT NULL, legal_basis TEXT,"                                                                                                   \
	" reply_due_on TEXT NOT NULL,"                                                                                                                                       \
	" state TEXT NOT NULL CHECK (state IN ('issued', 'answered', 'closed')),"                                                                                            \
	" answer TEXT, answered_on TEXT,"                                                                                                                                    \
	" outcome TEXT CHECK (outcome IS NULL OR outcome IN ('rectified', 'partly_rectified', "                                                                              \
	"'not_rectified')),"                                                                                                                                                 \
	" follow_up TEXT, closed_on TEXT,"                                                                                                                                   \
	" demo BIGINT NOT NULL DEFAULT 0,"                                                                                                                                   \
	" created_at BIGINT NOT NULL, updated_at BIGINT NOT NULL);"                                                                                                          \
	"CREATE INDEX supervision_notice_scope ON supervision_notice(path, state, reply_due_on);" /* The service catalogue (服务项目清单) of each union. */            \
	"CREATE TABLE service_item("                                                                                                                                         \
	" id BIGINT PRIMARY KEY,"                                                                                                                                            \
	" org_id BIGINT NOT NULL REFERENCES org(id),"                                                                                                                        \
	" path TEXT COLLATE \"C\" NOT NULL,"                                                                                                                                 \
	" title TEXT NOT NULL,"                                                                                                                                              \
	" category TEXT NOT NULL,"                                                                                                                                           \
	" description TEXT NOT NULL,"                                                                                                                                        \
	" audience TEXT,"                                                                                                                                                    \
	" contact TEXT, hours TEXT, place TEXT,"                                                                                                                             \
	" active BIGINT NOT NULL DEFAULT 1,"                                                                                                                                 \
	" demo BIGINT NOT NULL DEFAULT 0,"                                                                                                                                   \
	" created_at BIGINT NOT NULL, updated_at BIGINT NOT NULL);"                                                                                                          \
	"CREATE INDEX service_item_scope ON service_item(path, active, category, id);"

#endif
