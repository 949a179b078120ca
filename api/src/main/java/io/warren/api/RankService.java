package io.warren.api;

import io.warren.core.rank.DecisionJson;
import io.warren.core.rank.MultiSlotRequest;
import io.warren.core.rank.RankRequest;
import io.warren.core.rank.RankRequestException;
import io.warren.core.rank.Ranker;
import io.warren.core.rank.Ranking;
import io.warren.core.rank.SlotRanker;
import io.warren.core.rank.SlotRanking;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * One loop's rank endpoint, whatever the HTTP server: request body in, Personalizer's response and the
 * decision to log out. In the Apprentice and LoggingOnly modes the baseline action (the first rankable one)
 * is answered and logged as chosen with probability 1, and how often the model agrees with it is counted.
 * Requests borrow rankers from the pool of the model being served ({@link RankerPool}).
 */
public final class RankService {
    /** The answer to a rank request, and the decision line (UTF-8) to log before answering (null for errors). */
    public record Outcome(ApiResponse response, String eventId, byte[] decision) {}

    private static final byte[] HEX_DIGITS = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

    private final String loop;
    private final Clock clock;
    private final int capacity;
    private final LongAdder apprenticeDecisions = new LongAdder();
    private final LongAdder apprenticeAgreements = new LongAdder();
    /** The model file served (null before any), its version and since when. */
    public record ServedModel(Path file, String version, Instant since) {}

    /** The rankers of the model being served; replaced whole when another model is served. */
    private volatile RankerPool pool;
    private volatile ServedModel served;
    private final Supplier<Ranker> untrained;

    /**
     * @param untrained rankers for before any model (or after a reset): the loop's policy, drawing uniformly
     * @param model     the model to serve from the start, or null
     */
    public RankService(String loop, Supplier<Ranker> untrained, ServedModel model, Supplier<Ranker> modelRankers,
                       int rankers, Clock clock) {
        this.loop = loop;
        this.capacity = rankers;
        this.clock = clock;
        this.untrained = untrained;
        this.pool = new RankerPool(model == null ? untrained : modelRankers, rankers);
        this.served = model == null ? new ServedModel(null, "", Instant.now(clock)) : model;
    }

    public RankService(String loop, Supplier<Ranker> rankers, int capacity, Clock clock) {
        this(loop, rankers, null, null, capacity, clock);
    }

    /**
     * Serves another model from the next request on. Requests under way finish with the rankers they
     * borrowed, which then go back to the old pool and are dropped with it: no request fails or waits.
     */
    public void serve(ServedModel model, Supplier<Ranker> newRanker) {
        pool = new RankerPool(newRanker, capacity);
        served = model;
    }

    /** Back to no model: actions drawn uniformly until the next one is served (Personalizer's model reset). */
    public void reset() {
        serve(new ServedModel(null, "", Instant.now(clock)), untrained);
    }

    public ServedModel served() {
        return served;
    }

    public Outcome rank(byte[] body, String learningMode) {
        RankRequest request;
        try {
            request = RankJson.parse(body);
        } catch (RankRequestException e) {
            return badRequest(e);
        }
        String eventId = request.eventId() != null ? request.eventId() : newEventId();
        Ranking ranking;
        try {
            ranking = withRanker(ranker -> ranker.rank(request, eventId, loop));
        } catch (RankRequestException e) {
            return badRequest(e);
        }
        if (!learningMode.equals("Online")) {
            if (!ranking.modelVersion().isEmpty()) {
                countAgreement(ranking.favoursBaseline());
            }
            ranking = ranking.withBaselineChosen();
        }
        String timestamp = EventTime.now(clock);
        byte[] decision = DecisionJson.decision(ranking, request, timestamp, learningMode, loop);
        return new Outcome(ApiResponse.json(201, RankJson.response(ranking, request)), eventId, decision);
    }

    /**
     * A multi-slot rank: the loop's policy must fill slots. In the Apprentice and LoggingOnly modes each
     * slot's baseline is answered and logged, and agreement is counted per slot.
     */
    public Outcome rankSlots(byte[] body, String learningMode) {
        MultiSlotRequest request;
        try {
            request = RankJson.parseMultiSlot(body);
        } catch (RankRequestException e) {
            return badRequest(e);
        }
        String eventId = request.eventId() != null ? request.eventId() : newEventId();
        SlotRanking ranking;
        try {
            ranking = withRanker(ranker -> ranker.rankSlots(request, eventId, loop));
        } catch (RankRequestException e) {
            return badRequest(e);
        }
        if (!learningMode.equals("Online")) {
            if (!ranking.modelVersion().isEmpty()) {
                for (int s = 0; s < ranking.baselines().length; s++) {
                    countAgreement(ranking.favours(s, ranking.baselines()[s]));
                }
            }
            ranking = SlotRanker.baselinesChosen(ranking);
        }
        byte[] decision = DecisionJson.multiSlotDecision(ranking, request, EventTime.now(clock), learningMode, loop);
        return new Outcome(ApiResponse.json(201, RankJson.multiSlotResponse(ranking, request)), eventId, decision);
    }

    /** Runs {@code decide} with a ranker borrowed from the served model's pool, given back after. */
    private <T> T withRanker(Function<Ranker, T> decide) {
        RankerPool rankers = pool;
        Ranker ranker = rankers.borrow();
        try {
            return decide.apply(ranker);
        } finally {
            rankers.giveBack(ranker);
        }
    }

    /**
     * A random version-4 UUID as 32 hex digits, the form Personalizer generated. From the thread's
     * generator, not {@code UUID.randomUUID()}: that one reads the system's secure source, a lock and
     * often a system call per id, and an event id is an identity, not a secret (keys guard the API).
     */
    private static String newEventId() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        long high = (random.nextLong() & ~0xf000L) | 0x4000L;
        long low = (random.nextLong() & ~(0xcL << 60)) | (0x8L << 60);
        byte[] hex = new byte[32];
        for (int i = 0; i < 16; i++) {
            hex[i] = HEX_DIGITS[(int) (high >>> (60 - 4 * i)) & 0xf];
            hex[16 + i] = HEX_DIGITS[(int) (low >>> (60 - 4 * i)) & 0xf];
        }
        return new String(hex, StandardCharsets.ISO_8859_1);
    }

    private void countAgreement(boolean agrees) {
        apprenticeDecisions.increment();
        if (agrees) {
            apprenticeAgreements.increment();
        }
    }

    /**
     * Of the decisions a model made while the loop imitated or only logged (the baseline was answered),
     * the share where the model favoured the baseline too; NaN before any.
     */
    public double baselineAgreement() {
        long decisions = apprenticeDecisions.sum();
        return decisions == 0 ? Double.NaN : (double) apprenticeAgreements.sum() / decisions;
    }

    private static Outcome badRequest(RankRequestException e) {
        return new Outcome(ApiResponse.error(400, "BadRequest", e.getMessage()), null, null);
    }

}
