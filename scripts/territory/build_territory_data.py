#!/usr/bin/env python3
"""Build Essor's compact reference files for France's official 2026 geography.

What it does
------------
Reads the official administrative division data and writes small, sorted,
deterministic files that the application loads at start-up:

  <out>/regions.csv          code;nom                  18 regions (13 metropolitan + 5 DROM)
  <out>/departements.csv     code;region;nom           101 departements (metropolitan + DROM)
  <out>/epci.csv             code;nom;nature           EPCI a fiscalite propre (SIREN, name, CC/CA/CU/METRO/MET69)
  <out>/communes.csv.gz      code;nom;departement;region;epci;population;latitude;longitude;codes_postaux
                             current communes ("commune-actuelle") of metropolitan France and DROM
  <out>/arrondissements.csv  code;commune;nom;codes_postaux
                             municipal arrondissements of Paris, Lyon and Marseille
  <static>/regions.geojson, <static>/departements.geojson
                             contours for maps, properties "code" and "nom" only, coordinates
                             rounded to 4 decimals, minified

All CSV files are UTF-8 (no BOM), ';'-separated, '\n' line endings, nothing quoted: read them by
splitting lines on ';'. The script fails if a value contains ';' or a line break, or starts with a
double quote. Names are kept verbatim, so a few EPCI names contain double quotes inside the field
(e.g. CA "Saintes - Grandes Rives - L'Agglo"); a CSV reader must not treat '"' as a quote char. Rows are sorted by code. The gzip file is
written with a zero timestamp and no embedded file name, so identical inputs give identical bytes.

The overseas collectivities (COM: 975, 977, 978, 984, 986, 987, 988, 989) are left out: they are
neither regions nor departements, and their communes would reference region codes absent from
regions.csv.

Point per commune (latitude/longitude, 5 decimals), first rule that gives a point:
  1. "laposte": La Poste rows with the commune's INSEE code; the first row (file order) whose
     Ligne_5 is empty (the row of the commune itself), else the first row. (In this file all rows
     of a commune carry the same point in all but a handful of cases.)
  2. "arrondissements": Paris, Lyon, Marseille are only present in the La Poste file through their
     municipal arrondissements; the point is the mean of the arrondissements' points.
  3. "absorbed": mean of the points of the communes it absorbed (entries "commune-deleguee" /
     "commune-associee" whose chefLieu is this commune, plus its "anciensCodes").
  4. "postcode+name": first La Poste row (file order) having one of the commune's postcodes and
     whose Nom_commune or Ligne_5 equals the commune's name once normalised (upper case, no
     accents, no punctuation). This catches communes re-created by splitting a commune nouvelle
     after 2022 (e.g. Celles, Cantal: Ligne_5 of Neussargues en Pinatelle) and communes whose code
     changed (Les Hauts-Talican 60054 -> 60694).
  5. "postcode": first La Poste row (file order) with the commune's first postcode (sorted) that
     has any row.
  Otherwise latitude/longitude are left empty.

Sources
-------
* npm package @etalab/decoupage-administratif 6.0.0 (2026 official geography: INSEE COG 2026,
  DGCL EPCI 2026, INSEE legal populations, La Poste postcodes). Data: Licence Ouverte / Etalab 2.0,
  code: MIT. Fetch with:  npm pack @etalab/decoupage-administratif@6.0.0 && tar xzf *.tgz
* La Poste "Base officielle des codes postaux" (laposte_hexasmal.csv, 2022 copy from the public
  repository giloop/parrainages-communes-2022; data.gouv.fr, Licence Ouverte 2.0, formerly ODbL).
* Contours: IGN Admin Express COG 2018 via the public repository gregoiredavid/france-geojson
  (regions/departements "-avec-outre-mer" and "-version-simplifiee" files; Licence Ouverte).
  For each layer the "-avec-outre-mer" file is used if, once rounded and minified, it stays under
  --max-geojson-bytes (2,000,000); otherwise the "-version-simplifiee" file is used and completed
  with the features it lacks (the DROM) taken from the "-avec-outre-mer" file.

Usage
-----
  python3 scripts/territory/build_territory_data.py PACKAGE_DIR LAPOSTE_CSV [OUT_DIR]
      [--geojson-dir DIR] [--static-dir DIR]

PACKAGE_DIR is the extracted npm package directory (the one containing data/communes.json).
OUT_DIR defaults to src/main/resources/territory, --static-dir to src/main/resources/static/geo
(both relative to the repository root), --geojson-dir to the directory of LAPOSTE_CSV.
Python 3 standard library only.
"""

