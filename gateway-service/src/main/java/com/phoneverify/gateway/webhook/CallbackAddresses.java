package com.phoneverify.gateway.webhook;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

import io.netty.resolver.AddressResolver;
import io.netty.resolver.AddressResolverGroup;
import io.netty.resolver.InetNameResolver;
import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.Promise;
import org.jspecify.annotations.Nullable;
import reactor.core.scheduler.Schedulers;

/**
 * Where webhooks may go: the SSRF policy of callback URLs. Unless local callbacks are
 * allowed (devstack), a callback must not reach the gateway's own host or network:
 * loopback, private (RFC 1918, IPv6 unique local), link-local (cloud metadata services
 * live there), carrier-grade NAT, benchmarking, reserved, broadcast, NAT64, unspecified
 * and multicast addresses are refused, and so is an IPv4 address embedded in an IPv6 one
 * by the same rules ({@link #isNonPublic}). A URL whose host has an IPv6 zone id is
 * always refused. IP literals are refused when the callback is created; host names are
 * checked when a webhook is sent, on the addresses the connection actually uses
 * ({@link #resolver()}), so a name that resolves differently later (DNS rebinding) is
 * caught as well.
 */
public final class CallbackAddresses {

	private static final Pattern IPV4_LITERAL = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

	private static final Pattern IPV6_LITERAL = Pattern.compile("\\[[0-9A-Fa-f:.]+\\]");

	private CallbackAddresses() {
	}

	/**
	 * Whether a callback may not connect to this address (unless local ones are allowed).
	 * IPv4: 0.0.0.0/8, loopback, RFC 1918, link-local, carrier-grade NAT (100.64.0.0/10),
	 * benchmarking (198.18.0.0/15), multicast, reserved (240.0.0.0/4) and broadcast
	 * (255.255.255.255). IPv6: unspecified, loopback, link-local, site-local, unique
	 * local (fc00::/7), multicast, the NAT64 prefixes (64:ff9b::/96, 64:ff9b:1::/48),
	 * whatever their embedded IPv4, and IPv4-mapped, IPv4-compatible and 6to4 (2002::/16)
	 * addresses whose embedded IPv4 address is non-public.
	 */
	public static boolean isNonPublic(InetAddress address) {
		if (address.isLoopbackAddress() || address.isSiteLocalAddress() || address.isLinkLocalAddress()
				|| address.isAnyLocalAddress() || address.isMulticastAddress()) {
			return true;
		}
		byte[] raw = address.getAddress();
		if (raw.length == 4) {
			return isNonPublicIpv4(raw, 0);
		}
		if (raw.length != 16) {
			return true;
		}
		// fc00::/7 unique local
		if ((raw[0] & 0xfe) == 0xfc) {
			return true;
		}
		// 64:ff9b::/96 (well-known NAT64) and 64:ff9b:1::/48 (local-use NAT64): a
		// translator may reach anything behind it, so the whole prefix is refused
		if (raw[0] == 0x00 && raw[1] == 0x64 && (raw[2] & 0xff) == 0xff && (raw[3] & 0xff) == 0x9b) {
			return true;
		}
		// ::ffff:a.b.c.d (IPv4-mapped) and ::a.b.c.d (IPv4-compatible)
		if (zeros(raw, 0, 10)
				&& ((raw[10] == 0 && raw[11] == 0) || ((raw[10] & 0xff) == 0xff && (raw[11] & 0xff) == 0xff))) {
			return isNonPublicIpv4(raw, 12);
		}
		// 2002::/16 6to4: the IPv4 address of the relay follows the prefix
		if (raw[0] == 0x20 && raw[1] == 0x02) {
			return isNonPublicIpv4(raw, 2);
		}
		// fec0::/10 site-local (deprecated, but still routed by some networks)
		return (raw[0] & 0xff) == 0xfe && (raw[1] & 0xc0) == 0xc0;
	}

