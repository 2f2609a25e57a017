// Channel: summary figures against the previous period, viewer timeline with game/title markers,
// chat messages per minute, chat highlights linked to the VOD offset and the clips made then.
import { get } from '../api.js';
import { panel, lineChart, table, figures, epoch, empty } from '../chart.js';
import { num, percent, time, esc, vodLink } from '../format.js';

export const controls = ['login', 'range', 'granularity'];

export async function render(main, s) {
  if (!s.login) {
    main.innerHTML = '<h1>Channel</h1><p class="empty">Enter a channel login above.</p>';
    return;
  }
  const login = encodeURIComponent(s.login);
  const range = { from: s.from || '7d', to: s.to || 'now' };
  const g = s.g || '1h';
  const [summary, viewers, chat, highlights] = await Promise.all([
    get(`/channels/${login}/summary`, range),
    get(`/channels/${login}/viewers`, { ...range, granularity: g }),
    get(`/chat/${login}/metrics`, { ...range, granularity: g }),
    get(`/chat/${login}/highlights`, range),
  ]);
  main.insertAdjacentHTML('beforeend', `<h1>${esc(summary.channel.displayName || summary.channel.login)}</h1>`);
  const c = summary.current;
  const p = summary.previous;
  const ch = summary.change || {};
  figures(main, [
    { id: 'averageViewers', label: 'Average viewers', value: num(c.averageViewers, 1), previous: num(p.averageViewers, 1), change: percent(ch.averageViewersPercent) },
    { id: 'peakViewers', label: 'Peak viewers', value: num(c.peakViewers, 0), previous: num(p.peakViewers, 0) },
    { id: 'peakAt', label: 'Peak at', value: time(c.peakAt) },
    { id: 'hoursWatched', label: 'Hours watched', value: num(c.hoursWatched, 1), previous: num(p.hoursWatched, 1), change: percent(ch.hoursWatchedPercent) },
    { id: 'airtimeHours', label: 'Airtime (hours)', value: num(c.airtimeHours, 2), previous: num(p.airtimeHours, 2), change: percent(ch.airtimeHoursPercent) },
    { id: 'streams', label: 'Streams', value: num(c.streams, 0), previous: num(p.streams, 0), change: percent(ch.streamsPercent) },
    { id: 'followersGained', label: 'Followers gained', value: num(c.followersGained, 0), previous: num(p.followersGained, 0), change: percent(ch.followersGainedPercent) },
    { id: 'followersPerHour', label: 'Followers per live hour', value: num(c.followersPerHour, 1), previous: num(p.followersPerHour, 1) },
    { id: 'coveragePercent', label: 'Coverage', value: num(c.coveragePercent, 1) + ' %' },
  ]);

  const viewerRows = viewers.points;
  const vBody = panel(main, {
    id: 'viewers', title: `Viewers per ${g} (time-weighted average and peak)`,
    csv: { filename: `${s.login}-viewers-${g}.csv`, columns: ['start', 'averageViewers', 'peakViewers', 'liveMinutes', 'coveragePercent'], rows: viewerRows },
    note: viewers.methodology && viewers.methodology.averageMethod,
  });
  lineChart(vBody, {
    x: viewerRows.map(p => epoch(p.start)),
    series: [{ label: 'average viewers', values: viewerRows.map(p => p.averageViewers) },
      { label: 'peak viewers', values: viewerRows.map(p => p.peakViewers) }],
    markers: viewers.markers.map(m => ({ x: epoch(m.at), label: m.kind === 'game_change' ? m.gameName : m.kind === 'title_change' ? 'title' : 'online' })),
  });

  const mBody = panel(main, {
    id: 'markers', title: 'Game and title changes',
    csv: { filename: `${s.login}-markers.csv`, columns: ['at', 'kind', 'gameName', 'previousGameName', 'title', 'previousTitle'], rows: viewers.markers },
  });
  table(mBody, [
    { key: 'at', label: 'At', format: time },
    { key: 'kind', label: 'Change', format: v => ({ online: 'went live', game_change: 'game', title_change: 'title' }[v] || v) },
    { key: 'gameName', label: 'Game', format: (v, r) => r.kind === 'game_change' ? `${r.previousGameName ?? '–'} → ${v ?? '–'}` : (v ?? '–') },
    { key: 'title', label: 'Title', format: (v, r) => r.kind === 'title_change' ? `${r.previousTitle ?? '–'} → ${v ?? '–'}` : (v ?? '–') },
  ], viewers.markers);

  const chatRows = chat.points;
  const cBody = panel(main, {
    id: 'chat-rate', title: `Chat messages per minute (per ${g})`,
    csv: { filename: `${s.login}-chat-${g}.csv`, columns: ['start', 'messages', 'messagesPerMinute', 'uniqueChatters', 'messagesPerChatter', 'emoteDensity'], rows: chatRows },
  });
  figures(cBody, [
    { id: 'chatMessages', label: 'Chat messages', value: num(chat.messages, 0) },
    { id: 'uniqueChatters', label: 'Unique chatters', value: num(chat.uniqueChatters, 0) },
    { id: 'messagesPerChatter', label: 'Messages per chatter', value: num(chat.messagesPerChatter, 2) },
  ]);
  lineChart(cBody, {
    x: chatRows.map(p => epoch(p.start)),
    series: [{ label: 'messages per minute', values: chatRows.map(p => p.messagesPerMinute) }],
    height: 200,
  });

  const hRows = highlights.highlights.map(h => ({
    start: h.start, peak: h.peak, end: h.end, peakMessagesPerMinute: h.peakMessagesPerMinute, score: h.score,
    vodId: h.vodId, vodOffsetSeconds: h.vodOffsetSeconds, vodUrl: vodLink(h.vodId, h.vodOffsetSeconds),
    topEmotes: h.topEmotes.map(e => e.name), clips: h.clips, clipUrls: h.clips.map(c => c.url),
  }));
  const hBody = panel(main, {
    id: 'highlights', title: `Highlights (chat spikes, ${highlights.method} ≥ ${highlights.threshold}, baseline ${highlights.baselineMinutes} min)`,
    csv: { filename: `${s.login}-highlights.csv`, columns: ['start', 'peak', 'end', 'peakMessagesPerMinute', 'score', 'vodId', 'vodOffsetSeconds', 'vodUrl', 'topEmotes', 'clipUrls'], rows: hRows },
  });
  if (!hRows.length) {
    empty(hBody, 'No chat spike in this range.');
  } else {
    table(hBody, [
      { key: 'peak', label: 'Peak', format: time },
      { key: 'peakMessagesPerMinute', label: 'Messages/min', num: true, format: v => num(v, 0) },
      { key: 'score', label: 'Score', num: true, format: v => num(v, 1) },
      { key: 'topEmotes', label: 'Top emotes', format: v => v.join(' ') || '–' },
      { key: 'vodUrl', label: 'VOD', html: (v, r) => v ? `<a class="vod" href="${esc(v)}" target="_blank" rel="noopener">${esc(r.vodId)} @ ${esc(v.split('?t=')[1] || '0s')}</a>` : '–' },
      { key: 'clips', label: 'Clips', html: v => v.map(c => `<a class="clip" href="${esc(c.url)}" target="_blank" rel="noopener">${esc(c.title)}</a>`).join('<br>') || '–' },
    ], hRows);
  }
}
