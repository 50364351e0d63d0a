// 月供计算器: both repayment methods, the schedule as a table and as a chart (inline SVG drawn with DOM APIs: no
// chart library on the member page). Public: the calculator needs no sign-in.
import {addStrings} from '../i18n.js';
import {el, svg, fill, money, yuan, percent, alertBox, section, field, problemText, title} from './parts.js';

addStrings({
  zh: {
    'calc.title': '房贷计算器',
    'calc.intro': '公积金贷款月供试算，精确到分。',
    'calc.amount': '贷款金额（万元）',
    'calc.amountHint': '0.1 万至 10000 万元',
    'calc.rate': '年利率（%）',
    'calc.rateHint': '已按现行首套房公积金贷款利率填好，可修改',
    'calc.term': '贷款期限',
    'calc.years': '{n} 年',
    'calc.method': '还款方式',
    'calc.EQUAL_INSTALMENT': '等额本息',
    'calc.EQUAL_INSTALMENT.hint': '每月还款额相同',
    'calc.EQUAL_PRINCIPAL': '等额本金',
    'calc.EQUAL_PRINCIPAL.hint': '每月本金相同，月供逐月递减，总利息更少',
    'calc.submit': '计算',
    'calc.result': '计算结果',
    'calc.monthly': '每月还款',
    'calc.first': '首月还款',
    'calc.last': '末月还款',
    'calc.decrease': '每月约递减',
    'calc.interest': '支付利息',
    'calc.total': '还款总额',
    'calc.chart': '每月还款构成',
    'calc.chartDesc': '共 {n} 期。第 1 期还款 {first} 元，其中本金 {p1} 元、利息 {i1} 元；第 {n} 期还款 {last} 元，其中本金 {pn} 元、利息 {in} 元。',
    'calc.principal': '本金',
    'calc.interestPart': '利息',
    'calc.yearAxis': '第 {n} 年',
    'calc.schedule': '还款计划',
    'calc.scheduleCaption': '还款计划（金额单位：元）',
    'calc.period': '期数',
    'calc.payment': '月供',
    'calc.remaining': '剩余本金',
    'calc.showAll': '显示全部 {n} 期',
    'calc.badAmount': '请输入 0.1 到 10000 之间的贷款金额（万元，最多两位小数）。',
    'calc.badRate': '请输入大于 0、不超过 20 的年利率（%）。',
  },
  en: {
    'calc.title': 'Loan calculator',
    'calc.intro': 'Monthly payments of an HPF loan, exact to the fen.',
    'calc.amount': 'Loan amount (10,000 CNY)',
    'calc.amountHint': '0.1 to 10,000 (× 10,000 CNY)',
    'calc.rate': 'Annual rate (%)',
    'calc.rateHint': 'Filled in with the current first-home HPF rate; you may change it',
    'calc.term': 'Term',
    'calc.years': '{n} years',
    'calc.method': 'Repayment method',
    'calc.EQUAL_INSTALMENT': 'Equal instalments',
    'calc.EQUAL_INSTALMENT.hint': 'The same payment every month',
    'calc.EQUAL_PRINCIPAL': 'Equal principal',
    'calc.EQUAL_PRINCIPAL.hint': 'The same principal every month: payments fall each month, less interest in all',
    'calc.submit': 'Calculate',
    'calc.result': 'Result',
    'calc.monthly': 'Monthly payment',
    'calc.first': 'First month',
    'calc.last': 'Last month',
    'calc.decrease': 'Falls each month by about',
    'calc.interest': 'Total interest',
    'calc.total': 'Total repaid',
    'calc.chart': 'What each payment is made of',
    'calc.chartDesc': '{n} payments. Payment 1: {first} CNY, of which principal {p1} and interest {i1}; payment {n}: {last} CNY, of which principal {pn} and interest {in}.',
    'calc.principal': 'Principal',
    'calc.interestPart': 'Interest',
    'calc.yearAxis': 'Year {n}',
    'calc.schedule': 'Repayment schedule',
    'calc.scheduleCaption': 'Repayment schedule (CNY)',
    'calc.period': 'No.',
    'calc.payment': 'Payment',
    'calc.remaining': 'Principal left',
    'calc.showAll': 'Show all {n} payments',
    'calc.badAmount': 'Enter a loan amount from 0.1 to 10,000 (× 10,000 CNY, at most two decimals).',
    'calc.badRate': 'Enter an annual rate above 0 and at most 20 (%).',
  },
});

