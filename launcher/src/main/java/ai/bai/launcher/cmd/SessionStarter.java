package ai.bai.launcher.cmd;

import ai.bai.client.BackendClient;
import ai.bai.client.SessionOptions;
import ai.bai.launcher.CliContext;
import ai.bai.launcher.Console;
import com.fasterxml.jackson.databind.JsonNode;

/** Creates (or reuses) a session and reports what happened the way the official client does. */
final class SessionStarter {
    private SessionStarter() {
    }

    /** Where creation ended. */
    record Started(String id, String name, String status, boolean created) {
        boolean isRunning() {
            return "RUNNING".equals(status);
        }
    }

    static Started create(CliContext ctx, SessionOptions options) {
        BackendClient client = ctx.client();
        JsonNode reply = client.createSession(options.toRequest(ctx.config()));
        Console console = ctx.console();
        if (reply.hasNonNull("x-bai-notice")) {
            console.notice(reply.get("x-bai-notice").asText());
        }
        Started s = new Started(reply.path("sessionId").asText(), reply.path("sessionName").asText(options.name()),
                reply.path("status").asText(), reply.path("created").asBoolean(true));
        switch (s.status()) {
            case "PENDING", "SCHEDULED" -> console.notice("Session ID " + s.name() + " is enqueued for scheduling.");
            case "TIMEOUT" -> console.notice("Session ID " + s.name() + " is still on the job queue.");
            case "RUNNING" -> { }
            default -> console.fail("Session ID " + s.name() + " has failed to start: " + s.status()
                    + (reply.hasNonNull("statusInfo") ? " (" + reply.get("statusInfo").asText() + ")" : ""));
        }
        return s;
    }
}
