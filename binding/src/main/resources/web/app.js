// The dashboard: both cars, the household's answer, the controls, live updates, history and errors.
import { t, translate, language, setLanguage, locale } from './i18n.js';
import { api, ApiError } from './api.js';
import { connect } from './live.js';
import { createChart, carColor, setCarOrder } from './chart.js';
import { renderPlan, rerenderPlan, loadPlan, setCars, wirePlan } from './plan.js';

const KNOWN_VEHICLES = ['tesla', 'ioniq'];
const REFRESH_MIN_MS = 5000;

const $ = (id) => document.getElementById(id);
const cards = new Map();
let lastStatus = null;
let historyHours = 24;
let lastHistory = null;
let lastErrors = null;
let wsState = 'connecting';
let updatePending = null;
let refreshTimer = null;
let lastRefresh = 0;
let lastProbe = 0;
const chart = createChart($('history-chart'));

function number(value, digits = 0) {
  return new Intl.NumberFormat(locale(), { maximumFractionDigits: digits, minimumFractionDigits: digits }).format(value);
}

function time(iso) {
  if (!iso) {
    return '–';
  }
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) {
    return '–';
  }
  const sameDay = date.toDateString() === new Date().toDateString();
  return new Intl.DateTimeFormat(locale(), sameDay ? { timeStyle: 'short' } : { dateStyle: 'medium', timeStyle: 'short' })
    .format(date);
}

function setTime(el, iso) {
  el.textContent = time(iso);
  el.dateTime = iso || '';
  el.title = iso || '';
  el.dataset.value = iso || '';
}

function problem(e) {
  if (e instanceof ApiError) {
    return e.message;
  }
  return t('offline');
}

// ---- cards ----

function card(id) {
  let c = cards.get(id);
  if (c) {
    return c;
  }
  const node = $('card-template').content.firstElementChild.cloneNode(true);
  node.id = `card-${id}`;
  node.dataset.testid = `card-${id}`;
  node.dataset.vehicle = id;
  const fields = {};
  for (const el of node.querySelectorAll('[data-field]')) {
    fields[el.dataset.field] = el;
    el.dataset.testid = `${el.dataset.field}-${id}`;
  }
  fields.name.textContent = id;
  fields['mock-toggle'].addEventListener('change', () => setMockMode(id, fields['mock-toggle']));
  translate(node);
  $('cards').append(node);
  c = { node, fields };
  cards.set(id, c);
  return c;
}

function renderCard(id, vehicle, details, rec, threshold) {
  const { node, fields: f } = card(id);
  const nb = language() === 'nb';
  const color = carColor(id); // the same colour as its history line and its band in tonight's plan
  node.style.setProperty('--car', color);
  node.dataset.color = color;
  f.name.textContent = details?.name || vehicle?.vehicle_name || id;
  f.simulated.hidden = !(details?.mock_mode || vehicle?.is_mock);
  f.stale.hidden = !vehicle?.is_stale;
  node.classList.toggle('is-stale', !!vehicle?.is_stale);
  f['gauge-threshold'].style.left = `${threshold}%`;
  if (vehicle) {
    const soc = vehicle.battery_percent;
    f.battery.textContent = `${number(soc, soc % 1 === 0 ? 0 : 1)} %`;
    f.battery.dataset.value = String(soc);
    f.gauge.setAttribute('aria-valuenow', String(soc));
    f['gauge-fill'].style.width = `${Math.max(0, Math.min(100, soc))}%`;
    f.gauge.dataset.level = soc < 20 ? 'low' : soc < threshold ? 'mid' : 'ok';
    f.range.textContent = (vehicle.range_estimated ? '≈ ' : '') + t('rangeKm', { range: number(vehicle.range_km) });
    if (vehicle.is_charging) {
      f.charging.textContent = vehicle.charging_rate_kw
        ? t('chargingAt', { power: number(vehicle.charging_rate_kw, 1) }) : t('chargingNow');
    } else {
      f.charging.textContent = vehicle.plugged_in ? t('pluggedIn') : t('notPluggedIn');
    }
    f.charging.dataset.value = vehicle.is_charging ? 'charging' : vehicle.plugged_in ? 'plugged-in' : 'unplugged';
    const where = t(vehicle.location || 'unknown');
    const address = vehicle.address && vehicle.address !== 'Home' ? vehicle.address : '';
    f.location.textContent = address ? `${where} · ${address}` : where;
    f.location.dataset.value = vehicle.location || 'unknown';
    setTime(f.updated, vehicle.last_updated);
    f.source.textContent = t(`source_${vehicle.source}`);
    f.source.dataset.value = vehicle.source || '';
  } else {
    f.battery.textContent = t('noData');
    f.battery.dataset.value = '';
    f['gauge-fill'].style.width = '0';
    f.range.textContent = '';
    for (const k of ['charging', 'location', 'source']) {
      f[k].textContent = '–';
      f[k].dataset.value = '';
    }
    setTime(f.updated, null);
  }
  f.action.textContent = rec ? t(`action_${rec.action}`) : '–';
  f.action.dataset.action = rec ? rec.action : '';
  f.recommendation.dataset.action = rec ? rec.action : '';
  f.reason.textContent = rec ? (nb ? rec.reason_nb : rec.reason) : '';
  if (!f['mock-toggle'].disabled) {
    f['mock-toggle'].checked = !!details?.mock_mode;
  }
  const diag = details?.diagnostics || {};
  if (typeof diag.estimated_cost_usd === 'number') {
    const calls = Object.values(diag.api_calls_month || {}).reduce((a, b) => a + (Number(b) || 0), 0);
    f.cost.textContent = t('apiCost', { cost: diag.estimated_cost_usd.toFixed(2), calls })
      + (diag.throttled ? ` — ${t('apiThrottled')}` : '');
    f.cost.hidden = false;
  } else {
    f.cost.hidden = true;
  }
  f.error.hidden = !details?.error;
  f.error.textContent = details?.error || '';
}

