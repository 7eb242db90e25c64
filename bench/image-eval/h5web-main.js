/* global window, document */
import { createElement as h, useEffect, useState } from 'react';
import { createRoot } from 'react-dom/client';
import { HeatmapVis, getDomain } from '@h5web/lib';
import '@h5web/lib/styles.css';
import ndarray from 'ndarray';
import { drive, makeFrame } from '../frames.js';

function App() {
  const [frame, setFrame] = useState(() => makeFrame(0));
  useEffect(() => drive(setFrame), []);
  useEffect(() => { window.__shown++; }, [frame]);
  const arr = ndarray(frame, [512, 512]);
  return h('div', { style: { width: 600, height: 500 } }, h(HeatmapVis, { dataArray: arr, domain: getDomain(arr) ?? [0, 1], colorMap: 'Viridis', showGrid: false }));
}
createRoot(document.getElementById('root')).render(h(App));
