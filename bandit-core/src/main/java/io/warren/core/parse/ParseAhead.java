package io.warren.core.parse;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Runs a {@link MultiExampleSource} on its own thread, a bounded queue ahead of the learner, as VW's
 * parser thread does: parsing and hashing overlap with learning. Units go back to the parsing thread
 * for reuse, so the source itself is only ever touched by that thread.
 *
 * <p>The two threads meet in single-producer single-consumer rings (no locks). A side with nothing to do
 * spins briefly, then parks until the other has made waiting worthwhile: the learner until half a queue
 * is ready (or the input ended), the parser until half a queue is free. The other side wakes it only then,
 * so a thread that keeps up sleeps once per half queue, not once per unit (with blocking queues the
 * learner paid a futex wake-up per example, about a tenth of its time), and neither burns the CPU that the
 * other and the JIT share on two cores by spinning for long. Parks are bounded ({@link #PARK_NANOS}), so a
 * wake-up that never comes costs at most that.
 */
public final class ParseAhead implements MultiExampleSource {
    private static final MultiExample END = new MultiExample();
    private static final long PARK_NANOS = TimeUnit.MILLISECONDS.toNanos(1);
    private static final int SPINS = 64;

    private final MultiExampleSource source;
    private final Ring ready;
    private final Ring returned;
    /** How full the ready ring must be to wake the learner, and how empty to wake the parser. */
    private final int halfDepth;
    private final Thread thread;
    private volatile Thread learnerParked;
    private volatile Thread parserParked;
    private volatile boolean endReady;
    private volatile Throwable failure;
    private boolean ended;

    public ParseAhead(MultiExampleSource source, int depth) {
        this.source = source;
        this.ready = new Ring(depth + 1);
        this.halfDepth = Math.max(1, depth / 2);
        this.returned = new Ring(depth * 2 + 2);
        this.thread = new Thread(this::produce, "warren-parser");
        this.thread.setDaemon(true);
        this.thread.start();
    }

    private void produce() {
        try {
            while (true) {
                MultiExample done;
                while ((done = returned.poll()) != null) {
                    source.release(done);
                }
                MultiExample unit = source.next();
                if (unit == null) {
                    break;
                }
                hand(unit);
            }
        } catch (Throwable t) {
            if (Thread.currentThread().isInterrupted()) {
                return; // closed: nobody waits for the rest
            }
            failure = t;
        }
        try {
            hand(END);
        } catch (InterruptedIOException e) {
            // closed before the learner took the end
        }
    }

    /** Puts {@code unit} on the ready ring, waiting while it is full, and wakes the learner when worth it. */
    private void hand(MultiExample unit) throws InterruptedIOException {
        int spins = 0;
        while (!ready.offer(unit)) {
            if (Thread.currentThread().isInterrupted()) {
                throw new InterruptedIOException("parser closed");
            }
            if (++spins < SPINS) {
                Thread.onSpinWait();
                continue;
            }
            parserParked = thread;
            if (ready.size() > halfDepth) {
                LockSupport.parkNanos(this, PARK_NANOS);
            }
            parserParked = null;
        }
        if (unit == END) {
            endReady = true;
        }
        Thread learner = learnerParked;
        if (learner != null && (unit == END || ready.size() >= halfDepth)) {
            LockSupport.unpark(learner);
        }
    }

    @Override
    public MultiExample next() throws IOException {
        if (ended) {
            return null;
        }
        MultiExample unit = take();
        Thread parser = parserParked;
        if (parser != null && ready.size() <= halfDepth) {
            LockSupport.unpark(parser);
        }
        if (unit == END) {
            ended = true;
            Throwable t = failure;
            if (t instanceof IOException io) {
                throw io;
            }
            if (t instanceof RuntimeException re) {
                throw re;
            }
            if (t != null) {
                throw new IOException(t);
            }
            return null;
        }
        return unit;
    }

    /** The next ready unit, waiting for the parser while there is none. */
    private MultiExample take() throws InterruptedIOException {
        int spins = 0;
        MultiExample unit;
        while ((unit = ready.poll()) == null) {
            if (Thread.currentThread().isInterrupted()) {
                throw new InterruptedIOException("interrupted while waiting for input");
            }
            if (++spins < SPINS) {
                Thread.onSpinWait();
                continue;
            }
            learnerParked = Thread.currentThread();
            if (ready.size() < halfDepth && !endReady) {
                LockSupport.parkNanos(this, PARK_NANOS);
            }
            learnerParked = null;
        }
        return unit;
    }

    @Override
    public void release(MultiExample unit) {
        // After the end of input nobody takes units back; dropping them then is fine.
        returned.offer(unit);
    }

    @Override
    public void close() throws IOException {
        thread.interrupt();
        try {
            thread.join(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        source.close();
    }

    /**
     * A bounded ring for one writing thread and one reading thread: the writer publishes a slot by
     * advancing {@code tail} (a volatile write after the slot's), the reader frees it by advancing
     * {@code head}.
     */
    private static final class Ring {
        private final MultiExample[] slots;
        private volatile long head;
        private volatile long tail;

        Ring(int capacity) {
            slots = new MultiExample[capacity];
        }

        /** Writer side: false when full. */
        boolean offer(MultiExample unit) {
            long t = tail;
            if (t - head >= slots.length) {
                return false;
            }
            slots[(int) (t % slots.length)] = unit;
            tail = t + 1;
            return true;
        }

        /** Reader side: null when empty. */
        MultiExample poll() {
            long h = head;
            if (h >= tail) {
                return null;
            }
            int at = (int) (h % slots.length);
            MultiExample unit = slots[at];
            slots[at] = null;
            head = h + 1;
            return unit;
        }

        int size() {
            return (int) (tail - head);
        }
    }
}
