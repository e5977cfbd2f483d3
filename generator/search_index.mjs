// Writes the Pagefind index for generator/search.py, through Pagefind's own Node API.
// Reads one JSON job (argv[2]): the pagefind package folder, the output folder, the index
// settings and the documents to index (HTML prepared for indexing, never served). Prints one
// JSON line with what was indexed; any error exits 1.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";

const job = JSON.parse(readFileSync(process.argv[2], "utf8"));
const pagefind = await import(pathToFileURL(join(job.pagefind, "lib", "index.js")).href);

const fail = (what, errors) => {
  process.stderr.write(`${what}: ${errors.join("; ")}\n`);
  process.exit(1);
};

const { index, errors } = await pagefind.createIndex(job.config);
if (errors.length || !index) fail("pagefind could not start", errors);
// Many documents in flight at once: Pagefind indexes them on every core, and one at a time
// would wait for each round trip to its indexing process.
const AT_ONCE = 256;
for (let start = 0; start < job.documents.length; start += AT_ONCE) {
  const batch = job.documents.slice(start, start + AT_ONCE);
  const results = await Promise.all(batch.map((doc) => index.addHTMLFile({ url: doc.url, content: doc.html })));
  results.forEach((added, i) => { if (added.errors.length) fail(`pagefind could not index ${batch[i].url}`, added.errors); });
}
const written = await index.writeFiles({ outputPath: job.output });
if (written.errors.length) fail("pagefind could not write the index", written.errors);
await pagefind.close();
process.stdout.write(JSON.stringify({ documents: job.documents.length }) + "\n");
