// Collection status: the watchlist, how fresh each kind of stored event is, and the ingest rate.
import { get } from '../api.js';
import { panel, table, figures, lineChart, epoch } from '../chart.js';
import { num, time, duration } from '../format.js';

export const controls = ['range', 'granularity'];
export const defaults = { from: 'today', g: '15m' };

const KINDS = [['streamSnapshot', 'stream snapshots'], ['chatMessage', 'chat messages', 2], ['chatEvent', 'chat events'],
  ['streamEvent', 'stream events'], ['catalogChannel', 'channel samples'], ['catalogClip', 'clip samples'],
  ['catalogVod', 'VODs'], ['catalogCategory', 'category snapshots']];

export async function render(main, s) {
  main.insertAdjacentHTML('beforeend', '<h1>Collection status</h1>');
  const g = s.g || '15m';
  const [watchlist, fresh, ingest] = await Promise.all([get('/watchlist'), get('/status/freshness', { minutes: 60 }),
    get('/status/ingest', { from: s.from || 'today', to: s.to || 'now', granularity: g })]);
  const channels = watchlist.entries.filter(e => e.kind === 'channel');
  const games = watchlist.entries.filter(e => e.kind === 'game');
  figures(main, [
    { id: 'watchedChannels', label: 'Watched channels', value: num(channels.length, 0) },
    { id: 'watchedGames', label: 'Watched games', value: num(games.length, 0) },
    { id: 'watchlistVersion', label: 'Watchlist version', value: num(watchlist.version, 0) },
    { id: 'chatPerMinute', label: 'Chat messages/min (last hour)', value: num((fresh.kinds.find(k => k.kind === 'chat-message') || {}).perMinute, 1) },
  ]);
  const fBody = panel(main, { id: 'freshness', title: 'Freshness per kind of event',
    csv: { filename: 'freshness.csv', columns: ['kind', 'routingKey', 'latestAt', 'ageSeconds', 'recentEvents', 'perMinute'], rows: fresh.kinds },
    note: fresh.methodology && fresh.methodology.note });
  table(fBody, [
    { key: 'kind', label: 'Kind' },
    { key: 'routingKey', label: 'Routing key' },
    { key: 'latestAt', label: 'Newest event', format: time },
    { key: 'ageSeconds', label: 'Age', num: true, format: v => v === null ? 'never' : duration(v) },
    { key: 'recentEvents', label: `Events, last ${fresh.minutes} min`, num: true, format: v => num(v, 0) },
    { key: 'perMinute', label: 'Per minute', num: true, format: v => num(v, 2) },
  ], fresh.kinds, { bar: 'perMinute' });
  const iBody = panel(main, { id: 'ingest', title: `Events stored per ${g} (by event time; chat on the right axis)`,
    csv: { filename: `ingest-${g}.csv`, columns: ['start'].concat(KINDS.map(k => k[0])), rows: ingest.points },
    note: ingest.methodology && ingest.methodology.note });
  lineChart(iBody, { x: ingest.points.map(p => epoch(p.start)),
    series: KINDS.map(([key, label, axis]) => ({ label, values: ingest.points.map(p => p[key]), axis })) });
  const wBody = panel(main, { id: 'watchlist', title: 'Watchlist',
    csv: { filename: 'watchlist.csv', columns: ['kind', 'id', 'name'], rows: watchlist.entries } });
  table(wBody, [{ key: 'kind', label: 'Kind' }, { key: 'name', label: 'Name' }, { key: 'id', label: 'Id' }], watchlist.entries);
}
