package io.warren.core.driver;

import io.warren.core.example.Example;
import io.warren.core.parse.ExamplePool;
import io.warren.core.parse.InputException;
import io.warren.core.parse.OneToOneRing;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Learns streamed DSJSON lines as {@code warren train} learns a file: each line is read (parsed, its
 * examples set up) on a thread of its own while the caller's thread learns the lines before it. Where one
 * thread did both, TrainJob learned at about half of {@code warren train}'s speed. Serves any number of
 * {@link DsJsonLearner}s; lines are learned in the order they were handed over.
 *
 * <p>Only the caller's thread learns: it alone touches the learners' weights and counters, so once
 * {@link #drain()} returns a snapshot or model file holds every line handed over. The reading thread uses a
 * learner's parser and example setup, so while a learner has lines in flight nothing else may learn from it
 * (drain first). Lines travel in a fixed set of units, each with examples of its own; a unit belongs to one
 * thread at a time, handed over through one-to-one rings.
 *
 * @param <T> what the caller tags a line with; it comes back with the line's outcome
 */
public final class LearnAhead<T> implements AutoCloseable {
    /** Where outcomes go: on the caller's thread, in the order the lines were handed over. */
    public interface Outcomes<T> {
        void outcome(T tag, DsJsonLearner learner, DsJsonLearner.Outcome outcome);
    }

    private static final int SPINS = 64;
    private static final long READER_SPIN_NANOS = 200_000;
    /** The caller's longest sleep: it checks then that the reading thread still runs. */
    private static final long PARK_NANOS = TimeUnit.MILLISECONDS.toNanos(1);

    private final Outcomes<T> outcomes;
    /** Each ring can hold every unit, so offers never fail. */
    private final OneToOneRing<Unit<T>> toRead;
    private final OneToOneRing<Unit<T>> read;
    private final ArrayDeque<Unit<T>> free = new ArrayDeque<>();
    private final Thread reader;
    private volatile Thread readerParked;
    private volatile Thread callerParked;
    private int inFlight;

    /** One line on its way, and the examples read from it. */
    private static final class Unit<T> {
        final ExamplePool pool = new ExamplePool();
        final List<Example> examples = new ArrayList<>();
        DsJsonLearner learner;
        byte[] line;
        T tag;
        boolean learnable;
        /** Why the line is malformed, or null. */
        String malformed;
        /** Reading failed otherwise: a bug, thrown to the caller. */
        RuntimeException failure;
    }

    /** @param depth how many lines may be in flight (16 keeps the examples in cache, as for {@code warren train}) */
    public LearnAhead(int depth, Outcomes<T> outcomes) {
        this.outcomes = outcomes;
        this.toRead = new OneToOneRing<>(depth);
        this.read = new OneToOneRing<>(depth);
        for (int i = 0; i < depth; i++) {
            free.add(new Unit<>());
        }
        this.reader = new Thread(this::readLines, "warren-line-reader");
        this.reader.setDaemon(true);
        this.reader.start();
    }

    /**
     * Hands {@code line} over to be read and then learned by {@code learner}; learns the lines read so far
     * meanwhile, and waits only while every unit is in flight.
     */
    public void learn(DsJsonLearner learner, byte[] line, T tag) {
        while (learnNext(false)) {
            // everything already read
        }
        Unit<T> u;
        while ((u = free.poll()) == null) {
            learnNext(true);
        }
        u.learner = learner;
        u.line = line;
        u.tag = tag;
        toRead.offer(u);
        inFlight++;
        Thread parked = readerParked;
        if (parked != null) {
            LockSupport.unpark(parked);
        }
    }

    /** Learns every line handed over so far, waiting for those still being read. */
    public void drain() {
        while (inFlight > 0) {
            learnNext(true);
        }
    }

    /** Learns the next read line; false when there is none (without {@code wait}: none read yet). */
    private boolean learnNext(boolean wait) {
        Unit<T> u = read.poll();
        if (u == null) {
            if (!wait || inFlight == 0) {
                return false;
            }
            u = awaitRead();
        }
        inFlight--;
        try {
            if (u.failure != null) {
                throw new IllegalStateException("reading a line failed", u.failure);
            }
            DsJsonLearner.Outcome outcome = u.malformed != null ? u.learner.malformedLine(u.malformed)
                    : u.learnable ? u.learner.learnParsed(u.examples) : u.learner.skippedLine();
            outcomes.outcome(u.tag, u.learner, outcome);
        } finally {
            u.pool.giveBack(u.examples);
            u.examples.clear();
            u.learner = null;
            u.line = null;
            u.tag = null;
            u.malformed = null;
            u.failure = null;
            free.add(u);
        }
        return true;
    }

    private Unit<T> awaitRead() {
        int spins = 0;
        Unit<T> u;
        while ((u = read.poll()) == null) {
            if (++spins < SPINS) {
                Thread.onSpinWait();
                continue;
            }
            if (!reader.isAlive()) {
                throw new IllegalStateException("the line reader stopped with " + inFlight + " lines in flight");
            }
            callerParked = Thread.currentThread();
            if (read.size() == 0) {
                LockSupport.parkNanos(this, PARK_NANOS);
            }
            callerParked = null;
        }
        return u;
    }

    private void readLines() {
        long idleSince = 0;
        while (!Thread.currentThread().isInterrupted()) {
            Unit<T> u = toRead.poll();
            if (u == null) {
                long now = System.nanoTime();
                if (idleSince == 0) {
                    idleSince = now;
                }
                if (now - idleSince < READER_SPIN_NANOS) {
                    Thread.onSpinWait();
                    continue;
                }
                idleSince = 0;
                // Parked until a line comes (the caller wakes it) or close() interrupts it.
                readerParked = reader;
                if (toRead.size() == 0) {
                    LockSupport.park(this);
                }
                readerParked = null;
                continue;
            }
            idleSince = 0;
            readInto(u);
            read.offer(u);
            Thread parked = callerParked;
            if (parked != null) {
                LockSupport.unpark(parked);
            }
        }
    }

    private static void readInto(Unit<?> u) {
        try {
            u.learnable = u.learner.parse(u.line, 0, u.line.length, u.pool, u.examples);
        } catch (InputException e) {
            u.malformed = e.getMessage();
        } catch (RuntimeException e) {
            u.failure = e;
        }
    }

    /** Stops the reading thread; lines still in flight are dropped. */
    @Override
    public void close() {
        reader.interrupt();
        try {
            reader.join(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
