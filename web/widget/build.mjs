// Builds the chat widget: web/static/widget/lotse-chat.js and lotse-chat.css.
//
// One script file for one script tag: src/main.js and the modules it imports, socket.io-client
// among them (from npm, web/widget/package-lock.json), bundled by esbuild into one function
// (IIFE), minified, without a source map; only window.lotseChat reaches the host page. The
// bundled packages' licences go into the header. The stylesheet is copied beside the script
// (the widget adds a <link> to it). Run by `make widget` (after `npm ci` here); the output is
// not committed.
import { copyFile, mkdir, readFile, readdir, rename, writeFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";

const HERE = path.dirname(fileURLToPath(import.meta.url));
const TARGET = path.resolve(HERE, "..", "static", "widget");
const SCRIPT = path.join(TARGET, "lotse-chat.js");
const STYLESHEET = "lotse-chat.css";

let esbuild;
try {
  esbuild = await import("esbuild");
} catch (error) {
  console.error(`esbuild fehlt (${error.code || error.message}): bitte \`make widget\` ausführen (npm ci in web/widget).`);
  process.exit(1);
}

/* The packages the bundle holds (from esbuild's metafile): name, version, licence and the
   copyright lines of their licence file, for the header. */
async function bundledPackages(metafile) {
  const folders = new Set();
  for (const input of Object.keys(metafile.inputs)) {
    const match = /^(.*node_modules\/(?:@[^/]+\/)?[^/]+)\//.exec(input);
    if (match) { folders.add(match[1]); }
  }
  const packages = [];
  for (const folder of [...folders].sort()) {
    const dir = path.resolve(HERE, folder);
    const meta = JSON.parse(await readFile(path.join(dir, "package.json"), "utf-8"));
    const licenceFile = (await readdir(dir)).find((name) => /^licen[cs]e/i.test(name));
    const text = licenceFile ? await readFile(path.join(dir, licenceFile), "utf-8") : "";
    const copyright = text.split("\n").map((line) => line.trim()).filter((line) => /^copyright\s+(\(c\)|©|\d)/i.test(line));
    packages.push({ name: meta.name, version: meta.version, license: meta.license, copyright });
  }
  return packages;
}

function header(packages) {
  const lines = packages.map((p) => ` * ${p.name} ${p.version} (${p.license})` +
    (p.copyright.length ? ": " + p.copyright.join("; ").replace(/\*\//g, "* /") : ""));
  return ["/* Weiterbildungslotse chat widget (built by web/widget/build.mjs from web/widget/src/). */",
    "/*!", " * Bundled from the npm registry:", ...lines, " */", "\"use strict\";"].join("\n");
}

const result = await esbuild.build({
  absWorkingDir: HERE,
  entryPoints: ["src/main.js"],
  bundle: true,
  format: "iife",
  platform: "browser",
  target: ["es2020"],
  minify: true,
  sourcemap: false,
  legalComments: "eof",
  charset: "utf8",
  metafile: true,
  write: false,
  outfile: SCRIPT,
  logLevel: "warning"
});

const code = header(await bundledPackages(result.metafile)) + "\n" + result.outputFiles[0].text;
await mkdir(TARGET, { recursive: true });
await writeFile(SCRIPT + ".tmp", code, "utf-8");
await rename(SCRIPT + ".tmp", SCRIPT);  // a running web process never serves half a file
await copyFile(path.join(HERE, "src", STYLESHEET), path.join(TARGET, STYLESHEET));
console.log(`wrote ${path.relative(process.cwd(), SCRIPT)} (${Buffer.byteLength(code)} bytes) and ${STYLESHEET}`);
