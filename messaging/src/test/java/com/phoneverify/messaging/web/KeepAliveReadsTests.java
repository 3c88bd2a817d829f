package com.phoneverify.messaging.web;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;

import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.reactor.netty.NettyReactiveWebServerFactory;
import org.springframework.boot.reactor.netty.NettyServerCustomizer;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.web.server.WebServer;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.server.reactive.HttpHandler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * A client that sends its next request as soon as it has read an answer, on one
 * keep-alive connection, to a reactor-netty server built as Spring Boot builds every
 * service's: first to an exchange that has sent its whole answer but not yet ended, then
 * to exchanges answered at once.
 */
class KeepAliveReadsTests {

	/** Long enough for the next request to arrive while the exchange has not ended. */
	private static final Duration EXCHANGE_ENDS_AFTER = Duration.ofMillis(300);

	@Test
	void aConnectionKeepsBeingReadAfterAQueuedRequestIsAnsweredAtOnce() throws IOException {
		WebServer server = start(KeepAliveReads.customizer());
		try (Socket socket = connect(server, Duration.ofSeconds(5))) {
			assertThat(exchange(socket, "/answered-then-ended-later")).isEqualTo("slow");
			assertThat(exchange(socket, "/answered-at-once")).isEqualTo("fast");
			assertThat(exchange(socket, "/answered-at-once")).isEqualTo("fast");
			assertThat(exchange(socket, "/answered-then-ended-later")).isEqualTo("slow");
			assertThat(exchange(socket, "/answered-at-once")).isEqualTo("fast");
			assertThat(exchange(socket, "/answered-at-once")).isEqualTo("fast");
		}
		finally {
			server.stop();
		}
	}

	/**
	 * What the handler is for. Should this fail after a reactor-netty upgrade, the
	 * upgrade has fixed reactor-netty issue 4361, and {@link KeepAliveReads} can go.
	 */
	@Test
	void withoutItReactorNettyNeverReadsTheNextRequest() throws IOException {
		WebServer server = start((unchanged) -> unchanged);
		try (Socket socket = connect(server, Duration.ofSeconds(3))) {
			assertThat(exchange(socket, "/answered-then-ended-later")).isEqualTo("slow");
			assertThat(exchange(socket, "/answered-at-once")).isEqualTo("fast");
			assertThatExceptionOfType(SocketTimeoutException.class)
				.isThrownBy(() -> exchange(socket, "/answered-at-once"));
		}
		finally {
			server.stop();
		}
	}

	@Test
	void everyServiceGetsIt() {
		new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(WebServerAutoConfiguration.class))
			.run((context) -> assertThat(context).getBean("keepAliveReads").isInstanceOf(NettyServerCustomizer.class));
	}

	/**
	 * A server built as Spring Boot builds every service's, with Spring's HTTP adapter.
	 */
	private static WebServer start(NettyServerCustomizer customizer) {
		NettyReactiveWebServerFactory factory = new NettyReactiveWebServerFactory(0);
		factory.setAddress(InetAddress.getLoopbackAddress());
		factory.addServerCustomizers(customizer);
		WebServer server = factory.getWebServer(answers());
		server.start();
		return server;
	}

	private static Socket connect(WebServer server, Duration readTimeout) throws IOException {
		Socket socket = new Socket(InetAddress.getLoopbackAddress(), server.getPort());
		socket.setSoTimeout((int) readTimeout.toMillis());
		return socket;
	}

	/** Sends a GET and reads its answer's body, as a pooling HTTP/1.1 client would. */
	private static String exchange(Socket socket, String path) throws IOException {
		socket.getOutputStream()
			.write(("GET " + path + " HTTP/1.1\r\nHost: localhost\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
		InputStream in = socket.getInputStream();
		String head = head(in);
		assertThat(head).startsWith("HTTP/1.1 200");
		return new String(in.readNBytes(contentLength(head)), StandardCharsets.US_ASCII);
	}

	private static String head(InputStream in) throws IOException {
		ByteArrayOutputStream head = new ByteArrayOutputStream();
		while (!head.toString(StandardCharsets.US_ASCII).endsWith("\r\n\r\n")) {
			int next = in.read();
			if (next < 0) {
				throw new IOException("connection closed after: " + head);
			}
			head.write(next);
		}
		return head.toString(StandardCharsets.US_ASCII);
	}

	private static int contentLength(String head) {
		for (String line : head.split("\r\n")) {
			if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
				return Integer.parseInt(line.substring("content-length:".length()).trim());
			}
		}
		throw new AssertionError("no Content-Length in " + head);
	}

	/**
	 * {@code /answered-then-ended-later} flushes its whole answer, then ends its exchange
	 * a moment later, as an answer written from another thread may; anything else is
	 * answered at once, as a handler that returns a value does.
	 */
	private static HttpHandler answers() {
		return (request, response) -> {
			boolean slow = request.getPath().value().equals("/answered-then-ended-later");
			DataBuffer body = response.bufferFactory()
				.wrap((slow ? "slow" : "fast").getBytes(StandardCharsets.US_ASCII));
			response.getHeaders().setContentLength(4);
			if (!slow) {
				return response.writeWith(Mono.just(body));
			}
			return response.writeAndFlushWith(Mono.just(Mono.just(body))).then(Mono.delay(EXCHANGE_ENDS_AFTER)).then();
		};
	}

}
