// `daq serve`: the headless app — the same Api over WebSocket and the UI over HTTP, loopback only by default.
import { resolve } from 'node:path';
import { UsageError, type Command } from '../command.ts';

export const serve: Command = {
  name: 'serve',
  usage: 'daq serve [--host 127.0.0.1] [--port 0] [--allow-remote] [--open FILE] [--json]',
  summary: 'Run the app headless and print the URL (with its token after #) to open in a browser.',
  options: {
    host: { type: 'string', default: '127.0.0.1' },
    port: { type: 'string', default: '0' },
    'allow-remote': { type: 'boolean', default: false },
    open: { type: 'string' },
  },
  async run(ctx) {
    return serveWith(ctx, typeof ctx.values.open === 'string' ? ctx.values.open : undefined);
  },
};

export const browse: Command = {
  name: 'browse',
  usage: 'daq browse <file.h5> [--host 127.0.0.1] [--port 0] [--json]',
  summary: 'Serve the app with an HDF5 file open in the Browser panel, and print the URL.',
  options: serve.options,
  async run(ctx) {
    const [file] = ctx.positionals;
    if (!file) throw new UsageError('give the HDF5 file to open');
    return serveWith(ctx, file);
  },
};

async function serveWith(ctx: Parameters<Command['run']>[0], openFile: string | undefined): Promise<number> {
    // The HTTP/WebSocket server is loaded only by the commands that serve (a faster start for the others).
    const { isLoopback, startServer } = await import('../../server/server.ts');
    const host = String(ctx.values.host);
    const port = Number(ctx.values.port);
    if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError(`--port must be 0–65535, got "${String(ctx.values.port)}"`);
    if (!isLoopback(host)) {
      if (!ctx.values['allow-remote']) {
        throw new UsageError(`--host ${host} is not a loopback address: anyone who can reach it and learns the token can move your motors. Add --allow-remote if you mean it.`);
      }
      ctx.err(`WARNING: serving on ${host}, reachable from other machines. Anyone with the URL's token controls the instrument.`);
    }
    const session = await ctx.session({ transport: 'websocket' });
    if (openFile) {
      // Opened before serving, so a refused file is said here, and the UI starts on the Browser showing it.
      await session.api.browserOpen(resolve(openFile)).catch(async (err: unknown) => {
        await session.close();
        throw err;
      });
      await session.api.updateSettings({ ui: { panel: 'browser' } });
    }
    const server = await startServer({ session, host, port });
    // Ready to stop before saying it is ready: whoever reads the URL may signal at once. `on`, not `once`: a
    // second signal while closing (Ctrl-C pressed twice) must not kill the process mid-close.
    let stop = () => undefined as void;
    const stopped = new Promise<void>((resolveStop) => (stop = () => resolveStop()));
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
    ctx.out(ctx.json ? JSON.stringify({ url: server.url, host: server.host, port: server.port }) : `DAQ Studio is serving at ${server.url}\nPress Ctrl-C to stop.`);
    try {
      await stopped;
      await server.close();
      await session.close();
    } finally {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
    }
    return 0;
}
