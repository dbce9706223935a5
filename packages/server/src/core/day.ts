const pad = (value: number): string => String(value).padStart(2, '0');

/** The user's calendar day (local time zone) as YYYY-MM-DD: "today" in the Consommation API block. */
export function dayOf(date: Date): string {
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}
