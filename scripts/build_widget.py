"""Build the chat widget: web/static/widget/lotse-chat.js and lotse-chat.css.

One script file for one script tag: socket.io-client's browser build (from npm, installed by
`make widget` into web/widget/node_modules) followed by the widget's sources in name order,
all inside one function so that nothing but `window.lotseChat` (and socket.io's `io`) reaches
the host page. Run by `make widget`; the output is not committed.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SOURCE = ROOT / "web" / "widget"
CLIENT = SOURCE / "node_modules" / "socket.io-client" / "dist" / "socket.io.min.js"
TARGET = ROOT / "web" / "static" / "widget"


def build() -> str:
    if not CLIENT.exists():
        raise SystemExit(f"{CLIENT} fehlt: bitte `make widget` ausführen (npm ci in web/widget).")
    parts = ["/* Weiterbildungslotse chat widget (built by scripts/build_widget.py). */",
             "(function () {", "\"use strict\";", "var define, module, exports;",
             _without_source_map(CLIENT.read_text(encoding="utf-8")), "var io = globalThis.io;"]
    parts += [path.read_text(encoding="utf-8") for path in sorted((SOURCE / "src").glob("*.js"))]
    parts.append("}).call(window);")
    return "\n".join(parts) + "\n"


def _without_source_map(code: str) -> str:
    """The map file is not shipped; browsers would ask for it."""
    return "\n".join(line for line in code.splitlines() if not line.startswith("//# sourceMappingURL="))


def main() -> int:
    TARGET.mkdir(parents=True, exist_ok=True)
    (TARGET / "lotse-chat.js").write_text(build(), encoding="utf-8")
    (TARGET / "lotse-chat.css").write_text((SOURCE / "src" / "lotse-chat.css").read_text(encoding="utf-8"),
                                           encoding="utf-8")
    print(f"wrote {TARGET / 'lotse-chat.js'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
