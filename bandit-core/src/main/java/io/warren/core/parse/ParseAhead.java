package io.warren.core.parse;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Runs a {@link MultiExampleSource} on its own thread, a bounded queue ahead of the learner, as VW's
 * parser thread does: parsing and hashing overlap with learning. Units go back to the parsing thread
 * for reuse, so the source itself is only ever touched by that thread.
 *
 * <p>Neither side ever blocks on the queues (only {@code offer} and {@code poll}): a side with nothing to
 * do spins, yields, then parks for growing intervals (at most {@link #MAX_PARK_NANOS}), so neither has to
 * wake the other. With blocking {@code put}/{@code take} the learner paid a futex wake-up for every
 * example the parser was waiting to put, about a tenth of its time.
 */
public final class ParseAhead implements MultiExampleSource {
    private static final MultiExample END = new MultiExample();
    private static final long MAX_PARK_NANOS = TimeUnit.MICROSECONDS.toNanos(200);

    private final MultiExampleSource source;
    private final ArrayBlockingQueue<MultiExample> ready;
    private final ArrayBlockingQueue<MultiExample> returned;
    private final int resumeDepth;
    private final Backoff learnerIdle = new Backoff();
    private final Thread thread;
    private volatile Throwable failure;
    private boolean ended;

    public ParseAhead(MultiExampleSource source, int depth) {
        this.source = source;
        this.ready = new ArrayBlockingQueue<>(depth + 1);
        this.resumeDepth = depth / 2;
        this.returned = new ArrayBlockingQueue<>(depth * 2 + 2);
        this.thread = new Thread(this::produce, "warren-parser");
        this.thread.setDaemon(true);
        this.thread.start();
    }

    private void produce() {
        Backoff idle = new Backoff();
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
                hand(unit, idle);
            }
        } catch (Throwable t) {
            if (Thread.currentThread().isInterrupted()) {
                return; // closed: nobody waits for the rest
            }
            failure = t;
        }
        try {
            hand(END, idle);
        } catch (InterruptedIOException e) {
            // closed before the learner took the end
        }
    }

    /**
     * Puts {@code unit} on the ready queue. When the learner is a full queue behind, waits until it has
     * taken half of it, so the parser then works in bursts instead of waking for every free place.
     */
    private void hand(MultiExample unit, Backoff idle) throws InterruptedIOException {
        if (ready.offer(unit)) {
            return;
        }
        idle.reset();
        while (ready.size() > resumeDepth || !ready.offer(unit)) {
            if (Thread.currentThread().isInterrupted()) {
                throw new InterruptedIOException("parser closed");
            }
            idle.idle();
        }
    }

    @Override
    public MultiExample next() throws IOException {
        if (ended) {
            return null;
        }
        MultiExample unit;
        learnerIdle.reset();
        while ((unit = ready.poll()) == null) {
            if (Thread.currentThread().isInterrupted()) {
                throw new InterruptedIOException("interrupted while waiting for input");
            }
            learnerIdle.idle();
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

    /** How a side waits for the other: spins, then yields, then parks for doubling intervals. */
    private static final class Backoff {
        private static final int SPINS = 100;
        private static final int YIELDS = 10;
        private int idleCalls;
        private long parkNanos;

        void reset() {
            idleCalls = 0;
            parkNanos = 1_000;
        }

        void idle() {
            idleCalls++;
            if (idleCalls <= SPINS) {
                Thread.onSpinWait();
            } else if (idleCalls <= SPINS + YIELDS) {
                Thread.yield();
            } else {
                LockSupport.parkNanos(parkNanos);
                parkNanos = Math.min(parkNanos * 2, MAX_PARK_NANOS);
            }
        }
    }
}
