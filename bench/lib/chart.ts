// A hand-written SVG: time (left) and Ferry's peak RSS (right) against file size, log-log, one line per operation.
import type { Row } from './row.js';

const width = 900;
const height = 380;
const panel = { top: 40, bottom: 300, left: [70, 520], width: 330 };
const colours = ['#1b6ca8', '#c0392b', '#27ae60', '#8e44ad', '#d35400', '#16a085'];

const escapeXml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

function logScale(min: number, max: number, from: number, to: number) {
  const lo = Math.log10(min);
  const hi = Math.log10(max);
  return (value: number) => from + ((Math.log10(value) - lo) / Math.max(hi - lo, 1e-9)) * (to - from);
}

/** Powers of ten (and their halves' neighbours 2 and 5) within the range, for gridlines. */
function ticks(min: number, max: number): number[] {
  const out: number[] = [];
  for (let e = Math.floor(Math.log10(min)); e <= Math.ceil(Math.log10(max)); e++) {
    for (const m of [1, 2, 5]) {
      const v = m * 10 ** e;
      if (v >= min && v <= max) out.push(v);
    }
  }
  return out;
}

const label = (v: number) => (v >= 1 ? String(Number(v.toPrecision(3))) : v.toPrecision(1));

export function chart(rows: Row[]): string {
  const sized = rows.filter((r) => /MB|GB/.test(r.size) && !r.size.includes('×') && r.baseline !== 'budget');
  const operations = [...new Set(sized.map((r) => r.operation))];
  const series = operations.map((operation, i) => {
    const points = sized.filter((r) => r.operation === operation);
    const unique = [...new Map(points.map((p) => [p.sizeBytes, p])).values()].sort(
      (a, b) => a.sizeBytes - b.sizeBytes,
    );
    const baselines = points
      .filter((p) => !p.baseline.startsWith('original'))
      .sort((a, b) => a.sizeBytes - b.sizeBytes);
    return { operation, colour: colours[i % colours.length]!, ferry: unique, baseline: baselines };
  });
  const mb = sized.map((r) => r.sizeBytes / 1e6);
  const times = sized.flatMap((r) => [r.ferrySeconds, ...(r.baselineSeconds ? [r.baselineSeconds] : [])]);
  const rss = sized.map((r) => r.ferryRssMb);
  if (sized.length === 0) return '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"/>';
  const xMin = Math.min(...mb) / 1.3;
  const xMax = Math.max(...mb) * 1.3;
  const out: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height + 20 * operations.length}" font-family="sans-serif" font-size="11">`,
    '<title>Ferry: time and peak RSS against file size, beside the baselines</title>',
    `<rect width="100%" height="100%" fill="white"/>`,
  ];
  const axes = (left: number, yMin: number, yMax: number, title: string, unit: string) => {
    const x = logScale(xMin, xMax, left, left + panel.width);
    const y = logScale(yMin, yMax, panel.bottom, panel.top);
    out.push(`<text x="${left}" y="22" font-size="13" font-weight="bold">${escapeXml(title)}</text>`);
    for (const t of ticks(yMin, yMax)) {
      out.push(
        `<line x1="${left}" x2="${left + panel.width}" y1="${y(t).toFixed(1)}" y2="${y(t).toFixed(1)}" stroke="#ddd"/>`,
      );
      out.push(`<text x="${left - 6}" y="${(y(t) + 4).toFixed(1)}" text-anchor="end">${label(t)}</text>`);
    }
    for (const t of ticks(xMin, xMax)) {
      out.push(
        `<line x1="${x(t).toFixed(1)}" x2="${x(t).toFixed(1)}" y1="${panel.top}" y2="${panel.bottom}" stroke="#eee"/>`,
      );
      out.push(
        `<text x="${x(t).toFixed(1)}" y="${panel.bottom + 16}" text-anchor="middle">${label(t)}</text>`,
      );
    }
    out.push(
      `<rect x="${left}" y="${panel.top}" width="${panel.width}" height="${panel.bottom - panel.top}" fill="none" stroke="#444"/>`,
    );
    out.push(
      `<text x="${left + panel.width / 2}" y="${panel.bottom + 32}" text-anchor="middle">file size (MB, log)</text>`,
    );
    out.push(
      `<text transform="translate(${left - 48},${(panel.top + panel.bottom) / 2}) rotate(-90)" text-anchor="middle">${escapeXml(unit)}</text>`,
    );
    return { x, y };
  };
  const line = (points: Array<[number, number]>, colour: string, dashed: boolean) => {
    const d = points.map(([px, py], i) => `${i ? 'L' : 'M'}${px.toFixed(1)},${py.toFixed(1)}`).join(' ');
    out.push(
      `<path d="${d}" fill="none" stroke="${colour}" stroke-width="2"${dashed ? ' stroke-dasharray="5,4"' : ''}/>`,
    );
    for (const [px, py] of points)
      out.push(`<circle cx="${px.toFixed(1)}" cy="${py.toFixed(1)}" r="3" fill="${colour}"/>`);
  };
  const time = axes(
    panel.left[0]!,
    Math.min(...times) / 1.5,
    Math.max(...times) * 1.5,
    'Time',
    'seconds (log)',
  );
  for (const s of series) {
    line(
      s.ferry.map((p) => [time.x(p.sizeBytes / 1e6), time.y(p.ferrySeconds)]),
      s.colour,
      false,
    );
    const base = s.baseline.filter((p) => p.baselineSeconds);
    if (base.length)
      line(
        base.map((p) => [time.x(p.sizeBytes / 1e6), time.y(p.baselineSeconds!)]),
        s.colour,
        true,
      );
  }
  const memory = axes(
    panel.left[1]!,
    Math.min(...rss, 50) / 1.3,
    Math.max(...rss, 150) * 1.3,
    'Ferry peak RSS',
    'MB (log)',
  );
  const limit = memory.y(150);
  out.push(
    `<line x1="${panel.left[1]}" x2="${panel.left[1]! + panel.width}" y1="${limit.toFixed(1)}" y2="${limit.toFixed(1)}" stroke="#c00" stroke-dasharray="2,3"/>`,
  );
  out.push(
    `<text x="${panel.left[1]! + panel.width - 4}" y="${(limit - 4).toFixed(1)}" text-anchor="end" fill="#c00">150 MB target</text>`,
  );
  for (const s of series)
    line(
      s.ferry.map((p) => [memory.x(p.sizeBytes / 1e6), memory.y(p.ferryRssMb)]),
      s.colour,
      false,
    );
  series.forEach((s, i) => {
    const y = height + 4 + i * 20;
    out.push(`<line x1="70" x2="100" y1="${y}" y2="${y}" stroke="${s.colour}" stroke-width="2"/>`);
    out.push(
      `<line x1="105" x2="135" y1="${y}" y2="${y}" stroke="${s.colour}" stroke-width="2" stroke-dasharray="5,4"/>`,
    );
    const base = s.baseline[0]?.baseline ?? '';
    out.push(
      `<text x="142" y="${y + 4}">${escapeXml(`${s.operation} (solid: Ferry; dashed: ${base})`)}</text>`,
    );
  });
  out.push('</svg>');
  return `${out.join('\n')}\n`;
}
