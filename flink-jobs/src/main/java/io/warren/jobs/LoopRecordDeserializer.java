package io.warren.jobs;

import io.warren.joiner.InvalidRecordException;
import io.warren.joiner.JoinInput;
import io.warren.joiner.LoopSettings;
import java.nio.charset.StandardCharsets;
import org.apache.flink.api.common.serialization.DeserializationSchema;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.metrics.Counter;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the loops' Kafka records the join needs: decisions and rewards as {@link JoinInput}, config
 * records as {@link LoopSettings}. A record that is not what its topic promises is logged, counted
 * ({@value #INVALID}) and skipped: one bad record must not stop every loop's join.
 */
final class LoopRecordDeserializer<T> implements KafkaRecordDeserializationSchema<T> {
    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(LoopRecordDeserializer.class);
    static final String INVALID = "invalidKafkaRecords";

    private interface Reader<T> extends java.io.Serializable {
        T read(String topic, String key, String value);
    }

    private final Class<T> type;
    private final Reader<T> reader;
    private transient Counter invalid;

    private LoopRecordDeserializer(Class<T> type, Reader<T> reader) {
        this.type = type;
        this.reader = reader;
    }

    static LoopRecordDeserializer<JoinInput> joinInputs() {
        return new LoopRecordDeserializer<>(JoinInput.class, JoinInput::of);
    }

    static LoopRecordDeserializer<LoopSettings> loopSettings() {
        return new LoopRecordDeserializer<>(LoopSettings.class, (topic, key, value) -> LoopSettings.fromConfigRecord(value));
    }

    @Override
    public void open(DeserializationSchema.InitializationContext context) {
        invalid = context.getMetricGroup().counter(INVALID);
    }

    @Override
    public void deserialize(ConsumerRecord<byte[], byte[]> record, Collector<T> out) {
        if (record.value() == null) {
            return;
        }
        String key = record.key() == null ? null : new String(record.key(), StandardCharsets.UTF_8);
        try {
            out.collect(reader.read(record.topic(), key, new String(record.value(), StandardCharsets.UTF_8)));
        } catch (InvalidRecordException e) {
            invalid.inc();
            LOG.warn("skipped {} offset {} of partition {}: {}", record.topic(), record.offset(), record.partition(),
                    e.getMessage());
        }
    }

    @Override
    public TypeInformation<T> getProducedType() {
        return TypeInformation.of(type);
    }
}
