// The console: the cluster switches and today's figures at the top, the live charts, then the operator's work
// (the unknown-outcome queue and the bank statement). Figures come from the live feed (every couple of seconds)
// and from the per-minute and daily statistics (re-read every few seconds); every one is read from PostgreSQL, so
// any replica shows the same.
import {addStrings, clock, dateTime, duration, money, moneyShort, number, percent, todayInShanghai}
  from '../i18n.js';
import {el} from '../dom.js';
import {afterFirstPaint, barsOption, budgetOption, channelOption, COLORS, latencyOption, loadECharts,
  perMinuteOption} from '../charts.js';
import switches from './switches.js';
import unknownQueue from './unknown.js';
import statement from './statement.js';

addStrings({
  zh: {
    'console.today': '今日概况', 'console.charts': '实时图表',
    'kpi.count': '今日提取', 'kpi.countSub': '金额 {amount}', 'kpi.waiting': '等待出款', 'kpi.waitingSub': '已受理未到账',
    'kpi.reconciliation': '对账', 'kpi.clean': '账实相符', 'kpi.dirty': '{n} 处不符', 'kpi.never': '今日未对账',
    'kpi.checkedAt': '检查于 {at}', 'kpi.books': '账务', 'kpi.statement': '银行对账单',
    'chart.perMinute': '每分钟提取笔数', 'chart.perMinuteFig': '本分钟 {n} 笔', 'chart.perMinuteSub': '今日高峰 {peak}',
    'chart.admitted': '受理', 'chart.paid': '到账',
    'chart.budget': '已付金额 / 当日预算', 'chart.budgetSub': '已付 {paid}，已占用 {used}，预算 {budget}',
    'chart.budgetRow': '今日', 'chart.used': '已占用（含在途）',
    'chart.latency': '出款耗时（受理到到账）', 'chart.latencyFig': 'p95 {s}', 'chart.latencySub': '今日 p50 {p50} · p99 {p99}',
    'chart.seconds': '秒',
    'chart.channels': '各渠道占比', 'chart.channelsFig': '线上 {share}', 'chart.channelsSub': '线上（App、小程序、合作方）占全部提取',
    'chart.refusals': '拒绝原因', 'chart.refusalsFig': '{n} 次', 'chart.refusalsSub': '今日被拒绝的提取申请',
    'chart.partners': '合作方通知失败', 'chart.partnersFig': '{n} 条', 'chart.partnersSub': '已放弃 + 重试中',
    'chart.failed': '已放弃', 'chart.retrying': '重试中',
    'chart.empty': '暂无数据', 'chart.loading': '图表加载中…', 'chart.unavailable': '图表无法加载',
    'chart.aria': '{title}：{summary}',
    'live.on': '● 实时', 'live.reconnecting': '重新连接中…',
    'channel.APP': 'App', 'channel.MINI_PROGRAM': '小程序', 'channel.PARTNER': '合作方', 'channel.COUNTER': '柜台',
    'channel.SYSTEM': '系统',
    'refusal.DAILY_BUDGET_EXHAUSTED': '当日预算用完', 'refusal.ADMISSIONS_PAUSED': '受理已暂停',
    'refusal.INSUFFICIENT_BALANCE': '余额不足', 'refusal.CATEGORY_CAP_EXCEEDED': '超过类别额度',
    'refusal.OTHER_WITHDRAWAL_IN_FLIGHT': '另有提取在途', 'refusal.INVALID_PARAMETER': '请求参数有误',
    'refusal.FACE_VERIFICATION_REQUIRED': '需要人脸核验', 'refusal.FACE_VERIFICATION_USED': '人脸核验已使用',
    'refusal.ADMISSION_UNAVAILABLE': '暂时无法受理', 'refusal.ACCOUNT_NOT_ACTIVE': '账户非正常状态',
    'refusal.NOT_ELIGIBLE': '不符合提取条件', 'refusal.IDEMPOTENCY_KEY_IN_FLIGHT': '重复提交处理中',
    'error.figures': '统计数据读取失败：{detail}',
  },
  en: {
    'console.today': 'Today', 'console.charts': 'Live charts',
    'kpi.count': 'Withdrawals today', 'kpi.countSub': 'amount {amount}', 'kpi.waiting': 'Waiting for payout',
    'kpi.waitingSub': 'admitted, not paid yet', 'kpi.reconciliation': 'Reconciliation', 'kpi.clean': 'Books clean',
    'kpi.dirty': '{n} mismatches', 'kpi.never': 'Not checked today', 'kpi.checkedAt': 'checked {at}',
    'kpi.books': 'books', 'kpi.statement': 'bank statement',
    'chart.perMinute': 'Withdrawals per minute', 'chart.perMinuteFig': '{n} this minute',
    'chart.perMinuteSub': 'peak today {peak}', 'chart.admitted': 'Admitted', 'chart.paid': 'Paid',
    'chart.budget': 'Paid against the daily budget', 'chart.budgetSub': 'paid {paid}, committed {used}, budget {budget}',
    'chart.budgetRow': 'Today', 'chart.used': 'Committed (incl. in flight)',
    'chart.latency': 'Payout latency (admitted to paid)', 'chart.latencyFig': 'p95 {s}',
    'chart.latencySub': 'today p50 {p50} · p99 {p99}', 'chart.seconds': 's',
    'chart.channels': 'Share by channel', 'chart.channelsFig': 'online {share}',
    'chart.channelsSub': 'online (app, mini-program, partners) of all withdrawals',
    'chart.refusals': 'Refusals by reason', 'chart.refusalsFig': '{n}', 'chart.refusalsSub': 'withdrawal requests refused today',
    'chart.partners': 'Partner delivery failures', 'chart.partnersFig': '{n}', 'chart.partnersSub': 'given up + retrying',
    'chart.failed': 'Given up', 'chart.retrying': 'Retrying',
    'chart.empty': 'No data yet', 'chart.loading': 'Loading chart…', 'chart.unavailable': 'The chart could not be loaded',
    'chart.aria': '{title}: {summary}',
    'live.on': '● Live', 'live.reconnecting': 'Reconnecting…',
    'channel.APP': 'App', 'channel.MINI_PROGRAM': 'Mini-program', 'channel.PARTNER': 'Partners',
    'channel.COUNTER': 'Counter', 'channel.SYSTEM': 'System',
    'refusal.DAILY_BUDGET_EXHAUSTED': 'Daily budget used up', 'refusal.ADMISSIONS_PAUSED': 'Admissions paused',
    'refusal.INSUFFICIENT_BALANCE': 'Balance too low', 'refusal.CATEGORY_CAP_EXCEEDED': 'Category cap exceeded',
    'refusal.OTHER_WITHDRAWAL_IN_FLIGHT': 'Another withdrawal in flight', 'refusal.INVALID_PARAMETER': 'Invalid request',
    'refusal.FACE_VERIFICATION_REQUIRED': 'Face check required', 'refusal.FACE_VERIFICATION_USED': 'Face check used',
    'refusal.ADMISSION_UNAVAILABLE': 'Admission unavailable', 'refusal.ACCOUNT_NOT_ACTIVE': 'Account not active',
    'refusal.NOT_ELIGIBLE': 'Not eligible', 'refusal.IDEMPOTENCY_KEY_IN_FLIGHT': 'Duplicate in progress',
    'error.figures': 'The figures could not be read: {detail}',
  },
});

