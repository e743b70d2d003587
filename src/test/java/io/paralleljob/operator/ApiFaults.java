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
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * Faults for the mock API server, in front of its own dispatcher (expectations, then CRUD): the
 * next N requests that match a verb, a path and optionally a body get an error answer. A fault
 * either refuses the request (nothing is stored, as a quota, a 429 or an etcd timeout before the
 * write) or loses the answer (the write is stored, then the client is told it failed, as when a
 * connection drops after etcd committed). Unlike {@code server.expect()}, a fault can see the body
 * and can let the write through, which is what the interesting faults need.
 */
final class ApiFaults extends Dispatcher implements AutoCloseable {
    /** A fault rule and when it was applied (System.nanoTime()), for measuring how soon things recover. */
    final class Rule {
        private final String method;
        private final Pattern path;
        private final Predicate<RecordedRequest> when;
        private final int code;
        private final Effect effect;
        private final AtomicInteger left;
        final List<Long> hits = new CopyOnWriteArrayList<>();

        private Rule(String method, String path, Predicate<RecordedRequest> when, int code, Effect effect, int times) {
            this.method = method;
            this.path = Pattern.compile(path);
            this.when = when;
            this.code = code;
            this.effect = effect;
            this.left = new AtomicInteger(times);
        }

        private boolean take(RecordedRequest r) {
            if (!method.equalsIgnoreCase(r.getMethod()) || !path.matcher(r.getPath()).find() || !when.test(r)) {
                return false;
            }
            return left.getAndUpdate(n -> n > 0 ? n - 1 : n) > 0;
        }

        /** Nanos (System.nanoTime) of the last fault answered; the fault clears there. */
        long cleared() {
            return hits.isEmpty() ? System.nanoTime() : hits.get(hits.size() - 1);
        }

        boolean spent() {
            return left.get() == 0;
        }
    }

    private final MockWebServer web;
    private final Dispatcher delegate;
    private final List<Rule> rules = new CopyOnWriteArrayList<>();
    /** User-Agents of the clients a fault has killed. */
    private final java.util.Set<String> dead = java.util.concurrent.ConcurrentHashMap.newKeySet();

    private enum Effect { REFUSE, LOSE_ANSWER, KILL_SENDER }

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
    Rule refuse(String method, String path, int code, int times) {
        return add(new Rule(method, path, r -> true, code, Effect.REFUSE, times));
    }

    /** As {@link #refuse}, for requests whose body contains {@code text} only (the final status, say). */
    Rule refuseWhenBody(String method, String path, String text, int code, int times) {
        return add(new Rule(method, path, r -> body(r).contains(text), code, Effect.REFUSE, times));
    }

    /** The next {@code times} matching requests are carried out, and then answered {@code code}. */
    Rule loseAnswer(String method, String path, int code, int times) {
        return add(new Rule(method, path, r -> true, code, Effect.LOSE_ANSWER, times));
    }

    /** As {@link #loseAnswer}, for requests whose body contains {@code text} only. */
    Rule loseAnswerWhenBody(String method, String path, String text, int code, int times) {
        return add(new Rule(method, path, r -> body(r).contains(text), code, Effect.LOSE_ANSWER, times));
    }

    /**
     * The first matching request (body containing {@code text}) is carried out, and its sender
     * dies with it, as a SIGKILL right after the request left: every later request with the same
     * User-Agent is refused (403), so nothing more it does lands.
     */
    Rule killSenderAfter(String method, String path, String text) {
        return add(new Rule(method, path, r -> body(r).contains(text), 403, Effect.KILL_SENDER, 1));
    }

    private Rule add(Rule rule) {
        rules.add(rule);
        return rule;
    }

    @Override
    public MockResponse dispatch(RecordedRequest request) {
        String agent = String.valueOf(request.getHeader("User-Agent"));
        if (dead.contains(agent)) {
            return failure(403, "killed");
        }
        for (Rule rule : rules) {
            if (rule.take(request)) {
                rule.hits.add(System.nanoTime());
                switch (rule.effect) {
                    case REFUSE:
                        return failure(rule.code, "injected fault");
                    case LOSE_ANSWER:
                        delegate.dispatch(request);
                        return failure(rule.code, "injected fault, the request was carried out");
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
