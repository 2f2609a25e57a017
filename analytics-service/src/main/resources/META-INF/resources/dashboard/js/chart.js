// Panels (a title, a CSV export button, a body), uPlot line charts and tables.
import uPlot from '../vendor/uPlot.esm.js';
import { toCsv, download } from './csv.js';
import { esc } from './format.js';

const COLORS = ['#6d28d9', '#0891b2', '#ea580c', '#16a34a', '#db2777', '#ca8a04', '#4b5563', '#2563eb'];

/**
 * A panel with a CSV button exporting exactly the rows shown. Returns the body element.
 * csv: {filename, columns, rows}
 */
export function panel(container, { id, title, csv, note }) {
  const section = document.createElement('section');
  section.className = 'panel';
  section.dataset.panel = id;
  section.innerHTML = `<div class="panel-head"><h2>${esc(title)}</h2>`
      + (csv ? `<button type="button" data-csv="${esc(id)}">Export CSV</button>` : '') + '</div>'
      + '<div class="panel-body"></div>'
      + (note ? `<div class="methodology">${esc(note)}</div>` : '');
  if (csv) {
    section.querySelector('button[data-csv]').addEventListener('click', () =>
        download(csv.filename, toCsv(csv.columns, csv.rows)));
  }
  container.appendChild(section);
  return section.querySelector('.panel-body');
}

export function empty(body, text) {
  body.innerHTML = `<p class="empty">${esc(text)}</p>`;
}

/**
 * A line chart. x: numbers (epoch seconds when time is true); series: [{label, values}];
 * markers: [{x, label}] drawn as vertical lines.
 */
export function lineChart(body, { x, series, markers = [], time = true, height = 260, yLabel = '' }) {
  if (!x.length) {
    empty(body, 'No data in this range.');
    return null;
  }
  const holder = document.createElement('div');
  holder.className = 'chart';
  body.appendChild(holder);
  const width = Math.max(320, (body.clientWidth || 900) - 10);
  const opts = {
    width,
    height,
    scales: { x: { time } },
    series: [{ label: time ? 'time (UTC)' : 'x' }].concat(series.map((s, i) => ({
      label: s.label,
      stroke: COLORS[i % COLORS.length],
      width: 2,
      spanGaps: !!s.spanGaps,
      scale: s.axis === 2 ? 'y2' : 'y',
      points: { show: x.length < 60 },
    }))),
    axes: [{}, { label: yLabel, size: 60 }].concat(series.some(s => s.axis === 2)
        ? [{ scale: 'y2', side: 1, grid: { show: false }, label: series.find(s => s.axis === 2).label, size: 60 }] : []),
    tzDate: ts => uPlot.tzDate(new Date(ts * 1e3), 'Etc/UTC'),
    hooks: {
      draw: [u => {
        const ctx = u.ctx;
        ctx.save();
        ctx.strokeStyle = '#f59e0b';
        ctx.fillStyle = '#92400e';
        ctx.lineWidth = 1;
        ctx.font = `${10 * devicePixelRatio}px system-ui`;
        for (const m of markers) {
          const px = u.valToPos(m.x, 'x', true);
          if (px < u.bbox.left || px > u.bbox.left + u.bbox.width) {
            continue;
          }
          ctx.beginPath();
          ctx.setLineDash([4, 3]);
          ctx.moveTo(px, u.bbox.top);
          ctx.lineTo(px, u.bbox.top + u.bbox.height);
          ctx.stroke();
          ctx.fillText(m.label.slice(0, 30), px + 3, u.bbox.top + 12 * devicePixelRatio);
        }
        ctx.restore();
      }],
    },
  };
  return new uPlot(opts, [x].concat(series.map(s => s.values)), holder);
}

/** columns: [{key, label, num (right-aligned), format(value,row) → text, html(value,row) → markup}] */
export function table(body, columns, rows, { bar } = {}) {
  if (!rows.length) {
    empty(body, 'Nothing in this range.');
    return;
  }
  const max = bar ? Math.max(...rows.map(r => Number(r[bar]) || 0), 1) : 1;
  const head = columns.map(c => `<th class="${c.num ? 'num' : ''}">${esc(c.label)}</th>`).join('')
      + (bar ? '<th></th>' : '');
  const lines = rows.map(r => '<tr>' + columns.map(c => {
    const v = r[c.key];
    const content = c.html ? c.html(v, r) : esc(c.format ? c.format(v, r) : (v ?? '–'));
    return `<td class="${c.num ? 'num' : ''}" data-col="${esc(c.key)}">${content}</td>`;
  }).join('') + (bar ? `<td><span class="bar" style="width:${Math.round(120 * (Number(r[bar]) || 0) / max)}px"></span></td>` : '')
      + '</tr>').join('');
  body.insertAdjacentHTML('beforeend', `<table><thead><tr>${head}</tr></thead><tbody>${lines}</tbody></table>`);
}

/** figures: [{id, label, value, previous, change}] */
export function figures(container, items) {
  const div = document.createElement('div');
  div.className = 'figures';
  div.innerHTML = items.map(f => `<div class="figure" data-figure="${esc(f.id)}">`
      + `<div class="label">${esc(f.label)}</div><div class="value">${esc(f.value)}</div>`
      + (f.previous !== undefined ? `<div class="previous">previous: <span class="prev">${esc(f.previous)}</span>`
          + (f.change !== undefined ? ` <span class="change ${f.change.startsWith('+') ? 'up' : f.change.startsWith('-') ? 'down' : ''}">${esc(f.change)}</span>` : '')
          + '</div>' : '')
      + '</div>').join('');
  container.appendChild(div);
}

/** x values of the union of several series, and each series' values aligned to them (null where absent). */
export function align(seriesList) {
  const xs = [...new Set(seriesList.flatMap(s => s.points.map(p => p.x)))].sort((a, b) => a - b);
  const index = new Map(xs.map((x, i) => [x, i]));
  return {
    x: xs,
    series: seriesList.map(s => {
      const values = new Array(xs.length).fill(null);
      for (const p of s.points) {
        values[index.get(p.x)] = p.y;
      }
      return { label: s.label, values, spanGaps: true };
    }),
  };
}

export function epoch(iso) {
  return Math.floor(Date.parse(iso) / 1000);
}