import argparse
import collections
import csv
import gzip
import io
import json
import os
import sys
import unicodedata

REPO_ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
KEPT_ZONES = ("metro", "drom")
PLM_COMMUNES = ("13055", "69123", "75056")  # Marseille, Lyon, Paris


def load_json(package_dir, name):
    path = os.path.join(package_dir, "data", name + ".json")
    with open(path, encoding="utf-8") as f:
        return json.load(f)


def check_value(value, what):
    text = "" if value is None else str(value)
    for bad in (";", "\n", "\r"):
        if bad in text:
            raise ValueError("%s contains %r: %r" % (what, bad, text))
    if text.startswith('"'):
        raise ValueError("%s starts with a double quote: %r" % (what, text))
    return text


def csv_text(header, rows):
    out = io.StringIO()
    out.write(";".join(header) + "\n")
    for row in rows:
        out.write(";".join(check_value(v, "%s field of %r" % (h, row[0])) for h, v in zip(header, row)) + "\n")
    return out.getvalue()


def write_text(path, text):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8", newline="") as f:
        f.write(text)


def write_gzip(path, text):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "wb") as raw:
        with gzip.GzipFile(filename="", mode="wb", fileobj=raw, compresslevel=9, mtime=0) as gz:
            gz.write(text.encode("utf-8"))


def normalise(name):
    text = unicodedata.normalize("NFKD", name)
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).upper()
    text = "".join(ch if ch.isalnum() else " " for ch in text)
    return " ".join(text.split())


def fmt_coord(value):
    return "" if value is None else "%.5f" % value


def mean_point(points):
    points = [p for p in points if p is not None]
    if not points:
        return None
    return (sum(p[0] for p in points) / len(points), sum(p[1] for p in points) / len(points))


# --------------------------------------------------------------------------- La Poste


def load_laposte(path):
    """Return (rows, point by INSEE code)."""
    with open(path, encoding="utf-8-sig", newline="") as f:
        reader = csv.DictReader(f, delimiter=";")
        rows = []
        for r in reader:
            lat, lon = (r.get("latitude") or "").strip(), (r.get("longitude") or "").strip()
            point = (float(lat), float(lon)) if lat and lon else None
            rows.append({
                "code": r["Code_commune_INSEE"].strip(),
                "nom": r["Nom_commune"].strip(),
                "cp": r["Code_postal"].strip(),
                "ligne5": (r.get("Ligne_5") or "").strip(),
                "point": point,
            })
    by_code = collections.OrderedDict()
    for r in rows:
        if r["point"] is not None:
            by_code.setdefault(r["code"], []).append(r)
    points = {}
    for code, rs in by_code.items():
        main = [r for r in rs if not r["ligne5"]]
        points[code] = (main or rs)[0]["point"]
    return rows, points


# --------------------------------------------------------------------------- GeoJSON


def round_coords(coords, ndigits):
    """Round positions, drop consecutive duplicates; return None for degenerate rings."""
    if isinstance(coords[0], (int, float)):
        return [round(coords[0], ndigits), round(coords[1], ndigits)]
    if isinstance(coords[0][0], (int, float)):  # a ring
        ring = []
        for pos in coords:
            p = [round(pos[0], ndigits), round(pos[1], ndigits)]
            if not ring or ring[-1] != p:
                ring.append(p)
        return ring if len(ring) >= 4 else None
    return [c for c in (round_coords(x, ndigits) for x in coords) if c is not None]