async function setMockMode(id, checkbox) {
  const enabled = checkbox.checked;
  checkbox.disabled = true;
  const { fields } = card(id);
  try {
    await api(`api/settings/mock-mode/${encodeURIComponent(id)}`, { method: 'PUT', body: { enabled } });
    fields.error.hidden = true;
  } catch (e) {
    checkbox.checked = !enabled;
    fields.error.hidden = false;
    fields.error.textContent = t('requestFailed', { detail: problem(e) });
  } finally {
    checkbox.disabled = false;
  }
}

// ---- status ----

/** The reason without its "Charge the … first:" lead, which the banner's title already says. */
function reasonDetail(reason, title) {
  const colon = reason.indexOf(': ');
  if (colon > 0) {
    return reason.slice(colon + 2);
  }
  return reason === title ? '' : reason;
}

function render(status) {
  lastStatus = status;
  const banner = $('priority-banner');
  const nb = language() === 'nb';
  const id = status.priority_vehicle_id;
  banner.dataset.priority = id || 'none';
  const title = id ? t('priorityCharge', { name: status.priority_vehicle }) : t('priorityNone');
  const detail = reasonDetail((nb ? status.priority_reason_nb : status.priority_reason) || '', title);
  banner.querySelector('[data-testid="priority-title"]').textContent = detail ? `${title} —` : title;
  banner.querySelector('[data-testid="priority-reason"]').textContent = detail;

  const threshold = status.charge_threshold;
  const input = $('threshold-input');
  if (document.activeElement !== input && !input.dataset.dirty) {
    input.value = threshold;
    $('threshold-range').value = threshold;
  }
  const ids = [...new Set([...KNOWN_VEHICLES, ...Object.keys(status.vehicles || {})])];
  if (status.vehicles) {
    setCarOrder(Object.keys(status.vehicles));
  }
  for (const [vid, c] of cards) { // a placeholder for a car this household does not have (cars go by Thing id)
    if (status.vehicles && !(vid in status.vehicles)) {
      c.node.remove();
      cards.delete(vid);
    }
  }
  for (const vid of ids) {
    if (status.vehicles && vid in status.vehicles) {
      const car = status.vehicles[vid];
      renderCard(vid, car.status, car, car.recommendation, threshold);
    }
  }
  setCars(status.vehicles);
  setTime($('last-updated'), status.last_updated);
  setTime($('next-update'), status.next_update);
  if (updatePending && (updatePending.accepted || status.last_updated !== updatePending.since)) {
    finishUpdate();
  }
  scheduleRefresh();
}

async function loadStatus() {
  let status;
  try {
    status = await api('api/status');
  } catch (e) {
    $('priority-banner').querySelector('[data-testid="priority-reason"]').textContent = problem(e);
    return;
  }
  render(status);
}

// ---- controls ----

function wireThreshold() {
  const input = $('threshold-input');
  const range = $('threshold-range');
  const message = $('threshold-message');
  input.addEventListener('input', () => {
    input.dataset.dirty = '1';
    if (/^\d+$/.test(input.value)) {
      range.value = input.value;
    }
  });
  range.addEventListener('input', () => {
    input.dataset.dirty = '1';
    input.value = range.value;
  });
  $('threshold-form').addEventListener('submit', async (event) => {
    event.preventDefault();
    const text = input.value.trim();
    const value = Number(text);
    message.dataset.kind = 'error';
    if (!/^\d+$/.test(text) || value < 50 || value > 100) {
      message.textContent = t('thresholdInvalid');
      return;
    }
    $('threshold-apply').disabled = true;
    try {
      await api(`api/settings/threshold?threshold=${value}`, { method: 'PUT' });
      delete input.dataset.dirty;
      message.dataset.kind = 'ok';
      message.textContent = t('thresholdSaved', { value });
      if (wsState !== 'connected') {
        loadStatus();
      }
    } catch (e) {
      message.textContent = t('requestFailed', { detail: problem(e) });
    } finally {
      $('threshold-apply').disabled = false;
    }
  });
}

function finishUpdate() {
  if (updatePending) {
    clearTimeout(updatePending.timer);
  }
  updatePending = null;
  const button = $('update-now');
  button.disabled = false;
  button.textContent = t('updateNow');
}

