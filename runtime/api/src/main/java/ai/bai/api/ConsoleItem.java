package ai.bai.api;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * One console record of an execution result, on the wire as a two-element array {@code [type, data]}.
 * {@code data} is text for stdout/stderr/html, {@code [mime, data]} for media and a list for log records.
 */
@JsonFormat(shape = JsonFormat.Shape.ARRAY)
@JsonPropertyOrder({"type", "data"})
public record ConsoleItem(String type, Object data) {
    public static ConsoleItem stdout(String text) {
        return new ConsoleItem("stdout", text);
    }

    public static ConsoleItem stderr(String text) {
        return new ConsoleItem("stderr", text);
    }
}
