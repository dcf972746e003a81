// Feed dates as they occur in the wild: RFC 822 with zone names, ISO 8601 with or without a zone, localised month
// names, and free text. A date without a zone is read as UTC so the result never depends on the host's zone.

import { createRequire } from 'node:module';

// chrono-node costs ~20 MB once loaded and only free-text dates need it: load it on first use.
let chrono: typeof import('chrono-node') | null = null;
const loadChrono = (): typeof import('chrono-node') =>
  (chrono ??= createRequire(import.meta.url)('chrono-node') as typeof import('chrono-node'));

/** Entries dated further ahead than this are mis-dated (or hostile: a far-future date would stay "new" forever). */
const MAX_FUTURE_MS = 2 * 24 * 60 * 60 * 1000;
const EARLIEST = Date.UTC(1990, 0, 1);
const MAX_DATE_CHARS = 100;

// Zones V8's Date.parse does not know; US zones (EST, PDT, …), GMT, UT and UTC it does.
const ZONE_OFFSETS: Record<string, string> = {
  CET: '+0100',
  CEST: '+0200',
  MET: '+0100',
  MEST: '+0200',
  EET: '+0200',
  EEST: '+0300',
  WET: '+0000',
  WEST: '+0100',
  BST: '+0100',
  IST: '+0530',
  MSK: '+0300',
  JST: '+0900',
  KST: '+0900',
  HKT: '+0800',
  SGT: '+0800',
  AWST: '+0800',
  ACST: '+0930',
  AEST: '+1000',
  AEDT: '+1100',
  NZST: '+1200',
  NZDT: '+1300',
  BRT: '-0300',
  ART: '-0300',
  Z: '+0000',
};

// Month names of the languages feeds most often localise RFC 822 dates into (pt, es, fr, de, it, nl, ru).
const MONTHS: Record<string, string> = {
  jan: 'Jan',
  janv: 'Jan',
  ene: 'Jan',
  gen: 'Jan',
  jän: 'Jan',
  janeiro: 'Jan',
  enero: 'Jan',
  janvier: 'Jan',
  januar: 'Jan',
  fev: 'Feb',
  fév: 'Feb',
  févr: 'Feb',
  feb: 'Feb',
  fevereiro: 'Feb',
  febrero: 'Feb',
  février: 'Feb',
  februar: 'Feb',
  mar: 'Mar',
  mars: 'Mar',
  mär: 'Mar',
  março: 'Mar',
  marzo: 'Mar',
  märz: 'Mar',
  maart: 'Mar',
  abr: 'Apr',
  avr: 'Apr',
  apr: 'Apr',
  abril: 'Apr',
  avril: 'Apr',
  april: 'Apr',
  aprile: 'Apr',
  mai: 'May',
  mag: 'May',
  may: 'May',
  mei: 'May',
  maio: 'May',
  mayo: 'May',
  maggio: 'May',
  jun: 'Jun',
  juin: 'Jun',
  giu: 'Jun',
  junho: 'Jun',
  junio: 'Jun',
  juni: 'Jun',
  giugno: 'Jun',
  jul: 'Jul',
  juil: 'Jul',
  lug: 'Jul',
  julho: 'Jul',
  julio: 'Jul',
  juillet: 'Jul',
  juli: 'Jul',
  luglio: 'Jul',
  ago: 'Aug',
  aoû: 'Aug',
  août: 'Aug',
  aug: 'Aug',
  agosto: 'Aug',
  augustus: 'Aug',
  set: 'Sep',
  sep: 'Sep',
  sept: 'Sep',
  setembro: 'Sep',
  septiembre: 'Sep',
  septembre: 'Sep',
  settembre: 'Sep',
  out: 'Oct',
  oct: 'Oct',
  okt: 'Oct',
  ott: 'Oct',
  outubro: 'Oct',
  octubre: 'Oct',
  octobre: 'Oct',
  oktober: 'Oct',
  nov: 'Nov',
  novembro: 'Nov',
  noviembre: 'Nov',
  novembre: 'Nov',
  november: 'Nov',
  dez: 'Dec',
  dic: 'Dec',
  déc: 'Dec',
  dec: 'Dec',
  dezembro: 'Dec',
  diciembre: 'Dec',
  décembre: 'Dec',
  dezember: 'Dec',
  янв: 'Jan',
  фев: 'Feb',
  мар: 'Mar',
  апр: 'Apr',
  май: 'May',
  мая: 'May',
  июн: 'Jun',
  июл: 'Jul',
  авг: 'Aug',
  сен: 'Sep',
  окт: 'Oct',
  ноя: 'Nov',
  дек: 'Dec',
};

const ISO_WITHOUT_ZONE = /^(\d{4}-\d{2}-\d{2})[ T](\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?)$/;
const EXPLICIT_ZONE = /(?:[+-]\d{2}:?\d{2}|\b(?:GMT|UTC|UT|[ECMP][SD]T)|\dZ)$/i;

/** The instant a feed date names, or null when it names none (or an implausible one). */
export function parseFeedDate(raw: string, now: Date = new Date()): Date | null {
  const text = raw.replace(/\s+/g, ' ').trim();
  if (text.length === 0 || text.length > MAX_DATE_CHARS) return null;
  const date = parseText(text, now);
  if (date === null) return null;
  const time = date.getTime();
  if (Number.isNaN(time) || time < EARLIEST || time > now.getTime() + MAX_FUTURE_MS) return null;
  return date;
}

function parseText(text: string, now: Date): Date | null {
  const iso = ISO_WITHOUT_ZONE.exec(text);
  if (iso) return validDate(`${iso[1]}T${iso[2]}Z`);
  if (/^\d{4}-\d{2}-\d{2}$/.test(text)) return validDate(`${text}T00:00:00Z`);

  const rfc = englishRfc822(text);
  if (EXPLICIT_ZONE.test(rfc)) {
    const parsed = validDate(rfc);
    if (parsed) return parsed;
  }
  // Free text ("March 5, 2024 2:00 pm") only with a year in it: chrono would read "Monday" relative to today.
  if (!/\b(19|20)\d{2}\b/.test(rfc)) return null;
  const parsed = loadChrono().parseDate(rfc, { instant: now, timezone: 'UTC' });
  // chrono puts a bare day at noon; midnight UTC matches how ISO dates without a time are read.
  if (parsed !== null && !/\d:\d/.test(rfc)) parsed.setUTCHours(0, 0, 0, 0);
  return parsed;
}

/** Localised day and month names to English, unknown zone names to offsets. */
function englishRfc822(text: string): string {
  let out = text.replace(/^[\p{L}]{2,12}\.?,\s*/u, ''); // the weekday adds nothing and may be in any language
  out = out.replace(/\p{L}+\.?/gu, (word) => {
    const key = word.replace(/\.$/, '').toLowerCase();
    return MONTHS[key] ?? word;
  });
  out = out.replace(/\b([A-Z]{1,4})$/, (zone) => ZONE_OFFSETS[zone] ?? zone);
  return out;
}

function validDate(text: string): Date | null {
  const date = new Date(text);
  return Number.isNaN(date.getTime()) ? null : date;
}