const METHODS = ['EQUAL_INSTALMENT', 'EQUAL_PRINCIPAL'];
const FIRST_ROWS = 12;

/** 万元 with at most two decimals → fen, without floating-point surprises; null when not a valid amount. */
export function wanToFen(text) {
  const m = /^\s*(\d{1,5})(?:\.(\d{1,2}))?\s*$/.exec(text);
  if (!m) return null;
  const fen = (Number(m[1]) * 100 + Number((m[2] || '').padEnd(2, '0'))) * 10000;
  return fen >= 100000 && fen <= 10000000000 ? fen : null;
}

/** A percentage ("2.6") → the API's fraction string ("0.026"), at most 6 decimals; null when out of range. */
export function percentToFraction(text) {
  const m = /^\s*(\d{1,2})(?:\.(\d{1,4}))?\s*$/.exec(text);
  if (!m) return null;
  const hundredths = Number(m[1]) * 10000 + Number((m[2] || '').padEnd(4, '0')); // percent × 10⁴
  if (hundredths <= 0 || hundredths > 200000) return null;
  return (hundredths / 1000000).toFixed(6).replace(/0+$/, '').replace(/\.$/, '');
}

export default async function render(root, ctx) {
  const {api, t} = ctx;
  title(t('calc.title'), t);
  const alert = alertBox();
  const amount = el('input', {type: 'text', inputmode: 'decimal', autocomplete: 'off', value: '100', required: true});
  const rate = el('input', {type: 'text', inputmode: 'decimal', autocomplete: 'off', value: '2.6', required: true});
  const term = el('select', {});
  for (let y = 30; y >= 1; y--) term.append(el('option', {value: String(y * 12), text: fill(t('calc.years'), {n: y})}));
  const methods = el('fieldset', {class: 'choices'}, el('legend', {text: t('calc.method')}),
    ...METHODS.map((m, i) => el('div', {class: 'choice'},
      el('input', {type: 'radio', name: 'method', id: 'calc-' + m, value: m, checked: i === 0,
        'aria-describedby': 'calc-' + m + '-hint'}),
      el('label', {for: 'calc-' + m, text: t('calc.' + m)}),
      el('small', {id: 'calc-' + m + '-hint', class: 'hint', text: t('calc.' + m + '.hint')}))));
  const form = el('form', {class: 'card', novalidate: true, 'aria-describedby': 'calc-intro'},
    field('calc-amount', t('calc.amount'), amount, t('calc.amountHint')),
    field('calc-rate', t('calc.rate'), rate, t('calc.rateHint')),
    field('calc-term', t('calc.term'), term),
    methods,
    alert.node,
    el('button', {type: 'submit', class: 'primary', id: 'calc-submit', text: t('calc.submit')}));
  const result = el('div', {id: 'calc-result', 'aria-live': 'polite'});
  root.replaceChildren(el('h1', {text: t('calc.title')}), el('p', {id: 'calc-intro', text: t('calc.intro')}),
    form, result);

  // The rate in force for a first home and the chosen term, until the member types her own.
  let rates = null;
  let rateTyped = false;
  rate.addEventListener('input', () => { rateTyped = true; });
  const applyRate = () => {
    if (!rates || rateTyped) return;
    const months = Number(term.value);
    const r = rates.find(x => x.homeType === 'FIRST_HOME' && x.termFromMonths <= months && months <= x.termToMonths);
    if (r) rate.value = percent(r.annualRate).replace('%', '');
  };
  term.addEventListener('change', applyRate);
  api.get('/v1/calculator/rates').then(r => { rates = r.rates || []; applyRate(); }).catch(() => {});

  form.addEventListener('submit', async e => {
    e.preventDefault();
    alert.clear();
    const principalFen = wanToFen(amount.value);
    const annualRate = percentToFraction(rate.value);
    amount.setAttribute('aria-invalid', String(principalFen === null));
    rate.setAttribute('aria-invalid', String(annualRate === null));
    if (principalFen === null) { alert.show(t('calc.badAmount')); amount.focus(); return; }
    if (annualRate === null) { alert.show(t('calc.badRate')); rate.focus(); return; }
    const method = form.querySelector('input[name=method]:checked').value;
    const q = new URLSearchParams({principalFen: String(principalFen), annualRate, termMonths: term.value, method,
      schedule: 'true'});
    try {
      const plan = await api.get('/v1/calculator/monthly-payment?' + q);
      showResult(result, plan, t);
    } catch (err) {
      alert.show(problemText(err, t));
    }
  });
}

