#!/bin/sh
# Image view evaluation (docs/benchmarks.md, "Image view: our canvas vs @h5web/lib"): builds two pages in a
# temporary folder, one with our ImageView and one with @h5web/lib's HeatmapVis, and measures frames shown per
# second while frames arrive at 30 fps. Installs @h5web/lib and its peers in that folder only.
# Usage: sh bench/image-eval/run.sh   (from the repository root, after npm ci)
set -e
REPO=$(pwd)
T=$(mktemp -d)
export PATH="$REPO/node_modules/.bin:$PATH"
mkdir -p "$T/h5web" "$T/ours"
cp bench/image-eval/frames.js "$T/"
sed "s|@@REPO@@|$REPO|g" bench/image-eval/measure.mjs > "$T/measure.mjs"
cp bench/image-eval/h5web-main.js "$T/h5web/main.js"
sed "s|@@REPO@@|$REPO|g" bench/image-eval/ours-main.js > "$T/ours/main.js"
for d in h5web ours; do printf '<!doctype html><html><body><div id="root"></div><script type="module" src="./main.js"></script></body></html>' > "$T/$d/index.html"; done
cd "$T"
echo '{ "name": "image-eval", "private": true, "type": "module" }' > package.json
npm install --no-audit --no-fund --legacy-peer-deps @h5web/lib@17.0.0 react@18 react-dom@18 three@0.170 @react-three/fiber@8
echo "export default { root: 'h5web', base: './', build: { outDir: '../dist-h5web', emptyOutDir: true, chunkSizeWarningLimit: 10000 } };" > vite.h5web.config.js
cat > vite.ours.config.js <<EOC
const wt = '$REPO/node_modules/';
export default { root: 'ours', base: './', oxc: { jsx: { runtime: 'automatic' } }, resolve: { alias: { react: wt + 'react', 'react-dom': wt + 'react-dom' } }, build: { outDir: '../dist-ours', emptyOutDir: true, chunkSizeWarningLimit: 10000 } };
EOC
vite build -c vite.h5web.config.js
vite build -c vite.ours.config.js
node measure.mjs dist-ours
node measure.mjs dist-h5web
echo "pages and screenshots in $T"
