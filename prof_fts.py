import tests.conftest, time, sqlite3, sys
from lotse.catalog.index_terms import document
c=sqlite3.connect('/tmp/demo2.db')
prefix=sys.argv[1]
c.execute('drop table if exists course_fts')
c.execute(f"CREATE VIRTUAL TABLE course_fts USING fts5(words, parts, body, cells, months, tokenize='unicode61 remove_diacritics 2', prefix='{prefix}')")
rows=c.execute('select id, search_title, search_topic, search_body, lat, lon, delivery, start_dates, starts_anytime from courses').fetchall()
t=time.perf_counter()
c.executemany('INSERT INTO course_fts(rowid, words, parts, body, cells, months) VALUES (?,?,?,?,?,?)', [(r[0], *document(*r[1:])) for r in rows]); c.commit()
print('build', prefix, time.perf_counter()-t)
