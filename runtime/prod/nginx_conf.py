"""Writes nginx's configuration and the demo page for a deployment where nginx runs elsewhere (compose).

    python -m runtime.prod.nginx_conf --out DIR --public-url https://chat.example \\
        --rasa rasa-a:5005 rasa-b:5005 --actions actions-a:5055 actions-b:5055

DIR receives nginx.conf (from deploy/nginx.conf.template) and www/ (the demo page); the widget bundle is
expected at --web-dist inside the nginx container.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from runtime.prod.services import Nginx
from runtime.prod.topology import write_demo_page
from web.serve import content_security_policy, normalise_rasa_url


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--out", type=Path, required=True, help="folder for nginx.conf and www/")
    parser.add_argument("--public-url", required=True, help="the address browsers use, e.g. https://chat.example")
    parser.add_argument("--rasa", nargs=2, required=True, metavar="HOST:PORT")
    parser.add_argument("--actions", nargs=2, required=True, metavar="HOST:PORT")
    parser.add_argument("--listen-host", default="0.0.0.0")
    parser.add_argument("--port", default="8000")
    parser.add_argument("--actions-port", default="5054")
    parser.add_argument("--nginx-dir", default="/etc/nginx/kvg", help="where DIR is mounted in the nginx container")
    parser.add_argument("--web-dist", default="/usr/share/kvg/dist", help="the widget bundle's folder for nginx")
    parser.add_argument("--logs", default="/var/log/nginx")
    parser.add_argument("--user", default="nginx")
    args = parser.parse_args(argv)
    public_url = normalise_rasa_url(args.public_url)
    settings = {
        "host": args.listen_host, "port": args.port, "actions_port": args.actions_port,
        "rasa_a": args.rasa[0], "rasa_b": args.rasa[1], "actions_a": args.actions[0], "actions_b": args.actions[1],
        "www": f"{args.nginx_dir}/www", "web_dist": args.web_dist, "csp": content_security_policy(public_url),
        "work": args.nginx_dir, "logs": args.logs, "user": f"user {args.user};",
    }
    (args.out / "tmp").mkdir(parents=True, exist_ok=True)  # nginx makes its temporary folders inside
    nginx = Nginx("nginx", 0, args.out, conf_dir=args.out, settings=settings)
    (args.out / "nginx.conf").write_text(nginx.render())
    write_demo_page(args.out / "www", public_url)
    print(f"wrote {args.out / 'nginx.conf'} and {args.out / 'www'}/")
    return 0


if __name__ == "__main__":
    sys.exit(main())
