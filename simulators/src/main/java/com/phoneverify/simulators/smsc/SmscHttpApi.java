package com.phoneverify.simulators.smsc;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * The SMSC simulator's HTTP API (JDK HttpServer), for humans, devstack and tests:
 * <ul>
 * <li>{@code GET /handsets/{digits}/inbox}: what a handset received (JSON array)</li>
 * <li>{@code POST /handsets/{digits}/reply?to={digits}[&system-id=…][&coding=ucs2]} with
 * the text as a UTF-8 body: the handset replies (deliver_sm MO to a bound ESME), in
 * EUC-KR when the text allows (UCS-2 otherwise, or when asked)</li>
 * <li>{@code GET /stats}: counters</li>
 * <li>{@code POST /switches?throttle-every=N&queue-full-every=N&slow-ms=N&disconnect-after=N&receipt-delay-ms=N&unreachable=DIGITS&reset=true}</li>
 * <li>{@code POST /sessions/drop}: drops every SMPP connection now</li>
 * <li>{@code DELETE /handsets}: empties every inbox</li>
 * </ul>
 */
public final class SmscHttpApi implements AutoCloseable {

	private final HttpServer server;

	private final SmscSimulator smsc;

	private SmscHttpApi(SmscSimulator smsc, HttpServer server) {
		this.smsc = smsc;
		this.server = server;
		server.createContext("/", this::handle);
		server.setExecutor(Executors.newFixedThreadPool(2, (runnable) -> {
			Thread thread = new Thread(runnable, "smsc-http");
			thread.setDaemon(true);
			return thread;
		}));
		server.start();
	}

	public static SmscHttpApi start(SmscSimulator smsc, String host, int port) {
		try {
			return new SmscHttpApi(smsc, HttpServer.create(new InetSocketAddress(host, port), 50));
		}
		catch (IOException ex) {
			throw new IllegalStateException("SMSC HTTP API could not listen on " + port, ex);
		}
	}

	public InetSocketAddress address() {
		return this.server.getAddress();
	}

	@Override
	public void close() {
		this.server.stop(0);
	}

	private void handle(HttpExchange exchange) throws IOException {
		try (exchange) {
			String method = exchange.getRequestMethod();
			String[] path = exchange.getRequestURI().getPath().replaceAll("^/+|/+$", "").split("/");
			Map<String, String> query = query(exchange.getRequestURI().getRawQuery());
			if (method.equals("GET") && path.length == 3 && path[0].equals("handsets") && path[2].equals("inbox")) {
				respond(exchange, 200, inboxJson(this.smsc.inbox(path[1])));
			}
			else if (method.equals("POST") && path.length == 3 && path[0].equals("handsets")
					&& path[2].equals("reply")) {
				String to = query.get("to");
				String text = new String(readAll(exchange.getRequestBody()), StandardCharsets.UTF_8);
				if (to == null || !to.matches("[0-9]{3,20}") || !path[1].matches("[0-9]{3,20}")) {
					problem(exchange, 400, "the handset and ?to= must be digits");
					return;
				}
				if ("ucs2".equals(query.get("coding"))) {
					this.smsc.replyInUcs2(path[1], to, text, query.get("system-id"));
				}
				else {
					this.smsc.reply(path[1], to, text, query.get("system-id"));
				}
				respond(exchange, 202, "{\"queued\":true}");
			}
			else if (method.equals("GET") && path.length == 1 && path[0].equals("stats")) {
				respond(exchange, 200, this.smsc.stats().toJson());
			}
			else if (method.equals("POST") && path.length == 1 && path[0].equals("switches")) {
				respond(exchange, 200, applySwitches(query));
			}
			else if (method.equals("POST") && path.length == 2 && path[0].equals("sessions")
					&& path[1].equals("drop")) {
				this.smsc.dropSessions();
				respond(exchange, 200, "{\"dropped\":true}");
			}
			else if (method.equals("DELETE") && path.length == 1 && path[0].equals("handsets")) {
				this.smsc.clearInboxes();
				respond(exchange, 204, "");
			}
			else {
				problem(exchange, 404, "no such resource: " + method + " " + exchange.getRequestURI().getPath());
			}
		}
		catch (NumberFormatException ex) {
			problem(exchange, 400, "a switch must be a number: " + ex.getMessage());
		}
	}

