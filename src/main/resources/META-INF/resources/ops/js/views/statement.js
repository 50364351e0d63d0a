// Reconciliation against the bank's daily statement file: the last check of a day, or a new one (confirmed),
// with each mismatch next to the withdrawal it concerns.
import {addStrings, dateTime, money, number, todayInShanghai} from '../i18n.js';
import {el} from '../dom.js';
import {confirmAction} from '../confirm.js';

addStrings({
  zh: {
    'statement.title': '银行对账单核对', 'statement.date': '日期', 'statement.show': '查看结果',
    'statement.run': '立即核对', 'statement.busy': '读取中…',
    'statement.confirmTitle': '立即核对 {date} 的银行对账单？',
    'statement.confirmText': '读取银行当日的对账单文件，与中心的出款逐笔核对，并记录结果。',
    'statement.unavailable': '此功能暂不可用：服务器还没有提供银行对账单核对。',
    'statement.clean': '✓ 账实相符', 'statement.dirty': '✗ {n} 处不符', 'statement.checkedAt': '核对于 {at}',
    'statement.bank': '银行对账单：{lines} 笔，{total}', 'statement.centre': '中心出款：{count} 笔，{total}',
    'statement.caption': '不符的出款', 'statement.kind': '类型', 'statement.withdrawal': '提取编号',
    'statement.centreAmount': '中心金额', 'statement.bankAmount': '银行金额', 'statement.centreStatus': '中心状态',
    'statement.bankStatus': '银行状态', 'statement.error': '核对未完成：{detail}',
  },
  en: {
    'statement.title': 'Bank statement reconciliation', 'statement.date': 'Date', 'statement.show': 'Show result',
    'statement.run': 'Check now', 'statement.busy': 'Reading…',
    'statement.confirmTitle': 'Check the bank statement of {date} now?',
    'statement.confirmText': "Reads the bank's statement file of that day, matches it payment by payment against "
      + "the centre's payouts and records the result.",
    'statement.unavailable': 'Not available: the server does not offer bank statement reconciliation yet.',
    'statement.clean': '✓ Books and bank agree', 'statement.dirty': '✗ {n} mismatches',
    'statement.checkedAt': 'checked {at}', 'statement.bank': 'Bank statement: {lines} lines, {total}',
    'statement.centre': 'Centre payouts: {count}, {total}', 'statement.caption': 'Mismatched payments',
    'statement.kind': 'Kind', 'statement.withdrawal': 'Withdrawal', 'statement.centreAmount': 'Centre amount',
    'statement.bankAmount': 'Bank amount', 'statement.centreStatus': 'Centre status',
    'statement.bankStatus': 'Bank status', 'statement.error': 'Not done: {detail}',
  },
});

export default function statement(ctx) {
  const {api, t} = ctx;
  const date = el('input', {type: 'date', id: 'statement-date', value: todayInShanghai(), required: true});
  const show = el('button', {type: 'submit', class: 'ghost', id: 'statement-show', text: t('statement.show')});
  const run = el('button', {type: 'button', id: 'statement-run', text: t('statement.run')});
  const result = el('div', {id: 'statement-result', 'aria-live': 'polite'});
  const form = el('form', {class: 'statement-form'},
    el('div', {class: 'field inline'}, el('label', {for: 'statement-date', text: t('statement.date')}), date), show, run);
  const node = el('section', {class: 'work-panel', id: 'statement', 'aria-labelledby': 'statement-title'},
    el('h2', {id: 'statement-title', text: t('statement.title')}), form, result);

  function showReport(report) {
    const verdict = el('p', {class: report.clean ? 'verdict ok' : 'verdict bad', id: 'statement-verdict',
      text: report.clean ? t('statement.clean')
        : t('statement.dirty', {n: number(report.mismatchCount ?? report.mismatches.length)})});
    const facts = el('p', {class: 'sub'}, [t('statement.checkedAt', {at: dateTime(report.checkedAt)}),
      report.statement ? t('statement.bank', {lines: number(report.statement.lines),
        total: money(report.statement.totalFen)}) : null,
      report.centre ? t('statement.centre', {count: number(report.centre.count), total: money(report.centre.totalFen)})
        : null].filter(Boolean).join(' · '));
    const parts = [verdict, facts];
    if (report.mismatches.length) {
      const cols = ['kind', 'withdrawal', 'centreAmount', 'bankAmount', 'centreStatus', 'bankStatus'];
      parts.push(el('div', {class: 'table-scroll'}, el('table', {id: 'statement-mismatches'},
        el('caption', {class: 'visually-hidden', text: t('statement.caption')}),
        el('thead', {}, el('tr', {}, cols.map((c) => el('th', {scope: 'col', text: t(`statement.${c}`)})))),
        el('tbody', {}, report.mismatches.map((m) => el('tr', {'data-withdrawal': m.withdrawalId ?? ''},
          el('td', {text: m.kind}), el('td', {class: 'mono', text: m.withdrawalId ?? '—'}),
          el('td', {class: 'num', text: money(m.centreAmountFen)}), el('td', {class: 'num', text: money(m.bankAmountFen)}),
          el('td', {text: m.centreStatus ?? '—'}), el('td', {text: m.bankStatus ?? '—'})))))));
    }
    result.replaceChildren(...parts);
  }

  async function call(method) {
    const day = date.value || todayInShanghai();
    result.replaceChildren(el('p', {class: 'sub', text: t('statement.busy')}));
    try {
      const path = `/v1/ops/reconciliation/bank-statement?date=${encodeURIComponent(day)}`;
      showReport(method === 'POST' ? await api.post(path, {}) : await api.get(path));
    } catch (e) {
      // No statement for that day yet is a plain answer; a 404 without that code means the route is missing.
      const none = e.code === 'BANK_STATEMENT_NOT_AVAILABLE';
      const unavailable = e.status === 404 && !none;
      result.replaceChildren(el('p', {class: none || unavailable ? 'note' : 'error', role: 'alert',
        text: unavailable ? t('statement.unavailable') : none ? e.detail || e.message
          : t('statement.error', {detail: e.detail || e.message})}));
    }
  }

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    call('GET');
  });
  run.addEventListener('click', async () => {
    const answer = await confirmAction({title: t('statement.confirmTitle', {date: date.value}),
      text: t('statement.confirmText'), action: t('statement.run')});
    run.focus();
    if (answer.ok) {
      call('POST');
    }
  });
  call('GET');
  return {node, cleanup() {}};
}
