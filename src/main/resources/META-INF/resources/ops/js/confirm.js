// Every operator action is confirmed in a modal dialog before it is sent.
import {addStrings, t} from './i18n.js';

addStrings({
  zh: {'confirm.cancel': '取消', 'confirm.reason': '原因（可选，会记入审计）'},
  en: {'confirm.cancel': 'Cancel', 'confirm.reason': 'Reason (optional, kept in the audit)'},
});

/**
 * Asks before an action: resolves {ok, reason}. withReason shows a reason box (kept in the audit by the API).
 */
export function confirmAction({title, text, action, withReason = false}) {
  const dialog = document.getElementById('confirm');
  document.getElementById('confirm-title').textContent = title;
  document.getElementById('confirm-text').textContent = text;
  document.getElementById('confirm-reason-row').hidden = !withReason;
  document.getElementById('confirm-reason-label').textContent = t('confirm.reason');
  const reason = document.getElementById('confirm-reason');
  reason.value = '';
  document.getElementById('confirm-cancel').textContent = t('confirm.cancel');
  document.getElementById('confirm-ok').textContent = action;
  return new Promise((resolve) => {
    dialog.addEventListener('close', () => {
      const ok = dialog.returnValue === 'ok';
      resolve({ok, reason: ok && withReason && reason.value.trim() ? reason.value.trim() : null});
    }, {once: true});
    dialog.returnValue = '';
    dialog.showModal();
    (withReason ? reason : document.getElementById('confirm-cancel')).focus();
  });
}
