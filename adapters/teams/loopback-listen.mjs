// Preloaded into the Agents Playground by playground.ts (node --import): a server that is given a port
// but no host would listen on every interface; this makes it listen on 127.0.0.1 only, so the
// Playground (and through it the unauthenticated bot) cannot be reached from the network.
import net from 'node:net';

const listen = net.Server.prototype.listen;
net.Server.prototype.listen = function listenOnLoopback(...args) {
  const [first, second] = args;
  if (typeof first === 'number' && (args.length === 1 || typeof second === 'function')) {
    args.splice(1, 0, '127.0.0.1');
  }
  return listen.apply(this, args);
};
