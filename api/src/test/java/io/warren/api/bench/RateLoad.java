package io.warren.api.bench;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.Histogram;

/**
 * An open-loop load generator (ops/bench/http_rate_bench.sh): POSTs one body at a fixed rate, whatever the
 * server's answers, and measures each request's latency from the moment it was due, not from when it was
 * sent, so a stalled server shows in the latency of everything that waited behind it (no coordinated
 * omission, unlike a closed-loop generator such as wrk). A request due while every connection has one in
 * flight waits in a queue, and that wait counts too. During the warm-up such a request is dropped instead, so
 * the server warms up at up to the rate without carrying a backlog from its slow start into the measurement.
 * Prints one line of JSON.
 *
 * <p>It shares the machine's cores with the server it measures, so it is kept lean: one thread, plain
 * non-blocking sockets, the request's bytes encoded once, and of each answer only the status code and
 * {@code Content-Length} read (HTTP/1.1 keep-alive, one request in flight per connection). Between due
 * times it parks for at most {@link #MAX_PARK_NANOS}, so the schedule slips by at most that much.
 *
 * <p>Arguments: url bodyFile key rate seconds warmupSeconds connections.
 */
public final class RateLoad {
    private static final long MAX_PARK_NANOS = 50_000;
    private static final int EXPECTED_STATUS = 201;

    private final Selector selector;
    private final InetSocketAddress address;
    private final ByteBuffer request;
    private final Histogram latencies = new Histogram(TimeUnit.SECONDS.toNanos(60), 3);
    /** How late each measured request left this generator: its own share of the latencies. */
    private final Histogram sendLags = new Histogram(TimeUnit.SECONDS.toNanos(60), 3);
    /** Due times of requests waiting for a free connection, oldest first. */
    private final DueQueue waiting = new DueQueue();
    private final Connection[] idle;
    private int idleCount;
    private long measureFrom;
    private long completed;
    private long failed;
    private int inFlight;

    private RateLoad(Selector selector, InetSocketAddress address, ByteBuffer request, int connections) {
        this.selector = selector;
        this.address = address;
        this.request = request;
        this.idle = new Connection[connections];
    }

    public static void main(String[] args) throws Exception {
        URI url = URI.create(args[0]);
        byte[] body = Files.readAllBytes(Path.of(args[1]));
        double rate = Double.parseDouble(args[3]);
        long seconds = Long.parseLong(args[4]);
        long warmup = Long.parseLong(args[5]);
        int connections = Integer.parseInt(args[6]);
        InetSocketAddress address = new InetSocketAddress(url.getHost(), url.getPort());
        try (Selector selector = Selector.open()) {
            RateLoad load = new RateLoad(selector, address, encode(url, args[2], body), connections);
            for (int i = 0; i < connections; i++) {
                load.idle[load.idleCount++] = load.connect();
            }
            boolean drained = load.run((long) (1e9 / rate), TimeUnit.SECONDS.toNanos(warmup),
                    TimeUnit.SECONDS.toNanos(seconds));
            System.out.println(String.format(Locale.ROOT, "{\"rate\":%.0f,\"seconds\":%d,\"connections\":%d,"
                            + "\"completed\":%d,\"failed\":%d,\"drained\":%b,\"completed_per_s\":%.0f,"
                            + "\"p50_ms\":%.3f,\"p90_ms\":%.3f,\"p99_ms\":%.3f,\"p999_ms\":%.3f,\"max_ms\":%.3f,"
                            + "\"send_lag_p50_ms\":%.3f,\"send_lag_p99_ms\":%.3f}",
                    rate, seconds, connections, load.completed, load.failed, drained,
                    load.completed / (double) seconds, ms(load.latencies, 50), ms(load.latencies, 90),
                    ms(load.latencies, 99), ms(load.latencies, 99.9), load.latencies.getMaxValue() / 1e6,
                    ms(load.sendLags, 50), ms(load.sendLags, 99)));
        }
    }

