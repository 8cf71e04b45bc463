// Small display formatters shared by the screens.

/** 1536 → "1.5 KiB". */
export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  const units = ['KiB', 'MiB', 'GiB', 'TiB'];
  let v = n / 1024;
  let i = 0;
  while (v >= 1024 && i < units.length - 1) { v /= 1024; i++; }
  return `${v.toFixed(v < 10 ? 1 : 0)} ${units[i]}`;
}

/** An ISO string or ms epoch as local "YYYY-MM-DD HH:MM:SS". */
export function formatTime(t: string | number | null): string {
  if (t === null || t === '') return '—';
  const d = new Date(t);
  if (Number.isNaN(d.getTime())) return '—';
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())}:${p(d.getSeconds())}`;
}

/** Pretty-print JSON text; other text unchanged. */
export function prettyJson(text: string | null): string {
  if (!text) return '';
  try {
    return JSON.stringify(JSON.parse(text), null, 2);
  } catch {
    return text;
  }
}

/** The last path segment of a key or folder prefix ("a/b/" → "b/"). */
export function baseName(key: string, prefix: string): string {
  return key.startsWith(prefix) ? key.slice(prefix.length) : key;
}

/** Like formatTime, but only "HH:MM:SS" when `t` is today (for narrow columns). */
export function formatWhen(t: number, now = Date.now()): string {
  const full = formatTime(t);
  return full.slice(0, 10) === formatTime(now).slice(0, 10) ? full.slice(11) : full;
}

/** A duration in words for "next try in …": "now", "12 s", "3 min", "1 h 5 min", "2 d 3 h". */
export function formatDuration(ms: number): string {
  const s = Math.round(ms / 1000);
  if (s <= 0) return 'now';
  if (s < 60) return `${s} s`;
  const m = Math.round(s / 60);
  if (m < 60) return `${m} min`;
  const h = Math.floor(m / 60);
  if (h < 24) return m % 60 ? `${h} h ${m % 60} min` : `${h} h`;
  const d = Math.floor(h / 24);
  return h % 24 ? `${d} d ${h % 24} h` : `${d} d`;
}
