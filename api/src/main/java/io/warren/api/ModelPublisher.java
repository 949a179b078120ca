package io.warren.api;

import io.warren.core.loop.Topics;
import io.warren.core.model.Announcement;
import java.io.IOException;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Announces an admin's model changes (imports, rollbacks, resets) on {@code warren.<loop>.models}, where
 * every API instance and the TrainJob follow them. A call returns once Kafka acknowledged the record.
 */
final class ModelPublisher implements AutoCloseable {
    private static final long ACK_WAIT_SECONDS = 15;
    private final KafkaProducer<String, String> producer;

    ModelPublisher(String bootstrapServers) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        p.put(ProducerConfig.CLIENT_ID_CONFIG, "warren-api-models");
        this.producer = new KafkaProducer<>(p, new StringSerializer(), new StringSerializer());
    }

    /** @throws IOException when Kafka did not take the record */
    void publish(String loop, Announcement a) throws IOException {
        try {
            producer.send(new ProducerRecord<>(Topics.models(loop), a.key(), a.toJson())).get(ACK_WAIT_SECONDS,
                    TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new IOException("Kafka did not take the announcement: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while announcing", e);
        }
    }

    @Override
    public void close() {
        producer.close();
    }
}
