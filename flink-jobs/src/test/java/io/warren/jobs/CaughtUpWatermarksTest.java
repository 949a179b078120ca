package io.warren.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.common.eventtime.WatermarkOutput;
import org.junit.jupiter.api.Test;

class CaughtUpWatermarksTest {
    private long now = 10_000;
    private final List<Long> emitted = new ArrayList<>();
    private boolean idle;
    private final WatermarkOutput output = new WatermarkOutput() {
        @Override
        public void emitWatermark(Watermark watermark) {
            emitted.add(watermark.getTimestamp());
            idle = false;
        }

        @Override
        public void markIdle() {
            idle = true;
        }

        @Override
        public void markActive() {
            idle = false;
        }
    };
    private final CaughtUpWatermarks<String> watermarks = new CaughtUpWatermarks<>(100, 500, () -> now);

    private long emit() {
        watermarks.onPeriodicEmit(output);
        return emitted.get(emitted.size() - 1);
    }

    @Test
    void aPartitionThatNeverHadARecordIsIdle() {
        watermarks.onPeriodicEmit(output);
        assertThat(idle).isTrue();
        assertThat(emitted).isEmpty();
    }

    @Test
    void whileRecordsComeTimeFollowsTheNewestRecordLessTheBound() {
        watermarks.onEvent("a", 9_000, output);
        watermarks.onEvent("b", 8_000, output);
        now += 499;
        assertThat(emit()).isEqualTo(9_000 - 100 - 1);
    }

    @Test
    void onceQuietTimeMovesWithTheWallClockTrailingOnlyByTheBound() {
        watermarks.onEvent("a", 9_000, output);
        now += 500;
        assertThat(emit()).isEqualTo(9_000 + 500 - 100 - 1);
        now += 2_000;
        assertThat(emit()).isEqualTo(9_000 + 2_500 - 100 - 1);
        watermarks.onEvent("late-but-newer", 9_100, output);
        now += 10;
        assertThat(emit()).as("a new record resets the quiet clock").isEqualTo(9_100 - 100 - 1);
    }
}
