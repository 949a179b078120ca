package io.warren.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.warren.api.config.Policy;
import io.warren.api.config.ServiceConfiguration;
import io.warren.core.driver.LearnerStack;
import io.warren.core.model.ModelFile;
import io.warren.core.model.ModelState;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * GET /model gives the served file, PUT /model imports one (refusing what is not a model), /model/properties
 * gives its times, DELETE /model goes back to no model.
 */
class ModelRoutesTest {
    private static final String RANK = "{\"contextFeatures\":[{\"u\":{\"m\":\"x\"}}],\"actions\":["
            + "{\"id\":\"a\",\"features\":[{\"k\":1}]},{\"id\":\"b\",\"features\":[{\"k\":2}]}]}";

    @TempDir
    Path data;

    private final HttpClient http = HttpClient.newHttpClient();

    private HttpResponse<byte[]> send(ApiServer server, String method, String path, String key, String body)
            throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(server.url() + path)).header("Ocp-Apim-Subscription-Key", key)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    @Test
    void theServedModelCanBeReadAndReset() throws Exception {
        Path model = data.resolve("first.wrn");
        LearnerStack stack = LearnerStack.build(Policy.DEFAULT.options());
        ModelState state = new ModelState();
        stack.save(state);
        ModelFile.write(model, Policy.DEFAULT.arguments(), state, stack.weights);
        ApiServer.Settings settings = new ApiServer.Settings("127.0.0.1", 0, data, "m", List.of(), Policy.DEFAULT, ServiceConfiguration.defaults(),
                model, "key", "admin", null, null, 0);
        try (ApiServer server = ApiServer.start(settings)) {
            assertThat(new String(send(server, "POST", "/personalizer/v1.0/rank", "key", RANK).body()))
                    .contains("rewardActionId");
            HttpResponse<byte[]> file = send(server, "GET", "/personalizer/v1.0/model", "admin", null);
            assertThat(file.statusCode()).isEqualTo(200);
            assertThat(file.headers().firstValue("content-type")).hasValue("application/octet-stream");
            assertThat(file.body()).isEqualTo(Files.readAllBytes(model));
            assertThat(new String(send(server, "GET", "/personalizer/v1.1-preview.3/model/properties", "admin", null)
                    .body())).contains("\"creationTime\":\"").contains("\"lastModifiedTime\":\"");
            assertThat(send(server, "GET", "/personalizer/v1.0/model", "key", null).statusCode()).isEqualTo(403);

            HttpResponse<byte[]> refused = http.send(HttpRequest.newBuilder(URI.create(server.url()
                    + "/personalizer/v1.0/model")).header("Ocp-Apim-Subscription-Key", "admin")
                    .PUT(HttpRequest.BodyPublishers.ofString("not a model")).build(), HttpResponse.BodyHandlers.ofByteArray());
            assertThat(refused.statusCode()).isEqualTo(400);
            assertThat(new String(refused.body())).contains("not a model this loop can serve");
            Policy slots = new Policy("slots", "--ccb_explore_adf --epsilon 0.1 -q ::");
            LearnerStack slotStack = LearnerStack.build(slots.options());
            ModelState slotState = new ModelState();
            slotStack.save(slotState);
            Path slotModel = data.resolve("slots.wrn");
            ModelFile.write(slotModel, slots.arguments(), slotState, slotStack.weights);
            HttpResponse<byte[]> otherKind = http.send(HttpRequest.newBuilder(URI.create(server.url()
                    + "/personalizer/v1.0/model")).header("Ocp-Apim-Subscription-Key", "admin")
                    .PUT(HttpRequest.BodyPublishers.ofByteArray(Files.readAllBytes(slotModel))).build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            assertThat(otherKind.statusCode()).isEqualTo(400);
            assertThat(new String(otherKind.body())).contains("the model fills slots");
            HttpResponse<byte[]> imported = http.send(HttpRequest.newBuilder(URI.create(server.url()
                    + "/personalizer/v1.0/model")).header("Ocp-Apim-Subscription-Key", "admin")
                    .PUT(HttpRequest.BodyPublishers.ofByteArray(Files.readAllBytes(model))).build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            assertThat(imported.statusCode()).isEqualTo(204);
            assertThat(new String(send(server, "POST", "/personalizer/v1.0/rank", "key", RANK).body()))
                    .contains("rewardActionId");

            assertThat(send(server, "DELETE", "/personalizer/v1.0/model", "admin", null).statusCode()).isEqualTo(204);
            assertThat(send(server, "GET", "/personalizer/v1.0/model", "admin", null).statusCode()).isEqualTo(404);
            assertThat(new String(send(server, "GET", "/personalizer/v1.0/model/properties", "admin", null).body()))
                    .isEqualTo("{}");
        }
        String decisions = Files.readString(SpoolFiles.segment(data.resolve("spool"), "warren.m.decisions", 0));
        assertThat(decisions).contains("\"VWState\":{\"m\":\"first.wrn\"}").contains("\"VWState\":{\"m\":\"imported-");
    }
}
