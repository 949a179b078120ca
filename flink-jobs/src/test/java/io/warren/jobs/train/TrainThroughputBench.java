package io.warren.jobs.train;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.warren.core.driver.TrainRun;
import io.warren.core.loop.Topics;
import io.warren.core.sim.LoggedDataWriter;
import io.warren.core.sim.SimulatedProduct;
import io.warren.core.sim.SimulationConfig;
import io.warren.jobs.JobConfig;
import io.warren.jobs.KafkaForJobs;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * TrainJob's throughput against the learner alone (ops/bench/jobs_bench.sh train): the same joined DSJSON lines
 * (the simulated product, K actions) learned by {@code warren train --dsjson} in this JVM, and by TrainJob
 * from a real broker (RocksDB, checkpoints every second) until it announces a model that learned them all.
 * Prints one line of JSON. Both times include their start: JIT warm-up for the first, job start for the second.
 * {@code warren train} also runs a second time in the warm JVM: the learner's speed without its JIT warm-up. The
 * job learns the whole backlog in its loop's first model (read from the log on the operator's thread), so its
 * announcements jump from nothing to all events and give no steady rate.
 */
public final class TrainThroughputBench {
    private static final String LOOP = "trainbench";
    private static final String POLICY = "--cb_explore_adf --epsilon 0.2 --power_t 0 -l 0.001 --cb_type mtr -q ::";
    private static final ObjectMapper JSON = new ObjectMapper();

    private TrainThroughputBench() {}

    public static void main(String[] args) throws Exception {
        int events = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        int actions = args.length > 1 ? Integer.parseInt(args[1]) : 10;
        Path work = Files.createTempDirectory("train-bench");
        Path data = work.resolve("joined.json");
        try (Writer w = Files.newBufferedWriter(data, StandardCharsets.UTF_8)) {
            new LoggedDataWriter(new SimulatedProduct(new SimulationConfig(actions, 20, 10, 0.1, 0, 10_000, false, 3)),
                    LoggedDataWriter.Format.DSJSON).write(w, events);
        }
        double trainSeconds = timeTrain(data, work);
        // The same again in the now warm JVM: the learner's steady speed, to set against TrainJob's.
        double warmTrainSeconds = timeTrain(data, work);
        try (KafkaForJobs kafka = KafkaForJobs.start()) {
            kafka.createTopics(Map.of(Topics.joined(LOOP), 1, Topics.config(LOOP), 1, Topics.models(LOOP), 1),
                    Set.of(Topics.config(LOOP), Topics.models(LOOP)));
            try (KafkaProducer<String, String> producer = kafka.producer()) {
                producer.send(new ProducerRecord<>(Topics.config(LOOP), LOOP, "{\"loop\":\"" + LOOP + "\",\"service\":"
                        + "{\"modelExportFrequency\":\"PT1S\",\"learningMode\":\"Online\"},\"policy\":{\"name\":\"bench\","
                        + "\"arguments\":\"" + POLICY + "\"}}")).get();
                long i = 0;
                for (String line : Files.readAllLines(data)) {
                    producer.send(new ProducerRecord<>(Topics.joined(LOOP), "e" + i++, line));
                }
                producer.flush();
            }
            StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(
                    JobConfig.of(work.resolve("checkpoints"), Duration.ofSeconds(1), null));
            env.setParallelism(1);
            TrainJob.define(env, TrainJob.Settings.defaults(kafka.bootstrap(), work.resolve("models")));
            long jobStart = System.nanoTime();
            JobClient job = env.executeAsync("train-bench");
            while (trainedEvents(kafka) < events) {
                Thread.sleep(200);
            }
            double jobSeconds = (System.nanoTime() - jobStart) / 1e9;
            job.cancel().get();
            System.out.println(String.format(Locale.ROOT, "{\"events\":%d,\"actions\":%d,\"warren_train_s\":%.2f,"
                            + "\"warren_train_events_per_s\":%.0f,\"warm_warren_train_events_per_s\":%.0f,"
                            + "\"trainjob_s\":%.2f,\"trainjob_events_per_s\":%.0f,\"trainjob_vs_train\":%.2f}",
                    events, actions, trainSeconds, events / trainSeconds, events / warmTrainSeconds, jobSeconds,
                    events / jobSeconds, trainSeconds / jobSeconds));
        }
    }

    /** Seconds {@code warren train --dsjson} takes over the lines in this JVM. */
    private static double timeTrain(Path data, Path work) throws Exception {
        long start = System.nanoTime();
        List<String> args = new java.util.ArrayList<>(List.of("--dsjson", "-d", data.toString(), "--quiet"));
        args.addAll(List.of(POLICY.split(" ")));
        int code = new TrainRun(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8), work).run(args);
        if (code != 0) {
            throw new IllegalStateException("warren train failed with " + code);
        }
        return (System.nanoTime() - start) / 1e9;
    }

    private static long trainedEvents(KafkaForJobs kafka) throws Exception {
        long most = 0;
        for (ConsumerRecord<String, String> r : kafka.readCommitted(Topics.models(LOOP), 1)) {
            JsonNode announcement = JSON.readTree(r.value());
            most = Math.max(most, announcement.path("trainedEvents").asLong());
        }
        return most;
    }
}
