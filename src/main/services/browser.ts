// The HDF5 Browser: open/close/refresh files, the lazy tree, search, node info, slices, envelopes, default
// plots and exports of a selection — all read in a worker thread with a time budget (h5browse/) — and the
// folder picker's listing.
import type { BrowserReader } from '../h5browse/browser-reader.ts';
import { checkOutputPath, listFolders } from '../folder-listing.ts';
import type { Handlers } from './handlers.ts';

type BrowserMethods = 'listFolders' | 'browserOpen' | 'browserFiles' | 'browserClose' | 'browserRefresh' | 'browserChildren' | 'browserSearch' | 'browserInfo' | 'browserSlice' | 'browserEnvelope' | 'browserDefaultPlot' | 'browserExport';

export function browserHandlers(browser: BrowserReader): Handlers<BrowserMethods> {
  return {
    listFolders: async (path: string) => listFolders(path),
    browserOpen: async (file: string) => browser.open(file),
    browserFiles: async () => browser.list(),
    browserClose: async (id: number) => (browser.close(id), browser.list()),
    browserRefresh: async (id: number) => browser.refresh(id),
    browserChildren: async (id: number, path: string) => browser.children(id, path),
    browserSearch: async (id: number, text: string) => browser.search(id, text),
    browserInfo: async (id: number, path: string) => browser.info(id, path),
    browserSlice: async (id: number, path: string, ranges: ([number, number] | null)[]) => browser.slice(id, path, ranges),
    browserEnvelope: async (id: number, path: string, from: number, to: number, buckets: number) => browser.envelope(id, path, from, to, buckets),
    browserDefaultPlot: async (id: number, path: string) => browser.defaultPlot(id, path),
    browserExport: async (id: number, paths: string[], ranges: ([number, number] | null)[], format: 'csv' | 'npy', file: string) =>
      browser.exportSelection(id, paths, ranges, format, checkOutputPath(file)),
  };
}
