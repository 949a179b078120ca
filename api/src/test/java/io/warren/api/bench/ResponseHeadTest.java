package io.warren.api.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ResponseHeadTest {
    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    @Test
    void readsStatusAndLengthOfACompleteHead() {
        byte[] response = bytes("HTTP/1.1 201 Created\r\ncontent-type: application/json\r\nCONTENT-Length:  17\r\n\r\n{\"eventId\":\"e1\"}");
        int end = ResponseHead.end(response, response.length);
        assertThat(new String(response, end, response.length - end, StandardCharsets.US_ASCII)).startsWith("{\"eventId\"");
        assertThat(ResponseHead.status(response)).isEqualTo(201);
        assertThat(ResponseHead.contentLength(response, end)).isEqualTo(17);
    }

    @Test
    void aHeadNotYetWholeHasNoEndAndAHeadWithoutLengthHasNone() {
        byte[] partial = bytes("HTTP/1.1 400 Bad Request\r\ncontent-length: 5\r\n\r");
        assertThat(ResponseHead.end(partial, partial.length)).isEqualTo(-1);
        byte[] chunked = bytes("HTTP/1.1 200 OK\r\ntransfer-encoding: chunked\r\n\r\n");
        assertThat(ResponseHead.contentLength(chunked, ResponseHead.end(chunked, chunked.length))).isEqualTo(-1);
        assertThat(ResponseHead.status(chunked)).isEqualTo(200);
    }
}
