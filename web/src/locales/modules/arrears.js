// Strings of the wage arrears (欠薪) and labour dispute mediation (劳动争议调解) pages.
export default {
  'zh-CN': {
    arrears: {
      menu: { arrears: '欠薪案件', mediation: '劳动争议调解' },
      title: { wage_arrears: '欠薪案件', mediation: '劳动争议调解' },
      hint: {
        wage_arrears: '按用人单位所在工会或属地总工会办理，30 天未办结升级至上级总工会督办',
        mediation: '受理后 15 日内未达成调解协议的，职工可依法申请劳动仲裁'
      },
      new: { wage_arrears: '登记欠薪', mediation: '登记调解申请' },
      filter: { overdue: '只看超期', supervised: '只看督办', all: '全部' },
      states: {
        reported: '待受理', recovering: '追讨中', settled: '已办结', rejected: '已退回', withdrawn: '已撤回',
        applied: '待受理', mediating: '调解中', agreed: '已达成协议', failed: '调解不成'
      },
      col: {
        employer: '用人单位', project: '工程项目', owed: '欠薪金额', recovered: '已追回', workers: '涉及人数',
        period: '欠薪期间', handler: '办理单位', state: '状态', deadline: '办理期限', worker: '申请人', claim: '调解请求',
        mediator: '调解员', created: '登记时间'
      },
      due: { overdue: '已超期 {n} 天', today: '今天到期', left: '剩 {n} 天', none: '—' },
      empty: '没有符合条件的案件',
      view: '查看',
      card: {
        title: '欠薪追讨（{org}）', owed: '欠薪总额', recovered: '已追回', outstanding: '尚欠', workers: '涉及职工',
        open: '办理中', overdue: '超期', rate: '追回率', chartOwed: '尚欠', chartRecovered: '已追回'
      },
      form: {
        employerName: '用人单位名称', creditCode: '统一社会信用代码（可选）', division: '所在地区划代码',
        divisionHint: '2、4、6、9 或 12 位；用人单位未建会时由该地总工会办理', amount: '欠薪金额（元）', workers: '涉及职工人数',
        periodFrom: '欠薪起始月份', periodTo: '欠薪截止月份', project: '工程项目（可选）', summary: '情况摘要',
        hotline: '来源 12351 工单编号（可选）', submit: '提交', cancel: '取消', created: '已登记，编号 {id}',
        workerName: '职工姓名', workerPhone: '联系电话（加密保存）', workerAddress: '联系地址（加密保存）',
        claimText: '调解请求', claimAmount: '请求金额（元，可选）', committee: '调解组织（可选）',
        committeeHint: '不选时由用人单位工会或属地总工会的调解组织受理', required: '请填写此项', amountInvalid: '请输入大于 0 的金额',
        periodOrder: '截止月份不能早于起始月份'
      },
      act: {
        accept: '受理', assign: '交办', reply: '记录进展', recover: '记录追回', close: '办结', reject: '退回',
        withdraw: '撤回', session: '记录调解', approve: '达成协议', fail: '调解不成'
      },
      dlg: {
        text: '办理情况', recovered: '本次追回金额（元）', recoveredHint: '尚欠 {left}，追回金额不能超过尚欠金额', note: '办结说明',
        reason: '原因', reasonCode: '退回类别', codes: { not_wage_arrears: '不属于欠薪', outside_jurisdiction: '不属本辖区', other: '其他' },
        org: '交办给', date: '调解日期', mediator: '调解员', sessionText: '调解经过', terms: '协议内容', agreed: '协议金额（元，可选）',
        failReason: '调解不成的原因', confirm: '确定', done: '已保存'
      },
      detail: {
        employer: '用人单位', creditCode: '信用代码', place: '区划', owed: '欠薪金额', recovered: '已追回', outstanding: '尚欠',
        workers: '涉及人数', period: '欠薪期间', project: '工程项目', summary: '情况摘要', hotline: '来源工单', recoveries: '追回记录',
        outcome: '办结结果', outcomes: { all: '全部追回', part: '部分追回' }, worker: '申请人', claim: '调解请求',
        claimAmount: '请求金额', committee: '调解组织', sessions: '调解记录', agreement: '调解协议', agreedAmount: '协议金额',
        failure: '调解不成原因', acceptedOn: '受理日期', sensitive: '查看联系方式', phone: '电话', address: '地址', none: '无',
        back: '返回列表'
      },
      arbitration: {
        title: '可以申请劳动仲裁',
        limitation: '仲裁时效为一年，从知道或者应当知道权利被侵害之日起计算。',
        award: '仲裁庭应在受理后 45 日内结束，复杂案件可延长 15 日。'
      },
      history: {
        create: '登记', accept: '受理', assign: '交办', close: '办结', withdraw: '撤回', escalate: '超期升级督办', supervise: '超期督办',
        wage_arrears: { reply: '记录进展', reject: '退回' },
        mediation: { create: '申请调解', reply: '调解', approve: '达成协议', reject: '调解不成' },
        worker: '申请人 {name}'
      },
      m: {
        title: '劳动争议调解', intro: '与单位发生劳动争议，可申请工会调解组织调解；调解期间的进展和结果都在这里。',
        apply: '申请调解', mine: '我的调解', none: '您还没有调解申请', submitted: '已提交调解申请', show: '详情', hide: '收起'
      }
    }
  },
  en: {
    arrears: {
      menu: { arrears: 'Wage arrears', mediation: 'Dispute mediation' },
      title: { wage_arrears: 'Wage arrears', mediation: 'Labour dispute mediation' },
      hint: {
        wage_arrears: "Handled by the employer's union or the federation of the place; escalated after 30 days",
        mediation: 'No agreement within 15 days of acceptance: the worker may apply for arbitration'
      },
      new: { wage_arrears: 'Report arrears', mediation: 'Record an application' },
      filter: { overdue: 'Overdue only', supervised: 'Supervised only', all: 'All' },
      states: {
        reported: 'Reported', recovering: 'Recovering', settled: 'Settled', rejected: 'Rejected', withdrawn: 'Withdrawn',
        applied: 'Applied', mediating: 'In mediation', agreed: 'Agreement', failed: 'Failed'
      },
      col: {
        employer: 'Employer', project: 'Project', owed: 'Owed', recovered: 'Recovered', workers: 'Workers',
        period: 'Period', handler: 'Handled by', state: 'State', deadline: 'Deadline', worker: 'Worker', claim: 'Claim',
        mediator: 'Mediator', created: 'Recorded'
      },
      due: { overdue: '{n} days overdue', today: 'due today', left: '{n} days left', none: '—' },
      empty: 'No cases match',
      view: 'Open',
      card: {
        title: 'Wage arrears ({org})', owed: 'Owed', recovered: 'Recovered', outstanding: 'Outstanding', workers: 'Workers',
        open: 'Open', overdue: 'Overdue', rate: 'Recovery rate', chartOwed: 'Outstanding', chartRecovered: 'Recovered'
      },
      form: {
        employerName: "Employer's name", creditCode: 'Unified social credit code (optional)', division: 'Division code of the place',
        divisionHint: "2, 4, 6, 9 or 12 digits; the place's federation handles it when the employer has no union",
        amount: 'Amount owed (yuan)', workers: 'Workers affected', periodFrom: 'Owed from (month)', periodTo: 'Owed until (month)',
        project: 'Construction project (optional)', summary: 'Summary', hotline: '12351 case number (optional)', submit: 'Submit',
        cancel: 'Cancel', created: 'Recorded as case {id}', workerName: "Worker's name", workerPhone: 'Phone (kept encrypted)',
        workerAddress: 'Address (kept encrypted)', claimText: 'Claim', claimAmount: 'Amount claimed (yuan, optional)',
        committee: 'Mediation body (optional)', committeeHint: "Left empty: the employer's union or the place's federation",
        required: 'Required', amountInvalid: 'Enter an amount above 0', periodOrder: 'The end is before the start'
      },
      act: {
        accept: 'Accept', assign: 'Assign', reply: 'Record progress', recover: 'Record a recovery', close: 'Settle', reject: 'Reject',
        withdraw: 'Withdraw', session: 'Record a session', approve: 'Agreement', fail: 'Mediation failed'
      },
      dlg: {
        text: 'What was done', recovered: 'Recovered now (yuan)', recoveredHint: '{left} still owed; a recovery cannot exceed it',
        note: 'Settlement note', reason: 'Reason', reasonCode: 'Kind',
        codes: { not_wage_arrears: 'Not wage arrears', outside_jurisdiction: 'Outside our area', other: 'Other' },
        org: 'Assign to', date: 'Session date', mediator: 'Mediator', sessionText: 'What happened', terms: 'Terms of the agreement',
        agreed: 'Amount agreed (yuan, optional)', failReason: 'Why mediation failed', confirm: 'OK', done: 'Saved'
      },
      detail: {
        employer: 'Employer', creditCode: 'Credit code', place: 'Division', owed: 'Owed', recovered: 'Recovered',
        outstanding: 'Outstanding', workers: 'Workers', period: 'Period', project: 'Project', summary: 'Summary',
        hotline: 'From hotline case', recoveries: 'Recoveries', outcome: 'Outcome', outcomes: { all: 'All recovered', part: 'Part recovered' },
        worker: 'Worker', claim: 'Claim', claimAmount: 'Amount claimed', committee: 'Mediation body', sessions: 'Sessions',
        agreement: 'Agreement', agreedAmount: 'Amount agreed', failure: 'Why it failed', acceptedOn: 'Accepted on',
        sensitive: 'Show contact', phone: 'Phone', address: 'Address', none: 'None', back: 'Back to the list'
      },
      arbitration: {
        title: 'You may apply for arbitration',
        limitation: 'The limitation period is one year from when you knew or should have known of the infringement.',
        award: 'An award is due within 45 days of acceptance, extendable by 15 days.'
      },
      history: {
        create: 'Recorded', accept: 'Accepted', assign: 'Assigned', close: 'Settled', withdraw: 'Withdrawn', escalate: 'Escalated (overdue)', supervise: 'Supervised (overdue)',
        wage_arrears: { reply: 'Progress', reject: 'Rejected' },
        mediation: { create: 'Applied', reply: 'Session', approve: 'Agreement', reject: 'Failed' },
        worker: 'the applicant {name}'
      },
      m: {
        title: 'Dispute mediation', intro: "In a dispute with your employer you may ask the union's mediation body for help; progress and outcome show here.",
        apply: 'Apply for mediation', mine: 'My mediation cases', none: 'You have no mediation case', submitted: 'Application sent',
        show: 'Details', hide: 'Hide'
      }
    }
  }
}
