/* global window, document */
import { createElement as h, useEffect, useState } from 'react';
import { createRoot } from 'react-dom/client';
import { ImageView } from '@@REPO@@/src/renderer/components/ImageView.tsx';
import { drive, makeFrame } from '../frames.js';

function App() {
  const [frame, setFrame] = useState(() => makeFrame(0));
  useEffect(() => drive(setFrame), []);
  useEffect(() => { window.__shown++; }, [frame]);
  return h(ImageView, { data: frame, width: 512, height: 512, size: 420, units: 'counts' });
}
createRoot(document.getElementById('root')).render(h(App));
