/*
 * Two small SVG charts. The reports are a few dozen bars at most; a charting library would weigh
 * more than the whole back-office. Each chart has a text alternative and its data in a table.
 */

export interface Bar {
  label: string;
  values: { value: number; kind: string }[];
}

export function BarChart({ title, bars, format }: { title: string; bars: Bar[]; format: (value: number) => string }) {
  const width = 640;
  const height = 220;
  const top = 10;
  const bottom = 40;
  const max = Math.max(1, ...bars.map((bar) => bar.values.reduce((sum, v) => sum + v.value, 0)));
  const slot = bars.length ? width / bars.length : width;
  const barWidth = Math.max(4, Math.min(48, slot * 0.7));
  const scale = (value: number) => (value / max) * (height - top - bottom);
  const summary = bars.map((bar) => `${bar.label}: ${bar.values.map((v) => `${v.kind} ${format(v.value)}`).join(', ')}`).join('; ');
  return (
    <figure className="chart">
      <svg viewBox={`0 0 ${width} ${height}`} role="img" aria-label={`${title}. ${summary || 'No data'}`}>
        <line x1={0} x2={width} y1={height - bottom} y2={height - bottom} className="axis" />
        {bars.map((bar, i) => {
          let y = height - bottom;
          const x = i * slot + (slot - barWidth) / 2;
          return (
            <g key={bar.label}>
              {bar.values.map((v) => {
                const h = scale(v.value);
                y -= h;
                return <rect key={v.kind} x={x} y={y} width={barWidth} height={h} className={`bar bar-${v.kind}`} />;
              })}
              {bars.length <= 31 ? (
                <text x={x + barWidth / 2} y={height - bottom + 14} textAnchor="middle" className="tick">
                  {bar.label}
                </text>
              ) : null}
            </g>
          );
        })}
        <text x={4} y={top + 10} className="tick">
          {format(max)}
        </text>
      </svg>
      <figcaption>{title}</figcaption>
    </figure>
  );
}
