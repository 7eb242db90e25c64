// Saving: the scan dataset file (which one, start the next — not during a scan), plot screenshots into a scan's
// file, and continuous saving's options (setSaving: base path, base name, compression in one call) and Do Save.
import { DaqError } from '../../shared/errors.ts';
import type { CompressionLib } from '../../shared/compression.ts';
import type { SavingPatch } from '../../shared/settings.ts';
import type { RunEngine } from '../acquisition/engine.ts';
import type { EventBus } from '../event-bus.ts';
import type { SettingsStore } from '../settings.ts';
import type { ContinuousSaver } from '../storage/continuous-saver.ts';
import type { NexusWriter } from '../storage/nexus-writer.ts';
import type { ScanAttachments } from '../storage/scan-attachments.ts';
import type { Handlers } from './handlers.ts';
import { changeSettings } from './settings.ts';
import type { BasePathPrecedence } from '../base-path-precedence.ts';

export function savingHandlers(d: {
  writer: NexusWriter | undefined;
  engine: RunEngine;
  attachments: ScanAttachments;
  saver: ContinuousSaver;
  settings: SettingsStore;
  basePath: BasePathPrecedence;
  bus: EventBus;
}): Handlers<'getDataset' | 'newDataset' | 'attachScreenshot' | 'setSaverOptions' | 'setSaving' | 'setDoSave'> {
  const requireWriter = (): NexusWriter => {
    if (!d.writer) throw new DaqError('UNAVAILABLE', 'This session does not save files (started with saving off).');
    return d.writer;
  };
  // The saver's status carries base path, base name and compression: changeSettings publishes 'saver.status' for
  // every change of them, so a client that follows it (another window, `daq grab`, a script) learns it at once.
  return {
    getDataset: async () => ({ file: requireWriter().currentDataset() }),
    newDataset: async () => {
      if (d.engine.state !== 'idle') throw new DaqError('BUSY', 'A scan is running; start a new dataset when it has ended.');
      return { file: requireWriter().newDataset() };
    },
    attachScreenshot: async (uid: string, png: Uint8Array, endOfScan?: boolean) => d.attachments.attachScreenshot(uid, png, endOfScan),
    setSaverOptions: async (o: { baseName?: string; compression?: CompressionLib; level?: number }) => {
      changeSettings(d, { continuous: o });
      return d.saver.status();
    },
    setSaving: async (p: SavingPatch) => {
      const { basePath, ...continuous } = p;
      return changeSettings(d, { ...(basePath !== undefined ? { basePath } : {}), ...(Object.keys(continuous).length ? { continuous } : {}) });
    },
    setDoSave: async (on: boolean, detector?: string) => d.saver.setDoSave(on, detector),
  };
}
