// Tonight's plan: the sentence, a timeline of which car is on the charger over the price curve, each car's charge at
// departure, the reasons, and a small editor for a car's departures. Plain SVG drawn at the box's own pixel width (text
// is never stretched), redrawn when that width changes: no library needed for bars and a line.
import { t, language, locale } from './i18n.js';
import { api, ApiError } from './api.js';
import { carColor } from './chart.js';

const SVG = 'http://www.w3.org/2000/svg';
const TOP = 18; // room for the swap's label
const BAND = 22; // the row of cars
const AXIS = 18; // the row of hour labels
const GUTTER = 40; // the price scale, right of the plot
const HOUR = 3600000;
const $ = (id) => document.getElementById(id);

let lastPlan = null;
let carNames = {};
let drawnWidth = 0;

function el(name, attrs = {}) {
  const node = document.createElementNS(SVG, name);
  for (const [k, v] of Object.entries(attrs)) {
    node.setAttribute(k, String(v));
  }
  return node;
}

function html(name, attrs = {}, text = '') {
  const node = document.createElement(name);
  for (const [k, v] of Object.entries(attrs)) {
    node.setAttribute(k, String(v));
  }
  node.textContent = text;
  return node;
}

/** HH:MM in the household's time zone: the server's times carry its offset ("2026-12-05T02:00:00+01:00"). */
function clock(iso) {
  const m = /T(\d\d:\d\d)/.exec(iso || '');
  return m ? m[1] : '–';
}

/** The household's UTC offset in ms, from a time the server sent, to place hour marks on its clock. */
function offsetMs(iso) {
  const m = /([+-])(\d\d):(\d\d)$/.exec(iso || '');
  return m ? (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3])) * 60000 : 0;
}

function ms(iso) {
  return new Date(iso).getTime();
}

function money(value, currency) {
  try {
    return new Intl.NumberFormat(locale(), { style: 'currency', currency: currency || 'NOK' }).format(value);
  } catch (e) {
    return `${value.toFixed(2)} ${currency || ''}`;
  }
}

