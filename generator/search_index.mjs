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
for (const doc of job.documents) {
  const added = await index.addHTMLFile({ url: doc.url, content: doc.html });
  if (added.errors.length) fail(`pagefind could not index ${doc.url}`, added.errors);
}
const written = await index.writeFiles({ outputPath: job.output });
if (written.errors.length) fail("pagefind could not write the index", written.errors);
await pagefind.close();
process.stdout.write(JSON.stringify({ documents: job.documents.length }) + "\n");
