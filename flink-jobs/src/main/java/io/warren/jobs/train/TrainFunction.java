package io.warren.jobs.train;

import io.warren.core.driver.DsJsonLearner;
import io.warren.core.model.Announcement;
import io.warren.core.model.ModelStore;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.TaskInfo;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.BroadcastState;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ReadOnlyBroadcastState;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.metrics.Counter;
import org.apache.flink.runtime.state.FunctionInitializationContext;
import org.apache.flink.runtime.state.FunctionSnapshotContext;
import org.apache.flink.runtime.state.KeyGroupRangeAssignment;
import org.apache.flink.streaming.api.checkpoint.CheckpointedFunction;
import org.apache.flink.streaming.api.functions.co.KeyedBroadcastProcessFunction;
import org.apache.flink.util.Collector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One online learner per loop (the stream is keyed by loop): each joined line is parsed once and learned
 * from at once by the loop's {@link DsJsonLearner}; every {@code modelExportFrequency} (a processing-time
 * timer) a loop that learned something since its last export writes a new model version to the store and
 * announces it. Loop configurations come on the broadcast side.
 *
 * <h2>State</h2>
 * The live learners are plain objects in a transient map: nothing is serialised per event. At each
 * checkpoint barrier {@link #snapshotState} writes every learner's snapshot (weights, save_resume state and
 * run counters), its configuration, last exported version and retrain offsets into union list state; a
 * restored subtask keeps the loops whose key it owns now ({@link KeyGroupRangeAssignment}), so the model
 * continues from exactly the events before the barrier, also after a change of parallelism. Timers are
 * keyed state. A loop's snapshot is only re-serialised when it learned since the last checkpoint.
 *
 * <h2>Configuration changes</h2>
 * Other policy arguments or reward settings reset the loop's model: a fresh learner is trained from the
 * loop's joined events of the last {@code modelRetrainDays} days, read straight from Kafka up to the end
 * offsets of that moment, and exported at once; stream records below those offsets are then skipped (they
 * are in the model). A loop's first model in a job without state for it is made the same way, so a new job
 * honours {@code modelRetrainDays} and starts where the log is. LoggingOnly loops keep no learner and
 * export nothing; Apprentice loops learn like Online ones.
 *
 * <h2>Versions</h2>
 * Numbers 1, 2, ... per loop. Before its first export in a subtask's life a loop takes the highest of its
 * checkpointed last version, the highest version file in the store, and the highest version among its
 * last announcements; each export takes the next number that has no file yet. A file is written before it
 * is announced, so neither a restore to an older checkpoint nor a lost announcement can reuse a version.
 * A restored loop announces nothing until it has learned more events than the last announcement of the
 * same policy counts (the job before the restore may have got further), so the served model never goes
 * back in time.
 *
 * <h2>Imports, rollbacks and resets</h2>
 * The loops' announcements come in keyed with their events. One the trainer did not write (an admin's
 * import or rollback, DESIGN.md's "reset the trainer to it") replaces the loop's learner with that model,
 * which it continues from as {@code vw -i} would; a reset gives it a fresh learner (no retrain: the admin
 * asked to start over). Either way the next export is a new version learned from there.
 */
