// The shared vocabularies of person particulars (src/domain/vocab.c): the tokens the API takes
// and answers. Their labels are in the locales (vocab.<kind>.<token>), except the 56 ethnic
// groups (GB/T 3304), whose tokens are their Chinese names; their English names are here.

export const ETHNICITIES = [
  ['汉族', 'Han'], ['蒙古族', 'Mongol'], ['回族', 'Hui'], ['藏族', 'Tibetan'], ['维吾尔族', 'Uyghur'], ['苗族', 'Miao'],
  ['彝族', 'Yi'], ['壮族', 'Zhuang'], ['布依族', 'Buyei'], ['朝鲜族', 'Korean'], ['满族', 'Manchu'], ['侗族', 'Dong'],
  ['瑶族', 'Yao'], ['白族', 'Bai'], ['土家族', 'Tujia'], ['哈尼族', 'Hani'], ['哈萨克族', 'Kazakh'], ['傣族', 'Dai'],
  ['黎族', 'Li'], ['傈僳族', 'Lisu'], ['佤族', 'Va'], ['畲族', 'She'], ['高山族', 'Gaoshan'], ['拉祜族', 'Lahu'],
  ['水族', 'Sui'], ['东乡族', 'Dongxiang'], ['纳西族', 'Nakhi'], ['景颇族', 'Jingpo'], ['柯尔克孜族', 'Kyrgyz'],
  ['土族', 'Monguor'], ['达斡尔族', 'Daur'], ['仫佬族', 'Mulao'], ['羌族', 'Qiang'], ['布朗族', 'Blang'], ['撒拉族', 'Salar'],
  ['毛南族', 'Maonan'], ['仡佬族', 'Gelao'], ['锡伯族', 'Xibe'], ['阿昌族', 'Achang'], ['普米族', 'Pumi'], ['塔吉克族', 'Tajik'],
  ['怒族', 'Nu'], ['乌孜别克族', 'Uzbek'], ['俄罗斯族', 'Russian'], ['鄂温克族', 'Evenk'], ['德昂族', 'Deang'], ['保安族', 'Bonan'],
  ['裕固族', 'Yugur'], ['京族', 'Gin'], ['塔塔尔族', 'Tatar'], ['独龙族', 'Derung'], ['鄂伦春族', 'Oroqen'], ['赫哲族', 'Hezhen'],
  ['门巴族', 'Monpa'], ['珞巴族', 'Lhoba'], ['基诺族', 'Jino']
]

export const VOCAB = {
  political: ['cpc_member', 'cpc_probationary', 'cyl_member', 'democratic_party', 'independent', 'masses'],
  education: ['doctorate', 'master', 'bachelor', 'college', 'secondary', 'junior', 'primary'],
  household: ['agricultural', 'non_agricultural'],
  employment: ['full_time', 'part_time', 'dispatched', 'new_form'],
  new_form: ['courier', 'food_delivery', 'ride_hailing', 'truck_driver', 'other'],
  skill: ['none', 'level5', 'level4', 'level3', 'level2', 'level1']
}

// membership statuses; `current` and `all` are list filters
export const STATUSES = ['active', 'retained', 'transferred', 'withdrawn', 'expelled', 'deceased']
// the statuses a cadre may set (a transfer goes through a transfer case)
export const SETTABLE_STATUSES = ['active', 'retained', 'withdrawn', 'expelled', 'deceased']
export const STATUS_NEEDS_REASON = ['withdrawn', 'expelled']

export function ethnicityLabel(token, lang) {
  if (!token) return ''
  if (lang !== 'en') return token
  const e = ETHNICITIES.find((x) => x[0] === token)
  return e ? e[1] : token
}

// The label of `token` of vocabulary `kind` (t and te from useI18n).
export function vocabLabel(t, te, kind, token, lang) {
  if (token === null || token === undefined || token === '') return ''
  if (kind === 'ethnicity') return ethnicityLabel(token, lang)
  const key = `vocab.${kind}.${token}`
  return te(key) ? t(key) : token
}

export function statusTagType(status) {
  return { active: 'success', retained: 'warning', transferred: 'info', withdrawn: 'info', expelled: 'danger', deceased: 'info' }[status] || 'info'
}
