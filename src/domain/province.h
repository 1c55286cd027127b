/*
 * Provinces and the national registries (issue 5, docs/decisions/0010-province-partitions.md).
 * Every person, membership and case carries the province of its organisation: the first two digits
 * of the division code, 0 when unknown. PostgreSQL partitions the three tables by it; national
 * uniqueness (one person per ID number, one current membership per person) is claimed in
 * hash-partitioned registries first, because a unique index only holds inside one partition. On
 * SQLite the unique indexes hold for the whole store and the claims answer "claimed" at once.
 *
 * Which province:
 * - a membership, and a case: that of the organisation that has it (the handling one for a case,
 *   which changes when the case is routed or escalated);
 * - a person: that of their current membership, else their latest; 0 (the default partition) for a
 *   person who never had one (a worker who registered without joining).
 */
#ifndef GH_DOMAIN_PROVINCE_H
#define GH_DOMAIN_PROVINCE_H

#include <stdint.h>
#include <stdio.h>

#include "domain/ctx.h"

/* The province of a division code: its first two digits as a number (11…82) when they name a
 * province of the division data (or 71, 81, 82), else 0. */
int province_of(const char *division);

/* The province of the caller's scope when it lies inside one (a provincial federation or below),
 * else -1: where a membership or case the caller names by id is looked for first. */
int province_of_scope(struct ctx *c);

/* Claims ID number `idx` (its blind index, PII_INDEX_BYTES) for new person `person_id`:
 * 1 claimed, 0 the number belongs to a person already, -1 error. */
int province_claim_id(struct ctx *c, const unsigned char *idx, int64_t person_id);
/* Claims the one current membership of person_id for membership_id: 1 claimed, 0 the person has
 * a current membership already (in any province), -1 error. */
int province_claim_membership(struct ctx *c, int64_t person_id, int64_t membership_id);
/* Gives the claim up when membership_id stops being current. 0 or -1. */
int province_release_membership(struct ctx *c, int64_t person_id, int64_t membership_id);
/* Moves person_id (idx: the blind index of their ID number, PII_INDEX_BYTES) from province `from`
 * to `to`; on PostgreSQL their registry entry follows. 0 or -1. */
int province_move_person(struct ctx *c, int64_t person_id, const unsigned char *idx, int from, int to);
/* The place of organisation org_id (now at path) became `division`: its memberships, cases and the
 * persons of its current members follow to that province. 0 or -1. */
int province_follow_org(struct ctx *c, int64_t org_id, const char *path, const char *division);

/* Counts the rows whose province is not their organisation's (a person: not their current
 * membership's), writing them to out when not NULL; inside the caller's read transaction.
 * The count, or -1 on error. */
int64_t province_verify(struct store *db, FILE *out);

#endif
