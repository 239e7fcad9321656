import { createConnection, createServer, Server, Socket } from 'node:net';

/** One statement as a client sent it: the SQL text and its parameters as they went on the wire. */
export interface CapturedStatement {
  sql: string;
  params: (string | null)[];
}

/**
 * A pass-through TCP proxy in front of PostgreSQL that reads the client's half of the wire
 * protocol (Parse, Bind, Execute, simple Query) and keeps each executed statement with its
 * parameters. Pointing the service at it shows exactly what the service sends — TypeORM's
 * generated SQL included — without touching the service's code or the server's settings.
 */
export class StatementCapture {
  statements: CapturedStatement[] = [];
  private server: Server | null = null;
  private readonly sockets = new Set<Socket>();

  async listen(target: { host: string; port: number }): Promise<number> {
    this.server = createServer((client) => {
      const upstream = createConnection(target);
      this.sockets.add(client).add(upstream);
      const parser = new ClientStream((s) => this.statements.push(s));
      client.on('data', (chunk: Buffer) => {
        parser.feed(chunk);
        upstream.write(chunk);
      });
      upstream.pipe(client);
      const close = () => {
        client.destroy();
        upstream.destroy();
        this.sockets.delete(client);
        this.sockets.delete(upstream);
      };
      client.on('close', close).on('error', close);
      upstream.on('close', close).on('error', close);
    });
    return new Promise((ok) =>
      this.server!.listen(0, '127.0.0.1', () =>
        ok((this.server!.address() as { port: number }).port),
      ),
    );
  }

  take(): CapturedStatement[] {
    const taken = this.statements;
    this.statements = [];
    return taken;
  }

  async close(): Promise<void> {
    for (const s of this.sockets) s.destroy();
    await new Promise<void>((done) => (this.server ? this.server.close(() => done()) : done()));
  }
}

/** The frontend messages of one connection, parsed as they stream by. */
class ClientStream {
  private buffer = Buffer.alloc(0);
  private started = false;
  private readonly prepared = new Map<string, string>();
  private readonly portals = new Map<string, CapturedStatement>();

  constructor(private readonly emit: (s: CapturedStatement) => void) {}

  feed(chunk: Buffer): void {
    this.buffer = Buffer.concat([this.buffer, chunk]);
    for (;;) {
      if (!this.started) {
        // The startup message (or an SSL request) has a length but no type byte.
        if (this.buffer.length < 4) return;
        const length = this.buffer.readInt32BE(0);
        if (this.buffer.length < length) return;
        const code = this.buffer.readInt32BE(4);
        this.buffer = this.buffer.subarray(length);
        if (code !== 80877103) this.started = true;
        continue;
      }
      if (this.buffer.length < 5) return;
      const length = this.buffer.readInt32BE(1);
      if (this.buffer.length < 1 + length) return;
      this.message(String.fromCharCode(this.buffer[0]), this.buffer.subarray(5, 1 + length));
      this.buffer = this.buffer.subarray(1 + length);
    }
  }

  private message(type: string, body: Buffer): void {
    let at = 0;
    const cstring = () => {
      const end = body.indexOf(0, at);
      const s = body.toString('utf8', at, end);
      at = end + 1;
      return s;
    };
    const int16 = () => ((at += 2), body.readInt16BE(at - 2));
    const int32 = () => ((at += 4), body.readInt32BE(at - 4));
    if (type === 'Q') {
      this.emit({ sql: cstring(), params: [] });
    } else if (type === 'P') {
      const name = cstring();
      this.prepared.set(name, cstring());
    } else if (type === 'B') {
      const portal = cstring();
      const statement = cstring();
      const formats = Array.from({ length: int16() }, int16);
      const params = Array.from({ length: int16() }, (_, i) => {
        const len = int32();
        if (len < 0) return null;
        const value = body.subarray(at, at + len);
        at += len;
        const binary = (formats.length === 1 ? formats[0] : formats[i]) === 1;
        return binary ? `\\x${value.toString('hex')}` : value.toString('utf8');
      });
      this.portals.set(portal, { sql: this.prepared.get(statement) ?? '', params });
    } else if (type === 'E') {
      const found = this.portals.get(cstring());
      if (found) this.emit(found);
    }
  }
}
