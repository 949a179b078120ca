package io.warren.jobs;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;

/**
 * A one-node KRaft broker for the job tests, set up for transactions (one replica of the transaction log),
 * with the clients the tests need: topics with their leaders, a producer, and a read_committed reader.
 */
public final class KafkaForJobs implements AutoCloseable {
    private final KafkaClusterTestKit cluster;

    private KafkaForJobs(KafkaClusterTestKit cluster) {
        this.cluster = cluster;
    }

    public static KafkaForJobs start() throws Exception {
        KafkaClusterTestKit cluster = new KafkaClusterTestKit.Builder(new TestKitNodes.Builder().setNumBrokerNodes(1)
                .setNumControllerNodes(1).build())
                .setConfigProp("transaction.state.log.replication.factor", "1")
                .setConfigProp("transaction.state.log.min.isr", "1")
                .setConfigProp("offsets.topic.replication.factor", "1")
                .build();
        cluster.format();
        cluster.startup();
        cluster.waitForReadyBrokers();
        return new KafkaForJobs(cluster);
    }

    public String bootstrap() {
        return cluster.bootstrapServers();
    }

    /** Creates the topics ({@code compacted} among them) and waits until each partition has a leader. */
    public void createTopics(Map<String, Integer> partitions, Set<String> compacted) throws Exception {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap()))) {
            List<NewTopic> topics = new ArrayList<>();
            partitions.forEach((name, n) -> topics.add(new NewTopic(name, n, (short) 1)
                    .configs(compacted.contains(name) ? Map.of("cleanup.policy", "compact") : Map.of())));
            admin.createTopics(topics).all().get();
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            for (String name : partitions.keySet()) {
                while (!led(admin, name)) {
                    if (System.nanoTime() > deadline) {
                        throw new IllegalStateException("no leader for " + name);
                    }
                    Thread.sleep(50);
                }
            }
        }
    }

    /** Whether every partition of {@code topic} has a leader (false while the broker does not know the topic yet). */
    private static boolean led(Admin admin, String topic) throws InterruptedException {
        try {
            return admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic).partitions().stream()
                    .allMatch(p -> p.leader() != null && !p.leader().isEmpty());
        } catch (ExecutionException e) {
            if (e.getCause() instanceof UnknownTopicOrPartitionException) {
                return false;
            }
            throw new IllegalStateException(e);
        }
    }

    public KafkaProducer<String, String> producer() {
        Properties p = new Properties();
        p.put("bootstrap.servers", bootstrap());
        p.put("enable.idempotence", "true");
        p.put("acks", "all");
        return new KafkaProducer<>(p, new StringSerializer(), new StringSerializer());
    }

    /** Every committed record of {@code topic} so far (read_committed, from the start). */
    public List<ConsumerRecord<String, String>> readCommitted(String topic, int partitions) {
        Properties p = new Properties();
        p.put("bootstrap.servers", bootstrap());
        p.put("isolation.level", "read_committed");
        List<ConsumerRecord<String, String>> out = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(p, new StringDeserializer(),
                new StringDeserializer())) {
            List<TopicPartition> assigned = new ArrayList<>();
            for (int i = 0; i < partitions; i++) {
                assigned.add(new TopicPartition(topic, i));
            }
            consumer.assign(assigned);
            consumer.seekToBeginning(assigned);
            Map<TopicPartition, Long> end = consumer.endOffsets(assigned);
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (assigned.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp)) && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(100)).forEach(out::add);
            }
        }
        return out;
    }

    @Override
    public void close() throws Exception {
        cluster.close();
    }
}