function showResult(result, plan, t) {
  const s = plan.schedule || [];
  const pairs = plan.method === 'EQUAL_PRINCIPAL'
    ? [[t('calc.first'), plan.firstPaymentFen, 'big'], [t('calc.last'), plan.lastPaymentFen],
      ...(s.length > 1 ? [[t('calc.decrease'), s[0].paymentFen - s[1].paymentFen]] : [])]
    : [[t('calc.monthly'), plan.firstPaymentFen, 'big']];
  pairs.push([t('calc.interest'), plan.totalInterestFen], [t('calc.total'), plan.totalPaymentFen]);
  const dl = el('dl', {class: 'facts', id: 'calc-summary'});
  for (const [term, fen, cls] of pairs) {
    dl.append(el('div', {class: cls || null}, el('dt', {text: term}), el('dd', {text: money(fen)})));
  }
  result.replaceChildren(
    section('calc-result-h', t('calc.result') + ' · ' + t('calc.' + plan.method), dl),
    section('calc-chart-h', t('calc.chart'), chart(s, t)),
    scheduleTable(s, t));
}

/** A stacked area chart: principal below, interest above, one point per period; axes in yuan and years. */
function chart(periods, t) {
  const W = 340, H = 210, L = 52, R = 8, T = 10, B = 30;
  const n = periods.length;
  const max = Math.max(...periods.map(p => p.paymentFen));
  const step = niceStep(max / 4);
  const top = Math.ceil(max / step) * step;
  const x = i => L + (n === 1 ? (W - L - R) / 2 : (i * (W - L - R)) / (n - 1));
  const y = fen => T + (H - T - B) * (1 - fen / top);
  const area = (lower, upper) => {
    let d = '';
    periods.forEach((p, i) => { d += (i ? 'L' : 'M') + x(i).toFixed(1) + ' ' + y(upper(p)).toFixed(1); });
    for (let i = n - 1; i >= 0; i--) d += 'L' + x(i).toFixed(1) + ' ' + y(lower(periods[i])).toFixed(1);
    return d + 'Z';
  };
  const idTitle = 'calc-chart-title', idDesc = 'calc-chart-desc';
  const first = periods[0], last = periods[n - 1];
  const g = svg('svg', {viewBox: `0 0 ${W} ${H + 22}`, role: 'img', class: 'chart', id: 'calc-chart',
    'aria-labelledby': idTitle + ' ' + idDesc},
  svg('title', {id: idTitle, text: t('calc.chart')}),
  svg('desc', {id: idDesc, text: fill(t('calc.chartDesc'), {n, first: yuan(first.paymentFen),
    p1: yuan(first.principalFen), i1: yuan(first.interestFen), last: yuan(last.paymentFen),
    pn: yuan(last.principalFen), in: yuan(last.interestFen)})}));
  // Grid and y labels (whole yuan).
  for (let v = 0; v <= top; v += step) {
    g.append(svg('line', {x1: L, x2: W - R, y1: y(v), y2: y(v), stroke: '#d0d4da', 'stroke-width': 1}),
      svg('text', {x: L - 4, y: y(v) + 4, 'text-anchor': 'end', 'font-size': 10, fill: '#333',
        text: Math.round(v / 100).toLocaleString('en-US')}));
  }
  g.append(svg('path', {d: area(() => 0, p => p.principalFen), fill: '#2b6cb0', class: 'calc-principal'}),
    svg('path', {d: area(p => p.principalFen, p => p.paymentFen), fill: '#c05621', class: 'calc-interest'}));
  // x labels: years.
  const years = Math.ceil(n / 12);
  const every = years <= 5 ? 1 : years <= 15 ? 5 : 10;
  for (let yr = every; yr <= years; yr += every) {
    const i = Math.min(n - 1, yr * 12 - 1);
    const anchor = x(i) > W - R - 24 ? 'end' : 'middle';
    g.append(svg('text', {x: anchor === 'end' ? W - R : x(i), y: H - B + 14, 'text-anchor': anchor, 'font-size': 10,
      fill: '#333',
      text: fill(t('calc.yearAxis'), {n: yr})}));
  }
  g.append(svg('line', {x1: L, x2: W - R, y1: y(0), y2: y(0), stroke: '#333', 'stroke-width': 1}));
  // Legend.
  const ly = H + 12;
  g.append(svg('rect', {x: L, y: ly - 9, width: 10, height: 10, fill: '#2b6cb0'}),
    svg('text', {x: L + 14, y: ly, 'font-size': 11, fill: '#222', text: t('calc.principal')}),
    svg('rect', {x: L + 90, y: ly - 9, width: 10, height: 10, fill: '#c05621'}),
    svg('text', {x: L + 104, y: ly, 'font-size': 11, fill: '#222', text: t('calc.interestPart')}));
  return g;
}

