"""Files for the nginx image, made from the project's code at image build time (deploy/Dockerfile):

    python deploy/container/nginx_files.py OUT

OUT/www/         the demo pages (the widget's server left as __RASA_PUBLIC_URL__ for deploy/nginx/start.sh
                 to fill in with PUBLIC_URL) and the widget bundle
OUT/csp-http.txt, OUT/csp-https.txt   the demo page's Content-Security-Policy, __NETLOC__ for the address
OUT/unavailable.conf   nginx's `return 503` with the apology the input channels give (the official contacts)
"""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from runtime.prod.services import unavailable_json  # noqa: E402
from web.serve import content_security_policy  # noqa: E402

NETLOC = "__NETLOC__"


def write(out: Path) -> None:
    www = out / "www"
    www.mkdir(parents=True, exist_ok=True)
    for page in (ROOT / "web" / "demo").glob("*.html"):
        shutil.copyfile(page, www / page.name)
    bundle = ROOT / "web" / "dist" / "korea-visa-guide.js"
    if not bundle.exists():
        raise SystemExit(f"{bundle} is missing: run `make web-build` before building the image")
    shutil.copyfile(bundle, www / bundle.name)
    for scheme in ("http", "https"):
        (out / f"csp-{scheme}.txt").write_text(content_security_policy(f"{scheme}://{NETLOC}") + "\n")
    (out / "unavailable.conf").write_text(f'return 503 "{unavailable_json()}";\n')


if __name__ == "__main__":
    write(Path(sys.argv[1]))
    print(f"nginx files in {sys.argv[1]}")