def clean_feature(feature, ndigits):
    geom = feature["geometry"]
    coords = geom["coordinates"]
    if geom["type"] == "Polygon":
        rings = [round_coords(r, ndigits) for r in coords]
        if rings[0] is None:
            raise ValueError("degenerate polygon for %r" % feature["properties"])
        coords = [r for r in rings if r is not None]
    elif geom["type"] == "MultiPolygon":
        polys = []
        for poly in coords:
            rings = [round_coords(r, ndigits) for r in poly]
            if rings[0] is not None:
                polys.append([r for r in rings if r is not None])
        coords = polys
    else:
        raise ValueError("unexpected geometry type %s" % geom["type"])
    props = feature["properties"]
    return {
        "type": "Feature",
        "properties": {"code": str(props["code"]), "nom": props["nom"]},
        "geometry": {"type": geom["type"], "coordinates": coords},
    }


def dump_geojson(features):
    features = sorted(features, key=lambda ft: ft["properties"]["code"])
    return json.dumps({"type": "FeatureCollection", "features": features},
                      ensure_ascii=False, separators=(",", ":")) + "\n"


def build_geojson(geojson_dir, layer, expected_codes, max_bytes, ndigits=4):
    """Return (text, description) for layer 'regions' or 'departements'."""
    def read(variant):
        with open(os.path.join(geojson_dir, "%s-%s.geojson" % (layer, variant)), encoding="utf-8") as f:
            return [clean_feature(ft, ndigits) for ft in json.load(f)["features"]]

    full = read("avec-outre-mer")
    text = dump_geojson(full)
    if len(text.encode("utf-8")) <= max_bytes:
        chosen, how = full, "%s-avec-outre-mer" % layer
    else:
        simple = read("version-simplifiee")
        have = {ft["properties"]["code"] for ft in simple}
        extra = [ft for ft in full if ft["properties"]["code"] not in have]
        chosen = simple + extra
        how = "%s-version-simplifiee + %s from %s-avec-outre-mer" % (
            layer, ",".join(sorted(ft["properties"]["code"] for ft in extra)) or "nothing", layer)
        text = dump_geojson(chosen)
    codes = {ft["properties"]["code"] for ft in chosen}
    if codes != set(expected_codes):
        print("warning: %s contours: missing %s, unexpected %s" % (
            layer, sorted(set(expected_codes) - codes), sorted(codes - set(expected_codes))), file=sys.stderr)
    return text, how


