/*
 * Schema 6 -> 7 on PostgreSQL: the national ID registry carries the person's province (docs/
 * decisions/0010-province-partitions.md, "Statements that carry the province"). A lookup by ID
 * number reads one hash partition of id_registry and answers (person_id, province), so the person
 * is then read in one province partition: through postgres_fdw, one shard instead of every one.
 * Kept right by the statements that write a person's province (sql_pg.h: SQ_PERSON_INSERT,
 * SQ_IMPORT_PERSON_INSERT, SQ_PERSON_SET_PROVINCE, SQ_PERSON_FOLLOW_ORG) and checked by stats
 * verify (SQ_REGISTRY_MISMATCHES). SQLite has no registry: its migration 7 changes nothing.
 * Never edit it once released: add the next migration.
 */
#ifndef GH_STORE_SCHEMA_PG_V7_REGISTRY_PROVINCE_H
#define GH_STORE_SCHEMA_PG_V7_REGISTRY_PROVINCE_H

#define SCHEMA_PG_V7_REGISTRY_PROVINCE                                                               \
	"ALTER TABLE id_registry ADD COLUMN province SMALLINT NOT NULL DEFAULT 0;"                   \
	"UPDATE id_registry r SET province = p.province FROM person p WHERE p.id = r.person_id AND " \
	"p.id_index = r.id_index AND p.province <> 0;"

#endif
