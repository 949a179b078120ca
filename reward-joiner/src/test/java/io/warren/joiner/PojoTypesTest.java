package io.warren.joiner;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.ExecutionConfig;
import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.CompositeType;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.java.typeutils.GenericTypeInfo;
import org.apache.flink.api.java.typeutils.PojoTypeInfo;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** Every type the join keeps in state or sends between operators is a Flink POJO with no Kryo inside. */
class PojoTypesTest {
    @ParameterizedTest
    @ValueSource(classes = {JoinInput.class, LoopSettings.class, JoinState.class, Decision.class, Outcome.class,
            JoinedEvent.class, LateReward.class})
    void isAPojoWithoutGenericFields(Class<?> type) {
        TypeInformation<?> info = TypeInformation.of(type);
        assertThat(info).isInstanceOf(PojoTypeInfo.class);
        assertThat(genericParts(info)).isEmpty();
    }

    @Test
    void stateRoundTripsThroughItsSerializerWithGenericTypesDisabled() throws Exception {
        SerializerConfigImpl config = new SerializerConfigImpl();
        config.setGenericTypes(false);
        TypeSerializer<JoinState> serializer = TypeInformation.of(JoinState.class).createSerializer(config);
        JoinState s = JoinState.early(JoinInput.of("warren.demo.rewards", "e1",
                "{\"EventId\":\"e1\",\"Timestamp\":\"2026-12-01T19:40:30.123Z\",\"kind\":\"reward\",\"value\":0.5}"));
        s.outcomes.add(Outcome.of(JoinInput.of("warren.demo.rewards", "e1",
                "{\"EventId\":\"e1\",\"Timestamp\":\"2026-12-01T19:40:30.123Z\",\"kind\":\"reward\",\"value\":0.5,"
                        + "\"slotId\":\"s1\"}")));
        s.open(Decision.parse(Records.multiSlotDecision("e1", "2026-12-01T19:40:30.123Z", false)), 42L,
                LoopSettings.defaults("demo"));
        DataOutputSerializer out = new DataOutputSerializer(256);
        serializer.serialize(s, out);
        JoinState back = serializer.deserialize(new DataInputDeserializer(out.getSharedBuffer(), 0, out.length()));
        assertThat(back).usingRecursiveComparison().isEqualTo(s);
        assertThat(back.outcomes).isInstanceOf(ArrayList.class);
    }

    private static List<TypeInformation<?>> genericParts(TypeInformation<?> info) {
        List<TypeInformation<?>> found = new ArrayList<>();
        collect(info, found, new ArrayList<>());
        return found;
    }

    private static void collect(TypeInformation<?> info, List<TypeInformation<?>> found, List<Class<?>> seen) {
        if (info instanceof GenericTypeInfo<?>) {
            found.add(info);
            return;
        }
        if (seen.contains(info.getTypeClass())) {
            return;
        }
        seen.add(info.getTypeClass());
        if (info instanceof CompositeType<?> composite) {
            for (int i = 0; i < composite.getArity(); i++) {
                collect(composite.getTypeAt(i), found, seen);
            }
        }
        info.getGenericParameters().values().forEach(t -> collect(t, found, seen));
        if (info instanceof org.apache.flink.api.java.typeutils.ListTypeInfo<?> list) {
            collect(list.getElementTypeInfo(), found, seen);
        }
        if (info instanceof org.apache.flink.api.common.typeinfo.BasicArrayTypeInfo<?, ?> array) {
            collect(array.getComponentInfo(), found, seen);
        }
        if (info instanceof org.apache.flink.api.java.typeutils.ObjectArrayTypeInfo<?, ?> array) {
            collect(array.getComponentInfo(), found, seen);
        }
    }
}
