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
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.utils.templates import TemplateContext

from . import csp, navigation, offline, serve_errors, urls
from .escape import nav_titles
from .loader import load_library
from .parallel_build import BuildFailed, ParallelBuild
from .precompress import Precompressor
from .problems import InvalidTrees
from .pyodide_runtime import PRECOMPRESSED, PyodideMissing, runtime_files
from .pyodide_runtime import content as runtime_content
from .render import Rendered, render_library
from .search import COUNCILS_PER_PART, SearchIndex, SearchUnavailable
from .thesaurus import load_thesaurus

PACKAGE = Path(__file__).parent
FRONT_END = ("wizard.js", "wizard-worker.mjs", "wizard.css", "keyboard.js", "search.js", "search.css",
             "quiz.js", "induction.css", "compare.js", "engine-start.js")


class ProtocolGuideConfig(Config):
    trees = config_options.Type(str, default="decision_trees")
    pyodide = config_options.Type(str, default="node_modules/pyodide")
    mermaid = config_options.Type(str, default="node_modules/mermaid/dist/mermaid.min.js")
    pagefind = config_options.Type(str, default="node_modules/pagefind")
    # Where the precompressed copies are kept between builds (precompress.py); safe to delete.
    cache = config_options.Type(str, default="node_modules/.cache/protocol-guide")
    workbox = config_options.Type(str, default="node_modules/workbox-build")
    # Offline and installable (generator/offline.py); false ships a worker that removes itself.
    offline = config_options.Type(bool, default=True)
    # Processes that render the pages (generator/parallel_build.py); 0: one per core.
    jobs = config_options.Type(int, default=0)
    # How many councils' pages go in one part of the search index (generator/search.py).
    search_councils_per_part = config_options.Type(int, default=COUNCILS_PER_PART)