const MINUTES = 30;
const SLOW_EVERY_MS = 10_000;

/** One chart panel: a heading, a big figure and a line under it, the chart, and an empty state. */
function panel(id, t, titleKey, wide = false) {
  const figure = el('p', {class: 'figure', id: `${id}-figure`});
  const sub = el('p', {class: 'sub', id: `${id}-sub`});
  const chart = el('div', {class: 'chart', id: `chart-${id}`, role: 'img', 'aria-label': t(titleKey)});
  const empty = el('p', {class: 'empty', text: t('chart.empty'), hidden: true});
  const node = el('section', {class: wide ? 'panel wide' : 'panel', 'aria-labelledby': `${id}-title`},
    el('h3', {id: `${id}-title`, text: t(titleKey)}), figure, sub, el('div', {class: 'chart-box'}, chart, empty));
  return {node, figure, sub, chart, empty, title: t(titleKey), instance: null};
}

function kpi(id, label) {
  const value = el('p', {class: 'kpi-value', id: `${id}-value`, text: '—'});
  const sub = el('p', {class: 'sub', id: `${id}-sub`});
  const node = el('section', {class: 'kpi', id, 'aria-labelledby': `${id}-label`},
    el('h3', {id: `${id}-label`, text: label}), value, sub);
  return {node, value, sub};
}

