"""``opengrade serve``: the inventory in a browser (server-rendered, no JavaScript) and a
read-mostly JSON API, over the store (``store/``) and the policy (``policy/``).

    app.py          the Starlette application: routes, error pages, security headers
    pages.py        the HTML pages; api.py the JSON API and its OpenAPI document
    params.py       URL query -> typed, bounded filters (a bad value is a 400, never a 500)
    views.py        stored grades and reports -> what a page shows; charts.py the SVG charts
    downloads.py    a stored report in every format (JSON, Markdown, HTML, BOMs, MOT, badge)
    policy_board.py policy status, violations and waivers (``--policy``)
    security.py     headers, bearer token, same-origin check; templating.py Jinja2 (autoescaped)
    server.py       uvicorn on 127.0.0.1 by default

Install with ``pip install 'opengrade[web]'``.
"""
