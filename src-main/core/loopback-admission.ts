import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { Socket } from 'node:net';

/** What a server's admission tells: how often it had to make room. */
export interface Admission {
  /** Connections closed to make room for newer ones, since the server started. */
  shed(): number;
}

/**
 * Holds at most `cap` connections on `server`, choosing who goes when it is full. Node's own
 * `maxConnections` refuses the newcomer, so a local program holding `cap` silent sockets (no
 * secret needed) starved every honest caller. Instead, a connection with no request in flight
 * — one still sending its headers, or a keep-alive one sitting idle — is what a newcomer
 * replaces, the one that has been so the longest first. A request in flight is never cut here
 * (its deadline and the per-key cap bound it); only when every held connection has one is the
 * newcomer refused.
 */
export function admitConnections(
  server: Server,
  cap: number,
  onFirstShed: () => void = () => {},
): Admission {
  /** Every held socket → requests it has in flight (pipelined requests count each). */
  const inFlight = new Map<Socket, number>();
  /** Sockets with nothing in flight, in the order they became so: the first is shed first. */
  const sheddable = new Set<Socket>();
  let shedCount = 0;

  const forget = (socket: Socket) => {
    inFlight.delete(socket);
    sheddable.delete(socket);
  };

  server.on('connection', (socket: Socket) => {
    if (inFlight.size >= cap) {
      const victim = sheddable.values().next().value;
      if (victim === undefined) {
        socket.destroy();
        return;
      }
      forget(victim);
      victim.destroy();
      if (shedCount++ === 0) onFirstShed();
    }
    inFlight.set(socket, 0);
    sheddable.add(socket);
    socket.once('close', () => forget(socket));
  });

  server.on('request', (request: IncomingMessage, response: ServerResponse) => {
    const socket = request.socket;
    const held = inFlight.get(socket);
    if (held === undefined) return;
    inFlight.set(socket, held + 1);
    sheddable.delete(socket);
    // 'close' comes once the answer is written or the connection dropped, whichever is first.
    response.once('close', () => {
      const now = inFlight.get(socket);
      if (now === undefined) return;
      inFlight.set(socket, now - 1);
      // Re-added at the end: of all idle connections, this one was active most recently.
      if (now - 1 === 0) sheddable.add(socket);
    });
  });

  return { shed: () => shedCount };
}
