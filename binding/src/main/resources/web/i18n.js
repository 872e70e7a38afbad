// All user-visible strings, English and Norwegian Bokmål. Keys are used by data-i18n attributes and t().
const STRINGS = {
  en: {
    planTitle: "Tonight's plan",
    planRule: 'No departures and no prices: the charge threshold rule decides. Set a departure below to plan the night.',
    planNoPrices: 'No spot prices known: planned by departures and urgency only.',
    planTimeline: 'Which car is on the charger, over the spot price',
    planNextSwap: 'Next cable swap',
    planCost: 'Planned cost',
    planCharges: 'charges {from}–{to}',
    planNoCharge: 'no charging planned',
    planAway: 'away, planned when it comes home',
    planExpected: '{pct} % at departure (target {target} %)',
    planLeaves: ', leaves {time}',
    planShort: 'short by {pct} %',
    planLegendPrice: 'Spot price ({currency}/kWh)',
    planLegendSwap: 'Cable swap',
    planLegendNow: 'Now',
    departureTitle: 'Departures',
    departureCar: 'Car',
    departureTimes: 'Leaves',
    departureTarget: 'Target %',
    departureSaved: 'Saved: the {name} leaves {times}',
    departureNone: 'never (no departures)',
    title: 'Charge Priority',
    loading: 'Loading…',
    wsConnecting: 'Connecting…',
    wsConnected: 'Live',
    wsReconnecting: 'Reconnecting…',
    switchTo: 'Norsk',
    priorityCharge: 'Charge the {name} first',
    priorityNone: 'No car needs the charger now',
    controls: 'Settings and updates',
    threshold: 'Charge up to',
    apply: 'Apply',
    thresholdSaved: 'Saved: charge up to {value} %',
    thresholdInvalid: 'Enter a whole number from 50 to 100',
    updateNow: 'Update now',
    updating: 'Updating…',
    lastUpdated: 'Last updated',
    nextUpdate: 'Next update',
    history: 'Battery history',
    h24: '24 h',
    d7: '7 d',
    d30: '30 d',
    historyEmpty: 'No readings in this period yet',
    historyFailed: 'The history cannot be loaded: {detail}',
    thresholdSeries: 'Threshold',
    errors: 'Recent errors',
    errorsEmpty: 'No errors in the last 24 hours',
    errorsFromMemory: 'The history database cannot be read; these are the errors since the last start.',
    tokenTitle: 'API token',
    tokenHelp: 'This installation needs its API token. It is kept in this browser only.',
    tokenWrong: 'That token was not accepted',
    save: 'Save',
    simulated: 'Simulated',
    stale: 'Stale',
    charging: 'Charging',
    location: 'Location',
    updated: 'Updated',
    source: 'Source',
    mockMode: 'Simulation (mock mode)',
    apiCost: 'Fleet API this month: ${cost} ({calls} billable calls)',
    apiThrottled: 'polling slowed down to stay in the budget',
    noData: 'No data yet',
    chargingAt: 'Charging at {power} kW',
    chargingNow: 'Charging',
    pluggedIn: 'Plugged in, not charging',
    notPluggedIn: 'Not plugged in',
    home: 'Home',
    away: 'Away',
    unknown: 'Unknown',
    rangeKm: '{range} km range',
    action_CHARGE: 'Charge',
    action_NO_CHARGE: "Don't charge",
    action_CONTINUE_CHARGING: 'Keep charging',
    source_simulation: 'Simulation',
    'source_fleet-api': 'Tesla Fleet API',
    source_obd: 'OBD-II adapter',
    source_pushed: 'openHAB items or HTTP',
    requestFailed: 'That did not work: {detail}',
    offline: 'The server cannot be reached',
  },
  nb: {
    planTitle: 'Nattens plan',
    planRule: 'Ingen avreiser og ingen priser: ladegrenseregelen avgjør. Sett en avreise under for å planlegge natten.',
    planNoPrices: 'Ingen spotpriser er kjent: planlagt bare etter avreiser og hvor mye det haster.',
    planTimeline: 'Hvilken bil som står på laderen, over spotprisen',
    planNextSwap: 'Neste kabelbytte',
    planCost: 'Planlagt kostnad',
    planCharges: 'lader {from}–{to}',
    planNoCharge: 'ingen lading planlagt',
    planAway: 'borte, planlegges når den kommer hjem',
    planExpected: '{pct} % ved avreise (mål {target} %)',
    planLeaves: ', kjører {time}',
    planShort: 'mangler {pct} %',
    planLegendPrice: 'Spotpris ({currency}/kWh)',
    planLegendSwap: 'Kabelbytte',
    planLegendNow: 'Nå',
    departureTitle: 'Avreiser',
    departureCar: 'Bil',
    departureTimes: 'Kjører',
    departureTarget: 'Mål %',
    departureSaved: 'Lagret: {name} kjører {times}',
    departureNone: 'aldri (ingen avreiser)',
    title: 'Ladeprioritet',
    loading: 'Laster…',
    wsConnecting: 'Kobler til…',
    wsConnected: 'Direkte',
    wsReconnecting: 'Kobler til igjen…',
    switchTo: 'English',
    priorityCharge: 'Lad {name} først',
    priorityNone: 'Ingen bil trenger laderen nå',
    controls: 'Innstillinger og oppdatering',
    threshold: 'Lad opp til',
    apply: 'Bruk',
    thresholdSaved: 'Lagret: lad opp til {value} %',
    thresholdInvalid: 'Skriv et heltall fra 50 til 100',
    updateNow: 'Oppdater nå',
    updating: 'Oppdaterer…',
    lastUpdated: 'Sist oppdatert',
    nextUpdate: 'Neste oppdatering',
    history: 'Batterihistorikk',
    h24: '24 t',
    d7: '7 d',
    d30: '30 d',
    historyEmpty: 'Ingen målinger i denne perioden ennå',
    historyFailed: 'Historikken kan ikke lastes: {detail}',
    thresholdSeries: 'Ladegrense',
    errors: 'Siste feil',
    errorsEmpty: 'Ingen feil siste døgn',
    errorsFromMemory: 'Historikkdatabasen kan ikke leses; dette er feilene siden siste oppstart.',
    tokenTitle: 'API-nøkkel',
    tokenHelp: 'Denne installasjonen krever API-nøkkelen. Den lagres bare i denne nettleseren.',
    tokenWrong: 'Nøkkelen ble ikke godtatt',
    save: 'Lagre',
    simulated: 'Simulert',
    stale: 'Utdatert',
    charging: 'Lading',
    location: 'Posisjon',
    updated: 'Oppdatert',
    source: 'Kilde',
    mockMode: 'Simulering (testmodus)',
    apiCost: 'Fleet API denne måneden: ${cost} ({calls} fakturerbare kall)',
    apiThrottled: 'avlesingen går sjeldnere for å holde budsjettet',
    noData: 'Ingen data ennå',
    chargingAt: 'Lader med {power} kW',
    chargingNow: 'Lader',
    pluggedIn: 'Tilkoblet, lader ikke',
    notPluggedIn: 'Ikke tilkoblet',
    home: 'Hjemme',
    away: 'Borte',
    unknown: 'Ukjent',
    rangeKm: '{range} km rekkevidde',
    action_CHARGE: 'Lad',
    action_NO_CHARGE: 'Ikke lad',
    action_CONTINUE_CHARGING: 'Fortsett ladingen',
    source_simulation: 'Simulering',
    'source_fleet-api': 'Tesla Fleet API',
    source_obd: 'OBD-II-adapter',
    source_pushed: 'openHAB-elementer eller HTTP',
    requestFailed: 'Det gikk ikke: {detail}',
    offline: 'Serveren svarer ikke',
  },
};

