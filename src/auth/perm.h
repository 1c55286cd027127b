/*
 * Roles and capabilities: the one table that says which role may do what (CONTRACT.md roles).
 * Routes name the capability they need; domain functions check scope on top of it.
 */
#ifndef GH_AUTH_PERM_H
#define GH_AUTH_PERM_H

#include <stdbool.h>

enum role { ROLE_MEMBER, ROLE_CADRE, ROLE_FEDERATION_STAFF, ROLE_PARTY_OFFICER, ROLE_AUDITOR, ROLE_ADMIN, ROLE__MAX };

enum cap {
	CAP_NONE,       /* any logged-in account */
	CAP_ORG_READ,   /* see organisations and the tree in scope */
	CAP_ORG_CREATE, /* create grassroots unions under an organisation in scope */
	CAP_ORG_EDIT,   /* edit an organisation's facts */
	CAP_ORG_MOVE,   /* move an organisation to another parent */
	CAP_EMPLOYER_WRITE,
	CAP_STATS_READ,
	CAP_USER_READ,
	CAP_USER_WRITE,
	CAP_AUDIT_READ,
	CAP_PII_REVEAL,     /* see personal data unmasked (audited) */
	CAP_MEMBER_READ,    /* see the roster of the subtree */
	CAP_MEMBER_WRITE,   /* add members, change their status, import rosters, record dues */
	CAP_CASE_READ,      /* see the cases of the subtree */
	CAP_CASE_HANDLE,    /* act on the cases of the subtree */
	CAP_SENSITIVE_READ, /* read the sensitive part of cases (health, income, hardship; audited) */
	CAP_SERVICE_WRITE,  /* keep contracts, supervision notices, service items, stations, mutual-aid plans,
	                       living standards of the subtree */
	CAP__MAX
};

/* "federation_staff" → ROLE_FEDERATION_STAFF; -1 if unknown. */
int role_parse(const char *s);
const char *role_token(enum role r);
/* The role's Chinese or English name ("联合会工作人员"). */
const char *role_label(enum role r, bool zh);
bool role_can(enum role r, enum cap c);
const char *cap_token(enum cap c);

#endif
