// `node --import test/helpers/electron-standin-register.mjs out/main/index.js` runs the built main process in
// plain Node with the `electron` stand-in, driven by the parent over the IPC channel (electron-standin-driver.ts).
import { register } from 'node:module';

register(new URL('./electron-standin-hooks.mjs', import.meta.url));
await import('./electron-standin-driver.ts');
