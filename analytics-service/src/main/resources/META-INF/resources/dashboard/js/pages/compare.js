// Comparison of channels: the comparison table and their viewer timelines on one chart.
import { get } from '../api.js';
import { panel, lineChart, table, align, epoch } from '../chart.js';
import { num } from '../format.js';

export const controls = ['logins', 'range', 'granularity'];

const COLUMNS = ['login', 'displayName', 'followers', 'averageViewers', 'hoursWatched', 'airtimeHours', 'chatMessages',
  'chatMessagesPerLiveMinute', 'clips7d', 'averageClipViews', 'vods30d', 'averageVodHours', 'vodViews', 'hasSchedule', 'teams'];

export async function render(main, s) {
  const logins = (s.logins || s.login || '').split(',').map(l => l.trim()).filter(Boolean);
  main.insertAdjacentHTML('beforeend', '<h1>Compare channels</h1>');
  if (!logins.length) {
    main.insertAdjacentHTML('beforeend', '<p class="empty">Enter channel logins, comma-separated.</p>');
    return;
  }
  const range = { from: s.from || '7d', to: s.to || 'now' };
  const g = s.g || '1h';
  const [comparison, ...series] = await Promise.all([get('/channels/compare', { ...range, login: logins })]
      .concat(logins.map(l => get(`/channels/${encodeURIComponent(l)}/viewers`, { ...range, granularity: g }))));
  const rows = comparison.channels;
  const tBody = panel(main, { id: 'compare', title: 'Side by side',
    csv: { filename: `compare-${logins.join('-')}.csv`, columns: COLUMNS, rows } });
  table(tBody, [
    { key: 'login', label: 'Channel' },
    { key: 'followers', label: 'Followers', num: true, format: v => num(v, 0) },
    { key: 'averageViewers', label: 'Avg viewers', num: true, format: v => num(v, 1) },
    { key: 'hoursWatched', label: 'Hours watched', num: true, format: v => num(v, 1) },
    { key: 'airtimeHours', label: 'Airtime h', num: true, format: v => num(v, 2) },
    { key: 'chatMessages', label: 'Chat messages', num: true, format: v => num(v, 0) },
    { key: 'chatMessagesPerLiveMinute', label: 'Chat/live min', num: true, format: v => num(v, 2) },
    { key: 'clips7d', label: 'Clips 7 d', num: true, format: v => num(v, 0) },
    { key: 'averageClipViews', label: 'Avg clip views', num: true, format: v => num(v, 1) },
    { key: 'vods30d', label: 'VODs 30 d', num: true, format: v => num(v, 0) },
    { key: 'averageVodHours', label: 'Avg VOD h', num: true, format: v => num(v, 2) },
    { key: 'vodViews', label: 'VOD views', num: true, format: v => num(v, 0) },
    { key: 'hasSchedule', label: 'Schedule', format: v => v === null || v === undefined ? '–' : v ? 'yes' : 'no' },
    { key: 'teams', label: 'Teams', format: v => (v || []).join(', ') || '–' },
  ], rows, { bar: 'averageViewers' });

  const aligned = align(series.map((v, i) => ({
    label: logins[i], points: v.points.filter(p => p.averageViewers !== null).map(p => ({ x: epoch(p.start), y: p.averageViewers })),
  })));
  const csvRows = aligned.x.map((x, i) => {
    const row = { start: new Date(x * 1000).toISOString().replace('.000Z', 'Z') };
    logins.forEach((l, j) => { row[l] = aligned.series[j].values[i]; });
    return row;
  });
  const cBody = panel(main, { id: 'compare-viewers', title: `Average viewers per ${g}`,
    csv: { filename: `compare-viewers-${g}.csv`, columns: ['start'].concat(logins), rows: csvRows } });
  lineChart(cBody, aligned);
}
