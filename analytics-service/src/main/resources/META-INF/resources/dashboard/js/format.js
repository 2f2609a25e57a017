// Number and time formatting shared by every page (en-US, UTC).

export function num(value, digits = 2) {
  if (value === null || value === undefined || Number.isNaN(value)) {
    return '–';
  }
  return Number(value).toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: 0 });
}

export function percent(value) {
  if (value === null || value === undefined) {
    return '–';
  }
  return (value > 0 ? '+' : '') + num(value, 1) + ' %';
}

/** 2026-03-01 18:05 UTC */
export function time(iso) {
  if (!iso) {
    return '–';
  }
  return iso.replace('T', ' ').replace(/:\d\d(\.\d+)?Z$/, '') + ' UTC';
}

export function duration(seconds) {
  if (seconds === null || seconds === undefined) {
    return '–';
  }
  const s = Math.max(0, Math.round(seconds));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const r = s % 60;
  return (h ? h + 'h' : '') + (h || m ? m + 'm' : '') + r + 's';
}

export function esc(text) {
  return String(text ?? '').replace(/[&<>"']/g, c => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c]));
}

/** https://www.twitch.tv/videos/123?t=1h2m3s */
export function vodLink(videoId, offsetSeconds) {
  if (!videoId) {
    return null;
  }
  return 'https://www.twitch.tv/videos/' + encodeURIComponent(videoId)
      + (offsetSeconds !== null && offsetSeconds !== undefined ? '?t=' + duration(offsetSeconds) : '');
}
