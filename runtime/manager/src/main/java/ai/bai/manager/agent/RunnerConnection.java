package ai.bai.manager.agent;

import ai.bai.api.Json;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;

/** One JSON-lines conversation with a session's kernel runner over its Unix socket. */
public final class RunnerConnection implements AutoCloseable {
    private final SocketChannel channel;
    private final BufferedReader reader;

    private RunnerConnection(SocketChannel channel) {
        this.channel = channel;
        this.reader = new BufferedReader(new InputStreamReader(Channels.newInputStream(channel),
                StandardCharsets.UTF_8));
    }

    public static RunnerConnection open(Path socket) throws IOException {
        SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX);
        try {
            ch.connect(UnixDomainSocketAddress.of(socket));
        } catch (IOException e) {
            ch.close();
            throw e;
        }
        return new RunnerConnection(ch);
    }

    public synchronized void send(Map<String, Object> message) throws IOException {
        ByteBuffer buf = ByteBuffer.wrap((Json.write(message) + "\n").getBytes(StandardCharsets.UTF_8));
        while (buf.hasRemaining()) {
            channel.write(buf);
        }
    }

    /** The next message, or null when the runner closed the connection. */
    public JsonNode receive() throws IOException {
        String line = reader.readLine();
        return line == null ? null : Json.tree(line);
    }

    /** The readiness check: true when the runner answers a ping. */
    public static boolean ping(Path socket) throws IOException {
        try (RunnerConnection c = open(socket)) {
            ByteBuffer buf = ByteBuffer.wrap("{\"op\": \"ping\"}\n".getBytes(StandardCharsets.UTF_8));
            while (buf.hasRemaining()) {
                c.channel.write(buf);
            }
            JsonNode reply = c.receive();
            return reply != null && "pong".equals(reply.path("t").asText());
        }
    }

    @Override
    public void close() {
        try {
            channel.close();
        } catch (IOException ignored) {
            // closing a socket whose peer is gone
        }
    }
}
