import os, sys, time, django
os.environ.setdefault("DJANGO_SETTINGS_MODULE","config.settings")
django.setup()
from django.test import Client
from django.core.cache import cache
from django.db import connection
c=Client()
for url in sys.argv[1:]:
    cache.clear(); c.get(url)
    cache.clear()
    connection.force_debug_cursor=True; connection.queries_log.clear()
    t=time.perf_counter(); r=c.get(url); total=time.perf_counter()-t
    connection.force_debug_cursor=False
    qs=list(connection.queries)
    print(f"{url} {r.status_code} total {total*1000:.0f} ms, sql {sum(float(q['time']) for q in qs)*1000:.0f} ms in {len(qs)}")
    for q in sorted(qs,key=lambda q:-float(q['time']))[:4]:
        print(f"   {float(q['time'])*1000:6.0f} {q['sql'][:300]}")