class ProtocolGuidePlugin(BasePlugin[ProtocolGuideConfig]):
    rendered: Rendered

    def _offline(self) -> bool:
        # Not under `mkdocs serve`: a cached copy would hide an author's edits (sw.js removes itself).
        return self.config.offline and not getattr(self, "serving", False)

    def _root(self, config) -> Path:
        return Path(config.config_file_path or ".").resolve().parent

    def on_config(self, config):
        root = self._root(config)
        try:
            library = load_library(root / self.config.trees)
            thesaurus = load_thesaurus(root / self.config.trees)
            self.broken = None
        except InvalidTrees as err:
            if not (getattr(self, "serving", False) and hasattr(self, "last_good")):
                raise PluginError(str(err)) from None
            # Under serve: say what is wrong, and keep serving the last content that loaded.
            self.broken = serve_errors.announce(err)
            library, thesaurus = self.last_good
        self.last_good = (library, thesaurus)
        self.rendered = render_library(library)
        self.slugs = set(library.councils)
        try:
            self.runtime = runtime_files(root / self.config.pyodide, root / self.config.cache)
        except PyodideMissing as err:
            raise PluginError(str(err)) from None
        self.mermaid = root / self.config.mermaid
        if not self.mermaid.is_file():
            raise PluginError(f"{self.mermaid}: mermaid is missing. Fix: run 'npm ci' in the project "
                              "folder (or 'make setup') to install the pinned mermaid package.")
        # .gz and .br copies of the large files, made while the pages render (precompress.py).
        self.precompressor = Precompressor(root / self.config.cache)
        for name in PRECOMPRESSED:
            self.precompressor.add(urls.PYODIDE + name, runtime_content(self.runtime[name]))
        self.precompressor.add(urls.MERMAID, self.mermaid.read_bytes())
        config.nav = nav_titles(self.rendered.nav) + list(config.nav or [])
        config.extra_css.append(urls.ASSETS + "wizard.css")
        config.extra_javascript.append(urls.ASSETS + "wizard.js")
        config.extra_javascript.append(urls.ASSETS + "keyboard.js")
        config.extra_css.append(urls.ASSETS + "induction.css")    # essentials, quiz, print pack
        config.extra_javascript.append(urls.ASSETS + "quiz.js")
        config.extra_javascript.append(urls.ASSETS + "compare.js")  # comparison pages: pick councils
        # Search: Pagefind, with the search box from generator/theme/ (see generator/search.py).
        councils = {slug: c.name for slug, c in library.councils.items()}
        if self.config.search_councils_per_part < 1:
            raise PluginError(f"search_councils_per_part is {self.config.search_councils_per_part}: a part of "
                              "the search index holds at least one council. Fix: set it to 1 or more in "
                              f"mkdocs.yml, or remove it (the default is {COUNCILS_PER_PART}).")
        self.search = SearchIndex(thesaurus, councils, self.config.search_councils_per_part)
        if str(PACKAGE / "theme") not in config.theme.dirs:  # on_config runs again under serve
            config.theme.dirs.insert(0, str(PACKAGE / "theme"))
        config.extra["pg_councils"] = councils
        # The search box's index, its other parts (from the index's folder) and its word list.
        config.extra["pg_search"] = {"bundle": urls.SEARCH, "words": urls.SEARCH_WORDS,
                                     "parts": " ".join(p[len(urls.SEARCH):] for p in self.search.parts()[1:])}
        config.extra["pg_engine_start"] = urls.ASSETS + "engine-start.js"   # theme/main.html, on question pages
        config.extra_css.append(urls.ASSETS + "search.css")
        config.extra_javascript.append(urls.ASSETS + "search.js")
        if self._offline():
            config.extra_javascript.append(urls.ASSETS + "offline.js")
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
        if self._offline():
            files.append(File.generated(config, urls.ASSETS + "offline.js",
                                        abs_src_path=str(PACKAGE / "assets" / "offline.js")))
            for path, content in offline.files(config.site_name, config.extra.get("theme_color")).items():
                files.append(File.generated(config, path, content=content))
        for name, source in self.runtime.items():
            if isinstance(source, Path):
                files.append(File.generated(config, urls.PYODIDE + name, abs_src_path=str(source)))
            else:
                files.append(File.generated(config, urls.PYODIDE + name, content=source))
        return files

    def on_nav(self, nav: Navigation, config: MkDocsConfig, files: Files) -> Navigation:
        self.navigation = navigation.PerCouncil(nav, self.slugs)
        self.parallel = ParallelBuild(1 if getattr(self, "serving", False) else self.config.jobs)
        self.parallel.split(files, config)   # from here, each process renders its own pages
        return nav

    def on_page_context(self, context: TemplateContext, page: Page, config: MkDocsConfig,
                        nav: Navigation) -> TemplateContext:
        # Each page carries its own council's navigation only (generator/navigation.py).
        context["nav"] = self.navigation.for_page(page.url)
        return context

    def on_template_context(self, context: TemplateContext, template_name: str,
                            config: MkDocsConfig) -> TemplateContext:
        if context.get("nav"):  # the theme's 404 page: the shared navigation
            context["nav"] = self.navigation.for_page("")
        return context

    def on_page_markdown(self, markdown, page, config, files):
        # Glossary words are marked on every page, hand-written ones included.
        if self.rendered.abbreviations:
            return markdown + "\n\n" + self.rendered.abbreviations + "\n"
        return markdown

    def on_page_content(self, html, page, config, files):
        return self.rendered.in_place(html)   # the generated HTML the Markdown held places for

    def on_startup(self, *, command, dirty):
        # Also keeps this plugin instance across serve's rebuilds (MkDocs caches it).
        self.serving = command == "serve"

    def on_post_page(self, output, page, config):
        search = page.meta.get("search") or {}
        if not search.get("exclude"):  # the theme's own front-matter key for "not in search"
            self.search.add_page(page.url, output, search.get("boost", 1))
        if getattr(self, "broken", None):
            output = serve_errors.with_banner(output, self.broken)
        if self._offline():
            output = offline.link(output, page.url)
        # No inline script and no other site, enforced by the browser (generator/csp.py).
        return csp.secure_page(output, page.url, Path(config.site_dir))

    def on_post_template(self, output_content, template_name, config):
        if template_name.endswith(".html"):  # the theme's 404 page
            return csp.secure_page(output_content, template_name, Path(config.site_dir))
        return output_content

    def on_post_build(self, config):
        if self.parallel.child:   # a share of the pages is rendered: hand its part over, and end
            self.parallel.hand_over(self.search.part())
        try:
            self.search.take_first(self.parallel.gather(config.strict))
        except BuildFailed as err:
            raise PluginError(str(err)) from None
        self.precompressor.write(Path(config.site_dir))
        try:
            self.search.write(Path(config.site_dir), self._root(config) / self.config.pagefind,
                              at_once=self.parallel.jobs)
        except SearchUnavailable as err:
            raise PluginError(str(err)) from None
        # Last: the service worker lists what the build wrote (generator/offline.py).
        try:
            if self._offline():
                workbox = self._root(config) / self.config.workbox
                if not workbox.is_dir():  # a config outside the project (tests, benches): the project's own
                    workbox = PACKAGE.parent / self.config.workbox
                offline.write_service_worker(Path(config.site_dir), workbox, sorted(self.slugs))
            else:
                offline.write_switched_off(Path(config.site_dir))
        except offline.OfflineUnavailable as err:
            raise PluginError(str(err)) from None

    def on_build_error(self, *, error: Exception) -> None:
        if hasattr(self, "parallel"):
            self.parallel.failed(error)

    def on_serve(self, server, config, builder):
        # What a council's web server sends; Python's table lacks these on some versions.
        mimetypes.add_type("application/wasm", ".wasm")
        mimetypes.add_type("text/javascript", ".mjs")
        root = self._root(config)
        server.watch(str(root / self.config.trees))
        server.watch(str(PACKAGE / "templates"))
        server.watch(str(PACKAGE / "assets"))
        server.watch(str(PACKAGE / "theme"))
        return server
