// Strings of the 12351 hotline (modules/rights.js, views/hotline/): Chinese first, English twin.
export default {
  'zh-CN': {
    hotline: {
      menu: { intake: '12351 来电登记', inbox: '12351 工单', supervision: '超期督办', tiers: '办理时限' },
      demand: { consult: '问题咨询', help: '服务帮扶', complaint: '信访投诉', legal_aid: '法律援助', suggestion: '意见建议' },
      category: {
        wage_arrears: '欠薪', labour_contract: '劳动合同', social_insurance: '社会保险', work_injury: '工伤', occupational_disease: '职业病',
        women_rights: '女职工权益', safety: '劳动安全', policy: '政策咨询', psychological: '心理咨询', other: '其他'
      },
      tier: { normal: '一般', difficult: '难点', complex: '特别复杂', complaint: '信访投诉' },
      satisfaction: { satisfied: '满意', basically_satisfied: '基本满意', dissatisfied: '不满意' },
      states: { received: '待签收', handling: '办理中', replied: '已答复', rated: '已评价', closed: '已办结', withdrawn: '已撤回' },
      channel: { phone: '电话', web: '网上' },
      routing: { employer_union: '用人单位工会', place_federation: '属地总工会' },
      field: {
        caller: '来电人', callerName: '姓名', callerPhone: '联系电话', anonymous: '匿名', anonymousHint: '匿名后，承办人看不到来电人信息',
        demandType: '诉求类型', category: '问题分类', tier: '时限等级', employer: '被反映单位', employerName: '单位名称', creditCode: '统一社会信用代码',
        division: '发生地', workers: '涉及人数', summary: '诉求内容', channel: '受理渠道', handler: '承办单位', deadline: '办理时限',
        created: '登记时间', place: '地点', routing: '派单依据', reply: '答复', satisfaction: '满意度', reopened: '重办次数', id: '工单号', state: '状态'
      },
      ph: {
        callerName: '可不填', callerPhone: '来电号码', employer: '输入单位名称或统一社会信用代码查找', creditCode: '18 位，可不填',
        division: '省 / 市 / 县 / 乡镇 / 村', level0: '省（自治区、直辖市）', level1: '市（地区、州）', level2: '县（区、市）', level3: '乡镇（街道）', level4: '村（社区），可不选', summary: '来电人反映的问题、诉求和已采取的措施', replyText: '答复来电人的内容', reason: '退回重办的原因'
      },
      intake: {
        title: '12351 来电登记', hint: '一屏登记：Tab 依次填写，Enter 或 Ctrl+Enter 提交', submit: '登记并派单', reset: '清空',
        keys: 'Enter 提交 · Ctrl+Enter 在诉求内容中提交 · Tab 下一项', done: '已登记工单 {id}，派至{org}，{deadline}前签收', open: '查看工单',
        newEmployer: '未登记的单位：{name}', registered: '已登记单位'
      },
      inbox: {
        title: '12351 工单', hint: '本级及下级承办的热线工单；红色为已超期，橙色为 24 小时内到期', all: '全部', overdueOnly: '只看超期', empty: '没有工单',
        dueIn: '剩 {h} 小时', overdueBy: '超期 {h} 小时', noDeadline: '—'
      },
      kind: { first_response: '签收时限', resolution: '办结时限' },
      case: {
        title: '12351 工单 {id}', facts: '工单信息', history: '办理过程', actions: '办理', caller: '来电人', reveal: '查看来电人信息',
        revealNote: '查看将记入审计日志', anonymous: '匿名诉求：来电人信息不向承办人显示', notFound: '工单不存在或不在您的范围内', back: '返回工单列表',
        late: '逾期答复', supervisedNote: '该工单已超期，列入督办'
      },
      action: {
        accept: '签收', assign: '转交下级办理', reply: '答复', rate: '记录回访评价', reopen: '退回重办', close: '质检办结', withdraw: '撤回',
        assignTo: '交给', assignPick: '选择下级工会或总工会', submit: '确定', tierOnAccept: '签收并定级'
      },
      history_action: { create: '登记', accept: '签收', assign: '转交', reply: '答复', rate: '评价', reopen: '退回重办', close: '质检办结', withdraw: '撤回', escalate: '超期升级督办', supervise: '超期列入督办' },
      done: { accept: '已签收', assign: '已转交', reply: '已答复', rate: '已记录评价', reopen: '已退回重办', close: '已办结', withdraw: '已撤回' },
      supervision: {
        title: '超期督办', hint: '本级及下级范围内所有超期、督办的热线工单', overdue: '超期未办', supervised: '督办中', open: '办理中工单',
        closed: '已办结', rate: '满意率', rateHint: '（满意 + 基本满意）÷ 已评价', none: '暂无', chart: '本级及下级单位办理中的热线工单', onTime: '未超期', own: '本级'
      },
      tiers: {
        title: '办理时限', hint: '自然日计算：受理当日不计入，期限最后一日 24 时届满。修改只影响此后设定的时限。', first: '首次响应（天）',
        resolve: '办结（天）', default: '默认', save: '保存', saved: '已保存', readonly: '只有系统管理员可以修改'
      },
      m: {
        nav: '我要求助', mine: '我的诉求', title: '我的 12351 诉求', newTitle: '12351 我要求助', submit: '提交诉求', submitted: '已提交，工单号 {id}',
        none: '还没有诉求', new: '我要求助', rateAsk: '对办理结果是否满意？', reply: '答复', withdraw: '撤回', rated: '您的评价：{s}',
        contact: '联系电话（可不填，便于回访）', intro: '职工维权服务热线 12351：欠薪、劳动合同、社会保险、工伤等问题都可以反映。'
      }
    }
  },
  en: {
    hotline: {
      menu: { intake: '12351 call intake', inbox: '12351 cases', supervision: 'Overdue supervision', tiers: 'Time limits' },
      demand: { consult: 'Consultation', help: 'Help and support', complaint: 'Complaint (信访)', legal_aid: 'Legal aid', suggestion: 'Suggestion' },
      category: {
        wage_arrears: 'Wage arrears', labour_contract: 'Labour contract', social_insurance: 'Social insurance', work_injury: 'Work injury',
        occupational_disease: 'Occupational disease', women_rights: "Women workers' rights", safety: 'Work safety', policy: 'Policy questions',
        psychological: 'Psychological counselling', other: 'Other'
      },
      tier: { normal: 'Normal', difficult: 'Difficult', complex: 'Complex', complaint: 'Complaint (信访)' },
      satisfaction: { satisfied: 'Satisfied', basically_satisfied: 'Basically satisfied', dissatisfied: 'Dissatisfied' },
      states: { received: 'Awaiting sign-for', handling: 'Being handled', replied: 'Replied', rated: 'Rated', closed: 'Closed', withdrawn: 'Withdrawn' },
      channel: { phone: 'Phone', web: 'Web' },
      routing: { employer_union: "Employer's union", place_federation: 'Federation of the place' },
      field: {
        caller: 'Caller', callerName: 'Name', callerPhone: 'Phone', anonymous: 'Anonymous', anonymousHint: 'Handlers will not see who the caller is',
        demandType: 'Demand type', category: 'Category', tier: 'Time-limit tier', employer: 'Employer', employerName: 'Employer name', creditCode: 'Credit code',
        division: 'Place', workers: 'Workers affected', summary: 'Request', channel: 'Channel', handler: 'Handled by', deadline: 'Deadline',
        created: 'Registered', place: 'Place', routing: 'Routed by', reply: 'Reply', satisfaction: 'Satisfaction', reopened: 'Reopened', id: 'Case no.', state: 'State'
      },
      ph: {
        callerName: 'Optional', callerPhone: 'Calling number', employer: 'Type a name or credit code to search', creditCode: '18 characters, optional',
        division: 'Province / city / county / town / village', level0: 'Province', level1: 'City', level2: 'County or district', level3: 'Town or street', level4: 'Village (optional)', summary: "The caller's problem, request and what was tried", replyText: 'The reply to the caller', reason: 'Why it goes back'
      },
      intake: {
        title: '12351 call intake', hint: 'One screen: Tab through the fields, Enter or Ctrl+Enter submits', submit: 'Register and route', reset: 'Clear',
        keys: 'Enter submits · Ctrl+Enter submits from the request text · Tab moves on', done: 'Case {id} registered, routed to {org}, to be signed for by {deadline}', open: 'Open the case',
        newEmployer: 'Not registered: {name}', registered: 'Registered employer'
      },
      inbox: {
        title: '12351 cases', hint: 'Hotline cases handled here and below; red is overdue, orange due within 24 hours', all: 'All', overdueOnly: 'Overdue only', empty: 'No cases',
        dueIn: '{h} h left', overdueBy: '{h} h overdue', noDeadline: '—'
      },
      kind: { first_response: 'Sign for by', resolution: 'Resolve by' },
      case: {
        title: '12351 case {id}', facts: 'The case', history: 'History', actions: 'Handle', caller: 'Caller', reveal: 'Show the caller',
        revealNote: 'Reading it is recorded in the audit log', anonymous: 'Anonymous: the caller is not shown to handlers', notFound: 'No such case in your scope', back: 'Back to the cases',
        late: 'Replied late', supervisedNote: 'Overdue: under supervision'
      },
      action: {
        accept: 'Sign for it', assign: 'Pass it down', reply: 'Reply', rate: 'Record the call-back rating', reopen: 'Send back', close: 'Quality check: close', withdraw: 'Withdraw',
        assignTo: 'To', assignPick: 'Choose a union or federation below', submit: 'OK', tierOnAccept: 'Sign for it with tier'
      },
      history_action: { create: 'Registered', accept: 'Signed for', assign: 'Passed on', reply: 'Replied', rate: 'Rated', reopen: 'Sent back', close: 'Closed after quality check', withdraw: 'Withdrawn', escalate: 'Overdue: escalated', supervise: 'Overdue: supervised' },
      done: { accept: 'Signed for', assign: 'Passed on', reply: 'Replied', rate: 'Rating recorded', reopen: 'Sent back', close: 'Closed', withdraw: 'Withdrawn' },
      supervision: {
        title: 'Overdue supervision', hint: 'Every overdue or supervised hotline case in your scope', overdue: 'Overdue', supervised: 'Under supervision', open: 'Open cases',
        closed: 'Closed', rate: 'Satisfaction rate', rateHint: '(satisfied + basically satisfied) ÷ rated', none: 'None', chart: 'Open hotline cases here and in the organisations below', onTime: 'On time', own: 'Itself'
      },
      tiers: {
        title: 'Time limits', hint: 'Calendar days: the day of receipt does not count; a period ends at 24:00 of its last day. Changes apply to deadlines set from now on.',
        first: 'First response (days)', resolve: 'Resolution (days)', default: 'Default', save: 'Save', saved: 'Saved', readonly: 'Only an administrator may change them'
      },
      m: {
        nav: 'Ask for help', mine: 'My requests', title: 'My 12351 requests', newTitle: '12351: ask for help', submit: 'Send', submitted: 'Sent, case {id}',
        none: 'No requests yet', new: 'Ask for help', rateAsk: 'Are you satisfied with how it was handled?', reply: 'Reply', withdraw: 'Withdraw', rated: 'Your rating: {s}',
        contact: 'Contact phone (optional, for the call-back)', intro: 'The 12351 workers\u2019 rights line: unpaid wages, contracts, social insurance, work injuries and more.'
      }
    }
  }
}