# --------------------------------------------------------------------------- main


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("package_dir", help="extracted @etalab/decoupage-administratif package (contains data/)")
    parser.add_argument("laposte_csv", help="La Poste laposte_hexasmal.csv")
    parser.add_argument("out_dir", nargs="?", default=os.path.join(REPO_ROOT, "src", "main", "resources", "territory"))
    parser.add_argument("--geojson-dir", help="directory of the france-geojson files (default: that of laposte_csv)")
    parser.add_argument("--static-dir", default=os.path.join(REPO_ROOT, "src", "main", "resources", "static", "geo"))
    parser.add_argument("--max-geojson-bytes", type=int, default=2000000)
    args = parser.parse_args(argv)
    geojson_dir = args.geojson_dir or os.path.dirname(os.path.abspath(args.laposte_csv))

    regions = [r for r in load_json(args.package_dir, "regions") if r["zone"] in KEPT_ZONES]
    departements = [d for d in load_json(args.package_dir, "departements") if d["zone"] in KEPT_ZONES]
    epcis = load_json(args.package_dir, "epci")
    communes_all = load_json(args.package_dir, "communes")
    region_codes = {r["code"] for r in regions}
    dep_codes = {d["code"] for d in departements}

    # regions / departements
    write_text(os.path.join(args.out_dir, "regions.csv"),
               csv_text(["code", "nom"], sorted((r["code"], r["nom"]) for r in regions)))
    write_text(os.path.join(args.out_dir, "departements.csv"),
               csv_text(["code", "region", "nom"], sorted((d["code"], d["region"], d["nom"]) for d in departements)))

    # EPCI
    epci_of = {}
    for e in epcis:
        for m in e["membres"]:
            if m["code"] in epci_of and epci_of[m["code"]] != e["code"]:
                raise ValueError("commune %s is in EPCI %s and %s" % (m["code"], epci_of[m["code"]], e["code"]))
            epci_of[m["code"]] = e["code"]
    write_text(os.path.join(args.out_dir, "epci.csv"),
               csv_text(["code", "nom", "nature"], sorted((e["code"], e["nom"], e.get("type", "")) for e in epcis)))

    # points
    lp_rows, lp_points = load_laposte(args.laposte_csv)
    communes = sorted((c for c in communes_all if c["type"] == "commune-actuelle" and c["zone"] in KEPT_ZONES),
                      key=lambda c: c["code"])
    arrondissements = sorted((c for c in communes_all if c["type"] == "arrondissement-municipal"),
                             key=lambda c: c["code"])
    arr_of = collections.defaultdict(list)
    for a in arrondissements:
        arr_of[a["commune"]].append(a["code"])
    absorbed = collections.defaultdict(set)
    for c in communes_all:
        if c["type"] in ("commune-deleguee", "commune-associee") and c.get("chefLieu"):
            absorbed[c["chefLieu"]].add(c["code"])
    for c in communes:
        absorbed[c["code"]].update(c.get("anciensCodes") or [])
    lp_by_cp = collections.defaultdict(list)
    for r in lp_rows:
        if r["point"] is not None:
            lp_by_cp[r["cp"]].append(r)

    def point_for(c):
        code = c["code"]
        if code in lp_points:
            return lp_points[code], "laposte"
        if arr_of.get(code):
            p = mean_point([lp_points.get(a) for a in arr_of[code]])
            if p:
                return p, "arrondissements"
        p = mean_point([lp_points.get(a) for a in sorted(absorbed.get(code, ())) if a != code])
        if p:
            return p, "absorbed"
        postcodes = sorted(c.get("codesPostaux") or [])
        wanted = normalise(c["nom"])
        for cp in postcodes:
            for r in lp_by_cp.get(cp, ()):
                if normalise(r["nom"]) == wanted or normalise(r["ligne5"]) == wanted:
                    return r["point"], "postcode+name"
        for cp in postcodes:
            if lp_by_cp.get(cp):
                return lp_by_cp[cp][0]["point"], "postcode"
        return None, "none"

    methods = collections.Counter()
    rows = []
    for c in communes:
        if c["departement"] not in dep_codes or c["region"] not in region_codes:
            raise ValueError("commune %s has unknown departement/region" % c["code"])
        point, method = point_for(c)
        methods[method] += 1
        if method not in ("laposte", "none"):
            print("point %-15s %s %s" % (method, c["code"], c["nom"]), file=sys.stderr)
        if method == "none":
            print("NO POINT %s %s" % (c["code"], c["nom"]), file=sys.stderr)
        pop = c.get("population")
        rows.append((
            c["code"], c["nom"], c["departement"], c["region"], epci_of.get(c["code"], ""),
            "" if pop is None else str(int(pop)),
            fmt_coord(point[0] if point else None), fmt_coord(point[1] if point else None),
            " ".join(sorted(c.get("codesPostaux") or [])),
        ))
    header = ["code", "nom", "departement", "region", "epci", "population", "latitude", "longitude", "codes_postaux"]
    write_gzip(os.path.join(args.out_dir, "communes.csv.gz"), csv_text(header, rows))

    write_text(os.path.join(args.out_dir, "arrondissements.csv"), csv_text(
        ["code", "commune", "nom", "codes_postaux"],
        [(a["code"], a["commune"], a["nom"], " ".join(sorted(a.get("codesPostaux") or []))) for a in arrondissements]))

    # contours
    for layer, codes in (("regions", region_codes), ("departements", dep_codes)):
        text, how = build_geojson(geojson_dir, layer, codes, args.max_geojson_bytes)
        write_text(os.path.join(args.static_dir, layer + ".geojson"), text)
        print("%s.geojson: %s, %d bytes" % (layer, how, len(text.encode("utf-8"))), file=sys.stderr)

    print("regions %d, departements %d, epci %d, communes %d, arrondissements %d" % (
        len(regions), len(departements), len(epcis), len(rows), len(arrondissements)), file=sys.stderr)
    print("points: %s" % ", ".join("%s=%d" % kv for kv in sorted(methods.items())), file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