function wireUpdate() {
  const button = $('update-now');
  button.addEventListener('click', async () => {
    button.disabled = true;
    button.textContent = t('updating');
    $('update-message').textContent = '';
    updatePending = { since: lastStatus?.last_updated, timer: setTimeout(finishUpdate, 15000) };
    try {
      await api('api/update', { method: 'POST' });
      if (updatePending) {
        // The next status is the update's (or a later one).
        updatePending.accepted = true;
      }
      if (wsState !== 'connected') {
        setTimeout(loadStatus, 1500);
      }
    } catch (e) {
      $('update-message').textContent = t('requestFailed', { detail: problem(e) });
      finishUpdate();
    }
  });
}

function wireLanguage() {
  const button = $('lang-switch');
  button.addEventListener('click', () => {
    setLanguage(language() === 'nb' ? 'en' : 'nb');
    applyLanguage();
  });
}

function applyLanguage() {
  translate();
  const button = $('lang-switch');
  button.textContent = t('switchTo');
  button.dataset.lang = language();
  showState(wsState);
  if (updatePending) {
    $('update-now').textContent = t('updating');
  }
  if (lastStatus) {
    render(lastStatus);
  }
  if (lastHistory) {
    drawHistory(lastHistory);
  }
  if (lastErrors) {
    drawErrors(lastErrors);
  }
  rerenderPlan();
}

function showState(state) {
  wsState = state;
  const el = $('ws-state');
  el.dataset.state = state;
  el.textContent = t(state === 'connected' ? 'wsConnected' : state === 'reconnecting' ? 'wsReconnecting' : 'wsConnecting');
}

// ---- history and errors ----

function wireHistory() {
  for (const button of document.querySelectorAll('[data-hours]')) {
    button.addEventListener('click', () => {
      historyHours = Number(button.dataset.hours);
      for (const b of document.querySelectorAll('[data-hours]')) {
        b.setAttribute('aria-pressed', String(b === button));
      }
      loadHistory();
    });
  }
}

async function loadHistory() {
  let data;
  try {
    // Beyond a day, about 1,500 points per car are all a chart can show (at a one-minute interval, 30 days are 43,200).
    const step = historyHours > 24 ? Math.ceil(historyHours * 60 / 1500) : 0;
    data = await api(`api/history?hours=${historyHours}` + (step ? `&step_minutes=${step}` : ''));
  } catch (e) {
    $('history-message').textContent = t('historyFailed', { detail: problem(e) });
    return;
  }
  lastHistory = data.readings;
  drawHistory(lastHistory);
}

function drawHistory(readings) {
  const drawn = chart.render(readings, lastStatus ? lastStatus.charge_threshold : 80);
  $('history-message').textContent = drawn ? '' : t('historyEmpty');
  $('history-chart').dataset.points = String(readings.length);
}

async function loadErrors() {
  try {
    lastErrors = await api('api/errors?hours=24');
  } catch (e) {
    $('errors-list').replaceChildren(item(t('requestFailed', { detail: problem(e) })));
    return;
  }
  drawErrors(lastErrors);
}

function item(text, cls) {
  const li = document.createElement('li');
  li.textContent = text;
  if (cls) {
    li.className = cls;
  }
  return li;
}

function drawErrors(data) {
  const list = $('errors-list');
  const items = [];
  if (data.source === 'memory') {
    items.push(item(t('errorsFromMemory'), 'note'));
  }
  for (const e of data.errors.slice(0, 20)) {
    const li = document.createElement('li');
    li.dataset.testid = 'error-item';
    const when = document.createElement('time');
    setTime(when, e.timestamp);
    const what = document.createElement('span');
    what.textContent = ` ${e.service}: ${e.message || e.error_type || ''}`;
    li.append(when, what);
    items.push(li);
  }
  if (!data.errors.length) {
    items.push(item(t('errorsEmpty'), 'empty'));
  }
  list.dataset.count = String(data.errors.length);
  list.replaceChildren(...items);
}

/** History and errors follow the live status, at most every few seconds. */
function scheduleRefresh() {
  if (refreshTimer) {
    return;
  }
  const wait = Math.max(0, lastRefresh + REFRESH_MIN_MS - Date.now());
  refreshTimer = setTimeout(() => {
    refreshTimer = null;
    lastRefresh = Date.now();
    loadHistory();
    loadErrors();
    loadPlan(); // the plan's sentence follows the clock; plan_update brings every new plan at once
  }, wait);
}

// ---- start ----

function start() {
  applyLanguage();
  for (const id of KNOWN_VEHICLES) {
    card(id);
  }
  wireThreshold();
  wireUpdate();
  wireLanguage();
  wireHistory();
  wirePlan(loadPlan);
  // The first request finds out whether a token is needed (and asks for it) before the WebSocket connects.
  loadStatus().finally(() => {
    connect({
      onStatus: render,
      onPlan: renderPlan,
      onState: showState,
      onHandshakeFailed: () => {
        if (Date.now() - lastProbe > 10000) {
          lastProbe = Date.now();
          api('api/status').then(render, () => {});
        }
      },
    });
  });
}

start();