    private static ByteBuffer encode(URI url, String key, byte[] body) {
        byte[] head = ("POST " + url.getRawPath() + " HTTP/1.1\r\nHost: " + url.getHost() + ":" + url.getPort()
                + "\r\nContent-Type: application/json\r\nOcp-Apim-Subscription-Key: " + key
                + "\r\nContent-Length: " + body.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
        return ByteBuffer.allocateDirect(head.length + body.length).put(head).put(body).flip();
    }

    private Connection connect() throws IOException {
        SocketChannel channel = SocketChannel.open(address);
        channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
        channel.configureBlocking(false);
        Connection connection = new Connection(channel, request.duplicate());
        connection.key = channel.register(selector, 0, connection);
        return connection;
    }

    /** Sends on schedule until {@code warmup + seconds}, then waits up to 30 s for what is outstanding. */
    private boolean run(long interval, long warmup, long seconds) throws IOException {
        long start = System.nanoTime();
        measureFrom = start + warmup;
        long end = measureFrom + seconds;
        long drainBy = end + TimeUnit.SECONDS.toNanos(30);
        long nextDue = start;
        while (true) {
            long now = System.nanoTime();
            for (; nextDue <= now && nextDue < end; nextDue += interval) {
                if (nextDue >= measureFrom || idleCount > waiting.size()) {
                    waiting.add(nextDue);
                }
            }
            while (!waiting.isEmpty() && idleCount > 0) {
                send(idle[--idleCount], waiting.poll());
            }
            if (nextDue >= end && waiting.isEmpty() && inFlight == 0) {
                return true;
            }
            if (now > drainBy) {
                return false;
            }
            if (selector.selectNow() == 0) {
                long untilDue = nextDue < end ? nextDue - System.nanoTime() : MAX_PARK_NANOS;
                LockSupport.parkNanos(Math.min(untilDue, MAX_PARK_NANOS));
                continue;
            }
            for (SelectionKey key : selector.selectedKeys()) {
                Connection connection = (Connection) key.attachment();
                if (key.isValid() && key.isWritable()) {
                    connection.write();
                } else if (key.isValid() && key.isReadable()) {
                    read(connection);
                }
            }
            selector.selectedKeys().clear();
        }
    }

    private void send(Connection connection, long due) throws IOException {
        connection.due = due;
        if (due >= measureFrom) {
            sendLags.recordValue(Math.min(System.nanoTime() - due, sendLags.getHighestTrackableValue()));
        }
        connection.out.rewind();
        inFlight++;
        connection.write();
    }

    private void read(Connection connection) throws IOException {
        int status;
        try {
            status = connection.read();
        } catch (IOException e) {
            status = -1;
        }
        if (status == 0) {
            return;
        }
        long latency = System.nanoTime() - connection.due;
        if (connection.due >= measureFrom) {
            if (status == EXPECTED_STATUS) {
                latencies.recordValue(Math.min(latency, latencies.getHighestTrackableValue()));
                completed++;
            } else {
                failed++;
            }
        }
        inFlight--;
        if (status < 0) {
            // The connection broke: replace it, so the offered load keeps its connection count.
            connection.key.cancel();
            connection.channel.close();
            connection = connect();
        }
        idle[idleCount++] = connection;
    }

    private static double ms(Histogram h, double percentile) {
        return h.getValueAtPercentile(percentile) / 1e6;
    }

    /** One keep-alive connection with at most one request in flight. */
    private static final class Connection {
        final SocketChannel channel;
        final ByteBuffer out;
        final ByteBuffer in = ByteBuffer.allocate(64 * 1024);
        SelectionKey key;
        long due;

        Connection(SocketChannel channel, ByteBuffer out) {
            this.channel = channel;
            this.out = out;
        }

        void write() throws IOException {
            channel.write(out);
            key.interestOps(out.hasRemaining() ? SelectionKey.OP_WRITE : SelectionKey.OP_READ);
        }

        /** The answer's status once it has arrived whole, 0 while it has not, -1 when the connection ended. */
        int read() throws IOException {
            if (channel.read(in) < 0) {
                throw new IOException("closed by the server");
            }
            int headEnd = ResponseHead.end(in.array(), in.position());
            if (headEnd < 0) {
                if (!in.hasRemaining()) {
                    throw new IOException("response head larger than " + in.capacity() + " bytes");
                }
                return 0;
            }
            int length = ResponseHead.contentLength(in.array(), headEnd);
            if (length < 0 || headEnd + length > in.capacity()) {
                throw new IOException("response without a usable Content-Length");
            }
            if (in.position() < headEnd + length) {
                return 0;
            }
            if (in.position() > headEnd + length) {
                throw new IOException("bytes after the response: the server answered something not asked");
            }
            int status = ResponseHead.status(in.array());
            in.clear();
            key.interestOps(0);
            return status;
        }
    }

    /** A growable ring of due times. */
    private static final class DueQueue {
        private long[] times = new long[1024];
        private int head;
        private int size;

        void add(long time) {
            if (size == times.length) {
                long[] grown = new long[times.length * 2];
                for (int i = 0; i < size; i++) {
                    grown[i] = times[(head + i) % times.length];
                }
                times = grown;
                head = 0;
            }
            times[(head + size++) % times.length] = time;
        }

        long poll() {
            long time = times[head];
            head = (head + 1) % times.length;
            size--;
            return time;
        }

        boolean isEmpty() {
            return size == 0;
        }

        int size() {
            return size;
        }
    }
}
