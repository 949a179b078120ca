package io.warren.core.parse;

import java.io.IOException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * Runs a {@link MultiExampleSource} on its own thread, a bounded queue ahead of the learner, as VW's
 * parser thread does: parsing and hashing overlap with learning. Units go back to the parsing thread
 * for reuse, so the source itself is only ever touched by that thread.
 */
public final class ParseAhead implements MultiExampleSource {
    private static final MultiExample END = new MultiExample();

    private final MultiExampleSource source;
    private final BlockingQueue<MultiExample> ready;
    private final BlockingQueue<MultiExample> returned;
    private final Thread thread;
    private volatile Throwable failure;
    private boolean ended;

    public ParseAhead(MultiExampleSource source, int depth) {
        this.source = source;
        this.ready = new ArrayBlockingQueue<>(depth + 1);
        this.returned = new ArrayBlockingQueue<>(depth * 2 + 2);
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
                ready.put(unit);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        } catch (Throwable t) {
            failure = t;
        }
        try {
            ready.put(END);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public MultiExample next() throws IOException {
        if (ended) {
            return null;
        }
        MultiExample unit;
        try {
            unit = ready.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while waiting for input", e);
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
}
