/*
 * Schema 3 -> 4, the part of collective contracts, labour-law supervision notices, service catalogue items: collective contracts, supervision notices, service items. Included by schema_sqlite.c into
 * migration 4. Never edit it once released: add the next migration.
 *
 * Each row carries the path of its organisation (the signing union, the issuing organisation,
 * the union offering the service) so that a subtree is one index range. Calendar days are ISO
 * dates (YYYY-MM-DD), which order as text; a contract's status and a notice's overdue mark are
 * computed from them and the clock, never stored.
 */
#ifndef GH_STORE_SCHEMA_V4_CONTRACTS_H
#define GH_STORE_SCHEMA_V4_CONTRACTS_H

#define SCHEMA_V4_CONTRACTS                                                                                                                                                  \
	/* Collective contracts (集体合同, 工资专项集体合同, 女职工权益保护专项集体合同). */                                                        \
	"CREATE TABLE contract("                                                                                                                                             \
	" id INTEGER PRIMARY KEY,"                                                                                                                                           \
	" kind TEXT NOT NULL CHECK (kind IN ('collective', 'wage_special', 'women_special')),"                                                                               \
	" org_id INTEGER NOT NULL REFERENCES org(id),"                                                                                                                       \
	" path TEXT NOT NULL,"                                                                                                                                               \
	" employer_id INTEGER REFERENCES employer(id),"                                                                                                                      \
	" employer_name TEXT NOT NULL,"                                                                                                                                      \
	" employer_credit_code TEXT,"                                                                                                                                        \
	" signed_on TEXT NOT NULL, starts_on TEXT NOT NULL, ends_on TEXT NOT NULL,"                                                                                          \
	" workers_covered INTEGER NOT NULL CHECK (workers_covered > 0),"                                                                                                     \
	" wage_increase_bp INTEGER,"                                                                                                                                         \
	" registered_on TEXT,"                                                                                                                                               \
	" note TEXT,"                                                                                                                                                        \
	" terminated_on TEXT, terminated_reason TEXT,"                                                                                                                       \
	" demo INTEGER NOT NULL DEFAULT 0,"                                                                                                                                  \
	" created_at INTEGER NOT NULL, updated_at INTEGER NOT NULL,"                                                                                                         \
	" CHECK (ends_on > starts_on));"                                                                                                                                     \
	"CREATE INDEX contract_scope ON contract(path, ends_on, id);"                                                                                                        \
	"CREATE INDEX contract_ends ON contract(ends_on, path) WHERE terminated_on IS NULL;" /* Labour-law supervision notices (劳动法律监督意见书 / 建议书). */ \
	"CREATE TABLE supervision_notice("                                                                                                                                   \
	" id INTEGER PRIMARY KEY,"                                                                                                                                           \
	" kind TEXT NOT NULL CHECK (kind IN ('opinion', 'suggestion')),"                                                                                                     \
	" org_id INTEGER NOT NULL REFERENCES org(id),"                                                                                                                       \
	" path TEXT NOT NULL,"                                                                                                                                               \
	" employer_id INTEGER REFERENCES employer(id),"                                                                                                                      \
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
	" demo INTEGER NOT NULL DEFAULT 0,"                                                                                                                                  \
	" created_at INTEGER NOT NULL, updated_at INTEGER NOT NULL);"                                                                                                        \
	"CREATE INDEX supervision_notice_scope ON supervision_notice(path, state, reply_due_on);" /* The service catalogue (服务项目清单) of each union. */            \
	"CREATE TABLE service_item("                                                                                                                                         \
	" id INTEGER PRIMARY KEY,"                                                                                                                                           \
	" org_id INTEGER NOT NULL REFERENCES org(id),"                                                                                                                       \
	" path TEXT NOT NULL,"                                                                                                                                               \
	" title TEXT NOT NULL,"                                                                                                                                              \
	" category TEXT NOT NULL,"                                                                                                                                           \
	" description TEXT NOT NULL,"                                                                                                                                        \
	" audience TEXT,"                                                                                                                                                    \
	" contact TEXT, hours TEXT, place TEXT,"                                                                                                                             \
	" active INTEGER NOT NULL DEFAULT 1,"                                                                                                                                \
	" demo INTEGER NOT NULL DEFAULT 0,"                                                                                                                                  \
	" created_at INTEGER NOT NULL, updated_at INTEGER NOT NULL);"                                                                                                        \
	"CREATE INDEX service_item_scope ON service_item(path, active, category, id);"

#endif