function price(value) {
  return new Intl.NumberFormat(locale(), { minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(value);
}

/** The cars of the household, in the order of the cards (for names and the editor). */
export function setCars(vehicles) {
  const ids = Object.keys(vehicles || {});
  carNames = Object.fromEntries(ids.map((id) => [id, vehicles[id].name || id]));
  const select = $('departure-car');
  if (select && select.options.length !== ids.length) {
    const keep = select.value;
    select.replaceChildren(...ids.map((id) => html('option', { value: id }, carNames[id])));
    select.value = ids.includes(keep) ? keep : ids[0] || '';
    loadDeparture();
  }
}

function carLine(v) {
  const li = html('li', { 'data-testid': 'plan-car', 'data-vehicle': v.id });
  const swatch = html('span', { class: 'swatch' });
  swatch.style.background = carColor(v.id);
  const when = !v.at_home ? t('planAway')
    : v.start ? t('planCharges', { from: clock(v.start), to: clock(v.end) }) : t('planNoCharge');
  const leaves = v.departure ? t('planLeaves', { time: clock(v.departure) }) : '';
  const expected = t('planExpected', { pct: Math.round(v.expected_percent), target: Math.round(v.target_percent) });
  const text = html('span', {}, `${v.name}: ${when}; ${expected}${leaves}`);
  li.append(swatch, text);
  if (v.at_home && v.shortfall_percent > 0.5) {
    li.classList.add('short');
    li.append(html('strong', { class: 'shortfall', 'data-testid': 'plan-shortfall' },
      t('planShort', { pct: Math.round(v.shortfall_percent) })));
  }
  return li;
}

export function renderPlan(plan) {
  lastPlan = plan;
  const panel = $('plan-panel');
  const nb = language() === 'nb';
  panel.dataset.active = String(Boolean(plan.active));
  panel.dataset.chargeNow = String(Boolean(plan.charge_now));
  panel.dataset.createdAt = plan.created_at || '';
  panel.dataset.pricesKnown = String(Boolean(plan.active && plan.prices_known));
  $('plan-message').textContent = (nb ? plan.message_nb : plan.message) || '';
  const note = $('plan-note');
  const prices = plan.prices || {};
  if (!plan.active) {
    note.textContent = t('planRule');
    note.dataset.kind = 'rule';
  } else if (prices.problem || !plan.prices_known) {
    note.textContent = t('planNoPrices');
    note.dataset.kind = 'no-prices';
  } else {
    note.textContent = '';
    note.dataset.kind = '';
  }
  drawTimeline(plan);
  $('plan-swap').textContent = plan.active && plan.next_swap ? clock(plan.next_swap) : '–';
  $('plan-cost').textContent = plan.active && plan.prices_known ? money(plan.total_cost, plan.currency) : '–';
  $('plan-cars').replaceChildren(...(plan.active ? plan.vehicles || [] : []).map(carLine));
  const reasons = (plan.active ? plan.reasons || [] : []).map((r) => {
    const li = html('li', { 'data-testid': 'plan-reason', 'data-code': r.code }, nb ? r.text_nb : r.text);
    return li;
  });
  $('plan-reasons').replaceChildren(...reasons);
}

/** Runs of slots with the same car on the charger, each until its car stops charging. */
function bands(slots) {
  const runs = [];
  for (const s of slots) {
    if (!s.vehicle) {
      continue;
    }
    const from = ms(s.start);
    const to = ms(s.charge_until || s.end);
    const last = runs[runs.length - 1];
    if (last && last.vehicle === s.vehicle && Math.abs(last.to - from) < 1000) {
      last.to = to;
      last.toIso = s.charge_until || s.end;
    } else {
      runs.push({ vehicle: s.vehicle, from, to, fromIso: s.start, toIso: s.charge_until || s.end });
    }
  }
  return runs;
}

/** Hours between labelled ticks, so that labels stay at least 46 px apart. */
function tickHours(pxPerHour) {
  return [1, 2, 3, 4, 6, 12, 24].find((h) => h * pxPerHour >= 46) || 24;
}

function drawTimeline(plan) {
  const box = $('plan-timeline');
  const legend = $('plan-legend');
  const slots = plan.active ? plan.slots || [] : [];
  if (!slots.length) {
    box.replaceChildren();
    legend.replaceChildren();
    box.hidden = true;
    legend.hidden = true;
    drawnWidth = 0;
    return;
  }
  box.hidden = false;
  legend.hidden = false;
  const W = Math.max(240, Math.floor(box.clientWidth || 600));
  drawnWidth = W;
  const H = W < 480 ? 132 : 160;
  const plotW = W - GUTTER;
  const bandTop = H - AXIS - BAND;
  const plotBottom = bandTop - 6;
  const t0 = ms(slots[0].start);
  const t1 = ms(slots[slots.length - 1].end);
  const x = (time) => Math.max(0, Math.min(plotW, ((time - t0) / Math.max(1, t1 - t0)) * plotW));
  const svg = el('svg', { width: W, height: H, viewBox: `0 0 ${W} ${H}`, role: 'img', class: 'timeline',
    'aria-label': t('planTimeline') });
  const grid = el('g', { class: 'grid' }); // under everything else
  svg.append(grid);

  // The price, as steps, over a faint area; none when no slot has a price.
  const priced = slots.filter((s) => typeof s.price === 'number');
  if (priced.length) {
    const min = Math.min(...priced.map((s) => s.price));
    const max = Math.max(...priced.map((s) => s.price));
    const spread = Math.max(max - min, 0.01);
    const lo = min >= 0 ? Math.max(0, min - spread * 0.15) : min - spread * 0.1; // prices can go below zero
    const hi = max;
    const y = (p) => plotBottom - ((p - lo) / Math.max(1e-6, hi - lo)) * (plotBottom - TOP);
    let line = '';
    let area = '';
    let prevEnd = null;
    let runStart = null;
    const closeArea = () => {
      if (runStart !== null) {
        area += `V${plotBottom}H${runStart.toFixed(1)}Z`;
      }
    };
    for (const s of slots) {
      if (typeof s.price !== 'number') {
        closeArea();
        runStart = null;
        prevEnd = null;
        continue;
      }
      const a = x(ms(s.start));
      const b = x(ms(s.end));
      const py = y(s.price).toFixed(1);
      if (prevEnd !== null && Math.abs(prevEnd - ms(s.start)) < 1000) {
        line += `V${py}H${b.toFixed(1)}`;
        area += `V${py}H${b.toFixed(1)}`;
      } else {
        closeArea();
        runStart = a;
        line += `M${a.toFixed(1)},${py}H${b.toFixed(1)}`;
        area += `M${a.toFixed(1)},${plotBottom}V${py}H${b.toFixed(1)}`;
      }
      prevEnd = ms(s.end);
    }
    closeArea();
    svg.append(el('path', { d: area, class: 'price-area' }));
    svg.append(el('path', { d: line, class: 'price-line', 'data-testid': 'plan-price-line', fill: 'none' }));
    const top = el('text', { x: W - 2, y: TOP, class: 'axis', 'text-anchor': 'end', 'dominant-baseline': 'middle' });
    top.textContent = price(max);
    const bottom = el('text', { x: W - 2, y: Math.min(plotBottom - 2, Math.max(TOP + 12, y(min))), class: 'axis',
      'text-anchor': 'end', 'dominant-baseline': 'middle' });
    bottom.textContent = price(min);
    grid.append(el('line', { x1: plotW, x2: plotW, y1: TOP, y2: plotBottom }));
    svg.append(top, bottom);
  }

  // The cars on the charger.
  for (const run of bands(slots)) {
    const a = x(run.from);
    const w = Math.max(1, x(run.to) - a);
    const color = carColor(run.vehicle);
    const name = carNames[run.vehicle] || run.vehicle;
    const g = el('g', { 'data-testid': 'plan-band', 'data-vehicle': run.vehicle, 'data-color': color,
      'data-from': clock(run.fromIso), 'data-to': clock(run.toIso) });
    const title = el('title');
    title.textContent = `${name} ${clock(run.fromIso)}–${clock(run.toIso)}`;
    g.append(title, el('rect', { x: a, y: bandTop, width: w, height: BAND, rx: 3, fill: color }));
    if (w > name.length * 6.6 + 10) {
      const label = el('text', { x: a + 5, y: bandTop + BAND / 2, class: 'band-label', 'dominant-baseline': 'middle' });
      label.textContent = name;
      g.append(label);
    }
    svg.append(g);
  }

  // Hour labels on the household's clock, spaced to the width.
  const step = tickHours((plotW / Math.max(1, t1 - t0)) * HOUR);
  const offset = offsetMs(slots[0].start);
  for (let m = Math.ceil(t0 / HOUR) * HOUR; m <= t1; m += HOUR) {
    const local = new Date(m + offset); // the household's wall clock, read in UTC
    if (local.getUTCHours() % step !== 0) {
      continue;
    }
    const tx = x(m);
    grid.append(el('line', { x1: tx, x2: tx, y1: TOP, y2: H - AXIS + 3 }));
    const txt = el('text', { x: Math.max(14, Math.min(plotW - 14, tx)), y: H - 4, class: 'axis',
      'text-anchor': 'middle' });
    txt.textContent = `${String(local.getUTCHours()).padStart(2, '0')}:00`;
    svg.append(txt);
  }

  // Now, and the next cable swap.
  const now = Date.now();
  if (now > t0 && now < t1) {
    svg.append(el('line', { x1: x(now), x2: x(now), y1: TOP - 4, y2: H - AXIS, class: 'now',
      'data-testid': 'plan-now-mark' }));
  }
  if (plan.next_swap) {
    const sx = x(ms(plan.next_swap));
    svg.append(el('line', { x1: sx, x2: sx, y1: TOP - 4, y2: H - AXIS, class: 'swap', 'data-testid': 'plan-swap-mark',
      'data-time': clock(plan.next_swap) }));
    const label = el('text', { x: Math.max(30, Math.min(plotW - 30, sx)), y: TOP - 8, class: 'swap-label',
      'text-anchor': 'middle' });
    label.textContent = `⇄ ${clock(plan.next_swap)}`;
    svg.append(label);
  }
  box.replaceChildren(svg);

  // The legend, in HTML so that it wraps on a phone.
  const items = [];
  if (priced.length) {
    items.push(legendItem('line', '', t('planLegendPrice', { currency: plan.currency || '' })));
  }
  for (const id of [...new Set(bands(slots).map((r) => r.vehicle))]) {
    items.push(legendItem('car', carColor(id), carNames[id] || id));
  }
  if (plan.next_swap) {
    items.push(legendItem('swap', '', t('planLegendSwap')));
  }
  if (now > t0 && now < t1) {
    items.push(legendItem('now', '', t('planLegendNow')));
  }
  legend.replaceChildren(...items);
}

function legendItem(kind, color, label) {
  const li = html('li', { 'data-kind': kind });
  const mark = html('span', { class: `mark ${kind}` });
  if (color) {
    mark.style.background = color;
  }
  li.append(mark, html('span', {}, label));
  return li;
}

async function loadDeparture() {
  const id = $('departure-car').value;
  if (!id) {
    return;
  }
  try {
    const d = await api(`api/vehicles/${encodeURIComponent(id)}/departure`);
    $('departure-times').value = d.departures_text || '';
    $('departure-target').value = d.target_percent ?? '';
    $('departure-target').placeholder = String(d.effective_target_percent);
  } catch (e) {
    $('departure-message').dataset.kind = 'error';
    $('departure-message').textContent = e instanceof ApiError ? e.message : t('offline');
  }
}

export function wirePlan(onSaved) {
  watchWidth();
  $('departure-car').addEventListener('change', () => {
    $('departure-message').textContent = '';
    loadDeparture();
  });
  $('departure-form').addEventListener('submit', async (event) => {
    event.preventDefault();
    const id = $('departure-car').value;
    const message = $('departure-message');
    const target = $('departure-target').value.trim();
    const body = { departures: $('departure-times').value.trim(), target_percent: target === '' ? null : Number(target) };
    message.dataset.kind = 'busy';
    message.textContent = '';
    $('departure-save').disabled = true;
    try {
      const d = await api(`api/vehicles/${encodeURIComponent(id)}/departure`, { method: 'PUT', body });
      message.dataset.kind = 'ok';
      $('departure-times').value = d.departures_text || ''; // as the server understood it ("Mon-Sun 07:30" is "07:30")
      $('departure-target').value = d.target_percent ?? '';
      message.textContent = t('departureSaved', { name: carNames[id] || id,
        times: d.departures_text || t('departureNone') });
      onSaved();
    } catch (e) {
      message.dataset.kind = 'error';
      message.textContent = t('requestFailed', { detail: e instanceof ApiError ? e.message : t('offline') });
    } finally {
      $('departure-save').disabled = false;
    }
  });
}

/** Redraws the timeline when its box changes width (a rotated phone, a resized window). */
function watchWidth() {
  const box = $('plan-timeline');
  if (typeof ResizeObserver !== 'function') {
    return;
  }
  new ResizeObserver(() => {
    const w = Math.floor(box.clientWidth);
    if (lastPlan && !box.hidden && w > 0 && Math.abs(w - drawnWidth) > 2) {
      drawTimeline(lastPlan);
    }
  }).observe(box);
}

export function rerenderPlan() {
  if (lastPlan) {
    renderPlan(lastPlan);
  }
}

export async function loadPlan() {
  try {
    renderPlan(await api('api/plan'));
  } catch (e) {
    $('plan-note').textContent = e instanceof ApiError ? e.message : t('offline');
  }
}
