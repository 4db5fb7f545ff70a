import { useLifecycle } from './lifecycleContext';
import { selectInteractions } from './lifecycleStore';
import { waterfall } from './exchangeExport';

const ms = (value: number) => `${Math.round(value).toLocaleString()} ms`;

/** When each request started, how long it took and the back-off waited before it, on one time axis. */
export function Waterfall() {
  const items = useLifecycle(selectInteractions);
  const select = useLifecycle((s) => s.select);
  const index = useLifecycle((s) => s.index);
  const { rows, totalMs } = waterfall(items);
  if (rows.length === 0) return null;
  const scale = (value: number) => `${totalMs > 0 ? (value / totalMs) * 100 : 0}%`;
  return (
    <details className="waterfall" data-testid="waterfall">
      <summary>
        Timing <span className="muted">· total {ms(totalMs)}</span>
      </summary>
      <table>
        <thead>
          <tr>
            <th scope="col">Request</th>
            <th scope="col">Starts at</th>
            <th scope="col">Waited</th>
            <th scope="col">Took</th>
            <th scope="col">
              <span className="visually-hidden">Timeline</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.index} aria-current={row.index === index ? 'step' : undefined}>
              <th scope="row">
                <button type="button" className="link-button" onClick={() => select(row.index)}>
                  {row.index + 1}. {row.label}
                </button>
              </th>
              <td>{ms(row.offsetMs)}</td>
              <td>{row.waitMs > 0 ? `${ms(row.waitMs)}${row.retry ? ' back-off' : ''}` : '–'}</td>
              <td>{ms(row.durationMs)}</td>
              <td className="waterfall-track" aria-hidden="true">
                {row.waitMs > 0 && (
                  <span
                    className="waterfall-wait"
                    style={{ left: scale(row.offsetMs - row.waitMs), width: scale(row.waitMs) }}
                  />
                )}
                <span
                  className="waterfall-bar"
                  style={{ left: scale(row.offsetMs), width: `max(2px, ${scale(row.durationMs)})` }}
                />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </details>
  );
}
