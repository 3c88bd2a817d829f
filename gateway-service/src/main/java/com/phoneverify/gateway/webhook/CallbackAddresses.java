package com.phoneverify.gateway.webhook;

import java.net.Inet4Address;
import java.net.Inet6Address;
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
 * live there), carrier-grade NAT, unspecified and multicast addresses are refused. IP
 * literals are refused when the callback is created; host names are checked when a
 * webhook is sent, on the addresses the connection actually uses ({@link #resolver()}),
 * so a name that resolves differently later (DNS rebinding) is caught as well.
 */
public final class CallbackAddresses {

	private static final Pattern IPV4_LITERAL = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

	private static final Pattern IPV6_LITERAL = Pattern.compile("\\[[0-9A-Fa-f:.]+\\]");

	private CallbackAddresses() {
	}

	/**
	 * Whether a callback may not connect to this address (unless local ones are allowed).
	 */
	public static boolean isNonPublic(InetAddress address) {
		if (address.isLoopbackAddress() || address.isSiteLocalAddress() || address.isLinkLocalAddress()
				|| address.isAnyLocalAddress() || address.isMulticastAddress()) {
			return true;
		}
		byte[] raw = address.getAddress();
		if (address instanceof Inet4Address) {
			int first = raw[0] & 0xff;
			int second = raw[1] & 0xff;
			// 0.0.0.0/8 "this network", 100.64.0.0/10 carrier-grade NAT
			return first == 0 || (first == 100 && second >= 64 && second <= 127);
		}
		if (address instanceof Inet6Address) {
			// fc00::/7 unique local
			return (raw[0] & 0xfe) == 0xfc;
		}
		return false;
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
