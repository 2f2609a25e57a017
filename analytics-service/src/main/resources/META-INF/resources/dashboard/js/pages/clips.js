// Top clips of channels or a game, and the view trajectories of the first five over their first 24 h.
import { get } from '../api.js';
import { panel, lineChart, table, align } from '../chart.js';
import { num, time, esc } from '../format.js';

export const controls = ['login', 'game', 'range', 'sort'];

const TRAJECTORIES = 5;

export async function render(main, s) {
  main.insertAdjacentHTML('beforeend', '<h1>Top clips</h1>');
  const logins = (s.login || '').split(',').map(l => l.trim()).filter(Boolean);
  const top = await get('/clips/top', { login: logins, gameId: s.game, from: s.from || '7d', to: s.to || 'now', sort: s.sort || 'views', limit: 25 });
  const clips = top.clips;
  const tBody = panel(main, { id: 'clips', title: `Top clips by ${s.sort || 'views'}`,
    csv: { filename: 'top-clips.csv', columns: ['id', 'title', 'broadcasterName', 'creatorName', 'gameId', 'views', 'viewsPerDay', 'createdAt', 'durationSeconds', 'videoId', 'vodOffset', 'url'], rows: clips } });
  table(tBody, [
    { key: 'title', label: 'Clip', html: (v, r) => `<a class="clip" href="${esc(r.url)}" target="_blank" rel="noopener">${esc(v)}</a>` },
    { key: 'broadcasterName', label: 'Channel' },
    { key: 'views', label: 'Views', num: true, format: v => num(v, 0) },
    { key: 'viewsPerDay', label: 'Views/day', num: true, format: v => num(v, 1) },
    { key: 'createdAt', label: 'Created', format: time },
  ], clips, { bar: s.sort === 'views-per-day' ? 'viewsPerDay' : 'views' });
  // trajectories cover a clip's first 24 h: plot the best ranked clips that have samples there
  const all = await Promise.all(clips.map(c => get(`/clips/${encodeURIComponent(c.id)}/trajectory`)));
  const picked = clips.map((c, i) => ({ clip: c, trajectory: all[i] })).filter(x => x.trajectory.samples.length)
      .slice(0, TRAJECTORIES);
  const chosen = picked.map(x => x.clip);
  const trajectories = picked.map(x => x.trajectory);
  const aligned = align(trajectories.map((t, i) => ({
    label: chosen[i].title, points: t.samples.map(p => ({ x: Math.round(p.hoursSinceCreated * 100) / 100, y: p.views })),
  })));
  const rows = trajectories.flatMap((t, i) => t.samples.map(p => ({ clipId: chosen[i].id, title: chosen[i].title, ...p })));
  const cBody = panel(main, { id: 'trajectories', title: `View trajectories over the first 24 h (${chosen.length} best ranked clips sampled then)`,
    csv: { filename: 'clip-trajectories.csv', columns: ['clipId', 'title', 'sampledAt', 'hoursSinceCreated', 'views'], rows } });
  lineChart(cBody, { ...aligned, time: false, yLabel: 'views' });
  if (aligned.x.length) {
    cBody.insertAdjacentHTML('beforeend', '<p class="methodology">x: hours since the clip was created</p>');
  }
}
