/**
 * The picture a finished job shows: how its items ended (a stacked bar), and its request rate over
 * time against the account's rate limit, so "was it slow because of the limit?" is answered at a glance.
 * Plain SVG; no chart library.
 */
import type { JobDetail } from '../../../../shared/ipc.ts';
import { countParts, formatCount, formatRate } from './format.ts';
import { niceCeiling, ratePoints } from './throughput.ts';

const WIDTH = 520;
const HEIGHT = 150;
const PAD = { left: 40, right: 12, top: 12, bottom: 24 };

/** The outcome split and the throughput of one job. */
export function JobOutcomeChart({ detail }: { readonly detail: JobDetail }): React.JSX.Element {
  return (
    <div className="chart">
      <OutcomeBar detail={detail} />
      <ThroughputPlot detail={detail} />
    </div>
  );
}

function OutcomeBar({ detail }: { readonly detail: JobDetail }): React.JSX.Element {
  const parts = countParts(detail.summary);
  const total = parts.reduce((sum, part) => sum + part.value, 0);
  const description = parts.map((p) => `${p.label} ${formatCount(p.value)}`).join(', ');
  let x = 0;
  return (
    <figure className="chart__outcome">
      <p className="chart__title">How it ended</p>
      <svg
        viewBox={`0 0 ${WIDTH} 20`}
        role="img"
        aria-label={`Outcome: ${description}`}
        className="chart__bar"
      >
        {total === 0 ? (
          <rect x={0} y={0} width={WIDTH} height={20} className="chart__seg chart__seg--empty" />
        ) : (
          parts.map((part) => {
            const width = (part.value / total) * WIDTH;
            const rect = (
              <rect
                key={part.key}
                x={x}
                y={0}
                width={width}
                height={20}
                className={`chart__seg chart__seg--${part.tone}`}
              />
            );
            x += width;
            return rect;
          })
        )}
      </svg>
      <figcaption className="chart__legend">
        {parts.map((part) => (
          <span key={part.key} className="legend-item">
            <span className={`legend-swatch chart__seg--${part.tone}`} aria-hidden="true" />
            {part.label}: <strong>{formatCount(part.value)}</strong>
          </span>
        ))}
      </figcaption>
    </figure>
  );
}

function ThroughputPlot({ detail }: { readonly detail: JobDetail }): React.JSX.Element {
  const points = ratePoints(detail.samples);
  const limit = detail.rateLimit?.limit ?? null;
  const limitPerSecond = limit === null ? null : limit / (detail.rateLimit?.windowSeconds ?? 2);
  if (points.length < 1) {
    return (
      <p className="muted chart__empty">
        <span className="chart__title">Throughput</span>
        No throughput picture for this job: it was too short, or it ran outside this window (for example from
        the command line).
      </p>
    );
  }
  const maxSeconds = Math.max(...points.map((p) => p.seconds), 1);
  const maxRate = niceCeiling(
    Math.max(...points.map((p) => p.requestsPerSecond), limitPerSecond ?? 0, 1) * 1.1,
  );
  const xOf = (s: number): number => PAD.left + (s / maxSeconds) * (WIDTH - PAD.left - PAD.right);
  const yOf = (r: number): number => HEIGHT - PAD.bottom - (r / maxRate) * (HEIGHT - PAD.top - PAD.bottom);
  const line = points
    .map((p) => `${xOf(p.seconds).toFixed(1)},${yOf(p.requestsPerSecond).toFixed(1)}`)
    .join(' ');
  const average = points.reduce((sum, p) => sum + p.itemsPerSecond, 0) / points.length;
  const label =
    `Requests per second over ${Math.round(maxSeconds)} seconds` +
    (limitPerSecond === null ? '' : `, rate limit ${formatRate(limitPerSecond)} per second`);
  return (
    <figure className="chart__throughput">
      <p className="chart__title">Throughput</p>
      <svg viewBox={`0 0 ${WIDTH} ${HEIGHT}`} role="img" aria-label={label}>
        <line x1={PAD.left} x2={PAD.left} y1={PAD.top} y2={HEIGHT - PAD.bottom} className="chart__axis" />
        <line
          x1={PAD.left}
          x2={WIDTH - PAD.right}
          y1={HEIGHT - PAD.bottom}
          y2={HEIGHT - PAD.bottom}
          className="chart__axis"
        />
        <text x={PAD.left - 6} y={yOf(0)} className="chart__tick" textAnchor="end">
          0
        </text>
        <text x={PAD.left - 6} y={PAD.top + 8} className="chart__tick" textAnchor="end">
          {formatRate(maxRate)}
        </text>
        <text x={WIDTH - PAD.right} y={HEIGHT - 6} className="chart__tick" textAnchor="end">
          {Math.round(maxSeconds)} s
        </text>
        {limitPerSecond === null ? null : (
          <g>
            <line
              x1={PAD.left}
              x2={WIDTH - PAD.right}
              y1={yOf(limitPerSecond)}
              y2={yOf(limitPerSecond)}
              className="chart__limit"
            />
            <text x={WIDTH - PAD.right} y={yOf(limitPerSecond) - 4} className="chart__tick" textAnchor="end">
              rate limit {formatRate(limitPerSecond)}/s
            </text>
          </g>
        )}
        <polyline points={line} className="chart__line" fill="none" />
      </svg>
      <figcaption className="muted">
        API requests per second{limitPerSecond === null ? '' : ' against the account’s rate limit'}; on
        average {formatRate(average)} items per second.
      </figcaption>
    </figure>
  );
}
