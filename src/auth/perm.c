/*
 * The role → capability table. Changing who may do what is changing this table only.
 */
#include "auth/perm.h"

#include <string.h>

#define C(x) (1u << (x))

static const struct {
	const char *token;
	const char *zh;
	const char *en;
	unsigned caps;
} roles[ROLE__MAX] = {
        [ROLE_MEMBER] = {"member", "会员", "member", 0},
        [ROLE_CADRE] = {"cadre", "基层工会干部", "grassroots cadre",
                        C(CAP_ORG_READ) | C(CAP_ORG_EDIT) | C(CAP_EMPLOYER_WRITE) | C(CAP_STATS_READ) |
                                C(CAP_MEMBER_READ) | C(CAP_MEMBER_WRITE) | C(CAP_CASE_READ) | C(CAP_CASE_HANDLE) |
                                C(CAP_SENSITIVE_READ) | C(CAP_SERVICE_WRITE)},
        [ROLE_FEDERATION_STAFF] = {"federation_staff", "上级工会工作人员", "federation staff",
                                   C(CAP_ORG_READ) | C(CAP_ORG_CREATE) | C(CAP_ORG_EDIT) | C(CAP_ORG_MOVE) |
                                           C(CAP_EMPLOYER_WRITE) | C(CAP_STATS_READ) | C(CAP_USER_READ) |
                                           C(CAP_MEMBER_READ) | C(CAP_MEMBER_WRITE) | C(CAP_CASE_READ) |
                                           C(CAP_CASE_HANDLE) | C(CAP_SENSITIVE_READ) | C(CAP_SERVICE_WRITE)},
        [ROLE_PARTY_OFFICER] = {"party_officer", "党建工作人员", "party-building officer",
                                C(CAP_ORG_READ) | C(CAP_STATS_READ) | C(CAP_MEMBER_READ) | C(CAP_CASE_READ)},
        [ROLE_AUDITOR] = {"auditor", "经审人员", "funds auditor",
                          C(CAP_ORG_READ) | C(CAP_STATS_READ) | C(CAP_MEMBER_READ) | C(CAP_CASE_READ)},
        [ROLE_ADMIN] = {"admin", "系统管理员", "administrator",
                        C(CAP_ORG_READ) | C(CAP_ORG_CREATE) | C(CAP_ORG_EDIT) | C(CAP_ORG_MOVE) |
                                C(CAP_EMPLOYER_WRITE) | C(CAP_STATS_READ) | C(CAP_USER_READ) | C(CAP_USER_WRITE) |
                                C(CAP_AUDIT_READ) | C(CAP_PII_REVEAL) | C(CAP_MEMBER_READ) | C(CAP_MEMBER_WRITE) |
                                C(CAP_CASE_READ) | C(CAP_CASE_HANDLE) | C(CAP_SENSITIVE_READ) | C(CAP_SERVICE_WRITE)},
};

static const char *const caps[CAP__MAX] = {
        [CAP_NONE] = "",
        [CAP_ORG_READ] = "org.read",
        [CAP_ORG_CREATE] = "org.create",
        [CAP_ORG_EDIT] = "org.edit",
        [CAP_ORG_MOVE] = "org.move",
        [CAP_EMPLOYER_WRITE] = "employer.write",
        [CAP_STATS_READ] = "stats.read",
        [CAP_USER_READ] = "user.read",
        [CAP_USER_WRITE] = "user.write",
        [CAP_AUDIT_READ] = "audit.read",
        [CAP_PII_REVEAL] = "pii.reveal",
        [CAP_MEMBER_READ] = "member.read",
        [CAP_MEMBER_WRITE] = "member.write",
        [CAP_CASE_READ] = "case.read",
        [CAP_CASE_HANDLE] = "case.handle",
        [CAP_SENSITIVE_READ] = "sensitive.read",
        [CAP_SERVICE_WRITE] = "service.write",
};

int role_parse(const char *s)
{
	for (int i = 0; s && i < ROLE__MAX; i++)
		if (!strcmp(s, roles[i].token))
			return i;
	return -1;
}

const char *role_token(enum role r)
{
	return (r >= 0 && r < ROLE__MAX) ? roles[r].token : "";
}

const char *role_label(enum role r, bool zh)
{
	if (r < 0 || r >= ROLE__MAX)
		return "";
	return zh ? roles[r].zh : roles[r].en;
}

bool role_can(enum role r, enum cap c)
{
	if (r < 0 || r >= ROLE__MAX || c < 0 || c >= CAP__MAX)
		return false;
	return c == CAP_NONE || (roles[r].caps & C(c)) != 0;
}

const char *cap_token(enum cap c)
{
	return (c >= 0 && c < CAP__MAX) ? caps[c] : "";
}
