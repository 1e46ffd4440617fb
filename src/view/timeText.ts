// Times as people read them: local, to the minute, in the display language's own shape (the
// activation passes vscode.env.language in; this module stays pure). Sorting never uses the text.

export interface TimeTextOptions {
  /** A BCP 47 tag such as `en`, `zh-cn`, `zh-tw`; defaults to the language set at activation. */
  language?: string;
  /** An IANA zone; defaults to the machine's (tests pass one so their expectations are exact). */
  timeZone?: string;
}

let displayLanguage = 'en';

/** Called once at activation with `vscode.env.language`. */
export function setDisplayLanguage(language: string): void {
  displayLanguage = usableLanguage(language);
}

/**
 * `Nov 27, 2026, 3:05 PM`, `2026年11月27日 15:05`, `2026年11月27日 下午3:05`: the medium date
 * names the month in English, so day and month are never confused; Chinese reads as the console writes
 * it. The API's text unchanged when it is not a date.
 */
export function formatDateTime(apiTime: string, options: TimeTextOptions = {}): string {
  const date = new Date(apiTime);
  if (!apiTime || Number.isNaN(date.getTime())) return apiTime;
  const language = options.language === undefined ? displayLanguage : usableLanguage(options.language);
  return formatterFor(language, options.timeZone).format(date);
}

// Making a DateTimeFormat costs far more than using one, and a tree of 10,000 disks formats a time
// per tooltip: one formatter per language and zone.
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(language: string, timeZone: string | undefined): Intl.DateTimeFormat {
  const key = `${language}\u0000${timeZone ?? ''}`;
  let formatter = formatters.get(key);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat(language, { dateStyle: 'medium', timeStyle: 'short', timeZone });
    formatters.set(key, formatter);
  }
  return formatter;
}

/** Milliseconds since the epoch, or 0 when the text is not a date (sorts last when newest first). */
export function timeValue(apiTime: string | undefined): number {
  const ms = apiTime ? Date.parse(apiTime) : NaN;
  return Number.isNaN(ms) ? 0 : ms;
}

/** The tag when Intl knows it, else English (a malformed tag would make Intl throw). */
function usableLanguage(language: string): string {
  try {
    return language && Intl.DateTimeFormat.supportedLocalesOf([language]).length > 0 ? language : 'en';
  } catch {
    return 'en';
  }
}
