// Compiles the site's standard library archive to bytecode, for generator/bytecode.py: Pyodide
// (the pinned npm package, under Node.js) compiles each module, so the .pyc files carry exactly
// the interpreter's own magic number. One JSON job (argv[2]): {pyodide, source, output, optimize}.
// Prints one JSON line ({files, bytes}); any error exits 1.
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";

const job = JSON.parse(readFileSync(process.argv[2], "utf8"));
try {
  const { loadPyodide } = await import(pathToFileURL(join(job.pyodide, "pyodide.mjs")).href);
  const pyodide = await loadPyodide({ indexURL: job.pyodide + "/", packages: [] });
  pyodide.FS.writeFile("/tmp/source.zip", readFileSync(job.source));
  const files = pyodide.runPython(`
import importlib._bootstrap_external as external, importlib.util, sys, zipfile

# Inside the archive Python sees itself at this path: tracebacks then name the same files.
archive = next(p for p in sys.path if p.endswith(".zip"))
with zipfile.ZipFile("/tmp/source.zip") as source, zipfile.ZipFile("/tmp/output.zip", "w", zipfile.ZIP_STORED) as out:
    for name in sorted(source.namelist()):
        data = source.read(name)
        if name.endswith(".py"):
            code = compile(data, f"{archive}/{name}", "exec", dont_inherit=True, optimize=${Number(job.optimize)})
            # Unchecked hash-based: never compared with a source (there is none in the archive).
            data = bytes(external._code_to_hash_pyc(code, importlib.util.source_hash(data), checked=False))
            name += "c"
        # A fixed date: the same modules give the same archive.
        out.writestr(zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0)), data)
len(source.namelist())
`);
  const output = pyodide.FS.readFile("/tmp/output.zip");
  writeFileSync(job.output, output);
  process.stdout.write(JSON.stringify({ files, bytes: output.length }) + "\n");
} catch (error) {
  process.stderr.write(`Pyodide could not compile the standard library: ${error && error.message || error}\n`);
  process.exit(1);
}
