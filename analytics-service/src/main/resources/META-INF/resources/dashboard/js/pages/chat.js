// Chat: emote rankings per provider, top chatters, full-text search.
import { get } from '../api.js';
import { panel, table } from '../chart.js';
import { num, time, esc } from '../format.js';

export const controls = ['login', 'range', 'provider', 'q'];

const PROVIDERS = ['twitch', 'bttv', 'ffz', '7tv'];

export async function render(main, s) {
  main.insertAdjacentHTML('beforeend', '<h1>Chat</h1>');
  if (!s.login) {
    main.insertAdjacentHTML('beforeend', '<p class="empty">Enter a channel login above.</p>');
    return;
  }
  const login = encodeURIComponent(s.login);
  const range = { from: s.from || '7d', to: s.to || 'now' };
  const providers = s.provider ? [s.provider] : PROVIDERS;
  const [chatters, ...emotes] = await Promise.all([get(`/chat/${login}/chatters`, { ...range, limit: 20 })]
      .concat(providers.map(p => get(`/chat/${login}/emotes`, { ...range, provider: p, limit: 15 }))));
  const grid = document.createElement('div');
  grid.className = 'grid2';
  main.appendChild(grid);
  providers.forEach((p, i) => {
    const rows = emotes[i].emotes;
    const body = panel(grid, { id: `emotes-${p}`, title: `Emotes: ${p}`,
      csv: { filename: `${s.login}-emotes-${p}.csv`, columns: ['provider', 'emoteId', 'name', 'uses', 'messages', 'uniqueUsers', 'sharePercent', 'shareOfProviderPercent'], rows } });
    table(body, [
      { key: 'name', label: 'Emote' },
      { key: 'uses', label: 'Uses', num: true, format: v => num(v, 0) },
      { key: 'uniqueUsers', label: 'Users', num: true, format: v => num(v, 0) },
      { key: 'shareOfProviderPercent', label: `% of ${p}`, num: true, format: v => num(v, 1) },
    ], rows, { bar: 'uses' });
  });
  const cBody = panel(main, { id: 'chatters', title: 'Top chatters',
    csv: { filename: `${s.login}-chatters.csv`, columns: ['userId', 'login', 'messages', 'activeMinutes'], rows: chatters.chatters } });
  table(cBody, [
    { key: 'login', label: 'Chatter' },
    { key: 'messages', label: 'Messages', num: true, format: v => num(v, 0) },
    { key: 'activeMinutes', label: 'Active minutes', num: true, format: v => num(v, 0) },
  ], chatters.chatters, { bar: 'messages' });
  if (s.q) {
    const found = await get(`/chat/${login}/search`, { q: s.q, ...range, limit: 100 });
    const sBody = panel(main, { id: 'search', title: `Messages matching “${s.q}” (${found.messages.length})`,
      csv: { filename: `${s.login}-search.csv`, columns: ['sentAt', 'messageId', 'userId', 'login', 'displayName', 'text', 'deleted', 'source'], rows: found.messages } });
    table(sBody, [
      { key: 'sentAt', label: 'Sent', format: time },
      { key: 'login', label: 'Chatter' },
      { key: 'text', label: 'Message', html: (v, r) => esc(v) + (r.deleted ? ' <em class="muted">(deleted)</em>' : '') },
    ], found.messages);
  }
}
