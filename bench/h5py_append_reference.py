#!/usr/bin/python3
"""The reference for `daq scan count 20000 --exp-time 0 --detectors det,diode1` (bench/cli.bench.ts): a naive
h5py script that appends the same 20,000 points one by one to a NeXus-like file (det, diode1 and the time of
each point), resizing the datasets by one row per point and flushing every 0.5 s. Run as a whole command:
python3 bench/h5py_append_reference.py OUT.h5 [POINTS]."""
import sys
import time

import h5py
import numpy as np

out = sys.argv[1]
points = int(sys.argv[2]) if len(sys.argv) > 2 else 20000
# The values are drawn up front (the scan's detectors make them; only the saving is the reference's work).
rng = np.random.default_rng(1)
values = {"det": rng.poisson(1000.0, points).astype("f8"), "diode1": rng.normal(1.0, 0.01, points)}
with h5py.File(out, "w", libver="latest") as f:
    entry = f.create_group("1.1")
    entry.attrs["NX_class"] = "NXentry"
    data = entry.create_group("measurement")
    data.attrs["NX_class"] = "NXcollection"
    names = ["det", "diode1", "epoch"]
    ds = {n: data.create_dataset(n, shape=(0,), maxshape=(None,), dtype="f8", chunks=(1024,)) for n in names}
    f.swmr_mode = True
    last_flush = time.monotonic()
    for i in range(points):
        row = {"det": values["det"][i], "diode1": values["diode1"][i], "epoch": time.time()}
        for n in names:
            d = ds[n]
            d.resize((i + 1,))
            d[i] = row[n]
        now = time.monotonic()
        if now - last_flush >= 0.5:
            f.flush()
            last_flush = now
    f.flush()