	private static boolean isNonPublicIpv4(byte[] raw, int offset) {
		int first = raw[offset] & 0xff;
		int second = raw[offset + 1] & 0xff;
		return first == 0 // "this network"
				|| first == 10 // RFC 1918
				|| first == 127 // loopback
				|| (first == 100 && second >= 64 && second <= 127) // carrier-grade NAT
				|| (first == 169 && second == 254) // link-local, cloud metadata
				|| (first == 172 && second >= 16 && second <= 31) // RFC 1918
				|| (first == 192 && second == 168) // RFC 1918
				|| (first == 192 && second == 0 && (raw[offset + 2] & 0xff) == 0) // IETF
																					// protocol
				|| (first == 198 && (second & 0xfe) == 18) // benchmarking 198.18.0.0/15
				|| first >= 224; // multicast, reserved 240.0.0.0/4, broadcast
	}

	private static boolean zeros(byte[] raw, int from, int to) {
		for (int i = from; i < to; i++) {
			if (raw[i] != 0) {
				return false;
			}
		}
		return true;
	}

	/**
	 * Whether a URI host is an IPv6 literal with a zone id ({@code [fe80::1%25eth0]}): it
	 * names an interface of the gateway's own host, never a public address.
	 */
	public static boolean hasZoneId(String host) {
		return host.startsWith("[") && host.indexOf('%') >= 0;
	}

	/** The address of a URI host that is an IP literal; null for a host name. */
	public static @Nullable InetAddress literal(String host) {
		if (!IPV4_LITERAL.matcher(host).matches() && !IPV6_LITERAL.matcher(host).matches()) {
			return null;
		}
		try {
			// a literal: no name lookup happens
			return InetAddress.getByName(host);
		}
		catch (UnknownHostException ex) {
			return null;
		}
	}

	/**
	 * Why a callback URL may not be used, judged without name lookups; null when it may
	 * (as far as that goes).
	 */
	public static @Nullable String refusal(URI url) {
		String host = url.getHost();
		if (host == null) {
			return "has no host";
		}
		if (hasZoneId(host)) {
			return "must not contain an IPv6 zone id";
		}
		String lower = host.toLowerCase(Locale.ROOT);
		if (lower.equals("localhost") || lower.endsWith(".localhost")) {
			return "must not point to localhost";
		}
		InetAddress literal = literal(host);
		if (literal != null && isNonPublic(literal)) {
			return "must not point to a loopback, private or link-local address";
		}
		return null;
	}

	/**
	 * A resolver for the webhook client that fails, with
	 * {@link RefusedCallbackAddressException}, for a host name with any non-public
	 * address. Names are looked up with the JDK resolver on a bounded elastic thread,
	 * never on the event loop.
	 */
	static AddressResolverGroup<InetSocketAddress> resolver() {
		return new AddressResolverGroup<>() {
			@Override
			protected AddressResolver<InetSocketAddress> newResolver(EventExecutor executor) {
				return new PublicOnlyNameResolver(executor).asAddressResolver();
			}
		};
	}

	/** A callback host that resolves to an address the policy refuses. */
	public static final class RefusedCallbackAddressException extends RuntimeException {

		RefusedCallbackAddressException(String message) {
			super(message);
		}

	}

	private static final class PublicOnlyNameResolver extends InetNameResolver {

		PublicOnlyNameResolver(EventExecutor executor) {
			super(executor);
		}

		@Override
		protected void doResolve(String host, Promise<InetAddress> promise) {
			Schedulers.boundedElastic().schedule(() -> {
				try {
					promise.trySuccess(check(host).get(0));
				}
				catch (Exception ex) {
					promise.tryFailure(ex);
				}
			});
		}

		@Override
		protected void doResolveAll(String host, Promise<List<InetAddress>> promise) {
			Schedulers.boundedElastic().schedule(() -> {
				try {
					promise.trySuccess(check(host));
				}
				catch (Exception ex) {
					promise.tryFailure(ex);
				}
			});
		}

		private static List<InetAddress> check(String host) throws UnknownHostException {
			InetAddress[] addresses = InetAddress.getAllByName(host);
			for (InetAddress address : addresses) {
				if (isNonPublic(address)) {
					throw new RefusedCallbackAddressException("callback host " + host + " resolves to "
							+ address.getHostAddress() + ", a loopback, private or link-local address; refused");
				}
			}
			return List.of(addresses);
		}

	}

}
