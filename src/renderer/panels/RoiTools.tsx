// ROI controls and their trend for the Viewer: add a region (channels for a spectrum, a rectangle for an image)
// with sum, mean or max; every displayed frame adds one point per ROI to the trend.
import { useEffect, useRef, useState } from 'react';
import { LinePlot } from '../components/LinePlot.tsx';
import { roiValue, type Roi, type RoiMath } from '../components/roi.ts';

export interface RoiFrame {
  time: number;
  data: ArrayLike<number>;
  width: number;
  height: number;
}

const KEEP = 500;

export function RoiTools({ frame, twoD, rois, onChange }: { frame: RoiFrame | undefined; twoD: boolean; rois: Roi[]; onChange: (r: Roi[]) => void }) {
  const [draft, setDraft] = useState({ x0: '0', x1: '99', y0: '0', y1: '99', math: 'sum' as RoiMath });
  const trend = useRef<{ t: number[]; v: Map<number, number[]> }>({ t: [], v: new Map() });
  const [, setTick] = useState(0);

  useEffect(() => {
    if (!frame || rois.length === 0) return;
    const tr = trend.current;
    tr.t.push(frame.time);
    for (const r of rois) {
      const list = tr.v.get(r.id) ?? new Array<number>(tr.t.length - 1).fill(NaN);
      list.push(roiValue(frame.data, twoD ? frame.width : 0, frame.height, r));
      tr.v.set(r.id, list);
    }
    if (tr.t.length > KEEP) {
      tr.t.splice(0, tr.t.length - KEEP);
      for (const l of tr.v.values()) l.splice(0, l.length - KEEP);
    }
    setTick((n) => n + 1);
  }, [frame, rois, twoD]);

  const nums: ('x0' | 'x1' | 'y0' | 'y1')[] = twoD ? ['x0', 'x1', 'y0', 'y1'] : ['x0', 'x1'];
  const valid = nums.every((k) => Number.isInteger(Number(draft[k])) && Number(draft[k]) >= 0);
  const t0 = trend.current.t[0] ?? 0;
  const last = rois.map((r) => trend.current.v.get(r.id)?.at(-1));
  return (
    <div className="roi-tools" data-testid="roi-tools">
      <div className="row">
        <strong>ROI</strong>
        {nums.map((k) => (
          <label key={k}>
            {k}{' '}
            <input className={valid ? 'num small' : 'num small invalid'} aria-label={`roi ${k}`} value={draft[k]} onChange={(e) => setDraft({ ...draft, [k]: e.target.value })} />
          </label>
        ))}
        <select aria-label="roi math" value={draft.math} onChange={(e) => setDraft({ ...draft, math: e.target.value as RoiMath })}>
          <option value="sum">sum</option>
          <option value="mean">mean</option>
          <option value="max">max</option>
        </select>
        <button
          disabled={!valid}
          onClick={() => onChange([...rois, { id: Date.now(), math: draft.math, x0: Number(draft.x0), x1: Number(draft.x1), y0: twoD ? Number(draft.y0) : 0, y1: twoD ? Number(draft.y1) : 0 }])}
        >
          Add ROI
        </button>
        {rois.length > 0 && (
          <button
            onClick={() => {
              trend.current = { t: [], v: new Map() };
              onChange([]);
            }}
          >
            Clear ROIs
          </button>
        )}
      </div>
      {rois.length > 0 && (
        <>
          <div className="roi-values" data-testid="roi-values">
            {rois.map((r, i) => (
              <span key={r.id}>
                ROI {i + 1} ({r.math}): <strong>{last[i] === undefined ? '—' : Number(last[i]!.toPrecision(6))}</strong>{' '}
                {/* Issue 15: switch a drawn ROI between sum, mean and max; a new id starts its trend afresh. */}
                <select aria-label={`roi ${i + 1} math`} value={r.math} onChange={(e) => onChange(rois.map((q) => (q.id === r.id ? { ...q, math: e.target.value as RoiMath, id: Date.now() } : q)))}>
                  <option value="sum">sum</option>
                  <option value="mean">mean</option>
                  <option value="max">max</option>
                </select>
              </span>
            ))}
          </div>
          <LinePlot
            series={rois.map((r, i) => ({ label: `ROI ${i + 1} ${r.math}`, x: trend.current.t.map((t) => t - t0), y: trend.current.v.get(r.id) ?? [] }))}
            xLabel="time (s)"
            yLabel="ROI"
            height={160}
            testId="roi-trend"
          />
        </>
      )}
    </div>
  );
}
