// Trino's text forms of dates, times and timestamps, parsed and printed without `Date`: `Date`
// covers only ±273,790 years and applies the host's zone rules, while Trino dates reach far
// further and must come back exactly. Civil-day arithmetic after Howard Hinnant's algorithms.

/** Days since 1970-01-01 of a proleptic Gregorian date. */
export function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const mp = (month + 9) % 12;
  const doy = Math.floor((153 * mp + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

/** The proleptic Gregorian date of a day count since 1970-01-01. */
export function civilFromDays(days: number): { year: number; month: number; day: number } {
  const z = days + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor(
    (doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365,
  );
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  const year = yoe + era * 400 + (month <= 2 ? 1 : 0);
  return { year, month, day };
}

const pad = (n: number, width: number) => String(n).padStart(width, '0');

/** `2020-01-02`, `-0001-01-01` (year 2 BC), `+10000-01-01`: the form Trino prints. */
export function formatDays(days: number): string {
  const { year, month, day } = civilFromDays(days);
  const y = year < 0 ? `-${pad(-year, 4)}` : year > 9999 ? `+${String(year)}` : pad(year, 4);
  return `${y}-${pad(month, 2)}-${pad(day, 2)}`;
}

/** Index just past the date part of `2020-01-02...`, with the day count it denotes. */
function parseDatePart(text: string): { days: number; end: number } {
  let i = 0;
  let sign = 1;
  if (text.charCodeAt(0) === 45 /* - */) {
    sign = -1;
    i = 1;
  } else if (text.charCodeAt(0) === 43 /* + */) {
    i = 1;
  }
  const dash = text.indexOf('-', i);
  const year = sign * Number(text.slice(i, dash));
  const month = (text.charCodeAt(dash + 1) - 48) * 10 + (text.charCodeAt(dash + 2) - 48);
  const day = (text.charCodeAt(dash + 4) - 48) * 10 + (text.charCodeAt(dash + 5) - 48);
  return { days: daysFromCivil(year, month, day), end: dash + 6 };
}

export function parseDate(text: string): number {
  // Fast path for the common `YYYY-MM-DD` (years 0000-9999). Written out char by char: a
  // digit-reading closure here made it ten times slower in V8.
  if (text.length === 10 && text.charCodeAt(4) === 45) {
    const year =
      (text.charCodeAt(0) - 48) * 1000 +
      (text.charCodeAt(1) - 48) * 100 +
      (text.charCodeAt(2) - 48) * 10 +
      (text.charCodeAt(3) - 48);
    const month = (text.charCodeAt(5) - 48) * 10 + (text.charCodeAt(6) - 48);
    const day = (text.charCodeAt(8) - 48) * 10 + (text.charCodeAt(9) - 48);
    return daysFromCivil(year, month, day);
  }
  return parseDatePart(text).days;
}

/**
 * `HH:MM:SS[.fffffffff]` from `start`: whole seconds of the day, the fraction's digits as an
 * integer and how many digits it had, and the index just past it.
 */
function parseTimePart(text: string, start: number) {
  const s = start;
  const seconds =
    ((text.charCodeAt(s) - 48) * 10 + (text.charCodeAt(s + 1) - 48)) * 3600 +
    ((text.charCodeAt(s + 3) - 48) * 10 + (text.charCodeAt(s + 4) - 48)) * 60 +
    (text.charCodeAt(s + 6) - 48) * 10 +
    (text.charCodeAt(s + 7) - 48);
  let i = start + 8;
  let fraction = 0;
  let digits = 0;
  if (text.charCodeAt(i) === 46 /* . */) {
    i++;
    for (let c = text.charCodeAt(i); c >= 48 && c <= 57; c = text.charCodeAt(++i)) {
      fraction = fraction * 10 + (c - 48);
      digits++;
    }
  }
  return { seconds, fraction, digits, end: i };
}

/** Powers of ten up to 10^12 (picoseconds), exact as doubles. */
const POW10 = [1, 10, 100, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12];

/** A fraction with `digits` digits rescaled to `unitDigits` (0, 3, 6, 9); never rounds up. */
function rescale(fraction: number, digits: number, unitDigits: number): number {
  if (digits === unitDigits) return fraction;
  if (digits < unitDigits) return fraction * POW10[unitDigits - digits]!;
  return Math.floor(fraction / POW10[digits - unitDigits]!);
}

/** Time of day in `unitDigits` (0 s, 3 ms, 6 µs, 9 ns) units, plus where the text stopped. */
export function parseTimeOfDay(text: string, unitDigits: number): { value: number; end: number } {
  const t = parseTimePart(text, 0);
  return {
    value: t.seconds * POW10[unitDigits]! + rescale(t.fraction, t.digits, unitDigits),
    end: t.end,
  };
}

/** `+05:30` / `-08:00` as minutes east of UTC. */
export function parseOffsetMinutes(text: string, start: number): number {
  const sign = text.charCodeAt(start) === 45 ? -1 : 1;
  const h = Number(text.slice(start + 1, start + 3));
  const m = Number(text.slice(start + 4, start + 6));
  return sign * (h * 60 + m);
}

/**
 * Offsets of named zones (`Europe/Paris`) at an instant, from the host's Intl time zone data:
 * the only zone database a browser offers. Cached per zone and minute, since a column usually
 * repeats a handful of zones (not per hour: Adelaide, for one, changes offset at :30 UTC).
 */
const zoneFormats = new Map<string, Intl.DateTimeFormat>();
const offsetCache = new Map<string, number>();

function zoneOffsetMinutesAt(zone: string, epochMs: number): number {
  const key = `${zone}@${Math.floor(epochMs / 60_000)}`;
  const hit = offsetCache.get(key);
  if (hit !== undefined) return hit;
  let fmt = zoneFormats.get(zone);
  if (!fmt) {
    fmt = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      era: 'short',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    zoneFormats.set(zone, fmt);
  }
  const parts: Record<string, string> = {};
  for (const p of fmt.formatToParts(new Date(epochMs))) parts[p.type] = p.value;
  const yearNum = Number(parts.year);
  const year = parts.era === 'BC' || parts.era === 'B' ? 1 - yearNum : yearNum;
  const wall =
    daysFromCivil(year, Number(parts.month), Number(parts.day)) * 86_400_000 +
    (Number(parts.hour) * 3600 + Number(parts.minute) * 60 + Number(parts.second)) * 1000;
  const floorSecond = Math.floor(epochMs / 1000) * 1000;
  const offset = Math.round((wall - floorSecond) / 60_000);
  if (offsetCache.size > 10_000) offsetCache.clear();
  offsetCache.set(key, offset);
  return offset;
}

/** Minutes east of UTC of `zone` (`UTC`, `+05:30`, a region name) at an instant. */
export function zoneOffsetMinutes(zone: string, epochMs: number): number {
  if (zone === 'UTC' || zone === 'Z') return 0;
  const fixed = /^([+-])(\d\d):?(\d\d)$/.exec(zone);
  if (fixed) return (fixed[1] === '-' ? -1 : 1) * (Number(fixed[2]) * 60 + Number(fixed[3]));
  return zoneOffsetMinutesAt(zone, epochMs);
}

/**
 * Offset in minutes of a zone for a wall-clock time there, resolved as Java (and so Trino)
 * resolves it: in an autumn overlap the earlier offset, in a spring gap the offset before it.
 */
function offsetForWallClock(zone: string, wallSeconds: number): number {
  const wall = wallSeconds * 1000;
  const before = zoneOffsetMinutesAt(zone, wall - 86_400_000);
  const after = zoneOffsetMinutesAt(zone, wall + 86_400_000);
  if (zoneOffsetMinutesAt(zone, wall - before * 60_000) === before) return before;
  if (zoneOffsetMinutesAt(zone, wall - after * 60_000) === after) return after;
  return before;
}

/** Splits a Trino timestamp text into epoch seconds (UTC) and the fraction's digits. */
export interface ParsedTimestamp {
  /** Whole seconds since the epoch, already moved to UTC when the text carried a zone. */
  seconds: number;
  fraction: number;
  digits: number;
}

/**
 * `2020-01-02 03:04:05.123456[ zone]`, where zone is `UTC`, `+01:00` or a region name. Without a
 * zone the seconds count wall-clock time (Arrow's zone-less timestamp); with one, the instant.
 */
export function parseTimestamp(text: string): ParsedTimestamp {
  const date = parseDatePart(text);
  const time = parseTimePart(text, date.end + 1);
  let seconds = date.days * 86_400 + time.seconds;
  if (time.end < text.length) {
    const zone = text.slice(time.end + 1);
    const c = zone.charCodeAt(0);
    if (c === 43 || c === 45) seconds -= parseOffsetMinutes(zone, 0) * 60;
    else if (zone !== 'UTC' && zone !== 'Z') seconds -= offsetForWallClock(zone, seconds) * 60;
  }
  return { seconds, fraction: time.fraction, digits: time.digits };
}

/**
 * A parsed timestamp in `unitDigits` units (0, 3, 6, 9) as a 64-bit integer. Plain doubles while
 * they stay exact (to 2^53), BigInt arithmetic beyond.
 */
export function timestampToUnit(t: ParsedTimestamp, unitDigits: number): bigint {
  const frac = rescale(t.fraction, t.digits, unitDigits);
  const scaled = t.seconds * POW10[unitDigits]! + frac;
  if (Number.isSafeInteger(scaled)) return BigInt(scaled);
  return BigInt(t.seconds) * BigInt(POW10[unitDigits]!) + BigInt(frac);
}

/** `HH:MM:SS[.f…]` of a count of `unitDigits` units within a day. */
export function formatTimeOfDay(value: bigint | number, unitDigits: number): string {
  const scale = BigInt(POW10[unitDigits]!);
  const v = BigInt(value);
  const secs = Number(v / scale);
  const frac = v % scale;
  const hh = Math.floor(secs / 3600);
  const mm = Math.floor((secs % 3600) / 60);
  const ss = secs % 60;
  const base = `${pad(hh, 2)}:${pad(mm, 2)}:${pad(ss, 2)}`;
  return unitDigits ? `${base}.${frac.toString().padStart(unitDigits, '0')}` : base;
}

/** `YYYY-MM-DD HH:MM:SS[.f…]` of an epoch count in `unitDigits` units. */
export function formatTimestamp(value: bigint, unitDigits: number): string {
  const scale = BigInt(POW10[unitDigits]!);
  let secs = value / scale;
  let frac = value % scale;
  if (frac < 0n) {
    frac += scale;
    secs -= 1n;
  }
  const s = Number(secs);
  const days = Math.floor(s / 86_400);
  const tod = BigInt(s - days * 86_400) * scale + frac;
  return `${formatDays(days)} ${formatTimeOfDay(tod, unitDigits)}`;
}