/** 1, 2 or 5 × a power of ten, at least {@code raw}: tick steps a person reads at a glance. */
function niceStep(raw) {
  const pow = Math.pow(10, Math.floor(Math.log10(Math.max(raw, 1))));
  for (const m of [1, 2, 5, 10]) if (m * pow >= raw) return m * pow;
  return 10 * pow;
}

function scheduleTable(periods, t) {
  const body = el('tbody', {});
  const row = p => el('tr', {}, el('th', {scope: 'row', text: String(p.period)}), el('td', {text: yuan(p.paymentFen)}),
    el('td', {text: yuan(p.principalFen)}), el('td', {text: yuan(p.interestFen)}),
    el('td', {text: yuan(p.remainingPrincipalFen)}));
  periods.slice(0, FIRST_ROWS).forEach(p => body.append(row(p)));
  const table = el('table', {class: 'schedule', id: 'calc-schedule'},
    el('caption', {text: t('calc.scheduleCaption')}),
    el('thead', {}, el('tr', {}, ...['calc.period', 'calc.payment', 'calc.principal', 'calc.interestPart',
      'calc.remaining'].map(k => el('th', {scope: 'col', text: t(k)})))),
    body);
  const parts = [table];
  if (periods.length > FIRST_ROWS) {
    const more = el('button', {type: 'button', class: 'link', id: 'calc-show-all',
      text: fill(t('calc.showAll'), {n: periods.length})});
    more.addEventListener('click', () => {
      periods.slice(FIRST_ROWS).forEach(p => body.append(row(p)));
      more.remove();
    });
    parts.push(more);
  }
  // The table is secondary in elder mode: the summary and the chart say what matters.
  return el('section', {'aria-labelledby': 'calc-schedule-h', class: 'secondary'},
    el('h2', {id: 'calc-schedule-h', text: t('calc.schedule')}), ...parts);
}