export default async function render(root, ctx) {
  const {api, t} = ctx;
  const stop = new AbortController();
  const timers = [];
  const state = {live: null, series: null, daily: null};
  const channelName = (key) => t(`channel.${key}`) === `channel.${key}` ? key : t(`channel.${key}`);
  const refusalName = (code) => t(`refusal.${code}`) === `refusal.${code}` ? code : t(`refusal.${code}`);

  const status = el('p', {class: 'error', role: 'alert', id: 'figures-error'});
  const switchPanel = switches(ctx);
  const count = kpi('kpi-count', t('kpi.count'));
  const waiting = kpi('kpi-waiting', t('kpi.waiting'));
  const reconciliation = kpi('kpi-reconciliation', t('kpi.reconciliation'));
  const perMinute = panel('per-minute', t, 'chart.perMinute', true);
  const latency = panel('latency', t, 'chart.latency', true);
  const budget = panel('budget', t, 'chart.budget');
  const channels = panel('channels', t, 'chart.channels');
  const refusals = panel('refusals', t, 'chart.refusals');
  const partners = panel('partners', t, 'chart.partners');
  const panels = [perMinute, latency, budget, channels, refusals, partners];
  const queue = unknownQueue(ctx);
  const bank = statement(ctx);

  root.replaceChildren(el('div', {class: 'console'},
    el('section', {class: 'top-row', 'aria-labelledby': 'today-title'},
      el('h2', {id: 'today-title', class: 'visually-hidden', text: t('console.today')}),
      switchPanel.node, count.node, waiting.node, reconciliation.node),
    status,
    el('section', {class: 'charts', 'aria-labelledby': 'charts-title'},
      el('h2', {id: 'charts-title', class: 'visually-hidden', text: t('console.charts')}),
      panels.map((p) => p.node)),
    el('div', {class: 'work'}, queue.node, bank.node)));

  const liveBadge = document.getElementById('live');
  liveBadge.hidden = false;
  liveBadge.textContent = t('live.reconnecting');
  liveBadge.className = 'live';

  // The per-minute series with the live feed's current minute folded in, so the bars move every event.
  function minutes() {
    const points = state.series ? state.series.minutes.map((m) => ({...m})) : [];
    const live = state.live;
    if (live && points.length) {
      const last = points[points.length - 1];
      if (live.minute === last.minute) {
        last.count = Math.max(last.count, live.minuteCount);
        last.paidCount = Math.max(last.paidCount, live.minutePaidCount);
      } else if (live.minute > last.minute) {
        points.push({minute: live.minute, count: live.minuteCount, amountFen: live.minuteAmountFen,
          paidCount: live.minutePaidCount, latencyP50: null, latencyP95: null, latencyP99: null});
        points.shift();
      }
    }
    return points.map((p) => ({...p, label: clock(p.minute)}));
  }

  function draw(p, option, hasData, summary) {
    p.chart.setAttribute('aria-label', t('chart.aria', {title: p.title, summary}));
    if (p.instance) {
      p.empty.hidden = hasData;
      p.instance.setOption(option, {lazyUpdate: true});
    }
  }

  function renderFigures() {
    const live = state.live;
    const series = state.series;
    const daily = state.daily;
    if (live) {
      count.value.textContent = number(live.todayCount);
      count.sub.textContent = t('kpi.countSub', {amount: money(live.todayAmountFen)});
      waiting.value.textContent = number(live.waitingPayouts);
      waiting.sub.textContent = t('kpi.waitingSub');
      switchPanel.live(live);
    }
    const points = minutes();
    if (points.length) {
      const current = points[points.length - 1];
      const total = points.reduce((sum, p) => sum + p.count, 0);
      perMinute.figure.textContent = t('chart.perMinuteFig', {n: number(current.count)});
      perMinute.sub.textContent = t('chart.perMinuteSub', {peak: daily && daily.peakMinute
        ? `${clock(daily.peakMinute.at)} · ${number(daily.peakMinute.count)}` : '—'});
      perMinute.chart.dataset.total = String(total);
      perMinute.chart.dataset.current = String(current.count);
      draw(perMinute, perMinuteOption(points, {admitted: t('chart.admitted'), paid: t('chart.paid')}), true,
        `${perMinute.figure.textContent}; ${MINUTES} min ${number(total)}`);
      const secs = (ms) => (ms === null || ms === undefined ? '—' : `${(ms / 1000).toFixed(1)} ${t('chart.seconds')}`);
      const lat = daily ? daily.payoutLatencyMs : null;
      latency.figure.textContent = t('chart.latencyFig', {s: secs(lat && lat.p95)});
      latency.sub.textContent = t('chart.latencySub', {p50: secs(lat && lat.p50), p99: secs(lat && lat.p99)});
      draw(latency, latencyOption(points, {unit: t('chart.seconds')}), points.some((p) => p.latencyP50 !== null),
        `${latency.figure.textContent}; ${latency.sub.textContent}`);
    }
    if (series || live) {
      const paid = live ? live.todayPaidFen : 0;
      const used = series ? series.todayBudgetUsedFen : 0;
      const total = series ? series.todayBudgetFen : null;
      budget.figure.textContent = total ? percent(paid / total, 2) : '—';
      budget.sub.textContent = t('chart.budgetSub', {paid: moneyShort(paid), used: moneyShort(used),
        budget: moneyShort(total)});
      budget.chart.dataset.paidFen = String(paid);
      draw(budget, budgetOption(paid, used, total || 0, {row: t('chart.budgetRow'), paid: t('chart.paid'),
        used: t('chart.used')}), Boolean(total), budget.sub.textContent);
    }
    if (daily || live) {
      const share = live && live.todayOnlineShare !== null ? live.todayOnlineShare : daily && daily.onlineShare;
      channels.figure.textContent = t('chart.channelsFig', {share: percent(share)});
      channels.sub.textContent = t('chart.channelsSub');
    }
    if (daily) {
      const byChannel = daily.withdrawals.byChannel;
      draw(channels, channelOption(byChannel, channelName), byChannel.length > 0,
        byChannel.map((c) => `${channelName(c.key)} ${number(c.count)}`).join(', ') || t('chart.empty'));
      const refused = daily.refusalsByCode.reduce((sum, r) => sum + r.count, 0);
      refusals.figure.textContent = t('chart.refusalsFig', {n: number(refused)});
      refusals.sub.textContent = t('chart.refusalsSub');
      const refusalRows = daily.refusalsByCode.slice(0, 8).map((r) => ({label: refusalName(r.code), count: r.count}));
      draw(refusals, barsOption(refusalRows, [{name: t('chart.refusals'), key: 'count', color: COLORS.failed}]),
        refusalRows.length > 0, refusalRows.map((r) => `${r.label} ${number(r.count)}`).join(', ') || t('chart.empty'));
      const failing = daily.notificationsFailing.map((n) => ({label: n.appId, failed: n.failed, retrying: n.retrying}));
      const failures = failing.reduce((sum, n) => sum + n.failed + n.retrying, 0);
      partners.figure.textContent = t('chart.partnersFig', {n: number(failures)});
      partners.sub.textContent = t('chart.partnersSub');
      draw(partners, barsOption(failing, [{name: t('chart.failed'), key: 'failed', color: COLORS.failed},
        {name: t('chart.retrying'), key: 'retrying', color: COLORS.retrying}]), failing.length > 0,
      failing.map((n) => `${n.label} ${n.failed} + ${n.retrying}`).join(', ') || t('chart.empty'));
      const r = daily.reconciliation;
      reconciliation.node.classList.toggle('ok', Boolean(r && r.clean));
      reconciliation.node.classList.toggle('bad', Boolean(r && !r.clean));
      reconciliation.value.textContent = !r ? t('kpi.never') : r.clean ? `✓ ${t('kpi.clean')}`
        : `✗ ${t('kpi.dirty', {n: number(r.mismatches)})}`;
      const check = (key, c) => (c ? `${t(key)} ${c.clean ? '✓' : `✗ ${number(c.mismatches)}`}` : null);
      reconciliation.sub.textContent = r ? [t('kpi.checkedAt', {at: dateTime(r.checkedAt)}),
        check('kpi.books', r.books), check('kpi.statement', r.bankStatement)].filter(Boolean).join(' · ') : '';
    }
  }

  let pending = false;
  function schedule() {
    if (!pending) {
      pending = true;
      requestAnimationFrame(() => {
        pending = false;
        renderFigures();
      });
    }
  }

  async function readSlow() {
    try {
      const [series, daily] = await Promise.all([api.get(`/v1/ops/stats/minutes?last=${MINUTES}`),
        api.get(`/v1/ops/stats/daily?date=${todayInShanghai()}`)]);
      state.series = series;
      state.daily = daily;
      status.textContent = '';
      schedule();
    } catch (e) {
      if (!stop.signal.aborted) {
        status.textContent = t('error.figures', {detail: e.detail || e.message});
      }
    }
  }

  api.stream('/v1/ops/stats/live', (figures) => {
    const before = state.live;
    state.live = figures;
    // A new minute: read the per-minute and daily figures now.
    if (before && (before.minute !== figures.minute)) {
      readSlow();
    }
    schedule();
  }, stop.signal, (s) => {
    liveBadge.textContent = t(s === 'live' ? 'live.on' : 'live.reconnecting');
    liveBadge.className = s === 'live' ? 'live on' : 'live';
  });
  readSlow();
  switchPanel.refresh();
  timers.push(setInterval(readSlow, SLOW_EVERY_MS));

  // The charts library comes after the page has painted; the figures above do not wait for it.
  for (const p of panels) {
    p.empty.hidden = false;
    p.empty.textContent = t('chart.loading');
  }
  const resize = () => panels.forEach((p) => p.instance && p.instance.resize());
  afterFirstPaint().then(loadECharts).then((echarts) => {
    if (stop.signal.aborted) {
      return;
    }
    for (const p of panels) {
      p.instance = echarts.init(p.chart, null, {renderer: 'canvas'});
      p.empty.textContent = t('chart.empty');
    }
    document.documentElement.dataset.charts = 'ready';
    window.addEventListener('resize', resize);
    renderFigures();
  }).catch(() => {
    for (const p of panels) {
      p.empty.hidden = false;
      p.empty.textContent = t('chart.unavailable');
    }
  });

  return () => {
    stop.abort();
    timers.forEach(clearInterval);
    window.removeEventListener('resize', resize);
    panels.forEach((p) => p.instance && p.instance.dispose());
    delete document.documentElement.dataset.charts;
    switchPanel.cleanup();
    queue.cleanup();
    bank.cleanup();
    liveBadge.hidden = true;
  };
}
