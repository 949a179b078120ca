package io.warren.joiner;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.runtime.state.VoidNamespace;
import org.apache.flink.runtime.state.VoidNamespaceSerializer;
import org.apache.flink.runtime.state.heap.HeapKeyedStateBackend;
import org.apache.flink.streaming.api.operators.co.CoBroadcastWithKeyedOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedBroadcastOperatorTestHarness;

/**
 * A fluent harness scenario for {@link RewardJoinFunction}: records in (with their event time as the
 * record timestamp), watermarks, settings on the broadcast side, snapshot and restore into a fresh
 * operator; output is gathered across restores. Kryo is switched off, so a non-POJO in state fails.
 */
final class JoinScenario {
    private final Supplier<RewardJoinFunction> functions;
    private RewardJoinFunction function;
    private KeyedBroadcastOperatorTestHarness<String, JoinInput, LoopSettings, JoinedEvent> harness;
    private final List<StreamRecord<JoinedEvent>> joined = new ArrayList<>();
    private final List<StreamRecord<LateReward>> late = new ArrayList<>();
    private long checkpoint;

    private JoinScenario(Supplier<RewardJoinFunction> functions) throws Exception {
        this.functions = functions;
        launch(null);
    }

    static JoinScenario start() throws Exception {
        return new JoinScenario(RewardJoinFunction::new);
    }

    static JoinScenario start(Supplier<RewardJoinFunction> functions) throws Exception {
        return new JoinScenario(functions);
    }

    private void launch(OperatorSubtaskState restored) throws Exception {
        function = functions.get();
        harness = new KeyedBroadcastOperatorTestHarness<>(
                new CoBroadcastWithKeyedOperator<>(function, List.of(RewardJoinFunction.SETTINGS)),
                JoinKeySelector.INSTANCE, Types.STRING, 1, 1, 0);
        ((SerializerConfigImpl) harness.getExecutionConfig().getSerializerConfig()).setGenericTypes(false);
        harness.setup();
        if (restored != null) {
            harness.initializeState(restored);
        }
        harness.open();
        // The settings side never holds the watermark back (see RewardJoinFunction's Javadoc).
        harness.processBroadcastWatermark(Long.MAX_VALUE);
    }

    JoinScenario settings(LoopSettings settings) throws Exception {
        harness.processBroadcastElement(settings, 0L);
        return this;
    }

    JoinScenario decision(String json) throws Exception {
        return input(Records.decision(json));
    }

    JoinScenario reward(String json) throws Exception {
        return input(Records.rewardInput(json));
    }

    JoinScenario input(JoinInput in) throws Exception {
        harness.processElement(in, in.timestampMillis);
        return this;
    }

    JoinScenario watermark(long time) throws Exception {
        harness.processWatermark(time);
        return this;
    }

    /** Rewrites an open event's state into the oldest layout: its decision's text a string inside it. */
    JoinScenario storeTextAsString(String loopAndEventId) throws Exception {
        var event = state(loopAndEventId, RewardJoinFunction.STATE);
        JoinState s = event.value();
        s.decision.json = new String(s.decision.utf8, StandardCharsets.UTF_8);
        s.decision.utf8 = null;
        event.update(s);
        return this;
    }

    /**
     * Rewrites an open event's state into the layout of 2026-12-01/02: its decision's text apart, in
     * {@link RewardJoinFunction#TEXT}.
     */
    JoinScenario storeTextApart(String loopAndEventId) throws Exception {
        var event = state(loopAndEventId, RewardJoinFunction.STATE);
        JoinState s = event.value();
        state(loopAndEventId, RewardJoinFunction.TEXT).update(s.decision.utf8);
        s.decision.utf8 = null;
        event.update(s);
        return this;
    }

    private <T> ValueState<T> state(String key, ValueStateDescriptor<T> descriptor) throws Exception {
        var backend = harness.getOperator().getKeyedStateBackend();
        backend.setCurrentKey(key);
        return backend.getPartitionedState(VoidNamespace.INSTANCE, VoidNamespaceSerializer.INSTANCE, descriptor);
    }

    /** Snapshots the operator, closes it and restores the snapshot into a fresh function and operator. */
    JoinScenario restore() throws Exception {
        OperatorSubtaskState snapshot = harness.snapshot(++checkpoint, checkpoint);
        drain();
        harness.close();
        launch(snapshot);
        return this;
    }

    /** Joined events so far with their record timestamps, in order. */
    List<StreamRecord<JoinedEvent>> joined() {
        drain();
        return joined;
    }

    List<LateReward> late() {
        drain();
        return late.stream().map(StreamRecord::getValue).toList();
    }

    RewardJoinFunction function() {
        return function;
    }

    /** Keyed state entries (events with state); broadcast settings are not counted. */
    int stateEntries() {
        return ((HeapKeyedStateBackend<?>) harness.getOperator().getKeyedStateBackend()).numKeyValueStateEntries();
    }

    int timers() {
        return harness.numEventTimeTimers();
    }

    @SuppressWarnings("unchecked")
    private void drain() {
        for (Object o : harness.getOutput()) {
            if (o instanceof StreamRecord<?> r) {
                joined.add((StreamRecord<JoinedEvent>) r);
            }
        }
        harness.getOutput().clear();
        var side = harness.getSideOutput(RewardJoinFunction.LATE);
        if (side != null) {
            late.addAll(side);
            side.clear();
        }
    }

    void close() throws Exception {
        harness.close();
    }
}
