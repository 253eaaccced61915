// Writes the dashboard's base geography: US states (us-atlas, from the Census Bureau's cartographic boundaries) and
// the outlines of Canada and Mexico (world-atlas, from Natural Earth), simplified and rounded to 0.01° so the file
// stays small. Coordinates stay longitude/latitude; the dashboard projects them itself.
import { readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { feature } from "topojson-client";
import { presimplify, simplify } from "topojson-simplify";

const require = createRequire(import.meta.url);
const out = process.argv[2] ?? "basemap.json";

// Only what the map shows: the contiguous US, southern Canada and northern Mexico (no Alaska, Hawaii, Arctic).
const view = { west: -135, east: -52, south: 14, north: 62 };
const minWeight = 0.002; // square degrees: drops vertices whose triangle is smaller than this

function load(path) {
  return presimplify(JSON.parse(readFileSync(require.resolve(path), "utf8")));
}

function rings(geometry) {
  const polygons = geometry.type === "Polygon" ? [geometry.coordinates] : geometry.type === "MultiPolygon" ? geometry.coordinates : [];
  const result = [];
  for (const polygon of polygons) {
    for (const ring of polygon) {
      if (!ring.some(([lon, lat]) => lon >= view.west && lon <= view.east && lat >= view.south && lat <= view.north)) continue;
      const flat = [];
      let last = "";
      for (const [lon, lat] of ring) {
        const key = `${lon.toFixed(2)},${lat.toFixed(2)}`;
        if (key === last) continue;
        last = key;
        flat.push(Math.round(lon * 100) / 100, Math.round(lat * 100) / 100);
      }
      if (flat.length >= 8) result.push(flat);
    }
  }
  return result;
}

const shapes = [];
const states = simplify(load("us-atlas/states-10m.json"), minWeight);
for (const f of feature(states, states.objects.states).features) {
  const r = rings(f.geometry);
  if (r.length > 0) shapes.push({ id: `US-${f.id}`, name: f.properties.name, kind: "state", rings: r });
}
const world = simplify(load("world-atlas/countries-50m.json"), minWeight);
for (const f of feature(world, world.objects.countries).features) {
  if (f.properties.name !== "Canada" && f.properties.name !== "Mexico") continue;
  const r = rings(f.geometry);
  if (r.length > 0) shapes.push({ id: f.properties.name, name: f.properties.name, kind: "country", rings: r });
}

const doc = {
  source: "us-atlas 3.0.1 states-10m (U.S. Census Bureau) and world-atlas 2.0.2 countries-50m (Natural Earth); ISC-licensed packages of public-domain data",
  derivedBy: "tools/basemap/derive.mjs",
  view,
  shapes,
};
writeFileSync(out, JSON.stringify(doc));
console.log(`${out}: ${shapes.length} shapes, ${shapes.reduce((n, s) => n + s.rings.reduce((m, r) => m + r.length / 2, 0), 0)} points`);
