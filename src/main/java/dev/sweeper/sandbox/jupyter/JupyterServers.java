package dev.sweeper.sandbox.jupyter;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import dev.sweeper.sandbox.fleet.Durations;
import dev.sweeper.sandbox.fleet.FleetSpec;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * One Jupyter server per notebook instance, reached the way a real one is: through the URL
 * CreatePresignedNotebookInstanceUrl returns. Opening that URL once exchanges its token for a
 * session cookie and redirects to the server's home page; the URL is "valid only for 5 minutes",
 * after which it leads to the console sign-in page
 * (https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_CreatePresignedNotebookInstanceUrl.html),
 * and here, as a one-time login token, it is also refused once used. With the cookie, the
 * server answers the Jupyter REST API's {@code GET /api/sessions}, {@code /api/kernels} and
 * {@code /api/terminals} in jupyter_server's shapes (kernels: {@code id, name, last_activity,
 * execution_state, connections}; terminals: {@code name, last_activity}; sessions: {@code id, path,
 * name, type, kernel}). Nothing here changes state: other methods answer 405.
 *
 * <p>Where the real URL is {@code https://<name>.notebook.<region>.sagemaker.aws?authToken=...}, the
 * sandbox's is {@code http://127.0.0.1:PORT/_jupyter/<account>/<region>/<name>?authToken=...}, so that
 * a client pointed at the sandbox reaches it without DNS.
 */
public final class JupyterServers {
    public static final String PREFIX = "/_jupyter/";
    /** "The URL ... is valid only for 5 minutes." */
    static final Duration URL_LIFETIME = Duration.ofMinutes(5);
    static final String SESSION_COOKIE = "sandbox-jupyter-session";
    static final String SIGN_IN = "https://signin.aws.amazon.com/";
    private static final Duration HANG = Duration.ofSeconds(60);
    private static final DateTimeFormatter JUPYTER_TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSS'Z'").withZone(ZoneOffset.UTC);

    private final Clock clock;
    private final Instant start;
    private final ObjectMapper json = new ObjectMapper();
    private final SecureRandom random = new SecureRandom();
    private final Map<String, Server> servers = new ConcurrentHashMap<>();
    private final Map<String, Grant> tokens = new ConcurrentHashMap<>();
    private final Map<String, Login> sessions = new ConcurrentHashMap<>();
    private final Consumer<String> count;
    private volatile URI base = URI.create("http://127.0.0.1");

    /** {@code count} is told every request, as {@code Jupyter.GET /api/kernels}, for the sandbox's stats. */
    public JupyterServers(Clock clock, Consumer<String> count) {
        this.clock = clock;
        this.start = clock.instant();
        this.count = count;
    }

    /** Where the sandbox listens, for the URLs it hands out. */
    public void setBase(URI base) {
        this.base = base;
    }

    private record Kernel(String id, String name, String state, Instant lastActivity, int connections, String session) {
    }

    private record Terminal(String name, Instant lastActivity) {
    }

    private record Server(String mode, List<Kernel> kernels, List<Terminal> terminals, boolean terminalsEnabled) {
    }

    /** Where a server logs the requests it answered with an error: the notebook's jupyter.log. */
    @FunctionalInterface
    public interface RequestLog {
        void logged(String account, String region, String notebook, int status, String method, String uri);
    }

    private volatile RequestLog requestLog = (account, region, notebook, status, method, uri) -> { };

    public void setRequestLog(RequestLog log) {
        this.requestLog = log;
    }

    private record Grant(String server, Instant issued, Duration session, boolean[] used) {
    }

    private record Login(String server, Instant expires) {
    }

    /** Serves the notebooks of one account's fleet. */
    public void load(String account, FleetSpec fleet) {
        for (FleetSpec.Notebook n : fleet.notebooks()) {
            String region = n.region() != null ? n.region() : fleet.region();
            Instant started = ago(n.runningFor() != null ? n.runningFor() : n.age() != null ? n.age() : "30d");
            FleetSpec.Jupyter j = n.jupyter();
            List<Kernel> kernels = new ArrayList<>();
            List<Terminal> terminals = new ArrayList<>();
            String mode = "up";
            if (j != null) {
                mode = j.server() == null ? "up" : j.server();
                List<FleetSpec.Kernel> ks = j.kernels() == null ? List.of() : j.kernels();
                for (int i = 0; i < ks.size(); i++) {
                    FleetSpec.Kernel k = ks.get(i);
                    kernels.add(new Kernel(UUID.nameUUIDFromBytes((account + region + n.name() + "/k" + i)
                            .getBytes(StandardCharsets.UTF_8)).toString(), k.name() == null ? "python3" : k.name(),
                            k.state() == null ? "idle" : k.state(),
                            k.lastActivity() == null ? started : ago(k.lastActivity()),
                            k.connections() == null ? 0 : k.connections(), k.session()));
                }
                List<FleetSpec.Terminal> ts = j.terminals() == null ? List.of() : j.terminals();
                for (int i = 0; i < ts.size(); i++) {
                    FleetSpec.Terminal t = ts.get(i);
                    terminals.add(new Terminal(t.name() == null ? String.valueOf(i + 1) : t.name(),
                            t.lastActivity() == null ? started : ago(t.lastActivity())));
                }
            }
            servers.put(key(account, region, n.name()), new Server(mode, List.copyOf(kernels), List.copyOf(terminals),
                    j == null || j.terminalsEnabled() == null || j.terminalsEnabled()));
        }
    }

    private Instant ago(String duration) {
        return start.minus(Durations.parse(duration));
    }

    private static String key(String account, String region, String name) {
        return account + "/" + region + "/" + name;
    }

    /** A one-time URL that logs into that notebook's server, or null when the sandbox serves none for it. */
    public String presign(String account, String region, String name, int sessionSeconds) {
        String server = key(account, region, name);
        if (!servers.containsKey(server)) {
            return null;
        }
        String token = secret();
        tokens.put(token, new Grant(server, clock.instant(), Duration.ofSeconds(sessionSeconds), new boolean[1]));
        return base + PREFIX + server + "?authToken=" + token;
    }

    private String secret() {
        byte[] b = new byte[32];
        random.nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }

    /** Answers one request under {@link #PREFIX}. Never logs the token or the cookie. */
    public void handle(HttpExchange ex) throws IOException {
        String path = ex.getRequestURI().getRawPath();
        String[] parts = path.substring(PREFIX.length()).split("/", 4);
        if (parts.length < 3) {
            count.accept("Jupyter." + ex.getRequestMethod() + " ?");
            send(ex, 404, "application/json", "{\"message\": \"Not Found\"}", null);
            return;
        }
        String serverKey = parts[0] + "/" + parts[1] + "/" + parts[2];
        String route = "/" + (parts.length > 3 ? parts[3] : "");
        count.accept("Jupyter." + ex.getRequestMethod() + " " + route);
        Server server = servers.get(serverKey);
        if (server == null) {
            send(ex, 404, "application/json", "{\"message\": \"Not Found\"}", null);
            return;
        }
        switch (server.mode()) {
            case "refused" -> {
                // What a NotIpAddress/aws:SourceIp condition does to the URL and every request after it.
                send(ex, 403, "application/json", "{\"message\": \"Forbidden\"}", null);
                return;
            }
            case "reset" -> {
                return; // the exchange is closed without an answer: the connection drops
            }
            case "hang" -> {
                try {
                    Thread.sleep(HANG.toMillis());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return;
            }
            default -> {
                // up
            }
        }
        if (!"GET".equals(ex.getRequestMethod())) {
            send(ex, 405, "application/json", "{\"message\": \"Method Not Allowed\"}", null);
            return;
        }
        String token = query(ex.getRequestURI().getRawQuery(), "authToken");
        if (token != null) {
            login(ex, serverKey, token);
            return;
        }
        Login login = loggedIn(ex, serverKey);
        if (login == null) {
            if (route.startsWith("/api/")) {
                send(ex, 403, "application/json", "{\"message\": \"Forbidden\"}", null);
            } else {
                send(ex, 302, "text/html", "", Map.of("Location", SIGN_IN));
            }
            return;
        }
        switch (route) {
            case "/", "/tree" -> send(ex, 200, "text/html", "<!DOCTYPE html><html><head><title>Home</title></head>"
                    + "<body>Jupyter Notebook (sandbox)</body></html>", null);
            case "/api/kernels" -> sendJson(ex, kernels(server));
            case "/api/sessions" -> sendJson(ex, sessions(server));
            case "/api/terminals" -> {
                if (server.terminalsEnabled()) {
                    sendJson(ex, terminals(server));
                } else {
                    notFound(ex, parts);
                }
            }
            case "/api/status" -> sendJson(ex, json.createObjectNode().put("started", time(start))
                    .put("last_activity", time(start)).put("connections", 0).put("kernels", server.kernels().size()));
            default -> notFound(ex, parts);
        }
    }

    /**
     * A 404, logged as jupyter_server does (log.py, {@code log_request}: a 4xx at warning level, its
     * URI with the query as sent), into the notebook's jupyter.log.
     */
    private void notFound(HttpExchange ex, String[] parts) throws IOException {
        String query = ex.getRequestURI().getRawQuery();
        String uri = "/" + (parts.length > 3 ? parts[3] : "") + (query == null ? "" : "?" + query);
        requestLog.logged(parts[0], parts[1], parts[2], 404, ex.getRequestMethod(), uri);
        send(ex, 404, "application/json", "{\"message\": \"Not Found\"}", null);
    }

    private void login(HttpExchange ex, String serverKey, String token) throws IOException {
        Grant grant = tokens.get(token);
        boolean ok;
        if (grant == null) {
            ok = false;
        } else {
            synchronized (grant) {
                ok = grant.server().equals(serverKey) && !grant.used()[0]
                        && clock.instant().isBefore(grant.issued().plus(URL_LIFETIME));
                grant.used()[0] = true;
            }
        }
        if (!ok) {
            // An expired, used or unknown URL leads to the console sign-in page.
            send(ex, 302, "text/html", "", Map.of("Location", SIGN_IN));
            return;
        }
        String sid = secret();
        sessions.put(sid, new Login(serverKey, clock.instant().plus(grant.session())));
        String path = PREFIX + serverKey + "/";
        ex.getResponseHeaders().add("Set-Cookie", SESSION_COOKIE + "=" + sid + "; Path=" + path + "; HttpOnly; Max-Age="
                + grant.session().toSeconds());
        ex.getResponseHeaders().add("Set-Cookie", "_xsrf=" + secret() + "; Path=" + path);
        send(ex, 302, "text/html", "", Map.of("Location", path + "tree"));
    }

    private Login loggedIn(HttpExchange ex, String serverKey) {
        List<String> headers = ex.getRequestHeaders().get("Cookie");
        if (headers == null) {
            return null;
        }
        for (String header : headers) {
            for (String pair : header.split(";")) {
                String[] kv = pair.trim().split("=", 2);
                if (kv.length == 2 && kv[0].equals(SESSION_COOKIE)) {
                    Login login = sessions.get(kv[1]);
                    if (login != null && login.server().equals(serverKey) && clock.instant().isBefore(login.expires())) {
                        return login;
                    }
                }
            }
        }
        return null;
    }

    private static String query(String raw, String name) {
        if (raw == null) {
            return null;
        }
        for (String pair : raw.split("&")) {
            String[] kv = pair.split("=", 2);
            if (kv[0].equals(name)) {
                return kv.length == 2 ? URLDecoder.decode(kv[1], StandardCharsets.UTF_8) : "";
            }
        }
        return null;
    }

    private ObjectNode kernel(Kernel k) {
        return json.createObjectNode().put("id", k.id()).put("name", k.name()).put("last_activity", time(k.lastActivity()))
                .put("execution_state", k.state()).put("connections", k.connections());
    }

    private ArrayNode kernels(Server s) {
        ArrayNode out = json.createArrayNode();
        s.kernels().forEach(k -> out.add(kernel(k)));
        return out;
    }

    private ArrayNode sessions(Server s) {
        ArrayNode out = json.createArrayNode();
        for (Kernel k : s.kernels()) {
            if (k.session() != null) {
                ObjectNode o = out.addObject();
                o.put("id", UUID.nameUUIDFromBytes((k.id() + "/session").getBytes(StandardCharsets.UTF_8)).toString());
                o.put("path", k.session()).put("name", k.session()).put("type", "notebook");
                o.set("kernel", kernel(k));
                o.putObject("notebook").put("path", k.session()).put("name", k.session());
            }
        }
        return out;
    }

    private ArrayNode terminals(Server s) {
        ArrayNode out = json.createArrayNode();
        s.terminals().forEach(t -> out.addObject().put("name", t.name()).put("last_activity", time(t.lastActivity())));
        return out;
    }

    private static String time(Instant i) {
        return JUPYTER_TIME.format(i);
    }

    private void sendJson(HttpExchange ex, Object node) throws IOException {
        send(ex, 200, "application/json", json.writeValueAsString(node), null);
    }

    private static void send(HttpExchange ex, int status, String type, String body, Map<String, String> headers)
            throws IOException {
        ex.getResponseHeaders().set("Content-Type", type);
        if (headers != null) {
            headers.forEach((k, v) -> ex.getResponseHeaders().set(k, v));
        }
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        ex.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            try (OutputStream out = ex.getResponseBody()) {
                out.write(bytes);
            }
        }
    }
}
