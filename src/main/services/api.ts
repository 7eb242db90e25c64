// The Api implementation assembled from the services by topic. The compiler checks that every method of the
// contract (src/shared/api.ts) has exactly one handler here.
import type { Api, Results } from '../../shared/api.ts';
import type { RunEngine } from '../acquisition/engine.ts';
import type { MetadataRegistry } from '../acquisition/metadata.ts';
import type { Viewer } from '../acquisition/viewer.ts';
import type { BasePathPrecedence } from '../base-path-precedence.ts';
import type { Catalog } from '../catalog/catalog.ts';
import type { EventBus } from '../event-bus.ts';
import type { BrowserReader } from '../h5browse/browser-reader.ts';
import { syncMotors } from '../acquisition/scan-request.ts';
import { detectorSettingsApi } from '../instrument/detector-presets.ts';
import type { Instrument } from '../instrument/instrument.ts';
import { savedPositionsApi } from '../instrument/saved-positions.ts';
import type { MotorFollower } from '../motor-follower.ts';
import type { SettingsStore } from '../settings.ts';
import type { ContinuousSaver } from '../storage/continuous-saver.ts';
import type { NexusWriter } from '../storage/nexus-writer.ts';
import type { ScanAttachments } from '../storage/scan-attachments.ts';
import { browserHandlers } from './browser.ts';
import { deviceHandlers, viewerHandlers } from './devices-viewer.ts';
import type { Handlers } from './handlers.ts';
import { historyHandlers } from './history-export.ts';
import { metadataHandlers } from './metadata.ts';
import { savingHandlers } from './saving.ts';
import type { ScanService } from './scan.ts';
import { settingsHandlers } from './settings.ts';

export interface ApiParts {
  transport: 'ipc' | 'websocket' | 'in-process';
  dataDir: string;
  instrumentFile: string;
  instrument: Instrument;
  engine: RunEngine;
  scans: ScanService;
  metadata: MetadataRegistry;
  settings: SettingsStore;
  basePath: BasePathPrecedence;
  writer: NexusWriter | undefined;
  attachments: ScanAttachments;
  viewer: Viewer;
  saver: ContinuousSaver;
  follower: MotorFollower;
  catalog: Catalog;
  browser: BrowserReader;
  bus: EventBus;
}

export function composeApi(p: ApiParts): Api {
  const busy = () => p.engine.state !== 'idle';
  const handlers: Handlers<keyof Results> = {
    ...settingsHandlers(p),
    ...deviceHandlers(p),
    ...p.scans.handlers(),
    ...metadataHandlers(p.metadata),
    ...savingHandlers(p),
    ...viewerHandlers({ ...p, log: p.bus.log }),
    ...historyHandlers({ catalog: p.catalog, basePath: () => p.basePath.current }),
    ...browserHandlers(p.browser),
    ...savedPositionsApi({ dataDir: p.dataDir, instrument: p.instrument, busy, sync: () => syncMotors(p.instrument, p.engine), follow: () => p.follower.follow() }),
    ...detectorSettingsApi({
      dataDir: p.dataDir,
      instrument: p.instrument,
      exposure: (d) => p.viewer.expTime(d),
      setExposure: (d, t) => p.viewer.setExpTime(d, t),
      busy,
      savingDetector: () => p.saver.savingDetector,
    }),
  };
  // Handlers take the parsed arguments (the dispatcher validated them); callers see the schema's input types.
  return handlers as unknown as Api;
}
