package io.warren.jobs.train;

import io.warren.core.loop.Topics;
import io.warren.joiner.InvalidRecordException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Pattern;
import org.apache.flink.api.common.serialization.DeserializationSchema;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.metrics.Counter;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The TrainJob's Kafka records: joined lines in ({@link JoinedRecord}), loop configurations in
 * ({@link TrainConfig}), model announcements out. A record that is not what its topic promises is logged,
 * counted ({@value #INVALID}) and skipped. (The same rules as JoinJob's {@code LoopRecordDeserializer},
 * which is package-private to {@code io.warren.jobs}.)
 */
final class TrainRecords {
    static final String INVALID = "invalidKafkaRecords";
    private static final Logger LOG = LoggerFactory.getLogger(TrainRecords.class);
    private static final Pattern LOOP_TOPIC = Pattern.compile("warren\\.(" + Topics.LOOP_ID + ")\\.[a-z]+");

    private TrainRecords() {}

    /** The loop of a topic {@code warren.<loop>.<kind>}. */
    static String loopOf(String topic) {
        var m = LOOP_TOPIC.matcher(topic);
        if (!m.matches()) {
            throw new InvalidRecordException("topic " + topic + " is not a loop's topic");
        }
        return m.group(1);
    }

    /**
     * {@code warren.<loop>.joined} records (or, with {@code announcements}, {@code warren.<loop>.models}
     * records): the value's bytes as they came, the loop from the topic.
     */
    static final class Joined implements KafkaRecordDeserializationSchema<JoinedRecord> {
        private static final long serialVersionUID = 1L;
        private final boolean announcements;
        private transient Map<String, String> loops;
        private transient Counter invalid;

        Joined(boolean announcements) {
            this.announcements = announcements;
        }

        @Override
        public void open(DeserializationSchema.InitializationContext context) {
            invalid = context.getMetricGroup().counter(INVALID);
            loops = new HashMap<>();
        }

        @Override
        public void deserialize(ConsumerRecord<byte[], byte[]> record, Collector<JoinedRecord> out) {
            if (record.value() == null) {
                return;
            }
            String loop = loops.get(record.topic());
            if (loop == null) {
                try {
                    loop = loopOf(record.topic());
                } catch (InvalidRecordException e) {
                    skipped(invalid, record, e);
                    return;
                }
                loops.put(record.topic(), loop);
            }
            JoinedRecord r = new JoinedRecord(loop, record.partition(), record.offset(), record.value());
            r.announcement = announcements;
            out.collect(r);
        }

        @Override
        public TypeInformation<JoinedRecord> getProducedType() {
            return TypeInformation.of(JoinedRecord.class);
        }
    }

    /** {@code warren.<loop>.config} records. */
    static final class Configs implements KafkaRecordDeserializationSchema<TrainConfig> {
        private static final long serialVersionUID = 1L;
        private transient Counter invalid;

        @Override
        public void open(DeserializationSchema.InitializationContext context) {
            invalid = context.getMetricGroup().counter(INVALID);
        }

        @Override
        public void deserialize(ConsumerRecord<byte[], byte[]> record, Collector<TrainConfig> out) {
            if (record.value() == null) {
                return;
            }
            try {
                TrainConfig c = TrainConfig.fromConfigRecord(new String(record.value(), StandardCharsets.UTF_8),
                        record.offset());
                if (!c.loop.equals(loopOf(record.topic()))) {
                    throw new InvalidRecordException("config of loop " + c.loop + " on " + record.topic());
                }
                out.collect(c);
            } catch (InvalidRecordException e) {
                skipped(invalid, record, e);
            }
        }

        @Override
        public TypeInformation<TrainConfig> getProducedType() {
            return TypeInformation.of(TrainConfig.class);
        }
    }

    private static void skipped(Counter invalid, ConsumerRecord<byte[], byte[]> record, RuntimeException e) {
        if (invalid != null) {
            invalid.inc();
        }
        LOG.warn("skipped {} offset {} of partition {}: {}", record.topic(), record.offset(), record.partition(),
                e.getMessage());
    }

    /** Announcements to {@code warren.<loop>.models}, keyed by version. */
    static final class Announcements implements KafkaRecordSerializationSchema<ModelAnnouncement> {
        private static final long serialVersionUID = 1L;

        @Override
        public ProducerRecord<byte[], byte[]> serialize(ModelAnnouncement a, KafkaSinkContext context, Long timestamp) {
            // Stamped when sent (not with the event time of the record that happened to trigger the export).
            return new ProducerRecord<>(Topics.models(a.loop), null, null, a.version.getBytes(StandardCharsets.UTF_8),
                    a.json.getBytes(StandardCharsets.UTF_8));
        }
    }
}
