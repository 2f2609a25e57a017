// The view's state lives in the URL query (?page=channel&login=…&from=…&to=…&g=…), so a view can be shared.

export function readState() {
  const params = new URLSearchParams(location.search);
  const state = {};
  for (const [key, value] of params) {
    state[key] = value;
  }
  state.page = state.page || 'channel';
  return state;
}

export function stateUrl(state) {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(state)) {
    if (value !== undefined && value !== null && value !== '') {
      params.set(key, value);
    }
  }
  return '?' + params.toString();
}

/** Replaces the URL with the new state (a new history entry) and tells the app to render it. */
export function navigate(state) {
  history.pushState(null, '', stateUrl(state));
  window.dispatchEvent(new Event('lurker:navigate'));
}
