package com.phoneverify.interop.faults;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;

import com.sun.net.httpserver.HttpServer;

/** The merchant's callback endpoint: records the body of every delivery, answers 204. */
final class WebhookReceiver implements AutoCloseable {

	private final HttpServer server;

	private final List<String> deliveries = new CopyOnWriteArrayList<>();

	WebhookReceiver() {
		try {
			this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		this.server.setExecutor(Executors.newFixedThreadPool(4));
		this.server.createContext("/hooks", exchange -> {
			this.deliveries.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
			exchange.sendResponseHeaders(204, -1);
			exchange.close();
		});
		this.server.start();
	}

	String url() {
		return "http://127.0.0.1:" + this.server.getAddress().getPort() + "/hooks";
	}

	List<String> deliveriesMentioning(String verificationId) {
		return this.deliveries.stream().filter(body -> body.contains(verificationId)).toList();
	}

	@Override
	public void close() {
		this.server.stop(0);
	}

}
