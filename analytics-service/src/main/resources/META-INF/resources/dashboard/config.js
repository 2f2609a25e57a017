// Where the dashboard finds the analytics API. Served by analytics-service itself: /api/v1.
// The gateway serves its own config.js in place of this file (e.g. /api/analytics).
window.LURKER_API_BASE = window.LURKER_API_BASE || '/api/v1';
