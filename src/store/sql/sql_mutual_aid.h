/*
 * The SQL statements of medical mutual aid: plans, enrolments, claims; included by store/sql.h into SQ_LIST. Same rules as sql.h:
 * statements by name, ?N parameters, the columns answered listed beside each.
 */
#ifndef GH_STORE_SQL_MUTUAL_AID_H
#define GH_STORE_SQL_MUTUAL_AID_H

#define SQ_LIST_MUTUAL_AID(X)

/* The statements that move this module's rows when a subtree moves (org_move): each takes ?1 lo,
 * ?2 hi (the old subtree's range), ?3 the new path prefix, ?4 the length of the old prefix + 1,
 * like SQ_CASE_MOVE_PATHS; each name followed by a comma. */
#define SQ_PATH_MOVERS_MUTUAL_AID

#endif
