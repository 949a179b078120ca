package io.warren.core.parse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class ParseAheadTest {

    /** Numbers its units by firstLine, reusing released ones; fails after {@code failAfter} units if set. */
    private static final class CountingSource implements MultiExampleSource {
        private final int units;
        private final int failAfter;
        private final ArrayDeque<MultiExample> free = new ArrayDeque<>();
        private volatile int produced;
        int allocated;
        volatile boolean closed;

        CountingSource(int units, int failAfter) {
            this.units = units;
            this.failAfter = failAfter;
        }

        @Override
        public MultiExample next() throws IOException {
            if (produced == failAfter) {
                throw new IOException("disk on fire");
            }
            if (produced == units) {
                return null;
            }
            MultiExample unit = free.poll();
            if (unit == null) {
                unit = new MultiExample();
                allocated++;
            }
            unit.firstLine = ++produced;
            return unit;
        }

        @Override
        public void release(MultiExample unit) {
            free.add(unit);
        }

        @Override
        public void close() {
            closed = true;
        }
    }

    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void deliversEveryUnitInOrderAndReusesReleasedOnes() throws IOException {
        CountingSource source = new CountingSource(100_000, -1);
        List<Long> order = new ArrayList<>();
        try (ParseAhead ahead = new ParseAhead(source, 16)) {
            MultiExample unit;
            while ((unit = ahead.next()) != null) {
                order.add(unit.firstLine);
                ahead.release(unit);
            }
            assertThat(ahead.next()).isNull();
        }
        assertThat(order).hasSize(100_000);
        for (int i = 0; i < order.size(); i++) {
            assertThat(order.get(i)).isEqualTo(i + 1L);
        }
        // The queue holds at most depth + 1 units and the return queue the rest: reuse bounds allocation.
        assertThat(source.allocated).isLessThan(100);
        assertThat(source.closed).isTrue();
    }

    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void sourceFailureReachesTheLearnerAfterTheUnitsBeforeIt() throws IOException {
        CountingSource source = new CountingSource(1_000, 500);
        try (ParseAhead ahead = new ParseAhead(source, 16)) {
            for (int i = 1; i <= 500; i++) {
                MultiExample unit = ahead.next();
                assertThat(unit.firstLine).isEqualTo(i);
                ahead.release(unit);
            }
            assertThatThrownBy(ahead::next).isInstanceOf(IOException.class).hasMessage("disk on fire");
            assertThat(ahead.next()).isNull();
        }
    }

    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void closingWhileTheParserWaitsOnAFullQueueStopsIt() throws IOException, InterruptedException {
        CountingSource source = new CountingSource(Integer.MAX_VALUE, -1);
        ParseAhead ahead = new ParseAhead(source, 4);
        assertThat(ahead.next().firstLine).isEqualTo(1);
        ahead.close();
        assertThat(source.closed).isTrue();
        int producedAtClose = source.produced;
        Thread.sleep(50);
        assertThat(source.produced).isEqualTo(producedAtClose);
    }
}
