package io.warren.jobs;

import io.warren.joiner.JoinedEvent;
import io.warren.joiner.LateReward;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.util.function.Function;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Writes a loop's record to that loop's topic of one kind ({@code warren.<loop>.joined}, {@code .late}),
 * keyed by event id, its JSON line as the value.
 */
final class LoopRecordSchema<T> implements KafkaRecordSerializationSchema<T> {
    private static final long serialVersionUID = 1L;

    /** Where a record's loop, key and value are. */
    interface Parts<T> extends Serializable {
        String loop(T record);

        String key(T record);

        String value(T record);
    }

    private final Function<String, String> topicOfLoop;
    private final Parts<T> parts;

    private LoopRecordSchema(SerializableTopic topicOfLoop, Parts<T> parts) {
        this.topicOfLoop = topicOfLoop;
        this.parts = parts;
    }

    private interface SerializableTopic extends Function<String, String>, Serializable {}

    static LoopRecordSchema<JoinedEvent> joined() {
        return new LoopRecordSchema<>(io.warren.core.loop.Topics::joined, new Parts<>() {
            public String loop(JoinedEvent e) {
                return e.loop;
            }

            public String key(JoinedEvent e) {
                return e.eventId;
            }

            public String value(JoinedEvent e) {
                return e.json;
            }
        });
    }

    static LoopRecordSchema<LateReward> late() {
        return new LoopRecordSchema<>(io.warren.core.loop.Topics::late, new Parts<>() {
            public String loop(LateReward r) {
                return r.loop;
            }

            public String key(LateReward r) {
                return r.eventId;
            }

            public String value(LateReward r) {
                return r.json;
            }
        });
    }

    @Override
    public ProducerRecord<byte[], byte[]> serialize(T record, KafkaSinkContext context, Long timestamp) {
        return new ProducerRecord<>(topicOfLoop.apply(parts.loop(record)), null, timestamp,
                parts.key(record).getBytes(StandardCharsets.UTF_8), parts.value(record).getBytes(StandardCharsets.UTF_8));
    }
}
