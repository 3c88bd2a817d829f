package com.phoneverify.interop;

import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import com.phoneverify.simulators.smsc.HandsetMessage;
import com.phoneverify.simulators.smsc.SmscSimulator;
import com.phoneverify.simulators.smsc.SmscSimulatorOptions;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.Test;

import static com.phoneverify.interop.SmsEvents.await;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Kannel's bearerbox (Debian's kannel, an SMPP implementation nobody here wrote) as an
 * ESME against our SMSC simulator: messages sent through Kannel's sendsms HTTP interface
 * arrive in the handsets' inboxes (plain, Korean UCS-2, and a long one Kannel splits with
 * a UDH), the simulator's delivery receipt reaches Kannel, and a handset's reply reaches
 * Kannel's smsbox as an MO.
 */
class KannelInteropIT {

	@Test
	void kannelSendsThroughTheSimulatorAndGetsReceiptsAndReplies() throws Exception {
		List<String> captured = new CopyOnWriteArrayList<>();
		HttpServer capture = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 10);
		capture.createContext("/", (exchange) -> {
			captured.add(exchange.getRequestURI().getRawPath() + "?" + exchange.getRequestURI().getRawQuery());
			exchange.sendResponseHeaders(200, 0);
			try (OutputStream out = exchange.getResponseBody()) {
				out.write(new byte[0]);
			}
		});
		capture.start();
		try (SmscSimulator smsc = SmscSimulator.start(SmscSimulatorOptions.defaults());
				KannelBox kannel = KannelBox.start(smsc.address().getPort(), capture.getAddress().getPort(), false, 10,
						1)) {
			await("Kannel to bind (see " + kannel.work() + ")", Duration.ofSeconds(30),
					() -> smsc.stats().boundSessions() > 0);

			assertAccepted(kannel.sendsms("15881234", "821011110001", "Kannel says hello", 0, "&dlr-mask=1&dlr-url="
					+ urlEncoded("http://127.0.0.1:" + capture.getAddress().getPort() + "/dlr?type=%d&to=%p")));
			assertAccepted(kannel.sendsms("15881234", "821011110002", "[은행] 인증번호 482913", 2, ""));
			String longText = "이체 확인: 홍길동님이 요청한 1,000,000원 이체에 동의하시면 인증번호를 회신해 주세요. ".repeat(3);
			assertAccepted(kannel.sendsms("15881234", "821011110003", longText, 2, ""));

			await("three messages on the handsets", Duration.ofSeconds(30), () -> smsc.allMessages().size() >= 3);
			assertThat(smsc.inbox("821011110001")).extracting(HandsetMessage::text)
				.containsExactly("Kannel says hello");
			assertThat(smsc.inbox("821011110002")).extracting(HandsetMessage::text).containsExactly("[은행] 인증번호 482913");
			assertThat(smsc.inbox("821011110003")).singleElement().satisfies((message) -> {
				assertThat(message.text()).isEqualTo(longText);
				assertThat(message.parts()).isGreaterThan(1);
			});

			await("the delivery report at Kannel's dlr-url", Duration.ofSeconds(30),
					() -> captured.stream().anyMatch((request) -> request.startsWith("/dlr?type=1")));

			// Kannel reads no KS C 5601 (data_coding 0x0E): the handset answers in UCS-2
			smsc.replyInUcs2("821011110002", "15881234", "482913 동의", null);
			await("the MO at Kannel's sms-service", Duration.ofSeconds(30),
					() -> captured.stream().anyMatch((request) -> request.startsWith("/mo?")));
			assertThat(captured).filteredOn((request) -> request.startsWith("/mo?"))
				.singleElement()
				.satisfies((request) -> {
					assertThat(parameter(request, "from")).isEqualTo("+821011110002".getBytes(StandardCharsets.UTF_8));
					assertThat(parameter(request, "to")).isEqualTo("15881234".getBytes(StandardCharsets.UTF_8));
					// %c = 2: UCS-2, and %b the message's bytes as the SMSC sent them
					assertThat(parameter(request, "coding")).isEqualTo("2".getBytes(StandardCharsets.UTF_8));
					assertThat(new String(parameter(request, "bytes"), StandardCharsets.UTF_16BE))
						.isEqualTo("482913 동의");
				});
		}
		finally {
			capture.stop(0);
		}
	}

	private static void assertAccepted(HttpResponse<String> response) {
		assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
	}

	/** A query parameter's bytes, percent-decoded without assuming a charset. */
	private static byte[] parameter(String request, String name) {
		String query = request.substring(request.indexOf('?') + 1);
		for (String pair : query.split("&")) {
			if (pair.startsWith(name + "=")) {
				String value = pair.substring(name.length() + 1);
				java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
				for (int i = 0; i < value.length(); i++) {
					char c = value.charAt(i);
					if (c == '%' && i + 2 < value.length()) {
						bytes.write(Integer.parseInt(value.substring(i + 1, i + 3), 16));
						i += 2;
					}
					else {
						bytes.write((c == '+') ? ' ' : c);
					}
				}
				return bytes.toByteArray();
			}
		}
		throw new AssertionError("no " + name + " in " + request);
	}

	private static String urlEncoded(String text) {
		return java.net.URLEncoder.encode(text, StandardCharsets.UTF_8);
	}

}
