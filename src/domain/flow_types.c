/*
 * The registry of case types and the labels of their states. A new type is a file that defines
 * its struct flow_type, and one line here.
 */
#include <string.h>

#include "domain/flow.h"

extern const struct flow_type flow_join_application;
extern const struct flow_type flow_transfer;
/* 维权 (flow_hotline.c, flow_wage_arrears.c, flow_mediation.c) */
extern const struct flow_type flow_wage_arrears;
extern const struct flow_type flow_mediation;
extern const struct flow_type flow_hotline;

/* services (flow_hardship.c, flow_mutual_aid_claim.c) */
extern const struct flow_type flow_hardship;
extern const struct flow_type flow_mutual_aid_claim;

static const struct flow_type *const types[] = {
        &flow_join_application,
        &flow_transfer,
        /* 维权 */
        &flow_wage_arrears,
        &flow_mediation,
        &flow_hotline,
        /* services */
        &flow_hardship,
        &flow_mutual_aid_claim,
};

#define N_TYPES ((int)(sizeof(types) / sizeof(types[0])))

const struct flow_type *flow_type_find(const char *token)
{
	for (int i = 0; token && i < N_TYPES; i++)
		if (!strcmp(types[i]->token, token))
			return types[i];
	return NULL;
}

int flow_type_count(void)
{
	return N_TYPES;
}

const struct flow_type *flow_type_at(int i)
{
	return (i >= 0 && i < N_TYPES) ? types[i] : NULL;
}

static const struct {
	const char *state, *zh, *en;
} labels[] = {
        {"submitted", "待审批", "awaiting approval"},
        {"approved", "已批准", "approved"},
        {"rejected", "已拒绝", "rejected"},
        {"withdrawn", "已撤回", "withdrawn"},
        {"requested", "待接收", "awaiting the receiving union"},
        {"completed", "已转入", "completed"},
        {"escalated", "已升级督办", "escalated"},
        /* 维权 */
        {"reported", "待受理", "reported"},
        {"recovering", "追讨中", "recovering wages"},
        {"settled", "已办结", "settled"},
        {"applied", "待受理调解", "mediation applied for"},
        {"mediating", "调解中", "in mediation"},
        {"agreed", "已达成调解协议", "agreement reached"},
        {"failed", "调解不成", "mediation failed"},
        {"received", "待签收", "awaiting sign-for"},
        {"handling", "办理中", "being handled"},
        {"replied", "已答复", "replied"},
        {"rated", "已评价", "rated"},
        {"closed", "已办结", "closed"},
        /* services */
        {"filed", "已建档", "filed"},
        {"exited", "已退出档案（解困脱困）", "left the file"},
        {"paid", "已支付", "paid"},
};

const char *flow_state_label(const char *state, bool zh)
{
	for (size_t i = 0; state && i < sizeof(labels) / sizeof(labels[0]); i++)
		if (!strcmp(labels[i].state, state))
			return zh ? labels[i].zh : labels[i].en;
	return state ? state : "";
}
