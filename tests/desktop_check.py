"""Checks the desktop app's self-check output (tests/desktop.sh): the PNG is a real screenshot (not
blank: many colours, text-like contrast) and the state shows the default scenario with current results."""
import json
import struct
import sys
import zlib


def read_png(path):
    data = open(path, "rb").read()
    if data[:8] != b"\x89PNG\r\n\x1a\n":
        raise SystemExit(f"{path}: not a PNG")
    pos, idat, width, height = 8, b"", 0, 0
    while pos < len(data):
        n, kind = struct.unpack(">I4s", data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + n]
        if kind == b"IHDR":
            width, height, depth, colour = struct.unpack(">IIBB", body[:10])
            if depth != 8 or colour != 6:
                raise SystemExit(f"{path}: expected 8-bit RGBA, got depth {depth} colour type {colour}")
        elif kind == b"IDAT":
            idat += body
        pos += 12 + n
    raw = zlib.decompress(idat)
    stride = width * 4
    rows, prev = [], bytearray(stride)
    for y in range(height):
        f = raw[y * (stride + 1)]
        line = bytearray(raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
        for i in range(stride):
            a = line[i - 4] if i >= 4 else 0
            b = prev[i]
            c = prev[i - 4] if i >= 4 else 0
            if f == 1: line[i] = (line[i] + a) & 255
            elif f == 2: line[i] = (line[i] + b) & 255
            elif f == 3: line[i] = (line[i] + (a + b) // 2) & 255
            elif f == 4:
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                line[i] = (line[i] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
        rows.append(bytes(line))
        prev = line
    return width, height, rows


def main(png, state_path, default_path):
    width, height, rows = read_png(png)
    colours, dark, light = set(), 0, 0
    for y in range(0, height, 3):
        r = rows[y]
        for x in range(0, width * 4, 12):
            px = r[x:x + 3]
            colours.add(px)
            lum = (px[0] * 299 + px[1] * 587 + px[2] * 114) // 1000
            dark += lum < 90
            light += lum > 200
    samples = ((height + 2) // 3) * ((width + 2) // 3)
    problems = []
    if width < 800 or height < 500:
        problems.append(f"screenshot is {width}x{height}")
    if len(colours) < 200:
        problems.append(f"only {len(colours)} colours: blank or nearly")
    if dark < samples * 0.005 or light < samples * 0.3:
        problems.append(f"no text on cards: {dark} dark and {light} light samples of {samples}")
    state = json.load(open(state_path))
    want = json.load(open(default_path))["name"]
    names = [s.get("name") for s in state.get("slots", [])]
    if not names or names[0] != want:
        problems.append(f"the baseline is {names[:1]}, not the default scenario \"{want}\"")
    run = state.get("runner", {})
    if not run.get("results_current") or run.get("completed", 0) < 1:
        problems.append(f"results not current: {run}")
    if problems:
        raise SystemExit("desktop app: " + "; ".join(problems))
    print(f"desktop app: {width}x{height} screenshot with {len(colours)} colours; baseline \"{names[0]}\"; "
          f"{run.get('completed')} replications, results current")


if __name__ == "__main__":
    main(*sys.argv[1:4])
