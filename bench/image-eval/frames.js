/* global window, setInterval */
// A moving Gaussian spot on noise, 512×512 uint16, like the simulated eiger1 camera.
export function makeFrame(i, w = 512, h = 512) {
  const a = new Uint16Array(w * h);
  const cx = 256 + 120 * Math.cos(i / 20);
  const cy = 256 + 120 * Math.sin(i / 20);
  for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) {
    const d = (x - cx) ** 2 + (y - cy) ** 2;
    a[y * w + x] = 20 + ((x * 7 + y * 13 + i * 31) % 17) + 3000 * Math.exp(-d / 225);
  }
  return a;
}
// Frames arrive at 30 fps; the page counts the frames the component committed and the rAF intervals.
export function drive(setFrame) {
  let i = 0;
  window.__shown = 0;
  window.__produced = 0;
  setInterval(() => {
    window.__produced++;
    setFrame(makeFrame(i++));
  }, 1000 / 30);
}
