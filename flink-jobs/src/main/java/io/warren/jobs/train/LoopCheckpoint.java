package io.warren.jobs.train;

/**
 * A loop's learner as checkpointed: its configuration, the learner's snapshot (Warren's model file with the
 * run counters, {@code DsJsonLearner#snapshot}), the last version it exported, whether it learned since,
 * and per joined partition the offset below which events are already in the model (after a retrain from
 * the log).
 *
 * <p>A Flink POJO, kept in the train operator's union list state.
 */
public class LoopCheckpoint {
    public String loop;
    public TrainConfig config;
    public byte[] model;
    public long lastVersion;
    public boolean learnedSinceExport;
    public int[] skipPartitions;
    public long[] skipBelow;

    public LoopCheckpoint() {}
}
