// The baseline the benchmark compares Relais with, in the same run on the same machine:
// node:http and sqlite3 on the same database file, no framework. It serves the same
// narrow board read, the same card UPDATE in a write transaction (serialised, as SQLite
// needs), an SSE fan-out, and a page that renders the board's cards as plain divs.
import { createServer } from 'node:http';
import sqlite3 from 'sqlite3';

const file = process.env.BENCH_DB;
const port = Number(process.env.PORT);
const db = new sqlite3.Database(file);
db.exec('PRAGMA journal_mode = WAL; PRAGMA busy_timeout = 10000; PRAGMA synchronous = NORMAL;');
const all = (sql, params) => new Promise((resolve, reject) => db.all(sql, params, (err, rows) => (err ? reject(err) : resolve(rows))));
const run = (sql, params = []) => new Promise((resolve, reject) => db.run(sql, params, (err) => (err ? reject(err) : resolve())));

let queue = Promise.resolve();
const serialised = (fn) => (queue = queue.then(fn, fn));

const clients = new Set();
const FACE = 'id, columnKey, position, learnerId, projectId, mentorId, version, defenseDate, attempt, evaluatorId, outcome, previousCardId, retakeCardId, handoverDate, newMentorId, missingFields';

const PAGE = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>baseline</title></head><body><main id="b"></main><script>
fetch('/board?boardId=' + new URLSearchParams(location.search).get('boardId')).then(r => r.json()).then(cards => {
  const cols = {};
  for (const c of cards) (cols[c.columnKey] ??= []).push(c);
  const main = document.getElementById('b');
  for (const [key, list] of Object.entries(cols)) {
    const section = document.createElement('section'); const h = document.createElement('h2'); h.textContent = key; section.append(h);
    for (const c of list) { const d = document.createElement('div'); d.dataset.cardId = c.id; d.textContent = 'Learner ' + c.learnerId + ' ' + (c.defenseDate || ''); section.append(d); }
    main.append(section);
  }
});
</script></body></html>`;

function body(req) {
  return new Promise((resolve) => {
    let data = '';
    req.on('data', (chunk) => (data += chunk));
    req.on('end', () => resolve(data));
  });
}

createServer(async (req, res) => {
  const url = new URL(req.url, 'http://x');
  try {
    if (req.method === 'GET' && url.pathname === '/board') {
      const rows = await all(`SELECT ${FACE} FROM cards WHERE boardId = ? AND archived = 0 ORDER BY columnKey, position, id`, [Number(url.searchParams.get('boardId'))]);
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(rows));
    } else if (req.method === 'POST' && url.pathname === '/move') {
      const input = JSON.parse(await body(req));
      await serialised(async () => {
        await run('BEGIN IMMEDIATE');
        try {
          await run('UPDATE cards SET columnKey = ?, position = ?, version = version + 1 WHERE id = ?', [input.toColumnKey, `b${Math.random().toString(36).slice(2, 10)}`, input.cardId]);
          await run('COMMIT');
        } catch (err) {
          await run('ROLLBACK');
          throw err;
        }
      });
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
    } else if (req.method === 'GET' && url.pathname === '/events') {
      res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
      res.write(': open\n\n');
      clients.add(res);
      req.on('close', () => clients.delete(res));
    } else if (req.method === 'POST' && url.pathname === '/emit') {
      const data = await body(req);
      for (const client of clients) client.write(`data: ${data}\n\n`);
      res.writeHead(200).end();
    } else if (req.method === 'GET' && url.pathname === '/page') {
      res.writeHead(200, { 'content-type': 'text/html' }).end(PAGE);
    } else if (url.pathname === '/healthz') {
      res.writeHead(200).end('ok');
    } else {
      res.writeHead(404).end();
    }
  } catch (err) {
    res.writeHead(500).end(String(err));
  }
}).listen(port, '127.0.0.1');
