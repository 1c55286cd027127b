/*
 * The registry of case types and the labels of their states. A new type is a file that defines
 * its struct flow_type, and one line here.
 */
#include <string.h>

#include "domain/flow.h"

extern const struct flow_type flow_join_application;
extern const struct flow_type flow_transfer;
/* 维权 (flow_hotline.c, flow_wage_arrears.c, flow_mediation.c) */
extern const struct flow_type flow_hotline;

/* services (flow_hardship.c, flow_mutual_aid_claim.c) */

static const struct flow_type *const types[] = {
        &flow_join_application, &flow_transfer,
        /* 维权 */
        &flow_hotline,
        /* services */

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
        {"received", "待签收", "awaiting sign-for"},
        {"handling", "办理中", "being handled"},
        {"replied", "已答复", "replied"},
        {"rated", "已评价", "rated"},
        {"closed", "已办结", "closed"},
        /* services */

};

const char *flow_state_label(const char *state, bool zh)
{
	for (size_t i = 0; state && i < sizeof(labels) / sizeof(labels[0]); i++)
		if (!strcmp(labels[i].state, state))
			return zh ? labels[i].zh : labels[i].en;
	return state ? state : "";
}
