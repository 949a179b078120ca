package io.warren.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.warren.api.config.Policy;
import io.warren.api.config.ServiceConfiguration;
import io.warren.core.loop.Topics;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Personalizer's own npm SDKs, unchanged, against a running Warren over real HTTP: the v1.0 client
 * ({@code @azure/cognitiveservices-personalizer} 2.0.1) and the v1.1-preview.3 REST client
 * ({@code @azure-rest/ai-personalizer} 1.0.0-beta.1). {@code src/test/node/sdk-check.js} prints what the
 * SDKs parsed; this test checks it, and that every accepted event reached the spool.
 */
class PersonalizerSdkTest {
    private static final Path NODE_DIR = Path.of("src/test/node");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String KEY = "sdk-test-key";
    private static final String ADMIN_KEY = "sdk-admin-key";

    @TempDir
    static Path data;

    private static ApiServer server;
    private static Map<String, JsonNode> steps;

    @BeforeAll
    static void runTheSdks() throws Exception {
        if (!Files.isDirectory(NODE_DIR.resolve("node_modules"))) {
            run(List.of("npm", "ci", "--no-audit", "--no-fund"), 300);
        }
        // A second loop for the log steps: deleting the logs would empty the spool the other tests read.
        server = ApiServer.start(new ApiServer.Settings("127.0.0.1", 0, data, "sdk", List.of("sdk-logs"), Policy.DEFAULT,
                ServiceConfiguration.defaults(), null, KEY, ADMIN_KEY, null, null, ApiServer.Settings.DEFAULT_RATE_LIMIT));
        Path logsLoop = data.resolve("loops").resolve("sdk-logs");
        String out = run(List.of("node", "sdk-check.js", server.url(), KEY, ADMIN_KEY,
                Files.readString(logsLoop.resolve("key")).strip(), Files.readString(logsLoop.resolve("admin-key")).strip()), 120);
        steps = new HashMap<>();
        for (String line : out.split("\n")) {
            if (line.startsWith("{")) {
                JsonNode step = JSON.readTree(line);
                steps.put(step.get("step").asText(), step);
            }
        }
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    private static String run(List<String> command, int seconds) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).directory(NODE_DIR.toFile()).redirectErrorStream(true).start();
        byte[] output = process.getInputStream().readAllBytes();
        assertThat(process.waitFor(seconds, TimeUnit.SECONDS)).as("%s finished", command).isTrue();
        String text = new String(output, StandardCharsets.UTF_8);
        assertThat(process.exitValue()).as("%s exited with: %s", command, text).isZero();
        return text;
    }

    private static void assertIsRanking(JsonNode ranking, List<String> ids, String rewardActionId) {
        assertThat(ranking).hasSize(ids.size());
        double sum = 0;
        for (JsonNode action : ranking) {
            assertThat(ids).contains(action.get("id").asText());
            sum += action.get("probability").asDouble();
        }
        assertThat(sum).isCloseTo(1.0, within(1e-6));
        assertThat(ranking.get(0).get("id").asText()).isEqualTo(rewardActionId);
    }

    @Test
    void v10ClientRanksRewardsAndActivates() {
        JsonNode rank = steps.get("v1.0 rank");
        assertThat(rank.get("status").asInt()).isEqualTo(201);
        assertThat(rank.get("eventId").asText()).isEqualTo("sdk-v10-1");
        assertIsRanking(rank.get("ranking"), List.of("pasta", "ice cream"), rank.get("rewardActionId").asText());
        JsonNode generated = steps.get("v1.0 rank without eventId");
        assertThat(generated.get("eventId").asText()).matches("[0-9a-f]{32}");
        assertThat(generated.get("size").asInt()).isEqualTo(3);
        assertThat(steps.get("v1.0 reward").get("status").asInt()).isEqualTo(204);
        assertThat(steps.get("v1.0 activate").get("status").asInt()).isEqualTo(204);
    }

    @Test
    void v10ClientSurfacesWarrensErrorsAsItsTypedErrors() {
        JsonNode duplicate = steps.get("v1.0 duplicate ids");
        assertThat(duplicate.get("thrown").asBoolean()).isTrue();
        assertThat(duplicate.get("statusCode").asInt()).isEqualTo(400);
        assertThat(duplicate.get("code").asText()).isEqualTo("BadRequest");
        assertThat(duplicate.get("message").asText()).contains("'pasta' appears more than once");
        JsonNode outOfRange = steps.get("v1.0 reward out of range");
        assertThat(outOfRange.get("statusCode").asInt()).isEqualTo(400);
        assertThat(outOfRange.get("code").asText()).isEqualTo("BadRequest");
        JsonNode unknownEvent = steps.get("v1.0 reward unknown event");
        assertThat(unknownEvent.get("thrown").asBoolean()).isTrue();
        assertThat(unknownEvent.get("statusCode").asInt()).isEqualTo(404);
        assertThat(unknownEvent.get("code").asText()).isEqualTo("ResourceNotFound");
    }

    @Test
    void v11RestClientRanksRewardsActivatesAndReadsErrors() {
        JsonNode rank = steps.get("v1.1 rank");
        assertThat(rank.get("status").asText()).isEqualTo("201");
        assertThat(rank.get("eventId").asText()).isEqualTo("sdk-v11-1");
        assertIsRanking(rank.get("ranking"), List.of("pasta", "ice cream", "juice"), rank.get("rewardActionId").asText());
        assertThat(steps.get("v1.1 reward").get("status").asText()).isEqualTo("204");
        assertThat(steps.get("v1.1 activate").get("status").asText()).isEqualTo("204");
        JsonNode bad = steps.get("v1.1 no actions");
        assertThat(bad.get("status").asText()).isEqualTo("400");
        assertThat(bad.get("code").asText()).isEqualTo("BadRequest");
        assertThat(bad.get("message").asText()).contains("at least one action");
    }

    @Test
    void v11RestClientReadsAndChangesTheConfigurationWithTheAdminKey() {
        JsonNode service = steps.get("v1.1 get service");
        assertThat(service.get("status").asText()).isEqualTo("200");
        assertThat(service.get("body").get("rewardWaitTime").asText()).isEqualTo("PT10M");
        assertThat(service.get("body").get("learningMode").asText()).isEqualTo("Online");
        JsonNode updated = steps.get("v1.1 put service");
        assertThat(updated.get("status").asText()).isEqualTo("200");
        assertThat(updated.get("body").get("rewardWaitTime").asText()).isEqualTo("PT3S");
        assertThat(updated.get("body").get("rewardAggregation").asText()).isEqualTo("sum");
        assertThat(updated.get("body").get("lastConfigurationEditDate").asText()).endsWith("Z");
        JsonNode refused = steps.get("v1.1 put bad service");
        assertThat(refused.get("status").asText()).isEqualTo("400");
        assertThat(refused.get("code").asText()).isEqualTo("InvalidServiceConfiguration");
        assertThat(refused.get("message").asText()).contains("explorationPercentage");
        JsonNode policy = steps.get("v1.1 put policy");
        assertThat(policy.get("status").asText()).isEqualTo("200");
        assertThat(policy.get("body").get("arguments").asText()).isEqualTo("--cb_explore_adf --epsilon 0.05 -q ::");
        assertThat(steps.get("v1.1 put bad policy").get("code").asText()).isEqualTo("InvalidPolicyConfiguration");
        JsonNode reset = steps.get("v1.1 reset policy");
        assertThat(reset.get("body").get("arguments").asText()).isEqualTo(Policy.DEFAULT.arguments());
        JsonNode forbidden = steps.get("v1.1 service with the product key");
        assertThat(forbidden.get("status").asText()).isEqualTo("403");
        assertThat(forbidden.get("code").asText()).isEqualTo("Forbidden");
    }

    @Test
    void v11RestClientFillsSlotsAndRewardsThemWithAMultiSlotPolicy() {
        JsonNode refused = steps.get("v1.1 multislot on a single-slot policy");
        assertThat(refused.get("status").asText()).isEqualTo("400");
        assertThat(refused.get("message").asText()).contains("--ccb_explore_adf");
        JsonNode rank = steps.get("v1.1 multislot rank");
        assertThat(rank.get("status").asText()).isEqualTo("201");
        assertThat(rank.get("eventId").asText()).isEqualTo("sdk-slots-1");
        JsonNode slots = rank.get("slots");
        assertThat(slots).hasSize(2);
        assertThat(slots.get(0).get("id").asText()).isEqualTo("main");
        assertThat(slots.get(1).get("id").asText()).isEqualTo("side");
        String main = slots.get(0).get("rewardActionId").asText();
        String side = slots.get(1).get("rewardActionId").asText();
        assertThat(main).isIn("pasta", "ice cream", "juice");
        assertThat(side).isIn("ice cream", "juice").isNotEqualTo(main);
        assertThat(steps.get("v1.1 multislot reward").get("status").asText()).isEqualTo("204");
        assertThat(steps.get("v1.1 multislot activate").get("status").asText()).isEqualTo("204");
        JsonNode shared = steps.get("v1.1 multislot shared baseline");
        assertThat(shared.get("status").asText()).isEqualTo("400");
        assertThat(shared.get("message").asText()).contains("already another slot's baseline");
        JsonNode single = steps.get("v1.1 rank on a multi-slot policy");
        assertThat(single.get("status").asText()).isEqualTo("400");
        assertThat(single.get("message").asText()).contains("/multislot/rank");
    }

    @Test
    void v11RestClientReadsAndDeletesTheLogs() {
        JsonNode properties = steps.get("v1.1 logs properties");
        assertThat(properties.get("status").asText()).isEqualTo("200");
        assertThat(java.time.Instant.parse(properties.get("from").asText()))
                .isBeforeOrEqualTo(java.time.Instant.parse(properties.get("to").asText()));
        JsonNode deleted = steps.get("v1.1 delete logs without kafka");
        assertThat(deleted.get("status").asText()).isEqualTo("204");
        assertThat(deleted.get("after").asText()).isEqualTo("200");
        assertThat(deleted.get("empty").asBoolean()).as("no date range after the deletion").isTrue();
    }

    @Test
    void healthAndPrometheusMetricsNeedNoKey() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        assertThat(get(http, "/health/live").statusCode()).isEqualTo(200);
        assertThat(get(http, "/health/ready").body()).isEqualTo("{\"status\":\"UP\"}");
        HttpResponse<String> metrics = get(http, "/metrics");
        assertThat(metrics.headers().firstValue("content-type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/plain"));
        assertThat(metrics.body())
                .containsPattern("warren_http_requests_seconds_count\\{route=\"rank\",status=\"201\"} [3-9]")
                .containsPattern("warren_http_requests_seconds_count\\{route=\"rank\",status=\"401\"} [1-9]")
                .containsPattern("warren_http_requests_seconds_count\\{route=\"reward\",status=\"204\"} [2-9]")
                .contains("warren_spool_unsent_bytes")
                .contains("warren_model_age_seconds{loop=\"sdk\"");
    }

    private static HttpResponse<String> get(HttpClient http, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(server.url() + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void aWrongKeyIsRefusedWith401InBothClients() {
        JsonNode v10 = steps.get("v1.0 wrong key");
        assertThat(v10.get("thrown").asBoolean()).isTrue();
        assertThat(v10.get("statusCode").asInt()).isEqualTo(401);
        assertThat(v10.get("code").asText()).isEqualTo("Unauthorized");
        JsonNode v11 = steps.get("v1.1 wrong key");
        assertThat(v11.get("status").asText()).isEqualTo("401");
        assertThat(v11.get("message").asText()).contains("Ocp-Apim-Subscription-Key").doesNotContain(KEY);
    }

    @Test
    void everyAcceptedEventIsInTheSpoolWhenItsAnswerArrives() throws IOException {
        Path spool = data.resolve("spool");
        List<SpoolRecord> decisions = records(SpoolFiles.segment(spool, Topics.decisions("sdk"), 0));
        List<SpoolRecord> rewards = records(SpoolFiles.segment(spool, Topics.rewards("sdk"), 0));
        assertThat(decisions).hasSize(4);
        assertThat(decisions).anySatisfy(d -> {
            assertThat(d.key()).isEqualTo("sdk-v10-1");
            assertThat(d.value()).startsWith("{\"EventId\":\"sdk-v10-1\"");
        });
        assertThat(decisions).extracting(SpoolRecord::key).contains("sdk-v11-1");
        List<String> v10Kinds = rewards.stream().filter(r -> r.key().equals("sdk-v10-1"))
                .map(r -> r.value().replaceAll(".*\"kind\":\"(\\w+)\".*", "$1")).toList();
        assertThat(v10Kinds).containsExactly("reward", "activate");
        assertThat(rewards).anySatisfy(r -> assertThat(r.value()).contains("\"EventId\":\"sdk-v11-1\"")
                .contains("\"value\":-0.5"));
        assertThat(decisions).anySatisfy(d -> assertThat(d.value()).startsWith("{\"EventId\":\"sdk-slots-1\"")
                .contains("\"_slots\":[{\"_id\":\"main\",\"sj\":[{\"size\":\"large\"}]},{\"_id\":\"side\",\"_inc\":[1,2]")
                .contains("\"_outcomes\":[{\"_id\":\"main\",\"_a\":[").contains("\"DeferredAction\":true"));
        assertThat(rewards).filteredOn(r -> r.key().equals("sdk-slots-1")).extracting(SpoolRecord::value)
                .anySatisfy(v -> assertThat(v).contains("\"value\":1.0,\"slotId\":\"main\""))
                .anySatisfy(v -> assertThat(v).contains("\"value\":0.25,\"slotId\":\"side\""))
                .anySatisfy(v -> assertThat(v).contains("\"kind\":\"activate\"").doesNotContain("slotId"));
        // The refused requests (duplicate ids, reward 7, no actions, wrong keys, bad slots) left nothing behind.
        assertThat(rewards).hasSize(7);
    }

    @Test
    void everyConfigurationChangeGoesToTheConfigTopicForTheJobs() throws IOException {
        List<SpoolRecord> configs = records(SpoolFiles.segment(data.resolve("spool"),
                Topics.config("sdk"), 0));
        assertThat(configs).extracting(SpoolRecord::key).containsOnly("sdk");
        // At start, then the accepted service change and the policy changes (put, reset, put slots, reset).
        assertThat(configs).hasSize(6);
        JsonNode afterServiceChange = JSON.readTree(configs.get(1).value());
        assertThat(afterServiceChange.get("loop").asText()).isEqualTo("sdk");
        assertThat(afterServiceChange.get("service").get("rewardWaitTime").asText()).isEqualTo("PT3S");
        assertThat(JSON.readTree(configs.get(4).value()).get("policy").get("arguments").asText())
                .startsWith("--ccb_explore_adf");
        assertThat(JSON.readTree(configs.get(5).value()).get("policy").get("arguments").asText())
                .isEqualTo(Policy.DEFAULT.arguments());
    }

    private static List<SpoolRecord> records(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        List<SpoolRecord> out = new java.util.ArrayList<>();
        int start = 0;
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == '\n') {
                SpoolRecord record = SpoolRecord.parse(bytes, start, i);
                assertThat(record).as("line at byte %d of %s", start, file).isNotNull();
                out.add(record);
                start = i + 1;
            }
        }
        return out;
    }
}
