package io.warren.api;

import io.warren.core.loop.Topics;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.errors.TopicExistsException;

/**
 * Creates a loop's six topics (DESIGN.md) where they do not exist yet: the config and models topics
 * compacted (only the latest record per key matters), and waits for their partitions' leaders, since
 * producing before that fails.
 */
public final class LoopTopics {
    private static final Duration LEADER_WAIT = Duration.ofSeconds(90);

    private LoopTopics() {}

    /**
     * @param partitions partitions per topic, or empty for the cluster's default (the embedded broker uses
     *                   one, which keeps each topic in order)
     */
    public static void create(String bootstrap, String loop, Optional<Integer> partitions)
            throws IOException, InterruptedException {
        List<String> names = List.of(Topics.decisions(loop), Topics.rewards(loop), Topics.joined(loop),
                Topics.late(loop), Topics.models(loop), Topics.config(loop));
        Properties p = new Properties();
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, "5000");
        p.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "10000");
        try (Admin admin = Admin.create(p)) {
            for (String name : names) {
                NewTopic topic = new NewTopic(name, partitions, Optional.empty());
                if (name.equals(Topics.models(loop)) || name.equals(Topics.config(loop))) {
                    topic.configs(Map.of("cleanup.policy", "compact"));
                }
                try {
                    admin.createTopics(List.of(topic)).all().get(30, TimeUnit.SECONDS);
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw new IOException("creating topic " + name + " failed: " + e.getCause().getMessage(), e.getCause());
                    }
                } catch (TimeoutException e) {
                    throw new IOException("creating topic " + name + " timed out", e);
                }
            }
            awaitLeaders(admin, names);
        }
    }

    private static void awaitLeaders(Admin admin, List<String> names) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + LEADER_WAIT.toNanos();
        while (true) {
            try {
                Map<String, TopicDescription> topics = admin.describeTopics(names).allTopicNames().get(10, TimeUnit.SECONDS);
                boolean led = topics.size() == names.size() && topics.values().stream()
                        .allMatch(t -> t.partitions().stream().allMatch(p -> p.leader() != null && !p.leader().isEmpty()));
                if (led) {
                    return;
                }
            } catch (ExecutionException | TimeoutException e) {
                // metadata not there yet
            }
            if (System.nanoTime() > deadline) {
                throw new IOException("topics " + names + " had no leaders within " + LEADER_WAIT.toSeconds() + " s");
            }
            TimeUnit.MILLISECONDS.sleep(100);
        }
    }
}
