// The dashboard shell: sign-in, navigation, the controls of the page and the page itself.
import { readState, navigate } from './state.js';
import { token, setToken, ApiError } from './api.js';
import { esc } from './format.js';
import * as channel from './pages/channel.js';
import * as compare from './pages/compare.js';
import * as categories from './pages/categories.js';
import * as clips from './pages/clips.js';
import * as chat from './pages/chat.js';
import * as status from './pages/status.js';

const PAGES = { channel, compare, categories, clips, chat, status };

const CONTROLS = {
  login: s => `<label>Channel login<input name="login" value="${esc(s.login)}" placeholder="e.g. shroud"></label>`,
  logins: s => `<label>Channels (comma-separated)<input name="logins" value="${esc(s.logins)}" placeholder="a,b,c"></label>`,
  range: s => `<label>From<input name="from" list="presets" value="${esc(s.from || '7d')}" title="today, 7d, 30d, 90d or an RFC 3339 time"></label>`
      + '<datalist id="presets"><option value="today"><option value="7d"><option value="30d"><option value="90d"></datalist>'
      + `<label>To<input name="to" value="${esc(s.to || 'now')}" title="now or an RFC 3339 time"></label>`,
  granularity: s => '<label>Granularity<select name="g">' + ['1m', '5m', '15m', '1h', '1d']
      .map(g => `<option${(s.g || '1h') === g ? ' selected' : ''}>${g}</option>`).join('') + '</select></label>',
  hours: s => `<label>Trending over (hours)<input name="hours" type="number" min="1" max="720" value="${esc(s.hours || '24')}"></label>`,
  game: s => `<label>Game id<input name="game" value="${esc(s.game)}" placeholder="e.g. 21779"></label>`,
  sort: s => '<label>Sort<select name="sort">' + ['views', 'views-per-day']
      .map(v => `<option${(s.sort || 'views') === v ? ' selected' : ''}>${v}</option>`).join('') + '</select></label>',
  provider: s => '<label>Emote provider<select name="provider">' + [['', 'all'], ['twitch', 'Twitch'], ['bttv', 'BTTV'], ['ffz', 'FFZ'], ['7tv', '7TV']]
      .map(([v, l]) => `<option value="${v}"${(s.provider || '') === v ? ' selected' : ''}>${l}</option>`).join('') + '</select></label>',
  q: s => `<label>Search chat<input name="q" value="${esc(s.q)}" placeholder="words"></label>`,
};

function showSignIn(message) {
  document.getElementById('sign-in').hidden = false;
  document.getElementById('controls').hidden = true;
  document.getElementById('page').innerHTML = '';
  document.getElementById('sign-out').hidden = true;
  document.getElementById('sign-in-error').textContent = message || '';
}

function renderControls(page, state) {
  const form = document.getElementById('controls');
  form.innerHTML = page.controls.map(c => CONTROLS[c](state)).join('') + '<button type="submit">Show</button>';
  form.hidden = page.controls.length === 0;
  form.onsubmit = event => {
    event.preventDefault();
    const next = { page: state.page };
    for (const [key, value] of new FormData(form)) {
      next[key] = String(value).trim();
    }
    navigate(next);
  };
}

let generation = 0;

async function render() {
  const mine = ++generation;
  const requested = readState();
  const state = { ...((PAGES[requested.page] || channel).defaults || {}), ...requested };
  for (const a of document.querySelectorAll('#nav a')) {
    a.classList.toggle('active', a.dataset.page === state.page);
  }
  if (!token()) {
    showSignIn();
    return;
  }
  document.getElementById('sign-in').hidden = true;
  document.getElementById('sign-out').hidden = false;
  const page = PAGES[state.page] || channel;
  renderControls(page, state);
  const main = document.getElementById('page');
  main.innerHTML = '';
  main.dataset.state = 'loading';
  main.dataset.page = state.page;
  // each render writes into its own element: a slower, older render ends up in a detached one
  const view = document.createElement('div');
  main.appendChild(view);
  try {
    await page.render(view, state);
    if (mine !== generation) {
      return;
    }
    main.dataset.state = 'ready';
  } catch (e) {
    if (mine !== generation) {
      return;
    }
    main.dataset.state = 'error';
    if (e instanceof ApiError && e.status === 401) {
      return;
    }
    const where = e instanceof ApiError && e.problem && e.problem.parameter ? ` (parameter ${e.problem.parameter})` : '';
    view.insertAdjacentHTML('beforeend', `<p class="error" role="alert">${esc(e.message)}${esc(where)}</p>`);
  }
}

document.getElementById('sign-in-form').addEventListener('submit', event => {
  event.preventDefault();
  setToken(document.getElementById('token').value);
  document.getElementById('token').value = '';
  render();
});
document.getElementById('sign-out').addEventListener('click', () => {
  setToken(null);
  showSignIn('Signed out.');
});
window.addEventListener('lurker:unauthorized', () => {
  setToken(null);
  showSignIn('The token was refused (expired or not valid here): paste a new one.');
});
window.addEventListener('lurker:navigate', render);
window.addEventListener('popstate', render);
for (const a of document.querySelectorAll('#nav a')) {
  a.addEventListener('click', event => {
    event.preventDefault();
    const current = readState();
    // keep the channel and the time range when moving between pages
    navigate({ page: a.dataset.page, login: current.login, from: current.from, to: current.to, g: current.g });
  });
}
render();
