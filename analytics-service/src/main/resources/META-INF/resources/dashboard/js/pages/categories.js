// Categories: trending against each game's own poll N hours ago, the top now, and one game's
// series (average viewers, channels and their ratio) with its summary.
import { get } from '../api.js';
import { navigate } from '../state.js';
import { panel, lineChart, table, figures, epoch } from '../chart.js';
import { num, percent, time, esc } from '../format.js';

export const controls = ['hours', 'game', 'range', 'granularity'];

export async function render(main, s) {
  const hours = s.hours || '24';
  const range = { from: s.from || '7d', to: s.to || 'now' };
  const g = s.g || '1h';
  main.insertAdjacentHTML('beforeend', '<h1>Categories</h1>');
  const [trending, top] = await Promise.all([get('/categories/trending', { hours, limit: 25 }), get('/categories/top', { limit: 25 })]);
  const gameLink = (v, r) => `<a href="#" class="game" data-game="${esc(r.gameId)}">${esc(v || r.gameId)}</a>`;
  const grid = document.createElement('div');
  grid.className = 'grid2';
  main.appendChild(grid);
  const trBody = panel(grid, { id: 'trending', title: `Trending over ${hours} h`,
    csv: { filename: `trending-${hours}h.csv`, columns: ['gameId', 'gameName', 'viewers', 'streams', 'sampledAt', 'viewersBefore', 'sampledBefore', 'viewerChange', 'viewerChangePercent', 'streamChange'], rows: trending.categories } });
  table(trBody, [
    { key: 'gameName', label: 'Game', html: gameLink },
    { key: 'viewers', label: 'Viewers', num: true, format: v => num(v, 0) },
    { key: 'viewersBefore', label: `${hours} h ago`, num: true, format: v => num(v, 0) },
    { key: 'viewerChange', label: 'Change', num: true, format: v => v === null ? '–' : (v > 0 ? '+' : '') + num(v, 0) },
    { key: 'viewerChangePercent', label: '%', num: true, format: percent },
  ], trending.categories);
  const topBody = panel(grid, { id: 'top', title: 'Top now (viewers per channel)',
    csv: { filename: 'categories-top.csv', columns: ['rank', 'gameId', 'gameName', 'viewers', 'streams', 'viewersPerStream', 'sampledAt'], rows: top.categories } });
  table(topBody, [
    { key: 'rank', label: '#', num: true },
    { key: 'gameName', label: 'Game', html: gameLink },
    { key: 'viewers', label: 'Viewers', num: true, format: v => num(v, 0) },
    { key: 'streams', label: 'Channels', num: true, format: v => num(v, 0) },
    { key: 'viewersPerStream', label: 'Viewers/channel', num: true, format: v => num(v, 1) },
  ], top.categories, { bar: 'viewers' });
  for (const a of main.querySelectorAll('a.game')) {
    a.addEventListener('click', event => {
      event.preventDefault();
      navigate({ ...s, game: a.dataset.game });
    });
  }
  if (!s.game) {
    main.insertAdjacentHTML('beforeend', '<p class="empty">Choose a game for its series.</p>');
    return;
  }
  const id = encodeURIComponent(s.game);
  const [series, summary] = await Promise.all([
    get(`/categories/${id}/series`, { ...range, granularity: g }), get(`/categories/${id}/summary`, range)]);
  main.insertAdjacentHTML('beforeend', `<h1>${esc(summary.gameName || summary.gameId)}</h1>`);
  figures(main, [
    { id: 'hoursWatched', label: 'Hours watched', value: num(summary.hoursWatched, 1) },
    { id: 'hoursStreamed', label: 'Hours streamed', value: num(summary.hoursStreamed, 1) },
    { id: 'averageViewers', label: 'Average viewers', value: num(summary.averageViewers, 1) },
    { id: 'averageChannels', label: 'Average channels', value: num(summary.averageChannels, 1) },
    { id: 'peakViewers', label: 'Peak viewers', value: num(summary.peakViewers, 0) + (summary.peakViewersAt ? ' at ' + time(summary.peakViewersAt) : '') },
    { id: 'viewersPerChannel', label: 'Viewers per channel', value: num(summary.viewersPerChannel, 2) },
    { id: 'uniqueStreamers', label: 'Tracked streamers seen', value: num(summary.uniqueStreamers, 0) },
  ]);
  const rows = series.points.map(p => ({ ...p, viewersPerChannel: p.averageViewers !== null && p.averageChannels ? Math.round(100 * p.averageViewers / p.averageChannels) / 100 : null }));
  const sBody = panel(main, { id: 'series', title: `Average viewers and channels per ${g}`,
    csv: { filename: `category-${s.game}-${g}.csv`, columns: ['start', 'averageViewers', 'averageChannels', 'viewersPerChannel', 'peakViewers', 'coveragePercent'], rows },
    note: series.methodology && series.methodology.averageMethod });
  lineChart(sBody, { x: rows.map(p => epoch(p.start)), series: [
    { label: 'average viewers', values: rows.map(p => p.averageViewers) },
    { label: 'average channels', values: rows.map(p => p.averageChannels), axis: 2 }] });
  const rBody = panel(main, { id: 'ratio', title: `Viewers per channel per ${g}`,
    csv: { filename: `category-${s.game}-ratio-${g}.csv`, columns: ['start', 'viewersPerChannel'], rows } });
  lineChart(rBody, { x: rows.map(p => epoch(p.start)), series: [{ label: 'viewers per channel', values: rows.map(p => p.viewersPerChannel) }], height: 180 });
}
