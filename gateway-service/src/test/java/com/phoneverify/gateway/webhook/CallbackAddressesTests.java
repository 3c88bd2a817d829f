package com.phoneverify.gateway.webhook;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import com.phoneverify.gateway.webhook.CallbackAddresses.RefusedCallbackAddressException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import reactor.netty.DisposableServer;
import reactor.netty.http.client.HttpClient;
import reactor.netty.http.server.HttpServer;
import reactor.test.StepVerifier;

import static org.assertj.core.api.Assertions.assertThat;

class CallbackAddressesTests {

	@ParameterizedTest(name = "{0} is non-public")
	@ValueSource(strings = { "127.0.0.1", "127.8.9.10", "10.0.0.1", "172.16.0.1", "172.31.255.255", "192.168.0.1",
			"169.254.169.254", "100.64.0.1", "100.127.255.255", "0.0.0.0", "0.1.2.3", "224.0.0.1", "239.255.255.255",
			// benchmarking 198.18.0.0/15, reserved 240.0.0.0/4, broadcast
			"198.18.0.1", "198.19.255.255", "240.0.0.1", "250.1.2.3", "255.255.255.254", "255.255.255.255", "::1", "::",
			"fe80::1", "fec0::1", "fc00::1", "fd12:3456::1", "ff02::1",
			// IPv4-mapped and IPv4-compatible IPv6 with a non-public IPv4 inside
			"::ffff:10.0.0.1", "::ffff:127.0.0.1", "::ffff:198.18.0.1", "::ffff:240.0.0.1", "::10.0.0.1", "::127.0.0.1",
			"::169.254.169.254", "::198.18.0.1", "::255.255.255.255",
			// NAT64: the whole well-known and local-use prefixes, whatever is embedded
			"64:ff9b::7f00:1", "64:ff9b::a9fe:a9fe", "64:ff9b::c612:1", "64:ff9b::808:808", "64:ff9b:1::a00:1",
			// 6to4 with a non-public IPv4 inside
			"2002:7f00:1::1", "2002:a00:1::1" })
	void nonPublicAddresses(String address) throws Exception {
		assertThat(CallbackAddresses.isNonPublic(InetAddress.getByName(address))).isTrue();
	}

	@ParameterizedTest(name = "{0} is public")
	@ValueSource(strings = { "8.8.8.8", "172.32.0.1", "100.128.0.1", "198.17.255.255", "198.20.0.1", "223.255.255.255",
			"2001:4860:4860::8888", "::ffff:8.8.8.8", "::8.8.8.8", "64:ff9a::808:808", "2002:808:808::1" })
	void publicAddresses(String address) throws Exception {
		assertThat(CallbackAddresses.isNonPublic(InetAddress.getByName(address))).isFalse();
	}

	/**
	 * An IPv4-mapped address kept as an {@code Inet6Address} (not unwrapped by the JDK).
	 */
	@Test
	void anIpv4MappedInet6AddressIsJudgedByItsIpv4Address() throws Exception {
		byte[] mapped = { 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, (byte) 0xff, (byte) 0xff, (byte) 198, 18, 0, 1 };
		assertThat(CallbackAddresses.isNonPublic(Inet6Address.getByAddress(null, mapped, -1))).isTrue();
		mapped[12] = 8;
		mapped[13] = 8;
		mapped[14] = 8;
		mapped[15] = 8;
		assertThat(CallbackAddresses.isNonPublic(Inet6Address.getByAddress(null, mapped, -1))).isFalse();
	}

	@ParameterizedTest(name = "{0} is refused at creation")
	@ValueSource(strings = { "https://[::1%251]/h", "https://[fe80::1%25eth0]/h", "https://[fe80::1%eth0]/h",
			"https://[2001:4860:4860::8888%251]/h", "https://198.18.0.1/h", "https://198.19.1.1/h",
			"https://240.0.0.1/h", "https://255.255.255.255/h", "https://[64:ff9b::a9fe:a9fe]/h",
			"https://[64:ff9b::808:808]/h", "https://[::ffff:198.18.0.1]/h", "https://[::ffff:127.0.0.1]/h",
			"https://[::127.0.0.1]/h", "https://[::ffff:c612:1]/h" })
	void refusedCallbackUrls(String url) {
		assertThat(CallbackAddresses.refusal(URI.create(url))).isNotNull();
	}

	@ParameterizedTest(name = "{0} is allowed at creation")
	@ValueSource(strings = { "https://8.8.8.8/h", "https://[2001:4860:4860::8888]/h", "https://[::ffff:8.8.8.8]/h",
			"https://shop.example/h" })
	void allowedCallbackUrls(String url) {
		assertThat(CallbackAddresses.refusal(URI.create(url))).isNull();
	}

	@Test
	void zoneIdsAreRefusedByName() {
		assertThat(CallbackAddresses.refusal(URI.create("https://[fe80::1%25eth0]/h"))).contains("zone");
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
