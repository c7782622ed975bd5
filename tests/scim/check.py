"""Runs scim2-tester (PyPI) against a SCIM server and fails on any check that
errors: every check of the features the server declares in its
ServiceProviderConfig (the tester skips those it does not declare).

    .venv/bin/python tests/scim/check.py BASE_URL TOKEN
"""
import sys

from httpx2 import Client
from scim2_client.engines.httpx2 import SyncSCIMClient
from scim2_tester import Status, check_server

base, token = sys.argv[1], sys.argv[2]
http = Client(base_url=base, headers={"Authorization": f"Bearer {token}"}, timeout=30)
client = SyncSCIMClient(http)
results = check_server(client)
failed = [r for r in results if r.status == Status.ERROR]
counts = {}
for r in results:
    counts[r.status.name] = counts.get(r.status.name, 0) + 1
for r in results:
    mark = {"SUCCESS": "ok", "ERROR": "FAIL"}.get(r.status.name, r.status.name.lower())
    print(f"{mark:8} {r.title}: {r.reason or ''}".rstrip()[:400])
print("summary:", ", ".join(f"{k.lower()} {v}" for k, v in sorted(counts.items())))
sys.exit(1 if failed or not counts.get("SUCCESS") else 0)
