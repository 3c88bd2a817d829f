package com.phoneverify.gateway.webhook;

import java.net.InetAddress;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import com.phoneverify.gateway.webhook.CallbackAddresses.RefusedCallbackAddressException;
import org.junit.jupiter.api.Test;
import reactor.netty.DisposableServer;
import reactor.netty.http.client.HttpClient;
import reactor.netty.http.server.HttpServer;
import reactor.test.StepVerifier;

import static org.assertj.core.api.Assertions.assertThat;

class CallbackAddressesTests {

	@Test
	void loopbackPrivateLinkLocalAndSimilarAddressesAreNonPublic() throws Exception {
		for (String address : new String[] { "127.0.0.1", "127.8.9.10", "10.0.0.1", "172.16.0.1", "172.31.255.255",
				"192.168.0.1", "169.254.169.254", "100.64.0.1", "100.127.255.255", "0.0.0.0", "224.0.0.1", "::1",
				"fe80::1", "fc00::1", "fd12:3456::1", "::ffff:10.0.0.1", "::" }) {
			assertThat(CallbackAddresses.isNonPublic(InetAddress.getByName(address))).as(address).isTrue();
		}
		for (String address : new String[] { "8.8.8.8", "172.32.0.1", "100.128.0.1", "2001:4860:4860::8888" }) {
			assertThat(CallbackAddresses.isNonPublic(InetAddress.getByName(address))).as(address).isFalse();
		}
	}

	@Test
	void theDeliveryResolverRefusesAHostNameThatResolvesToLoopbackAndSendsNothing() {
		AtomicInteger received = new AtomicInteger();
		DisposableServer server = HttpServer.create().host("127.0.0.1").port(0).handle((request, response) -> {
			received.incrementAndGet();
			return response.status(204).send();
		}).bindNow();
		try {
			HttpClient refusing = HttpClient.create().resolver(CallbackAddresses.resolver());
			StepVerifier.create(refusing.get().uri("http://localhost:" + server.port() + "/hook").response())
				.expectErrorSatisfies((ex) -> assertThat(ex).satisfiesAnyOf(
						(e) -> assertThat(e).isInstanceOf(RefusedCallbackAddressException.class),
						(e) -> assertThat(e).hasRootCauseInstanceOf(RefusedCallbackAddressException.class)))
				.verify(Duration.ofSeconds(10));
			assertThat(received).hasValue(0);
		}
		finally {
			server.disposeNow();
		}
	}

}
