// Browser panel (H5Browser/H5Web-like): open HDF5 files by path (several at once), a lazy tree with NX_class
// badges and links shown as links, search by name, a metadata pane, and views — the NXdata default plot, a line
// (a min/max envelope for huge 1-D data; zoom reads the finer range), an image of any 2-D slice of an N-D dataset
// with sliders for the other dimensions, a paged table. Refresh (or Follow) shows what a writer added.
import { useCallback, useEffect, useRef, useState } from 'react';
import type { NodeInfo, OpenFile, PlotDescription, TreeNode } from '../../shared/browse.ts';
import { getBridge } from '../bridge.ts';
import { FolderPicker } from '../components/FolderPicker.tsx';
import { ImageView } from '../components/ImageView.tsx';
import { LinePlot } from '../components/LinePlot.tsx';
import { useReportError } from '../errors.tsx';
import { bytes } from '../format.ts';
import { takeRequest } from '../navigation.ts';
import { numpyDtypeName } from './dtype-names.ts';
import type { PanelProps } from './types.ts';

const POINTS_DIRECT = 100_000;
const PAGE = 100;

function Tree({ file, path, depth, onSelect, selected }: { file: OpenFile; path: string; depth: number; onSelect: (n: TreeNode) => void; selected: string }) {
  const report = useReportError();
  const [kids, setKids] = useState<TreeNode[] | undefined>();
  const [open, setOpen] = useState<Set<string>>(new Set());
  useEffect(() => {
    getBridge().api.browserChildren(file.id, path).then(setKids, report);
  }, [file, path, report]);
  if (!kids) return <div className="muted" style={{ paddingLeft: depth * 14 }}>…</div>;
  return (
    <ul className="tree" role={depth === 0 ? 'tree' : 'group'}>
      {kids.map((k) => {
        const isOpen = open.has(k.path);
        const soft = (k as { softLink?: boolean }).softLink;
        return (
          <li key={k.path} role="treeitem" aria-expanded={k.kind === 'group' ? isOpen : undefined} aria-selected={selected === k.path}>
            <div
              className={selected === k.path ? 'tree-row selected' : 'tree-row'}
              data-testid={`tree-${k.path}`}
              onClick={() => {
                onSelect(k);
                if (k.kind === 'group' && !soft) {
                  const next = new Set(open);
                  if (isOpen) next.delete(k.path);
                  else next.add(k.path);
                  setOpen(next);
                }
              }}
            >
              <span className="tree-icon">{k.kind === 'group' ? (isOpen ? '▾' : '▸') : k.kind === 'dataset' ? '▪' : '↪'}</span>
              {k.name}
              {k.nxClass && <span className="badge">{k.nxClass}</span>}
              {soft && <span className="badge link" title={k.target}>link</span>}
              {k.kind === 'external-link' && <span className="badge link" title={k.target}>external</span>}
              {k.unfinished && <span className="badge warn">unfinished</span>}
              {k.shape && k.shape.length > 0 && <span className="muted small-text"> {k.shape.join('×')}</span>}
            </div>
            {k.kind === 'group' && isOpen && !soft && <Tree file={file} path={k.path} depth={depth + 1} onSelect={onSelect} selected={selected} />}
          </li>
        );
      })}
    </ul>
  );
}

type Line = { label: string; x: ArrayLike<number>; y: ArrayLike<number> };

/** One 1-D dataset as a line (or its envelope), plus the pinned datasets to compare with, on one index axis. */
function LineView({ file, path, length, label, pinned }: { file: OpenFile; path: string; length: number; label: string; pinned: { path: string; label: string }[] }) {
  const report = useReportError();
  const [series, setSeries] = useState<Line[]>([]);
  const [range, setRange] = useState<[number, number] | undefined>();
  const [logY, setLogY] = useState(false);
  useEffect(() => {
    const api = getBridge().api;
    const [a, b] = range ? [Math.max(0, Math.floor(range[0])), Math.min(length, Math.ceil(range[1]) + 1)] : [0, length];
    const read = (p: string, l: string): Promise<Line[]> =>
      b - a <= POINTS_DIRECT
        ? api.browserSlice(file.id, p, [[a, b]]).then((s) => [{ label: l, x: Array.from({ length: s.values.length }, (_, i) => a + i), y: s.values }])
        : api.browserEnvelope(file.id, p, a, b, 2000).then((e) => [
            { label: `${l} max`, x: e.x, y: e.max },
            { label: `${l} min`, x: e.x, y: e.min },
          ]);
    const others = pinned.filter((q) => q.path !== path);
    Promise.all([read(path, label), ...others.map((q) => read(q.path, q.label).catch(() => []))]).then((all) => setSeries(all.flat()), report);
  }, [file, path, length, label, range, pinned, report]);
  return (
    <div>
      <label>
        <input type="checkbox" checked={logY} onChange={(e) => setLogY(e.target.checked)} aria-label="log y" /> log scale
      </label>
      <LinePlot series={series} xLabel="index" yLabel={label} logY={logY} height={300} testId="browser-line" onZoom={setRange} />
    </div>
  );
}

