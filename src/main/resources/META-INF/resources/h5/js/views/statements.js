// Deposits, interest and withdrawals, newest first; older pages load as she scrolls (keyset cursor of the API),
// or with the button for those who do not scroll.
import {addStrings, money, dateTime} from '../i18n.js';
import {el} from '../dom.js';
import {ProblemError} from '../api.js';

addStrings({
  zh: {
    'statements.title': '缴存提取明细',
    'statements.more': '加载更多',
    'statements.loading': '正在加载…',
    'statements.end': '没有更早的记录了',
    'statements.empty': '暂无记录',
    'statements.after': '余额 {amount}',
    'statements.type.DEPOSIT': '汇缴',
    'statements.type.SUPPLEMENTARY_DEPOSIT': '补缴',
    'statements.type.INTEREST': '结息',
    'statements.type.WITHDRAWAL': '提取',
    'statements.type.TRANSFER_IN': '转入',
    'statements.type.TRANSFER_OUT': '转出',
    'statements.type.LOAN_AUTO_TRANSFER': '按月还贷',
    'statements.type.RETURNED': '银行退回',
  },
  en: {
    'statements.title': 'Statements',
    'statements.more': 'Load more',
    'statements.loading': 'Loading…',
    'statements.end': 'No older entries',
    'statements.empty': 'No entries yet',
    'statements.after': 'Balance {amount}',
    'statements.type.DEPOSIT': 'Monthly deposit',
    'statements.type.SUPPLEMENTARY_DEPOSIT': 'Supplementary deposit',
    'statements.type.INTEREST': 'Interest',
    'statements.type.WITHDRAWAL': 'Withdrawal',
    'statements.type.TRANSFER_IN': 'Transfer in',
    'statements.type.TRANSFER_OUT': 'Transfer out',
    'statements.type.LOAN_AUTO_TRANSFER': 'Loan instalment',
    'statements.type.RETURNED': 'Returned by the bank',
  },
});

const PAGE = 20;

export default async function render(root, ctx) {
  const {t, api} = ctx;
  const list = el('ul', {class: 'entries', id: 'entries'});
  const status = el('p', {class: 'note', role: 'status', id: 'statements-status'});
  const more = el('button', {type: 'button', id: 'statements-more', hidden: true}, t('statements.more'));
  const sentinel = el('div', {class: 'sentinel', 'aria-hidden': 'true'});
  root.replaceChildren(el('h1', {}, t('statements.title')), list, sentinel, status, more);

  let cursor = null;
  let done = false;
  let loading = false;

  async function load() {
    if (loading || done) {
      return;
    }
    loading = true;
    more.hidden = true;
    status.textContent = t('statements.loading');
    try {
      const page = await api.get('/v1/me/statements?limit=' + PAGE + (cursor ? '&cursor=' + encodeURIComponent(cursor) : ''));
      for (const entry of page.items) {
        list.append(item(entry, t));
      }
      cursor = page.nextCursor;
      done = !cursor;
      status.textContent = done ? t(list.childElementCount ? 'statements.end' : 'statements.empty') : '';
      more.hidden = done;
    } catch (e) {
      status.textContent = e instanceof ProblemError ? e.detail : t('api.unexpected');
      more.hidden = false;
    } finally {
      loading = false;
    }
  }

  more.addEventListener('click', load);
  const observer = new IntersectionObserver(entries => {
    if (entries.some(e => e.isIntersecting)) {
      load();
    }
  }, {rootMargin: '200px'});
  await load();
  observer.observe(sentinel);
  return () => observer.disconnect();
}

function item(entry, t) {
  const out = entry.amountFen < 0;
  return el('li', {class: 'entry', 'data-id': String(entry.id)},
    el('span', {class: 'kind'}, t('statements.type.' + entry.type)),
    el('span', {class: 'amount ' + (out ? 'out' : 'in')}, (out ? '' : '+') + money(entry.amountFen)),
    el('span', {class: 'when'}, dateTime(entry.occurredAt)),
    el('span', {class: 'after secondary'}, t('statements.after', {amount: money(entry.balanceAfterFen)})));
}
