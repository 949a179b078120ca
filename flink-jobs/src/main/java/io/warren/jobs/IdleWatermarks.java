package io.warren.jobs;

import org.apache.flink.api.common.eventtime.WatermarkGenerator;
import org.apache.flink.api.common.eventtime.WatermarkOutput;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;

/**
 * For a broadcast side input such as the loops' settings: always idle, so it neither holds the operator's
 * event time back nor moves it. (A {@code Long.MAX_VALUE} watermark would end the operator's time whenever
 * the main input went idle, and no window opened after that would ever close.)
 */
public final class IdleWatermarks {
    private IdleWatermarks() {}

    public static <T> WatermarkStrategy<T> always() {
        return WatermarkStrategy.forGenerator(ctx -> new WatermarkGenerator<>() {
            @Override
            public void onEvent(T event, long eventTimestamp, WatermarkOutput output) {}

            @Override
            public void onPeriodicEmit(WatermarkOutput output) {
                output.markIdle();
            }
        });
    }
}
