package io.warren.api;

import io.warren.core.rank.Ranker;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.function.Supplier;

/**
 * Rankers for one model version. Rankers are not thread-safe, so a request borrows one and gives it
 * back; at most {@code capacity} are ever built, and more concurrent requests wait for one.
 */
final class RankerPool {
    private final Supplier<Ranker> newRanker;
    private final BlockingQueue<Ranker> idle;
    private final int capacity;
    private int built;

    RankerPool(Supplier<Ranker> newRanker, int capacity) {
        this.newRanker = newRanker;
        this.idle = new ArrayBlockingQueue<>(capacity);
        this.capacity = capacity;
    }

    Ranker borrow() {
        Ranker ranker = idle.poll();
        if (ranker != null) {
            return ranker;
        }
        synchronized (this) {
            if (built < capacity) {
                built++;
                return newRanker.get();
            }
        }
        try {
            return idle.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for a ranker", e);
        }
    }

    void giveBack(Ranker ranker) {
        idle.offer(ranker);
    }
}
