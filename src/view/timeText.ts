// Times as the tree shows them: local, to the minute, in a fixed sortable shape.

/** `2026-11-27 15:05` in the machine's time zone; the API's text unchanged when it is not a date. */
export function formatDateTime(apiTime: string): string {
  const date = new Date(apiTime);
  if (!apiTime || Number.isNaN(date.getTime())) return apiTime;
  const two = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${two(date.getMonth() + 1)}-${two(date.getDate())} ${two(date.getHours())}:${two(date.getMinutes())}`;
}

/** Milliseconds since the epoch, or 0 when the text is not a date (sorts last when newest first). */
export function timeValue(apiTime: string | undefined): number {
  const ms = apiTime ? Date.parse(apiTime) : NaN;
  return Number.isNaN(ms) ? 0 : ms;
}
