package dev.stophack.query.output;

import com.fasterxml.jackson.databind.ObjectMapper;

/** The one JSON writer of the query output. */
final class Json {
    static final ObjectMapper MAPPER = new ObjectMapper();

    private Json() {
    }
}
