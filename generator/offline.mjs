// Writes the site's service worker for generator/offline.py, through Workbox's own Node API
// (workbox-build, pinned in package.json). Reads one JSON job (argv[2]): the workbox-build
// package folder and the generateSW options that JSON can carry; the entries to precache come
// listed, with their revisions (and SRI hashes for those fetched through the HTTP cache, so a
// stale copy fails the install instead of being precached). Prints one JSON line with what was
// precached; any error exits 1.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";

const job = JSON.parse(readFileSync(process.argv[2], "utf8"));
const workbox = await import(pathToFileURL(join(job.workbox, "build", "index.js")).href);

const options = {
  ...job.options,
  // JSON has no regular expressions: the job gives their sources.
  ignoreURLParametersMatching: job.options.ignoreURLParametersMatching.map((source) => new RegExp(source)),
};

try {
  const { count, size, warnings } = await workbox.generateSW(options);
  if (warnings.length) {
    process.stderr.write(`workbox: ${warnings.join("; ")}\n`);
    process.exit(1);
  }
  process.stdout.write(JSON.stringify({ count, size }) + "\n");
} catch (error) {
  process.stderr.write(`workbox could not write the service worker: ${error && error.message || error}\n`);
  process.exit(1);
}
