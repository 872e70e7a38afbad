// Tonight's plan: the sentence, a timeline of which car is on the charger over the price curve, each car's charge at
// departure, the reasons, and a small editor for a car's departures. Plain SVG: no library needed for bars and a line.
import { t, language, locale } from './i18n.js';
import { api, ApiError } from './api.js';
import { COLORS } from './chart.js';

const SVG = 'http://www.w3.org/2000/svg';
const W = 600;
const H = 150;
const BAND = 22;
const TOP = 10;
const BOTTOM = 22;
const $ = (id) => document.getElementById(id);

let lastPlan = null;
let carIds = [];
let carNames = {};

function el(name, attrs = {}) {
  const node = document.createElementNS(SVG, name);
  for (const [k, v] of Object.entries(attrs)) {
    node.setAttribute(k, String(v));
  }
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

function colorOf(id) {
  const i = carIds.indexOf(id);
  return COLORS[(i < 0 ? carIds.length : i) % COLORS.length];
}

function money(value, currency) {
  try {
    return new Intl.NumberFormat(locale(), { style: 'currency', currency: currency || 'NOK' }).format(value);
  } catch (e) {
    return `${value.toFixed(2)} ${currency || ''}`;
  }
}

/** The cars of the household, in the order of the cards (for colours and the editor). */
export function setCars(vehicles) {
  const ids = Object.keys(vehicles || {});
  carIds = ids;
  carNames = Object.fromEntries(ids.map((id) => [id, vehicles[id].name || id]));
  const select = $('departure-car');
  if (select && select.options.length !== ids.length) {
    const keep = select.value;
    select.replaceChildren(...ids.map((id) => {
      const o = document.createElement('option');
      o.value = id;
      o.textContent = carNames[id];
      return o;
    }));
    select.value = ids.includes(keep) ? keep : ids[0] || '';
    loadDeparture();
  }
}

export function renderPlan(plan) {
  lastPlan = plan;
  const panel = $('plan-panel');
  const nb = language() === 'nb';
  panel.dataset.active = String(Boolean(plan.active));
  panel.dataset.chargeNow = String(Boolean(plan.charge_now));
  $('plan-message').textContent = (nb ? plan.message_nb : plan.message) || '';
  const note = $('plan-note');
  const prices = plan.prices || {};
  if (!plan.active) {
    note.textContent = t('planRule');
  } else if (prices.problem || !plan.prices_known) {
    note.textContent = t('planNoPrices');
  } else {
    note.textContent = '';
  }
  drawTimeline(plan);
  $('plan-swap').textContent = plan.active && plan.next_swap ? clock(plan.next_swap) : '–';
  $('plan-cost').textContent = plan.active && plan.prices_known ? money(plan.total_cost, plan.currency) : '–';
  const cars = (plan.vehicles || []).filter(() => plan.active).map((v) => {
    const li = document.createElement('li');
    li.dataset.testid = 'plan-car';
    li.dataset.vehicle = v.id;
    li.setAttribute('data-testid', 'plan-car');
    const swatch = document.createElement('span');
    swatch.className = 'swatch';
    swatch.style.background = colorOf(v.id);
    const text = document.createElement('span');
    const when = !v.at_home ? t('planAway')
      : v.start ? t('planCharges', { from: clock(v.start), to: clock(v.end) }) : t('planNoCharge');
    const leaves = v.departure ? t('planLeaves', { time: clock(v.departure) }) : '';
    text.textContent = `${v.name}: ${when}; ${t('planExpected', { pct: Math.round(v.expected_percent),
      target: Math.round(v.target_percent) })}${leaves}`;
    if (v.at_home && v.shortfall_percent > 0.5) {
      li.classList.add('short');
    }
    li.append(swatch, text);
    return li;
  });
  $('plan-cars').replaceChildren(...cars);
  const reasons = (plan.active ? plan.reasons || [] : []).map((r) => {
    const li = document.createElement('li');
    li.textContent = nb ? r.text_nb : r.text;
    li.dataset.code = r.code;
    return li;
  });
  $('plan-reasons').replaceChildren(...reasons);
}

function drawTimeline(plan) {
  const box = $('plan-timeline');
  const slots = plan.active ? plan.slots || [] : [];
  if (!slots.length) {
    box.replaceChildren();
    box.hidden = true;
    return;
  }
  box.hidden = false;
  const t0 = new Date(slots[0].start).getTime();
  const t1 = new Date(slots[slots.length - 1].end).getTime();
  const x = (ms) => ((ms - t0) / Math.max(1, t1 - t0)) * W;
  const priced = slots.filter((s) => s.price !== null && s.price !== undefined);
  const min = Math.min(...priced.map((s) => s.price));
  const max = Math.max(...priced.map((s) => s.price));
  const lo = Math.max(0, min - (max - min) * 0.15);
  const hi = Math.max(max, lo + 0.01);
  const plotBottom = H - BOTTOM - BAND - 6;
  const y = (p) => plotBottom - ((p - lo) / (hi - lo)) * (plotBottom - TOP);
  const svg = el('svg', { viewBox: `0 0 ${W} ${H}`, role: 'img', 'aria-label': t('planTimeline'),
    preserveAspectRatio: 'none', class: 'timeline' });
  // Bands: which car is on the charger.
  for (const s of slots) {
    if (!s.vehicle) {
      continue;
    }
    const a = x(new Date(s.start).getTime());
    const b = x(new Date(s.charge_until || s.end).getTime());
    const r = el('rect', { x: a, y: H - BOTTOM - BAND, width: Math.max(0.8, b - a), height: BAND,
      fill: colorOf(s.vehicle), 'data-testid': 'plan-band', 'data-vehicle': s.vehicle });
    const title = el('title');
    title.textContent = `${carNames[s.vehicle] || s.vehicle} ${clock(s.start)}–${clock(s.charge_until || s.end)}`;
    r.append(title);
    svg.append(r);
  }
  // The price curve, as steps.
  if (priced.length) {
    let d = '';
    for (const s of slots) {
      if (s.price === null || s.price === undefined) {
        continue;
      }
      const a = x(new Date(s.start).getTime());
      const b = x(new Date(s.end).getTime());
      d += `M${a.toFixed(1)},${y(s.price).toFixed(1)}H${b.toFixed(1)}`;
    }
    svg.append(el('path', { d, class: 'price-line', 'data-testid': 'plan-price-line', fill: 'none' }));
    const top = el('text', { x: W - 4, y: TOP + 2, class: 'axis', 'text-anchor': 'end',
      'dominant-baseline': 'hanging' });
    top.textContent = `${max.toFixed(2)} ${plan.currency || ''}/kWh`;
    const bottom = el('text', { x: W - 4, y: plotBottom, class: 'axis', 'text-anchor': 'end' });
    bottom.textContent = `${min.toFixed(2)}`;
    svg.append(top, bottom);
  }
  // Hour marks every three hours, and the swap.
  const hour = 3600000;
  const offset = offsetMs(slots[0].start);
  for (let m = Math.ceil(t0 / hour) * hour; m <= t1; m += hour) {
    const local = new Date(m + offset); // the household's wall clock, read in UTC
    if (local.getUTCHours() % 3 !== 0) {
      continue;
    }
    svg.append(el('line', { x1: x(m), x2: x(m), y1: H - BOTTOM, y2: H - BOTTOM + 4, class: 'tick' }));
    const txt = el('text', { x: x(m), y: H - 6, class: 'axis', 'text-anchor': 'middle' });
    txt.textContent = `${String(local.getUTCHours()).padStart(2, '0')}:00`;
    svg.append(txt);
  }
  if (plan.next_swap) {
    const s = x(new Date(plan.next_swap).getTime());
    svg.append(el('line', { x1: s, x2: s, y1: TOP, y2: H - BOTTOM, class: 'swap', 'data-testid': 'plan-swap-mark' }));
  }
  box.replaceChildren(svg);
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
    $('departure-message').textContent = e instanceof ApiError ? e.message : t('offline');
  }
}

export function wirePlan(onSaved) {
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
    try {
      const d = await api(`api/vehicles/${encodeURIComponent(id)}/departure`, { method: 'PUT', body });
      message.dataset.kind = 'ok';
      message.textContent = t('departureSaved', { name: carNames[id] || id,
        times: d.departures_text || t('departureNone') });
      onSaved();
    } catch (e) {
      message.dataset.kind = 'error';
      message.textContent = t('requestFailed', { detail: e instanceof ApiError ? e.message : t('offline') });
    }
  });
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
