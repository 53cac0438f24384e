// The baseline for the fan-out benchmark: the least a Node server can do to push one event
// to every open Server-Sent Events connection (no database, no session, no framework).
// `node bench/lib/bare-broadcaster.js PORT`; GET /events streams, POST /publish with a JSON
// body sends it to everyone as one event, GET /healthz answers when it listens.
import http from 'node:http';

const port = Number(process.argv[2] ?? 4300);
/** @type {Set<http.ServerResponse>} */
const clients = new Set();
let seq = 0;

const server = http.createServer((req, res) => {
	if (req.method === 'GET' && req.url?.startsWith('/events')) {
		res.writeHead(200, {
			'content-type': 'text/event-stream',
			'cache-control': 'no-store',
			'x-accel-buffering': 'no'
		});
		res.write('retry: 3000\n\n');
		clients.add(res);
		req.on('close', () => clients.delete(res));
		return;
	}
	if (req.method === 'POST' && req.url === '/publish') {
		let body = '';
		req.setEncoding('utf8');
		req.on('data', (chunk) => (body += chunk));
		req.on('end', () => {
			seq++;
			const event = {
				seq,
				type: 'inject.released',
				at: new Date().toISOString(),
				payload: JSON.parse(body || 'null')
			};
			const text = `id: ${seq}\nevent: ${event.type}\ndata: ${JSON.stringify(event)}\n\n`;
			for (const client of clients) client.write(text);
			res.end(String(seq));
		});
		return;
	}
	res.end('ok');
});

setInterval(() => {
	for (const client of clients) client.write(': heartbeat\n\n');
}, 15_000).unref();

server.listen(port, '127.0.0.1');

// The benchmark measures memory after a full collection (node --expose-gc).
process.on('SIGUSR2', () => globalThis.gc?.());
