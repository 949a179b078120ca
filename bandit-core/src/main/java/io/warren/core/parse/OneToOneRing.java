package io.warren.core.parse;

/**
 * A bounded ring for one writing thread and one reading thread, without locks: the writer publishes a slot
 * by advancing {@code tail} (a volatile write after the slot's), the reader frees it by advancing
 * {@code head}. What the writer wrote before {@link #offer} is visible to the reader after {@link #poll}.
 */
public final class OneToOneRing<T> {
    private final Object[] slots;
    private volatile long head;
    private volatile long tail;

    public OneToOneRing(int capacity) {
        slots = new Object[capacity];
    }

    /** Writer side: false when full. */
    public boolean offer(T item) {
        long t = tail;
        if (t - head >= slots.length) {
            return false;
        }
        slots[(int) (t % slots.length)] = item;
        tail = t + 1;
        return true;
    }

    /** Reader side: null when empty. */
    @SuppressWarnings("unchecked")
    public T poll() {
        long h = head;
        if (h >= tail) {
            return null;
        }
        int at = (int) (h % slots.length);
        T item = (T) slots[at];
        slots[at] = null;
        head = h + 1;
        return item;
    }

    public int size() {
        return (int) (tail - head);
    }
}
