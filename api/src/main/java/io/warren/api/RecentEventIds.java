package io.warren.api;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * The event ids decided in a recent stretch of time, as 64-bit hashes in one open-addressing set per
 * minute; minutes older than the retention are dropped whole. A hash collision can only make an unknown
 * id look known (a reward accepted that joins nothing), never the other way round. Thread-safe.
 */
final class RecentEventIds {
    private static final long MINUTE = 60_000;

    /** One minute's hashes: linear probing, 0 marks a free slot (a hash of 0 is stored as 1). */
    private static final class Minute {
        final long minute;
        long[] slots = new long[1024];
        int size;

        Minute(long minute) {
            this.minute = minute;
        }

        void add(long hash) {
            if (size * 2 >= slots.length) {
                grow();
            }
            int mask = slots.length - 1;
            int i = (int) (hash ^ (hash >>> 32)) & mask;
            while (slots[i] != 0) {
                if (slots[i] == hash) {
                    return;
                }
                i = (i + 1) & mask;
            }
            slots[i] = hash;
            size++;
        }

        boolean contains(long hash) {
            int mask = slots.length - 1;
            int i = (int) (hash ^ (hash >>> 32)) & mask;
            while (slots[i] != 0) {
                if (slots[i] == hash) {
                    return true;
                }
                i = (i + 1) & mask;
            }
            return false;
        }

        private void grow() {
            long[] old = slots;
            slots = new long[old.length * 2];
            size = 0;
            for (long h : old) {
                if (h != 0) {
                    add(h);
                }
            }
        }
    }

    /** Oldest minute first. */
    private final Deque<Minute> minutes = new ArrayDeque<>();

    /** Records {@code eventId} as decided at {@code atMillis}; ids older than {@code retentionMillis} are forgotten. */
    synchronized void add(String eventId, long atMillis, long nowMillis, long retentionMillis) {
        long minute = atMillis / MINUTE;
        expire(nowMillis, retentionMillis);
        if (minute < nowMillis / MINUTE - retentionMillis / MINUTE - 1) {
            return; // already past the retention
        }
        Minute target = null;
        for (var it = minutes.descendingIterator(); it.hasNext(); ) {
            Minute m = it.next();
            if (m.minute == minute) {
                target = m;
                break;
            }
            if (m.minute < minute) {
                break;
            }
        }
        if (target == null) {
            target = new Minute(minute);
            insertInOrder(target);
        }
        target.add(hash(eventId));
    }

    synchronized boolean contains(String eventId) {
        long h = hash(eventId);
        for (Minute m : minutes) {
            if (m.contains(h)) {
                return true;
            }
        }
        return false;
    }

    private void insertInOrder(Minute m) {
        if (minutes.isEmpty() || minutes.peekLast().minute < m.minute) {
            minutes.addLast(m);
            return;
        }
        Deque<Minute> later = new ArrayDeque<>();
        while (!minutes.isEmpty() && minutes.peekLast().minute > m.minute) {
            later.addFirst(minutes.pollLast());
        }
        minutes.addLast(m);
        minutes.addAll(later);
    }

    private void expire(long nowMillis, long retentionMillis) {
        long oldest = (nowMillis - retentionMillis) / MINUTE - 1;
        while (!minutes.isEmpty() && minutes.peekFirst().minute < oldest) {
            minutes.pollFirst();
        }
    }

    /** FNV-1a over the UTF-16 chars, then MurmurHash3's 64-bit finaliser; never 0. */
    static long hash(String s) {
        long h = 0xcbf29ce484222325L;
        for (int i = 0; i < s.length(); i++) {
            h = (h ^ s.charAt(i)) * 0x100000001b3L;
        }
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        h *= 0xc4ceb9fe1a85ec53L;
        h ^= h >>> 33;
        return h == 0 ? 1 : h;
    }
}