function ImageSliceView({ file, path, shape }: { file: OpenFile; path: string; shape: number[] }) {
  const report = useReportError();
  const lead = shape.slice(0, -2);
  const [idx, setIdx] = useState<number[]>(lead.map(() => 0));
  const [img, setImg] = useState<{ data: Float64Array; w: number; h: number } | undefined>();
  const h = shape[shape.length - 2]!;
  const w = shape[shape.length - 1]!;
  useEffect(() => {
    getBridge()
      .api.browserSlice(file.id, path, [...idx.map((i) => [i, i + 1] as [number, number]), null, null])
      .then((s) => setImg({ data: s.values, w, h }), report);
  }, [file, path, idx, w, h, report]);
  return (
    <div>
      {lead.map((n, k) => (
        <label key={k} className="slider">
          dim {k}: {idx[k]} / {n - 1}
          <input type="range" min={0} max={n - 1} value={idx[k]} aria-label={`dimension ${k}`} onChange={(e) => setIdx(idx.map((v, j) => (j === k ? Number(e.target.value) : v)))} />
        </label>
      ))}
      {img && <ImageView data={img.data} width={img.w} height={img.h} size={360} testId="browser-image" />}
    </div>
  );
}

function TableView({ file, path, shape }: { file: OpenFile; path: string; shape: number[] }) {
  const report = useReportError();
  const [start, setStart] = useState(0);
  const [rows, setRows] = useState<number[][]>([]);
  const cols = shape.length >= 2 ? Math.min(shape[1]!, 20) : 1;
  useEffect(() => {
    const ranges: ([number, number] | null)[] = [[start, Math.min(shape[0] ?? 1, start + PAGE)], ...(shape.length >= 2 ? [[0, cols] as [number, number]] : []), ...shape.slice(2).map(() => [0, 1] as [number, number])];
    getBridge()
      .api.browserSlice(file.id, path, shape.length === 0 ? [] : ranges)
      .then((s) => {
        const out: number[][] = [];
        for (let r = 0; r < (s.selection[0] ?? 1); r++) out.push(Array.from(s.values.subarray(r * cols, r * cols + cols)));
        setRows(out);
      }, report);
  }, [file, path, shape, start, cols, report]);
  return (
    <div>
      <table className="grid small-table" data-testid="browser-table">
        <tbody>
          {rows.map((r, i) => (
            <tr key={i}>
              <th>{start + i}</th>
              {r.map((v, j) => (
                <td key={j} className="num">
                  {Number(v.toPrecision(8))}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
      <div className="row pager">
        <button disabled={start === 0} onClick={() => setStart(Math.max(0, start - PAGE))}>
          ←
        </button>
        <span>
          rows {start}–{Math.min(shape[0] ?? 1, start + PAGE) - 1} of {shape[0] ?? 1}
        </span>
        <button disabled={start + PAGE >= (shape[0] ?? 1)} onClick={() => setStart(start + PAGE)}>
          →
        </button>
      </div>
    </div>
  );
}

function DefaultPlot({ file, plot, exportFolder }: { file: OpenFile; plot: PlotDescription; exportFolder: string }) {
  const report = useReportError();
  const [message, setMessage] = useState('');
  const [series, setSeries] = useState<{ label: string; x: ArrayLike<number>; y: ArrayLike<number> }[]>([]);
  const shape = plot.signal.shape;
  useEffect(() => {
    if (shape.length !== 1) return;
    const api = getBridge().api;
    const axis = plot.axes[0];
    void Promise.all([api.browserSlice(file.id, plot.signal.path, [null]), axis ? api.browserSlice(file.id, axis.path, [null]) : Promise.resolve(undefined), ...plot.auxiliary.map((a) => api.browserSlice(file.id, a.path, [null]))]).then(([sig, ax, ...aux]) => {
      const x = ax ? ax.values : Array.from({ length: sig!.values.length }, (_, i) => i);
      setSeries([{ label: plot.signal.label, x, y: sig!.values }, ...aux.map((a, i) => ({ label: plot.auxiliary[i]!.label, x, y: a!.values }))]);
    }, report);
  }, [file, plot, shape.length, report]);
  return (
    <div data-testid="browser-default-plot" data-nxdata={plot.nxdata}>
      <h3>{plot.title}</h3>
      {shape.length === 1 ? (
        <>
          <LinePlot series={series} xLabel={plot.axes[0]?.label ?? 'index'} yLabel={plot.signal.label} logY={plot.logY} height={300} testId="browser-line" />
          <div className="row">
            <button
              onClick={() => {
                // The axis first, then the signal and the auxiliary signals: one column each.
                const paths = [...(plot.axes[0] ? [plot.axes[0].path] : []), plot.signal.path, ...plot.auxiliary.map((a) => a.path)];
                const name = plot.nxdata.split('/').filter(Boolean).join('_') || 'plot';
                getBridge()
                  .api.browserExport(file.id, paths, [null], 'csv', `${exportFolder.replace(/[\\/]$/, '')}/${name}.csv`)
                  .then((r) => setMessage(`Written ${r.file} (${r.bytes} bytes)`), report);
              }}
            >
              Export plot as CSV
            </button>
            {message && <span className="muted" data-testid="plot-export-message">{message}</span>}
          </div>
        </>
      ) : shape.length >= 2 ? (
        <ImageSliceView file={file} path={plot.signal.path} shape={shape} />
      ) : null}
    </div>
  );
}

/** Saves the plot or image on screen as a PNG through the browser's download. */
function downloadPlotPng(name: string): void {
  const canvas = document.querySelector<HTMLCanvasElement>('.browser-view .lineplot canvas, .browser-view canvas.imageview-canvas');
  canvas?.toBlob((blob) => {
    if (!blob) return;
    const a = document.createElement('a');
    a.href = URL.createObjectURL(blob);
    a.download = `${name}.png`;
    a.click();
    setTimeout(() => URL.revokeObjectURL(a.href), 1000);
  }, 'image/png');
}

export function BrowserPanel(_props: PanelProps) {
  const report = useReportError();
  const [files, setFiles] = useState<OpenFile[]>([]);
  const [current, setCurrent] = useState<OpenFile | undefined>();
  const [path, setPath] = useState('');
  const [node, setNode] = useState<TreeNode | undefined>();
  const [info, setInfo] = useState<NodeInfo | undefined>();
  const [plot, setPlot] = useState<PlotDescription | null | undefined>();
  const [view, setView] = useState<'plot' | 'table'>('plot');
  const [search, setSearch] = useState('');
  const [found, setFound] = useState<TreeNode[]>([]);
  // The follow box outlives a panel switch (only the active panel is mounted) and a reload.
  const [follow, setFollowState] = useState(() => localStorage.getItem('daq.browser.follow') === '1');
  const setFollow = (on: boolean) => {
    setFollowState(on);
    localStorage.setItem('daq.browser.follow', on ? '1' : '0');
  };
  const [version, setVersion] = useState(0);
  const [picking, setPicking] = useState(false);
  const [recent, setRecent] = useState<string[]>([]);
  const [pinned, setPinned] = useState<{ path: string; label: string }[]>([]);
  const [exportPath, setExportPath] = useState('');
  const [message, setMessage] = useState('');
  const [csvName, setCsvName] = useState('');
  const filesRef = useRef<OpenFile[]>([]);
  filesRef.current = files;

  /** Shows a file, at a node when given: an open file's tab is focused and refreshed (it follows what a writer
   * added since), a new file gets its own tab. */
  const open = useCallback(
    (p: string, at?: TreeNode) => {
      const already = filesRef.current.find((f) => f.file === p);
      const opened = already ? getBridge().api.browserRefresh(already.id) : getBridge().api.browserOpen(p);
      return opened.then((f) => {
        setFiles((fs) => (fs.some((x) => x.id === f.id) ? fs.map((x) => (x.id === f.id ? f : x)) : [...fs, f]));
        setCurrent(f);
        setPlot(undefined);
        setInfo(undefined);
        setNode(at);
        setVersion((v) => v + 1);
        setPinned([]);
        // Recent files live in the settings, so the desktop app and a browser share them.
        setRecent((r) => {
          const next = [f.file, ...r.filter((x) => x !== f.file)].slice(0, 10);
          void getBridge().api.updateSettings({ ui: { layout: { recentFiles: next } } }).catch(() => undefined);
          return next;
        });
      }, report);
    },
    [report],
  );

  useEffect(() => {
    getBridge().api.getSettings().then((st) => {
      const r = st.ui.layout.recentFiles;
      if (Array.isArray(r)) setRecent(r.filter((x): x is string => typeof x === 'string'));
    }, report);
    getBridge().api.getAppInfo().then((i) => setExportPath((p) => p || i.basePath), report);
    // Other panels ask to open a file ("Open in Browser"), maybe at one scan's entry; see navigation.ts. The list
    // of open files comes first, so a file already open is focused instead of opened twice.
    const pending = takeRequest('daq.open-file');
    const entry = takeRequest('daq.open-entry');
    getBridge().api.browserFiles().then((fs) => {
      setFiles(fs);
      filesRef.current = fs;
      if (pending) void open(pending, entry ? { name: entry, path: `/${entry}`, kind: 'group' } : undefined);
      else setCurrent((c) => c ?? fs[0]);
    }, report);
  }, [open, report]);

  const refresh = useCallback(() => {
    if (!current) return;
    getBridge()
      .api.browserRefresh(current.id)
      .then((f) => {
        setCurrent(f);
        setVersion((v) => v + 1);
      }, report);
  }, [current, report]);

  useEffect(() => {
    if (!follow) return;
    const t = setInterval(refresh, 2000);
    return () => clearInterval(t);
  }, [follow, refresh]);

  // What is shown belongs to one file and node: answers for a file or node no longer shown are dropped, so
  // switching files never reads the previous file's paths in the new one (the false NOT_FOUND banners).
  useEffect(() => {
    if (!current) return;
    let stale = false;
    const p = node?.path ?? '/';
    const api = getBridge().api;
    setMessage('');
    api.browserInfo(current.id, p).then(
      (i) => !stale && setInfo(i),
      (e: unknown) => {
        if (stale) return;
        setInfo(undefined);
        report(e);
      },
    );
    if (!node || node.kind === 'group') api.browserDefaultPlot(current.id, p).then((d) => !stale && setPlot(d), () => !stale && setPlot(null));
    else setPlot(undefined);
    return () => {
      stale = true;
    };
  }, [current, node, version, report]);

  // The CSV name starts from where the dataset is (two datasets named "data" in different entries differ).
  const infoPath = info?.path;
  useEffect(() => {
    if (infoPath) setCsvName(`${infoPath.split('/').filter(Boolean).join('_') || 'data'}.csv`);
  }, [infoPath]);
  const showFile = (f: OpenFile) => {
    if (f.id === current?.id) return;
    setInfo(undefined);
    setPlot(undefined);
    setNode(undefined);
    setCurrent(f);
  };

  const shape = info?.shape ?? [];
  const png = info?.kind === 'dataset' && info.attrs.some((a) => a.name === 'mime_type' && /image\/png/i.test(a.value));
  const numeric = !png && info?.kind === 'dataset' && info.value === undefined && !/compound|enum|vlen|str|ref/i.test(info.dtype ?? '');
  // Files dropped on the panel: the desktop app knows their paths; a browser hides them, so it says what to do.
  const onDrop = (e: React.DragEvent) => {
    e.preventDefault();
    const bridge = getBridge();
    const dropped = [...e.dataTransfer.files];
    if (dropped.length === 0) return;
    if (!bridge.pathForFile) {
      report(new Error(`A browser does not tell where a dropped file is (${dropped[0]!.name}): type its path, or use Browse…`));
      return;
    }
    for (const f of dropped) void open(bridge.pathForFile(f));
  };

  return (
    <div className="browser" onDragOver={(e) => e.preventDefault()} onDrop={onDrop} data-testid="browser-drop">
      <div className="row browser-open">
        <input aria-label="file path" placeholder="/absolute/path/to/file.h5" value={path} onChange={(e) => setPath(e.target.value)} onKeyDown={(e) => e.key === 'Enter' && path && void open(path)} />
        <button disabled={!path} onClick={() => void open(path)}>
          Open
        </button>
        <button onClick={() => setPicking(true)}>Browse…</button>
        {recent.length > 0 && (
          <select aria-label="recent files" value="" onChange={(e) => e.target.value && void open(e.target.value)}>
            <option value="">recent files…</option>
            {recent.map((r) => (
              <option key={r} value={r}>
                {r}
              </option>
            ))}
          </select>
        )}
        {current && (
          <>
            <button onClick={refresh}>Refresh</button>
            <label>
              <input type="checkbox" checked={follow} onChange={(e) => setFollow(e.target.checked)} /> follow
            </label>
          </>
        )}
      </div>
      <div className="file-tabs" role="tablist" aria-label="open files">
        {files.map((f) => (
          <span key={f.id} role="tab" aria-selected={current?.id === f.id} className={current?.id === f.id ? 'file-tab active' : 'file-tab'} onClick={() => showFile(f)} title={f.file} data-testid="file-tab">
            {f.file.split(/[\\/]/).pop()}
            {f.live && <span className="badge warn">live</span>}
            <button
              aria-label={`close ${f.file}`}
              onClick={(e) => {
                e.stopPropagation();
                getBridge()
                  .api.browserClose(f.id)
                  .then((fs) => {
                    setFiles(fs);
                    setInfo(undefined);
                    setPlot(undefined);
                    setNode(undefined);
                    setCurrent(fs[0]);
                  }, report);
              }}
            >
              ×
            </button>
          </span>
        ))}
      </div>
      {picking && (
        <FolderPicker
          files
          start={exportPath || '/'}
          onCancel={() => setPicking(false)}
          onPick={(p) => {
            setPicking(false);
            void open(p);
          }}
        />
      )}
      {current ? (
        <div className="browser-body">
          <aside className="browser-tree">
            <input aria-label="search by name" placeholder="search by name" value={search} onChange={(e) => setSearch(e.target.value)} onKeyDown={(e) => e.key === 'Enter' && search && getBridge().api.browserSearch(current.id, search).then(setFound, report)} />
            {found.length > 0 && (
              <ul className="found">
                {found.map((f) => (
                  <li key={f.path} onClick={() => setNode(f)}>
                    {f.path}
                  </li>
                ))}
              </ul>
            )}
            <Tree key={`${current.id}-${version}`} file={current} path="/" depth={0} onSelect={setNode} selected={node?.path ?? ''} />
          </aside>
          <section className="browser-view">
            {info && (
              <div className="node-info" data-testid="node-info">
                <strong>{info.path}</strong> <span className="muted">{info.kind}{info.nxClass ? ` · ${info.nxClass}` : ''}{info.shape ? ` · shape ${info.shape.length ? info.shape.join('×') : 'scalar'}` : ''}{info.dtype ? ` · ${numpyDtypeName(info.dtype)}` : ''}{info.chunks ? ` · chunks ${info.chunks.join('×')}` : ''}{info.filters?.length ? ` · ${info.filters.join(', ')}` : ''}</span>
                {info.storedBytes !== undefined && (
                  <div className="muted" data-testid="node-storage">
                    {bytes(info.storedBytes)} on disk{info.compressionRatio ? ` · compression ratio ${info.compressionRatio.toFixed(2)}×` : ''}
                  </div>
                )}
                {info.value !== undefined && <div className="big-value small" data-testid="node-value">{String(info.value)}</div>}
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
            )}
            {png && <StoredPng key={`${info!.path}-${version}`} file={current} path={info!.path} />}
            {plot && <DefaultPlot key={`${plot.nxdata}-${version}`} file={current} plot={plot} exportFolder={exportPath} />}
            {plot === null && (!node || node.kind === 'group') && <p className="muted">No NXdata to plot here; choose a dataset in the tree.</p>}
            {numeric && (
              <>
                <div className="row">
                  <button className={view === 'plot' ? 'tab active' : 'tab'} onClick={() => setView('plot')}>
                    Plot
                  </button>
                  <button className={view === 'table' ? 'tab active' : 'tab'} onClick={() => setView('table')}>
                    Table
                  </button>
                  {shape.length === 1 && (
                    <button
                      title="Keep this dataset on the plot to compare it with the next ones you open"
                      onClick={() => setPinned((ps) => (ps.some((q) => q.path === info!.path) ? ps.filter((q) => q.path !== info!.path) : [...ps, { path: info!.path, label: info!.name }]))}
                    >
                      {pinned.some((q) => q.path === info!.path) ? 'Unpin' : 'Pin to compare'}
                    </button>
                  )}
                  {pinned.length > 0 && <span className="muted">comparing: {pinned.map((q) => q.label).join(', ')}</span>}
                </div>
                <div className="row export-row">
                  <input aria-label="export folder" value={exportPath} onChange={(e) => setExportPath(e.target.value)} />
                  {shape.length === 1 && (
                    <input aria-label="export file name" className="export-name" value={csvName} onChange={(e) => setCsvName(e.target.value)} title="Name of the CSV file in the export folder" />
                  )}
                  {shape.length === 1 && (
                    <button
                      disabled={!/^[^\\/]+\.csv$/i.test(csvName)}
                      title={/^[^\\/]+\.csv$/i.test(csvName) ? `Write ${csvName} in ${exportPath}` : 'Give a file name ending in .csv'}
                      onClick={() =>
                        getBridge()
                          .api.browserExport(current.id, [info!.path], [null], 'csv', `${exportPath.replace(/[\\/]$/, '')}/${csvName}`)
                          .then((r) => setMessage(`Written ${r.file} (${r.bytes} bytes)`), report)
                      }
                    >
                      Export CSV
                    </button>
                  )}
                  <button
                    onClick={() =>
                      getBridge()
                        .api.browserExport(current.id, [info!.path], shape.length > 2 ? [...shape.slice(0, -2).map(() => [0, 1] as [number, number]), null, null] : [], 'npy', `${exportPath.replace(/[\\/]$/, '')}/${info!.name}.npy`)
                        .then((r) => setMessage(`Written ${r.file} (${r.bytes} bytes)`), report)
                    }
                  >
                    Export NPY
                  </button>
                  <button onClick={() => downloadPlotPng(info!.name)}>PNG</button>
                  {message && <span className="muted" data-testid="browser-message">{message}</span>}
                </div>
                {view === 'table' ? (
                  <TableView key={`${info!.path}-${version}`} file={current} path={info!.path} shape={shape} />
                ) : shape.length === 1 ? (
                  <LineView key={`${info!.path}-${version}`} file={current} path={info!.path} length={shape[0]!} label={info!.name} pinned={pinned} />
                ) : shape.length >= 2 ? (
                  <ImageSliceView key={`${info!.path}-${version}`} file={current} path={info!.path} shape={shape} />
                ) : null}
              </>
            )}
          </section>
        </div>
      ) : (
        <p className="muted">Open an HDF5 file by its path (or from the History panel).</p>
      )}
    </div>
  );
}

/** A PNG stored as bytes (@mime_type image/png, as the Scan panel stores its plot) shown as the image it is. */
function StoredPng({ file, path }: { file: OpenFile; path: string }) {
  const report = useReportError();
  const [url, setUrl] = useState<string | undefined>();
  useEffect(() => {
    let made: string | undefined;
    let stale = false;
    getBridge()
      .api.browserSlice(file.id, path, [null])
      .then((s) => {
        if (stale) return;
        made = URL.createObjectURL(new Blob([Uint8Array.from(s.values)], { type: 'image/png' }));
        setUrl(made);
      }, report);
    return () => {
      stale = true;
      if (made) URL.revokeObjectURL(made);
    };
  }, [file, path, report]);
  return url ? <img className="stored-png" src={url} alt={`PNG stored at ${path}`} data-testid="browser-png" /> : <p className="muted">Reading the image…</p>;
}