const KEY = 'chargepriority.lang';
let lang = initialLanguage();

function initialLanguage() {
  const saved = localStorage.getItem(KEY);
  if (saved === 'en' || saved === 'nb') {
    return saved;
  }
  const preferred = (navigator.languages && navigator.languages.length ? navigator.languages : [navigator.language || 'en']);
  for (const l of preferred) {
    const code = String(l).toLowerCase();
    if (code.startsWith('nb') || code.startsWith('no') || code.startsWith('nn')) {
      return 'nb';
    }
    if (code.startsWith('en')) {
      return 'en';
    }
  }
  return 'en';
}

export function language() {
  return lang;
}

/** The BCP 47 locale for dates and numbers. */
export function locale() {
  return lang === 'nb' ? 'nb-NO' : 'en-GB';
}

export function setLanguage(next) {
  lang = next === 'nb' ? 'nb' : 'en';
  localStorage.setItem(KEY, lang);
}

export function t(key, params = {}) {
  const text = STRINGS[lang][key] ?? STRINGS.en[key] ?? key;
  return text.replace(/\{(\w+)\}/g, (m, name) => (name in params ? String(params[name]) : m));
}

/** Fills every element with a data-i18n attribute below root. */
export function translate(root = document) {
  document.documentElement.lang = lang;
  for (const el of root.querySelectorAll('[data-i18n]')) {
    el.textContent = t(el.dataset.i18n);
  }
}
