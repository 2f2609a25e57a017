// The analytics API: base from config.js (window.LURKER_API_BASE), the read token as a Bearer header.

const TOKEN_KEY = 'lurker.dashboard.token';

export class ApiError extends Error {
  constructor(status, problem) {
    super(problem && (problem.detail || problem.title) ? (problem.detail || problem.title) : 'HTTP ' + status);
    this.status = status;
    this.problem = problem;
  }
}

export function token() {
  return sessionStorage.getItem(TOKEN_KEY);
}

export function setToken(value) {
  if (value) {
    sessionStorage.setItem(TOKEN_KEY, value.trim());
  } else {
    sessionStorage.removeItem(TOKEN_KEY);
  }
}

export function apiBase() {
  return (window.LURKER_API_BASE || '/api/v1').replace(/\/$/, '');
}

/** GET path (relative to the API base) with query values (arrays repeat the key; empty values are left out). */
export async function get(path, query = {}) {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    for (const v of Array.isArray(value) ? value : [value]) {
      if (v !== undefined && v !== null && v !== '') {
        params.append(key, v);
      }
    }
  }
  const qs = params.toString();
  const used = token();
  const response = await fetch(apiBase() + path + (qs ? '?' + qs : ''), {
    headers: { 'Authorization': 'Bearer ' + used, 'Accept': 'application/json' },
  });
  if (!response.ok) {
    let problem = null;
    try {
      problem = await response.json();
    } catch (e) {
      problem = null;
    }
    // only a refusal of the token still in use signs out (a late answer to an older token must not)
    if (response.status === 401 && token() === used) {
      window.dispatchEvent(new CustomEvent('lurker:unauthorized', { detail: problem }));
    }
    throw new ApiError(response.status, problem);
  }
  return response.json();
}
