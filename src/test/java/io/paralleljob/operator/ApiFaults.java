package io.paralleljob.operator;

import io.fabric8.mockwebserver.DefaultMockServer;
import io.fabric8.mockwebserver.MockWebServer;
import io.fabric8.mockwebserver.http.Dispatcher;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import io.quarkus.test.kubernetes.client.KubernetesServer;
import java.lang.reflect.Field;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Faults for the mock API server, in front of its own dispatcher (expectations, then CRUD): the
 * next N requests that match a verb, a path and optionally a body get an error answer. A fault
 * either refuses the request (nothing is stored, as a quota, a 429 or an etcd timeout before the
 * write) or loses the answer (the write is stored, then the client is told it failed, as when a
 * connection drops after etcd committed). Unlike {@code server.expect()}, a fault can see the body
 * and can let the write through, which is what the interesting faults need.
 */
final class ApiFaults extends Dispatcher implements AutoCloseable {
    private final MockWebServer web;
    private final Dispatcher delegate;
    private final List<FaultRule> rules = new CopyOnWriteArrayList<>();
    /** User-Agents of the clients a fault has killed. */
    private final java.util.Set<String> dead = java.util.concurrent.ConcurrentHashMap.newKeySet();

    private ApiFaults(MockWebServer web, Dispatcher delegate) {
        this.web = web;
        this.delegate = delegate;
    }

    /** Puts the faults in front of the server's dispatcher; closing puts it back. */
    static ApiFaults install(KubernetesServer server) {
        try {
            MockWebServer web = (MockWebServer) field(DefaultMockServer.class, "server").get(server.getKubernetesMockServer());
            Dispatcher current = (Dispatcher) field(MockWebServer.class, "dispatcher").get(web);
            ApiFaults faults = new ApiFaults(web, current);
            web.setDispatcher(faults);
            return faults;
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("the mock server's dispatcher cannot be reached", e);
        }
    }

    /** The next {@code times} matching requests are refused with {@code code}; nothing is stored. */
    FaultRule refuse(String method, String path, int code, int times) {
        return add(new FaultRule(method, path, r -> true, code, FaultRule.Effect.REFUSE, times));
    }

    /** As {@link #refuse}, for requests whose body contains {@code text} only (the final status, say). */
    FaultRule refuseWhenBody(String method, String path, String text, int code, int times) {
        return add(new FaultRule(method, path, r -> body(r).contains(text), code, FaultRule.Effect.REFUSE, times));
    }

    /** The next {@code times} matching requests are carried out, and then answered {@code code}. */
    FaultRule loseAnswer(String method, String path, int code, int times) {
        return add(new FaultRule(method, path, r -> true, code, FaultRule.Effect.LOSE_ANSWER, times));
    }

    /** As {@link #loseAnswer}, for requests whose body contains {@code text} only. */
    FaultRule loseAnswerWhenBody(String method, String path, String text, int code, int times) {
        return add(new FaultRule(method, path, r -> body(r).contains(text), code, FaultRule.Effect.LOSE_ANSWER, times));
    }

    /**
     * The first matching request (body containing {@code text}) is carried out, and its sender
     * dies with it, as a SIGKILL right after the request left: every later request with the same
     * User-Agent is refused (403), so nothing more it does lands.
     */
    FaultRule killSenderAfter(String method, String path, String text) {
        return add(new FaultRule(method, path, r -> body(r).contains(text), 403, FaultRule.Effect.KILL_SENDER, 1));
    }

    /**
     * The next {@code times} matching requests are carried out and answered {@code code} ms late
     * (the body is held back by a timer: the server's event loop is not blocked), as an API server
     * or kubelet that has become slow.
     */
    FaultRule slow(String method, String path, int millis, int times) {
        return add(new FaultRule(method, path, r -> true, millis, FaultRule.Effect.SLOW, times));
    }

    private FaultRule add(FaultRule rule) {
        rules.add(rule);
        return rule;
    }

    @Override
    public MockResponse dispatch(RecordedRequest request) {
        String agent = String.valueOf(request.getHeader("User-Agent"));
        if (dead.contains(agent)) {
            return failure(403, "killed");
        }
        for (FaultRule rule : rules) {
            if (!rule.matches(request)) {
                continue;
            }
            if (!rule.take()) {
                rule.passed();
            } else {
                rule.hits.add(System.nanoTime());
                switch (rule.effect()) {
                    case REFUSE:
                        return failure(rule.code(), "injected fault");
                    case LOSE_ANSWER:
                        delegate.dispatch(request);
                        return failure(rule.code(), "injected fault, the request was carried out");
                    case SLOW:
                        return delegate.dispatch(request).setBodyDelay(rule.code(), java.util.concurrent.TimeUnit.MILLISECONDS);
                    default:
                        dead.add(agent);
                        return delegate.dispatch(request);
                }
            }
        }
        return delegate.dispatch(request);
    }

    private static MockResponse failure(int code, String message) {
        return new MockResponse().setResponseCode(code).setHeader("Content-Type", "application/json")
                .setBody("{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"status\":\"Failure\",\"code\":" + code
                        + ",\"message\":\"" + message + " " + code + "\"}");
    }

    @Override
    public void close() {
        web.setDispatcher(delegate);
    }

    /** The body, left in place for the store (getUtf8Body() would consume it). */
    private static String body(RecordedRequest r) {
        return r.getBody() == null ? "" : new String(r.getBody().getBytes(), java.nio.charset.StandardCharsets.UTF_8);
    }

    private static Field field(Class<?> type, String name) throws NoSuchFieldException {
        Field f = type.getDeclaredField(name);
        f.setAccessible(true);
        return f;
    }
}
