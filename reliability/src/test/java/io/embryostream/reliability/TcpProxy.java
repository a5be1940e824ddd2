package io.embryostream.reliability;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A TCP proxy in front of one broker, injecting the network faults {@code tc netem} would where it is not available:
 * latency on every chunk forwarded, connections reset (RST, as a crashed peer or a firewall sends) and connections
 * dropped (the proxy stops forwarding and holds them open, so clients only notice by their own timeouts). The
 * broker advertises the proxy's port, so every client, and replication between brokers, goes through it; its
 * counters show that traffic and faults really did.
 */
final class TcpProxy implements AutoCloseable {

    /** How long a dropped connection is held open, forwarding nothing, before the proxy closes it. */
    private static final long DROP_HOLD_NANOS = 40_000_000_000L;

    private final ServerSocket server;
    private volatile InetSocketAddress target;
    private final List<Link> links = new CopyOnWriteArrayList<>();
    private final AtomicLong bytes = new AtomicLong();
    private final AtomicLong connections = new AtomicLong();
    private final AtomicLong resets = new AtomicLong();
    private final AtomicLong drops = new AtomicLong();
    private volatile long latencyMillis;
    private volatile boolean closed;

    /** One client connection and its upstream connection to the broker. */
    private final class Link {
        final Socket client;
        final Socket upstream;
        final AtomicBoolean dropped = new AtomicBoolean();
        volatile long droppedAt;

        Link(Socket client, Socket upstream) {
            this.client = client;
            this.upstream = upstream;
        }

        void pump(InputStream in, OutputStream out) {
            byte[] buf = new byte[64 * 1024];
            try {
                for (int n; (n = in.read(buf)) >= 0; ) {
                    long delay = latencyMillis;
                    if (delay > 0) {
                        Thread.sleep(delay);
                    }
                    while (dropped.get() && !closed) {
                        if (System.nanoTime() - droppedAt > DROP_HOLD_NANOS) {
                            return; // as a silent path's connection-tracking entry expires
                        }
                        Thread.sleep(50); // a dropped link forwards nothing
                    }
                    out.write(buf, 0, n);
                    out.flush();
                    bytes.addAndGet(n);
                }
            } catch (IOException | InterruptedException e) {
                // the other side closed or was reset: close both
            } finally {
                close(false);
            }
        }

        void close(boolean reset) {
            links.remove(this);
            for (Socket s : new Socket[] {client, upstream}) {
                try {
                    if (reset && !s.isClosed()) {
                        s.setSoLinger(true, 0); // close with RST instead of FIN
                    }
                    s.close();
                } catch (IOException e) {
                    // closing anyway
                }
            }
        }
    }

    /** A proxy listening on {@code listenPort}; it refuses connections until it has a {@link #target}. */
    TcpProxy(int listenPort) {
        try {
            this.server = new ServerSocket();
            server.setReuseAddress(true);
            server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), listenPort));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen on port " + listenPort, e);
        }
        Thread accept = new Thread(this::accept, "proxy-" + listenPort);
        accept.setDaemon(true);
        accept.start();
    }

    private void accept() {
        while (!closed) {
            Socket client;
            try {
                client = server.accept();
            } catch (IOException e) {
                return; // closed
            }
            Socket upstream = new Socket();
            try {
                if (target == null) {
                    throw new IOException("no target yet");
                }
                upstream.connect(target, 5000);
                client.setTcpNoDelay(true);
                upstream.setTcpNoDelay(true);
                Link link = new Link(client, upstream);
                links.add(link);
                connections.incrementAndGet();
                start(() -> link.pump(client.getInputStream(), upstream.getOutputStream()));
                start(() -> link.pump(upstream.getInputStream(), client.getOutputStream()));
            } catch (IOException e) {
                // the broker is down: refuse the client as a dead host would
                close(client);
                close(upstream);
            }
        }
    }

    private static void start(IoTask task) {
        Thread t = new Thread(() -> {
            try {
                task.run();
            } catch (IOException e) {
                // the link closes itself
            }
        }, "proxy-pump");
        t.setDaemon(true);
        t.start();
    }

    private interface IoTask {
        void run() throws IOException;
    }

    private static void close(Socket s) {
        try {
            s.close();
        } catch (IOException e) {
            // nothing to do
        }
    }

    void target(InetSocketAddress broker) {
        this.target = broker;
    }

    int port() {
        return server.getLocalPort();
    }

    /** Delays every chunk forwarded, both ways, by this much (0 ends it). */
    void latency(long millis) {
        this.latencyMillis = millis;
    }

    /** Resets every open connection (RST); clients reconnect. Returns how many it reset. */
    int resetAll() {
        int n = 0;
        for (Link l : List.copyOf(links)) {
            l.close(true);
            n++;
        }
        resets.addAndGet(n);
        return n;
    }

    /** Stops forwarding on every open connection and holds it open; new connections work. Returns how many. */
    int dropAll() {
        int n = 0;
        for (Link l : List.copyOf(links)) {
            l.droppedAt = System.nanoTime();
            if (l.dropped.compareAndSet(false, true)) {
                n++;
            }
        }
        drops.addAndGet(n);
        return n;
    }

    long bytesForwarded() {
        return bytes.get();
    }

    long connections() {
        return connections.get();
    }

    long resets() {
        return resets.get();
    }

    long drops() {
        return drops.get();
    }

    @Override
    public void close() {
        closed = true;
        close(new Socket());
        try {
            server.close();
        } catch (SocketException e) {
            // closed
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List.copyOf(links).forEach(l -> l.close(false));
    }
}
