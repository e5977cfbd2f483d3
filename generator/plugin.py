"""The MkDocs plugin: thin glue between MkDocs and the generator.

It validates decision_trees/ before MkDocs writes anything (so a broken tree
publishes nothing), adds the generated pages and trees, registers the wizard
front end, the engine and the self-hosted Pyodide runtime as site files, and
watches decision_trees/ under `mkdocs serve`.
"""
from __future__ import annotations

import mimetypes
from pathlib import Path

from mkdocs.config import config_options
from mkdocs.config.base import Config
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files

from . import urls
from .loader import load_library
from .problems import InvalidTrees
from .pyodide_runtime import PyodideMissing, runtime_files
from .render import Rendered, render_library
from .search_tuning import SearchWorkerChanged, tune_search_worker

PACKAGE = Path(__file__).parent
FRONT_END = ("wizard.js", "wizard-worker.mjs", "wizard.css")


class ProtocolGuideConfig(Config):
    trees = config_options.Type(str, default="decision_trees")
    pyodide = config_options.Type(str, default="node_modules/pyodide")
    mermaid = config_options.Type(str, default="node_modules/mermaid/dist/mermaid.min.js")


class ProtocolGuidePlugin(BasePlugin[ProtocolGuideConfig]):
    rendered: Rendered

    def _root(self, config) -> Path:
        return Path(config.config_file_path or ".").resolve().parent

    def on_config(self, config):
        root = self._root(config)
        try:
            library = load_library(root / self.config.trees)
        except InvalidTrees as err:
            raise PluginError(str(err)) from None
        self.rendered = render_library(library)
        try:
            self.runtime = runtime_files(root / self.config.pyodide)
        except PyodideMissing as err:
            raise PluginError(str(err)) from None
        self.mermaid = root / self.config.mermaid
        if not self.mermaid.is_file():
            raise PluginError(f"{self.mermaid}: mermaid is missing. Fix: run 'npm ci' in the project "
                              "folder (or 'make setup') to install the pinned mermaid package.")
        config.nav = self.rendered.nav + list(config.nav or [])
        config.extra_css.append(urls.ASSETS + "wizard.css")
        config.extra_javascript.append(urls.ASSETS + "wizard.js")
        return config

    def on_files(self, files: Files, config) -> Files:
        for path, text in self.rendered.pages.items():
            files.append(File.generated(config, path, content=text))
        for path, text in self.rendered.assets.items():
            files.append(File.generated(config, path, content=text))
        for name in FRONT_END:
            files.append(File.generated(config, urls.ASSETS + name, abs_src_path=str(PACKAGE / "assets" / name)))
        files.append(File.generated(config, urls.ASSETS + "engine.py", abs_src_path=str(PACKAGE / "engine.py")))
        files.append(File.generated(config, urls.MERMAID, abs_src_path=str(self.mermaid)))
        for name, source in self.runtime.items():
            if isinstance(source, Path):
                files.append(File.generated(config, urls.PYODIDE + name, abs_src_path=str(source)))
            else:
                files.append(File.generated(config, urls.PYODIDE + name, content=source))
        return files

    def on_page_markdown(self, markdown, page, config, files):
        # Glossary words are marked on every page, hand-written ones included.
        if self.rendered.abbreviations:
            return markdown + "\n\n" + self.rendered.abbreviations + "\n"
        return markdown

    def on_post_build(self, config):
        try:
            tune_search_worker(Path(config.site_dir))
        except SearchWorkerChanged as err:
            raise PluginError(str(err)) from err

    def on_serve(self, server, config, builder):
        # What a council's web server sends; Python's table lacks these on some versions.
        mimetypes.add_type("application/wasm", ".wasm")
        mimetypes.add_type("text/javascript", ".mjs")
        root = self._root(config)
        server.watch(str(root / self.config.trees))
        server.watch(str(PACKAGE / "templates"))
        server.watch(str(PACKAGE / "assets"))
        return server
