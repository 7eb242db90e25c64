// Viewer panel (DAQ_Viewer): the instrument's motors (readback, setpoint entry, tweak, saved positions, stop) and
// detectors (exposure, grab/snap/stop, settings and presets, continuous saving) beside the selected detector's
// live view. This file only composes; the data comes from useDevices and useViewer.
import { useState } from 'react';
import { useDevices } from '../../hooks/use-devices.ts';
import { useViewer } from '../../hooks/use-viewer.ts';
import { SplitPane } from '../SplitPane.tsx';
import type { PanelProps } from '../types.ts';
import { DetectorSettings } from './DetectorSettings.tsx';
import { DetectorTable } from './DetectorTable.tsx';
import { DetectorView } from './DetectorView.tsx';
import { MotorTable } from './MotorTable.tsx';
import { SavedPositions } from './SavedPositions.tsx';
import { SavingBlock } from './SavingBlock.tsx';

export function ViewerPanel(_props: PanelProps) {
  const { list, motors, detectors, positions } = useDevices();
  const viewer = useViewer();
  const [selected, setSelected] = useState('eiger1');

  if (!list) return <p className="muted">Loading devices…</p>;
  const side = (
    <div className="viewer-side">
      <h2>Motors</h2>
      <MotorTable motors={motors} positions={positions} />
      <SavedPositions />
      <h2>Detectors</h2>
      <DetectorTable detectors={detectors} selected={selected} viewer={viewer} onSelect={setSelected} />
      <DetectorSettings detector={selected} />
      <SavingBlock detector={selected} />
    </div>
  );
  return (
    <div className="viewer">
      <SplitPane
        id="viewer"
        sideWidth={480}
        minSide={300}
        minMain={380}
        main={
          <section className="live-view" aria-label="live view">
            <h2>Live: {selected}</h2>
            <DetectorView detector={selected} />
          </section>
        }
        side={side}
      />
    </div>
  );
}
