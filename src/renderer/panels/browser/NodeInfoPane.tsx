// The Browser's metadata pane for the selected node: path and kind, NX_class, shape, dtype (numpy's name), chunks
// and filters, bytes on disk with the compression ratio, a scalar's value, and the attributes (JSON ones pretty).
import type { NodeInfo } from '../../../shared/browse.ts';
import { bytes } from '../../format.ts';
import { numpyDtypeName } from '../dtype-names.ts';

/** The one-line summary after the node's path. */
function summary(info: NodeInfo): string {
  return [
    info.kind,
    info.nxClass ? ` · ${info.nxClass}` : '',
    info.shape ? ` · shape ${info.shape.length ? info.shape.join('×') : 'scalar'}` : '',
    info.dtype ? ` · ${numpyDtypeName(info.dtype)}` : '',
    info.chunks ? ` · chunks ${info.chunks.join('×')}` : '',
    info.filters?.length ? ` · ${info.filters.join(', ')}` : '',
  ].join('');
}

export function NodeInfoPane({ info }: { info: NodeInfo }) {
  return (
    <div className="node-info" data-testid="node-info">
      <strong>{info.path}</strong> <span className="muted">{summary(info)}</span>
      {info.storedBytes !== undefined && (
        <div className="muted" data-testid="node-storage">
          {bytes(info.storedBytes)} on disk{info.compressionRatio ? ` · compression ratio ${info.compressionRatio.toFixed(2)}×` : ''}
        </div>
      )}
      {info.value !== undefined && (
        <div className="big-value small" data-testid="node-value">
          {String(info.value)}
        </div>
      )}
      {info.attrs.length > 0 && (
        <table className="grid kv attrs">
          <tbody>
            {info.attrs.map((a) => (
              <tr key={a.name}>
                <th>@{a.name}</th>
                <td className="mono">{a.json !== undefined ? <pre>{JSON.stringify(a.json, null, 1)}</pre> : a.value}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
