"""`genreport serve`: a small server-rendered site over the library API (the `[web]` extra).

- catalog: the templates, rules and kinds a page offers (the one seam for user template folders)
- upload: the size limit (413) and the .xlsx check by content (400)
- work: the library calls a request makes, run in a worker thread: check, render, PDF
- store: the data folder: files written atomically, an SQLite index
- auth: the bureau's password
- site: what the endpoints share (settings, store, page templates) and `submit`, an upload's one way in
- api, pages, bureau: the HTTP endpoints; app: all of it as one ASGI app; serve: start-up checks and uvicorn
"""
