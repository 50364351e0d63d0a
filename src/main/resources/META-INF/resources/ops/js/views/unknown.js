// Payouts whose bank outcome is unknown: the oldest first, each with "ask the bank again" (confirmed first).
import {addStrings, dateTime, duration, money} from '../i18n.js';
import {el} from '../dom.js';
import {confirmAction} from '../confirm.js';

addStrings({
  zh: {
    'unknown.title': '结果未知的出款', 'unknown.caption': '银行尚未给出结果的出款，最久的在前',
    'unknown.refresh': '刷新', 'unknown.empty': '没有结果未知的出款。', 'unknown.total': '共 {n} 笔（结果未知超过 {after} 的出款）',
    'unknown.unavailable': '此功能暂不可用：服务器还没有提供结果未知出款的查询。',
    'unknown.withdrawal': '提取编号', 'unknown.amount': '金额', 'unknown.category': '类别', 'unknown.channel': '渠道',
    'unknown.acceptedAt': '受理时间', 'unknown.unknownFor': '未知已持续', 'unknown.attempts': '发送次数',
    'unknown.lastAnswer': '银行上次答复', 'unknown.action': '操作', 'unknown.ask': '再次询问银行',
    'unknown.askLabel': '就提取 {id} 再次询问银行',
    'unknown.confirmTitle': '再次询问银行？', 'unknown.confirmText': '向银行查询提取 {id}（{amount}）的出款结果。查询不会重复出款。',
    'unknown.answer': '提取 {id}：银行答复 {answer}，状态 {status}', 'unknown.error': '查询未完成：{detail}',
  },
  en: {
    'unknown.title': 'Payouts with an unknown outcome', 'unknown.caption': 'Payouts the bank has not answered, oldest first',
    'unknown.refresh': 'Refresh', 'unknown.empty': 'No payout has an unknown outcome.', 'unknown.total': '{n} in all (outcome unknown for over {after})',
    'unknown.unavailable': 'Not available: the server does not offer the unknown-outcome queue yet.',
    'unknown.withdrawal': 'Withdrawal', 'unknown.amount': 'Amount', 'unknown.category': 'Category',
    'unknown.channel': 'Channel', 'unknown.acceptedAt': 'Accepted', 'unknown.unknownFor': 'Unknown for',
    'unknown.attempts': 'Attempts', 'unknown.lastAnswer': 'Last bank answer', 'unknown.action': 'Action',
    'unknown.ask': 'Ask the bank again', 'unknown.askLabel': 'Ask the bank again about withdrawal {id}',
    'unknown.confirmTitle': 'Ask the bank again?',
    'unknown.confirmText': 'Asks the bank what became of withdrawal {id} ({amount}). Asking never pays twice.',
    'unknown.answer': 'Withdrawal {id}: the bank answered {answer}, status {status}',
    'unknown.error': 'Not done: {detail}',
  },
});

const REFRESH_MS = 15_000;

export default function unknownQueue(ctx) {
  const {api, t} = ctx;
  const body = el('tbody');
  const total = el('p', {class: 'sub', id: 'unknown-total'});
  const message = el('p', {class: 'note', role: 'status', id: 'unknown-message'});
  const headers = ['withdrawal', 'amount', 'category', 'channel', 'acceptedAt', 'unknownFor', 'attempts', 'lastAnswer',
    'action'].map((k) => el('th', {scope: 'col', text: t(`unknown.${k}`)}));
  const table = el('table', {id: 'unknown-table'}, el('caption', {class: 'visually-hidden', text: t('unknown.caption')}),
    el('thead', {}, el('tr', {}, headers)), body);
  const refreshButton = el('button', {type: 'button', class: 'ghost', text: t('unknown.refresh')});
  const node = el('section', {class: 'work-panel', id: 'unknown', 'aria-labelledby': 'unknown-title'},
    el('div', {class: 'panel-head'}, el('h2', {id: 'unknown-title', text: t('unknown.title')}), refreshButton),
    total, el('div', {class: 'table-scroll'}, table), message);

  async function ask(item, button) {
    const answer = await confirmAction({title: t('unknown.confirmTitle'),
      text: t('unknown.confirmText', {id: item.withdrawalId, amount: money(item.amountFen)}), action: t('unknown.ask')});
    button.focus();
    if (!answer.ok) {
      return;
    }
    button.disabled = true;
    try {
      const result = await api.post(`/v1/ops/payouts/${encodeURIComponent(item.withdrawalId)}/ask-bank`, {});
      message.textContent = t('unknown.answer', {id: item.withdrawalId, answer: result.bankAnswer ?? '—',
        status: result.status ?? '—'});
      load();
    } catch (e) {
      button.disabled = false;
      message.textContent = t('unknown.error', {detail: e.detail || e.message});
    }
  }

  async function load() {
    try {
      const page = await api.get('/v1/ops/payouts/unknown?limit=50');
      node.classList.remove('unavailable');
      table.hidden = false;
      total.textContent = page.items.length ? t('unknown.total', {n: page.total,
        after: duration(page.unknownAfterSeconds)}) : t('unknown.empty');
      body.replaceChildren(...page.items.map((item) => {
        const button = el('button', {type: 'button', class: 'small',
          'aria-label': t('unknown.askLabel', {id: item.withdrawalId}), text: t('unknown.ask')});
        button.addEventListener('click', () => ask(item, button));
        return el('tr', {'data-withdrawal': item.withdrawalId},
          el('td', {class: 'mono', text: item.withdrawalId}), el('td', {class: 'num', text: money(item.amountFen)}),
          el('td', {text: item.category ?? '—'}), el('td', {text: item.channel ?? '—'}),
          el('td', {text: dateTime(item.acceptedAt)}), el('td', {class: 'num', text: duration(item.unknownForSeconds)}),
          el('td', {class: 'num', text: item.attempts ?? '—'}), el('td', {text: item.lastBankAnswer ?? '—'}),
          el('td', {}, button));
      }));
    } catch (e) {
      if (e.status === 404) {
        node.classList.add('unavailable');
        table.hidden = true;
        total.textContent = t('unknown.unavailable');
      } else {
        total.textContent = t('unknown.error', {detail: e.detail || e.message});
      }
    }
  }

  refreshButton.addEventListener('click', load);
  load();
  const timer = setInterval(load, REFRESH_MS);
  return {node, cleanup: () => clearInterval(timer)};
}