final class TrainFunction extends KeyedBroadcastProcessFunction<String, JoinedRecord, TrainConfig, ModelAnnouncement>
        implements CheckpointedFunction {
    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(TrainFunction.class);
    static final MapStateDescriptor<String, TrainConfig> CONFIGS = new MapStateDescriptor<>("train-configs",
            Types.STRING, TypeInformation.of(TrainConfig.class));

    private final String bootstrapServers;
    private final String modelStore;
    private final Duration logTimeout;

    private transient Map<String, Loop> loops;
    /** Configurations read from the config topic when a loop first came, until the broadcast side catches up. */
    private transient Map<String, TrainConfig> readDirectly;
    private transient ListState<LoopCheckpoint> checkpointed;
    private transient ModelStore store;
    private transient LoopLog log;
    private transient Counter learned;
    private transient Counter skipped;
    private transient Counter malformed;
    private transient Counter notTrained;
    private transient Counter exports;
    private transient Counter exportFailures;
    private transient Counter retrains;
    private transient Counter modelsFollowed;

    /** A loop's live learner and what goes with it. */
    private static final class Loop {
        final String name;
        TrainConfig config;
        /** Null while the loop is not trained (LoggingOnly, or arguments the learner refuses). */
        DsJsonLearner learner;
        long lastVersion;
        boolean versionsChecked;
        /**
         * Restored from a checkpoint: a job that ran past the checkpoint may have announced this model's later
         * state already; until the replay passes that point nothing is announced (the API keeps the newer one).
         */
        boolean restored;
        long announcedEvents = -1;
        boolean learnedSinceExport;
        boolean changedSinceSnapshot = true;
        byte[] lastSnapshot;
        int[] skipPartitions = new int[0];
        long[] skipBelow = new long[0];
        long timerAt;
        /** Processing time of the last export: the next may come one export period after it, not sooner. */
        long exportedAt;

        Loop(String name, TrainConfig config) {
            this.name = name;
            this.config = config;
        }

        boolean alreadyLearned(int partition, long offset) {
            for (int i = 0; i < skipPartitions.length; i++) {
                if (skipPartitions[i] == partition) {
                    return offset < skipBelow[i];
                }
            }
            return false;
        }
    }

    TrainFunction(String bootstrapServers, Path modelStore, Duration logTimeout) {
        this.bootstrapServers = bootstrapServers;
        this.modelStore = modelStore.toAbsolutePath().toString();
        this.logTimeout = logTimeout;
    }

    @Override
    public void initializeState(FunctionInitializationContext context) throws Exception {
        loops = new HashMap<>();
        readDirectly = new HashMap<>();
        checkpointed = context.getOperatorStateStore().getUnionListState(
                new ListStateDescriptor<>("train-loops", TypeInformation.of(LoopCheckpoint.class)));
        if (!context.isRestored()) {
            return;
        }
        for (LoopCheckpoint cp : checkpointed.get()) {
            if (!owns(cp.loop)) {
                continue;
            }
            Loop l = new Loop(cp.loop, cp.config);
            l.learner = DsJsonLearner.restore(cp.config.arguments, cp.model);
            l.lastSnapshot = cp.model;
            l.changedSinceSnapshot = false;
            l.lastVersion = cp.lastVersion;
            l.restored = true;
            l.learnedSinceExport = cp.learnedSinceExport;
            l.skipPartitions = cp.skipPartitions == null ? new int[0] : cp.skipPartitions;
            l.skipBelow = cp.skipBelow == null ? new long[0] : cp.skipBelow;
            loops.put(cp.loop, l);
            LOG.info("loop {}: restored its learner ({} events, last version {})", cp.loop,
                    l.learner.learnedEvents(), l.lastVersion);
        }
    }

    @Override
    public void open(OpenContext openContext) {
        store = new ModelStore(Path.of(modelStore));
        log = new LoopLog(bootstrapServers, logTimeout);
        var metrics = getRuntimeContext().getMetricGroup();
        learned = metrics.counter("learnedEvents");
        skipped = metrics.counter("skippedLines");
        malformed = metrics.counter("malformedLines");
        notTrained = metrics.counter("notTrainedEvents");
        exports = metrics.counter("modelExports");
        exportFailures = metrics.counter("modelExportFailures");
        retrains = metrics.counter("retrains");
        modelsFollowed = metrics.counter("modelsFollowed");
    }

    private boolean owns(String loop) {
        TaskInfo task = getRuntimeContext().getTaskInfo();
        return KeyGroupRangeAssignment.assignKeyToParallelOperator(loop, task.getMaxNumberOfParallelSubtasks(),
                task.getNumberOfParallelSubtasks()) == task.getIndexOfThisSubtask();
    }

    @Override
    public void processElement(JoinedRecord r, ReadOnlyContext ctx, Collector<ModelAnnouncement> out) {
        Loop l = loops.get(r.loop);
        if (l == null) {
            l = start(r.loop, configOf(r.loop, ctx.getBroadcastState(CONFIGS)), out);
        }
        if (r.announcement) {
            follow(l, r);
            return;
        }
        if (l.learner == null) {
            notTrained.inc();
            return;
        }
        if (!l.alreadyLearned(r.partition, r.offset)) {
            learn(l, r);
        }
        if (l.timerAt == 0 && l.learnedSinceExport) {
            // At most one export per period, but the first event after a quiet spell goes out at once.
            long now = ctx.timerService().currentProcessingTime();
            long at = Math.max(now, l.exportedAt + l.config.exportMillis);
            ctx.timerService().registerProcessingTimeTimer(at);
            l.timerAt = at;
        }
    }

    private void learn(Loop l, JoinedRecord r) {
        switch (l.learner.learn(r.line)) {
            case LEARNED -> {
                learned.inc();
                l.learnedSinceExport = true;
                l.changedSinceSnapshot = true;
            }
            case SKIPPED -> skipped.inc();
            case MALFORMED -> {
                malformed.inc();
                LOG.warn("loop {}: skipped malformed joined line at partition {} offset {}: {}", r.loop, r.partition,
                        r.offset, l.learner.lastError());
            }
        }
    }

    /** Continues the loop from a model an admin imported or rolled back to, or from scratch after a reset. */
    private void follow(Loop l, JoinedRecord r) {
        Announcement a;
        try {
            a = Announcement.parse(r.line);
        } catch (IllegalArgumentException e) {
            LOG.warn("loop {}: skipped model announcement at offset {}: {}", l.name, r.offset, e.getMessage());
            return;
        }
        if (a.origin() == Announcement.Origin.TRAINED || l.learner == null) {
            return;
        }
        try {
            if (a.origin() == Announcement.Origin.RESET) {
                l.learner = DsJsonLearner.fresh(l.config.arguments);
            } else {
                l.learner = DsJsonLearner.fromModel(l.config.arguments, store.verified(a), a.trainedEvents());
                l.lastVersion = Math.max(l.lastVersion, a.number());
            }
        } catch (IOException | RuntimeException e) {
            LOG.error("loop {}: cannot continue from the {} model {}: {}; training on from the model it had", l.name,
                    a.origin().wire(), a.version(), e.getMessage());
            return;
        }
        l.learnedSinceExport = false;
        l.changedSinceSnapshot = true;
        l.restored = false;
        l.announcedEvents = -1;
        modelsFollowed.inc();
        LOG.info("loop {}: continues from the {} model {}", l.name, a.origin().wire(),
                a.origin() == Announcement.Origin.RESET ? "(none)" : a.version());
    }

    /** The newest configuration this subtask knows for {@code loop}; the config topic is read once per loop. */
    private TrainConfig configOf(String loop, ReadOnlyBroadcastState<String, TrainConfig> broadcast) {
        TrainConfig direct = readDirectly.get(loop);
        if (direct == null) {
            direct = log.latestConfig(loop);
            if (direct == null) {
                direct = TrainConfig.defaults(loop);
            }
            readDirectly.put(loop, direct);
        }
        TrainConfig fromBroadcast;
        try {
            fromBroadcast = broadcast.get(loop);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return fromBroadcast != null && fromBroadcast.offset >= direct.offset ? fromBroadcast : direct;
    }

    /** A loop this subtask has no learner for: its first model, trained from the log when the loop trains. */
    private Loop start(String loop, TrainConfig config, Collector<ModelAnnouncement> out) {
        Loop l = new Loop(loop, config);
        loops.put(loop, l);
        if (config.trains()) {
            retrain(l, config);
            if (l.learner != null && l.learner.learnedEvents() > 0) {
                tryExport(l, out);
            }
        }
        return l;
    }

    /** Replaces the loop's learner by a fresh one for {@code config}, trained from the last retrain days of the log. */
    private void retrain(Loop l, TrainConfig config) {
        l.config = config;
        DsJsonLearner fresh;
        try {
            fresh = DsJsonLearner.fresh(config.arguments);
        } catch (IllegalArgumentException e) {
            LOG.error("loop {}: the learner refuses the policy arguments '{}': {}; not trained until they change",
                    l.name, config.arguments, e.getMessage());
            l.learner = null;
            return;
        }
        long since = System.currentTimeMillis() - Duration.ofDays(config.retrainDays).toMillis();
        long started = System.nanoTime();
        Map<Integer, Long> ends = log.replayJoined(l.name, since, (partition, line) -> fresh.learn(line));
        l.learner = fresh;
        l.skipPartitions = new int[ends.size()];
        l.skipBelow = new long[ends.size()];
        int i = 0;
        for (Map.Entry<Integer, Long> e : ends.entrySet()) {
            l.skipPartitions[i] = e.getKey();
            l.skipBelow[i++] = e.getValue();
        }
        l.learnedSinceExport = fresh.learnedEvents() > 0;
        l.changedSinceSnapshot = true;
        l.restored = false;
        l.announcedEvents = -1;
        retrains.inc();
        learned.inc(fresh.learnedEvents());
        LOG.info("loop {}: trained a fresh model for '{}' from {} events of the last {} days in {} ms", l.name,
                config.arguments, fresh.learnedEvents(), config.retrainDays, (System.nanoTime() - started) / 1_000_000);
    }

    @Override
    public void processBroadcastElement(TrainConfig c, Context ctx, Collector<ModelAnnouncement> out) throws Exception {
        BroadcastState<String, TrainConfig> broadcast = ctx.getBroadcastState(CONFIGS);
        broadcast.put(c.loop, c);
        TrainConfig direct = readDirectly.get(c.loop);
        if (direct != null) {
            if (c.offset < direct.offset) {
                return; // older than what this subtask already applies (the stream is catching up)
            }
            readDirectly.remove(c.loop);
        }
        Loop l = loops.get(c.loop);
        if (l == null) {
            return; // not this subtask's loop, or no event yet: the first event sets it up
        }
        if (c.offset < l.config.offset) {
            return; // older than the configuration the loop already has (read directly before a restore)
        }
        if (!c.trains()) {
            if (l.learner != null) {
                LOG.info("loop {}: {} - its model is no longer trained", c.loop, c.learningMode);
            }
            l.learner = null;
            l.config = c;
            return;
        }
        if (l.learner == null || l.config.modelDiffersUnder(c)) {
            retrain(l, c);
            if (l.learner != null) {
                tryExport(l, out);
            }
        } else {
            l.config = c;
        }
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<ModelAnnouncement> out) {
        Loop l = loops.get(ctx.getCurrentKey());
        if (l == null) {
            return;
        }
        l.timerAt = 0;
        if (l.learner == null || !l.learnedSinceExport) {
            return;
        }
        long now = ctx.timerService().currentProcessingTime();
        if (tryExport(l, out)) {
            l.exportedAt = now;
        } else {
            long at = now + l.config.exportMillis;
            ctx.timerService().registerProcessingTimeTimer(at);
            l.timerAt = at;
        }
    }

    /**
     * Writes and announces the loop's model as a new version. False when it could not be written (logged,
     * counted), or when a restored model is still behind what the job before the restore announced.
     */
    private boolean tryExport(Loop l, Collector<ModelAnnouncement> out) {
        try {
            if (!l.versionsChecked) {
                LoopLog.Announced announced = log.announced(l.name);
                long inStore = store.highestVersion(l.name);
                l.lastVersion = Math.max(l.lastVersion, Math.max(inStore, announced.highestVersion()));
                Announcement last = announced.last();
                if (l.restored && last != null && last.origin() == Announcement.Origin.TRAINED
                        && last.arguments().equals(l.config.arguments)) {
                    l.announcedEvents = last.trainedEvents();
                }
                l.versionsChecked = true;
            }
            if (l.learner.learnedEvents() <= l.announcedEvents) {
                return false;
            }
            l.announcedEvents = -1;
            ModelStore.Stored stored = store.writeNext(l.name, l.lastVersion, l.learner::writeModel);
            l.lastVersion = stored.version();
            l.learnedSinceExport = false;
            Announcement a = new Announcement(Long.toString(stored.version()),
                    ModelStore.relativePath(l.name, stored.version()), stored.sha256(), Instant.now(),
                    l.learner.learnedEvents(), l.config.arguments, Announcement.Origin.TRAINED);
            out.collect(new ModelAnnouncement(l.name, a.key(), a.toJson()));
            exports.inc();
            return true;
        } catch (IOException | RuntimeException e) {
            exportFailures.inc();
            LOG.error("loop {}: could not export a model: {}", l.name, e.toString());
            return false;
        }
    }

    @Override
    public void snapshotState(FunctionSnapshotContext context) throws Exception {
        List<LoopCheckpoint> all = new ArrayList<>();
        for (Loop l : loops.values()) {
            if (l.learner == null) {
                continue;
            }
            if (l.changedSinceSnapshot || l.lastSnapshot == null) {
                l.lastSnapshot = l.learner.snapshot();
                l.changedSinceSnapshot = false;
            }
            LoopCheckpoint cp = new LoopCheckpoint();
            cp.loop = l.name;
            cp.config = l.config;
            cp.model = l.lastSnapshot;
            cp.lastVersion = l.lastVersion;
            cp.learnedSinceExport = l.learnedSinceExport;
            cp.skipPartitions = l.skipPartitions;
            cp.skipBelow = l.skipBelow;
            all.add(cp);
        }
        checkpointed.update(all);
    }
}
