/** A local stand-in for object storage: accepts PUTs like S3 (Content-Length required), discards bytes. */

import { createServer } from 'node:http';

const server = createServer((req, res) => {
  if (req.method !== 'PUT') {
    res.writeHead(405).end();
    return;
  }
  if (req.headers['content-length'] === undefined) {
    // S3 refuses chunked uploads to pre-signed URLs; so does this sink.
    res
      .writeHead(411, { 'Content-Type': 'application/xml' })
      .end('<Error><Code>MissingContentLength</Code></Error>');
    req.resume();
    return;
  }
  const expected = Number(req.headers['content-length']);
  let received = 0;
  req.on('data', (chunk: Buffer) => {
    received += chunk.length;
  });
  req.on('end', () => {
    res.writeHead(received === expected ? 200 : 400).end();
  });
});

server.listen(0, '127.0.0.1', () => {
  const address = server.address();
  if (address && typeof address === 'object')
    console.log(`sink: http://127.0.0.1:${address.port}/bucket/object`);
});

process.on('SIGTERM', () => server.close(() => process.exit(0)));
process.on('disconnect', () => process.exit(0));
