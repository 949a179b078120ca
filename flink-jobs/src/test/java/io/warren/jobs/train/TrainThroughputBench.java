package io.warren.jobs.train;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.warren.core.driver.TrainRun;
import io.warren.core.loop.Topics;
import io.warren.core.sim.LoggedDataWriter;
import io.warren.core.sim.SimulatedProduct;
import io.warren.core.sim.SimulationConfig;
import io.warren.jobs.JobConfig;
import io.warren.jobs.JoinTraffic;
import io.warren.jobs.KafkaForJobs;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
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
 * announcements jump from nothing to all events and give no steady rate. Then the job is stopped, as many
 * events again are produced, and the job restored from its checkpoint learns them from its source, through
 * Flink's serialization: its steady rate (the announcements' counts over their times, past the first quarter)
 * is set against the warm {@code warren train}.
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
        List<String> lines = Files.readAllLines(data);
        try (KafkaForJobs kafka = KafkaForJobs.start()) {
            kafka.createTopics(Map.of(Topics.joined(LOOP), 1, Topics.config(LOOP), 1, Topics.models(LOOP), 1),
                    Set.of(Topics.config(LOOP), Topics.models(LOOP)));
            try (KafkaProducer<String, String> producer = kafka.producer()) {
                producer.send(new ProducerRecord<>(Topics.config(LOOP), LOOP, "{\"loop\":\"" + LOOP + "\",\"service\":"
                        + "{\"modelExportFrequency\":\"PT1S\",\"learningMode\":\"Online\"},\"policy\":{\"name\":\"bench\","
                        + "\"arguments\":\"" + POLICY + "\"}}")).get();
            }
            produce(kafka, lines, 0);
            Path checkpoints = work.resolve("checkpoints");
            // The backlog: the loop's first model, read from the log on the operator's thread.
            long jobStart = System.nanoTime();
            JobClient job = submit(kafka, checkpoints, null, work);
            awaitTrained(kafka, events);
            double jobSeconds = (System.nanoTime() - jobStart) / 1e9;
            Path afterBacklog = Objects.requireNonNull(JoinTraffic.awaitCheckpoint(checkpoints, job),
                    "no checkpoint after the backlog within 30 s");
            job.cancel().get();

            // The stream: as many events again while the job is down, then the job restored from its checkpoint
            // reads them through the source, the keyBy and the operator, as a running job learns.
            produce(kafka, lines, events);
            long restoreStart = System.nanoTime();
            job = submit(kafka, checkpoints, afterBacklog, work);
            awaitTrained(kafka, 2L * events);
            double streamSeconds = (System.nanoTime() - restoreStart) / 1e9;
            double steadyStreamPerSecond = steadyRate(kafka, events + events / 4, 2L * events);
            job.cancel().get();
            System.out.println(String.format(Locale.ROOT, "{\"events\":%d,\"actions\":%d,\"warren_train_s\":%.2f,"
                            + "\"warren_train_events_per_s\":%.0f,\"warm_warren_train_events_per_s\":%.0f,"
                            + "\"trainjob_s\":%.2f,\"trainjob_events_per_s\":%.0f,\"trainjob_vs_train\":%.2f,"
                            + "\"stream_s\":%.2f,\"stream_events_per_s\":%.0f,\"steady_stream_events_per_s\":%.0f,"
                            + "\"steady_stream_vs_warm_train\":%.2f}",
                    events, actions, trainSeconds, events / trainSeconds, events / warmTrainSeconds, jobSeconds,
                    events / jobSeconds, trainSeconds / jobSeconds, streamSeconds, events / streamSeconds,
                    steadyStreamPerSecond, steadyStreamPerSecond / (events / warmTrainSeconds)));
        }
    }

    /** The lines as joined records keyed {@code e<first>}, {@code e<first + 1>}, ... */
    private static void produce(KafkaForJobs kafka, List<String> lines, long first) {
        try (KafkaProducer<String, String> producer = kafka.producer()) {
            long i = first;
            for (String line : lines) {
                producer.send(new ProducerRecord<>(Topics.joined(LOOP), "e" + i++, line));
            }
            producer.flush();
        }
    }

    private static JobClient submit(KafkaForJobs kafka, Path checkpoints, Path restoreFrom, Path work) throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(
                JobConfig.of(checkpoints, Duration.ofSeconds(1), restoreFrom));
        env.setParallelism(1);
        TrainJob.define(env, TrainJob.Settings.defaults(kafka.bootstrap(), work.resolve("models")));
        return env.executeAsync("train-bench");
    }

    private static void awaitTrained(KafkaForJobs kafka, long events) throws Exception {
        while (announced(kafka).stream().mapToLong(a -> a.trainedEvents).max().orElse(0) < events) {
            Thread.sleep(200);
        }
    }

    /**
     * Events per second between the first announcement that counts at least {@code from} events and the first
     * that counts {@code to}, by their creation times: the job's rate once started and past its JIT's first work.
     */
    private static double steadyRate(KafkaForJobs kafka, long from, long to) throws Exception {
        List<Announced> all = announced(kafka);
        Announced first = all.stream().filter(a -> a.trainedEvents >= from).findFirst().orElseThrow();
        Announced last = all.stream().filter(a -> a.trainedEvents >= to).findFirst().orElseThrow();
        return (last.trainedEvents - first.trainedEvents) / ((last.createdMillis - first.createdMillis) / 1e3);
    }

    private record Announced(long trainedEvents, long createdMillis) {}

    private static List<Announced> announced(KafkaForJobs kafka) throws Exception {
        List<Announced> all = new ArrayList<>();
        for (ConsumerRecord<String, String> r : kafka.readCommitted(Topics.models(LOOP), 1)) {
            JsonNode a = JSON.readTree(r.value());
            all.add(new Announced(a.path("trainedEvents").asLong(), Instant.parse(a.path("createdAt").asText()).toEpochMilli()));
        }
        return all;
    }

    /** Seconds {@code warren train --dsjson} takes over the lines in this JVM. */
    private static double timeTrain(Path data, Path work) throws Exception {
        long start = System.nanoTime();
        List<String> args = new ArrayList<>(List.of("--dsjson", "-d", data.toString(), "--quiet"));
        args.addAll(List.of(POLICY.split(" ")));
        int code = new TrainRun(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8), work).run(args);
        if (code != 0) {
            throw new IllegalStateException("warren train failed with " + code);
        }
        return (System.nanoTime() - start) / 1e9;
    }
}
