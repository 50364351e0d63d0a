// Apache ECharts, served by the application from its webjar and loaded only after the console's first paint.
// Canvas rendering and rich-text tooltips: nothing ECharts draws needs an inline style attribute, so the page's
// Content-Security-Policy (style-src 'self') holds.
// The version is the pom's echarts.version (the webjar's path carries it).
const ECHARTS = '/webjars/echarts/5.3.1/dist/echarts.esm.min.js';

let loading = null;

export function loadECharts() {
  if (!loading) {
    loading = import(ECHARTS);
  }
  return loading;
}

/** After the browser has painted the page: the charts library never delays the first paint. */
export function afterFirstPaint() {
  return new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
}

const INK = '#1f2328';
const MUTED = '#4b5563';
const GRID = '#d8dee4';
export const COLORS = {
  primary: '#0b57d0',
  paid: '#137333',
  p50: '#137333',
  p95: '#b06000',
  p99: '#b3261e',
  failed: '#b3261e',
  retrying: '#b06000',
  budget: '#e3e8ef',
};
const PALETTE = ['#0b57d0', '#137333', '#b06000', '#8e24aa', '#5f6368', '#00838f', '#b3261e'];

const base = () => ({
  animationDuration: 300,
  animationDurationUpdate: 300,
  color: PALETTE,
  textStyle: {color: INK, fontFamily: 'system-ui, "Noto Sans CJK SC", "WenQuanYi Zen Hei", sans-serif'},
  tooltip: {renderMode: 'richText', trigger: 'axis', confine: true},
});

const axis = (extra = {}) => ({
  axisLine: {lineStyle: {color: GRID}},
  axisLabel: {color: MUTED, fontSize: 12},
  splitLine: {lineStyle: {color: GRID}},
  ...extra,
});

/** Withdrawals admitted (bars) and paid (line) per minute. */
export function perMinuteOption(minutes, labels) {
  return {
    ...base(),
    legend: {top: 0, right: 0, textStyle: {color: INK}},
    grid: {left: 8, right: 12, top: 28, bottom: 4, containLabel: true},
    xAxis: axis({type: 'category', data: minutes.map((m) => m.label), axisTick: {show: false}}),
    yAxis: axis({type: 'value', minInterval: 1}),
    series: [
      {name: labels.admitted, type: 'bar', data: minutes.map((m) => m.count), itemStyle: {color: COLORS.primary},
        barMaxWidth: 14},
      {name: labels.paid, type: 'line', data: minutes.map((m) => m.paidCount), itemStyle: {color: COLORS.paid},
        symbol: 'none', lineStyle: {width: 2}},
    ],
  };
}

/** Paid and committed (paid or in flight) against the day's budget, as shares of it. */
export function budgetOption(paidFen, usedFen, budgetFen, labels) {
  const share = (fen) => (budgetFen > 0 ? Math.min(100, (100 * fen) / budgetFen) : 0);
  return {
    ...base(),
    tooltip: {show: false},
    legend: {top: 0, right: 0, textStyle: {color: INK}},
    grid: {left: 12, right: 24, top: 36, bottom: 24, containLabel: true},
    xAxis: axis({type: 'value', max: 100, axisLabel: {color: MUTED, formatter: '{value}%'}}),
    yAxis: axis({type: 'category', data: [labels.row], axisTick: {show: false}}),
    series: [
      {name: labels.paid, type: 'bar', data: [share(paidFen)], itemStyle: {color: COLORS.paid}, barWidth: 26,
        barGap: '-100%', z: 3, showBackground: true, backgroundStyle: {color: COLORS.budget}},
      {name: labels.used, type: 'bar', data: [share(usedFen)], itemStyle: {color: '#8ab4f8'}, barWidth: 26, z: 2},
    ],
  };
}

/** Admission-to-PAID latency percentiles per minute, in seconds. */
export function latencyOption(minutes, labels) {
  const seconds = (ms) => (ms === null || ms === undefined ? null : Math.round(ms / 100) / 10);
  const line = (name, key, color) => ({name, type: 'line', data: minutes.map((m) => seconds(m[key])),
    itemStyle: {color}, lineStyle: {width: 2}, symbol: 'circle', symbolSize: 5, connectNulls: false});
  return {
    ...base(),
    legend: {top: 0, right: 0, textStyle: {color: INK}},
    grid: {left: 8, right: 12, top: 28, bottom: 4, containLabel: true},
    xAxis: axis({type: 'category', data: minutes.map((m) => m.label), axisTick: {show: false}}),
    yAxis: axis({type: 'value', name: labels.unit, nameTextStyle: {color: MUTED}}),
    series: [line('p50', 'latencyP50', COLORS.p50), line('p95', 'latencyP95', COLORS.p95),
      line('p99', 'latencyP99', COLORS.p99)],
  };
}

/** Today's withdrawals by channel, online ones first. */
export function channelOption(byChannel, names) {
  return {
    ...base(),
    tooltip: {renderMode: 'richText', trigger: 'item'},
    legend: {orient: 'vertical', right: 0, top: 'middle', textStyle: {color: INK}},
    series: [{type: 'pie', radius: ['45%', '75%'], center: ['35%', '50%'], avoidLabelOverlap: true,
      label: {show: false},
      data: byChannel.map((c) => ({name: names(c.key), value: c.count}))}],
  };
}

/** Horizontal bars, largest on top. */
export function barsOption(rows, series) {
  const ordered = [...rows].reverse();
  return {
    ...base(),
    tooltip: {renderMode: 'richText', trigger: 'axis', axisPointer: {type: 'shadow'}},
    legend: series.length > 1 ? {top: 0, right: 0, textStyle: {color: INK}} : undefined,
    grid: {left: 8, right: 24, top: series.length > 1 ? 28 : 8, bottom: 8, containLabel: true},
    xAxis: axis({type: 'value', minInterval: 1}),
    yAxis: axis({type: 'category', data: ordered.map((r) => r.label), axisTick: {show: false},
      axisLabel: {color: INK, fontSize: 12, width: 170, overflow: 'truncate'}}),
    series: series.map((s) => ({name: s.name, type: 'bar', stack: 'all', data: ordered.map((r) => r[s.key]),
      itemStyle: {color: s.color}, barMaxWidth: 18})),
  };
}
