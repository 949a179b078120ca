package io.warren.jobs;

import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.common.eventtime.WatermarkGenerator;
import org.apache.flink.api.common.eventtime.WatermarkOutput;

/**
 * Bounded out-of-orderness watermarks that keep moving when a partition goes quiet. Record times are
 * the API's wall clock, so once no record has come for {@code quietMillis} the source has caught up, and
 * event time is taken to pass as wall time does since the last record (still trailing by the
 * out-of-orderness bound, not by the quiet time: a sparse partition, such as a loop's rewards, must not
 * hold every window back by that much). While a backlog is read records
 * keep coming, so nothing is extrapolated and windows close on the records' own times.
 *
 * <p>Without this a loop's last decisions would wait for later traffic before their reward window ends.
 * A quiet partition is never marked idle (its time goes on); only one that never had a record is.
 */
final class CaughtUpWatermarks<T> implements WatermarkGenerator<T> {
    private final long outOfOrdernessMillis;
    private final long quietMillis;
    private final WallClock clock;
    private long maxTimestamp = Long.MIN_VALUE;
    private long lastRecordAt;

    /** The wall clock, replaceable in tests. */
    interface WallClock {
        long millis();
    }

    CaughtUpWatermarks(long outOfOrdernessMillis, long quietMillis, WallClock clock) {
        this.outOfOrdernessMillis = outOfOrdernessMillis;
        this.quietMillis = quietMillis;
        this.clock = clock;
    }

    @Override
    public void onEvent(T event, long eventTimestamp, WatermarkOutput output) {
        maxTimestamp = Math.max(maxTimestamp, eventTimestamp);
        lastRecordAt = clock.millis();
    }

    @Override
    public void onPeriodicEmit(WatermarkOutput output) {
        if (maxTimestamp == Long.MIN_VALUE) {
            // A partition that never had a record must not hold the others back.
            output.markIdle();
            return;
        }
        long sinceLastRecord = clock.millis() - lastRecordAt;
        long extrapolated = sinceLastRecord >= quietMillis ? sinceLastRecord : 0;
        output.emitWatermark(new Watermark(maxTimestamp + extrapolated - outOfOrdernessMillis - 1));
    }
}
