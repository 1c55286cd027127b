import { useI18n } from 'vue-i18n'
import { ElMessage, ElMessageBox } from 'element-plus'
import { api } from '../api.js'
import { errorText } from '../utils/listQuery.js'

// Taking an action on a case (POST /api/cases/{id}/actions): asks for confirmation, or for the
// reason where the action needs one (reject), and says what happened. Resolves to the case as the
// server answers it, or null when the user cancelled or the server refused (the message says why).
export function useCaseActions() {
  const { t } = useI18n()

  async function act(k, action, { subject = '' } = {}) {
    let reason
    try {
      if (action === 'reject') {
        const r = await ElMessageBox.prompt(t('cases.reasonPrompt'), t('cases.rejectTitle'), {
          confirmButtonText: t('cases.action.reject'),
          cancelButtonText: t('common.cancel'),
          inputType: 'textarea',
          inputPlaceholder: t('cases.reasonPlaceholder'),
          inputValidator: (v) => (v && v.trim() ? true : t('cases.reasonRequired')),
          customClass: 'case-reason-box'
        })
        reason = r.value.trim()
      } else {
        await ElMessageBox.confirm(t(`cases.confirm.${k.type}.${action}`, { name: subject || t(`cases.someone`) }), t('common.confirm'), {
          type: action === 'withdraw' ? 'warning' : 'info',
          confirmButtonText: t(k.type === 'transfer' && action === 'approve' ? 'cases.action.receive' : `cases.action.${action}`),
          cancelButtonText: t('common.cancel'),
          customClass: 'case-confirm-box'
        })
      }
    } catch (e) {
      return null
    }
    try {
      const out = await api.caseAction(k.id, action, reason)
      ElMessage.success(t(`cases.done.${k.type}.${action}`))
      return out
    } catch (e) {
      ElMessage.error(errorText(e, t))
      return null
    }
  }

  return { act }
}