	private String applySwitches(Map<String, String> query) {
		SmscSwitches switches = this.smsc.switches();
		if ("true".equals(query.get("reset"))) {
			switches.reset();
		}
		if (query.containsKey("throttle-every")) {
			switches.throttleEvery(Integer.parseInt(query.get("throttle-every")));
		}
		if (query.containsKey("queue-full-every")) {
			switches.queueFullEvery(Integer.parseInt(query.get("queue-full-every")));
		}
		if (query.containsKey("slow-ms")) {
			switches.slowResponses(Long.parseLong(query.get("slow-ms")));
		}
		if (query.containsKey("disconnect-after")) {
			switches.disconnectAfter(Integer.parseInt(query.get("disconnect-after")));
		}
		if (query.containsKey("receipt-delay-ms")) {
			switches.receiptDelay(Long.parseLong(query.get("receipt-delay-ms")));
		}
		if (query.containsKey("unreachable")) {
			switches.unreachable(query.get("unreachable"));
		}
		return switches.describe();
	}

	static String inboxJson(List<HandsetMessage> messages) {
		StringBuilder json = new StringBuilder("[");
		for (HandsetMessage message : messages) {
			if (json.length() > 1) {
				json.append(',');
			}
			json.append("{\"smscMessageIds\":[");
			for (int i = 0; i < message.smscMessageIds().size(); i++) {
				json.append((i > 0) ? "," : "").append(quote(message.smscMessageIds().get(i)));
			}
			json.append("],\"from\":")
				.append(quote(message.from()))
				.append(",\"to\":")
				.append(quote(message.to()))
				.append(",\"text\":")
				.append(quote(message.text()))
				.append(",\"dataCoding\":")
				.append(message.dataCoding())
				.append(",\"parts\":")
				.append(message.parts())
				.append(",\"viaPayload\":")
				.append(message.viaPayload())
				.append(",\"receivedAt\":")
				.append(quote(message.receivedAt().toString()))
				.append('}');
		}
		return json.append(']').toString();
	}

	static String quote(String text) {
		StringBuilder quoted = new StringBuilder("\"");
		for (char c : text.toCharArray()) {
			switch (c) {
				case '"' -> quoted.append("\\\"");
				case '\\' -> quoted.append("\\\\");
				case '\n' -> quoted.append("\\n");
				case '\r' -> quoted.append("\\r");
				case '\t' -> quoted.append("\\t");
				default -> {
					if (c < 0x20) {
						quoted.append(String.format("\\u%04x", (int) c));
					}
					else {
						quoted.append(c);
					}
				}
			}
		}
		return quoted.append('"').toString();
	}

	private static void problem(HttpExchange exchange, int status, String detail) throws IOException {
		exchange.getResponseHeaders().set("Content-Type", "application/problem+json");
		byte[] body = ("{\"title\":\"Bad request\",\"status\":" + status + ",\"detail\":" + quote(detail) + "}")
			.getBytes(StandardCharsets.UTF_8);
		exchange.sendResponseHeaders(status, body.length);
		try (OutputStream out = exchange.getResponseBody()) {
			out.write(body);
		}
	}

	private static void respond(HttpExchange exchange, int status, String json) throws IOException {
		byte[] body = json.getBytes(StandardCharsets.UTF_8);
		exchange.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
		exchange.sendResponseHeaders(status, (status == 204) ? -1 : body.length);
		if (status != 204) {
			try (OutputStream out = exchange.getResponseBody()) {
				out.write(body);
			}
		}
	}

	private static byte[] readAll(InputStream in) throws IOException {
		return in.readNBytes(64 * 1024);
	}

	private static Map<String, String> query(String raw) {
		Map<String, String> values = new HashMap<>();
		if (raw == null || raw.isEmpty()) {
			return values;
		}
		for (String pair : raw.split("&")) {
			int eq = pair.indexOf('=');
			String name = URLDecoder.decode((eq < 0) ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
			String value = (eq < 0) ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
			values.put(name, value);
		}
		return values;
	}

}
