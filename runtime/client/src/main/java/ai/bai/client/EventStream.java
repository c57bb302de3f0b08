package ai.bai.client;

import ai.bai.api.Json;
import ai.bai.api.LifecycleEvent;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.sse.EventSource;
import okhttp3.sse.EventSourceListener;
import okhttp3.sse.EventSources;

/**
 * Follows {@code GET /events/session}. When the connection drops it reconnects with the last event id it saw,
 * so no event is missed; it stops when closed or when the listener returns false.
 */
public final class EventStream implements AutoCloseable {
    private static final long RETRY_MILLIS = 1000;

    /** Receives events; returning false ends the stream. */
    public interface Listener {
        boolean onEvent(LifecycleEvent event);

        /** A failure that ends the stream (e.g. the session does not exist). */
        default void onError(RuntimeException error) {
        }
    }

    private final OkHttpClient http;
    private final HttpUrl url;
    private final Listener listener;
    private final AtomicLong lastId = new AtomicLong(-1);
    private volatile EventSource source;
    private volatile boolean closed;
    private final java.util.concurrent.CountDownLatch done = new java.util.concurrent.CountDownLatch(1);

    private EventStream(OkHttpClient http, HttpUrl url, Listener listener) {
        this.http = http;
        this.url = url;
        this.listener = listener;
    }

    static EventStream open(OkHttpClient http, HttpUrl url, Listener listener) {
        EventStream s = new EventStream(http, url, listener);
        s.connect();
        return s;
    }

    /** Blocks until the stream ends. */
    public void await() throws InterruptedException {
        done.await();
    }

    @Override
    public void close() {
        closed = true;
        EventSource s = source;
        if (s != null) {
            s.cancel();
        }
        done.countDown();
    }

    private void connect() {
        Request.Builder request = new Request.Builder().url(url).header("Accept", "text/event-stream");
        if (lastId.get() >= 0) {
            request.header("Last-Event-ID", Long.toString(lastId.get()));
        }
        source = EventSources.createFactory(http.newBuilder().readTimeout(java.time.Duration.ZERO).build())
                .newEventSource(request.build(), new EventSourceListener() {
                    @Override
                    public void onEvent(EventSource es, String id, String type, String data) {
                        deliver(id, type, data);
                    }

                    @Override
                    public void onClosed(EventSource es) {
                        reconnect();
                    }

                    @Override
                    public void onFailure(EventSource es, Throwable t, Response response) {
                        if (response != null && response.code() >= 400) {
                            fail(response);
                        } else {
                            reconnect();
                        }
                    }
                });
    }

    @SuppressWarnings("unchecked")
    private void deliver(String id, String type, String data) {
        if (closed || type == null || "server_close".equals(type)) {
            return;
        }
        long eventId = id == null ? 0 : Long.parseLong(id);
        lastId.set(eventId);
        LifecycleEvent event = LifecycleEvent.from(eventId, type, Json.read(data, Map.class));
        if (!listener.onEvent(event)) {
            close();
        }
    }

    private void fail(Response response) {
        try {
            String body = response.body() == null ? "" : response.body().string();
            listener.onError(new BackendException(response.code(), Json.read(body, ai.bai.api.Problem.class)));
        } catch (Exception e) {
            listener.onError(new BackendException(response.code(), null));
        }
        close();
    }

    private void reconnect() {
        if (closed) {
            return;
        }
        Thread.ofVirtual().start(() -> {
            try {
                Thread.sleep(RETRY_MILLIS);
            } catch (InterruptedException e) {
                return;
            }
            if (!closed) {
                connect();
            }
        });
    }
}
